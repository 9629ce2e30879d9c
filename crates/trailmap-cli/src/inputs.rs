//! Turning path arguments into files: directories are searched
//! recursively for `*.json` roadmaps, in sorted order.

use std::path::{Path, PathBuf};

/// A path argument that could not be used.
pub struct InputError(pub String);

/// Expands files and directories into a sorted list of files. Hidden
/// directories and `*.schema.json` files are skipped when walking.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            // Anything else (a file, a FIFO) is the loader's to judge.
            Ok(_) => files.push(path.clone()),
            Err(err) => errors.push(InputError(format!("cannot read {}: {}", path.display(), err))),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let mut stack = vec![dir.to_path_buf()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                errors.push(InputError(format!("cannot read directory {}: {}", dir.display(), err)));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !name.starts_with('.') {
                    stack.push(path);
                }
            } else if kind.is_file() && name.ends_with(".json") && !name.ends_with(".schema.json") {
                found.push(path);
            }
        }
    }
    found.sort();
    files.extend(found);
}

/// Parses a size such as `1048576`, `512K`, `64M` or `1G` (binary units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let n: u64 = digits.parse().map_err(|_| format!("`{text}` is not a size (examples: 1048576, 512K, 64M, 1G)"))?;
    let factor: u64 = match unit.to_ascii_uppercase().trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown size unit in `{text}` (use K, M or G)")),
    };
    n.checked_mul(factor).ok_or_else(|| format!("`{text}` is too large"))
}

//! Bytes -> `trailmap_lint::lint` with every rule on (two files, split at
//! a NUL byte, so cross-file rules run too; the first read as JSON, the
//! second as YAML), every output format, and the safe fixes: applying them
//! never panics and keeps the file UTF-8 text that still parses.

#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trailmap_lint::SourceFile;
use trailmap_lint::config::Config;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config::parse("[lint]\nselect = [\"ALL\"]\n", None).expect("valid config"))
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<SourceFile> = common::split(data, 2)
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let name = if i == 0 { "fuzz/0.json" } else { "fuzz/1.yaml" };
            SourceFile::new(name, String::from_utf8_lossy(part).into_owned())
        })
        .collect();
    let diagnostics = trailmap_lint::lint_with(&files, config(), &common::options());
    for file in &files {
        let own: Vec<_> = diagnostics.iter().filter(|d| *d.file == *file.name).cloned().collect();
        common::check_diagnostics(Some(&file.text), file.text.len(), &own);
        let (fixed, applied) = trailmap_lint::fix::apply_fixes(&file.text, &own);
        if applied > 0 {
            let _ = trailmap_lint::fix::unified_diff(&file.name, &file.text, &fixed);
            // A fix must not break a file that parsed.
            let format = trailmap::Format::from_path(&file.name);
            let parses = |text: &str| trailmap::convert::convert(text, format, trailmap::Format::Json).is_ok();
            if parses(&file.text) {
                assert!(parses(&fixed), "a fix broke the file:\n{}\n---\n{fixed}", file.text);
            }
        }
    }
});

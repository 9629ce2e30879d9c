//! File writes that never leave a user's file half-written.

use std::io::Write;
use std::path::Path;

/// Replaces `path` with `contents` atomically: writes a temporary file in
/// the same directory, flushes it to disk, copies the original's
/// permissions, then renames it over the original. If anything fails, the
/// original is untouched and the temporary file is removed.
///
/// ```
/// let path = std::env::temp_dir().join("trailmap-doc-write-atomic.json");
/// std::fs::write(&path, "old").unwrap();
/// trailmap::fs::write_atomic(&path, b"new").unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
/// ```
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.trailmap-{}-{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(err) => return Err(err),
        }
    };
    let result = (|| {
        file.write_all(contents)?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(&tmp, permissions)?;
        }
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_original_intact() {
        let dir = std::env::temp_dir().join(format!("trailmap-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roadmap.json");
        std::fs::write(&path, "original").unwrap();
        // The target is a directory: the rename fails after the temporary
        // file was written.
        let target = dir.join("sub");
        std::fs::create_dir_all(target.join("x")).unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary file removed");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_preserved() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("trailmap-perm-{}.json", std::process::id()));
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        let _ = std::fs::remove_file(&path);
    }
}

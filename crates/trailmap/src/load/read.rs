//! Reading a file from disk, bounded, before any parsing.

use std::path::Path;

/// Why a file could not be read at all. Problems with the content are
/// diagnostics, not errors.
///
/// ```
/// let err = trailmap::Roadmap::from_path("/no/such/file.json").unwrap_err();
/// assert!(err.to_string().contains("/no/such/file.json"));
/// ```
#[derive(Debug)]
pub struct ReadError {
    /// The path as given.
    pub path: String,
    /// What went wrong.
    pub source: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path, self.source)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Reads a whole file, refusing directories, FIFOs and other non-regular
/// files (reading a FIFO would block forever) and files over `max_bytes`
/// (reported as `Ok(Err(size))` so the caller can diagnose it).
///
/// ```
/// let err = trailmap::load::read_file(std::path::Path::new("/"), 10).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
/// ```
pub fn read_file(path: &Path, max_bytes: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a directory" } else { "not a regular file" };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("is {what}")));
    }
    if meta.len() > max_bytes {
        return Ok(Err(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between stat and read: never read past the limit.
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

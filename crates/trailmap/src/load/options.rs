//! How to load: the size limit.

/// Default upper bound on the size of one input file: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How to load. The defaults suit untrusted input.
///
/// ```
/// let options = trailmap::LoadOptions::default().with_max_bytes(1024);
/// let loaded = trailmap::Roadmap::from_json_str_with(&"x".repeat(2000), "big.json", &options);
/// assert_eq!(loaded.diagnostics[0].code, "TM009");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Inputs larger than this many bytes are refused with `TM009`.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_BYTES }
    }
}

impl LoadOptions {
    /// Refuse inputs larger than `max_bytes` (`TM009`).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

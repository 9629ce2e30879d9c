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
    /// Keep validation's lookup of every prerequisite id for the graph
    /// ([`Loaded::take_resolved_ids`](crate::Loaded::take_resolved_ids)):
    /// 4 bytes an id, held until taken.
    pub keep_resolved_ids: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_BYTES, keep_resolved_ids: false }
    }
}

impl LoadOptions {
    /// Refuse inputs larger than `max_bytes` (`TM009`).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Keep validation's lookup of every prerequisite id, for a
    /// [`SkillGraph`](crate::SkillGraph) built from it
    /// ([`ResolvedIds`](crate::ResolvedIds)).
    ///
    /// ```
    /// let options = trailmap::LoadOptions::default().with_resolved_ids(true);
    /// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#;
    /// assert!(trailmap::Roadmap::from_json_str_with(text, "r.json", &options).take_resolved_ids().is_some());
    /// ```
    pub fn with_resolved_ids(mut self, keep: bool) -> Self {
        self.keep_resolved_ids = keep;
        self
    }
}

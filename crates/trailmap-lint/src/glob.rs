//! Glob matching for `trailmap.toml` overrides, with `globset` (ripgrep's):
//! the same syntax and semantics as ripgrep's `--glob`: `*` and `?` match
//! within a path segment, `**` across segments, `{a,b}` alternatives, `[a-z]` classes. A
//! pattern with no `/` matches the file name alone, as in `.gitignore`.

use globset::GlobBuilder;

/// `true` when `path` (with `/` separators) matches `pattern`; an invalid
/// pattern matches nothing (the configuration is checked when loaded).
///
/// ```
/// use trailmap_lint::glob::matches;
/// assert!(matches("roadmaps/*.json", "roadmaps/a.json"));
/// assert!(!matches("roadmaps/*.json", "roadmaps/old/a.json"));
/// assert!(matches("roadmaps/**/*.json", "roadmaps/old/a.json"));
/// assert!(matches("legacy-*.json", "roadmaps/legacy-1.json"));
/// ```
pub fn matches(pattern: &str, path: &str) -> bool {
    let path = path.strip_prefix("./").unwrap_or(path);
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    let (pattern, subject) =
        if pattern.contains('/') { (pattern, path) } else { (pattern, path.rsplit('/').next().unwrap_or(path)) };
    GlobBuilder::new(pattern).literal_separator(true).build().is_ok_and(|glob| glob.compile_matcher().is_match(subject))
}

/// Checks that `pattern` is a valid glob.
///
/// ```
/// assert!(trailmap_lint::glob::check("roadmaps/[a-").is_err());
/// ```
pub fn check(pattern: &str) -> Result<(), String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|_| ())
        .map_err(|e| format!("invalid pattern `{pattern}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn many_stars_stay_fast_and_correct() {
        // Exponential in a backtracking matcher; linear in globset's.
        let pattern = format!("{}b", "**/".repeat(30));
        let path = format!("{}c", "a/".repeat(30));
        assert!(!matches(&pattern, &path));
        assert!(matches("**/x/**/*.json", "a/x/b/c.json"));
    }
}

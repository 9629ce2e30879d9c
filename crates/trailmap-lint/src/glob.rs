//! Glob matching for `trailmap.toml` overrides, with `globset` (ripgrep's):
//! the same syntax and semantics as ripgrep's `--glob`: `*` and `?` match
//! within a path segment, `**` across segments, `{a,b}` alternatives, `[a-z]` classes. A
//! pattern with no `/` matches the file name alone, as in `.gitignore`.

use std::cell::RefCell;
use std::collections::HashMap;

use globset::{GlobBuilder, GlobMatcher};

/// Patterns compiled on this thread, at most [`COMPILED_MAX`]: the same
/// few patterns of a configuration are tried against every file, and
/// compiling one (a regular expression) cost more than linting a small
/// roadmap.
const COMPILED_MAX: usize = 256;

thread_local! {
    static COMPILED: RefCell<HashMap<String, Option<GlobMatcher>>> = RefCell::new(HashMap::new());
}

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
    COMPILED.with_borrow_mut(|compiled| {
        if !compiled.contains_key(pattern) {
            if compiled.len() >= COMPILED_MAX {
                compiled.clear();
            }
            let matcher = GlobBuilder::new(pattern).literal_separator(true).build().ok().map(|g| g.compile_matcher());
            compiled.insert(pattern.to_owned(), matcher);
        }
        compiled[pattern].as_ref().is_some_and(|m| m.is_match(subject))
    })
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

    #[test]
    fn compiled_patterns_answer_as_before_once_the_cache_is_full() {
        assert!(matches("legacy/*.json", "legacy/a.json"));
        assert!(!matches("legacy/[a-", "legacy/[a-"), "an invalid pattern matches nothing, twice");
        assert!(!matches("legacy/[a-", "legacy/[a-"));
        for i in 0..3 * super::COMPILED_MAX {
            let pattern = format!("p{i}/*.json");
            assert!(matches(&pattern, &format!("p{i}/a.json")) && !matches(&pattern, "q/a.json"));
        }
        assert!(matches("legacy/*.json", "./legacy/a.json"));
        assert!(!matches("legacy/*.json", "legacy/sub/a.json"));
    }
}

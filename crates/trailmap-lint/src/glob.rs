//! Minimal glob matching for `trailmap.toml` overrides: `*` matches within
//! a path segment, `**` across segments, `?` one character. A pattern with
//! no `/` matches the file name alone, as in `.gitignore`.

/// `true` when `path` (with `/` separators) matches `pattern`.
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
    if !pattern.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return match_here(pattern.as_bytes(), name.as_bytes());
    }
    match_here(pattern.strip_prefix("./").unwrap_or(pattern).as_bytes(), path.as_bytes())
}

fn match_here(pattern: &[u8], path: &[u8]) -> bool {
    let p: Vec<&[u8]> = pattern.split(|b| *b == b'/').collect();
    let s: Vec<&[u8]> = path.split(|b| *b == b'/').collect();
    match_segments(&p, &s)
}

/// `**` matches any number of whole segments; other segments match one.
/// Recursion depth is bounded by the number of pattern segments (config).
fn match_segments(p: &[&[u8]], s: &[&[u8]]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((first, rest)) if *first == b"**" => (0..=s.len()).any(|k| match_segments(rest, &s[k..])),
        Some((first, rest)) => !s.is_empty() && match_segment(first, s[0]) && match_segments(rest, &s[1..]),
    }
}

/// `*` and `?` within one segment (iterative, with one backtrack point).
fn match_segment(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi + 1, si));
            pi += 1;
        } else if let Some((after, from)) = star {
            pi = after;
            si = from + 1;
            star = Some((after, from + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

//! Safe fixes: exact edits to the source text, so the rest of the file
//! (key order, formatting, comments in strings) stays as it was.

use trailmap::{Diagnostic, Edit};

/// Edits that remove the array element at `pointer` together with one
/// neighbouring comma, keeping the surrounding layout.
///
/// ```
/// let src = r#"{"a": ["x", "y", "z"]}"#;
/// let edits = trailmap_lint::fix::remove_array_element(src, "/a/1").unwrap();
/// assert_eq!(trailmap_lint::fix::apply(src, &edits).0, r#"{"a": ["x", "z"]}"#);
/// ```
pub fn remove_array_element(source: &str, pointer: &str) -> Option<Vec<Edit>> {
    remove_array_elements(source, &[pointer]).pop().flatten()
}

/// [`remove_array_element`] for many pointers at once, in one scan of the
/// source (a scan per pointer is quadratic when a large file has many
/// findings). One result per pointer, in order.
///
/// ```
/// let src = r#"{"a": ["x", "y", "z"], "b": [1]}"#;
/// let edits = trailmap_lint::fix::remove_array_elements(src, &["/a/0", "/b/0"]);
/// assert_eq!(edits.len(), 2);
/// assert_eq!(trailmap_lint::fix::apply(src, edits[0].as_ref().unwrap()).0, r#"{"a": ["y", "z"], "b": [1]}"#);
/// assert_eq!(trailmap_lint::fix::apply(src, edits[1].as_ref().unwrap()).0, r#"{"a": ["x", "y", "z"], "b": []}"#);
/// ```
pub fn remove_array_elements<P: AsRef<str>>(source: &str, pointers: &[P]) -> Vec<Option<Vec<Edit>>> {
    let mut probes: Vec<Diagnostic> =
        pointers.iter().map(|p| Diagnostic::new("", "", trailmap::Severity::Info, "").at(p.as_ref())).collect();
    trailmap::locate(source, &mut probes);
    probes.iter().map(|probe| probe.location.and_then(|loc| removal(source, loc.offset, loc.end_offset))).collect()
}

/// The edit that removes the element at `start..end` and one comma.
fn removal(source: &str, start: usize, end: usize) -> Option<Vec<Edit>> {
    if start >= end || end > source.len() {
        return None;
    }
    let bytes = source.as_bytes();
    // Prefer removing the comma before the element: `[a, b]` -> `[a]`.
    let mut before = start;
    while before > 0 && bytes[before - 1].is_ascii_whitespace() {
        before -= 1;
    }
    if before > 0 && bytes[before - 1] == b',' {
        return Some(vec![Edit { start: before - 1, end, replacement: String::new() }]);
    }
    // First element: remove it, the comma after it and the space before
    // the next element: `[a, b]` -> `[b]`.
    let mut after = end;
    while after < bytes.len() && bytes[after].is_ascii_whitespace() {
        after += 1;
    }
    if after < bytes.len() && bytes[after] == b',' {
        let mut next = after + 1;
        while next < bytes.len() && bytes[next].is_ascii_whitespace() {
            next += 1;
        }
        return Some(vec![Edit { start, end: next, replacement: String::new() }]);
    }
    // The only element.
    Some(vec![Edit { start, end, replacement: String::new() }])
}

/// Applies non-overlapping edits (in any order); an edit that overlaps one
/// already taken is skipped. Returns the new text and how many edits were
/// applied.
///
/// ```
/// use trailmap::Edit;
/// let edits = [Edit { start: 0, end: 1, replacement: "A".into() }, Edit { start: 0, end: 2, replacement: "?".into() }];
/// assert_eq!(trailmap_lint::fix::apply("abc", &edits), ("Abc".to_owned(), 1));
/// ```
pub fn apply(source: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().filter(|e| e.start <= e.end && e.end <= source.len()).collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    let mut applied = 0;
    for edit in sorted {
        if edit.start < at || !source.is_char_boundary(edit.start) || !source.is_char_boundary(edit.end) {
            continue;
        }
        out.push_str(&source[at..edit.start]);
        out.push_str(&edit.replacement);
        at = edit.end;
        applied += 1;
    }
    out.push_str(&source[at..]);
    (out, applied)
}

/// Applies every fix of `diagnostics` (whole fixes only: a fix whose edits
/// overlap another fix's waits for the next round).
///
/// ```
/// let src = r#"{"a": [1, 2]}"#;
/// let mut d = trailmap::Diagnostic::new("TM107", "x", trailmap::Severity::Warning, "m");
/// d.fix = Some(trailmap::Fix { message: "m".into(), edits: trailmap_lint::fix::remove_array_element(src, "/a/0").unwrap() });
/// assert_eq!(trailmap_lint::fix::apply_fixes(src, &[d]), (r#"{"a": [2]}"#.to_owned(), 1));
/// ```
pub fn apply_fixes(source: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut fixes = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        let overlaps = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| e.start < t.end.max(t.start + 1) && t.start < e.end.max(e.start + 1)));
        if !overlaps {
            taken.extend(fix.edits.iter().cloned());
            fixes += 1;
        }
    }
    let (text, _) = apply(source, &taken);
    (text, fixes)
}

/// A unified diff (`--- a/FILE`, `+++ b/FILE`, hunks with three lines of
/// context) between two versions of a file; empty when they are equal.
///
/// ```
/// let diff = trailmap_lint::fix::unified_diff("r.json", "a\nb\nc\n", "a\nc\n");
/// assert!(diff.contains("@@ -1,3 +1,2 @@\n a\n-b\n c\n"));
/// ```
pub fn unified_diff(file: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Common prefix and suffix, then an LCS table on the middle only.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(char, &str)> = a[..prefix].iter().map(|l| (' ', *l)).collect();
    if am.len().saturating_mul(bm.len()) <= 4_000_000 {
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push((' ', am[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
                ops.push(('+', bm[j]));
                j += 1;
            } else {
                ops.push(('-', am[i]));
                i += 1;
            }
        }
    } else {
        ops.extend(am.iter().map(|l| ('-', *l)));
        ops.extend(bm.iter().map(|l| ('+', *l)));
    }
    ops.extend(a[a.len() - suffix..].iter().map(|l| (' ', *l)));

    let mut out = format!("--- a/{file}\n+++ b/{file}\n");
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, (k, _))| *k != ' ').map(|(i, _)| i).collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(3);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 6 {
            end = changed[k];
            k += 1;
        }
        let end = (end + 4).min(ops.len());
        let old_start = ops[..start].iter().filter(|(c, _)| *c != '+').count();
        let new_start = ops[..start].iter().filter(|(c, _)| *c != '-').count();
        let old_len = ops[start..end].iter().filter(|(c, _)| *c != '+').count();
        let new_len = ops[start..end].iter().filter(|(c, _)| *c != '-').count();
        out.push_str(&format!("@@ -{},{old_len} +{},{new_len} @@\n", old_start + 1, new_start + 1));
        for (c, line) in &ops[start..end] {
            out.push(*c);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

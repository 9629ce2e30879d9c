//! Safe fixes: exact edits to the source text, so the rest of the file
//! (key order, formatting, comments in strings) stays as it was.

use std::fmt::Write;

use trailmap::{Diagnostic, Edit, Format};

use crate::findings::Place;

mod yaml;

/// Edits that remove the array element at `pointer` together with one
/// neighbouring comma, keeping the surrounding layout.
///
/// In YAML source (the format is sniffed, as [`trailmap::locate()`] does), a
/// block sequence item goes as whole lines, its trailing comment with it,
/// and a flow sequence item as in JSON; comments and layout elsewhere stay.
///
/// ```
/// let src = "a:\n  # keep me\n  - x  # about x\n  - y\n";
/// let edits = trailmap_lint::fix::remove_array_element(src, "/a/0").unwrap();
/// assert_eq!(trailmap_lint::fix::apply(src, &edits).0, "a:\n  # keep me\n  - y\n");
/// ```
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
/// findings). One result per pointer, in order. Each result works on its
/// own, and the results do not overlap, so they can be applied together:
/// elements from the first of a list on take the comma after them.
///
/// ```
/// let src = r#"{"a": ["x", "y", "z"], "b": [1]}"#;
/// let edits = trailmap_lint::fix::remove_array_elements(src, &["/a/0", "/b/0"]);
/// assert_eq!(edits.len(), 2);
/// assert_eq!(trailmap_lint::fix::apply(src, edits[0].as_ref().unwrap()).0, r#"{"a": ["y", "z"], "b": [1]}"#);
/// assert_eq!(trailmap_lint::fix::apply(src, edits[1].as_ref().unwrap()).0, r#"{"a": ["x", "y", "z"], "b": []}"#);
///
/// let both = trailmap_lint::fix::remove_array_elements(src, &["/a/0", "/a/1"]);
/// let edits: Vec<_> = both.into_iter().flatten().flatten().collect();
/// assert_eq!(trailmap_lint::fix::apply(src, &edits), (r#"{"a": ["z"], "b": [1]}"#.to_owned(), 2));
/// ```
pub fn remove_array_elements<P: AsRef<str>>(source: &str, pointers: &[P]) -> Vec<Option<Vec<Edit>>> {
    if Format::sniff(source) == Format::Yaml {
        return yaml::remove_items(source, pointers, &leading(pointers));
    }
    let mut probes: Vec<Diagnostic> =
        pointers.iter().map(|p| Diagnostic::new("", "", trailmap::Severity::Info, "").at(p.as_ref())).collect();
    trailmap::locate(source, &mut probes);
    let leading = leading(pointers);
    probes
        .iter()
        .zip(leading)
        .map(|(probe, leading)| probe.location.and_then(|loc| removal(source, loc.offset, loc.end_offset, leading)))
        .collect()
}

/// For each of `pointers` removed together, whether it is in the run of
/// them that starts at its list's first element. Such an element goes
/// with the comma after it, so that the run's edits neither overlap nor
/// leave a comma behind: `[a, b, c]` loses `a, ` and `b, `, where `a, `
/// and `, b` would overlap and, applied as one, leave `[, c]`.
pub(crate) fn leading<P: AsRef<str>>(pointers: &[P]) -> Vec<bool> {
    let split: Vec<Option<(&str, usize)>> = pointers.iter().map(|p| split_index(p.as_ref())).collect();
    let mut by_list: Vec<(&str, usize)> = split.iter().flatten().copied().collect();
    by_list.sort_unstable();
    by_list.dedup();
    let run: std::collections::HashMap<&str, usize> = by_list
        .chunk_by(|a, b| a.0 == b.0)
        .map(|list| (list[0].0, run_from_first(list.iter().map(|&(_, index)| index))))
        .collect();
    split.iter().map(|s| s.is_some_and(|(list, index)| run.get(list).is_some_and(|&n| index < n))).collect()
}

/// How many elements from a list's first on go, of the indices removed
/// from it (increasing, each once): the run [`leading`] marks.
fn run_from_first(indices: impl Iterator<Item = usize>) -> usize {
    indices.enumerate().take_while(|&(k, index)| k == index).count()
}

/// `("/a/b", 3)` for `/a/b/3`.
pub(crate) fn split_index(pointer: &str) -> Option<(&str, usize)> {
    let cut = pointer.rfind('/')?;
    Some((&pointer[..cut], pointer[cut + 1..].parse().ok()?))
}

/// Rules whose fix removes the array element at the finding's pointer. They
/// leave the fix's edits empty; [`fill_removals`] cuts them from the
/// located span once every finding is located, so that locating fixes
/// costs no scan of the file of its own.
pub(crate) const REMOVES_ELEMENT: &[&str] = &["TM107", "TM120"];

/// Fills the edits of the [`REMOVES_ELEMENT`] fixes of located
/// diagnostics; a fix whose element cannot be cut is dropped. JSON edits
/// come from the located spans; YAML ones from the tree `locator` parsed
/// to locate them, as whole lines, keeping comments and layout.
pub(crate) fn fill_removals(
    source: &str,
    format: Format,
    locator: &mut trailmap::locate::Locator<'_>,
    diagnostics: &mut [Diagnostic],
) {
    let targets: Vec<usize> = (0..diagnostics.len()).filter(|&i| awaits_removal(&diagnostics[i])).collect();
    if targets.is_empty() {
        return;
    }
    let pointers: Vec<&str> = targets.iter().map(|&i| diagnostics[i].pointer.as_str()).collect();
    // Each rule's fixes are made to go together; another rule's may wait
    // for the next round.
    let mut leading = vec![false; targets.len()];
    for code in REMOVES_ELEMENT {
        let own: Vec<usize> = (0..targets.len()).filter(|&k| diagnostics[targets[k]].code == *code).collect();
        let own_pointers: Vec<&str> = own.iter().map(|&k| pointers[k]).collect();
        for (k, lead) in own.into_iter().zip(self::leading(&own_pointers)) {
            leading[k] = lead;
        }
    }
    if format != Format::Yaml {
        for (i, leading) in targets.into_iter().zip(leading) {
            let d = &mut diagnostics[i];
            let edits = d.location.and_then(|loc| removal(source, loc.offset, loc.end_offset, leading));
            set_removal(d, edits);
        }
        return;
    }
    let edits = yaml::remove_items_in(source, locator, &pointers, &leading);
    for (i, edits) in targets.into_iter().zip(edits) {
        set_removal(&mut diagnostics[i], edits);
    }
}

/// Fills the edits of a located diagnostic's [`REMOVES_ELEMENT`] fix in
/// `source`, read as `format`, which removes the elements of one list at
/// `members` (each element's index in the list, in order, and its place):
/// the edits [`remove_array_elements`] makes for them together, joined
/// where they meet (`set_removal`). In YAML an element whose sequence's
/// shape is not known (it is behind an alias) is not cut, nor then the
/// others.
pub(crate) fn fill_compact_removal(source: &str, format: Format, d: &mut Diagnostic, members: &[(usize, Place)]) {
    if awaits_removal(d) {
        let run = run_from_first(members.iter().map(|&(index, _)| index));
        let mut edits: Vec<Edit> = Vec::new();
        for &(index, place) in members {
            let (start, end, leading) = (place.at.offset, place.at.end_offset, index < run);
            let cut = match (format, place.shape) {
                (Format::Yaml, Some(shape)) => yaml::removal(source, (start, end), shape.flow, shape.len, leading),
                (Format::Yaml, None) => None,
                _ => removal_edit(source, start, end, leading).map(|edit| vec![edit]),
            };
            let Some(cut) = cut else { return set_removal(d, None) };
            // Joined as they come: a list of twenty entries is not held
            // as nineteen edits first.
            for edit in cut {
                if !edits.last_mut().is_some_and(|last| join(last, &edit)) {
                    edits.push(edit);
                }
            }
        }
        set_removal(d, Some(edits));
    }
}

/// Whether `d`'s fix removes its element and its edits are still to come.
fn awaits_removal(d: &Diagnostic) -> bool {
    REMOVES_ELEMENT.contains(&d.code) && d.fix.as_ref().is_some_and(|f| f.edits.is_empty())
}

/// Gives `d`'s fix the edits of every one of `each`, or drops the fix when
/// one has none (its element cannot be cut).
#[cfg(test)]
pub(crate) fn set_removals(d: &mut Diagnostic, each: &[Option<Vec<Edit>>]) {
    let all: Option<Vec<Vec<Edit>>> = each.iter().cloned().collect();
    set_removal(d, all.map(|edits| edits.concat()));
}

/// Gives `d`'s fix the edits that remove its elements, those that meet
/// joined into one, or drops the fix when there are none (an element
/// cannot be cut).
fn set_removal(d: &mut Diagnostic, edits: Option<Vec<Edit>>) {
    match (edits, &mut d.fix) {
        (Some(mut edits), Some(fix)) => {
            join_touching(&mut edits);
            fix.edits = edits;
        }
        _ => d.fix = None,
    }
}

/// Joins each removal that starts where the one before it ends into that
/// one: they cut the same bytes (`"a", ` and `"b", ` of `["a", "b", "c"]`
/// are `"a", "b", `), and nineteen entries of a list of twenty are then one
/// edit, not nineteen.
fn join_touching(edits: &mut Vec<Edit>) {
    edits.dedup_by(|next, last| join(last, next));
}

/// Joins `next` into `last` when both are removals and `next` starts where
/// `last` ends; whether it did.
fn join(last: &mut Edit, next: &Edit) -> bool {
    let touching = last.end == next.start && last.replacement.is_empty() && next.replacement.is_empty();
    if touching {
        last.end = next.end;
    }
    touching
}

/// The edit that removes the element at `start..end` and one comma: the
/// one before it, or for an element [`leading`] or first, the one after.
pub(crate) fn removal(source: &str, start: usize, end: usize, leading: bool) -> Option<Vec<Edit>> {
    removal_edit(source, start, end, leading).map(|edit| vec![edit])
}

/// [`removal`]'s one edit.
fn removal_edit(source: &str, start: usize, end: usize, leading: bool) -> Option<Edit> {
    if start >= end || end > source.len() {
        return None;
    }
    let bytes = source.as_bytes();
    // Prefer removing the comma before the element: `[a, b]` -> `[a]`.
    let mut before = start;
    while before > 0 && bytes[before - 1].is_ascii_whitespace() {
        before -= 1;
    }
    if !leading && before > 0 && bytes[before - 1] == b',' {
        return Some(Edit { start: before - 1, end, replacement: String::new() });
    }
    // First element: remove it, the comma after it and the space before
    // the next element: `[a, b]` -> `[b]`. A leading element that is the
    // last goes alone: the elements before it take their commas.
    let mut after = end;
    while after < bytes.len() && bytes[after].is_ascii_whitespace() {
        after += 1;
    }
    if after < bytes.len() && bytes[after] == b',' {
        let mut next = after + 1;
        while next < bytes.len() && bytes[next].is_ascii_whitespace() {
            next += 1;
        }
        return Some(Edit { start, end: next, replacement: String::new() });
    }
    // The only element.
    Some(Edit { start, end, replacement: String::new() })
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
    apply_fixes_of(source, diagnostics.iter())
}

/// [`apply_fixes`] over borrowed diagnostics (one file's, picked from a run's).
fn apply_fixes_of<'d>(source: &str, diagnostics: impl Iterator<Item = &'d Diagnostic>) -> (String, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut covered = Covered::default();
    let mut fixes = 0;
    for fix in diagnostics.filter_map(|d| d.fix.as_ref()) {
        if !fix.edits.iter().any(|e| covered.overlaps(span(e))) {
            for e in &fix.edits {
                covered.insert(span(e));
            }
            taken.extend(fix.edits.iter().cloned());
            fixes += 1;
        }
    }
    let (text, _) = apply(source, &taken);
    (text, fixes)
}

/// The bytes an edit claims: its range, or the one byte at an insertion
/// point, so that two insertions at one place conflict.
fn span(edit: &Edit) -> (usize, usize) {
    (edit.start, edit.end.max(edit.start + 1))
}

/// The bytes claimed by the edits taken so far, as disjoint ranges keyed by
/// start: whether a new range overlaps is one look at its predecessor, so
/// that a file with 100,000 fixes is not quadratic.
#[derive(Default)]
struct Covered(std::collections::BTreeMap<usize, usize>);

impl Covered {
    /// Disjoint ranges sorted by start are sorted by end too, so the range
    /// starting last before `end` is the only one that can reach `start`.
    fn overlaps(&self, (start, end): (usize, usize)) -> bool {
        self.0.range(..end).next_back().is_some_and(|(_, &e)| e > start)
    }

    /// Adds a range, merged with any it overlaps (the edits of one fix may
    /// overlap each other), so the ranges stay disjoint.
    fn insert(&mut self, (mut start, mut end): (usize, usize)) {
        while let Some((&s, &e)) = self.0.range(..end).next_back() {
            if e <= start {
                break;
            }
            self.0.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.0.insert(start, end);
    }
}

/// How many rounds [`fix_all`] runs before it gives up: a fix that keeps
/// producing new fixes is a bug in a rule, not a reason to loop forever.
/// (A check that stops at a bound on its work, as TM107 does on a very
/// large and dense graph, finds more each round: another run goes on.)
pub const MAX_FIX_ROUNDS: usize = 10;

/// The outcome of [`fix_all`].
#[derive(Debug)]
#[non_exhaustive]
pub struct FixOutcome {
    /// The diagnostics of the fixed texts.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied in all.
    pub fixed: usize,
    /// How many fixes were applied to each file, in the order of the files
    /// given: a caller whose write of a file fails takes them back.
    pub fixed_in: Vec<usize>,
    /// `false` when fixes were still changing the files after
    /// [`MAX_FIX_ROUNDS`] rounds (as ruff reports "failed to converge").
    pub converged: bool,
}

/// Applies every safe fix to `files` in rounds, re-linting after each
/// (a fix may apply only once an overlapping one has), until nothing
/// changes or [`MAX_FIX_ROUNDS`] is reached. `diagnostics` are those of the
/// texts as given; the texts are fixed in place.
///
/// ```
/// use trailmap_lint::{SourceFile, config::Config, fix::fix_all};
/// // `c` needs `a` twice over: directly, and through `b` (TM107, fixable).
/// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
///   {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#;
/// let mut files = vec![SourceFile::new("r.json", text)];
/// let config = Config::default();
/// let options = trailmap::LoadOptions::default();
/// let before = trailmap_lint::lint_with(&files, &config, &options);
/// let outcome = fix_all(&mut files, before, &config, &options);
/// assert!(outcome.converged);
/// assert!(outcome.fixed >= 1);
/// assert_eq!(outcome.fixed_in, [outcome.fixed]);
/// assert!(files[0].text.contains(r#""prerequisites": ["b"]"#), "{}", files[0].text);
/// ```
pub fn fix_all(
    files: &mut [crate::SourceFile],
    diagnostics: Vec<Diagnostic>,
    config: &crate::config::Config,
    options: &trailmap::LoadOptions,
) -> FixOutcome {
    let mut outcome = FixOutcome { diagnostics, fixed: 0, fixed_in: vec![0; files.len()], converged: false };
    for _ in 0..MAX_FIX_ROUNDS {
        let mut changed = false;
        let by_file = by_file(&outcome.diagnostics);
        for (file, fixed_here) in files.iter_mut().zip(&mut outcome.fixed_in) {
            let own = by_file.get(file.name.as_str()).into_iter().flatten().copied();
            let (text, n) = apply_fixes_of(&file.text, own);
            if n > 0 && text != file.text {
                file.text = text;
                outcome.fixed += n;
                *fixed_here += n;
                changed = true;
            }
        }
        if !changed {
            outcome.converged = true;
            return outcome;
        }
        outcome.diagnostics = crate::lint_with(files, config, options);
    }
    // Converged if the last round's findings have nothing left to apply.
    let by_file = by_file(&outcome.diagnostics);
    outcome.converged = files.iter().all(|file| {
        let own = by_file.get(file.name.as_str()).into_iter().flatten().copied();
        apply_fixes_of(&file.text, own).0 == file.text
    });
    outcome
}

/// The list entries that a file's top-level suppressions name by index
/// in their `pointer`, as (list pointer, index), at every index step of
/// the pointer (`/a/1/b/2` pins `/a` at 1 and `/a/1/b` at 2). A
/// suppression inside an object moves with it; these stay as written.
pub(crate) fn pinned_entries(suppressions: &[crate::suppress::Suppression]) -> Vec<(String, usize)> {
    let top_level = format!("/{}/", crate::suppress::KEY);
    let mut pinned = Vec::new();
    for s in suppressions.iter().filter(|s| s.at.starts_with(&top_level)) {
        let steps = trailmap::pointer::ancestors(&s.scope).filter_map(split_index);
        pinned.extend(steps.map(|(list, index)| (list.to_owned(), index)));
    }
    pinned.sort_unstable();
    pinned.dedup();
    pinned
}

/// Drops the fix of a removal that comes before an entry a suppression
/// names by index ([`pinned_entries`]) in the same list, and says why in
/// its help: removing it would move the suppression onto the next entry,
/// and the next round of `--fix` would remove the entry it kept.
pub(crate) fn withhold_if_shifting(d: &mut Diagnostic, pinned: &[(String, usize)]) {
    if pinned.is_empty() || !REMOVES_ELEMENT.contains(&d.code) || d.fix.is_none() {
        return;
    }
    // A removal's pointer is its first entry: the lowest index it removes.
    let Some((list, first)) = split_index(&d.pointer) else { return };
    let later = pinned.iter().filter(|(l, k)| l == list && *k > first).map(|(_, k)| *k).min();
    if let Some(k) = later {
        d.fix = None;
        d.help = Some(format!(
            "remove it by hand, and lower the index of the suppression's pointer `{list}/{k}`: removed by a fix, it would move that suppression onto another entry"
        ));
    }
}

/// A run's diagnostics grouped by file, in order within each.
fn by_file(diagnostics: &[Diagnostic]) -> std::collections::HashMap<&str, Vec<&Diagnostic>> {
    let mut grouped: std::collections::HashMap<&str, Vec<&Diagnostic>> = std::collections::HashMap::new();
    for d in diagnostics {
        grouped.entry(&*d.file).or_default().push(d);
    }
    grouped
}

/// A unified diff (`--- a/FILE`, `+++ b/FILE`, hunks with three lines of
/// context) between two versions of a file; empty when they are equal.
/// Myers' algorithm with a deadline (the `similar` crate), so a huge file
/// still gets a minimal-enough diff quickly, never "replace everything".
///
/// ```
/// let diff = trailmap_lint::fix::unified_diff("r.json", "a\nb\nc\n", "a\nc\n");
/// assert!(diff.contains("@@ -1,3 +1,2 @@\n a\n-b\n c\n"), "{diff}");
/// ```
pub fn unified_diff(file: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(std::time::Duration::from_secs(2))
        .diff_lines(old, new);
    let mut out = String::new();
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .missing_newline_hint(true)
            .header(&format!("a/{file}"), &format!("b/{file}"))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: a fix is taken when none of its edits overlaps an
    /// edit of a fix taken before it.
    fn taken_by_pairs(fixes: &[Vec<Edit>]) -> Vec<bool> {
        let mut taken: Vec<Edit> = Vec::new();
        fixes
            .iter()
            .map(|edits| {
                let overlaps =
                    edits.iter().any(|e| taken.iter().any(|t| span(e).0 < span(t).1 && span(t).0 < span(e).1));
                if !overlaps {
                    taken.extend(edits.iter().cloned());
                }
                !overlaps
            })
            .collect()
    }

    fn edit() -> impl Strategy<Value = Edit> {
        (0usize..60, 0usize..6).prop_map(|(start, len)| Edit { start, end: start + len, replacement: "x".into() })
    }

    proptest! {
        #[test]
        fn covered_takes_what_pairwise_checks_take(fixes in prop::collection::vec(prop::collection::vec(edit(), 1..4), 0..40)) {
            let mut covered = Covered::default();
            for (edits, expected) in fixes.iter().zip(taken_by_pairs(&fixes)) {
                let free = !edits.iter().any(|e| covered.overlaps(span(e)));
                prop_assert_eq!(free, expected);
                if free {
                    for e in edits {
                        covered.insert(span(e));
                    }
                }
            }
        }
    }
}

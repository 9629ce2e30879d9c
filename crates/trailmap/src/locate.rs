//! From JSON Pointers back to lines and columns.
//!
//! The loader parses with serde, which keeps no positions: that keeps the
//! happy path fast. Only when there is something to report does this module
//! scan the source text once (JSON) or walk its tree (YAML), descending
//! only into the containers on the way to a reported pointer, and turn
//! byte offsets into 1-based lines and columns.

use crate::diagnostic::{Anchor, Diagnostic, Location};
use crate::format::Format;
pub use crate::line_index::{LineIndex, LineSweep};

#[cfg(test)]
mod documents;
mod items;
mod locator;
mod scan;
mod wanted;
mod yaml_items;

pub use items::{list_fields_each, list_item_members_each, list_items, list_items_each};
pub use locator::Locator;
use scan::Range;
pub(crate) use scan::duplicate_keys;
use wanted::Wanted;
pub use yaml_items::{SequenceShape, yaml_list_fields_each, yaml_list_item_members_each, yaml_list_items_each};

/// The text after any byte-order mark, and the mark's length: sources are
/// located in that text, each offset shifted back by it.
fn after_bom(source: &str) -> (&str, usize) {
    match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (source, 0),
    }
}

/// Fills in the [`Location`] of every diagnostic that has none, from its
/// pointer and anchor, with one scan of `source`.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let source = "{\n  \"skills\": [\n    {\"id\": \"x\"}\n  ]\n}";
/// let mut diags = vec![Diagnostic::new("TM002", "schema", Severity::Error, "m").at("/skills/0/id")];
/// trailmap::locate(source, &mut diags);
/// let loc = diags[0].location.unwrap();
/// assert_eq!((loc.line, loc.column, loc.end_column), (3, 12, 15));
/// ```
///
/// The format is guessed from the text ([`Format::sniff`]); YAML sources
/// are located in their YAML tree.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let source = "skills:\n  - id: x\n";
/// let mut diags = vec![Diagnostic::new("TM002", "schema", Severity::Error, "m").at("/skills/0/id")];
/// trailmap::locate(source, &mut diags);
/// let loc = diags[0].location.unwrap();
/// assert_eq!((loc.line, loc.column, loc.end_column), (2, 9, 10));
/// ```
pub fn locate(source: &str, diagnostics: &mut [Diagnostic]) {
    locate_as(source, Format::sniff(source), diagnostics);
}

/// Where a YAML sequence and its items are in the source, for tools that
/// edit YAML text in place (`trailmap lint --fix`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SequenceSpans {
    /// Byte range of the sequence (from `[`, or from its first item's
    /// content in block style).
    pub span: (usize, usize),
    /// Byte range of each item (its content, after the `- `).
    pub items: Vec<(usize, usize)>,
    /// `true` for a flow sequence (`[a, b]`), `false` for a block one.
    pub flow: bool,
}

/// The sequence at each pointer in the YAML `source`, from one parse:
/// `None` for a pointer that names no sequence, or when the text does not
/// parse. Each answer holds its own copy of the item spans: ask for a
/// sequence once, however many of its items concern the caller (a list of
/// 20,000 items asked 20,000 times took 12.7 GB).
///
/// ```
/// let source = "a:\n  - x  # why\n  - y\nb: [1, 2]\n";
/// let found = trailmap::locate::yaml_sequences(source, &["/a", "/b", "/c"]);
/// let a = found[0].as_ref().unwrap();
/// assert_eq!((a.flow, &source[a.items[1].0..a.items[1].1]), (false, "y"));
/// assert!(found[1].as_ref().unwrap().flow);
/// assert!(found[2].is_none());
/// ```
pub fn yaml_sequences<P: AsRef<str>>(source: &str, pointers: &[P]) -> Vec<Option<SequenceSpans>> {
    Locator::new(source, Format::Yaml).yaml_sequences(pointers)
}

/// [`locate()`] in a source of a known format.
///
/// ```
/// use trailmap::{Diagnostic, Format, Severity};
///
/// let mut diags = vec![Diagnostic::new("TM002", "schema", Severity::Error, "m").at_key("/b")];
/// trailmap::locate::locate_as("{a: 1, b: 2}", Format::Yaml, &mut diags);
/// assert_eq!(diags[0].location.unwrap().column, 8);
/// ```
pub fn locate_as(source: &str, format: Format, diagnostics: &mut [Diagnostic]) {
    Locator::new(source, format).locate(diagnostics);
}

/// [`locate()`] in JSON text.
pub(crate) fn locate_json(source: &str, diagnostics: &mut [Diagnostic]) {
    locate_with(source, diagnostics, |wanted| wanted.scan(source.as_bytes()));
}

/// Fills in the location of every diagnostic that has none, from its
/// pointer, in `root`, the YAML tree of `source`.
pub(crate) fn locate_yaml(source: &str, root: &crate::yaml::Node, diagnostics: &mut [Diagnostic]) {
    locate_with(source, diagnostics, |wanted| wanted.walk_tree(root));
}

/// The work of [`locate_json`] and [`locate_yaml`]: every unlocated
/// diagnostic's pointer into one [`Wanted`] tree, `find` to fill in the
/// spans, then lines and columns.
fn locate_with(source: &str, diagnostics: &mut [Diagnostic], find: impl FnOnce(&mut Wanted<'_>)) {
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let mut wanted = Wanted::new();
    let nodes: Vec<(usize, u32)> = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.location.is_none())
        .map(|(i, d)| (i, wanted.insert(&d.pointer)))
        .collect();
    find(&mut wanted);
    let mut ranges: Vec<(usize, Range)> = Vec::with_capacity(nodes.len());
    for (i, node) in nodes {
        let (key, value) = wanted.span(node).unwrap_or((None, (0, 0)));
        let (start, end) = match (diagnostics[i].anchor, key) {
            (Anchor::Key, Some(key)) => key,
            _ => value,
        };
        let start = start.min(source.len());
        ranges.push((i, (start, end.max(start).min(source.len()))));
    }
    drop(wanted);
    // Lines and columns of every offset in one forward sweep, without an
    // index of the whole file's lines (on a large file that index cost
    // more than the scan that found the offsets).
    let mut offsets: Vec<usize> = ranges.iter().flat_map(|(_, (start, end))| [*start, *end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let positions = line_columns(source, &offsets);
    let at = |offset: usize| positions[offsets.partition_point(|o| *o < offset)];
    for (i, (start, end)) in ranges {
        let ((line, column), (end_line, end_column)) = (at(start), at(end));
        diagnostics[i].location = Some(Location { line, column, end_line, end_column, offset: start, end_offset: end });
    }
}

/// The 1-based line and character column of each of `offsets` (sorted,
/// each at most `src.len()`), as [`LineIndex::line_col`] gives them.
fn line_columns(src: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
    let mut sweep = LineSweep::new(src);
    offsets.iter().map(|&offset| sweep.line_col(offset)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn loc(src: &str, pointer: &str, anchor: Anchor) -> (u32, u32, u32, u32) {
        let mut d = vec![Diagnostic::new("T", "t", Severity::Error, "m").at(pointer)];
        d[0].anchor = anchor;
        locate(src, &mut d);
        let l = d[0].location.unwrap();
        (l.line, l.column, l.end_line, l.end_column)
    }

    #[test]
    fn keys_values_and_missing_members() {
        let src = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c\": true\n}\n";
        assert_eq!(loc(src, "/a/1/b", Anchor::Value), (2, 18, 2, 24));
        assert_eq!(loc(src, "/a/1/b", Anchor::Key), (2, 13, 2, 16));
        assert_eq!(loc(src, "/c", Anchor::Key), (3, 3, 3, 6));
        assert_eq!(loc(src, "/a/0", Anchor::Value), (2, 9, 2, 10));
        // A member that does not exist points at its parent.
        assert_eq!(loc(src, "/a/1/zzz", Anchor::Value), (2, 12, 2, 25));
        assert_eq!(loc(src, "", Anchor::Value), (1, 1, 4, 2));
    }

    #[test]
    fn escaped_keys_match_escaped_pointers() {
        let src = r#"{"a/b": {"~": 1}}"#;
        assert_eq!(loc(src, "/a~1b/~0", Anchor::Value), (1, 15, 1, 16));
    }

    #[test]
    fn the_sweep_agrees_with_the_line_index() {
        let line: String = (0..700).map(|i| ['a', 'é', '\n', '€', '𝄞', ' '][i % 11 % 6]).collect();
        let source = format!("{line}\n\n{line}");
        let index = LineIndex::new(&source);
        let offsets: Vec<usize> = (0..=source.len()).collect();
        let swept = line_columns(&source, &offsets);
        for offset in offsets {
            assert_eq!(swept[offset], index.line_col(&source, offset), "offset {offset}");
        }
    }

    #[test]
    fn finds_duplicate_keys_at_any_depth() {
        let src = r#"{"a": 1, "b": [{"x": 1, "x": 2}], "a": 3}"#;
        let dups = duplicate_keys(src);
        let pointers: Vec<_> = dups.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(pointers, ["/b/0/x", "/a"]);
        assert_eq!(&src[dups[1].1.0..dups[1].1.1], "\"a\"");
        assert_eq!(dups[1].2, (1, 4));
    }

    /// One locator answers as the one-shot functions do, byte-order mark
    /// included, in either order of questions.
    #[test]
    fn a_locator_answers_as_the_functions_do() {
        for source in [
            "\u{feff}skills:\n  - id: x\n    prerequisites: [a, b]\n",
            "skills:\n  - id: x\n    prerequisites:\n      - a\n",
        ] {
            let diag = || vec![Diagnostic::new("T", "t", Severity::Error, "m").at("/skills/0/prerequisites/1")];
            let pointers = ["/skills/0/prerequisites", "/skills"];
            let (mut once, mut again) = (diag(), diag());
            locate_as(source, Format::Yaml, &mut once);
            let sequences = yaml_sequences(source, &pointers);
            let mut locator = Locator::new(source, Format::Yaml);
            assert_eq!(locator.yaml_sequences(&pointers), sequences);
            locator.locate(&mut again);
            assert_eq!(once[0].location, again[0].location);
            assert_eq!(Locator::new(source, Format::Json).yaml_sequences(&pointers), [None, None]);
        }
    }

    /// Every pointer, present or not, of a random document is located at
    /// the text of its value (or of its closest enclosing value that the
    /// document has), and its key at the member's name: asked in any order,
    /// with objects and arrays of few and of many wanted children.
    mod json_spans {
        use proptest::prelude::*;
        use serde_json::Value;

        use crate::diagnostic::{Anchor, Diagnostic};
        use crate::locate::documents::{document, text_and_pointers};
        use crate::{Severity, pointer};

        /// The closest pointer, `pointer` or one enclosing it, that `value` has.
        fn present<'p>(value: &Value, pointer: &'p str) -> &'p str {
            pointer::ancestors(pointer).find(|p| value.pointer(p).is_some()).unwrap_or("")
        }

        proptest! {
            #[test]
            fn located_where_the_value_is(
                value in document(80, 14),
                picks in prop::collection::vec(any::<prop::sample::Index>(), 1..40),
                pretty in any::<bool>(),
            ) {
                let (source, all) = text_and_pointers(&value, pretty);
                let asked: Vec<&str> = picks.iter().map(|i| all[i.index(all.len())].as_str()).collect();
                let mut diagnostics: Vec<Diagnostic> = asked
                    .iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let d = Diagnostic::new("TM000", "t", Severity::Warning, "m");
                        if k % 2 == 0 { d.at(*p) } else { d.at_key(*p) }
                    })
                    .collect();
                super::super::locate_json(&source, &mut diagnostics);
                for d in &diagnostics {
                    let l = d.location.unwrap();
                    let found = present(&value, &d.pointer);
                    let text = &source[l.offset..l.end_offset];
                    let is_member = found.rsplit_once('/').is_some_and(|(parent, _)| value.pointer(parent).is_some_and(Value::is_object));
                    if d.anchor == Anchor::Key && is_member {
                        let name = pointer::last(found).unwrap();
                        prop_assert_eq!(serde_json::from_str::<String>(text).unwrap(), name.as_ref(), "key of {}", d.pointer);
                    } else {
                        let parsed: Option<Value> = serde_json::from_str(text).ok();
                        prop_assert_eq!(parsed.as_ref(), value.pointer(found), "{}", d.pointer);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// A YAML document whose top level is a flow collection is parsed
        /// after a `--- ` inserted before it (`yaml::offsets`): every
        /// pointer is located where it is in the same text that starts
        /// with `--- ` itself, four bytes on.
        #[test]
        fn a_top_level_flow_collection_is_located_in_its_own_text(
            value in documents::document(60, 10),
            pretty in proptest::prelude::any::<bool>(),
            comment in proptest::prelude::any::<bool>(),
        ) {
            let (json, all) = documents::text_and_pointers(&value, pretty);
            let source = if comment { format!("# first\n{json}") } else { json };
            let at = if comment { "# first\n".len() } else { 0 };
            let explicit = format!("{}--- {}", &source[..at], &source[at..]);
            let located = |text: &str| {
                let mut found: Vec<Diagnostic> = all
                    .iter()
                    .flat_map(|p| {
                        let d = Diagnostic::new("T", "t", Severity::Warning, "m");
                        [d.clone().at(p.as_str()), d.at_key(p.as_str())]
                    })
                    .collect();
                locate_as(text, Format::Yaml, &mut found);
                found.into_iter().map(|d| d.location.map(|l| (l.offset, l.end_offset))).collect::<Vec<_>>()
            };
            let shifted: Vec<Option<(usize, usize)>> = located(&explicit)
                .into_iter()
                .map(|l| l.map(|(a, b)| (if a >= at + 4 { a - 4 } else { a }, if b >= at + 4 { b - 4 } else { b })))
                .collect();
            proptest::prop_assert_eq!(located(&source), shifted, "{}", source);
        }
    }

    /// Duplicate keys are found in objects of any size: scanned pairwise
    /// while small, through a table past 16 keys.
    #[test]
    fn duplicate_keys_in_small_and_large_objects() {
        for keys in [3usize, 16, 17, 40] {
            let mut members: Vec<String> = (0..keys).map(|k| format!("\"k{k}\": {k}")).collect();
            members.push("\"k1\": 0".to_owned());
            let source = format!("{{\"o\": {{{}}}}}", members.join(", "));
            let found = duplicate_keys(&source);
            assert_eq!(found.len(), 1, "{keys} keys");
            let (pointer, key, first) = &found[0];
            assert_eq!(pointer, "/o/k1");
            assert_eq!(&source[first.0..first.1], "\"k1\"");
            assert!(key.0 > first.0);
        }
    }
}

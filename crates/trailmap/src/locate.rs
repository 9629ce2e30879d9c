//! From JSON Pointers back to lines and columns.
//!
//! The loader parses with serde, which keeps no positions: that keeps the
//! happy path fast. Only when there is something to report does this module
//! scan the source text once, descending only into the containers on the
//! way to a reported pointer, and turn byte offsets into 1-based lines and
//! columns.

// Pointer tables with foldhash: SipHash was a tenth of locating thousands of findings.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::diagnostic::{Anchor, Diagnostic, Location, push_token};
use crate::format::Format;
pub use crate::line_index::LineIndex;

mod locator;

pub use locator::Locator;

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
/// parse.
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
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let wanted: Vec<&str> = diagnostics.iter().filter(|d| d.location.is_none()).map(|d| d.pointer.as_str()).collect();
    let spans = resolve_pointers(source.as_bytes(), &wanted);
    let mut ranges: Vec<(usize, Range)> = Vec::with_capacity(wanted.len());
    for (i, d) in diagnostics.iter().enumerate().filter(|(_, d)| d.location.is_none()) {
        let found = spans.get(d.pointer.as_str()).copied().or_else(|| nearest_ancestor(&spans, &d.pointer));
        let (key, value) = found.unwrap_or((None, (0, 0)));
        let (start, end) = match (d.anchor, key) {
            (Anchor::Key, Some(key)) => key,
            _ => value,
        };
        let start = start.min(source.len());
        ranges.push((i, (start, end.max(start).min(source.len()))));
    }
    // Lines and columns of every offset in one forward sweep, without an
    // index of the whole file's lines (on a large file that index cost
    // more than the scan that found the offsets).
    let mut offsets: Vec<usize> = ranges.iter().flat_map(|(_, (start, end))| [*start, *end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let positions = line_columns(source.as_bytes(), &offsets);
    let at = |offset: usize| positions[offsets.partition_point(|o| *o < offset)];
    for (i, (start, end)) in ranges {
        let ((line, column), (end_line, end_column)) = (at(start), at(end));
        diagnostics[i].location = Some(Location { line, column, end_line, end_column, offset: start, end_offset: end });
    }
}

/// The 1-based line and character column of each of `offsets` (sorted,
/// each at most `src.len()`), as [`LineIndex::line_col`] gives them.
fn line_columns(src: &[u8], offsets: &[usize]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(offsets.len());
    // Lines before `at`, and characters between the start of its line and `at`.
    let (mut at, mut line, mut column) = (0usize, 0usize, 0usize);
    for &offset in offsets {
        let passed = &src[at..offset];
        match memchr::memrchr(b'\n', passed) {
            Some(last) => {
                line += bytecount::count(passed, b'\n');
                column = bytecount::num_chars(&passed[last + 1..]);
            }
            None => column += bytecount::num_chars(passed),
        }
        at = offset;
        out.push((to_u32(line + 1), to_u32(column + 1)));
    }
    out
}

/// A pointer that does not exist in the text (a missing member) falls back
/// to the closest enclosing value that does.
fn nearest_ancestor(spans: &Spans<'_>, pointer: &str) -> Option<SpanPair> {
    crate::pointer::ancestors(pointer).skip(1).find_map(|p| spans.get(p).copied()).or_else(|| spans.get("").copied())
}

type Range = (usize, usize);
type SpanPair = (Option<Range>, Range);
type Spans<'w> = HashMap<&'w str, SpanPair>;

/// Byte spans of the values (and their member keys) at the wanted pointers.
fn resolve_pointers<'w>(src: &[u8], wanted: &[&'w str]) -> Spans<'w> {
    // Every wanted pointer and its ancestors: the containers to enter.
    let mut prefixes: HashSet<&str> = HashSet::with_capacity(wanted.len() * 2);
    for p in wanted {
        for q in crate::pointer::ancestors(p) {
            // Its ancestors are in already (a million findings under one
            // skill list climbed the same path a million times).
            if !prefixes.insert(q) {
                break;
            }
        }
    }
    // Every prefix is answered too (the containers on the way).
    let out = Spans::with_capacity(prefixes.len());
    let mut resolver = Resolver { prefixes, out };
    let mut scanner = Scanner { src, pos: 0 };
    scanner.skip_ws();
    scanner.walk(&mut String::new(), None, 0, &mut resolver);
    resolver.out
}

/// Every duplicate member key: `(pointer of the repeated member, span of the
/// repeated key, span of the first key)`. The source must be valid JSON
/// nested at most as deep as serde_json accepts (the loader checks both first).
pub(crate) fn duplicate_keys(src: &str) -> Vec<(String, Range, Range)> {
    let mut duplicates = Duplicates(Vec::new());
    let mut scanner = Scanner { src: src.as_bytes(), pos: 0 };
    scanner.skip_ws();
    scanner.walk(&mut String::new(), None, 0, &mut duplicates);
    duplicates.0
}

// serde_json refuses deeper input, so valid input never gets here deeper.
const MAX_DEPTH: usize = 256;

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips a string starting at `"`; returns its span including quotes.
    fn skip_string(&mut self) -> Range {
        let start = self.pos;
        self.pos += 1;
        // Strings are most of a roadmap's text: jump to the next quote or
        // backslash rather than stepping byte by byte.
        while let Some(found) = self.src.get(self.pos..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
            self.pos += found + 1;
            if self.src[self.pos - 1] == b'"' {
                return (start, self.pos);
            }
            self.pos += 1;
        }
        self.pos = self.src.len();
        (start, self.pos)
    }

    /// The key at `"`, unescaped (borrowed from the source when it has no
    /// escapes, as nearly every key has), and its span including quotes.
    fn read_key(&mut self) -> (Cow<'a, str>, Range) {
        let span = self.skip_string();
        let raw = &self.src[span.0..span.1];
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or(&[]);
        if !inner.contains(&b'\\') {
            // Cut at two quotes of UTF-8 text: UTF-8 again.
            if let Ok(key) = std::str::from_utf8(inner) {
                return (Cow::Borrowed(key), span);
            }
        }
        let key = serde_json::from_slice::<String>(raw).unwrap_or_else(|_| String::from_utf8_lossy(inner).into_owned());
        (Cow::Owned(key), span)
    }

    /// Skips any value without recursion; returns its span.
    fn skip_value(&mut self) -> Range {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => return self.skip_string(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        (start, self.pos)
    }

    /// Walks the value at the current position: reports it to `visitor`,
    /// and descends into objects and arrays that `visitor` wants entered
    /// (never deeper than `MAX_DEPTH`, so recursion stays bounded).
    fn walk<V: Visitor>(&mut self, pointer: &mut String, key: Option<Range>, depth: usize, visitor: &mut V) {
        let start = self.pos;
        // One question per value: a wanted value is entered and reported.
        let wanted = visitor.wants(pointer);
        let enter = wanted.is_some() && depth < MAX_DEPTH;
        match self.peek() {
            Some(b'{') if enter => {
                self.pos += 1;
                // Most objects are small, and a linear scan beats hashing
                // there; past 16 keys (a progress file's skills map holds
                // one per skill) the keys go into a table. Only a visitor
                // that asks about repeated keys pays for remembering them.
                let mut seen: Vec<(Cow<'a, str>, Range)> = Vec::new();
                let mut index: Option<HashMap<Cow<'a, str>, Range>> = None;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.pos += 1;
                            break;
                        }
                        _ => break,
                    }
                    let (name, key_span) = self.read_key();
                    self.skip_ws();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                    }
                    self.skip_ws();
                    let len = pointer.len();
                    push_token(pointer, &name);
                    if V::DUPLICATES {
                        if index.is_none() && seen.len() >= 16 {
                            index = Some(seen.drain(..).collect());
                        }
                        let first = match &index {
                            Some(index) => index.get(&name).copied(),
                            None => seen.iter().find(|(k, _)| *k == name).map(|&(_, first)| first),
                        };
                        match (first, &mut index) {
                            (Some(first), _) => visitor.duplicate(pointer, key_span, first),
                            (None, Some(index)) => {
                                index.insert(name, key_span);
                            }
                            (None, None) => seen.push((name, key_span)),
                        }
                    }
                    self.walk(pointer, Some(key_span), depth + 1, visitor);
                    pointer.truncate(len);
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
            Some(b'[') if enter => {
                self.pos += 1;
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => break,
                        _ => {}
                    }
                    let len = pointer.len();
                    // Digits need no escaping, nor a string of their own.
                    pointer.push('/');
                    let _ = write!(pointer, "{index}");
                    let before = self.pos;
                    self.walk(pointer, None, depth + 1, visitor);
                    pointer.truncate(len);
                    index += 1;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    } else if self.pos == before {
                        break;
                    }
                }
            }
            _ => {
                self.skip_value();
            }
        }
        if let Some(wanted) = wanted {
            visitor.value(wanted, key, (start, self.pos));
        }
    }
}

/// What a [`Scanner::walk`] does along the way.
trait Visitor {
    /// What [`Visitor::wants`] hands back for a wanted value.
    type Wanted: Copy;
    /// Whether it asks about repeated member keys ([`Visitor::duplicate`]).
    const DUPLICATES: bool;
    /// Whether the value at `pointer` is wanted: reported to
    /// [`Visitor::value`] and, when it is an object or array, entered.
    fn wants(&self, pointer: &str) -> Option<Self::Wanted>;
    /// A member key repeated in one object: its span and the first one's.
    fn duplicate(&mut self, _pointer: &str, _key: Range, _first: Range) {}
    /// A wanted value, with its member key when it is one.
    fn value(&mut self, _wanted: Self::Wanted, _key: Option<Range>, _span: Range) {}
}

/// Collects the spans of wanted pointers, entering only containers on the
/// way to one.
struct Resolver<'w> {
    prefixes: HashSet<&'w str>,
    out: Spans<'w>,
}

impl<'w> Visitor for Resolver<'w> {
    /// The wanted pointer itself: the table keys it, not a copy of the walk's.
    type Wanted = &'w str;
    const DUPLICATES: bool = false;
    fn wants(&self, pointer: &str) -> Option<&'w str> {
        self.prefixes.get(pointer).copied()
    }
    fn value(&mut self, wanted: &'w str, key: Option<Range>, span: Range) {
        self.out.insert(wanted, (key, span));
    }
}

/// Collects every repeated key of the whole document.
struct Duplicates(Vec<(String, Range, Range)>);

impl Visitor for Duplicates {
    type Wanted = ();
    const DUPLICATES: bool = true;
    fn wants(&self, _: &str) -> Option<()> {
        Some(())
    }
    fn duplicate(&mut self, pointer: &str, key: Range, first: Range) {
        self.0.push((pointer.to_owned(), key, first));
    }
}

/// Maps byte offsets to 1-based lines and character columns.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
        let swept = line_columns(source.as_bytes(), &offsets);
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

//! Diagnostics: what is wrong, where, and how sure we are.
//!
//! Every problem trailmap reports, from a JSON syntax error to a lint
//! finding, is a [`Diagnostic`] with a stable code, a JSON Pointer into the
//! file and, once [`locate`](crate::locate()) has run, a 1-based line and
//! column range in the source text.

use std::sync::Arc;

use serde::Serialize;

/// How serious a diagnostic is.
///
/// ```
/// use trailmap::Severity;
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::Warning.as_str(), "warning");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Probably a mistake; fails a run only with `fail-on = "warning"`.
    Warning,
    /// The file is wrong: invalid, or its meaning is broken.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    ///
    /// ```
    /// assert_eq!(trailmap::Severity::Error.as_str(), "error");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error`.
    ///
    /// ```
    /// assert_eq!(trailmap::Severity::parse("warning"), Some(trailmap::Severity::Warning));
    /// assert_eq!(trailmap::Severity::parse("fatal"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Which part of the JSON text a diagnostic's pointer designates.
///
/// ```
/// assert_eq!(trailmap::Anchor::default(), trailmap::Anchor::Value);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    /// The value at the pointer (for an object or array: all of it).
    #[default]
    Value,
    /// The member key whose value is at the pointer (an unexpected property,
    /// a duplicate key).
    Key,
}

/// A region of the source text. Lines and columns are 1-based; columns count
/// Unicode scalar values; the end is exclusive.
///
/// ```
/// let loc = trailmap::Location { line: 2, column: 5, end_line: 2, end_column: 9, offset: 12, end_offset: 16 };
/// assert_eq!(loc.end_offset - loc.offset, 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// First line (1-based).
    pub line: u32,
    /// First column (1-based, in characters).
    pub column: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// Column just after the region (1-based, in characters).
    pub end_column: u32,
    /// Byte offset of the start in the source.
    pub offset: usize,
    /// Byte offset just after the region.
    pub end_offset: usize,
}

/// A text replacement that fixes a diagnostic: replace the bytes
/// `start..end` of the source with `replacement`.
///
/// ```
/// let edit = trailmap::Edit { start: 3, end: 7, replacement: String::new() };
/// assert!(edit.replacement.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte offset where the replaced text starts.
    pub start: usize,
    /// Byte offset just after the replaced text.
    pub end: usize,
    /// The new text.
    pub replacement: String,
}

/// A machine-applicable fix: one or more edits that are safe together.
///
/// ```
/// let fix = trailmap::Fix { message: "remove the redundant prerequisite".into(), edits: vec![] };
/// assert!(fix.edits.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in the imperative.
    pub message: String,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
}

/// One problem found in one file.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let d = Diagnostic::new("TM005", "unknown-reference", Severity::Error, "`pytorh` is not a skill")
///     .at("/skills/3/prerequisites/0")
///     .with_help("did you mean `pytorch`?");
/// assert_eq!(d.pointer, "/skills/3/prerequisites/0");
/// assert!(d.location.is_none()); // filled in by `trailmap::locate`
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable code, e.g. `TM005`. Codes are never reused for another meaning.
    pub code: &'static str,
    /// Stable kebab-case name of the code, e.g. `unknown-reference`.
    pub name: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, as the user named it: shared by every diagnostic of the
    /// file (a run can have hundreds of thousands).
    pub file: Arc<str>,
    /// JSON Pointer (RFC 6901) to the offending value; empty for the whole
    /// document.
    pub pointer: String,
    /// Whether the pointer designates the value or its member key.
    #[serde(skip)]
    pub anchor: Anchor,
    /// Where in the source text, when known.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A safe, machine-applicable fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic about the whole document; chain [`at`](Self::at) to point
    /// at a value.
    ///
    /// ```
    /// let d = trailmap::Diagnostic::new("TM008", "invalid-version", trailmap::Severity::Error, "bad");
    /// assert_eq!(d.pointer, "");
    /// ```
    pub fn new(code: &'static str, name: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            file: Arc::default(),
            pointer: String::new(),
            anchor: Anchor::Value,
            location: None,
            help: None,
            fix: None,
        }
    }

    /// Points the diagnostic at the value at `pointer`.
    ///
    /// ```
    /// let d = trailmap::Diagnostic::new("TM001", "x", trailmap::Severity::Error, "m").at("/skills/0");
    /// assert_eq!(d.pointer, "/skills/0");
    /// ```
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self.anchor = Anchor::Value;
        self
    }

    /// Points the diagnostic at the key of the member at `pointer`.
    ///
    /// ```
    /// let d = trailmap::Diagnostic::new("TM002", "x", trailmap::Severity::Error, "m").at_key("/skills/0/nmae");
    /// assert_eq!(d.anchor, trailmap::Anchor::Key);
    /// ```
    pub fn at_key(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self.anchor = Anchor::Key;
        self
    }

    /// Adds help text.
    ///
    /// ```
    /// let d = trailmap::Diagnostic::new("TM001", "x", trailmap::Severity::Error, "m").with_help("h");
    /// assert_eq!(d.help.as_deref(), Some("h"));
    /// ```
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the location directly (for errors found while reading the text).
    ///
    /// ```
    /// let loc = trailmap::Location { line: 1, column: 1, end_line: 1, end_column: 2, offset: 0, end_offset: 1 };
    /// let d = trailmap::Diagnostic::new("TM001", "x", trailmap::Severity::Error, "m").with_location(loc);
    /// assert_eq!(d.location, Some(loc));
    /// ```
    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// Puts diagnostics in reading order (by the offset of their location, an
/// unlocated one counting as offset 0), keeping the order they came in
/// among equals.
///
/// ```
/// use trailmap::{Diagnostic, Location, Severity};
///
/// let at = |offset| Location { line: 1, column: 1, end_line: 1, end_column: 1, offset, end_offset: offset };
/// let mut found = vec![
///     Diagnostic::new("TM101", "b", Severity::Warning, "second").with_location(at(9)),
///     Diagnostic::new("TM102", "a", Severity::Warning, "first").with_location(at(3)),
///     Diagnostic::new("TM103", "c", Severity::Warning, "also second").with_location(at(9)),
/// ];
/// trailmap::diagnostic::sort_by_position(&mut found);
/// let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
/// assert_eq!(codes, ["TM102", "TM101", "TM103"]);
/// ```
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    let offset = |d: &Diagnostic| d.location.map_or(0, |l| l.offset);
    if diagnostics.is_sorted_by_key(offset) {
        return;
    }
    // A stable sort of the diagnostics themselves takes scratch room for
    // half of them (over 200 bytes each, hundreds of thousands on a large
    // run): the order is found on 16-byte keys, the index breaking ties,
    // and applied in place.
    let mut order: Vec<(usize, usize)> = diagnostics.iter().enumerate().map(|(i, d)| (offset(d), i)).collect();
    order.sort_unstable();
    let mut source: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    // Position `k` takes the diagnostic at `source[k]`: each cycle of the
    // permutation is walked once with swaps; a done position points at
    // itself.
    for start in 0..source.len() {
        let mut at = start;
        loop {
            let from = source[at];
            source[at] = at;
            if from == start {
                break;
            }
            diagnostics.swap(at, from);
            at = from;
        }
    }
}

/// Moves the diagnostics of `more` to the end of `to`, taking `more`'s
/// list whole when `to` is empty: a run's diagnostics can be hundreds of
/// megabytes (600,000 unknown skill ids: 130 MB), and appending copied
/// them while both were held. `more` is left empty, with its room when
/// it was appended.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let d = |code| Diagnostic::new(code, "name", Severity::Error, "message");
/// let (mut run, mut file) = (Vec::new(), vec![d("TM005")]);
/// trailmap::diagnostic::append(&mut run, &mut file);
/// let mut next = vec![d("TM006")];
/// trailmap::diagnostic::append(&mut run, &mut next);
/// let codes: Vec<&str> = run.iter().map(|d| d.code).collect();
/// assert_eq!(codes, ["TM005", "TM006"]);
/// assert!(file.is_empty() && next.is_empty());
/// ```
pub fn append(to: &mut Vec<Diagnostic>, more: &mut Vec<Diagnostic>) {
    if to.is_empty() {
        std::mem::swap(to, more);
    } else {
        to.append(more);
    }
}

// Kept for the trailmap crates that build pointers as strings; the home
// of pointer escaping is `crate::pointer`.
#[doc(hidden)]
pub use crate::pointer::push_token;

/// Splits a JSON Pointer into its unescaped reference tokens (see
/// [`crate::pointer::tokens`]).
///
/// ```
/// assert_eq!(trailmap::diagnostic::pointer_tokens("/a~1b/0"), ["a/b", "0"]);
/// assert!(trailmap::diagnostic::pointer_tokens("").is_empty());
/// ```
#[doc(hidden)] // shared by the trailmap crates, not part of the API
pub fn pointer_tokens(pointer: &str) -> Vec<String> {
    crate::pointer::tokens(pointer).map(std::borrow::Cow::into_owned).collect()
}

/// At most 40 characters of `s`, as they are, and `…` when there was more:
/// messages carry the file's text (each output format escapes it for where
/// it goes), and a message stays a line however long the text.
///
/// ```
/// assert_eq!(trailmap::diagnostic::preview_str("pytorch"), "pytorch");
/// assert_eq!(trailmap::diagnostic::preview_str(&"x".repeat(50)).chars().count(), 41);
/// ```
pub fn preview_str(s: &str) -> String {
    preview(s).into_owned()
}

/// [`preview_str`], borrowed where `s` is shown whole (most ids and names):
/// for messages made by the hundred thousand, where the copy of each
/// quoted text was an allocation of its own.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(trailmap::diagnostic::preview("pytorch"), Cow::Borrowed("pytorch")));
/// assert!(trailmap::diagnostic::preview(&"x".repeat(50)).ends_with('…'));
/// ```
pub fn preview(s: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 40;
    // Sliced, not collected character by character: a finding quoting
    // names made two previews (a tenth of making TM109's diagnostics).
    // A text of at most 40 bytes has at most 40 characters.
    let cut = if s.len() > SHOWN { s.char_indices().nth(SHOWN).map(|(end, _)| end) } else { None };
    match cut {
        None => std::borrow::Cow::Borrowed(s),
        Some(end) => {
            let mut out = String::with_capacity(end + '…'.len_utf8());
            out.push_str(&s[..end]);
            out.push('…');
            std::borrow::Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn at(offset: usize) -> Location {
        Location { line: 1, column: 1, end_line: 1, end_column: 1, offset, end_offset: offset }
    }

    proptest! {
        /// A preview is the first 40 characters, and `…` when there were
        /// more, whatever their widths in bytes.
        #[test]
        fn a_preview_is_the_first_forty_characters(s in "[a-zé€😀 ]{0,90}") {
            let mut expected: String = s.chars().take(40).collect();
            if s.chars().count() > 40 {
                expected.push('…');
            }
            prop_assert_eq!(preview_str(&s), expected);
        }

        /// The same order as a stable sort by offset (0 when unlocated).
        #[test]
        fn sorting_by_position_is_a_stable_sort(offsets in proptest::collection::vec(proptest::option::of(0usize..12), 0..200)) {
            let found: Vec<Diagnostic> = offsets
                .iter()
                .enumerate()
                .map(|(i, offset)| {
                    let d = Diagnostic::new("TM101", "n", Severity::Warning, i.to_string());
                    match offset {
                        Some(offset) => d.with_location(at(*offset)),
                        None => d,
                    }
                })
                .collect();
            let mut expected = found.clone();
            expected.sort_by_key(|d| d.location.map_or(0, |l| l.offset));
            let mut sorted = found;
            sort_by_position(&mut sorted);
            let messages = |ds: &[Diagnostic]| ds.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
            prop_assert_eq!(messages(&sorted), messages(&expected));
        }
    }
}

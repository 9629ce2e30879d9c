//! The plain drawing of the commonest diagnostic, written directly.
//!
//! annotate-snippets draws a diagnostic in about four microseconds (a grid
//! of styled characters, rendered character by character even without
//! styles): a run with hundreds of thousands of findings spent most of its
//! time there. Nearly every finding is one region on one short line of
//! printable ASCII, with messages the escape leaves unchanged; for those,
//! and only without styles, [`draw`] writes the same text in a fraction of
//! the time. Everything else (styles, other characters on the source line,
//! escaped messages, empty regions, regions wider than the shown line)
//! still goes to the library, and a test draws random
//! diagnostics both ways and expects the same bytes.
//!
//! A line wider than the terminal (a roadmap written on one line) is cut
//! around its region as the library cuts it ([`Cut`], after its
//! `renderer/margin.rs`), with `...` where the line goes on.

use super::Window;
use crate::{Diagnostic, escape};

/// Draws `d` at `window` as annotate-snippets' plain renderer would, and
/// returns `true`; or, when the library is needed, writes nothing and
/// returns `false`.
pub(super) fn draw(out: &mut String, d: &Diagnostic, window: &Window) -> bool {
    let Some(loc) = d.location else { return false };
    let file = super::file_name(d);
    let text: &str = &window.text;
    let span = window.span.clone();
    let gutter = super::gutter_width(loc.line);
    // The message, help and file are written as they are (the library
    // puts them on lines of their own, aligned with nothing): any text the
    // escape leaves unchanged. The source line must be printable ASCII,
    // whose columns are its bytes.
    let simple = !span.is_empty()
        && (window.printable || printable(text))
        && unchanged(&d.message)
        && unchanged(file)
        && d.help.as_deref().is_none_or(unchanged);
    let Some(cut) = simple.then(|| Cut::new(text, span.clone(), gutter)).flatten() else { return false };
    out.reserve(2 * (cut.right - cut.left) + d.message.len() + file.len() + 64);
    for part in [d.severity.as_str(), "[", d.code, "]: ", &d.message, "\n"] {
        out.push_str(part);
    }
    repeat(out, SPACES, gutter);
    for part in ["--> ", file, ":"] {
        out.push_str(part);
    }
    push_number(out, loc.line);
    out.push(':');
    push_number(out, loc.column);
    out.push('\n');
    repeat(out, SPACES, gutter);
    out.push_str(" |\n");
    push_number(out, loc.line);
    out.push_str(" | ");
    cut.write_line(out, text);
    out.push('\n');
    repeat(out, SPACES, gutter);
    out.push_str(" | ");
    repeat(out, SPACES, span.start - cut.left);
    repeat(out, CARETS, span.len());
    if let Some(help) = &d.help {
        out.push('\n');
        repeat(out, SPACES, gutter);
        out.push_str(" |\n");
        repeat(out, SPACES, gutter);
        out.push_str(" = help: ");
        out.push_str(help);
    }
    true
}

/// Columns of the library's terminal, gutter and ` | ` included.
const TERM_WIDTH: usize = 140;
/// Columns kept either side of a region when the line is cut (the
/// library's `ELLIPSIS_PASSING`).
const ELLIPSIS_PASSING: usize = 6;
/// Leading spaces beyond this many are trimmed (`LONG_WHITESPACE`)...
const LONG_WHITESPACE: usize = 20;
/// ...but for this many (`LONG_WHITESPACE_PADDING`).
const LONG_WHITESPACE_PADDING: usize = 4;
/// What marks a cut.
const DOTS: &str = "...";

/// The part of a line of printable ASCII (one column a byte) shown under
/// a diagnostic with one region and no label, as annotate-snippets 0.12
/// chooses it: leading spaces past [`LONG_WHITESPACE`] trimmed, and a
/// line still wider than the terminal cut around the region. The first
/// and last three characters shown become `...` where the line was cut.
#[derive(Debug, PartialEq, Eq)]
struct Cut {
    /// Bytes of the line shown: `left..right`.
    left: usize,
    right: usize,
    /// Whether the line is cut on the left (`...` over the first three
    /// shown) and on the right (over the last three).
    dots_left: bool,
    dots_right: bool,
}

impl Cut {
    /// The cut of `text` for the region `span`, under a gutter of
    /// `gutter` columns; `None` where the library draws what this does not
    /// (a region wider than the terminal, or outside what is shown).
    fn new(text: &str, span: std::ops::Range<usize>, gutter: usize) -> Option<Cut> {
        let line = text.len();
        let width = TERM_WIDTH.checked_sub(3 + gutter)?;
        // Leading spaces count only on a line with something else.
        let indent = text.bytes().take_while(|&b| b == b' ').count();
        let indent = if indent < line { indent } else { 0 };
        let (start, end) = (span.start, span.end);
        if end - start > width {
            return None;
        }
        let spaces = indent.min(start).saturating_sub(ELLIPSIS_PASSING);
        let span_left = start.saturating_sub(ELLIPSIS_PASSING);
        let span_right = end + ELLIPSIS_PASSING;
        let mut left = if spaces > LONG_WHITESPACE { spaces - (LONG_WHITESPACE - LONG_WHITESPACE_PADDING) } else { 0 };
        let mut right = line.max(left);
        if right - left > width {
            if span_right.saturating_sub(spaces) <= width && span_right >= spaces {
                // Trimming the leading spaces is enough.
                left = spaces;
                right = left + width;
            } else if span_right - span_left <= width {
                // The region and its padding are centred.
                left = span_left.saturating_sub((width - (span_right - span_left)) / 2);
                right = left + width;
            } else {
                (left, right) = (span_left, span_right);
            }
        }
        let dots_left = left > 0;
        let shown_left = left.min(line);
        let shown_right = if line.saturating_sub(left) <= width { line } else { line.min(right) };
        let dots_right = line > shown_right;
        // The dots must stand on shown characters, and the region start at
        // or after the first one.
        let room = 3 * usize::from(dots_left) + 3 * usize::from(dots_right);
        if shown_right - shown_left < room.max(1) || start < shown_left {
            return None;
        }
        Some(Cut { left: shown_left, right: shown_right, dots_left, dots_right })
    }

    /// Appends the shown part of `text`.
    fn write_line(&self, out: &mut String, text: &str) {
        let (mut from, mut to) = (self.left, self.right);
        if self.dots_left {
            out.push_str(DOTS);
            from += DOTS.len();
        }
        if self.dots_right {
            to -= DOTS.len();
        }
        out.push_str(&text[from..to]);
        if self.dots_right {
            out.push_str(DOTS);
        }
    }
}

/// A run of spaces, and one of carets, appended a slice at a time rather
/// than a character at a time (a run of findings spent 2% of its time so).
const SPACES: &str = "                                                                ";
const CARETS: &str = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";

/// Appends `n` characters of `run` (one ASCII character repeated).
fn repeat(out: &mut String, run: &str, mut n: usize) {
    while n > 0 {
        let take = n.min(run.len());
        out.push_str(&run[..take]);
        n -= take;
    }
}

/// Appends `n` in decimal, without the formatting machinery.
fn push_number(out: &mut String, n: u32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Not empty, and printable ASCII: a line whose columns are its bytes.
fn printable(text: &str) -> bool {
    !text.is_empty() && escape::terminal_as_is(text)
}

/// Not empty, and left as it is by [`escape::terminal`] (`é`, `…` and
/// `日` included): what the library shows unchanged on a line of its own.
fn unchanged(text: &str) -> bool {
    !text.is_empty() && escape::terminal_unchanged(text)
}

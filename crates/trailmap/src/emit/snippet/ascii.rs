//! The plain drawing of the commonest diagnostic, written directly.
//!
//! annotate-snippets draws a diagnostic in about four microseconds (a grid
//! of styled characters, rendered character by character even without
//! styles): a run with hundreds of thousands of findings spent most of its
//! time there. Nearly every finding is one region on one short line of
//! printable ASCII, with printable ASCII messages; for those, and only
//! without styles, [`draw`] writes the same text in a fraction of the time.
//! Everything else (styles, other characters, long or deeply indented
//! lines that the library cuts, empty regions) still goes to the library,
//! and a test draws random diagnostics both ways and expects the same bytes.

use super::Window;
use crate::{Diagnostic, escape};

/// Longest line (in bytes, all ASCII) drawn here: the library cuts lines
/// wider than its 140 columns, and marks the cut.
const MAX_LINE: usize = 120;

/// Most spaces before the region drawn here: the library trims a longer
/// indentation (beyond its 20 columns and 6 of padding).
const MAX_INDENT: usize = 20;

/// Draws `d` at `window` as annotate-snippets' plain renderer would, and
/// returns `true`; or, when the library is needed, writes nothing and
/// returns `false`.
pub(super) fn draw(out: &mut String, d: &Diagnostic, window: &Window) -> bool {
    let Some(loc) = d.location else { return false };
    let file = super::file_name(d);
    let text: &str = &window.text;
    let span = window.span.clone();
    let indent = text.bytes().take_while(|&b| b == b' ').count();
    let simple = !span.is_empty()
        && text.len() <= MAX_LINE
        && indent.min(span.start) <= MAX_INDENT
        && printable(text)
        && printable(&d.message)
        && printable(file)
        && d.help.as_deref().is_none_or(printable);
    if !simple {
        return false;
    }
    let gutter = super::gutter_width(loc.line);
    out.reserve(2 * text.len() + d.message.len() + file.len() + 64);
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
    out.push_str(text);
    out.push('\n');
    repeat(out, SPACES, gutter);
    out.push_str(" | ");
    repeat(out, SPACES, span.start);
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

/// Not empty, and left as it is by [`escape::terminal`]: what the library
/// shows unchanged.
fn printable(text: &str) -> bool {
    !text.is_empty() && escape::terminal_as_is(text)
}

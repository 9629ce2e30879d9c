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

use std::fmt::Write as _;

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
    let text = window.text.as_str();
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
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    out.reserve(2 * text.len() + d.message.len() + file.len() + 64);
    for part in [d.severity.as_str(), "[", d.code, "]: ", &d.message, "\n"] {
        out.push_str(part);
    }
    pad(out, gutter);
    let _ = writeln!(out, "--> {file}:{}:{}", loc.line, loc.column);
    pad(out, gutter);
    let _ = writeln!(out, " |\n{} | {text}", loc.line);
    pad(out, gutter);
    out.push_str(" | ");
    pad(out, span.start);
    out.extend(std::iter::repeat_n('^', span.len()));
    if let Some(help) = &d.help {
        out.push('\n');
        pad(out, gutter);
        out.push_str(" |\n");
        pad(out, gutter);
        out.push_str(" = help: ");
        out.push_str(help);
    }
    true
}

/// Not empty, and left as it is by [`escape::terminal`]: what the library
/// shows unchanged.
fn printable(text: &str) -> bool {
    !text.is_empty() && escape::terminal_as_is(text)
}

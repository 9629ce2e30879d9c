//! Diagnostics as rustc and cargo show them, drawn by `annotate-snippets`:
//! a header, the file and position, the source line with the region
//! underlined, and help.

use std::fmt;
use std::ops::Range;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::escape;
use crate::{Diagnostic, Severity};

/// Looks up the source text of a file by the name diagnostics give it, so
/// that [`full`] can show the offending line.
pub type SourceLookup<'a> = &'a dyn Fn(&str) -> Option<&'a str>;

/// Characters of the line kept on each side of the underlined region, and
/// at most underlined. More than the renderer's width (140 columns), so the
/// renderer itself trims what is cut here and marks it with `...`; only this
/// neighbourhood is copied, so a minified one-line file with a million
/// diagnostics does not cost a million copies of the line.
const CONTEXT_CHARS: usize = 160;

/// Renders diagnostics with their source lines, each followed by a blank
/// line. `styled` adds ANSI styles (for a terminal layer such as anstream to
/// keep or strip); without it the text is plain.
///
/// Everything from the file (message, help, file name, the source line) is
/// shown through [`escape::terminal`]: control and bidirectional characters
/// become visible `\u{..}` escapes, and the underline follows the escaped
/// text, as it does wide (CJK) characters.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let source = "{\n  \"version\": \"one\"\n}";
/// let mut diags = vec![Diagnostic::new("TM008", "invalid-version", Severity::Error, "`one` is not a semantic version").at("/version")];
/// trailmap::locate(source, &mut diags);
/// diags[0].file = "r.json".into();
/// let text = trailmap::emit::full(&diags, &|_| Some(source), false);
/// assert_eq!(text, "\
/// error[TM008]: `one` is not a semantic version
///  --> r.json:2:14
///   |
/// 2 |   \"version\": \"one\"
///   |              ^^^^^
///
/// ");
/// ```
pub fn full(diagnostics: &[Diagnostic], sources: SourceLookup<'_>, styled: bool) -> String {
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(&renderer, styled, d, sources(&d.file)));
        out.push_str("\n\n");
    }
    out
}

/// The plain form of one diagnostic, without its source line (which a
/// `Diagnostic` does not hold): header, position and help.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let mut d = Diagnostic::new("TM005", "unknown-reference", Severity::Error, "unknown skill `pytorh`")
///     .with_help("did you mean `pytorch`?");
/// d.file = "r.json".into();
/// assert_eq!(d.to_string(), "error[TM005]: unknown skill `pytorh`\n--> r.json\n = help: did you mean `pytorch`?");
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render_one(&Renderer::plain().decor_style(DecorStyle::Ascii), false, self, None))
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_one(renderer: &Renderer, styled: bool, d: &Diagnostic, source: Option<&str>) -> String {
    let level = level(d.severity);
    let file = escape::terminal(if d.file.is_empty() { "<unknown>" } else { &d.file });
    let title = level.clone().primary_title(escape::terminal(&d.message)).id(d.code);
    let help = d.help.as_ref().map(|help| Level::HELP.message(escape::terminal(help)));
    let (Some(loc), Some(source)) = (d.location, source) else {
        let mut origin = Origin::path(file);
        if let Some(loc) = d.location {
            origin = origin.line(loc.line as usize).char_column(loc.column as usize);
        }
        let group = Group::with_title(title).element(origin).elements(help);
        return renderer.render(&[group]);
    };
    // The snippet shows a window of the line, escaped, so the renderer
    // cannot know the position in the file: the `-->` line is ours, with the
    // diagnostic's own line and column (characters, as editors count them).
    let window = Window::around(source, loc.offset, loc.end_offset);
    let snippet = Snippet::source(window.text)
        .line_start(loc.line as usize)
        .annotation(AnnotationKind::Primary.span(window.span));
    let rendered = renderer.render(&[Group::with_title(title).element(snippet).elements(help)]);
    let (header, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
    let gutter = " ".repeat(loc.line.to_string().len());
    let arrow = if styled {
        let style = annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
        format!("{}-->{}", style.render(), style.render_reset())
    } else {
        "-->".to_owned()
    };
    format!("{header}\n{gutter}{arrow} {file}:{}:{}\n{rest}", loc.line, loc.column)
}

/// The part of a source line shown under a diagnostic, escaped for a
/// terminal, with the underlined region's byte range in that text.
struct Window {
    text: String,
    span: Range<usize>,
}

impl Window {
    /// The line holding byte `start`: at most [`CONTEXT_CHARS`] characters
    /// before it and twice that from it; the region is cut at the end
    /// of its first line (a value spanning lines is marked where it starts).
    fn around(source: &str, start: usize, end: usize) -> Window {
        let start = floor_char_boundary(source, start);
        let end = floor_char_boundary(source, end.max(start));
        let line_start = source[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c != '\n')
            .take(CONTEXT_CHARS)
            .last()
            .map_or(start, |(i, _)| i);
        let mut line_end = start;
        for (n, (i, c)) in source[start..].char_indices().enumerate() {
            if c == '\n' || n == 2 * CONTEXT_CHARS + 1 {
                break;
            }
            line_end = start + i + c.len_utf8();
        }
        // The CR of a CRLF is not part of the line.
        let line_end = if source[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
        let end = end.min(line_end).max(start);
        let mut text = escape::terminal(&source[line_start..start]);
        let span_start = text.len();
        text.push_str(&escape::terminal(&source[start..end]));
        let span_end = text.len();
        text.push_str(&escape::terminal(&source[end..line_end.max(end)]));
        Window { text, span: span_start..span_end }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

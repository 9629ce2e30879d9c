//! Diagnostics as rustc and cargo show them, drawn by `annotate-snippets`:
//! a header, the file and position, the source line with the region
//! underlined, and help.

use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::escape;
use crate::{Diagnostic, Severity};

mod ascii;

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
    super::to_text(|out| write_full(out, diagnostics, sources, styled))
}

/// [`full`], written to `out` as each diagnostic is drawn: a run with
/// hundreds of thousands of findings never holds the whole report (about
/// 400 bytes a finding) in memory. Stops at the first write error (a
/// closed pipe, say) and returns it.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let d = Diagnostic::new("TM001", "json-syntax", Severity::Error, "invalid JSON");
/// let mut out = Vec::new();
/// trailmap::emit::write_full(&mut out, &[d.clone()], &|_| None, false).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), trailmap::emit::full(&[d], &|_| None, false));
/// ```
pub fn write_full<W: Write + ?Sized>(
    out: &mut W,
    diagnostics: &[Diagnostic],
    sources: SourceLookup<'_>,
    styled: bool,
) -> io::Result<()> {
    FullWriter::new(styled).write(out, diagnostics, sources)
}

/// [`write_full`] for a report written in parts: the text drawn for one
/// part is drawn into the room the part before used (a run with hundreds
/// of thousands of findings otherwise asked the system for fresh memory,
/// and faulted it in, for every few thousand of them).
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let d = Diagnostic::new("TM001", "json-syntax", Severity::Error, "invalid JSON");
/// let mut writer = trailmap::emit::FullWriter::new(false);
/// let mut out = Vec::new();
/// writer.write(&mut out, &[d.clone()], &|_| None).unwrap();
/// writer.write(&mut out, &[d.clone()], &|_| None).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), trailmap::emit::full(&[d.clone(), d], &|_| None, false));
/// ```
#[derive(Debug)]
pub struct FullWriter {
    styled: bool,
    /// One text a chunk of a batch, kept between batches and parts.
    drawn: Vec<std::sync::Mutex<String>>,
}

impl FullWriter {
    /// A writer with ANSI styles when `styled` (see [`full`]).
    pub fn new(styled: bool) -> Self {
        FullWriter { styled, drawn: Vec::new() }
    }

    /// Draws `diagnostics` and writes them to `out`, as [`write_full`].
    pub fn write<W: Write + ?Sized>(
        &mut self,
        out: &mut W,
        diagnostics: &[Diagnostic],
        sources: SourceLookup<'_>,
    ) -> io::Result<()> {
        let styled = self.styled;
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() }.decor_style(DecorStyle::Ascii);
        // Sources are looked up here: the lookup need not be shareable.
        let render = |chunk: &[Sourced<'_>], text: &mut String| {
            text.clear();
            for &(d, source) in chunk {
                render_into(text, &renderer, styled, d, source);
                text.push_str("\n\n");
            }
        };
        // Drawing a snippet costs a few microseconds: a run with hundreds
        // of thousands of findings draws them on every core, a batch of
        // chunks at a time, written in order.
        let threads = if diagnostics.len() < PARALLEL_MIN { 1 } else { crate::parallel::cores().min(MAX_THREADS) };
        for batch in diagnostics.chunks(CHUNK * threads) {
            let batch: Vec<Sourced<'_>> = batch.iter().map(|d| (d, sources(&d.file))).collect();
            let chunks: Vec<(usize, &[Sourced<'_>])> = batch.chunks(CHUNK).enumerate().collect();
            if self.drawn.len() < chunks.len() {
                self.drawn.resize_with(chunks.len(), Default::default);
            }
            let drawn = &self.drawn;
            let lock = |i: usize| drawn[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            crate::parallel::map(&chunks, |&(i, chunk)| render(chunk, &mut lock(i)));
            for &(i, _) in &chunks {
                out.write_all(lock(i).as_bytes())?;
            }
        }
        Ok(())
    }
}

/// A diagnostic with its file's source text, when known.
type Sourced<'a> = (&'a Diagnostic, Option<&'a str>);

/// Below this many diagnostics [`write_full`] draws on the calling thread.
const PARALLEL_MIN: usize = 2_000;

/// Diagnostics one thread draws before the batch is written.
const CHUNK: usize = 1_000;

/// Threads drawing at once, at most.
const MAX_THREADS: usize = 8;

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
        let mut text = String::new();
        render_into(&mut text, &Renderer::plain().decor_style(DecorStyle::Ascii), false, self, None);
        f.write_str(&text)
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Appends one diagnostic, drawn, to `out` (written in place: a run with
/// tens of thousands of findings spent 2% of its time growing a copy of
/// each).
fn render_into(out: &mut String, renderer: &Renderer, styled: bool, d: &Diagnostic, source: Option<&str>) {
    let window = match (d.location, source) {
        (Some(loc), Some(source)) => Some(Window::around(source, loc.offset, loc.end_offset)),
        _ => None,
    };
    // Drawn by annotate-snippets, a finding costs about 4 microseconds; the
    // commonest one, plain and printable, is written directly.
    if !styled && window.as_ref().is_some_and(|window| ascii::draw(out, d, window)) {
        return;
    }
    render_with_library(out, renderer, styled, d, window);
}

/// [`render_into`] through annotate-snippets, whatever the diagnostic.
fn render_with_library(out: &mut String, renderer: &Renderer, styled: bool, d: &Diagnostic, window: Option<Window>) {
    let level = level(d.severity);
    let file = escape::terminal(file_name(d));
    let title = level.clone().primary_title(escape::terminal(&d.message)).id(d.code);
    let help = d.help.as_ref().map(|help| Level::HELP.message(escape::terminal(help)));
    let (Some(loc), Some(window)) = (d.location, window) else {
        let mut origin = Origin::path(file);
        if let Some(loc) = d.location {
            origin = origin.line(loc.line as usize).char_column(loc.column as usize);
        }
        let group = Group::with_title(title).element(origin).elements(help);
        out.push_str(&renderer.render(&[group]));
        return;
    };
    // The snippet shows a window of the line, escaped, so the renderer
    // cannot know the position in the file: the `-->` line is ours, with the
    // diagnostic's own line and column (characters, as editors count them).
    let snippet = Snippet::source(window.text)
        .line_start(loc.line as usize)
        .annotation(AnnotationKind::Primary.span(window.span));
    let rendered = renderer.render(&[Group::with_title(title).element(snippet).elements(help)]);
    let (header, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
    out.push_str(header);
    out.push('\n');
    // The gutter is as wide as the line number.
    out.extend(std::iter::repeat_n(' ', gutter_width(loc.line)));
    if styled {
        let style = annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
        let _ = write!(out, "{}-->{}", style.render(), style.render_reset());
    } else {
        out.push_str("-->");
    }
    let _ = writeln!(out, " {file}:{}:{}", loc.line, loc.column);
    out.push_str(rest);
}

/// The file as the `-->` line names it.
fn file_name(d: &Diagnostic) -> &str {
    if d.file.is_empty() { "<unknown>" } else { &d.file }
}

/// Columns of the gutter: as many as the line number has digits.
fn gutter_width(line: u32) -> usize {
    line.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// The part of a source line shown under a diagnostic, escaped for a
/// terminal, with the underlined region's byte range in that text.
struct Window<'s> {
    /// Borrowed from the source when nothing in it needs escaping.
    text: std::borrow::Cow<'s, str>,
    span: Range<usize>,
    /// `text` is known to be printable ASCII (it was checked when taken).
    printable: bool,
}

impl<'s> Window<'s> {
    /// The line holding byte `start`: at most [`CONTEXT_CHARS`] characters
    /// before it and twice that from it; the region is cut at the end
    /// of its first line (a value spanning lines is marked where it starts).
    fn around(source: &'s str, start: usize, end: usize) -> Window<'s> {
        let start = floor_char_boundary(source, start);
        let end = floor_char_boundary(source, end.max(start));
        // Nearly every line is printable ASCII, one character a byte: its
        // bounds are found without decoding, and it is checked once, to be
        // shown as it is (a roadmap on one line has every finding on a
        // line of megabytes, and each is shown 481 bytes of it).
        let (line_start, line_end) = byte_line_around(source.as_bytes(), start);
        let (line_end, cut_end) = without_cr(source, line_end, end, start);
        if let Some(line) = source.get(line_start..line_end.max(cut_end)).filter(|line| escape::terminal_as_is(line)) {
            let span = start - line_start..cut_end - line_start;
            return Window { text: std::borrow::Cow::Borrowed(line), span, printable: true };
        }
        let (line_start, line_end) = line_around(source, start);
        let (line_end, end) = without_cr(source, line_end, end, start);
        let mut text = escape::terminal(&source[line_start..start]);
        let span_start = text.len();
        text.push_str(&escape::terminal(&source[start..end]));
        let span_end = text.len();
        text.push_str(&escape::terminal(&source[end..line_end.max(end)]));
        Window { text: text.into(), span: span_start..span_end, printable: false }
    }
}

/// The end of a line without the CR of a CRLF, and the region's end cut at
/// it (but not before `start`).
fn without_cr(source: &str, line_end: usize, end: usize, start: usize) -> (usize, usize) {
    let line_end = if source.as_bytes()[..line_end].ends_with(b"\r") { line_end - 1 } else { line_end };
    (line_end, end.min(line_end).max(start))
}

/// The bounds [`Window::around`] takes around byte `start` (a char
/// boundary): at most [`CONTEXT_CHARS`] characters before it and twice
/// that and one from it, within its line.
fn line_around(source: &str, start: usize) -> (usize, usize) {
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
    (line_start, line_end)
}

/// [`line_around`] counting a byte a character: the same bounds when the
/// line they take is ASCII (the caller checks). A `\n` is never inside a
/// character, so the bounds at one are character boundaries.
fn byte_line_around(source: &[u8], start: usize) -> (usize, usize) {
    let before = &source[start.saturating_sub(CONTEXT_CHARS)..start];
    let after = &source[start..source.len().min(start + 2 * CONTEXT_CHARS + 1)];
    let line_start = memchr::memrchr(b'\n', before).map_or(start - before.len(), |at| start - before.len() + at + 1);
    let line_end = start + memchr::memchr(b'\n', after).unwrap_or(after.len());
    (line_start, line_end)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rendered source line and caret line of the one diagnostic at
    /// `needle` (the first occurrence in `source`, for `len` bytes).
    fn shown(source: &str, needle: &str) -> (String, String) {
        let start = source.find(needle).unwrap();
        let mut d = Diagnostic::new("TM005", "unknown-reference", Severity::Error, "m");
        let line = source[..start].matches('\n').count() as u32 + 1;
        let column = source[..start].rsplit('\n').next().unwrap().chars().count() as u32 + 1;
        d.location = Some(crate::Location {
            line,
            column,
            end_line: line,
            end_column: column + needle.chars().count() as u32,
            offset: start,
            end_offset: start + needle.len(),
        });
        d.file = "f.json".into();
        let text = full(&[d], &|_| Some(source), false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], format!(" --> f.json:{line}:{column}"), "{text}");
        (lines[3].to_owned(), lines[4].to_owned())
    }

    /// Display columns, as a terminal draws them: wide characters take two.
    fn columns(text: &str) -> usize {
        text.chars().map(|c| if ('\u{3000}'..='\u{9fff}').contains(&c) { 2 } else { 1 }).sum()
    }

    /// The carets start under the first character of `marked` and cover it.
    fn assert_under(line: &str, carets: &str, marked: &str) {
        let at = line.find(marked).unwrap_or_else(|| panic!("{marked:?} not in {line:?}"));
        let before = columns(&line[..at]);
        let pad = carets.chars().take_while(|&c| c != '^').count();
        assert_eq!(pad, before, "\n{line}\n{carets}");
        assert_eq!(carets.matches('^').count(), columns(marked), "\n{line}\n{carets}");
    }

    /// A diagnostic on `text` (one line, shown whole) with the region
    /// `span`, as `render_into` gets it.
    fn on_line(
        text: &str,
        span: Range<usize>,
        line: u32,
        message: &str,
        help: Option<&str>,
    ) -> (Diagnostic, Window<'static>) {
        let severity = [Severity::Error, Severity::Warning, Severity::Info][line as usize % 3];
        let mut d = Diagnostic::new("TM107", "redundant-prerequisite", severity, message);
        d.help = help.map(str::to_owned);
        d.file = "roadmaps/a b.json".into();
        d.location = Some(crate::Location {
            line,
            column: span.start as u32 + 1,
            end_line: line,
            end_column: span.end as u32 + 1,
            offset: span.start,
            end_offset: span.end,
        });
        (d, Window { text: text.to_owned().into(), span, printable: false })
    }

    /// Both drawings of `d`: the direct one (`None` when it declined) and
    /// the library's.
    fn drawn_both_ways(d: &Diagnostic, window: &Window) -> (Option<String>, String) {
        let mut direct = String::new();
        let taken = ascii::draw(&mut direct, d, window);
        let renderer = Renderer::plain().decor_style(DecorStyle::Ascii);
        let mut library = String::new();
        render_with_library(
            &mut library,
            &renderer,
            false,
            d,
            Some(Window { text: window.text.clone(), span: window.span.clone(), printable: window.printable }),
        );
        (taken.then_some(direct), library)
    }

    #[test]
    fn a_pretty_json_entry_is_drawn_directly_as_the_library_draws_it() {
        let text = "        \"tensor-modeling\",";
        let (d, window) = on_line(text, 8..25, 21, "prerequisite `x` of `y` is redundant", Some("remove `x`"));
        let (direct, library) = drawn_both_ways(&d, &window);
        assert_eq!(direct.as_deref(), Some(library.as_str()));
        assert!(library.ends_with("^^^^^^^^^^^^^^^^^\n   |\n   = help: remove `x`"), "{library}");
    }

    /// A message, help and file name of other characters than ASCII (a
    /// long name cut with `…`, accents, CJK) are drawn directly, as the
    /// library draws them; escaped ones are left to the library.
    #[test]
    fn other_characters_in_the_message_are_drawn_directly_as_the_library_draws_them() {
        let text = r#"{"id": "s7", "name": "Kdeqmdmqrhjpnwaakbnulsawfjitikbiufwtrlsasb"}"#;
        let message = "skills `s7` and `s6` have nearly the same names: \"Kdeqmdmqrhjpnwaakbnulsawfjitikbiufwtrlsa…\" and \"Café 日本\"";
        let (mut d, window) = on_line(text, 22..66, 3, message, Some("merge them — keep `s7`"));
        d.file = "roadmaps/café 日本.json".into();
        let (direct, library) = drawn_both_ways(&d, &window);
        assert_eq!(direct.as_deref(), Some(library.as_str()));
        assert!(library.contains("…\" and \"Café 日本\"") && library.contains("café 日本.json:3:23"), "{library}");
        for escaped in ["tab\there", "bidi \u{202e}x", "zero\u{200b}width"] {
            let (d, window) = on_line(text, 22..66, 3, escaped, None);
            assert_eq!(drawn_both_ways(&d, &window).0, None, "{escaped:?}");
        }
    }

    /// A roadmap on one line: the direct drawing cuts the line around the
    /// region, `...` either side, as the library does.
    #[test]
    fn a_long_line_is_cut_directly_as_the_library_cuts_it() {
        let entry = r#"{"id": "s7-x", "name": "Skill number 7", "prerequisites": ["s2-x", "s5-x", "s6-x"]}, "#;
        let text = entry.repeat(6);
        let start = 4 * entry.len() + entry.find("\"s5-x\"").unwrap();
        for (span, line) in [(start..start + 6, 1), (3..9, 1), (text.len() - 7..text.len() - 1, 12_345)] {
            let (d, window) = on_line(&text, span.clone(), line, "prerequisite `s5-x` is redundant", Some("remove it"));
            let (direct, library) = drawn_both_ways(&d, &window);
            assert_eq!(direct.as_deref(), Some(library.as_str()), "{span:?}");
        }
        let (d, window) = on_line(&text, start..start + 6, 1, "m", None);
        let shown = drawn_both_ways(&d, &window).1;
        assert!(shown.contains("1 | ...") && shown.contains("...\n  |"), "{shown}");
    }

    proptest::proptest! {
        /// The bounds of a window found byte by byte are those found
        /// character by character wherever the line they take is ASCII, on
        /// lines short and long, near the ends of the text, with other
        /// characters near and far.
        #[test]
        fn an_ascii_window_is_found_as_by_characters(
            pieces in proptest::collection::vec("[a-z ]{0,200}|[a-z]{300,400}|\n|é|[a-z]{0,20}é", 0..12),
            at in 0usize..2_000,
        ) {
            let text = pieces.concat();
            let start = floor_char_boundary(&text, at);
            let found = byte_line_around(text.as_bytes(), start);
            // Where the line found is ASCII (the only case it is used).
            if text.get(found.0..found.1).is_some_and(str::is_ascii) {
                proptest::prop_assert_eq!(found, line_around(&text, start));
            }
        }

        /// A window is the line found character by character and escaped
        /// as a whole, whichever way it was found: lines of printable
        /// ASCII short and long, CRLF endings, other characters and
        /// controls on the line or beyond its ends, regions across lines.
        #[test]
        fn a_window_is_its_line_escaped(
            pieces in proptest::collection::vec("[a-z ]{0,200}|[a-z]{300,400}|\n|\r\n|é|\u{1b}|\t|[a-z]{0,20}é", 0..12),
            at in 0usize..2_000,
            len in 0usize..400,
        ) {
            let text = pieces.concat();
            let (start, end) = (floor_char_boundary(&text, at), floor_char_boundary(&text, at + len));
            let window = Window::around(&text, start, end);
            let (line_start, line_end) = line_around(&text, start);
            let (line_end, end) = without_cr(&text, line_end, end, start);
            let before = escape::terminal(&text[line_start..start]);
            let region = escape::terminal(&text[start..end]);
            let expected = [before.as_str(), &region, &escape::terminal(&text[end..line_end.max(end)])].concat();
            proptest::prop_assert_eq!(window.text.as_ref(), expected.as_str());
            proptest::prop_assert_eq!(window.span, before.len()..before.len() + region.len());
            proptest::prop_assert!(!window.printable || escape::terminal_as_is(&window.text));
        }

        /// Wherever the direct drawing is taken, it is byte for byte the
        /// library's: lines up to and past the library's cuts (a roadmap
        /// on one line), indentation either side of its trimming, trailing
        /// spaces, other characters, empty regions and texts, with and
        /// without help.
        #[test]
        fn the_direct_drawing_is_the_librarys(
            indent in 0usize..60,
            body in "[ -~]{0,500}|[a-z\"\t é]{0,30}",
            trailing in 0usize..3,
            start in 0usize..560,
            len in 0usize..160,
            line in 1u32..2_000_000,
            message in "[ -~]{0,50}|[a-zé]{1,5}|[ -~é…日\t\u{1b}\u{200d}\u{202e}]{0,12}",
            help in proptest::option::of("[ -~]{0,40}|[ -~…日\u{7f}]{0,8}"),
        ) {
            let text = format!("{}{body}{}", " ".repeat(indent), " ".repeat(trailing));
            let cut = |at: usize| (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let span = cut(start)..cut(start + len);
            let (d, window) = on_line(&text, span, line, &message, help.as_deref());
            if let (Some(direct), library) = drawn_both_ways(&d, &window) {
                proptest::prop_assert_eq!(direct, library);
            }
        }
    }

    #[test]
    fn carets_stay_under_wide_characters() {
        let source = "{\"name\": \"日本語のスキル\", \"prerequisites\": [\"日本\"]}";
        let (line, carets) = shown(source, "\"日本\"");
        assert_under(&line, &carets, "\"日本\"");
    }

    #[test]
    fn carets_cover_an_escaped_zero_width_character() {
        // tests/fixtures/malformed/ids-zero-width.json
        let source = "{\"id\": \"r\",\n  \"skills\": [{ \"id\": \"py\u{200b}thon\", \"name\": \"Python\" }]\n}";
        let (line, carets) = shown(source, "\"py\u{200b}thon\"");
        assert!(line.contains("\"py\\u{200b}thon\""), "{line}");
        assert_under(&line, &carets, "\"py\\u{200b}thon\"");
        // The zero-width space is not left invisible after the region either.
        let (line, carets) = shown(source, "\"Python\"");
        assert_under(&line, &carets, "\"Python\"");
    }

    #[test]
    fn carets_stay_aligned_after_control_and_bidi_escapes() {
        let source = "{\"a\": \"\u{1b}[31m\u{202e}x\t\", \"b\": [\"zz\"]}";
        let (line, carets) = shown(source, "\"zz\"");
        assert!(!line.contains('\u{1b}') && !line.contains('\u{202e}'), "{line:?}");
        assert_under(&line, &carets, "\"zz\"");
    }

    #[test]
    fn a_region_over_several_lines_is_marked_on_its_first() {
        let source = "{\"a\": {\n  \"b\": 1\n}}";
        let (line, carets) = shown(source, "{\n  \"b\": 1\n}");
        assert_eq!(line, "1 | {\"a\": {");
        assert_eq!(carets, "  |       ^");
    }

    #[test]
    fn a_long_line_is_cut_around_the_region() {
        let source = format!("[{}\"here\"{}]", "\"x\", ".repeat(5_000), ", 1".repeat(5_000));
        let (line, carets) = shown(&source, "\"here\"");
        assert!(line.len() < 200, "{line}");
        assert!(line.starts_with("1 | ...") && line.ends_with("..."), "{line}");
        assert_under(&line, &carets, "\"here\"");
    }

    #[test]
    fn styles_only_when_asked() {
        let d = Diagnostic::new("TM001", "json-syntax", Severity::Error, "bad \u{1b}[2J");
        assert!(!full(std::slice::from_ref(&d), &|_| None, false).contains('\u{1b}'));
        let styled = full(&[d], &|_| None, true);
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        assert!(styled.contains("bad \\u{1b}[2J"), "the message's own escape is shown, not sent: {styled:?}");
    }

    #[test]
    fn many_diagnostics_are_drawn_in_parallel_and_written_in_order() {
        // Each on its own line of a source, with a message naming it.
        let count = PARALLEL_MIN + 2 * CHUNK + 7;
        let source: String = (0..count).map(|i| format!("\"item {i}\",\n")).collect();
        let mut offset = 0;
        let diagnostics: Vec<Diagnostic> = (0..count)
            .map(|i| {
                let line = format!("\"item {i}\",\n");
                let mut d = Diagnostic::new("TM113", "empty-text", Severity::Warning, format!("finding {i}"));
                d.file = "f.json".into();
                d.location = Some(crate::Location {
                    line: i as u32 + 1,
                    column: 1,
                    end_line: i as u32 + 1,
                    end_column: line.len() as u32 - 1,
                    offset,
                    end_offset: offset + line.len() - 2,
                });
                offset += line.len();
                d
            })
            .collect();
        let lookup = |_: &str| Some(source.as_str());
        let one_by_one: String = diagnostics.iter().map(|d| full(std::slice::from_ref(d), &lookup, false)).collect();
        assert_eq!(full(&diagnostics, &lookup, false), one_by_one);
        assert!(one_by_one.contains(&format!("finding {}", count - 1)));
        // Written in parts of every size by one writer, whose texts are
        // drawn into the room the parts before used: the same.
        let mut writer = FullWriter::new(false);
        let mut out = Vec::new();
        let mut rest = diagnostics.as_slice();
        for size in [PARALLEL_MIN + CHUNK + 1, 1, 3 * CHUNK, PARALLEL_MIN].into_iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (part, after) = rest.split_at(size.min(rest.len()));
            writer.write(&mut out, part, &lookup).expect("written");
            rest = after;
        }
        assert_eq!(String::from_utf8(out).expect("UTF-8"), one_by_one);
    }

    #[test]
    fn a_failing_writer_stops_the_report_with_its_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let d = Diagnostic::new("TM001", "json-syntax", Severity::Error, "bad");
        let error = write_full(&mut Closed, &[d], &|_| None, false).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
    }
}

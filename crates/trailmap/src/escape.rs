//! Escaping text from a roadmap file for the places it is shown: a
//! terminal, GitHub workflow commands, Markdown and HTML. Roadmaps come
//! from strangers' pull requests, so every output format escapes through
//! these functions.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Replaces control characters (ESC, CR, LF, …) and bidirectional-override
/// characters with visible `\u{..}` escapes, so that text from a file
/// cannot drive a terminal or hide text. Tabs become spaces.
///
/// ```
/// assert_eq!(trailmap::escape::terminal("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb c");
/// ```
pub fn terminal(text: &str) -> String {
    terminal_cow(text).into_owned()
}

/// [`terminal`], borrowing `text` when it needs no escape (printable
/// ASCII, as nearly every message, name and source line is): for writers
/// that copy it out at once.
///
/// ```
/// use std::borrow::Cow;
/// assert!(matches!(trailmap::escape::terminal_cow("plain text"), Cow::Borrowed("plain text")));
/// assert_eq!(trailmap::escape::terminal_cow("a\u{1b}b"), "a\\u{1b}b");
/// ```
pub fn terminal_cow(text: &str) -> Cow<'_, str> {
    // One scan, and no copy (a run drawing 67,000 findings spent 4% of its
    // time here char by char; one writing 1.9M, a tenth byte by byte).
    if terminal_as_is(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if shown_escaped(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether [`terminal`] leaves `text` unchanged: no control, tab or
/// invisible format character (printable ASCII is checked first, at
/// sixteen bytes a step). Unlike [`terminal_as_is`], other characters
/// (`é`, `…`, `日`) pass: what a message or a help shows unchanged.
pub(crate) fn terminal_unchanged(text: &str) -> bool {
    // Such a text is mostly ASCII (a name cut with `…`): its characters
    // are told by a compare, the rest by the tables.
    terminal_as_is(text)
        || text.chars().all(|c| match c.is_ascii() {
            true => c == ' ' || c.is_ascii_graphic(),
            false => !shown_escaped(c),
        })
}

/// Whether [`terminal`] writes `c` as a `\u{..}` escape (a tab, itself a
/// control, becomes a space).
fn shown_escaped(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Whether [`terminal`] leaves `text` as it is: printable ASCII only.
pub(crate) fn terminal_as_is(text: &str) -> bool {
    let printable = |b: u8| b.wrapping_sub(b' ') <= b'~' - b' ';
    // Sixteen bytes at a time without stopping early inside them, which the
    // compiler turns into vector compares.
    let mut chunks = text.as_bytes().chunks_exact(16);
    chunks.by_ref().all(|chunk| chunk.iter().fold(true, |all, &b| all & printable(b)))
        && chunks.remainder().iter().all(|&b| printable(b))
}

/// Escapes the data part of a GitHub workflow command (`%`, CR, LF), so a
/// message stays on one line and cannot start a new command.
///
/// ```
/// assert_eq!(trailmap::escape::github_data("50%\n::x"), "50%25%0A::x");
/// ```
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a GitHub workflow command: as
/// [`github_data`], plus `:` and `,`, which would end the property.
///
/// ```
/// assert_eq!(trailmap::escape::github_property("a,b:c"), "a%2Cb%3Ac");
/// ```
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(trailmap::escape::html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
/// ```
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for XML element content and attribute values (SVG): as
/// [`html`], and characters XML 1.0 forbids (control characters other than
/// tab, newline and carriage return; U+FFFE, U+FFFF) are dropped, so the
/// document stays well-formed whatever the file holds.
///
/// ```
/// assert_eq!(trailmap::escape::xml("<a>\u{0}&\u{fffe}\"'"), "&lt;a&gt;&amp;&quot;&#39;");
/// ```
pub fn xml(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect();
    html(&kept)
}

/// A link address from a file, made safe for a Markdown link destination
/// and, through [`html`], an `href`: `None` unless it is an absolute
/// `https` or `http` address (no `javascript:`, `data:` or relative
/// paths); characters that could end the destination or break out of an
/// attribute (space, `<`, `>`, `(`, `)`, `[`, `]`, `"`, `'`, `\`, `` ` ``, control
/// characters) are percent-encoded.
///
/// ```
/// assert_eq!(trailmap::escape::url("https://a.org/x y(1)").as_deref(), Some("https://a.org/x%20y%281%29"));
/// assert_eq!(trailmap::escape::url("javascript:alert(1)"), None);
/// assert_eq!(trailmap::escape::url(" HTTPS://a.org").as_deref(), Some("HTTPS://a.org"));
/// ```
pub fn url(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || text.len() <= lower.find("//")? + 2 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' | '<' | '>' | '(' | ')' | '"' | '\'' | '\\' | '`' | '[' | ']' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// Makes JSON text safe inside an HTML `<script>` element: `<`, `>`, `&`
/// and the JavaScript line separators U+2028 and U+2029 become `\\u`
/// escapes, which JSON reads back as the same characters, so no string in
/// it can close the element (`</script>`) or open a comment (`<!--`).
///
/// ```
/// assert_eq!(trailmap::escape::script_json(r#"{"a":"</script>&"}"#), r#"{"a":"\u003c/script\u003e\u0026"}"#);
/// ```
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for inline Markdown (GitHub Flavored): inline syntax
/// (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `~`, `|`, `$`) is backslash-escaped
/// everywhere, `<` becomes `&lt;` (no HTML, no autolink), a `&` that would
/// start an entity becomes `&amp;`, and newlines become spaces. What only
/// means something at the start of a line (`#`, `-`, `+`, `=`, `>`, a number
/// followed by `.` or `)`) is escaped there, and leading whitespace (an
/// indented code block) is dropped, so a name cannot start a heading, a
/// list, a quote or a fence even where it begins a line; a trailing run of
/// `#` is escaped too (a heading would drop it). Safe inside table cells
/// (`|` is escaped) and on GitHub, where `$` starts math.
///
/// ```
/// assert_eq!(trailmap::escape::markdown("*a* | <b>\n# c"), "\\*a\\* \\| &lt;b> # c");
/// assert_eq!(trailmap::escape::markdown("    1. Week 1-2 (C#) Q&A &amp;"), "1\\. Week 1-2 (C#) Q&A &amp;amp;");
/// assert_eq!(trailmap::escape::markdown("- [x] $5 #"), "\\- \\[x\\] \\$5 \\#");
/// assert_eq!(trailmap::escape::markdown("ab\u{202e}c"), "ab\\\\u{202e}c");
/// ```
pub fn markdown(text: &str) -> String {
    // Newlines and tabs become spaces and other control characters go
    // first, so that the line-start rules below see the text as shown.
    // Bidirectional overrides and zero-width characters would reorder or
    // hide what a reviewer reads: shown as `\u{..}`, as in a terminal.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\t' => chars.push(' '),
            c if c.is_control() => {}
            c if is_invisible_format(c) => chars.extend(format!("\\u{{{:x}}}", c as u32).chars()),
            c => chars.push(c),
        }
    }
    let leading_space = chars.iter().take_while(|c| c.is_whitespace()).count();
    chars.drain(..leading_space);
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    // `## Title ##`: a closing run of `#` after a space is dropped from a heading.
    let body_end = chars.iter().rposition(|c| !c.is_whitespace()).map_or(0, |i| i + 1);
    let run_start = chars[..body_end].iter().rposition(|&c| c != '#').map_or(0, |i| i + 1);
    let closing_run = run_start < body_end && (run_start == 0 || chars[run_start - 1].is_whitespace());
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 || (closing_run && i >= run_start && i < body_end) => out.push_str("\\#"),
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits > 0 && i == leading_digits => {
                out.push('\\');
                out.push(c);
            }
            '>' if i == 0 => out.push_str("\\>"),
            '<' => out.push_str("&lt;"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is shown as nothing, or changes how the text around it is
/// shown: a format character (Unicode category Cf: bidirectional marks,
/// overrides and isolates, zero-width and invisible operators, the soft
/// hyphen, the byte-order mark, tag characters, …), a line or paragraph
/// separator (Zl, Zp), or a Hangul filler, which shows as blank. What
/// [`terminal`] and [`markdown`] show as an escape beside the control
/// characters. The Cf list is Unicode 15.1's.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{115f}'..='\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Whether the text after a `&` would make it an entity reference
/// (`&lt;`, `&#60;`, `&#x3c;`), which Markdown decodes.
fn starts_entity(after: &[char]) -> bool {
    let name = after.strip_prefix(&['#']).unwrap_or(after);
    let len = name.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    len > 0 && name.get(len) == Some(&';')
}

/// Escapes text for a quoted Mermaid label (`n0["..."]`, `subgraph
/// g0["..."]`): quotes, brackets, `|`, `#`, `%`, `\`, backticks and HTML
/// characters become Mermaid entity codes (`#quot;`, `#91;`, …), newlines
/// become spaces and other control characters are dropped. The result can
/// close neither the label, the statement, nor a Markdown code fence
/// around the diagram.
///
/// ```
/// assert_eq!(trailmap::escape::mermaid(r#"A "b" [c]"#), "A #quot;b#quot; #91;c#93;");
/// assert_eq!(trailmap::escape::mermaid("<x>\n```"), "#lt;x#gt; #96;#96;#96;");
/// ```
pub fn mermaid(text: &str) -> String {
    // Mermaid drops the last `;` of a line where `style` or `classDef`
    // comes before a `:` and a `#`, which would cut one of the codes
    // below short: in such a label, `:` is a code too.
    let lower = text.to_ascii_lowercase();
    let colon_as_code = lower.contains("style") || lower.contains("classdef");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            // `#` starts an entity code and `%%` a directive; the brackets
            // and `|` delimit shapes and edge labels; a backtick starts a
            // Markdown string (and three close the fence around the diagram);
            // a backslash is encoded so that no reader takes `\"` for an escape.
            '#' | '%' | '`' | '[' | ']' | '(' | ')' | '{' | '}' | '|' | '\\' => {
                let _ = write!(out, "#{};", c as u32);
            }
            ':' if colon_as_code => out.push_str("#58;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for the inside of a quoted Graphviz DOT string (an id or a
/// label): `"` and `\` are backslash-escaped, so the string cannot end early
/// and no `\N`-style label escape is formed; `&` becomes `&amp;`, since
/// Graphviz decodes HTML entities (`&amp;`, `&#60;`) in every string; a
/// newline becomes `\n` (a line break in a label) and other control
/// characters are dropped.
///
/// ```
/// assert_eq!(trailmap::escape::dot("say \"hi\"\\\nbye"), r#"say \"hi\"\\\nbye"#);
/// assert_eq!(trailmap::escape::dot("AT&amp;T &#60;b&#62;"), "AT&amp;amp;T &amp;#60;b&amp;#62;");
/// ```
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an iCalendar (RFC 5545) property value: backslash,
/// `;`, `,` and newlines are escaped; other control characters dropped, so
/// a name cannot start a new property or event.
///
/// ```
/// assert_eq!(trailmap::escape::ics("a;b,c\nEND:VEVENT"), "a\\;b\\,c\\nEND:VEVENT");
/// ```
pub fn ics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every format character (Cf) of Unicode 15.1, the line and paragraph
    /// separators and the Hangul fillers are escaped on a terminal and in
    /// Markdown; letters, marks and spaces around them are not.
    #[test]
    fn invisible_characters_become_escapes() {
        let invisible = [
            '\u{ad}',
            '\u{600}',
            '\u{605}',
            '\u{61c}',
            '\u{6dd}',
            '\u{70f}',
            '\u{890}',
            '\u{8e2}',
            '\u{115f}',
            '\u{180e}',
            '\u{200b}',
            '\u{200e}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{206a}',
            '\u{206f}',
            '\u{3164}',
            '\u{feff}',
            '\u{ffa0}',
            '\u{fffb}',
            '\u{110bd}',
            '\u{13430}',
            '\u{1bca3}',
            '\u{1d17a}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
        ];
        for c in invisible {
            let text = format!("a{c}b");
            let code = format!("\\u{{{:x}}}", c as u32);
            assert_eq!(terminal(&text), format!("a{code}b"), "{:x}", c as u32);
            // Markdown escapes the backslash too, so that it is shown.
            let shown = markdown(&text);
            assert!(!shown.contains(c) && shown.contains(&format!("a\\{code}b")), "{:x}: {shown}", c as u32);
        }
        for shown in ["é", "€", "\u{301}", "\u{a0}", "日本", "\u{2065}", "\u{1f600}"] {
            assert_eq!(terminal(shown), shown);
        }
    }

    proptest::proptest! {
        /// Terminal text keeps no control or bidirectional character, and
        /// text with none (printable ASCII, the fast path, among it) comes
        /// back as it was.
        #[test]
        fn terminal_text_is_inert(text in "[ -~\t\n\u{1b}\u{85}\u{200b}\u{202e}\u{2068}\u{61c}\u{2028}\u{feff}\u{ad}\u{e0041}é€]{0,24}") {
            let out = terminal(&text);
            let hidden = |c: char| c.is_control() || is_invisible_format(c);
            proptest::prop_assert!(!out.chars().any(hidden), "{:?}", out);
            // Printable ASCII (the fast path) and any other text with
            // nothing to escape come back as they were.
            if !text.chars().any(|c| c == '\t' || hidden(c)) {
                proptest::prop_assert_eq!(&out, &text);
            }
        }
    }

    proptest::proptest! {
        /// The check by chunks of sixteen bytes agrees with the byte by
        /// byte definition, whichever byte of a chunk or of the rest is
        /// not printable (DEL, a control, the first byte of `é`), and
        /// `terminal_cow` borrows exactly the text it leaves as it is.
        #[test]
        fn the_printable_check_agrees_byte_by_byte(text in "[ -~]{0,70}", bad in "[\u{7f}\u{1f}\n\té]?", at in 0..71usize) {
            let mut text = text;
            let at = at.min(text.len());
            text.insert_str(at, &bad);
            let expected = text.bytes().all(|b| (b' '..=b'~').contains(&b));
            proptest::prop_assert_eq!(terminal_as_is(&text), expected);
            proptest::prop_assert_eq!(matches!(terminal_cow(&text), Cow::Borrowed(_)), expected);
        }

        /// `terminal_unchanged` is true exactly where `terminal` returns
        /// the text as it was: other letters and symbols pass, controls,
        /// tabs, bidirectional and zero-width characters do not.
        #[test]
        fn the_unchanged_check_agrees_with_the_escape(text in "[ -~é…日\u{7f}\u{1f}\n\t\u{200b}\u{200d}\u{202e}\u{ad}]{0,30}") {
            proptest::prop_assert_eq!(terminal_unchanged(&text), terminal(&text) == text);
        }
    }

    #[test]
    fn markdown_text_cannot_start_a_block() {
        let cases = [
            ("# h", "\\# h"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("* item", "\\* item"),
            ("> quote", "\\> quote"),
            ("```", "\\`\\`\\`"),
            ("~~~", "\\~\\~\\~"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("    code", "code"),
            ("1. one", "1\\. one"),
            ("12) x", "12\\) x"),
            ("| a |", "\\| a \\|"),
            ("<div>", "&lt;div>"),
            ("[x]: https://example.com", "\\[x\\]: https://example.com"),
        ];
        for (hostile, expected) in cases {
            assert_eq!(markdown(hostile), expected, "{hostile:?}");
        }
        assert_eq!(markdown("===").len(), 4, "only the first `=` needs escaping");
        assert_eq!(markdown("\t  2024. a year"), "2024\\. a year");
        assert_eq!(markdown("v1.2 - 3 + 4 = 7 #1 (a)"), "v1.2 - 3 + 4 = 7 #1 (a)", "harmless mid-line");
        assert_eq!(markdown("Learn C#"), "Learn C#");
        assert_eq!(markdown("Title ## "), "Title \\#\\# ", "a closing sequence is kept as text");
        assert_eq!(markdown("a\tb\r\nc\u{0}"), "a b  c");
        // Dropped characters do not hide a line start.
        assert_eq!(markdown("\u{0}- [ ]x"), "\\- \\[ \\]x");
        assert_eq!(markdown("\u{1b}\n    1. x"), "1\\. x");
        assert_eq!(markdown("\r\n# x"), "\\# x");
        assert_eq!(markdown(""), "");
        assert_eq!(markdown("#"), "\\#");
    }

    #[test]
    fn markdown_neutralises_html_links_and_math() {
        assert_eq!(markdown("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
        assert_eq!(markdown("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(markdown("![i](x.png)"), "!\\[i\\](x.png)");
        assert_eq!(markdown("$x$ &amp; a_b"), "\\$x\\$ &amp;amp; a\\_b");
        assert_eq!(markdown("&#60;b> &#x3c; & &; Q&A"), "&amp;#60;b> &amp;#x3c; & &; Q&A");
    }

    #[test]
    fn mermaid_labels_stay_inside_their_quotes() {
        let escaped = mermaid("a\"]) --> b\nend %%{init}%% `x` #quot; <b>| \\");
        for bad in ['"', ']', '[', ')', '(', '\n', '`', '<', '>', '|', '{', '}', '%', '\\'] {
            assert!(!escaped.contains(bad), "{bad:?} in {escaped:?}");
        }
        // A `#` from the text cannot form an entity code of its own.
        assert!(escaped.contains("#35;quot;"));
        // Nor can a `style …:` before it make Mermaid drop a code's `;`.
        assert_eq!(mermaid("Code style:(PEP 8)"), "Code style#58;#40;PEP 8#41;");
        assert_eq!(mermaid("classDef x:#fff; y"), "classDef x#58;#35;fff; y");
        assert_eq!(mermaid("Week 1: (intro)"), "Week 1: #40;intro#41;");
        assert_eq!(mermaid("Python"), "Python");
    }

    #[test]
    fn dot_strings_cannot_end_early() {
        assert_eq!(dot("a\\"), "a\\\\", "a trailing backslash cannot escape the closing quote");
        assert_eq!(dot("x\"; y -> z [label=\""), "x\\\"; y -> z [label=\\\"");
        assert_eq!(dot("1\n2\r\t3"), "1\\n2 3");
        assert_eq!(dot("\\N"), "\\\\N");
        assert_eq!(dot("&lt;&"), "&amp;lt;&amp;", "Graphviz decodes entities in every string");
    }
}

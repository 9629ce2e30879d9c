//! Escaping text from a roadmap file for the places it is shown: a
//! terminal, GitHub workflow commands, Markdown and HTML. Roadmaps come
//! from strangers' pull requests, so every output format escapes through
//! these functions.

use std::fmt::Write as _;

/// Replaces control characters (ESC, CR, LF, …) and bidirectional-override
/// characters with visible `\u{..}` escapes, so that text from a file
/// cannot drive a terminal or hide text. Tabs become spaces.
///
/// ```
/// assert_eq!(trailmap::escape::terminal("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb c");
/// ```
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
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

/// Escapes text for inline Markdown (GitHub Flavored): Markdown
/// punctuation is backslash-escaped, HTML is neutralised, and newlines
/// become spaces so a name cannot start a heading, a list or a fence. Safe
/// inside table cells too (`|` is escaped).
///
/// ```
/// assert_eq!(trailmap::escape::markdown("*a* | <b>\n# c"), "\\*a\\* \\| &lt;b&gt; \\# c");
/// ```
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

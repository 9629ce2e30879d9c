//! GitHub Actions workflow commands (`::error file=…,line=…::message`), the
//! one writer of annotations for `validate`, `lint` and `diff`.
//!
//! Each annotation is exactly one line whatever the file holds: text from
//! the file goes through [`escape::terminal`] first (a control character
//! cannot reach the log, a newline from the file cannot end the command),
//! then the workflow-command escaping: `%`, CR and LF in the message, and
//! also `:` and `,` in properties (which would end the property).

use std::fmt::Write as _;

use crate::escape;
use crate::{Diagnostic, Location, Severity};

/// The command an annotation is written with.
///
/// ```
/// use trailmap::emit::github::Level;
/// assert_eq!(Level::from(trailmap::Severity::Info), Level::Notice);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Level {
    /// `::error`
    Error,
    /// `::warning`
    Warning,
    /// `::notice`
    Notice,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Notice,
        }
    }
}

/// Appends one annotation line to `out`. With a `file`, the annotation is
/// placed at `location` (line 1, column 1 when unknown); without, it is a
/// run-wide annotation. `lines` are joined with line breaks (GitHub shows
/// them): each is escaped on its own, so only these breaks are ours.
///
/// ```
/// let mut out = String::new();
/// let name = "a,b:c.json";
/// trailmap::emit::github::annotation(&mut out, trailmap::emit::github::Level::Warning, Some(name), None, "T1", &["50% done\n::error::x", "help: h"]);
/// assert_eq!(out, "::warning file=a%2Cb%3Ac.json,line=1,col=1,endLine=1,endColumn=1,title=T1::50%25 done\\u{a}::error::x%0Ahelp: h\n");
///
/// // A line break in a file's name is the command's own escape: GitHub
/// // reads the real name back and finds the file.
/// let mut out = String::new();
/// trailmap::emit::github::annotation(&mut out, trailmap::emit::github::Level::Error, Some("a\nb\u{1b}.json"), None, "T", &["m"]);
/// assert!(out.starts_with("::error file=a%0Ab\\u{1b}.json,line=1,"), "{out}");
/// ```
pub fn annotation(
    out: &mut String,
    level: Level,
    file: Option<&str>,
    location: Option<Location>,
    title: &str,
    lines: &[&str],
) {
    let message: Vec<String> = lines.iter().map(|line| escape::terminal(line)).collect();
    let _ = write!(out, "::{} ", level.command());
    if let Some(file) = file {
        let loc = location;
        let _ = write!(
            out,
            "file={},line={},col={},endLine={},endColumn={},",
            // The file as the repository names it, for GitHub to find: a line
            // break in its name is the command's `%0A`, which GitHub reads back;
            // other control characters are still shown as escapes.
            escape::terminal(&escape::github_property(file)),
            loc.map_or(1, |l| l.line),
            loc.map_or(1, |l| l.column),
            loc.map_or(1, |l| l.end_line),
            loc.map_or(1, |l| l.end_column),
        );
    }
    let _ = writeln!(
        out,
        "title={}::{}",
        escape::github_property(&escape::terminal(title)),
        escape::github_data(&message.join("\n"))
    );
}

/// One annotation per diagnostic: its severity as the command, `CODE name`
/// as the title, the message and the help as the text.
///
/// ```
/// let mut d = trailmap::Diagnostic::new("TM005", "unknown-reference", trailmap::Severity::Error, "unknown skill `a\n::set-output`");
/// d.file = "r.json".into();
/// let out = trailmap::emit::github::diagnostics(&[d]);
/// assert_eq!(out, "::error file=r.json,line=1,col=1,endLine=1,endColumn=1,title=TM005 unknown-reference::unknown skill `a\\u{a}::set-output`\n");
/// ```
pub fn diagnostics(diagnostics: &[Diagnostic]) -> String {
    super::to_text(|out| write_diagnostics(out, diagnostics))
}

/// [`diagnostics`], written to `out` one annotation at a time (the report
/// is never whole in memory); stops at the first write error.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "bad");
/// let mut out = Vec::new();
/// trailmap::emit::github::write_diagnostics(&mut out, std::slice::from_ref(&d)).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), trailmap::emit::github::diagnostics(&[d]));
/// ```
pub fn write_diagnostics<W: std::io::Write + ?Sized>(out: &mut W, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    let mut line = String::new();
    for d in diagnostics {
        line.clear();
        let help = d.help.as_ref().map(|help| format!("help: {help}"));
        let mut lines = vec![d.message.as_str()];
        lines.extend(help.as_deref());
        annotation(&mut line, d.severity.into(), Some(&d.file), d.location, &format!("{} {}", d.code, d.name), &lines);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_what_ends_them_and_messages_what_ends_the_command() {
        let mut out = String::new();
        let file = "a%b\r\nc:d,e.json";
        annotation(&mut out, Level::Error, Some(file), None, "T:1,2%", &["m%\r\n::warning::x", "help: y"]);
        assert_eq!(
            out,
            "::error file=a%25b%0D%0Ac%3Ad%2Ce.json,line=1,col=1,endLine=1,endColumn=1,title=T%3A1%2C2%25::\
             m%25\\u{d}\\u{a}::warning::x%0Ahelp: y\n"
        );
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn our_own_line_breaks_are_escaped_for_the_command() {
        let mut out = String::new();
        annotation(&mut out, Level::Notice, None, None, "trailmap diff", &["a", "b"]);
        assert_eq!(out, "::notice title=trailmap diff::a%0Ab\n");
    }

    #[test]
    fn non_ascii_text_is_kept() {
        let mut d = Diagnostic::new("TM005", "unknown-reference", Severity::Warning, "unknown skill `café`");
        d.file = "ロードマップ.json".into();
        assert_eq!(
            diagnostics(&[d]),
            "::warning file=ロードマップ.json,line=1,col=1,endLine=1,endColumn=1,title=TM005 unknown-reference::unknown skill `café`\n"
        );
    }
}

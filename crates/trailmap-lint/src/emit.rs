//! Output formats for diagnostics: `full` (rustc-style, with the source
//! line) and `github` (workflow commands), both from the core's
//! [`trailmap::emit`]; `concise` (one line each), `json` and `sarif` (SARIF
//! 2.1.0 for code scanning).
//!
//! Messages carry the file's own text; everything taken from a file
//! (names, ids, source lines) is escaped here for the format it goes into:
//! a hostile roadmap cannot start a new GitHub workflow command, emit
//! terminal control sequences or break the JSON, and JSON and SARIF get
//! only JSON's escaping (non-ASCII text stays as it is).

use std::fmt::Write as _;
use std::io;

use trailmap::{Diagnostic, Severity};

pub use trailmap::emit::{SourceLookup, full, write_full};
pub use trailmap::escape::terminal as sanitize;

/// One line per diagnostic: `file:line:col: severity[CODE] message`.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "invalid JSON: EOF");
/// assert_eq!(trailmap_lint::emit::concise(&[d]), "<unknown>:1:1: error[TM001] invalid JSON: EOF\n");
/// ```
pub fn concise(diagnostics: &[Diagnostic]) -> String {
    trailmap::emit::to_text(|out| write_concise(out, diagnostics))
}

/// [`concise`], written to `out` line by line (the report is never whole
/// in memory); stops at the first write error.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "bad");
/// let mut out = Vec::new();
/// trailmap_lint::emit::write_concise(&mut out, &[d]).unwrap();
/// assert_eq!(out, b"<unknown>:1:1: error[TM001] bad\n");
/// ```
pub fn write_concise<W: io::Write + ?Sized>(out: &mut W, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let (line, column) = d.location.map_or((1, 1), |l| (l.line, l.column));
        let file = if d.file.is_empty() { "<unknown>" } else { &*d.file };
        writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            sanitize(file),
            d.severity.as_str(),
            d.code,
            sanitize(&d.message)
        )?;
    }
    Ok(())
}

/// Version of the JSON output format. Bumped on any incompatible change.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// A JSON array of diagnostics: `file`, `line`, `column`, `end_line`,
/// `end_column` (1-based), `code`, `name`, `severity`, `message`,
/// `pointer`, and `help` and `fix` when present.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "bad");
/// let v: serde_json::Value = serde_json::from_str(&trailmap_lint::emit::json(&[d])).unwrap();
/// assert_eq!(v[0]["code"], "TM001");
/// assert_eq!(v[0]["line"], 1);
/// ```
pub fn json(diagnostics: &[Diagnostic]) -> String {
    trailmap::emit::to_text(|out| write_json(out, diagnostics))
}

/// [`json`], serialized straight to `out`, one item at a time; stops at
/// the first write error.
///
/// ```
/// let mut out = Vec::new();
/// trailmap_lint::emit::write_json(&mut out, &[]).unwrap();
/// assert_eq!(out, b"[]\n");
/// ```
pub fn write_json<W: io::Write + ?Sized>(out: &mut W, diagnostics: &[Diagnostic]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonItems(diagnostics))?;
    out.write_all(b"\n")
}

/// The array of [`json`], made item by item as it is written.
struct JsonItems<'a>(&'a [Diagnostic]);

impl serde::Serialize for JsonItems<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(JsonItem::new))
    }
}

/// One diagnostic of [`json`], borrowed (a `serde_json::Value` per item
/// cost about 6 KB each: gigabytes at a few hundred thousand findings).
/// Keys in alphabetical order, as the format has always had them.
#[derive(serde::Serialize)]
struct JsonItem<'a> {
    code: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    line: u32,
    message: &'a str,
    name: &'a str,
    pointer: &'a str,
    severity: &'a str,
}

#[derive(serde::Serialize)]
struct JsonFix<'a> {
    edits: Vec<JsonEdit<'a>>,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct JsonEdit<'a> {
    end: usize,
    replacement: &'a str,
    start: usize,
}

impl<'a> JsonItem<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        let loc = d.location;
        JsonItem {
            code: d.code,
            column: loc.map_or(1, |l| l.column),
            end_column: loc.map_or(1, |l| l.end_column),
            end_line: loc.map_or(1, |l| l.end_line),
            file: &d.file,
            fix: d.fix.as_ref().map(|fix| JsonFix {
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit { end: e.end, replacement: &e.replacement, start: e.start })
                    .collect(),
                message: &fix.message,
            }),
            help: d.help.as_deref(),
            line: loc.map_or(1, |l| l.line),
            message: &d.message,
            name: d.name,
            pointer: &d.pointer,
            severity: d.severity.as_str(),
        }
    }
}

pub use trailmap::emit::github::{diagnostics as github, write_diagnostics as write_github};

/// What SARIF needs to know about a rule.
///
/// ```
/// let rule = trailmap_lint::emit::RuleInfo { code: "TM001", name: "json-syntax", summary: "The text is not valid JSON.", help: "", default_severity: trailmap::Severity::Error };
/// assert_eq!(rule.code, "TM001");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Stable code.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Longer documentation (Markdown).
    pub help: &'static str,
    /// Default severity.
    pub default_severity: Severity,
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The folder SARIF `uri`s are relative to: the top of the git work tree
/// holding the working directory, else the working directory itself.
pub fn source_root() -> std::path::PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    cwd.ancestors().find(|dir| dir.join(".git").exists()).map(std::path::Path::to_path_buf).unwrap_or(cwd)
}

/// Makes a file name a SARIF `uri` relative to `root` (see
/// [`source_root`]), with `/` separators and percent-encoding of anything
/// outside RFC 3986's unreserved set. `None` when the file lies outside
/// `root`: the caller then gives an absolute `file:` URI.
///
/// ```
/// let root = std::env::current_dir().unwrap();
/// assert_eq!(trailmap_lint::emit::uri("roadmaps/my map.json", &root).as_deref(), Some("roadmaps/my%20map.json"));
/// assert_eq!(trailmap_lint::emit::uri("./a/../b.json", &root).as_deref(), Some("b.json"));
/// ```
pub fn uri(file: &str, root: &std::path::Path) -> Option<String> {
    let absolute = std::path::absolute(file).ok()?;
    let mut normal = std::path::PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    let relative = normal.strip_prefix(root).ok()?;
    Some(percent_encode(&relative.to_string_lossy().replace('\\', "/")))
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The `artifactLocation` of `file`: relative to `%SRCROOT%` (the
/// repository root) when inside it, else an absolute `file:` URI.
fn artifact_location(file: &str, root: &std::path::Path) -> serde_json::Value {
    match uri(file, root) {
        Some(relative) => serde_json::json!({ "uri": relative, "uriBaseId": "%SRCROOT%" }),
        None => {
            let absolute = std::path::absolute(file).unwrap_or_else(|_| file.into());
            serde_json::json!({ "uri": format!("file://{}", percent_encode(&absolute.to_string_lossy().replace('\\', "/"))) })
        }
    }
}

mod sarif;
pub use sarif::{sarif, write_sarif};

/// The last line of a run in the full format: "checked 5 files: 2 errors,
/// 1 warning" (or "no problems").
///
/// ```
/// assert_eq!(trailmap_lint::emit::summary(&[], 2), "checked 2 files: no problems\n");
/// ```
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let mut parts = Vec::new();
    for (severity, word) in [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "note")] {
        let n = count(severity);
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    let found = if parts.is_empty() { "no problems".to_owned() } else { parts.join(", ") };
    format!("checked {}: {found}\n", plural(files, "file"))
}

/// What `lint --fix` did and what it could do, after the summary: "fixed 3
/// problems", "2 fixable with `trailmap lint --fix`" (the latter only when
/// not fixing).
///
/// ```
/// assert_eq!(trailmap_lint::emit::fix_summary(0, 2, false), "2 fixable with `trailmap lint --fix`\n");
/// assert_eq!(trailmap_lint::emit::fix_summary(1, 0, true), "fixed 1 problem\n");
/// ```
pub fn fix_summary(fixed: usize, fixable: usize, fixing: bool) -> String {
    let mut text = String::new();
    if fixed > 0 {
        text.push_str(&format!("fixed {}\n", plural(fixed, "problem")));
    }
    if fixable > 0 && !fixing {
        text.push_str(&format!("{fixable} fixable with `trailmap lint --fix`\n"));
    }
    text
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

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

pub use trailmap::emit::{FullWriter, SourceLookup, full, write_full};
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
    // Each line put together by hand, one write each: through `writeln!`
    // the formatting machinery took a tenth of a run writing 1.1M findings.
    let mut line = String::new();
    let mut numbers = itoa::Buffer::new();
    for d in diagnostics {
        let (at_line, column) = d.location.map_or((1, 1), |l| (l.line, l.column));
        let file = if d.file.is_empty() { "<unknown>" } else { &*d.file };
        line.clear();
        line.push_str(&trailmap::escape::terminal_cow(file));
        line.push(':');
        line.push_str(numbers.format(at_line));
        line.push(':');
        line.push_str(numbers.format(column));
        line.push_str(": ");
        line.push_str(d.severity.as_str());
        line.push('[');
        line.push_str(d.code);
        line.push_str("] ");
        line.push_str(&trailmap::escape::terminal_cow(&d.message));
        line.push('\n');
        out.write_all(line.as_bytes())?;
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
    let mut writer = JsonWriter::default();
    writer.write(out, diagnostics)?;
    writer.finish(out)
}

/// [`write_json`] a part at a time: the array of a report that is printed
/// as it is made (see [`crate::lint_each`]), the same bytes as the whole
/// written at once.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let found = [
///     Diagnostic::new("TM001", "json-syntax", Severity::Error, "bad"),
///     Diagnostic::new("TM002", "schema", Severity::Error, "worse"),
/// ];
/// let (mut whole, mut parts) = (Vec::new(), Vec::new());
/// trailmap_lint::emit::write_json(&mut whole, &found).unwrap();
/// let mut writer = trailmap_lint::emit::JsonWriter::default();
/// writer.write(&mut parts, &found[..1]).unwrap();
/// writer.write(&mut parts, &[]).unwrap();
/// writer.write(&mut parts, &found[1..]).unwrap();
/// writer.finish(&mut parts).unwrap();
/// assert_eq!(parts, whole);
/// ```
#[derive(Debug, Default)]
pub struct JsonWriter {
    /// Items written so far.
    items: usize,
    /// One item, pretty-printed, before it is indented into the array.
    item: Vec<u8>,
}

impl JsonWriter {
    /// Writes `diagnostics` as the array's next items (the array opens
    /// with the first).
    pub fn write<W: io::Write + ?Sized>(&mut self, out: &mut W, diagnostics: &[Diagnostic]) -> io::Result<()> {
        for d in diagnostics {
            self.item.clear();
            self.item.extend_from_slice(if self.items == 0 { b"[\n  " } else { b",\n  " });
            // An element of the array: pretty-printed one level in.
            let mut item = serde_json::Serializer::with_formatter(&mut self.item, indented::Indented::at(1));
            serde::Serialize::serialize(&JsonItem::new(d), &mut item)?;
            out.write_all(&self.item)?;
            self.items += 1;
        }
        Ok(())
    }

    /// Closes the array (`[]` when nothing was written) and ends the line.
    pub fn finish<W: io::Write + ?Sized>(self, out: &mut W) -> io::Result<()> {
        out.write_all(if self.items == 0 { b"[]\n" } else { b"\n]\n" })
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
    let normal = absolute_normal(file)?;
    let relative = normal.strip_prefix(root).ok()?;
    Some(percent_encode(&relative.to_string_lossy().replace('\\', "/")))
}

/// `file` as an absolute path without `.` or `..` (resolved lexically).
fn absolute_normal(file: &str) -> Option<std::path::PathBuf> {
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
    Some(normal)
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
            let absolute = absolute_normal(file).unwrap_or_else(|| file.into());
            serde_json::json!({ "uri": format!("file://{}", percent_encode(&absolute.to_string_lossy().replace('\\', "/"))) })
        }
    }
}

mod indented;
mod sarif;
pub use sarif::{sarif, write_sarif};

/// The last line of a run in the full format: "checked 5 files: 2 errors,
/// 1 warning" (or "no problems").
///
/// ```
/// assert_eq!(trailmap_lint::emit::summary(&[], 2), "checked 2 files: no problems\n");
/// ```
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let mut counts = Counts::default();
    counts.add(diagnostics);
    counts.summary(files)
}

/// What a report holds, counted as it is written: its summary and exit
/// status without keeping its diagnostics (see [`crate::lint_each`]).
///
/// ```
/// use trailmap::{Diagnostic, Severity};
///
/// let mut counts = trailmap_lint::emit::Counts::default();
/// counts.add(&[Diagnostic::new("TM107", "redundant-prerequisite", Severity::Warning, "m")]);
/// assert_eq!(counts.summary(1), "checked 1 file: 1 warning\n");
/// assert!(counts.any_at_least(Severity::Warning) && !counts.any_at_least(Severity::Error));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos (notes).
    pub notes: usize,
    /// Diagnostics with a fix.
    pub fixable: usize,
}

impl Counts {
    /// Counts `diagnostics` too.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.notes += 1,
            }
            self.fixable += usize::from(d.fix.is_some());
        }
    }

    /// Whether any diagnostic counted is at least this severe.
    pub fn any_at_least(&self, severity: Severity) -> bool {
        [(Severity::Error, self.errors), (Severity::Warning, self.warnings), (Severity::Info, self.notes)]
            .iter()
            .any(|&(s, n)| s >= severity && n > 0)
    }

    /// [`summary`] of the diagnostics counted, in a run over `files` files.
    pub fn summary(&self, files: usize) -> String {
        let mut parts = Vec::new();
        for (n, word) in [(self.errors, "error"), (self.warnings, "warning"), (self.notes, "note")] {
            if n > 0 {
                parts.push(plural(n, word));
            }
        }
        let found = if parts.is_empty() { "no problems".to_owned() } else { parts.join(", ") };
        format!("checked {}: {found}\n", plural(files, "file"))
    }
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

#[cfg(test)]
mod tests {
    use trailmap::{Diagnostic, Edit, Fix, Location, Severity};

    use super::{JsonItem, JsonWriter, artifact_location};

    /// A file outside the repository is an absolute URI without `.` or
    /// `..` in it (code scanning compares URIs as text).
    #[test]
    fn a_file_outside_the_root_has_a_normal_absolute_uri() {
        let root = std::env::temp_dir().join("trailmap-root");
        let file = root.join("../elsewhere/./x y.json");
        let location = artifact_location(file.to_str().unwrap(), &root);
        let uri = location["uri"].as_str().unwrap();
        assert!(uri.starts_with("file:///") && uri.ends_with("/elsewhere/x%20y.json"), "{uri}");
        assert!(!uri.contains("/../") && !uri.contains("/./"), "{uri}");
        assert!(location.get("uriBaseId").is_none());
    }

    /// Diagnostics with every optional part: a fix of two edits (arrays
    /// and objects nested two deep), help, escapes and line breaks in
    /// texts, non-ASCII names.
    fn varied() -> Vec<Diagnostic> {
        let at = |line| Location { line, column: 3, end_line: line, end_column: 9, offset: 10, end_offset: 16 };
        let mut fixed = Diagnostic::new("TM107", "redundant-prerequisite", Severity::Warning, "a \"b\"\nc\\d")
            .at("/skills/1/prerequisites/0")
            .with_help("remove `é`\r\n")
            .with_location(at(2));
        fixed.fix = Some(Fix {
            message: "remove it".into(),
            edits: vec![
                Edit { start: 1, end: 2, replacement: String::new() },
                Edit { start: 5, end: 9, replacement: "x\ny".into() },
            ],
        });
        fixed.file = "ロード/マップ.json".into();
        let plain = Diagnostic::new("TM001", "json-syntax", Severity::Error, "bad").with_location(at(1));
        let mut empty_fix = plain.clone();
        empty_fix.fix = Some(Fix { message: String::new(), edits: Vec::new() });
        vec![plain, fixed, empty_fix]
    }

    /// Written in parts, of any sizes, the array is what serde_json writes
    /// for all the items at once.
    #[test]
    fn the_array_in_parts_is_the_array_written_whole() {
        let found = varied();
        let items: Vec<JsonItem<'_>> = found.iter().map(JsonItem::new).collect();
        let mut whole = serde_json::to_vec_pretty(&items).unwrap();
        whole.push(b'\n');
        for cut in 0..=found.len() {
            let mut parts = Vec::new();
            let mut writer = JsonWriter::default();
            writer.write(&mut parts, &found[..cut]).unwrap();
            writer.write(&mut parts, &found[cut..]).unwrap();
            writer.finish(&mut parts).unwrap();
            assert_eq!(String::from_utf8(parts).unwrap(), String::from_utf8(whole.clone()).unwrap(), "cut at {cut}");
        }
        let mut none = Vec::new();
        JsonWriter::default().finish(&mut none).unwrap();
        assert_eq!(
            none,
            serde_json::to_vec_pretty(&Vec::<JsonItem<'_>>::new())
                .unwrap()
                .into_iter()
                .chain([b'\n'])
                .collect::<Vec<_>>()
        );
    }
}

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

use trailmap::{Diagnostic, Severity};

pub use trailmap::emit::{SourceLookup, full};
pub use trailmap::escape::terminal as sanitize;

/// One line per diagnostic: `file:line:col: severity[CODE] message`.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "invalid JSON: EOF");
/// assert_eq!(trailmap_lint::emit::concise(&[d]), "<unknown>:1:1: error[TM001] invalid JSON: EOF\n");
/// ```
pub fn concise(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column) = d.location.map_or((1, 1), |l| (l.line, l.column));
        let file = if d.file.is_empty() { "<unknown>" } else { d.file.as_str() };
        let _ = writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            sanitize(file),
            d.severity.as_str(),
            d.code,
            sanitize(&d.message)
        );
    }
    out
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
    let items: Vec<serde_json::Value> = diagnostics.iter().map(json_item).collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

fn json_item(d: &Diagnostic) -> serde_json::Value {
    let loc = d.location;
    let mut item = serde_json::json!({
        "file": d.file,
        "line": loc.map_or(1, |l| l.line),
        "column": loc.map_or(1, |l| l.column),
        "end_line": loc.map_or(1, |l| l.end_line),
        "end_column": loc.map_or(1, |l| l.end_column),
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "message": d.message,
        "pointer": d.pointer,
    });
    if let Some(help) = &d.help {
        item["help"] = help.as_str().into();
    }
    if let Some(fix) = &d.fix {
        item["fix"] = serde_json::to_value(fix).unwrap_or_default();
    }
    item
}

pub use trailmap::emit::github::diagnostics as github;

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

/// A SARIF 2.1.0 log with one run, as GitHub code scanning reads it.
///
/// ```
/// let mut d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "bad");
/// d.file = "r.json".into();
/// let rules = [trailmap_lint::emit::RuleInfo { code: "TM001", name: "json-syntax", summary: "s", help: "h", default_severity: trailmap::Severity::Error }];
/// let log: serde_json::Value = serde_json::from_str(&trailmap_lint::emit::sarif(&[d], &rules, "0.1.0")).unwrap();
/// assert_eq!(log["version"], "2.1.0");
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "TM001");
/// ```
pub fn sarif(diagnostics: &[Diagnostic], rules: &[RuleInfo], version: &str) -> String {
    let rule_list: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": if r.help.is_empty() { r.summary } else { r.help } },
                "help": { "text": if r.help.is_empty() { r.summary } else { r.help }, "markdown": if r.help.is_empty() { r.summary } else { r.help } },
                "helpUri": format!("https://github.com/trailmap/trailmap/blob/main/docs/rules.md#{}-{}", r.code.to_lowercase(), r.name),
                "defaultConfiguration": { "level": sarif_level(r.default_severity) },
                "properties": { "tags": ["roadmap"] }
            })
        })
        .collect();
    let root = source_root();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let loc = d.location;
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = serde_json::json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&d.file, &root),
                        "region": {
                            "startLine": loc.map_or(1, |l| l.line),
                            "startColumn": loc.map_or(1, |l| l.column),
                            "endLine": loc.map_or(1, |l| l.end_line),
                            "endColumn": loc.map_or(1, |l| l.end_column),
                        }
                    },
                    "logicalLocations": [{ "fullyQualifiedName": d.pointer, "kind": "member" }]
                }],
                "partialFingerprints": { "trailmapPointer/v1": format!("{}:{}:{}", d.code, d.file, d.pointer) }
            });
            if let Some(index) = rules.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = index.into();
            }
            result
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "trailmap",
                "version": version,
                "informationUri": "https://github.com/trailmap/trailmap",
                "rules": rule_list
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": format!("file://{}/", percent_encode(&root.to_string_lossy().replace('\\', "/"))) } },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

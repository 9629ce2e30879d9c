//! SARIF 2.1.0 output: one run, results borrowed from the diagnostics
//! (a `serde_json::Value` per result cost gigabytes at a million findings).
//! Keys in alphabetical order, as the format has always had them.

use std::collections::HashMap;

use serde::Serialize;
use trailmap::Diagnostic;

use super::{RuleInfo, artifact_location, percent_encode, sarif_level, source_root};

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
    trailmap::emit::to_text(|out| write_sarif(out, diagnostics, rules, version))
}

/// [`sarif`], serialized straight to `out`, one result at a time; stops at
/// the first write error.
///
/// ```
/// let mut out = Vec::new();
/// trailmap_lint::emit::write_sarif(&mut out, &[], &[], "0.1.0").unwrap();
/// let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
/// ```
pub fn write_sarif<W: std::io::Write + ?Sized>(
    out: &mut W,
    diagnostics: &[Diagnostic],
    rules: &[RuleInfo],
    version: &str,
) -> std::io::Result<()> {
    let rule_list: Vec<serde_json::Value> = rules
        .iter()
        .map(|r| {
            let help = if r.help.is_empty() { r.summary } else { r.help };
            serde_json::json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": help },
                "help": { "text": help, "markdown": help },
                "helpUri": format!("https://github.com/trailmap/trailmap/blob/main/docs/rules.md#{}-{}", r.code.to_lowercase(), r.name),
                "defaultConfiguration": { "level": sarif_level(r.default_severity) },
                "properties": { "tags": ["roadmap"] }
            })
        })
        .collect();
    let root = source_root();
    // One artifact location per file, not per result.
    let mut artifacts: HashMap<&str, serde_json::Value> = HashMap::new();
    for d in diagnostics {
        artifacts.entry(&*d.file).or_insert_with(|| artifact_location(&d.file, &root));
    }
    let rule_index: HashMap<&str, usize> = rules.iter().enumerate().rev().map(|(i, r)| (r.code, i)).collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: serde_json::json!({ "%SRCROOT%": { "uri": format!("file://{}/", percent_encode(&root.to_string_lossy().replace('\\', "/"))) } }),
            results: Results { diagnostics, artifacts: &artifacts, rule_index: &rule_index },
            tool: serde_json::json!({ "driver": {
                "name": "trailmap",
                "version": version,
                "informationUri": "https://github.com/trailmap/trailmap",
                "rules": rule_list
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// The run's results, made one by one as they are written.
struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    artifacts: &'a HashMap<&'a str, serde_json::Value>,
    rule_index: &'a HashMap<&'a str, usize>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.diagnostics.iter().map(|d| self.result(d)))
    }
}

impl<'a> Results<'a> {
    fn result(&self, d: &'a Diagnostic) -> SarifResult<'a> {
        let loc = d.location;
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str("\nhelp: ");
            text.push_str(help);
        }
        SarifResult {
            level: sarif_level(d.severity),
            locations: [Location {
                logical_locations: [LogicalLocation { fully_qualified_name: &d.pointer, kind: "member" }],
                physical_location: PhysicalLocation {
                    artifact_location: &self.artifacts[&*d.file],
                    region: Region {
                        end_column: loc.map_or(1, |l| l.end_column),
                        end_line: loc.map_or(1, |l| l.end_line),
                        start_column: loc.map_or(1, |l| l.column),
                        start_line: loc.map_or(1, |l| l.line),
                    },
                },
            }],
            message: Text { text },
            partial_fingerprints: Fingerprints { pointer: format!("{}:{}:{}", d.code, d.file, d.pointer) },
            rule_id: d.code,
            rule_index: self.rule_index.get(d.code).copied(),
        }
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    original_uri_base_ids: serde_json::Value,
    results: Results<'a>,
    tool: serde_json::Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text,
    partial_fingerprints: Fingerprints,
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    logical_locations: [LogicalLocation<'a>; 1],
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a serde_json::Value,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "trailmapPointer/v1")]
    pointer: String,
}

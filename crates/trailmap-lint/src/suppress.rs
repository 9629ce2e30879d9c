//! Inline suppressions: `"x-lint-allow": [{"rule": "TM104", "reason":
//! "…"}]` on any object of a roadmap silences that rule for the object and
//! everything in it. At the top level an entry may add `"pointer"` to
//! silence one part of the file. Every entry needs a reason; unused entries
//! are reported (`TM116`), malformed ones too (`TM117`).

use serde_json::Value;
use trailmap::Diagnostic;
use trailmap::diagnostic::push_token;

use crate::registry;

/// The extension key that holds suppressions.
pub const KEY: &str = "x-lint-allow";

/// One suppression entry.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule's code.
    pub code: &'static str,
    /// The part of the file it covers (JSON Pointer prefix).
    pub scope: String,
    /// Pointer of the entry itself, for reporting.
    pub at: String,
    /// How many diagnostics it suppressed.
    pub used: usize,
}

/// Collects the suppressions of a file, reporting malformed entries.
pub fn collect(file: &str, source: &str, problems: &mut Vec<Diagnostic>) -> Vec<Suppression> {
    // Cheap test first: most files have none, and this avoids a parse.
    if !source.contains(KEY) {
        return Vec::new();
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some(value) = trailmap::Format::from_path(file).parse_value(source) else { return Vec::new() };
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(&value, String::new())];
    while let Some((node, pointer)) = stack.pop() {
        match node {
            Value::Object(object) => {
                if let Some(entries) = object.get(KEY) {
                    read_entries(file, entries, &pointer, pointer.is_empty(), &mut out, problems);
                }
                for (k, v) in object {
                    if k != KEY && (v.is_object() || v.is_array()) {
                        let mut p = pointer.clone();
                        push_token(&mut p, k);
                        stack.push((v, p));
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    if v.is_object() || v.is_array() {
                        stack.push((v, format!("{pointer}/{i}")));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn invalid(file: &str, pointer: String, message: String) -> Diagnostic {
    let rule = crate::rules::TM117;
    let mut d = Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
    .at(pointer)
    .with_help("each entry needs a known \"rule\" and a \"reason\", e.g. {\"rule\": \"TM104\", \"reason\": \"the source overlaps these stages\"}");
    d.file = file.to_owned();
    d
}

fn read_entries(
    file: &str,
    entries: &Value,
    owner: &str,
    top: bool,
    out: &mut Vec<Suppression>,
    problems: &mut Vec<Diagnostic>,
) {
    let base = format!("{owner}/{KEY}");
    let Some(list) = entries.as_array() else {
        problems.push(invalid(file, base, format!("`{KEY}` must be an array of {{\"rule\", \"reason\"}} objects")));
        return;
    };
    for (i, entry) in list.iter().enumerate() {
        let at = format!("{base}/{i}");
        let rule = entry.get("rule").and_then(Value::as_str);
        let reason = entry.get("reason").and_then(Value::as_str).map(str::trim).unwrap_or_default();
        let Some(rule_name) = rule else {
            problems.push(invalid(file, at, "suppression without a `rule`".into()));
            continue;
        };
        let Some(found) = registry::find(rule_name) else {
            problems.push(invalid(
                file,
                format!("{at}/rule"),
                format!("suppression names {}", registry::unknown_rule(rule_name)),
            ));
            continue;
        };
        if reason.is_empty() {
            problems.push(invalid(file, at, format!("suppression of {} has no `reason`", found.code)));
            continue;
        }
        let scope = match entry.get("pointer").and_then(Value::as_str) {
            Some(p) if top => p.to_owned(),
            Some(_) => {
                problems.push(invalid(
                    file,
                    format!("{at}/pointer"),
                    "`pointer` is only allowed in the top-level `x-lint-allow`".into(),
                ));
                continue;
            }
            None => owner.to_owned(),
        };
        out.push(Suppression { code: found.code, scope, at, used: 0 });
    }
}

/// `true` when `pointer` is `scope` or inside it.
pub fn covers(scope: &str, pointer: &str) -> bool {
    pointer == scope
        || (pointer.starts_with(scope) && pointer.as_bytes().get(scope.len()) == Some(&b'/'))
        || scope.is_empty()
}

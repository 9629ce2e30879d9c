//! Shared by the fuzz targets: splitting one input into several files, and
//! the invariants every output format must keep on any diagnostics.

#![allow(dead_code)] // each target uses a different part

use std::sync::OnceLock;

use trailmap::Diagnostic;
use trailmap_lint::emit;

/// Fuzz inputs are kept small enough for many executions per second; the
/// size limit itself is covered by the malformed-input corpus.
pub const MAX_BYTES: u64 = 1 << 20;

pub fn options() -> trailmap::LoadOptions {
    trailmap::LoadOptions::default().with_max_bytes(MAX_BYTES)
}

/// Splits `data` into at most `n` parts at NUL bytes. A raw NUL can never
/// appear in JSON text, so it separates files without taking anything
/// from what the fuzzer can say inside one.
pub fn split(data: &[u8], n: usize) -> Vec<&[u8]> {
    data.splitn(n, |b| *b == 0).collect()
}

/// Rule metadata for SARIF, computed once (it is leaked on purpose by
/// `rule_infos`, which a leak checker would flag on every run).
pub fn rules() -> &'static [emit::RuleInfo] {
    static RULES: OnceLock<Vec<emit::RuleInfo>> = OnceLock::new();
    RULES.get_or_init(trailmap_lint::rule_infos)
}

/// Every diagnostic is located inside `source` on character boundaries,
/// and every output format renders them: one line each in `concise` and
/// `github` (no text from the file starts a new line or a new workflow
/// command), JSON and SARIF that parse, and a terminal format without
/// control characters from the file.
pub fn check_diagnostics(source: Option<&str>, len: usize, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let loc = d.location.unwrap_or_else(|| panic!("unlocated diagnostic {d:?}"));
        assert!(loc.line >= 1 && loc.column >= 1 && loc.end_line >= loc.line, "{d:?}");
        assert!(loc.offset <= loc.end_offset && loc.end_offset <= len.max(1), "{d:?} (input is {len} bytes)");
        if let Some(source) = source {
            if loc.end_offset <= source.len() {
                assert!(source.is_char_boundary(loc.offset), "{d:?}");
                assert!(source.is_char_boundary(loc.end_offset), "{d:?}");
            }
        }
    }
    let lookup = |_: &str| source;
    let plain = emit::full(diagnostics, &lookup, false);
    assert!(!plain.contains('\u{1b}') && !plain.contains('\r'), "{plain:?}");
    let _ = emit::full(diagnostics, &lookup, true);

    let concise = emit::concise(diagnostics);
    assert_eq!(concise.lines().count(), diagnostics.len(), "{concise:?}");

    let github = emit::github(diagnostics);
    assert_eq!(github.lines().count(), diagnostics.len(), "{github:?}");
    assert!(!github.contains('\r'), "{github:?}");
    for line in github.lines() {
        // `::level properties::message`: GitHub reads a command only at the
        // start of a line, so `::` inside the message is harmless; the
        // properties must be exactly the ones trailmap writes.
        let rest = ["::error ", "::warning ", "::notice "].iter().find_map(|p| line.strip_prefix(p));
        let rest = rest.unwrap_or_else(|| panic!("not an annotation: {line:?}"));
        let (properties, _) = rest.split_once("::").unwrap_or_else(|| panic!("no message: {line:?}"));
        let keys: Vec<&str> = properties.split(',').map(|kv| kv.split('=').next().unwrap_or_default()).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"], "{line:?}");
    }

    let json: serde_json::Value = serde_json::from_str(&emit::json(diagnostics)).expect("json output parses");
    assert_eq!(json.as_array().map(Vec::len), Some(diagnostics.len()));

    let sarif: serde_json::Value =
        serde_json::from_str(&emit::sarif(diagnostics, rules(), "0.0.0")).expect("sarif output parses");
    assert_eq!(sarif["runs"][0]["results"].as_array().map(Vec::len), Some(diagnostics.len()));
}

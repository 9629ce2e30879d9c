//! The registry is complete and every rule documents itself.

use std::collections::HashSet;

use trailmap_lint::registry;

#[test]
fn every_rule_file_is_registered_and_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "mod.rs" || !name.ends_with(".rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let rule = registry::all().iter().find(|r| r.source == text);
        let rule = rule.unwrap_or_else(|| panic!("{name} is not registered in src/rules/mod.rs"));
        // File names carry the code and the name: tm107_redundant_prerequisite.rs
        let expected = format!("{}_{}.rs", rule.code.to_lowercase(), rule.name.replace('-', "_"));
        assert_eq!(name, expected, "file name must match the rule's code and name");
        let doc = rule.doc();
        for section in ["## What it does", "## Why it matters", "## Example", "## Fix"] {
            assert!(doc.contains(section), "{name}: documentation lacks `{section}`");
        }
        assert!(!rule.summary().is_empty(), "{name}: empty summary");
    }
    assert!(files >= 17, "found only {files} rule files");
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in registry::all() {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        assert!(
            rule.code.len() == 5 && rule.code.starts_with("TM") && rule.code[2..].bytes().all(|b| b.is_ascii_digit())
        );
        assert!(
            rule.name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
            "{}",
            rule.name
        );
        assert!(!rule.doc().is_empty(), "{} has no documentation", rule.code);
    }
}

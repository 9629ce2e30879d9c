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

/// One predicate decides both "the model is whole" (rules run) and "cannot
/// be turned off": every core code that breaks the model is a registered
/// rule that configuration cannot disable.
#[test]
fn codes_that_break_the_model_cannot_be_disabled() {
    use trailmap::codes::Code;
    use trailmap_lint::config::Config;
    let mut config = Config::default();
    config.file.lint.ignore = vec!["ALL".to_owned()];
    for code in Code::ALL.iter().filter(|c| !c.is_progress_code()) {
        let rule = registry::find(code.code()).unwrap();
        assert_eq!(rule.breaks_model(), code.breaks_model(), "{code}");
        assert_eq!(config.severity_for(rule, "r.json").is_some(), code.breaks_model(), "{code}");
    }
    assert!(Code::DuplicateKey.breaks_model());
}

/// Every core code is documented by its own file in `src/codes/`, named
/// after its code and name like the rules' files, with the rules' sections.
#[test]
fn every_core_code_is_documented_by_its_file() {
    use trailmap::codes::Code;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../trailmap/src/codes");
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let mut expected: Vec<String> = Code::ALL.iter().map(|c| c.doc_file().to_owned()).collect();
    expected.sort();
    assert_eq!(files, expected, "a file in src/codes/ without its code, or the reverse");
    for code in Code::ALL {
        assert_eq!(code.doc_file(), format!("{}_{}.md", code.code().to_lowercase(), code.name().replace('-', "_")));
        let text = std::fs::read_to_string(dir.join(code.doc_file())).unwrap();
        assert_eq!(code.documentation(), text.trim_end());
        for section in ["## What it does", "## Why it matters", "## Example", "## Fix"] {
            assert!(code.documentation().contains(section), "{code}: documentation lacks `{section}`");
        }
    }
}

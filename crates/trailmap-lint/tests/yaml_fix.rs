//! The fix loop on YAML source: many overlapping removals in block and
//! flow sequences converge, keep every comment line, and leave a roadmap
//! that validates and has nothing left to fix.

use trailmap::LoadOptions;
use trailmap_lint::config::Config;
use trailmap_lint::fix::fix_all;
use trailmap_lint::{SourceFile, lint_with};

/// Skill `i` needs every earlier skill: all but the last are redundant.
/// Even skills list them as block items (with comments), odd ones in flow.
fn chain(n: usize) -> String {
    let mut text = String::from("# a chain\nid: chain\ntitle: Chain\nversion: 1.0.0\nskills:\n");
    for i in 0..n {
        text.push_str(&format!("  - id: s{i}\n    name: S{i}\n"));
        if i == 0 {
            continue;
        }
        if i % 2 == 0 {
            text.push_str("    prerequisites:\n");
            for p in 0..i {
                text.push_str(&format!("      # before s{p} of s{i}\n      - s{p}  # s{p} of s{i}\n"));
            }
        } else {
            let list: Vec<String> = (0..i).map(|p| format!("s{p}")).collect();
            text.push_str(&format!("    prerequisites: [{}]  # flow, s{i}\n", list.join(", ")));
        }
    }
    text
}

#[test]
fn the_fix_loop_converges_on_yaml_and_keeps_comments() {
    let n = 9;
    let original = chain(n);
    let mut files = vec![SourceFile::new("chain.yaml", original.clone())];
    let (config, options) = (Config::default(), LoadOptions::default());
    let before = lint_with(&files, &config, &options);
    // One finding per skill, from `s2` on, naming all its redundant entries.
    assert_eq!(before.iter().filter(|d| d.code == "TM107").count(), n - 2);
    // Each skill's run of redundant entries from its first goes in one
    // round: no edit of a fix overlaps another.
    let (once, applied) = trailmap_lint::fix::apply_fixes(&original, &before);
    assert_eq!(applied, n - 2);
    let once = vec![SourceFile::new("chain.yaml", once)];
    assert!(lint_with(&once, &config, &options).iter().all(|d| d.code != "TM107"), "{}", once[0].text);
    let outcome = fix_all(&mut files, before, &config, &options);
    assert!(outcome.converged);
    assert!(outcome.diagnostics.iter().all(|d| d.fix.is_none()), "{:?}", outcome.diagnostics);
    let fixed = &files[0].text;
    // Every comment line stays; each skill keeps its last prerequisite.
    for line in original.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(fixed.contains(line), "lost {line:?}:\n{fixed}");
    }
    for i in 1..n {
        let last = i - 1;
        if i % 2 == 0 {
            assert!(fixed.contains(&format!("      - s{last}  # s{last} of s{i}\n")), "{fixed}");
        } else {
            assert!(fixed.contains(&format!("    prerequisites: [s{last}]  # flow, s{i}\n")), "{fixed}");
        }
    }
    let loaded = trailmap::Roadmap::from_yaml_str(fixed);
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.roadmap.unwrap().skills[n - 1].prerequisites.len(), 1);
    // Idempotent: a second run has nothing to do.
    let again = lint_with(&files, &config, &options);
    let outcome = fix_all(&mut files, again, &config, &options);
    assert_eq!((outcome.fixed, outcome.converged), (0, true));
}

/// A `.yaml` file whose text is JSON lints as the `.json` file does (it is
/// read, located and fixed as JSON): the same findings at the same places
/// with the same fixes, suppressions included, and the fix loop leaves
/// the same text.
#[test]
fn a_yaml_file_of_json_text_lints_as_its_json() {
    let skills: Vec<String> = (0..12)
        .map(|i| {
            let needs: Vec<String> = (0..i).map(|p| format!("\"s{p}\"")).collect();
            let allow = if i == 5 { r#", "x-lint-allow": [{"rule": "TM107", "reason": "kept"}]"# } else { "" };
            format!(r#"{{"id": "s{i}", "name": "S{i}", "prerequisites": [{}]{allow}}}"#, needs.join(", "))
        })
        .collect();
    let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
    let (config, options) = (Config::default(), LoadOptions::default());
    let said = |name: &str| {
        let mut files = vec![SourceFile::new(name, text.clone())];
        let found = lint_with(&files, &config, &options);
        let shown: Vec<_> = found.iter().map(|d| (d.code, d.message.clone(), d.location, d.fix.clone())).collect();
        fix_all(&mut files, found, &config, &options);
        (shown, files.remove(0).text)
    };
    let (json, yaml) = (said("r.json"), said("r.yaml"));
    assert!(json.0.iter().any(|(code, ..)| *code == "TM107"));
    assert_eq!(yaml, json);
}

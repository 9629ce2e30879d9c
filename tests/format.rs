//! File format 2 end to end: what the stricter format refuses and how the
//! messages help (foreign files, suggestions from the right object, ids),
//! and lint saying when its rules could not run.

mod util;

use serde_json::Value;
use util::{run, stdout};

fn validate_json(file: &str) -> Vec<Value> {
    let out = run(&["validate", "--format", "json", file]);
    assert_eq!(out.status.code(), Some(1), "{file}: {}", stdout(&out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("trailmap-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn foreign_files_are_named_first() {
    let progress = scratch("progress-as-roadmap.json", r#"{"skills": {"python": {"status": "done"}}}"#);
    let first = &validate_json(&progress)[0];
    assert_eq!(first["message"], "this looks like a progress file, not a roadmap");
    assert!(first["help"].as_str().unwrap().contains("--progress"));

    let editor = scratch("roadmap-sh.json", r#"{"nodes": [{"id": "n1"}], "edges": []}"#);
    let first = &validate_json(&editor)[0];
    assert_eq!(first["message"], "this looks like a roadmap.sh editor file, not a trailmap roadmap");
    assert!(first["help"].as_str().unwrap().contains("trailmap import"));
}

#[test]
fn suggestions_come_from_the_object_the_key_is_in() {
    let file = scratch(
        "typos.json",
        r#"{"id": "r", "title": "R", "version": "1.0.0", "projectID": 1,
            "skills": [{"id": "a", "name": "A", "prerequisities": []}],
            "projects": [{"id": "p", "title": "P", "skils": []}]}"#,
    );
    let items = validate_json(&file);
    let help = |key: &str| -> String {
        let d = items.iter().find(|d| d["message"] == format!("unknown property `{key}`")).unwrap();
        d["help"].as_str().unwrap_or_default().to_owned()
    };
    // `project` is a property of tasks, not of the roadmap: never offered here.
    assert!(help("projectID").contains("`projects`"), "{}", help("projectID"));
    assert!(help("prerequisities").contains("`prerequisites`"));
    assert!(help("skils").contains("`skills`"));
}

#[test]
fn invalid_ids_name_the_character() {
    let file = scratch(
        "ids.json",
        "{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [{\"id\": \"pyth\u{43e}n\", \"name\": \"P\"}, {\"id\": \"x\", \"name\": \"X\", \"effort_hours\": -1}]}",
    );
    let items = validate_json(&file);
    // The message carries the id as written; JSON needs no other escaping.
    assert!(items.iter().any(|d| d["message"]
        == "invalid id \"pyth\u{43e}n\": character 5 is U+043E CYRILLIC SMALL LETTER O; ids use ASCII letters, digits, `-`, `_` and `.`"));
    assert!(items.iter().any(|d| d["pointer"] == "/skills/1/effort_hours"));
}

#[test]
fn lint_says_when_its_rules_did_not_run() {
    let file = scratch("stray.json", r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [], "stray": 1}"#);
    let out = run(&["lint", "--isolated", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("lint rules did not run on {file}: it does not match the schema (TM002)")),
        "{}",
        stdout(&out)
    );
    let clean = run(&["lint", "--isolated", "roadmaps/ml-engineer-12-weeks.json"]);
    assert!(!stdout(&clean).contains("did not run"));
}

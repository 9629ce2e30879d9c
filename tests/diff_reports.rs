//! `trailmap diff` and `trailmap migrate-progress` on edits that once
//! misreported: removals annotated on the old file, invalid sides in the
//! chosen format, `--quiet`, merges (into a dependent skill, and of two
//! progress entries) and a swapped `any_of` alternative. Small roadmaps,
//! written per test.

mod util;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use util::{run, run_in, stdout};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory for one test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trailmap-diff-reports-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `value` pretty-printed (one key a line) and returns its path.
fn write(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

fn roadmap(version: &str, skills: Value, phases: Value) -> Value {
    json!({"id": "mini", "title": "Mini", "version": version, "skills": skills, "phases": phases})
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn github_annotates_a_removal_on_the_old_file_where_it_was() {
    let dir = scratch("github");
    let skills = json!([{"id": "a", "name": "A"}]);
    let old = write(
        &dir,
        "old.json",
        &roadmap(
            "1.0.0",
            skills.clone(),
            json!([{"id": "w1", "title": "W1"}, {"id": "w2", "title": "W2"},
                   {"id": "w3", "title": "W3", "phases": [{"id": "sub", "title": "Sub"}]}]),
        ),
    );
    // `sub` removed and the phases reordered: `/phases/2/phases/0` of the
    // old file means nothing in the new one.
    let new = write(
        &dir,
        "new.json",
        &roadmap(
            "2.0.0",
            skills,
            json!([{"id": "w3", "title": "W3"}, {"id": "w1", "title": "W1"}, {"id": "w2", "title": "W2"}]),
        ),
    );
    let out = run(&["diff", &old, &new, "--format", "github"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let removed = text.lines().find(|l| l.contains("phase-removed")).unwrap();
    let old_text = std::fs::read_to_string(&old).unwrap();
    // The object starts on the line before its `"id": "sub"`.
    let line = line_of(&old_text, "\"id\": \"sub\"") - 1;
    assert!(removed.starts_with(&format!("::warning file={old},line={line},")), "{removed}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_invalid_side_is_reported_in_the_chosen_format() {
    let dir = scratch("invalid");
    let old = write(&dir, "old.json", &roadmap("1.0.0", json!([{"id": "a", "name": "A"}]), json!([])));
    let bad = write(
        &dir,
        "bad.json",
        &roadmap("1.1.0", json!([{"id": "a", "name": "A", "prerequisites": ["nope"]}]), json!([])),
    );

    let out = run(&["diff", &old, &bad, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("::error file={bad},line=")), "annotations as validate prints them: {text}");
    assert!(text.contains("TM"), "{text}");
    assert!(stderr(&out).contains("not a valid roadmap"), "{}", stderr(&out));

    let out = run(&["diff", &old, &bad, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_slice(&out.stdout).expect("a JSON array of diagnostics");
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["file"], bad.as_str());
    assert_eq!(items[0]["severity"], "error");

    // Both sides invalid: still one JSON document.
    let out = run(&["diff", &bad, &bad, "--format", "json"]);
    let items: Value = serde_json::from_slice(&out.stdout).expect("one JSON array for both sides");
    assert_eq!(items.as_array().unwrap().len(), 2);

    // Text stays rustc-style on stderr, stdout empty.
    let out = run(&["diff", &old, &bad]);
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("error[TM"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quiet_leaves_only_results_and_errors() {
    let dir = scratch("quiet");
    let old = write(&dir, "old.json", &roadmap("1.0.0", json!([{"id": "git", "name": "Git"}]), json!([])));
    let new = write(
        &dir,
        "new.json",
        &roadmap("1.1.0", json!([{"id": "git2", "name": "Git", "former_ids": ["git"]}]), json!([])),
    );
    let full = stdout(&run(&["diff", &old, &new]));
    let out = run(&["-q", "diff", &old, &new]);
    assert_eq!(out.status.code(), Some(0));
    let results = full.strip_suffix("\n1 change: minor bump required (1.0.0 -> 1.1.0)\n").expect(&full);
    assert_eq!(stdout(&out), results, "the changes, without the summary line");
    let out = run(&["-q", "diff", &old, &new, "--check-version"]);
    assert!(stdout(&out).contains("version check passed"), "the verdict is a result: {}", stdout(&out));
    assert!(!stdout(&out).contains("bump required"), "{}", stdout(&out));

    let progress = dir.join("me.json");
    std::fs::write(&progress, r#"{"skills": {"git": {"status": "done"}, "rust": {"status": "learning"}}}"#).unwrap();
    let out = run(&["-q", "migrate-progress", "--from", &old, "--to", &new, progress.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "no `?` warnings, no summary, no `wrote`");
    assert_eq!(stderr(&out), "");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&progress).unwrap()).unwrap();
    assert_eq!(written["skills"]["git2"], json!({"status": "done"}), "the migration itself still runs");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merging_a_prerequisite_into_its_dependent_is_no_self_prerequisite() {
    let dir = scratch("merge-dependent");
    let old = write(
        &dir,
        "old.json",
        &roadmap(
            "1.0.0",
            json!([{"id": "python", "name": "Python"},
                   {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
                   {"id": "pytorch", "name": "PyTorch", "prerequisites": ["numpy"]}]),
            json!([]),
        ),
    );
    let new = write(
        &dir,
        "new.json",
        &roadmap(
            "2.0.0",
            json!([{"id": "python", "name": "Python"},
                   {"id": "pytorch", "name": "PyTorch", "former_ids": ["numpy"], "prerequisites": ["python"]}]),
            json!([]),
        ),
    );
    let out = run(&["diff", &old, &new, "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = report["changes"].as_array().unwrap();
    for c in changes {
        let message = c["message"].as_str().unwrap();
        assert!(!message.contains("no longer needs `pytorch`"), "a skill never needed itself: {message}");
    }
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"skill-merged"), "{kinds:?}");
    assert!(!kinds.contains(&"prerequisite-removed"), "{kinds:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_swapped_alternative_is_one_removed_and_one_added() {
    let dir = scratch("swap");
    let skills = |group: Value| {
        json!([{"id": "git", "name": "Git"}, {"id": "pytorch", "name": "PyTorch"},
               {"id": "tensorflow", "name": "TensorFlow"},
               {"id": "cnn", "name": "CNNs", "prerequisites": [{"any_of": group}]}])
    };
    let old = write(&dir, "old.json", &roadmap("1.0.0", skills(json!(["pytorch", "tensorflow"])), json!([])));
    let new = write(&dir, "new.json", &roadmap("2.0.0", skills(json!(["pytorch", "git"])), json!([])));
    let out = run(&["diff", &old, &new, "--check-version"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    insta::assert_snapshot!(stdout(&out));
    let report: Value = serde_json::from_slice(&run(&["diff", &old, &new, "--format", "json"]).stdout).unwrap();
    let kinds: Vec<&str> = report["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["prerequisite-alternative-removed", "prerequisite-alternative-added"]);
    assert_eq!(report["bump"], "major", "an alternative fewer re-locks learners who took it");
    assert_eq!(report["changes"][0]["new_pointer"], "/skills/3/prerequisites/0");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_entries_merged_into_one_skill_are_both_kept_and_reported() {
    let dir = scratch("merge-progress");
    write(
        &dir,
        "old.json",
        &roadmap("1.0.0", json!([{"id": "git", "name": "Git"}, {"id": "python", "name": "Python"}]), json!([])),
    );
    write(
        &dir,
        "new.json",
        &roadmap("1.1.0", json!([{"id": "basics", "name": "Basics", "former_ids": ["git", "python"]}]), json!([])),
    );
    let progress = dir.join("two.json");
    let before = r#"{"skills": {"python": {"status": "done"}, "git": {"status": "learning", "hours": 3}}}"#;
    std::fs::write(&progress, before).unwrap();
    let out = run_in(&dir, &["migrate-progress", "--from", "old.json", "--to", "new.json", "two.json"], &[]);
    assert_eq!(out.status.code(), Some(1), "a conflict for the learner to resolve");
    insta::assert_snapshot!(stdout(&out));
    assert_eq!(std::fs::read_to_string(&progress).unwrap(), before, "nothing moved: no `done` hidden under an old id");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_progress_changes_only_the_moved_keys_byte_for_byte() {
    let dir = scratch("exact");
    write(&dir, "old.json", &roadmap("1.0.0", json!([{"id": "git", "name": "Git"}]), json!([])));
    let mut new_roadmap = roadmap("1.1.0", json!([{"id": "git2", "name": "Git", "former_ids": ["git"]}]), json!([]));
    new_roadmap["id"] = json!("mini2");
    write(&dir, "new.json", &new_roadmap);
    // A byte-order mark, CRLF line ends, a big integer, number forms,
    // escapes and a key order serde_json would not keep.
    let before = "\u{feff}{\"roadmaps\": [\"other\", \"mini\"],\r\n \"skills\": {\"python\": {\"status\": \"done\", \"hours\": 2.50, \
                  \"note\": \"caf\\u00e9\"},\r\n  \"git\": {\"status\": \"done\"}},\r\n \
                  \"x-tracker\": {\"id\": 12345678901234567890123, \"ratio\": 1e2}}\r\n";
    std::fs::write(dir.join("me.json"), before).unwrap();
    let out = run_in(&dir, &["migrate-progress", "--from", "old.json", "--to", "new.json", "me.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(dir.join("me.json")).unwrap();
    let expected = before.replace("\"git\": {", "\"git2\": {").replace("\"mini\"]", "\"mini2\"]");
    assert_eq!(after, expected, "only the renamed key and roadmap id change");

    // YAML keeps its comments, quoting and layout the same way.
    let yaml = "# mine\nroadmaps: [mini]  # the one\nskills:\n  git:   # since May\n    status: done\n    hours: 3.0\n";
    std::fs::write(dir.join("me.yaml"), yaml).unwrap();
    let out = run_in(&dir, &["migrate-progress", "--from", "old.json", "--to", "new.json", "me.yaml"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("comments were not kept"), "{}", stderr(&out));
    let after = std::fs::read_to_string(dir.join("me.yaml")).unwrap();
    assert_eq!(after, yaml.replace("  git:", "  git2:").replace("[mini]", "[mini2]"));
    let _ = std::fs::remove_dir_all(&dir);
}

//! `trailmap diff` and `trailmap migrate-progress` end to end: a snapshot
//! report per change kind, the output formats, the version check, exit
//! codes, `REV:PATH` from git, hostile names, and progress migration that
//! never loses the original.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use util::{relative, root, run, run_in, stdout};

const CASES: &str = "tests/fixtures/diff";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn case(name: &str) -> (String, String) {
    (format!("{CASES}/{name}/old.json"), format!("{CASES}/{name}/new.json"))
}

/// A scratch directory for one test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trailmap-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

fn write_json(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// Case folders that show how other edits are reported, not one kind each.
const NOT_A_KIND: [&str; 3] = ["mixed", "no-change", "renamed-without-former-id"];

#[test]
fn every_case_folder_matches_its_report_snapshot() {
    let mut names = Vec::new();
    insta::glob!("fixtures/diff/*/old.json", |path| {
        let name = relative(path.parent().unwrap()).rsplit('/').next().unwrap().to_owned();
        let (old, new) = case(&name);
        let out = run(&["diff", &old, &new]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        insta::assert_snapshot!(stdout(&out));

        let out = run(&["diff", &old, &new, "--format", "json"]);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let changes = report["changes"].as_array().unwrap();
        if !NOT_A_KIND.contains(&name.as_str()) {
            let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
            assert_eq!(kinds, [name.as_str()], "{name} is exactly one change of its kind");
            assert_eq!(report["bump"], changes[0]["bump"], "{name}");
        }
        names.push(name);
    });
    assert!(names.len() >= 45, "a case per change kind: {names:?}");
}

#[test]
fn the_four_formats_on_a_mixed_change() {
    let (old, new) = case("mixed");
    for format in ["text", "markdown", "json", "github"] {
        let args = ["diff", old.as_str(), new.as_str(), "--check-version", "--format", format];
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{format}: the version 1.1.0 is too low for a removal");
        insta::assert_snapshot!(format!("mixed_check_version_{format}"), stdout(&out));
    }
    let report: Value = serde_json::from_slice(&run(&["diff", &old, &new, "--format", "json"]).stdout).unwrap();
    assert_eq!(report["bump"], "major");
    assert_eq!(report["old_version"], "1.0.0");
    assert_eq!(report["new_version"], "1.1.0");
    assert_eq!(report["suggested_version"], "2.0.0");
    assert_eq!(report["version_check"], Value::Null, "only with --check-version");
    for change in report["changes"].as_array().unwrap() {
        for key in ["kind", "bump", "id", "old_id", "new_id", "old_pointer", "new_pointer", "message", "hint"] {
            assert!(change.get(key).is_some(), "{key} missing in {change}");
        }
    }
    let removed = report["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "skill-removed").unwrap();
    assert_eq!(removed["old_pointer"], "/skills/1");
    assert_eq!(removed["new_pointer"], Value::Null);
}

#[test]
fn check_version_catches_a_missing_or_short_bump() {
    let dir = scratch("version");
    let (old, _) = case("skill-removed");
    let mut new = read_json(&case("skill-removed").1);
    let new_path = dir.join("new.json");
    let new_arg = new_path.to_str().unwrap();
    for (version, code, verdict) in [
        (
            "1.0.0",
            1,
            "version check failed: version 1.0.0 did not change, but the changes need a major bump (suggested: 1.0.0 -> 2.0.0)",
        ),
        ("1.1.0", 1, "version check failed: version 1.0.0 -> 1.1.0 is a minor bump, but the changes need a major bump"),
        ("0.9.0", 1, "version check failed: version decreased from 1.0.0 to 0.9.0"),
        ("2.0.0", 0, "version check passed: version 1.0.0 -> 2.0.0 is a major bump; the changes need a major bump"),
        ("3.0.0", 0, "version check passed"),
    ] {
        new["version"] = json!(version);
        write_json(&new_path, &new);
        let out = run(&["diff", &old, new_arg, "--check-version"]);
        assert_eq!(out.status.code(), Some(code), "{version}: {}", stdout(&out));
        assert!(stdout(&out).contains(verdict), "{version}:\n{}", stdout(&out));
        assert!(stdout(&out).contains("major bump required (1.0.0 -> 2.0.0)"), "the suggestion is always shown");
    }
    // Without --check-version a low version is not a failure.
    new["version"] = json!("1.0.0");
    write_json(&new_path, &new);
    assert_eq!(run(&["diff", &old, new_arg]).status.code(), Some(0));

    // Before 1.0.0 a major change needs only a minor bump.
    let mut old_value = read_json(&old);
    old_value["version"] = json!("0.3.0");
    let old_path = dir.join("old.json");
    write_json(&old_path, &old_value);
    new["version"] = json!("0.4.0");
    write_json(&new_path, &new);
    let out = run(&["diff", old_path.to_str().unwrap(), new_arg, "--check-version"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("(0.3.0 -> 0.4.0)"), "{}", stdout(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fail_on_sets_the_exit_status() {
    let (old, new) = case("skill-added"); // a minor change
    assert_eq!(run(&["diff", &old, &new, "--fail-on", "major"]).status.code(), Some(0));
    assert_eq!(run(&["diff", &old, &new, "--fail-on", "minor"]).status.code(), Some(1));
    assert_eq!(run(&["diff", &old, &new, "--fail-on", "patch"]).status.code(), Some(1));
    let (old, new) = case("no-change");
    assert_eq!(run(&["diff", &old, &new, "--fail-on", "patch"]).status.code(), Some(0));
    // In GitHub format the changes that trigger it are errors.
    let (old, new) = case("mixed");
    let text = stdout(&run(&["diff", &old, &new, "--format", "github", "--fail-on", "major"]));
    assert_eq!(text.lines().filter(|l| l.starts_with("::error ")).count(), 3, "{text}");
}

#[test]
fn usage_and_io_errors_exit_2_invalid_input_exits_1() {
    let (old, new) = case("skill-added");
    assert_eq!(run(&["diff", &old]).status.code(), Some(2), "NEW is required");
    assert_eq!(run(&["diff", &old, &new, "--format", "html"]).status.code(), Some(2));
    assert_eq!(run(&["diff", &old, &new, "--fail-on", "none"]).status.code(), Some(2));
    let out = run(&["diff", &old, "does/not/exist.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does/not/exist.json"), "{}", stderr(&out));
    let out = run(&["diff", &old, "tests/fixtures/invalid/four-problems.json"]);
    assert_eq!(out.status.code(), Some(1), "a problem in the input, as in every command");
    assert!(stderr(&out).contains("error[TM007]"), "diagnostics as validate shows them: {}", stderr(&out));
    assert!(stderr(&out).contains("not a valid roadmap"));
    assert!(stdout(&out).is_empty());
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(["-c", "user.name=trailmap", "-c", "user.email=trailmap@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn old_may_be_rev_path_read_from_git() {
    let dir = scratch("git");
    if !git(&dir, &["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    let (old, new) = case("skill-removed");
    std::fs::copy(root().join(&old), dir.join("roadmap.json")).unwrap();
    assert!(git(&dir, &["add", "roadmap.json"]));
    assert!(git(&dir, &["commit", "-q", "-m", "old"]));
    std::fs::copy(root().join(&new), dir.join("roadmap.json")).unwrap();

    let out = run_in(&dir, &["diff", "HEAD:roadmap.json", "roadmap.json", "--format", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["changes"][0]["kind"], "skill-removed");
    // A removal is annotated on the old file, where the item was, named
    // as given (docs/diff.md): its lines are the old file's.
    let out = run_in(&dir, &["diff", "HEAD:roadmap.json", "roadmap.json", "--format", "github"], &[]);
    assert!(stdout(&out).contains("::warning file=HEAD%3Aroadmap.json,line="), "{}", stdout(&out));
    // The new side read from git is named by its path too.
    let out = run_in(&dir, &["diff", "roadmap.json", "HEAD:roadmap.json", "--format", "github"], &[]);
    assert!(stdout(&out).contains("file=roadmap.json,"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("HEAD%3A"), "{}", stdout(&out));

    let out = run_in(&dir, &["diff", "no-such-rev:roadmap.json", "roadmap.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("git cat-file blob no-such-rev:roadmap.json failed: fatal:"), "{}", stderr(&out));
    let out = run_in(&dir, &["diff", "HEAD:missing.json", "roadmap.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fatal:"), "git's own message: {}", stderr(&out));
    // A missing path with glob characters is git's error too, never read
    // as a pathspec that matches nothing (an "empty roadmap", exit 1).
    for spec in ["HEAD:roadmap?.json", "HEAD:[r]oadmap.json", "HEAD:new*.json"] {
        let out = run_in(&dir, &["diff", spec, "roadmap.json"], &[]);
        assert_eq!(out.status.code(), Some(2), "{spec}: {}", stderr(&out));
        assert!(stderr(&out).contains("does not exist in 'HEAD'"), "{spec}: {}", stderr(&out));
        assert!(!stderr(&out).contains("TM001"), "{spec}: {}", stderr(&out));
    }
    // A directory is not a roadmap.
    let out = run_in(&dir, &["diff", "HEAD:", "roadmap.json"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A name built to break each format: a terminal control sequence, a
/// newline starting a workflow command, an escaped newline, property
/// separators, a table pipe, HTML and a Markdown heading. Short enough that
/// messages quote it whole.
const HOSTILE: &str = "\u{1b}[2J\n::set-output name=a::b %0A,: | </td><script>\r\n# h";

fn hostile_pair(dir: &Path) -> (String, String) {
    let old = json!({"id": "h", "title": "H", "version": "1.0.0", "skills": [
        // Ids cannot carry such text (see `trailmap::ids`); names can.
        {"id": "gone.id_1", "name": HOSTILE}, {"id": "kept", "name": "Kept"}]});
    let new = json!({"id": "h", "title": "H", "version": "1.0.0", "skills": [
        {"id": "kept", "name": HOSTILE}, {"id": "new-x", "name": "<b>New</b> | y"}]});
    let (o, n) = (dir.join("old.json"), dir.join("new.json"));
    write_json(&o, &old);
    write_json(&n, &new);
    (o.to_str().unwrap().to_owned(), n.to_str().unwrap().to_owned())
}

#[test]
fn hostile_names_cannot_escape_any_format() {
    assert!(HOSTILE.chars().count() < 60, "quoted whole, not cut");
    let dir = scratch("hostile");
    let (old, new) = hostile_pair(&dir);

    let github = stdout(&run(&["diff", &old, &new, "--format", "github", "--check-version"]));
    let lines: Vec<&str> = github.lines().collect();
    // Summary, removed, name changed, added, version check: one line each.
    assert_eq!(lines.len(), 5, "{github}");
    for line in &lines {
        assert!(
            ["::notice ", "::warning ", "::error "].iter().any(|p| line.starts_with(p)),
            "every line is one of our annotations: {line}"
        );
        assert!(!line.contains('\r') && !line.contains('\u{1b}'));
        let properties = line.split_once("::").map(|(_, rest)| rest).unwrap().split_once("::").unwrap().0;
        assert!(!properties.contains("set-output") && !properties.contains("::"), "{line}");
    }
    assert!(github.contains("\\u{a}::set-output name=a::b %250A"), "newline and % escaped: {github}");

    let markdown = stdout(&run(&["diff", &old, &new, "--format", "markdown"]));
    assert!(!markdown.contains('<'), "no raw HTML: {markdown}");
    assert!(!markdown.contains('\u{1b}'));
    for line in markdown.lines() {
        if line.starts_with('#') {
            assert!(line.starts_with("### Roadmap changes") || line.starts_with("#### "), "injected heading: {line}");
        }
        if line.starts_with("| ") && !line.starts_with("| bump") {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(cells == 3 || cells == 4, "a name added a column: {line}");
        }
    }

    let text = stdout(&run(&["diff", &old, &new]));
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "terminal control characters escaped: {text:?}");
    assert_eq!(text.lines().filter(|l| l.contains("set-output")).count(), 2, "each name stays on its own line: {text}");

    let json_out = run(&["diff", &old, &new, "--format", "json"]);
    let report: Value = serde_json::from_slice(&json_out.stdout).expect("always valid JSON");
    let added = report["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "skill-added").unwrap();
    assert_eq!(added["id"], "new-x", "JSON keeps the exact id");
    let _ = std::fs::remove_dir_all(&dir);
}

fn progress_file(dir: &Path, name: &str, skills: Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&json!({"roadmaps": ["mini"], "skills": skills})).unwrap())
        .unwrap();
    path
}

#[test]
fn migrate_progress_follows_a_rename_and_keeps_everything() {
    let dir = scratch("migrate");
    let (old, new) = case("skill-renamed"); // numpy -> numerical-python
    let file = progress_file(
        &dir,
        "me.json",
        json!({"numpy": {"status": "done", "hours": 3, "note": "arrays"}, "python": {"status": "done"}, "rust": {"status": "learning"}}),
    );
    let path = file.to_str().unwrap();
    let original = std::fs::read_to_string(&file).unwrap();

    // --dry-run prints the new file and leaves the original alone.
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, path, "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dry_run = stdout(&out);
    let printed: Value = serde_json::from_str(&dry_run).unwrap();
    assert_eq!(printed["skills"]["numerical-python"], json!({"status": "done", "hours": 3, "note": "arrays"}));
    assert!(stderr(&out).contains("`numpy` -> `numerical-python`"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

    let out = run(&["migrate-progress", "--from", &old, "--to", &new, path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, dry_run, "--dry-run printed exactly what is written");
    let value: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["skills"]["numerical-python"]["hours"], json!(3), "numbers keep their form: {written}");
    assert!(value["skills"].get("numpy").is_none());
    assert_eq!(value["skills"]["rust"], json!({"status": "learning"}), "unknown skills are kept");
    assert!(stdout(&out).contains("1 entry renamed"), "{}", stdout(&out));
    assert!(stdout(&out).contains("`rust`: neither version has this skill; entry kept"), "{}", stdout(&out));
    // The migrated file works with the new roadmap: no unknown-skill warning for it.
    let next = run(&["next", &new, "--progress", path]);
    assert!(!stderr(&next).contains("numerical-python"), "{}", stderr(&next));

    // Running it again finds nothing to do and does not touch the file.
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout(&out).contains("wrote"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_progress_keeps_a_yaml_file_in_yaml() {
    let dir = scratch("migrate-yaml");
    let (old, new) = case("skill-renamed"); // numpy -> numerical-python
    let file = dir.join("me.yaml");
    std::fs::write(&file, "# mine\nroadmaps: [mini]\nskills:\n  numpy:\n    status: done\n    hours: 3\n").unwrap();
    let path = file.to_str().unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("comments were not kept"), "edited in place: {}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text, "# mine\nroadmaps: [mini]\nskills:\n  numerical-python:\n    status: done\n    hours: 3\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_progress_keeps_removed_skills_and_conflicts() {
    let dir = scratch("migrate-keep");
    let (old, new) = case("skill-removed"); // git removed
    let file = progress_file(&dir, "me.json", json!({"git": {"status": "done", "hours": 4}}));
    let before = std::fs::read_to_string(&file).unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("`git`: skill removed from the roadmap; entry kept"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "nothing to rewrite, nothing dropped");

    // Both the old and the new id have progress: both stay, exit 1.
    let (old, new) = case("skill-renamed");
    let file = progress_file(
        &dir,
        "both.json",
        json!({"numpy": {"status": "done"}, "numerical-python": {"status": "learning"}}),
    );
    let before = std::fs::read_to_string(&file).unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("both entries kept; merge them by hand"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn migrate_progress_leaves_the_original_intact_on_failure() {
    let dir = scratch("migrate-fail");
    let (old, new) = case("skill-renamed");
    // A name so long that the temporary file beside it cannot be created
    // (over NAME_MAX): the write fails after the migration succeeded.
    let long = format!("{}.json", "p".repeat(240));
    let file = progress_file(&dir, &long, json!({"numpy": {"status": "done"}}));
    let before = std::fs::read_to_string(&file).unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("the file was not changed"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");

    // Invalid inputs stop before anything is written.
    let file = progress_file(&dir, "me.json", json!({"numpy": {"status": "done"}}));
    let before = std::fs::read_to_string(&file).unwrap();
    let path = file.to_str().unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", "tests/fixtures/invalid/four-problems.json", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error[TM007]"));
    std::fs::write(dir.join("bad.json"), "{\"skills\": {\"numpy\": {\"status\": \"finished\"}}}").unwrap();
    let out = run(&["migrate-progress", "--from", &old, "--to", &new, dir.join("bad.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a valid progress file; it was not changed"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

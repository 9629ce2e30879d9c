//! `trailmap progress` end to end: names and aliases, errors, the default
//! file, concurrent runs, and `next` reading what was recorded.

mod util;

use std::path::{Path, PathBuf};

use util::{run_in, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trailmap-progress-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn small() -> String {
    util::root().join(SMALL).to_str().unwrap().to_owned()
}

fn read(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn done_then_next_no_longer_lists_it() {
    let dir = tempdir("done");
    let out = run_in(&dir, &["progress", "done", "python", "--progress", "p.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let file = read(&dir.join("p.json"));
    assert_eq!(file["skills"]["python"]["status"], "done");
    let date = file["skills"]["python"]["date"].as_str().unwrap();
    assert_eq!(date, trailmap::Date::today().to_string(), "done records today");
    let out = run_in(&dir, &["next", &small(), "--progress", "p.json", "--format", "json"], &[]);
    let ids: Vec<String> = serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!ids.contains(&"python".to_owned()) && ids.contains(&"numpy".to_owned()), "{ids:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_yaml_progress_file_stays_yaml_with_a_warning_for_its_comments() {
    let dir = tempdir("yaml");
    std::fs::write(
        dir.join("me.yaml"),
        "# my progress\nroadmaps: [test]\nskills:\n  python:\n    status: done\n    date: 2026-01-01\n",
    )
    .unwrap();
    let out = run_in(&dir, &["progress", "done", "numpy", "-r", &small(), "--progress", "me.yaml"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("me.yaml: its comments were not kept"), "{stderr}");
    let text = std::fs::read_to_string(dir.join("me.yaml")).unwrap();
    assert!(text.starts_with("roadmaps:\n  - test\n"), "still YAML: {text}");
    assert!(text.contains("  python:\n    status: done\n    date: \"2026-01-01\"\n"), "{text}");
    assert!(text.contains("  numpy:\n    status: done\n"), "{text}");
    // Nothing left to lose: no warning the second time.
    let out = run_in(&dir, &["progress", "skip", "pandas", "--progress", "me.yaml"], &[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("comments"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn names_and_aliases_any_case_and_the_default_files() {
    let dir = tempdir("names");
    let roadmap = dir.join("r.json");
    std::fs::write(
        &roadmap,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "k8s", "name": "Kubernetes", "aliases": ["Kube"]},
            {"id": "la-1", "name": "Linear Algebra"}, {"id": "la-2", "name": "Linear Algebra"},
            {"id": "serving", "name": "Model Serving", "prerequisites": ["k8s"]}]}"#,
    )
    .unwrap();
    let r = roadmap.to_str().unwrap();
    // The default file: ./progress.json.
    let out = run_in(&dir, &["progress", "done", "KUBE", "-r", r], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(&dir.join("progress.json"))["skills"]["k8s"]["status"], "done");
    // next reads ./progress.json without being told.
    let out = run_in(&dir, &["next", r, "--goal", "model serving", "--format", "json"], &[]);
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["id"], "serving");
    // TRAILMAP_PROGRESS wins over the default.
    let out = run_in(
        &dir,
        &["progress", "learning", "Model Serving", "--hours", "2", "-r", r],
        &[("TRAILMAP_PROGRESS", "env.json")],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read(&dir.join("env.json"))["skills"]["serving"]["hours"], 2.0);
    // Ambiguous: both candidates listed, exit 2, nothing written.
    let before = std::fs::read_to_string(dir.join("progress.json")).unwrap();
    let out = run_in(&dir, &["progress", "done", "linear algebra", "k8s", "-r", r], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("la-1") && stderr.contains("la-2"), "{stderr}");
    // Unknown: a suggestion, exit 2.
    let out = run_in(&dir, &["progress", "skip", "kubernets", "-r", r], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `k8s`"));
    assert_eq!(std::fs::read_to_string(dir.join("progress.json")).unwrap(), before, "failed runs write nothing");
    // Negative hours are refused.
    assert_eq!(run_in(&dir, &["progress", "learning", "k8s", "--hours=-5", "-r", r], &[]).status.code(), Some(2));
    // reset forgets; show lists what is left.
    assert_eq!(run_in(&dir, &["progress", "reset", "kubernetes", "-r", r], &[]).status.code(), Some(0));
    let out = run_in(&dir, &["progress", "show", "-r", r], &[]);
    assert!(stdout(&out).contains("0 done, 0 learning, 0 skipped"), "{}", stdout(&out));
    // --done and --goal take names too, spaces trimmed.
    let out =
        run_in(&dir, &["plan", r, "--goal", "Model Serving", "--done", " kubernetes , la-1", "--format", "json"], &[]);
    let steps: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(steps.as_array().unwrap().len(), 1, "{steps}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_ambiguous_name_lists_its_candidates_one_a_line() {
    let dir = tempdir("ambiguous");
    std::fs::write(
        dir.join("amb.json"),
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "ml", "name": "Machine Learning", "aliases": ["ML", "AI"]},
            {"id": "ai", "name": "Artificial Intelligence"},
            {"id": "dl", "name": "Deep\u001b[31mLearning", "aliases": ["AI"]}]}"#,
    )
    .unwrap();
    let expected = "`AI` names 3 skills; give one of their ids:\n  ml  (Machine Learning)\n  ai  (Artificial Intelligence)\n  dl  (Deep\\u{1b}[31mLearning)\n";
    for (args, prefix) in [
        (vec!["progress", "done", "AI", "-r", "amb.json", "--progress", "p.json"], ""),
        (vec!["next", "amb.json", "--done", "AI"], "--done: "),
        (vec!["plan", "amb.json", "--goal", "AI"], "--goal: "),
    ] {
        let out = run_in(&dir, &args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("error: {prefix}{expected}")), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn twenty_parallel_runs_lose_nothing() {
    let dir = tempdir("parallel");
    let ids: Vec<String> = (0..20).map(|i| format!("skill-{i}")).collect();
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            std::process::Command::new(util::binary())
                .args(["progress", "done", id, "--progress", "p.json"])
                .current_dir(&dir)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let file = read(&dir.join("p.json"));
    let recorded = file["skills"].as_object().unwrap();
    for id in &ids {
        assert_eq!(recorded[id]["status"], "done", "{id} was lost");
    }
    assert_eq!(recorded.len(), 20);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_invalid_progress_file_is_reported_and_left_alone() {
    let dir = tempdir("invalid");
    let text = "{\"skills\": {\"git\": {\"status\": \"learning\", \"hours\": -5, \"date\": \"yesterday\"}}}\n";
    std::fs::write(dir.join("p.json"), text).unwrap();
    let out = run_in(&dir, &["progress", "done", "python", "--progress", "p.json"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[TM051]") && stderr.contains("not a real date") && stderr.contains("0 or more"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("p.json")).unwrap(), text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn core_codes_are_documented_by_rule() {
    let out = util::run(&["rule", "TM050"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("rule-tm050.txt", stdout(&out));
    assert_eq!(util::run(&["rule", "unknown-progress-skill"]).status.code(), Some(0));
}

#[test]
fn colour_and_quiet_go_through_one_terminal_layer() {
    let root = util::root();
    let dim = "\u{1b}[2m(python)";
    let next = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["next", SMALL];
        args.extend_from_slice(extra);
        stdout(&run_in(&root, &args, env))
    };
    // The helper sets NO_COLOR=1; --color always overrides it.
    assert!(!next(&[], &[]).contains('\u{1b}'), "not a terminal, NO_COLOR");
    assert!(next(&[], &["--color", "always"]).contains(dim), "--color always");
    assert!(next(&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")], &[]).contains(dim), "CLICOLOR_FORCE");
    assert!(!next(&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")], &["--color", "never"]).contains('\u{1b}'));
    // diff's text report goes through the same layer.
    let (old, new) = ("tests/fixtures/diff/skill-added/old.json", "tests/fixtures/diff/skill-added/new.json");
    let diff = |extra: &[&str]| stdout(&run_in(&root, &[&["diff", old, new][..], extra].concat(), &[]));
    assert!(!diff(&[]).contains('\u{1b}'), "not a terminal, NO_COLOR");
    assert!(diff(&["--color", "always"]).contains("\u{1b}[1;33mminor: 1 change"), "{}", diff(&["--color", "always"]));
    // --quiet drops the TM050 warnings of a shared progress file, not the answer.
    let dir = tempdir("quiet");
    std::fs::write(dir.join("p.json"), r#"{"skills": {"elsewhere": {"status": "done"}}}"#).unwrap();
    let p = dir.join("p.json");
    let out = run_in(&root, &["next", SMALL, "--progress", p.to_str().unwrap()], &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("TM050"));
    let out = run_in(&root, &["next", SMALL, "--progress", p.to_str().unwrap(), "--quiet"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(stdout(&out).contains("you can start"));
    let out = run_in(&root, &["validate", SMALL, "-q"], &[]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()), "no summary under --quiet");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_skill_is_refused_and_nothing_written() {
    let dir = tempdir("empty-skill");
    let small = small();
    for extra in [&[][..], &["-r", small.as_str()][..]] {
        let args = [&["progress", "done", " ", "--progress", "p.json"][..], extra].concat();
        let out = run_in(&dir, &args, &[]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("a SKILL is empty"));
        assert!(!dir.join("p.json").exists() && !dir.join("p.json.lock").exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn progress_file_mistakes_get_progress_file_messages() {
    let dir = tempdir("mistakes");
    // An empty file: help on progress files, not roadmaps.
    for name in ["empty.json", "empty.yaml"] {
        std::fs::write(dir.join(name), "").unwrap();
        let out = run_in(&dir, &["progress", "done", "python", "--progress", name], &[]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("the file is empty: a progress file is") && !stderr.contains("roadmap"), "{stderr}");
    }
    // Negative hours reach the documented check, however written.
    for args in [&["--hours", "-1"][..], &["--hours=-1"][..]] {
        let out = run_in(&dir, &[&["progress", "learning", "python", "--progress", "p.json"][..], args].concat(), &[]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--hours must be 0 or more, not -1"));
    }
    // A missing folder is named as such, not as a lock failure.
    let out = run_in(&dir, &["progress", "done", "python", "--progress", "nodir/p.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the folder nodir does not exist") && !stderr.contains("lock"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn show_with_a_roadmap_warns_about_and_does_not_count_skills_it_lacks() {
    let dir = tempdir("show-unknown");
    std::fs::write(dir.join("p.json"), r#"{"skills": {"pythn": {"status": "done"}, "git": {"status": "done"}}}"#)
        .unwrap();
    let out = run_in(&dir, &["progress", "show", "--progress", "p.json", "-r", &small()], &[]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[TM050]")
            && stderr.contains("p.json:1:13")
            && stderr.contains("did you mean `python`?"),
        "{stderr}"
    );
    insta::assert_snapshot!("show-unknown.txt", stdout(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

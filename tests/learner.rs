//! `trailmap next`, `plan` and `schedule` end to end, on a small fixture
//! (golden output) and on the bundled roadmaps.

mod util;

use util::{run, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";

#[test]
fn next_text_and_json() {
    let out = run(&["next", SMALL, "--done", "python"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("next-small.txt", stdout(&out));

    let out = run(&["next", SMALL, "--done", "python,numpy", "--goal", "cnn", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    // pytorch serves the goal and is required; tensorflow is optional.
    assert_eq!(ids, ["pytorch", "git", "tensorflow"]);
    assert_eq!(items[0]["reasons"][0]["kind"], "needed-for");
}

#[test]
fn plan_picks_one_alternative_and_orders_prerequisites_first() {
    let out = run(&["plan", SMALL, "--goal", "cnn", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let steps: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = steps.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["python", "numpy", "pytorch", "cnn"]);
    assert_eq!(steps[2]["chosen"]["over"][0], "tensorflow");
    insta::assert_snapshot!("plan-small.txt", stdout(&run(&["plan", SMALL, "--goal", "cnn", "--done", "python"])));
}

#[test]
fn schedule_text_json_and_ics() {
    let out = run(&["schedule", SMALL, "--hours-per-week", "8", "--start", "2027-01-04"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("schedule-small.txt", stdout(&out));

    let out = run(&["schedule", SMALL, "--hours-per-week", "8", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for item in value["items"].as_array().unwrap() {
        for h in item["hours_by_week"].as_array().unwrap() {
            assert!(h.as_f64().unwrap() <= 8.0);
        }
    }

    let out = run(&["schedule", SMALL, "--hours-per-week", "8", "--start", "2027-01-04", "--format", "ics"]);
    let ics = stdout(&out);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5, "one event per study week");
    assert!(!ics.contains("TensorFlow"), "optional tensorflow is not scheduled");
    assert!(ics.contains("DTSTART;VALUE=DATE:20270104\r\n"));
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded at 75 octets");
}

#[test]
fn learner_usage_errors() {
    assert_eq!(run(&["plan", SMALL]).status.code(), Some(2), "--goal is required");
    let out = run(&["plan", SMALL, "--goal", "pytorh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `pytorch`, PyTorch?"));
    assert_eq!(run(&["schedule", SMALL, "--hours-per-week", "0"]).status.code(), Some(2));
    assert_eq!(run(&["schedule", SMALL, "--hours-per-week", "5", "--format", "ics"]).status.code(), Some(2));
    assert_eq!(run(&["schedule", SMALL, "--hours-per-week", "5", "--start", "2027-02-30"]).status.code(), Some(2));
    // An invalid roadmap is reported, not queried.
    let out = run(&["next", "tests/fixtures/invalid/four-problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[TM007]"));
}

#[test]
fn progress_files_count_and_unknown_ids_warn() {
    let dir = std::env::temp_dir().join(format!("trailmap-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("me.json");
    std::fs::write(
        &file,
        r#"{"skills": {"python": {"status": "done"}, "numpy": {"status": "learning"}, "pytorh": {"status": "done"}}}"#,
    )
    .unwrap();
    let out = run(&["next", SMALL, "--progress", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["id"], "numpy", "a skill being learned comes first");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning[TM050]") && stderr.contains("did you mean `pytorch`?"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bundled_roadmaps_answer_the_learner() {
    for file in std::fs::read_dir(util::root().join("roadmaps")).unwrap() {
        let path = file.unwrap().path();
        let path = path.to_str().unwrap();
        let out = run(&["next", path, "--done", "python,git"]);
        assert_eq!(out.status.code(), Some(0), "{path}");
        assert!(stdout(&out).contains("you can start"), "{path}");
        let out = run(&["schedule", path, "--hours-per-week", "10", "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{path}");
    }
}

const ESTIMATED: &str = "tests/fixtures/learner/estimated.json";

#[test]
fn estimated_efforts_say_where_they_come_from() {
    insta::assert_snapshot!(
        "plan-estimated.txt",
        stdout(&run(&["plan", ESTIMATED, "--goal", "model serving", "--done", "py"]))
    );
    insta::assert_snapshot!("schedule-estimated.txt", stdout(&run(&["schedule", ESTIMATED, "--hours-per-week", "4"])));
    insta::assert_snapshot!("skills-estimated.txt", stdout(&run(&["skills", ESTIMATED])));
    insta::assert_snapshot!("skills-search.txt", stdout(&run(&["skills", ESTIMATED, "ALGEBRA"])));
    let out = run(&["next", ESTIMATED, "--goal", "serving", "--done", "python,linear-algebra"]);
    insta::assert_snapshot!("next-estimated.txt", stdout(&out));
}

/// A misspelt `prerequisities` key is a schema error: the lenient loader
/// drops it, and `next` used to offer NumPy before Python from what was
/// left. An invalid roadmap is reported, never queried.
#[test]
fn a_misspelt_prerequisites_key_is_reported_not_queried() {
    let dir = std::env::temp_dir().join(format!("trailmap-learner-misspelt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("misspelt.json");
    std::fs::write(
        &file,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "python", "name": "Python"},
  {"id": "numpy", "name": "NumPy", "prerequisities": ["python"]}
]}"#,
    )
    .unwrap();
    let out = run(&["next", file.to_str().unwrap(), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout(&out).is_empty(), "nothing is suggested: {}", stdout(&out));
    assert!(stderr.contains("TM002") && stderr.contains("prerequisities"), "{stderr}");
}

/// An alternative is weighed with what it still needs: LibTorch takes 3 h
/// but needs 100 h of C++; PyTorch takes 5 h and 20 h of Python.
#[test]
fn plan_weighs_an_alternative_with_its_missing_prerequisites() {
    let out = run(&["plan", "tests/fixtures/learner/plan-greedy.json", "--goal", "dl"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("plan-greedy.txt", stdout(&out));
}

/// openapi needs flask, so flask also serves serving's group: the optional
/// fastapi is not scheduled.
#[test]
fn schedule_adds_no_alternative_a_planned_skill_makes_unneeded() {
    let file = "tests/fixtures/learner/schedule-unneeded.json";
    let out = run(&["schedule", file, "--hours-per-week", "10", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = value["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["flask", "openapi", "serving"]);
    assert_eq!((value["total_hours"].as_f64(), value["weeks"].as_u64()), (Some(13.0), Some(2)));
}

#[test]
fn schedule_edges_nothing_left_and_bad_paces() {
    // Nothing left: 0 hours in JSON, never -0.0.
    let out = run(&[
        "schedule",
        SMALL,
        "--hours-per-week",
        "10",
        "--done",
        "python,git,numpy,pytorch,cnn",
        "--format",
        "json",
    ]);
    let text = stdout(&out);
    assert!(text.contains("\"total_hours\": 0.0,") && text.contains("\"weeks\": 0,"), "{text}");
    // Every hour logged, and a 0-hour skill: 0 weeks, as for an empty plan.
    let dir = std::env::temp_dir().join(format!("trailmap-learner-logged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let progress = dir.join("p.json");
    std::fs::write(&progress, r#"{"skills": {"a": {"status": "learning", "hours": 9}}}"#).unwrap();
    let args = ["schedule", "tests/fixtures/learner/all-logged.json", "--hours-per-week", "10", "--progress"];
    let out = run(&[&args[..], &[progress.to_str().unwrap()]].concat());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("schedule-all-logged.txt", stdout(&out));
    // A pace too slow for any schedule is a bad command-line value (2),
    // and a negative one gets the pace's own message, not clap's.
    let out = run(&["schedule", SMALL, "--hours-per-week", "1e-9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("study more hours a week"));
    let out = run(&["schedule", SMALL, "--hours-per-week", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--hours-per-week must be a positive number"));
}

#[test]
fn a_search_counts_its_matches_in_good_grammar() {
    let out = stdout(&run(&["skills", ESTIMATED, "numpy"]));
    assert!(out.starts_with("1 skill of 5 matches “numpy”.\n"), "{out}");
    let out = stdout(&run(&["skills", ESTIMATED, "linear"]));
    assert!(out.starts_with("2 skills of 5 match “linear”.\n"), "{out}");
}

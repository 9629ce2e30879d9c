//! The effort model end to end: hours come from the roadmap, the learner's
//! pace only changes the number of weeks, and `plan` and `schedule` agree.

mod util;

use serde_json::Value;
use util::{run, stdout};

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn bundled() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(util::root().join("roadmaps"))
        .unwrap()
        .map(|f| f.unwrap().path().to_str().unwrap().to_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_pace_changes_the_weeks_not_the_hours() {
    for path in bundled() {
        let slow = json(&["schedule", &path, "--hours-per-week", "4", "--format", "json"]);
        let fast = json(&["schedule", &path, "--hours-per-week", "40", "--format", "json"]);
        let total = slow["total_hours"].as_f64().unwrap();
        assert!(total > 0.0, "{path}");
        assert_eq!(total, fast["total_hours"].as_f64().unwrap(), "{path}: same hours at any pace");
        let sum: f64 = slow["items"].as_array().unwrap().iter().map(|i| i["hours"].as_f64().unwrap()).sum();
        assert!((sum - total).abs() < 0.05, "{path}: items add up to the total");
        // Weeks are filled in order, so each schedule takes its hours over
        // the pace, rounded up: about ten times as many weeks at 4 h.
        let (weeks_slow, weeks_fast) = (slow["weeks"].as_f64().unwrap(), fast["weeks"].as_f64().unwrap());
        assert!((weeks_slow - total / 4.0).abs() <= 1.0, "{path}: {weeks_slow} weeks for {total} h at 4 h");
        assert!((weeks_fast - total / 40.0).abs() <= 1.0, "{path}: {weeks_fast} weeks for {total} h at 40 h");
        assert!(weeks_slow / weeks_fast > 5.0, "{path}: {weeks_slow} vs {weeks_fast}");
    }
}

#[test]
fn plan_and_schedule_agree_on_every_skill() {
    for path in bundled() {
        let schedule = json(&["schedule", &path, "--hours-per-week", "7", "--format", "json"]);
        for item in schedule["items"].as_array().unwrap().iter().step_by(5) {
            let id = item["id"].as_str().unwrap();
            let plan = json(&["plan", &path, "--goal", id, "--format", "json"]);
            let step = plan.as_array().unwrap().iter().find(|s| s["id"] == id).unwrap();
            assert_eq!(step["hours"], item["hours"], "{path}: {id}");
            assert_eq!(step["source"], item["source"], "{path}: {id}");
        }
    }
}

#[test]
fn every_figure_says_where_it_comes_from() {
    let dir = tempdir("sources");
    let file = dir.join("r.json");
    std::fs::write(
        &file,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "hours_per_week": 6, "skills": [
            {"id": "a", "name": "A", "effort_hours": 3},
            {"id": "b", "name": "B", "prerequisites": ["a"]},
            {"id": "c", "name": "C", "prerequisites": ["b"]}],
          "phases": [{"id": "p", "title": "Weeks 1-3", "span": {"unit": "week", "start": 1, "end": 3}, "skills": ["b"]}]}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let plan = json(&["plan", path, "--goal", "c", "--format", "json"]);
    let texts: Vec<&str> = plan.as_array().unwrap().iter().map(|s| s["source_text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["given", "from phase \"Weeks 1-3\" at 6 h a week", "default of 10 h a skill"]);
    assert_eq!(plan[1]["hours"], 18.0, "3 weeks at the roadmap's 6 h");
    assert_eq!(plan[1]["source"]["kind"], "phase");
    assert_eq!(plan[2]["source"]["kind"], "default");
    let text = stdout(&run(&["plan", path, "--goal", "c"]));
    assert!(text.contains("3 skills, ≈ 31 h in all"), "{text}");
    let text = stdout(&run(&["schedule", path, "--hours-per-week", "20"]));
    assert!(
        text.contains("* estimated from the span of the phase that teaches it, at 6 h a week (the roadmap's pace)")
    );
    assert!(text.contains("~ the default of 10 h a skill"), "{text}");
    // Only given figures: no "≈", no footnote.
    let text = stdout(&run(&["plan", path, "--goal", "a"]));
    assert!(text.contains("1 skill, 3 h in all"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn logged_hours_reduce_what_is_left() {
    let dir = tempdir("logged");
    let roadmap = dir.join("r.json");
    std::fs::write(
        &roadmap,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "a", "name": "A", "effort_hours": 12}, {"id": "b", "name": "B", "effort_hours": 2, "prerequisites": ["a"]}]}"#,
    )
    .unwrap();
    let progress = dir.join("p.json");
    std::fs::write(&progress, r#"{"skills": {"a": {"status": "learning", "hours": 10}}}"#).unwrap();
    let (r, p) = (roadmap.to_str().unwrap(), progress.to_str().unwrap());
    let plan = json(&["plan", r, "--goal", "b", "--progress", p, "--format", "json"]);
    assert_eq!((plan[0]["hours"].as_f64(), plan[0]["effort_hours"].as_f64()), (Some(2.0), Some(12.0)));
    assert_eq!(plan[0]["logged_hours"], 10.0);
    let schedule = json(&["schedule", r, "--hours-per-week", "3", "--progress", p, "--format", "json"]);
    assert_eq!(schedule["total_hours"], 4.0);
    assert_eq!(schedule["weeks"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn any_of_ties_follow_the_group_order() {
    let dir = tempdir("ties");
    let file = dir.join("r.json");
    // MySQL comes first in `skills`, PostgreSQL first in the group.
    std::fs::write(
        &file,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "mysql", "name": "MySQL"}, {"id": "postgresql", "name": "PostgreSQL"},
            {"id": "app", "name": "App", "prerequisites": [{"any_of": ["postgresql", "mysql"]}]}]}"#,
    )
    .unwrap();
    let plan = json(&["plan", file.to_str().unwrap(), "--goal", "app", "--format", "json"]);
    assert_eq!(plan[0]["id"], "postgresql");
    assert_eq!(plan[0]["chosen"]["why"], "listed first in the group among equal efforts, prerequisites included");
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("trailmap-effort-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Efforts as large as the schema allows: readable text, no `inf`, and
/// JSON numbers (never `null`) even when their sum overflows.
#[test]
fn huge_efforts_are_shown_and_written_as_numbers() {
    let dir = std::env::temp_dir().join(format!("trailmap-effort-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("big.json");
    std::fs::write(
        &file,
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "a", "name": "A", "effort_hours": 1e308}, {"id": "b", "name": "B", "effort_hours": 1e308}]}"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let out = run(&["plan", file, "--goal", "a", "--goal", "b"]);
    let text = stdout(&out);
    assert!(text.contains("over 1.8e308 h in all") && text.contains("1.0e308 h"), "{text}");
    assert!(!text.contains("inf"), "{text}");
    for args in [
        vec!["plan", file, "--goal", "a", "--goal", "b", "--format", "json"],
        vec!["schedule", file, "--goal", "a", "--hours-per-week", "1e308", "--format", "json"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut stack = vec![(String::new(), &json)];
        while let Some((key, value)) = stack.pop() {
            match value {
                Value::Object(members) => stack.extend(members.iter().map(|(k, v)| (k.clone(), v))),
                Value::Array(items) => stack.extend(items.iter().map(|v| (key.clone(), v))),
                _ if key.contains("hours") => assert!(value.is_number(), "{args:?}: {key} is {value}"),
                _ => {}
            }
        }
    }
    let out = run(&["schedule", file, "--goal", "a", "--hours-per-week", "1e-300"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("would take over 1.8e308 weeks"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

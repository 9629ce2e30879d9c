//! YAML roadmaps end to end: `convert`, `init`, and every command reading
//! YAML exactly as it reads the same roadmap in JSON.

mod util;

use std::path::PathBuf;

use serde_json::Value;
use util::{root, run, stdout};

/// A scratch folder removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("trailmap-yaml-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn bundled() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("roadmaps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    files
}

#[test]
fn every_bundled_roadmap_in_yaml_validates_and_answers_next_as_its_json() {
    let scratch = Scratch::new("bundled");
    for json in bundled() {
        let json = json.to_str().unwrap().to_owned();
        let stem = PathBuf::from(&json).file_stem().unwrap().to_str().unwrap().to_owned();
        let yaml = scratch.path(&format!("{stem}.yaml"));
        let out = run(&["convert", &json, "--to", "yaml", "-o", &yaml]);
        assert_eq!(out.status.code(), Some(0), "{json}: {}", String::from_utf8_lossy(&out.stderr));

        let out = run(&["validate", "--format", "json", &yaml]);
        assert_eq!(out.status.code(), Some(0), "{yaml}: {}", stdout(&out));
        assert_eq!(stdout(&out).trim(), "[]");

        for args in [
            vec!["next"],
            vec!["next", "--done", "python,git", "--limit", "50"],
            vec!["next", "--done", "python,numpy,pandas", "--format", "json"],
            vec!["schedule", "--hours-per-week", "10", "--format", "json"],
        ] {
            let with = |file: &str| {
                let mut a = vec![args[0], file];
                a.extend(&args[1..]);
                run(&a)
            };
            let (from_json, from_yaml) = (with(&json), with(&yaml));
            assert_eq!(from_json.status.code(), Some(0), "{json} {args:?}");
            assert_eq!(stdout(&from_yaml), stdout(&from_json), "{yaml} {args:?}");
        }

        // Back to JSON: the bundled files are formatted as `convert`
        // writes JSON, so key order shows as byte-for-byte equality.
        let back = run(&["convert", &yaml, "--to", "json"]);
        assert_eq!(back.status.code(), Some(0));
        assert_eq!(stdout(&back), std::fs::read_to_string(&json).unwrap(), "{json}");
    }
    // A directory walk finds the YAML roadmaps.
    let out = run(&["validate", &scratch.path("")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains(&format!("checked {} files: no problems", bundled().len())), "{}", stdout(&out));
}

#[test]
fn yaml_progress_files_count_as_json_ones() {
    let scratch = Scratch::new("progress");
    let json = scratch.path("me.json");
    std::fs::write(&json, r#"{"skills": {"python": {"status": "done"}, "git": {"status": "skipped"}}}"#).unwrap();
    let yaml = scratch.path("me.yml");
    std::fs::write(&yaml, "# my progress\nskills:\n  python: {status: done}\n  git:\n    status: skipped\n").unwrap();
    let roadmap = "roadmaps/ml-engineer-12-weeks.json";
    let a = run(&["next", roadmap, "--progress", &json]);
    let b = run(&["next", roadmap, "--progress", &yaml]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn lint_rules_report_yaml_lines_with_fixes() {
    let scratch = Scratch::new("lint");
    let file = scratch.path("r.yaml");
    std::fs::write(
        &file,
        "id: r\ntitle: R\nversion: 1.0.0\nskills:\n  - id: python\n    name: Python\n  - id: numpy\n    name: NumPy\n    prerequisites: [python]\n  - id: pandas\n    name: Pandas\n    prerequisites:\n      - python\n      - numpy\n",
    )
    .unwrap();
    let out = run(&["lint", "--isolated", "--format", "json", &file]);
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    let redundant = items.as_array().unwrap().iter().find(|d| d["code"] == "TM107").expect("TM107");
    assert_eq!((redundant["line"].as_u64(), redundant["column"].as_u64()), (Some(13), Some(9)), "{redundant}");
    // The fix removes the line `      - python` (line 13), nothing else.
    let edit = &redundant["fix"]["edits"][0];
    let source = std::fs::read_to_string(&file).unwrap();
    let (start, end) = (edit["start"].as_u64().unwrap() as usize, edit["end"].as_u64().unwrap() as usize);
    assert_eq!(&source[start..end], "      - python\n", "{redundant}");
}

/// `lint --fix` on YAML edits only the redundant items, in block and flow
/// sequences: comments, quoting and blank lines stay byte for byte; the
/// result validates, lints clean, and a second `--fix` changes nothing.
#[test]
fn fix_keeps_yaml_comments_and_layout() {
    let scratch = Scratch::new("fix");
    let file = scratch.path("roadmap.yaml");
    std::fs::copy(root().join("tests/fixtures/lint/fix-input.yaml"), &file).unwrap();
    let expected = std::fs::read_to_string(root().join("tests/fixtures/lint/fix-expected.yaml")).unwrap();

    let out = run(&["lint", "--isolated", "--diff", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("-      - python    # redundant: numpy needs it\n"), "{}", stdout(&out));
    let out = run(&["lint", "--isolated", "--fix", &file]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    // `sklearn`'s two redundant entries are one finding.
    assert!(stdout(&out).contains("fixed 2 problems"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);

    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["lint", "--isolated", "--fail-on", "info", "--fix", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected, "a second --fix changes nothing");
}

#[test]
fn init_writes_a_lint_clean_roadmap_and_never_overwrites() {
    let scratch = Scratch::new("init");
    for name in ["new.roadmap.yaml", "new.json"] {
        let file = scratch.path(name);
        let out = run(&["init", "--title", "Data engineer: \"ETL\" #1", "--weeks", "16", "-o", &file]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let out = run(&["lint", "--isolated", "--fail-on", "info", &file]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stdout(&out));
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(text.contains("# "), name.ends_with(".yaml"), "comments in YAML only");
        let out = run(&["init", "--title", "Other", "--weeks", "2", "-o", &file]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "not overwritten");
    }
    let out = run(&["init", "--title", "One week", "--weeks", "1", "--yaml"]);
    assert!(stdout(&out).contains("id: one-week\n"));
    assert_eq!(run(&["init", "--title", "T", "--weeks", "0"]).status.code(), Some(2));
}

#[test]
fn init_refuses_a_schema_path_with_a_line_break_and_writes_nothing() {
    let scratch = Scratch::new("init-schema");
    for (name, yaml) in [("o.json", false), ("o.yaml", true)] {
        let file = scratch.path(name);
        let mut args = vec!["init", "--title", "x", "--weeks", "4", "--schema", "s.json\nextra: 1", "-o", &file];
        if yaml {
            args.push("--yaml");
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--schema") && stderr.contains("U+000A"), "{stderr}");
        assert!(!std::path::Path::new(&file).exists(), "{name}: nothing written");
    }
}

#[test]
fn convert_warns_about_dropped_comments_and_reports_bad_input() {
    let scratch = Scratch::new("convert");
    let file = scratch.path("c.yaml");
    std::fs::write(&file, "# heading\nid: r # trailing\n").unwrap();
    let out = run(&["convert", &file, "--to", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "{\n  \"id\": \"r\"\n}\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("comments"));
    let out = run(&["convert", &file, "--to", "yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "id: r\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the comments in"), "YAML to YAML warns too");

    std::fs::write(&file, "id: r\nid: s\n").unwrap();
    let out = run(&["convert", &file, "--to", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TM003"));
    assert_eq!(run(&["convert", "/no/such.yaml", "--to", "json"]).status.code(), Some(2));
}

#[test]
fn a_byte_order_mark_is_a_warning_and_an_error_under_strict() {
    let file = "tests/fixtures/malformed/bom.json";
    assert_eq!(run(&["validate", file]).status.code(), Some(0));
    let strict = run(&["validate", "--strict", file]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("error[TM012]"));
    let scratch = Scratch::new("bom");
    let config = scratch.path("trailmap.toml");
    std::fs::write(&config, "[lint.severity]\nTM012 = \"error\"\n").unwrap();
    let raised = run(&["lint", "--config", &config, file]);
    assert_eq!(raised.status.code(), Some(1), "{}", stdout(&raised));
    assert_eq!(run(&["lint", "--isolated", file]).status.code(), Some(0));
}

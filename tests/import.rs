//! End-to-end tests of `trailmap import`.

mod util;

use util::{root, run, stdout};

#[test]
fn markdown_import_golden() {
    let out = run(&["import", "markdown", "tests/fixtures/import/small.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("small.json", stdout(&out));
    insta::assert_snapshot!("small.stderr", String::from_utf8_lossy(&out.stderr));
    let json = run(&["import", "markdown", "tests/fixtures/import/small.md", "--report", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stderr).unwrap();
    assert_eq!(report["counts"]["not_placed"], 0);
    assert!(report["entries"].as_array().unwrap().iter().all(|e| e["line"].as_u64().unwrap() > 0));
}

#[test]
fn output_file_validates_and_uses_the_vocabulary() {
    let dir = std::env::temp_dir().join(format!("trailmap-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("out.json");
    let out = run(&[
        "import",
        "markdown",
        "crates/trailmap-import/tests/fixtures/seeds/ml-engineer-12-weeks.md",
        "--vocabulary",
        "roadmaps",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let validated = run(&["validate", out_path.to_str().unwrap()]);
    assert_eq!(validated.status.code(), Some(0), "{}", stdout(&validated));
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert!(text.contains("\"id\": \"pytorch\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn roadmap_sh_graphs_import() {
    let out = run(&["import", "roadmap-sh", "crates/trailmap-import/tests/fixtures/roadmapsh/small.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("\"x-roadmap-sh-node\": \"a\""));
    assert!(String::from_utf8_lossy(&out.stderr).contains("graph: e3 (edge to a node that is not in the graph)"));
    let bad = run(&["import", "roadmap-sh", "tests/fixtures/import/small.md"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn metacademy_folders_import_and_report_dangling_dependencies() {
    let out = run(&["import", "metacademy", "crates/trailmap-import/tests/fixtures/metacademy"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("concepts/linear_regression/dependencies.txt:3: probability_theory (dangling"), "{stderr}");
    assert!(!stdout(&out).contains("probability-theory"));
    let kept = run(&["import", "metacademy", "crates/trailmap-import/tests/fixtures/metacademy", "--keep-dangling"]);
    assert!(stdout(&kept).contains("\"id\": \"probability-theory\""));
    let file = run(&["import", "metacademy", "tests/fixtures/import/small.md"]);
    assert_eq!(file.status.code(), Some(2));
}

#[test]
fn bad_sources_exit_with_the_right_status() {
    assert_eq!(run(&["import", "markdown", "tests/fixtures/import/missing.md"]).status.code(), Some(2));
    assert_eq!(run(&["import", "markdown", "tests"]).status.code(), Some(2));
    let dir = std::env::temp_dir().join(format!("trailmap-import-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.md");
    std::fs::write(&bad, b"# T\n\xff\xfe").unwrap();
    let out = run(&["import", "markdown", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at line 2, column 1"));
    std::fs::remove_dir_all(&dir).unwrap();
    let _ = root();
}

#[test]
fn the_text_report_keeps_one_line_per_element_not_placed() {
    let dir = std::env::temp_dir().join(format!("trailmap-import-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("t.md");
    std::fs::write(&source, "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n").unwrap();
    let out = run(&["import", "markdown", source.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("\\u{a}"), "line breaks are ours, not escaped: {err}");
    assert!(err.lines().filter(|l| l.starts_with("  line ")).count() >= 2, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn yaml_output_holds_the_same_roadmap() {
    let dir = std::env::temp_dir().join(format!("trailmap-import-yaml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json_path = dir.join("small.json");
    let yaml_path = dir.join("small.roadmap.yaml");
    for (path, extra) in [(&json_path, None), (&yaml_path, None), (&dir.join("stdout.yaml"), Some("--yaml"))] {
        let mut args = vec!["import", "markdown", "tests/fixtures/import/small.md"];
        match extra {
            Some(flag) => args.push(flag),
            None => args.extend(["-o", path.to_str().unwrap()]),
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        if extra.is_some() {
            std::fs::write(path, &out.stdout).unwrap();
        }
    }
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    assert!(yaml.starts_with("id: ") && !yaml.contains('{'), "{yaml}");
    assert_eq!(std::fs::read_to_string(dir.join("stdout.yaml")).unwrap(), yaml);
    let from_json = run(&["next", json_path.to_str().unwrap(), "--format", "json"]);
    let from_yaml = run(&["next", yaml_path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(from_yaml.status.code(), Some(0), "{}", String::from_utf8_lossy(&from_yaml.stderr));
    assert_eq!(stdout(&from_json), stdout(&from_yaml));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_output_never_replaces_the_source() {
    let dir = std::env::temp_dir().join(format!("trailmap-import-self-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("src.md");
    let markdown = "# T\n\n## Basics\n\n- Python\n";
    std::fs::write(&source, markdown).unwrap();
    let link = dir.join("link.json");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&source, &link).unwrap();
    let hard = dir.join("hard.json");
    std::fs::hard_link(&source, &hard).unwrap();
    let spelled = dir.join(".").join("src.md");
    let mut outs = vec![&source, &hard, &spelled];
    if cfg!(unix) {
        outs.push(&link);
    }
    for out_path in outs {
        let out = run(&["import", "markdown", source.to_str().unwrap(), "-o", out_path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", out_path.display());
        assert!(String::from_utf8_lossy(&out.stderr).contains("is the source itself"), "{}", out_path.display());
        assert_eq!(std::fs::read_to_string(&source).unwrap(), markdown);
    }
    let elsewhere = dir.join("out.json");
    let out = run(&["import", "markdown", source.to_str().unwrap(), "-o", elsewhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn quiet_silences_the_summary_and_bad_arguments_are_usage_errors() {
    let small = "tests/fixtures/import/small.md";
    let quiet = run(&["-q", "import", "markdown", small]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    let json = run(&["-q", "import", "markdown", small, "--report", "json"]);
    assert!(String::from_utf8_lossy(&json.stderr).contains("\"entries\""), "a JSON report is asked for");
    for id in ["Bad ID!", ""] {
        let out = run(&["import", "markdown", small, "--id", id]);
        assert_eq!(out.status.code(), Some(2), "--id {id:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--id") && !err.contains("a bug"), "{err}");
    }
    let graph = "crates/trailmap-import/tests/fixtures/roadmapsh/small.json";
    let missing = run(&["import", "roadmap-sh", graph, "--content", "tests/fixtures/import/nonexist"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn unreadable_parts_of_folder_sources() {
    let dir = std::env::temp_dir().join(format!("trailmap-import-folders-{}", std::process::id()));
    // A folder named like a topic file is skipped with a report entry.
    let content = dir.join("content");
    std::fs::create_dir_all(content.join("x@c.md")).unwrap();
    std::fs::write(content.join("git@a.md"), "# Git\n\nVersion control.\n").unwrap();
    let graph = "crates/trailmap-import/tests/fixtures/roadmapsh/small.json";
    let out = run(&["import", "roadmap-sh", graph, "--content", content.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x@c.md"));
    // A Metacademy title.txt that is a folder cannot be read: an I/O error.
    let concepts = dir.join("mc/concepts/vectors");
    std::fs::create_dir_all(concepts.join("title.txt")).unwrap();
    let out = run(&["import", "metacademy", dir.join("mc").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

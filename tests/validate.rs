//! `trailmap validate` end to end: exit codes, locations, formats.

mod util;

use util::{Scratch, relative, root, run, stdout};

/// Every fixture under `tests/fixtures/invalid` reports exactly its
/// snapshot's diagnostics (code, line:col, message) and exits 1.
#[test]
fn invalid_fixtures_match_their_snapshots() {
    insta::glob!("fixtures/invalid/*.json", |path| {
        let path = relative(path);
        let out = run(&["validate", "--format", "concise", &path]);
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stdout(&out));
        insta::assert_snapshot!(stdout(&out));
    });
}

/// A UTF-8 byte-order mark is a warning (TM012), an error under `--strict`.
#[test]
fn a_byte_order_mark_is_a_warning_unless_strict() {
    let path = "tests/fixtures/warnings/bom.json";
    let out = run(&["validate", "--format", "concise", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), format!("{path}:1:1: warning[TM012] file starts with a UTF-8 byte-order mark\n"));
    let out = run(&["validate", "--strict", "--format", "concise", path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[TM012]"), "{}", stdout(&out));
}

#[test]
fn the_four_problems_are_reported_together_rustc_style() {
    let out = run(&["validate", "tests/fixtures/invalid/four-problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for code in ["TM007", "TM005", "TM002", "TM003"] {
        assert!(text.contains(&format!("error[{code}]")), "{code} missing:\n{text}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn json_format_is_an_array_of_located_diagnostics() {
    let out = run(&["validate", "--format", "json", "tests/fixtures/invalid/four-problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 4);
    for item in items {
        for key in
            ["file", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "pointer"]
        {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    let cycle = items.iter().find(|d| d["code"] == "TM007").unwrap();
    assert_eq!((cycle["line"].as_u64(), cycle["column"].as_u64()), (Some(8), Some(67)));
    assert_eq!(cycle["pointer"], "/skills/1/prerequisites/1");
}

#[test]
fn valid_files_and_directories_exit_zero() {
    let out = run(&["validate", "tests/fixtures/valid/minimal.json", "tests/fixtures/valid/small.json", "roadmaps"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("checked 7 files: no problems"), "{}", stdout(&out));
    // Walking, a file is a roadmap by its name, its folder or its `$schema`:
    // `small.json` names the schema, `minimal.json` does not.
    let out = run(&["validate", "tests/fixtures/valid"]);
    assert!(stdout(&out).contains("checked 1 file: no problems"), "{}", stdout(&out));
}

#[test]
fn missing_paths_directories_and_fifos_are_io_errors() {
    let out = run(&["validate", "does/not/exist.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does/not/exist.json"));

    #[cfg(unix)]
    {
        let dir = std::env::temp_dir().join(format!("trailmap-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe.json");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
        if made {
            let out = run(&["validate", fifo.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(run(&["validate"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "--format", "xml", "roadmaps"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "--max-size", "12Q", "roadmaps"]).status.code(), Some(2));
}

#[test]
fn oversized_input_is_a_located_finding() {
    let out = run(&["validate", "--max-size", "100", "--format", "concise", "tests/fixtures/valid/small.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("tests/fixtures/valid/small.json:1:1: error[TM009]"), "{}", stdout(&out));
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), std::fs::read_to_string(root().join("schemas/roadmap.schema.json")).unwrap());
    let out = run(&["schema", "progress"]);
    assert_eq!(stdout(&out), std::fs::read_to_string(root().join("schemas/progress.schema.json")).unwrap());
}

/// The source line under a diagnostic: carets stay under the region when
/// the line holds wide characters or a zero-width space (shown escaped).
#[test]
fn carets_stay_aligned_under_wide_and_zero_width_characters() {
    for file in ["ids-zero-width.json", "crlf-and-wide-chars.json"] {
        let out = run(&["validate", &format!("tests/fixtures/malformed/{file}")]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        insta::assert_snapshot!(file, stdout(&out));
    }
}

/// A value of the wrong type is described in words that agree with its size.
#[test]
fn a_wrong_type_is_described_by_its_size() {
    let scratch = Scratch::new("validate-type");
    for (value, described) in
        [(r#"[]"#, "an empty array"), (r#"["x"]"#, "an array of 1 item"), (r#"["x", "y"]"#, "an array of 2 items")]
    {
        let file =
            scratch.write("r.json", &format!(r#"{{"id": "r", "title": {value}, "version": "1.0.0", "skills": []}}"#));
        let out = run(&["validate", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains(&format!("expected a string, found {described}\n")), "{}", stdout(&out));
    }
}

/// A file that is not UTF-8 shows its line, the bad byte as U+FFFD with
/// the caret under it, in every command that reads a roadmap.
#[test]
fn the_line_of_a_bad_byte_is_shown_with_the_caret_under_it() {
    let file = "tests/fixtures/invalid/invalid-utf8.json";
    let shown = "1 | {\"id\": \"x\", \"title\": \"X\u{fffd}\", \"version\": \"1.0.0\", \"skills\": []}\n  |                        ^\n";
    for args in [&["validate", file][..], &["lint", file], &["next", file], &["render", file]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        assert!(text.contains(shown), "{args:?}: {text}");
    }
}

/// What people write in JSON that JSON does not have is named as such,
/// with help that says what to write instead.
#[test]
fn comments_single_quotes_and_lone_surrogates_get_their_own_help() {
    for (file, help) in [
        ("syntax-comment.json", "= help: JSON has no comments: remove it"),
        ("syntax-single-quotes.json", "= help: write \"…\" for '…'"),
        ("syntax-lone-surrogate.json", "must be followed by one from DC00 to DFFF (a surrogate pair)"),
    ] {
        let out = run(&["validate", &format!("tests/fixtures/invalid/{file}")]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(stdout(&out).contains(help), "{file}: {}", stdout(&out));
    }
}

//! `trailmap lint` and `trailmap rule` end to end: every rule on its
//! fixtures, fixes, configuration, suppressions and every output format.

mod util;

use util::{Scratch, relative, root, run, run_in, stdout};

/// Each rule fires on its `bad` fixture (snapshot lines with line:col) and
/// not on its `good` one. All rules run, so rules are also checked against
/// each other's fixtures for noise.
#[test]
fn every_rule_fires_on_its_fixture_and_only_there() {
    let mut rules = 0;
    insta::glob!("fixtures/lint/rules/*/{bad,bad.json}", |path| {
        rules += 1;
        let bad = relative(path);
        let base = relative(path.parent().unwrap());
        let code = base.rsplit('/').next().unwrap().to_owned();
        let good = bad.replace("/bad", "/good");
        let out = run(&[&["lint", "--isolated", "--format", "concise"][..], &files_of(&bad)].concat());
        assert_ne!(out.status.code(), Some(2), "{bad}");
        let tag = format!("[{code}]");
        let lines: String = stdout(&out).lines().filter(|l| l.contains(&tag)).map(|l| format!("{l}\n")).collect();
        assert!(!lines.is_empty(), "{code} did not fire on {bad}:\n{}", stdout(&out));
        insta::assert_snapshot!(lines);

        let out = run(&[&["lint", "--isolated", "--format", "concise"][..], &files_of(&good)].concat());
        assert!(!stdout(&out).contains(&tag), "{code} fired on {good}:\n{}", stdout(&out));
    });
    assert!(rules >= 17, "{rules} rule fixtures");
}

/// A fixture file, or the files of a fixture folder (cross-file rules),
/// named explicitly: their names are not roadmap names.
fn files_of(path: &str) -> Vec<&'static str> {
    let full = root().join(path);
    if !full.is_dir() {
        return vec![Box::leak(path.to_owned().into_boxed_str())];
    }
    let mut files: Vec<&'static str> = std::fs::read_dir(&full)
        .unwrap()
        .map(|e| &*Box::leak(format!("{path}/{}", e.unwrap().file_name().to_string_lossy()).into_boxed_str()))
        .collect();
    files.sort();
    files
}

#[test]
fn bundled_roadmaps_lint_clean() {
    let out = run(&["lint", "--fail-on", "info", "roadmaps/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("checked 5 files: no problems"));
}

#[test]
fn fix_removes_redundant_prerequisites_and_touches_nothing_else() {
    let dir = std::env::temp_dir().join(format!("trailmap-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("roadmap.json");
    std::fs::copy(root().join("tests/fixtures/lint/fix-input.json"), &file).unwrap();
    let path = file.to_str().unwrap();

    // --diff shows the change, writes nothing, exits 1.
    let out = run(&["lint", "--isolated", "--diff", path]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(diff.contains("-        \"python\",\n"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(root().join("tests/fixtures/lint/fix-input.json")).unwrap()
    );

    let out = run(&["lint", "--isolated", "--fix", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Three redundant entries, two of them in one skill: two findings.
    assert!(stdout(&out).contains("fixed 2 problems"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(root().join("tests/fixtures/lint/fix-expected.json")).unwrap()
    );
    // The fixed file lints clean.
    let out = run(&["lint", "--isolated", "--fail-on", "info", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_formats_match_their_snapshots() {
    let file = "tests/fixtures/lint/rules/TM107/bad.json";
    for format in ["concise", "json", "github", "full"] {
        let out = run(&["lint", "--isolated", "--format", format, file]);
        insta::assert_snapshot!(format!("output_format_{format}"), stdout(&out));
    }
    let out = run(&["lint", "--isolated", "--format", "json", file]);
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &items[0];
    for key in
        ["file", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "pointer", "fix"]
    {
        assert!(d.get(key).is_some(), "{key} missing");
    }
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    // The official schema's `language` pattern (on `run` and
    // `toolComponent`) has a stray `]` that Rust regex engines refuse;
    // trailmap never emits `language`, so that pattern is dropped before
    // compiling. Everything else is as published.
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"];
        assert_eq!(language["pattern"], "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        language.as_object_mut().unwrap().remove("pattern");
    }
    let validator = jsonschema::options().should_validate_formats(false).build(&schema).unwrap();
    for file in [
        "tests/fixtures/lint/rules/TM107/bad.json",
        "tests/fixtures/lint/hostile/hostile.json",
        "tests/fixtures/invalid/four-problems.json",
        "roadmaps/",
    ] {
        let out = run(&["lint", "--isolated", "--format", "sarif", file]);
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}"));
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        let run0 = &log["runs"][0];
        assert_eq!(run0["tool"]["driver"]["name"], "trailmap");
        assert_eq!(run0["columnKind"], "unicodeCodePoints");
        for result in run0["results"].as_array().unwrap() {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1);
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/'), "uri relative to the working directory: {uri}");
            let rule = result["ruleId"].as_str().unwrap();
            assert!(run0["tool"]["driver"]["rules"].as_array().unwrap().iter().any(|r| r["id"] == rule));
        }
    }
}

#[test]
fn hostile_names_cannot_break_out_of_a_github_annotation() {
    let out = run(&["lint", "--isolated", "--format", "github", "tests/fixtures/lint/hostile/hostile.json"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        // One annotation per line, each line exactly one command whose
        // properties are the six we wrote: nothing from the file got into
        // the property list or started a new line.
        let rest = ["::error ", "::warning ", "::notice "].iter().find_map(|p| line.strip_prefix(p));
        let rest = rest.unwrap_or_else(|| panic!("not an annotation: {line}"));
        let (properties, _message) = rest.split_once("::").unwrap();
        let keys: Vec<&str> = properties.split(',').map(|kv| kv.split('=').next().unwrap()).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"], "{line}");
        assert!(!line.contains('\r') && !line.contains('\u{1b}'));
    }
    let json = run(&["lint", "--isolated", "--format", "json", "tests/fixtures/lint/hostile/hostile.json"]);
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), lines.len(), "one annotation per diagnostic");
    // The terminal format escapes control characters.
    let full = stdout(&run(&["lint", "--isolated", "tests/fixtures/lint/hostile/hostile.json"]));
    assert!(!full.contains('\u{1b}'), "{full}");
}

#[test]
fn github_format_is_chosen_in_github_actions() {
    let out = run_in(
        &root(),
        &["lint", "--isolated", "tests/fixtures/lint/rules/TM107/bad.json"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert!(
        stdout(&out).starts_with("::warning file=tests/fixtures/lint/rules/TM107/bad.json,line=6,col=59,"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn configuration_is_discovered_and_applied() {
    let dir = root().join("tests/fixtures/lint/config");
    let out = run_in(&dir, &["lint", "--format", "concise", "roadmaps"], &[]);
    let text = stdout(&out);
    // fail-on = warning: the warnings fail the run.
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.contains("TM105"), "phase-gap is ignored:\n{text}");
    assert!(text.contains("roadmaps/new.json:7:13: error[TM103]"), "TM103 raised to error:\n{text}");
    assert!(text.contains("roadmaps/new.json:2:9: warning[TM108]"), "{text}");
    assert!(
        !text.contains("roadmaps/legacy-1.json:2:9: warning[TM108]"),
        "override ignores TM108 for legacy files:\n{text}"
    );
    // Found by walking up from a nested path, too.
    let out = run_in(&dir.join("roadmaps"), &["lint", "--format", "concise", "new.json"], &[]);
    assert!(!stdout(&out).contains("TM105"));
    // --isolated ignores it.
    let out = run_in(&dir, &["lint", "--isolated", "--format", "concise", "roadmaps/new.json"], &[]);
    assert!(stdout(&out).contains("TM105"));
    assert_eq!(out.status.code(), Some(0), "warnings do not fail by default");
    // --exit-zero reports without failing.
    let out = run_in(&dir, &["lint", "--exit-zero", "roadmaps"], &[]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn cli_selection_and_usage_errors() {
    let file = "tests/fixtures/lint/rules/TM108/bad.json";
    let out = run(&["lint", "--isolated", "--format", "concise", "--select", "TM102", file]);
    assert_eq!(stdout(&out), "");
    let out = run(&["lint", "--isolated", "--format", "concise", "--ignore", "id-not-kebab-case", file]);
    assert!(!stdout(&out).contains("TM108"));
    let out = run(&["lint", "--isolated", "--select", "TM999", file]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["lint", "--isolated", "--select", "redundant-prerequsite", file]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `redundant-prerequisite`?"));
    let bad_config = std::env::temp_dir().join(format!("trailmap-bad-config-{}.toml", std::process::id()));
    std::fs::write(&bad_config, "[lint]\nignroe = [\"TM101\"]\n").unwrap();
    let out = run(&["lint", "--config", bad_config.to_str().unwrap(), file]);
    assert_eq!(out.status.code(), Some(2), "a config error is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ignroe"));
    let _ = std::fs::remove_file(&bad_config);
    assert_eq!(run(&["lint", "--isolated", "no/such/file.json"]).status.code(), Some(2));
}

#[test]
fn validation_errors_come_out_of_lint_with_their_codes() {
    let out = run(&["lint", "--isolated", "--format", "concise", "tests/fixtures/invalid/four-problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for code in ["TM007", "TM005", "TM002", "TM003"] {
        assert!(text.contains(code), "{code}:\n{text}");
    }
}

#[test]
fn rule_command_prints_documentation() {
    let out = run(&["rule", "TM107"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out)
            .starts_with("TM107 redundant-prerequisite (default: warning, fixable with --fix)\n\n## What it does")
    );
    let out = run(&["rule", "--all", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rules.as_array().unwrap().len() >= 28);
    assert!(rules.as_array().unwrap().iter().all(|r| r["documentation"].as_str().is_some_and(|d| !d.is_empty())));
    assert_eq!(run(&["rule", "TM999"]).status.code(), Some(2));
}

/// A code that breaks the model (here a duplicate key, TM003) cannot be
/// turned off: ignoring it used to hide both the problem and the fact that
/// no lint rule ran, and exit 0 with no output.
#[test]
fn ignoring_a_code_that_breaks_the_model_does_not_hide_it() {
    let file = "tests/fixtures/malformed/duplicate-keys.json";
    for flag in ["TM003", "duplicate-key", "ALL"] {
        let out = run(&["lint", "--isolated", "--format", "concise", "--ignore", flag, file]);
        assert_eq!(out.status.code(), Some(1), "--ignore {flag}:\n{}", stdout(&out));
        assert!(stdout(&out).contains("[TM003]"), "--ignore {flag}:\n{}", stdout(&out));
    }
}

/// Without `--fix`, `--diff` or SARIF, `lint` writes each file's findings
/// as soon as the file is finished: in every such format, on many files
/// (every rule's `bad` fixture, folders of the cross-file rule included,
/// and the bundled roadmaps, in the order given), the report is what the
/// library writes for the whole run collected, and so is the exit code.
#[test]
fn the_report_printed_as_linted_is_the_whole_runs() {
    let mut files: Vec<&'static str> = Vec::new();
    let mut bad: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/lint/rules"))
        .unwrap()
        .map(|e| format!("tests/fixtures/lint/rules/{}/bad", e.unwrap().file_name().to_string_lossy()))
        .collect();
    bad.sort();
    for fixture in &bad {
        let json = format!("{fixture}.json");
        files.extend(if root().join(&json).exists() { files_of(&json) } else { files_of(fixture) });
    }
    let mut bundled: Vec<String> = std::fs::read_dir(root().join("roadmaps"))
        .unwrap()
        .map(|e| format!("roadmaps/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    bundled.sort();
    files.extend(bundled.iter().map(|f| &*Box::leak(f.clone().into_boxed_str())));
    let sources: Vec<trailmap_lint::SourceFile> = files
        .iter()
        .map(|f| trailmap_lint::SourceFile::new(*f, std::fs::read_to_string(root().join(f)).unwrap()))
        .collect();
    let whole = trailmap_lint::lint(&sources, &trailmap_lint::config::Config::default());
    assert!(whole.len() > 40, "{} findings", whole.len());
    for (format, expected) in [
        ("concise", trailmap_lint::emit::concise(&whole)),
        ("json", trailmap_lint::emit::json(&whole)),
        ("github", trailmap_lint::emit::github(&whole)),
    ] {
        let out = run(&[&["lint", "--isolated", "--format", format][..], &files].concat());
        assert_eq!(stdout(&out), expected, "--format {format}");
        assert_eq!(out.status.code(), Some(1), "--format {format}");
    }
}

/// `c` needs `a` directly and through `b`: one fixable TM107.
const FIXABLE: &str = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
  {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}
"#;

/// `--diff` prints a patch, and its exit status still says whether the
/// files are clean: a file that does not parse (no fix) or a problem no
/// fix removes fails the run, as without `--diff`; `--exit-zero` wins.
#[test]
fn diff_fails_on_what_it_cannot_fix_and_honours_exit_zero() {
    let dir = Scratch::new("lint-diff-exit");
    let broken = dir.write("broken.json", "{ bad\n").to_str().unwrap().to_owned();
    let unknown = dir.write(
        "unknown.json",
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A", "prerequisites": ["nope"]}]}"#,
    )
    .to_str()
    .unwrap()
    .to_owned();
    let fixable = dir.write("fixable.json", FIXABLE).to_str().unwrap().to_owned();
    for file in [&broken, &unknown] {
        let out = run(&["lint", "--isolated", "--diff", file]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(out.stdout.is_empty(), "no patch: {}", stdout(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("1 problem remains that no fix removes"), "{err}");
        assert_eq!(run(&["lint", "--isolated", "--diff", "--exit-zero", file]).status.code(), Some(0), "{file}");
    }
    let out = run(&["lint", "--isolated", "--diff", &fixable]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("-  {\"id\": \"c\""), "{}", stdout(&out));
    assert_eq!(run(&["lint", "--isolated", "--diff", "--exit-zero", &fixable]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&fixable).unwrap(), FIXABLE, "--diff writes nothing");
}

/// The codes that mean a file is not a roadmap at all stay errors: lowered
/// to a note in trailmap.toml, a file that does not parse passed.
#[test]
fn configuration_cannot_lower_a_file_that_does_not_parse() {
    let dir = Scratch::new("lint-breaking");
    dir.write("trailmap.toml", "[lint.severity]\nTM001 = \"info\"\nTM002 = \"off\"\n");
    dir.write("syntax.roadmap.json", "{ broken\n");
    dir.write("schema.roadmap.json", r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a"}]}"#);
    let out = run_in(&dir.0, &["lint", "--format", "concise", "."], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("syntax.roadmap.json:1:3: error[TM001]"), "{text}");
    assert!(text.contains("schema.roadmap.json:1:58: error[TM002]"), "{text}");
}

/// A file `--fix` cannot write keeps its findings in the report, and the
/// run says nothing was fixed in it. Writing is refused with the file made
/// immutable (`chattr +i`; as root a mode is no bar): where the file
/// system has no such flag, the test has nothing to try.
#[cfg(target_os = "linux")]
#[test]
fn findings_of_a_file_fix_could_not_write_stay_reported() {
    let dir = Scratch::new("lint-unwritten");
    let locked = dir.write("locked.json", FIXABLE).to_str().unwrap().to_owned();
    let other = dir.write("other.json", FIXABLE).to_str().unwrap().to_owned();
    let chattr = |flag: &str| std::process::Command::new("chattr").args([flag, &locked]).status();
    if !chattr("+i").is_ok_and(|s| s.success()) {
        eprintln!("chattr +i is not available here: nothing to try");
        return;
    }
    let out = run(&["lint", "--isolated", "--fix", &locked, &other]);
    let _ = chattr("-i");
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("locked.json:3:46\n"), "{text}");
    assert!(!text.contains("other.json:"), "the other file was fixed: {text}");
    assert!(text.contains("checked 2 files: 1 warning\nfixed 1 problem"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), FIXABLE);
    assert_ne!(std::fs::read_to_string(&other).unwrap(), FIXABLE);
}

/// `--quiet` prints the findings and nothing else: no count, and no word
/// on what is fixable or was fixed.
#[test]
fn quiet_prints_findings_only() {
    let dir = Scratch::new("lint-quiet");
    let file = dir.write("r.json", FIXABLE).to_str().unwrap().to_owned();
    let out = run(&["-q", "lint", "--isolated", &file]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("warning[TM107]"), "{text}");
    assert!(!text.contains("checked") && !text.contains("fixable"), "{text}");
    let out = run(&["-q", "lint", "--isolated", "--fix", &file]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

/// A large roadmap written on one line, whose text `lint` lets go of while
/// its rules run and reads again for its findings, between two small ones:
/// the full report shows every finding at its line with its snippet, the
/// same as the library's drawn from texts held throughout.
#[test]
fn a_large_files_findings_are_drawn_from_its_text_read_again() {
    let skills: Vec<String> = (0..5_000)
        .map(|i| match i {
            0 => r#"{"id": "s0", "name": "Topic 0"}"#.to_owned(),
            1 => r#"{"id": "s1", "name": "Topic 1", "prerequisites": ["s0"]}"#.to_owned(),
            // Every hundredth skill needs `s0` again, through `s1` already.
            _ if i % 100 == 0 => format!(r#"{{"id": "s{i}", "name": "Topic {i}", "prerequisites": ["s0", "s1"]}}"#),
            _ => format!(r#"{{"id": "s{i}", "name": "Topic {i}", "prerequisites": ["s{}"]}}"#, i - 1),
        })
        .collect();
    let large = format!(r#"{{"id": "big", "title": "Big", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
    assert!(large.len() > 300_000, "over the size of files linted in batches");
    let scratch = Scratch::new("lint-read-again");
    let names = ["a.json", "big.json", "z.json"];
    let texts = [FIXABLE, large.as_str(), FIXABLE];
    let sources: Vec<trailmap_lint::SourceFile> = names
        .iter()
        .zip(texts)
        .map(|(name, text)| {
            let path = scratch.write(name, text);
            trailmap_lint::SourceFile::new(path.display().to_string(), text)
        })
        .collect();
    let whole = trailmap_lint::lint(&sources, &trailmap_lint::config::Config::default());
    assert_eq!(whole.iter().filter(|d| d.file.ends_with("big.json")).count(), 49);
    let lookup = |name: &str| sources.iter().find(|f| f.name == name).map(|f| f.text.as_str());
    let args: Vec<&str> = sources.iter().map(|f| f.name.as_str()).collect();
    let out = run(&[&["lint", "--isolated", "--format", "full"][..], &args].concat());
    let report = stdout(&out);
    assert!(report.starts_with(&trailmap_lint::emit::full(&whole, &lookup, false)), "{report}");
    assert!(report.contains("big.json:1:6160\n"), "{report}");
    assert!(report.contains(r#"{"id": "s100", "name": "Topic 100", "prerequisites": ["s0", "s1"]}"#), "{report}");
}

/// TM109 hashes names with a base drawn once per process, so that no file
/// can be written whose names all share a hash. Its findings must not
/// depend on that base: six runs of the binary (six bases) and the
/// library in this process report the same groups, on names that fill
/// one token-key group of 2,000 (searched by deletion variants) and
/// repeat some names in other spellings.
#[test]
fn similar_names_do_not_depend_on_the_hash_base() {
    let word = |mut i: usize| {
        let mut word = String::new();
        for _ in 0..4 {
            word.push(b"bdkmprst"[i % 8] as char);
            word.push(b"aeiou"[i / 8 % 5] as char);
            i /= 40;
        }
        word
    };
    let skills: Vec<String> = (0..2_000usize)
        .map(|i| {
            let earlier = word((i - i % 5) * 7_919);
            let name = match i % 5 {
                // An earlier name with one letter replaced, or spelled apart.
                1 => format!("Topic {}u{}", &earlier[..3], &earlier[4..]),
                2 => format!("Topic {}-{}", &earlier[..2], &earlier[2..]),
                _ => format!("Topic {}", word(i * 7_919)),
            };
            format!(r#"{{"id": "s{i}", "name": "{name}"}}"#)
        })
        .collect();
    let text =
        format!(r#"{{"id": "names", "title": "Names", "version": "1.0.0", "skills": [{}]}}"#, skills.join(",\n"));
    let scratch = Scratch::new("lint-hash-base");
    let path = scratch.write("names.json", &text);
    let file = path.display().to_string();
    let reports: Vec<String> = (0..6)
        .map(|_| stdout(&run(&["lint", "--isolated", "--select", "TM109", "--format", "concise", &file])))
        .collect();
    let findings = reports[0].lines().filter(|line| line.contains("TM109")).count();
    assert!(findings > 200, "{}", reports[0]);
    assert!(reports.iter().all(|report| *report == reports[0]));
    let source = trailmap_lint::SourceFile::new(file.clone(), text.as_str());
    let config = trailmap_lint::config::Config::parse("[lint]\nselect = [\"TM109\"]", None).unwrap();
    let in_process = trailmap_lint::lint(std::slice::from_ref(&source), &config);
    assert_eq!(in_process.len(), findings);
}

//! Hostile and broken input, end to end through the binary: every file of
//! `tests/fixtures/malformed/` reports exactly the diagnostics (code and
//! line:col) and exit code its manifest says; generated inputs (every
//! truncation of a roadmap, 100,000-deep nesting, a 50 MB string, a million
//! skills, a 10,000-skill cycle) are refused or reported with a location;
//! directories, FIFOs and missing paths are I/O errors; and whatever names a
//! file holds, JSON, SARIF and GitHub output stay well formed.
//!
//! Nothing here measures time: the bounds measured on these inputs are in
//! the README's "Security" section.

mod util;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Output;

use proptest::prelude::*;
use serde_json::{Value, json};
use util::{root, run, stdout};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("trailmap-malformed-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The exit code, after checking that the process did not panic (101) or
/// die from a signal (stack overflow, out of memory).
fn exit(out: &Output, what: &str) -> i32 {
    let code = out.status.code().unwrap_or_else(|| panic!("{what}: killed by a signal: {:?}", out.status));
    assert_ne!(code, 101, "{what} panicked:\n{}", String::from_utf8_lossy(&out.stderr));
    code
}

fn json_output(out: &Output, what: &str) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: output is not JSON ({e}):\n{}", stdout(out)));
    value.as_array().unwrap_or_else(|| panic!("{what}: not an array")).clone()
}

/// `CODE line:col` for each diagnostic, in output order.
fn summary(items: &[Value]) -> Vec<String> {
    items.iter().map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["line"], d["column"])).collect()
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/malformed/manifest.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap().as_array().unwrap().clone()
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/malformed"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.json")
        .collect();
    names.sort();
    names
}

#[test]
fn every_fixture_reports_its_manifest_diagnostics_and_exit_code() {
    let entries = manifest();
    let names = fixture_names();
    assert!(names.len() >= 40, "{} fixtures", names.len());
    for name in &names {
        assert!(entries.iter().any(|e| e["file"] == name.as_str()), "{name} has no manifest entry");
    }
    for entry in &entries {
        let file = format!("tests/fixtures/malformed/{}", entry["file"].as_str().unwrap());
        let command = entry["command"].as_str().unwrap();
        let args: Vec<&str> = match command {
            "validate" => vec!["validate", "--format", "json", &file],
            // Style problems are warnings: fail on them to see them fail.
            "lint" => vec!["lint", "--isolated", "--fail-on", "warning", "--format", "json", &file],
            other => panic!("unknown command {other}"),
        };
        let out = run(&args);
        let what = format!("{command} {file}");
        assert_eq!(i64::from(exit(&out, &what)), entry["exit"].as_i64().unwrap(), "{what}: {}", stdout(&out));
        let items = json_output(&out, &what);
        let expected: Vec<&str> =
            entry["diagnostics"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        assert_eq!(summary(&items), expected, "{what}: {}", stdout(&out));
        for d in &items {
            assert!(d["line"].as_u64() >= Some(1) && d["column"].as_u64() >= Some(1), "{what}: {d}");
            assert_eq!(d["file"], file.as_str());
        }
    }
}

/// Every fixture, in every output format and through the learner
/// commands: never a crash, JSON and SARIF that parse, one GitHub
/// annotation per line, no control characters from the files on a terminal.
#[test]
fn every_fixture_is_safe_in_every_format_and_command() {
    let dir = "tests/fixtures/malformed/";
    let files = util::json_files(dir);
    let full = util::run_files(&["validate"], &files);
    assert_eq!(exit(&full, "validate full"), 1);
    let text = stdout(&full);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "control characters reached the terminal:\n{text}");
    assert!(text.contains("unknown property `\\u{1b}[31mred\\u{1b}[0m`"), "{text}");

    let json = util::run_files(&["lint", "--isolated", "--format", "json"], &files);
    assert_eq!(exit(&json, "lint json"), 1);
    let diagnostics = json_output(&json, "lint json").len();

    let sarif = util::run_files(&["lint", "--isolated", "--format", "sarif"], &files);
    assert_eq!(exit(&sarif, "lint sarif"), 1);
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF parses");
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), diagnostics);

    let github = util::run_files(&["lint", "--isolated", "--format", "github"], &files);
    assert_eq!(exit(&github, "lint github"), 1);
    let text = stdout(&github);
    assert_eq!(text.lines().count(), diagnostics, "one annotation per diagnostic, one line each");
    assert!(
        text.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );

    for name in fixture_names() {
        let file = format!("{dir}{name}");
        let out = run(&["next", &file, "--format", "json"]);
        let code = exit(&out, &format!("next {file}"));
        assert!(code <= 1, "next {file}: exit {code}");
    }
}

/// Cut a roadmap after every byte: each prefix is a syntax error located
/// on the line where the text stops (or, cut inside a multi-byte
/// character, invalid UTF-8 at that byte). All prefixes go through one run.
#[test]
fn every_truncation_of_a_roadmap_is_a_located_syntax_error() {
    let tmp = TempDir::new("truncated");
    let small = std::fs::read(root().join("tests/fixtures/valid/small.json")).unwrap();
    let large = std::fs::read(root().join("roadmaps/ml-engineer-12-weeks.json")).unwrap();
    let mut cases: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // Cutting only trailing whitespace leaves a valid document.
    let end = |text: &[u8]| text.trim_ascii_end().len();
    for n in 0..end(&small) {
        cases.insert(tmp.write(&format!("small-{n:05}.json"), &small[..n]), small[..n].to_vec());
    }
    // The large roadmap has multi-byte characters; cut it every 61 bytes.
    for n in (0..end(&large)).step_by(61) {
        cases.insert(tmp.write(&format!("large-{n:06}.json"), &large[..n]), large[..n].to_vec());
    }
    let truncated = util::json_files(tmp.0.to_str().unwrap());
    let out = util::run_files(&["validate", "--format", "json"], &truncated);
    assert_eq!(exit(&out, "validate truncations"), 1);
    let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for d in json_output(&out, "validate truncations") {
        by_file.entry(d["file"].as_str().unwrap().to_owned()).or_default().push(d);
    }
    let mut utf8_cuts = 0;
    for (file, bytes) in &cases {
        let found = by_file.get(file).unwrap_or_else(|| panic!("{file}: no diagnostic"));
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        let d = &found[0];
        match std::str::from_utf8(bytes) {
            Ok(_) => {
                assert_eq!(d["code"], "TM001", "{file}: {d}");
                let last_line = bytes[..bytes.len().saturating_sub(1)].iter().filter(|b| **b == b'\n').count() + 1;
                assert_eq!(d["line"].as_u64(), Some(last_line as u64), "{file}: {d}");
                assert!(d["column"].as_u64() >= Some(1));
            }
            Err(err) => {
                utf8_cuts += 1;
                assert_eq!(d["code"], "TM010", "{file}: {d}");
                assert_eq!(d["message"], format!("invalid UTF-8 at byte {}", err.valid_up_to()));
            }
        }
    }
    assert!(cases.len() > 3000);
    assert!(utf8_cuts <= 5, "most cuts fall between characters");
    // lint reads the same prefixes without crashing, JSON intact.
    let lint = util::run_files(&["lint", "--isolated", "--format", "json"], &truncated);
    assert_eq!(exit(&lint, "lint truncations"), 1);
    assert_eq!(json_output(&lint, "lint truncations").len(), cases.len());
}

#[test]
fn nesting_100000_deep_is_refused_at_the_parser_limit() {
    let tmp = TempDir::new("deep");
    let arrays = tmp.write("arrays.json", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    let objects = tmp.write("objects.json", format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000)));
    let unclosed = tmp.write("unclosed.json", "[{\"skills\":".repeat(50_000));
    // Each refused at its 129th bracket: 128 levels are read (README).
    for (file, column) in [(&arrays, 129), (&objects, 641), (&unclosed, 705)] {
        for command in [&["validate"][..], &["lint", "--isolated"]] {
            let out = run(&[command, &["--format", "json", file]].concat());
            assert_eq!(exit(&out, file), 1);
            let items = json_output(&out, file);
            assert_eq!(summary(&items), [format!("TM001 1:{column}")], "{command:?} {file}");
            assert_eq!(items[0]["message"], "invalid JSON: nested deeper than 128 levels");
        }
    }
    // YAML past its scanner's own limit (256 flow levels) is worded and
    // placed the same way.
    let arrays = tmp.write("arrays.yaml", format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)));
    let mappings = tmp.write("mappings.yaml", format!("{}1{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)));
    for (file, column) in [(&arrays, 129), (&mappings, 513)] {
        let out = run(&["validate", "--format", "json", file]);
        assert_eq!(exit(&out, file), 1);
        let items = json_output(&out, file);
        assert_eq!(summary(&items), [format!("TM001 1:{column}")], "{file}");
        assert_eq!(items[0]["message"], "invalid YAML: nested deeper than 128 levels");
    }
}

#[test]
fn a_50_mb_string_is_reported_with_a_short_message_or_refused_by_size() {
    let tmp = TempDir::new("string");
    let big = "a".repeat(50 * 1024 * 1024);
    let wrong_type = tmp.write(
        "type.json",
        format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "hours_per_week": "{big}", "skills": []}}"#),
    );
    let out = run(&["validate", "--format", "json", &wrong_type]);
    assert_eq!(exit(&out, "50 MB string"), 1);
    let items = json_output(&out, "50 MB string");
    assert_eq!(summary(&items), ["TM002 1:65"]);
    assert_eq!(items[0]["end_column"].as_u64(), Some(65 + big.len() as u64 + 2));
    assert!(items[0]["message"].as_str().unwrap().len() < 200, "the message quotes a preview, not 50 MB");

    let reference = tmp.write(
        "reference.json",
        format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{{"id": "a", "name": "A", "prerequisites": ["{big}"]}}]}}"#),
    );
    let out = run(&["validate", "--format", "concise", &reference]);
    assert_eq!(exit(&out, "50 MB reference"), 1);
    let text = stdout(&out);
    assert!(text.starts_with(&format!("{reference}:1:101: error[TM005] unknown skill `aaaa")), "{text:.200}");
    assert!(text.len() < 1000, "{} bytes of output", text.len());

    let out = run(&["validate", "--format", "concise", "--max-size", "10M", &reference]);
    assert_eq!(exit(&out, "50 MB over --max-size"), 1);
    assert!(
        stdout(&out).starts_with(&format!("{reference}:1:1: error[TM009] input is 52428906 bytes")),
        "{}",
        stdout(&out)
    );
}

/// One missing id referenced a million times: one "did you mean" search,
/// not a million, and each location found without rescanning the line.
/// (Concise output: the JSON for a million diagnostics is 380 MB.)
#[test]
fn a_million_skills_needing_one_missing_id() {
    let tmp = TempDir::new("million");
    let mut text = String::from(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": ["#);
    for i in 0..1_000_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(r#"{{"id":"s{i}","name":"S","prerequisites":["missing-skill"]}}"#));
    }
    text.push_str("]}");
    let file = tmp.write("million.json", &text);
    let out = run(&["validate", "--format", "concise", &file]);
    assert_eq!(exit(&out, "a million skills"), 1);
    let output = stdout(&out);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 1_000_000);
    let first = text.find("\"missing-skill\"").unwrap() + 1;
    assert_eq!(lines[0], format!("{file}:1:{first}: error[TM005] unknown skill `missing-skill`"));
    let last = text.rfind("\"missing-skill\"").unwrap() + 1;
    assert_eq!(lines[999_999], format!("{file}:1:{last}: error[TM005] unknown skill `missing-skill`"));
}

#[test]
fn a_10000_skill_cycle_is_one_located_diagnostic() {
    let tmp = TempDir::new("cycle");
    let skills: Vec<Value> = (0..10_000)
        .map(|i| json!({"id": format!("c{i}"), "name": "C", "prerequisites": [format!("c{}", (i + 1) % 10_000)]}))
        .collect();
    let roadmap = json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills});
    let file = tmp.write("cycle.json", serde_json::to_string_pretty(&roadmap).unwrap());
    for command in [&["validate"][..], &["lint", "--isolated"]] {
        let out = run(&[command, &["--format", "json", &file]].concat());
        assert_eq!(exit(&out, "10,000-skill cycle"), 1);
        let items = json_output(&out, "10,000-skill cycle");
        let cycles: Vec<&Value> = items.iter().filter(|d| d["code"] == "TM007").collect();
        assert_eq!(cycles.len(), 1, "{command:?}");
        assert_eq!(cycles[0]["pointer"], "/skills/0/prerequisites/0");
        assert_eq!((cycles[0]["line"].as_u64(), cycles[0]["column"].as_u64()), (Some(8), Some(9)));
        let message = cycles[0]["message"].as_str().unwrap();
        assert!(
            message.starts_with(
                "`c0` can never be learned: it requires `c1` (blocked: cycle of 10000 skills: `c0` → `c1` → `c2`"
            ),
            "{message:.100}"
        );
    }
}

/// A skill whose effort is absurd cannot make `schedule` pack a
/// terabyte of weeks: it is refused as a problem in the file.
#[test]
fn an_absurd_effort_cannot_exhaust_memory_in_schedule() {
    let tmp = TempDir::new("effort");
    let file = tmp.write(
        "effort.json",
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A", "effort_hours": 1e12}]}"#,
    );
    let out = run(&["schedule", &file, "--hours-per-week", "1", "--format", "json"]);
    assert_eq!(exit(&out, "schedule"), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the schedule would take 1000000000000 weeks, over the limit of 10000"), "{err}");
}

#[test]
fn directories_fifos_and_missing_paths_are_io_errors() {
    let tmp = TempDir::new("io");
    let dir = tmp.path("roadmap.json");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.to_str().unwrap();
    let valid = "tests/fixtures/valid/small.json";
    let missing = "tests/fixtures/malformed/does-not-exist.json";
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["validate", missing],
        vec!["lint", "--isolated", missing],
        vec!["next", missing],
        vec!["next", dir],
        vec!["plan", dir, "--goal", "x"],
        vec!["schedule", dir, "--hours-per-week", "5"],
        vec!["next", valid, "--progress", dir],
        vec!["next", valid, "--progress", missing],
        vec!["render", dir],
        vec!["diff", valid, dir],
        vec!["diff", missing, valid],
    ];
    let fifo = tmp.path("pipe.json");
    let fifo = fifo.to_str().unwrap().to_owned();
    #[cfg(unix)]
    {
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        assert!(made, "mkfifo");
        // Opening a FIFO for reading would block forever: it must be refused
        // before it is opened. A hang here fails the test run.
        for args in [
            vec!["validate", fifo.as_str()],
            vec!["lint", "--isolated", fifo.as_str()],
            vec!["next", fifo.as_str()],
            vec!["next", valid, "--progress", fifo.as_str()],
            vec!["render", fifo.as_str()],
            vec!["diff", valid, fifo.as_str()],
        ] {
            cases.push(args);
        }
    }
    for args in &cases {
        let out = run(args);
        let what = args.join(" ");
        assert_eq!(exit(&out, &what), 2, "{what}: {}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error"), "{what}: {err}");
    }
}

/// `$schema` and `$ref` URLs are never fetched: the run makes no network
/// access at all (in a network namespace without interfaces when `unshare`
/// is available, so a fetch would fail loudly), and nothing about fetching
/// or the referenced content appears in the output.
#[test]
fn schema_and_ref_urls_are_never_fetched() {
    let isolated = std::process::Command::new("unshare").args(["-n", "true"]).status().is_ok_and(|s| s.success());
    let binary = util::binary();
    for (file, expected) in [("schema-url.json", 0), ("ref-url.json", 1)] {
        let path = format!("tests/fixtures/malformed/{file}");
        for format in ["json", "full"] {
            let mut cmd = if isolated {
                let mut c = std::process::Command::new("unshare");
                c.arg("-n").arg(&binary);
                c
            } else {
                std::process::Command::new(&binary)
            };
            let out = cmd.args(["validate", "--format", format, &path]).current_dir(root()).output().unwrap();
            assert_eq!(exit(&out, &path), expected, "{path}");
            let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr)).to_lowercase();
            // The file's own text (URLs included) shows in snippets; words
            // of a fetch attempt, or the fetched file's content, must not.
            for word in ["fetch", "network", "resolv", "connect", "dns", "timed out", "root:x:0:0"] {
                assert!(!all.contains(word), "{path}: `{word}` in output:\n{all}");
            }
        }
    }
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::string::string_regex(
            "[\\x00-\\x1f\"\\\\/~%:,\\n\\r<>&`|*_\\[\\]#{}$\\u{202e}\\u{2028}\\u{feff}a-z]{0,24}"
        )
        .unwrap(),
        Just("::set-output name=x::1".to_owned()),
        Just("%0A::error file=x::pwned".to_owned()),
        Just("a\r\n::warning::two".to_owned()),
        Just("</script><img src=x onerror=alert(1)>".to_owned()),
        Just("\u{1b}]8;;https://evil\u{7}link\u{1b}]8;;\u{7}".to_owned()),
        Just("\"}]},{\"id\":\"injected".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any text in ids, names, titles, references and keys: JSON and SARIF
    /// output parse and carry the text through unchanged; GitHub output is
    /// one well-formed annotation per diagnostic.
    #[test]
    fn hostile_text_never_breaks_json_sarif_or_github_output(
        id in hostile(), name in hostile(), missing in hostile(), key in hostile(),
    ) {
        let tmp = TempDir::new("hostile");
        let mut skill = json!({"id": id, "name": name, "prerequisites": [missing.clone(), {"any_of": []}]});
        skill[format!("x{key}")] = json!(1);
        let roadmap = json!({"id": id, "title": name, "version": name, "skills": [skill.clone(), skill]});
        // A hostile file name too (no `/` or NUL: those cannot be in a name).
        let file_name: String = format!("{}.json", name.replace(['/', '\0'], "_"));
        let file = tmp.write(if file_name.len() < 200 { &file_name } else { "long.json" }, roadmap.to_string());

        let out = run(&["validate", "--format", "json", &file]);
        prop_assert_eq!(exit(&out, "validate json"), 1);
        let items = json_output(&out, "validate json");
        prop_assert!(!items.is_empty());
        for d in &items {
            prop_assert_eq!(d["file"].as_str(), Some(file.as_str()));
        }
        if trailmap::ids::problem(&id).is_some() {
            // An id outside the format is refused, naming the character.
            prop_assert!(items.iter().any(|d| d["message"].as_str().is_some_and(|m| m.starts_with("invalid id"))));
        } else if missing != id {
            prop_assert!(items.iter().any(|d| d["code"] == "TM005"), "{:?}", summary(&items));
        }

        let sarif = run(&["lint", "--isolated", "--format", "sarif", &file]);
        prop_assert_eq!(exit(&sarif, "lint sarif"), 1);
        let log: Value = serde_json::from_slice(&sarif.stdout).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let results = log["runs"][0]["results"].as_array().unwrap().len();

        let github = run(&["lint", "--isolated", "--format", "github", &file]);
        let text = stdout(&github);
        prop_assert_eq!(text.lines().count(), results);
        for line in text.lines() {
            let rest = ["::error ", "::warning ", "::notice "].iter().find_map(|p| line.strip_prefix(p));
            prop_assert!(rest.is_some(), "{:?}", line);
            let (properties, _) = rest.unwrap().split_once("::").unwrap();
            let keys: Vec<&str> = properties.split(',').map(|kv| kv.split('=').next().unwrap()).collect();
            prop_assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"]);
        }
        prop_assert!(!text.contains('\r'));

        let full = run(&["lint", "--isolated", &file]);
        let text = stdout(&full);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{:?}", text);
    }
}

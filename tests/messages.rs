//! Messages carry the file's own text; only the emitters escape it: the
//! terminal form makes control and bidirectional characters visible, the
//! JSON and SARIF outputs use JSON's escaping alone, and GitHub workflow
//! commands escape what would end them.

mod util;

use serde_json::Value;
use util::{run, stdout};

fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("trailmap-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// `café` as an id (not a valid id: TM002), and TM108 and TM112 findings
/// whose URL holds an escape sequence and non-ASCII text.
const ROADMAP: &str = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "café", "name": "Café"}
]}"#;
const LINTED: &str = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "Last_Skill", "name": "x", "resources": [{"title": "t", "url": "ftp://café.org/\u001b[31m"}]}
]}"#;

fn messages(args: &[&str], file: &str) -> Vec<String> {
    let mut all = args.to_vec();
    all.push(file);
    let out = run(&all);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    match v.get("runs") {
        Some(runs) => runs[0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["message"]["text"].as_str().unwrap().to_owned())
            .collect(),
        None => v.as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap().to_owned()).collect(),
    }
}

#[test]
fn non_ascii_ids_are_shown_as_written_in_every_format() {
    let file = scratch("cafe.json", ROADMAP);
    let expected = "invalid id \"café\": character 4 is U+00E9";
    for args in [&["validate", "--format", "json"][..], &["lint", "--format", "json"], &["lint", "--format", "sarif"]] {
        let messages = messages(args, &file);
        assert!(messages.iter().any(|m| m.starts_with(expected)), "{args:?}: {messages:?}");
    }
    for format in ["full", "concise", "github"] {
        let text = stdout(&run(&["validate", "--format", format, &file]));
        assert!(text.contains(expected), "{format}: {text}");
        assert!(!text.contains("\\u{e9}"), "{format}: {text}");
    }
}

#[test]
fn json_and_sarif_messages_hold_no_terminal_escapes() {
    let file = scratch("linted.json", LINTED);
    for args in [&["lint", "--format", "json"][..], &["lint", "--format", "sarif"]] {
        let messages = messages(args, &file);
        // TM112 carries the URL as written, escape character included (JSON
        // writes it as \u001b); the text `\u{1b}` is the terminal's escaping.
        let has = |start: &str| messages.iter().any(|m| m.starts_with(start));
        assert!(has("resource URL \"ftp://café.org/\u{1b}[31m\" is not https"), "{messages:?}");
        assert!(has("skill id \"Last_Skill\" is not kebab-case"), "{messages:?}");
        assert!(messages.iter().all(|m| !m.contains("\\u{")), "{messages:?}");
    }
    // The terminal forms neutralise the escape character and keep the rest.
    for format in ["full", "concise", "github"] {
        let text = stdout(&run(&["lint", "--format", format, &file]));
        assert!(!text.contains('\u{1b}'), "{format}: {text:?}");
        assert!(text.contains("ftp://café.org/\\u{1b}[31m"), "{format}: {text}");
    }
}

#[test]
fn colour_follows_the_environment_in_every_command_that_shows_diagnostics() {
    let broken = scratch("broken.json", "{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [}");
    let plain = [("NO_COLOR", "1")];
    let forced: [(&str, &str); 1] = [("CLICOLOR_FORCE", "1")];
    let commands: [&[&str]; 5] = [
        &["validate", &broken],
        &["lint", &broken],
        &["render", &broken],
        &["next", &broken],
        &["convert", &broken, "--to", "yaml"],
    ];
    for args in commands {
        let run_with = |env: &[(&str, &str)], extra: &[&str]| {
            let mut all = args.to_vec();
            all.extend(extra);
            let mut cmd = std::process::Command::new(util::binary());
            cmd.args(&all).current_dir(util::root()).env_remove("GITHUB_ACTIONS").env_remove("NO_COLOR");
            cmd.env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR").env("TERM", "xterm-256color");
            for (k, v) in env {
                cmd.env(k, v);
            }
            let out = cmd.output().unwrap();
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
        };
        let has_style = |text: &str| text.contains("\u{1b}[");
        assert!(run_with(&forced, &[]).contains("error[TM001]"), "{args:?}");
        assert!(has_style(&run_with(&forced, &[])), "{args:?}: CLICOLOR_FORCE");
        assert!(has_style(&run_with(&[], &["--color", "always"])), "{args:?}: --color always");
        assert!(!has_style(&run_with(&plain, &[])), "{args:?}: NO_COLOR");
        assert!(!has_style(&run_with(&[], &[])), "{args:?}: not a terminal");
        assert!(!has_style(&run_with(&[("TERM", "dumb")], &[])), "{args:?}: TERM=dumb");
        assert!(!has_style(&run_with(&forced, &["--color", "never"])), "{args:?}: --color never");
    }
}

//! The CI integrations as a user meets them: `action.yml`, the pre-commit
//! hooks and the README's workflow parse as YAML and have the structure
//! GitHub and pre-commit need; directory walks find roadmaps and nothing
//! else; an empty selection fails; one exit contract for every command;
//! SARIF and annotations name files as the repository does.

mod util;

use std::path::Path;

use saphyr::{LoadableYamlNode, Yaml};
use serde_json::Value;
use util::{Scratch, root, run, run_in, stdout};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn load_yaml(text: &str, what: &str) -> Yaml<'static> {
    let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
    let mut docs = Yaml::load_from_str(text).unwrap_or_else(|e| panic!("{what} is not YAML: {e}"));
    assert_eq!(docs.len(), 1, "{what}: one document");
    docs.remove(0)
}

fn get<'a>(node: &'a Yaml<'static>, key: &str) -> &'a Yaml<'static> {
    node.as_mapping_get(key).unwrap_or_else(|| panic!("no `{key}` in {node:?}"))
}

fn str_of<'a>(node: &'a Yaml<'static>, key: &str) -> &'a str {
    get(node, key).as_str().unwrap_or_else(|| panic!("`{key}` is not a string"))
}

#[test]
fn action_yml_is_a_composite_action_github_can_load() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let action = load_yaml(&text, "action.yml");
    for key in ["name", "description"] {
        assert!(!str_of(&action, key).is_empty());
    }
    let inputs = get(&action, "inputs").as_mapping().expect("inputs");
    assert!(inputs.len() >= 5);
    for (name, input) in inputs {
        let name = name.as_str().unwrap();
        assert!(!str_of(input, "description").is_empty(), "input `{name}` is described");
        // An input reaches scripts through `env`, never spliced into `run`.
        assert!(!text.contains(&format!("run: ${{{{ inputs.{name}")), "{name}");
    }
    for output in ["sarif-file", "errors", "warnings", "notes"] {
        let out = get(get(&action, "outputs"), output);
        assert!(!str_of(out, "description").is_empty());
        assert!(str_of(out, "value").contains("steps."), "{output}");
    }
    let runs = get(&action, "runs");
    assert_eq!(str_of(runs, "using"), "composite");
    let steps = get(runs, "steps").as_vec().expect("steps");
    let mut uses_cache = false;
    for step in steps {
        if let Some(script) = step.as_mapping_get("run") {
            assert!(!str_of(step, "shell").is_empty(), "every run step has a shell: {step:?}");
            let script = script.as_str().unwrap();
            assert!(!script.contains("${{ inputs."), "inputs go through the environment: {script}");
        } else {
            let uses = str_of(step, "uses");
            uses_cache |= uses.starts_with("actions/cache@");
        }
    }
    assert!(uses_cache, "the binary is cached");
    // The install builds the root package, which is the binary.
    assert!(text.contains("cargo install --locked --force --path \"$ACTION_PATH\""));
}

#[test]
fn pre_commit_hooks_select_roadmap_files_by_name() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = load_yaml(&text, ".pre-commit-hooks.yaml");
    let hooks = hooks.as_vec().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| str_of(h, "id")).collect();
    assert_eq!(ids, ["trailmap-lint", "trailmap-validate"]);
    for hook in hooks {
        assert_eq!(str_of(hook, "language"), "rust");
        // pre-commit names files itself: trailmap.toml's excludes apply
        // only with --force-exclude.
        assert!(str_of(hook, "entry").ends_with(" --force-exclude"), "{hook:?}");
        let files = str_of(hook, "files");
        assert!(files.contains(r"\.roadmap\.") && files.contains("roadmaps/"), "{files}");
        assert_ne!(files, r"\.json$", "not every JSON file");
    }
    // pre-commit's `language: rust` runs `cargo install --path .` here.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(
        manifest.starts_with('#') && manifest.contains("\n[package]\n") && manifest.contains("name = \"trailmap\"")
    );
}

#[test]
fn the_readme_workflow_parses_and_uploads_sarif_after_findings() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```yaml\nname: roadmaps\n").expect("the workflow in the README") + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let workflow = load_yaml(&readme[start..end], "the README workflow");
    let job = get(get(&workflow, "jobs"), "lint");
    assert_eq!(str_of(get(job, "permissions"), "security-events"), "write");
    let steps = get(job, "steps").as_vec().unwrap();
    let upload = steps
        .iter()
        .find(|s| s.as_mapping_get("uses").and_then(Yaml::as_str).is_some_and(|u| u.contains("upload-sarif")))
        .expect("an upload step");
    assert!(str_of(upload, "if").contains("always()"), "upload even when the lint step failed");
    let annotating = steps.iter().any(|s| {
        s.as_mapping_get("if").and_then(Yaml::as_str).is_some_and(|c| c.contains("pull_request"))
            && s.as_mapping_get("with").and_then(|w| w.as_mapping_get("format")).and_then(Yaml::as_str)
                == Some("github")
    });
    assert!(annotating, "pull requests (forks included) get annotations");
}

/// A valid roadmap with one lint finding (an upper-case id, TM108), so the
/// report shows which files were linted.
fn roadmap(id: &str, schema: bool) -> String {
    let schema = if schema { r#""$schema": "https://example.invalid/schemas/roadmap.schema.json", "# } else { "" };
    format!(
        r#"{{ {schema}"id": "{id}", "title": "T", "version": "1.0.0", "skills": [{{ "id": "Python", "name": "Python" }}] }}"#
    )
}

#[test]
fn a_directory_walk_finds_roadmaps_and_nothing_else() {
    let repo = Scratch::new("ci-walk");
    repo.write("package.json", r#"{ "name": "site", "version": "1.0.0" }"#);
    repo.write("tsconfig.json", r#"{ "compilerOptions": {} }"#);
    repo.write(".vscode/settings.json", r#"{ "json.schemas": [] }"#);
    repo.write("node_modules/left-pad/package.json", r#"{ "name": "left-pad" }"#);
    repo.write("node_modules/x/roadmaps/bad.json", "not even JSON");
    repo.write(".gitignore", "/build-output/\n");
    repo.write("build-output/roadmaps/stale.json", "not even JSON");
    repo.write("target/roadmaps/stale.json", "not even JSON");
    repo.write("roadmaps/me.progress.json", r#"{ "skills": { "python": { "status": "done" } } }"#);
    repo.write("roadmaps/schemas/roadmap.schema.json", "{}");
    repo.write("roadmaps/one.json", &roadmap("one", false));
    repo.write("docs/two.roadmap.json", &roadmap("two", false));
    repo.write("data/three.json", &roadmap("three", true));
    repo.write("data/other.json", r#"{ "$schema": "https://json.schemastore.org/package.json" }"#);

    let out = run_in(&repo.0, &["lint", "--format", "json", "."], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut files: Vec<&str> = report.iter().map(|d| d["file"].as_str().unwrap()).collect();
    files.sort();
    files.dedup();
    assert_eq!(files, ["./data/three.json", "./docs/two.roadmap.json", "./roadmaps/one.json"], "{report:?}");
    assert!(report.iter().all(|d| d["code"] == "TM108"), "{report:?}");
    // The progress file was checked too, as a progress file.
    let out = run_in(&repo.0, &["validate", "."], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("checked 4 files: no problems"), "{}", stdout(&out));

    // trailmap.toml and the command line change the selection.
    repo.write("trailmap.toml", "extend-exclude = [\"data\"]\n");
    let out = run_in(&repo.0, &["validate", "."], &[]);
    assert!(stdout(&out).contains("checked 3 files"), "{}", stdout(&out));
    let out = run_in(&repo.0, &["validate", ".", "--extend-exclude", "docs"], &[]);
    assert!(stdout(&out).contains("checked 2 files"), "{}", stdout(&out));
    // A file named explicitly is checked, unless --force-exclude.
    let out = run_in(&repo.0, &["validate", "data/three.json"], &[]);
    assert!(stdout(&out).contains("checked 1 file"), "{}", stdout(&out));
    let out = run_in(&repo.0, &["validate", "--force-exclude", "data/three.json", "roadmaps/one.json"], &[]);
    assert!(stdout(&out).contains("checked 1 file"), "{}", stdout(&out));
    // A commit that touches only excluded files has nothing to check.
    for command in ["lint", "validate"] {
        let out = run_in(&repo.0, &[command, "--force-exclude", "data/three.json"], &[]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert!(stderr(&out).contains("every file named is excluded"), "{}", stderr(&out));
    }
    repo.write("trailmap.toml", "include = [\"*.json\"]\nexclude = []\n");
    let out = run_in(&repo.0, &["validate", "--format", "json", "."], &[]);
    assert_eq!(out.status.code(), Some(1), "everything is a roadmap now, package.json included");
    assert!(stdout(&out).contains("package.json"));
    // A bad configuration keeps the TOML parser's line breaks.
    repo.write("trailmap.toml", "include = [\"*.json\"\n");
    let out = run_in(&repo.0, &["validate", "."], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.lines().count() > 2 && !err.contains("\\u{a}"), "{err}");
}

/// A file reached several ways (named twice, through a folder above it,
/// by a symbolic or a hard link) is checked once, under the first name,
/// and `--fix` writes it once (its second write used to fail: the file had
/// changed since it was read).
#[cfg(unix)]
#[test]
fn a_file_reached_twice_is_checked_once() {
    let repo = Scratch::new("ci-twice");
    repo.write(
        "roadmaps/a.json",
        r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
  {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#,
    );
    std::os::unix::fs::symlink("a.json", repo.0.join("roadmaps/link.json")).unwrap();
    std::fs::hard_link(repo.0.join("roadmaps/a.json"), repo.0.join("roadmaps/hard.json")).unwrap();
    let args = ["lint", "--format", "json", "roadmaps", "roadmaps/a.json", "./roadmaps/link.json"];
    let out = run_in(&repo.0, &args, &[]);
    let report: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = report.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["roadmaps/a.json"], "{report:?}");
    let out = run_in(&repo.0, &["lint", "--fix", "roadmaps", "roadmaps/a.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("checked 1 file: no problems"), "{}", stdout(&out));
}

/// One configuration applies to a run; the `trailmap.toml` files it did
/// not use (another path's, or one met in a folder walked) are named.
#[test]
fn configurations_a_run_does_not_use_are_named() {
    let repo = Scratch::new("ci-configs");
    repo.write("p1/trailmap.toml", "[lint]\nignore = [\"TM108\"]\n");
    repo.write("p1/a.roadmap.json", &roadmap("one", false));
    repo.write("p2/trailmap.toml", "[lint]\nignore = [\"TM107\"]\n");
    repo.write("p2/b.roadmap.json", &roadmap("two", false));
    let out = run_in(&repo.0, &["lint", "p1", "p2"], &[]);
    assert_eq!(out.status.code(), Some(0), "p1's configuration: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("p2/trailmap.toml is not used") && err.contains("p1/trailmap.toml);"), "{err}");
    assert!(!err.contains("p1/trailmap.toml is not used"), "{err}");
    let out = run_in(&repo.0, &["lint", "."], &[]);
    let err = stderr(&out);
    assert!(err.contains("./p1/trailmap.toml is not used") && err.contains("./p2/trailmap.toml is not used"), "{err}");
    // Chosen on purpose: nothing to say.
    for args in [&["lint", "--isolated", "."][..], &["lint", "--config", "p1/trailmap.toml", "."]] {
        let out = run_in(&repo.0, args, &[]);
        assert!(!stderr(&out).contains("is not used"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn an_empty_selection_is_an_error() {
    let dir = Scratch::new("ci-empty");
    dir.write("notes/readme.json", "{}");
    for command in ["lint", "validate"] {
        let out = run_in(&dir.0, &[command, "."], &[]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(stderr(&out).contains("no roadmap files found under ."), "{}", stderr(&out));
        assert!(stderr(&out).contains("set `include` in trailmap.toml"), "{}", stderr(&out));
    }
}

#[test]
fn every_command_exits_1_on_an_invalid_roadmap() {
    let invalid = "tests/fixtures/invalid/four-problems.json";
    let valid = "tests/fixtures/valid/minimal.json";
    let dir = Scratch::new("ci-exit");
    let progress = dir.write("me.progress.json", r#"{ "skills": {} }"#);
    let progress = progress.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["validate", invalid],
        vec!["lint", "--isolated", invalid],
        vec!["next", invalid],
        vec!["plan", invalid, "--goal", "python"],
        vec!["schedule", invalid, "--hours-per-week", "5"],
        vec!["render", invalid],
        vec!["diff", valid, invalid],
        vec!["diff", invalid, valid],
        vec!["migrate-progress", "--from", valid, "--to", invalid, progress],
        vec!["convert", invalid, "--to", "yaml"],
        vec!["skills", invalid],
        vec!["progress", "done", "python", "--roadmap", invalid, "--progress", progress],
        vec!["import", "metacademy", "tests/fixtures/invalid"],
    ];
    for args in commands {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
    // Usage and I/O errors are 2 everywhere.
    for args in [vec!["validate", "missing.json"], vec!["next", "missing.json"], vec!["diff", valid, "missing.json"]] {
        assert_eq!(run(&args).status.code(), Some(2), "{args:?}");
    }
    // Nothing read is not "no problems".
    for command in ["validate", "lint"] {
        let out = run(&[command, "missing.json"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(!stdout(&out).contains("no problems"), "{command}: {}", stdout(&out));
    }
}

/// What `--help` and docs/diff.md say agrees with the rule above: an
/// invalid input is 1, never 2.
#[test]
fn help_and_docs_give_invalid_input_exit_1() {
    let commands = [
        "validate",
        "lint",
        "next",
        "plan",
        "schedule",
        "skills",
        "progress",
        "render",
        "diff",
        "migrate-progress",
        "convert",
        "import",
    ];
    for command in commands {
        let help = stdout(&run(&[command, "--help"]));
        let line = help.lines().find(|l| l.starts_with("Exit status:")).unwrap_or_default();
        let usage = line.split(", 2 ").nth(1).unwrap_or_default();
        assert!(!usage.contains("invalid"), "{command}: {line}");
    }
    let docs = std::fs::read_to_string(root().join("docs/diff.md")).unwrap();
    let row = |status: &str| docs.lines().find(|l| l.starts_with(&format!("| {status} |"))).unwrap_or_default();
    assert!(row("1").contains("an invalid roadmap") && !row("2").contains("invalid"), "{}\n{}", row("1"), row("2"));
    assert!(!docs.contains("the command exits 2"));
}

#[test]
fn validate_speaks_every_ci_format() {
    let invalid = "tests/fixtures/invalid/four-problems.json";
    let out = run(&["validate", "--format", "github", invalid]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).lines().all(|l| l.starts_with("::error file=tests/fixtures/invalid/four-problems.json,")));
    let out = run(&["validate", "--format", "sarif", invalid]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    let out = run(&["validate", "--format", "json", invalid]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
}

fn git(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git").args(args).current_dir(dir).output().is_ok_and(|o| o.status.success())
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root_from_any_folder() {
    let repo = Scratch::new("ci-sarif");
    if !git(&repo.0, &["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    repo.write("roadmaps/one.json", &roadmap("one", false));
    std::fs::create_dir_all(repo.0.join("docs/deep")).unwrap();
    let out = run_in(&repo.0.join("docs/deep"), &["lint", "--format", "sarif", "../../roadmaps/one.json"], &[]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "roadmaps/one.json", "{sarif}");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let base = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
    // The rule's help link names an anchor that docs/rules.md has.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let tm108 = rules.iter().find(|r| r["id"] == "TM108").unwrap();
    let anchor = tm108["helpUri"].as_str().unwrap().rsplit_once('#').unwrap().1;
    let docs = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    let heading = docs.lines().find(|l| l.starts_with("## TM108 ")).unwrap();
    assert_eq!(anchor, heading.trim_start_matches("## ").to_lowercase().replace(' ', "-"));
}

#[cfg(unix)]
#[test]
fn fixes_write_through_symbolic_links_and_keep_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("ci-symlink");
    let input = std::fs::read_to_string(root().join("tests/fixtures/lint/fix-input.json")).unwrap();
    let real = dir.write("shared/real.json", &input);
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.0.join("link.json");
    std::os::unix::fs::symlink("shared/real.json", &link).unwrap();
    let out = run(&["lint", "--isolated", "--fix", link.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    let expected = std::fs::read_to_string(root().join("tests/fixtures/lint/fix-expected.json")).unwrap();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), expected, "the real file is fixed");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);

    // A dangling link is refused with a clear message.
    let dangling = dir.0.join("dangling.json");
    std::os::unix::fs::symlink("missing.json", &dangling).unwrap();
    let out = run(&["lint", "--isolated", "--fix", dangling.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.0.join("missing.json").exists());
}

#[cfg(unix)]
#[test]
fn migrate_progress_writes_through_symbolic_links() {
    let dir = Scratch::new("ci-migrate-link");
    let real = dir.write("real.progress.json", r#"{ "skills": { "git": { "status": "done" } } }"#);
    let link = dir.0.join("me.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let old = "tests/fixtures/diff/skill-renamed/old.json";
    let new = "tests/fixtures/diff/skill-renamed/new.json";
    let out = run(&["migrate-progress", "--from", old, "--to", new, link.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

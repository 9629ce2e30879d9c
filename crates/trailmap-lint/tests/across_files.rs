//! Rules over every roadmap of a run see the roadmaps one at a time, each
//! freed once its file is done: what they report must not depend on the
//! models of earlier files still being there.

use trailmap::Diagnostic;
use trailmap_lint::config::Config;
use trailmap_lint::{SourceFile, lint};

fn roadmap(id: &str, skills: &str) -> String {
    format!(r#"{{"id": "{id}", "title": "R", "version": "1.0.0", "skills": [{skills}]}}"#)
}

fn said(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    diagnostics.iter().filter(|d| d.code == "TM115").map(|d| (d.file.to_string(), d.message.clone())).collect()
}

/// The first definition of an id wins, across a file that does not load
/// and a file that is named twice; each later one that differs is
/// reported in its own file.
#[test]
fn inconsistent_skills_against_the_first_definition() {
    let docker = |name: &str, description: &str| {
        format!(r#"{{"id": "docker", "name": "{name}", "description": "{description}"}}"#)
    };
    let files = [
        SourceFile::new("a.json", roadmap("a", &docker("Docker", "Containers."))),
        SourceFile::new("broken.json", roadmap("b", &docker("Docker broken", "Containers.")).replace('}', "")),
        SourceFile::new("c.json", roadmap("c", &docker("Docker basics", "Containers."))),
        SourceFile::new("a.json", roadmap("a", &docker("Docker", "Containers."))),
        SourceFile::new("d.json", roadmap("d", &docker("Docker", "Images and containers."))),
        SourceFile::new("e.json", roadmap("e", &docker("Docker", "Containers."))),
    ];
    let diagnostics = lint(&files, &Config::default());
    assert_eq!(
        said(&diagnostics),
        [
            ("c.json".to_owned(), r#"skill `docker` is named "Docker basics" here but "Docker" in a.json"#.to_owned()),
            ("d.json".to_owned(), "skill `docker` is described differently here than in a.json".to_owned()),
        ]
    );
    // One file alone has nothing to compare with.
    assert!(said(&lint(&files[2..3], &Config::default())).is_empty());
}

/// Small files are linted a batch at a time on several threads, a large
/// one (over 256 KiB) alone: the same findings, in the same order, on any
/// number of threads, and the first definition still wins across batches.
#[test]
fn batches_of_files_on_threads_as_on_one() {
    let padding = "x".repeat(300 << 10);
    let docker = |name: &str| format!(r#"{{"id": "docker", "name": "{name}"}}"#);
    let mut files = vec![SourceFile::new("first.json", roadmap("first", &docker("Docker")))];
    for k in 0..40 {
        let skills = format!(
            r#"{}, {{"id": "s{k}", "name": "Skill {k}", "prerequisites": ["docker", "docker"]}}"#,
            docker("Docker")
        );
        files.push(SourceFile::new(format!("small-{k}.json"), roadmap(&format!("r{k}"), &skills)));
    }
    let large = format!(r#"{}, {{"id": "pad", "name": "Pad", "description": "{padding}"}}"#, docker("Docker large"));
    files.insert(20, SourceFile::new("large.json", roadmap("large", &large)));
    files.push(SourceFile::new("last.json", roadmap("last", &docker("Docker last"))));
    let with_threads = |threads| Config { threads: std::num::NonZeroUsize::new(threads), ..Config::default() };
    let one = lint(&files, &with_threads(1));
    assert_eq!(
        said(&one),
        [
            (
                "large.json".to_owned(),
                r#"skill `docker` is named "Docker large" here but "Docker" in first.json"#.to_owned()
            ),
            (
                "last.json".to_owned(),
                r#"skill `docker` is named "Docker last" here but "Docker" in first.json"#.to_owned()
            ),
        ]
    );
    for threads in [2, 3, 8] {
        assert_eq!(lint(&files, &with_threads(threads)), one, "{threads} threads");
    }
}

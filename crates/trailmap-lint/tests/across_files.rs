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
    diagnostics.iter().filter(|d| d.code == "TM115").map(|d| (d.file.clone(), d.message.clone())).collect()
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

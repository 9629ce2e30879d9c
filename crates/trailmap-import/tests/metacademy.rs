//! Metacademy concept folders: a small hand-written folder of the same shape.

use std::path::Path;

use trailmap::{Prerequisite, Roadmap};
use trailmap_import::{Element, Options, Outcome};

fn folder() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metacademy")
}

fn valid(imported: &trailmap_import::Imported) {
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
}

#[test]
fn concepts_become_skills_with_prerequisites() {
    let imported = trailmap_import::metacademy::import(&folder(), &Options::default()).unwrap();
    valid(&imported);
    let r = &imported.roadmap;
    let names: Vec<&str> = r.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Gradient descent", "Linear regression", "Matrix multiplication", "Vectors"]);
    let mm = &r.skills[2];
    assert_eq!(mm.prerequisites, [Prerequisite::Skill("vectors".into())]);
    assert_eq!(r.skills[3].description.as_deref(), Some("Ordered lists of numbers with addition and scaling."));
    let lr = &r.skills[1];
    assert_eq!(lr.resources.len(), 2);
    assert_eq!(lr.resources[0].kind, Some(trailmap::ResourceKind::Video));
    assert_eq!(lr.resources[1].kind, Some(trailmap::ResourceKind::Book));
    // Linear regression and gradient descent need each other: one edge goes, reported.
    // The dependency's own entry says so, with its file and line.
    let cycle_broken: Vec<_> = imported
        .report
        .of(Element::Dependency)
        .filter(|e| matches!(&e.outcome, Outcome::NotPlaced { reason } if reason.contains("closed a cycle")))
        .collect();
    assert_eq!(cycle_broken.len(), 1, "{:#?}", imported.report.entries);
    assert!(cycle_broken[0].file.is_some() && cycle_broken[0].line > 0);
    // The dangling dependency is reported with its file and line, and dropped.
    let dangling: Vec<_> = imported.report.of(Element::Dependency).filter(|e| e.text == "probability_theory").collect();
    assert_eq!(dangling.len(), 1);
    assert_eq!(dangling[0].file.as_deref(), Some("concepts/linear_regression/dependencies.txt"));
    assert_eq!(dangling[0].line, 3);
    assert!(matches!(dangling[0].outcome, Outcome::NotPlaced { .. }));
    assert!(!r.skills.iter().any(|s| s.id == "probability-theory"));
}

#[test]
fn keep_dangling_keeps_them_as_skills() {
    let mut options = Options::default();
    options.keep_dangling = true;
    let imported = trailmap_import::metacademy::import(&folder(), &options).unwrap();
    valid(&imported);
    let kept = imported.roadmap.skills.iter().find(|s| s.id == "probability-theory").unwrap();
    assert_eq!(kept.name, "probability theory");
    assert!(trailmap_import::metacademy::import(&folder().join("missing"), &options).is_err());
}

/// A concept folder written for one test: `(tag, title, dependencies)`.
fn concepts(name: &str, concepts: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("trailmap-mc-{name}-{}", std::process::id()));
    for (tag, title, deps) in concepts {
        let folder = dir.join("concepts").join(tag);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("title.txt"), title).unwrap();
        std::fs::write(folder.join("dependencies.txt"), deps).unwrap();
    }
    dir
}

#[test]
fn dependency_lines_in_other_shapes_are_read_or_reported() {
    let dir = concepts(
        "lines",
        &[
            ("vectors", "\u{feff}Vectors", ""),
            ("linear_algebra", "Linear algebra", ""),
            (
                "matrices",
                "Matrices",
                "\u{feff}tag: vectors\n- vectors\nvectors\nlinear algebra\n(see the book!)\nreason: basics\n",
            ),
        ],
    );
    let imported = trailmap_import::metacademy::import(&dir, &Options::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    valid(&imported);
    let r = &imported.roadmap;
    assert_eq!(r.skills.iter().find(|s| s.id == "vectors").unwrap().name, "Vectors", "no byte-order mark");
    let matrices = r.skills.iter().find(|s| s.id == "matrices").unwrap();
    assert_eq!(
        matrices.prerequisites,
        [Prerequisite::Skill("vectors".into()), Prerequisite::Skill("linear-algebra".into())],
        "read once each"
    );
    let mut deps: Vec<_> = imported.report.of(Element::Dependency).collect();
    deps.sort_by_key(|e| e.line);
    assert_eq!(
        deps.iter().map(|e| e.line).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5],
        "every line but the detail: {deps:#?}"
    );
    assert!(matches!(deps[4].outcome, Outcome::NotPlaced { .. }));
    assert!(deps[..4].iter().all(|e| matches!(e.outcome, Outcome::Placed { .. })));
}

/// A tag names its folder as written: `Linear_Algebra` resolves to the
/// folder `Linear_Algebra` (only a title-like line of several words is
/// joined and lowercased).
#[test]
fn a_tag_is_its_folder_name_as_written() {
    let dir = concepts(
        "case",
        &[
            ("Linear_Algebra", "Linear algebra", ""),
            (
                "matrices",
                "Matrices",
                "tag: Linear_Algebra
",
            ),
        ],
    );
    let imported = trailmap_import::metacademy::import(&dir, &Options::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    valid(&imported);
    let matrices = imported.roadmap.skills.iter().find(|s| s.id == "matrices").unwrap();
    assert_eq!(matrices.prerequisites.len(), 1, "{:#?}", imported.report.entries);
}

#[test]
fn concepts_with_one_title_stay_apart_with_a_vocabulary() {
    let dir = concepts("same-title", &[("py_a", "Python", ""), ("py_b", "Python", "tag: py_a\n")]);
    let mut options = Options::default();
    let vocabulary = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../roadmaps");
    options.vocabulary = Some(trailmap_import::Vocabulary::from_path(&vocabulary).unwrap());
    let imported = trailmap_import::metacademy::import(&dir, &options).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    valid(&imported);
    let r = &imported.roadmap;
    assert_eq!(r.skills.len(), 2, "{:?}", r.skills);
    assert_eq!(r.skills[0].id, "python", "the first takes the vocabulary's id");
    assert_eq!(r.skills[1].prerequisites, [Prerequisite::Skill("python".into())]);
    assert!(!imported.report.entries.iter().any(|e| matches!(&e.outcome, Outcome::NotPlaced { .. })));
}

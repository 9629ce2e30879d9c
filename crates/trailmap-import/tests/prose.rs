//! What prose says besides lists of names: prerequisites stated in words,
//! projects named in sentences, spans in quarters, years and "N months
//! each", exclusions said in passing; and `--infer-prerequisites`.

use std::path::Path;

use proptest::prelude::*;
use trailmap::{AnyOf, Prerequisite, Roadmap, SkillGraph, TimeUnit};
use trailmap_import::{Element, Imported, Options, Outcome, Vocabulary};

fn import_with(text: &str, options: &Options) -> Imported {
    let imported = trailmap_import::markdown::import(text, options).unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    imported
}

fn fixture(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genres").join(name);
    import_with(&std::fs::read_to_string(path).unwrap(), &Options::default())
}

fn skill<'a>(r: &'a Roadmap, name: &str) -> &'a trailmap::Skill {
    r.skills
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no skill {name}: {:?}", r.skills.iter().map(|s| &s.name).collect::<Vec<_>>()))
}

fn id(s: &str) -> Prerequisite {
    Prerequisite::Skill(s.into())
}

#[test]
fn prerequisites_stated_in_words_are_edges_not_skills() {
    let imported = fixture("course-table.md");
    let r = &imported.roadmap;
    assert!(!r.skills.iter().any(|s| s.name.to_lowercase().contains("requires")), "a statement became a skill");
    // "X or Y" is an any_of group.
    let any = Prerequisite::from(AnyOf::new(["calculus-1a", "calculus-for-beginners"]));
    assert_eq!(skill(r, "Multivariable Calculus").prerequisites, [any]);
    // "Requires X" under an item: of that item's skill.
    assert_eq!(skill(r, "Linear Algebra").prerequisites, [id("calculus-1a")]);
    // "Prerequisites: X" under a heading: of every skill of the phase; "builds on" adds its own.
    assert_eq!(skill(r, "Probability Theory").prerequisites, [id("multivariable-calculus")]);
    assert_eq!(skill(r, "Statistics").prerequisites, [id("multivariable-calculus"), id("probability-theory")]);
    // A name that resolves to no skill: reported with its line, kept in the note.
    let stochastic = skill(r, "Stochastic Processes");
    assert!(stochastic.note.as_deref().unwrap_or("").contains("Measure Theory"));
    assert!(
        imported
            .report
            .entries
            .iter()
            .any(|e| e.line == 25 && e.text == "Measure Theory" && matches!(e.outcome, Outcome::NotPlaced { .. }))
    );
    let statement = imported.report.entries.iter().find(|e| e.text == "Requires Calculus 1A").unwrap();
    assert!(matches!(&statement.outcome, Outcome::Placed { at } if at[0].ends_with("/prerequisites")));
}

/// "Docker (prerequisite for Airflow)" and "Linear algebra — needed before
/// deep learning or NLP" say what needs the item: edges the other way,
/// never a prerequisite named "for Airflow".
#[test]
fn what_an_item_is_needed_for_needs_it() {
    let md = "# R\n\n## P\n\n- Linear algebra — needed before deep learning or NLP\n- Deep learning\n- NLP (requires Python)\n- Python (a prerequisite for NLP)\n- Docker (required for Airflow)\n- Airflow\n- Calculus (prerequisite for Quantum Stuff)\n";
    let imported = import_with(md, &Options::default());
    let r = &imported.roadmap;
    assert_eq!(skill(r, "Deep learning").prerequisites, [id("linear-algebra")]);
    assert_eq!(skill(r, "NLP").prerequisites, [id("linear-algebra"), id("python")]);
    assert_eq!(skill(r, "Airflow").prerequisites, [id("docker")]);
    assert!(skill(r, "Docker").prerequisites.is_empty() && skill(r, "Docker").topics.is_empty());
    let lost: Vec<_> =
        imported.report.entries.iter().filter(|e| matches!(e.outcome, Outcome::NotPlaced { .. })).collect();
    assert_eq!(lost.len(), 1, "{lost:#?}");
    assert_eq!((lost[0].line, lost[0].text.as_str()), (11, "Quantum Stuff"));
    assert!(r.skills.iter().all(|s| !s.name.contains("for ") && !s.name.contains("needed")));
}

#[test]
fn projects_named_in_prose() {
    let imported = fixture("projects.md");
    let r = &imported.roadmap;
    let titles: Vec<&str> = r.projects.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Mini-project on log parsing with Python",
            "ETL project",
            "Capstone Project",
            "Spark streaming project",
            "Weather dashboard",
            "Build a CLI for CSV cleaning"
        ]
    );
    // Sentences that refer back link their task to the project; counted collections make none.
    let tasks: Vec<_> =
        r.phases.iter().flat_map(|p| p.tasks.iter().chain(p.phases.iter().flat_map(|c| &c.tasks))).collect();
    let project_of = |text: &str| tasks.iter().find(|t| t.text.starts_with(text)).and_then(|t| t.project.clone());
    assert_eq!(project_of("Review the mini-project").as_deref(), Some("mini-project-on-log-parsing-with-python"));
    assert_eq!(project_of("Present the project").as_deref(), Some("capstone-project"));
    assert_eq!(project_of("Build 3 small pipelines"), None);
    // The checklist item stays a criterion too.
    assert!(r.milestones.iter().flat_map(|m| &m.criteria).any(|c| c.text == "Spark streaming project"));
    assert_eq!(imported.report.counts().not_placed, 0);
}

#[test]
fn quarters_years_and_lengths_each() {
    let imported = fixture("quarters.md");
    let r = &imported.roadmap;
    let span = |p: &trailmap::Phase| p.span.as_ref().map(|s| (s.unit, s.start, s.end()));
    let top: Vec<_> = r.phases.iter().map(span).collect();
    assert_eq!(
        top,
        [
            Some((TimeUnit::Month, 1, 3)),
            Some((TimeUnit::Month, 4, 9)),
            Some((TimeUnit::Month, 13, 24)),
            None,
            Some((TimeUnit::Month, 10, 10))
        ]
    );
    let levels: Vec<_> = r.phases[3].phases.iter().map(span).collect();
    assert_eq!(levels, [Some((TimeUnit::Month, 1, 3)), Some((TimeUnit::Month, 4, 6))]);
    let weeks: Vec<_> = r.phases[4].phases.iter().map(|p| (span(p), p.title.as_str())).collect();
    assert_eq!(weeks, [(Some((TimeUnit::Week, 37, 38)), "Kubernetes"), (Some((TimeUnit::Week, 39, 40)), "Kafka")]);
    let exclusions: Vec<_> = r.exclusions.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(exclusions, ["Kubernetes beyond the basics (Pods, Services)", "Kafka internals", "Hadoop"]);
    assert_eq!(r.exclusions[0].reason.as_deref(), Some("It is vast, so just focus on the basics"));
    assert_eq!(imported.report.counts().not_placed, 0);
}

fn vocabulary(json: &str) -> Vocabulary {
    let roadmap: Roadmap = serde_json::from_str(json).unwrap();
    let mut vocabulary = Vocabulary::default();
    vocabulary.add(&roadmap);
    vocabulary
}

#[test]
fn inferred_prerequisites_are_marked_reported_and_close_no_cycle() {
    let known = vocabulary(
        r#"{"id": "known", "title": "Known", "version": "1.0.0", "skills": [
            {"id": "python", "name": "Python"},
            {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
            {"id": "pandas", "name": "Pandas", "prerequisites": ["numpy", {"any_of": ["python", "r"]}]},
            {"id": "sql", "name": "SQL", "prerequisites": ["pandas"]}
        ]}"#,
    );
    let text = "# Plan\n\n## Week 1\n\n- Python\n- NumPy\n- SQL\n\n## Week 2\n\n- Pandas (requires SQL)\n- Statistics\n- Advanced Statistics\n";
    let mut options = Options::default();
    options.vocabulary = Some(known);
    let stated = import_with(text, &options);
    assert!(stated.roadmap.skills.iter().all(|s| s.prerequisites.len() <= 1), "only the stated edge without the flag");
    options.infer_prerequisites = true;
    let imported = import_with(text, &options);
    let r = &imported.roadmap;
    assert_eq!(skill(r, "NumPy").prerequisites, [id("python")]);
    // Stated first, then inferred; the any_of keeps the member this roadmap teaches.
    assert_eq!(skill(r, "Pandas").prerequisites, [id("sql"), id("numpy"), id("python")]);
    assert_eq!(skill(r, "Advanced Statistics").prerequisites, [id("statistics")]);
    // "SQL needs Pandas" would close a cycle with the stated "Pandas requires SQL".
    assert!(skill(r, "SQL").prerequisites.is_empty());
    assert!(SkillGraph::new(r).cycles().is_empty());
    let marked = skill(r, "Pandas").extensions.get("x-inferred-prerequisites").unwrap();
    assert_eq!(marked, &serde_json::json!(["numpy", "python"]));
    let inferred: Vec<_> = imported.report.of(Element::Inferred).map(|e| e.text.as_str()).collect();
    assert_eq!(inferred.len(), 4, "{inferred:?}");
    assert!(inferred.iter().any(|t| t.starts_with("advanced-statistics needs statistics")));
}

/// Whether the prerequisites of `r` have a cycle, by brute force: a skill
/// reaches itself.
fn has_cycle(r: &Roadmap) -> bool {
    let ids: Vec<&str> = r.skills.iter().map(|s| s.id.as_str()).collect();
    let next = |i: usize| -> Vec<usize> {
        r.skills[i]
            .prerequisites
            .iter()
            .flat_map(|p| p.skill_ids())
            .filter_map(|id| ids.iter().position(|x| *x == id))
            .collect()
    };
    (0..ids.len()).any(|start| {
        let mut seen = vec![false; ids.len()];
        let mut stack = next(start);
        while let Some(s) = stack.pop() {
            if s == start {
                return true;
            }
            if !std::mem::replace(&mut seen[s], true) {
                stack.extend(next(s));
            }
        }
        false
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the text states and the vocabulary knows, the output has no
    /// cycle, validates, and every inferred edge is marked and reported.
    #[test]
    fn inference_never_closes_a_cycle(
        stated in proptest::collection::vec((0usize..6, 0usize..6), 0..10),
        known in proptest::collection::vec((0usize..6, 0usize..6), 0..14),
    ) {
        let name = |i: usize| format!("Skill {}", (b'A' + i as u8) as char);
        let skills: Vec<String> = (0..6)
            .map(|i| format!("{{\"id\": \"skill-{}\", \"name\": \"{}\", \"prerequisites\": [{}]}}",
                (b'a' + i as u8) as char,
                name(i),
                known.iter().filter(|(a, b)| *a == i && a != b).map(|(_, b)| format!("\"skill-{}\"", (b'a' + *b as u8) as char)).collect::<Vec<_>>().join(", ")))
            .collect();
        // The vocabulary itself may be cyclic: it is read for names and edges only.
        let json = format!("{{\"id\": \"known\", \"title\": \"Known\", \"version\": \"1.0.0\", \"skills\": [{}]}}", skills.join(","));
        let roadmap: Roadmap = serde_json::from_str(&json).unwrap();
        let mut vocabulary = Vocabulary::default();
        vocabulary.add(&roadmap);
        let mut text = String::from("# Plan\n\n## Week 1\n\n");
        for i in 0..6 {
            let needs: Vec<String> = stated.iter().filter(|(a, _)| *a == i).map(|(_, b)| name(*b)).collect();
            if needs.is_empty() {
                text.push_str(&format!("- {}\n", name(i)));
            } else {
                text.push_str(&format!("- {} (requires {})\n", name(i), needs.join(", ")));
            }
        }
        let mut options = Options::default();
        options.vocabulary = Some(vocabulary);
        options.infer_prerequisites = true;
        let imported = import_with(&text, &options);
        prop_assert!(!has_cycle(&imported.roadmap));
        let marked: usize = imported.roadmap.skills.iter()
            .filter_map(|s| s.extensions.get("x-inferred-prerequisites"))
            .map(|v| v.as_array().map_or(0, Vec::len))
            .sum();
        prop_assert_eq!(marked, imported.report.of(Element::Inferred).count());
    }
}

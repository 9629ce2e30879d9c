//! Fidelity: each seed Markdown roadmap imported and compared with its hand
//! encoding in `roadmaps/`. The floors below hold the scores recorded in
//! the crate README; raise them when the importer improves.

use std::path::{Path, PathBuf};

use trailmap::{Phase, Roadmap};
use trailmap_import::ids::normalize;
use trailmap_import::{Element, Options, Outcome, Vocabulary};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Share found, as a percentage; 100 when there is nothing to find.
fn share(found: usize, total: usize) -> f64 {
    if total == 0 { 100.0 } else { (found as f64 * 1000.0 / total as f64).round() / 10.0 }
}

fn flat(phases: &[Phase]) -> Vec<&Phase> {
    trailmap::graph::PhaseTree::new(phases).map(|v| v.phase).collect()
}

fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

#[derive(Debug)]
struct Scores {
    skills: f64,
    spans: f64,
    criteria: f64,
    projects: f64,
    exclusions: f64,
    links: f64,
    headings_as_phases: f64,
    items_placed: f64,
    long_names: f64,
}

fn score(id: &str, vocabulary: &Vocabulary) -> (Scores, Vec<String>) {
    let source =
        std::fs::read_to_string(root().join(format!("crates/trailmap-import/tests/fixtures/seeds/{id}.md"))).unwrap();
    let mut options = Options::default();
    options.vocabulary = Some(vocabulary.clone());
    options.id = Some(id.to_owned());
    let imported = trailmap_import::markdown::import(&source, &options).unwrap();
    let json = imported.to_json();
    let loaded = Roadmap::from_json_str(&json);
    assert!(loaded.is_valid(), "{id}: import does not validate: {:#?}", loaded.diagnostics);
    let got = loaded.roadmap.unwrap();
    let want = Roadmap::from_path(root().join(format!("roadmaps/{id}.json"))).unwrap().roadmap.unwrap();

    let found_skills = want
        .skills
        .iter()
        .filter(|w| {
            got.skills.iter().any(|g| {
                g.id == w.id
                    || [w.name.as_str()]
                        .into_iter()
                        .chain(w.aliases.iter().map(String::as_str))
                        .any(|n| normalize(n) == normalize(&g.name))
            })
        })
        .count();
    for w in &want.skills {
        if !got.skills.iter().any(|g| {
            g.id == w.id
                || [w.name.as_str()]
                    .into_iter()
                    .chain(w.aliases.iter().map(String::as_str))
                    .any(|n| normalize(n) == normalize(&g.name))
        }) {
            println!("  missing skill: {} ({})", w.id, w.name);
        }
    }
    let spans = |r: &Roadmap| -> Vec<(trailmap::TimeUnit, u32, u32)> {
        flat(&r.phases).iter().filter_map(|p| p.span.as_ref().map(|s| (s.unit, s.start, s.end()))).collect()
    };
    let (want_spans, got_spans) = (spans(&want), spans(&got));
    let found_spans = want_spans.iter().filter(|s| got_spans.contains(s)).count();
    let want_criteria: Vec<&str> = want
        .milestones
        .iter()
        .filter(|m| m.kind == Some(trailmap::MilestoneKind::Checklist))
        .flat_map(|m| m.criteria.iter().map(|c| c.text.as_str()))
        .collect();
    let got_criteria: Vec<&str> =
        got.milestones.iter().flat_map(|m| m.criteria.iter().map(|c| c.text.as_str())).collect();
    let found_criteria = want_criteria.iter().filter(|w| got_criteria.iter().any(|g| similar(w, g))).count();
    let found_projects =
        want.projects.iter().filter(|w| got.projects.iter().any(|g| similar(&w.title, &g.title))).count();
    let found_exclusions =
        want.exclusions.iter().filter(|w| got.exclusions.iter().any(|g| similar(&w.title, &g.title))).count();

    let report = &imported.report;
    let placed_at = |e: &trailmap_import::Entry, prefix: &str| match &e.outcome {
        Outcome::Placed { at } => at.iter().any(|p| p.starts_with(prefix)),
        _ => false,
    };
    let headings: Vec<_> = report.of(Element::Heading).filter(|e| !placed_at(e, "/title")).collect();
    let heading_phases = headings.iter().filter(|e| placed_at(e, "/phases")).count();
    let items: Vec<_> = report.of(Element::ListItem).chain(report.of(Element::Checkbox)).collect();
    let placed_items = items.iter().filter(|e| matches!(e.outcome, Outcome::Placed { .. })).count();
    let links: Vec<_> = report.of(Element::Link).collect();
    let resource_links = links.iter().filter(|e| placed_at(e, "/skills")).count();
    let checkboxes: Vec<_> = report.of(Element::Checkbox).collect();
    assert!(checkboxes.iter().all(|e| placed_at(e, "/milestones")), "{id}: a checklist item outside milestones");
    let long = got.skills.iter().filter(|s| s.name.split_whitespace().count() > 8).count();

    let not_placed: Vec<String> = report
        .entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::NotPlaced { reason } => Some(format!("line {}: {} ({reason})", e.line, e.text)),
            _ => None,
        })
        .collect();
    let scores = Scores {
        skills: share(found_skills, want.skills.len()),
        spans: share(found_spans, want_spans.len()),
        criteria: share(found_criteria, want_criteria.len()),
        projects: share(found_projects, want.projects.len()),
        exclusions: share(found_exclusions, want.exclusions.len()),
        links: share(resource_links, links.len()),
        headings_as_phases: share(heading_phases, headings.len()),
        items_placed: share(placed_items, items.len()),
        long_names: share(long, got.skills.len()),
    };
    (scores, not_placed)
}

/// (seed, skills, spans, checklist criteria, projects, exclusions) floors, in percent.
const FLOORS: &[(&str, f64, f64, f64, f64, f64)] = &[
    ("ml-engineer-onboarding-12-weeks", 66.7, 100.0, 100.0, 100.0, 100.0),
    ("ml-engineer-12-weeks", 70.2, 100.0, 100.0, 100.0, 100.0),
    ("ml-engineer-category-b", 73.4, 100.0, 100.0, 100.0, 93.3),
    ("full-stack-ml-engineer-9-months", 77.8, 100.0, 100.0, 100.0, 100.0),
    ("ml-engineer-1-year", 76.1, 100.0, 100.0, 100.0, 100.0),
];

/// Prerequisites of the hand encoding (flattened `any_of`) that
/// `--infer-prerequisites` recovers, directly or through others, with a
/// vocabulary of the *other* bundled roadmaps (so a seed's own encoding
/// cannot leak into its score); and the share of inferred edges the hand
/// encoding implies. Floors in percent: (seed, recall, precision).
const INFERRED_FLOORS: &[(&str, f64, f64)] = &[
    ("ml-engineer-onboarding-12-weeks", 100.0, 80.0),
    ("ml-engineer-12-weeks", 48.5, 80.0),
    ("ml-engineer-category-b", 58.1, 74.5),
    ("full-stack-ml-engineer-9-months", 40.9, 82.4),
    ("ml-engineer-1-year", 14.5, 90.9),
];

fn edges(r: &Roadmap) -> Vec<(String, String)> {
    r.skills
        .iter()
        .flat_map(|s| s.prerequisites.iter().flat_map(|p| p.skill_ids().map(|t| (String::from(&s.id), t.to_owned()))))
        .collect()
}

fn reaches(edges: &[(String, String)], from: &str, to: &str) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut stack = vec![from];
    while let Some(s) = stack.pop() {
        for (a, b) in edges.iter().filter(|(a, _)| a == s) {
            let _ = a;
            if b == to {
                return true;
            }
            if !seen.contains(&b.as_str()) {
                seen.push(b);
                stack.push(b);
            }
        }
    }
    false
}

#[test]
fn inferred_prerequisites_recover_the_hand_encodings() {
    let mut failures = Vec::new();
    for &(id, recall_floor, precision_floor) in INFERRED_FLOORS {
        let mut vocabulary = Vocabulary::default();
        for other in FLOORS.iter().map(|f| f.0).filter(|o| *o != id) {
            let path = root().join(format!("roadmaps/{other}.json"));
            vocabulary.add(&Roadmap::from_path(path).unwrap().roadmap.unwrap());
        }
        let source =
            std::fs::read_to_string(root().join(format!("crates/trailmap-import/tests/fixtures/seeds/{id}.md")))
                .unwrap();
        let mut options = Options::default();
        options.vocabulary = Some(vocabulary);
        options.infer_prerequisites = true;
        let got = trailmap_import::markdown::import(&source, &options).unwrap().roadmap;
        let want = Roadmap::from_path(root().join(format!("roadmaps/{id}.json"))).unwrap().roadmap.unwrap();
        // Hand skill id -> imported skill id, by id or name.
        let map: std::collections::HashMap<&str, &str> = want
            .skills
            .iter()
            .filter_map(|w| {
                let names: Vec<String> =
                    [w.name.as_str()].into_iter().chain(w.aliases.iter().map(String::as_str)).map(normalize).collect();
                got.skills
                    .iter()
                    .find(|g| g.id == w.id || names.contains(&normalize(&g.name)))
                    .map(|g| (w.id.as_str(), g.id.as_str()))
            })
            .collect();
        let (want_edges, got_edges) = (edges(&want), edges(&got));
        let candidates: Vec<_> =
            want_edges.iter().filter_map(|(a, b)| Some((*map.get(a.as_str())?, *map.get(b.as_str())?))).collect();
        let recalled = candidates.iter().filter(|(a, b)| reaches(&got_edges, a, b)).count();
        let back: std::collections::HashMap<&str, &str> = map.iter().map(|(w, g)| (*g, *w)).collect();
        let mapped: Vec<_> =
            got_edges.iter().filter_map(|(a, b)| Some((*back.get(a.as_str())?, *back.get(b.as_str())?))).collect();
        let implied = mapped.iter().filter(|(a, b)| reaches(&want_edges, a, b)).count();
        let (recall, precision) = (share(recalled, candidates.len()), share(implied, mapped.len()));
        println!(
            "{id}: inferred prerequisites recall {recall}% ({recalled}/{}), precision {precision}% ({implied}/{})",
            candidates.len(),
            mapped.len()
        );
        if recall < recall_floor || precision < precision_floor {
            failures.push(format!(
                "{id}: recall {recall}% (floor {recall_floor}%), precision {precision}% (floor {precision_floor}%)"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seeds_import_with_fidelity() {
    let vocabulary = Vocabulary::from_path(&root().join("roadmaps")).unwrap();
    let mut failures = Vec::new();
    for &(id, skills, spans, criteria, projects, exclusions) in FLOORS {
        let (s, not_placed) = score(id, &vocabulary);
        println!("{id}: {s:?}");
        for line in &not_placed {
            println!("  not placed: {line}");
        }
        let checks = [
            ("skills", s.skills, skills),
            ("spans", s.spans, spans),
            ("checklist", s.criteria, criteria),
            ("projects", s.projects, projects),
            ("exclusions", s.exclusions, exclusions),
            ("links", s.links, 100.0),
            ("headings as phases", s.headings_as_phases, 90.0),
            ("list items placed", s.items_placed, 90.0),
        ];
        for (what, got, floor) in checks {
            if got < floor {
                failures.push(format!("{id}: {what} {got}% < floor {floor}%"));
            }
        }
        if s.long_names > 20.0 {
            failures.push(format!("{id}: {}% of skill names are longer than 8 words", s.long_names));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

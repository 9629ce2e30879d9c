//! Every field of the model is either compared by the diff or deliberately
//! left out. The model's public types are `#[non_exhaustive]`-ready, so a
//! destructuring pattern cannot list their fields from this crate; the
//! guard reads the roadmap schema (generated from the types) instead: a
//! field added to the model fails this test until the diff decides what it
//! means and the field is added to the table below.

use std::collections::BTreeSet;

/// Each object type of the roadmap schema (`""`: the roadmap itself) and
/// the properties the diff knows about.
const KNOWN: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "$schema",
            "areas",
            "audience",
            "duration",
            "exclusions",
            "hours_per_week",
            "id",
            "license",
            "milestones",
            "phases",
            "practices",
            "principles",
            "projects",
            "skills",
            "source",
            "summary",
            "tags",
            "target_role",
            "title",
            "version",
        ],
    ),
    ("AnyOf", &["any_of"]),
    ("Area", &["description", "id", "name", "skills"]),
    ("Criterion", &["done", "skills", "target", "text"]),
    ("Exclusion", &["id", "phase", "reason", "skill", "title"]),
    ("Milestone", &["criteria", "description", "id", "kind", "phase", "title"]),
    ("NotedSkill", &["label", "note", "skill"]),
    (
        "Phase",
        &[
            "description",
            "goal",
            "id",
            "kind",
            "ongoing",
            "parallel",
            "phases",
            "skills",
            "span",
            "tasks",
            "title",
            "topics",
        ],
    ),
    ("Practice", &["activity", "cadence", "id", "phase", "skills", "topics"]),
    ("Project", &["deliverables", "description", "id", "number", "optional", "phase", "skills", "title"]),
    ("Resource", &["kind", "title", "url"]),
    (
        "Skill",
        &[
            "aliases",
            "area",
            "description",
            "effort_hours",
            "former_ids",
            "id",
            "level",
            "name",
            "note",
            "optional",
            "prerequisites",
            "resources",
            "topics",
        ],
    ),
    ("Source", &["author", "file", "title", "url"]),
    ("Span", &["end", "label", "start", "unit"]),
    ("Task", &["deliverables", "project", "skills", "text"]),
];

fn properties(object: &serde_json::Value) -> BTreeSet<String> {
    object["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn the_diff_knows_every_field_of_the_model() {
    let schema = trailmap::schema::roadmap_schema();
    let mut types: Vec<(String, BTreeSet<String>)> = vec![(String::new(), properties(&schema))];
    for (name, def) in schema["$defs"].as_object().expect("the schema has $defs") {
        if def.get("properties").is_some() {
            types.push((name.clone(), properties(def)));
        }
    }
    let mut problems = Vec::new();
    for (name, actual) in &types {
        let Some((_, known)) = KNOWN.iter().find(|(n, _)| n == name) else {
            problems.push(format!("new object type `{name}` with fields {actual:?}"));
            continue;
        };
        let known: BTreeSet<String> = known.iter().map(|s| (*s).to_owned()).collect();
        for added in actual.difference(&known) {
            problems.push(format!("new field `{added}` on `{}`", if name.is_empty() { "Roadmap" } else { name }));
        }
        for gone in known.difference(actual) {
            problems.push(format!("field `{gone}` left `{}`", if name.is_empty() { "Roadmap" } else { name }));
        }
    }
    for (name, _) in KNOWN {
        if !types.iter().any(|(n, _)| n == name) {
            problems.push(format!("object type `{name}` left the schema"));
        }
    }
    assert!(
        problems.is_empty(),
        "the model changed; decide what the diff does with each change (compare/), then update KNOWN:\n{}",
        problems.join("\n")
    );
}

//! Property tests of the loader and the skill graph on random roadmaps.

mod common;
#[path = "properties/mutations.rs"]
mod mutations;

use proptest::prelude::*;
use serde_json::{Value, json};
use trailmap::{Roadmap, SkillGraph};

use mutations::{
    Words, every_single_mutation, every_type, fixed_every_type, mutate, mutate_at, mutations, progress_every_type,
    words,
};

/// A random DAG: skill `i` may only need skills `< i`. Some prerequisites
/// are `any_of` groups. Skills are spread over a few phases.
fn dag() -> impl Strategy<Value = Value> {
    (1usize..40)
        .prop_flat_map(|n| {
            let prereqs = proptest::collection::vec(
                proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<prop::sample::Index>()), 0..4),
                n,
            );
            let phases = proptest::collection::vec(0usize..4, n);
            (Just(n), prereqs, phases)
        })
        .prop_map(|(n, prereqs, phase_of)| {
            let skills: Vec<Value> = (0..n)
                .map(|i| {
                    let mut list = common::prerequisites(i, &prereqs[i]);
                    list.dedup();
                    json!({"id": format!("s{i}"), "name": format!("Skill {i}"), "prerequisites": list})
                })
                .collect();
            let phases = common::phases(&phase_of, 4);
            json!({"id": "random", "title": "Random", "version": "1.0.0", "skills": skills, "phases": phases})
        })
}

fn load(value: &Value) -> trailmap::Loaded {
    Roadmap::from_json_str(&serde_json::to_string_pretty(value).unwrap())
}

fn needs(roadmap: &Roadmap, a: &str, b: &str) -> bool {
    roadmap
        .skills
        .iter()
        .find(|s| s.id == a)
        .is_some_and(|s| s.prerequisites.iter().any(|p| p.skill_ids().any(|id| id == b)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn valid_dags_survive_serialize_load_validate(value in dag()) {
        let loaded = load(&value);
        prop_assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let roadmap = loaded.roadmap.unwrap();
        // Serialize the model again: same document, same model.
        let again = serde_json::to_value(&roadmap).unwrap();
        let reloaded = load(&again);
        prop_assert!(reloaded.diagnostics.is_empty());
        prop_assert_eq!(reloaded.roadmap.unwrap(), roadmap);
    }

    #[test]
    fn learning_order_respects_every_prerequisite(value in dag()) {
        let roadmap = load(&value).roadmap.unwrap();
        let graph = SkillGraph::new(&roadmap);
        let order = graph.learning_order().unwrap();
        prop_assert_eq!(order.len(), roadmap.skills.len());
        let position: std::collections::HashMap<&str, usize> = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for skill in &roadmap.skills {
            for p in &skill.prerequisites {
                for id in p.skill_ids() {
                    prop_assert!(position[id] < position[skill.id.as_str()], "{} before {}", id, skill.id);
                }
            }
        }
    }

    #[test]
    fn index_lookups_agree_with_id_lookups(value in dag(), copy in any::<prop::sample::Index>()) {
        // A skill repeating an earlier id (with its own prerequisites)
        // counts as that earlier one wherever it is looked up.
        let mut value = value;
        let skills = value["skills"].as_array_mut().unwrap();
        let original = skills[copy.index(skills.len())].clone();
        let mut duplicate = original.clone();
        duplicate["prerequisites"] = json!([]);
        skills.push(duplicate);
        let roadmap: Roadmap = serde_json::from_value(value).unwrap();
        let graph = SkillGraph::new(&roadmap);
        let first = |id: &str| roadmap.skills.iter().position(|s| s.id == id);
        for (i, skill) in roadmap.skills.iter().enumerate() {
            prop_assert_eq!(graph.skill_index(&skill.id), first(&skill.id));
            prop_assert_eq!(graph.phase_index_at(i), graph.phase_index_of_skill(&skill.id));
            let expected: Vec<(u32, Vec<u32>)> = skill
                .prerequisites
                .iter()
                .enumerate()
                .map(|(k, p)| (k as u32, p.skill_ids().filter_map(first).map(|m| m as u32).collect::<Vec<_>>()))
                .filter(|(_, members)| !members.is_empty())
                .collect();
            let got: Vec<(u32, Vec<u32>)> = graph.requirements_at(i).map(|r| (r.entry, r.members.to_vec())).collect();
            prop_assert_eq!(got, expected);
            // Dependents: the skills listing this one, once each, in file order.
            let mut dependents: Vec<&str> = roadmap
                .skills
                .iter()
                .filter(|d| d.prerequisites.iter().any(|p| p.skill_ids().any(|x| x == skill.id)))
                .map(|d| d.id.as_str())
                .collect();
            dependents.dedup();
            prop_assert_eq!(graph.dependents(&skill.id), dependents);
        }
        let phases = trailmap::graph::phase_nodes(&roadmap);
        for (p, node) in phases.iter().enumerate() {
            let got: Vec<Option<usize>> = graph.phase_skill_indices(p).collect();
            let expected: Vec<Option<usize>> = node.phase.skills.iter().map(|id| first(id)).collect();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn injected_cycles_are_reported_with_a_correct_path(value in dag(), picks in proptest::collection::vec(any::<prop::sample::Index>(), 2..6)) {
        let mut value = value;
        let n = value["skills"].as_array().unwrap().len();
        prop_assume!(n >= 2);
        let mut members: Vec<usize> = picks.iter().map(|p| p.index(n)).collect();
        members.sort_unstable();
        members.dedup();
        prop_assume!(members.len() >= 2);
        // members[0] needs members[1] needs ... needs members[0]
        for (k, &m) in members.iter().enumerate() {
            let next = members[(k + 1) % members.len()];
            value["skills"][m]["prerequisites"].as_array_mut().unwrap().push(json!(format!("s{next}")));
        }
        let loaded = load(&value);
        let roadmap = loaded.roadmap.clone().unwrap();
        let cycles = SkillGraph::new(&roadmap).cycles();
        prop_assert!(!cycles.is_empty());
        prop_assert!(loaded.diagnostics.iter().any(|d| d.code == "TM007"), "{:?}", loaded.diagnostics);
        for cycle in &cycles {
            let k = cycle.skills.len();
            prop_assert!(k >= 2);
            for i in 0..k {
                prop_assert!(needs(&roadmap, &cycle.skills[i], &cycle.skills[(i + 1) % k]), "{} does not need {}", cycle.skills[i], cycle.skills[(i + 1) % k]);
            }
        }
        // Every injected skill is on a reported cycle's strongly connected
        // group: it cannot be placed in a learning order.
        prop_assert!(SkillGraph::new(&roadmap).learning_order().is_err());
    }
}

static ROADMAP_SCHEMA: std::sync::LazyLock<(jsonschema::Validator, Words)> = std::sync::LazyLock::new(|| {
    let schema = trailmap::schema::roadmap_schema();
    (jsonschema::validator_for(&schema).unwrap(), words(&schema, &fixed_every_type()))
});

static PROGRESS_SCHEMA: std::sync::LazyLock<(jsonschema::Validator, Words)> = std::sync::LazyLock::new(|| {
    let schema = trailmap::schema::progress_schema();
    (jsonschema::validator_for(&schema).unwrap(), words(&schema, &progress_every_type()))
});

/// Applies every single mutation of `base` in turn and returns those on
/// which the schema and `types_accept` disagree, and how many the schema
/// refused.
fn single_mutation_disagreements(
    base: &Value,
    (validator, words): &(jsonschema::Validator, Words),
    types_accept: impl Fn(Value) -> bool,
) -> (Vec<String>, usize, usize) {
    let all = every_single_mutation(base, words);
    let mut disagreements = Vec::new();
    let mut refused = 0;
    for (pointer, mutation) in &all {
        let mut value = base.clone();
        mutate_at(&mut value, pointer, words, *mutation);
        let by_schema = validator.is_valid(&value);
        refused += usize::from(!by_schema);
        if by_schema != types_accept(value) {
            disagreements.push(format!("{mutation:?} at {pointer:?}: the schema says {by_schema}"));
        }
    }
    (disagreements, refused, all.len())
}

/// Every single mutation of every node of the document with every type,
/// deterministically: the property below then tries random combinations.
#[test]
fn schema_and_types_agree_on_every_single_mutation() {
    let (disagreements, refused, total) = single_mutation_disagreements(&fixed_every_type(), &ROADMAP_SCHEMA, |v| {
        serde_json::from_value::<Roadmap>(v).is_ok()
    });
    assert!(disagreements.is_empty(), "{} of {total}:\n{}", disagreements.len(), disagreements.join("\n"));
    // Not vacuous: most single mutations break the document, some do not.
    assert!(refused > total / 2 && refused < total, "{refused} of {total} refused");
}

#[test]
fn progress_schema_and_types_agree_on_every_single_mutation() {
    let (disagreements, refused, total) =
        single_mutation_disagreements(&progress_every_type(), &PROGRESS_SCHEMA, |v| {
            serde_json::from_value::<trailmap::Progress>(v).is_ok_and(|p| entries_in_schema_bounds(&p))
        });
    assert!(disagreements.is_empty(), "{} of {total}:\n{}", disagreements.len(), disagreements.join("\n"));
    assert!(refused > total / 3 && refused < total, "{refused} of {total} refused");
}

#[test]
fn the_progress_with_every_field_is_valid() {
    let progress = progress_every_type();
    assert!(PROGRESS_SCHEMA.0.is_valid(&progress));
    assert!(trailmap::Progress::from_json_str(&progress.to_string()).diagnostics.is_empty());
}

/// What the progress types leave to the entry checks (`TM051`) and the
/// schema states itself: hours of 0 or more, dates shaped `YYYY-MM-DD`.
/// (Whether the date exists is `TM051`'s alone.)
fn entries_in_schema_bounds(progress: &trailmap::Progress) -> bool {
    progress.skills.0.values().all(|entry| {
        entry.hours.is_none_or(|h| h >= 0.0)
            && entry.date.as_deref().is_none_or(|d| {
                d.len() == 10
                    && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The document the mutations start from is valid as it stands, for
    /// the schema, the types and the meaning checks.
    #[test]
    fn every_type_documents_are_valid(value in every_type()) {
        prop_assert!(ROADMAP_SCHEMA.0.is_valid(&value));
        let loaded = load(&value);
        prop_assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    }

    /// The published schema and the loader's types accept exactly the same
    /// documents: tools in other languages see what trailmap sees. Every
    /// object type is mutated: keys removed, added (known elsewhere, typos,
    /// `x-` keys) or set to a value of another type, shape or enum, items
    /// added and removed, nodes replaced: here one to three at a time on
    /// random DAGs, after `schema_and_types_agree_on_every_single_mutation`
    /// has tried each single one.
    #[test]
    fn schema_and_types_agree(value in every_type(), mutations in mutations()) {
        let (validator, words) = &*ROADMAP_SCHEMA;
        let mut value = value;
        for m in &mutations {
            mutate(&mut value, words, m);
        }
        let by_schema = validator.is_valid(&value);
        let by_types = serde_json::from_value::<Roadmap>(value.clone()).is_ok();
        prop_assert_eq!(by_schema, by_types, "mutations {:?} on {}", mutations, value);
    }

    /// The same for progress files, where the types leave two of the
    /// schema's bounds to the entry checks.
    #[test]
    fn progress_schema_and_types_agree(mutations in mutations()) {
        let (validator, words) = &*PROGRESS_SCHEMA;
        let mut value = progress_every_type();
        for m in &mutations {
            mutate(&mut value, words, m);
        }
        let by_schema = validator.is_valid(&value);
        let by_types = serde_json::from_value::<trailmap::Progress>(value.clone()).is_ok_and(|p| entries_in_schema_bounds(&p));
        prop_assert_eq!(by_schema, by_types, "mutations {:?} on {}", mutations, value);
    }
}

//! Property tests of the loader and the skill graph on random roadmaps.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};
use trailmap::{Roadmap, SkillGraph};

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

/// Mutations that may or may not keep a roadmap valid.
#[derive(Debug, Clone)]
enum Mutation {
    RemoveKey(&'static str),
    SetType(&'static str, u8),
    UnknownKey,
    ExtensionKey,
    BadEnum,
    SpanStart(u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fields = prop::sample::select(vec![
        "id",
        "name",
        "prerequisites",
        "optional",
        "effort_hours",
        "level",
        "topics",
        "former_ids",
        "resources",
    ]);
    prop_oneof![
        fields.clone().prop_map(Mutation::RemoveKey),
        (fields, 0u8..6).prop_map(|(f, t)| Mutation::SetType(f, t)),
        Just(Mutation::UnknownKey),
        Just(Mutation::ExtensionKey),
        Just(Mutation::BadEnum),
        (0u8..6).prop_map(Mutation::SpanStart),
    ]
}

fn apply(value: &mut Value, m: &Mutation, at: usize) {
    let n = value["skills"].as_array().unwrap().len();
    let skill = &mut value["skills"][at % n];
    match m {
        Mutation::RemoveKey(k) => {
            skill.as_object_mut().unwrap().remove(*k);
        }
        Mutation::SetType(k, t) => {
            skill[*k] = match t {
                0 => json!(null),
                1 => json!(3),
                2 => json!(2.5),
                3 => json!("text"),
                4 => json!(["a"]),
                _ => json!({"x": 1}),
            }
        }
        Mutation::UnknownKey => skill["nmae"] = json!("typo"),
        Mutation::ExtensionKey => skill["x-owner"] = json!({"team": "ml"}),
        Mutation::BadEnum => skill["level"] = json!("guru"),
        Mutation::SpanStart(k) => {
            value["phases"][0]["span"]["start"] = match k {
                0 => json!(1.0),
                1 => json!(-1),
                2 => json!(4294967296u64),
                3 => json!(1.5),
                4 => json!("1"),
                _ => json!(7),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The published schema and the loader's types accept exactly the same
    /// documents: tools in other languages see what trailmap sees.
    #[test]
    fn schema_and_types_agree(value in dag(), mutations in proptest::collection::vec((mutation(), any::<usize>()), 0..3)) {
        let mut value = value;
        for (m, at) in &mutations {
            apply(&mut value, m, *at);
        }
        let schema = trailmap::schema::roadmap_schema();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let by_schema = validator.is_valid(&value);
        let by_types = serde_json::from_value::<Roadmap>(value.clone()).is_ok();
        prop_assert_eq!(by_schema, by_types, "mutations {:?} on {}", mutations, value);
    }
}

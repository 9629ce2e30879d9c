//! The five bundled roadmaps: valid, faithful to their seeds, and sharing
//! one skill vocabulary.

mod util;

use std::collections::BTreeMap;

use trailmap::Roadmap;
use util::root;

fn bundled() -> Vec<(String, String, Roadmap)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("roadmaps")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = Roadmap::from_json_str_with(&text, &path.display().to_string(), &Default::default());
        assert!(loaded.diagnostics.is_empty(), "{}: {:#?}", path.display(), loaded.diagnostics);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((name, text, loaded.roadmap.unwrap()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn there_are_five_valid_roadmaps_each_naming_its_seed() {
    let roadmaps = bundled();
    assert_eq!(roadmaps.len(), 5);
    let mut seeds: Vec<String> =
        roadmaps.iter().map(|(_, _, r)| r.source.as_ref().and_then(|s| s.file.clone()).unwrap_or_default()).collect();
    seeds.sort();
    assert_eq!(
        seeds,
        [
            "000_27e667fc72c576d5.txt",
            "001_319d3c146c02d760.txt",
            "002_551479e00458f552.txt",
            "003_e549d3b5121e6c8d.txt",
            "004_5d2c3488cb1c5f7c.txt"
        ]
    );
    for (name, _, roadmap) in &roadmaps {
        assert_eq!(&roadmap.id, name, "id matches the file name");
        assert_eq!(roadmap.schema.as_deref(), Some("../schemas/roadmap.schema.json"), "{name}");
    }
}

/// Strings the seed text contains, each of which must appear in the data:
/// phase titles, projects, tools, tasks, checklist items, exclusions.
#[test]
fn every_fidelity_item_is_in_the_data() {
    for (name, _, roadmap) in bundled() {
        let list = std::fs::read_to_string(root().join(format!("tests/fixtures/fidelity/{name}.txt"))).unwrap();
        let value = serde_json::to_value(&roadmap).unwrap();
        let mut strings = Vec::new();
        collect_strings(&value, &mut strings);
        let mut checked = 0;
        for item in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(strings.iter().any(|s| s.contains(item)), "{name}: seed item not found in the data: {item:?}");
            checked += 1;
        }
        assert!(checked >= 50, "{name}: only {checked} fidelity items");
    }
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn one_skill_vocabulary_across_all_roadmaps() {
    let mut seen: BTreeMap<trailmap::SmallString, (String, trailmap::SmallString, Option<String>)> = BTreeMap::new();
    let mut shared = 0;
    for (name, _, roadmap) in bundled() {
        for skill in &roadmap.skills {
            match seen.get(&skill.id) {
                Some((first, skill_name, description)) => {
                    shared += 1;
                    assert_eq!(&skill.name, skill_name, "`{}` is named differently in {name} and {first}", skill.id);
                    assert_eq!(
                        &skill.description, description,
                        "`{}` is described differently in {name} and {first}",
                        skill.id
                    );
                }
                None => {
                    seen.insert(skill.id.clone(), (name.clone(), skill.name.clone(), skill.description.clone()));
                }
            }
        }
    }
    assert!(shared > 50, "the roadmaps share skills ({shared} repeats)");
    for common in ["python", "git", "docker", "fastapi", "mlflow", "pytorch", "sql"] {
        assert!(seen.contains_key(common), "{common} is in the vocabulary");
    }
}

#[test]
fn alternatives_are_any_of_groups_not_silent_choices() {
    // "TensorFlow or PyTorch", "Flask or FastAPI", "MLflow or Weights & Biases"
    let roadmaps = bundled();
    let groups: Vec<Vec<trailmap::SmallString>> = roadmaps
        .iter()
        .flat_map(|(_, _, r)| r.skills.iter().flat_map(|s| s.prerequisites.iter()))
        .filter_map(|p| match p {
            trailmap::Prerequisite::AnyOf(g) => Some(g.any_of.clone()),
            trailmap::Prerequisite::Skill(_) => None,
        })
        .collect();
    for pair in [["tensorflow", "pytorch"], ["flask", "fastapi"], ["mlflow", "weights-and-biases"]] {
        assert!(
            groups.iter().any(|g| pair.iter().all(|id| g.iter().any(|m| m == id))),
            "no any_of group with {pair:?}"
        );
    }
}

#[test]
fn prerequisites_a_teacher_would_defend() {
    for (name, _, roadmap) in bundled() {
        let graph = trailmap::SkillGraph::new(&roadmap);
        assert!(graph.learning_order().is_ok(), "{name} is acyclic");
        let needs = |skill: &str, prerequisite: &str| graph.all_prerequisites(skill).contains(&prerequisite);
        for (skill, prerequisite) in
            [("cnn", "neural-networks"), ("fastapi", "python"), ("dockerize-ml-model", "docker")]
        {
            if graph.skill(skill).is_some() && graph.skill(prerequisite).is_some() {
                assert!(needs(skill, prerequisite), "{name}: `{skill}` should need `{prerequisite}`");
            }
        }
    }
}

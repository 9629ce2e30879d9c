//! The salvage after schema errors: cut out (or neutralise) the offending
//! values, then rebuild as much of the roadmap as deserializes, keeping
//! each item's original index so pointers stay right.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Roadmap;
use crate::check::Origins;
use crate::diagnostic::push_token;
use crate::validate::Prune;

/// Deserializes one field leniently: a wrong type gives the default (the
/// schema stage has already reported it).
fn field<T: DeserializeOwned + Default>(object: &serde_json::Map<String, Value>, key: &str) -> T {
    object.get(key).and_then(|v| T::deserialize(v).ok()).unwrap_or_default()
}

/// The elements of an array member that deserialize, with their original
/// indices so that diagnostics point at the right element.
fn items<T: DeserializeOwned>(object: &serde_json::Map<String, Value>, key: &str) -> (Vec<T>, Vec<usize>) {
    let mut out = Vec::new();
    let mut origin = Vec::new();
    if let Some(Value::Array(values)) = object.get(key) {
        for (i, v) in values.iter().enumerate() {
            if let Ok(item) = T::deserialize(v) {
                out.push(item);
                origin.push(i);
            }
        }
    }
    (out, origin)
}

/// Rebuilds as much of a roadmap as deserializes, for the meaning checks.
pub(super) fn lenient_roadmap(value: &Value) -> Option<(Roadmap, Origins)> {
    let object = value.as_object()?;
    let (skills, skill_origin) = items(object, "skills");
    let (phases, phase_origin) = items(object, "phases");
    let (projects, project_origin) = items(object, "projects");
    let (practices, practice_origin) = items(object, "practices");
    let (milestones, milestone_origin) = items(object, "milestones");
    let (exclusions, exclusion_origin) = items(object, "exclusions");
    let (areas, area_origin) = items(object, "areas");
    let roadmap = Roadmap {
        schema: field(object, "$schema"),
        id: field(object, "id"),
        title: field(object, "title"),
        version: object.get("version").and_then(Value::as_str).unwrap_or("0.0.0").to_owned(),
        summary: field(object, "summary"),
        audience: field(object, "audience"),
        target_role: field(object, "target_role"),
        duration: field(object, "duration"),
        hours_per_week: field(object, "hours_per_week"),
        source: field(object, "source"),
        license: field(object, "license"),
        tags: field(object, "tags"),
        principles: field(object, "principles"),
        skills,
        phases,
        projects,
        practices,
        milestones,
        exclusions,
        areas,
        extensions: Default::default(),
    };
    let origins = Origins::Mapped {
        skills: skill_origin,
        phases: phase_origin,
        projects: project_origin,
        practices: practice_origin,
        milestones: milestone_origin,
        exclusions: exclusion_origin,
        areas: area_origin,
    };
    Some((roadmap, origins))
}

pub(super) fn prune(value: &mut Value, prunes: Vec<Prune>) {
    let mut removals: Vec<Vec<String>> = Vec::new();
    for p in prunes {
        match p {
            Prune::Remove(pointer) => removals.push(crate::diagnostic::pointer_tokens(&pointer)),
            Prune::Fill(pointer, key) => {
                if let Some(Value::Object(object)) = value.pointer_mut(&pointer) {
                    object.entry(key.clone()).or_insert_with(|| neutral(&key).unwrap_or_else(|| Value::from("")));
                }
            }
        }
    }
    // Deepest and last first, so earlier removals do not move later ones.
    removals.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| index_key(b).cmp(&index_key(a))));
    for tokens in removals {
        let Some((last, parent)) = tokens.split_last() else { continue };
        let mut parent_pointer = String::new();
        for t in parent {
            push_token(&mut parent_pointer, t);
        }
        match value.pointer_mut(&parent_pointer) {
            Some(Value::Object(object)) => {
                // Replace what may be required; drop what is optional.
                match neutral(last) {
                    Some(v) => {
                        object.insert(last.clone(), v);
                    }
                    None => {
                        object.remove(last);
                    }
                }
            }
            Some(Value::Array(items)) => {
                if let Ok(i) = last.parse::<usize>() {
                    // Top-level items keep their slot (their origin index
                    // matters); the lenient parse drops them.
                    if parent.len() == 1 {
                        if let Some(item) = items.get_mut(i) {
                            *item = Value::Null;
                        }
                    } else if i < items.len() {
                        items.remove(i);
                    }
                }
            }
            _ => {}
        }
    }
}

fn index_key(tokens: &[String]) -> Vec<usize> {
    tokens.iter().map(|t| t.parse::<usize>().unwrap_or(0)).collect()
}

/// A value that satisfies the type of a member that may be required, by
/// member name; `None` for members that are always optional.
fn neutral(key: &str) -> Option<Value> {
    Some(match key {
        "skills" | "criteria" | "any_of" => Value::Array(Vec::new()),
        "start" => Value::from(1),
        "unit" => Value::from("week"),
        "cadence" => Value::from("ongoing"),
        "status" => Value::from("learning"),
        // A valid version: the schema error already says what is wrong.
        "version" => Value::from("0.0.0"),
        "name" | "title" | "text" | "activity" | "skill" => Value::from(""),
        _ => return None,
    })
}

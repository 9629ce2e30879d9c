//! The mutations of the schema ≡ types properties: a document with one of
//! every object type of the model, and changes to any of its nodes.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::dag;

/// A random DAG with one of every object type of the model around it: the
/// roadmap's own fields and duration, its source, a skill with every
/// field and resources, nested phases with a span of days and tasks,
/// projects, practices, milestones with criteria, exclusions, areas with
/// noted skills, extension keys. Valid as it stands
/// (`every_type_documents_are_valid`), so each mutation is what makes it
/// invalid, if anything does.
pub(super) fn every_type() -> impl Strategy<Value = Value> {
    dag().prop_map(with_every_type)
}

/// [`every_type`] around a fixed DAG of three skills (one `any_of`).
pub(super) fn fixed_every_type() -> Value {
    let skills = json!([
        {"id": "s0", "name": "Skill 0"},
        {"id": "s1", "name": "Skill 1", "prerequisites": ["s0"]},
        {"id": "s2", "name": "Skill 2", "prerequisites": [{"any_of": ["s0", "s1"]}]}
    ]);
    let phases = crate::common::phases(&[0usize, 1, 1], 2);
    with_every_type(json!({"id": "fixed", "title": "Fixed", "version": "1.0.0", "skills": skills, "phases": phases}))
}

/// Adds one of every object type to a roadmap whose phase `p0` teaches
/// skill `s0`.
pub(super) fn with_every_type(mut value: Value) -> Value {
    let object = value.as_object_mut().unwrap();
    for (key, v) in every_type_fields() {
        object.insert(key, v);
    }
    let skill = value["skills"][0].as_object_mut().unwrap();
    for (key, v) in json!({
        "aliases": ["zero"], "area": "core", "description": "The first.", "note": "Start here.",
        "effort_hours": 2.5, "level": "beginner", "optional": true, "topics": ["basics"],
        "former_ids": ["old-s0"], "x-owner": {"team": "ml"},
        "resources": [{"title": "Book", "url": "https://example.org/b", "kind": "book"}, {"title": "Notes"}]
    })
    .as_object()
    .unwrap()
    {
        skill.insert(key.clone(), v.clone());
    }
    value["phases"][0]["phases"] = json!([{
        "id": "p0-w1", "title": "Week 1", "kind": "week", "goal": "Begin", "description": "First days.",
        "ongoing": false, "parallel": true, "topics": ["setup"], "skills": ["s0"],
        "span": {"unit": "day", "start": 1, "end": 2, "label": "Day 1-2"},
        "tasks": [{"text": "Set up", "skills": ["s0", {"any_of": ["s0"]}], "deliverables": ["a repo"], "project": "proj"}],
        "phases": [{"id": "p0-w1-d1", "title": "Day 1", "kind": "day", "span": {"unit": "day", "start": 1}}],
        "x-note": 1
    }]);
    value
}

/// The roadmap-level fields and items of [`every_type`].
pub(super) fn every_type_fields() -> serde_json::Map<String, Value> {
    let fields = json!({
        "$schema": "https://trailmap.dev/schemas/roadmap.schema.json",
        "summary": "Everything once.", "audience": "Testers", "target_role": "Engineer",
        "duration": {"unit": "month", "start": 1, "end": 3, "label": "0-3 Months"},
        "hours_per_week": 10, "license": "CC-BY-4.0", "tags": ["test"], "principles": ["Cover every type"],
        "source": {"title": "Seed", "author": "A", "url": "https://example.org", "file": "seeds/000.txt", "x-a": 1},
        "projects": [{"id": "proj", "title": "Build", "number": 1, "optional": true, "phase": "p0",
                      "description": "A project.", "skills": ["s0"], "deliverables": ["an app"]}],
        "practices": [{"id": "prac", "cadence": "daily", "activity": "Kata", "phase": "p0",
                       "skills": ["s0"], "topics": ["arrays"]}],
        "milestones": [{"id": "ms", "title": "Ready", "kind": "checklist", "phase": "p0", "description": "When done.",
                        "criteria": [{"text": "Knows s0", "done": true, "target": 3, "skills": ["s0"]}]}],
        "exclusions": [{"id": "ex", "title": "Not this", "reason": "Out of scope", "skill": "s0", "phase": "p0"}],
        "areas": [{"id": "area", "name": "Core", "description": "The basics",
                   "skills": ["s0", {"skill": "s0", "note": "main", "label": "S0 (main)"}]}],
        "x-generator": "properties.rs"
    });
    fields.as_object().unwrap().clone()
}

/// A progress file with every field.
pub(super) fn progress_every_type() -> Value {
    json!({
        "$schema": "https://trailmap.dev/schemas/progress.schema.json",
        "roadmaps": ["random"],
        "skills": {
            "s0": {"status": "done", "hours": 2.5, "date": "2026-11-30", "note": "easy", "x-mood": "good"},
            "s1": {"status": "learning"}
        },
        "x-tool": {"version": 1}
    })
}

/// A change that may or may not keep a document valid, on one node (an
/// object or an array). Indices are taken modulo what they index.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mutation {
    /// Removes the object's `n`th key, or the array's `n`th item.
    Remove(usize),
    /// Changes the value of the object's `n`th key (or the array's `n`th
    /// item) to its `m`th [`neighbour`]: another type, a number past a
    /// bound or written as a float, a string that is no id, no date or no
    /// enum value, an item repeated, …
    Change(usize, usize),
    /// Sets the `n`th key the schema names anywhere (or a typo, or an `x-`
    /// key) to sample `m`, or (`m` past the samples) to the value that key
    /// has elsewhere in the base document; on an array, appends sample `m`.
    Add(usize, usize),
    /// Replaces the node with sample `m`.
    Replace(usize),
}

/// How many neighbours [`neighbour`] has at most.
pub(super) const NEIGHBOURS: usize = 10;

/// The `m`th neighbour of a value (modulo how many it has).
pub(super) fn neighbour(value: &Value, m: usize) -> Value {
    let options: Vec<Value> = match value {
        Value::Null => vec![json!(1), json!("s0"), json!([]), json!({})],
        Value::Bool(b) => vec![json!(!b), json!(null), json!("true"), json!(0)],
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            vec![
                json!(f),
                json!(f + 0.5),
                json!(-f - 1.0),
                json!(0),
                json!(4294967296u64),
                json!(f.to_string()),
                json!(null),
            ]
        }
        Value::String(s) => vec![
            json!(""),
            json!("bad id!"),
            json!("x".repeat(129)),
            json!(format!("{s}x")),
            json!("guru"),
            json!("2026-02-30"),
            json!("yesterday"),
            json!(1),
            json!(null),
            json!([s]),
        ],
        Value::Array(items) => {
            let with = |extra: Value| {
                let mut items = items.clone();
                items.push(extra);
                Value::Array(items)
            };
            vec![
                json!([]),
                with(items.first().cloned().unwrap_or(json!("s0"))),
                with(json!(1)),
                with(json!({})),
                with(json!("s0")),
                with(json!({"any_of": ["s0"]})),
                json!({}),
                json!(null),
                json!("s0"),
            ]
        }
        Value::Object(object) => {
            let with = |key: &str, extra: Value| {
                let mut object = object.clone();
                object.insert(key.to_owned(), extra);
                Value::Object(object)
            };
            vec![
                json!({}),
                json!(null),
                json!([value]),
                with("nmae", json!(1)),
                with("x-a", json!(1)),
                json!("s0"),
                json!(1),
            ]
        }
    };
    options[m % options.len()].clone()
}

/// Where each mutation applies: a kind of node (its pointer with indices
/// as `*`, so every object type is as likely as every other however many
/// of it there are), then one node of that kind, then the change.
pub(super) type Targeted = (prop::sample::Index, prop::sample::Index, Mutation);

pub(super) fn mutations() -> impl Strategy<Value = Vec<Targeted>> {
    use prop::sample::Index;
    let mutation = prop_oneof![
        2 => any::<usize>().prop_map(Mutation::Remove),
        5 => (any::<usize>(), 0..NEIGHBOURS).prop_map(|(n, m)| Mutation::Change(n, m)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(n, m)| Mutation::Add(n, m)),
        1 => any::<usize>().prop_map(Mutation::Replace),
    ];
    proptest::collection::vec((any::<Index>(), any::<Index>(), mutation), 1..4)
}

/// What the mutations draw from: every property name and `enum` value the
/// schema mentions, values of every JSON type near the model's bounds
/// (ids, spans, hours, dates) and of the model's shapes, and the value
/// each key has in the base document.
pub(super) struct Words {
    keys: Vec<String>,
    samples: Vec<Value>,
    seen: std::collections::BTreeMap<String, Value>,
}

pub(super) fn words(schema: &Value, base: &Value) -> Words {
    let mut keys = std::collections::BTreeSet::from(["nmae".to_owned(), "x-owner".to_owned()]);
    let mut samples = vec![
        json!(null),
        json!(true),
        json!(0),
        json!(1),
        json!(-1),
        json!(1.0),
        json!(2.5),
        json!(4294967296u64),
        json!(""),
        json!("s0"),
        json!("bad id!"),
        json!("guru"),
        json!("2026-11-30"),
        json!("yesterday"),
        json!([]),
        json!(["s0"]),
        json!([1]),
        json!([{"any_of": ["s0"]}]),
        json!([{"skill": "s0", "note": "n"}]),
        json!([{"title": "R", "kind": "video"}]),
        json!([{"text": "t"}]),
        json!([{"id": "n", "title": "N"}]),
        json!({}),
        json!({"any_of": ["s0"]}),
        json!({"unit": "week", "start": 1}),
        json!({"unit": "day", "start": 0}),
        json!({"skill": "s0"}),
        json!({"title": "t"}),
        json!({"x-a": 1}),
        json!({"id": "n", "title": "N"}),
        json!({"status": "done", "hours": 1}),
    ];
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(object) => {
                if let Some(Value::Object(properties)) = object.get("properties") {
                    keys.extend(properties.keys().cloned());
                }
                if let Some(Value::Array(values)) = object.get("enum") {
                    samples.extend(values.iter().cloned());
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    let mut stack = vec![base];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(object) => {
                for (k, v) in object {
                    seen.entry(k.clone()).or_insert_with(|| v.clone());
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    Words { keys: keys.into_iter().collect(), samples, seen }
}

/// Every object and array in `value` by kind (its pointer with array
/// indices as `*`), each kind's nodes in document order.
pub(super) fn nodes(value: &Value) -> Vec<Vec<String>> {
    let mut kinds: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut stack = vec![(String::new(), String::new(), value)];
    while let Some((pointer, kind, node)) = stack.pop() {
        let children: Vec<(String, String, &Value)> = match node {
            Value::Object(object) => object
                .iter()
                .map(|(k, v)| {
                    let token = k.replace('~', "~0").replace('/', "~1");
                    (format!("{pointer}/{token}"), format!("{kind}/{token}"), v)
                })
                .collect(),
            Value::Array(items) => {
                items.iter().enumerate().map(|(i, v)| (format!("{pointer}/{i}"), format!("{kind}/*"), v)).collect()
            }
            _ => continue,
        };
        kinds.entry(kind).or_default().push(pointer);
        stack.extend(children.into_iter().rev());
    }
    kinds.into_values().collect()
}

/// Applies `mutation` to the node at `pointer`.
pub(super) fn mutate_at(value: &mut Value, pointer: &str, words: &Words, mutation: Mutation) {
    let Some(node) = value.pointer_mut(pointer) else { return };
    match (mutation, node) {
        (Mutation::Remove(n), Value::Object(object)) if !object.is_empty() => {
            let key = object.keys().nth(n % object.len()).unwrap().clone();
            object.remove(&key);
        }
        (Mutation::Remove(n), Value::Array(items)) if !items.is_empty() => {
            items.remove(n % items.len());
        }
        (Mutation::Change(n, m), Value::Object(object)) if !object.is_empty() => {
            let key = object.keys().nth(n % object.len()).unwrap().clone();
            let changed = neighbour(&object[&key], m);
            object.insert(key, changed);
        }
        (Mutation::Change(n, m), Value::Array(items)) if !items.is_empty() => {
            let i = n % items.len();
            items[i] = neighbour(&items[i], m);
        }
        (Mutation::Add(n, m), Value::Object(object)) => {
            let key = &words.keys[n % words.keys.len()];
            let sample = m % (words.samples.len() + 1);
            let value = words.samples.get(sample).or_else(|| words.seen.get(key)).cloned().unwrap_or(json!("s0"));
            object.insert(key.clone(), value);
        }
        (Mutation::Add(_, m), Value::Array(items)) => items.push(words.samples[m % words.samples.len()].clone()),
        (Mutation::Replace(m), node) => *node = words.samples[m % words.samples.len()].clone(),
        _ => {}
    }
}

pub(super) fn mutate(value: &mut Value, words: &Words, (kind, member, mutation): &Targeted) {
    let kinds = nodes(value);
    if kinds.is_empty() {
        return; // The document is a scalar now: nothing left to change.
    }
    let pointers = &kinds[kind.index(kinds.len())];
    let pointer = pointers[member.index(pointers.len())].clone();
    mutate_at(value, &pointer, words, *mutation);
}

/// Every single mutation of every node of `base`, one at a time: every
/// key removed, changed to each neighbour and (as it is elsewhere) added.
pub(super) fn every_single_mutation(base: &Value, words: &Words) -> Vec<(String, Mutation)> {
    let mut out = Vec::new();
    for pointer in nodes(base).into_iter().flatten() {
        let size = match base.pointer(&pointer) {
            Some(Value::Object(object)) => object.len(),
            Some(Value::Array(items)) => items.len(),
            _ => 0,
        };
        for n in 0..size {
            out.push((pointer.clone(), Mutation::Remove(n)));
            out.extend((0..NEIGHBOURS).map(|m| (pointer.clone(), Mutation::Change(n, m))));
        }
        if matches!(base.pointer(&pointer), Some(Value::Object(_))) {
            let as_elsewhere = words.samples.len();
            out.extend((0..words.keys.len()).map(|n| (pointer.clone(), Mutation::Add(n, as_elsewhere))));
        }
    }
    out
}

//! Properties of the diff and of progress migration on random valid
//! roadmaps.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};
use trailmap::{Progress, Roadmap, SkillProgress, Status};
use trailmap_diff::{Bump, Change, ChangeKind, diff, migrate_progress, overall_bump};

const NAMES: [&str; 8] = ["Python", "Git", "NumPy", "Pandas", "PyTorch", "Docker", "SQL", "Statistics"];

/// Random choices for one skill: name, optional, effort, and prerequisite
/// picks `(member, second member, any_of?)` among the skills before it.
type SkillParts = (usize, bool, Option<u8>, Vec<(usize, usize, bool)>);

fn skill_parts() -> impl Strategy<Value = SkillParts> {
    (
        0..NAMES.len(),
        any::<bool>(),
        proptest::option::of(1u8..40),
        proptest::collection::vec((0..64usize, 0..64usize, any::<bool>()), 0..3),
    )
}

/// Counts of the other item kinds and the random picks they use.
type Extras = (usize, usize, usize, usize, usize, Vec<usize>);

/// A random valid roadmap as JSON. Prerequisites only point at earlier
/// skills (no cycle), phases are assigned in skill order (no skill before
/// its prerequisites), and items other than skills only name skills in the
/// first half, so the last skill can be removed alone.
fn roadmap_json() -> impl Strategy<Value = Value> {
    (1usize..9)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(skill_parts(), n),
                0usize..4,
                any::<bool>(),
                proptest::collection::vec(0usize..5, n),
                (0usize..3, 0usize..3, 0usize..3, 0usize..3, 0usize..3, proptest::collection::vec(0usize..64, 12)),
            )
        })
        .prop_map(|(skills, phase_count, nest, mut placement, extras)| {
            build(skills, phase_count, nest, &mut placement, extras)
        })
}

fn build(skills: Vec<SkillParts>, phase_count: usize, nest: bool, placement: &mut [usize], extras: Extras) -> Value {
    let n = skills.len();
    let id = |i: usize| format!("s{i}");
    let mut skill_values = Vec::new();
    for (i, (name, optional, effort, picks)) in skills.into_iter().enumerate() {
        let mut prerequisites: Vec<Value> = Vec::new();
        if i > 0 {
            for (a, b, group) in picks {
                let entry =
                    if group && a % i != b % i { json!({"any_of": [id(a % i), id(b % i)]}) } else { json!(id(a % i)) };
                if !prerequisites.contains(&entry) {
                    prerequisites.push(entry);
                }
            }
        }
        let mut skill = json!({"id": id(i), "name": format!("{} {i}", NAMES[name]), "description": format!("About {}", NAMES[name])});
        if optional {
            skill["optional"] = json!(true);
        }
        if let Some(h) = effort {
            skill["effort_hours"] = json!(h);
        }
        if !prerequisites.is_empty() {
            skill["prerequisites"] = json!(prerequisites);
        }
        skill_values.push(skill);
    }
    // Non-decreasing phase per skill; `phase_count` means "no phase".
    placement.sort_unstable();
    let mut phases: Vec<Value> = (0..phase_count)
        .map(|p| {
            let taught: Vec<String> = (0..n).filter(|&i| placement[i] == p).map(id).collect();
            json!({"id": format!("p{p}"), "title": format!("Phase {p}"), "skills": taught})
        })
        .collect();
    if nest && phases.len() >= 2 {
        // p1 nested in p0 keeps the pre-order p0, p1, p2, …
        let child = phases.remove(1);
        phases[0]["phases"] = json!([child]);
    }
    let (projects, milestones, practices, exclusions, areas, picks) = extras;
    let half = n / 2;
    let pick =
        |k: usize| -> Vec<String> { if half == 0 { Vec::new() } else { vec![id(picks[k % picks.len()] % half)] } };
    json!({
        "id": "random", "title": "Random roadmap", "version": "1.0.0",
        "skills": skill_values, "phases": phases,
        "projects": (0..projects).map(|k| json!({"id": format!("proj{k}"), "title": format!("Project {k}"), "skills": pick(k)})).collect::<Vec<_>>(),
        "milestones": (0..milestones).map(|k| json!({"id": format!("m{k}"), "title": format!("Milestone {k}"),
            "criteria": [{"text": format!("Criterion {k}"), "skills": pick(k + 3)}]})).collect::<Vec<_>>(),
        "practices": (0..practices).map(|k| json!({"id": format!("pr{k}"), "cadence": "daily", "activity": format!("Practice {k}"), "skills": pick(k + 6)})).collect::<Vec<_>>(),
        "exclusions": (0..exclusions).map(|k| json!({"id": format!("x{k}"), "title": format!("Exclusion {k}")})).collect::<Vec<_>>(),
        "areas": (0..areas).map(|k| json!({"id": format!("a{k}"), "name": format!("Area {k}"), "skills": pick(k + 9)})).collect::<Vec<_>>(),
    })
}

fn load(value: &Value) -> Roadmap {
    let loaded = Roadmap::from_json_str(&value.to_string());
    assert!(loaded.is_valid(), "generated roadmap is invalid: {:?}\n{value:#}", loaded.diagnostics);
    loaded.roadmap.expect("valid roadmap")
}

/// Replaces every string equal to `from` (ids never collide with names).
fn replace_strings(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::String(s) if s == from => *s = to.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_strings(v, from, to)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_strings(v, from, to)),
        _ => {}
    }
}

/// Removes every array element equal to the string `id`.
fn remove_strings(value: &mut Value, id: &str) {
    match value {
        Value::Array(items) => {
            items.retain(|v| v.as_str() != Some(id));
            items.iter_mut().for_each(|v| remove_strings(v, id));
        }
        Value::Object(map) => map.values_mut().for_each(|v| remove_strings(v, id)),
        _ => {}
    }
}

fn kinds(changes: &[Change]) -> Vec<ChangeKind> {
    changes.iter().map(|c| c.kind).collect()
}

/// A known edit: what it changes, and the change it must yield.
#[derive(Debug, Clone)]
enum Mutation {
    RemoveLastSkill,
    AddEdge(usize, usize),
    Rename(usize),
    EditName(usize),
    EditDescription(usize),
    EditPhaseTitle,
    ToggleOptional(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::RemoveLastSkill),
        (0..64usize, 0..64usize).prop_map(|(a, b)| Mutation::AddEdge(a, b)),
        (0..64usize).prop_map(Mutation::Rename),
        (0..64usize).prop_map(Mutation::EditName),
        (0..64usize).prop_map(Mutation::EditDescription),
        Just(Mutation::EditPhaseTitle),
        (0..64usize).prop_map(Mutation::ToggleOptional),
    ]
}

/// Applies the mutation; `None` when it does not apply to this roadmap.
fn apply(value: &Value, mutation: &Mutation) -> Option<(Value, ChangeKind)> {
    let mut out = value.clone();
    let n = value["skills"].as_array()?.len();
    if n == 0 {
        return None;
    }
    let kind = match *mutation {
        Mutation::RemoveLastSkill => {
            let id = format!("s{}", n - 1);
            out["skills"].as_array_mut()?.pop();
            remove_strings(&mut out, &id);
            ChangeKind::SkillRemoved
        }
        Mutation::AddEdge(a, b) => {
            if n < 2 {
                return None;
            }
            let i = 1 + a % (n - 1);
            let j = b % i;
            let prerequisite = json!(format!("s{j}"));
            let skill = &mut out["skills"][i];
            let list = skill.as_object_mut()?.entry("prerequisites").or_insert_with(|| json!([]));
            if list.to_string().contains(&format!("\"s{j}\"")) {
                return None;
            }
            list.as_array_mut()?.push(prerequisite);
            ChangeKind::PrerequisiteAdded
        }
        Mutation::Rename(k) => {
            let (from, to) = (format!("s{}", k % n), format!("renamed-{}", k % n));
            replace_strings(&mut out, &from, &to);
            out["skills"][k % n]["former_ids"] = json!([from]);
            ChangeKind::SkillRenamed
        }
        Mutation::EditName(k) => {
            let name = format!("{} (edited)", out["skills"][k % n]["name"].as_str()?);
            out["skills"][k % n]["name"] = json!(name);
            ChangeKind::SkillNameChanged
        }
        Mutation::EditDescription(k) => {
            out["skills"][k % n]["description"] = json!("Rewritten");
            ChangeKind::SkillDescriptionChanged
        }
        Mutation::EditPhaseTitle => {
            let phase = out["phases"].as_array_mut()?.first_mut()?;
            phase["title"] = json!("Renamed phase");
            ChangeKind::PhaseChanged
        }
        Mutation::ToggleOptional(k) => {
            let skill = out["skills"][k % n].as_object_mut()?;
            if skill.remove("optional").is_some() {
                ChangeKind::SkillMadeRequired
            } else {
                skill.insert("optional".into(), json!(true));
                ChangeKind::SkillMadeOptional
            }
        }
    };
    Some((out, kind))
}

const ADDED_REMOVED: [(ChangeKind, ChangeKind); 7] = [
    (ChangeKind::SkillAdded, ChangeKind::SkillRemoved),
    (ChangeKind::PhaseAdded, ChangeKind::PhaseRemoved),
    (ChangeKind::ProjectAdded, ChangeKind::ProjectRemoved),
    (ChangeKind::PracticeAdded, ChangeKind::PracticeRemoved),
    (ChangeKind::MilestoneAdded, ChangeKind::MilestoneRemoved),
    (ChangeKind::ExclusionAdded, ChangeKind::ExclusionRemoved),
    (ChangeKind::AreaAdded, ChangeKind::AreaRemoved),
];

fn ids_of(changes: &[Change], kind: ChangeKind) -> Vec<String> {
    let mut ids: Vec<String> = changes.iter().filter(|c| c.kind == kind).map(|c| c.id.clone()).collect();
    ids.sort();
    ids
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_roadmap_does_not_differ_from_itself(value in roadmap_json()) {
        let roadmap = load(&value);
        let changes = diff(&roadmap, &roadmap);
        prop_assert!(changes.is_empty(), "{changes:#?}");
        prop_assert_eq!(overall_bump(&changes), Bump::None);
    }

    #[test]
    fn added_one_way_is_removed_the_other(a in roadmap_json(), b in roadmap_json()) {
        let (a, b) = (load(&a), load(&b));
        let (forward, backward) = (diff(&a, &b), diff(&b, &a));
        for (added, removed) in ADDED_REMOVED {
            prop_assert_eq!(ids_of(&forward, added), ids_of(&backward, removed), "{} / {}", added, removed);
            prop_assert_eq!(ids_of(&forward, removed), ids_of(&backward, added), "{} / {}", removed, added);
        }
        prop_assert_eq!(overall_bump(&forward), forward.iter().map(|c| c.bump).max().unwrap_or(Bump::None));
    }

    #[test]
    fn a_known_mutation_yields_exactly_its_change(value in roadmap_json(), m in mutation()) {
        let Some((mutated, kind)) = apply(&value, &m) else { return Ok(()) };
        let (old, new) = (load(&value), load(&mutated));
        let changes = diff(&old, &new);
        prop_assert_eq!(kinds(&changes), vec![kind], "{:?}: {:#?}", m, changes);
        prop_assert_eq!(overall_bump(&changes), kind.bump());
        prop_assert_eq!(changes[0].bump, kind.bump());
    }

    #[test]
    fn migration_never_drops_an_entry(
        value in roadmap_json(),
        edits in proptest::collection::vec(mutation(), 0..4),
        entries in proptest::collection::vec((0..10usize, 0..3usize, 0..3usize), 0..10),
    ) {
        let mut mutated = value.clone();
        for m in &edits {
            if let Some((next, _)) = apply(&mutated, m) {
                // Keep every step valid (a second rename of one skill would
                // need two former ids; skip it).
                if Roadmap::from_json_str(&next.to_string()).is_valid() {
                    mutated = next;
                }
            }
        }
        let (old, new) = (load(&value), load(&mutated));
        let mut progress = Progress::default();
        for (k, which, status) in entries {
            // Old ids, renamed ids (both present: a conflict) and unknown ones.
            let id = match which { 0 => format!("s{k}"), 1 => format!("renamed-{k}"), _ => format!("other-{k}") };
            let status = [Status::Done, Status::Learning, Status::Skipped][status];
            let mut entry = SkillProgress::new(status);
            entry.hours = Some(k as f64);
            entry.note = Some(format!("note {k}"));
            progress.skills.0.insert(id, entry);
        }
        let migration = migrate_progress(&old, &new, &progress);
        let after = &migration.progress.skills.0;
        prop_assert_eq!(after.len(), progress.skills.0.len(), "no entry dropped or duplicated");
        let mut before_values: Vec<String> = progress.skills.0.values().map(|v| format!("{v:?}")).collect();
        let mut after_values: Vec<String> = after.values().map(|v| format!("{v:?}")).collect();
        before_values.sort();
        after_values.sort();
        prop_assert_eq!(before_values, after_values, "every entry kept with its content");
        let current: BTreeMap<&str, &str> = new.skills.iter()
            .flat_map(|s| std::iter::once((s.id.as_str(), s.id.as_str())).chain(s.former_ids.iter().map(move |f| (f.as_str(), s.id.as_str()))))
            .collect();
        for (id, entry) in &progress.skills.0 {
            if let Some(to) = current.get(id.as_str()) {
                let kept = after.get(*to) == Some(entry) || after.get(id) == Some(entry);
                prop_assert!(kept, "entry `{}` of a skill that exists as `{}` was lost", id, to);
            }
        }
        // Rewriting the file itself gives the same progress.
        let mut document = serde_json::to_value(&progress).expect("progress serialises");
        migration.apply_to(&mut document);
        let reparsed = Progress::from_json_str(&document.to_string());
        prop_assert_eq!(reparsed.progress.as_ref(), Some(&migration.progress));
    }
}

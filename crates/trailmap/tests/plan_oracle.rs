//! `plan` against brute force on small roadmaps: no step can be left out,
//! and where no prerequisite is shared the plan costs least of all.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};
use trailmap::{Progress, Roadmap, SkillGraph, Status};

fn load(value: &Value) -> Roadmap {
    let loaded = Roadmap::from_json_str(&value.to_string());
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    loaded.roadmap.unwrap()
}

fn ids(plan: &trailmap::query::Plan<'_>) -> Vec<String> {
    plan.steps.iter().map(|s| s.skill.id.to_string()).collect()
}

/// Hours a skill still takes, as `plan` counts them.
fn remaining(graph: &SkillGraph<'_>, progress: &Progress, id: &str) -> f64 {
    let effort = graph.effort(id).unwrap().hours;
    let logged = match progress.skills.0.get(id) {
        Some(p) if p.status == Status::Learning => p.hours.unwrap_or(0.0),
        _ => 0.0,
    };
    (effort - logged).max(0.0)
}

/// Whether the skills of `chosen` (indices) plus the done and skipped ones
/// hold every goal and every prerequisite of each chosen skill. The random
/// roadmaps are acyclic, so closure is enough for an order to exist.
fn complete(roadmap: &Roadmap, progress: &Progress, goals: &[usize], chosen: &[bool]) -> bool {
    let have = |i: usize| chosen[i] || progress.is_satisfied(&roadmap.skills[i].id);
    let index = |id: &str| roadmap.skills.iter().position(|s| s.id == id).unwrap();
    goals.iter().all(|&g| have(g))
        && (0..roadmap.skills.len())
            .filter(|&i| chosen[i])
            .all(|i| roadmap.skills[i].prerequisites.iter().all(|p| p.skill_ids().any(|id| have(index(id)))))
}

/// The least hours of any complete choice of skills, by trying them all.
fn brute_force_least(graph: &SkillGraph<'_>, roadmap: &Roadmap, progress: &Progress, goals: &[usize]) -> f64 {
    let n = roadmap.skills.len();
    let open: Vec<usize> = (0..n).filter(|&i| !progress.is_satisfied(&roadmap.skills[i].id)).collect();
    let mut best = f64::INFINITY;
    for mask in 0u32..(1 << open.len()) {
        let mut chosen = vec![false; n];
        for (bit, &i) in open.iter().enumerate() {
            chosen[i] = mask & (1 << bit) != 0;
        }
        if complete(roadmap, progress, goals, &chosen) {
            let hours: f64 =
                (0..n).filter(|&i| chosen[i]).map(|i| remaining(graph, progress, &roadmap.skills[i].id)).sum();
            best = best.min(hours);
        }
    }
    best
}

fn progress_of(statuses: &[u8], logged: u32) -> Progress {
    let mut progress = Progress::default();
    for (i, s) in statuses.iter().enumerate() {
        let status = match s {
            0 => Status::Done,
            1 => Status::Skipped,
            2 => Status::Learning,
            _ => continue,
        };
        let id = format!("s{i}");
        progress.mark_all([id.as_str()], status);
        if status == Status::Learning {
            progress.skills.0.get_mut(&id).unwrap().hours = Some(f64::from(logged));
        }
    }
    progress
}

/// A small random DAG (skill `i` needs only skills `< i`, some as `any_of`
/// groups) with random efforts (some missing, taken from random phases)
/// and statuses.
fn dag() -> impl Strategy<Value = (Value, Vec<u8>, usize)> {
    (1usize..10).prop_flat_map(|n| {
        (
            proptest::collection::vec(
                proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<prop::sample::Index>()), 0..3),
                n,
            ),
            proptest::collection::vec(proptest::option::of(0u32..30), n),
            proptest::collection::vec(0u8..7, n),
            0..n,
            proptest::collection::vec(0u8..3, n),
        )
            .prop_map(move |(prereqs, efforts, statuses, goal, phase_of)| {
                let skills: Vec<Value> = (0..n)
                    .map(|i| {
                        let mut skill = json!({"id": format!("s{i}"), "name": format!("Skill {i}"),
                            "prerequisites": common::prerequisites(i, &prereqs[i])});
                        if let Some(h) = efforts[i] {
                            skill["effort_hours"] = json!(h);
                        }
                        skill
                    })
                    .collect();
                let phases = common::phases(&phase_of, 3);
                (
                    json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills, "phases": phases}),
                    statuses,
                    goal,
                )
            })
    })
}

/// A small random forest: each skill is a prerequisite of at most one
/// later skill, plainly or in one of its two `any_of` groups, so no
/// prerequisite is shared. Statuses are done, skipped or none.
fn forest() -> impl Strategy<Value = (Value, Vec<u8>, usize)> {
    (1usize..11).prop_flat_map(|n| {
        (
            proptest::collection::vec((proptest::option::weighted(0.9, any::<prop::sample::Index>()), 0u8..3), n),
            proptest::collection::vec(proptest::option::weighted(0.9, 0u32..30), n),
            proptest::collection::vec(prop_oneof![8 => Just(9u8), 1 => Just(0u8), 1 => Just(1u8)], n),
            0..n,
        )
            .prop_map(move |(parents, efforts, statuses, goal)| {
                // entries[p][slot]: the children of p in slot 0 (plain), 1 or 2 (groups).
                let mut entries = vec![[Vec::new(), Vec::new(), Vec::new()]; n];
                for (j, (parent, slot)) in parents.iter().enumerate() {
                    if let Some(parent) = parent.filter(|_| j + 1 < n) {
                        let p = j + 1 + parent.index(n - j - 1);
                        entries[p][*slot as usize].push(format!("s{j}"));
                    }
                }
                let skills: Vec<Value> = (0..n)
                    .map(|i| {
                        let [plain, g1, g2] = &entries[i];
                        let mut list: Vec<Value> = plain.iter().map(|id| json!(id)).collect();
                        for group in [g1, g2] {
                            match group.len() {
                                0 => {}
                                1 => list.push(json!(group[0])),
                                _ => list.push(json!({"any_of": group})),
                            }
                        }
                        let mut skill =
                            json!({"id": format!("s{i}"), "name": format!("Skill {i}"), "prerequisites": list});
                        if let Some(h) = efforts[i] {
                            skill["effort_hours"] = json!(h);
                        }
                        skill
                    })
                    .collect();
                (json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills}), statuses, goal)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every step is needed: without any one step that is not a goal,
    /// the plan misses a prerequisite.
    #[test]
    fn no_step_can_be_left_out((value, statuses, goal) in dag(), logged in 0u32..20) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let progress = progress_of(&statuses, logged);
        let plan = graph.plan(&[format!("s{goal}")], &progress).unwrap();
        let n = roadmap.skills.len();
        let mut chosen = vec![false; n];
        for step in &plan.steps {
            chosen[roadmap.skills.iter().position(|s| s.id == step.skill.id).unwrap()] = true;
        }
        prop_assert!(complete(&roadmap, &progress, &[goal], &chosen), "{:?}", ids(&plan));
        let planned: Vec<usize> = (0..n).filter(|&i| chosen[i] && i != goal).collect();
        for i in planned {
            chosen[i] = false;
            prop_assert!(!complete(&roadmap, &progress, &[goal], &chosen), "s{} is not needed in {:?}", i, ids(&plan));
            chosen[i] = true;
        }
    }

    /// Where no prerequisite is shared, each group's member is the one
    /// whose whole remaining closure costs least, so the plan costs the
    /// least any complete choice can.
    #[test]
    fn without_sharing_the_plan_costs_least((value, statuses, goal) in forest()) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let progress = progress_of(&statuses, 0);
        let plan = graph.plan(&[format!("s{goal}")], &progress).unwrap();
        let least = brute_force_least(&graph, &roadmap, &progress, &[goal]);
        prop_assert!((plan.total_hours - least).abs() < 1e-9, "{} h for {:?}, {} h possible", plan.total_hours, ids(&plan), least);
    }
}

fn roadmap(skills: Value) -> Roadmap {
    load(&json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills}))
}

#[test]
fn a_group_a_planned_skill_satisfies_adds_nothing() {
    // openapi needs flask, so flask serves serving's group too.
    let roadmap = roadmap(json!([
        {"id": "flask", "name": "Flask", "effort_hours": 6},
        {"id": "fastapi", "name": "FastAPI", "effort_hours": 4},
        {"id": "openapi", "name": "OpenAPI docs", "prerequisites": ["flask"], "effort_hours": 2},
        {"id": "serving", "name": "Serving", "prerequisites": [{"any_of": ["flask", "fastapi"]}, "openapi"], "effort_hours": 5}
    ]));
    let graph = SkillGraph::new(&roadmap);
    let plan = graph.plan(&["serving"], &Progress::default()).unwrap();
    assert_eq!(ids(&plan), ["flask", "openapi", "serving"]);
    assert_eq!(plan.total_hours, 13.0);
    assert!(plan.steps.iter().all(|s| s.chosen.is_none()), "no choice was left to make");
}

#[test]
fn an_alternative_is_weighed_with_what_it_still_needs() {
    let roadmap = roadmap(json!([
        {"id": "cpp", "name": "C++", "effort_hours": 100},
        {"id": "python", "name": "Python", "effort_hours": 20},
        {"id": "pytorch-cpp", "name": "LibTorch", "prerequisites": ["cpp"], "effort_hours": 3},
        {"id": "pytorch", "name": "PyTorch", "prerequisites": ["python"], "effort_hours": 5},
        {"id": "dl", "name": "Deep learning", "prerequisites": [{"any_of": ["pytorch-cpp", "pytorch"]}], "effort_hours": 5}
    ]));
    let graph = SkillGraph::new(&roadmap);
    let plan = graph.plan(&["dl"], &Progress::default()).unwrap();
    assert_eq!(ids(&plan), ["python", "pytorch", "dl"]);
    let choice = plan.steps[1].chosen.as_ref().unwrap();
    assert_eq!(
        (choice.over.as_slice(), choice.why),
        (&["pytorch-cpp".to_owned()][..], trailmap::query::Choice::LEAST_EFFORT)
    );
    // With C++ known, LibTorch is the cheaper path.
    let plan = graph.plan(&["dl"], &Progress::with_done(["cpp"])).unwrap();
    assert_eq!(ids(&plan), ["pytorch-cpp", "dl"]);
    // Both languages known: LibTorch takes 3 h, PyTorch 5 h.
    let plan = graph.plan(&["dl"], &Progress::with_done(["cpp", "python"])).unwrap();
    assert_eq!(ids(&plan), ["pytorch-cpp", "dl"]);
    assert_eq!(plan.steps[0].chosen.as_ref().unwrap().why, trailmap::query::Choice::LEAST_EFFORT);
}

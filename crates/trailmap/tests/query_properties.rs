//! Properties of the learner queries on random DAGs with random progress.

use std::collections::{HashMap, HashSet};

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};
use trailmap::query::NextOptions;
use trailmap::{Progress, Roadmap, SkillGraph, Status};

/// A random DAG (skill `i` needs only skills `< i`, some as `any_of`
/// groups), random efforts (some missing), random phases, and random
/// progress (done, learning, skipped or nothing).
fn case() -> impl Strategy<Value = (Value, Vec<u8>)> {
    (1usize..30)
        .prop_flat_map(|n| {
            (
                Just(n),
                proptest::collection::vec(
                    proptest::collection::vec(
                        (any::<prop::sample::Index>(), 0u8..4, any::<prop::sample::Index>()),
                        0..3,
                    ),
                    n,
                ),
                proptest::collection::vec(proptest::option::of(1u32..30), n),
                proptest::collection::vec(0u8..6, n),
                proptest::collection::vec(0u8..3, n),
            )
        })
        .prop_map(|(n, prereqs, efforts, statuses, phase_of)| {
            let skills: Vec<Value> = (0..n)
                .map(|i| {
                    let list = common::prerequisites(i, &prereqs[i]);
                    let mut skill = json!({"id": format!("s{i}"), "name": format!("Skill {i}"), "prerequisites": list});
                    if let Some(h) = efforts[i] {
                        skill["effort_hours"] = json!(h);
                    }
                    skill
                })
                .collect();
            let phases = common::phases(&phase_of, 3);
            (json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills, "phases": phases}), statuses)
        })
}

fn progress_of(statuses: &[u8]) -> Progress {
    let mut progress = Progress::default();
    for (i, s) in statuses.iter().enumerate() {
        let status = match s {
            0 => Status::Done,
            1 => Status::Learning,
            2 => Status::Skipped,
            _ => continue,
        };
        progress.mark_all([format!("s{i}").as_str()], status);
    }
    progress
}

fn load(value: &Value) -> Roadmap {
    let loaded = Roadmap::from_json_str(&value.to_string());
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    loaded.roadmap.unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// `next` returns exactly the skills that are not done and whose every
    /// prerequisite is satisfied (an any-of group by one member).
    #[test]
    fn next_is_sound_and_complete((value, statuses) in case()) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let progress = progress_of(&statuses);
        let next: HashSet<&str> = graph.next(&progress, &NextOptions::default()).unwrap().iter().map(|s| s.skill.id.as_str()).collect();
        for skill in &roadmap.skills {
            let satisfied = |id: &str| progress.is_satisfied(id);
            let unlocked = skill.prerequisites.iter().all(|p| p.skill_ids().any(satisfied));
            let qualifies = !progress.is_satisfied(&skill.id) && unlocked;
            prop_assert_eq!(next.contains(skill.id.as_str()), qualifies, "skill {}", skill.id);
        }
        // Learning skills come first.
        let ranked = graph.next(&progress, &NextOptions::default()).unwrap();
        let first_other = ranked.iter().position(|s| progress.status(&s.skill.id) != Some(Status::Learning)).unwrap_or(ranked.len());
        prop_assert!(ranked[first_other..].iter().all(|s| progress.status(&s.skill.id) != Some(Status::Learning)));
    }

    /// `plan` is closed under prerequisites, topologically ordered, and
    /// holds no done or skipped skill.
    #[test]
    fn plan_is_closed_and_ordered((value, statuses) in case(), goal in any::<prop::sample::Index>()) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let progress = progress_of(&statuses);
        let goal_id = roadmap.skills[goal.index(roadmap.skills.len())].id.clone();
        let plan = graph.plan(&[goal_id.as_str()], &progress).unwrap();
        let position: HashMap<&str, usize> = plan.steps.iter().enumerate().map(|(i, s)| (s.skill.id.as_str(), i)).collect();
        prop_assert_eq!(position.len(), plan.steps.len(), "no skill twice");
        if !progress.is_satisfied(&goal_id) {
            prop_assert!(position.contains_key(goal_id.as_str()));
        }
        for step in &plan.steps {
            prop_assert!(!progress.is_satisfied(&step.skill.id), "{} is done", step.skill.id);
            for p in &step.skill.prerequisites {
                let ids: Vec<&str> = p.skill_ids().collect();
                if ids.iter().any(|id| progress.is_satisfied(id)) {
                    continue;
                }
                // Some member is planned, before this skill.
                let planned: Vec<usize> = ids.iter().filter_map(|id| position.get(id).copied()).collect();
                prop_assert!(!planned.is_empty(), "{} misses {:?}", step.skill.id, ids);
                prop_assert!(planned.iter().any(|&at| at < position[step.skill.id.as_str()]));
            }
        }
        let total: f64 = plan.steps.iter().map(|s| s.remaining_hours).sum();
        prop_assert!((total - plan.total_hours).abs() < 1e-6);
    }

    /// `schedule` schedules every planned skill exactly once, never starts
    /// a skill before a planned prerequisite ends, and never exceeds the
    /// weekly hours.
    #[test]
    fn schedule_respects_order_and_capacity((value, statuses) in case(), hours in 1u32..20) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let progress = progress_of(&statuses);
        let plan = graph.plan_all(&progress).unwrap();
        let schedule = plan.schedule(f64::from(hours)).unwrap();
        prop_assert_eq!(schedule.items.len(), plan.steps.len());
        let mut per_week: HashMap<u32, f64> = HashMap::new();
        let mut end_of: HashMap<&str, (u32, usize)> = HashMap::new();
        for (k, item) in schedule.items.iter().enumerate() {
            prop_assert_eq!(&item.skill.id, &plan.steps[k].skill.id, "plan order kept");
            let total: f64 = item.hours_by_week.iter().sum();
            prop_assert!((total - item.remaining_hours).abs() < 0.05, "{} hours {} vs {}", item.skill.id, total, item.remaining_hours);
            prop_assert_eq!(item.hours_by_week.len() as u32, item.end_week - item.start_week + 1);
            for (w, h) in item.hours_by_week.iter().enumerate() {
                *per_week.entry(item.start_week + w as u32).or_default() += h;
            }
            for p in &item.skill.prerequisites {
                for id in p.skill_ids() {
                    if let Some(&(end, order)) = end_of.get(id) {
                        // A prerequisite ends no later than this one starts,
                        // and before it in the learner's sequence.
                        prop_assert!(end <= item.start_week && order < k);
                    }
                }
            }
            end_of.insert(item.skill.id.as_str(), (item.end_week, k));
        }
        for (week, h) in per_week {
            prop_assert!(h <= f64::from(hours) + 0.05, "week {} has {} h", week, h);
        }
    }

    /// The learner's pace changes the weeks, never the hours: every skill
    /// takes the same hours at any pace, the schedule's total equals the
    /// plan's, and the weeks are the hours over the pace, rounded up
    /// (packing is sequential, so no week but the last is left short).
    #[test]
    fn the_pace_changes_weeks_not_hours((value, statuses) in case(), slow in 1u32..8, factor in 2u32..12, logged in 0u32..20) {
        let roadmap = load(&value);
        let graph = SkillGraph::new(&roadmap);
        let mut progress = progress_of(&statuses);
        // Hours logged on skills being learned are taken off, never below 0.
        for entry in progress.skills.0.values_mut() {
            if entry.status == Status::Learning {
                entry.hours = Some(f64::from(logged));
            }
        }
        let plan = graph.plan_all(&progress).unwrap();
        for step in &plan.steps {
            let expected = (step.effort.hours - step.logged_hours).max(0.0);
            prop_assert!((step.remaining_hours - expected).abs() < 1e-9);
            let shared = graph.effort(&step.skill.id);
            prop_assert_eq!(Some(&step.effort), shared.as_ref(), "one estimate");
        }
        let (slow, fast) = (f64::from(slow), f64::from(slow * factor));
        let a = plan.schedule(slow).unwrap();
        let b = plan.schedule(fast).unwrap();
        prop_assert!((a.total_hours - b.total_hours).abs() < 1e-9);
        prop_assert!((a.total_hours - plan.total_hours).abs() < 1e-9);
        for (x, y) in a.items.iter().zip(&b.items) {
            prop_assert_eq!(x.remaining_hours, y.remaining_hours);
        }
        for (s, pace) in [(&a, slow), (&b, fast)] {
            if s.items.iter().any(|i| i.remaining_hours > 1e-6) {
                let expected = (s.total_hours / pace - 1e-9).ceil().max(1.0);
                prop_assert_eq!(f64::from(s.weeks), expected, "{} h at {}", s.total_hours, pace);
            }
        }
    }
}

//! A roadmap and a progress file, split at a NUL byte -> the learner
//! queries (`next`, `plan`, `plan_all`, `schedule`) and the progress
//! checks, on whatever models the loaders produced.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use trailmap::query::NextOptions;
use trailmap::{Progress, Roadmap, SkillGraph};

fuzz_target!(|data: &[u8]| {
    let parts = common::split(data, 2);
    let options = common::options();
    let loaded = Roadmap::from_slice_with(parts[0], "roadmap.json", &options);
    let Some(roadmap) = &loaded.roadmap else { return };
    let progress = match parts.get(1) {
        Some(bytes) => {
            let loaded = Progress::from_slice_with(bytes, "progress.json", &options);
            let source = std::str::from_utf8(bytes).ok();
            common::check_diagnostics(source, bytes.len(), &loaded.diagnostics);
            let Some(progress) = loaded.progress else { return };
            let mut warnings = progress.unknown_skills(&[roadmap]);
            if let Some(source) = source {
                trailmap::locate(source, &mut warnings);
                common::check_diagnostics(Some(source), bytes.len(), &warnings);
            }
            progress
        }
        None => Progress::default(),
    };

    let graph = SkillGraph::new(roadmap);
    let mut goals: Vec<&str> = roadmap.skills.iter().rev().take(2).map(|s| s.id.as_str()).collect();
    let next = graph.next(&progress, &NextOptions::default().with_goals(goals.iter().copied())).unwrap_or_default();
    for suggestion in &next {
        assert!(!progress.is_satisfied(&suggestion.skill.id), "suggested a satisfied skill");
        for reason in &suggestion.reasons {
            let _ = reason.to_string();
        }
    }
    let limited = graph.next(&progress, &NextOptions::default().with_limit(3)).unwrap_or_default();
    assert!(limited.len() <= 3);

    // The roadmap's own pace, else a common one; also a pace the CLI refuses.
    let pace = roadmap.hours_per_week.unwrap_or(10.0);
    if let Ok(plan) = graph.plan_all(&progress) {
        for hours_per_week in [pace, 10.0, 0.0, -1.0] {
            let _ = plan.schedule(hours_per_week);
        }
    }
    goals.push("no-such-skill");
    if let Ok(plan) = graph.plan(&goals[..goals.len().min(2)], &progress) {
        if let Ok(schedule) = plan.schedule(pace) {
            assert_eq!(schedule.items.len(), plan.steps.len());
        }
    }
    if roadmap.skills.iter().all(|s| s.id != "no-such-skill") {
        assert!(graph.plan(&goals, &progress).is_err(), "an unknown goal is an error");
        let options = NextOptions::default().with_goals(goals.iter().copied());
        assert!(graph.next(&progress, &options).is_err(), "an unknown goal is an error in next too");
    }
});

//! The nested phases: days in weeks in top-level phases, skills placed in
//! file order.

use trailmap::{Phase, PhaseKind, Prerequisite, Skill, Task, TimeUnit};

use super::{TOPICS, phase, span, u32_of};
use crate::rng::Rng;

/// A top-level phase: its index in `roadmap.phases`, the weeks it spans
/// (ids and numbers) and the range of skill indices it teaches.
pub(super) struct Section {
    pub(super) id: String,
    pub(super) week_ids: Vec<String>,
    pub(super) skills: std::ops::Range<usize>,
    pub(super) first_week_skills: std::ops::Range<usize>,
}

/// Places the skills, in file order, into weeks of three day ranges
/// (days 1-2, 3-4 and 5-6, 3-7 skills each) and sometimes the week itself,
/// and groups 4-8 weeks into a top-level phase. Returns the phases, the
/// number of weeks and what each top-level phase covers.
pub(super) fn phases_for(skills: &[Skill], rng: &mut Rng) -> (Vec<Phase>, u32, Vec<Section>) {
    let n = skills.len();
    let mut next = 0usize;
    let mut weeks: Vec<(Phase, std::ops::Range<usize>)> = Vec::new();
    while next < n {
        let w = u32_of(weeks.len() + 1);
        let start = next;
        let mut week = phase(
            format!("week-{w}"),
            format!("Week {w}: {} and more", skills[next].name),
            PhaseKind::Week,
            span(TimeUnit::Week, w, None, None),
        );
        for _ in 0..rng.below(3) {
            if next < n {
                week.skills.push(skills[next].id.clone());
                next += 1;
            }
        }
        for (a, b) in [(1u32, 2u32), (3, 4), (5, 6)] {
            if next >= n {
                break;
            }
            let count = (3 + rng.below(5)).min(n - next);
            let mut day = phase(
                format!("week-{w}-day-{a}-{b}"),
                format!("{} and {}", skills[next].name, if count > 1 { "friends" } else { "review" }),
                PhaseKind::Day,
                span(TimeUnit::Day, a, Some(b), Some(format!("Day {a}-{b}"))),
            );
            day.skills = skills[next..next + count].iter().map(|s| s.id.clone()).collect();
            if rng.percent(50) {
                day.topics.push(TOPICS[rng.below(TOPICS.len())].to_owned());
            }
            next += count;
            week.phases.push(day);
        }
        if rng.percent(20) {
            week.description = Some("Practise every day; keep notes of what was hard.".to_owned());
        }
        if let Some(s) = skills.get(start) {
            let mut task = Task::new(format!("Build a small exercise with {}", s.name));
            task.skills = vec![Prerequisite::Skill(s.id.clone())];
            task.deliverables = vec!["a notebook".to_owned(), "a short write-up".to_owned()];
            week.tasks.push(task);
        }
        weeks.push((week, start..next));
    }
    let total_weeks = u32_of(weeks.len());
    let mut phases = Vec::new();
    let mut sections = Vec::new();
    let mut weeks = weeks.into_iter().peekable();
    while weeks.peek().is_some() {
        let p = phases.len() + 1;
        let take = 4 + rng.below(5);
        let group: Vec<(Phase, std::ops::Range<usize>)> = weeks.by_ref().take(take).collect();
        let (Some(first), Some(last)) = (group.first(), group.last()) else { break };
        let (ws, we) = (first.0.span.as_ref().map_or(1, |s| s.start), last.0.span.as_ref().map_or(1, |s| s.start));
        let skills_range = first.1.start..last.1.end;
        let first_week_skills = first.1.clone();
        let id = format!("stage-{p}");
        let mut top = phase(
            id.clone(),
            format!("Stage {p}: {}", skills[skills_range.start].name),
            PhaseKind::Phase,
            span(TimeUnit::Week, ws, (we > ws).then_some(we), Some(format!("Weeks {ws}-{we}"))),
        );
        top.goal = Some(format!("Apply the skills of weeks {ws}-{we} without help."));
        let week_ids = group.iter().map(|(w, _)| w.id.clone()).collect();
        top.phases = group.into_iter().map(|(w, _)| w).collect();
        phases.push(top);
        sections.push(Section { id, week_ids, skills: skills_range, first_week_skills });
    }
    (phases, total_weeks, sections)
}

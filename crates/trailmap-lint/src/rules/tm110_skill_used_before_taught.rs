//! ## What it does
//!
//! Checks that the skills a project, practice or milestone uses are taught
//! in its phase or before it.
//!
//! ## Why it matters
//!
//! "Project #7: Docker + API" in week 9 cannot be built by a learner who
//! only meets Docker in week 11. Either the project sits in the wrong phase
//! or it lists a skill it does not need.
//!
//! ## Example
//!
//! ```json
//! "projects": [{ "id": "api", "title": "Docker + API", "phase": "week-9", "skills": ["docker"] }],
//! "phases": [{ "id": "week-9", "title": "Week 9" }, { "id": "week-11", "title": "Week 11", "skills": ["docker"] }]
//! ```
//!
//! ## Fix
//!
//! Move the project (or practice, or milestone) to a later phase, teach the
//! skill earlier, or remove it from the list. For "X or Y", list an
//! `{"any_of": [...]}` group: one member taught in time is enough.

use trailmap::Prerequisite;

use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let r = ctx.roadmap;
    let mut uses: Vec<(String, Option<&str>, String, Vec<&Prerequisite>)> = Vec::new();
    for (i, p) in r.projects.iter().enumerate() {
        uses.push((format!("project `{}`", p.id), p.phase.as_deref(), format!("/projects/{i}/skills"), p.skills.iter().collect()));
    }
    for (i, m) in r.milestones.iter().enumerate() {
        for (c, criterion) in m.criteria.iter().enumerate() {
            uses.push((
                format!("milestone `{}`", m.id),
                m.phase.as_deref(),
                format!("/milestones/{i}/criteria/{c}/skills"),
                criterion.skills.iter().collect(),
            ));
        }
    }
    let practice_skills: Vec<Vec<Prerequisite>> =
        r.practices.iter().map(|p| p.skills.iter().cloned().map(Prerequisite::Skill).collect()).collect();
    for (i, p) in r.practices.iter().enumerate() {
        uses.push((format!("practice `{}`", p.id), p.phase.as_deref(), format!("/practices/{i}/skills"), practice_skills[i].iter().collect()));
    }
    for (what, phase, base, skills) in uses {
        let Some(&at) = phase.and_then(|p| ctx.phase_index.get(p)) else { continue };
        for (k, entry) in skills.into_iter().enumerate() {
            let taught: Vec<(&str, usize)> =
                entry.skill_ids().filter_map(|id| ctx.taught_at(id).map(|t| (id, t))).collect();
            if taught.is_empty() || taught.iter().any(|&(_, t)| !ctx.strictly_after(t, at)) {
                continue;
            }
            let (id, t) = taught[0];
            out.push(
                ctx.diag(
                    rule,
                    format!(
                        "{what} in \"{}\" uses `{id}`, which is only taught later, in \"{}\"",
                        ctx.phase_title(at),
                        ctx.phase_title(t)
                    ),
                )
                .at(format!("{base}/{k}"))
                .with_help("move it to a later phase, or teach the skill earlier"),
            );
        }
    }
}

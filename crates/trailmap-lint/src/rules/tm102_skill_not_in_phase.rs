//! ## What it does
//!
//! Checks that every skill is taught in some phase, when the roadmap has
//! phases at all.
//!
//! ## Why it matters
//!
//! A skill that no phase teaches has no place in the learner's timeline:
//! schedules cannot estimate it and readers of the rendered roadmap never
//! see it in context. It is often a skill that was renamed in the phase
//! list but not in `skills`.
//!
//! ## Example
//!
//! ```json
//! "skills": [{ "id": "git", "name": "Git" }, { "id": "docker", "name": "Docker" }],
//! "phases": [{ "id": "week-1", "title": "Week 1", "skills": ["git"] }]
//! ```
//!
//! ## Fix
//!
//! List the skill in the `skills` of the phase that teaches it.


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    if ctx.phases.is_empty() {
        return;
    }
    for (i, skill) in ctx.roadmap.skills.iter().enumerate() {
        if ctx.graph.phase_index_at(i).is_none() {
            out.push(
                ctx.diag(rule, format!("skill `{}` is not taught in any phase", skill.id))
                    .at(format!("{}/id", ctx.skill_pointer(i)))
                    .with_help("add the skill id to the `skills` of the phase that teaches it"),
            );
        }
    }
}

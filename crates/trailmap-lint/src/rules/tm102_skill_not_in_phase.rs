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


use trailmap::Diagnostic;

use crate::context::Context;
use crate::findings::{Findings, InSkill, NO_TEXT, Quoting, SkillFindings, Texts};
use crate::registry::Rule;

/// One finding per skill outside every phase: a roadmap with a few
/// phases can have one on most skills, so they are kept compact until
/// written.
pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    if ctx.phases.is_empty() {
        return;
    }
    let mut compact = SkillFindings::new(ctx, rule, InSkill::Field("id"), Texts::SkillIds, diagnostic);
    for i in 0..ctx.roadmap.skills.len() {
        if ctx.graph.phase_index_at(i).is_none() {
            out.extend(compact.push(i, 0, [NO_TEXT, NO_TEXT]));
        }
    }
    out.push_compact(compact);
}

/// The diagnostic of a skill taught in no phase (its id is all it quotes).
fn diagnostic(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let id = quoting.skill;
    Diagnostic::new(rule.code, rule.name, rule.default_severity, ["skill `", id, "` is not taught in any phase"].concat())
        .with_help("add the skill id to the `skills` of the phase that teaches it")
}

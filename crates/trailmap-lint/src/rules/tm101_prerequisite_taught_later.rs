//! ## What it does
//!
//! Checks that every prerequisite of a skill is taught in the same phase
//! as the skill or an earlier one.
//!
//! ## Why it matters
//!
//! A learner following the roadmap in order meets the skill before what it
//! needs: either the prerequisite is wrong, or the phases are out of order.
//! Skills in a parallel or ongoing phase, and skills taught at a phase's own
//! level (which spans its nested phases), are not "later".
//!
//! ## Example
//!
//! ```json
//! "skills": [{ "id": "cnn", "name": "CNNs", "prerequisites": ["neural-networks"] }, …],
//! "phases": [
//!   { "id": "week-1", "title": "Week 1", "skills": ["cnn"] },
//!   { "id": "week-2", "title": "Week 2", "skills": ["neural-networks"] }
//! ]
//! ```
//!
//! ## Fix
//!
//! Teach the prerequisite earlier, move the skill later, or drop the
//! prerequisite. When the source roadmap really orders them so, keep it,
//! say why in the skill's `note`, and suppress the finding with
//! `"x-lint-allow": [{"rule": "TM101", "reason": "…"}]` on the skill.

use trailmap::Prerequisite;

use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let skills = &ctx.roadmap.skills;
    for (i, skill) in skills.iter().enumerate() {
        let Some(at) = ctx.graph.phase_index_at(i) else { continue };
        for requirement in ctx.graph.requirements_at(i) {
            // An any-of group is fine when one member is taught in time.
            let mut taught = requirement.members.iter().filter_map(|&m| ctx.graph.phase_index_at(m as usize).map(|p| (m, p)));
            let Some((first, p)) = taught.next() else { continue };
            if !ctx.strictly_after(p, at) || taught.any(|(_, p)| !ctx.strictly_after(p, at)) {
                continue;
            }
            let k = requirement.entry as usize;
            let what = match skill.prerequisites.get(k) {
                Some(Prerequisite::AnyOf(_)) => "every alternative of this `any_of` group".to_owned(),
                _ => format!("prerequisite `{}`", skills[first as usize].id),
            };
            out.push(
                ctx.diag(
                    rule,
                    format!(
                        "`{}` is taught in \"{}\", but its {what} is only taught later, in \"{}\"",
                        skill.id,
                        ctx.phase_title(at),
                        ctx.phase_title(p)
                    ),
                )
                .at(format!("{}/prerequisites/{k}", ctx.skill_pointer(i)))
                .with_help("teach the prerequisite earlier, or move the skill to a later phase"),
            );
        }
    }
}

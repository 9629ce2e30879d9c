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
//! A skill with several prerequisites taught later gets one finding, at
//! the first of them, naming them (the first ten in its message) by the
//! phase that teaches them.
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

use trailmap::Diagnostic;

use crate::context::Context;
use crate::findings::{Findings, Group, InSkill, Quoting, SkillFindings, Texts, list_by_second_text};
use crate::registry::Rule;

/// A roadmap whose phases run against its prerequisites has this finding
/// on most skills: they are kept compact until written.
pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    // The texts are the phases' titles, by the phase indices of the graph.
    let titles = Texts::Listed((0..ctx.phases.len()).map(|p| ctx.phase_title(p)).collect());
    let mut compact =
        SkillFindings::new(ctx, rule, InSkill::Entries("prerequisites"), titles, diagnostic)
            .quoting_entries()
            .grouped(group_diagnostic);
    for i in 0..ctx.roadmap.skills.len() {
        let Some(at) = ctx.graph.phase_index_at(i) else { continue };
        for requirement in ctx.graph.requirements_at(i) {
            // An any-of group is fine when one member is taught in time.
            let mut taught = requirement.members.iter().filter_map(|&m| ctx.graph.phase_index_at(m as usize));
            let Some(p) = taught.next() else { continue };
            if !ctx.strictly_after(p, at) || taught.any(|p| !ctx.strictly_after(p, at)) {
                continue;
            }
            out.extend(compact.push(i, requirement.entry as usize, [at, p]));
        }
    }
    out.push_compact(compact);
}

/// The diagnostic of an entry of a skill taught in a phase (the first of
/// `texts`: its title) before a later one (the second) teaches the
/// entry's prerequisite (`entry`: its id; none for an `any_of` group).
fn diagnostic(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let Quoting { skill, entry, texts: [at, later], .. } = quoting;
    // The entry names the skill the graph found for it: its id, or a group.
    let what = match entry {
        Some(id) => format!("prerequisite `{id}`"),
        None => "every alternative of this `any_of` group".to_owned(),
    };
    Diagnostic::new(
        rule.code,
        rule.name,
        rule.default_severity,
        format!("`{skill}` is taught in \"{at}\", but its {what} is only taught later, in \"{later}\""),
    )
    .with_help("teach the prerequisite earlier, or move the skill to a later phase")
}

/// The diagnostic of two or more entries of the skill whose id is
/// `skill` (each finding's texts the titles of the skill's phase and of
/// the later one, its entry the prerequisite's id, or none for a group):
/// "`cnn` is taught in "Week 1", but 3 of its prerequisites are only
/// taught later: `numpy` and `pandas`, in "Week 2"; `polars`, in "Week
/// 5"".
fn group_diagnostic(rule: &Rule, skill: &str, group: &Group<'_, '_>) -> Diagnostic {
    let each = group.each;
    // Every finding of the skill is in its own phase.
    let at = group.quoted(each[0].texts[0]).text;
    let mut message =
        format!("`{skill}` is taught in \"{at}\", but {} of its prerequisites are only taught later: ", each.len());
    list_by_second_text(&mut message, group);
    Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
        .with_help("teach these prerequisites earlier, or move the skill to a later phase")
}

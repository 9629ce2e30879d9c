//! ## What it does
//!
//! Finds a required skill whose prerequisite is optional: `cnn` is
//! required, but needs `tensorflow`, which is marked `optional: true`. An
//! `any_of` group counts as optional only when every member is.
//!
//! ## Why it matters
//!
//! A learner who skips the optional skill, as the roadmap allows, can never
//! unlock the required one. The roadmap contradicts itself.
//!
//! ## Example
//!
//! ```json
//! { "id": "tensorflow", "name": "TensorFlow", "optional": true },
//! { "id": "cnn", "name": "CNNs", "prerequisites": ["tensorflow"] }
//! ```
//!
//! ## Fix
//!
//! Make the prerequisite required, make the skill optional too, or offer an
//! alternative: `{"any_of": ["tensorflow", "pytorch"]}`.


use trailmap::Diagnostic;

use crate::context::Context;
use crate::findings::{Findings, InSkill, NO_TEXT, Quoting, SkillFindings, Texts};
use crate::registry::Rule;

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let skills = &ctx.roadmap.skills;
    // A finding at a prerequisite of one skill is kept compact, quoting
    // its skill's id: a roadmap whose every other skill is optional has one
    // on most of the others.
    let mut compact = SkillFindings::new(ctx, rule, InSkill::Entries("prerequisites"), Texts::SkillIds, one_skill);
    for (i, skill) in skills.iter().enumerate() {
        if skill.optional {
            continue;
        }
        for requirement in ctx.graph.requirements_at(i) {
            if requirement.members.iter().all(|&m| skills[m as usize].optional) {
                if let [m] = requirement.members {
                    out.extend(compact.push(i, requirement.entry as usize, [*m as usize, NO_TEXT]));
                    continue;
                }
                let names: Vec<&str> = requirement.members.iter().map(|&m| skills[m as usize].id.as_str()).collect();
                let d = needs_optional(rule, &skill.id, &names.join("` or `"))
                    .at(format!("{}/prerequisites/{}", ctx.skill_pointer(i), requirement.entry));
                out.push(ctx.in_file(d));
            }
        }
    }
    out.push_compact(compact);
}

/// The diagnostic of a prerequisite of one optional skill, whose id is the
/// finding's first text.
fn one_skill(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let Quoting { skill, texts: [optional, _], .. } = quoting;
    needs_optional(rule, skill, optional)
}

/// The diagnostic of required skill `skill` needing `optional` (one id, or
/// a group's joined by "` or `"), unlocated.
fn needs_optional(rule: &Rule, skill: &str, optional: &str) -> Diagnostic {
    Diagnostic::new(
        rule.code,
        rule.name,
        rule.default_severity,
        ["required skill `", skill, "` needs optional `", optional, "`"].concat(),
    )
    .with_help("make the prerequisite required, make this skill optional, or offer a required alternative")
}

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


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let skills = &ctx.roadmap.skills;
    for (i, skill) in skills.iter().enumerate() {
        if skill.optional {
            continue;
        }
        for requirement in ctx.graph.requirements_at(i) {
            if requirement.members.iter().all(|&m| skills[m as usize].optional) {
                let names: Vec<&str> = requirement.members.iter().map(|&m| skills[m as usize].id.as_str()).collect();
                out.push(
                    ctx.diag(rule, format!("required skill `{}` needs optional `{}`", skill.id, names.join("` or `")))
                        .at(format!("{}/prerequisites/{}", ctx.skill_pointer(i), requirement.entry))
                        .with_help("make the prerequisite required, make this skill optional, or offer a required alternative"),
                );
            }
        }
    }
}

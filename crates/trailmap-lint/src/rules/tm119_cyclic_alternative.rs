//! ## What it does
//!
//! Finds an `any_of` alternative that can only be learned after the skill
//! that lists it: `a` needs one of `b` or `c`, but `b` needs `a`. The skill
//! is still learnable (through `c`), so this is not a TM007 error, but the
//! `b` alternative is a cycle: "`a` can be learned only through `c`".
//!
//! Precisely: member `m` of a group of skill `a` is reported when `a` and
//! `m` can both be learned and `m` cannot be learned without `a`, however
//! long the chain (`b` needs `d`, which needs `a`) and whatever its own
//! alternatives (`b` needs one of `a` or `d`, and `d` needs `b`). One
//! warning per such member, at its place in the group. Not reported: a
//! member that another of its own alternatives lets you learn before `a`
//! (a real way in), and a member that can never be learned at all, which
//! is blocked by a cycle of its own (TM007 reports that cycle).
//!
//! ## Why it matters
//!
//! The roadmap offers a choice that does not exist: a learner who picks the
//! cyclic alternative waits forever. Usually a prerequisite points the
//! wrong way.
//!
//! ## Example
//!
//! ```json
//! { "id": "a", "name": "A", "prerequisites": [{ "any_of": ["b", "c"] }] },
//! { "id": "b", "name": "B", "prerequisites": ["a"] },
//! { "id": "c", "name": "C" }
//! ```
//!
//! ## Fix
//!
//! Remove the alternative from the group, or remove the prerequisite that
//! closes the cycle (here `b` needing `a`).

use trailmap::Diagnostic;

use crate::context::Context;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Vec<Diagnostic>) {
    for found in ctx.graph.cyclic_alternatives() {
        let skill = &ctx.roadmap.skills[found.skill].id;
        let through = found.through.join("` or `");
        out.push(
            ctx.diag(
                rule,
                format!(
                    "`{skill}` can be learned only through `{through}`: the `{}` alternative is a cycle ({})",
                    found.alternative, found.cycle
                ),
            )
            .at(format!("{}/prerequisites/{}/any_of/{}", ctx.skill_pointer(found.skill), found.entry, found.position))
            .with_help(format!(
                "remove `{}` from this group, or the prerequisite that makes it need `{skill}`",
                found.alternative
            )),
        );
    }
}

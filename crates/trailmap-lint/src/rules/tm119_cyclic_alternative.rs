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
//! On a cycle of thousands of skills joined by `any_of` groups the check
//! costs a pass over the cycle per skill: past a bound on that work it
//! stops, and one warning names the first skill it did not check and how
//! many it left.
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


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

/// How much work the search may do: each skill with a group member on a
/// cycle through it costs its strongly connected component's size, and the
/// search may spend this much plus [`WORK_PER_ENTRY`] per skill and
/// prerequisite entry of the roadmap, so that it stays a fraction of the
/// parse even where a skill is spelled in a few bytes (ids, names and
/// prerequisites only: at 128 a skill and entry, the search took 1.28
/// times the parse of such a file, BENCHMARKS.md). Every realistic
/// roadmap is far below: a cycle of 1,000 skills costs 2^20 in all. One
/// of 10,000 skills each needing one of its two neighbours is past it.
pub(crate) const MIN_WORK: u64 = 1 << 20;

/// See [`MIN_WORK`].
pub(crate) const WORK_PER_ENTRY: u64 = 32;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let result = ctx.graph.cyclic_alternatives_within(ctx.work_budget(MIN_WORK, WORK_PER_ENTRY));
    out.extend(ctx.stopped(
        rule,
        "cyclic alternatives",
        &result.unchecked,
        "skills on long cycles of `any_of` groups",
        "each such skill costs a pass over its whole cycle; shorten the cycles, then lint again",
    ));
    for found in result.found {
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

//! ## What it does
//!
//! Checks that a nested phase's span lies within its parent's span.
//!
//! ## Why it matters
//!
//! "Week 5" inside "Week 1-3", or "Day 6-8" inside a one-week phase, is a
//! typo: the nested phase cannot happen outside the phase that holds it.
//! Day spans count from the parent's first day, so "Day 1-2" of "Week 4"
//! is days 22-23 of the roadmap.
//!
//! ## Example
//!
//! ```json
//! { "id": "phase-1", "title": "Foundations", "span": { "unit": "week", "start": 1, "end": 3 },
//!   "phases": [{ "id": "week-5", "title": "Week 5", "span": { "unit": "week", "start": 5 } }] }
//! ```
//!
//! ## Fix
//!
//! Correct the nested span, or move the nested phase to the parent it
//! belongs to.


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;
use crate::rules::tm105_phase_gap::describe_days;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    for node in &ctx.phases {
        let (Some((start, end)), Some(parent)) = (node.days, node.parent) else { continue };
        let Some((p_start, p_end)) = ctx.phases[parent].days else { continue };
        if start < p_start || end > p_end {
            out.push(
                ctx.diag(
                    rule,
                    format!(
                        "phase `{}` ({}) lies outside its parent `{}` ({})",
                        node.phase.id,
                        describe_days(start, end),
                        ctx.phases[parent].phase.id,
                        describe_days(p_start, p_end)
                    ),
                )
                .at(format!("{}/span", node.pointer))
                .with_help("correct the span; day spans count from the parent's first day"),
            );
        }
    }
}

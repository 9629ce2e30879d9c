//! ## What it does
//!
//! Checks that phases side by side (with the same parent) do not overlap
//! in time, unless one of them is marked `parallel` or `ongoing`.
//!
//! ## Why it matters
//!
//! Overlapping spans usually mean a typo ("Week 3-5" after "Week 1-3").
//! When two phases really run at the same time, saying so lets readers and
//! schedules plan for it.
//!
//! ## Example
//!
//! ```json
//! { "id": "phase-1", "title": "Foundations", "span": { "unit": "week", "start": 1, "end": 3 } },
//! { "id": "phase-2", "title": "Deep learning", "span": { "unit": "week", "start": 3, "end": 7 } }
//! ```
//!
//! ## Fix
//!
//! Correct the span, or mark the phase `"parallel": true`.


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    for group in crate::rules::tm105_phase_gap::sibling_groups(ctx) {
        let mut previous: Option<(usize, u64)> = None;
        for (i, (start, end)) in group {
            let phase = ctx.phases[i].phase;
            if phase.parallel || phase.ongoing {
                continue;
            }
            if let Some((p, p_end)) = previous {
                if start <= p_end {
                    out.push(
                        ctx.diag(
                            rule,
                            format!("phase `{}` overlaps phase `{}` ({})", phase.id, ctx.phases[p].phase.id, overlap(start, p_end.min(end))),
                        )
                        .at(format!("{}/span", ctx.phases[i].pointer))
                        .with_help("correct the span, or mark one of the phases `\"parallel\": true`"),
                    );
                }
            }
            if previous.is_none_or(|(_, e)| end > e) {
                previous = Some((i, end));
            }
        }
    }
}

fn overlap(start: u64, end: u64) -> String {
    crate::rules::tm105_phase_gap::describe_days(start, end)
}

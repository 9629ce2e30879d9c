//! ## What it does
//!
//! Checks that phases side by side (with the same parent) are listed in
//! the order of their spans: a phase that starts before one listed above
//! it is reported. Phases marked `parallel` or `ongoing`, which run beside
//! the others, may be listed anywhere.
//!
//! ## Why it matters
//!
//! The file's order is the roadmap's order: `trailmap next` ranks earlier
//! phases first, `schedule` packs them first, the graph draws them from the
//! left, and TM101 calls a phase listed below another "later". A "Weeks
//! 1-2" phase listed after "Weeks 3-4" is taught last everywhere, against
//! what its span says.
//!
//! ## Example
//!
//! ```json
//! { "id": "phase-2", "title": "Weeks 3-4", "span": { "unit": "week", "start": 3, "end": 4 } },
//! { "id": "phase-1", "title": "Weeks 1-2", "span": { "unit": "week", "start": 1, "end": 2 } }
//! ```
//!
//! ## Fix
//!
//! Move the phase above the ones that start after it, or correct its span.

use std::collections::HashMap;

use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;
use crate::rules::tm105_phase_gap::describe_days;

/// A phase's span as the file gives it ("Week 3-4", "Month 1", its label),
/// else its days.
fn span_text(phase: &trailmap::Phase, (start, end): (u64, u64)) -> String {
    phase.span.as_ref().map_or_else(|| describe_days(start, end), ToString::to_string)
}

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    // For each parent, the phase with a span listed so far that starts
    // latest, and its days.
    let mut latest: HashMap<Option<usize>, (usize, (u64, u64))> = HashMap::new();
    for (i, node) in ctx.phases.iter().enumerate() {
        let Some(days) = node.days else { continue };
        if node.phase.parallel || node.phase.ongoing {
            continue;
        }
        match latest.get(&node.parent) {
            Some(&(above, above_days)) if days.0 < above_days.0 => {
                let (id, above) = (&node.phase.id, &ctx.phases[above].phase);
                let message = format!(
                    "phase `{id}` ({}) is listed after phase `{}` ({}), which starts later",
                    span_text(node.phase, days),
                    above.id,
                    span_text(above, above_days),
                );
                let above = &above.id;
                out.push(
                    ctx.diag(rule, message)
                        .at(format!("{}/span", node.pointer))
                        .with_help(format!("move `{id}` above `{above}`, or correct its span")),
                );
            }
            _ => {
                latest.insert(node.parent, (i, days));
            }
        }
    }
}

//! ## What it does
//!
//! Checks that every phase with a span ends within the roadmap's
//! `duration`, when the roadmap states one.
//!
//! ## Why it matters
//!
//! A "12-week" roadmap with a phase in weeks 13-14 either has a typo in the
//! phase or understates its own length; schedules and learners trust the
//! duration.
//!
//! ## Example
//!
//! ```json
//! "duration": { "unit": "week", "start": 1, "end": 12 },
//! "phases": [{ "id": "capstone", "title": "Capstone", "span": { "unit": "week", "start": 13, "end": 14 } }]
//! ```
//!
//! ## Fix
//!
//! Correct the phase's span, or lengthen the roadmap's `duration`.


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;
use crate::rules::tm105_phase_gap::describe_days;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let Some(duration) = &ctx.roadmap.duration else { return };
    let (first, last) = duration.in_days(1);
    for node in &ctx.phases {
        let Some((start, end)) = node.days else { continue };
        if end > last || start < first {
            out.push(
                ctx.diag(
                    rule,
                    format!(
                        "phase `{}` runs {}, outside the roadmap's duration ({})",
                        node.phase.id,
                        describe_days(start, end),
                        describe_days(first, last)
                    ),
                )
                .at(format!("{}/span", node.pointer))
                .with_help("correct the phase's span, or lengthen the roadmap's `duration`"),
            );
        }
    }
}

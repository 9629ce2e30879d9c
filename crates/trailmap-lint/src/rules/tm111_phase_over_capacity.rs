//! ## What it does
//!
//! Checks, when the roadmap states its pace (`hours_per_week`), that the
//! effort of the skills a phase teaches (their `effort_hours`) fits in the
//! phase's span at that pace.
//!
//! ## Why it matters
//!
//! A phase that plans 60 hours into two weeks at 10 hours a week sets the
//! learner up to fall behind from day one, and every schedule built from it
//! slips.
//!
//! ## Example
//!
//! ```json
//! "hours_per_week": 10,
//! "skills": [{ "id": "python", "name": "Python", "effort_hours": 40 }],
//! "phases": [{ "id": "week-1", "title": "Week 1", "span": { "unit": "week", "start": 1 }, "skills": ["python"] }]
//! ```
//!
//! ## Fix
//!
//! Lengthen the phase, move skills out of it, lower the estimates, or state
//! a higher pace.


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let Some(pace) = ctx.roadmap.hours_per_week.filter(|h| h.is_finite() && *h > 0.0) else { return };
    for (i, node) in ctx.phases.iter().enumerate() {
        let Some(span) = &node.phase.span else { continue };
        let capacity = span.duration_weeks() * pace;
        let planned: f64 = ctx
            .graph
            .phase_skill_indices(i)
            .flatten()
            .filter(|&s| ctx.graph.phase_index_at(s) == Some(i))
            .filter_map(|s| ctx.roadmap.skills[s].effort_hours)
            .filter(|h| h.is_finite() && *h > 0.0)
            .sum();
        if planned > capacity + 1e-9 {
            out.push(
                ctx.diag(
                    rule,
                    format!(
                        "phase `{}` plans {planned:.0} h of effort, but its span allows {capacity:.0} h at {pace} h per week",
                        node.phase.id
                    ),
                )
                .at(format!("{}/span", node.pointer))
                .with_help("lengthen the phase, move skills out, or revise the estimates"),
            );
        }
    }
}

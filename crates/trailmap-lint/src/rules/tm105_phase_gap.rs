//! ## What it does
//!
//! Checks that phases side by side (with the same parent) leave no time
//! uncovered between them.
//!
//! ## Why it matters
//!
//! A gap ("Week 1-2", then "Week 5-6") is either a typo or a stretch of the
//! roadmap that nobody wrote down. Learners and schedules cannot tell which.
//!
//! ## Example
//!
//! ```json
//! { "id": "block-1", "title": "Setup", "span": { "unit": "week", "start": 1, "end": 2 } },
//! { "id": "block-2", "title": "Modelling", "span": { "unit": "week", "start": 5, "end": 6 } }
//! ```
//!
//! ## Fix
//!
//! Correct the spans, or add a phase for the missing stretch (even a
//! "Buffer" phase with a description says what the time is for).


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

/// A phase (index into `Context::phases`) and its absolute day range.
pub(crate) type Spanned = (usize, (u64, u64));

/// Spanned phases grouped by parent, each group sorted by start day.
pub(crate) fn sibling_groups(ctx: &Context<'_>) -> Vec<Vec<Spanned>> {
    let mut groups: std::collections::BTreeMap<Option<usize>, Vec<Spanned>> = Default::default();
    for (i, node) in ctx.phases.iter().enumerate() {
        if let Some(days) = node.days {
            groups.entry(node.parent).or_default().push((i, days));
        }
    }
    groups
        .into_values()
        .map(|mut g| {
            g.sort_by_key(|&(i, (start, _))| (start, i));
            g
        })
        .collect()
}

/// "days 15-28 (weeks 3-4)" for a range of absolute days.
pub(crate) fn describe_days(start: u64, end: u64) -> String {
    if (start - 1).is_multiple_of(7) && end.is_multiple_of(7) {
        let (a, b) = ((start - 1) / 7 + 1, end / 7);
        if a == b { format!("week {a}") } else { format!("weeks {a}-{b}") }
    } else if start == end {
        format!("day {start}")
    } else {
        format!("days {start}-{end}")
    }
}

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    for group in sibling_groups(ctx) {
        let mut covered_to: Option<u64> = None;
        for (i, (start, end)) in group {
            if let Some(to) = covered_to {
                if start > to + 1 {
                    out.push(
                        ctx.diag(
                            rule,
                            format!(
                                "{} before phase `{}` are in no phase",
                                describe_days(to + 1, start - 1),
                                ctx.phases[i].phase.id
                            ),
                        )
                        .at(format!("{}/span", ctx.phases[i].pointer))
                        .with_help("correct the spans, or add a phase that says what this time is for"),
                    );
                }
            }
            covered_to = Some(covered_to.map_or(end, |c| c.max(end)));
        }
    }
}

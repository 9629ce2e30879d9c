//! ## What it does
//!
//! Checks that every phase has content: skills, topics, tasks or nested
//! phases, or a project, practice, milestone or exclusion that belongs to
//! it.
//!
//! ## Why it matters
//!
//! An empty phase is a hole in the learner's timeline: a week with nothing
//! to do. It is usually left over from a restructuring.
//!
//! ## Example
//!
//! ```json
//! "phases": [{ "id": "week-5", "title": "Week 5", "span": { "unit": "week", "start": 5 } }]
//! ```
//!
//! ## Fix
//!
//! Fill the phase in, or remove it.

use std::collections::HashSet;


use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    let roadmap = ctx.roadmap;
    let referenced: HashSet<&str> = roadmap
        .projects
        .iter()
        .filter_map(|p| p.phase.as_deref())
        .chain(roadmap.practices.iter().filter_map(|p| p.phase.as_deref()))
        .chain(roadmap.milestones.iter().filter_map(|m| m.phase.as_deref()))
        .chain(roadmap.exclusions.iter().filter_map(|e| e.phase.as_deref()))
        .collect();
    for node in &ctx.phases {
        let p = node.phase;
        if p.skills.is_empty()
            && p.topics.is_empty()
            && p.tasks.is_empty()
            && p.phases.is_empty()
            && !referenced.contains(p.id.as_str())
        {
            out.push(
                ctx.diag(rule, format!("phase `{}` teaches nothing", p.id))
                    .at(format!("{}/id", node.pointer))
                    .with_help("add skills, topics or tasks to the phase, or remove it"),
            );
        }
    }
}

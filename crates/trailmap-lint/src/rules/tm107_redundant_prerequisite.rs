//! ## What it does
//!
//! Finds a prerequisite that another prerequisite of the same skill already
//! implies: `pandas` needs `python` and `numpy`, but `numpy` already needs
//! `python`. A prerequisite listed twice is reported at its first entry;
//! its repeats are TM120's while that rule is on.
//!
//! ## Why it matters
//!
//! Redundant edges clutter the rendered graph and hide the real structure.
//! When the chain changes later (say `numpy` stops needing `python`), the
//! stale edge silently keeps a dependency nobody meant to state.
//!
//! ## Example
//!
//! ```json
//! { "id": "numpy", "name": "NumPy", "prerequisites": ["python"] },
//! { "id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"] }
//! ```
//!
//! ## Fix
//!
//! Remove the redundant entry. `trailmap lint --fix` does it, editing only
//! that entry in the file.

use trailmap::pointer::Pointer;
use trailmap::{Diagnostic, Fix};

use crate::context::Context;
use crate::registry::Rule;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let found = ctx.graph.redundant_prerequisites();
    // On a graph with many long edges there can be several findings per
    // skill: one allocation, not a doubling series of copies.
    out.reserve(found.len());
    for r in found {
        let Some(i) = ctx.skill_index(r.skill) else { continue };
        // Texts joined at their exact size: a graph with long edges can
        // have a few redundant entries per skill, and each `format!` here
        // grew its string once or twice.
        let pointer = Pointer::item("skills", i).with("prerequisites").with(r.entry).into_string();
        let message =
            ["prerequisite `", r.prerequisite, "` of `", r.skill, "` is redundant: `", r.via, "` already needs it"].concat();
        let mut d = ctx
            .diag(rule, message)
            .at(pointer)
            .with_help(["remove `", r.prerequisite, "` from the prerequisites of `", r.skill, "`"].concat());
        // The edits come from the entry's location, found with every other
        // finding's in the run's one scan of the file (`fix::REMOVES_ELEMENT`).
        let message = ["remove the redundant prerequisite `", r.prerequisite, "`"].concat();
        d.fix = Some(Fix { message, edits: Vec::new() });
        out.push(d);
    }
}

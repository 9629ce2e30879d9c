//! ## What it does
//!
//! Finds a prerequisite that another prerequisite of the same skill already
//! implies: `pandas` needs `python` and `numpy`, but `numpy` already needs
//! `python`.
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
        let pointer = format!("{}/prerequisites/{}", ctx.skill_pointer(i), r.entry);
        let mut d = ctx
            .diag(rule, format!("prerequisite `{}` of `{}` is redundant: `{}` already needs it", r.prerequisite, r.skill, r.via))
            .at(pointer)
            .with_help(format!("remove `{}` from the prerequisites of `{}`", r.prerequisite, r.skill));
        // The edits come from the entry's location, found with every other
        // finding's in the run's one scan of the file (`fix::REMOVES_ELEMENT`).
        d.fix = Some(Fix { message: format!("remove the redundant prerequisite `{}`", r.prerequisite), edits: Vec::new() });
        out.push(d);
    }
}

//! ## What it does
//!
//! Finds a prerequisite that another prerequisite of the same skill already
//! implies: `pandas` needs `python` and `numpy`, but `numpy` already needs
//! `python`. A prerequisite listed twice is reported at its first entry;
//! the repeat is TM120's.
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
    let mut repeats = Repeats::default();
    for r in found {
        let Some(i) = ctx.skill_index(r.skill) else { continue };
        if repeats.of(ctx, i).binary_search(&r.entry).is_ok() {
            continue;
        }
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

/// The entries of a skill that repeat an earlier plain entry, for the
/// skill asked last (a skill's findings come together).
#[derive(Default)]
struct Repeats {
    skill: Option<usize>,
    /// Entry indices, ascending.
    entries: Vec<usize>,
    /// The skill's plain members so far: searched in order while few (a
    /// dense roadmap has twenty a skill and a finding on most skills),
    /// then by hash.
    seen: Vec<u32>,
    seen_many: std::collections::HashSet<u32>,
}

/// Members [`Repeats`] searches in order.
const FEW: usize = 32;

impl Repeats {
    fn of(&mut self, ctx: &Context<'_>, skill: usize) -> &[usize] {
        if self.skill != Some(skill) {
            self.skill = Some(skill);
            self.entries.clear();
            self.seen.clear();
            self.seen_many.clear();
            for r in ctx.graph.requirements_at(skill).filter(|r| !r.any_of) {
                let [member] = r.members else { continue };
                let repeat = if self.seen.len() < FEW {
                    let repeat = self.seen.contains(member);
                    self.seen.push(*member);
                    repeat
                } else {
                    if self.seen_many.is_empty() {
                        self.seen_many.extend(self.seen.iter().copied());
                    }
                    !self.seen_many.insert(*member)
                };
                if repeat {
                    self.entries.push(r.entry as usize);
                }
            }
        }
        &self.entries
    }
}

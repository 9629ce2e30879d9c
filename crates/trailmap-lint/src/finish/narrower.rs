//! Findings a wider rule gives up where a narrower one says more of the
//! same place.

use std::collections::HashSet;

use trailmap::Diagnostic;

use crate::findings::SkillFindings;
use crate::rules;

/// Pairs of rules where the second says more of the same place: a finding
/// of the first is dropped where the second has one at the same pointer.
/// A prerequisite listed twice that another one implies is redundant
/// (TM107) at every entry, and a repeat (TM120) at each but the first: one
/// finding per entry. With TM120 off, TM107 still reports every entry, and
/// `--fix` removes them all at once rather than one a round.
const YIELDS_TO: &[(&str, &str)] = &[(rules::TM107.code, rules::TM120.code)];

/// Drops the findings [`YIELDS_TO`] gives to a narrower rule. Compact
/// findings of both at the same place in skills are compared by skill and
/// entry; pointers are made only where a plain diagnostic is in the
/// comparison (a file repeating a prerequisite on most of 100k skills
/// hashed 400,000 pointers).
pub(super) fn yield_to_narrower(diagnostics: &mut Vec<Diagnostic>, compact: &mut [SkillFindings<'_>]) {
    for &(wider, narrower) in YIELDS_TO {
        let mut places: HashSet<String> =
            diagnostics.iter().filter(|d| d.code == narrower).map(|d| d.pointer.clone()).collect();
        if diagnostics.iter().any(|d| d.code == wider) {
            for found in compact.iter().filter(|c| c.rule.code == narrower) {
                places.extend(
                    found.items.iter().map(|item| found.pointer(item.skill as usize, item.entry as usize).into()),
                );
            }
            diagnostics.retain(|d| d.code != wider || !places.contains(&d.pointer));
        }
        for w in 0..compact.len() {
            if compact[w].rule.code != wider {
                continue;
            }
            // The narrower rule's compact findings at the same place in
            // skills, by skill and entry, sorted.
            let at_place = compact.iter().filter(|c| c.rule.code == narrower && c.place == compact[w].place);
            let mut taken: Vec<(u32, u32)> =
                at_place.flat_map(|c| c.items.iter().map(|item| (item.skill, item.entry))).collect();
            if taken.is_empty() && places.is_empty() {
                continue;
            }
            taken.sort_unstable();
            compact[w].retain(|item, pointer| {
                taken.binary_search(&(item.skill, item.entry)).is_err()
                    && (places.is_empty() || !places.contains(pointer().as_str()))
            });
        }
    }
}

//! Findings a wider rule gives up where a narrower one says more of the
//! same place.

use std::collections::HashSet;

use trailmap::Diagnostic;

use crate::findings::{InSkill, SkillFindings};
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
        let plain_wider = diagnostics.iter().any(|d| d.code == wider);
        let mut places: HashSet<String> =
            diagnostics.iter().filter(|d| d.code == narrower).map(|d| d.pointer.clone()).collect();
        // By the place in skills they are at, each narrower compact
        // finding's skill and entry, sorted.
        let mut entries: Vec<(InSkill, Vec<(u32, u32)>)> = Vec::new();
        for found in compact.iter().filter(|c| c.rule.code == narrower) {
            if plain_wider {
                places.extend(
                    found.items.iter().map(|item| found.pointer(item.skill as usize, item.entry as usize).into()),
                );
            }
            let at = match entries.iter().position(|(place, _)| *place == found.place) {
                Some(at) => at,
                None => {
                    entries.push((found.place, Vec::new()));
                    entries.len() - 1
                }
            };
            entries[at].1.extend(found.items.iter().map(|item| (item.skill, item.entry)));
        }
        if places.is_empty() && entries.iter().all(|(_, list)| list.is_empty()) {
            continue;
        }
        for (_, list) in &mut entries {
            list.sort_unstable();
        }
        diagnostics.retain(|d| d.code != wider || !places.contains(&d.pointer));
        for found in compact.iter_mut().filter(|c| c.rule.code == wider) {
            let same_place = entries.iter().find(|(place, _)| *place == found.place).map(|(_, list)| list.as_slice());
            found.retain(|item, pointer| {
                same_place.is_none_or(|list| list.binary_search(&(item.skill, item.entry)).is_err())
                    && (places.is_empty() || !places.contains(pointer().as_str()))
            });
        }
    }
}

//! How [`SkillGraph::plan`] picks a member of an `any_of` group, and how
//! it drops the picks that end up not needed.
//!
//! A member being learned is picked first. Otherwise each member is
//! weighed with everything it still needs: its remaining hours plus, for
//! each of its open requirements, the weight of the member picked there
//! ([`Picker::closure_costs`], one pass over the learning order). A
//! prerequisite shared by two branches is counted in both, so the weight
//! is exact where nothing is shared and an upper bound elsewhere.

use super::Choice;
use crate::graph::{Requirement, SkillGraph};
use crate::{Progress, Status};

/// What picking needs to know, gathered once per plan.
pub(super) struct Picker<'a, 'r> {
    pub(super) graph: &'a SkillGraph<'r>,
    pub(super) progress: &'a Progress,
    /// Position of each skill in the learning order.
    pub(super) rank: &'a [u32],
    /// Done or skipped, by skill index.
    pub(super) satisfied: &'a [bool],
}

/// Two weights this close count as equal (sums of the same hours in
/// another order differ in the last bits).
fn nearly_equal_or_below(a: f64, b: f64) -> bool {
    a <= b + 1e-9 * b.abs().max(1.0)
}

impl Picker<'_, '_> {
    /// The members of requirement `r` of skill `i` a plan may pick (those
    /// learnable before `i`, so the plan follows the learning order and a
    /// member on a cycle back to `i` is never picked), or `None` when a
    /// member is already done or skipped, or none is eligible.
    pub(super) fn open_members(&self, i: u32, r: &Requirement<'_>) -> Option<Vec<u32>> {
        if r.members.iter().any(|&m| self.satisfied[m as usize]) {
            return None;
        }
        let eligible: Vec<u32> =
            r.members.iter().copied().filter(|&m| self.rank[m as usize] < self.rank[i as usize]).collect();
        (!eligible.is_empty()).then_some(eligible)
    }

    /// The member to pick among `eligible` (not empty), and why when
    /// there was a choice: the member being learned, else the one of least
    /// `cost`, the group's first among equal costs.
    pub(super) fn pick(&self, eligible: &[u32], cost: &[f64]) -> (u32, Option<&'static str>) {
        if eligible.len() == 1 {
            return (eligible[0], None);
        }
        let learning = |m: &&u32| self.progress.status(self.graph.id(**m)) == Some(Status::Learning);
        if let Some(&m) = eligible.iter().find(learning) {
            return (m, Some(Choice::ALREADY_LEARNING));
        }
        let least = eligible.iter().map(|&m| cost[m as usize]).fold(f64::INFINITY, f64::min);
        let mut cheapest = eligible.iter().copied().filter(|&m| nearly_equal_or_below(cost[m as usize], least));
        let first = cheapest.next().unwrap_or(eligible[0]);
        let why = if cheapest.next().is_some() { Choice::FIRST_IN_GROUP } else { Choice::LEAST_EFFORT };
        (first, Some(why))
    }

    /// For each skill, the hours it takes with everything it still needs,
    /// picking as [`Self::pick`] does (0 for a done or skipped skill). One
    /// pass over `order`, the learning order: linear in the graph.
    pub(super) fn closure_costs(&self, order: &[u32]) -> Vec<f64> {
        let mut cost = vec![0.0; self.satisfied.len()];
        for &i in order {
            if self.satisfied[i as usize] {
                continue;
            }
            let mut total = self.graph.remaining_at(i, self.progress).2;
            for r in self.graph.requirements_of(i) {
                if let Some(eligible) = self.open_members(i, &r) {
                    total += cost[self.pick(&eligible, &cost).0 as usize];
                }
            }
            cost[i as usize] = total;
        }
        cost
    }

    /// Drops from `wanted` every skill that is not a goal and that no
    /// wanted skill needs: a member of a group that another wanted member
    /// satisfies (picked before the plan knew the other was coming).
    /// Skills are tried from the last learned to the first, so a dropped
    /// skill's own prerequisites are tried after it; what is left has no
    /// step that could go.
    pub(super) fn prune(&self, order: &[u32], wanted: &mut [bool], is_goal: &[bool]) {
        // Each open requirement of a wanted skill is a group: its owner,
        // and (member, group) pairs for its eligible members.
        let mut owner: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for &d in order.iter().filter(|&&d| wanted[d as usize]) {
            for r in self.graph.requirements_of(d) {
                if let Some(eligible) = self.open_members(d, &r) {
                    let g = crate::graph::to_u32(owner.len());
                    owner.push(d);
                    pairs.extend(eligible.into_iter().map(|m| (m, g)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        // How many of each group's members are wanted.
        let mut count = vec![0u32; owner.len()];
        for &(m, g) in &pairs {
            if wanted[m as usize] {
                count[g as usize] += 1;
            }
        }
        for &x in order.iter().rev() {
            if !wanted[x as usize] || is_goal[x as usize] {
                continue;
            }
            let groups = &pairs[pairs.partition_point(|p| p.0 < x)..pairs.partition_point(|p| p.0 <= x)];
            let needed = groups.iter().any(|&(_, g)| wanted[owner[g as usize] as usize] && count[g as usize] <= 1);
            if !needed {
                wanted[x as usize] = false;
                for &(_, g) in groups {
                    count[g as usize] -= 1;
                }
            }
        }
    }
}

//! Which skills can be learned at all, and in what order, on the AND/OR
//! prerequisite graph: a skill needs every plain prerequisite and one
//! member of each `any_of` group, so a cycle through one alternative does
//! not block a skill that another alternative reaches.
//!
//! A least fixed point computed by a worklist with one counter per skill
//! (requirements still unmet) and one flag per requirement (met): each
//! (requirement, member) pair is visited once, so it is linear, and it
//! never recurses.

use super::id_table::IdTable;
use super::order::{ByPhase, Ready, kahn};
use super::{SkillGraph, to_u32};
use crate::Roadmap;

/// Each skill's requirements (a plain prerequisite, or an `any_of` group),
/// as the skills that meet them: what learnability is computed on.
pub(super) trait Requirements {
    /// Number of skills.
    fn skills(&self) -> usize;
    /// Calls `each` with the members of every requirement of skill `i`.
    fn each_requirement(&self, i: u32, each: impl FnMut(&[u32]));
}

impl Requirements for SkillGraph<'_> {
    fn skills(&self) -> usize {
        self.len()
    }
    fn each_requirement(&self, i: u32, mut each: impl FnMut(&[u32])) {
        for r in self.requirements_of(i) {
            each(r.members);
        }
    }
}

/// The learnable skills in learning order: each after all its plain
/// prerequisites and after at least one member of each `any_of` group.
/// Ties go to the earlier phase, then to file order. Skills that can never
/// be learned are left out.
pub(super) fn order(graph: &SkillGraph<'_>) -> Vec<u32> {
    order_by(graph, ByPhase::new(&graph.phase_rank))
}

/// [`order`] on any [`Requirements`], ties as `ready` takes them.
fn order_by<R: Ready>(requirements: &impl Requirements, mut ready: R) -> Vec<u32> {
    let n = requirements.skills();
    // Requirement `r` (numbered across all skills) belongs to `owner[r]`.
    let mut owner: Vec<u32> = Vec::new();
    let mut unmet = vec![0u32; n];
    // Occurrences of each skill as a member: CSR by member skill.
    let mut count = vec![0u32; n + 1];
    for (i, unmet_i) in unmet.iter_mut().enumerate() {
        requirements.each_requirement(to_u32(i), |members| {
            owner.push(to_u32(i));
            *unmet_i += 1;
            for &m in members {
                count[m as usize + 1] += 1;
            }
        });
    }
    for k in 0..n {
        count[k + 1] += count[k];
    }
    let mut fill = count.clone();
    let mut occurs_in = vec![0u32; count[n] as usize];
    let mut slot = 0u32;
    for i in 0..n {
        requirements.each_requirement(to_u32(i), |members| {
            for &m in members {
                occurs_in[fill[m as usize] as usize] = slot;
                fill[m as usize] += 1;
            }
            slot += 1;
        });
    }
    drop(fill);
    let mut met = vec![false; owner.len()];
    for (i, _) in unmet.iter().enumerate().filter(|(_, u)| **u == 0) {
        ready.push(to_u32(i));
    }
    kahn(ready, |i, ready| {
        for &r in &occurs_in[count[i as usize] as usize..count[i as usize + 1] as usize] {
            if met[r as usize] {
                continue;
            }
            met[r as usize] = true;
            let d = owner[r as usize] as usize;
            unmet[d] -= 1;
            if unmet[d] == 0 {
                ready.push(to_u32(d));
            }
        }
    })
}

/// A roadmap's requirements resolved over an id table, without the rest
/// of a [`SkillGraph`]: 4 bytes a member and a requirement.
struct ResolvedRequirements {
    /// First requirement of each skill, and one past the last.
    skill_start: Vec<u32>,
    /// First member of each requirement, and one past the last.
    member_start: Vec<u32>,
    members: Vec<u32>,
}

impl ResolvedRequirements {
    /// As [`SkillGraph::new`] resolves them: each id to its first skill,
    /// unknown ids left out, a requirement with no known member dropped.
    fn new(roadmap: &Roadmap, index: &IdTable<'_>) -> Self {
        let (entries, ids) = super::prerequisite_counts(roadmap);
        let mut skill_start = Vec::with_capacity(roadmap.skills.len() + 1);
        let mut member_start = Vec::with_capacity(entries + 1);
        let mut members = Vec::with_capacity(ids);
        for skill in &roadmap.skills {
            skill_start.push(to_u32(member_start.len()));
            for prerequisite in &skill.prerequisites {
                let start = members.len();
                members.extend(prerequisite.skill_ids().filter_map(|id| index.get(id)));
                if members.len() > start {
                    member_start.push(to_u32(start));
                }
            }
        }
        skill_start.push(to_u32(member_start.len()));
        member_start.push(to_u32(members.len()));
        ResolvedRequirements { skill_start, member_start, members }
    }
}

impl Requirements for ResolvedRequirements {
    fn skills(&self) -> usize {
        self.skill_start.len() - 1
    }
    fn each_requirement(&self, i: u32, mut each: impl FnMut(&[u32])) {
        let (from, to) = (self.skill_start[i as usize] as usize, self.skill_start[i as usize + 1] as usize);
        for r in from..to {
            each(&self.members[self.member_start[r] as usize..self.member_start[r + 1] as usize]);
        }
    }
}

/// Whether every skill of `roadmap` can be learned, its prerequisite ids
/// resolved over `index` (the roadmap's id table): what
/// [`SkillGraph::learnable`] says of every skill, without building the
/// graph. Validation asks it of a roadmap whose prerequisites have a
/// cycle: one through `any_of` alternatives alone blocks nothing, and a
/// graph built only to find no blocked cycle was 6% of `lint`'s peak
/// memory where every skill has such a group (BENCHMARKS.md, "Memory").
pub(crate) fn all_learnable(roadmap: &Roadmap, index: &IdTable<'_>) -> bool {
    let requirements = ResolvedRequirements::new(roadmap, index);
    order_by(&requirements, Vec::new()).len() == roadmap.skills.len()
}

/// `learnable[i]` for every skill: `true` when it can ever be learned.
pub(super) fn mask(graph: &SkillGraph<'_>) -> Vec<bool> {
    let mut learnable = vec![false; graph.len()];
    for i in order(graph) {
        learnable[i as usize] = true;
    }
    learnable
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::all_learnable;
    use crate::graph::id_table::IdTable;
    use crate::{AnyOf, Prerequisite, Roadmap, Skill, SkillGraph};

    /// A roadmap of `ids.len()` skills whose entries are plain ids (the
    /// first of a list marked plain) or groups of ids (of one or more),
    /// each drawn from the skills' ids or unknown (`n`): cycles plain and
    /// through groups, self-prerequisites, repeated ids.
    fn roadmap(ids: &[usize], entries: &[Vec<(Vec<usize>, bool)>]) -> Roadmap {
        let mut roadmap = Roadmap::new("r", "R", "1.0.0");
        let n = ids.len();
        let name = |k: usize| if k < n { format!("s{}", ids[k]) } else { "unknown".to_owned() };
        for (i, skill_entries) in entries.iter().enumerate().take(n) {
            let mut skill = Skill::new(name(i), "S");
            for (members, plain) in skill_entries {
                skill.prerequisites.push(match plain {
                    true => Prerequisite::Skill(name(members[0]).into()),
                    false => AnyOf::new(members.iter().map(|&k| name(k))).into(),
                });
            }
            roadmap.skills.push(skill);
        }
        roadmap
    }

    proptest! {
        /// Learnability without the graph is the graph's, on every shape
        /// of roadmap validation may meet.
        #[test]
        fn every_skill_learnable_as_the_graph_says(
            ids in proptest::collection::vec(0usize..30, 1..30),
            entries in proptest::collection::vec(
                proptest::collection::vec((proptest::collection::vec(0usize..31, 1..4), any::<bool>()), 0..4),
                30,
            ),
        ) {
            let roadmap = roadmap(&ids, &entries);
            let (index, _) = IdTable::new(&roadmap.skills);
            let graph = SkillGraph::new(&roadmap);
            prop_assert_eq!(all_learnable(&roadmap, &index), graph.learnable().iter().all(|&l| l));
        }
    }

    /// A ring of `any_of` groups is learnable from its open end; closed, it
    /// is not; a self-prerequisite blocks its skill.
    #[test]
    fn rings_of_groups_and_self_prerequisites() {
        let group = |members: &[usize]| (members.to_vec(), false);
        let open = roadmap(&[0, 1, 2], &[vec![group(&[1, 3])], vec![group(&[0, 2])], vec![]]);
        let closed = roadmap(&[0, 1, 2], &[vec![group(&[1, 2])], vec![group(&[2, 0])], vec![group(&[0, 1])]]);
        let own = roadmap(&[0, 1], &[vec![], vec![(vec![1], true)]]);
        for (roadmap, learnable) in [(open, true), (closed, false), (own, false)] {
            let (index, _) = IdTable::new(&roadmap.skills);
            assert_eq!(all_learnable(&roadmap, &index), learnable);
        }
    }
}

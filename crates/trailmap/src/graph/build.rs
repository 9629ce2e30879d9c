//! Building a [`SkillGraph`]: the id table, the requirements and the
//! dependents as flat arrays, and where each skill is first taught.

use super::id_table::IdTable;
use super::{ANY_OF, PhaseInfo, PhaseTree, RequirementSlot, SkillGraph, prerequisite_counts, to_u32};
use crate::{Prerequisite, Roadmap};

impl<'r> SkillGraph<'r> {
    /// Builds the graph of `roadmap`. Linear in the number of skills and
    /// prerequisites.
    ///
    /// ```
    /// let roadmap = trailmap::Roadmap::from_json_str(
    ///     r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#,
    /// ).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).len(), 1);
    /// ```
    pub fn new(roadmap: &'r Roadmap) -> Self {
        let n = roadmap.skills.len();
        let (index, duplicates) = IdTable::new(&roadmap.skills);
        let (entries, ids) = prerequisite_counts(roadmap);
        let mut requirement_start = Vec::with_capacity(n + 1);
        let mut requirements = Vec::with_capacity(entries);
        let mut member_start = Vec::with_capacity(n + 1);
        let mut members: Vec<u32> = Vec::with_capacity(ids);
        let mut dependent_count = vec![0u32; n];
        // `seen_by[m] == i + 1`: skill `i` already listed `m` (each
        // prerequisite-dependent pair counts once, in linear time even
        // for a skill with a hundred thousand prerequisites).
        let mut seen_by = vec![0u32; n];
        for (i, skill) in roadmap.skills.iter().enumerate() {
            requirement_start.push(to_u32(requirements.len()));
            member_start.push(to_u32(members.len()));
            for (entry, prerequisite) in skill.prerequisites.iter().enumerate() {
                let start = members.len();
                for id in prerequisite.skill_ids() {
                    let Some(m) = index.get(id) else { continue };
                    if seen_by[m as usize] != to_u32(i) + 1 {
                        seen_by[m as usize] = to_u32(i) + 1;
                        dependent_count[m as usize] += 1;
                    }
                    members.push(m);
                }
                if members.len() > start {
                    let any_of = matches!(prerequisite, Prerequisite::AnyOf(_));
                    let entry = to_u32(entry).min(ANY_OF - 1) | if any_of { ANY_OF } else { 0 };
                    requirements.push(RequirementSlot { entry, start: to_u32(start) });
                }
            }
        }
        requirement_start.push(to_u32(requirements.len()));
        member_start.push(to_u32(members.len()));
        // Dependents: offsets from the counts, then filled in file order.
        let mut dependent_start = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for count in &dependent_count {
            dependent_start.push(total);
            total += count;
        }
        dependent_start.push(total);
        let mut fill: Vec<u32> = dependent_start[..n].to_vec();
        let mut dependents = vec![0u32; total as usize];
        for i in 0..n {
            for &m in &members[member_start[i] as usize..member_start[i + 1] as usize] {
                // Dependents of `m` are filled in file order, so `i` is the
                // last one written when `m` was already listed by `i`.
                let at = fill[m as usize] as usize;
                if at == dependent_start[m as usize] as usize || dependents[at - 1] != to_u32(i) {
                    dependents[at] = to_u32(i);
                    fill[m as usize] += 1;
                }
            }
        }
        let mut phase_rank = vec![u32::MAX; n];
        let mut phases: Vec<PhaseInfo<'r>> = Vec::new();
        let mut phase_skill_start = Vec::new();
        let mut phase_skills = Vec::new();
        for visit in PhaseTree::new(&roadmap.phases) {
            let rank = to_u32(visit.index);
            phases.push(PhaseInfo { phase: visit.phase, parent: visit.parent.map(to_u32), taught: 0 });
            phase_skill_start.push(to_u32(phase_skills.len()));
            for id in &visit.phase.skills {
                let i = index.get(id).unwrap_or(u32::MAX);
                phase_skills.push(i);
                if i != u32::MAX && phase_rank[i as usize] == u32::MAX {
                    phase_rank[i as usize] = rank;
                }
            }
        }
        phase_skill_start.push(to_u32(phase_skills.len()));
        for &rank in phase_rank.iter().filter(|r| **r != u32::MAX) {
            let mut at = Some(rank);
            while let Some(p) = at {
                phases[p as usize].taught += 1;
                at = phases[p as usize].parent;
            }
        }
        SkillGraph {
            roadmap,
            index,
            requirement_start,
            requirements,
            member_start,
            members,
            dependent_start,
            dependents,
            phase_rank,
            duplicates,
            phase_skill_start,
            phase_skills,
            phases,
        }
    }
}

//! Building a [`SkillGraph`]: the id table, the requirements and the
//! dependents as flat arrays, and where each skill is first taught.

use super::id_table::IdTable;
use super::resolved::{Fingerprint, ResolvedIds};
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
        let (index, duplicates) = IdTable::new(&roadmap.skills);
        Self::build(roadmap, index, duplicates, prerequisite_counts(roadmap), None).0
    }

    /// Builds the graph of `roadmap` from the ids validation resolved in
    /// it ([`ResolvedIds`]), without looking them up again: the same graph
    /// as [`SkillGraph::new`]. Ids resolved in another roadmap, or in this
    /// one before its ids changed, are not used: the graph is built anew.
    ///
    /// ```
    /// use trailmap::{LoadOptions, Roadmap, SkillGraph};
    ///
    /// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#;
    /// let options = LoadOptions::default().with_resolved_ids(true);
    /// let mut loaded = Roadmap::from_json_str_with(text, "r.json", &options);
    /// let ids = loaded.take_resolved_ids().unwrap();
    /// let mut roadmap = loaded.roadmap.unwrap();
    /// // Changed since it was loaded: the ids are looked up anew.
    /// roadmap.skills[1].prerequisites.clear();
    /// assert!(SkillGraph::with_resolved_ids(&roadmap, ids).dependents("a").is_empty());
    /// ```
    pub fn with_resolved_ids(roadmap: &'r Roadmap, resolved: ResolvedIds) -> Self {
        let counts = prerequisite_counts(roadmap);
        if resolved.indices.len() != counts.1 {
            return Self::new(roadmap);
        }
        let ResolvedIds { table, duplicates, indices, fingerprint } = resolved;
        let graph =
            Self::build(roadmap, IdTable::from_parts(&roadmap.skills, table), duplicates, counts, Some(indices));
        // The build read every id, and took their fingerprint as it went.
        match graph {
            (graph, Some(print)) if print == fingerprint => graph,
            _ => Self::new(roadmap),
        }
    }

    /// The graph of `roadmap` over `index`. Each prerequisite id is looked
    /// up in `index`, or read from `resolved` (its skill for each id in
    /// file order, `u32::MAX` for an unknown one), whose room then holds
    /// the members: a second array of every id raised `lint`'s peak
    /// memory on twenty prerequisites a skill. With `resolved`, it also
    /// gives the [`Fingerprint`] of the ids it read.
    fn build(
        roadmap: &'r Roadmap,
        index: IdTable<'r>,
        duplicates: Vec<(u32, u32)>,
        (entries, ids): (usize, usize),
        resolved: Option<Vec<u32>>,
    ) -> (Self, Option<u64>) {
        let n = roadmap.skills.len();
        let mut requirement_start = Vec::with_capacity(n + 1);
        let mut requirements = Vec::with_capacity(entries);
        let mut member_start = Vec::with_capacity(n + 1);
        // With `resolved`, the ids are read (not looked up) and fingerprinted.
        let mut print = resolved.is_some().then(|| Fingerprint::new(index.hasher(), n));
        // Members are written at `filled`, never past the id being read
        // (`read`), then cut to their number.
        let mut members: Vec<u32> = resolved.unwrap_or_else(|| vec![0; ids]);
        let (mut read, mut filled) = (0, 0);
        let mut dependent_count = vec![0u32; n];
        // `seen_by[m] == i + 1`: skill `i` already listed `m` (each
        // prerequisite-dependent pair counts once, in linear time even
        // for a skill with a hundred thousand prerequisites).
        let mut seen_by = vec![0u32; n];
        for (i, skill) in roadmap.skills.iter().enumerate() {
            requirement_start.push(to_u32(requirements.len()));
            member_start.push(to_u32(filled));
            if let Some(print) = &mut print {
                print.skill(&skill.id);
            }
            for (entry, prerequisite) in skill.prerequisites.iter().enumerate() {
                let start = filled;
                for id in prerequisite.skill_ids() {
                    let found = match &mut print {
                        None => index.get(id),
                        Some(print) => {
                            print.prerequisite(id);
                            // Unknown ids are `u32::MAX`; an index past the
                            // skills comes from another roadmap, which the
                            // fingerprint then refuses.
                            Some(members[read]).filter(|&m| (m as usize) < n)
                        }
                    };
                    read += 1;
                    let Some(m) = found else { continue };
                    if seen_by[m as usize] != to_u32(i) + 1 {
                        seen_by[m as usize] = to_u32(i) + 1;
                        dependent_count[m as usize] += 1;
                    }
                    members[filled] = m;
                    filled += 1;
                }
                if filled > start {
                    let any_of = matches!(prerequisite, Prerequisite::AnyOf(_));
                    let entry = to_u32(entry).min(ANY_OF - 1) | if any_of { ANY_OF } else { 0 };
                    requirements.push(RequirementSlot { entry, start: to_u32(start) });
                }
            }
        }
        members.truncate(filled);
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
        let print = print.map(Fingerprint::finish);
        let graph = SkillGraph {
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
        };
        (graph, print)
    }
}

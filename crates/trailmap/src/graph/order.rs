//! Topological order: Kahn's algorithm, in one place ([`kahn`]), with the
//! ready skills taken in any order ([`Vec`], for "is there a cycle") or by
//! phase then file order ([`ByPhase`], the learning order's tie rule).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hash::BuildHasher;

use super::id_table::IdTable;
use super::resolved::Fingerprint;

use super::{Cycle, SkillGraph, learnable, prerequisite_counts, to_u32};
use crate::{Prerequisite, Roadmap};

/// Where Kahn's algorithm keeps the skills whose requirements are all met.
pub(super) trait Ready {
    /// Adds a skill that became ready.
    fn push(&mut self, i: u32);
    /// The next skill to take, if any.
    fn pop(&mut self) -> Option<u32>;
}

/// Any order: the cheapest, when only the count matters.
impl Ready for Vec<u32> {
    fn push(&mut self, i: u32) {
        Vec::push(self, i);
    }
    fn pop(&mut self) -> Option<u32> {
        Vec::pop(self)
    }
}

/// The skill taught in the earliest phase first, then file order: learning
/// order is deterministic.
pub(super) struct ByPhase<'a> {
    /// Phase rank and index as one number (`rank << 32 | index`): one
    /// comparison a step, where the pair took two (the heap was most of
    /// ordering a bare roadmap of 100k skills).
    heap: BinaryHeap<Reverse<u64>>,
    phase_rank: &'a [u32],
}

impl<'a> ByPhase<'a> {
    /// An empty queue ranking skills by `phase_rank` (`u32::MAX`: no phase).
    pub(super) fn new(phase_rank: &'a [u32]) -> Self {
        ByPhase { heap: BinaryHeap::new(), phase_rank }
    }
}

impl Ready for ByPhase<'_> {
    fn push(&mut self, i: u32) {
        self.heap.push(Reverse((u64::from(self.phase_rank[i as usize]) << 32) | u64::from(i)));
    }
    fn pop(&mut self) -> Option<u32> {
        // The low half is the index.
        self.heap.pop().map(|Reverse(key)| key as u32)
    }
}

/// Kahn's algorithm, the one topological sort of the crate: takes the next
/// ready skill, records it, and calls `release(i, ready)`, which pushes
/// every skill that `i` made ready. Returns the skills in the order taken;
/// skills on or after a cycle are never ready, so they are left out.
pub(super) fn kahn<R: Ready>(mut ready: R, mut release: impl FnMut(u32, &mut R)) -> Vec<u32> {
    let mut order = Vec::new();
    while let Some(i) = ready.pop() {
        order.push(i);
        release(i, &mut ready);
    }
    order
}

/// Seeds `ready` with the skills of in-degree 0, then runs [`kahn`] over the
/// `dependents` of each, decrementing `indegree`.
fn by_indegree<'d, R: Ready>(mut ready: R, mut indegree: Vec<u32>, dependents: impl Fn(u32) -> &'d [u32]) -> Vec<u32> {
    for (i, _) in indegree.iter().enumerate().filter(|(_, d)| **d == 0) {
        ready.push(to_u32(i));
    }
    kahn(ready, |i, ready| {
        for &d in dependents(i) {
            let slot = &mut indegree[d as usize];
            *slot -= 1;
            if *slot == 0 {
                ready.push(d);
            }
        }
    })
}

impl<'r> SkillGraph<'r> {
    /// A learning order of every skill: each skill after all its plain
    /// prerequisites and after every member of its `any_of` groups; when
    /// prerequisites form cycles, after at least one member of each group
    /// (a cycle through one alternative that another avoids is no
    /// obstacle). Ties go to the skill taught in the earlier phase, then to
    /// file order, so the order is deterministic. Fails with the cycles
    /// that block skills when some skill can never be learned.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A", "prerequisites": ["b"]}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// let err = trailmap::SkillGraph::new(&roadmap).learning_order().unwrap_err();
    /// assert_eq!(err[0].skills, ["a", "b"]);
    /// ```
    pub fn learning_order(&self) -> Result<Vec<&'r str>, Vec<Cycle>> {
        let order = self.learnable_indices();
        if order.len() < self.len() {
            return Err(self.blocked_cycles());
        }
        Ok(order.into_iter().map(|i| self.id(i)).collect())
    }

    /// The learnable skills in learning order (see [`Self::learning_order`]);
    /// skills that can never be learned are left out.
    pub(crate) fn learnable_indices(&self) -> Vec<u32> {
        // Without cycles every alternative goes first, as always; only a
        // cyclic roadmap orders by "one member of each group".
        let strict = self.topological_indices();
        if strict.len() == self.len() {
            return strict;
        }
        learnable::order(self)
    }

    /// `true` for each skill (by index) that can ever be learned: every
    /// plain prerequisite and at least one member of each `any_of` group
    /// can. Linear in the size of the graph.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A", "prerequisites": [{"any_of": ["b", "c"]}]},
    /// #   {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C"},
    /// #   {"id": "d", "name": "D", "prerequisites": ["e"]}, {"id": "e", "name": "E", "prerequisites": ["d"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.learnable(), [true, true, true, false, false]);
    /// assert_eq!(graph.learning_order().unwrap_err()[0].skills, ["d", "e"]);
    /// ```
    pub fn learnable(&self) -> Vec<bool> {
        learnable::mask(self)
    }

    /// Kahn's algorithm with (phase rank, file index) priority. Skills on
    /// or after a cycle are left out.
    pub(crate) fn topological_indices(&self) -> Vec<u32> {
        // A file in learning order (phases in order, each skill after what
        // it needs, as authors often write and generators do) is its own
        // answer: with skills before `k` taken, `k` is ready and ranks
        // first. Checked in one pass over the edges, where the queue took
        // 25 ms at 100k skills.
        let phases_rise = self.phase_rank.windows(2).all(|w| w[0] <= w[1]);
        if phases_rise && (0..to_u32(self.len())).all(|i| self.dependents_of(i).iter().all(|&d| d > i)) {
            return (0..to_u32(self.len())).collect();
        }
        by_indegree(ByPhase::new(&self.phase_rank), self.indegrees(), |i| self.dependents_of(i))
    }

    /// Number of distinct direct prerequisites of each skill: `dependents`
    /// holds each (prerequisite, dependent) pair once.
    fn indegrees(&self) -> Vec<u32> {
        let mut indegree = vec![0u32; self.len()];
        for &d in &self.dependents {
            indegree[d as usize] += 1;
        }
        indegree
    }

    /// `true` when Kahn's algorithm (plain, no priorities) orders every skill.
    pub(super) fn is_acyclic(&self) -> bool {
        by_indegree(Vec::new(), self.indegrees(), |i| self.dependents_of(i)).len() == self.len()
    }
}

/// Each skill's distinct known prerequisites, as indices: enough to tell
/// whether the prerequisites have a cycle ([`Needs::acyclic`]) without
/// building a [`SkillGraph`]. Made by [`Needs::resolve`], which looks each
/// prerequisite id up once for validation as a whole.
pub(crate) struct Needs {
    /// The prerequisites of skill after skill (4 bytes an edge, where a
    /// list of pairs took 12).
    needs: Vec<u32>,
    /// How many of `needs` are each skill's.
    indegree: Vec<u32>,
}

impl Needs {
    /// Looks up every prerequisite id of `roadmap` in `index` (each skill
    /// id → the index of its first skill, as in [`SkillGraph`]) once.
    /// `visit` sees each skill with its prerequisite ids resolved, entry
    /// after entry, `None` where no skill has the id: validation reports
    /// unknown ids and self-prerequisites from them rather than looking the
    /// ids up a second time (a lookup is two cache misses, the slot and the
    /// skill's id, and was a tenth of `validate` on twenty prerequisites a
    /// skill). `print`, when given, takes the [`Fingerprint`] of the ids
    /// from the hashes of their lookups.
    pub(crate) fn resolve(
        roadmap: &Roadmap,
        index: &IdTable<'_>,
        mut print: Option<&mut Fingerprint<'_>>,
        mut visit: impl FnMut(usize, &[Option<u32>]),
    ) -> Self {
        let n = roadmap.skills.len();
        let (_, named) = prerequisite_counts(roadmap);
        let mut needs: Vec<u32> = Vec::with_capacity(named);
        let mut indegree: Vec<u32> = Vec::with_capacity(n);
        // `last_needed_by[m] == i + 1` once skill i has counted m: a skill
        // with 100,000 prerequisites is not quadratic.
        let mut last_needed_by = vec![0u32; n];
        let mut resolved: Vec<Option<u32>> = Vec::new();
        for (i, skill) in roadmap.skills.iter().enumerate() {
            let stamp = to_u32(i + 1);
            let before = needs.len();
            resolved.clear();
            if let Some(print) = print.as_deref_mut() {
                print.skill(&skill.id);
            }
            for id in skill.prerequisites.iter().flat_map(Prerequisite::skill_ids) {
                let hash = index.hasher().hash_one(id);
                if let Some(print) = print.as_deref_mut() {
                    print.prerequisite_hashed(hash);
                }
                let found = index.get_hashed(hash, id);
                if let Some(m) = found
                    && last_needed_by[m as usize] != stamp
                {
                    last_needed_by[m as usize] = stamp;
                    needs.push(m);
                }
                resolved.push(found);
            }
            indegree.push(to_u32(needs.len() - before));
            visit(i, &resolved);
        }
        Needs { needs, indegree }
    }

    /// `true` when the prerequisites have no cycle, by Kahn's algorithm over
    /// flat arrays (the needs are freed once their dependents are built).
    pub(crate) fn acyclic(self) -> bool {
        let Needs { needs, indegree } = self;
        let n = indegree.len();
        // Dependents per skill, counted at `start[m + 1]`, then summed into offsets.
        let mut start = vec![0u32; n + 1];
        for &m in &needs {
            start[m as usize + 1] += 1;
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        // Dependents of each skill, as one array sliced by `start`.
        let mut fill = start[..n].to_vec();
        let mut dependents = vec![0u32; needs.len()];
        let mut from = 0;
        for (i, &count) in indegree.iter().enumerate() {
            let to = from + count as usize;
            for &m in &needs[from..to] {
                dependents[fill[m as usize] as usize] = to_u32(i);
                fill[m as usize] += 1;
            }
            from = to;
        }
        drop((needs, fill));
        by_indegree(Vec::new(), indegree, |i| &dependents[start[i as usize] as usize..start[i as usize + 1] as usize])
            .len()
            == n
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::id_table::IdTable;
    use crate::{AnyOf, Phase, Prerequisite, Roadmap, Skill, SkillGraph};

    proptest! {
        /// The learning order of a file already in learning order is read
        /// off the file; it is the queue's order, on files in learning
        /// order or not: prerequisites only backwards or anywhere, phases
        /// in file order or not, skills in no phase.
        #[test]
        fn a_file_in_learning_order_orders_as_the_queue_does(
            edges in prop::collection::vec((0..12usize, 0..12usize, 0..12usize), 0..30),
            backwards in any::<bool>(),
            phase_of in prop::collection::vec(0..4usize, 12),
            phases_rise in any::<bool>(),
        ) {
            let mut roadmap = Roadmap::new("r", "R", "1.0.0");
            roadmap.skills = (0..12).map(|i| Skill::new(format!("s{i}"), "x")).collect();
            for (skill, a, b) in edges {
                let back = |x: usize| if backwards { x % skill.max(1) } else { x };
                if skill == 0 && backwards {
                    continue;
                }
                let (a, b) = (back(a), back(b));
                let prerequisite = if a % 3 == 0 {
                    AnyOf::new([format!("s{a}"), format!("s{b}")]).into()
                } else {
                    Prerequisite::Skill(format!("s{a}").into())
                };
                roadmap.skills[skill].prerequisites.push(prerequisite);
            }
            // Phase 3 is no phase; rising phases go in file order.
            let mut phase_of = phase_of;
            if phases_rise {
                phase_of.sort_unstable();
            }
            roadmap.phases = (0..3).map(|p| Phase::new(format!("p{p}"), "P")).collect();
            for (i, &p) in phase_of.iter().enumerate().filter(|&(_, &p)| p < 3) {
                roadmap.phases[p].skills.push(format!("s{i}").into());
            }
            let graph = SkillGraph::new(&roadmap);
            let by_queue =
                super::by_indegree(super::ByPhase::new(&graph.phase_rank), graph.indegrees(), |i| graph.dependents_of(i));
            prop_assert_eq!(graph.topological_indices(), by_queue);
        }

        /// The flat check before a graph is built answers as the graph
        /// does: plain and `any_of` prerequisites, repeated entries,
        /// unknown ids (12 and 13) and a repeated skill id (the last).
        #[test]
        fn the_flat_check_agrees_with_the_graph(
            plain in prop::collection::vec((0..12usize, 0..14usize), 0..40),
            groups in prop::collection::vec((0..12usize, 0..14usize, 0..14usize), 0..6),
        ) {
            let mut roadmap = Roadmap::new("r", "R", "1.0.0");
            roadmap.skills = (0..12).map(|i| Skill::new(format!("s{}", i.min(10)), "x")).collect();
            for (skill, needed) in plain {
                roadmap.skills[skill].prerequisites.push(Prerequisite::Skill(format!("s{needed}").into()));
            }
            for (skill, a, b) in groups {
                roadmap.skills[skill].prerequisites.push(AnyOf::new([format!("s{a}"), format!("s{b}")]).into());
            }
            let (index, _) = IdTable::new(&roadmap.skills);
            let mut resolved = Vec::new();
            let needs = super::Needs::resolve(&roadmap, &index, None, |i, ids| resolved.push((i, ids.to_vec())));
            prop_assert_eq!(needs.acyclic(), SkillGraph::new(&roadmap).is_acyclic());
            // Each skill once, in order, its ids resolved as the table does.
            prop_assert_eq!(resolved.len(), roadmap.skills.len());
            for (i, ids) in resolved {
                let expected: Vec<Option<u32>> =
                    roadmap.skills[i].prerequisites.iter().flat_map(Prerequisite::skill_ids).map(|id| index.get(id)).collect();
                prop_assert_eq!(ids, expected);
            }
        }
    }
}

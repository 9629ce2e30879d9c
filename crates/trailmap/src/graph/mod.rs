//! The skill graph: prerequisites as a directed acyclic graph, by skill id.
//!
//! The representation stays private: the API speaks skill ids, so a change
//! of it is not a breaking change. Indices are plain `u32`s into the
//! roadmap's skill list, and the adjacency is kept in flat arrays (no graph
//! library: petgraph's graphs and components took a list or a node record
//! per skill, and its Tarjan recursed) so that the learner queries stay
//! cheap on large roadmaps and a chain of a million skills is safe.
//!
//! By concern: `build` (the flat arrays), `buckets` (the one counting
//! sort into flat lists), `order` (the one Kahn's
//! algorithm), `components` (strongly connected components, the one
//! search), `cycles` (cycles, blocked cycles, `walk_back`), `phases`
//! (`PhaseTree`, the one phase walker), `learnable`, `alternatives`,
//! `blocked` and `redundant`.

use id_table::IdTable;

use crate::{Phase, Roadmap, Skill};

mod alternatives;
pub(crate) mod blocked;
mod buckets;
mod build;
mod components;
mod cycles;
pub(crate) mod id_table;
mod learnable;
mod order;
mod owned;
mod phases;
mod redundant;
mod resolved;

pub use alternatives::{CyclicAlternative, CyclicAlternatives};
pub use cycles::Cycle;
pub(crate) use learnable::all_learnable;
pub(crate) use order::Needs;
pub use owned::OwnedGraph;
pub(crate) use phases::shorten;
pub use phases::{PhaseEvent, PhaseNode, PhaseTree, PhaseVisit, phase_nodes, walk_phases};
pub use redundant::{ReductionMemory, Redundant, RedundantEntries, RedundantEntry, RedundantPrerequisites};
pub(crate) use resolved::Fingerprint;
pub use resolved::ResolvedIds;

/// One prerequisite entry of a skill, resolved to skill indices (see
/// [`SkillGraph::requirements_at`]).
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "tf", "name": "TensorFlow"}, {"id": "torch", "name": "PyTorch"},
/// #   {"id": "cnn", "name": "CNNs", "prerequisites": ["tf", {"any_of": ["tf", "torch"]}]}]}"#).roadmap.unwrap();
/// let graph = trailmap::SkillGraph::new(&roadmap);
/// let group = graph.requirements_at(2).nth(1).unwrap();
/// assert_eq!((group.entry, group.members, group.any_of), (1, &[0, 1][..], true));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Requirement<'g> {
    /// Index of the entry in the skill's `prerequisites` list.
    pub entry: u32,
    /// Members that exist, as indices into `roadmap.skills` (of the first
    /// skill with the id); any one satisfies the requirement. A plain
    /// prerequisite has one member.
    pub members: &'g [u32],
    /// `true` for an `any_of` group (even with one member left).
    pub any_of: bool,
}

/// How a [`Requirement`] is stored, in 8 bytes (a dense roadmap has ten
/// million): its members are `members[start..]` of the graph up to the
/// next slot's `start` (requirements' members are stored in slot order),
/// and `entry` holds the entry index with [`ANY_OF`] set for a group.
#[derive(Debug, Clone, Copy)]
struct RequirementSlot {
    entry: u32,
    start: u32,
}

/// The bit of [`RequirementSlot::entry`] that marks an `any_of` group (an
/// entry index that high needs a skill with two billion prerequisites).
const ANY_OF: u32 = 1 << 31;

impl RequirementSlot {
    fn entry(self) -> u32 {
        self.entry & !ANY_OF
    }

    fn any_of(self) -> bool {
        self.entry & ANY_OF != 0
    }
}

/// The prerequisite graph of one roadmap.
///
/// Built once with [`SkillGraph::new`]; every query after that is by skill
/// id and does not revalidate. References to unknown skills are ignored
/// here (validation reports them).
///
/// ```
/// use trailmap::{Roadmap, SkillGraph};
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "docker-ml", "name": "Docker for ML", "prerequisites": ["docker", "python"]},
///     {"id": "python", "name": "Python"},
///     {"id": "docker", "name": "Docker"}
/// ]}"#).roadmap.unwrap();
/// let graph = SkillGraph::new(&roadmap);
/// assert_eq!(graph.learning_order().unwrap(), ["python", "docker", "docker-ml"]);
/// assert_eq!(graph.dependents("python"), ["docker-ml"]);
/// ```
#[derive(Debug, Clone)]
pub struct SkillGraph<'r> {
    roadmap: &'r Roadmap,
    index: IdTable<'r>,
    // Adjacency in flat arrays (offsets per skill into one array), not a
    // `Vec` per skill: at a million skills the millions of small
    // allocations were most of building the graph (BENCHMARKS.md).
    /// Skill `i`'s requirements are `requirements[requirement_start[i]..requirement_start[i + 1]]`.
    requirement_start: Vec<u32>,
    requirements: Vec<RequirementSlot>,
    /// Every requirement's members, skill after skill: skill `i`'s are
    /// `members[member_start[i]..member_start[i + 1]]`.
    member_start: Vec<u32>,
    members: Vec<u32>,
    /// Skill `i`'s direct dependents (deduplicated, file order) are
    /// `dependents[dependent_start[i]..dependent_start[i + 1]]`.
    dependent_start: Vec<u32>,
    dependents: Vec<u32>,
    /// Pre-order rank of the first phase teaching each skill; `u32::MAX` if none.
    phase_rank: Vec<u32>,
    /// (index of a skill whose id an earlier skill has, index of that
    /// earlier skill), in file order; empty in a valid roadmap.
    duplicates: Vec<(u32, u32)>,
    /// Phase `p`'s skills resolved to indices (`u32::MAX` for an unknown
    /// id): `phase_skills[phase_skill_start[p]..phase_skill_start[p + 1]]`.
    phase_skill_start: Vec<u32>,
    phase_skills: Vec<u32>,
    /// Every phase in pre-order, with its parent and how many skills are
    /// first taught in its subtree.
    phases: Vec<PhaseInfo<'r>>,
}

#[derive(Debug, Clone)]
struct PhaseInfo<'r> {
    phase: &'r Phase,
    parent: Option<u32>,
    taught: u32,
}

impl<'r> SkillGraph<'r> {
    /// The roadmap this graph was built from.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.roadmap().id, "r");
    /// ```
    pub fn roadmap(&self) -> &'r Roadmap {
        self.roadmap
    }

    /// Number of skills.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// assert!(trailmap::SkillGraph::new(&roadmap).is_empty());
    /// ```
    pub fn len(&self) -> usize {
        self.roadmap.skills.len()
    }

    /// `true` when the roadmap has no skill.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).len(), 0);
    /// ```
    pub fn is_empty(&self) -> bool {
        self.roadmap.skills.is_empty()
    }

    /// The skill with this id.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "git", "name": "Git"}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.skill("git").unwrap().name, "Git");
    /// assert!(graph.skill("svn").is_none());
    /// ```
    pub fn skill(&self, id: &str) -> Option<&'r Skill> {
        self.index.get(id).map(|i| &self.roadmap.skills[i as usize])
    }

    /// The first phase (in document order, nested phases included) that
    /// teaches the skill.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "git", "name": "Git"}], "phases": [{"id": "w1", "title": "Week 1", "skills": ["git"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.phase_of("git").unwrap().title, "Week 1");
    /// ```
    pub fn phase_of(&self, id: &str) -> Option<&'r Phase> {
        self.index.get(id).and_then(|i| self.phase_index_of(i))
    }

    /// Index in `roadmap.skills` of the (first) skill with this id.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "git", "name": "Git"}, {"id": "sql", "name": "SQL"}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.skill_index("sql"), Some(1));
    /// assert_eq!(graph.skill_index("rust"), None);
    /// ```
    pub fn skill_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|i| i as usize)
    }

    /// Index, in document order (nested phases included, as
    /// [`phase_nodes`] lists them), of the first phase that teaches the
    /// skill: the same phase as [`phase_of`](Self::phase_of).
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "git", "name": "Git"}, {"id": "sql", "name": "SQL"}],
    /// #   "phases": [{"id": "w1", "title": "Week 1", "phases": [{"id": "d1", "title": "Day 1", "skills": ["sql"]}]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.phase_index_of_skill("sql"), Some(1)); // w1 is 0, its d1 is 1
    /// assert_eq!(graph.phase_index_of_skill("git"), None);
    /// ```
    pub fn phase_index_of_skill(&self, id: &str) -> Option<usize> {
        let rank = self.phase_rank[self.index.get(id)? as usize];
        (rank != u32::MAX).then_some(rank as usize)
    }

    /// The prerequisite entries of the skill at `skill` (an index into
    /// `roadmap.skills`), resolved to skill indices; entries that name no
    /// existing skill are left out. For tools that walk every skill: no id
    /// lookups.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["nope", "python"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// let entries: Vec<_> = graph.requirements_at(1).map(|r| (r.entry, r.members)).collect();
    /// assert_eq!(entries, [(1, &[0][..])]);
    /// ```
    pub fn requirements_at(&self, skill: usize) -> impl Iterator<Item = Requirement<'_>> + Clone {
        self.requirements_of(to_u32(skill))
    }

    /// Index, in document order, of the first phase that teaches the skill
    /// at `skill` (an index into `roadmap.skills`; a skill whose id an
    /// earlier skill has counts as that one): the index-based
    /// [`phase_index_of_skill`](Self::phase_index_of_skill).
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "git", "name": "Git"}, {"id": "sql", "name": "SQL"}],
    /// #   "phases": [{"id": "w1", "title": "Week 1", "skills": ["sql"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.phase_index_at(1), Some(0));
    /// assert_eq!(graph.phase_index_at(0), None);
    /// ```
    pub fn phase_index_at(&self, skill: usize) -> Option<usize> {
        let first = match self.duplicates.binary_search_by_key(&to_u32(skill), |&(d, _)| d) {
            Ok(k) => self.duplicates[k].1,
            Err(_) => to_u32(skill),
        };
        let rank = *self.phase_rank.get(first as usize)?;
        (rank != u32::MAX).then_some(rank as usize)
    }

    /// The skills phase `phase` lists (its index in document order, as
    /// [`phase_nodes`] gives), as indices into `roadmap.skills`, in the
    /// phase's order; `None` for an id no skill has.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "git", "name": "Git"}, {"id": "sql", "name": "SQL"}],
    /// #   "phases": [{"id": "w1", "title": "Week 1", "skills": ["sql", "nope"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.phase_skill_indices(0).collect::<Vec<_>>(), [Some(1), None]);
    /// ```
    pub fn phase_skill_indices(&self, phase: usize) -> impl Iterator<Item = Option<usize>> + '_ {
        let range = match (self.phase_skill_start.get(phase), self.phase_skill_start.get(phase + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.phase_skills[range].iter().map(|&i| (i != u32::MAX).then_some(i as usize))
    }

    /// Direct prerequisites of a skill (every member of its `any_of`
    /// groups included), in file order, without duplicates.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B"},
    /// #   {"id": "c", "name": "C", "prerequisites": ["a", {"any_of": ["b"]}]}]}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).prerequisites("c"), ["a", "b"]);
    /// ```
    pub fn prerequisites(&self, id: &str) -> Vec<&'r str> {
        let Some(i) = self.index.get(id) else { return Vec::new() };
        distinct(self.prerequisite_members(i)).into_iter().map(|m| self.id(m)).collect()
    }

    /// Skills that list this one as a direct prerequisite, in file order.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).dependents("a"), ["b"]);
    /// ```
    pub fn dependents(&self, id: &str) -> Vec<&'r str> {
        let Some(i) = self.index.get(id) else { return Vec::new() };
        self.dependents_of(i).iter().map(|&d| self.id(d)).collect()
    }

    /// Every skill this one needs, directly or not, in learning order.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
    /// #   {"id": "c", "name": "C", "prerequisites": ["b"]}]}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).all_prerequisites("c"), ["a", "b"]);
    /// ```
    pub fn all_prerequisites(&self, id: &str) -> Vec<&'r str> {
        let Some(start) = self.index.get(id) else { return Vec::new() };
        let reached = self.reach(start, |i| self.prerequisite_members(i).to_vec());
        self.in_order(reached)
    }

    /// Every skill that needs this one, directly or not, in learning order.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
    /// #   {"id": "c", "name": "C", "prerequisites": ["b"]}]}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).all_dependents("a"), ["b", "c"]);
    /// ```
    pub fn all_dependents(&self, id: &str) -> Vec<&'r str> {
        let Some(start) = self.index.get(id) else { return Vec::new() };
        let reached = self.reach(start, |i| self.dependents_of(i).to_vec());
        self.in_order(reached)
    }

    /// `true` when every prerequisite of the skill is satisfied: each plain
    /// one is, and each `any_of` group has at least one member that is.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "tf", "name": "TensorFlow"}, {"id": "torch", "name": "PyTorch"},
    /// #   {"id": "cnn", "name": "CNNs", "prerequisites": [{"any_of": ["tf", "torch"]}]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert!(graph.is_unlocked("cnn", |id| id == "torch"));
    /// assert!(!graph.is_unlocked("cnn", |_| false));
    /// ```
    pub fn is_unlocked(&self, id: &str, satisfied: impl Fn(&str) -> bool) -> bool {
        let Some(i) = self.index.get(id) else { return false };
        self.requirements_of(i).all(|r| r.members.iter().any(|&m| satisfied(self.id(m))))
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id)
    }

    pub(crate) fn id(&self, i: u32) -> &'r str {
        &self.roadmap.skills[i as usize].id
    }

    pub(crate) fn requirements_of(&self, i: u32) -> impl Iterator<Item = Requirement<'_>> + Clone {
        let i = i as usize;
        let range = match (self.requirement_start.get(i), self.requirement_start.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        range.map(|j| {
            let slot = self.requirements[j];
            let end = self.requirements.get(j + 1).map_or(self.members.len(), |next| next.start as usize);
            Requirement { entry: slot.entry(), members: &self.members[slot.start as usize..end], any_of: slot.any_of() }
        })
    }

    /// Every member of every requirement of skill `i`, in entry order
    /// (a skill listed twice appears twice).
    pub(crate) fn prerequisite_members(&self, i: u32) -> &[u32] {
        &self.members[self.member_start[i as usize] as usize..self.member_start[i as usize + 1] as usize]
    }

    pub(crate) fn dependents_of(&self, i: u32) -> &[u32] {
        &self.dependents[self.dependent_start[i as usize] as usize..self.dependent_start[i as usize + 1] as usize]
    }

    pub(crate) fn phase_rank_of(&self, i: u32) -> u32 {
        self.phase_rank[i as usize]
    }

    pub(crate) fn phase_index_of(&self, i: u32) -> Option<&'r Phase> {
        let rank = self.phase_rank[i as usize];
        (rank != u32::MAX).then(|| self.phases[rank as usize].phase)
    }

    /// The nearest phase (the skill's own or an enclosing one) with a span,
    /// and how many skills are first taught within it.
    pub(crate) fn spanned_phase_of(&self, i: u32) -> Option<(&'r Phase, u32)> {
        let mut at = Some(self.phase_rank[i as usize]).filter(|r| *r != u32::MAX);
        while let Some(rank) = at {
            let info = &self.phases[rank as usize];
            if info.phase.span.is_some() {
                return Some((info.phase, info.taught));
            }
            at = info.parent;
        }
        None
    }

    fn reach(&self, start: u32, next: impl Fn(u32) -> Vec<u32>) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            for j in next(i) {
                if !seen[j as usize] {
                    seen[j as usize] = true;
                    stack.push(j);
                }
            }
        }
        seen[start as usize] = false;
        seen
    }

    fn in_order(&self, reached: Vec<bool>) -> Vec<&'r str> {
        let mut order = self.topological_indices();
        if order.len() < self.len() {
            // On a cycle: fall back to file order for what Kahn left out.
            let mut placed = vec![false; self.len()];
            order.iter().for_each(|&i| placed[i as usize] = true);
            order.extend((0..self.len()).filter(|&i| !placed[i]).map(to_u32));
        }
        order.into_iter().filter(|&i| reached[i as usize]).map(|i| self.id(i)).collect()
    }
}

/// Each distinct skill of `members` once, in order, in linear time (a
/// skill may list a hundred thousand prerequisites).
pub(crate) fn distinct(members: &[u32]) -> Vec<u32> {
    let mut seen = foldhash::HashSet::with_capacity_and_hasher(members.len(), Default::default());
    members.iter().copied().filter(|&m| seen.insert(m)).collect()
}

/// How many prerequisite entries the skills of `roadmap` list, and how many
/// skill ids those name (an `any_of` group names each member): room for the
/// flat arrays of a graph, at most what unknown and repeated ids leave out.
/// A dense roadmap (twenty prerequisites a skill) grew them by doubling,
/// holding the old array and the new one at once while it did.
pub(crate) fn prerequisite_counts(roadmap: &Roadmap) -> (usize, usize) {
    roadmap
        .skills
        .iter()
        .flat_map(|s| &s.prerequisites)
        .fold((0, 0), |(entries, ids), p| (entries + 1, ids + p.skill_ids().len()))
}

pub(crate) fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

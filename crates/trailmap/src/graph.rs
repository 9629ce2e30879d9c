//! The skill graph: prerequisites as a directed acyclic graph, by skill id.
//!
//! petgraph stays private: the API speaks skill ids, so a change of graph
//! library is not a breaking change. Indices are plain `u32`s into the
//! roadmap's skill list, and the adjacency is kept in flat arrays so the
//! learner queries stay cheap on large roadmaps.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use foldhash::{HashMap, HashMapExt};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::{Phase, Prerequisite, Roadmap, Skill};

mod alternatives;
pub(crate) mod blocked;
mod learnable;
mod redundant;

pub use alternatives::CyclicAlternative;

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
    index: HashMap<&'r str, u32>,
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

/// A cycle of prerequisites: each skill needs the next, and the last needs
/// the first.
///
/// ```
/// let cycle = trailmap::Cycle { skills: vec!["a".into(), "b".into()] };
/// assert_eq!(cycle.to_string(), "`a` needs `b`, which needs `a`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The skills on the cycle, in "needs" order, each once.
    pub skills: Vec<String>,
}

impl std::fmt::Display for Cycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(first) = self.skills.first() else { return Ok(()) };
        write!(f, "`{first}` needs")?;
        for (i, id) in self.skills.iter().enumerate().skip(1) {
            if i > 1 {
                write!(f, ", which needs")?;
            }
            write!(f, " `{id}`")?;
        }
        write!(f, ", which needs `{first}`")
    }
}

/// A prerequisite already implied by another one: `skill` needs
/// `prerequisite` directly, but also through `via`.
///
/// ```
/// let r = trailmap::Redundant { skill: "c".into(), prerequisite: "a".into(), via: "b".into(), entry: 0 };
/// assert_eq!(r.via, "b");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redundant {
    /// The skill with the redundant entry.
    pub skill: String,
    /// The prerequisite that is implied anyway.
    pub prerequisite: String,
    /// Another direct prerequisite of `skill` that already needs it.
    pub via: String,
    /// Index of the redundant entry in the skill's `prerequisites`.
    pub entry: usize,
}

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
        let mut index = HashMap::with_capacity(n);
        let mut duplicates = Vec::new();
        for (i, skill) in roadmap.skills.iter().enumerate() {
            let first = *index.entry(skill.id.as_str()).or_insert(to_u32(i));
            if first != to_u32(i) {
                duplicates.push((to_u32(i), first));
            }
        }
        let mut requirement_start = Vec::with_capacity(n + 1);
        let mut requirements = Vec::with_capacity(n * 2);
        let mut member_start = Vec::with_capacity(n + 1);
        let mut members: Vec<u32> = Vec::with_capacity(n * 3);
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
                    let Some(&m) = index.get(id) else { continue };
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
        // Pre-order with parents, iteratively: nesting depth is input.
        let mut stack: Vec<(std::slice::Iter<'r, Phase>, Option<u32>)> = vec![(roadmap.phases.iter(), None)];
        while let Some((iter, parent)) = stack.last_mut() {
            let parent = *parent;
            match iter.next() {
                Some(phase) => {
                    let rank = to_u32(phases.len());
                    phases.push(PhaseInfo { phase, parent, taught: 0 });
                    phase_skill_start.push(to_u32(phase_skills.len()));
                    for id in &phase.skills {
                        let i = index.get(id.as_str()).copied().unwrap_or(u32::MAX);
                        phase_skills.push(i);
                        if i != u32::MAX && phase_rank[i as usize] == u32::MAX {
                            phase_rank[i as usize] = rank;
                        }
                    }
                    stack.push((phase.phases.iter(), Some(rank)));
                }
                None => {
                    stack.pop();
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
        self.index.get(id).map(|&i| &self.roadmap.skills[i as usize])
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
        self.index.get(id).and_then(|&i| self.phase_index_of(i))
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
        self.index.get(id).map(|&i| i as usize)
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
        let rank = self.phase_rank[*self.index.get(id)? as usize];
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

    /// Where a skill is taught, for a person: `Week 4: DL Foundations +
    /// PyTorch`, or `Week 1, Day 3: OOP` for a day range inside a week.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    /// #   "skills": [{"id": "oop", "name": "OOP"}], "phases": [{"id": "w1", "title": "Python + Git", "span": {"unit": "week", "start": 1},
    /// #   "phases": [{"id": "d3", "title": "OOP", "span": {"unit": "day", "start": 3}, "skills": ["oop"]}]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.where_taught("oop").unwrap(), "Week 1, Day 3: OOP");
    /// ```
    pub fn where_taught(&self, id: &str) -> Option<String> {
        let rank = self.phase_rank[*self.index.get(id)? as usize];
        (rank != u32::MAX).then(|| self.phase_label(rank, true))
    }

    fn phase_label(&self, rank: u32, with_title: bool) -> String {
        let info = &self.phases[rank as usize];
        let phase = info.phase;
        let own = phase.span.as_ref().map(span_label);
        let nested_detail = phase.span.as_ref().is_none_or(|s| s.unit == crate::TimeUnit::Day);
        let mut label = String::new();
        if let (Some(parent), true) = (info.parent, nested_detail) {
            label.push_str(&self.phase_label(parent, false));
            label.push_str(", ");
        }
        match own {
            Some(own) => {
                label.push_str(&own);
                if with_title && phase.title != own {
                    label.push_str(": ");
                    label.push_str(&shorten(&phase.title, 48));
                }
            }
            None => label.push_str(&shorten(&phase.title, 48)),
        }
        label
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
        let Some(&i) = self.index.get(id) else { return Vec::new() };
        let mut out: Vec<u32> = Vec::new();
        for &m in self.prerequisite_members(i) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out.into_iter().map(|m| self.id(m)).collect()
    }

    /// Skills that list this one as a direct prerequisite, in file order.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).dependents("a"), ["b"]);
    /// ```
    pub fn dependents(&self, id: &str) -> Vec<&'r str> {
        let Some(&i) = self.index.get(id) else { return Vec::new() };
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
        let Some(&start) = self.index.get(id) else { return Vec::new() };
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
        let Some(&start) = self.index.get(id) else { return Vec::new() };
        let reached = self.reach(start, |i| self.dependents_of(i).to_vec());
        self.in_order(reached)
    }

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

    /// The cycles that keep skills from ever being learned: cycles among
    /// unlearnable skills through requirements none of whose members can
    /// be learned (a plain prerequisite, or an `any_of` group whose every
    /// alternative is blocked). Every unlearnable skill needs, directly or
    /// not, a skill on one of them. Listed like [`Self::cycles`].
    pub fn blocked_cycles(&self) -> Vec<Cycle> {
        let learnable = self.learnable();
        if learnable.iter().all(|&l| l) {
            return Vec::new();
        }
        self.cycles_through(|i, r| !learnable[i as usize] && r.members.iter().all(|&m| !learnable[m as usize]))
    }

    /// The `any_of` alternatives of learnable skills that can only be
    /// learned after the skill itself: a cycle through one alternative
    /// that another alternative avoids (see [`CyclicAlternative`]). Empty
    /// on an acyclic roadmap, at the cost of one pass.
    pub fn cyclic_alternatives(&self) -> Vec<CyclicAlternative> {
        alternatives::find(self)
    }

    /// The requirement of skill `from` that is blocked (no member can be
    /// learned) and has `to` as a member: where a blocked cycle's first
    /// step is written. `None` when there is none.
    pub fn blocked_entry(&self, from: &str, to: &str) -> Option<usize> {
        let (&i, &t) = (self.index.get(from)?, self.index.get(to)?);
        let learnable = self.learnable();
        self.requirements_of(i)
            .find(|r| r.members.contains(&t) && r.members.iter().all(|&m| !learnable[m as usize]))
            .map(|r| r.entry as usize)
    }

    /// Kahn's algorithm with (phase rank, file index) priority. Skills on
    /// or after a cycle are left out.
    pub(crate) fn topological_indices(&self) -> Vec<u32> {
        let n = self.len();
        let mut indegree = self.indegrees();
        let mut heap: BinaryHeap<Reverse<(u32, u32)>> =
            (0..n).filter(|&i| indegree[i] == 0).map(|i| Reverse((self.phase_rank[i], to_u32(i)))).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse((_, i))) = heap.pop() {
            order.push(i);
            for &d in self.dependents_of(i) {
                let slot = &mut indegree[d as usize];
                *slot -= 1;
                if *slot == 0 {
                    heap.push(Reverse((self.phase_rank[d as usize], d)));
                }
            }
        }
        order
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
    fn is_acyclic(&self) -> bool {
        let mut indegree = self.indegrees();
        let mut ready: Vec<u32> = (0..self.len()).filter(|&i| indegree[i] == 0).map(to_u32).collect();
        let mut ordered = 0usize;
        while let Some(i) = ready.pop() {
            ordered += 1;
            for &d in self.dependents_of(i) {
                indegree[d as usize] -= 1;
                if indegree[d as usize] == 0 {
                    ready.push(d);
                }
            }
        }
        ordered == self.len()
    }

    /// Every cycle of prerequisites, one per strongly connected group of
    /// skills, each listed from its first skill in file order. A skill that
    /// needs itself is a cycle of one.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A", "prerequisites": ["c"]}, {"id": "b", "name": "B", "prerequisites": ["a"]},
    /// #   {"id": "c", "name": "C", "prerequisites": ["b"]}]}"#).roadmap.unwrap();
    /// let cycles = trailmap::SkillGraph::new(&roadmap).cycles();
    /// assert_eq!(cycles[0].skills, ["a", "c", "b"]);
    /// ```
    pub fn cycles(&self) -> Vec<Cycle> {
        // The common case, no cycle, costs one pass over the index arrays;
        // only a cyclic roadmap pays for building a petgraph graph.
        if self.is_acyclic() {
            return Vec::new();
        }
        self.cycles_through(|_, _| true)
    }

    /// Cycles over the requirements `keep(skill, requirement)` accepts.
    fn cycles_through(&self, keep: impl Fn(u32, Requirement<'_>) -> bool) -> Vec<Cycle> {
        let mut cycles = Vec::new();
        let mut kept: Vec<Vec<u32>> = vec![Vec::new(); self.len()];
        for (i, needs) in kept.iter_mut().enumerate() {
            for r in self.requirements_of(to_u32(i)).filter(|r| keep(to_u32(i), *r)) {
                needs.extend_from_slice(r.members);
            }
        }
        let mut graph: DiGraph<u32, ()> = DiGraph::with_capacity(self.len(), self.len() * 2);
        for i in 0..self.len() {
            graph.add_node(to_u32(i));
        }
        for (i, needs) in kept.iter().enumerate() {
            for &m in needs {
                graph.add_edge(NodeIndex::new(m as usize), NodeIndex::new(i), ());
            }
        }
        let mut in_scc = vec![u32::MAX; self.len()];
        // Kosaraju runs on an explicit stack; a recursive search would overflow
        // on a long prerequisite chain from a hostile file.
        let sccs = petgraph::algo::kosaraju_scc(&graph);
        for (k, scc) in sccs.iter().enumerate() {
            for node in scc {
                in_scc[node.index()] = to_u32(k);
            }
        }
        let mut found: Vec<Vec<u32>> = Vec::new();
        for (k, scc) in sccs.iter().enumerate() {
            let Some(start) = scc.iter().map(|n| to_u32(n.index())).min() else { continue };
            let self_loop = kept[start as usize].contains(&start);
            if scc.len() == 1 && !self_loop {
                continue;
            }
            found.push(self.cycle_path(start, to_u32(k), &in_scc, &kept));
        }
        found.sort();
        for path in found {
            cycles.push(Cycle { skills: path.into_iter().map(|i| self.id(i).to_owned()).collect() });
        }
        cycles
    }

    /// Shortest "needs" path from `start` back to itself inside one
    /// strongly connected component (breadth-first, so linear in its size).
    fn cycle_path(&self, start: u32, scc: u32, in_scc: &[u32], kept: &[Vec<u32>]) -> Vec<u32> {
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(i) = queue.pop_front() {
            for &m in &kept[i as usize] {
                if m == start {
                    let mut path = vec![i];
                    let mut at = i;
                    while at != start {
                        at = parent[&at];
                        path.push(at);
                    }
                    path.reverse();
                    path.dedup();
                    return path;
                }
                if in_scc[m as usize] == scc && !parent.contains_key(&m) {
                    parent.insert(m, i);
                    queue.push_back(m);
                }
            }
        }
        vec![start]
    }

    /// Plain (non-`any_of`) prerequisites that another plain prerequisite of
    /// the same skill already implies. Removing them changes nothing a
    /// learner must do. Skills on cycles are skipped.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    /// #   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}]}"#).roadmap.unwrap();
    /// let redundant = trailmap::SkillGraph::new(&roadmap).redundant_prerequisites();
    /// assert_eq!(redundant[0].prerequisite, "python");
    /// assert_eq!(redundant[0].via, "numpy");
    /// ```
    pub fn redundant_prerequisites(&self) -> Vec<Redundant> {
        // Exact, near-linear on any graph shape: see `graph/redundant.rs`.
        redundant::find(self)
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
        let Some(&i) = self.index.get(id) else { return false };
        self.requirements_of(i).all(|r| r.members.iter().any(|&m| satisfied(self.id(m))))
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
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

/// `true` when the prerequisites of `roadmap` have no cycle, by Kahn's
/// algorithm over flat arrays; `index` maps each skill id to the index of
/// its first skill, as in [`SkillGraph`]. Cheaper than building a
/// [`SkillGraph`] when all the caller needs is "is there a cycle".
pub(crate) fn is_acyclic(roadmap: &Roadmap, index: &HashMap<&str, usize>) -> bool {
    let n = roadmap.skills.len();
    // Distinct (prerequisite, skill) edges, as the graph counts them.
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(n * 2);
    let mut indegree = vec![0u32; n];
    let mut members: Vec<u32> = Vec::new();
    for (i, skill) in roadmap.skills.iter().enumerate() {
        members.clear();
        for id in skill.prerequisites.iter().flat_map(Prerequisite::skill_ids) {
            if let Some(&m) = index.get(id) {
                if !members.contains(&to_u32(m)) {
                    members.push(to_u32(m));
                }
            }
        }
        indegree[i] = to_u32(members.len());
        edges.extend(members.iter().map(|&m| (m, to_u32(i))));
    }
    // Dependents of each skill, as one array sliced by `start`.
    let mut start = vec![0usize; n + 1];
    for &(m, _) in &edges {
        start[m as usize + 1] += 1;
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let mut fill = start.clone();
    let mut dependents = vec![0u32; edges.len()];
    for &(m, i) in &edges {
        dependents[fill[m as usize]] = i;
        fill[m as usize] += 1;
    }
    let mut ready: Vec<u32> = (0..n).filter(|&i| indegree[i] == 0).map(to_u32).collect();
    let mut ordered = 0usize;
    while let Some(i) = ready.pop() {
        ordered += 1;
        for &d in &dependents[start[i as usize]..start[i as usize + 1]] {
            indegree[d as usize] -= 1;
            if indegree[d as usize] == 0 {
                ready.push(d);
            }
        }
    }
    ordered == n
}

/// A phase with its place in the roadmap: JSON Pointer, parent, depth and
/// absolute day range.
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
///     "phases": [{"id": "w2", "title": "Week 2", "span": {"unit": "week", "start": 2},
///                 "phases": [{"id": "d1", "title": "Day 1-2", "span": {"unit": "day", "start": 1, "end": 2}}]}]}"#).roadmap.unwrap();
/// let nodes = trailmap::graph::phase_nodes(&roadmap);
/// assert_eq!(nodes[1].pointer, "/phases/0/phases/0");
/// assert_eq!(nodes[1].parent, Some(0));
/// assert_eq!(nodes[1].days, Some((8, 9)));
/// ```
#[derive(Debug, Clone)]
pub struct PhaseNode<'r> {
    /// The phase.
    pub phase: &'r Phase,
    /// JSON Pointer to it.
    pub pointer: String,
    /// Index of the enclosing phase in the same list.
    pub parent: Option<usize>,
    /// Nesting depth: 0 for top-level phases.
    pub depth: usize,
    /// Inclusive range of absolute days (day 1 = the roadmap's first day),
    /// when the phase has a span. Day spans count from the enclosing
    /// phase's first day.
    pub days: Option<(u64, u64)>,
}

/// Every phase of a roadmap in document order (a phase before its nested
/// phases), with pointers and absolute day ranges.
pub fn phase_nodes(roadmap: &Roadmap) -> Vec<PhaseNode<'_>> {
    let mut out: Vec<PhaseNode<'_>> = Vec::new();
    let mut stack: Vec<(std::slice::Iter<'_, Phase>, Option<usize>, String)> =
        vec![(roadmap.phases.iter(), None, "/phases".to_owned())];
    let mut index_in_parent: Vec<usize> = vec![0];
    while let Some((iter, parent, base)) = stack.last_mut() {
        let parent = *parent;
        match iter.next() {
            Some(phase) => {
                let k = index_in_parent.last().copied().unwrap_or(0);
                if let Some(last) = index_in_parent.last_mut() {
                    *last += 1;
                }
                let pointer = format!("{base}/{k}");
                let depth = stack.len() - 1;
                // Day spans count from the nearest enclosing phase with a span.
                let mut first_day = 1;
                let mut ancestor = parent;
                while let Some(a) = ancestor {
                    if let Some((start, _)) = out[a].days {
                        first_day = start;
                        break;
                    }
                    ancestor = out[a].parent;
                }
                let days = phase.span.as_ref().map(|span| span.in_days(first_day));
                out.push(PhaseNode { phase, pointer: pointer.clone(), parent, depth, days });
                let me = out.len() - 1;
                stack.push((phase.phases.iter(), Some(me), format!("{pointer}/phases")));
                index_in_parent.push(0);
            }
            None => {
                stack.pop();
                index_in_parent.pop();
            }
        }
    }
    out
}

/// "Week 4", "Day 1-2", "Month 7-9"; the roadmap's own label if it has one.
fn span_label(span: &crate::Span) -> String {
    if let Some(label) = &span.label {
        return label.clone();
    }
    let unit = match span.unit {
        crate::TimeUnit::Day => "Day",
        crate::TimeUnit::Week => "Week",
        crate::TimeUnit::Month => "Month",
    };
    if span.end() == span.start {
        format!("{unit} {}", span.start)
    } else {
        format!("{unit} {}-{}", span.start, span.end())
    }
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Visits every phase in document order (pre-order: a phase before its
/// nested phases).
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
///     "phases": [{"id": "p1", "title": "P1", "phases": [{"id": "w1", "title": "W1"}]}, {"id": "p2", "title": "P2"}]}"#).roadmap.unwrap();
/// let mut ids = Vec::new();
/// trailmap::graph::walk_phases(&roadmap.phases, &mut |p| ids.push(p.id.clone()));
/// assert_eq!(ids, ["p1", "w1", "p2"]);
/// ```
pub fn walk_phases<'a>(phases: &'a [Phase], visit: &mut impl FnMut(&'a Phase)) {
    // Explicit stack: nesting depth comes from the input.
    let mut stack: Vec<std::slice::Iter<'a, Phase>> = vec![phases.iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(phase) => {
                visit(phase);
                stack.push(phase.phases.iter());
            }
            None => {
                stack.pop();
            }
        }
    }
}

pub(crate) fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

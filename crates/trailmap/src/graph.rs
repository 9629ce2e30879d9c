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

/// One prerequisite entry of a skill, resolved to skill indices.
#[derive(Debug, Clone)]
pub(crate) struct Requirement {
    /// Index of the entry in the skill's `prerequisites` list.
    pub entry: u32,
    /// Members that exist; any one satisfies the requirement. A plain
    /// prerequisite has one member.
    pub members: Vec<u32>,
    /// `true` for an `any_of` group (even with one member left).
    pub any_of: bool,
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
    requirements: Vec<Vec<Requirement>>,
    /// Direct dependents of each skill (deduplicated, file order).
    dependents: Vec<Vec<u32>>,
    /// Pre-order rank of the first phase teaching each skill; `u32::MAX` if none.
    phase_rank: Vec<u32>,
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
        for (i, skill) in roadmap.skills.iter().enumerate() {
            index.entry(skill.id.as_str()).or_insert(to_u32(i));
        }
        let mut requirements = Vec::with_capacity(n);
        let mut dependents: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (i, skill) in roadmap.skills.iter().enumerate() {
            let mut reqs = Vec::with_capacity(skill.prerequisites.len());
            for (entry, prerequisite) in skill.prerequisites.iter().enumerate() {
                let members: Vec<u32> = prerequisite.skill_ids().filter_map(|id| index.get(id).copied()).collect();
                let any_of = matches!(prerequisite, Prerequisite::AnyOf(_));
                for &m in &members {
                    let list = &mut dependents[m as usize];
                    if list.last() != Some(&to_u32(i)) {
                        list.push(to_u32(i));
                    }
                }
                if !members.is_empty() {
                    reqs.push(Requirement { entry: to_u32(entry), members, any_of });
                }
            }
            requirements.push(reqs);
        }
        let mut phase_rank = vec![u32::MAX; n];
        let mut phases: Vec<PhaseInfo<'r>> = Vec::new();
        // Pre-order with parents, iteratively: nesting depth is input.
        let mut stack: Vec<(std::slice::Iter<'r, Phase>, Option<u32>)> = vec![(roadmap.phases.iter(), None)];
        while let Some((iter, parent)) = stack.last_mut() {
            let parent = *parent;
            match iter.next() {
                Some(phase) => {
                    let rank = to_u32(phases.len());
                    phases.push(PhaseInfo { phase, parent, taught: 0 });
                    for id in &phase.skills {
                        if let Some(&i) = index.get(id.as_str()) {
                            if phase_rank[i as usize] == u32::MAX {
                                phase_rank[i as usize] = rank;
                            }
                        }
                    }
                    stack.push((phase.phases.iter(), Some(rank)));
                }
                None => {
                    stack.pop();
                }
            }
        }
        for &rank in phase_rank.iter().filter(|r| **r != u32::MAX) {
            let mut at = Some(rank);
            while let Some(p) = at {
                phases[p as usize].taught += 1;
                at = phases[p as usize].parent;
            }
        }
        SkillGraph { roadmap, index, requirements, dependents, phase_rank, phases }
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
        for r in &self.requirements[i as usize] {
            for &m in &r.members {
                if !out.contains(&m) {
                    out.push(m);
                }
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
        self.dependents[i as usize].iter().map(|&d| self.id(d)).collect()
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
        let reached = self
            .reach(start, |i| self.requirements[i as usize].iter().flat_map(|r| r.members.iter().copied()).collect());
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
        let reached = self.reach(start, |i| self.dependents[i as usize].clone());
        self.in_order(reached)
    }

    /// A learning order of every skill: each skill after all its
    /// prerequisites (every member of an `any_of` group included). Ties go
    /// to the skill taught in the earlier phase, then to file order, so the
    /// order is deterministic. Fails with the cycles when there are any.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A", "prerequisites": ["b"]}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// let err = trailmap::SkillGraph::new(&roadmap).learning_order().unwrap_err();
    /// assert_eq!(err[0].skills, ["a", "b"]);
    /// ```
    pub fn learning_order(&self) -> Result<Vec<&'r str>, Vec<Cycle>> {
        let order = self.topological_indices();
        if order.len() < self.len() {
            return Err(self.cycles());
        }
        Ok(order.into_iter().map(|i| self.id(i)).collect())
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
            for &d in &self.dependents[i as usize] {
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
        for &d in self.dependents.iter().flatten() {
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
            for &d in &self.dependents[i as usize] {
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
        let mut cycles = Vec::new();
        // The common case, no cycle, costs one pass over the index arrays;
        // only a cyclic roadmap pays for building a petgraph graph.
        if self.is_acyclic() {
            return cycles;
        }
        let mut graph: DiGraph<u32, ()> = DiGraph::with_capacity(self.len(), self.len() * 2);
        for i in 0..self.len() {
            graph.add_node(to_u32(i));
        }
        for (i, reqs) in self.requirements.iter().enumerate() {
            for &m in reqs.iter().flat_map(|r| r.members.iter()) {
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
            let self_loop = self.requirements[start as usize].iter().any(|r| r.members.contains(&start));
            if scc.len() == 1 && !self_loop {
                continue;
            }
            found.push(self.cycle_path(start, to_u32(k), &in_scc));
        }
        found.sort();
        for path in found {
            cycles.push(Cycle { skills: path.into_iter().map(|i| self.id(i).to_owned()).collect() });
        }
        cycles
    }

    /// Shortest "needs" path from `start` back to itself inside one
    /// strongly connected component (breadth-first, so linear in its size).
    fn cycle_path(&self, start: u32, scc: u32, in_scc: &[u32]) -> Vec<u32> {
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(i) = queue.pop_front() {
            for r in &self.requirements[i as usize] {
                for &m in &r.members {
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
        let order = self.topological_indices();
        // Longest-path level: an ancestor always has a lower level, which
        // prunes the searches below.
        let mut level = vec![u32::MAX; self.len()];
        for &i in &order {
            let l = self.requirements[i as usize]
                .iter()
                .flat_map(|r| r.members.iter())
                .map(|&m| level[m as usize].saturating_add(1))
                .max()
                .unwrap_or(0);
            level[i as usize] = l;
        }
        // Longest-path height (distance to a skill nothing needs): a
        // descendant always has a lower height. With the level, it bounds
        // the searches below to skills between the two prerequisites;
        // the level alone lets a search from a deep prerequisite walk
        // its whole ancestry when the other one is shallow.
        let mut height = vec![0u32; self.len()];
        for &i in order.iter().rev() {
            let h = height[i as usize].saturating_add(1);
            for &m in self.requirements[i as usize].iter().flat_map(|r| r.members.iter()) {
                height[m as usize] = height[m as usize].max(h);
            }
        }
        let between = |y: u32, target: u32| {
            level[y as usize] > level[target as usize] && height[y as usize] < height[target as usize]
        };
        let mut stamp = vec![0u32; self.len()];
        let mut generation = 0u32;
        let mut out = Vec::new();
        let mut stack = Vec::new();
        for &v in &order {
            let plain: Vec<&Requirement> = self.requirements[v as usize].iter().filter(|r| !r.any_of).collect();
            if plain.len() < 2 {
                continue;
            }
            for p in &plain {
                let target = p.members[0];
                for q in &plain {
                    let via = q.members[0];
                    if via == target || !between(via, target) {
                        continue;
                    }
                    generation += 1;
                    stack.clear();
                    stack.push(via);
                    let mut hit = false;
                    while let Some(x) = stack.pop() {
                        for r in self.requirements[x as usize].iter().filter(|r| !r.any_of) {
                            let y = r.members[0];
                            if y == target {
                                hit = true;
                                break;
                            }
                            if between(y, target) && stamp[y as usize] != generation {
                                stamp[y as usize] = generation;
                                stack.push(y);
                            }
                        }
                        if hit {
                            break;
                        }
                    }
                    if hit {
                        out.push(Redundant {
                            skill: self.id(v).to_owned(),
                            prerequisite: self.id(target).to_owned(),
                            via: self.id(via).to_owned(),
                            entry: p.entry as usize,
                        });
                        break;
                    }
                }
            }
        }
        out.sort_by_key(|r| (self.index.get(r.skill.as_str()).copied(), r.entry));
        out
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
        self.requirements[i as usize].iter().all(|r| r.members.iter().any(|&m| satisfied(self.id(m))))
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    pub(crate) fn id(&self, i: u32) -> &'r str {
        &self.roadmap.skills[i as usize].id
    }

    pub(crate) fn requirements_of(&self, i: u32) -> &[Requirement] {
        &self.requirements[i as usize]
    }

    pub(crate) fn dependents_of(&self, i: u32) -> &[u32] {
        &self.dependents[i as usize]
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

fn shorten(text: &str, max: usize) -> String {
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

//! Cycles of prerequisites: every strongly connected group of skills
//! (`components`), each shown as its shortest cycle from its first skill;
//! and the cycles that block skills for good.

use foldhash::{HashMap, HashMapExt};

use super::{CyclicAlternative, CyclicAlternatives, Requirement, SkillGraph, alternatives, components, to_u32};

/// A cycle of prerequisites: each skill needs the next, and the last needs
/// the first.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "a", "name": "A", "prerequisites": ["b"]}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
/// let cycle = &trailmap::SkillGraph::new(&roadmap).cycles()[0];
/// assert_eq!(cycle.to_string(), "`a` needs `b`, which needs `a`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Cycle {
    /// The skills on the cycle, in "needs" order, each once.
    pub skills: Vec<String>,
}

/// Cycles of more skills than this are shown with their middle left out:
/// a message naming a hundred thousand skills helps no one (the skills are
/// all in [`Cycle::skills`]).
const SHOWN_IN_FULL: usize = 16;
/// How many skills a long cycle shows before and after the gap.
const SHOWN_AROUND_GAP: usize = 6;

/// "`a` needs `b`, which needs `a`"; a cycle of more than 16 skills shows
/// its first and last six and how many it leaves out between them.
///
/// ```
/// // s0 needs s1, which needs s2, …, s99 needs s0.
/// let skills: Vec<String> = (0..100)
///     .map(|i| format!(r#"{{"id": "s{i}", "name": "S{i}", "prerequisites": ["s{}"]}}"#, (i + 1) % 100))
///     .collect();
/// let json = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(","));
/// let roadmap = trailmap::Roadmap::from_json_str(&json).roadmap.unwrap();
/// let long = trailmap::SkillGraph::new(&roadmap).cycles()[0].to_string();
/// assert!(long.starts_with("`s0` needs `s1`, which needs `s2`"), "{long}");
/// assert!(long.contains("`s5`, which needs … 88 more …, which needs `s94`"), "{long}");
/// assert!(long.ends_with("`s99`, which needs `s0`"), "{long}");
/// ```
impl std::fmt::Display for Cycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.skills.len();
        for (k, step) in self.steps().enumerate() {
            match k {
                0 => write!(f, "{step} needs")?,
                1 if n > 1 => write!(f, " {step}")?,
                _ => write!(f, ", which needs {step}")?,
            }
        }
        Ok(())
    }
}

/// One step of a cycle as a message names it: a skill, or how many skills
/// the middle of a long cycle leaves out.
pub(crate) enum Step<'c> {
    Skill(&'c str),
    Left(usize),
}

impl std::fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Step::Skill(id) => write!(f, "`{id}`"),
            Step::Left(n) => write!(f, "… {n} more …"),
        }
    }
}

impl Cycle {
    /// The steps a message names, from the first skill back to it; the
    /// middle of a cycle of more than 16 skills is one [`Step::Left`].
    pub(crate) fn steps(&self) -> impl Iterator<Item = Step<'_>> {
        let n = self.skills.len();
        let gap = (n > SHOWN_IN_FULL).then(|| SHOWN_AROUND_GAP..n - SHOWN_AROUND_GAP);
        self.skills.iter().chain(self.skills.first()).enumerate().filter_map(move |(i, id)| match &gap {
            Some(gap) if gap.contains(&i) => (i == gap.start).then_some(Step::Left(gap.len())),
            _ => Some(Step::Skill(id)),
        })
    }
}

impl<'r> SkillGraph<'r> {
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
        alternatives::find(self, u64::MAX).found
    }

    /// [`Self::cyclic_alternatives`] within a bound on the work: each
    /// skill with a group member on a cycle through it costs the size of
    /// its strongly connected component (skills and requirement members),
    /// and once `max_work` is spent the remaining such skills are listed
    /// as unchecked instead. Quadratic graphs (thousands of skills on one
    /// cycle of `any_of` groups) then take bounded time.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A", "prerequisites": [{"any_of": ["b", "c"]}]},
    /// #   {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C"}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// assert_eq!(graph.cyclic_alternatives_within(1_000).found, graph.cyclic_alternatives());
    /// ```
    pub fn cyclic_alternatives_within(&self, max_work: u64) -> CyclicAlternatives {
        alternatives::find(self, max_work)
    }

    /// The requirement of skill `from` that is blocked (no member can be
    /// learned) and has `to` as a member: where a blocked cycle's first
    /// step is written. `None` when there is none.
    pub fn blocked_entry(&self, from: &str, to: &str) -> Option<usize> {
        let (i, t) = (self.index.get(from)?, self.index.get(to)?);
        let learnable = self.learnable();
        self.requirements_of(i)
            .find(|r| r.members.contains(&t) && r.members.iter().all(|&m| !learnable[m as usize]))
            .map(|r| r.entry as usize)
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
        // only a cyclic roadmap pays for its components.
        if self.is_acyclic() {
            return Vec::new();
        }
        self.cycles_through(|_, _| true)
    }

    /// Cycles over the requirements `keep(skill, requirement)` accepts.
    fn cycles_through(&self, keep: impl Fn(u32, Requirement<'_>) -> bool) -> Vec<Cycle> {
        // The members of each skill's kept requirements, skill after skill.
        let mut start = Vec::with_capacity(self.len() + 1);
        let mut kept: Vec<u32> = Vec::new();
        start.push(0);
        for i in 0..self.len() {
            for r in self.requirements_of(to_u32(i)).filter(|r| keep(to_u32(i), *r)) {
                kept.extend_from_slice(r.members);
            }
            start.push(kept.len());
        }
        let needs = |i: u32| &kept[start[i as usize]..start[i as usize + 1]];
        let (component, count) = components::strongly_connected(self.len(), needs);
        // Each component's first skill and size.
        let mut first = vec![u32::MAX; count as usize];
        let mut size = vec![0u32; count as usize];
        for (i, &c) in component.iter().enumerate() {
            first[c as usize] = first[c as usize].min(to_u32(i));
            size[c as usize] += 1;
        }
        let mut found: Vec<Vec<u32>> = Vec::new();
        for (c, (&start, &size)) in first.iter().zip(&size).enumerate() {
            if size > 1 || needs(start).contains(&start) {
                found.push(self.cycle_path(start, to_u32(c), &component, needs));
            }
        }
        found.sort();
        found
            .into_iter()
            .map(|path| Cycle { skills: path.into_iter().map(|i| self.id(i).to_owned()).collect() })
            .collect()
    }

    /// Shortest "needs" path from `start` back to itself inside one
    /// strongly connected component (breadth-first, so linear in its size).
    fn cycle_path<'k>(&self, start: u32, scc: u32, in_scc: &[u32], needs: impl Fn(u32) -> &'k [u32]) -> Vec<u32> {
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(i) = queue.pop_front() {
            for &m in needs(i) {
                if m == start {
                    return walk_back(&parent, i, start);
                }
                if in_scc[m as usize] == scc && !parent.contains_key(&m) {
                    parent.insert(m, i);
                    queue.push_back(m);
                }
            }
        }
        vec![start]
    }
}

/// The path `to`, …, `from` found by a breadth-first search, read back from
/// `from` through the `parent` links it recorded (each skill maps to the
/// skill it was reached from) until `to`.
pub(super) fn walk_back(parent: &HashMap<u32, u32>, from: u32, to: u32) -> Vec<u32> {
    let mut path = vec![from];
    let mut at = from;
    while at != to {
        at = parent[&at];
        path.push(at);
    }
    path.reverse();
    path
}

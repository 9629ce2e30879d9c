//! `any_of` alternatives that are cycles: members of a group of a learnable
//! skill `a` that can only be learned after `a` itself, so they can never
//! be the member that satisfies the group.
//!
//! The definition, exactly: member `m` of an `any_of` group of `a` is a
//! cyclic alternative when `a` and `m` are both learnable, `m` is not `a`,
//! and `m` is *not* learnable once `a` is taken away (every way to learn
//! `m` goes through `a`). Such an `m` needs `a`, directly or through a
//! chain of requirements, so `a` → `m` → … → `a` is a cycle through the
//! skill. A member that cannot be learned at all is left out: it is not a
//! cycle through `a` but a skill blocked on its own, which TM007 reports;
//! and a member that is learnable without `a` (another of its alternatives
//! avoids `a`) is a real way in, so it is not reported either.
//!
//! Only a skill's own strongly connected component can depend on it, so
//! "learnable without `a`" is recomputed inside that component alone, for
//! skills with a group member in it: nothing at all on an acyclic roadmap,
//! and the component's size per such skill otherwise. That is quadratic in
//! a component of thousands of skills joined by `any_of` groups (a chain
//! where each skill needs one of its two neighbours), so the work is
//! bounded and the skills left unchecked are named.

use foldhash::{HashMap, HashMapExt};

use super::cycles::walk_back;
use super::{Cycle, SkillGraph, buckets, components, distinct, learnable, to_u32};

/// An `any_of` alternative that can only be learned after the skill that
/// lists it (see [`SkillGraph::cyclic_alternatives`]).
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "a", "name": "A", "prerequisites": [{"any_of": ["b", "c"]}]},
/// #   {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C"}]}"#).roadmap.unwrap();
/// let found = trailmap::SkillGraph::new(&roadmap).cyclic_alternatives();
/// assert_eq!((found[0].skill, found[0].entry, found[0].position), (0, 0, 0));
/// assert_eq!((found[0].alternative.as_str(), &found[0].through[..]), ("b", &["c".to_owned()][..]));
/// assert_eq!(found[0].cycle.to_string(), "`a` needs `b`, which needs `a`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CyclicAlternative {
    /// Index in `roadmap.skills` of the skill whose group it is.
    pub skill: usize,
    /// Index of the group in the skill's `prerequisites`.
    pub entry: usize,
    /// Index of the alternative in the group's `any_of` list (its first
    /// occurrence).
    pub position: usize,
    /// The alternative's id.
    pub alternative: String,
    /// The members of the group that can be learned before the skill, in
    /// group order; never empty, since the skill is learnable.
    pub through: Vec<String>,
    /// The cycle: the skill, the alternative, then each skill needed on the
    /// way back to the skill.
    pub cycle: Cycle,
}

/// What [`SkillGraph::cyclic_alternatives_within`] found, and where it
/// stopped if its work ran out.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "a", "name": "A", "prerequisites": [{"any_of": ["b", "c"]}]},
/// #   {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C"}]}"#).roadmap.unwrap();
/// let graph = trailmap::SkillGraph::new(&roadmap);
/// let all = graph.cyclic_alternatives_within(u64::MAX);
/// assert_eq!((all.found.len(), all.unchecked.len()), (1, 0));
/// let none = graph.cyclic_alternatives_within(0);
/// assert_eq!((none.found.len(), none.unchecked), (0, vec![0]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CyclicAlternatives {
    /// Every cyclic alternative of the skills checked, in skill order.
    pub found: Vec<CyclicAlternative>,
    /// Indices (in `roadmap.skills`) of the skills with a group member on
    /// a cycle through them that were not checked, in order; empty when
    /// the search finished.
    pub unchecked: Vec<usize>,
}

pub(super) fn find(graph: &SkillGraph<'_>, max_work: u64) -> CyclicAlternatives {
    let mut result = CyclicAlternatives::default();
    if graph.is_acyclic() {
        return result;
    }
    let n = graph.len();
    let learnable = learnable::mask(graph);
    let (component, component_members) = components(graph);
    // What one "learnable without `a`" costs in each component: its skills
    // and the members of their requirements.
    let component_work: Vec<u64> =
        component_members.all().map(|skills| skills.iter().map(|&s| work_at(graph, s)).sum()).collect();
    let mut work = 0u64;
    let found = &mut result.found;
    let mut scratch = Scratch::default();
    for a in 0..to_u32(n) {
        let c = component[a as usize];
        let in_cycle = |m: u32| m != a && component[m as usize] == c && learnable[m as usize];
        if !learnable[a as usize]
            || !graph.requirements_of(a).any(|r| r.any_of && r.members.iter().any(|&m| in_cycle(m)))
        {
            continue;
        }
        work = work.saturating_add(component_work[c as usize]);
        if work > max_work {
            result.unchecked.push(a as usize);
            continue;
        }
        let scope = component_members.of(c);
        scratch.learn_without(graph, a, scope, &component, &learnable);
        // `m` can be learned without `a` (inside the component, from the
        // scratch; outside it, nothing depends on `a`).
        let without = |m: u32| {
            if component[m as usize] == c {
                m != a && scratch.learned[scratch.local[m as usize] as usize]
            } else {
                learnable[m as usize]
            }
        };
        for r in graph.requirements_of(a).filter(|r| r.any_of) {
            let Some(crate::Prerequisite::AnyOf(group)) =
                graph.roadmap.skills[a as usize].prerequisites.get(r.entry as usize)
            else {
                continue;
            };
            // The same for every alternative of the group; made once, when
            // the first is found (a group may have thousands of members).
            let members = distinct(r.members);
            let mut through: Option<Vec<String>> = None;
            let mut positions: Option<HashMap<&str, usize>> = None;
            for &m in &members {
                if !in_cycle(m) || without(m) {
                    continue;
                }
                let id = graph.id(m);
                let through = through
                    .get_or_insert_with(|| {
                        members.iter().filter(|&&o| without(o)).map(|&o| graph.id(o).to_owned()).collect()
                    })
                    .clone();
                let positions = positions.get_or_insert_with(|| {
                    let mut first = HashMap::with_capacity(group.any_of.len());
                    for (k, x) in group.any_of.iter().enumerate() {
                        first.entry(x.as_str()).or_insert(k);
                    }
                    first
                });
                let mut path = vec![a];
                let (back, spent) = scratch.path_back(graph, m, a, &without, &learnable, &component);
                work = work.saturating_add(spent);
                path.extend(back);
                found.push(CyclicAlternative {
                    skill: a as usize,
                    entry: r.entry as usize,
                    position: positions.get(id).copied().unwrap_or(0),
                    alternative: id.to_owned(),
                    through,
                    cycle: Cycle { skills: path.into_iter().map(|i| graph.id(i).to_owned()).collect() },
                });
            }
        }
    }
    result
}

/// The work one skill counts for the bound, in "learnable without `a`"
/// and in the search back along a cycle: the skill and the members of its
/// requirements.
fn work_at(graph: &SkillGraph<'_>, s: u32) -> u64 {
    1 + graph.requirements_of(s).map(|r| r.members.len() as u64).sum::<u64>()
}

/// Strongly connected components of the "needs" graph (every member of
/// every requirement): the component of each skill, and each component's
/// skills in file order.
fn components(graph: &SkillGraph<'_>) -> (Vec<u32>, Components) {
    let (component, count) = components::strongly_connected(graph.len(), |i| graph.prerequisite_members(i));
    // One list of every component's skills.
    let each = component.iter().enumerate().map(|(i, &c)| (c as usize, to_u32(i)));
    let (start, skills) = buckets::bucketed(count as usize, each);
    (component, Components { start, skills })
}

/// Each component's skills: component `c`'s are `skills[start[c]..start[c + 1]]`.
struct Components {
    start: Vec<usize>,
    skills: Vec<u32>,
}

impl Components {
    fn of(&self, c: u32) -> &[u32] {
        &self.skills[self.start[c as usize]..self.start[c as usize + 1]]
    }

    fn all(&self) -> impl Iterator<Item = &[u32]> {
        self.start.windows(2).map(|w| &self.skills[w[0]..w[1]])
    }
}

/// Buffers for "learnable without `a`" inside one component, reused from
/// skill to skill.
#[derive(Default)]
struct Scratch {
    /// Position of each skill in the current scope (only meaningful for
    /// the scope's skills).
    local: Vec<u32>,
    /// Per scope position: learned without `a`.
    learned: Vec<bool>,
}

impl Scratch {
    /// The least fixed point inside `scope` (a component, holding `a`)
    /// with `a` never learned; members outside the component keep their
    /// learnability, which cannot depend on `a`.
    fn learn_without(&mut self, graph: &SkillGraph<'_>, a: u32, scope: &[u32], component: &[u32], learnable: &[bool]) {
        if self.local.len() < graph.len() {
            self.local.resize(graph.len(), u32::MAX);
        }
        let c = component[a as usize];
        for (k, &s) in scope.iter().enumerate() {
            self.local[s as usize] = to_u32(k);
        }
        self.learned.clear();
        self.learned.resize(scope.len(), false);
        // Per scope skill: requirements not met yet, and a met flag per
        // requirement (offsets into one array).
        let mut unmet = vec![0u32; scope.len()];
        let mut offset = Vec::with_capacity(scope.len() + 1);
        let mut met: Vec<bool> = Vec::new();
        let mut ready = Vec::new();
        for (k, &s) in scope.iter().enumerate() {
            offset.push(met.len());
            for r in graph.requirements_of(s) {
                let outside = r.members.iter().any(|&m| component[m as usize] != c && learnable[m as usize]);
                met.push(outside);
                unmet[k] += u32::from(!outside);
            }
            if s != a && unmet[k] == 0 {
                ready.push(s);
            }
        }
        while let Some(y) = ready.pop() {
            self.learned[self.local[y as usize] as usize] = true;
            for &d in graph.dependents_of(y) {
                if component[d as usize] != c || d == a {
                    continue;
                }
                let k = self.local[d as usize] as usize;
                if self.learned[k] || unmet[k] == 0 {
                    continue;
                }
                for (t, r) in graph.requirements_of(d).enumerate() {
                    if !met[offset[k] + t] && r.members.contains(&y) {
                        met[offset[k] + t] = true;
                        unmet[k] -= 1;
                    }
                }
                if unmet[k] == 0 {
                    ready.push(d);
                }
            }
        }
    }

    /// Shortest chain from `m` back to `a` (excluded), and the work the
    /// search did (counted as for the bound): each skill needs the next
    /// through a requirement none of whose members is learnable without
    /// `a`, and each step is a skill that needs `a` too. Such a chain
    /// exists for every cyclic alternative: its blocking requirement is
    /// met, in learning order, by a member learned earlier that needs `a`
    /// in turn, down to `a`.
    fn path_back(
        &self,
        graph: &SkillGraph<'_>,
        m: u32,
        a: u32,
        without: &dyn Fn(u32) -> bool,
        learnable: &[bool],
        component: &[u32],
    ) -> (Vec<u32>, u64) {
        let c = component[a as usize];
        let mut work = 0u64;
        let mut parent: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
        let mut queue = std::collections::VecDeque::from([m]);
        parent.insert(m, m);
        while let Some(x) = queue.pop_front() {
            work = work.saturating_add(work_at(graph, x));
            for r in graph.requirements_of(x).filter(|r| !r.members.iter().any(|&y| without(y))) {
                for &y in r.members {
                    if y == a {
                        return (walk_back(&parent, x, m), work);
                    }
                    if component[y as usize] == c && learnable[y as usize] && !parent.contains_key(&y) {
                        parent.insert(y, x);
                        queue.push_back(y);
                    }
                }
            }
        }
        (vec![m], work)
    }
}

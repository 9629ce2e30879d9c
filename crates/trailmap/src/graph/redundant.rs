//! Redundant prerequisites: for each skill, the plain prerequisites that
//! another plain prerequisite of the same skill already needs, through
//! plain prerequisites only.
//!
//! Each question "does `via` need `target`?" is answered exactly, but most
//! are answered without a search, by interval labels over the plain
//! "needs" graph (GRAIL, Yıldırım, Chaoji and Zaki, 2010):
//!
//! - a few depth-first traversals in different child orders number every
//!   skill in post-order; `low` is the smallest number among everything it
//!   needs. If `via` needs `target`, then `target`'s interval `[low, post]`
//!   lies inside `via`'s in every traversal: a `target` outside any of
//!   them is not needed (the common answer, in constant time);
//! - a `target` inside `via`'s depth-first subtree in some traversal is
//!   needed for sure (again constant time);
//! - only the rest is searched, and the search enters only skills whose
//!   intervals still contain `target`'s.
//!
//! With longest-path levels and heights (a skill needed by another has a
//! lower level and a greater height) as a further filter. A skill with
//! very many plain prerequisites is answered with one search over what
//! they need instead of a question per pair.

use super::{SkillGraph, to_u32};

/// A prerequisite already implied by another one: `skill` needs
/// `prerequisite` directly, but also through `via`.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
/// #   {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#).roadmap.unwrap();
/// let r = &trailmap::SkillGraph::new(&roadmap).redundant_prerequisites()[0];
/// assert_eq!((r.skill.as_str(), r.prerequisite.as_str(), r.via.as_str(), r.entry), ("c", "a", "b", 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
        find(self)
    }
}

/// Depth-first traversals whose labels are kept: each more rejects more
/// pairs up front and costs one pass over the graph.
const TRAVERSALS: usize = 5;

/// Above this many plain prerequisites, a skill's questions are answered
/// by one marking search rather than pair by pair (quadratic in them).
const PAIRWISE_MAX: usize = 32;

/// The plain prerequisite graph in flat arrays: `needs(i)` is the first
/// member of each plain entry of skill `i` (repeats kept, as entries).
/// Without `any_of` entries that is the graph's own member list, which is
/// then borrowed rather than copied (at a million skills with twenty
/// prerequisites each, the copy was 80 MB of the peak).
struct Plain<'g> {
    graph: &'g SkillGraph<'g>,
    /// Offsets and members copied when some entry is an `any_of`.
    own: Option<(Vec<u32>, Vec<u32>, Vec<u32>)>,
}

impl<'g> Plain<'g> {
    fn new(graph: &'g SkillGraph<'g>) -> Self {
        if !graph.requirements.iter().any(|r| r.any_of()) {
            // Each plain requirement is one member: members and slots line up.
            return Plain { graph, own: None };
        }
        let n = graph.len();
        let mut start = Vec::with_capacity(n + 1);
        let mut members = Vec::with_capacity(graph.members.len());
        let mut entries = Vec::with_capacity(graph.members.len());
        for i in 0..n {
            start.push(to_u32(members.len()));
            for r in graph.requirements_of(to_u32(i)).filter(|r| !r.any_of) {
                members.push(r.members[0]);
                entries.push(r.entry);
            }
        }
        start.push(to_u32(members.len()));
        Plain { graph, own: Some((start, members, entries)) }
    }

    fn needs(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match &self.own {
            Some((start, members, _)) => &members[start[i] as usize..start[i + 1] as usize],
            None => &self.graph.members[self.graph.member_start[i] as usize..self.graph.member_start[i + 1] as usize],
        }
    }

    /// The entry (index in the skill's `prerequisites`) of `needs(i)[k]`.
    fn entry(&self, i: u32, k: usize) -> u32 {
        let i = i as usize;
        match &self.own {
            Some((start, _, entries)) => entries[start[i] as usize + k],
            None => self.graph.requirements[self.graph.requirement_start[i] as usize + k].entry(),
        }
    }
}

/// One traversal's numbers for a skill.
#[derive(Clone, Copy, Default)]
struct Label {
    /// The smallest post-order number of anything the skill needs (or its own subtree's first).
    low: u32,
    /// The post-order number the traversal gave when it entered the skill:
    /// its depth-first subtree holds exactly the numbers `first..=post`.
    first: u32,
    /// Post-order number.
    post: u32,
}

/// [`TRAVERSALS`] labels per skill, side by side for cache locality.
struct Labels {
    labels: Vec<[Label; TRAVERSALS]>,
}

impl Labels {
    /// Labels every skill of `order` (a topological order, prerequisites
    /// first; skills on cycles are not in it and not labelled).
    fn new(plain: &Plain, order: &[u32], n: usize) -> Self {
        let mut labels = vec![[Label::default(); TRAVERSALS]; n];
        let mut visited = vec![0u8; n];
        let mut stack: Vec<(u32, u32)> = Vec::new();
        for round in 0..TRAVERSALS {
            let mark = round as u8 + 1;
            let mut counter = 0u32;
            // Roots from the last skill back (skills nothing needs come
            // late), children from a per-skill, per-round rotation.
            let roots: Box<dyn Iterator<Item = &u32>> =
                if round % 2 == 0 { Box::new(order.iter().rev()) } else { Box::new(order.iter()) };
            for &root in roots {
                if visited[root as usize] == mark {
                    continue;
                }
                visited[root as usize] = mark;
                labels[root as usize][round].first = counter;
                stack.push((root, 0));
                while let Some(top) = stack.last_mut() {
                    let (x, next) = *top;
                    let needs = plain.needs(x);
                    if (next as usize) < needs.len() {
                        top.1 += 1;
                        let y = needs[(next as usize + rotation(x, round, needs.len())) % needs.len()];
                        if visited[y as usize] != mark {
                            visited[y as usize] = mark;
                            labels[y as usize][round].first = counter;
                            stack.push((y, 0));
                        }
                    } else {
                        labels[x as usize][round].post = counter;
                        counter += 1;
                        stack.pop();
                    }
                }
            }
            // Prerequisites first: each skill's `low` from those it needs.
            for &x in order {
                let mut low = labels[x as usize][round].first;
                for &y in plain.needs(x) {
                    low = low.min(labels[y as usize][round].low);
                }
                labels[x as usize][round].low = low;
            }
        }
        Labels { labels }
    }

    /// `false` when `from` certainly does not need `to`.
    fn may_need(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        (0..TRAVERSALS).all(|r| a[r].low <= b[r].low && b[r].post < a[r].post)
    }

    /// `true` when `to` is in `from`'s depth-first subtree in some
    /// traversal: `from` needs it for sure.
    fn surely_needs(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        (0..TRAVERSALS).any(|r| a[r].first <= b[r].post && b[r].post < a[r].post)
    }
}

/// Where traversal `round` starts among a skill's `len` prerequisites.
fn rotation(x: u32, round: usize, len: usize) -> usize {
    if round == 0 {
        return 0;
    }
    let mut z = u64::from(x) ^ (round as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) % len as u64) as usize
}

/// Every redundant plain prerequisite of `graph`, by skill (file order)
/// then entry.
pub(super) fn find(graph: &SkillGraph<'_>) -> Vec<Redundant> {
    let n = graph.len();
    let order = graph.topological_indices();
    let plain = Plain::new(graph);
    // Longest-path level and height over all prerequisites (plain and
    // `any_of`): needing through plain entries implies both orders.
    let mut level = vec![0u32; n];
    for &i in &order {
        level[i as usize] =
            graph.prerequisite_members(i).iter().map(|&m| level[m as usize].saturating_add(1)).max().unwrap_or(0);
    }
    let mut height = vec![0u32; n];
    for &i in order.iter().rev() {
        let h = height[i as usize].saturating_add(1);
        for &m in graph.prerequisite_members(i) {
            height[m as usize] = height[m as usize].max(h);
        }
    }
    let labels = Labels::new(&plain, &order, n);
    let between = |y: u32, target: u32| {
        level[y as usize] > level[target as usize]
            && height[y as usize] < height[target as usize]
            && labels.may_need(y, target)
    };
    let mut stamp = vec![0u32; n];
    let mut generation = 0u32;
    let mut stack = Vec::new();
    let mut out = Vec::new();
    // `needs(via, target)`: exact, pruned by the labels.
    let mut needs = |via: u32, target: u32| -> bool {
        if !between(via, target) {
            return false;
        }
        if labels.surely_needs(via, target) {
            return true;
        }
        generation = generation.wrapping_add(1);
        if generation == 0 {
            stamp.fill(0);
            generation = 1;
        }
        stack.clear();
        stack.push(via);
        while let Some(x) = stack.pop() {
            for &y in plain.needs(x) {
                if y == target {
                    return true;
                }
                if stamp[y as usize] != generation && between(y, target) {
                    if labels.surely_needs(y, target) {
                        return true;
                    }
                    stamp[y as usize] = generation;
                    stack.push(y);
                }
            }
        }
        false
    };
    let mut first_via: Vec<u32> = vec![u32::MAX; n];
    let mut marked: Vec<u32> = Vec::new();
    let mut marking: Vec<u32> = Vec::new();
    let mut near: Vec<(u32, u32, u32, u32)> = Vec::new();
    for &v in &order {
        let prerequisites = plain.needs(v);
        if prerequisites.len() < 2 {
            continue;
        }
        let mut report = |k: usize, via: u32| {
            out.push(Redundant {
                skill: graph.id(v).to_owned(),
                prerequisite: graph.id(prerequisites[k]).to_owned(),
                via: graph.id(via).to_owned(),
                entry: plain.entry(v, k) as usize,
            });
        };
        if prerequisites.len() <= PAIRWISE_MAX {
            // The cheap necessary conditions (level, height, the first
            // traversal's interval) from a copy beside each other: a skill
            // with 20 prerequisites asks 380 questions.
            near.clear();
            near.extend(prerequisites.iter().map(|&p| {
                let first = labels.labels[p as usize][0];
                (level[p as usize], height[p as usize], first.low, first.post)
            }));
            for (k, &target) in prerequisites.iter().enumerate() {
                let t = near[k];
                let via = prerequisites.iter().zip(&near).find(|&(&via, u)| {
                    via != target && u.0 > t.0 && u.1 < t.1 && u.2 <= t.2 && t.3 < u.3 && needs(via, target)
                });
                if let Some((&via, _)) = via {
                    report(k, via);
                }
            }
        } else {
            // One search per prerequisite in entry order, each marking
            // what it reaches and nobody before it did: a skill is marked
            // by the first prerequisite that needs it.
            let floor = prerequisites.iter().map(|&p| level[p as usize]).min().unwrap_or(0);
            for &via in prerequisites {
                if first_via[via as usize] != u32::MAX {
                    // Already needed by an earlier one, and so is all it needs.
                    continue;
                }
                marking.clear();
                marking.push(via);
                while let Some(x) = marking.pop() {
                    for &y in plain.needs(x) {
                        if first_via[y as usize] == u32::MAX {
                            first_via[y as usize] = via;
                            marked.push(y);
                            // What a skill at the lowest level of the
                            // prerequisites needs cannot be one of them.
                            if level[y as usize] > floor {
                                marking.push(y);
                            }
                        }
                    }
                }
            }
            for (k, &target) in prerequisites.iter().enumerate() {
                let via = first_via[target as usize];
                if via != u32::MAX && via != target {
                    report(k, via);
                }
            }
            for y in marked.drain(..) {
                first_via[y as usize] = u32::MAX;
            }
        }
    }
    out.sort_by_key(|r| (graph.index.get(r.skill.as_str()).copied(), r.entry));
    out
}

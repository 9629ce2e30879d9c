//! Redundant prerequisites: for each skill, the plain prerequisites that
//! another plain prerequisite of the same skill already needs, through
//! plain prerequisites only.
//!
//! Each question "does `via` need `target`?" is answered exactly, but most
//! are answered without a search, by interval labels over the plain
//! "needs" graph (GRAIL, Yıldırım, Chaoji and Zaki, 2010) and landmark
//! rows beside them (`landmarks.rs`):
//!
//! - a depth-first traversal numbers every skill in post-order, entering
//!   each skill's nearest prerequisite in rank first (so that where
//!   skills need the one before them, each subtree holds everything
//!   below); `low` is the smallest number among everything it needs. If
//!   `via` needs `target`, then `target`'s interval `[low, post]` lies
//!   inside `via`'s: a `target` outside it is not needed (the common
//!   answer, in constant time);
//! - a `target` inside `via`'s depth-first subtree is needed for sure, and
//!   so is one needed by a landmark that `via` needs (again constant time);
//! - a `target` that needs a landmark `via` does not need, or that a
//!   landmark needing `via` does not need, is not needed;
//! - a `target` that `via` lists among its own plain prerequisites is
//!   needed (each list read once for the skill asking, `direct.rs`:
//!   roadmaps that list every skill a skill builds on ask mostly these);
//! - only the rest is searched, and the search enters only skills the
//!   labels and landmarks leave possible, and ends at the first that
//!   surely needs `target`.
//!
//! The traversal leaves out the hubs, the few landmarks that most skills
//! need directly: one in every skill's interval would make the labels rule
//! out only what the order does, and a path through one is the rows' to
//! answer.
//!
//! With longest-path levels and heights (a skill needed by another has a
//! lower level and a greater height) as a further filter. A skill with
//! very many plain prerequisites is answered with one search over what
//! they need instead of a question per pair.
//!
//! Two exact shortcuts come first: a ring of reachability bit rows over
//! the last few thousand ranks (`window.rs`) answers every pair close in
//! rank, and when the searches would cross more of the graph than a known
//! bound (many prerequisites drawn from everything before, where the
//! labels rarely rule a pair out), every question is answered at once by
//! bit rows over blocks of targets (`blocks.rs`); where the labels answer
//! every question about a target cheaply enough, they do, and the blocks
//! are made of the other targets alone. A sample of the searches
//! (one skill in a hundred at 100k) estimates their work before they
//! start; should they spend twice what the blocks would cost, they stop
//! and switch (sooner only where the work bound would leave the blocks no
//! room).
//!
//! On several threads the searches take chunks of ranks, each with a ring
//! of its own (`chunked.rs`).
//!
//! No exact method is near-linear on every graph (transitive reduction is
//! as hard as transitive closure), so the work can be bounded: the
//! entries the searches look at and the blocks' cost, known before they
//! start, are counted, and past the bound the skills not yet checked are
//! named rather than answered ([`SkillGraph::redundant_prerequisites_within`]).

use super::{SkillGraph, to_u32};

mod blocks;
mod chunked;
mod direct;
mod labels;
mod landmarks;
mod method;
mod plain;
mod search;
mod segments;
mod window;

use blocks::Blocks;
use method::{find, stopped};
use plain::Plain;
#[cfg(test)]
use {
    method::{
        SEARCH_TO_BLOCKS, TUNED, Tuning, find_tuned, find_within, sample_enough, sampled_search_work,
        switches_to_blocks,
    },
    search::{Search, Work},
    window::Window,
};

/// A prerequisite already implied by another one: `skill` needs
/// `prerequisite` directly, but also through `via`.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
/// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
/// #   {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#).roadmap.unwrap();
/// let r = &trailmap::SkillGraph::new(&roadmap).redundant_prerequisites()[0];
/// assert_eq!((r.skill, r.skill_index, r.prerequisite, r.via, r.entry), ("c", 2, "a", "b", 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redundant<'r> {
    /// The skill with the redundant entry.
    pub skill: &'r str,
    /// Its index in `roadmap.skills` (a report need not look its id up).
    pub skill_index: usize,
    /// The prerequisite that is implied anyway.
    pub prerequisite: &'r str,
    /// Another direct prerequisite of `skill` that already needs it.
    pub via: &'r str,
    /// Index of the redundant entry in the skill's `prerequisites`.
    pub entry: usize,
}

impl<'r> SkillGraph<'r> {
    /// Plain (non-`any_of`) prerequisites that another plain prerequisite of
    /// the same skill already implies. Removing them changes nothing a
    /// learner must do. Skills on cycles are skipped. Exact whatever it
    /// costs: [`redundant_prerequisites_within`](Self::redundant_prerequisites_within)
    /// bounds the work.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    /// #   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}]}"#).roadmap.unwrap();
    /// let redundant = trailmap::SkillGraph::new(&roadmap).redundant_prerequisites();
    /// assert_eq!(redundant[0].prerequisite, "python");
    /// assert_eq!(redundant[0].via, "numpy");
    /// ```
    pub fn redundant_prerequisites(&self) -> Vec<Redundant<'r>> {
        self.redundant_prerequisites_within(u64::MAX, 1).found
    }

    /// [`redundant_prerequisites`](Self::redundant_prerequisites) with a
    /// bound on the work: on most graphs the answer costs a few
    /// prerequisite entries looked at per entry, but transitive reduction
    /// is as hard as transitive closure, and on a large graph whose skills
    /// draw many prerequisites from everything before them it grows with
    /// skills times entries. Past `max_work` entries looked at (15-50 ns
    /// each, as the graph fits the cache or not; on a graph of over
    /// 262,144 skills, those of a skill that far back in rank from the one
    /// asked about count twice, as each is a miss to memory) it stops and
    /// names the skills it did not check; what it found for the others is
    /// exact.
    /// Up to `threads` threads share the work: the searches a range of
    /// skills each, or, where every question is answered at once by blocks
    /// of targets (many prerequisites drawn from everything before), the
    /// blocks. The skills checked within the bound are the same on any
    /// number of threads.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    /// #   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// let all = graph.redundant_prerequisites_within(1 << 20, 2);
    /// assert_eq!((all.found, all.unchecked), (graph.redundant_prerequisites(), vec![]));
    /// ```
    pub fn redundant_prerequisites_within(&self, max_work: u64, threads: usize) -> RedundantPrerequisites<'r> {
        let RedundantEntries { found, unchecked } = find(self, max_work, threads, ReductionMemory::Ample);
        let found = found
            .into_iter()
            .map(|e| Redundant {
                skill: self.id(e.skill_index),
                skill_index: e.skill_index as usize,
                prerequisite: self.id(e.prerequisite_index),
                via: self.id(e.via_index),
                entry: e.entry as usize,
            })
            .collect();
        RedundantPrerequisites { found, unchecked }
    }

    /// [`redundant_prerequisites_within`](Self::redundant_prerequisites_within),
    /// each entry by indices ([`RedundantEntry`], 16 bytes where a
    /// [`Redundant`] takes 64): for callers keeping hundreds of thousands
    /// (a graph whose skills draw many prerequisites from far apart has a
    /// redundant entry on most skills).
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    /// #   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}]}"#).roadmap.unwrap();
    /// let all = trailmap::SkillGraph::new(&roadmap).redundant_entries_within(1 << 20, 1);
    /// let e = all.found[0];
    /// assert_eq!((e.skill_index, e.entry, e.prerequisite_index, e.via_index), (2, 0, 0, 1));
    /// assert_eq!(roadmap.skills[e.via_index as usize].id, "numpy");
    /// ```
    pub fn redundant_entries_within(&self, max_work: u64, threads: usize) -> RedundantEntries {
        find(self, max_work, threads, ReductionMemory::Ample)
    }

    /// [`redundant_entries_within`](Self::redundant_entries_within), with
    /// the memory its blocks of targets may take (see [`ReductionMemory`]).
    /// The answer is the same either way; only the time and the memory
    /// differ.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    /// #   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}]}"#).roadmap.unwrap();
    /// use trailmap::ReductionMemory;
    ///
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// let tight = graph.redundant_entries_within_memory(1 << 20, 2, ReductionMemory::Tight);
    /// assert_eq!(tight, graph.redundant_entries_within(1 << 20, 2));
    /// ```
    pub fn redundant_entries_within_memory(
        &self,
        max_work: u64,
        threads: usize,
        memory: ReductionMemory,
    ) -> RedundantEntries {
        find(self, max_work, threads, memory)
    }
}

/// How much memory the exact answer of
/// [`SkillGraph::redundant_entries_within_memory`] may take where it answers
/// every question at once (a graph whose skills draw many prerequisites
/// from everything before them): bit rows of which skills each skill
/// needs, a block of targets at a time, on each thread. Narrower rows take
/// more passes over the graph.
///
/// ```
/// assert_eq!(trailmap::ReductionMemory::default(), trailmap::ReductionMemory::Ample);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReductionMemory {
    /// Rows of up to 8 MiB a thread, whatever the skills: the fewest
    /// passes.
    #[default]
    Ample,
    /// Rows of at most 32 bytes a skill on each thread (at most 6.4 MB at
    /// 100k skills on two threads, against 12.8 MB of ample rows), for a
    /// roadmap whose model is already most of the memory it may take: a
    /// file of 10-20 MB spelling 100k skills on one line. The passes cost
    /// 2-15% more of `lint` there.
    Tight,
}

impl ReductionMemory {
    /// The most the bit rows take on each thread for a graph of `skills`
    /// skills, should the answer need them.
    ///
    /// ```
    /// use trailmap::ReductionMemory;
    /// // Eight words a skill, and four where memory is tight.
    /// assert_eq!(ReductionMemory::Ample.rows_bytes(100_000), 6_400_000);
    /// assert_eq!(ReductionMemory::Tight.rows_bytes(100_000), 3_200_000);
    /// // A small graph's rows are small either way.
    /// assert_eq!(ReductionMemory::Tight.rows_bytes(1_000), 128_000);
    /// ```
    pub fn rows_bytes(self, skills: usize) -> usize {
        Blocks::rows_bytes(skills, self)
    }
}

/// A redundant prerequisite by indices in `roadmap.skills` (see
/// [`Redundant`]): skill `skill_index` needs `prerequisite_index` directly
/// at entry `entry`, but also through `via_index`. Ordered by skill, then
/// entry.
///
/// ```
/// let e = trailmap::RedundantEntry::default();
/// assert_eq!((e.skill_index, e.entry), (0, 0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct RedundantEntry {
    /// The skill with the redundant entry.
    pub skill_index: u32,
    /// Index of the redundant entry in the skill's `prerequisites`.
    pub entry: u32,
    /// The prerequisite that is implied anyway.
    pub prerequisite_index: u32,
    /// Another direct prerequisite of the skill that already needs it.
    pub via_index: u32,
}

/// What [`SkillGraph::redundant_entries_within`] found, and which skills
/// it left unchecked if its work ran out.
///
/// ```
/// let found = trailmap::RedundantEntries::default();
/// assert!(found.found.is_empty() && found.unchecked.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RedundantEntries {
    /// Every redundant entry of the skills checked, by skill (file order)
    /// then entry.
    pub found: Vec<RedundantEntry>,
    /// Indices (in `roadmap.skills`) of the skills with two or more plain
    /// prerequisites that were not checked, in order; empty when the search
    /// finished.
    pub unchecked: Vec<usize>,
}

/// What [`SkillGraph::redundant_prerequisites_within`] found, and which
/// skills it left unchecked if its work ran out.
///
/// ```
/// let found = trailmap::RedundantPrerequisites::default();
/// assert!(found.found.is_empty() && found.unchecked.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RedundantPrerequisites<'r> {
    /// Every redundant entry of the skills checked, by skill (file order)
    /// then entry.
    pub found: Vec<Redundant<'r>>,
    /// Indices (in `roadmap.skills`) of the skills with two or more plain
    /// prerequisites that were not checked, in order; empty when the search
    /// finished.
    pub unchecked: Vec<usize>,
}

/// Above this many plain prerequisites, a skill's questions are answered
/// by one marking search rather than pair by pair (quadratic in them).
const PAIRWISE_MAX: usize = 256;
// The blocks answer only graphs within it, and keep an entry's place in a byte.
const _: () = assert!(PAIRWISE_MAX <= blocks::PLACES);

/// The lowest and highest rank among `skills`.
fn rank_range(skills: &[u32], rank: &[u32]) -> (u32, u32) {
    skills.iter().fold((u32::MAX, 0), |(l, h), &p| (l.min(rank[p as usize]), h.max(rank[p as usize])))
}

/// Whether a skill's `k` prerequisites (ranked `low..=high`), all
/// answered by the ring, are cheaper as row scans (`k` scans of the words
/// their ranks span) than as pairs (up to `k` bit tests for each entry the
/// skill's row holds, and for every entry further back than the ring's
/// span: `k` squared). With more than [`ROWS_FROM`] the scans win where
/// their words are fewer than `k`: TM107 in process on the generator's
/// `dense` at 100k (up to twenty prerequisites from one earlier layer of
/// 64, mostly far back) took 54 ms with the pairs up to 32 prerequisites
/// and 20 ms with the scans from 9; on the twenty before each skill of
/// `consecutive`, 108 and 120 ms.
fn exact_by_rows(k: usize, (low, high): (u32, u32)) -> bool {
    k > ROWS_FROM && (high / 64 - low / 64) as usize + 1 < k
}

/// See [`exact_by_rows`].
const ROWS_FROM: usize = 8;

/// Each skill's longest-path level over all prerequisites (plain and
/// `any_of`), by `order` (skills by rank): needing through plain entries
/// implies a higher level.
fn levels(plain: &Plain<'_>, order: &[u32]) -> Vec<u32> {
    let mut level = vec![0u32; plain.len()];
    for &i in order {
        level[i as usize] =
            plain.all_members(i).iter().map(|&m| level[m as usize].saturating_add(1)).max().unwrap_or(0);
    }
    level
}

/// Each of `n` skills' position in `order`; `u32::MAX` for skills on or
/// after a cycle, which `order` leaves out.
fn ranks(order: &[u32], n: usize) -> Vec<u32> {
    let mut rank = vec![u32::MAX; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = to_u32(r);
    }
    rank
}

/// The findings `(skill, k, prerequisite, via)` sorted by skill and `k`,
/// each made a [`RedundantEntry`] by `name` (which may look up the
/// entry of `k` and what the other two stand for: an entry itself, or a
/// place in [`Plain::needs`]), skill by skill.
fn sorted(
    mut found: Vec<(u32, u32, u32, u32)>,
    name: impl Fn((u32, u32, u32, u32)) -> RedundantEntry,
) -> Vec<RedundantEntry> {
    // The searches find skill after skill in learning order, most often
    // file order: sorted already; where it is not, a counting pass over
    // skills puts them in order (a comparison sort of the 430k of
    // `dense-all` at 100k took 30 ms before anything could be reported).
    // The blocks find them by target, and their caller puts each
    // thread's list in order by the same pass as it gathers them.
    if !found.is_sorted_by_key(|f| f.0) {
        found = by_skill(found.iter().copied());
    }
    // Each skill's few by `k`; then each named, skill by skill (the
    // blocks' lookups, in target order, mostly missed the cache), in
    // place: a `RedundantEntry` is the same four numbers.
    for of_skill in found.chunk_by_mut(|a, b| a.0 == b.0) {
        of_skill.sort_unstable();
    }
    found.into_iter().map(name).collect()
}

/// A finding of the searches, `(skill, entry, prerequisite, via)`.
fn as_found((skill_index, entry, prerequisite_index, via_index): (u32, u32, u32, u32)) -> RedundantEntry {
    RedundantEntry { skill_index, entry, prerequisite_index, via_index }
}

/// `found` in skill order (a stable counting sort on the first number).
fn by_skill(found: impl Iterator<Item = (u32, u32, u32, u32)> + Clone) -> Vec<(u32, u32, u32, u32)> {
    let skills = found.clone().map(|f| f.0 as usize + 1).max().unwrap_or(0);
    super::buckets::bucketed(skills, found.map(|f| (f.0 as usize, f))).1
}

#[cfg(test)]
mod tests;

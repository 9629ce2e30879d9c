//! Redundant prerequisites: for each skill, the plain prerequisites that
//! another plain prerequisite of the same skill already needs, through
//! plain prerequisites only.
//!
//! Each question "does `via` need `target`?" is answered exactly, but most
//! are answered without a search, by interval labels over the plain
//! "needs" graph (GRAIL, Yıldırım, Chaoji and Zaki, 2010) and landmark
//! rows beside them (`landmarks.rs`):
//!
//! - a depth-first traversal numbers every skill in post-order; `low` is
//!   the smallest number among everything it needs. If `via` needs
//!   `target`, then `target`'s interval `[low, post]` lies inside `via`'s:
//!   a `target` outside it is not needed (the common answer, in constant
//!   time);
//! - a `target` inside `via`'s depth-first subtree is needed for sure, and
//!   so is one needed by a landmark that `via` needs (again constant time);
//! - a `target` that needs a landmark `via` does not need, or that a
//!   landmark needing `via` does not need, is not needed;
//! - only the rest is searched, and the search enters only skills the
//!   labels and landmarks leave possible, and ends at the first that
//!   surely needs `target`.
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
//! start; should they still spend that much, they stop and switch.
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
mod labels;
mod landmarks;
mod search;
mod segments;
mod window;

use blocks::Blocks;
use search::{Marking, Search, Work};
use segments::Segments;
use window::{Row, Window};

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
    /// skills times entries. Past `max_work` entries looked at (5-35 ns
    /// each, as the graph fits the cache or not) it stops and names the
    /// skills it did not check; what it found for the others is exact.
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
// The blocks answer only graphs within it, and keep an entry's place in two bytes.
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

/// Every redundant plain prerequisite of `graph`, by skill (file order)
/// then entry, within `max_work`, on up to `threads` threads (see
/// [`SkillGraph::redundant_prerequisites_within`]).
fn find(graph: &SkillGraph<'_>, max_work: u64, threads: usize, memory: ReductionMemory) -> RedundantEntries {
    find_tuned(graph, Window::bounded, Tuning { memory, ..TUNED }, max_work, threads)
}

/// [`find`] with the ring of exact answers made by `window(span, back)`
/// (tests pass small limits to exercise the other paths).
#[cfg(test)]
fn find_within(
    graph: &SkillGraph<'_>,
    window: impl FnOnce(u32, u32) -> Window,
    max_work: u64,
    threads: usize,
) -> RedundantEntries {
    find_tuned(graph, window, TUNED, max_work, threads)
}

/// The costs [`find_tuned`] weighs; tests change them to reach every path.
#[derive(Clone, Copy)]
struct Tuning {
    /// A question to the labels, in the blocks' word operations (see
    /// [`QUESTION_TO_BLOCKS`]).
    question_to_blocks: u64,
    /// Ranks a chunk of the searches on several threads holds at least
    /// (see [`chunked`]).
    chunk_min: usize,
    /// The memory of the blocks' rows.
    memory: ReductionMemory,
}

/// The tuning of every run (the memory as the caller asks).
const TUNED: Tuning =
    Tuning { question_to_blocks: QUESTION_TO_BLOCKS, chunk_min: chunked::CHUNK_MIN, memory: ReductionMemory::Ample };

/// [`find_within`] with the costs of `tuning` (tests pass a question to
/// the labels worth nothing for the labels to answer first wherever the
/// blocks answer, and small chunks).
fn find_tuned(
    graph: &SkillGraph<'_>,
    window: impl FnOnce(u32, u32) -> Window,
    tuning: Tuning,
    max_work: u64,
    threads: usize,
) -> RedundantEntries {
    let n = graph.len();
    let order = graph.topological_indices();
    let plain = Plain::new(graph);
    let rank = ranks(&order, n);
    // The ring is sized to the questions: the widest rank gap between two
    // prerequisites of one skill, and how far back a prerequisite lies. A
    // skill with more than `PAIRWISE_MAX` prerequisites wider apart than
    // any ring is answered by one marking search, whatever the ring: it
    // does not size it (one skill needing every other one built the labels
    // and a ring of 4 MiB for nothing).
    let (mut span, mut back) = (0u32, 0u32);
    for (r, &v) in order.iter().enumerate() {
        let needs = plain.needs(v);
        if needs.len() >= 2 {
            let (low, high) = rank_range(needs, &rank);
            if needs.len() <= PAIRWISE_MAX || high - low <= window::SPAN_MAX {
                span = span.max(high - low);
                back = back.max(to_u32(r) - low);
            }
        }
    }
    let mut window = window(span, back);
    // When the ring answers every question (prerequisites of one skill
    // close in rank, whatever their distance from it, as in most
    // roadmaps), the labels and heights are never asked.
    let exact = window.answers(span, back);
    // Questions far apart in rank are asked of the labels and searches
    // below; should the searches cross more of the graph than answering
    // every question at once by blocks of targets would (many
    // prerequisites drawn from everything before: the labels rarely rule a
    // pair out), they stop and the blocks answer instead.
    let mut blocks = (!exact && order.iter().all(|&v| plain.needs(v).len() <= PAIRWISE_MAX))
        .then(|| Blocks::new(&plain, &order, Blocks::words_for(n, tuning.memory)))
        .map(|blocks| {
            let cost = blocks.cost(&plain, &order);
            (blocks, cost)
        })
        .filter(|&(_, cost)| cost <= BLOCKS_BUDGET && cost / SEARCH_TO_BLOCKS <= max_work);
    let level = levels(graph, &order);
    let mut search = (!exact).then(|| Search::new(&plain, &order, &rank, &level, threads));
    let mut work = Work { spent: 0, max: max_work };
    // Every question answered by the labels and the blocks; the blocks'
    // work is known before they start, and they only answer if it fits in
    // what is left. Where asking the labels every question costs little
    // beside the blocks, the blocks ask only about the targets the labels
    // leave open (a third of the skills where prerequisites lie at every
    // distance) and the labels answer the other entries. The labels are
    // freed before each thread makes its rows.
    let fits = |cost: u64, work: &Work| cost / SEARCH_TO_BLOCKS <= work.left();
    let by_blocks = |mut blocks: Blocks, cost: u64, search: Option<Search<'_>>| {
        let mut found = Vec::new();
        let questions: u64 = order.iter().map(|&v| plain.needs(v).len() as u64).map(|k| k * k.saturating_sub(1)).sum();
        if let Some(search) = search.filter(|_| questions.saturating_mul(tuning.question_to_blocks) <= cost / 2) {
            let open;
            (open, found) = search.open_targets(&order, threads, tuning.chunk_min);
            drop(search);
            found.retain(|&(v, k, _, _)| !open[plain.needs(v)[k as usize] as usize]);
            blocks.keep_targets(&order, |p| open[p as usize]);
        }
        found.extend(blocks.find(&plain, &order, &rank, threads));
        RedundantEntries {
            found: sorted(found, |(v, k, p, via)| {
                let needs = plain.needs(v);
                RedundantEntry {
                    skill_index: v,
                    entry: plain.entry(v, k as usize),
                    prerequisite_index: needs[p as usize],
                    via_index: needs[via as usize],
                }
            }),
            unchecked: Vec::new(),
        }
    };
    // Where the blocks could answer instead, a sample of the searches
    // first says whether they would cost more than the blocks: if so the
    // blocks answer at once. On `dense-all` (twenty prerequisites a skill
    // from everything before) the searches spent about 0.07 s finding
    // that out by themselves, on the first 6% of the skills.
    let blocks_at_once = match (&blocks, &mut search) {
        (Some((_, cost)), Some(search)) => {
            let enough = sample_enough(*cost);
            let (estimate, spent) = sampled_search_work(search, &window, &order, enough, work.left());
            work.spent = work.spent.saturating_add(spent);
            estimate > enough && fits(*cost, &work)
        }
        _ => false,
    };
    if blocks_at_once && let Some((blocks, cost)) = blocks {
        drop(window);
        return by_blocks(blocks, cost, search);
    }
    // The searches on several threads, a chunk of ranks at a time, where
    // there are chunks enough.
    let chunks = chunked::Chunks::of(order.len(), &window, tuning.chunk_min, threads);
    if let (Some(chunks), Some(searching)) = (chunks, &search) {
        let switch_at = blocks.as_ref().map(|&(_, cost)| cost);
        match chunks.search(searching, &mut window, &order, &work, switch_at) {
            chunked::Searched::Done(found) => {
                drop((window, search, blocks));
                return found.into_entries(&order, &rank, &plain);
            }
            chunked::Searched::ToBlocks => {
                if let Some((blocks, cost)) = blocks.take() {
                    drop(window);
                    return by_blocks(blocks, cost, search);
                }
                // Not met (the searches switch only with blocks to switch
                // to); the one thread's searches below need rows again.
                window = window.empty_copy();
            }
        }
    }
    // (skill, entry, prerequisite, via) by index, sorted at the end.
    let mut found: Segments<(u32, u32, u32, u32)> = Segments::default();
    let mut marking = Marking::default();
    let mut ranks: Vec<u32> = Vec::new();
    let mut rows: Vec<(u32, Row)> = Vec::new();
    for (r, &v) in order.iter().enumerate() {
        let current = to_u32(r);
        let prerequisites = plain.needs(v);
        if prerequisites.len() < 2 {
            window.build(current, prerequisites.iter().map(|&p| rank[p as usize]));
            continue;
        }
        // A skill is checked whole or not at all: what it found is taken
        // back if the work runs out on it.
        let checked = found.len();
        let mut out_of_work = false;
        let mut report = |k: usize, via: u32| found.push((v, plain.entry(v, k), prerequisites[k], via));
        // Whether the skill is cheaper as row scans, and the ring holds all
        // its questions (not so for a skill too wide to size it).
        let by_rows = |window: &Window| {
            let (low, high) = rank_range(prerequisites, &rank);
            exact_by_rows(prerequisites.len(), (low, high)) && window.answers(high - low, current - low)
        };
        if let (Some(search), true) = (&mut search, prerequisites.len() <= PAIRWISE_MAX) {
            out_of_work = !search.first_needing(&window, current, prerequisites, &mut work, &mut report);
        } else if exact && by_rows(&window) {
            // Many prerequisites close in rank: one row scan each.
            ranks.clear();
            ranks.extend(prerequisites.iter().map(|&p| rank[p as usize]));
            for (k, via) in window.first_needing(&ranks).into_iter().enumerate() {
                if let Some(at) = via {
                    report(k, prerequisites[at]);
                }
            }
        } else if exact && prerequisites.len() <= PAIRWISE_MAX {
            // Every question is a bit of a row, and the skill's own row,
            // made as it is answered, says which entries to ask about.
            ranks.clear();
            ranks.extend(prerequisites.iter().map(|&p| rank[p as usize]));
            window.build_answering(current, &ranks, &mut rows, |k, at| report(k, prerequisites[at]));
            continue;
        } else {
            out_of_work = !marking.first_needing(&plain, &level, prerequisites, &mut work, &mut report);
        }
        if out_of_work {
            found.truncate(checked);
            return stopped(found.into_vec(), &order[r..], &plain);
        }
        window.build(current, prerequisites.iter().map(|&p| rank[p as usize]));
        if let Some((_, cost)) = &blocks
            && work.spent.saturating_mul(SEARCH_TO_BLOCKS) > *cost
            && fits(*cost, &work)
            && let Some((blocks, cost)) = blocks.take()
        {
            // The ring is not asked again; what the searches found, the
            // labels and the blocks find again.
            drop((window, found, marking));
            return by_blocks(blocks, cost, search);
        }
    }
    RedundantEntries { found: sorted(found.into_vec(), as_found), unchecked: Vec::new() }
}

/// Skills whose questions [`sampled_search_work`] asks, at most (about).
const SAMPLED: usize = 1024;

/// It asks about one skill in this many at least: on a small graph the
/// sample would otherwise be the whole search.
const SAMPLE_STRIDE_MIN: usize = 16;

/// How far past the switch point (the blocks' cost over
/// [`SEARCH_TO_BLOCKS`]) the sample's estimate must be. The sample's
/// searches run without the ring (its rows are built in rank order, as the
/// searches go), so they could cross more than the searches themselves
/// (on the generator's shapes at 100k the estimate was within 10% of the
/// searches' whole work). Below it, the searches start, and switch when
/// they have spent that much.
const SAMPLE_MARGIN: u64 = 2;

/// The sampled estimate of the searches' work past which the blocks
/// (of word operations `cost`) answer at once: [`SAMPLE_MARGIN`] times the
/// switch point.
fn sample_enough(cost: u64) -> u64 {
    cost.saturating_mul(SAMPLE_MARGIN) / SEARCH_TO_BLOCKS
}

/// An estimate of the work of the pair-by-pair searches of every skill of
/// `order` (by rank) with two or more plain prerequisites, from one skill
/// in [`SAMPLE_STRIDE_MIN`] or more, and the work the sample spent (at
/// most `max`). The sample stops as soon as the estimate passes `enough`.
fn sampled_search_work(search: &mut Search<'_>, window: &Window, order: &[u32], enough: u64, max: u64) -> (u64, u64) {
    let plain = search.plain;
    let stride = (order.len() / SAMPLED).max(SAMPLE_STRIDE_MIN);
    let asked = |&&v: &&u32| plain.needs(v).len() >= 2;
    let all = order.iter().filter(asked).count() as u64;
    let sampled = order.iter().step_by(stride).filter(asked).count().max(1) as u64;
    let mut sample = Work { spent: 0, max };
    for &v in order.iter().step_by(stride).filter(asked) {
        // Rank 0 as the current skill: the ring, not yet built, answers nothing.
        let answered = search.first_needing(window, 0, plain.needs(v), &mut sample, |_, _| {});
        if !answered || sample.spent.saturating_mul(all) / sampled > enough {
            break;
        }
    }
    (sample.spent.saturating_mul(all) / sampled, sample.spent)
}

/// What was found before the work ran out at the first skill of `rest`
/// (skills by rank; empty when it did not run out): that, and the skills
/// of `rest` with two or more plain prerequisites, in file order.
fn stopped(found: Vec<(u32, u32, u32, u32)>, rest: &[u32], plain: &Plain<'_>) -> RedundantEntries {
    let mut unchecked: Vec<usize> = rest.iter().filter(|&&v| plain.needs(v).len() >= 2).map(|&v| v as usize).collect();
    unchecked.sort_unstable();
    RedundantEntries { found: sorted(found, as_found), unchecked }
}

/// How many of a block's word operations a search's edge is worth before
/// switching: an edge is a random access and label checks (several times
/// a word operation), and most graphs' searches, all together, cross
/// fewer edges than a three-hundredth of the blocks' cost (0.1-0.3% at
/// 100k skills with 0-3 prerequisites anywhere before), so they never
/// switch.
const SEARCH_TO_BLOCKS: u64 = 256;

/// How many of a block's word operations one question to the labels is
/// worth, in the pass that finds the targets they leave open (random
/// reads of labels and landmark rows: on `dense-all` at 100k, 12.7 million
/// questions took longer than the quarter of the blocks they saved).
const QUESTION_TO_BLOCKS: u64 = 64;

/// Word operations [`Blocks`] may take: past this (ten seconds or so
/// here, as at a million skills drawing twenty prerequisites each from
/// everything before) the searches keep going instead. The searches only
/// switch once they have spent a share of it themselves, so a large budget
/// costs nothing on graphs they answer quickly.
const BLOCKS_BUDGET: u64 = 1 << 34;

/// Each skill's longest-path level over all prerequisites (plain and
/// `any_of`), by `order` (skills by rank): needing through plain entries
/// implies a higher level.
fn levels(graph: &SkillGraph<'_>, order: &[u32]) -> Vec<u32> {
    let mut level = vec![0u32; graph.len()];
    for &i in order {
        level[i as usize] =
            graph.prerequisite_members(i).iter().map(|&m| level[m as usize].saturating_add(1)).max().unwrap_or(0);
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
    // file order: sorted already. The blocks find them by target: a
    // counting pass over skills puts them in order (a comparison sort of
    // the 430k of `dense-all` at 100k took 30 ms, after the blocks, before
    // anything could be reported).
    if !found.is_sorted_by_key(|f| f.0) {
        found = by_skill(&found);
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
fn by_skill(found: &[(u32, u32, u32, u32)]) -> Vec<(u32, u32, u32, u32)> {
    let skills = found.iter().map(|f| f.0 as usize + 1).max().unwrap_or(0);
    let mut next = vec![0usize; skills + 1];
    for f in found {
        next[f.0 as usize + 1] += 1;
    }
    for i in 0..skills {
        next[i + 1] += next[i];
    }
    let mut ordered = vec![(0, 0, 0, 0); found.len()];
    for &f in found {
        let at = &mut next[f.0 as usize];
        ordered[*at] = f;
        *at += 1;
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::labels::Labels;
    use super::{Blocks, Plain, ReductionMemory, Window, find, find_tuned, find_within, ranks, to_u32};
    use super::{Search, Work, levels, sample_enough, sampled_search_work};
    use crate::{Roadmap, SkillGraph};

    /// A roadmap of `n` skills, each with up to `degree` plain
    /// prerequisites among the previous `window` skills.
    pub(super) fn random(n: usize, window: usize, degree: usize, mut seed: u64) -> Roadmap {
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let skills: Vec<String> = (0..n)
            .map(|i| {
                let from = i.saturating_sub(window);
                let count = if i == 0 { 0 } else { next(degree + 1) };
                let needs: Vec<String> = (0..count).map(|_| format!("\"s{}\"", from + next(i - from))).collect();
                format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": [{}]}}"#, needs.join(", "))
            })
            .collect();
        let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
        Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap")
    }

    /// Rows as narrow as tight memory makes them (four words at 40,000
    /// skills against sixteen) give the same answer, where prerequisites
    /// drawn from everything before send the questions to the blocks.
    #[test]
    fn tight_rows_answer_as_ample_ones() {
        let n = 40_000;
        assert_eq!(Blocks::words_for(n, ReductionMemory::Tight), 4);
        assert!(Blocks::words_for(n, ReductionMemory::Ample) >= 16);
        let roadmap = random(n, n, 8, 41);
        let graph = SkillGraph::new(&roadmap);
        let tight = find(&graph, u64::MAX, 2, ReductionMemory::Tight);
        assert!(tight.found.len() > 1_000, "{} redundant entries", tight.found.len());
        assert_eq!(tight, find(&graph, u64::MAX, 2, ReductionMemory::Ample));
    }

    /// The blocks name each finding by its entry in the skill's
    /// `prerequisites`, counting the `any_of` groups before it, as brute
    /// force does (they find it by its place among the plain ones).
    #[test]
    fn blocks_name_entries_after_any_of_groups() {
        let mut roadmap = random(3_000, 3_000, 20, 25);
        for skill in roadmap.skills.iter_mut().skip(2).step_by(3) {
            skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
        }
        let graph = SkillGraph::new(&roadmap);
        let expected = brute_force(&graph);
        assert!(expected.iter().any(|&(v, e, ..)| v % 3 == 2 && e > 0), "a finding after a group");
        // A ring too small for most questions: twenty prerequisites a
        // skill go to the blocks.
        let found = find_within(&graph, |span, back| Window::new(span, back, 64, 8 * 2 * 70), u64::MAX, 2).found;
        let found: Vec<_> = found.iter().map(|r| (r.skill_index, r.entry, r.prerequisite_index, r.via_index)).collect();
        assert_eq!(found, expected);
    }

    /// The labels and landmarks made on two threads are those made on
    /// one, on graphs with cycles and `any_of` groups too, and the work
    /// beside them is returned.
    #[test]
    fn the_labels_made_beside_are_the_same() {
        for (n, window, degree, seed) in [(1, 1, 1, 1), (700, 700, 6, 2), (900, 40, 40, 3), (2_000, 300, 3, 4)] {
            let mut roadmap = random(n, window, degree, seed);
            for skill in roadmap.skills.iter_mut().skip(3).step_by(7) {
                skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
            }
            if n > 10 {
                // A cycle among the last skills: they, and what needs them,
                // are left out of the order; the rest are labelled.
                roadmap.skills[n - 9].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 5).into()));
                roadmap.skills[n - 5].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 9).into()));
            }
            let graph = SkillGraph::new(&roadmap);
            let plain = Plain::new(&graph);
            let order = graph.topological_indices();
            assert!(order.len() + 10 > n && (n < 10 || order.len() < n), "{n}: {} in order", order.len());
            let alone = Labels::new(&plain, &order, n);
            let (beside, other) = Labels::new_beside(&plain, &order, n, || order.len());
            assert!(beside.landmarks == alone.landmarks, "{n} {window} {degree}");
            assert_eq!((beside.labels, other), (alone.labels, order.len()), "{n} {window} {degree}");
        }
    }

    /// A ring too small for most questions (a 64-rank span, 70 rows) leaves
    /// them to the labels and the search: the findings stay the same.
    #[test]
    fn a_small_ring_finds_the_same() {
        for (n, window, degree, seed) in [(600, 600, 6, 1), (600, 150, 20, 2), (900, 40, 40, 3), (500, 500, 30, 4)] {
            let roadmap = random(n, window, degree, seed);
            let graph = SkillGraph::new(&roadmap);
            let small = find_within(&graph, |span, back| Window::new(span, back, 64, 8 * 2 * 70), u64::MAX, 1).found;
            let found = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
            assert!(!found.is_empty());
            assert_eq!(small, found, "{n} {window} {degree}");
        }
    }

    /// One skill needing every other one, wider apart than any ring, does
    /// not size the ring (it is answered by one marking search): the other
    /// skills' questions stay with the ring, and the findings are brute
    /// force's.
    #[test]
    fn a_skill_needing_everything_leaves_the_ring_to_the_others() {
        let n = super::window::SPAN_MAX as usize + 800;
        let roadmap = random(n, 40, 4, 11);
        let mut text = serde_json::to_value(&roadmap).unwrap();
        let everything: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        text["skills"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": "all", "name": "All", "prerequisites": everything}));
        let roadmap = Roadmap::from_json_str(&text.to_string()).roadmap.expect("a valid roadmap");
        let graph = SkillGraph::new(&roadmap);
        let found = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
        let expected = brute_force(&graph);
        assert!(expected.iter().any(|&(v, ..)| graph.id(v) == "all"), "the wide skill has redundant entries");
        assert!(expected.iter().any(|&(v, ..)| graph.id(v) != "all"), "so do others");
        let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
        let public: Vec<_> = found.iter().map(|r| (graph.id(r.skill_index), r.entry as usize)).collect();
        assert_eq!(public, by_entry);
        let small = find_within(&graph, |span, back| Window::new(span, back, 64, 8 * 2 * 70), u64::MAX, 1).found;
        assert_eq!(small, found);
    }

    /// Whether each skill (of the topological order) needs each other one
    /// through plain prerequisites, by brute force: each skill's full set.
    pub(super) fn reach(graph: &SkillGraph<'_>) -> Vec<Vec<bool>> {
        let plain = Plain::new(graph);
        let n = graph.len();
        let mut reach = vec![vec![false; n]; n];
        for &x in &graph.topological_indices() {
            for &u in plain.needs(x) {
                reach[x as usize][u as usize] = true;
                let below = reach[u as usize].clone();
                for (w, r) in below.into_iter().enumerate() {
                    reach[x as usize][w] |= r;
                }
            }
        }
        reach
    }

    /// Every redundant entry by brute force: each skill's full set of what
    /// it needs, then for each entry the first other prerequisite (in entry
    /// order) whose set holds it.
    fn brute_force(graph: &SkillGraph<'_>) -> Vec<(u32, u32, u32, u32)> {
        let plain = Plain::new(graph);
        let n = graph.len();
        let reach = reach(graph);
        let mut found = Vec::new();
        for v in 0..to_u32(n) {
            let needs = plain.needs(v);
            for (k, &t) in needs.iter().enumerate() {
                if let Some(&via) = needs.iter().find(|&&q| q != t && reach[q as usize][t as usize]) {
                    found.push((v, plain.entry(v, k), t, via));
                }
            }
        }
        found.sort_unstable();
        found
    }

    /// With work to spare the bounded search finds what the unbounded one
    /// finds; with less it stops, and then every skill is either checked
    /// (its findings all there) or named as unchecked (none of its
    /// findings there), on the ring, the labels and searches, the blocks
    /// and the marking searches alike.
    #[test]
    fn a_search_out_of_work_names_what_it_left() {
        let mut stops = 0;
        for (n, window, degree, seed) in [(600, 600, 6, 1), (600, 150, 20, 2), (500, 500, 30, 4), (700, 700, 3, 7)] {
            let roadmap = random(n, window, degree, seed);
            let graph = SkillGraph::new(&roadmap);
            let small = |span, back| Window::new(span, back, 64, 8 * 2 * 70);
            let full = find_within(&graph, small, u64::MAX, 1);
            assert!(full.unchecked.is_empty());
            let plain = Plain::new(&graph);
            for max_work in [0, 1, 10, 100, 1_000, 10_000, 100_000, u64::MAX] {
                let bounded = find_within(&graph, small, max_work, 1);
                stops += usize::from(!bounded.unchecked.is_empty());
                assert_within_bound(&plain, &full, &bounded, &format!("{n} {window} {degree} within {max_work}"));
            }
            assert_eq!(
                find_within(&graph, Window::bounded, 0, 1),
                find(&graph, u64::MAX, 1, ReductionMemory::Ample),
                "the ring needs no work"
            );
        }
        assert!(stops >= 8, "small budgets stop the searches ({stops} stops)");
    }

    /// `bounded` names as unchecked only skills asked about, in order, and
    /// found for the others exactly what `full` (unbounded) found.
    fn assert_within_bound(
        plain: &Plain<'_>,
        full: &super::RedundantEntries,
        bounded: &super::RedundantEntries,
        case: &str,
    ) {
        assert!(bounded.unchecked.iter().all(|&v| plain.needs(to_u32(v)).len() >= 2), "{case}");
        assert!(bounded.unchecked.is_sorted(), "{case}");
        let unchecked = |skill: u32| bounded.unchecked.binary_search(&(skill as usize)).is_ok();
        let kept: Vec<_> = full.found.iter().filter(|r| !unchecked(r.skill_index)).copied().collect();
        assert_eq!(bounded.found, kept, "{case}");
    }

    /// The searches in chunks of ranks on two and three threads find what
    /// brute force finds, skills with very many prerequisites (marking
    /// searches) among them; within a work bound, they check the skills one
    /// thread checks.
    #[test]
    fn the_searches_in_chunks_find_what_one_thread_finds() {
        let chunks = super::Tuning { chunk_min: 0, ..super::TUNED };
        let small = |span, back| Window::new(span, back, 64, 8 * 2 * 70);
        let mut stops = 0;
        for (n, window, degree, seed) in
            [(3_000, 3_000, 3, 1), (2_500, 400, 5, 2), (2_000, 2_000, 8, 3), (3_000, 90, 4, 4)]
        {
            let mut roadmap = random(n, window, degree, seed);
            // A skill needing 300 others, far apart: a marking search.
            roadmap.skills[n - 10].prerequisites =
                (0..300).map(|i| crate::Prerequisite::Skill(format!("s{}", i * 6).into())).collect();
            let graph = SkillGraph::new(&roadmap);
            let expected = brute_force(&graph);
            let plain = Plain::new(&graph);
            for threads in [2, 3] {
                let all = find_tuned(&graph, small, chunks, u64::MAX, threads);
                assert!(all.unchecked.is_empty());
                let found: Vec<_> =
                    all.found.iter().map(|e| (e.skill_index, e.entry, e.prerequisite_index, e.via_index)).collect();
                assert_eq!(found, expected, "{n} {window} {degree} on {threads}");
                for max_work in [0, 100, 3_000, 30_000, 300_000] {
                    let bounded = find_tuned(&graph, small, chunks, max_work, threads);
                    stops += usize::from(!bounded.unchecked.is_empty());
                    let case = format!("{n} {window} {degree} within {max_work} on {threads}");
                    assert_within_bound(&plain, &all, &bounded, &case);
                    // The same skills as one thread checks, whatever the timing.
                    assert_eq!(bounded, find_within(&graph, small, max_work, 1), "{case}");
                }
            }
        }
        assert!(stops >= 8, "small budgets stop the searches ({stops} stops)");
    }

    /// A skill with more prerequisites than are asked pair by pair is
    /// answered by marking searches, which count their work too.
    #[test]
    fn a_marking_search_out_of_work_stops() {
        let chain: Vec<String> = (0..600)
            .map(|i| match i {
                0 => r#"{"id": "s0", "name": "S 0"}"#.to_owned(),
                _ => format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": ["s{}"]}}"#, i - 1),
            })
            .collect();
        let everything: Vec<String> = (0..600).map(|i| format!("\"s{i}\"")).collect();
        let text = format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}, {{"id": "all", "name": "All", "prerequisites": [{}]}}]}}"#,
            chain.join(", "),
            everything.join(", ")
        );
        let roadmap = Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap");
        let graph = SkillGraph::new(&roadmap);
        let small = |span, back| Window::new(span, back, 64, 8 * 2 * 70);
        let full = find_within(&graph, small, u64::MAX, 1);
        assert_eq!((full.found.len(), full.unchecked.len()), (599, 0));
        let bounded = find_within(&graph, small, 100, 1);
        assert_eq!((bounded.found, bounded.unchecked), (vec![], vec![600]));
    }

    /// Skills on and after a cycle have no rank: the blocks and the
    /// searches that switch to them skip them, as the ring does.
    #[test]
    fn cycles_are_skipped_by_every_path() {
        let roadmap = random(500, 500, 20, 9);
        let mut text = serde_json::to_value(&roadmap).unwrap();
        // s3 and s4 need each other; s5 needs s3.
        text["skills"][3]["prerequisites"] = serde_json::json!(["s4", "s0"]);
        text["skills"][4]["prerequisites"] = serde_json::json!(["s3"]);
        text["skills"][5]["prerequisites"] = serde_json::json!(["s3", "s1", "s0"]);
        let roadmap = Roadmap::from_json_str(&text.to_string()).roadmap.expect("a roadmap, cycle and all");
        let graph = SkillGraph::new(&roadmap);
        let order = graph.topological_indices();
        assert!(order.len() < graph.len(), "the cycle leaves skills out");
        let full = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
        let small = find_within(&graph, |span, back| Window::new(span, back, 64, 8 * 2 * 70), u64::MAX, 1).found;
        assert_eq!(small, full);
        let plain = Plain::new(&graph);
        let rank = ranks(&order, graph.len());
        let mut by_blocks = Blocks::new(&plain, &order, 1).find(&plain, &order, &rank, 2);
        by_blocks.sort_unstable();
        assert!(by_blocks.iter().all(|&(_, k, p, _)| k == p), "the prerequisite by its place");
        let named: Vec<_> =
            by_blocks.iter().map(|&(v, k, _, _)| (graph.id(v), plain.entry(v, k as usize) as usize)).collect();
        let public: Vec<_> = full.iter().map(|r| (graph.id(r.skill_index), r.entry as usize)).collect();
        assert_eq!(named, public);
    }

    /// The sample's estimate of the searches' work is within a factor of
    /// four of their whole work, on graphs where they are cheap and where
    /// they are not (measured: within 6%); past the point where the blocks
    /// cost less, the blocks answer at once, and the findings stay brute
    /// force's either way.
    #[test]
    fn the_sample_estimates_the_searches() {
        for (n, degree, seed) in [(3_000, 20, 21), (3_000, 8, 22), (3_000, 3, 23), (2_000, 2, 24)] {
            let roadmap = random(n, n, degree, seed);
            let graph = SkillGraph::new(&roadmap);
            let order = graph.topological_indices();
            let plain = Plain::new(&graph);
            let (rank, level) = (ranks(&order, n), levels(&graph, &order));
            let mut search = Search::new(&plain, &order, &rank, &level, 1);
            let unbuilt = Window::new(64, 64, 64, 8 * 2 * 70);
            let (estimate, spent) = sampled_search_work(&mut search, &unbuilt, &order, u64::MAX, u64::MAX);
            assert!(spent > 0 && spent < estimate, "{degree}: {spent} of {estimate}");
            // The searches' whole work, as `find` runs them, with a ring too
            // small for most questions.
            let mut ring = Window::new(to_u32(n), to_u32(n), 64, 8 * 2 * 70);
            let mut work = Work { spent: 0, max: u64::MAX };
            for (r, &v) in order.iter().enumerate() {
                let needs = plain.needs(v);
                if needs.len() >= 2 {
                    assert!(search.first_needing(&ring, to_u32(r), needs, &mut work, |_, _| {}));
                }
                ring.build(to_u32(r), needs.iter().map(|&p| rank[p as usize]));
            }
            let whole = work.spent;
            assert!(estimate / 4 <= whole && whole <= estimate * 4, "{degree}: estimated {estimate}, spent {whole}");
            // Twenty prerequisites a skill go to the blocks at once, two do not.
            let cost = Blocks::new(&plain, &order, Blocks::words_for(n, ReductionMemory::Ample)).cost(&plain, &order);
            let blocks_at_once = estimate > sample_enough(cost);
            assert!(degree != 20 || blocks_at_once, "{estimate} of {cost}");
            assert!(degree != 2 || !blocks_at_once, "{estimate} of {cost}");
            let expected = brute_force(&graph);
            let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
            let public: Vec<_> =
                graph.redundant_prerequisites_within(u64::MAX, 2).found.iter().map(|r| (r.skill, r.entry)).collect();
            assert_eq!(public, by_entry, "{degree}");
        }
    }

    /// The blocks, one word wide (64 targets a block, so many blocks) or
    /// wider, find exactly what brute force finds, repeated entries included.
    #[test]
    fn blocks_find_what_brute_force_finds() {
        for (n, window, degree, seed) in [(600, 600, 12, 5), (400, 50, 8, 6), (700, 700, 3, 7), (300, 300, 40, 8)] {
            let roadmap = random(n, window, degree, seed);
            let graph = SkillGraph::new(&roadmap);
            let order = graph.topological_indices();
            let plain = Plain::new(&graph);
            let rank = ranks(&order, n);
            let expected = brute_force(&graph);
            assert!(!expected.is_empty());
            // What the blocks find, as brute force names it.
            let found_by = |blocks: &Blocks, threads: usize| {
                let mut found: Vec<_> = (blocks.find(&plain, &order, &rank, threads).into_iter())
                    .map(|(v, k, p, via)| {
                        let needs = plain.needs(v);
                        (v, plain.entry(v, k as usize), needs[p as usize], needs[via as usize])
                    })
                    .collect();
                found.sort_unstable();
                found
            };
            // Every row width `find` compiles for (3 is rounded down to 2,
            // 32 to 16), and shared among threads, more threads than blocks too.
            for words in [1, 2, 3, 4, 8, 16, 32] {
                let blocks = Blocks::new(&plain, &order, words);
                for threads in [1, 2, 3, 1_000] {
                    let found = found_by(&blocks, threads);
                    assert_eq!(found, expected, "{n} {window} {degree}, {words} words, on {threads} threads");
                }
            }
            // Asked about some targets only (blocks of them spread over
            // the ranks): exactly the entries naming those.
            for (words, kept) in [(1, 3), (2, 2), (8, 5)] {
                let mut blocks = Blocks::new(&plain, &order, words);
                blocks.keep_targets(&order, |p| p % kept == 0);
                for threads in [1, 2] {
                    let found = found_by(&blocks, threads);
                    let asked: Vec<_> = expected.iter().copied().filter(|&(_, _, p, _)| p % kept == 0).collect();
                    assert!(!asked.is_empty() && asked.len() < expected.len());
                    assert_eq!(found, asked, "{n} {window} {degree}, {words} words, one target in {kept}");
                }
            }
            // And the public answer agrees.
            let public: Vec<_> = graph.redundant_prerequisites().iter().map(|r| (r.skill, r.entry)).collect();
            let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
            assert_eq!(public, by_entry);
        }
    }

    /// Where the blocks answer, and the labels are asked first, the blocks
    /// ask only about the targets the labels leave open (some, not all, on
    /// these graphs), and the labels answer the rest: every finding, `via`
    /// included, is brute force's.
    #[test]
    fn the_labels_and_the_blocks_share_the_answers() {
        for (n, window, degree, seed) in [(1_500, 1_500, 20, 31), (2_000, 2_000, 6, 32), (1_200, 300, 12, 33)] {
            let roadmap = random(n, window, degree, seed);
            let graph = SkillGraph::new(&roadmap);
            let order = graph.topological_indices();
            let plain = Plain::new(&graph);
            let (rank, level) = (ranks(&order, n), levels(&graph, &order));
            let search = Search::new(&plain, &order, &rank, &level, 1);
            let (open, settled) = search.open_targets(&order, 1, 1);
            let open_count = open.iter().filter(|&&o| o).count();
            assert!(open_count > 0 && open_count < n, "{n} {degree}: {open_count} open");
            // On several threads, the same targets open, and the same
            // entries settled once those naming an open one are dropped.
            let kept = |settled: Vec<(u32, u32, u32, u32)>| {
                let mut kept: Vec<_> =
                    settled.into_iter().filter(|&(v, k, _, _)| !open[plain.needs(v)[k as usize] as usize]).collect();
                kept.sort_unstable();
                kept
            };
            let one = kept(settled);
            assert!(!one.is_empty(), "{n} {degree}: the labels settle some entries");
            for threads in [2, 3, 7] {
                let (on_more, settled) = search.open_targets(&order, threads, 1);
                assert_eq!(on_more, open, "{n} {degree} on {threads} threads");
                assert_eq!(kept(settled), one, "{n} {degree} on {threads} threads");
            }
            // A ring too small for most questions: the sample sends them
            // to the blocks at once, or the searches switch to them.
            let ring = |span, back| Window::new(span, back, 64, 8 * 2 * 70);
            let expected = brute_force(&graph);
            for chunk_min in [super::TUNED.chunk_min, 1] {
                let tuning = super::Tuning { question_to_blocks: 0, chunk_min, ..super::TUNED };
                let small = find_tuned(&graph, ring, tuning, u64::MAX, 2).found;
                let found: Vec<_> =
                    small.iter().map(|e| (e.skill_index, e.entry, e.prerequisite_index, e.via_index)).collect();
                assert_eq!(found, expected, "{n} {window} {degree}, parts of {chunk_min} skills at least");
            }
        }
    }
}

//! The pair-by-pair searches on several threads. The ranks are cut into
//! chunks, and each thread takes the next chunk not yet started. A thread
//! answers its chunk with a ring of its own, emptied and built again from
//! [`Window::warm_up`] ranks before the chunk, so that every answer is the
//! one thread's; the labels and heights are shared ([`Search::fork`]).
//!
//! The work bound cuts where one thread would: a skill's searches do the
//! same work in any chunk (its ring is exact), so each chunk records its
//! skills' work, a thread stops once the skills ranked before its next one
//! surely spent more than the bound, and the cut is the first skill at
//! which the work in rank order passes it; the skills from there on are
//! named as unchecked. Should the searches together cross more than
//! [`switches_to_blocks`] allows, they stop and the blocks answer.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::method::switches_to_blocks;
use super::search::{Marking, Search, Work};
use super::window::Window;
use super::{PAIRWISE_MAX, Plain, stopped, to_u32};

/// Ranks a chunk holds at least: fewer would rebuild the ring more often
/// than it answers. The ring of a search that does not answer every
/// question (256 KiB) takes about 3,000 ranks to build again.
pub(super) const CHUNK_MIN: usize = 1 << 14;

/// How many times its warm-up a chunk holds at least.
const CHUNK_TO_WARM_UP: usize = 4;

/// How the ranks are cut, and among how many threads.
pub(super) struct Chunks {
    len: usize,
    threads: usize,
}

/// What the searches on several threads came to.
pub(super) enum Searched {
    /// Every skill checked, or, past the work bound, what was found for
    /// the skills checked: gathered by [`Found::into_entries`] once the
    /// searches' labels are freed.
    Done(Found),
    /// The searches crossed more than the blocks would: the blocks answer.
    ToBlocks,
}

/// What the threads found, chunk by chunk, and the rank from which the
/// skills are unchecked (the order's length when every skill was).
pub(super) struct Found {
    /// Findings of each chunk in chunk order, each in rank order.
    chunks: Vec<Vec<ChunkFinding>>,
    cut: usize,
}

impl Found {
    /// The findings of the skills ranked before the cut, the others named
    /// as unchecked. Gathered after the searches' labels and rings are
    /// freed: with a finding at most skills (100k skills each needing five
    /// of a chain of a thousand, 396k findings, on one line), the copy
    /// into one list beside the labels was the run's peak, 4.2 times the
    /// file (3.9 gathered here, from findings of 12 bytes).
    pub(super) fn into_entries(self, order: &[u32], rank: &[u32], plain: &Plain<'_>) -> super::RedundantEntries {
        let Found { chunks, cut } = self;
        // In chunk order, the findings are in rank order, as one thread's;
        // each chunk's list is freed as soon as it is copied.
        let mut found = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for chunk in chunks {
            let before_cut = chunk.into_iter().filter(|&(v, _, _)| (rank[v as usize] as usize) < cut);
            found.extend(before_cut.map(|(v, k, via)| {
                let k = k as usize;
                (v, plain.entry(v, k), plain.needs(v)[k], via)
            }));
        }
        stopped(found, &order[cut..], plain)
    }
}

/// A finding of the searches in a chunk: `(skill, place among its plain
/// prerequisites, via)`. The entry and the prerequisite are looked up from
/// the place as the chunks are gathered: 12 bytes a finding rather than
/// 16, held beside the labels while the searches run.
type ChunkFinding = (u32, u32, u32);

/// What one thread found in one chunk.
struct ChunkFound {
    chunk: usize,
    /// Its findings, in rank order.
    found: Vec<ChunkFinding>,
    /// The work of each skill checked (those with two or more plain
    /// prerequisites), in rank order.
    works: Vec<u64>,
    /// The rank it stopped at, when it did not check the whole chunk.
    stop: Option<usize>,
}

impl Chunks {
    /// The chunks for `ranks` ranks answered with rings like `window`, at
    /// least `chunk_min` ranks each; `None` when `threads` is one or there
    /// are fewer than two chunks.
    pub(super) fn of(ranks: usize, window: &Window, chunk_min: usize, threads: usize) -> Option<Chunks> {
        let len = (window.warm_up() as usize).saturating_mul(CHUNK_TO_WARM_UP).max(chunk_min).max(1);
        (threads > 1 && ranks / len >= 2).then_some(Chunks { len, threads })
    }

    /// Every skill of `order` (skills by rank) with two or more plain
    /// prerequisites checked by `search`'s searches, on the threads, with
    /// rings like `window` (whose rows are freed) and what is left of
    /// `work`. With `switch_at` (the blocks' cost), the searches stop once
    /// [`switches_to_blocks`] says so.
    pub(super) fn search(
        &self,
        search: &Search<'_>,
        window: &mut Window,
        order: &[u32],
        work: &Work,
        switch_at: Option<u64>,
    ) -> Searched {
        // Each thread makes a ring of its own: this one is not asked again.
        window.free_rows();
        let window = &*window;
        let (plain, rank, level) = (search.plain, search.rank, search.level);
        let count = order.len().div_ceil(self.len);
        let next = AtomicUsize::new(0);
        // The work of each chunk so far, and of all of them.
        let spent: Vec<AtomicU64> = (0..count).map(|_| AtomicU64::new(0)).collect();
        let total = AtomicU64::new(work.spent);
        let to_blocks = AtomicBool::new(false);
        let warm_up = window.warm_up() as usize;
        let build = |window: &mut Window, r: usize| {
            window.build(to_u32(r), plain.needs(order[r]).iter().map(|&p| rank[p as usize]));
        };
        // At least the work of the skills ranked before `chunk`'s: the
        // sample's and the earlier chunks' so far.
        let before =
            |chunk: usize| work.spent.saturating_add(spent[..chunk].iter().map(|s| s.load(Ordering::Relaxed)).sum());
        // Each chunk's findings go in room made here, as much as its
        // skills have entries (an entry is found redundant once at most),
        // so that they are freed where they were made, as they are
        // gathered: made on the threads and freed here, they stayed with
        // the ended threads' memory, and the gathered list came on top
        // (100k skills each needing ten of a chain of a thousand, on one
        // line: 4.26 times the file, 4.04 with the room made here). Room
        // never written is never faulted in.
        let rooms: Vec<Mutex<Vec<ChunkFinding>>> = (0..count)
            .map(|chunk| {
                let entries =
                    self.ranks(chunk, order.len()).map(|r| plain.needs(order[r]).len()).filter(|&k| k >= 2).sum();
                Mutex::new(Vec::with_capacity(entries))
            })
            .collect();
        let thread = |_: &usize| {
            let mut search = search.fork();
            let mut window = window.empty_copy();
            let mut marking = Marking::default();
            let mut done: Vec<ChunkFound> = Vec::new();
            loop {
                let chunk = next.fetch_add(1, Ordering::Relaxed);
                if chunk >= count || to_blocks.load(Ordering::Relaxed) {
                    break;
                }
                let ranks = self.ranks(chunk, order.len());
                let room = std::mem::take(&mut *rooms[chunk].lock().unwrap_or_else(PoisonError::into_inner));
                let mut of_chunk = ChunkFound { chunk, found: room, works: Vec::new(), stop: None };
                // Refreshed only once the bound is passed (it only grows).
                let mut earlier = before(chunk);
                let mut mine = 0u64;
                window.clear();
                for r in ranks.start.saturating_sub(warm_up)..ranks.start {
                    build(&mut window, r);
                }
                for r in ranks.clone() {
                    let v = order[r];
                    let prerequisites = plain.needs(v);
                    if prerequisites.len() >= 2 {
                        if total.load(Ordering::Relaxed) > work.max {
                            earlier = before(chunk);
                        }
                        // The skills before this one surely spent more than
                        // the bound: one thread would not get here.
                        if earlier.saturating_add(mine) > work.max || to_blocks.load(Ordering::Relaxed) {
                            of_chunk.stop = Some(r);
                            break;
                        }
                        // A skill is checked whole or not at all.
                        let checked = of_chunk.found.len();
                        let found = &mut of_chunk.found;
                        let mut report = |k: usize, via: u32| found.push((v, to_u32(k), via));
                        let mut skill = Work { spent: 0, max: work.max - earlier - mine };
                        let answered = match prerequisites.len() <= PAIRWISE_MAX {
                            true => search.first_needing(&window, to_u32(r), prerequisites, &mut skill, &mut report),
                            false => marking.first_needing(plain, level, prerequisites, &mut skill, &mut report),
                        };
                        mine = mine.saturating_add(skill.spent);
                        spent[chunk].store(mine, Ordering::Relaxed);
                        let now = total.fetch_add(skill.spent, Ordering::Relaxed).saturating_add(skill.spent);
                        if !answered {
                            // Its work passed what one thread had left.
                            of_chunk.found.truncate(checked);
                            of_chunk.stop = Some(r);
                            break;
                        }
                        of_chunk.works.push(skill.spent);
                        if switch_at.is_some_and(|cost| switches_to_blocks(now, cost, work.max)) {
                            to_blocks.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                    build(&mut window, r);
                }
                done.push(of_chunk);
            }
            done
        };
        let threads: Vec<usize> = (0..self.threads).collect();
        let mut done: Vec<ChunkFound> = crate::parallel::map(&threads, thread).into_iter().flatten().collect();
        if to_blocks.load(Ordering::Relaxed) {
            return Searched::ToBlocks;
        }
        done.sort_unstable_by_key(|c| c.chunk);
        let cut = self.cut(&done, order, plain, work).unwrap_or(order.len());
        // Only the cut needed the works: freed here, before the findings
        // are gathered.
        let chunks = done.into_iter().map(|c| c.found).collect();
        Searched::Done(Found { chunks, cut })
    }

    /// The ranks of chunk `chunk`, of `ranks` in all.
    fn ranks(&self, chunk: usize, ranks: usize) -> std::ops::Range<usize> {
        chunk * self.len..((chunk + 1) * self.len).min(ranks)
    }

    /// The rank of the first skill one thread would not have checked within
    /// `work`'s bound: where the work of the skills in rank order first
    /// passes it, or where a chunk stopped (every stop is at or after that
    /// skill); `None` when every skill was checked. So what is found does
    /// not depend on the threads: each skill's searches do the same work in
    /// any chunk, its ring being exact.
    fn cut(&self, done: &[ChunkFound], order: &[u32], plain: &Plain<'_>, work: &Work) -> Option<usize> {
        let mut spent = work.spent;
        for of_chunk in done {
            let ranks = self.ranks(of_chunk.chunk, order.len());
            let mut works = of_chunk.works.iter();
            for r in ranks.filter(|&r| plain.needs(order[r]).len() >= 2) {
                if of_chunk.stop.is_some_and(|stop| r >= stop) {
                    return Some(r);
                }
                spent = spent.saturating_add(works.next().copied().unwrap_or(u64::MAX));
                if spent > work.max {
                    return Some(r);
                }
            }
        }
        None
    }
}

//! The pair-by-pair searches on several threads. The ranks are cut into
//! chunks, and each thread takes the next chunk not yet started. A thread
//! answers its chunk with a ring of its own, emptied and built again from
//! [`Window::warm_up`] ranks before the chunk, so that every answer is the
//! one thread's; the labels and heights are shared ([`Search::fork`]).
//!
//! The work bound is shared: each skill's searches may spend what the
//! threads have left between them, and past the bound every thread stops
//! at its next skill (the skills not checked are named, as on one
//! thread). Should the searches together cross more than the blocks'
//! cost, they stop and the blocks answer.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use super::search::{Marking, Search, Work};
use super::window::Window;
use super::{PAIRWISE_MAX, RedundantEntries, SEARCH_TO_BLOCKS, as_found, sorted, to_u32};

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
    /// the skills checked and the others named.
    Done(RedundantEntries),
    /// The searches crossed more than the blocks would: the blocks answer.
    ToBlocks,
}

/// What one thread found in one chunk: the chunk, its findings
/// `(skill, entry, prerequisite, via)`, and the rank it stopped at when it
/// did not check the whole chunk.
type ChunkFound = (usize, Vec<(u32, u32, u32, u32)>, Option<usize>);

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
    /// rings like `window` and what is left of `work`. With `switch_at`
    /// (the blocks' cost), the searches stop once they cross more than it
    /// over [`SEARCH_TO_BLOCKS`] and the blocks still fit in the bound.
    pub(super) fn search(
        &self,
        search: &Search<'_>,
        window: &Window,
        order: &[u32],
        work: &Work,
        switch_at: Option<u64>,
    ) -> Searched {
        let (plain, rank, level) = (search.plain, search.rank, search.level);
        let count = order.len().div_ceil(self.len);
        let next = AtomicUsize::new(0);
        let spent = AtomicU64::new(work.spent);
        let halt = AtomicBool::new(false);
        let to_blocks = AtomicBool::new(false);
        let warm_up = window.warm_up() as usize;
        let build = |window: &mut Window, r: usize| {
            window.build(to_u32(r), plain.needs(order[r]).iter().map(|&p| rank[p as usize]));
        };
        let thread = |_: &usize| {
            let mut search = search.fork();
            let mut window = window.empty_copy();
            let mut marking = Marking::default();
            let mut done: Vec<ChunkFound> = Vec::new();
            loop {
                let chunk = next.fetch_add(1, Ordering::Relaxed);
                if chunk >= count {
                    break;
                }
                let ranks = chunk * self.len..((chunk + 1) * self.len).min(order.len());
                let mut found = Vec::new();
                let mut stop = None;
                if halt.load(Ordering::Relaxed) {
                    done.push((chunk, found, Some(ranks.start)));
                    continue;
                }
                window.clear();
                for r in ranks.start.saturating_sub(warm_up)..ranks.start {
                    build(&mut window, r);
                }
                for r in ranks.clone() {
                    let v = order[r];
                    let prerequisites = plain.needs(v);
                    if prerequisites.len() >= 2 {
                        if halt.load(Ordering::Relaxed) {
                            stop = Some(r);
                            break;
                        }
                        // A skill is checked whole or not at all.
                        let checked = found.len();
                        let mut report = |k: usize, via: u32| found.push((v, plain.entry(v, k), prerequisites[k], via));
                        let mut mine = Work { spent: 0, max: work.max.saturating_sub(spent.load(Ordering::Relaxed)) };
                        let answered = match prerequisites.len() <= PAIRWISE_MAX {
                            true => search.first_needing(&window, to_u32(r), prerequisites, &mut mine, &mut report),
                            false => marking.first_needing(plain, level, prerequisites, &mut mine, &mut report),
                        };
                        let total = spent.fetch_add(mine.spent, Ordering::Relaxed).saturating_add(mine.spent);
                        let switch = switch_at.is_some_and(|cost| {
                            total.saturating_mul(SEARCH_TO_BLOCKS) > cost
                                && cost / SEARCH_TO_BLOCKS <= work.max.saturating_sub(total)
                        });
                        if !answered || total > work.max || switch {
                            found.truncate(checked);
                            to_blocks.fetch_or(switch, Ordering::Relaxed);
                            halt.store(true, Ordering::Relaxed);
                            stop = Some(r);
                            break;
                        }
                    }
                    build(&mut window, r);
                }
                done.push((chunk, found, stop));
            }
            done
        };
        let threads: Vec<usize> = (0..self.threads).collect();
        let mut done: Vec<ChunkFound> = crate::parallel::map(&threads, thread).into_iter().flatten().collect();
        if to_blocks.load(Ordering::Relaxed) {
            return Searched::ToBlocks;
        }
        // In chunk order, the findings are in rank order, as one thread's.
        done.sort_unstable_by_key(|&(chunk, ..)| chunk);
        let mut found = Vec::with_capacity(done.iter().map(|(_, f, _)| f.len()).sum());
        let mut unchecked = Vec::new();
        for (chunk, mut of_chunk, stop) in done {
            found.append(&mut of_chunk);
            if let Some(stop) = stop {
                let end = ((chunk + 1) * self.len).min(order.len());
                let asked = order[stop..end].iter().filter(|&&v| plain.needs(v).len() >= 2);
                unchecked.extend(asked.map(|&v| v as usize));
            }
        }
        unchecked.sort_unstable();
        Searched::Done(RedundantEntries { found: sorted(found, as_found), unchecked })
    }
}

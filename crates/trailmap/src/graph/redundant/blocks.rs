//! Exact answers for every question at once, by blocks of skills: for
//! graphs where many prerequisites of one skill lie far apart in rank (a
//! skill with twenty prerequisites drawn from everything before it), which
//! the ring cannot answer and where the labels rarely rule a pair out, so
//! that pair-by-pair searches crossed most of the graph.
//!
//! An entry `v → p` is redundant when `v` reaches `p` by a path of two
//! steps or more. The skills asked about (the *targets*: every skill that
//! some skill needs, or those of them the caller keeps) are taken in rank
//! order, `64 × words` at a time. For each such block one pass in rank
//! order, from the block's lowest target up to the last skill needing
//! one of its targets directly, gives every skill the
//! block's targets it reaches in two steps or more (the OR of the rows of
//! what it needs), and those it needs directly (a bit each, from the
//! prerequisites' own numbers): an entry whose bit is in both is
//! redundant, found in the pass without a second look (looking it up from
//! the skills needing each target, after the pass, took a third of the
//! blocks' time on `dense-all`). A skill some skill needs keeps the OR of
//! the two as its row; the others have none, and only those needing a
//! target of the block are answered, once its rows are made. The work is
//! the edges above each block times `words`, known before starting:
//! [`Blocks::cost`] lets the caller choose this or the searches. Keeping
//! fewer targets makes fewer blocks: the caller keeps those the labels
//! cannot answer.

use super::{Plain, ReductionMemory};

/// Memory of one block's rows at most (one block a thread at a time:
/// each thread's rows are this much). Halving it to keep two threads'
/// rows within it doubled the passes over the graph, and gained nothing.
const ROWS_BYTES: usize = 8 << 20;

/// Row bytes a skill at most where memory is tight (four words), so that
/// the rows stay a small share of a file however few skills it has: rows
/// of eight words on a file of 100,000 skills on one line with 0-5
/// prerequisites drawn from everything before (10.5 MB) were 0.9 times the
/// file, its peak 4.3 times it; at four words 3.86 times, for 2-15% more
/// time (BENCHMARKS.md, "Other shapes").
const TIGHT_ROW_BYTES_PER_SKILL: usize = 32;

/// Memory of a thread's rows a small graph may have where memory is tight,
/// whatever its skills: wider rows, fewer passes, where the rows are small
/// beside the program.
const TIGHT_ROWS_BYTES_SMALL: usize = 1 << 20;

/// The width of rows of at most `words` words: a power of two words, at
/// most [`WORDS_MAX`]: a width [`Blocks::find`] compiles for, and a row of
/// 2, 4 or 8 words never straddles two cache lines (rows of 10 words, at
/// 100k skills, were 12-17% slower than rows of 8, for a quarter more
/// blocks).
fn row_width(words: usize) -> usize {
    1 << words.clamp(1, WORDS_MAX).ilog2()
}

/// Words per row at most (1,024 targets a block).
const WORDS_MAX: usize = 16;
// `Blocks::find` compiles a pass for each power of two up to it.
const _: () = assert!(WORDS_MAX == 16);

/// The ranks of the skills some skill needs, in rank order (each one's
/// place among them is its *slot*), and the words per row.
pub(super) struct Blocks {
    needed: Vec<u32>,
    /// The skills asked about: every one, unless [`Blocks::keep_targets`]
    /// kept fewer.
    targets: Targets,
    words: usize,
    /// By slot, the highest rank needing the skill: a block's pass ends at
    /// the highest of its targets'.
    last_needing: Vec<u32>,
    /// The row words a thread may hold (the width asked for, a row for
    /// every skill), and the widest rows [`Blocks::widened`] allows.
    row_words: usize,
    widest: usize,
}

impl Blocks {
    /// Words per row for `n` skills: as many as fit in [`ROWS_BYTES`], or,
    /// where `memory` is tight, in [`TIGHT_ROW_BYTES_PER_SKILL`] a skill
    /// (at least [`TIGHT_ROWS_BYTES_SMALL`] in all) ([`Blocks::new`] rounds
    /// them to a width it has a pass for). The work priced by
    /// [`Blocks::cost`] does not change with the width: half the words,
    /// twice the passes.
    pub(super) fn words_for(n: usize, memory: ReductionMemory) -> usize {
        let budget = match memory {
            ReductionMemory::Ample => ROWS_BYTES,
            ReductionMemory::Tight => {
                n.saturating_mul(TIGHT_ROW_BYTES_PER_SKILL).clamp(TIGHT_ROWS_BYTES_SMALL, ROWS_BYTES)
            }
        };
        budget / 8 / n.max(1)
    }

    /// The skills of `order` (skills by rank) that some skill needs, in
    /// blocks of `64 × words`, `words` rounded down to a power of two of at
    /// most [`WORDS_MAX`].
    pub(super) fn new(plain: &Plain<'_>, order: &[u32], words: usize) -> Self {
        // By skill, then in rank order: with a rank looked up for each
        // entry, `lint` of the generator's full `chain`, which the blocks do
        // not answer but price, took 10-15 ms more. Skills on or after a
        // cycle are not in `order`: indices go up to the graph's size.
        // The highest rank needing each skill, 0 for none (a skill needs
        // only skills ranked below it, so rank 0 needs nothing).
        let mut last_needing = vec![0u32; plain.len()];
        for (r, &v) in order.iter().enumerate() {
            for &p in plain.needs(v) {
                last_needing[p as usize] = super::to_u32(r);
            }
        }
        let needed: Vec<u32> =
            (0..super::to_u32(order.len())).filter(|&r| last_needing[order[r as usize] as usize] > 0).collect();
        let last_needing = needed.iter().map(|&r| last_needing[order[r as usize] as usize]).collect();
        let targets = Targets::Every(needed.len());
        let words = row_width(words);
        Blocks { needed, targets, words, last_needing, row_words: words * plain.len(), widest: words }
    }

    /// Rows as wide as fit in the memory [`Blocks::new`]'s width gave
    /// (up to [`WORDS_MAX`] words): a block's pass makes rows only up to
    /// the last skill needing one of its targets, so where prerequisites
    /// lie near in rank the rows of a pass are few, and wider rows make
    /// fewer passes over the same skills. At a million skills with 0-10
    /// prerequisites among the previous 20,000, 16 words rather than 1.
    pub(super) fn widened(mut self) -> Self {
        self.widest = WORDS_MAX;
        self.fit_width();
        self
    }

    /// The widest width up to `widest` whose passes' rows fit in
    /// `row_words` (the width [`Blocks::new`] was given always does: its
    /// rows are one a skill), and whose passes cross at most half the
    /// skills: where they cross the graph, wider rows only make fewer
    /// blocks to share among threads (the generator's `fan-direct` at
    /// 100k, 16 words rather than 8: TM107 158 → 165 ms).
    fn fit_width(&mut self) {
        let needed = self.last_needing.len();
        let narrowest = row_width(self.row_words / needed.max(1)).min(self.widest);
        let mut words = self.widest;
        while words > narrowest {
            self.words = words;
            let rows = self.pass_rows();
            if rows.saturating_mul(words) <= self.row_words && rows <= needed / 2 {
                return;
            }
            words /= 2;
        }
        self.words = narrowest;
    }

    /// The most rows one block's pass makes.
    fn pass_rows(&self) -> usize {
        (0..self.targets.len())
            .step_by(self.block_len())
            .zip(self.last_asking())
            .map(|(first, last)| {
                let low = self.targets.slot(first);
                pass_end(&self.needed, low, last) - low
            })
            .max()
            .unwrap_or(0)
    }

    /// The most a thread's rows take for `n` skills where `memory` says:
    /// a row of [`Blocks::words_for`] words, as [`Blocks::new`] rounds it,
    /// for each skill.
    pub(super) fn rows_bytes(n: usize, memory: ReductionMemory) -> usize {
        row_width(Self::words_for(n, memory)).saturating_mul(8).saturating_mul(n)
    }

    /// Asks only about the skills `asked` keeps (by index): the blocks are
    /// made of those alone, each block's pass still going over every skill
    /// from its lowest target up to the last one asking about it. Entries
    /// naming another skill are not answered by [`Blocks::find`].
    pub(super) fn keep_targets(&mut self, order: &[u32], asked: impl Fn(u32) -> bool) {
        let mut place = vec![u32::MAX; self.needed.len()];
        let mut slots = Vec::new();
        for (s, &r) in self.needed.iter().enumerate() {
            if asked(order[r as usize]) {
                place[s] = super::to_u32(slots.len());
                slots.push(super::to_u32(s));
            }
        }
        self.targets = Targets::Some { slots, place };
        // Fewer targets spread a block over more ranks.
        self.fit_width();
    }

    fn block_len(&self) -> usize {
        64 * self.words
    }

    /// For each block, the highest rank needing one of its targets
    /// directly: no skill above it has an entry to answer there, so the
    /// block's pass ends at it (where prerequisites lie at most 20,000
    /// ranks back, a pass crosses 20,000 ranks, not the rest of the graph).
    fn last_asking(&self) -> Vec<u32> {
        let block_len = self.block_len();
        let mut last = vec![0u32; self.targets.len().div_ceil(block_len)];
        for t in 0..self.targets.len() {
            let b = &mut last[t / block_len];
            *b = (*b).max(self.last_needing[self.targets.slot(t)]);
        }
        last
    }

    /// Word operations of [`Blocks::find`]: for each block, a row cleared
    /// and a row ORed per edge, for every skill from the block up to the
    /// last one needing a target of it. (The passes store rows only for
    /// the skills some skill needs; counting every skill keeps the choice
    /// between the searches and the blocks, and the work bound, where they
    /// were measured.)
    pub(super) fn cost(&self, plain: &Plain<'_>, order: &[u32]) -> u64 {
        // Skills plus edges at and above each rank.
        let mut above = vec![0u64; order.len() + 1];
        for (r, &x) in order.iter().enumerate().rev() {
            above[r] = above[r + 1] + 1 + plain.needs(x).len() as u64;
        }
        let last_asking = self.last_asking();
        (0..self.targets.len())
            .step_by(self.block_len())
            .zip(&last_asking)
            .map(|(first, &last)| {
                let low = self.needed[self.targets.slot(first)] as usize;
                (above[low] - above[(last as usize + 1).max(low)]) * self.words as u64
            })
            .sum()
    }

    /// Every redundant entry naming a target, in no particular order, a
    /// list from each thread (not joined: the caller puts them in skill
    /// order from the lists, and a joined copy was the run's peak where
    /// most entries are redundant): the caller looks them up, skill by
    /// skill (from here, in block order, each was a miss of the cache).
    /// The blocks are shared among `threads` threads, each with rows of
    /// its own. Every skill of `order` has at most [`PLACES`] plain
    /// prerequisites, and at most [`SLOTS`] skills are needed (the
    /// caller's conditions for choosing the blocks).
    pub(super) fn find(&self, plain: &Plain<'_>, order: &[u32], rank: &[u32], threads: usize) -> Vec<Vec<BlockFound>> {
        // Ranks go up to `n` (skills on or after a cycle have none).
        let n = order.len();
        // The slot of each rank: how many needed ranks come before it.
        // Slots keep rank order, so the passes compare and index slots as
        // they would ranks. And, in the same walk, the ranks no skill
        // needs, which have no row.
        let mut slot = vec![0u32; n];
        let mut unneeded = Vec::with_capacity(n - self.needed.len());
        let mut next = self.needed.iter().peekable();
        let mut count = 0;
        for (r, s) in slot.iter_mut().enumerate() {
            *s = count;
            if next.next_if(|&&x| x as usize == r).is_some() {
                count += 1;
            } else {
                unneeded.push(r);
            }
        }
        // What each rank needs, highest first (each block's pass reads them
        // in order and stops at the first below the block): each entry its
        // slot and its place among the skill's plain prerequisites in one
        // word ([`Entry`]).
        let mut below_start = Vec::with_capacity(n + 1);
        let mut below: Vec<Entry> = Vec::new();
        for &x in order {
            let start = below.len();
            below_start.push(start);
            below.extend(
                plain.needs(x).iter().enumerate().map(|(k, &u)| Entry::new(slot[rank[u as usize] as usize], k)),
            );
            below[start..].sort_unstable_by(|a, b| b.cmp(a));
        }
        below_start.push(below.len());
        // Freed before the rows are made: the rows are the peak.
        drop(slot);
        let last_asking = self.last_asking();
        let block_len = self.block_len();
        let block_count = self.targets.len().div_ceil(block_len);
        let by_rank = unneeded;
        let (unneeded_start, unneeded) =
            by_block(&by_rank, block_count, &below, &below_start, &self.targets, block_len);
        // Freed before the rows are made too, once listed by block.
        drop(by_rank);
        let tables = Tables {
            order,
            below: &below,
            below_start: &below_start,
            needed: &self.needed,
            targets: &self.targets,
            unneeded: &unneeded,
            unneeded_start: &unneeded_start,
            last_asking: &last_asking,
        };
        // Each block by its first target.
        let blocks: Vec<usize> = (0..self.targets.len()).step_by(block_len).collect();
        // Each thread takes the next block not yet taken, the longest
        // passes (lowest in rank) first: a thread the machine runs slower
        // takes fewer. Dealt out in turn, a run on `dense-all` once had
        // one thread finish its share alone for half the blocks' time.
        let shares: Vec<usize> = (0..threads.clamp(1, blocks.len().max(1))).collect();
        let taken = std::sync::atomic::AtomicUsize::new(0);
        crate::parallel::map(&shares, |_| {
            let mine =
                std::iter::from_fn(|| blocks.get(taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed)).copied());
            // A row's width known when compiling: the row stays in
            // registers while the rows it ORs in are loaded side by side.
            match self.words {
                1 => tables.answer::<1>(mine),
                2 => tables.answer::<2>(mine),
                4 => tables.answer::<4>(mine),
                8 => tables.answer::<8>(mine),
                // `Blocks::new` leaves only `WORDS_MAX` for this arm.
                _ => tables.answer::<WORDS_MAX>(mine),
            }
        })
    }
}

/// A redundant entry found by [`Blocks::find`]: the skill (by index), the
/// entry's place in [`Plain::needs`] of the skill, and the place of the
/// first other prerequisite in entry order that needs it. Eight bytes:
/// a graph drawing many prerequisites from everything before has one on
/// most entries (1.3 million at 100k skills with 0-40 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BlockFound {
    pub(super) skill: u32,
    pub(super) place: u16,
    pub(super) via: u16,
}

/// The ranks `unneeded` (which have no row: a block's pass answers them
/// last) listed by block, each in the list of every one of the `blocks`
/// it needs a target of (`targets`): block `b`'s from `start[b]` to
/// `start[b + 1]` of `ranks`, returned as `(start, ranks)`.
fn by_block(
    unneeded: &[usize],
    blocks: usize,
    below: &[Entry],
    below_start: &[usize],
    targets: &Targets,
    block_len: usize,
) -> (Vec<usize>, Vec<u32>) {
    // Each block a rank needs a target of, once: slots go down, and
    // targets with them, so a block's entries are side by side.
    let blocks_of = |r: usize| {
        let mut last = usize::MAX;
        below[below_start[r]..below_start[r + 1]]
            .iter()
            .filter_map(|&f| targets.place(f.slot()))
            .map(move |t| t / block_len)
            .filter(move |&b| std::mem::replace(&mut last, b) != b)
    };
    let each = unneeded.iter().flat_map(|&r| blocks_of(r).map(move |b| (b, super::to_u32(r))));
    crate::graph::buckets::bucketed(blocks, each)
}

/// The slots a [`Blocks`] asks about (its *targets*), in slot order.
enum Targets {
    /// Every slot up to this count.
    Every(usize),
    /// These slots, ascending, and each slot's place among them
    /// (`u32::MAX`: not asked about).
    Some { slots: Vec<u32>, place: Vec<u32> },
}

impl Targets {
    fn len(&self) -> usize {
        match self {
            Targets::Every(count) => *count,
            Targets::Some { slots, .. } => slots.len(),
        }
    }

    /// The slot of target `t`.
    fn slot(&self, t: usize) -> usize {
        match self {
            Targets::Every(_) => t,
            Targets::Some { slots, .. } => slots[t] as usize,
        }
    }

    /// The place of slot `f` among the targets, if it is one.
    fn place(&self, f: usize) -> Option<usize> {
        match self {
            Targets::Every(_) => Some(f),
            Targets::Some { place, .. } => Some(place[f] as usize).filter(|&t| t != u32::MAX as usize),
        }
    }
}

/// The slot after the last one a block's pass makes a row for: the pass
/// starts at slot `low` and ends at rank `last` (its last skill asking),
/// `needed` giving each slot's rank.
fn pass_end(needed: &[u32], low: usize, last: u32) -> usize {
    low + needed[low..].partition_point(|&r| r <= last)
}

/// Whether `row` holds the block's skill `j`.
fn has<const W: usize>(row: &[u64; W], j: usize) -> bool {
    row[j / 64] >> (j % 64) & 1 == 1
}

/// Plain prerequisites of one skill the blocks take at most: each entry's
/// place among them is kept in a byte of its [`Entry`].
pub(super) const PLACES: usize = 1 << PLACE_BITS;

const PLACE_BITS: u32 = 8;

/// Skills some skill needs (slots) the blocks take at most: a slot is
/// kept in the other 24 bits of an [`Entry`].
pub(super) const SLOTS: usize = 1 << (32 - PLACE_BITS);

/// An entry of a skill as the blocks' passes read it: the slot of the
/// skill it names and its place among the skill's plain prerequisites in
/// one word, ordered by slot first. Kept apart, the places were two bytes
/// an entry more, held beside the rows where the run's memory peaks: on
/// 100,000 skills needing 0-20 each from everything before, `lint`
/// peaked 2 MB higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u32);

impl Entry {
    fn new(slot: u32, place: usize) -> Self {
        debug_assert!((slot as usize) < SLOTS, "more needed skills than the blocks take");
        debug_assert!(place < PLACES, "a skill with more plain prerequisites than the blocks take");
        Entry(slot << PLACE_BITS | place as u32)
    }

    fn slot(self) -> usize {
        (self.0 >> PLACE_BITS) as usize
    }

    fn place(self) -> u16 {
        (self.0 & (PLACES as u32 - 1)) as u16
    }

    /// Whether the slot is at least `low`, read without taking it apart.
    fn at_least(self, low: usize) -> bool {
        self.0 as usize >= low << PLACE_BITS
    }
}

/// What every block's pass reads, built once by [`Blocks::find`].
struct Tables<'t> {
    order: &'t [u32],
    /// What each rank needs, highest first.
    below: &'t [Entry],
    below_start: &'t [usize],
    /// The ranks of the skills some skill needs, the only ones with a row,
    /// by slot.
    needed: &'t [u32],
    /// The slots asked about.
    targets: &'t Targets,
    /// The other ranks, for each block those needing one of its skills,
    /// in order: block `b`'s from `unneeded_start[b]`.
    unneeded: &'t [u32],
    unneeded_start: &'t [usize],
    /// For each block, the highest rank needing one of its targets
    /// directly: where its pass ends.
    last_asking: &'t [u32],
}

impl Tables<'_> {
    /// Every redundant entry naming a target of the blocks starting at the
    /// targets `blocks`, with rows of `W` words (`64 × W` targets a block).
    fn answer<const W: usize>(&self, blocks: impl Iterator<Item = usize>) -> Vec<BlockFound> {
        let Tables { below, needed, targets, unneeded, unneeded_start, last_asking, .. } = *self;
        let mut rows: Vec<[u64; W]> = Vec::new();
        let mut found = Vec::new();
        for first in blocks {
            // The block's targets are the slots `low..=last` asked about.
            let low = targets.slot(first);
            let last = targets.slot((first + 64 * W).min(targets.len()) - 1);
            // Rows up to the last skill asking about the block: what each
            // skill needs ranks below it, so the rows of those it reads
            // are among them.
            let b = first / (64 * W);
            let end = pass_end(needed, low, last_asking[b]);
            // Each row is written whole once, so none is cleared first.
            rows.clear();
            rows.reserve(end - low);
            for &r in &needed[low..end] {
                let r = r as usize;
                let (start, further, read) = self.further::<W>(r, low, &rows);
                // The block's targets the skill needs directly: among the
                // last of those read, as slots go down. An entry among
                // them that it also reaches in two steps or more is
                // redundant.
                let mut row = further;
                let mut direct = read;
                let mut redundant = false;
                while direct > start && below[direct - 1].slot() <= last {
                    direct -= 1;
                    if let Some(j) = self.bit::<W>(below[direct].slot(), first) {
                        redundant |= has(&further, j);
                        row[j / 64] |= 1 << (j % 64);
                    }
                }
                if redundant {
                    self.push_redundant(r, first, &rows, &further, (start, direct, read), &mut found);
                }
                rows.push(row);
            }
            // Skills nothing needs, once every row is made: only those
            // needing a target of the block have an entry to answer.
            for &r in &unneeded[unneeded_start[b]..unneeded_start[b + 1]] {
                let r = r as usize;
                let (start, further, read) = self.further::<W>(r, low, &rows);
                let direct = start + below[start..read].partition_point(|&f| f.slot() > last);
                if below[direct..read].iter().any(|&f| self.bit::<W>(f.slot(), first).is_some_and(|j| has(&further, j)))
                {
                    self.push_redundant(r, first, &rows, &further, (start, direct, read), &mut found);
                }
            }
        }
        found
    }

    /// The bit of slot `f` in the rows of the block whose targets start at
    /// target `first`, if it is one of them.
    fn bit<const W: usize>(&self, f: usize, first: usize) -> Option<usize> {
        self.targets.place(f).filter(|&t| t >= first && t < first + 64 * W).map(|t| t - first)
    }

    /// The block's skills that the skill at rank `r` reaches in two steps
    /// or more, from the rows of what it needs from the block up: with
    /// where its entries start in `below`, and the end of those read.
    fn further<const W: usize>(&self, r: usize, low: usize, rows: &[[u64; W]]) -> (usize, [u64; W], usize) {
        let start = self.below_start[r];
        let mut further = [0u64; W];
        let mut read = start;
        for &from in self.below[start..self.below_start[r + 1]].iter().take_while(|&&f| f.at_least(low)) {
            // Distinct rows: what the skill needs ranks below it.
            let other = &rows[from.slot() - low];
            for w in 0..W {
                further[w] |= other[w];
            }
            read += 1;
        }
        (start, further, read)
    }

    /// Pushes the entries `below[direct..read]` (of the skill at rank `r`,
    /// targets of the block from target `first`) whose bit is in
    /// `further`, each with the first other prerequisite in entry order
    /// whose row holds it: one of the entries before it in `below`, ranked
    /// above it.
    fn push_redundant<const W: usize>(
        &self,
        r: usize,
        first: usize,
        rows: &[[u64; W]],
        further: &[u64; W],
        (start, direct, read): (usize, usize, usize),
        found: &mut Vec<BlockFound>,
    ) {
        let Tables { order, below, targets, .. } = *self;
        let low = targets.slot(first);
        let v = order[r];
        for e in direct..read {
            let Some(j) = self.bit::<W>(below[e].slot(), first).filter(|&j| has(further, j)) else {
                continue;
            };
            // A prerequisite whose row holds `p` reaches it in one step or
            // more, so ranks above it (a repeat of `p` does not). Only one
            // earlier in entry order than the best so far has its row read:
            // on `dense-all`, where most reach `p`, reading every row made
            // this a tenth of TM107's samples in `perf`.
            let mut via = None;
            for &q in &below[start..e] {
                let place = q.place();
                if via.is_none_or(|best| place < best) && q.slot() > below[e].slot() && has(&rows[q.slot() - low], j) {
                    via = Some(place);
                }
            }
            if let Some(via) = via {
                found.push(BlockFound { skill: v, place: below[e].place(), via });
            }
        }
    }
}

#[cfg(test)]
mod tests;

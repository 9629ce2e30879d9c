//! Exact answers for every question at once, by blocks of targets: for
//! graphs where many prerequisites of one skill lie far apart in rank (a
//! skill with twenty prerequisites drawn from everything before it), which
//! the ring cannot answer and where the labels rarely rule a pair out, so
//! that pair-by-pair searches crossed most of the graph.
//!
//! The targets (skills that are a plain prerequisite of a skill with at
//! least two) are taken in rank order, `64 × words` at a time. For each
//! such block one pass in rank order gives every skill from the block's
//! lowest rank up that some skill needs a row of `words` words: the
//! block's targets it needs, the OR of the rows of what it needs
//! directly. Then each target's entries, found from the skills that need
//! it, are answered from the rows of the same skill's other
//! prerequisites. The work is the edges above each block times `words`,
//! known before starting: [`Blocks::cost`] lets the caller choose this or
//! the searches.

use super::Plain;

/// Memory of one block's rows at most (one block a thread at a time:
/// each thread's rows are this much). Halving it to keep two threads'
/// rows within it doubled the passes over the graph, and gained nothing.
const ROWS_BYTES: usize = 8 << 20;

/// Words per row at most (1,024 targets a block).
const WORDS_MAX: usize = 16;
// `Blocks::find` compiles a pass for each power of two up to it.
const _: () = assert!(WORDS_MAX == 16);

/// The targets in rank order, and the words per row.
pub(super) struct Blocks {
    targets: Vec<u32>,
    words: usize,
}

impl Blocks {
    /// Words per row for `n` skills: as many as fit in [`ROWS_BYTES`]
    /// ([`Blocks::new`] rounds them to a width it has a pass for).
    pub(super) fn words_for(n: usize) -> usize {
        ROWS_BYTES / 8 / n.max(1)
    }

    /// The targets of `order` (skills by rank), in blocks of `64 × words`,
    /// `words` rounded down to a power of two of at most [`WORDS_MAX`].
    pub(super) fn new(plain: &Plain<'_>, order: &[u32], words: usize) -> Self {
        // Skills on or after a cycle are not in `order`: indices go up to
        // the graph's size.
        let mut target = vec![false; plain.graph.len()];
        for &v in order {
            let needs = plain.needs(v);
            if needs.len() >= 2 {
                for &p in needs {
                    target[p as usize] = true;
                }
            }
        }
        let targets = order.iter().copied().filter(|&x| target[x as usize]).collect();
        // A power of two words, at most `WORDS_MAX`: a width `find` compiles
        // for, and a row of 2, 4 or 8 words never straddles two cache lines
        // (rows of 10 words, at 100k skills, were 12-17% slower than rows of
        // 8, for a quarter more blocks).
        Blocks { targets, words: 1 << words.clamp(1, WORDS_MAX).ilog2() }
    }

    fn block_len(&self) -> usize {
        64 * self.words
    }

    /// Word operations of [`Blocks::find`]: for each block, a row cleared
    /// and a row ORed per edge, for every skill from the block up. (The
    /// passes skip the skills nothing needs; counting them keeps the
    /// choice between the searches and the blocks, and the work bound,
    /// where they were measured.)
    pub(super) fn cost(&self, plain: &Plain<'_>, order: &[u32], rank: &[u32]) -> u64 {
        // Skills plus edges at and above each rank.
        let mut above = vec![0u64; order.len() + 1];
        for (r, &x) in order.iter().enumerate().rev() {
            above[r] = above[r + 1] + 1 + plain.needs(x).len() as u64;
        }
        self.targets
            .chunks(self.block_len())
            .map(|block| above[rank[block[0] as usize] as usize] * self.words as u64)
            .sum()
    }

    /// Every redundant entry as `(skill, k, prerequisite, via)`, `k` its
    /// place in [`Plain::needs`] of the skill (the caller looks the entry
    /// up) and `via` the first other prerequisite in entry order that
    /// needs it, in no particular order. The blocks are shared among
    /// `threads` threads, each with rows of its own.
    pub(super) fn find(
        &self,
        plain: &Plain<'_>,
        order: &[u32],
        rank: &[u32],
        threads: usize,
    ) -> Vec<(u32, u32, u32, u32)> {
        // Ranks go up to `n` (skills on or after a cycle have none).
        let n = order.len();
        // What each rank needs, as ranks, highest first: each block's pass
        // reads them in order and stops at the first below the block.
        let mut below_start = Vec::with_capacity(n + 1);
        let mut below = Vec::new();
        for &x in order {
            below_start.push(below.len());
            let at = below.len();
            below.extend(plain.needs(x).iter().map(|&u| rank[u as usize]));
            below[at..].sort_unstable_by(|a, b| b.cmp(a));
        }
        below_start.push(below.len());
        // Only the rows of skills that some skill needs are ever read: they
        // alone get one, numbered in rank order (their slots). Nothing
        // needs about one skill in eleven of `dense-all` (twenty
        // prerequisites from everything before) and one in four of `all5`
        // (up to five), most of them among the highest, which are in every
        // block's pass.
        let mut needed = vec![false; n];
        for &r in &below {
            needed[r as usize] = true;
        }
        let mut ranks_with_rows = Vec::new();
        let mut slot = vec![0u32; n];
        for (r, &needed) in needed.iter().enumerate() {
            slot[r] = super::to_u32(ranks_with_rows.len());
            if needed {
                ranks_with_rows.push(super::to_u32(r));
            }
        }
        drop(needed);
        // Slots keep rank order, so the passes compare and index slots as
        // they would ranks: no lookup of a rank's slot in them.
        for r in &mut below {
            *r = slot[*r as usize];
        }
        let tables = Tables {
            plain,
            order,
            rank,
            below: &below,
            below_start: &below_start,
            ranks_with_rows: &ranks_with_rows,
            slot: &slot,
        };
        let blocks: Vec<&[u32]> = self.targets.chunks(self.block_len()).collect();
        // Each thread takes the next block not yet taken, the longest
        // passes (lowest in rank) first: a thread the machine runs slower
        // takes fewer. Dealt out in turn, a run on `dense-all` once had
        // one thread finish its share alone for half the blocks' time.
        let shares: Vec<usize> = (0..threads.clamp(1, blocks.len().max(1))).collect();
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let found = crate::parallel::map(&shares, |_| {
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
        });
        let mut found = found.into_iter();
        let mut all = found.next().unwrap_or_default();
        for more in found {
            all.extend(more);
        }
        all
    }
}

/// What every block's pass reads, built once by [`Blocks::find`].
struct Tables<'t> {
    plain: &'t Plain<'t>,
    order: &'t [u32],
    rank: &'t [u32],
    /// What each rank needs, as slots, highest first.
    below: &'t [u32],
    below_start: &'t [usize],
    /// The ranks of the skills some skill needs, the only ones with a row,
    /// by slot.
    ranks_with_rows: &'t [u32],
    /// The slot of each rank with a row.
    slot: &'t [u32],
}

impl Tables<'_> {
    /// Every redundant entry whose target is in `blocks`, with rows of
    /// `W` words (`64 × W` targets a block).
    fn answer<'b, const W: usize>(&self, blocks: impl Iterator<Item = &'b [u32]>) -> Vec<(u32, u32, u32, u32)> {
        let Tables { plain, order, rank, below, below_start, ranks_with_rows, slot } = *self;
        // The bit of each target in its block's rows.
        let mut bit = vec![u32::MAX; rank.len()];
        let mut rows: Vec<[u64; W]> = Vec::new();
        let mut found = Vec::new();
        for block in blocks {
            for (j, &t) in block.iter().enumerate() {
                bit[t as usize] = super::to_u32(j);
            }
            // Targets are needed: they have slots.
            let low = slot[rank[block[0] as usize] as usize] as usize;
            // Each row is written whole once, so none is cleared first.
            rows.clear();
            rows.reserve(ranks_with_rows.len() - low);
            for &r in &ranks_with_rows[low..] {
                let mut row = [0u64; W];
                let j = bit[order[r as usize] as usize];
                if j != u32::MAX {
                    row[j as usize / 64] = 1u64 << (j % 64);
                }
                // Distinct rows: what the skill needs ranks below it.
                let r = r as usize;
                for &from in below[below_start[r]..below_start[r + 1]].iter().take_while(|&&f| f as usize >= low) {
                    let other = &rows[from as usize - low];
                    for w in 0..W {
                        row[w] |= other[w];
                    }
                }
                rows.push(row);
            }
            let has = |s: u32, j: u32| rows[s as usize - low][j as usize / 64] >> (j % 64) & 1 == 1;
            for &t in block {
                let (j, at) = (bit[t as usize], rank[t as usize]);
                let at_slot = slot[at as usize];
                // The entries naming the target, from the skills that need
                // it (a table of them took 8 bytes an entry).
                for &v in plain.graph.dependents_of(t) {
                    // Skills on or after a cycle have no rank.
                    let r = rank[v as usize] as usize;
                    if r == u32::MAX as usize {
                        continue;
                    }
                    // Whether some prerequisite ranked above the target
                    // needs it, read from slots in a row (`below` has the
                    // skill's plain prerequisites, so a skill with one has
                    // none above it); which, in entry order, only when one
                    // does (`at >= low`: the target is in the block).
                    let slots = &below[below_start[r]..below_start[r + 1]];
                    if !slots.iter().take_while(|&&q| q > at_slot).any(|&q| has(q, j)) {
                        continue;
                    }
                    let needs = plain.needs(v);
                    let via = needs.iter().find(|&&q| rank[q as usize] > at && has(slot[rank[q as usize] as usize], j));
                    if let Some(&via) = via {
                        // Every entry naming the target (a list may name it twice).
                        for (k, _) in needs.iter().enumerate().filter(|&(_, &p)| p == t) {
                            found.push((v, super::to_u32(k), t, via));
                        }
                    }
                }
            }
            for &t in block {
                bit[t as usize] = u32::MAX;
            }
        }
        found
    }
}

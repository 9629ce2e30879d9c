//! Exact reachability between skills close in topological order, as bit
//! rows: the row of the skill at rank `r` holds one bit per rank in
//! `r - span .. r`, set when the skill needs (plain, transitively) the
//! skill at that rank.
//!
//! A path from `from` down to `to` only passes skills ranked between them,
//! so when `rank(from) - rank(to) <= span` every edge on it is at most
//! `span` long, and the rows built from such edges alone are exact: a row
//! is its short edges' targets plus their rows, one word-wise OR each.
//! Rows live in a ring of `slots` rows (the last `slots` ranks), so memory
//! is bounded whatever the roadmap's size; a question the ring cannot
//! answer (a longer gap, a row already dropped) is left to the labels and
//! the search.

/// Longest gap answered exactly, in ranks, before [`RING_BYTES`] lowers it.
pub(super) const SPAN_MAX: u32 = 8192;

/// Memory of the ring at most (4 MiB; the span shrinks to fit: 5,760
/// ranks at most). Lint's peak memory is about four times the file, and
/// this runs beside the other rules.
const RING_BYTES: usize = 4 << 20;

/// Memory of the ring when even [`RING_BYTES`] would leave questions to
/// the labels and searches (prerequisites of one skill far apart in rank).
/// There a larger ring answers few more of them: lint took the same time
/// with 256 KiB as with 4 MiB on 100k and 1M skills drawing prerequisites
/// from everything before or from power-law hubs, and 4-5 MB less memory at
/// 100k.
const PARTIAL_RING_BYTES: usize = 256 << 10;

/// The ring of reachability rows.
pub(super) struct Window {
    /// Gap in ranks answered exactly (a multiple of 64).
    span: u32,
    /// Words per row: `span / 64 + 1`, as a row starts at a word boundary.
    words: usize,
    /// Rows kept: the row of rank `r` is at `r % slots`; more than `span`.
    slots: u32,
    rows: Vec<u64>,
}

impl Window {
    /// A ring answering gaps up to `span` (rounded up to whole words,
    /// capped by `span_max`) for rows at most `back` ranks behind the skill
    /// being asked about, within `ring_bytes`.
    pub(super) fn new(span: u32, back: u32, span_max: u32, ring_bytes: usize) -> Self {
        let (span, words, slots) = Window::fit(span, back, span_max, ring_bytes);
        Window { span, words, slots, rows: vec![0; slots as usize * words] }
    }

    /// The span, words per row and slots of [`Window::new`], without the rows.
    fn fit(span: u32, back: u32, span_max: u32, ring_bytes: usize) -> (u32, usize, u32) {
        let mut span = span.min(span_max).div_ceil(64).max(1) * 64;
        // At least `span + 1` rows of `span / 64 + 1` words must fit.
        while span > 64 && (span as usize + 1) * (span as usize / 64 + 1) * 8 > ring_bytes {
            span -= 64;
        }
        let words = span as usize / 64 + 1;
        let affordable = u32::try_from(ring_bytes / (8 * words)).unwrap_or(u32::MAX);
        let slots = back.saturating_add(1).min(affordable).max(span + 1);
        (span, words, slots)
    }

    /// The default limits: see [`SPAN_MAX`], [`RING_BYTES`] and
    /// [`PARTIAL_RING_BYTES`].
    pub(super) fn bounded(span: u32, back: u32) -> Self {
        let (fitted, _, slots) = Window::fit(span, back, SPAN_MAX, RING_BYTES);
        let whole = span <= fitted && back < slots;
        Window::new(span, back, SPAN_MAX, if whole { RING_BYTES } else { PARTIAL_RING_BYTES })
    }

    /// An empty ring of the same shape, for another thread.
    pub(super) fn empty_copy(&self) -> Window {
        let rows = vec![0; self.slots as usize * self.words];
        Window { span: self.span, words: self.words, slots: self.slots, rows }
    }

    /// Frees the rows, keeping the shape for [`Window::empty_copy`]: the
    /// threads of the chunked searches each make their own ring, and up to
    /// 4 MiB more beside them was a share of the peak where they find a
    /// redundant entry at most skills.
    pub(super) fn free_rows(&mut self) {
        self.rows = Vec::new();
    }

    /// Forgets every row.
    pub(super) fn clear(&mut self) {
        self.rows.fill(0);
    }

    /// How many ranks an empty ring builds before rank `start` for every
    /// answer from `start` on to be exact: the questions read the last
    /// `slots` rows, and a row is exact once every rank of its span was
    /// built exact (a path between two ranks passes only ranks between
    /// them), so the first `span` rows built may miss what lies before.
    /// A row not built reads as empty, so the ring must be cleared first.
    pub(super) fn warm_up(&self) -> u32 {
        self.slots.saturating_add(self.span)
    }

    /// First word (in absolute rank bits) of the row of rank `r`.
    fn base(&self, r: u32) -> usize {
        r.saturating_sub(self.span) as usize / 64
    }

    fn row_start(&self, r: u32) -> usize {
        (r % self.slots) as usize * self.words
    }

    /// Builds the row of rank `r` from the ranks of what it needs (each
    /// below `r`). Rows must be built in rank order, every rank once.
    pub(super) fn build(&mut self, r: u32, needs: impl Iterator<Item = u32> + Clone) {
        let row = self.cleared_row(r);
        self.or_rows_of(row, r, needs.clone());
        let span = self.span;
        for y in needs.filter(|&y| r - y <= span) {
            self.set(row, y);
        }
    }

    /// ORs into `row`, of rank `r`, the rows of the ranks `needs` within
    /// the span: the nearest one's first, then each the row does not hold
    /// yet. Within this row's span a row it holds adds nothing: it is part
    /// of the row of the one that needs it (a path between two ranks
    /// passes only ranks between them). A skill needing every skill before
    /// it then ORs one row rather than thousands (with `first_needing`
    /// reading only rows' unclaimed words, `lint` of 4,000 such skills
    /// 2.55-3.02 → 2.35-2.42 s). Below the span the row may hold less
    /// than the OR of every row: nothing is asked there.
    fn or_rows_of(&mut self, row: Row, r: u32, needs: impl Iterator<Item = u32> + Clone) {
        let span = self.span;
        let within = |y: u32| r - y <= span;
        let Some(nearest) = needs.clone().filter(|&y| within(y)).max() else {
            return;
        };
        self.or_into(row, nearest);
        for y in needs.filter(|&y| within(y) && y != nearest) {
            if !self.has(row, y) {
                self.or_into(row, y);
            }
        }
    }

    /// The row of rank `r`, all zeros.
    fn cleared_row(&mut self, r: u32) -> Row {
        let row = self.row(r);
        self.rows[row.start..row.start + self.words].fill(0);
        row
    }

    /// ORs the row of rank `y` into `row`, of a rank above `y` by at most
    /// the span: `y`'s row starts at or before it and is still in the ring
    /// (`span < slots`), so the overlap is ORed word by word.
    fn or_into(&mut self, row: Row, y: u32) {
        let shift = row.base - self.base(y);
        let from = self.row_start(y);
        let (dst, src) = pair(&mut self.rows, row.start, from, self.words);
        for (d, s) in dst.iter_mut().zip(&src[shift..]) {
            *d |= s;
        }
    }

    /// Sets rank `to` in `row` (below the row's rank by at most the span).
    fn set(&mut self, row: Row, to: u32) {
        let bit = to as usize - row.base * 64;
        self.rows[row.start + bit / 64] |= 1 << (bit % 64);
    }

    /// Builds the row of rank `r`, as [`Window::build`], from `ranks`, the
    /// ranks of its prerequisites in entry order, and gives `report`, for
    /// each entry another one needs, its place and the place of the first
    /// such other. Every question about them must be the ring's
    /// ([`Window::answers`]).
    ///
    /// The row is first the OR of the prerequisites' rows alone: an entry
    /// within the span of `r` is redundant exactly when its bit is there,
    /// so only those are asked of each other prerequisite's row (before,
    /// every pair was). TM107 in process on 100k skills with up to twenty
    /// prerequisites among the previous 5,000 (`dense-window`): 126 → 98
    /// ms.
    pub(super) fn build_answering(
        &mut self,
        r: u32,
        ranks: &[u32],
        rows: &mut Vec<(u32, Row)>,
        mut report: impl FnMut(usize, usize),
    ) {
        let row = self.cleared_row(r);
        let span = self.span;
        let within = |y: u32| r - y <= span;
        self.or_rows_of(row, r, ranks.iter().copied());
        // Each prerequisite's row found once (a division each), for the
        // entries asked about.
        rows.clear();
        for (k, &to) in ranks.iter().enumerate() {
            // Past the span the row cannot say: every other is asked.
            if within(to) && !self.has(row, to) {
                continue;
            }
            if rows.is_empty() {
                rows.extend(ranks.iter().map(|&from| (from, self.row(from))));
            }
            if let Some(via) = rows.iter().position(|&(from, row)| from > to && self.has(row, to)) {
                report(k, via);
            }
        }
        for &y in ranks.iter().filter(|&&y| within(y)) {
            self.set(row, y);
        }
    }

    /// Whether every question about the prerequisites of one skill is
    /// answered, for prerequisites at most `span` ranks apart and `back`
    /// ranks behind the skill (as [`Window::new`] was asked).
    pub(super) fn answers(&self, span: u32, back: u32) -> bool {
        span <= self.span && back < self.slots
    }

    /// The row of rank `r`, for [`Window::has`]: valid until `slots` more
    /// rows are built.
    pub(super) fn row(&self, r: u32) -> Row {
        Row { start: self.row_start(r), base: self.base(r) }
    }

    /// Whether `row` holds rank `to`: `to` must be below the row's rank by
    /// at most the span.
    pub(super) fn has(&self, row: Row, to: u32) -> bool {
        let bit = to as usize - row.base * 64;
        self.rows[row.start + bit / 64] >> (bit % 64) & 1 == 1
    }

    /// For the prerequisites of one skill, at `ranks` in entry order, every
    /// question about them answered by the ring ([`Window::answers`]): for
    /// each another prerequisite needs, `report` gets its entry and the
    /// entry of the first other prerequisite that needs it, in entry order.
    /// Each prerequisite in turn claims, word by word, those its row holds
    /// and no earlier one claimed: `ranks.len()` row scans over the skill's
    /// rank range, where pairs would be `ranks.len()` squared. `scratch` is
    /// kept from skill to skill (four vectors a skill were most of the
    /// allocations of 100k skills each needing the twenty before).
    pub(super) fn first_needing(&self, ranks: &[u32], scratch: &mut RowScans, mut report: impl FnMut(usize, usize)) {
        let low = ranks.iter().copied().min().unwrap_or(0);
        let high = ranks.iter().copied().max().unwrap_or(0);
        let (first_word, last_word) = (low as usize / 64, high as usize / 64);
        let RowScans { pending, live, claimer } = scratch;
        pending.clear();
        pending.resize(last_word - first_word + 1, 0);
        for &r in ranks {
            let bit = r as usize - first_word * 64;
            pending[bit / 64] |= 1 << (bit % 64);
        }
        // The entries not yet claimed, and which of their words hold any:
        // a row is read only where something is left to claim, so a skill
        // needing every skill before it, its entries in rank order, reads
        // a word or two a row rather than the whole row.
        live.clear();
        live.resize(pending.len().div_ceil(64), 0);
        for (w, _) in pending.iter().enumerate().filter(|&(_, &bits)| bits != 0) {
            live[w / 64] |= 1 << (w % 64);
        }
        claimer.clear();
        claimer.resize((high - low) as usize + 1, u32::MAX);
        for (entry, &from) in ranks.iter().enumerate() {
            let row = self.row(from);
            // Words of `pending`, from `first_word`, up to the word of
            // `from` (a row holds only ranks below its own).
            let start = row.base.max(first_word) - first_word;
            let end = (row.base + self.words).min(last_word + 1).min(from as usize / 64 + 1).saturating_sub(first_word);
            let mut at = start;
            while at < end {
                let live_bits = live[at / 64] & (!0u64 << (at % 64));
                if live_bits == 0 {
                    at = (at / 64 + 1) * 64;
                    continue;
                }
                let w = at / 64 * 64 + live_bits.trailing_zeros() as usize;
                if w >= end {
                    break;
                }
                let fresh = self.rows[row.start + w + first_word - row.base] & pending[w];
                pending[w] &= !fresh;
                if pending[w] == 0 {
                    live[w / 64] &= !(1 << (w % 64));
                }
                let mut bits = fresh;
                while bits != 0 {
                    let r = (w + first_word) * 64 + bits.trailing_zeros() as usize;
                    claimer[r - low as usize] = entry as u32;
                    bits &= bits - 1;
                }
                at = w + 1;
            }
        }
        for (k, &r) in ranks.iter().enumerate() {
            let via = claimer[(r - low) as usize];
            if via != u32::MAX {
                report(k, via as usize);
            }
        }
    }

    /// Whether the skill at rank `from` needs the one at rank `to`, when the
    /// ring knows: `current` is the highest rank built so far.
    pub(super) fn reaches(&self, current: u32, from: u32, to: u32) -> Option<bool> {
        if from <= to {
            // Topological order: nothing needs a skill ranked after it.
            return Some(false);
        }
        if from > current || from - to > self.span || current - from >= self.slots {
            return None;
        }
        Some(self.has(self.row(from), to))
    }
}

/// Scratch of [`Window::first_needing`], kept from skill to skill: the
/// entries not yet claimed (a bit each from the skill's lowest rank word),
/// which of those words hold any, and the entry claiming each rank.
#[derive(Default)]
pub(super) struct RowScans {
    pending: Vec<u64>,
    live: Vec<u64>,
    claimer: Vec<u32>,
}

/// Where a row is: its first word in the ring and its first rank word.
#[derive(Clone, Copy)]
pub(super) struct Row {
    start: usize,
    base: usize,
}

/// Row `dst` (mutable) and row `src` of `rows`, `words` long each; the two
/// rows are distinct slots.
fn pair(rows: &mut [u64], dst: usize, src: usize, words: usize) -> (&mut [u64], &[u64]) {
    if dst < src {
        let (low, high) = rows.split_at_mut(src);
        (&mut low[dst..dst + words], &high[..words])
    } else {
        let (low, high) = rows.split_at_mut(dst);
        (&mut high[..words], &low[src..src + words])
    }
}

#[cfg(test)]
mod tests {
    use super::{PARTIAL_RING_BYTES, RING_BYTES, RowScans, Window};
    use crate::graph::redundant::tests::xorshift;

    /// Which skills each skill needs, directly or not, by brute force
    /// (`needs[i]` below `i`).
    fn closure(needs: &[Vec<u32>]) -> Vec<Vec<bool>> {
        let n = needs.len();
        let mut closure = vec![vec![false; n]; n];
        for i in 0..n {
            for &y in &needs[i] {
                closure[i][y as usize] = true;
                let below = closure[y as usize].clone();
                for (c, b) in closure[i].iter_mut().zip(below) {
                    *c |= b;
                }
            }
        }
        closure
    }

    /// Every answer the ring gives agrees with a full transitive closure,
    /// on a random DAG whose edges are longer and shorter than the span.
    #[test]
    fn answers_agree_with_the_closure() {
        let n = 400usize;
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let needs: Vec<Vec<u32>> = (0..n)
            .map(
                |i| if i == 0 { Vec::new() } else { (0..next(4)).map(|_| (i - 1 - next(i.min(150))) as u32).collect() },
            )
            .collect();
        let closure = closure(&needs);
        for (span, back) in [(64, 200), (100, 500), (200, 130)] {
            let mut window = Window::new(span, back, 128, 1 << 20);
            let mut answered = 0;
            for r in 0..n as u32 {
                window.build(r, needs[r as usize].iter().copied());
                for from in r.saturating_sub(3)..=r {
                    for to in 0..n as u32 {
                        if let Some(answer) = window.reaches(r, from, to) {
                            assert_eq!(answer, closure[from as usize][to as usize], "{span} {from} {to}");
                            answered += 1;
                        }
                    }
                }
            }
            assert!(answered > n * n, "{answered}");
        }
    }

    /// The default ring is whole when it answers every question, and cut
    /// to [`PARTIAL_RING_BYTES`] when even [`RING_BYTES`] would not.
    #[test]
    fn bounded_rings_are_whole_or_small() {
        let whole = Window::bounded(5_000, 6_000);
        assert!(whole.answers(5_000, 6_000));
        assert!(whole.rows.len() * 8 <= RING_BYTES && whole.rows.len() * 8 > PARTIAL_RING_BYTES);
        for (span, back) in [(20_000, 90_000), (100, 2_000_000)] {
            let partial = Window::bounded(span, back);
            assert!(!partial.answers(span, back));
            assert!(partial.rows.len() * 8 <= PARTIAL_RING_BYTES, "{span} {back}");
        }
    }

    /// `build_answering` reports, for each prerequisite, the first other
    /// one (in entry order) that needs it, as a full closure says, for
    /// prerequisites close together whether they lie within the span of
    /// the skill (asked of its row) or further back (asked pair by pair);
    /// and builds the rows `build` builds.
    #[test]
    fn build_answering_agrees_with_the_closure() {
        let (n, span, back) = (700usize, 128u32, 400u32);
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        // Each skill's prerequisites: up to eight within 60 ranks of each
        // other, anywhere in the 400 ranks before it.
        let needs: Vec<Vec<u32>> = (0..n)
            .map(|i| {
                if i < 70 {
                    return Vec::new();
                }
                let top = i - 1 - next(i.min(back as usize) - 60);
                (0..next(9)).map(|_| (top - next(60)) as u32).collect()
            })
            .collect();
        let closure = closure(&needs);
        let mut answering = Window::new(span, back, span, 1 << 22);
        let mut built = Window::new(span, back, span, 1 << 22);
        let (mut near, mut far) = (0, 0);
        for r in 0..n as u32 {
            let ranks = &needs[r as usize];
            let expected: Vec<(usize, usize)> = (0..ranks.len())
                .filter_map(|k| {
                    let to = ranks[k] as usize;
                    ranks.iter().position(|&from| closure[from as usize][to]).map(|via| (k, via))
                })
                .collect();
            for &(k, _) in &expected {
                if r - ranks[k] <= span { near += 1 } else { far += 1 }
            }
            let mut found = Vec::new();
            answering.build_answering(r, ranks, &mut Vec::new(), |k, via| found.push((k, via)));
            built.build(r, ranks.iter().copied());
            assert_eq!(found, expected, "rank {r}");
            // The same answers within the span (below it `build` skips
            // rows that hold nothing more there).
            for to in r.saturating_sub(span)..r {
                assert_eq!(answering.reaches(r, r, to), built.reaches(r, r, to), "rank {r}, {to}");
            }
        }
        assert!(near > 20 && far > 20, "{near} within the span, {far} past it");
    }

    /// On skills needing every skill before them, or a run of them in
    /// either order, beside random ones: the rows `build` makes (skipping
    /// prerequisites a nearer one needs) and the first entry
    /// `first_needing` names agree with a full closure.
    #[test]
    fn dense_runs_agree_with_the_closure() {
        let n = 600usize;
        let mut next = xorshift(0xD1B5_4A32_D192_ED03);
        let needs: Vec<Vec<u32>> = (0..n)
            .map(|i| {
                let low = i.saturating_sub(1 + next(300));
                match next(4) {
                    0 => (0..i as u32).collect(),
                    1 => (low as u32..i as u32).rev().collect(),
                    2 => (low as u32..i as u32).filter(|_| next(3) == 0).collect(),
                    _ => (0..next(4).min(i)).map(|_| (i - 1 - next(i.min(200))) as u32).collect(),
                }
            })
            .collect();
        let closure = closure(&needs);
        let mut window = Window::new(n as u32, n as u32, 1024, 1 << 22);
        // One scratch for every skill, as the searches keep it.
        let mut scratch = RowScans::default();
        let mut scanned = 0;
        for r in 0..n as u32 {
            let ranks = &needs[r as usize];
            if !ranks.is_empty() {
                let expected: Vec<Option<usize>> = ranks
                    .iter()
                    .map(|&to| ranks.iter().position(|&from| closure[from as usize][to as usize]))
                    .collect();
                assert_eq!(first_needing(&window, ranks, &mut scratch), expected, "rank {r}");
                scanned += ranks.len();
            }
            window.build(r, ranks.iter().copied());
            for to in 0..r {
                assert_eq!(window.reaches(r, r, to), Some(closure[r as usize][to as usize]), "{r} {to}");
            }
        }
        assert!(scanned > 10 * n, "{scanned}");
    }

    /// What [`Window::first_needing`] reports, for each of `ranks`.
    fn first_needing(window: &Window, ranks: &[u32], scratch: &mut RowScans) -> Vec<Option<usize>> {
        let mut found = vec![None; ranks.len()];
        window.first_needing(ranks, scratch, |k, via| {
            assert!(found[k].replace(via).is_none(), "entry {k} reported twice");
        });
        found
    }

    /// `first_needing` gives, for each rank, the first other rank (in the
    /// order given) that needs it, as pair-by-pair questions do.
    #[test]
    fn first_needing_agrees_with_pairs() {
        let n = 300u32;
        let needs: Vec<Vec<u32>> =
            (0..n).map(|i| (1..=3u32).filter(|d| d * d <= i && i % 7 != 0).map(|d| i - d * d).collect()).collect();
        let mut window = Window::new(n, n, 512, 1 << 22);
        for r in 0..n {
            window.build(r, needs[r as usize].iter().copied());
        }
        let current = n - 1;
        for start in [0u32, 40, 170] {
            let ranks: Vec<u32> = (0..40).map(|j| start + (j * 37 + 11) % 120).collect();
            let expected: Vec<Option<usize>> = ranks
                .iter()
                .map(|&to| ranks.iter().position(|&from| window.reaches(current, from, to) == Some(true)))
                .collect();
            assert!(expected.iter().any(Option::is_some));
            assert_eq!(first_needing(&window, &ranks, &mut RowScans::default()), expected);
        }
    }
}

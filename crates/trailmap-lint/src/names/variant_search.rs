//! The search of one large group of names sharing a token key (see
//! `search.rs`) by their token's deletion variants (see
//! `names::token_variant_hashes`): every pair one edit apart there shares
//! a variant, so the variants are sorted and each run of equal hashes is
//! joined ([`join_variant_class`]).
//!
//! A group of tens of thousands of names (every name one word: one group
//! of them all) is searched on several threads ([`join_on_threads`]): its
//! bitmaps and keys no longer fit in one core's caches, and one thread
//! spent most of its time waiting on memory.

use std::ops::Range;

use super::halves;
use super::search::{Groups, pack, unpack};
use super::slot_marks::{Marks, Slots, is_set};
use super::sort::sort_by_top_bytes;
use super::{Names, Scratch, Variant, mix, one_edit_spaced, same_variant, token_variant_count, token_variant_hashes};

/// Finds the names one edit apart among the members of a large group of
/// names sharing a token key, on the calling thread. Buffers are kept
/// from group to group.
pub(super) struct VariantSearch<'n, 'a, T> {
    names: &'n Names<'a, T>,
    /// The bits of a name's index in a packed key (the low ones).
    bits: u32,
    /// At most this many variants are sorted without a bitmap first.
    sorted_max: usize,
    scratch: Scratch,
    keys: Vec<u64>,
    runs: RunBuffers,
}

/// Groups with more variants than this find their repeated ones through a
/// bitmap first ([`Marks`]); smaller ones sort them all (32 KB of
/// keys).
const SORTED_VARIANTS_MAX: usize = 4_096;

impl<'n, 'a, T> VariantSearch<'n, 'a, T> {
    pub(super) fn new(names: &'n Names<'a, T>, bits: u32) -> Self {
        let (scratch, keys, runs) = (Scratch::default(), Vec::new(), RunBuffers::default());
        VariantSearch { names, bits, sorted_max: SORTED_VARIANTS_MAX, scratch, keys, runs }
    }

    /// Joins in `groups` the members of `group` (token keys packed by
    /// `search::pack`: a name and where its token starts) one edit apart.
    pub(super) fn join(&mut self, group: &[u64], groups: &Groups) {
        let (names, bits) = (self.names, self.bits);
        let rest = halves::join_long_tokens(names, bits, group, groups);
        let group = rest.as_deref().unwrap_or(group);
        let count =
            group.iter().map(|&k| unpack(bits, k)).map(|(i, start)| token_variant_count(names.spaced(i), start)).sum();
        self.join_counted(group, count, groups);
    }

    /// [`VariantSearch::join`] of a group of `count` variants.
    fn join_counted(&mut self, group: &[u64], count: usize, groups: &Groups) {
        let (names, bits) = (self.names, self.bits);
        let members = || group.iter().map(|&k| unpack(bits, k));
        self.keys.clear();
        if count <= self.sorted_max {
            push_variants(names, bits, members(), &mut self.scratch, &mut self.keys, |_| true);
        } else {
            // Slots from the hash only, at most as many bits as a packed key keeps.
            let slots = Slots::new(count * 4, 64 - (bits + 8));
            let mut marks = Marks::new(&slots);
            for (i, start) in members() {
                variant_slots(names, i, start, &slots, &mut self.scratch, |slot| marks.mark(slot));
            }
            // At most the variants not alone in their slot are kept (growing
            // by doubling from empty held half as much again at the last copy).
            let (again, alone) = marks.repeated();
            self.keys.reserve(count.saturating_sub(alone));
            let repeated = |h| is_set(&again, slots.of(h));
            push_variants(names, bits, members(), &mut self.scratch, &mut self.keys, repeated);
        }
        sort_by_top_bytes(&mut self.keys, 56, 2);
        let low = bits + 8;
        for run in self.keys.chunk_by(|x, y| x >> low == y >> low).filter(|run| run.len() > 1) {
            self.runs.join(names, bits, run, groups);
        }
    }
}

/// [`search::pack`](pack) of a variant of name `i` whose raw hash is `h`:
/// deleted positions are under 255; that one stands for the whole name.
fn pack_variant(bits: u32, v: Variant, h: u64, i: usize) -> u64 {
    pack(bits, mix(h), if let Variant::Deleted(k) = v { k } else { 255 }, i)
}

/// Pushes on `keys` the variants of `members` (a name and where its token
/// starts) whose raw hashes are `wanted`, packed ([`pack_variant`]).
fn push_variants<T>(
    names: &Names<'_, T>,
    bits: u32,
    members: impl Iterator<Item = (usize, usize)>,
    scratch: &mut Scratch,
    keys: &mut Vec<u64>,
    wanted: impl Fn(u64) -> bool,
) {
    for (i, start) in members {
        token_variant_hashes(names.spaced(i), start, scratch, |v, h| {
            if wanted(h) {
                keys.push(pack_variant(bits, v, h, i));
            }
        });
    }
}

/// The variant and name of a key of [`pack_variant`].
fn unpack_variant(bits: u32, key: u64) -> (usize, Variant) {
    let (i, position) = unpack(bits, key);
    (i, if position == 255 { Variant::Whole } else { Variant::Deleted(position) })
}

/// Calls `mark` with the slot of each variant of name `i`'s token at
/// `start`: the first pass of a filter that keeps only the variants whose
/// hash another variant may share. A few bits a variant instead of a word
/// each: at a million names "Prefix Xxxxx" the group "prefix \*" has six
/// million variants, nearly all alone.
fn variant_slots<T>(
    names: &Names<'_, T>,
    i: usize,
    start: usize,
    slots: &Slots,
    scratch: &mut Scratch,
    mut mark: impl FnMut(usize),
) {
    let mut last = None;
    token_variant_hashes(names.spaced(i), start, scratch, |_, h| {
        // Deleting either letter of a double one ("skill") gives one text,
        // hashed twice in a row: counted once, so that a name's own
        // repeats do not keep its variants.
        if last.replace(h) != Some(h) {
            mark(slots.of(h));
        }
    });
}

/// Groups of at least this many variants are searched on several threads
/// when the caller has them: below, the threads cost about what they
/// save (measured when each joined into a copy of the groups).
pub(super) const THREADS_FROM: usize = 1 << 16;

/// Joins in `groups` the members of `group` (as [`VariantSearch::join`]
/// takes them) one edit apart, on `threads` threads if it has
/// `variants_from` variants or more. Each pass is split between them:
/// the variants counted a range of the members a thread; the repeated
/// ones kept and sorted a range of the members a thread, into a list
/// each ([`SharedGroup::keep_repeated`], or every one where a sample
/// shows nearly all repeated); then the runs of equal hashes joined a
/// range of the hashes a thread, into the same groups. No key is copied
/// from one thread's list to another's.
pub(super) fn join_on_threads<T: Sync>(
    names: &Names<'_, T>,
    bits: u32,
    group: &[u64],
    threads: usize,
    variants_from: usize,
    groups: &Groups,
) {
    let rest = halves::join_long_tokens(names, bits, group, groups);
    let group = rest.as_deref().unwrap_or(group);
    let parts = trailmap::parallel::ranges(group.len(), threads);
    let shared = SharedGroup { names, bits, group };
    let counts = trailmap::parallel::map(&parts, |range| {
        shared.members(range).map(|(i, start)| token_variant_count(names.spaced(i), start)).sum::<usize>()
    });
    let count: usize = counts.iter().sum();
    if parts.len() < 2 || count < variants_from {
        VariantSearch::new(names, bits).join_counted(group, count, groups);
        return;
    }
    let slots = Slots::new(count * 4, 64 - (bits + 8));
    let parts: Vec<(Range<usize>, usize)> = parts.into_iter().zip(counts).collect();
    let lists = match shared.mostly_repeated(&slots, &parts) {
        true => trailmap::parallel::map(&parts, |(range, count)| shared.keep(range, *count, |_| true)),
        false => shared.keep_repeated(count, &slots, &parts),
    };
    // Ranges of the hashes, each ending where a run does: a run's keys
    // all lie in one range, taken from every list.
    let low = bits + 8;
    let bounds: Vec<u64> = (0..=threads as u128)
        .map(|h| match h == threads as u128 {
            true => u64::MAX,
            false => ((h << 64) / threads as u128) as u64 >> low << low,
        })
        .collect();
    let hash_ranges: Vec<Vec<&[u64]>> = bounds
        .windows(2)
        .map(|w| {
            lists
                .iter()
                .map(|list| {
                    let from = list.partition_point(|&k| k < w[0]);
                    let to = if w[1] == u64::MAX { list.len() } else { list.partition_point(|&k| k < w[1]) };
                    &list[from..to]
                })
                .collect()
        })
        .collect();
    // Both threads join into the same groups: each skips the runs whose
    // names the other has joined.
    trailmap::parallel::map(&hash_ranges, |pieces| RunBuffers::default().join_merged(names, bits, pieces, groups));
}

/// A group's variants are marked in a bitmap to keep only the repeated
/// ones unless fewer than one in this many is alone, as a sample of the
/// bitmap shows ([`SharedGroup::mostly_repeated`]): then all are kept.
/// A variant kept alone costs its word (8 bytes) and its share of the
/// sort; the bitmap costs 2-4 bytes a variant and two passes hashing
/// every member, each a cache miss a variant.
const MOSTLY_REPEATED_ALONE: usize = 4;

/// The bitmap's sample is one slot in this many (the first ones): a
/// range of slots holds every variant of the texts whose hashes fall in
/// it, so it finds variants alone as the whole bitmap would, for the
/// texts of one hash in this many.
const SAMPLE_ONE_IN: usize = 16;

/// A large group searched on several threads ([`join_on_threads`]).
struct SharedGroup<'n, 'a, 'g, T> {
    names: &'n Names<'a, T>,
    bits: u32,
    /// The members, as [`VariantSearch::join`] takes them.
    group: &'g [u64],
}

impl<T: Sync> SharedGroup<'_, '_, '_, T> {
    /// The members of `range` of the group: a name and where its token starts.
    fn members(&self, range: &Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
        let bits = self.bits;
        self.group[range.clone()].iter().map(move |&k| unpack(bits, k))
    }

    /// Whether, in a sample of `slots`, fewer than one variant in
    /// [`MOSTLY_REPEATED_ALONE`] is alone. Where names are one letter
    /// apart from many others (one word over two letters) nearly every
    /// variant is repeated: the bitmap's passes, every member's variants
    /// hashed on each thread, were half the search, and kept nearly all.
    /// The sample's bitmap (a sixteenth) stays in cache; each thread marks
    /// from the members of its part of `parts`, merged after.
    fn mostly_repeated(&self, slots: &Slots, parts: &[(Range<usize>, usize)]) -> bool {
        let words = (Marks::words(slots) / SAMPLE_ONE_IN).max(1);
        let sampled = trailmap::parallel::map(parts, |(range, _)| {
            let (mut marks, mut scratch, mut marked) = (Marks::of_words(words), Scratch::default(), 0usize);
            for (i, start) in self.members(range) {
                variant_slots(self.names, i, start, slots, &mut scratch, |slot| {
                    if slot < words * 64 {
                        marks.mark(slot);
                        marked += 1;
                    }
                });
            }
            (marks, marked)
        });
        let marked: usize = sampled.iter().map(|(_, marked)| marked).sum();
        let Some(marks) = sampled.into_iter().map(|(marks, _)| marks).reduce(Marks::merge) else { return false };
        let (_, alone) = marks.repeated();
        alone * MOSTLY_REPEATED_ALONE < marked
    }

    /// The variants of the members of `range` (`room` of them at most)
    /// whose raw hashes are `wanted`, packed and sorted.
    fn keep(&self, range: &Range<usize>, room: usize, wanted: impl Fn(u64) -> bool) -> Vec<u64> {
        let (mut keys, mut scratch) = (Vec::with_capacity(room), Scratch::default());
        push_variants(self.names, self.bits, self.members(range), &mut scratch, &mut keys, wanted);
        sort_by_top_bytes(&mut keys, 56, 2);
        keys
    }

    /// The variants of each part of `parts` (`count` in all) whose slot
    /// is repeated, packed and sorted. Each thread marks the slots of a
    /// range of the bitmap, from every member's variants: one bitmap in
    /// all, where a bitmap a thread, each from a range of the members,
    /// held 32 MB more at a million names for the same time.
    fn keep_repeated(&self, count: usize, slots: &Slots, parts: &[(Range<usize>, usize)]) -> Vec<Vec<u64>> {
        let bitmap_parts = trailmap::parallel::ranges(Marks::words(slots), parts.len());
        let marks = trailmap::parallel::map(&bitmap_parts, |words| {
            let (mut marks, mut scratch) = (Marks::of_words(words.len()), Scratch::default());
            let own = words.start * 64..words.end * 64;
            for (i, start) in self.members(&(0..self.group.len())) {
                variant_slots(self.names, i, start, slots, &mut scratch, |slot| {
                    if own.contains(&slot) {
                        marks.mark(slot - own.start);
                    }
                });
            }
            marks
        });
        let (again, alone) = Marks::concat(marks).repeated();
        // Each range keeps its share of the repeated variants: room for as
        // many as its share of all variants would keep, and a sixteenth more.
        let kept = count.saturating_sub(alone);
        let share = |c: usize| usize::try_from(c as u128 * kept as u128 / count.max(1) as u128).unwrap_or(c) + c / 16;
        trailmap::parallel::map(parts, |(range, c)| self.keep(range, share(*c), |h| is_set(&again, slots.of(h))))
    }
}

/// The buffers of the runs of one hash, kept from run to run.
#[derive(Default)]
struct RunBuffers {
    variants: Vec<(usize, Variant)>,
    deleted: Vec<(usize, char, usize)>,
    merged: Vec<u64>,
}

impl RunBuffers {
    /// Joins the names of `run` (two or more keys of [`pack_variant`] with
    /// one hash, sorted) one edit apart.
    fn join<T>(&mut self, names: &Names<'_, T>, bits: u32, run: &[u64], groups: &Groups) {
        // One name's own variants alike (a doubled letter deleted either
        // way) join nothing.
        let first = unpack(bits, run[0]).0;
        if run.iter().all(|&k| unpack(bits, k).0 == first) {
            return;
        }
        let variants = &mut self.variants;
        variants.clear();
        variants.extend(run.iter().map(|&k| unpack_variant(bits, k)));
        // Members all in one group already join nothing: where names are
        // one letter apart from many others, most runs are met after
        // their names have been joined through others.
        let root = groups.find(variants[0].0);
        if variants[1..].iter().all(|&(i, _)| groups.find(i) == root) {
            return;
        }
        // The run is joined as one text first, its hashes trusted: every
        // join is made by the exact edit test. If every pair tested was
        // joined, each pair that the run's texts, taken one by one, would
        // join is in one group: the members of each position's deletion
        // are all in their first's group, and so on (the hubs differ, the
        // groups do not). Otherwise, if the members are one text the
        // joins were those of that text; else the texts (a hash can
        // collide) are joined one by one. Comparing every member's text
        // first read every name of every run a second time.
        let same =
            |(i, v): (usize, Variant), (j, w): (usize, Variant)| same_variant(names.spaced(i), v, names.spaced(j), w);
        let whole = |&(_, v): &(usize, Variant)| v == Variant::Whole;
        // No two names searched are one text, so two whole ones are two texts.
        if variants.iter().filter(|m| whole(m)).count() <= 1 {
            if join_variant_class(variants, names, groups, &mut self.deleted)
                || variants[1..].iter().all(|&m| same(variants[0], m))
            {
                return;
            }
        }
        each_class(variants, same, |class| {
            join_variant_class(class, names, groups, &mut self.deleted);
        });
    }

    /// Joins the names of each run of one hash across `pieces` (sorted
    /// lists of keys of [`pack_variant`]) one edit apart: the pieces are
    /// merged a run at a time.
    fn join_merged<T>(&mut self, names: &Names<'_, T>, bits: u32, pieces: &[&[u64]], groups: &Groups) {
        let low = bits + 8;
        let mut at = vec![0usize; pieces.len()];
        let mut merged = std::mem::take(&mut self.merged);
        loop {
            let heads = pieces.iter().zip(&at).filter_map(|(piece, &a)| piece.get(a));
            let Some(hash) = heads.map(|&k| k >> low).min() else { break };
            merged.clear();
            let mut from = 0;
            for (piece, a) in pieces.iter().zip(&mut at) {
                let end = *a + piece[*a..].iter().take_while(|&&k| k >> low == hash).count();
                from += usize::from(end > *a);
                merged.extend_from_slice(&piece[*a..end]);
                *a = end;
            }
            if merged.len() > 1 {
                // Keys of one piece are sorted; of several, sorted here, so
                // that a run reads as it does on one thread.
                if from > 1 {
                    merged.sort_unstable();
                }
                self.join(names, bits, &merged, groups);
            }
        }
        self.merged = merged;
    }
}

/// Calls `class` with each class of two or more `members` whose variants
/// are the same text (`same`), in the order their first members come.
/// Nearly always all members are one class: that is checked first,
/// without building classes (a group of two, a million times over, on
/// names one letter apart from many others).
fn each_class(
    members: &[(usize, Variant)],
    same: impl Fn((usize, Variant), (usize, Variant)) -> bool,
    mut class: impl FnMut(&[(usize, Variant)]),
) {
    let Some((&first, rest)) = members.split_first() else { return };
    if rest.iter().all(|&m| same(first, m)) {
        if !rest.is_empty() {
            class(members);
        }
        return;
    }
    let mut classes: Vec<Vec<(usize, Variant)>> = Vec::new();
    for &m in members {
        match classes.iter_mut().find(|c| same(c[0], m)) {
            Some(c) => c.push(m),
            None => classes.push(vec![m]),
        }
    }
    for c in classes.iter().filter(|c| c.len() > 1) {
        class(c);
    }
}

/// Joins the members of one variant class (names whose variant texts are
/// equal) that are one edit apart. Every such pair is of one of three
/// kinds, each joined in linear time:
///
/// - the whole name and a name with one more letter (deleted at `k`);
/// - two names with a letter deleted at the same `k`: they differ in that
///   letter only, so all are joined to the first;
/// - letter `c` deleted at `k` from one and at `k + 1` from another: the
///   two differ by a swap of neighbours.
///
/// The deleted letters are read (each a name read, a cache miss where
/// names are many) only for the swaps of two positions whose names are
/// not all in one group by then: where names are one letter apart from
/// many others, the whole name has nearly always joined them all.
///
/// `deleted` is a buffer, kept between classes. Whether every pair
/// tested was joined: then, whatever texts the members' variants are,
/// each pair the members of one text would join is in one group (see
/// `RunBuffers::join`).
fn join_variant_class<T>(
    class: &[(usize, Variant)],
    names: &Names<'_, T>,
    groups: &Groups,
    deleted: &mut Vec<(usize, char, usize)>,
) -> bool {
    // Position, deleted letter (read later, if needed), name.
    deleted.clear();
    deleted.extend(class.iter().filter_map(|&(i, v)| match v {
        Variant::Deleted(k) => Some((k, '\0', i)),
        Variant::Whole => None,
    }));
    deleted.sort_unstable();
    // Two names already in one group need no test: where many names are
    // one edit from many others (names spelled over two letters), nearly
    // every pair of a class is, and the test reads both names. Names the
    // same (by their sameness keys) were joined before the search, so two
    // in different groups are not: the edit test alone decides.
    let mut all_joined = true;
    let mut join = |a: usize, b: usize| {
        if groups.find(a) != groups.find(b) {
            match one_edit_spaced(names.spaced(a), names.spaced(b)) {
                true => groups.join(a, b),
                false => all_joined = false,
            }
        }
    };
    if let Some(&(whole, _)) = class.iter().find(|(_, v)| *v == Variant::Whole) {
        for &(_, _, i) in deleted.iter() {
            join(whole, i);
        }
    }
    for run in deleted.chunk_by(|x, y| x.0 == y.0) {
        for &(_, _, i) in &run[1..] {
            join(run[0].2, i);
        }
    }
    // Swaps: the names at `k` (`start..mid`) against those at `k + 1`
    // (`mid..end`), their letters read and each position's names sorted
    // by letter once (`read` is where unread ones start).
    let (mut start, mut read) = (0, 0);
    while start < deleted.len() {
        let k = deleted[start].0;
        let mid = start + deleted[start..].iter().take_while(|m| m.0 == k).count();
        let end = mid + deleted[mid..].iter().take_while(|m| m.0 == k + 1).count();
        let apart = |names: &[(usize, char, usize)]| {
            let root = groups.find(names[0].2);
            names.iter().any(|m| groups.find(m.2) != root)
        };
        if end > mid && apart(&deleted[start..end]) {
            for range in [start.max(read)..mid, mid.max(read)..end] {
                for m in &mut deleted[range.clone()] {
                    m.1 = names.spaced(m.2).char_at(m.0);
                }
                deleted[range].sort_unstable();
            }
            read = end;
            let (at_k, next) = deleted[start..end].split_at(mid - start);
            for letter in at_k.chunk_by(|x, y| x.1 == y.1) {
                let (_, c, i) = letter[0];
                if let Some(&(_, cc, j)) = next.get(next.partition_point(|m| m.1 < c)) {
                    if cc == c {
                        join(i, j);
                    }
                }
            }
        }
        start = mid;
    }
    all_joined
}

#[cfg(test)]
mod tests;

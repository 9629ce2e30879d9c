//! The search for names one edit apart, for `similar-skill-names`
//! (TM109).
//!
//! Two names one edit apart differ inside one token and share the rest:
//! the same token key (see [`token_keys`](fn@token_keys)). So the names are grouped by
//! their shared token keys, and only the members of a group are compared,
//! at that token: up to [`PAIRWISE_MAX`] names pair by pair, larger groups
//! by the token's deletion variants ([`VariantSearch`]). A group's work
//! fits in cache, where one table of every name's variants took tens of
//! megabytes of random writes at a million names.

use std::ops::Range;

use super::slot_marks::{Marks, Slots, is_set, set};
use super::{
    Names, Scratch, Spaced, Variant, may_be_one_edit, mix, one_edit, same_variant, similar, token_key_count,
    token_keys, token_variant_count, token_variant_hashes,
};

/// Joins in `groups` every two names one edit apart (see the module
/// documentation) among the first of each text (`first_of_text`: the
/// copies of a text are joined to it already): the names' token keys
/// hashed on `hashing_threads` threads, the groups of keys searched on
/// up to `search_threads`.
pub(crate) fn join_one_edit_apart<T: Sync>(
    names: &Names<'_, T>,
    first_of_text: &[bool],
    hashing_threads: usize,
    search_threads: usize,
    groups: &mut Groups,
) {
    // One word per key: the hash in the high bits, then where the token
    // starts (8 bits: editable names are at most 128 characters), then
    // the name's index in the low `bits`.
    let bits = usize::BITS - names.len().leading_zeros();
    let low = bits + 8;
    let mut keys = shared_token_keys(names, first_of_text, hashing_threads, |h, start, i| pack(bits, mix(h), start, i));
    sort_by_top_bytes(&mut keys, 56, 2);
    // On several threads the groups of keys are split between them, each
    // joining into a copy of the groups so far, then merged: a name one
    // edit from a name in each of two parts is joined to both.
    let parts = group_parts(&keys, low, search_threads);
    if let [whole] = parts.as_slice() {
        join_in_groups(names, bits, &keys[whole.clone()], groups);
    } else {
        let joined = trailmap::parallel::map(&parts, |part| {
            let mut copy = groups.clone();
            join_in_groups(names, bits, &keys[part.clone()], &mut copy);
            copy
        });
        for mut copy in joined {
            for i in 0..names.len() {
                let root = copy.find(i);
                if root != i {
                    groups.join(i, root);
                }
            }
        }
    }
}

/// Packs a hash (its low bits), a middle byte (where a token starts, a
/// deleted position) and a name's index (in the low `bits`) into one sort key.
fn pack(bits: u32, hash: u64, middle: usize, i: usize) -> u64 {
    hash.checked_shl(bits + 8).unwrap_or(0) | (middle as u64) << bits | i as u64
}

/// The name and the middle byte of a key of [`pack`].
fn unpack(bits: u32, key: u64) -> (usize, usize) {
    let index_mask = u64::MAX.checked_shr(64 - bits).unwrap_or(0);
    ((key & index_mask) as usize, ((key >> bits) & 255) as usize)
}

/// `threads` ranges of the sorted `keys`, about equal, each ending where
/// a run of keys equal from bit `low` up ends.
fn group_parts(keys: &[u64], low: u32, threads: usize) -> Vec<Range<usize>> {
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for range in trailmap::parallel::ranges(keys.len(), threads) {
        let mut end = range.end.max(start);
        while end < keys.len() && end > 0 && keys[end] >> low == keys[end - 1] >> low {
            end += 1;
        }
        if end > start {
            parts.push(start..end);
        }
        start = end;
    }
    if parts.is_empty() {
        parts.push(0..keys.len());
    }
    parts
}

/// Joins in `groups` the names one edit apart among those of each run of
/// `keys` (token keys of [`shared_token_keys`], sorted) that share a key.
fn join_in_groups<T>(names: &Names<'_, T>, bits: u32, keys: &[u64], groups: &mut Groups) {
    let mut search = VariantSearch::new(names, bits);
    let mut tokens: Vec<(usize, Spaced<'_>)> = Vec::new();
    for group in keys.chunk_by(|x, y| x >> (bits + 8) == y >> (bits + 8)).filter(|g| g.len() > 1) {
        if group.len() <= PAIRWISE_MAX {
            // A few names: each pair's tokens compared, no hashing; the
            // whole names only where the tokens may be one edit apart.
            tokens.clear();
            tokens.extend(group.iter().filter_map(|&k| {
                let (i, start) = unpack(bits, k);
                names.spaced(i).long_token(start).map(|text| (i, text))
            }));
            for (a, &(i, x)) in tokens.iter().enumerate() {
                for &(j, y) in &tokens[a + 1..] {
                    if may_be_one_edit(x, y) && groups.find(i) != groups.find(j) && one_edit(names.get(i), names.get(j))
                    {
                        groups.join(i, j);
                    }
                }
            }
        } else {
            search.join(group.iter().map(|&k| unpack(bits, k)), groups);
        }
    }
}

/// Groups of at most this many names sharing a token key are compared
/// pair by pair, their tokens first; larger ones by their variants
/// ([`VariantSearch`]). At a million names "Domain Activity Xxxxx", with
/// groups of 16-31 names ("\* Activity Xxxxx") and of 256-511 ("Domain
/// Activity \*"), the search took 280-360 ms with variants only, 200-230
/// ms with pairs up to 48 names, 575-600 ms with pairs up to 600.
const PAIRWISE_MAX: usize = 48;

/// [`shared_token_keys`] keeps every key, without looking up its slot,
/// when fewer than one key in this many is alone in its slot.
const MOSTLY_SHARED_ALONE: usize = 10;

/// The token keys (see `names::token_keys`) of the first name of each text
/// (`first_of_text`), each packed by `pack(hash, start, name)`, that
/// another name may share. Two passes over one bitmap: the first marks
/// each key's slot seen, then seen again; the second keeps the keys of
/// slots seen again (a collision keeps a key more, never one less): at a
/// million names "Skill number N", two keys in three are alone. Where
/// nearly every key is shared (names drawn from a few words each, "Tensor
/// Modeling Babab") every key is kept.
///
/// Both passes, and the count of keys before them, run on `threads`
/// threads, each over a range of the names: in the first each marks
/// bitmaps of its own, merged after (a slot seen by two is seen again);
/// the second keeps a part of the keys a thread, unless every key is kept.
fn shared_token_keys<T: Sync>(
    names: &Names<'_, T>,
    first_of_text: &[bool],
    threads: usize,
    pack: impl Fn(u64, usize, usize) -> u64 + Sync,
) -> Vec<u64> {
    let parts = trailmap::parallel::ranges(names.len(), threads);
    let firsts = |range: &Range<usize>| range.clone().filter(|&i| first_of_text[i]);
    let count: usize =
        trailmap::parallel::map(&parts, |range| firsts(range).map(|i| token_key_count(names.spaced(i))).sum::<usize>())
            .into_iter()
            .sum();
    // Four slots a key: a key is a few bits, and a name has a few keys.
    let slots = Slots::new(count * 4, 64);
    let marks = trailmap::parallel::map(&parts, |range| {
        let (mut marks, mut lettered) = (Marks::new(&slots), Marks::new_bits(&slots));
        let mut scratch = Scratch::default();
        for i in firsts(range) {
            token_keys(names.spaced(i), &mut scratch, |_, h, has_letter| {
                let slot = slots.of(h);
                marks.mark(slot);
                if has_letter {
                    set(&mut lettered, slot);
                }
            });
        }
        (marks, lettered)
    });
    let (marks, lettered) = marks
        .into_iter()
        .reduce(|(marks, mut lettered), (other, other_lettered)| {
            lettered.iter_mut().zip(other_lettered).for_each(|(word, other)| *word |= other);
            (marks.merge(other), lettered)
        })
        .unwrap_or_else(|| (Marks::new(&slots), Marks::new_bits(&slots)));
    // Every key but those alone in their slot is kept, and but those
    // whose token has no letter where no key of their slot has one: two
    // such tokens are never one edit apart ("skill number *" of "Skill
    // number 1234", shared by 90% of a million names "Skill number N").
    let (again, alone) = marks.repeated();
    let keep_all = alone * MOSTLY_SHARED_ALONE < count;
    let keep = |i: usize, scratch: &mut Scratch, keys: &mut Vec<u64>| {
        token_keys(names.spaced(i), scratch, |start, h, has_letter| {
            let slot = slots.of(h);
            if keep_all || (is_set(&again, slot) && (has_letter || is_set(&lettered, slot))) {
                keys.push(pack(h, start, i));
            }
        });
    };
    if keep_all {
        // Every key: pushed on one thread into room for them all, made
        // once. Parts made on several threads and then joined held them
        // two and three times over.
        let mut keys = Vec::with_capacity(count);
        let mut scratch = Scratch::default();
        firsts(&(0..names.len())).for_each(|i| keep(i, &mut scratch, &mut keys));
        keys
    } else {
        // At most the keys not alone, a part a thread, joined after: the
        // keys kept are few where most are alone ("Skill number N": 7%).
        let parts = trailmap::parallel::map(&parts, |range| {
            let (mut keys, mut scratch) = (Vec::new(), Scratch::default());
            firsts(range).for_each(|i| keep(i, &mut scratch, &mut keys));
            keys
        });
        parts.concat()
    }
}

/// Finds the names one edit apart among the members of a large group of
/// names sharing a token key: by their variants with one letter of that
/// token deleted (see `names::token_variant_hashes`). Buffers are kept from group
/// to group.
struct VariantSearch<'n, 'a, T> {
    names: &'n Names<'a, T>,
    /// The bits of a name's index in a packed key (the low ones).
    bits: u32,
    /// At most this many variants are sorted without a bitmap first.
    sorted_max: usize,
    scratch: Scratch,
    keys: Vec<u64>,
    variants: Vec<(usize, Variant)>,
    deleted: Vec<(usize, char, usize)>,
}

/// Groups with more variants than this find their repeated ones through a
/// bitmap first ([`VariantSearch::repeated_variants`]); smaller ones sort
/// them all (32 KB of keys).
const SORTED_VARIANTS_MAX: usize = 4_096;

impl<'n, 'a, T> VariantSearch<'n, 'a, T> {
    fn new(names: &'n Names<'a, T>, bits: u32) -> Self {
        let sorted_max = SORTED_VARIANTS_MAX;
        let (scratch, keys, variants, deleted) = (Scratch::default(), Vec::new(), Vec::new(), Vec::new());
        VariantSearch { names, bits, sorted_max, scratch, keys, variants, deleted }
    }

    /// Joins in `groups` the `members` (name, where its token starts) one
    /// edit apart.
    fn join<M>(&mut self, members: M, groups: &mut Groups)
    where
        M: Iterator<Item = (usize, usize)> + Clone,
    {
        let names = self.names;
        let count: usize = members.clone().map(|(i, start)| token_variant_count(names.spaced(i), start)).sum();
        // Deleted positions are under 255: that one stands for the whole name.
        let bits = self.bits;
        let pack =
            |v: Variant, h: u64, i: usize| pack(bits, mix(h), if let Variant::Deleted(k) = v { k } else { 255 }, i);
        self.keys.clear();
        if count <= self.sorted_max {
            for (i, start) in members {
                token_variant_hashes(names.spaced(i), start, &mut self.scratch, |v, h| self.keys.push(pack(v, h, i)));
            }
        } else {
            self.repeated_variants(members, count, pack);
        }
        sort_by_top_bytes(&mut self.keys, 56, 2);
        let low = bits + 8;
        let decode = |k: u64| {
            let (i, position) = unpack(bits, k);
            (i, if position == 255 { Variant::Whole } else { Variant::Deleted(position) })
        };
        let variants = &mut self.variants;
        for run in self.keys.chunk_by(|x, y| x >> low == y >> low).filter(|run| run.len() > 1) {
            // One name's own variants alike (a doubled letter deleted either
            // way) join nothing.
            let first = unpack(bits, run[0]).0;
            if run.iter().all(|&k| unpack(bits, k).0 == first) {
                continue;
            }
            variants.clear();
            variants.extend(run.iter().map(|&k| decode(k)));
            // Members all in one group already join nothing: where names are
            // one letter apart from many others, most runs are met after
            // their names have been joined through others.
            let root = groups.find(variants[0].0);
            if variants[1..].iter().all(|&(i, _)| groups.find(i) == root) {
                continue;
            }
            // Members whose variants are really the same text (a hash can collide).
            let same = |(i, v): (usize, Variant), (j, w): (usize, Variant)| {
                same_variant(names.spaced(i), v, names.spaced(j), w)
            };
            each_class(variants, same, |class| join_variant_class(class, names, groups, &mut self.deleted));
        }
    }

    /// Fills `keys` with the packed variants of `members` whose hash
    /// another variant may share, from a bitmap of `count` variants in two
    /// passes: the first marks each hash's slot seen, then seen again; the
    /// second keeps the variants of slots seen again. A few bits a variant
    /// instead of a word each: at a million names "Prefix Xxxxx" the group
    /// "prefix \*" has six million variants, nearly all alone.
    fn repeated_variants(
        &mut self,
        members: impl Iterator<Item = (usize, usize)> + Clone,
        count: usize,
        pack: impl Fn(Variant, u64, usize) -> u64,
    ) {
        let names = self.names;
        // Slots from the hash only, at most as many bits as a packed key keeps.
        let slots = Slots::new(count * 4, 64 - (self.bits + 8));
        let mut marks = Marks::new(&slots);
        for (i, start) in members.clone() {
            let mut last = None;
            token_variant_hashes(names.spaced(i), start, &mut self.scratch, |_, h| {
                // Deleting either letter of a double one ("skill") gives one
                // text, hashed twice in a row: counted once, so that a name's
                // own repeats do not keep its variants.
                if last.replace(h) != Some(h) {
                    marks.mark(slots.of(h));
                }
            });
        }
        // At most the variants not alone in their slot are kept (growing by
        // doubling from empty held half as much again at the last copy).
        let (again, alone) = marks.repeated();
        self.keys.reserve(count.saturating_sub(alone));
        for (i, start) in members {
            token_variant_hashes(names.spaced(i), start, &mut self.scratch, |v, h| {
                if is_set(&again, slots.of(h)) {
                    self.keys.push(pack(v, h, i));
                }
            });
        }
    }
}

/// Sorts `keys` in place: an American flag pass on the byte at `shift`
/// (256 buckets: each bucket's write position stays in cache, where 4,096
/// buckets missed it on every swap), then each bucket the same way on the
/// next byte down, `levels` times, then a comparison sort of what is left.
pub(crate) fn sort_by_top_bytes(keys: &mut [u64], shift: u32, levels: u32) {
    if levels == 0 || keys.len() <= 256 {
        keys.sort_unstable();
        return;
    }
    let byte = |k: u64| (k >> shift & 0xFF) as usize;
    let mut starts = [0usize; 257];
    for &k in keys.iter() {
        starts[byte(k) + 1] += 1;
    }
    for b in 0..256 {
        starts[b + 1] += starts[b];
    }
    let mut next = starts;
    for b in 0..256 {
        while next[b] < starts[b + 1] {
            let target = byte(keys[next[b]]);
            if target == b {
                next[b] += 1;
            } else {
                keys.swap(next[b], next[target]);
                next[target] += 1;
            }
        }
    }
    for b in 0..256 {
        sort_by_top_bytes(&mut keys[starts[b]..starts[b + 1]], shift.saturating_sub(8), levels - 1);
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
/// `deleted` is a buffer, kept between classes.
fn join_variant_class<T>(
    class: &[(usize, Variant)],
    names: &Names<'_, T>,
    groups: &mut Groups,
    deleted: &mut Vec<(usize, char, usize)>,
) {
    deleted.clear();
    deleted.extend(class.iter().filter_map(|&(i, v)| match v {
        Variant::Deleted(k) => Some((k, names.spaced(i).char_at(k), i)),
        Variant::Whole => None,
    }));
    deleted.sort_unstable();
    // Two names already in one group need no test: where many names are
    // one edit from many others (names spelled over two letters), nearly
    // every pair of a class is, and the test reads both names.
    let mut join = |a: usize, b: usize| {
        if groups.find(a) != groups.find(b) && similar(names.get(a), names.get(b)) {
            groups.join(a, b);
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
    for run in deleted.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        let (k, c, i) = run[0];
        let at = deleted.partition_point(|&(kk, cc, _)| (kk, cc) < (k + 1, c));
        if let Some(&(kk, cc, j)) = deleted.get(at) {
            if (kk, cc) == (k + 1, c) {
                join(i, j);
            }
        }
    }
}

/// Groups of similar names: union-find whose root is the group's first
/// skill in file order.
#[derive(Clone)]
pub(crate) struct Groups {
    parent: Vec<u32>,
}

impl Groups {
    pub(crate) fn new(n: usize) -> Self {
        Groups { parent: (0..n as u32).collect() }
    }

    /// The first skill of `i`'s group (path halving).
    pub(crate) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let up = self.parent[self.parent[i] as usize];
            self.parent[i] = up;
            i = up as usize;
        }
        i
    }

    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (low, high) = (ra.min(rb), ra.max(rb));
        self.parent[high] = low as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The joins of `members` (name, where its token starts) by [`VariantSearch`], as
    /// groups: each name's first member.
    fn variant_search(names: &Names<'_, &str>, members: &[(usize, usize)], sorted_max: usize) -> Vec<usize> {
        let bits = usize::BITS - names.len().leading_zeros();
        let mut groups = Groups::new(names.len());
        let mut search = VariantSearch::new(names, bits);
        search.sorted_max = sorted_max;
        search.join(members.iter().copied(), &mut groups);
        (0..names.len()).map(|i| groups.find(i)).collect()
    }

    /// The oracle: every pair of names compared by `one_edit`, joined, as
    /// groups (each name's first).
    fn one_edit_groups(names: &Names<'_, &str>) -> Vec<usize> {
        let mut groups = Groups::new(names.len());
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                if one_edit(names.get(i), names.get(j)) {
                    groups.join(i, j);
                }
            }
        }
        (0..names.len()).map(|i| groups.find(i)).collect()
    }

    proptest! {
        /// In a group of names sharing all but their last token, the
        /// variant search joins exactly the names one edit apart there,
        /// with its variants all sorted or the repeated ones first found
        /// through a bitmap.
        #[test]
        fn variant_search_joins_the_names_one_edit_apart(
            // Distinct texts, as the rule searches: copies are joined before.
            words in prop::collection::btree_set("[ab]{3,6}", 2..60),
        ) {
            let texts: Vec<String> = words.iter().map(|w| format!("Gradient {w}")).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let names = Names::of_texts(&texts);
            let members: Vec<(usize, usize)> = (0..texts.len()).map(|i| (i, "gradient ".len())).collect();
            let expected = one_edit_groups(&names);
            prop_assert_eq!(variant_search(&names, &members, usize::MAX), expected.clone());
            prop_assert_eq!(variant_search(&names, &members, 0), expected);
        }

        /// The whole search joins exactly the names one edit apart, the
        /// names hashed on one thread or several, searched on one or
        /// several: names of words and numbers ("Windows 2000" and
        /// "Windows 20a00" are one edit apart, "Windows 2000" and "Windows
        /// 2010" are not).
        #[test]
        fn the_search_joins_the_names_one_edit_apart_on_any_threads(
            words in prop::collection::btree_set("(ab|ba|[ab]{4,5}|20[0a]0|[12]{4}) [ab1]{4,5}", 2..80),
            hashing_threads in 1usize..5,
            search_threads in 1usize..4,
        ) {
            let texts: Vec<&str> = words.iter().map(String::as_str).collect();
            let names = Names::of_texts(&texts);
            let expected = one_edit_groups(&names);
            let mut groups = Groups::new(texts.len());
            join_one_edit_apart(&names, &vec![true; texts.len()], hashing_threads, search_threads, &mut groups);
            let got: Vec<usize> = (0..texts.len()).map(|i| groups.find(i)).collect();
            prop_assert_eq!(got, expected);
        }
    }

    /// The keys kept are those another name shares (and any whose slot
    /// collides with one); where nearly every key is shared, all of them.
    #[test]
    fn shared_token_keys_are_those_another_name_shares() {
        let texts = [
            "Gradient boosting",
            "Gradient bosting",
            "Kubernetes operator",
            "Elastic search engine",
            "Skill number 1",
            "Skill number 2",
            "Gradient boosting",
        ];
        let names = Names::of_texts(&texts);
        let first_of_text = [true, true, true, true, true, true, false];
        let kept = |names: &Names<'_, &str>, first_of_text: &[bool], threads: usize| {
            let mut kept: Vec<(usize, usize)> =
                shared_token_keys(names, first_of_text, threads, |_, start, i| ((i as u64) << 8) | start as u64)
                    .into_iter()
                    .map(|k| ((k >> 8) as usize, (k & 255) as usize))
                    .collect();
            kept.sort_unstable();
            kept
        };
        // "gradient *" is shared; "* boosting", "skill * 1" and the other
        // 9 keys are not, but a key's slot can collide with another's.
        let shared = kept(&names, &first_of_text, 1);
        assert!(shared.contains(&(0, 9)) && shared.contains(&(1, 9)), "{shared:?}");
        assert!(shared.iter().all(|&(i, _)| i != 6), "a repeated text has no keys: {shared:?}");
        assert!(shared.len() < 8, "{shared:?}");
        // Names hashed on several threads: the same keys, the pair split
        // between two threads' bitmaps at 2 threads and more.
        for threads in 2..=8 {
            assert_eq!(kept(&names, &first_of_text, threads), shared, "{threads} threads");
        }
        let words = ["Tensor modeling", "Tensor sampling", "Video modeling", "Video sampling"];
        let names = Names::of_texts(&words);
        for threads in 1..=4 {
            assert_eq!(kept(&names, &[true; 4], threads).len(), 8, "{threads} threads");
        }
    }

    /// Variants whose hashes collide make several classes in one group:
    /// each is joined on its own, and a member alone joins nothing.
    #[test]
    fn each_class_splits_a_group_by_text() {
        let members: Vec<(usize, Variant)> = (0..7).map(|i| (i, Variant::Deleted(i))).collect();
        let classes = |same: fn(usize, usize) -> bool| {
            let mut got = Vec::new();
            each_class(&members, |(i, _), (j, _)| same(i, j), |c| got.push(c.iter().map(|m| m.0).collect::<Vec<_>>()));
            got
        };
        assert_eq!(classes(|_, _| true), [vec![0, 1, 2, 3, 4, 5, 6]]);
        assert_eq!(classes(|i, j| i % 3 == j % 3), [vec![0, 3, 6], vec![1, 4], vec![2, 5]]);
        assert_eq!(classes(|i, j| i == j || i.min(j) >= 5), [vec![5, 6]]);
        assert!(classes(|i, j| i == j).is_empty());
        let mut calls = 0;
        each_class(&members[..1], |_, _| true, |_| calls += 1);
        each_class(&[], |_, _| true, |_| calls += 1);
        assert_eq!(calls, 0, "one member or none: no class to join");
    }
}

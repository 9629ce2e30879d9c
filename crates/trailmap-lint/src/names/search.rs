//! The search for names one edit apart, for `similar-skill-names`
//! (TM109).
//!
//! Two names one edit apart differ inside one token and share the rest:
//! the same token key (see [`token_keys`](fn@token_keys)). So the names are grouped by
//! their shared token keys, and only the members of a group are compared,
//! at that token: up to [`PAIRWISE_MAX`] names pair by pair, larger groups
//! by the token's deletion variants (`variant_search.rs`), long tokens
//! there by their halves (`halves.rs`). A group's work
//! fits in cache, where one table of every name's variants took tens of
//! megabytes of random writes at a million names; a group of tens of
//! thousands of names, which does not, is searched on every thread.
//!
//! Only tokens that can hold an edit get a key: those with a neighbour
//! one edit away among the roadmap's distinct tokens (`vocabulary.rs`).

use std::ops::Range;
use std::sync::atomic::AtomicU32;
use std::sync::atomic::Ordering::Relaxed;

use super::slot_marks::{Marks, Slots, is_set, set};
use super::sort::sort_by_top_bytes_on;
use super::variant_search::{self, VariantSearch};
use super::vocabulary::{self, EditableTokens};
use super::{Names, Scratch, Spaced, may_be_one_edit, mix, one_edit_spaced, token_key_count, token_keys};

/// Joins in `groups` every two names one edit apart (see the module
/// documentation) among the first of each text (`first_of_text`: the
/// copies of a text are joined to it already). Names the same (equal
/// sameness keys) must be joined already too: a pair in two groups is
/// then joined by the edit test alone. The names' token keys are hashed
/// on `hashing_threads` threads, the groups of keys searched on up to
/// `search_threads`.
pub(crate) fn join_one_edit_apart<T: Sync>(
    names: &Names<'_, T>,
    first_of_text: &[bool],
    hashing_threads: usize,
    search_threads: usize,
    groups: &Groups,
) {
    let large = LargeGroups {
        members_from: SHARED_GROUP_FROM,
        variants_from: variant_search::THREADS_FROM,
        distinct_free: vocabulary::DISTINCT_FREE,
        vocabulary_from: vocabulary::NAMES_FROM,
    };
    join_one_edit_apart_with(names, first_of_text, hashing_threads, search_threads, large, groups);
}

/// Groups of at least this many names sharing a token key are searched on
/// every thread, one group after the other, before the others are shared
/// out a part a thread: 100,000 names of one word each are one group,
/// whose search on one thread took three times `validate` (and six times
/// at a million names) while the other core had nothing left to do.
const SHARED_GROUP_FROM: usize = 16_384;

/// Which groups are searched on every thread: those of `members_from`
/// names or more, if they have `variants_from` variants or more.
#[derive(Clone, Copy)]
struct LargeGroups {
    members_from: usize,
    variants_from: usize,
    /// The vocabulary's [`vocabulary::DISTINCT_FREE`] (smaller in tests).
    distinct_free: usize,
    /// [`vocabulary::NAMES_FROM`] (0 in tests).
    vocabulary_from: usize,
}

/// [`join_one_edit_apart`], large groups as `large` says.
fn join_one_edit_apart_with<T: Sync>(
    names: &Names<'_, T>,
    first_of_text: &[bool],
    hashing_threads: usize,
    search_threads: usize,
    large: LargeGroups,
    groups: &Groups,
) {
    // One word per key: the hash in the high bits, then where the token
    // starts (8 bits: editable names are at most 128 characters), then
    // the name's index in the low `bits`.
    let bits = usize::BITS - names.len().leading_zeros();
    let low = bits + 8;
    let editable = match names.len() >= large.vocabulary_from {
        true => EditableTokens::of(names, first_of_text, hashing_threads, large.distinct_free),
        false => None,
    };
    let mut keys = shared_token_keys(names, first_of_text, editable.as_ref(), hashing_threads, |h, start, i| {
        pack(bits, mix(h), start, i)
    });
    drop(editable);
    sort_by_top_bytes_on(&mut keys, 56, 2, hashing_threads);
    let same_key = |x: &u64, y: &u64| x >> low == y >> low;
    let shared_from = match search_threads > 1 {
        true => large.members_from,
        false => usize::MAX,
    };
    let mut rest = false;
    for group in keys.chunk_by(same_key).filter(|g| g.len() > 1) {
        if group.len() >= shared_from {
            variant_search::join_on_threads(names, bits, group, search_threads, large.variants_from, groups);
        } else {
            rest = true;
        }
    }
    // Every name one word: no other group.
    if !rest {
        return;
    }
    // On several threads the other groups of keys are split between
    // them, each joining into the same groups.
    let parts = group_parts(&keys, low, search_threads);
    trailmap::parallel::map(&parts, |part| join_in_groups(names, bits, &keys[part.clone()], shared_from, groups));
}

/// Packs a hash (its low bits), a middle byte (where a token starts, a
/// deleted position) and a name's index (in the low `bits`) into one sort key.
pub(super) fn pack(bits: u32, hash: u64, middle: usize, i: usize) -> u64 {
    hash.checked_shl(bits + 8).unwrap_or(0) | (middle as u64) << bits | i as u64
}

/// The name and the middle byte of a key of [`pack`].
pub(super) fn unpack(bits: u32, key: u64) -> (usize, usize) {
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
/// `keys` (token keys of [`shared_token_keys`], sorted) that share a key,
/// but for runs of `searched_from` names or more (searched before).
fn join_in_groups<T>(names: &Names<'_, T>, bits: u32, keys: &[u64], searched_from: usize, groups: &Groups) {
    let mut search = VariantSearch::new(names, bits);
    let mut tokens: Vec<(usize, Spaced<'_>)> = Vec::new();
    let runs = keys.chunk_by(|x, y| x >> (bits + 8) == y >> (bits + 8));
    for group in runs.filter(|g| g.len() > 1 && g.len() < searched_from) {
        std::hint::black_box(names.preload(group.iter().map(|&k| unpack(bits, k))));
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
                    if may_be_one_edit(x, y)
                        && groups.find(i) != groups.find(j)
                        && one_edit_spaced(names.spaced(i), names.spaced(j))
                    {
                        groups.join(i, j);
                    }
                }
            }
        } else {
            search.join(group, groups);
        }
    }
}

/// Groups of at most this many names sharing a token key are compared
/// pair by pair, their tokens first; larger ones by their variants
/// (`variant_search.rs`). At a million names "Domain Activity Xxxxx", with
/// groups of 16-31 names ("\* Activity Xxxxx") and of 256-511 ("Domain
/// Activity \*"), the search took 280-360 ms with variants only, 200-230
/// ms with pairs up to 48 names, 575-600 ms with pairs up to 600.
const PAIRWISE_MAX: usize = 48;

/// [`shared_token_keys`] keeps every key, without looking up its slot,
/// when fewer than one key in this many is alone in its slot.
const MOSTLY_SHARED_ALONE: usize = 10;

/// The token keys (see `names::token_keys`) of the first name of each text
/// (`first_of_text`), each packed by `pack(hash, start, name)`, that
/// another name may share, of the tokens that may hold an edit
/// (`editable`; every token where it is `None`). Two passes over one bitmap: the first marks
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
    editable: Option<&EditableTokens>,
    threads: usize,
    pack: impl Fn(u64, usize, usize) -> u64 + Sync,
) -> Vec<u64> {
    let parts = trailmap::parallel::ranges(names.len(), threads);
    // Names with a token that may hold an edit, and those tokens' keys.
    let firsts = |range: &Range<usize>| {
        range.clone().filter(|&i| first_of_text[i] && editable.is_none_or(|editable| !editable.none_in(i)))
    };
    let key_count = |i: usize| match editable {
        Some(editable) => editable.count_in(i),
        None => token_key_count(names.spaced(i)),
    };
    let editable_keys = |i: usize, scratch: &mut Scratch, emit: &mut dyn FnMut(usize, u64, bool)| {
        let mut k = 0;
        token_keys(names.spaced(i), scratch, |start, h, has_letter| {
            if editable.is_none_or(|editable| editable.may_edit(i, k)) {
                emit(start, h, has_letter);
            }
            k += 1;
        });
    };
    let count: usize =
        trailmap::parallel::map(&parts, |range| firsts(range).map(key_count).sum::<usize>()).into_iter().sum();
    if count == 0 {
        return Vec::new();
    }
    // Four slots a key: a key is a few bits, and a name has a few keys.
    let slots = Slots::new(count * 4, 64);
    let marks = trailmap::parallel::map(&parts, |range| {
        let (mut marks, mut lettered) = (Marks::new(&slots), Marks::new_bits(&slots));
        let mut scratch = Scratch::default();
        for i in firsts(range) {
            editable_keys(i, &mut scratch, &mut |_, h, has_letter| {
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
        editable_keys(i, scratch, &mut |start, h, has_letter| {
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

/// Groups of similar names: union-find whose root is the group's first
/// skill in file order. Lock-free, so that the threads of a search join
/// into the same groups: each then skips the runs whose names another has
/// joined already, where a copy a thread, merged after, left each to test
/// them again (names of one word over two letters at a million: 1.54M
/// runs of 2.17M tested, 0.95M shared). A parent is always a lower index
/// than its child, so any parent a thread reads, however stale, is an
/// ancestor: a root is linked below another only by a compare-and-swap
/// while it is still a root, and a child's parent is only ever moved up
/// its path (path halving).
pub(crate) struct Groups {
    parent: Vec<AtomicU32>,
}

impl Groups {
    pub(crate) fn new(n: usize) -> Self {
        Groups { parent: (0..n as u32).map(AtomicU32::new).collect() }
    }

    /// The first skill of `i`'s group (path halving).
    pub(crate) fn find(&self, mut i: usize) -> usize {
        loop {
            let up = self.parent[i].load(Relaxed) as usize;
            if up == i {
                return i;
            }
            let upper = self.parent[up].load(Relaxed);
            // Written only if it moves: a line another thread reads stays clean.
            if upper as usize != up {
                self.parent[i].store(upper, Relaxed);
            }
            i = upper as usize;
        }
    }

    /// Joins the groups of `a` and `b`, the later root below the earlier.
    pub(crate) fn join(&self, a: usize, b: usize) {
        loop {
            let (ra, rb) = (self.find(a), self.find(b));
            let (low, high) = (ra.min(rb), ra.max(rb));
            if low == high || self.parent[high].compare_exchange(high as u32, low as u32, Relaxed, Relaxed).is_ok() {
                return;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::names::one_edit;
    use proptest::prelude::*;

    /// The oracle: every pair of names compared by `one_edit`, joined, as
    /// groups (each name's first); `joined` joined first.
    pub(crate) fn one_edit_groups(names: &Names<'_, &str>, joined: &[(usize, usize)]) -> Vec<usize> {
        let groups = Groups::new(names.len());
        joined.iter().for_each(|&(a, b)| groups.join(a, b));
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
        /// The whole search joins exactly the names one edit apart, the
        /// names hashed on one thread or several, searched on one or
        /// several, large groups shared by every thread or not: names of
        /// words and numbers ("Windows 2000" and "Windows 20a00" are one
        /// edit apart, "Windows 2000" and "Windows 2010" are not), and
        /// names of one word, which share the one key of a lone token.
        #[test]
        fn the_search_joins_the_names_one_edit_apart_on_any_threads(
            words in prop::collection::btree_set("(ab|ba|[ab]{4,5}|20[0a]0|[12]{4}) [ab1]{4,5}|[ab]{7,10}|[ab1]{8,9}", 2..80),
            hashing_threads in 1usize..5,
            search_threads in 1usize..4,
            members_from in prop_oneof![Just(usize::MAX), 2usize..40],
            distinct_free in prop_oneof![Just(usize::MAX), 0usize..8],
        ) {
            let texts: Vec<&str> = words.iter().map(String::as_str).collect();
            let names = Names::of_texts(&texts);
            let expected = one_edit_groups(&names, &[]);
            let groups = Groups::new(texts.len());
            // Groups of `members_from` names or more searched on every thread.
            // The vocabulary kept, or given up past `distinct_free` tokens.
            let large = LargeGroups { members_from, variants_from: 0, distinct_free, vocabulary_from: 0 };
            join_one_edit_apart_with(&names, &vec![true; texts.len()], hashing_threads, search_threads, large, &groups);
            let got: Vec<usize> = (0..texts.len()).map(|i| groups.find(i)).collect();
            prop_assert_eq!(got, expected);
        }
    }

    proptest! {
        /// Threads joining into one `Groups` at once leave the groups that
        /// one thread joining the same pairs leaves: each group's root its
        /// first member.
        #[test]
        fn groups_joined_on_threads_are_those_joined_on_one(
            pairs in prop::collection::vec((0usize..300, 0usize..300), 0..600),
            threads in 1usize..5,
        ) {
            let one = Groups::new(300);
            pairs.iter().for_each(|&(a, b)| one.join(a, b));
            let shared = Groups::new(300);
            let parts = trailmap::parallel::ranges(pairs.len(), threads);
            trailmap::parallel::map(&parts, |part| pairs[part.clone()].iter().for_each(|&(a, b)| shared.join(a, b)));
            let roots = |groups: &Groups| (0..300).map(|i| groups.find(i)).collect::<Vec<_>>();
            let expected = roots(&one);
            prop_assert!(expected.iter().enumerate().all(|(i, &root)| root <= i));
            prop_assert_eq!(roots(&shared), expected);
        }
    }

    /// A token one edit from a number is searched although the number is
    /// not in the vocabulary, and a vocabulary given up searches every
    /// token.
    #[test]
    fn numbers_and_their_neighbours_are_searched_with_or_without_a_vocabulary() {
        let texts = [
            "Windows 2000 server",
            "Windows 20a00 server",
            "Windows 2010 server",
            "Gradient boosting",
            "Gradient bosting",
        ];
        let names = Names::of_texts(&texts);
        for distinct_free in [0, usize::MAX] {
            let groups = Groups::new(texts.len());
            let large = LargeGroups { members_from: usize::MAX, variants_from: 0, distinct_free, vocabulary_from: 0 };
            join_one_edit_apart_with(&names, &[true; 5], 2, 2, large, &groups);
            let got: Vec<usize> = (0..texts.len()).map(|i| groups.find(i)).collect();
            assert_eq!(got, one_edit_groups(&names, &[]), "{distinct_free}");
            assert_eq!(got, [0, 0, 2, 3, 3], "{distinct_free}");
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
                shared_token_keys(names, first_of_text, None, threads, |_, start, i| ((i as u64) << 8) | start as u64)
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
}

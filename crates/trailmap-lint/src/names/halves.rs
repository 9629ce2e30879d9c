//! Long tokens of a large group compared by their halves rather than by
//! their deletion variants (`variant_search.rs`): a token of `n`
//! characters has `n + 1` variants, each a hash and a mark in a bitmap
//! missing the cache, where names of one long made-up word each (100k of
//! 60-120 letters) made nine million of them and TM109 took seven times
//! `validate`.
//!
//! Two tokens one edit apart, the shorter of `m` characters, share their
//! first `p = (m - 1) / 2` characters or their last `p`: one edit
//! (a letter replaced, inserted or deleted, two neighbours swapped)
//! touches at most two neighbouring positions, and with `2p < m` those
//! cannot reach into both ends. So each long token gets four keys at most
//! (its first and last `p` characters for a partner as long as it and
//! for one a character shorter), the keys are sorted, and the members of
//! each run of one key are tested pair by pair with the exact edit test.
//! A run longer than [`RUN_MAX`] (many tokens sharing a half: words over
//! two letters) is not tested: its members go to the variant search, with
//! the short tokens. A pair one edit apart is then found either way: its
//! shared key's run is tested, or both are in the variant search.

use super::search::{Groups, unpack};
use super::variants::{base, mix, raw, value};
use super::{Letter, Names, Spaced, one_edit_spaced};

/// Tokens of at least this many characters are compared by their halves
/// (a half of 11 characters or more); shorter ones by their variants,
/// which are then few. Tokens of exactly this many are in both, so that
/// a pair of this length and one less is found by the variants.
pub(super) const HALVES_FROM: usize = 24;

/// A run of members sharing a half is tested pair by pair up to this many
/// (120 tests); longer runs go to the variant search.
const RUN_MAX: usize = 16;

/// Joins in `groups` the members of `group` (keys of `search::pack`: a
/// name and where its token starts) whose tokens have [`HALVES_FROM`]
/// characters or more and are one edit apart, by their halves, and gives
/// the members the variant search must still take, in the group's order:
/// tokens of at most that length, and long ones in a run too long to
/// test. `None` when no token is that long (every member is for the
/// variant search).
pub(super) fn join_long_tokens<T>(names: &Names<'_, T>, bits: u32, group: &[u64], groups: &Groups) -> Option<Vec<u64>> {
    join_long_tokens_with(names, bits, group, groups, HALVES_FROM, RUN_MAX)
}

/// [`join_long_tokens`] from tokens of `from` characters, testing runs of
/// up to `run_max` members (tests pass small ones).
pub(super) fn join_long_tokens_with<T>(
    names: &Names<'_, T>,
    bits: u32,
    group: &[u64],
    groups: &Groups,
    from: usize,
    run_max: usize,
) -> Option<Vec<u64>> {
    let token = |k: u64| {
        let (i, start) = unpack(bits, k);
        names.spaced(i).long_token(start)
    };
    // Each member's token length, read once (a scan to the token's end;
    // read at each use it was a third of this pass on 100k long words).
    let lengths: Vec<u32> =
        group.iter().map(|&k| token(k).map_or(0, |t| t.len().min(u32::MAX as usize) as u32)).collect();
    let is_long = |len: u32| len as usize >= from;
    let long = lengths.iter().filter(|&&len| is_long(len)).count();
    if long == 0 {
        return None;
    }
    // A key: a half's hash in the high bits, the member's place in the group in the low ones.
    let member_bits = usize::BITS - group.len().leading_zeros();
    let member_mask = (1u64 << member_bits) - 1;
    let mut keys: Vec<u64> = Vec::with_capacity(4 * long);
    for (g, (&k, &len)) in group.iter().zip(&lengths).enumerate() {
        if !is_long(len) {
            continue;
        }
        let Some(token) = token(k) else { continue };
        let n = token.len();
        // A partner as long, and one a character shorter if that is long too.
        for m in [n, n - 1].into_iter().filter(|&m| m >= from) {
            for side in [Side::First, Side::Last] {
                keys.push(mix(half_hash(token, side, m)) & !member_mask | g as u64);
            }
        }
    }
    keys.sort_unstable();
    let mut untested = vec![false; group.len()];
    for run in keys.chunk_by(|x, y| x & !member_mask == y & !member_mask).filter(|run| run.len() > 1) {
        if run.len() > run_max {
            run.iter().for_each(|&k| untested[(k & member_mask) as usize] = true);
            continue;
        }
        for (a, &x) in run.iter().enumerate() {
            let (i, _) = unpack(bits, group[(x & member_mask) as usize]);
            for &y in &run[a + 1..] {
                let (j, _) = unpack(bits, group[(y & member_mask) as usize]);
                if i != j && groups.find(i) != groups.find(j) && one_edit_spaced(names.spaced(i), names.spaced(j)) {
                    groups.join(i, j);
                }
            }
        }
    }
    drop(keys);
    let rest = group
        .iter()
        .zip(&untested)
        .zip(&lengths)
        .filter(|&((_, untested), &len)| *untested || len as usize <= from)
        .map(|((&k, _), _)| k)
        .collect();
    Some(rest)
}

/// Which end of a token a half is.
#[derive(Clone, Copy)]
enum Side {
    First,
    Last,
}

/// The hash of the half at `side` of `token` for a partner whose shorter
/// token has `m` characters: its first or last `(m - 1) / 2` characters,
/// with `m` and the side mixed in (halves for partners of other lengths
/// never meet).
fn half_hash(token: Spaced<'_>, side: Side, m: usize) -> u64 {
    let p = (m - 1) / 2;
    // Every name of a roadmap is spelled one way (all ASCII, or all
    // `char`s), so halves hashed either way meet only their own kind.
    let h = match token {
        Spaced::Ascii(text) => words(half(text, side, p)),
        Spaced::Wide(text) => polynomial(half(text, side, p)),
    };
    let tag = (m as u64) << 1 | matches!(side, Side::Last) as u64;
    raw(h, p) ^ tag.wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

fn half<L>(text: &[L], side: Side, p: usize) -> &[L] {
    match side {
        Side::First => &text[..p],
        Side::Last => &text[text.len() - p..],
    }
}

/// A hash of ASCII text eight bytes at a step (a polynomial hash, a
/// multiplication a character, was most of this pass on 100k words of
/// 40-120 letters): equal texts hash alike; a collision only costs an
/// exact test. The length is mixed in by the caller.
fn words(text: &[u8]) -> u64 {
    let base = base();
    let mut chunks = text.chunks_exact(8);
    let mut h = 0u64;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(23) ^ word).wrapping_mul(base);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    (h.rotate_left(23) ^ u64::from_le_bytes(last)).wrapping_mul(base)
}

fn polynomial<L: Letter>(text: &[L]) -> u64 {
    let base = base();
    text.iter().fold(0u64, |h, c| h.wrapping_mul(base).wrapping_add(value(c.char())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::search::pack;
    use crate::names::search::tests::one_edit_groups;
    use proptest::prelude::*;

    /// The groups [`join_long_tokens_with`] leaves, then every pair of the
    /// members it left tested: what the variant search would add.
    fn halves_then_rest(texts: &[&str], from: usize, run_max: usize) -> (Vec<usize>, usize) {
        let names = Names::of_texts(texts);
        let bits = usize::BITS - names.len().leading_zeros();
        let group: Vec<u64> = (0..texts.len()).map(|i| pack(bits, 0, 0, i)).collect();
        let groups = Groups::new(names.len());
        let split = join_long_tokens_with(&names, bits, &group, &groups, from, run_max);
        let rest: Vec<usize> = match &split {
            Some(rest) => rest.iter().map(|&k| unpack(bits, k).0).collect(),
            None => (0..texts.len()).collect(),
        };
        for (a, &i) in rest.iter().enumerate() {
            for &j in &rest[a + 1..] {
                if one_edit_spaced(names.spaced(i), names.spaced(j)) {
                    groups.join(i, j);
                }
            }
        }
        ((0..names.len()).map(|i| groups.find(i)).collect(), rest.len())
    }

    /// Words and others one edit from them: a letter replaced, inserted,
    /// deleted, or two neighbours swapped, anywhere (at the middle too);
    /// now and then an accented letter, so that names are read as `char`s.
    fn with_edits() -> impl Strategy<Value = Vec<String>> {
        let word = "[abc]{6,30}|[abcé]{6,30}";
        let edit = (0usize..4, any::<prop::sample::Index>(), prop::sample::select(vec!['a', 'b', 'c', 'd', 'é']));
        prop::collection::vec((word, prop::collection::vec(edit, 0..3)), 1..25).prop_map(|words| {
            let mut all = std::collections::BTreeSet::new();
            for (w, edits) in words {
                for (kind, at, c) in edits {
                    let mut e: Vec<char> = w.chars().collect();
                    let k = at.index(e.len());
                    match kind {
                        0 => e[k] = c,
                        1 => e.insert(k, c),
                        2 => drop(e.remove(k)),
                        _ if k + 1 < e.len() => e.swap(k, k + 1),
                        _ => {}
                    }
                    all.insert(e.into_iter().collect::<String>());
                }
                all.insert(w);
            }
            all.into_iter().collect()
        })
    }

    proptest! {
        /// The halves and the variant search of what they leave join
        /// exactly the names one edit apart, whatever the length from
        /// which tokens are compared by halves and however long a run is
        /// tested.
        #[test]
        fn the_halves_and_the_rest_join_the_names_one_edit_apart(
            words in with_edits(),
            from in prop_oneof![Just(8usize), 9usize..30],
            run_max in prop_oneof![Just(2usize), Just(16), Just(usize::MAX)],
        ) {
            let texts: Vec<&str> = words.iter().map(String::as_str).collect();
            let names = Names::of_texts(&texts);
            let expected = one_edit_groups(&names, &[]);
            prop_assert_eq!(halves_then_rest(&texts, from, run_max).0, expected);
        }
    }

    /// Long made-up words, each with one edited copy, are joined by their
    /// halves alone: none is left to the variant search.
    #[test]
    fn long_words_are_joined_by_their_halves() {
        let words = ["quixotictransmogrificationist", "xylophonicanthropomorphizing", "hyperventilatingcartographer"];
        let mut texts: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        texts.push(words[0].replacen('x', "k", 1));
        texts.push(words[1].replacen("ph", "hp", 1));
        texts.push(format!("{}s", &words[2][..words[2].len() - 1]));
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (groups, rest) = halves_then_rest(&texts, HALVES_FROM, RUN_MAX);
        assert_eq!(groups, [0, 1, 2, 0, 1, 2]);
        assert_eq!(rest, 0);
        // No token that long: nothing done here.
        let names = Names::of_texts(&["kubernetes", "kubernets"]);
        let group: Vec<u64> = (0..2).map(|i| pack(2, 0, 0, i)).collect();
        assert!(join_long_tokens(&names, 2, &group, &Groups::new(2)).is_none());
    }
}

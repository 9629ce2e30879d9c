//! Which tokens can hold an edit at all, before any token key is made.
//!
//! Two names one edit apart differ in one token, and those two tokens are
//! one edit apart themselves: each is a token of the other name, so both
//! are in the roadmap's *vocabulary*, its distinct long tokens. Names are
//! mostly made of a few thousand words used again and again, so the
//! vocabulary is small: the tokens that have a neighbour one edit away in
//! it are found by their deletion variants at the cost of a few thousand
//! tokens, and only those tokens get a token key ([`EditableTokens`]). At a
//! million names "Domain Activity Xxxxx" from 1,081 distinct words, eight
//! of which have a neighbour, 79,556 keys are made instead of three
//! million.
//!
//! A token without a letter ("2000") is one edit from another token only
//! if that one has exactly one letter and digits otherwise ("20a0"):
//! such tokens are left out of the vocabulary, and all of them may hold
//! an edit as soon as a token of one letter and digits is in it.
//!
//! Where most tokens are distinct (names of one made-up word each) the
//! vocabulary would cost what the search does and save nothing: it is
//! given up once it holds more than one token in [`DISTINCT_SHARE_MAX`]
//! of those read, and every token keeps its key.

use std::hash::Hash;
use std::ops::Range;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::variants::{hash_token_variants, mix};
use super::{Letter, Letters, Names, Scratch, classes, long_tokens};

/// The vocabulary is given up when it holds more than one token in this
/// many of those read, once it holds more than [`DISTINCT_FREE`]: its
/// variants, a word each, then take at most about what the keys of every
/// token would (a token has 6-12 variants and 1-3 keys a name).
const DISTINCT_SHARE_MAX: usize = 8;

/// Up to this many distinct tokens the vocabulary is always kept: its
/// search costs less than a group's.
pub(super) const DISTINCT_FREE: usize = 4_096;

/// Below this many names no vocabulary is made: their search costs about
/// what the vocabulary would (a millisecond or two at this size), and on
/// small files the vocabulary was all cost.
pub(super) const NAMES_FROM: usize = 4_096;

/// How often (in tokens read) the share of distinct tokens is checked.
const CHECK_EVERY: usize = 4_096;

/// A name's long tokens (four characters or more, in order) that may hold
/// an edit: bit `k` for its `k`-th long token, the last bit for every one
/// from the 32nd on (names of at most 128 characters have at most 26).
#[derive(Debug)]
pub(super) struct EditableTokens {
    masks: Vec<u32>,
}

impl EditableTokens {
    /// Whether long token `k` (counted from 0) of name `i` may hold an edit.
    pub(super) fn may_edit(&self, i: usize, k: usize) -> bool {
        self.masks[i] >> k.min(31) & 1 == 1
    }

    /// Whether no token of name `i` may hold an edit.
    pub(super) fn none_in(&self, i: usize) -> bool {
        self.masks[i] == 0
    }

    /// How many long tokens of name `i` may hold an edit.
    pub(super) fn count_in(&self, i: usize) -> usize {
        self.masks[i].count_ones() as usize
    }

    /// The editable tokens of the first name of each text
    /// (`first_of_text`), the vocabulary read on `threads` threads; `None`
    /// where the vocabulary is given up (see the module documentation):
    /// every token may then hold an edit. `distinct_free` is
    /// [`DISTINCT_FREE`] but in tests.
    pub(super) fn of<T: Sync>(
        names: &Names<'_, T>,
        first_of_text: &[bool],
        threads: usize,
        distinct_free: usize,
    ) -> Option<Self> {
        match &names.spaced {
            Letters::Ascii(all) => editable_tokens(all, names, first_of_text, threads, distinct_free),
            Letters::Wide(all) => editable_tokens(all, names, first_of_text, threads, distinct_free),
        }
    }
}

fn editable_tokens<L: Letter + Hash + Sync, T: Sync>(
    all: &[L],
    names: &Names<'_, T>,
    first_of_text: &[bool],
    threads: usize,
    distinct_free: usize,
) -> Option<EditableTokens> {
    let parts = trailmap::parallel::ranges(names.len(), threads);
    let text = |i: usize| -> Option<&[L]> {
        (first_of_text[i] && names.spaced(i).editable()).then(|| &all[names.spaced_range(i)])
    };
    // Each thread's distinct lettered tokens, then one vocabulary of them
    // all. Tokens are borrowed from the names' buffer.
    let read = trailmap::parallel::map(&parts, |range| {
        let mut seen: HashSet<&[L]> = HashSet::new();
        let (mut tokens_read, mut next_check) = (0, CHECK_EVERY);
        for i in range.clone() {
            for token in text(i).into_iter().flat_map(long_tokens) {
                tokens_read += 1;
                if lettered(token) {
                    seen.insert(token);
                }
            }
            if tokens_read >= next_check {
                next_check = tokens_read + CHECK_EVERY;
                if too_many(seen.len(), tokens_read, distinct_free) {
                    return None;
                }
            }
        }
        Some((seen, tokens_read))
    });
    let mut ids: HashMap<&[L], u32> = HashMap::new();
    let mut tokens_read = 0;
    for part in read {
        let (seen, read) = part?;
        tokens_read += read;
        for token in seen {
            let next = ids.len() as u32;
            ids.entry(token).or_insert(next);
        }
    }
    if too_many(ids.len(), tokens_read, distinct_free) {
        return None;
    }
    let mut vocabulary: Vec<&[L]> = vec![&[]; ids.len()];
    for (&token, &id) in &ids {
        vocabulary[id as usize] = token;
    }
    let mut neighboured = with_a_neighbour(&vocabulary);
    // A token of one letter and digits otherwise may be one edit from a
    // token without a letter, which is not in the vocabulary: it may
    // hold an edit, and so may every token without a letter.
    let mut digits_may = false;
    for (token, may) in vocabulary.iter().zip(&mut neighboured) {
        if token.iter().filter(|c| classes::is_alphabetic(c.char())).count() == 1 {
            (*may, digits_may) = (true, true);
        }
    }
    let masks = trailmap::parallel::map(&parts, |range: &Range<usize>| {
        range
            .clone()
            .map(|i| {
                let mut mask = 0u32;
                for (k, token) in text(i).into_iter().flat_map(long_tokens).enumerate() {
                    let may = match lettered(token) {
                        true => ids.get(token).is_some_and(|&id| neighboured[id as usize]),
                        false => digits_may,
                    };
                    if may {
                        mask |= 1 << k.min(31);
                    }
                }
                mask
            })
            .collect::<Vec<u32>>()
    });
    Some(EditableTokens { masks: masks.concat() })
}

/// Whether `distinct` tokens among `read` are too many to keep a
/// vocabulary of.
fn too_many(distinct: usize, read: usize, distinct_free: usize) -> bool {
    distinct > distinct_free && distinct * DISTINCT_SHARE_MAX > read
}

fn lettered<L: Letter>(token: &[L]) -> bool {
    token.iter().any(|c| classes::is_alphabetic(c.char()))
}

/// Which tokens of `vocabulary` share a variant with another: the whole
/// token or it with a letter deleted, as [`super::token_variant_hashes`]
/// makes them for the search. Every two tokens one edit apart do (and
/// some two edits apart, and hash collisions: more tokens keep their
/// keys, never fewer).
fn with_a_neighbour<L: Letter>(vocabulary: &[&[L]]) -> Vec<bool> {
    // A variant's hash in the high bits, its token in the low `bits`: a
    // hash cut short only makes more tokens meet.
    let bits = usize::BITS - vocabulary.len().leading_zeros();
    let pack = |h: u64, id: usize| h.checked_shl(bits).unwrap_or(0) | id as u64;
    let mut variants: Vec<u64> = Vec::new();
    let mut scratch = Scratch::default();
    for (id, token) in vocabulary.iter().enumerate() {
        // The token alone is the text: its whole and each letter deleted,
        // the variants the search joins names by.
        let mut last = None;
        hash_token_variants(token, 0, &mut scratch, |_, h| {
            let h = mix(h);
            // Deleting either letter of a double one gives one text.
            if last.replace(h) != Some(h) {
                variants.push(pack(h, id));
            }
        });
    }
    super::sort::sort_by_top_bytes(&mut variants, 56, 2);
    let mut neighboured = vec![false; vocabulary.len()];
    let token = |v: u64| (v & u64::MAX.checked_shr(64 - bits).unwrap_or(0)) as usize;
    for run in variants.chunk_by(|x, y| x.checked_shr(bits) == y.checked_shr(bits)).filter(|run| run.len() > 1) {
        run.iter().for_each(|&v| neighboured[token(v)] = true);
    }
    neighboured
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masks(texts: &[&str], distinct_free: usize) -> Option<Vec<u32>> {
        let names = Names::of_texts(texts);
        EditableTokens::of(&names, &vec![true; texts.len()], 2, distinct_free).map(|tokens| tokens.masks)
    }

    #[test]
    fn only_tokens_with_a_neighbour_in_the_vocabulary_may_hold_an_edit() {
        let texts = ["Gradient boosting basics", "Gradient bosting basics", "Kubernetes operator basics"];
        // "boosting" and "bosting" are one edit apart; "gradient",
        // "basics", "kubernetes", "operator" have no neighbour.
        assert_eq!(masks(&texts, 4_096), Some(vec![0b010, 0b010, 0]));
        // Swapped neighbours share a deletion variant.
        assert_eq!(masks(&["Tensor modeling", "Tensor modelnig"], 4_096), Some(vec![0b10, 0b10]));
    }

    #[test]
    fn tokens_without_a_letter_may_hold_an_edit_only_beside_one_of_one_letter() {
        let texts = ["Windows 2000 server", "Windows 2010 server"];
        assert_eq!(masks(&texts, 4_096), Some(vec![0, 0]));
        let texts = ["Windows 2000 server", "Windows 20a00 server"];
        assert_eq!(masks(&texts, 4_096), Some(vec![0b010, 0b010]));
        // Digits of any script are digits.
        let texts = ["Windows ٢٠٠٠ server", "Windows ٢٠a٠٠ server"];
        assert_eq!(masks(&texts, 4_096), Some(vec![0b010, 0b010]));
    }

    #[test]
    fn a_vocabulary_of_mostly_distinct_tokens_is_given_up() {
        let texts = ["Alphabetical", "Bravissimo", "Charleston", "Deltaplane", "Echolocation"];
        assert_eq!(masks(&texts, 2), None);
        assert!(masks(&texts, 4_096).is_some());
    }

    #[test]
    fn names_that_cannot_be_edited_have_no_editable_token() {
        // Under eight letters and digits: never one edit apart.
        assert_eq!(masks(&["Rust", "Rost"], 4_096), Some(vec![0, 0]));
    }
}

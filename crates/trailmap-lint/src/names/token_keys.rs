//! Token keys: which tokens of a name can hold an edit to another name.
//!
//! Two names one edit apart differ inside one token of four or more
//! characters, the same token of each, and nowhere else: the edit touches
//! letters only, so both have the same tokens before it and after it. The
//! name with that token replaced by a mark, its *token key*, is then the
//! same text for both. So only names sharing a key need be compared, and
//! only at its token: TM109 groups the names by their keys, and a key no
//! other name shares ("\* number 12" of "Skill number 12") costs nothing
//! more.

use super::variants::{prepare_powers, raw, value};
use super::{Letter, MIN_TOKEN_LEN, Scratch, Spaced, classes, long_tokens};

/// Calls `emit` with where each token of four or more characters of an
/// editable name starts (a character index), its key hash (see the
/// module documentation), and whether the token has a letter. Keys of
/// one text are equal; keys of different texts differ but for hash
/// collisions, which only compare more names than needed.
///
/// An edit is of letters only, so two tokens without a letter ("2000",
/// "2010") are never one edit apart; one without and one with
/// ("2000", "20a00") can be.
///
/// ```
/// use trailmap_lint::names::{Names, Scratch, token_keys};
///
/// let names = Names::of_texts(&["Gradient boosting", "Gradient bosting", "Gradient descent 2000"]);
/// let keys = |i| {
///     let mut keys = Vec::new();
///     token_keys(names.spaced(i), &mut Scratch::default(), |start, hash, lettered| keys.push((start, hash, lettered)));
///     keys
/// };
/// // "gradient *" for the first two, "* boosting" and "* bosting" differ.
/// assert_eq!(keys(0)[1], keys(1)[1]);
/// assert_ne!(keys(0)[0], keys(1)[0]);
/// // "gradient descent *": the token "2000" has no letter.
/// assert_eq!(keys(2)[2].2, false);
/// ```
pub fn token_keys(spaced: Spaced<'_>, scratch: &mut Scratch, emit: impl FnMut(usize, u64, bool)) {
    if !spaced.editable() {
        return;
    }
    match spaced {
        Spaced::Ascii(text) => hash_token_keys(text, scratch, emit),
        Spaced::Wide(text) => hash_token_keys(text, scratch, emit),
    }
}

fn hash_token_keys<L: Letter>(text: &[L], scratch: &mut Scratch, mut emit: impl FnMut(usize, u64, bool)) {
    let len = text.len();
    let space = L::from_char(' ');
    if len >= MIN_TOKEN_LEN && !text.contains(&space) {
        // One token: its key is the mark alone, whatever the token (the
        // names of one word each: no hash of the text to make).
        let lettered = text.iter().any(|c| classes::is_alphabetic(c.char()));
        emit(0, raw(0, 1), lettered);
        return;
    }
    prepare_powers(len, scratch);
    let (base, spans, power) = (scratch.base, &mut scratch.spans, &scratch.power);
    // One pass over the text: its hash, and at each token of four or more
    // characters the hashes of the text before it and up to its end.
    spans.clear();
    let (mut hash, mut before, mut start, mut lettered) = (0u64, 0u64, 0, false);
    for (j, c) in text.iter().enumerate() {
        if *c == space {
            if j - start >= MIN_TOKEN_LEN {
                spans.push(TokenSpan { start, end: j, before, through: hash, lettered });
            }
            hash = hash.wrapping_mul(base).wrapping_add(value(' '));
            (before, start, lettered) = (hash, j + 1, false);
        } else {
            lettered |= classes::is_alphabetic(c.char());
            hash = hash.wrapping_mul(base).wrapping_add(value(c.char()));
        }
    }
    if len - start >= MIN_TOKEN_LEN {
        spans.push(TokenSpan { start, end: len, before, through: hash, lettered });
    }
    for span in spans.iter() {
        // `text[..start]`, a mark (0: no character's value), `text[end..]`,
        // whose hash is the whole text's less the part up to `end`.
        let rest = len - span.end;
        let after = hash.wrapping_sub(span.through.wrapping_mul(power[rest]));
        let key = span.before.wrapping_mul(base).wrapping_mul(power[rest]).wrapping_add(after);
        emit(span.start, raw(key, span.start + 1 + rest), span.lettered);
    }
}

/// A token of four or more characters of a spaced name, for its key: where
/// it is, the polynomial hashes of the name before it and up to its end,
/// and whether it has a letter.
#[derive(Debug, Clone, Copy)]
pub(super) struct TokenSpan {
    start: usize,
    end: usize,
    before: u64,
    through: u64,
    lettered: bool,
}

/// How many keys [`token_keys`] emits for a spaced name, without hashing.
///
/// ```
/// use trailmap_lint::names::{Names, token_key_count};
/// let names = Names::of_texts(&["AWS SQS queue delivery", "Short"]);
/// assert_eq!(token_key_count(names.spaced(0)), 2);
/// assert_eq!(token_key_count(names.spaced(1)), 0);
/// ```
pub fn token_key_count(spaced: Spaced<'_>) -> usize {
    if !spaced.editable() {
        return 0;
    }
    match spaced {
        Spaced::Ascii(text) => long_tokens(text).count(),
        Spaced::Wide(text) => long_tokens(text).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{Names, one_edit};
    use proptest::prelude::*;

    fn keys(names: &Names<'_, &str>, i: usize) -> Vec<(usize, u64)> {
        lettered_keys(names, i).into_iter().map(|(start, hash, _)| (start, hash)).collect()
    }

    fn lettered_keys(names: &Names<'_, &str>, i: usize) -> Vec<(usize, u64, bool)> {
        let mut keys = Vec::new();
        token_keys(names.spaced(i), &mut Scratch::default(), |start, hash, lettered| {
            keys.push((start, hash, lettered));
        });
        keys
    }

    proptest! {
        /// Any two names one edit apart share a token key, at the same
        /// token: the edited one. (Names the same but for spaces,
        /// punctuation or a plural TM109 finds by their sameness key.)
        /// Names over a few letters, so that edits land everywhere, in
        /// words of every length, in numbers, next to spaces.
        #[test]
        fn names_one_edit_apart_share_a_token_key(
            x in "[abc1 -]{0,24}",
            at in 0usize..30,
            edit in 0usize..4,
            letter in "[abcé]",
        ) {
            let mut y: Vec<char> = x.chars().collect();
            let at = at.min(y.len());
            let letter = letter.chars().next().unwrap_or('a');
            match edit {
                0 => y.insert(at, letter),
                1 if at < y.len() => { y.remove(at); }
                2 if at < y.len() => y[at] = letter,
                3 if at + 1 < y.len() => y.swap(at, at + 1),
                _ => {}
            }
            let y: String = y.into_iter().collect();
            let texts = [x.as_str(), y.as_str()];
            let names = Names::of_texts(&texts);
            if one_edit(names.get(0), names.get(1)) {
                // At a token of the two, one at least with a letter: TM109
                // drops keys whose tokens have none.
                let (kx, ky) = (lettered_keys(&names, 0), lettered_keys(&names, 1));
                prop_assert!(
                    kx.iter().any(|a| ky.iter().any(|b| (a.0, a.1) == (b.0, b.1) && (a.2 || b.2))),
                    "{x:?} {y:?}: {kx:?} {ky:?}"
                );
            }
        }
    }

    #[test]
    fn a_key_marks_where_its_token_was() {
        let names = Names::of_texts(&["abcd efgh", "efgh abcd", "abcd efgh ijkl", "abcdx efgh"]);
        let (k0, k1, k2, k3) = (keys(&names, 0), keys(&names, 1), keys(&names, 2), keys(&names, 3));
        assert_eq!(k0.iter().map(|k| k.0).collect::<Vec<_>>(), [0, 5]);
        // "* efgh" is not "efgh *", nor "* efgh ijkl".
        assert_ne!(k0[0].1, k1[1].1);
        assert_ne!(k0[0].1, k2[0].1);
        // "abcd efgh" and "abcdx efgh" share "* efgh" only.
        assert_eq!(k0[0], k3[0]);
        assert_ne!(k0[1], k3[1]);
        assert_eq!(token_key_count(names.spaced(2)), 3);
    }

    #[test]
    fn a_key_says_whether_its_token_has_a_letter() {
        let names = Names::of_texts(&["Windows 2000 server", "Windows 20a00 server", "Windows 2000 ser2ver"]);
        let lettered = |i| lettered_keys(&names, i).into_iter().map(|k| k.2).collect::<Vec<_>>();
        assert_eq!(lettered(0), [true, false, true]);
        assert_eq!(lettered(1), [true, true, true]);
        assert_eq!(lettered(2), [true, false, true]);
        // "windows * server", shared by the first two, where "2000" has no
        // letter and "20a00" one: the names are one edit apart there.
        assert_eq!(keys(&names, 0)[1], keys(&names, 1)[1]);
        assert!(one_edit(names.get(0), names.get(1)));
    }
}

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

use super::{BASE, Letter, MIN_TOKEN_LEN, Scratch, Spaced, prepare, raw};

/// Calls `emit` with where each token of four or more characters of an
/// editable name starts (a character index) and its key hash (see the
/// module documentation). Keys of one text are equal; keys of different
/// texts differ but for hash collisions, which only compare more names
/// than needed.
///
/// ```
/// use trailmap_lint::names::{Names, Scratch, token_keys};
///
/// let names = Names::of_texts(&["Gradient boosting", "Gradient bosting", "Gradient descent"]);
/// let keys = |i| {
///     let mut keys = Vec::new();
///     token_keys(names.spaced(i), &mut Scratch::default(), |start, hash| keys.push((start, hash)));
///     keys
/// };
/// // "gradient *" for the first two, "* boosting" and "* bosting" differ.
/// assert_eq!(keys(0)[1], keys(1)[1]);
/// assert_ne!(keys(0)[0], keys(1)[0]);
/// assert_eq!(keys(2)[1], keys(0)[1]);
/// ```
pub fn token_keys(spaced: Spaced<'_>, scratch: &mut Scratch, emit: impl FnMut(usize, u64)) {
    if !spaced.editable() {
        return;
    }
    match spaced {
        Spaced::Ascii(text) => hash_token_keys(text, scratch, emit),
        Spaced::Wide(text) => hash_token_keys(text, scratch, emit),
    }
}

fn hash_token_keys<L: Letter>(text: &[L], scratch: &mut Scratch, mut emit: impl FnMut(usize, u64)) {
    prepare(text, scratch);
    let (suffix, power) = (&scratch.suffix, &scratch.power);
    let len = text.len();
    let space = L::from_char(' ');
    // The hash of `text[..start]`, start being the current token's.
    let mut prefix = 0u64;
    let mut start = 0;
    while start <= len {
        let end = start + text[start..].iter().take_while(|c| **c != space).count();
        if end - start >= MIN_TOKEN_LEN {
            // `text[..start]`, a mark (0: no character's value), `text[end..]`.
            let rest = len - end;
            let h = prefix.wrapping_mul(BASE).wrapping_mul(power[rest]).wrapping_add(suffix[end]);
            emit(start, raw(h, start + 1 + rest));
        }
        // On past the token and the space after it.
        for c in &text[start..(end + 1).min(len)] {
            prefix = prefix.wrapping_mul(BASE).wrapping_add(super::value(c.char()));
        }
        start = end + 1;
    }
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
        Spaced::Ascii(text) => count_keys(text),
        Spaced::Wide(text) => count_keys(text),
    }
}

fn count_keys<L: Letter>(text: &[L]) -> usize {
    let space = L::from_char(' ');
    text.split(|c| *c == space).filter(|token| token.len() >= MIN_TOKEN_LEN).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{Names, one_edit};
    use proptest::prelude::*;

    fn keys(names: &Names<'_, &str>, i: usize) -> Vec<(usize, u64)> {
        let mut keys = Vec::new();
        token_keys(names.spaced(i), &mut Scratch::default(), |start, hash| keys.push((start, hash)));
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
                let (kx, ky) = (keys(&names, 0), keys(&names, 1));
                prop_assert!(kx.iter().any(|k| ky.contains(k)), "{x:?} {y:?}: {kx:?} {ky:?}");
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
}

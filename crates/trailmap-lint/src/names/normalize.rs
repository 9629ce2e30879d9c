//! Every name of a roadmap normalized into [`Names`]' flat buffer, and the
//! hash of each one's sameness key made in the same pass, a range of
//! names a thread.
//!
//! Both forms read each name character by character: the spaced form
//! (tokens lowercased, joined by spaces) and the sameness key (tokens
//! without a plural `s`, joined without them). Made apart, on two
//! threads side by side, each took 8-11 ms of TM109's 24 at 100k names
//! ("Tensor Modeling Babab"), decoding every character twice. An ASCII
//! name is now read once, a byte at a time, for both.

use super::variants::{base, finish_key, value};
use super::{Letter, Letters, Names, classes, key_hash, plural};

impl<'a, T: Sync> Names<'a, T> {
    /// Normalizes the name of every item of `items` (as `text` reads
    /// them), as [`Names::new`] does, and returns beside them the hash of
    /// each name's sameness key, as [`key_hash`] gives it: equal for the
    /// same names. Ranges of the names are read on up to `threads`
    /// threads, their buffers joined after.
    ///
    /// ```
    /// use trailmap_lint::names::{Names, key_hash};
    ///
    /// let texts = ["Design Patterns", "design-pattern", "Kubernetes"];
    /// let (names, hashes) = Names::with_key_hashes(&texts, |text| *text, 2);
    /// assert_eq!(names.spaced(1).chars().collect::<String>(), "design pattern");
    /// assert_eq!(hashes[0], hashes[1]);
    /// assert_eq!(hashes[2], key_hash("Kubernetes"));
    /// ```
    pub fn with_key_hashes(items: &'a [T], text: fn(&T) -> &str, threads: usize) -> (Self, Vec<u64>) {
        let ranges = trailmap::parallel::ranges(items.len(), threads);
        // Each range's bytes, to size the buffers (at a million names
        // that saves growing them by doubling), and how many are not
        // ASCII: a pass on the threads too (on one, 24 ms of 72 at a
        // million names).
        let counts = trailmap::parallel::map(&ranges, |range| {
            items[range.clone()].iter().map(text).fold((0, 0), |(bytes, wide), name| {
                (bytes + name.len(), wide + name.bytes().filter(|b| !b.is_ascii()).count())
            })
        });
        let (total, wide) = counts.iter().fold((0, 0), |(bytes, wide), &(b, w)| (bytes + b, wide + w));
        if wide == 0 {
            let (spaced, spaced_ends, hashes) = in_ranges(items, text, &ranges, &counts, total, push_ascii);
            return (Names { items, text, spaced: Letters::Ascii(spaced), spaced_ends }, hashes);
        }
        // Unicode's tables are searched for each non-ASCII letter, five
        // times over: many such letters pay for one table of them all.
        if wide >= classes::WORTH_A_TABLE {
            classes::prepare();
        }
        let (spaced, spaced_ends, hashes) = in_ranges(items, text, &ranges, &counts, total, push_wide);
        (Names { items, text, spaced: Letters::Wide(spaced), spaced_ends }, hashes)
    }
}

/// Appends a name's spaced form to a buffer and returns its key hash.
type Push<L> = fn(&str, &mut Vec<L>, u64) -> u64;

/// Each range of `items` read on a thread of its own (the first on this
/// one) by `push`, its buffer sized by its bytes (`counts`); the buffers
/// joined in order, each name's end in the joined buffer. A name has at
/// most as many characters as bytes (lowercasing rarely lengthens one;
/// the buffer then grows as usual), so the first range's buffers, sized
/// for all (`total` bytes), take the others' without growing.
fn in_ranges<T: Sync, L: Letter + Send>(
    items: &[T],
    text: fn(&T) -> &str,
    ranges: &[std::ops::Range<usize>],
    counts: &[(usize, usize)],
    total: usize,
    push: Push<L>,
) -> (Vec<L>, Vec<usize>, Vec<u64>) {
    let base = base();
    let parts: Vec<_> = ranges.iter().zip(counts).enumerate().collect();
    let mut parts = trailmap::parallel::map(&parts, |&(k, (range, &(bytes, _)))| {
        let (room, count) = if k == 0 { (total, items.len()) } else { (bytes, range.len()) };
        let (mut spaced, mut ends, mut hashes) =
            (Vec::with_capacity(room), Vec::with_capacity(count), Vec::with_capacity(count));
        for item in &items[range.clone()] {
            hashes.push(push(text(item), &mut spaced, base));
            ends.push(spaced.len());
        }
        (spaced, ends, hashes)
    })
    .into_iter();
    let (mut spaced, mut ends, mut hashes) = parts.next().unwrap_or_default();
    for (more_spaced, more_ends, more_hashes) in parts {
        let offset = spaced.len();
        spaced.extend_from_slice(&more_spaced);
        ends.extend(more_ends.into_iter().map(|end| end + offset));
        hashes.extend_from_slice(&more_hashes);
    }
    (spaced, ends, hashes)
}

/// [`Push`] of an ASCII name: one pass over its bytes makes both forms,
/// as [`push_spaced`] and [`key_hash`] make them from its characters (the
/// tests hold them to each other). Into bytes when every name is ASCII,
/// else into characters.
fn push_ascii<L: Letter>(name: &str, spaced: &mut Vec<L>, base: u64) -> u64 {
    let start = spaced.len();
    let (mut hash, mut key_len) = (0u64, 0usize);
    let mut key = |l: u8| {
        hash = hash.wrapping_mul(base).wrapping_add(value(char::from(l)));
        key_len += 1;
    };
    let mut tokens = KeyTokens::new();
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() {
            let l = b.to_ascii_lowercase();
            if tokens.len == 0 && spaced.len() > start {
                spaced.push(L::from_char(' '));
            }
            spaced.push(L::from_char(char::from(l)));
            tokens.letter(b, l, &mut key);
        } else {
            tokens.end(&mut key);
        }
    }
    tokens.end(&mut key);
    finish_key(hash, key_len)
}

/// Calls `each` with every character of the sameness key of `text`, a name
/// as written: its tokens, lowercased, each without a plural `s` (see
/// [`plural`]), joined without spaces. An ASCII name is read a byte at a
/// time.
pub(super) fn key_chars(text: &str, mut each: impl FnMut(char)) {
    if text.is_ascii() {
        let (mut tokens, mut each) = (KeyTokens::new(), |l: u8| each(char::from(l)));
        for &b in text.as_bytes() {
            match b.is_ascii_alphanumeric() {
                true => tokens.letter(b, b.to_ascii_lowercase(), &mut each),
                false => tokens.end(&mut each),
            }
        }
        return tokens.end(&mut each);
    }
    let mut tokens = KeyTokens::new();
    for c in text.chars() {
        if !classes::is_alphanumeric(c) {
            tokens.end(&mut each);
        } else if c.is_ascii() {
            tokens.letter(c, c.to_ascii_lowercase(), &mut each);
        } else {
            classes::lowercase(c, |l| tokens.letter(c, l, &mut each));
        }
    }
    tokens.end(&mut each);
}

/// The token being read of a sameness key: its lower-case `s` is held
/// back until the token goes on (then it is a letter) or ends (then it
/// may be a plural).
struct KeyTokens<L> {
    /// Letters of the token so far, lowercased.
    len: usize,
    /// The last letter put in the key.
    before: L,
    /// Whether an `s` is held back.
    held: bool,
    /// The token's last character as written: a plural `s` is lower case.
    last: L,
}

impl<L: Letter> KeyTokens<L> {
    fn new() -> Self {
        let space = L::from_char(' ');
        KeyTokens { len: 0, before: space, held: false, last: space }
    }

    /// The token's next letter, `lowered` (one of the letters `written`
    /// lowercases to), each letter it settles given to `each`.
    fn letter(&mut self, written: L, lowered: L, mut each: impl FnMut(L)) {
        let s = L::from_char('s');
        if self.held {
            each(s);
            self.before = s;
        }
        self.held = lowered == s;
        if !self.held {
            each(lowered);
            self.before = lowered;
        }
        self.len += 1;
        self.last = written;
    }

    /// The token ends (or none was being read): its held `s` given to
    /// `each` unless it is a plural.
    fn end(&mut self, mut each: impl FnMut(L)) {
        let s = L::from_char('s');
        if self.held && !(self.last == s && plural(self.len, self.before.char())) {
            each(s);
        }
        *self = KeyTokens::new();
    }
}

/// [`Push`] of any name when some name is not ASCII: an ASCII one as
/// [`push_ascii`] makes it, into characters (else one name with an
/// accent or a dash would send every other one down the slower path),
/// another character by character, its spaced form, then [`key_hash`] of
/// the name as written.
fn push_wide(name: &str, spaced: &mut Vec<char>, base: u64) -> u64 {
    if name.is_ascii() {
        return push_ascii(name, spaced, base);
    }
    push_spaced(name, spaced);
    key_hash(name)
}

/// Appends the spaced form of `name`: its runs of letters and digits,
/// lowercased, joined by single spaces.
fn push_spaced(name: &str, spaced: &mut Vec<char>) {
    let start = spaced.len();
    // ASCII first: `to_lowercase` is an iterator per character.
    let mut in_token = false;
    for c in name.chars() {
        if !classes::is_alphanumeric(c) {
            in_token = false;
            continue;
        }
        if !in_token && spaced.len() > start {
            spaced.push(' ');
        }
        in_token = true;
        if c.is_ascii() {
            spaced.push(c.to_ascii_lowercase());
        } else {
            classes::lowercase(c, |l| spaced.push(l));
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Names over letters that exercise the plural rule (`s`, `S`, `ss`,
    /// short and long tokens), digits, separators and, in some, letters
    /// that lowercase to two characters or are not ASCII at all.
    fn name(wide: bool) -> impl Strategy<Value = String> {
        let ascii = prop::sample::select(vec!['a', 'b', 's', 'S', 'B', 'z', '0', '9', ' ', '-', '.', '_']);
        let any = prop::sample::select(vec!['a', 's', 'S', ' ', 'é', 'İ', 'ß', 'Σ', '—', '7']);
        let letter = if wide { any.boxed() } else { ascii.boxed() };
        prop::collection::vec(letter, 0..14).prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        /// On every number of threads, each name's hash is [`key_hash`]'s
        /// and its spaced form the characters of the form read one by one.
        #[test]
        fn both_forms_as_read_apart(
            texts in prop::collection::vec(name(false), 0..40),
            wide in prop::collection::vec(name(true), 0..3),
            threads in 1usize..4,
        ) {
            for texts in [texts.clone(), [texts, wide].concat()] {
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                let (names, hashes) = Names::with_key_hashes(&texts, |text| *text, threads);
                prop_assert_eq!(names.len(), texts.len());
                for (i, text) in texts.iter().enumerate() {
                    prop_assert_eq!(hashes[i], key_hash(text), "{:?}", text);
                    let mut one_by_one: Vec<char> = Vec::new();
                    push_spaced(text, &mut one_by_one);
                    prop_assert_eq!(names.spaced(i).chars().collect::<Vec<_>>(), one_by_one, "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn plural_s_and_spaces_in_one_pass() {
        let texts = ["Design Patterns", "design-pattern", "Glass", "GLASS", "HTTPS", "Https", "bus", "a  b--c"];
        let (names, hashes) = Names::with_key_hashes(&texts, |text| *text, 3);
        assert_eq!(hashes[0], hashes[1]);
        // `ss` keeps its `s`; an upper-case `S` is no plural; under four
        // characters no `s` is dropped.
        assert_ne!(hashes[2], key_hash("Glas"));
        assert_eq!(hashes[3], key_hash("glass"));
        assert_ne!(hashes[4], key_hash("HTTP"));
        assert_eq!(hashes[5], key_hash("http"));
        assert_ne!(hashes[6], key_hash("bu"));
        assert!(matches!(names.spaced(7), crate::names::Spaced::Ascii(b"a b c")));
    }
}

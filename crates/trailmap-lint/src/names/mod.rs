//! Skill names compared as people mean them, for `similar-skill-names`
//! (TM109): normalized forms, the precise "one edit apart" test, and the
//! token keys and deletion-variant hashes that find the pairs in linear
//! time (`search.rs`).
//!
//! A name's **tokens** are its runs of letters and digits, lowercased. Two
//! names are **the same** when their tokens, each with a plural `s`
//! dropped (not `ss`, not from tokens under four characters), spell the
//! same text once joined ("Java Script", "JavaScript"; "Graph", "Graphs";
//! but not "HTTP", "HTTPS": a plural `s` is written in lower case).
//! Two names are **one edit apart** when their tokens, joined by single
//! spaces, differ by one inserted, deleted or replaced letter, or two
//! swapped neighbouring letters, and:
//!
//! - both have at least [`MIN_EDIT_LEN`] letters and digits (under that,
//!   one letter is often the whole difference: bcrypt and scrypt, NUnit
//!   and XUnit);
//! - neither is a prefix of the other (HTTP and HTTPS);
//! - the edit is inside one token of at least four characters in both
//!   names (SQS and SNS are different services), and touches letters only
//!   (Python 2 and Python 3 are siblings).
//!
//! Names over [`MAX_EDIT_LEN`] characters are only compared for sameness.
//!
//! ```
//! use trailmap_lint::names::{Names, similar};
//!
//! let like = |a: &str, b: &str| {
//!     let texts = [a, b];
//!     let names = Names::of_texts(&texts);
//!     similar(names.get(0), names.get(1))
//! };
//! assert!(like("Kubernetes", "Kubernets"));
//! assert!(like("Design Patterns", "design-pattern"));
//! assert!(!like("MySQL", "MS SQL"));
//! assert!(!like("AWS SQS basics", "AWS SNS basics"));
//! assert!(!like("Python 2 internals", "Python 3 internals"));
//! ```

mod classes;
mod halves;
mod normalize;
pub(crate) mod search;
mod slot_marks;
pub(crate) mod sort;
mod token_keys;
mod variant_search;
mod variants;
mod vocabulary;

use normalize::key_chars;
pub use token_keys::{token_key_count, token_keys};
pub use variants::{Scratch, Variant, key_hash, mix, same_variant, token_variant_count, token_variant_hashes};

/// Names with fewer letters and digits than this are never one edit apart.
pub const MIN_EDIT_LEN: usize = 8;

/// Names with more characters (tokens joined by spaces) than this are only
/// compared for sameness: bounds the work per name.
pub const MAX_EDIT_LEN: usize = 128;

/// Tokens of at least this many characters may hold an edit.
const MIN_TOKEN_LEN: usize = 4;

/// Every name of a roadmap (the names of `items`, as `text` reads them),
/// normalized into one flat buffer (a string per name was a million
/// allocations at a million skills). The sameness key is not kept: it is
/// read from the name as written when asked ([`key_hash`], [`same_key`]),
/// once per name and then only for names whose key hashes meet; kept, it
/// was 24 bytes a name (24 MB at a million skills).
pub struct Names<'a, T> {
    items: &'a [T],
    text: fn(&T) -> &str,
    spaced: Letters,
    spaced_ends: Vec<usize>,
}

/// The spaced forms of every name: one byte per character when every name
/// is ASCII (a quarter of the room: 57 MB less at a million skills), else
/// a `char` each.
#[derive(Debug)]
enum Letters {
    Ascii(Vec<u8>),
    Wide(Vec<char>),
}

impl<'a> Names<'a, &'a str> {
    /// The names `texts`.
    pub fn of_texts(texts: &'a [&'a str]) -> Self {
        Names::new(texts, |text| *text)
    }
}

impl<'a, T: Sync> Names<'a, T> {
    /// Normalizes the name of every item of `items`, as `text` reads
    /// them (see [`Names::with_key_hashes`], which hashes their sameness
    /// keys in the same pass).
    pub fn new(items: &'a [T], text: fn(&T) -> &str) -> Self {
        Names::with_key_hashes(items, text, 1).0
    }
}

impl<'a, T> Names<'a, T> {
    /// Number of names.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `true` when there are no names.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Name `i`, as written and normalized.
    pub fn get(&self, i: usize) -> Name<'_> {
        Name { text: (self.text)(&self.items[i]), spaced: self.spaced(i) }
    }

    /// Brings into cache the spaced forms of `members` (each at its token
    /// starting at `start`), many at once: in a million names the members
    /// of a group of keys are scattered, a cache miss for where each name
    /// starts and one for its text. Read one by one, each token's scan
    /// waited for the next miss; here the loads of 64 members at a time
    /// are independent and overlap. Returns what it read, for
    /// `std::hint::black_box`.
    pub(crate) fn preload(&self, members: impl Iterator<Item = (usize, usize)>) -> u64 {
        const AT_ONCE: usize = 64;
        let mut starts = [0usize; AT_ONCE];
        let mut members = members.peekable();
        let mut read = 0u64;
        while members.peek().is_some() {
            let mut n = 0;
            for (i, start) in members.by_ref().take(AT_ONCE) {
                starts[n] = self.spaced_range(i).start + start;
                n += 1;
            }
            for &at in &starts[..n] {
                read ^= match &self.spaced {
                    Letters::Ascii(all) => all.get(at).map_or(0, |&b| u64::from(b)),
                    Letters::Wide(all) => all.get(at).map_or(0, |&c| u64::from(c)),
                };
            }
        }
        read
    }

    /// Name `i` normalized only, without reading the item: where names are
    /// visited out of order, reading each one's item missed the cache
    /// (a fifth of TM109 on names one letter apart from many others).
    ///
    /// ```
    /// let names = trailmap_lint::names::Names::of_texts(&["Design-Patterns!"]);
    /// assert_eq!(names.spaced(0).chars().collect::<String>(), "design patterns");
    /// ```
    pub fn spaced(&self, i: usize) -> Spaced<'_> {
        let range = self.spaced_range(i);
        match &self.spaced {
            Letters::Ascii(all) => Spaced::Ascii(&all[range]),
            Letters::Wide(all) => Spaced::Wide(&all[range]),
        }
    }

    /// Where name `i`'s spaced form lies in the flat buffer.
    fn spaced_range(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.spaced_ends[i - 1] };
        start..self.spaced_ends[i]
    }
}

/// A character of a spaced name: `u8` (ASCII names) or `char`.
trait Letter: Copy + Eq {
    fn from_char(c: char) -> Self;
    fn char(self) -> char;
}

impl Letter for u8 {
    /// Only ever given ASCII (see [`Names::new`]).
    fn from_char(c: char) -> Self {
        c as u8
    }
    fn char(self) -> char {
        char::from(self)
    }
}

impl Letter for char {
    fn from_char(c: char) -> Self {
        c
    }
    fn char(self) -> char {
        self
    }
}

/// A name's tokens joined by single spaces, as bytes when every name of
/// its [`Names`] is ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spaced<'a> {
    /// Every character ASCII.
    Ascii(&'a [u8]),
    /// Any characters.
    Wide(&'a [char]),
}

impl<'a> Spaced<'a> {
    /// Number of characters.
    pub fn len(self) -> usize {
        match self {
            Spaced::Ascii(text) => text.len(),
            Spaced::Wide(text) => text.len(),
        }
    }

    /// `true` for a name without letters or digits.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The character at `k`.
    pub fn char_at(self, k: usize) -> char {
        match self {
            Spaced::Ascii(text) => char::from(text[k]),
            Spaced::Wide(text) => text[k],
        }
    }

    /// The characters.
    pub fn chars(self) -> impl Iterator<Item = char> + 'a {
        (0..self.len()).map(move |k| self.char_at(k))
    }

    /// The token of the name that starts at character `start`, if it has
    /// four or more characters: where [`token_variant_hashes`] deletes
    /// letters.
    ///
    /// ```
    /// use trailmap_lint::names::{Names, Spaced};
    /// let names = Names::of_texts(&["AWS SQS queue"]);
    /// assert_eq!(names.spaced(0).long_token(8), Some(Spaced::Ascii(b"queue")));
    /// assert_eq!(names.spaced(0).long_token(4), None); // "sqs"
    /// assert_eq!(names.spaced(0).long_token(9), None); // not where a token starts
    /// ```
    pub fn long_token(self, start: usize) -> Option<Spaced<'a>> {
        match self {
            Spaced::Ascii(text) => long_token_end(text, start).map(|end| Spaced::Ascii(&text[start..end])),
            Spaced::Wide(text) => long_token_end(text, start).map(|end| Spaced::Wide(&text[start..end])),
        }
    }

    /// `self` as `char`s (a copy only when it is ASCII): for comparing a
    /// name with one of another [`Names`].
    fn wide(self) -> std::borrow::Cow<'a, [char]> {
        match self {
            Spaced::Ascii(text) => text.iter().map(|&b| char::from(b)).collect(),
            Spaced::Wide(text) => text.into(),
        }
    }
}

/// A skill name as written, and normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    /// The name as written: its sameness key (tokens without plural `s`,
    /// joined without spaces) is read from it.
    pub text: &'a str,
    /// Tokens joined by single spaces: the text the edit test compares.
    pub spaced: Spaced<'a>,
}

impl Name<'_> {
    /// Whether the one-edit test applies to this name at all.
    pub fn editable(&self) -> bool {
        self.spaced.editable()
    }
}

impl Spaced<'_> {
    /// Letters and digits, spaces not counted.
    fn letters(self) -> usize {
        self.chars().filter(|c| *c != ' ').count()
    }

    /// Whether the one-edit test applies to the name at all.
    fn editable(self) -> bool {
        self.len() <= MAX_EDIT_LEN && self.letters() >= MIN_EDIT_LEN
    }
}

/// Whether a trailing `s` (written in lower case: HTTPS is not a plural)
/// makes a token of `len` characters plural, `before` being the character
/// before it: not after another `s`, not in tokens under four characters
/// (SQS, AWS, CSS).
fn plural(len: usize, before: char) -> bool {
    len >= MIN_TOKEN_LEN && before != 's'
}

/// `true` when `a` and `b` are the same name or one edit apart, as the
/// module documentation defines them.
pub fn similar(a: Name<'_>, b: Name<'_>) -> bool {
    // The edit test first: it reads the normalized forms, the sameness
    // test reads both names again.
    one_edit(a, b) || same_key(a, b)
}

/// `true` when `a` and `b` are the same name: their sameness keys are
/// equal.
pub fn same_key(a: Name<'_>, b: Name<'_>) -> bool {
    let mut key = String::with_capacity(a.text.len());
    push_key(a, &mut key);
    let (mut rest, mut equal) = (key.chars(), true);
    key_chars(b.text, |c| equal &= rest.next() == Some(c));
    equal && rest.next().is_none()
}

/// Appends the sameness key of `name` to `key`: equal keys, the same name.
pub fn push_key(name: Name<'_>, key: &mut String) {
    key_chars(name.text, |c| key.push(c));
}

/// A quick test that never fails two texts one edit apart (a letter
/// inserted, deleted, replaced, or two neighbours swapped), for the
/// tokens of names the same around them: it reads only what differs.
/// Equal texts pass too.
///
/// ```
/// use trailmap_lint::names::{Names, may_be_one_edit};
/// let names = Names::of_texts(&["babab", "bab", "babxb", "bbaab", "tulip"]);
/// let s = |i| names.spaced(i);
/// assert!(may_be_one_edit(s(0), s(2)) && may_be_one_edit(s(0), s(3)));
/// assert!(!may_be_one_edit(s(0), s(1)) && !may_be_one_edit(s(0), s(4)));
/// ```
pub fn may_be_one_edit(a: Spaced<'_>, b: Spaced<'_>) -> bool {
    match (a, b) {
        (Spaced::Ascii(x), Spaced::Ascii(y)) => differ_in_two_at_most(x, y),
        (Spaced::Wide(x), Spaced::Wide(y)) => differ_in_two_at_most(x, y),
        _ => true,
    }
}

/// Whether `x` and `y`, their common start and end set aside, differ in
/// at most two characters each and in length by at most one.
fn differ_in_two_at_most<L: PartialEq>(x: &[L], y: &[L]) -> bool {
    if x.len().abs_diff(y.len()) > 1 {
        return false;
    }
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let suffix = x[prefix..].iter().rev().zip(y[prefix..].iter().rev()).take_while(|(p, q)| p == q).count();
    x.len() - prefix - suffix <= 2 && y.len() - prefix - suffix <= 2
}

/// The precise one-edit test.
pub fn one_edit(a: Name<'_>, b: Name<'_>) -> bool {
    one_edit_spaced(a.spaced, b.spaced)
}

/// [`one_edit`] of two names' spaced forms, all it reads: the search
/// tests pairs by it without reading the names as written (a cache miss
/// each in a million skills).
pub(crate) fn one_edit_spaced(a: Spaced<'_>, b: Spaced<'_>) -> bool {
    if !a.editable() || !b.editable() || a == b {
        return false;
    }
    match (a, b) {
        (Spaced::Ascii(x), Spaced::Ascii(y)) => one_edit_in(x, y),
        (Spaced::Wide(x), Spaced::Wide(y)) => one_edit_in(x, y),
        (x, y) => one_edit_in(&x.wide(), &y.wide()),
    }
}

fn one_edit_in<L: Letter>(x: &[L], y: &[L]) -> bool {
    if x == y || x.starts_with(y) || y.starts_with(x) {
        return false;
    }
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let suffix = x[prefix..].iter().rev().zip(y[prefix..].iter().rev()).take_while(|(p, q)| p == q).count();
    let (mx, my) = (&x[prefix..x.len() - suffix], &y[prefix..y.len() - suffix]);
    let one = match (mx.len(), my.len()) {
        (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => mx[0] == my[1] && mx[1] == my[0],
        _ => false,
    };
    one && mx.iter().chain(my).all(|c| classes::is_alphabetic(c.char()))
        && token_len(x, prefix, mx.len()) >= MIN_TOKEN_LEN
        && token_len(y, prefix, my.len()) >= MIN_TOKEN_LEN
}

/// Length of the token of `text` around `text[at..at + len]`.
fn token_len<L: Letter>(text: &[L], at: usize, len: usize) -> usize {
    let space = L::from_char(' ');
    let left = text[..at].iter().rev().take_while(|c| **c != space).count();
    let right = text[at + len..].iter().take_while(|c| **c != space).count();
    left + len + right
}

/// The tokens of four characters or more of a spaced name, in order:
/// those that get token keys and make the vocabulary.
fn long_tokens<L: Letter>(text: &[L]) -> impl Iterator<Item = &[L]> {
    let space = L::from_char(' ');
    text.split(move |c| *c == space).filter(|token| token.len() >= MIN_TOKEN_LEN)
}

/// Where the token of `text` that starts at `start` ends, if one of four
/// or more characters starts there.
fn long_token_end<L: Letter>(text: &[L], start: usize) -> Option<usize> {
    let space = L::from_char(' ');
    if start > text.len() || (start > 0 && text[start - 1] != space) {
        return None;
    }
    let end = start + text[start..].iter().take_while(|c| **c != space).count();
    (end - start >= MIN_TOKEN_LEN).then_some(end)
}

#[cfg(test)]
mod tests;

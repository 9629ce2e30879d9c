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
pub(crate) mod search;
mod slot_marks;
mod token_keys;

pub use token_keys::{token_key_count, token_keys};

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

impl<'a, T> Names<'a, T> {
    /// Normalizes the name of every item of `items` (walked twice: first
    /// to size the buffer, which at a million names saves growing it by
    /// doubling).
    pub fn new(items: &'a [T], text: fn(&T) -> &str) -> Self {
        let (mut bytes, mut wide) = (0, 0);
        for item in items {
            let name = text(item);
            bytes += name.len();
            wide += name.bytes().filter(|b| !b.is_ascii()).count();
        }
        let ascii = wide == 0;
        // Unicode's tables are searched for each non-ASCII letter, five
        // times over: many such letters pay for one table of them all.
        if wide >= classes::WORTH_A_TABLE {
            classes::prepare();
        }
        // A name has at most as many characters as bytes (lowercasing
        // rarely lengthens one; the buffer then grows as usual).
        let mut spaced_ends = Vec::with_capacity(items.len());
        let names = items.iter().map(text);
        let spaced = if ascii {
            let mut spaced = Vec::with_capacity(bytes);
            normalize(names, &mut spaced, &mut spaced_ends);
            Letters::Ascii(spaced)
        } else {
            let mut spaced = Vec::with_capacity(bytes);
            normalize(names, &mut spaced, &mut spaced_ends);
            Letters::Wide(spaced)
        };
        Names { items, text, spaced, spaced_ends }
    }

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

    /// Name `i` normalized only, without reading the item: where names are
    /// visited out of order, reading each one's item missed the cache
    /// (a fifth of TM109 on names one letter apart from many others).
    ///
    /// ```
    /// let names = trailmap_lint::names::Names::of_texts(&["Design-Patterns!"]);
    /// assert_eq!(names.spaced(0).chars().collect::<String>(), "design patterns");
    /// ```
    pub fn spaced(&self, i: usize) -> Spaced<'_> {
        let range = if i == 0 { 0 } else { self.spaced_ends[i - 1] }..self.spaced_ends[i];
        match &self.spaced {
            Letters::Ascii(all) => Spaced::Ascii(&all[range]),
            Letters::Wide(all) => Spaced::Wide(&all[range]),
        }
    }
}

/// Appends each name's spaced form. `L` is `u8` only when every name is
/// ASCII.
fn normalize<'a, L: Letter>(names: impl Iterator<Item = &'a str>, spaced: &mut Vec<L>, spaced_ends: &mut Vec<usize>) {
    for name in names {
        let start = spaced.len();
        // Tokens are runs of letters and digits, lowercased (ASCII first:
        // `to_lowercase` is an iterator per character).
        let mut in_token = false;
        for c in name.chars() {
            if !classes::is_alphanumeric(c) {
                in_token = false;
                continue;
            }
            if !in_token && spaced.len() > start {
                spaced.push(L::from_char(' '));
            }
            in_token = true;
            if c.is_ascii() {
                spaced.push(L::from_char(c.to_ascii_lowercase()));
            } else {
                classes::lowercase(c, |l| spaced.push(L::from_char(l)));
            }
        }
        spaced_ends.push(spaced.len());
    }
}

/// Calls `each` with every character of the sameness key of `text`, a name
/// as written: its tokens, lowercased, each without a plural `s` (see
/// [`plural`]), joined without spaces.
fn key_chars(text: &str, mut each: impl FnMut(char)) {
    // A token's lower-case `s` is held back until the token goes on (then
    // it is a letter) or ends (then it may be a plural).
    let (mut len, mut before, mut held) = (0usize, ' ', false);
    // The token's last character as written: a plural `s` is lower case.
    let mut last = ' ';
    let mut chars = text.chars();
    loop {
        let c = chars.next();
        if let Some(c) = c.filter(|&c| classes::is_alphanumeric(c)) {
            let mut put = |l: char| {
                if std::mem::take(&mut held) {
                    each('s');
                    before = 's';
                }
                if l == 's' {
                    held = true;
                } else {
                    each(l);
                    before = l;
                }
                len += 1;
            };
            if c.is_ascii() {
                put(c.to_ascii_lowercase());
            } else {
                classes::lowercase(c, put);
            }
            last = c;
            continue;
        }
        if std::mem::take(&mut held) && !(last == 's' && plural(len, before)) {
            each('s');
        }
        (len, before) = (0, ' ');
        if c.is_none() {
            break;
        }
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
    if !a.editable() || !b.editable() || a.spaced == b.spaced {
        return false;
    }
    match (a.spaced, b.spaced) {
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

/// A variant that [`token_variant_hashes`] emits: the whole spaced name or the
/// name with the character at `deleted` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variant {
    /// The whole spaced name.
    Whole,
    /// The spaced name without the character at this position.
    Deleted(usize),
}

/// Reusable buffers of [`token_variant_hashes`] and [`token_keys`].
#[derive(Default)]
pub struct Scratch {
    suffix: Vec<u64>,
    power: Vec<u64>,
    spans: Vec<token_keys::TokenSpan>,
}

const BASE: u64 = 0x100_0000_01B3;

fn value(c: char) -> u64 {
    u64::from(c) + 1
}

/// A polynomial hash with the length mixed in: what [`token_variant_hashes`]
/// emits.
fn raw(h: u64, len: usize) -> u64 {
    h ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// SplitMix64's finaliser: spreads a raw hash of [`token_variant_hashes`] over
/// all 64 bits (equal raw hashes stay equal).
pub fn mix(raw: u64) -> u64 {
    let mut z = raw;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// [`mix`] of [`raw`].
fn finish(h: u64, len: usize) -> u64 {
    mix(raw(h, len))
}

/// The hash of the sameness key of a name as written (distinct from every
/// variant hash of the same text by a tag): it needs no [`Names`].
///
/// ```
/// use trailmap_lint::names::key_hash;
/// assert_eq!(key_hash("Design Patterns"), key_hash("design-pattern"));
/// assert_ne!(key_hash("Design Patterns"), key_hash("Design Pattern 2"));
/// ```
pub fn key_hash(text: &str) -> u64 {
    let (mut h, mut len) = (0u64, 0);
    key_chars(text, |c| {
        h = h.wrapping_mul(BASE).wrapping_add(value(c));
        len += c.len_utf8();
    });
    finish(h ^ 0x005E_ED0F_5A4E, len)
}

/// Fills `scratch` with the powers of [`BASE`] up to the longest name yet
/// and the hashes of `text`'s suffixes (`suffix[j]`, of `text[j..]`).
fn prepare<L: Letter>(text: &[L], scratch: &mut Scratch) {
    let len = text.len();
    prepare_powers(len, scratch);
    let (suffix, power) = (&mut scratch.suffix, &scratch.power);
    suffix.clear();
    suffix.resize(len + 1, 0);
    for j in (0..len).rev() {
        suffix[j] = value(text[j].char()).wrapping_mul(power[len - j - 1]).wrapping_add(suffix[j + 1]);
    }
}

/// Fills `scratch.power` with the powers of [`BASE`] up to `len` at least
/// (`power[d]` is BASE^d), kept between names: it depends on no name.
fn prepare_powers(len: usize, scratch: &mut Scratch) {
    let power = &mut scratch.power;
    if power.len() <= len {
        power.clear();
        power.push(1);
        while power.len() <= len.max(MAX_EDIT_LEN) {
            let last = power[power.len() - 1];
            power.push(last.wrapping_mul(BASE));
        }
    }
}

/// Calls `emit` with the raw hash (equal texts, equal hashes; [`mix`]
/// spreads its bits) of the token at character `start` of an editable name
/// (as [`token_keys`] gives it), as
/// [`Variant::Whole`], and of each variant of it with one letter deleted,
/// at its position in the name. Of names the same outside that token
/// (names sharing its [`token_keys`] key), every pair one edit apart
/// there shares a hash: an insertion is a deletion from the longer name;
/// a replacement, the same deletion from both; a swap, deleting the same
/// letter from each. Only the token is hashed, so names of different
/// surroundings can share one: [`same_variant`] compares them whole.
/// Polynomial hashes of prefixes and suffixes give each variant in
/// constant time. A token under four characters has none; letters only
/// are deleted.
///
/// ```
/// use trailmap_lint::names::{Names, Scratch, Variant, token_variant_hashes};
///
/// let names = Names::of_texts(&["Gradient boosting", "Gradient bosting"]);
/// let hashes = |i| {
///     let mut hashes = Vec::new();
///     token_variant_hashes(names.spaced(i), 9, &mut Scratch::default(), |v, h| hashes.push((v, h)));
///     hashes
/// };
/// let (long, short) = (hashes(0), hashes(1));
/// assert_eq!(long.len(), 9); // "boosting", and a letter of it deleted
/// // "boosting" without its first "o" (at 10 in the name) is "bosting".
/// assert_eq!(long[2], (Variant::Deleted(10), short[0].1));
/// ```
pub fn token_variant_hashes(spaced: Spaced<'_>, start: usize, scratch: &mut Scratch, emit: impl FnMut(Variant, u64)) {
    if !spaced.editable() {
        return;
    }
    match spaced {
        Spaced::Ascii(text) => hash_token_variants(text, start, scratch, emit),
        Spaced::Wide(text) => hash_token_variants(text, start, scratch, emit),
    }
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

fn hash_token_variants<L: Letter>(text: &[L], start: usize, scratch: &mut Scratch, mut emit: impl FnMut(Variant, u64)) {
    let Some(end) = long_token_end(text, start) else { return };
    let word = &text[start..end];
    prepare(word, scratch);
    let (suffix, power) = (&scratch.suffix, &scratch.power);
    let len = word.len();
    emit(Variant::Whole, raw(suffix[0], len));
    let mut prefix = 0u64;
    for (k, c) in word.iter().enumerate() {
        if classes::is_alphabetic(c.char()) {
            let h = prefix.wrapping_mul(power[len - k - 1]).wrapping_add(suffix[k + 1]);
            emit(Variant::Deleted(start + k), raw(h, len - 1));
        }
        prefix = prefix.wrapping_mul(BASE).wrapping_add(value(c.char()));
    }
}

/// How many hashes [`token_variant_hashes`] emits, without hashing.
///
/// ```
/// use trailmap_lint::names::{Names, token_variant_count};
/// let names = Names::of_texts(&["AWS SQS queue delivery"]);
/// assert_eq!(token_variant_count(names.spaced(0), 14), 9); // "delivery"
/// assert_eq!(token_variant_count(names.spaced(0), 4), 0); // "sqs"
/// ```
pub fn token_variant_count(spaced: Spaced<'_>, start: usize) -> usize {
    if !spaced.editable() {
        return 0;
    }
    match spaced {
        Spaced::Ascii(text) => count_token_variants(text, start),
        Spaced::Wide(text) => count_token_variants(text, start),
    }
}

fn count_token_variants<L: Letter>(text: &[L], start: usize) -> usize {
    long_token_end(text, start)
        .map_or(0, |end| 1 + text[start..end].iter().filter(|c| classes::is_alphabetic(c.char())).count())
}

/// Whether variant `va` of the spaced name `a` and variant `vb` of `b`
/// are the same text: slices compared, where comparing the variants
/// character by character was a tenth of TM109 on names one letter apart
/// from many others.
///
/// ```
/// use trailmap_lint::names::{Names, Variant, same_variant};
///
/// let names = Names::of_texts(&["Kubernetes", "Kubernets"]);
/// let (a, b) = (names.spaced(0), names.spaced(1));
/// assert!(same_variant(a, Variant::Deleted(8), b, Variant::Whole));
/// assert!(!same_variant(a, Variant::Deleted(7), b, Variant::Whole));
/// ```
pub fn same_variant(a: Spaced<'_>, va: Variant, b: Spaced<'_>, vb: Variant) -> bool {
    match (a, b) {
        (Spaced::Ascii(a), Spaced::Ascii(b)) => same_split(split(a, va), split(b, vb)),
        (Spaced::Wide(a), Spaced::Wide(b)) => same_split(split(a, va), split(b, vb)),
        // Names of two lists, one of them ASCII: as `one_edit` compares them.
        (a, b) => same_split(split(&a.wide(), va), split(&b.wide(), vb)),
    }
}

/// A variant's text as the two slices around its deleted character.
fn split<L>(text: &[L], variant: Variant) -> (&[L], &[L]) {
    match variant {
        Variant::Deleted(k) if k < text.len() => (&text[..k], &text[k + 1..]),
        _ => (text, &[]),
    }
}

/// Whether `a.0 + a.1` and `b.0 + b.1` are the same sequence.
fn same_split<L: PartialEq>(a: (&[L], &[L]), b: (&[L], &[L])) -> bool {
    if a.0.len() + a.1.len() != b.0.len() + b.1.len() {
        return false;
    }
    // `a` splits first: its second part meets the rest of `b`'s first.
    let (a, b) = if a.0.len() <= b.0.len() { (a, b) } else { (b, a) };
    let (k, m) = (a.0.len(), b.0.len());
    a.0 == &b.0[..k] && a.1[..m - k] == b.0[k..] && a.1[m - k..] == *b.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The text of `variant` of a name (its spaced form), as an iterator of
    /// characters.
    fn variant_chars(spaced: Spaced<'_>, variant: Variant) -> impl Iterator<Item = char> + '_ {
        let skip = match variant {
            Variant::Whole => usize::MAX,
            Variant::Deleted(k) => k,
        };
        spaced.chars().enumerate().filter(move |(j, _)| *j != skip).map(|(_, c)| c)
    }

    /// The sameness key spelled out: collect each token, then drop its
    /// plural `s`.
    fn key_by_tokens(text: &str) -> String {
        let mut key = String::new();
        let mut token: Vec<char> = Vec::new();
        let mut last = ' ';
        for c in text.chars().chain([' ']) {
            if c.is_alphanumeric() {
                token.extend(c.to_lowercase());
                last = c;
                continue;
            }
            let plural = token.len() >= MIN_TOKEN_LEN && token.ends_with(&['s']) && !token.ends_with(&['s', 's']);
            key.extend(&token[..token.len() - usize::from(last == 's' && plural)]);
            token.clear();
        }
        key
    }

    proptest! {
        /// The streamed key (an `s` held back until its token goes on or
        /// ends) is the key spelled out token by token; `same_key` compares
        /// such keys.
        #[test]
        fn the_streamed_key_is_the_tokens_without_plurals(text in "[abSsß İΣς0.-]{0,20}", other in "[abSs ]{0,8}") {
            let mut streamed = String::new();
            key_chars(&text, |c| streamed.push(c));
            prop_assert_eq!(&streamed, &key_by_tokens(&text));
            let pair = [text.as_str(), other.as_str()];
            let names = Names::of_texts(&pair);
            prop_assert_eq!(same_key(names.get(0), names.get(1)), streamed == key_by_tokens(&other));
            prop_assert!(same_key(names.get(0), names.get(0)));
        }
    }

    fn like(a: &str, b: &str) -> bool {
        let texts = [a, b];
        let names = Names::of_texts(&texts);
        similar(names.get(0), names.get(1))
    }

    #[test]
    fn token_variant_hashes_equal_the_hashes_of_the_variants() {
        let names = Names::of_texts(&["Kubernetes operator"]);
        let name = names.get(0);
        for (token, start) in [0, 11].into_iter().enumerate() {
            let mut got = Vec::new();
            token_variant_hashes(name.spaced, start, &mut Scratch::default(), |v, h| got.push((v, h)));
            assert_eq!(got[0].0, Variant::Whole);
            for &(v, h) in &got[1..] {
                // A variant hashes like the token of its text, whole.
                let text: Vec<char> = variant_chars(name.spaced, v).collect();
                let mut whole = None;
                token_variant_hashes(Spaced::Wide(&text), start, &mut Scratch::default(), |vv, hh| {
                    if vv == Variant::Whole {
                        whole = Some(hh);
                    }
                });
                assert_eq!(whole, Some(h), "{text:?}");
            }
            // Each letter of the token: "kubernetes" has 10, "operator" 8.
            assert_eq!(got.len(), 1 + [10, 8][token]);
            assert_eq!(token_variant_count(name.spaced, start), got.len());
        }
        let mixed = Names::of_texts(&["AWS SQS queue delivery 2 retries", "Short"]);
        for i in 0..2 {
            // "aws sqs queue delivery 2 retries": "queue", "delivery" and "retries".
            for start in 0..40 {
                let mut emitted = 0;
                token_variant_hashes(mixed.spaced(i), start, &mut Scratch::default(), |_, _| emitted += 1);
                assert_eq!(token_variant_count(mixed.spaced(i), start), emitted);
                assert_eq!(emitted > 0, i == 0 && [8, 14, 25].contains(&start), "{i} {start}");
            }
        }
        let short = Names::of_texts(&["AWS SQSS"]);
        let mut count = 0;
        token_variant_hashes(short.spaced(0), 4, &mut Scratch::default(), |_, _| count += 1);
        assert_eq!(count, 0, "under eight letters: no variants");
    }

    proptest! {
        /// Slices compared answer as characters compared, for every pair
        /// of variants: both names ASCII, both wide, and one of each (two
        /// lists, one with a name outside ASCII).
        #[test]
        fn same_variant_compares_the_variant_texts(a in "[ab ]{0,7}", b in "[ab ]{0,7}") {
            let (two, three) = ([a.as_str(), b.as_str()], [a.as_str(), b.as_str(), "é"]);
            let (ascii, wide) = (Names::of_texts(&two), Names::of_texts(&three));
            prop_assert!(matches!(ascii.spaced(0), Spaced::Ascii(_)) && matches!(wide.spaced(0), Spaced::Wide(_)));
            let variants = |s: Spaced<'_>| (0..s.len()).map(Variant::Deleted).chain([Variant::Whole]).collect::<Vec<_>>();
            for (x, y) in [(ascii.spaced(0), ascii.spaced(1)), (wide.spaced(0), wide.spaced(1)), (ascii.spaced(0), wide.spaced(1))] {
                for va in variants(x) {
                    for vb in variants(y) {
                        let chars = variant_chars(x, va).eq(variant_chars(y, vb));
                        prop_assert_eq!(same_variant(x, va, y, vb), chars, "{:?} {:?}", va, vb);
                    }
                }
            }
        }
    }

    #[test]
    fn names_people_keep_apart() {
        for (a, b) in [
            ("MySQL", "MS SQL"),
            ("HTTP", "HTTPS"),
            ("Next.js", "Nuxt.js"),
            ("bcrypt", "scrypt"),
            ("NUnit", "XUnit"),
            ("Big-O", "Big-θ"),
            ("Amazon SQS basics", "Amazon SNS basics"),
            ("Python 2 internals", "Python 3 internals"),
            ("Regression testing", "Regression testings suite"),
            ("Gradient Boost", "Gradient Boosts2"),
            ("Spring Boot", "Spring Boot 3"),
        ] {
            assert!(!like(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Kubernetes", "Kubernets"),
            ("Gradient Boosting", "Gradient Bosting"),
            ("Elasticsearch", "Elasticsaerch"),
            ("Graph", "Graphs"),
            ("Design Patterns", "design pattern"),
            ("JavaScript", "Java Script"),
            ("C", "c"),
        ] {
            assert!(like(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn ascii_names_stored_as_bytes_compare_and_hash_as_characters() {
        let pairs =
            [("Kubernetes", "Kubernets"), ("Elasticsearch", "Elasticsaerch"), ("MySQL", "MS SQL"), ("HTTP", "HTTPS")];
        for (a, b) in pairs {
            let (two, three) = ([a, b], [a, b, "Übung"]);
            let ascii = Names::of_texts(&two);
            // One name that is not ASCII makes every name wide.
            let wide = Names::of_texts(&three);
            assert!(matches!(ascii.get(0).spaced, Spaced::Ascii(_)));
            assert!(matches!(wide.get(0).spaced, Spaced::Wide(_)));
            assert_eq!(similar(ascii.get(0), ascii.get(1)), similar(wide.get(0), wide.get(1)), "{a} / {b}");
            assert_eq!(one_edit(ascii.get(0), wide.get(1)), one_edit(wide.get(0), wide.get(1)), "{a} / {b}");
            for i in 0..2 {
                let hashes = |names: &Names<'_, &str>| {
                    let mut got = Vec::new();
                    token_variant_hashes(names.spaced(i), 0, &mut Scratch::default(), |v, h| got.push((v, h)));
                    got
                };
                assert_eq!(hashes(&ascii), hashes(&wide));
                assert_eq!(token_variant_count(ascii.spaced(i), 0), token_variant_count(wide.spaced(i), 0));
            }
        }
    }

    #[test]
    fn one_edit_agrees_with_the_edit_distance_on_long_words() {
        let words = ["abcdefgh", "abcdefgx", "abcdefg", "bacdefgh", "abcdefghi", "xabcdefgh", "abcdfegh", "abcd efgh"];
        for a in words {
            for b in words {
                let texts = [a, b];
                let names = Names::of_texts(&texts);
                let distance = trailmap::suggest::levenshtein(a, b, 2);
                let prefix = a.starts_with(b) || b.starts_with(a);
                let expected = a != b && distance == 1 && !prefix && !a.contains(' ') && !b.contains(' ');
                assert_eq!(one_edit(names.get(0), names.get(1)), expected, "{a:?} {b:?}");
            }
        }
    }
}

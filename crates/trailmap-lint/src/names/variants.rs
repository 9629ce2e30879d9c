//! The hashes that find names one edit apart in linear time: each long
//! token's deletion variants ([`token_variant_hashes`]) and the sameness
//! key ([`key_hash`]), polynomial hashes whose base is drawn once per
//! process ([`Scratch`]), and the exact comparison of two variants
//! ([`same_variant`]) that every shared hash is checked by.

use super::token_keys::TokenSpan;
use super::{Letter, MAX_EDIT_LEN, Spaced, classes, key_chars, long_token_end};

/// A variant that [`token_variant_hashes`] emits: the whole spaced name or the
/// name with the character at `deleted` removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Variant {
    /// The whole spaced name.
    Whole,
    /// The spaced name without the character at this position.
    Deleted(usize),
}

/// Reusable buffers of [`token_variant_hashes`] and [`token_keys`](fn@super::token_keys), and
/// the base of their hashes.
pub struct Scratch {
    /// [`base`], read once.
    pub(super) base: u64,
    suffix: Vec<u64>,
    pub(super) power: Vec<u64>,
    pub(super) spans: Vec<TokenSpan>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch { base: base(), suffix: Vec::new(), power: Vec::new(), spans: Vec::new() }
    }
}

/// The base of every polynomial hash here: odd, drawn once per process
/// from the standard library's random hasher keys. A fixed base would let
/// a file be written whose names all share a hash (polynomial hashes
/// modulo 2^64 of a known base have multi-collisions of a hundred
/// characters), making one group of every name; a collision is only ever
/// extra work, since every shared hash is compared exactly, so findings
/// do not depend on the base.
///
/// The crate's unit tests take one fixed base instead: some of them
/// assert what a filter of slots keeps (few of a handful of keys), which
/// with a base drawn per run failed one run in forty.
#[cfg(not(test))]
pub(super) fn base() -> u64 {
    use std::hash::BuildHasher;
    use std::sync::LazyLock;
    static BASE: LazyLock<u64> =
        LazyLock::new(|| std::collections::hash_map::RandomState::new().hash_one(0x5EED_u64) | 1);
    *BASE
}

/// The fixed base of the unit tests (see the other `base`): odd, the
/// multiplier of xorshift64*.
#[cfg(test)]
pub(super) fn base() -> u64 {
    0x2545_F491_4F6C_DD1D
}

/// A character's term in the hashes: never zero, so a character is never
/// the same as none.
pub(super) fn value(c: char) -> u64 {
    u64::from(c) + 1
}

/// A polynomial hash with the length mixed in: what [`token_variant_hashes`]
/// emits.
pub(super) fn raw(h: u64, len: usize) -> u64 {
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
/// variant hash of the same text by a tag): it needs no [`Names`](super::Names).
///
/// ```
/// use trailmap_lint::names::key_hash;
/// assert_eq!(key_hash("Design Patterns"), key_hash("design-pattern"));
/// assert_ne!(key_hash("Design Patterns"), key_hash("Design Pattern 2"));
/// ```
pub fn key_hash(text: &str) -> u64 {
    let (base, mut h, mut len) = (base(), 0u64, 0);
    key_chars(text, |c| {
        h = h.wrapping_mul(base).wrapping_add(value(c));
        len += c.len_utf8();
    });
    finish_key(h, len)
}

/// The sameness key's hash of its polynomial hash `h` over `len` bytes
/// (see [`key_hash`]): tagged apart from every variant hash.
pub(super) fn finish_key(h: u64, len: usize) -> u64 {
    finish(h ^ 0x005E_ED0F_5A4E, len)
}

/// Fills `scratch` with the powers of the [`base`] up to the longest name yet
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

/// Fills `scratch.power` with the powers of its base up to `len` at least
/// (`power[d]` is base^d), kept between names: it depends on no name.
pub(super) fn prepare_powers(len: usize, scratch: &mut Scratch) {
    let power = &mut scratch.power;
    if power.len() <= len {
        power.clear();
        power.push(1);
        while power.len() <= len.max(MAX_EDIT_LEN) {
            let last = power[power.len() - 1];
            power.push(last.wrapping_mul(scratch.base));
        }
    }
}

/// Calls `emit` with the raw hash (equal texts, equal hashes; [`mix`]
/// spreads its bits) of the token at character `start` of an editable name
/// (as [`token_keys`](fn@super::token_keys) gives it), as
/// [`Variant::Whole`], and of each variant of it with one letter deleted,
/// at its position in the name. Of names the same outside that token
/// (names sharing its [`token_keys`](fn@super::token_keys) key), every pair one edit apart
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

/// [`token_variant_hashes`] of the token at `start` of `text`, editable
/// or not: also of a token alone (the vocabulary's, `vocabulary.rs`).
pub(super) fn hash_token_variants<L: Letter>(
    text: &[L],
    start: usize,
    scratch: &mut Scratch,
    mut emit: impl FnMut(Variant, u64),
) {
    let Some(end) = long_token_end(text, start) else { return };
    let word = &text[start..end];
    prepare(word, scratch);
    let (base, suffix, power) = (scratch.base, &scratch.suffix, &scratch.power);
    let len = word.len();
    emit(Variant::Whole, raw(suffix[0], len));
    let mut prefix = 0u64;
    for (k, c) in word.iter().enumerate() {
        if classes::is_alphabetic(c.char()) {
            let h = prefix.wrapping_mul(power[len - k - 1]).wrapping_add(suffix[k + 1]);
            emit(Variant::Deleted(start + k), raw(h, len - 1));
        }
        prefix = prefix.wrapping_mul(base).wrapping_add(value(c.char()));
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

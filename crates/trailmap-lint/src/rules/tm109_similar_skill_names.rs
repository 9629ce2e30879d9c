//! ## What it does
//!
//! Finds two skills with different ids but the same or nearly the same
//! name: equal once case, spaces and punctuation are ignored, or one edit
//! apart ("Seaborn" and "Seaborne"). Names that differ only in a number
//! ("Python 2", "Python 3") are not reported.
//!
//! ## Why it matters
//!
//! Two ids for one skill split the roadmap: prerequisites point at one,
//! phases teach the other, and a learner's progress on one does not count
//! for the other.
//!
//! ## Example
//!
//! ```json
//! { "id": "pytorch", "name": "PyTorch" },
//! { "id": "torch", "name": "Pytorch" }
//! ```
//!
//! ## Fix
//!
//! Merge them into one skill, keeping the other id in `former_ids`; or, if
//! they really differ, give them names that say how.

use trailmap::{Diagnostic, Skill};

use crate::context::Context;
use crate::registry::find;

/// Every skill's name in lowercase letters and digits only, in one buffer:
/// a string per name was a million allocations at a million skills.
struct Normalized {
    text: String,
    ends: Vec<usize>,
}

impl Normalized {
    fn new(skills: &[Skill]) -> Self {
        let mut text = String::with_capacity(skills.iter().map(|s| s.name.len()).sum());
        let mut ends = Vec::with_capacity(skills.len());
        for skill in skills {
            text.extend(skill.name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
            ends.push(text.len());
        }
        Normalized { text, ends }
    }

    /// The normalized name of skill `i`.
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// How many members of a group of similar names are compared with the rest.
const ANCHORS: usize = 8;

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = find("TM109") else { return };
    let skills = &ctx.roadmap.skills;
    let normalized = Normalized::new(skills);
    // Exact matches, then one-edit neighbours through deletion variants
    // (each name and every name with one character deleted): linear in
    // the number of skills, not quadratic. Variants are kept as 64-bit
    // hashes in one sorted array rather than as strings in a map (at 100k
    // skills that was two million strings); a collision only adds a
    // candidate, which the exact test below rejects.
    // One word per variant: the hash in the high bits, the skill index in
    // the low `bits` (half the memory of a (hash, index) pair; a hash
    // shortened this way only collides more, which costs candidates).
    let bits = usize::BITS - skills.len().leading_zeros();
    let mask = u64::MAX.checked_shr(64 - bits).unwrap_or(0);
    let key = |h: u64, i: usize| h.checked_shl(bits).unwrap_or(0) | i as u64;
    // Sorted by bucketing on the top bits, then sorting each bucket: one
    // pass over the names counts the buckets, a second writes every key in
    // place (no second array, no growing one), and each bucket is small
    // enough to sort in cache. A plain sort of the ~20 million keys of a
    // million skills was most of this rule's time. About one bucket per
    // skill, up to 4,096 (more made the writes scatter further for no gain).
    let buckets = skills.len().next_power_of_two().clamp(1, 1 << 12);
    let bucket = |key: u64| key.checked_shr(64 - buckets.trailing_zeros()).unwrap_or(0) as usize;
    let mut scratch = Scratch::default();
    let mut starts = vec![0usize; buckets + 1];
    for i in 0..skills.len() {
        scratch.variant_hashes(normalized.get(i), |h| starts[bucket(key(h, i)) + 1] += 1);
    }
    for b in 0..buckets {
        starts[b + 1] += starts[b];
    }
    let mut keys = vec![0u64; starts[buckets]];
    let mut fill = starts.clone();
    for i in 0..skills.len() {
        scratch.variant_hashes(normalized.get(i), |h| {
            let k = key(h, i);
            let at = &mut fill[bucket(k)];
            keys[*at] = k;
            *at += 1;
        });
    }
    for b in 0..buckets {
        keys[starts[b]..starts[b + 1]].sort_unstable();
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for group in keys.chunk_by(|x, y| x & !mask == y & !mask) {
        // Every pair of a large group is quadratic (10,000 skills all
        // named "C" are 50 million pairs): pair each member with the
        // group's first few only; each skill is reported once anyway.
        for (x, &a) in group.iter().enumerate().take(ANCHORS) {
            for &b in &group[x + 1..] {
                let (a, b) = ((a & mask).min(b & mask) as usize, (a & mask).max(b & mask) as usize);
                if a != b {
                    candidates.push((a, b));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (a, b) in candidates {
        if skills[a].id == skills[b].id {
            continue;
        }
        // "Python 2" and "Python 3", "Week 19" and "Week 199" are
        // numbered siblings, not typos: a one-edit difference that
        // only touches digits does not count.
        let letters = |i: usize| normalized.get(i).chars().filter(|c| !c.is_ascii_digit());
        let close = normalized.get(a) == normalized.get(b)
            || (within_one_edit(normalized.get(a), normalized.get(b)) && !letters(a).eq(letters(b)));
        if close {
            pairs.push((a, b));
        }
    }
    // Each skill once, against the first skill its name is close to.
    pairs.sort_unstable_by_key(|&(a, b)| (b, a));
    pairs.dedup_by_key(|&mut (_, b)| b);
    pairs.sort_unstable();
    for (a, b) in pairs {
        let same = normalized.get(a) == normalized.get(b);
        out.push(
            ctx.diag(
                rule,
                format!(
                    "skills `{}` and `{}` have {} names: \"{}\" and \"{}\"",
                    skills[b].id,
                    skills[a].id,
                    if same { "the same" } else { "nearly the same" },
                    skills[b].name,
                    skills[a].name
                ),
            )
            .at(format!("/skills/{b}/name"))
            .with_help(format!("if they are one skill, merge them and keep `{}` in `former_ids`", skills[b].id)),
        );
    }
}

/// `true` when `a` and `b` are at most one edit apart, a swap of two
/// neighbours counting as one edit (the optimal string alignment distance
/// of `trailmap::suggest::levenshtein`, without its allocations: candidates
/// number in the hundreds of thousands on large roadmaps). Past their
/// common prefix and suffix, one edit leaves at most one character on each
/// side, or two swapped ones.
fn within_one_edit(a: &str, b: &str) -> bool {
    let prefix: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize =
        a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (a, b) = (&a[..a.len() - suffix.min(a.len())], &b[..b.len() - suffix.min(b.len())]);
    let mut x = a.chars();
    let mut y = b.chars();
    match (a.chars().count(), b.chars().count()) {
        (0, 0) | (0, 1) | (1, 0) | (1, 1) => true,
        (2, 2) => {
            let (x0, x1, y0, y1) = (x.next(), x.next(), y.next(), y.next());
            x0 == y1 && x1 == y0
        }
        _ => false,
    }
}

/// Buffers [`Scratch::variant_hashes`] reuses from name to name.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    suffix: Vec<u64>,
    power: Vec<u64>,
}

impl Scratch {
    /// Calls `emit` with the hash of `name` and, for names of 5 characters
    /// or more, of each variant with one character deleted. Polynomial
    /// hashes of prefixes and suffixes give every variant in constant
    /// time; equal strings always get equal hashes. Emits nothing for an
    /// empty name.
    fn variant_hashes(&mut self, name: &str, mut emit: impl FnMut(u64)) {
        const BASE: u64 = 0x100_0000_01B3;
        let value = |c: char| u64::from(c) + 1;
        self.chars.clear();
        self.chars.extend(name.chars());
        let name = &self.chars;
        let len = name.len();
        if len == 0 {
            return;
        }
        let finish = |h: u64, len: usize| {
            // SplitMix64's finaliser, with the length mixed in.
            let mut z = h ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let whole = name.iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(value(c)));
        emit(finish(whole, len));
        if len < 5 {
            return;
        }
        // suffix[j]: hash of name[j..]; power[j]: BASE^(length of that suffix).
        let (suffix, power) = (&mut self.suffix, &mut self.power);
        suffix.clear();
        suffix.resize(len + 1, 0);
        power.clear();
        power.resize(len + 1, 1);
        for j in (0..len).rev() {
            power[j] = power[j + 1].wrapping_mul(BASE);
            suffix[j] = value(name[j]).wrapping_mul(power[j + 1]).wrapping_add(suffix[j + 1]);
        }
        let mut prefix = 0u64;
        for k in 0..len {
            let h = prefix.wrapping_mul(power[k + 1]).wrapping_add(suffix[k + 1]);
            emit(finish(h, len - 1));
            prefix = prefix.wrapping_mul(BASE).wrapping_add(value(name[k]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scratch;

    fn hashes(name: &str) -> Vec<u64> {
        let mut out = Vec::new();
        Scratch::default().variant_hashes(name, |h| out.push(h));
        out
    }

    #[test]
    fn one_edit_agrees_with_the_edit_distance() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bac", "abd", "abcd", "aabb", "abab", "aab", "aa", "aaa", "éa", "aé",
            "seaborn", "seaborne", "saeborn",
        ];
        for a in words {
            for b in words {
                let expected = trailmap::suggest::levenshtein(a, b, 1) <= 1;
                assert_eq!(super::within_one_edit(a, b), expected, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn variant_hashes_equal_the_hashes_of_the_variants() {
        let name = "seaborne";
        let got = hashes(name);
        assert_eq!(got[0], hashes(name)[0]);
        for k in 0..name.len() {
            let variant: String = name.chars().enumerate().filter(|(j, _)| *j != k).map(|(_, c)| c).collect();
            // A variant is hashed like a whole name of its length.
            assert_eq!(got[k + 1], hashes(&variant)[0], "{variant}");
        }
        assert_eq!(hashes("git").len(), 1);
        assert!(hashes("").is_empty());
        assert_ne!(hashes("seaborn")[0], hashes("seaborm")[0]);
    }
}

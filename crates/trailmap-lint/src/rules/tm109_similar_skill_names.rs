//! ## What it does
//!
//! Finds skills with different ids but the same or nearly the same name,
//! one finding per group of such skills. The same: equal once case,
//! spaces, punctuation and a plural `s` are ignored ("Design Patterns",
//! "design-pattern"). Nearly the same: one letter inserted, deleted,
//! replaced, or two neighbours swapped ("Kubernetes" and "Kubernets"), but
//! only between names of 8 or more letters and digits, never when one
//! name is the start of the other (HTTP, HTTPS), and never inside a word
//! of fewer than four characters (AWS SQS, AWS SNS) or in a number
//! (Python 2, Python 3). Short names that differ by a letter are usually
//! different things: MySQL and MS SQL, Next.js and Nuxt.js, bcrypt and
//! scrypt, NUnit and XUnit.
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
//! { "id": "torch", "name": "Pytorch" },
//! { "id": "kubernetes", "name": "Kubernetes" },
//! { "id": "k8s", "name": "Kubernets" }
//! ```
//!
//! ## Fix
//!
//! Merge them into one skill, keeping the other ids in `former_ids`; or, if
//! they really differ, give them names that say how.

use std::ops::Range;

use trailmap::diagnostic::preview_str;
use trailmap::{Diagnostic, Skill};

use crate::context::Context;
use crate::names::{
    ALL_TOKENS, Names, OpenTokens, Scratch, Variant, key_hash, mix, push_key, same_key, same_variant, similar, token_bit,
    token_key_count, token_keys, variant_count, variant_hashes,
};
use crate::registry::Rule;

/// How many other members of a group a finding names.
const LISTED: usize = 5;

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Vec<Diagnostic>) {
    let skills = &ctx.roadmap.skills;
    let names = Names::new(skills, |skill| skill.name.as_str());
    let mut groups = Groups::new(skills.len());
    // The same names: one sort of the key hashes, then every member of a
    // hash group joined to the first with the same key (hashes can collide;
    // keys decide). Only the first of each distinct spaced text takes part
    // in the edit search below: its copies are in its group already, and
    // ten thousand skills named alike cost one name's variants.
    // One word per name: the hash in the high bits, the index in the low `bits`.
    let bits = usize::BITS - skills.len().leading_zeros();
    let index_mask = u64::MAX.checked_shr(64 - bits).unwrap_or(0);
    let mut keyed: Vec<u64> =
        (0..skills.len()).map(|i| key_hash(names.get(i)).checked_shl(bits).unwrap_or(0) | i as u64).collect();
    keyed.sort_unstable();
    let mut first_of_text = vec![true; skills.len()];
    let mut key = String::new();
    for group in keyed.chunk_by(|x, y| x & !index_mask == y & !index_mask).filter(|g| g.len() > 1) {
        // Each distinct key once, with the first skill that has it.
        let mut keys: Vec<(String, usize)> = Vec::new();
        let mut texts: Vec<usize> = Vec::new();
        for &k in group {
            let i = (k & index_mask) as usize;
            let name = names.get(i);
            key.clear();
            push_key(name, &mut key);
            match keys.iter().find(|(other, _)| *other == key) {
                Some(&(_, first)) => groups.join(first, i),
                None => keys.push((key.clone(), i)),
            }
            match texts.iter().find(|&&t| names.spaced(t) == name.spaced) {
                Some(_) => first_of_text[i] = false,
                None => texts.push(i),
            }
        }
    }
    drop(keyed);
    // One edit apart: names sharing a variant hash (see `names.rs`). One
    // word per variant: the hash in the high bits, then the deleted
    // position (8 bits: editable names are at most 128 characters), then
    // the skill index in the low `bits`.
    let low = bits + 8;
    let key = |h: u64, v: Variant, i: usize| {
        let position = match v {
            Variant::Whole => 255,
            Variant::Deleted(k) => k as u64,
        };
        h.checked_shl(low).unwrap_or(0) | position << bits | i as u64
    };
    let decode = |k: u64| {
        let position = ((k >> bits) & 255) as usize;
        let variant = if position == 255 { Variant::Whole } else { Variant::Deleted(position) };
        ((k & index_mask) as usize, variant)
    };
    // Most variant hashes are unique. A first pass marks each hash's slot
    // in a bitmap (`seen`, then `again` for a slot seen twice); the second
    // keeps only the keys of slots seen twice: a few bits per variant
    // instead of a word each (all keys were 20 MB at 100k skills), for one
    // more hashing pass.
    // Only the letters of tokens that can hold an edit to another name
    // are deleted (see `names::token_keys`).
    let open = open_tokens(&names, &first_of_text);
    let open = |i: usize| match &open {
        Some(open) => open[i],
        None if first_of_text[i] => ALL_TOKENS,
        None => 0,
    };
    let count: usize = (0..skills.len()).map(|i| variant_count(names.spaced(i), open(i))).sum();
    // With memory to spare the first pass runs on two halves of the names
    // at once, each with bitmaps of its own: a slot is repeated when a half
    // repeats it or both see it. Otherwise on one thread: a bitmap per half
    // was 2 MB more at 100k skills (the issue's file went from 3.9 to 4.05
    // times its size), and one shared bitmap written atomically was slower
    // than one thread.
    let halves = trailmap::parallel::ranges(skills.len(), ctx.threads.clamp(1, 2));
    let whole = 0..skills.len();
    let first: &[Range<usize>] = if ctx.memory_to_spare() { &halves } else { std::slice::from_ref(&whole) };
    // Slots from the hash only, so that equal hashes share one (at most
    // `64 - low` bits: the keys' hash bits, plenty). Eight bits of bitmap
    // a variant in all, 4 slots a variant for one pass, 2 for two halves:
    // at 1M skills four bitmaps of 4 slots a variant were 64 MB of random
    // writes, and halving them made `--select TM109` 10-15% faster and 11 MB
    // smaller, though more slots are falsely repeated (more keys); at 100k,
    // on one thread, 2 slots kept 1 MB more keys than the bitmap saved.
    let slots_per_variant = if first.len() > 1 { 2 } else { 4 };
    let slots = Slots::new(count * slots_per_variant, 64 - low);
    // The first pass marks, over the names of `range`, each slot seen
    // (`seen`) and each seen twice (`again`).
    let mark = |range: &Range<usize>| {
        let mut scratch = Scratch::default();
        let (mut seen, mut again) = (slots.bitmap(), slots.bitmap());
        for i in range.clone() {
            let mut last = None;
            variant_hashes(names.spaced(i), &mut scratch, open(i), |_, h| {
                // Deleting either letter of a double one ("skill") gives one
                // text, hashed twice in a row: counted once, so that a name's
                // own repeats do not keep its keys (at 100k names "Skill number
                // N", 200,000 of 323,000 keys).
                if last.replace(h) == Some(h) {
                    return;
                }
                mark(&mut seen, &mut again, slots.of(h));
            });
        }
        (seen, again)
    };
    let mut marked = trailmap::parallel::map(first, mark).into_iter();
    let (mut seen, mut again) = marked.next().unwrap_or_default();
    for (more_seen, more_again) in marked {
        for ((s, a), (more_s, more_a)) in seen.iter_mut().zip(&mut again).zip(more_seen.iter().zip(&more_again)) {
            *a |= more_a | (*s & more_s);
            *s |= more_s;
        }
    }
    drop(seen);
    // The second pass only reads the bitmap: on a large roadmap it runs on
    // the two halves at once, each with its own keys.
    // Sized for two keys per repeated slot and a quarter more (2.1 on the
    // benchmark roadmaps): growing by doubling from empty held half as much
    // again at the last copy (17 MB at a million skills).
    let repeated: usize = again.iter().map(|word| word.count_ones() as usize).sum();
    let keys_in = |range: Range<usize>| {
        let share = repeated.saturating_mul(5) / 2 * range.len() / skills.len().max(1);
        let mut keys: Vec<u64> = Vec::with_capacity(share);
        let mut scratch = Scratch::default();
        for i in range {
            variant_hashes(names.spaced(i), &mut scratch, open(i), |v, h| {
                if is_set(&again, slots.of(h)) {
                    keys.push(key(mix(h), v, i));
                }
            });
        }
        keys
    };
    // Each half's keys sorted where they are, on its own thread: joined
    // into one list first, they were copied into a block twice the first
    // half's size while both halves lived (2.6 MB at 100k names).
    let parts = trailmap::parallel::map(&halves, |range| {
        let mut keys = keys_in(range.clone());
        sort_by_top_bytes(&mut keys, 56, 2);
        keys
    });
    drop(again);
    // Buffers of the loop below, kept from group to group.
    let (mut members, mut deleted, mut run) = (Vec::new(), Vec::new(), Vec::new());
    each_group(&parts, low, &mut run, |group| {
        // One name's own variants alike (a doubled letter deleted either
        // way: about one group per name) join nothing, and reading the
        // name would be a cache miss or two.
        if group.iter().all(|&k| k & index_mask == group[0] & index_mask) {
            return;
        }
        members.clear();
        members.extend(group.iter().map(|&k| decode(k)));
        // Members all in one group already join nothing: where names are
        // one letter apart from many others, most groups of variants are
        // met after their names have been joined through others.
        let root = groups.find(members[0].0);
        if members[1..].iter().all(|&(i, _)| groups.find(i) == root) {
            return;
        }
        // Members whose variants are really the same text (a hash can collide).
        let same = |(i, v): (usize, Variant), (j, w): (usize, Variant)| same_variant(names.spaced(i), v, names.spaced(j), w);
        each_class(&members, same, |class| join_variant_class(class, &names, &mut groups, &mut deleted));
    });
    drop(parts);
    report(ctx, rule, &names, &mut groups, out);
}

/// [`open_tokens`] opens every token without its second pass when fewer
/// than one key in this many is alone in its slot.
const MOSTLY_SHARED_ALONE: usize = 10;

/// For each name, the tokens whose key (see `names::token_keys`) another
/// name of a different text shares; none for a name whose text an earlier
/// name has (`first_of_text` false). Like the variants below, in two
/// passes over one bitmap: the first marks each key's slot seen, then
/// seen again; the second opens the tokens whose slot was seen again (a
/// collision opens a token more, never one less). Where nearly every key
/// is shared, every token is opened without the second pass: `None`.
fn open_tokens<T>(names: &Names<'_, T>, first_of_text: &[bool]) -> Option<Vec<OpenTokens>> {
    let firsts = || (0..names.len()).filter(|&i| first_of_text[i]);
    let count: usize = firsts().map(|i| token_key_count(names.spaced(i))).sum();
    // Four slots a key: a key is a few bits, and a name has a few keys.
    let slots = Slots::new(count * 4, 64);
    let (mut seen, mut again) = (slots.bitmap(), slots.bitmap());
    let mut scratch = Scratch::default();
    for i in firsts() {
        token_keys(names.spaced(i), &mut scratch, |_, h| mark(&mut seen, &mut again, slots.of(h)));
    }
    // Where nearly every key is shared (names drawn from a few words each,
    // "Tensor Modeling Babab") the second pass would open nearly every
    // token: all are opened without it.
    let ones = |bits: &[u64]| bits.iter().map(|word| word.count_ones() as usize).sum::<usize>();
    let alone = ones(&seen) - ones(&again);
    drop(seen);
    if alone * MOSTLY_SHARED_ALONE < count {
        return None;
    }
    let mut open = vec![0; names.len()];
    for i in firsts() {
        token_keys(names.spaced(i), &mut scratch, |token, h| {
            if is_set(&again, slots.of(h)) {
                open[i] |= token_bit(token);
            }
        });
    }
    Some(open)
}

/// The slots of a bitmap standing for a hash table without its entries:
/// equal hashes share a slot, and a slot shared by different ones is only
/// falsely repeated (work, never a finding).
struct Slots {
    bits: u32,
}

impl Slots {
    /// At least `slots` slots (a power of two, 64 or more), but not over
    /// 2^`max_bits`.
    fn new(slots: usize, max_bits: u32) -> Self {
        Slots { bits: slots.next_power_of_two().max(64).trailing_zeros().min(max_bits) }
    }

    /// A bitmap of every slot, clear.
    fn bitmap(&self) -> Vec<u64> {
        vec![0; (1usize << self.bits) / 64]
    }

    /// The slot of a raw hash, from one multiplication: the full mixing is
    /// left to the few keys kept.
    fn of(&self, raw: u64) -> usize {
        (raw.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }
}

/// Marks `slot` seen, and seen twice (`again`) if it was seen already.
fn mark(seen: &mut [u64], again: &mut [u64], slot: usize) {
    let (word, bit) = (slot / 64, 1u64 << (slot % 64));
    again[word] |= seen[word] & bit;
    seen[word] |= bit;
}

/// Whether `slot` is set in `bits`.
fn is_set(bits: &[u64], slot: usize) -> bool {
    bits[slot / 64] >> (slot % 64) & 1 == 1
}

/// Calls `group` with each run of two or more keys equal from bit `low`
/// up, across `parts` (each sorted), in ascending order: the runs that
/// sorting all the keys together would give, without that list. A run
/// from one part is passed where it lies; one from several is gathered
/// in `run` and sorted.
fn each_group(parts: &[Vec<u64>], low: u32, run: &mut Vec<u64>, mut group: impl FnMut(&[u64])) {
    let mut at = vec![0usize; parts.len()];
    let mut ends = vec![0usize; parts.len()];
    while let Some(top) = parts.iter().zip(&at).filter_map(|(part, &i)| part.get(i)).map(|k| k >> low).min() {
        // How many keys of the run, from how many parts (the last one kept).
        let (mut total, mut sources, mut only) = (0, 0, 0);
        for (k, part) in parts.iter().enumerate() {
            let mut end = at[k];
            while part.get(end).is_some_and(|key| key >> low == top) {
                end += 1;
            }
            if end > at[k] {
                (total, sources, only) = (total + end - at[k], sources + 1, k);
            }
            ends[k] = end;
        }
        if total > 1 && sources == 1 {
            group(&parts[only][at[only]..ends[only]]);
        } else if total > 1 {
            run.clear();
            for (k, part) in parts.iter().enumerate() {
                run.extend_from_slice(&part[at[k]..ends[k]]);
            }
            run.sort_unstable();
            group(run);
        }
        at.copy_from_slice(&ends);
    }
}

/// Sorts `keys` in place: an American flag pass on the byte at `shift`
/// (256 buckets: each bucket's write position stays in cache, where 4,096
/// buckets missed it on every swap), then each bucket the same way on the
/// next byte down, `levels` times, then a comparison sort of what is left.
fn sort_by_top_bytes(keys: &mut [u64], shift: u32, levels: u32) {
    if levels == 0 || keys.len() <= 256 {
        keys.sort_unstable();
        return;
    }
    let byte = |k: u64| (k >> shift & 0xFF) as usize;
    let mut starts = [0usize; 257];
    for &k in keys.iter() {
        starts[byte(k) + 1] += 1;
    }
    for b in 0..256 {
        starts[b + 1] += starts[b];
    }
    let mut next = starts;
    for b in 0..256 {
        while next[b] < starts[b + 1] {
            let target = byte(keys[next[b]]);
            if target == b {
                next[b] += 1;
            } else {
                keys.swap(next[b], next[target]);
                next[target] += 1;
            }
        }
    }
    for b in 0..256 {
        sort_by_top_bytes(&mut keys[starts[b]..starts[b + 1]], shift.saturating_sub(8), levels - 1);
    }
}

/// Calls `class` with each class of two or more `members` whose variants
/// are the same text (`same`), in the order their first members come.
/// Nearly always all members are one class: that is checked first,
/// without building classes (a group of two, a million times over, on
/// names one letter apart from many others).
fn each_class(
    members: &[(usize, Variant)],
    same: impl Fn((usize, Variant), (usize, Variant)) -> bool,
    mut class: impl FnMut(&[(usize, Variant)]),
) {
    let Some((&first, rest)) = members.split_first() else { return };
    if rest.iter().all(|&m| same(first, m)) {
        if !rest.is_empty() {
            class(members);
        }
        return;
    }
    let mut classes: Vec<Vec<(usize, Variant)>> = Vec::new();
    for &m in members {
        match classes.iter_mut().find(|c| same(c[0], m)) {
            Some(c) => c.push(m),
            None => classes.push(vec![m]),
        }
    }
    for c in classes.iter().filter(|c| c.len() > 1) {
        class(c);
    }
}

/// Joins the members of one variant class (names whose variant texts are
/// equal) that are one edit apart. Every such pair is of one of three
/// kinds, each joined in linear time:
///
/// - the whole name and a name with one more letter (deleted at `k`);
/// - two names with a letter deleted at the same `k`: they differ in that
///   letter only, so all are joined to the first;
/// - letter `c` deleted at `k` from one and at `k + 1` from another: the
///   two differ by a swap of neighbours.
///
/// `deleted` is a buffer, kept between classes.
fn join_variant_class(
    class: &[(usize, Variant)],
    names: &Names<'_, Skill>,
    groups: &mut Groups,
    deleted: &mut Vec<(usize, char, usize)>,
) {
    deleted.clear();
    deleted.extend(class.iter().filter_map(|&(i, v)| match v {
        Variant::Deleted(k) => Some((k, names.spaced(i).char_at(k), i)),
        Variant::Whole => None,
    }));
    deleted.sort_unstable();
    // Two names already in one group need no test: where many names are
    // one edit from many others (names spelled over two letters), nearly
    // every pair of a class is, and the test reads both names.
    let mut join = |a: usize, b: usize| {
        if groups.find(a) != groups.find(b) && similar(names.get(a), names.get(b)) {
            groups.join(a, b);
        }
    };
    if let Some(&(whole, _)) = class.iter().find(|(_, v)| *v == Variant::Whole) {
        for &(_, _, i) in deleted.iter() {
            join(whole, i);
        }
    }
    for run in deleted.chunk_by(|x, y| x.0 == y.0) {
        for &(_, _, i) in &run[1..] {
            join(run[0].2, i);
        }
    }
    for run in deleted.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        let (k, c, i) = run[0];
        let at = deleted.partition_point(|&(kk, cc, _)| (kk, cc) < (k + 1, c));
        if let Some(&(kk, cc, j)) = deleted.get(at) {
            if (kk, cc) == (k + 1, c) {
                join(i, j);
            }
        }
    }
}

/// One finding per group of two or more skills: at the second skill of
/// the group in file order, naming the first and listing a few others.
fn report(
    ctx: &Context<'_>,
    rule: &crate::registry::Rule,
    names: &Names<'_, Skill>,
    groups: &mut Groups,
    out: &mut Vec<Diagnostic>,
) {
    let skills = &ctx.roadmap.skills;
    let mut members: Vec<(u32, u32)> = (0..skills.len())
        .filter_map(|i| {
            let root = groups.find(i);
            (root != i).then_some((root as u32, i as u32))
        })
        .collect();
    members.sort_unstable();
    for group in members.chunk_by(|x, y| x.0 == y.0) {
        let a = group[0].0 as usize;
        // Skills sharing an id are one skill (a duplicate id is reported as such).
        let mut others = group.iter().map(|&(_, i)| i as usize).filter(|&i| skills[i].id != skills[a].id);
        let Some(b) = others.next() else { continue };
        let rest: Vec<usize> = others.collect();
        let same = same_key(names.get(a), names.get(b));
        let mut message = format!(
            "skills `{}` and `{}` have {} names: \"{}\" and \"{}\"",
            skills[b].id,
            skills[a].id,
            if same { "the same" } else { "nearly the same" },
            preview_str(&skills[b].name),
            preview_str(&skills[a].name)
        );
        let help = if rest.is_empty() {
            format!("if they are one skill, merge them and keep `{}` in `former_ids`", skills[b].id)
        } else {
            let listed: Vec<String> = rest.iter().take(LISTED).map(|&i| format!("`{}`", skills[i].id)).collect();
            let more = if rest.len() > LISTED { format!(" and {} more", rest.len() - LISTED) } else { String::new() };
            message.push_str(&format!(", as do {}{more}", listed.join(", ")));
            "if they are one skill, merge them and keep the other ids in `former_ids`".to_owned()
        };
        out.push(ctx.diag(rule, message).at(format!("/skills/{b}/name")).with_help(help));
    }
}

/// Groups of similar names: union-find whose root is the group's first
/// skill in file order.
struct Groups {
    parent: Vec<u32>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups { parent: (0..n as u32).collect() }
    }

    /// The first skill of `i`'s group (path halving).
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let up = self.parent[self.parent[i] as usize];
            self.parent[i] = up;
            i = up as usize;
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (low, high) = (ra.min(rb), ra.max(rb));
        self.parent[high] = low as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The runs of sorted parts are the runs of all their keys sorted
        /// together: the same keys, in the same order.
        #[test]
        fn each_group_gives_the_runs_of_the_keys_sorted_together(
            parts in prop::collection::vec(prop::collection::vec(0u64..64, 0..40), 1..4),
            low in 0u32..4,
        ) {
            let parts: Vec<Vec<u64>> = parts.into_iter().map(|mut p| { p.sort_unstable(); p }).collect();
            let mut all: Vec<u64> = parts.concat();
            all.sort_unstable();
            let expected: Vec<Vec<u64>> =
                all.chunk_by(|x, y| x >> low == y >> low).filter(|g| g.len() > 1).map(<[u64]>::to_vec).collect();
            let mut found = Vec::new();
            each_group(&parts, low, &mut Vec::new(), |g| found.push(g.to_vec()));
            prop_assert_eq!(found, expected);
        }
    }

    /// Only tokens whose key another name shares are opened; where nearly
    /// every key is shared, all of them.
    #[test]
    fn open_tokens_are_those_of_shared_keys() {
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
        // "gradient *" is shared; "* boosting", "skill * 1" and the rest are
        // not, but a key's slot can collide with another's (a token more).
        let open = open_tokens(&names, &first_of_text).expect("most keys alone");
        assert_eq!(open[0] & 0b10, 0b10);
        assert_eq!(open[1] & 0b10, 0b10);
        assert_eq!(open[6], 0, "a repeated text opens nothing");
        assert!(open.iter().filter(|&&o| o == 0).count() >= 3, "{open:?}");
        let words = ["Tensor modeling", "Tensor sampling", "Video modeling", "Video sampling"];
        let names = Names::of_texts(&words);
        assert_eq!(open_tokens(&names, &[true; 4]), None);
    }

    /// Variants whose hashes collide make several classes in one group:
    /// each is joined on its own, and a member alone joins nothing.
    #[test]
    fn each_class_splits_a_group_by_text() {
        let members: Vec<(usize, Variant)> = (0..7).map(|i| (i, Variant::Deleted(i))).collect();
        let classes = |same: fn(usize, usize) -> bool| {
            let mut got = Vec::new();
            each_class(&members, |(i, _), (j, _)| same(i, j), |c| got.push(c.iter().map(|m| m.0).collect::<Vec<_>>()));
            got
        };
        assert_eq!(classes(|_, _| true), [vec![0, 1, 2, 3, 4, 5, 6]]);
        assert_eq!(classes(|i, j| i % 3 == j % 3), [vec![0, 3, 6], vec![1, 4], vec![2, 5]]);
        assert_eq!(classes(|i, j| i == j || i.min(j) >= 5), [vec![5, 6]]);
        assert!(classes(|i, j| i == j).is_empty());
        let mut calls = 0;
        each_class(&members[..1], |_, _| true, |_| calls += 1);
        each_class(&[], |_, _| true, |_| calls += 1);
        assert_eq!(calls, 0, "one member or none: no class to join");
    }
}

//! `variant_search`'s tests: the search joins exactly the names one edit
//! apart, on one thread or several.

use super::*;
use crate::names::search::tests::one_edit_groups;
use proptest::prelude::*;

/// `members` (name, where its token starts) packed as the search
/// takes them.
fn packed(bits: u32, members: &[(usize, usize)]) -> Vec<u64> {
    members.iter().map(|&(i, start)| pack(bits, 0, start, i)).collect()
}

/// The joins of `members` by [`VariantSearch`], as groups: each name's
/// first member.
fn variant_search(names: &Names<'_, &str>, members: &[(usize, usize)], sorted_max: usize) -> Vec<usize> {
    let bits = usize::BITS - names.len().leading_zeros();
    let groups = Groups::new(names.len());
    let mut search = VariantSearch::new(names, bits);
    search.sorted_max = sorted_max;
    search.join(&packed(bits, members), &groups);
    (0..names.len()).map(|i| groups.find(i)).collect()
}

/// The joins of `members` by [`join_on_threads`] on `threads`
/// threads, from any number of variants, as groups; `joined` are
/// joined before, as other groups' searches would have.
fn search_on_threads(
    names: &Names<'_, &str>,
    members: &[(usize, usize)],
    threads: usize,
    joined: &[(usize, usize)],
) -> Vec<usize> {
    let bits = usize::BITS - names.len().leading_zeros();
    let groups = Groups::new(names.len());
    joined.iter().for_each(|&(a, b)| groups.join(a, b));
    join_on_threads(names, bits, &packed(bits, members), threads, 0, &groups);
    (0..names.len()).map(|i| groups.find(i)).collect()
}

proptest! {
    /// In a group of names sharing all but their last token, the
    /// variant search joins exactly the names one edit apart there,
    /// with its variants all sorted or the repeated ones first found
    /// through a bitmap.
    #[test]
    fn variant_search_joins_the_names_one_edit_apart(
        // Distinct texts, as the rule searches: copies are joined before.
        words in prop::collection::btree_set("[ab]{3,6}", 2..60),
    ) {
        let texts: Vec<String> = words.iter().map(|w| format!("Gradient {w}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let names = Names::of_texts(&texts);
        let members: Vec<(usize, usize)> = (0..texts.len()).map(|i| (i, "gradient ".len())).collect();
        let expected = one_edit_groups(&names, &[]);
        prop_assert_eq!(variant_search(&names, &members, usize::MAX), expected.clone());
        prop_assert_eq!(variant_search(&names, &members, 0), expected);
    }

    /// On several threads the search joins exactly what it joins on
    /// one, whatever is joined already (names of the group joined to
    /// each other or to names outside it): one word a name, over few
    /// letters so that runs span every thread's list, and with some
    /// words accented (a wide list of letters).
    #[test]
    fn the_search_on_threads_joins_the_names_one_edit_apart(
        words in prop::collection::btree_set("[abé]{6,11}", 2..300),
        threads in 1usize..5,
        joined in prop::collection::vec((0usize..400, 0usize..400), 0..6),
    ) {
        let mut texts: Vec<&str> = words.iter().map(String::as_str).collect();
        // Names outside the group, which joins may reach.
        texts.extend(["Outside name one", "Outside name two"]);
        let names = Names::of_texts(&texts);
        let members: Vec<(usize, usize)> = (0..words.len()).map(|i| (i, 0)).collect();
        let joined: Vec<(usize, usize)> = joined.iter().map(|&(a, b)| (a % texts.len(), b % texts.len())).collect();
        let expected = one_edit_groups(&names, &joined);
        prop_assert_eq!(search_on_threads(&names, &members, threads, &joined), expected);
    }
}

/// The groups of a run of keys that all share `hash` (a collision
/// where their texts differ), as [`RunBuffers::join`] leaves them.
fn run_groups(texts: &[&str], members: &[(usize, Variant)]) -> Vec<usize> {
    let names = Names::of_texts(texts);
    let bits = usize::BITS - names.len().leading_zeros();
    let mut run: Vec<u64> = members.iter().map(|&(i, v)| pack_variant(bits, v, 0xC0FFEE, i)).collect();
    run.sort_unstable();
    let groups = Groups::new(names.len());
    RunBuffers::default().join(&names, bits, &run, &groups);
    (0..names.len()).map(|i| groups.find(i)).collect()
}

/// A run is joined as one text first; hashes that collide show
/// themselves by a pair not joined, and the run is then joined a text
/// at a time.
#[test]
fn a_run_of_colliding_hashes_is_joined_a_text_at_a_time() {
    // Two texts at one position: the run's first ("kubernetes") is
    // not one edit from "terraforms", yet "terrafarms" is joined to it.
    let texts = ["kubernetes", "kubernates", "terraforms", "terrafarms"];
    let at_6: Vec<(usize, Variant)> = (0..4).map(|i| (i, Variant::Deleted(6))).collect();
    assert_eq!(run_groups(&texts, &at_6), [0, 0, 2, 2]);
    // Two whole names are two texts: each joins its own.
    let texts = ["kubernets", "terraform", "kubernetes", "terrauform"];
    let wholes = [(0, Variant::Whole), (1, Variant::Whole), (2, Variant::Deleted(8)), (3, Variant::Deleted(5))];
    assert_eq!(run_groups(&texts, &wholes), [0, 1, 0, 1]);
    // Swaps of two texts: only the pairs of one text are joined.
    let texts = ["kubernetes", "kubenretes", "prometheus", "promteheus"];
    let swaps =
        [(0, Variant::Deleted(4)), (1, Variant::Deleted(5)), (2, Variant::Deleted(4)), (3, Variant::Deleted(5))];
    assert_eq!(run_groups(&texts, &swaps), [0, 0, 2, 2]);
}

/// The sample of the bitmap tells a group whose variants are nearly
/// all repeated (every word of ten letters `a` and `b`) from one
/// whose variants are nearly all alone (words of a wide alphabet).
#[test]
fn the_sample_tells_repeated_variants_from_alone_ones() {
    let decide = |words: &[String]| {
        let texts: Vec<&str> = words.iter().map(String::as_str).collect();
        let names = Names::of_texts(&texts);
        let bits = usize::BITS - names.len().leading_zeros();
        let members: Vec<(usize, usize)> = (0..texts.len()).map(|i| (i, 0)).collect();
        let group = packed(bits, &members);
        let shared = SharedGroup { names: &names, bits, group: &group };
        let count = members.iter().map(|&(i, start)| token_variant_count(names.spaced(i), start)).sum::<usize>();
        let slots = Slots::new(count * 4, 64 - (bits + 8));
        let parts: Vec<(Range<usize>, usize)> =
            trailmap::parallel::ranges(group.len(), 2).into_iter().map(|r| (r, 0)).collect();
        shared.mostly_repeated(&slots, &parts)
    };
    let binary: Vec<String> =
        (0..1u32 << 10).map(|n| format!("{n:010b}").replace('0', "a").replace('1', "b")).collect();
    assert!(decide(&binary));
    // Letters drawn by a linear congruential generator: no two words share a variant.
    let mut state = 12_345u64;
    let wide: Vec<String> = (0..4_000)
        .map(|_| {
            (0..12)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    char::from(b'a' + (state >> 59) as u8 % 26)
                })
                .collect()
        })
        .collect();
    assert!(!decide(&wide));
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

/// A large group's runs are split between threads by hash: with
/// thousands of names one edit apart, the search on two and three
/// threads joins what it joins on one.
#[test]
fn a_large_group_on_threads_joins_what_one_thread_joins() {
    let words: Vec<String> =
        (0..6_000u32).map(|n| format!("{:013b}", n * 7).replace('0', "a").replace('1', "b")).collect();
    let texts: Vec<&str> = words.iter().map(String::as_str).collect();
    let names = Names::of_texts(&texts);
    let members: Vec<(usize, usize)> = (0..texts.len()).map(|i| (i, 0)).collect();
    let one = search_on_threads(&names, &members, 1, &[]);
    assert!(one.iter().enumerate().any(|(i, &root)| root != i), "some names are joined");
    for threads in [2, 3] {
        assert_eq!(search_on_threads(&names, &members, threads, &[]), one, "{threads} threads");
    }
}

use super::labels::Labels;
use super::{Blocks, Plain, ReductionMemory, RedundantEntry, Window, find, find_tuned, find_within, ranks, to_u32};
use super::{SEARCH_TO_BLOCKS, Search, Work, levels, sample_enough, sampled_search_work, switches_to_blocks};
use crate::{Roadmap, SkillGraph};

/// A roadmap of `n` skills, each with up to `degree` plain
/// prerequisites among the previous `window` skills.
pub(super) fn random(n: usize, window: usize, degree: usize, seed: u64) -> Roadmap {
    let mut next = xorshift(seed);
    roadmap_needing((0..n).map(|i| {
        let from = i.saturating_sub(window);
        let count = if i == 0 { 0 } else { next(degree + 1) };
        (0..count).map(|_| from + next(i - from)).collect()
    }))
}

/// Numbers below `below`, from a xorshift generator seeded `seed`.
pub(super) fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |below| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    }
}

/// The roadmap of skills `s0`, `s1`, ..., skill `i` needing the skills
/// (by number) of the `i`-th list, in its order.
fn roadmap_needing(lists: impl Iterator<Item = Vec<usize>>) -> Roadmap {
    let skills: Vec<String> = lists
        .enumerate()
        .map(|(i, list)| {
            let needs: Vec<String> = list.iter().map(|p| format!("\"s{p}\"")).collect();
            format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": [{}]}}"#, needs.join(", "))
        })
        .collect();
    let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
    Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap")
}

/// Rows as narrow as tight memory makes them (four words at 40,000
/// skills against sixteen) give the same answer, where prerequisites
/// drawn from everything before send the questions to the blocks.
#[test]
fn tight_rows_answer_as_ample_ones() {
    let n = 40_000;
    assert_eq!(Blocks::words_for(n, ReductionMemory::Tight), 4);
    assert!(Blocks::words_for(n, ReductionMemory::Ample) >= 16);
    let roadmap = random(n, n, 8, 41);
    let graph = SkillGraph::new(&roadmap);
    let tight = find(&graph, u64::MAX, 2, ReductionMemory::Tight);
    assert!(tight.found.len() > 1_000, "{} redundant entries", tight.found.len());
    assert_eq!(tight, find(&graph, u64::MAX, 2, ReductionMemory::Ample));
}

/// The blocks name each finding by its entry in the skill's
/// `prerequisites`, counting the `any_of` groups before it, as brute
/// force does (they find it by its place among the plain ones).
#[test]
fn blocks_name_entries_after_any_of_groups() {
    let mut roadmap = random(3_000, 3_000, 20, 25);
    for skill in roadmap.skills.iter_mut().skip(2).step_by(3) {
        skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
    }
    let graph = SkillGraph::new(&roadmap);
    let expected = brute_force(&graph);
    assert!(expected.iter().any(|&(v, e, ..)| v % 3 == 2 && e > 0), "a finding after a group");
    // A ring too small for most questions: twenty prerequisites a
    // skill go to the blocks.
    assert_eq!(found_with_small_ring(&graph, 2), expected);
}

/// A ring of exact answers too small for most questions (a 64-rank span,
/// 70 rows), so that the labels, the searches and the blocks answer.
fn small_ring(span: u32, back: u32) -> Window {
    Window::new(span, back, 64, 8 * 2 * 70)
}

/// What the answer finds on `threads` with a ring too small for most
/// questions (a 64-rank span, 70 rows), named as [`brute_force`] names it.
fn found_with_small_ring(graph: &SkillGraph<'_>, threads: usize) -> Vec<(u32, u32, u32, u32)> {
    named(&find_within(graph, small_ring, u64::MAX, threads).found)
}

/// Entries found, named as [`brute_force`] names them.
fn named(found: &[RedundantEntry]) -> Vec<(u32, u32, u32, u32)> {
    found.iter().map(|r| (r.skill_index, r.entry, r.prerequisite_index, r.via_index)).collect()
}

/// The labels and landmarks made on two threads are those made on
/// one, on graphs with cycles and `any_of` groups too, and the work
/// beside them is returned.
#[test]
fn the_labels_made_beside_are_the_same() {
    for (n, window, degree, seed) in [(1, 1, 1, 1), (700, 700, 6, 2), (900, 40, 40, 3), (2_000, 300, 3, 4)] {
        let mut roadmap = random(n, window, degree, seed);
        for skill in roadmap.skills.iter_mut().skip(3).step_by(7) {
            skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
        }
        if n > 10 {
            // A cycle among the last skills: they, and what needs them,
            // are left out of the order; the rest are labelled.
            roadmap.skills[n - 9].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 5).into()));
            roadmap.skills[n - 5].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 9).into()));
        }
        let graph = SkillGraph::new(&roadmap);
        let plain = Plain::new(&graph);
        let order = graph.topological_indices();
        assert!(order.len() + 10 > n && (n < 10 || order.len() < n), "{n}: {} in order", order.len());
        let alone = Labels::new(&plain, &order, n);
        let (beside, other) = Labels::new_beside(&plain, &order, n, || order.len());
        assert!(beside.landmarks == alone.landmarks, "{n} {window} {degree}");
        assert_eq!((beside.labels, other), (alone.labels, order.len()), "{n} {window} {degree}");
    }
}

/// The traversal enters a skill's nearest prerequisite in rank first:
/// where each skill needs the one before it, listed after two from far
/// back (oldest first, as authors list them), it follows the chain, and
/// every skill's depth-first subtree holds every skill below it, so the
/// labels alone say that it needs each of them.
#[test]
fn the_traversal_follows_a_chain_listed_last() {
    let n = 600;
    // Up to two from anywhere before, sorted, then the one before.
    let mut roadmap = random(n, n, 2, 7);
    for (i, skill) in roadmap.skills.iter_mut().enumerate().skip(1) {
        let number = |p: &crate::Prerequisite| p.skill_ids().next().and_then(|id| id[1..].parse::<usize>().ok());
        let mut far: Vec<usize> = skill.prerequisites.iter().filter_map(number).filter(|&j| j + 1 != i).collect();
        far.sort_unstable();
        far.dedup();
        skill.prerequisites =
            far.into_iter().chain([i - 1]).map(|j| crate::Prerequisite::Skill(format!("s{j}").into())).collect();
    }
    let graph = SkillGraph::new(&roadmap);
    let plain = Plain::new(&graph);
    let order = graph.topological_indices();
    let labels = Labels::new(&plain, &order, n).labels;
    assert!(labels.iter().all(|l| l.post != u32::MAX), "no hub is left out");
    for (i, a) in labels.iter().enumerate() {
        let below = labels[..i].iter().filter(|b| a.first <= b.post && b.post < a.post).count();
        assert_eq!(below, i, "s{i}'s subtree");
    }
}

/// A ring too small for most questions (a 64-rank span, 70 rows) leaves
/// them to the labels and the search: the findings stay the same.
#[test]
fn a_small_ring_finds_the_same() {
    for (n, window, degree, seed) in [(600, 600, 6, 1), (600, 150, 20, 2), (900, 40, 40, 3), (500, 500, 30, 4)] {
        let roadmap = random(n, window, degree, seed);
        let graph = SkillGraph::new(&roadmap);
        let small = find_within(&graph, small_ring, u64::MAX, 1).found;
        let found = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
        assert!(!found.is_empty());
        assert_eq!(small, found, "{n} {window} {degree}");
    }
}

/// Skills most others need (one every skill lists, or hubs most draw
/// their prerequisites from) are left out of the labels, the landmark rows
/// answering every path through them: with a ring too small for most
/// questions, on one thread and two, the findings are brute force's.
#[test]
fn hubs_left_out_of_the_labels_find_what_brute_force_finds() {
    for (n, seed, fan) in [(1_500, 1, true), (2_000, 2, false), (1_200, 3, true)] {
        let mut roadmap = random(n, n, 2, seed);
        // Preferential attachment: each skill draws one more prerequisite
        // from the ends of the edges so far (`hubs`), or needs `s0` too.
        let mut ends: Vec<usize> = vec![0];
        for i in 1..n {
            let pick = if fan { 0 } else { ends[(i * 7_919 + seed as usize) % ends.len()] };
            roadmap.skills[i].prerequisites.push(crate::Prerequisite::Skill(format!("s{pick}").into()));
            ends.extend([pick, i]);
        }
        let graph = SkillGraph::new(&roadmap);
        let plain = Plain::new(&graph);
        let order = graph.topological_indices();
        let labels = Labels::new(&plain, &order, n);
        let left_out = labels.labels.iter().filter(|l| l.post == u32::MAX).count();
        assert!(left_out > 0 && (!fan || labels.labels[0].post == u32::MAX), "{n}: {left_out} left out");
        let expected = brute_force(&graph);
        assert!(expected.len() > n / 10, "{n}: {} redundant entries", expected.len());
        for threads in [1, 2] {
            assert_eq!(found_with_small_ring(&graph, threads), expected, "{n} fan {fan} on {threads}");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// On random graphs with hubs (each skill needing, beside up to
    /// `degree` others, a skill drawn from the first `hubs`, most often the
    /// first), with a ring too small to answer, the labels without the
    /// hubs, their rows and the searches give brute force's findings, on
    /// one to three threads.
    #[test]
    fn graphs_with_hubs_match_brute_force(
        n in 200usize..1_500,
        degree in 0usize..4,
        hubs in 1usize..6,
        seed in 1u64..u64::MAX,
    ) {
        let mut roadmap = random(n, n, degree, seed);
        for (i, skill) in roadmap.skills.iter_mut().enumerate().skip(hubs) {
            let hub = if i % 3 == 0 { i / 3 % hubs } else { 0 };
            skill.prerequisites.push(crate::Prerequisite::Skill(format!("s{hub}").into()));
        }
        let graph = SkillGraph::new(&roadmap);
        let (plain, order) = (Plain::new(&graph), graph.topological_indices());
        let labels = Labels::new(&plain, &order, n);
        proptest::prop_assert!(labels.hubs_left_out && labels.labels[0].post == u32::MAX, "s0 is a hub");
        let expected = brute_force(&graph);
        for threads in 1..=3 {
            proptest::prop_assert_eq!(&found_with_small_ring(&graph, threads), &expected, "on {} threads", threads);
        }
    }
}

/// One skill needing every other one, wider apart than any ring, does
/// not size the ring (it is answered by one marking search): the other
/// skills' questions stay with the ring, and the findings are brute
/// force's.
#[test]
fn a_skill_needing_everything_leaves_the_ring_to_the_others() {
    let n = super::window::SPAN_MAX as usize + 800;
    let roadmap = random(n, 40, 4, 11);
    let mut text = serde_json::to_value(&roadmap).unwrap();
    let everything: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    text["skills"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "all", "name": "All", "prerequisites": everything}));
    let roadmap = Roadmap::from_json_str(&text.to_string()).roadmap.expect("a valid roadmap");
    let graph = SkillGraph::new(&roadmap);
    let found = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
    let expected = brute_force(&graph);
    assert!(expected.iter().any(|&(v, ..)| graph.id(v) == "all"), "the wide skill has redundant entries");
    assert!(expected.iter().any(|&(v, ..)| graph.id(v) != "all"), "so do others");
    let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
    let public: Vec<_> = found.iter().map(|r| (graph.id(r.skill_index), r.entry as usize)).collect();
    assert_eq!(public, by_entry);
    let small = find_within(&graph, small_ring, u64::MAX, 1).found;
    assert_eq!(small, found);
}

/// Whether each skill (of the topological order) needs each other one
/// through plain prerequisites, by brute force: each skill's full set.
pub(super) fn reach(graph: &SkillGraph<'_>) -> Vec<Vec<bool>> {
    let plain = Plain::new(graph);
    let n = graph.len();
    let mut reach = vec![vec![false; n]; n];
    for &x in &graph.topological_indices() {
        for &u in plain.needs(x) {
            reach[x as usize][u as usize] = true;
            let below = reach[u as usize].clone();
            for (w, r) in below.into_iter().enumerate() {
                reach[x as usize][w] |= r;
            }
        }
    }
    reach
}

/// Every redundant entry by brute force: each skill's full set of what
/// it needs, then for each entry the first other prerequisite (in entry
/// order) whose set holds it.
fn brute_force(graph: &SkillGraph<'_>) -> Vec<(u32, u32, u32, u32)> {
    let plain = Plain::new(graph);
    let n = graph.len();
    let reach = reach(graph);
    let mut found = Vec::new();
    for v in 0..to_u32(n) {
        let needs = plain.needs(v);
        for (k, &t) in needs.iter().enumerate() {
            if let Some(&via) = needs.iter().find(|&&q| q != t && reach[q as usize][t as usize]) {
                found.push((v, plain.entry(v, k), t, via));
            }
        }
    }
    found.sort_unstable();
    found
}

/// A roadmap of `n` skills forming a random tree (each skill's parent
/// drawn among those before it), each skill needing every ancestor:
/// listed from the parent up, from the root down, or in a shuffled order.
fn ancestors(n: usize, listing: Listing, seed: u64) -> Roadmap {
    let mut next = xorshift(seed);
    let mut parent = vec![usize::MAX; n];
    roadmap_needing((0..n).map(|i| {
        let mut up = Vec::new();
        if i > 0 {
            parent[i] = next(i);
            let mut a = parent[i];
            while a != usize::MAX {
                up.push(a);
                a = parent[a];
            }
        }
        match listing {
            Listing::ParentFirst => {}
            Listing::RootFirst => up.reverse(),
            Listing::Shuffled => {
                for k in (1..up.len()).rev() {
                    up.swap(k, next(k + 1));
                }
            }
        }
        up
    }))
}

/// How [`ancestors`] lists each skill's ancestors.
#[derive(Clone, Copy, Debug)]
enum Listing {
    ParentFirst,
    RootFirst,
    Shuffled,
}

/// Where every skill lists all its ancestors, each prerequisite lists
/// the ones above it: the answer is what brute force finds (every entry
/// but the parent's), in any listing; the labels settle every target
/// the blocks would be asked about, and the searches spend about one
/// entry of work a skill.
#[test]
fn roadmaps_listing_every_ancestor_are_answered_from_the_lists() {
    for (listing, seed) in [(Listing::ParentFirst, 41), (Listing::RootFirst, 42), (Listing::Shuffled, 43)] {
        let n = 2_000;
        let roadmap = ancestors(n, listing, seed);
        let graph = SkillGraph::new(&roadmap);
        let expected = brute_force(&graph);
        let entries: usize = roadmap.skills.iter().map(|s| s.prerequisites.len()).sum();
        assert_eq!(expected.len(), entries - (n - 1), "all but each parent's entry");
        let work = 40 * n as u64;
        let found = find_within(&graph, small_ring, work, 2);
        assert!(found.unchecked.is_empty(), "{listing:?}: within {work} entries of work");
        assert_eq!(named(&found.found), expected, "{listing:?}");
        // The labels leave no target open.
        let order = graph.topological_indices();
        let plain = Plain::new(&graph);
        let (rank, level) = (ranks(&order, n), levels(&plain, &order));
        let mut search = Search::new(&plain, &order, &rank, &level, 1, super::search::FAR_RANKS);
        let (open, settled) = search.open_targets(&order, 2, 1);
        assert!(open.iter().all(|&o| !o), "{listing:?}");
        assert_eq!(settled.len(), expected.len(), "{listing:?}");
        // The searches read each prerequisite's list once for the skill,
        // counted a sixteenth of an entry each (rank 0 as the current
        // skill: the ring answers nothing).
        let mut work = Work { spent: 0, max: u64::MAX };
        for &v in &order {
            assert!(search.first_needing(&small_ring(0, 0), 0, plain.needs(v), &mut work, |_, _| {}));
        }
        // About one entry a skill (counted whole, a list read a question:
        // six to eight).
        assert!(work.spent <= 2 * n as u64, "{listing:?}: {} entries of work", work.spent);
    }
}

/// With work to spare the bounded search finds what the unbounded one
/// finds; with less it stops, and then every skill is either checked
/// (its findings all there) or named as unchecked (none of its
/// findings there), on the ring, the labels and searches, the blocks
/// and the marking searches alike.
#[test]
fn a_search_out_of_work_names_what_it_left() {
    let mut stops = 0;
    for (n, window, degree, seed) in [(600, 600, 6, 1), (600, 150, 20, 2), (500, 500, 30, 4), (700, 700, 3, 7)] {
        let roadmap = random(n, window, degree, seed);
        let graph = SkillGraph::new(&roadmap);
        let full = find_within(&graph, small_ring, u64::MAX, 1);
        assert!(full.unchecked.is_empty());
        let plain = Plain::new(&graph);
        for max_work in [0, 1, 10, 100, 1_000, 10_000, 100_000, u64::MAX] {
            let bounded = find_within(&graph, small_ring, max_work, 1);
            stops += usize::from(!bounded.unchecked.is_empty());
            assert_within_bound(&plain, &full, &bounded, &format!("{n} {window} {degree} within {max_work}"));
        }
        assert_eq!(
            find_within(&graph, Window::bounded, 0, 1),
            find(&graph, u64::MAX, 1, ReductionMemory::Ample),
            "the ring needs no work"
        );
    }
    assert!(stops >= 8, "small budgets stop the searches ({stops} stops)");
}

/// `bounded` names as unchecked only skills asked about, in order, and
/// found for the others exactly what `full` (unbounded) found.
fn assert_within_bound(
    plain: &Plain<'_>,
    full: &super::RedundantEntries,
    bounded: &super::RedundantEntries,
    case: &str,
) {
    assert!(bounded.unchecked.iter().all(|&v| plain.needs(to_u32(v)).len() >= 2), "{case}");
    assert!(bounded.unchecked.is_sorted(), "{case}");
    let unchecked = |skill: u32| bounded.unchecked.binary_search(&(skill as usize)).is_ok();
    let kept: Vec<_> = full.found.iter().filter(|r| !unchecked(r.skill_index)).copied().collect();
    assert_eq!(bounded.found, kept, "{case}");
}

/// The searches in chunks of ranks on two and three threads find what
/// brute force finds, skills with very many prerequisites (marking
/// searches) among them; within a work bound, they check the skills one
/// thread checks.
#[test]
fn the_searches_in_chunks_find_what_one_thread_finds() {
    let chunks = super::Tuning { chunk_min: 0, ..super::TUNED };
    let mut stops = 0;
    // Entries of skills a few hundred ranks back counting twice, as past
    // `FAR_RANKS` on a large graph.
    let far = super::Tuning { far_ranks: 300, ..chunks };
    let mut fewer_checked = 0;
    for (n, window, degree, seed) in [(3_000, 3_000, 3, 1), (2_500, 400, 5, 2), (2_000, 2_000, 8, 3), (3_000, 90, 4, 4)]
    {
        let mut roadmap = random(n, window, degree, seed);
        // A skill needing 300 others, far apart: a marking search.
        roadmap.skills[n - 10].prerequisites =
            (0..300).map(|i| crate::Prerequisite::Skill(format!("s{}", i * 6).into())).collect();
        let graph = SkillGraph::new(&roadmap);
        let expected = brute_force(&graph);
        let plain = Plain::new(&graph);
        for threads in [2, 3] {
            let all = find_tuned(&graph, small_ring, chunks, u64::MAX, threads);
            assert!(all.unchecked.is_empty());
            assert_eq!(named(&all.found), expected, "{n} {window} {degree} on {threads}");
            for max_work in [0, 100, 3_000, 30_000, 300_000] {
                let bounded = find_tuned(&graph, small_ring, chunks, max_work, threads);
                stops += usize::from(!bounded.unchecked.is_empty());
                let case = format!("{n} {window} {degree} within {max_work} on {threads}");
                assert_within_bound(&plain, &all, &bounded, &case);
                // The same skills as one thread checks, whatever the timing.
                assert_eq!(bounded, find_within(&graph, small_ring, max_work, 1), "{case}");
                // Far entries counted twice: still exact for the skills
                // checked, the same on any number of threads, and never
                // more skills checked than when counted once.
                let weighted = find_tuned(&graph, small_ring, far, max_work, threads);
                assert_within_bound(&plain, &all, &weighted, &format!("{case}, far entries twice"));
                assert_eq!(weighted, find_tuned(&graph, small_ring, far, max_work, 1), "{case}, far entries twice");
                assert!(weighted.unchecked.len() >= bounded.unchecked.len(), "{case}");
                fewer_checked += usize::from(weighted.unchecked.len() > bounded.unchecked.len());
            }
            assert_eq!(
                find_tuned(&graph, small_ring, far, u64::MAX, threads),
                all,
                "{n} {window} {degree} on {threads}"
            );
        }
    }
    assert!(stops >= 8, "small budgets stop the searches ({stops} stops)");
    assert!(fewer_checked >= 4, "far entries counting twice check fewer skills ({fewer_checked} times)");
}

/// A roadmap listed far from learning order (its skills shuffled) is
/// searched numbered by rank: what it finds, within any bound and on one
/// thread or two, is what the search by file index finds, and brute
/// force's; with `any_of` groups, and with skills on and after a cycle
/// (left out either way).
#[test]
fn a_scattered_file_is_searched_by_rank_alike() {
    let by_file = super::Tuning { ranked_from: usize::MAX, chunk_min: 0, ..super::TUNED };
    let by_rank = super::Tuning { ranked_from: 0, ..by_file };
    for (n, window, degree, seed, cycle) in
        [(2_000, 2_000, 5, 41, false), (1_500, 200, 8, 42, true), (1_000, 1_000, 20, 43, false), (800, 50, 3, 44, true)]
    {
        let mut roadmap = random(n, window, degree, seed);
        for skill in roadmap.skills.iter_mut().skip(5).step_by(9) {
            skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
        }
        if cycle {
            roadmap.skills[n - 9].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 5).into()));
            roadmap.skills[n - 5].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 9).into()));
        }
        // Fisher-Yates, seeded.
        let mut next = xorshift(seed);
        for i in (1..n).rev() {
            roadmap.skills.swap(i, next(i + 1));
        }
        let graph = SkillGraph::new(&roadmap);
        assert!(super::plain::is_scattered(&graph.topological_indices()), "{n}: the shuffled order is scattered");
        let plain = Plain::new(&graph);
        for threads in [1, 2] {
            let case = format!("{n} {window} {degree} on {threads}");
            let all = find_tuned(&graph, small_ring, by_rank, u64::MAX, threads);
            assert!(all.unchecked.is_empty() && !all.found.is_empty(), "{case}");
            assert_eq!(all, find_tuned(&graph, small_ring, by_file, u64::MAX, threads), "{case}");
            assert_eq!(find_tuned(&graph, Window::bounded, by_rank, u64::MAX, threads), all, "{case}");
            if !cycle {
                assert_eq!(named(&all.found), brute_force(&graph), "{case}");
            }
            for max_work in [0, 100, 3_000, 30_000] {
                let bounded = find_tuned(&graph, small_ring, by_rank, max_work, threads);
                assert_within_bound(&plain, &all, &bounded, &format!("{case} within {max_work}"));
                assert_eq!(
                    bounded,
                    find_tuned(&graph, small_ring, by_file, max_work, threads),
                    "{case} within {max_work}"
                );
            }
        }
    }
}

/// A file in learning order, or in its reverse, is not scattered; one
/// whose order jumps about is.
#[test]
fn learning_order_and_its_reverse_are_not_scattered() {
    let forward: Vec<u32> = (0..1_000).collect();
    let backward: Vec<u32> = (0..1_000).rev().collect();
    let jumping: Vec<u32> = (0..1_000).map(|i| (i * 389) % 1_000).collect();
    assert!(!super::plain::is_scattered(&forward) && !super::plain::is_scattered(&backward));
    assert!(super::plain::is_scattered(&jumping));
}

/// A skill with more prerequisites than are asked pair by pair is
/// answered by marking searches, which count their work too.
#[test]
fn a_marking_search_out_of_work_stops() {
    let chain: Vec<String> = (0..600)
        .map(|i| match i {
            0 => r#"{"id": "s0", "name": "S 0"}"#.to_owned(),
            _ => format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": ["s{}"]}}"#, i - 1),
        })
        .collect();
    let everything: Vec<String> = (0..600).map(|i| format!("\"s{i}\"")).collect();
    let text = format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}, {{"id": "all", "name": "All", "prerequisites": [{}]}}]}}"#,
        chain.join(", "),
        everything.join(", ")
    );
    let roadmap = Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap");
    let graph = SkillGraph::new(&roadmap);
    let full = find_within(&graph, small_ring, u64::MAX, 1);
    assert_eq!((full.found.len(), full.unchecked.len()), (599, 0));
    let bounded = find_within(&graph, small_ring, 100, 1);
    assert_eq!((bounded.found, bounded.unchecked), (vec![], vec![600]));
}

/// Skills on and after a cycle have no rank: the blocks and the
/// searches that switch to them skip them, as the ring does.
#[test]
fn cycles_are_skipped_by_every_path() {
    let roadmap = random(500, 500, 20, 9);
    let mut text = serde_json::to_value(&roadmap).unwrap();
    // s3 and s4 need each other; s5 needs s3.
    text["skills"][3]["prerequisites"] = serde_json::json!(["s4", "s0"]);
    text["skills"][4]["prerequisites"] = serde_json::json!(["s3"]);
    text["skills"][5]["prerequisites"] = serde_json::json!(["s3", "s1", "s0"]);
    let roadmap = Roadmap::from_json_str(&text.to_string()).roadmap.expect("a roadmap, cycle and all");
    let graph = SkillGraph::new(&roadmap);
    let order = graph.topological_indices();
    assert!(order.len() < graph.len(), "the cycle leaves skills out");
    let full = find(&graph, u64::MAX, 1, ReductionMemory::Ample).found;
    let small = find_within(&graph, small_ring, u64::MAX, 1).found;
    assert_eq!(small, full);
    let plain = Plain::new(&graph);
    let rank = ranks(&order, graph.len());
    let mut by_blocks: Vec<_> =
        Blocks::new(&plain, &order, 1).find(&plain, &order, &rank, 2).into_iter().flatten().collect();
    by_blocks.sort_unstable_by_key(|f| (f.skill, f.place));
    let named: Vec<_> =
        by_blocks.iter().map(|f| (graph.id(f.skill), plain.entry(f.skill, usize::from(f.place)) as usize)).collect();
    let public: Vec<_> = full.iter().map(|r| (graph.id(r.skill_index), r.entry as usize)).collect();
    assert_eq!(named, public);
}

/// The sample's estimate of the searches' work is within a factor of
/// four of their whole work, on graphs where they are cheap and where
/// they are not (measured: within 6%); past the point where the blocks
/// cost less, the blocks answer at once, and the findings stay brute
/// force's either way.
#[test]
fn the_sample_estimates_the_searches() {
    for (n, degree, seed) in [(3_000, 20, 21), (3_000, 8, 22), (3_000, 3, 23), (2_000, 2, 24)] {
        let roadmap = random(n, n, degree, seed);
        let graph = SkillGraph::new(&roadmap);
        let order = graph.topological_indices();
        let plain = Plain::new(&graph);
        let (rank, level) = (ranks(&order, n), levels(&plain, &order));
        let mut search = Search::new(&plain, &order, &rank, &level, 1, super::search::FAR_RANKS);
        let unbuilt = Window::new(64, 64, 64, 8 * 2 * 70);
        let (estimate, spent) = sampled_search_work(&mut search, &unbuilt, &order, u64::MAX, u64::MAX);
        assert!(spent > 0 && spent < estimate, "{degree}: {spent} of {estimate}");
        // The searches' whole work, as `find` runs them, with a ring too
        // small for most questions.
        let mut ring = Window::new(to_u32(n), to_u32(n), 64, 8 * 2 * 70);
        let mut work = Work { spent: 0, max: u64::MAX };
        for (r, &v) in order.iter().enumerate() {
            let needs = plain.needs(v);
            if needs.len() >= 2 {
                assert!(search.first_needing(&ring, to_u32(r), needs, &mut work, |_, _| {}));
            }
            ring.build(to_u32(r), needs.iter().map(|&p| rank[p as usize]));
        }
        let whole = work.spent;
        assert!(estimate / 4 <= whole && whole <= estimate * 4, "{degree}: estimated {estimate}, spent {whole}");
        // Twenty prerequisites a skill go to the blocks at once, two do not.
        let cost = Blocks::new(&plain, &order, Blocks::words_for(n, ReductionMemory::Ample)).cost(&plain, &order);
        let blocks_at_once = estimate > sample_enough(cost);
        assert!(degree != 20 || blocks_at_once, "{estimate} of {cost}");
        assert!(degree != 2 || !blocks_at_once, "{estimate} of {cost}");
        let expected = brute_force(&graph);
        let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
        let public: Vec<_> =
            graph.redundant_prerequisites_within(u64::MAX, 2).found.iter().map(|r| (r.skill, r.entry)).collect();
        assert_eq!(public, by_entry, "{degree}");
    }
}

/// The blocks, one word wide (64 targets a block, so many blocks) or
/// wider, find exactly what brute force finds, repeated entries included.
#[test]
fn blocks_find_what_brute_force_finds() {
    for (n, window, degree, seed) in [(600, 600, 12, 5), (400, 50, 8, 6), (700, 700, 3, 7), (300, 300, 40, 8)] {
        let roadmap = random(n, window, degree, seed);
        let graph = SkillGraph::new(&roadmap);
        let order = graph.topological_indices();
        let plain = Plain::new(&graph);
        let rank = ranks(&order, n);
        let expected = brute_force(&graph);
        assert!(!expected.is_empty());
        // What the blocks find, as brute force names it.
        let found_by = |blocks: &Blocks, threads: usize| {
            let mut found: Vec<_> = (blocks.find(&plain, &order, &rank, threads).into_iter().flatten())
                .map(|f| {
                    let needs = plain.needs(f.skill);
                    let (k, via) = (usize::from(f.place), usize::from(f.via));
                    (f.skill, plain.entry(f.skill, k), needs[k], needs[via])
                })
                .collect();
            found.sort_unstable();
            found
        };
        // Every row width `find` compiles for (3 is rounded down to 2,
        // 32 to 16), and shared among threads, more threads than blocks too.
        for words in [1, 2, 3, 4, 8, 16, 32] {
            let blocks = Blocks::new(&plain, &order, words);
            for threads in [1, 2, 3, 1_000] {
                let found = found_by(&blocks, threads);
                assert_eq!(found, expected, "{n} {window} {degree}, {words} words, on {threads} threads");
            }
        }
        // Widened where the passes are short (rows a skill as given, the
        // passes ending at the last skill asking), on all or some targets.
        for words in [1, 2] {
            let found = found_by(&Blocks::new(&plain, &order, words).widened(), 2);
            assert_eq!(found, expected, "{n} {window} {degree}, widened from {words} words");
        }
        // Asked about some targets only (blocks of them spread over
        // the ranks): exactly the entries naming those.
        for (words, kept, widened) in [(1, 3, false), (2, 2, false), (8, 5, false), (1, 3, true), (1, 50, true)] {
            let mut blocks = Blocks::new(&plain, &order, words);
            if widened {
                blocks = blocks.widened();
            }
            blocks.keep_targets(&order, |p| p % kept == 0);
            for threads in [1, 2] {
                let found = found_by(&blocks, threads);
                let asked: Vec<_> = expected.iter().copied().filter(|&(_, _, p, _)| p % kept == 0).collect();
                assert!(!asked.is_empty() && asked.len() < expected.len());
                assert_eq!(found, asked, "{n} {window} {degree}, {words} words, one target in {kept}, {widened}");
            }
        }
        // And the public answer agrees.
        let public: Vec<_> = graph.redundant_prerequisites().iter().map(|r| (r.skill, r.entry)).collect();
        let by_entry: Vec<_> = expected.iter().map(|&(v, e, _, _)| (graph.id(v), e as usize)).collect();
        assert_eq!(public, by_entry);
    }
}

/// Where the blocks answer, and the labels are asked first, the blocks
/// ask only about the targets the labels leave open (some, not all, on
/// these graphs), and the labels answer the rest: every finding, `via`
/// included, is brute force's.
#[test]
fn the_labels_and_the_blocks_share_the_answers() {
    for (n, window, degree, seed) in [(1_500, 1_500, 20, 31), (2_000, 2_000, 6, 32), (1_200, 300, 12, 33)] {
        let roadmap = random(n, window, degree, seed);
        let graph = SkillGraph::new(&roadmap);
        let order = graph.topological_indices();
        let plain = Plain::new(&graph);
        let (rank, level) = (ranks(&order, n), levels(&plain, &order));
        let search = Search::new(&plain, &order, &rank, &level, 1, super::search::FAR_RANKS);
        let (open, settled) = search.open_targets(&order, 1, 1);
        let open_count = open.iter().filter(|&&o| o).count();
        assert!(open_count > 0 && open_count < n, "{n} {degree}: {open_count} open");
        // On several threads, the same targets open, and the same
        // entries settled once those naming an open one are dropped.
        let kept = |settled: Vec<(u32, u32, u32, u32)>| {
            let mut kept: Vec<_> =
                settled.into_iter().filter(|&(v, k, _, _)| !open[plain.needs(v)[k as usize] as usize]).collect();
            kept.sort_unstable();
            kept
        };
        let one = kept(settled);
        assert!(!one.is_empty(), "{n} {degree}: the labels settle some entries");
        for threads in [2, 3, 7] {
            let (on_more, settled) = search.open_targets(&order, threads, 1);
            assert_eq!(on_more, open, "{n} {degree} on {threads} threads");
            assert_eq!(kept(settled), one, "{n} {degree} on {threads} threads");
        }
        // A ring too small for most questions: the sample sends them
        // to the blocks at once, or the searches switch to them.
        let expected = brute_force(&graph);
        for chunk_min in [super::TUNED.chunk_min, 1] {
            let tuning = super::Tuning { question_to_blocks: 0, chunk_min, ..super::TUNED };
            let small = find_tuned(&graph, small_ring, tuning, u64::MAX, 2).found;
            assert_eq!(named(&small), expected, "{n} {window} {degree}, parts of {chunk_min} skills at least");
        }
    }
}

/// Searches that have started go on up to the sample's margin past the
/// switch point, and switch there; they switch at the point itself where
/// going on would leave the blocks no room in the bound, and never where
/// the blocks no longer fit.
#[test]
fn the_searches_switch_past_the_margin_or_before_the_bound_closes() {
    let cost = 1_000 * SEARCH_TO_BLOCKS;
    let (switch, margin) = (1_000, sample_enough(cost));
    assert!(margin > switch);
    let roomy = 100 * margin;
    assert!(!switches_to_blocks(switch, cost, roomy), "at the switch point");
    assert!(!switches_to_blocks(switch + 1, cost, roomy), "past it, room in the bound");
    assert!(!switches_to_blocks(margin, cost, roomy), "at the margin");
    assert!(switches_to_blocks(margin + 1, cost, roomy), "past the margin");
    // Another `switch` spent would leave the blocks too little room.
    let tight = switch + 1 + 2 * switch - 1;
    assert!(switches_to_blocks(switch + 1, cost, tight), "past the switch point, the bound closing");
    // The blocks do not fit in what is left: the searches go on.
    assert!(!switches_to_blocks(margin + 1, cost, margin + switch - 1), "no room for the blocks");
}

/// A target is left open only by a question asked before the first
/// other prerequisite in entry order that surely needs it: once one
/// does, it is the answer, and the prerequisites after it are not asked.
/// Here the last skill lists `s0` after a prerequisite listing `s0`
/// itself (one step), then many that need `s0` through a long chain of
/// which the labels are unsure; no other skill needing `s0` has another
/// prerequisite.
#[test]
fn a_target_is_not_left_open_past_the_first_sure_answer() {
    let chain = 400;
    let mut next = xorshift(17);
    let mut lists: Vec<Vec<usize>> = vec![Vec::new()];
    lists.extend((1..=chain).map(|i| vec![i - 1]));
    let listing = lists.len();
    lists.push(vec![0]);
    let first_far = lists.len();
    lists.extend((0..300).map(|_| vec![1 + next(chain)]));
    let mut last = vec![listing, 0];
    last.extend(first_far..lists.len());
    lists.push(last);
    let roadmap = roadmap_needing(lists.into_iter());
    let graph = SkillGraph::new(&roadmap);
    let order = graph.topological_indices();
    let plain = Plain::new(&graph);
    let n = graph.len();
    let (rank, level) = (ranks(&order, n), levels(&plain, &order));
    let search = Search::new(&plain, &order, &rank, &level, 1, super::search::FAR_RANKS);
    let (open, settled) = search.open_targets(&order, 1, 1);
    let s0 = graph.index_of("s0").expect("s0") as usize;
    assert!(!open[s0], "asked past the prerequisite listing it");
    // Its entry is answered by the labels: redundant, through the one
    // listing it.
    let v = to_u32(n - 1);
    assert!(settled.contains(&(v, 1, 1, 0)), "{settled:?}");
    // And the answer is brute force's.
    assert_eq!(found_with_small_ring(&graph, 2), brute_force(&graph));
}

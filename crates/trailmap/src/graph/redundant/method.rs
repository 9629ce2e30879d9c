//! Which method answers a graph's questions, and running it: the ring
//! alone where it answers every question; otherwise the labels and
//! searches (on several threads in chunks of ranks where there are
//! enough), switching to the blocks of targets once a sample, or the
//! searches themselves, show the blocks would cost less; the work bound
//! counted throughout.

use super::blocks::{self, Blocks};
use super::plain;
use super::search::{FAR_RANKS, Marking, Search, Work};
use super::segments::Segments;
use super::window::{self, Row, RowScans, Window};
use super::{
    PAIRWISE_MAX, Plain, ReductionMemory, RedundantEntries, RedundantEntry, SkillGraph, as_found, by_skill, chunked,
    exact_by_rows, levels, rank_range, ranks, sorted, to_u32,
};

/// Every redundant plain prerequisite of `graph`, by skill (file order)
/// then entry, within `max_work`, on up to `threads` threads (see
/// [`SkillGraph::redundant_prerequisites_within`]).
pub(super) fn find(graph: &SkillGraph<'_>, max_work: u64, threads: usize, memory: ReductionMemory) -> RedundantEntries {
    find_tuned(graph, Window::bounded, Tuning { memory, ..TUNED }, max_work, threads)
}

/// [`find`] with the ring of exact answers made by `window(span, back)`
/// (tests pass small limits to exercise the other paths).
#[cfg(test)]
pub(super) fn find_within(
    graph: &SkillGraph<'_>,
    window: impl FnOnce(u32, u32) -> Window,
    max_work: u64,
    threads: usize,
) -> RedundantEntries {
    find_tuned(graph, window, TUNED, max_work, threads)
}

/// The costs [`find_tuned`] weighs; tests change them to reach every path.
#[derive(Clone, Copy)]
pub(super) struct Tuning {
    /// A question to the labels, in the blocks' word operations (see
    /// [`QUESTION_TO_BLOCKS`]).
    pub(super) question_to_blocks: u64,
    /// Ranks a chunk of the searches on several threads holds at least
    /// (see [`chunked`]).
    pub(super) chunk_min: usize,
    /// The memory of the blocks' rows.
    pub(super) memory: ReductionMemory,
    /// How far back in rank an entry counts twice (see [`FAR_RANKS`]).
    pub(super) far_ranks: u32,
    /// From how many skills a scattered order is numbered by rank (see
    /// [`RANKED_FROM`]).
    pub(super) ranked_from: usize,
}

/// From this many skills in order, a graph whose order lies scattered
/// over the file ([`plain::is_scattered`]) is searched numbered by rank:
/// below, its arrays stay in the caches whatever the order (at 100k
/// skills listed in random order, numbering them cost 2-4% of TM107).
const RANKED_FROM: usize = 1 << 18;

/// The tuning of every run (the memory as the caller asks).
pub(super) const TUNED: Tuning = Tuning {
    question_to_blocks: QUESTION_TO_BLOCKS,
    chunk_min: chunked::CHUNK_MIN,
    memory: ReductionMemory::Ample,
    far_ranks: FAR_RANKS,
    ranked_from: RANKED_FROM,
};

/// [`find`] with the ring `window` makes and the costs of `tuning` (tests pass a question to
/// the labels worth nothing for the labels to answer first wherever the
/// blocks answer, and small chunks).
pub(super) fn find_tuned(
    graph: &SkillGraph<'_>,
    window: impl FnOnce(u32, u32) -> Window,
    tuning: Tuning,
    max_work: u64,
    threads: usize,
) -> RedundantEntries {
    let order = graph.topological_indices();
    if order.len() >= tuning.ranked_from && plain::is_scattered(&order) {
        let plain = Plain::by_rank(graph, &order, &ranks(&order, graph.len()));
        let by_rank = (0..to_u32(order.len())).collect();
        drop(order);
        return plain.to_file(find_in(&plain, by_rank, window, tuning, max_work, threads));
    }
    find_in(&Plain::new(graph), order, window, tuning, max_work, threads)
}

/// [`find_tuned`] over `plain`, whose skills `order` lists by rank.
fn find_in(
    plain: &Plain<'_>,
    order: Vec<u32>,
    window: impl FnOnce(u32, u32) -> Window,
    tuning: Tuning,
    max_work: u64,
    threads: usize,
) -> RedundantEntries {
    let n = plain.len();
    let rank = ranks(&order, n);
    // The ring is sized to the questions: the widest rank gap between two
    // prerequisites of one skill, and how far back a prerequisite lies. A
    // skill with more than `PAIRWISE_MAX` prerequisites wider apart than
    // any ring is answered by one marking search, whatever the ring: it
    // does not size it (one skill needing every other one built the labels
    // and a ring of 4 MiB for nothing).
    let (mut span, mut back) = (0u32, 0u32);
    for (r, &v) in order.iter().enumerate() {
        let needs = plain.needs(v);
        if needs.len() >= 2 {
            let (low, high) = rank_range(needs, &rank);
            if needs.len() <= PAIRWISE_MAX || high - low <= window::SPAN_MAX {
                span = span.max(high - low);
                back = back.max(to_u32(r) - low);
            }
        }
    }
    let mut window = window(span, back);
    // When the ring answers every question (prerequisites of one skill
    // close in rank, whatever their distance from it, as in most
    // roadmaps), the labels and heights are never asked.
    let exact = window.answers(span, back);
    // Questions far apart in rank are asked of the labels and searches
    // below; should the searches cross more of the graph than answering
    // every question at once by blocks of targets would (many
    // prerequisites drawn from everything before: the labels rarely rule a
    // pair out), they stop and the blocks answer instead.
    let mut blocks = (!exact && n <= blocks::SLOTS && order.iter().all(|&v| plain.needs(v).len() <= PAIRWISE_MAX))
        .then(|| Blocks::new(plain, &order, Blocks::words_for(n, tuning.memory)).widened())
        .map(|blocks| {
            let cost = blocks.cost(plain, &order);
            (blocks, cost)
        })
        .filter(|&(_, cost)| cost <= BLOCKS_BUDGET && cost / SEARCH_TO_BLOCKS <= max_work);
    let level = levels(plain, &order);
    let mut search = (!exact).then(|| Search::new(plain, &order, &rank, &level, threads, tuning.far_ranks));
    let mut work = Work { spent: 0, max: max_work };
    // Every question answered by the labels and the blocks; the blocks'
    // work is known before they start, and they only answer if it fits in
    // what is left. Where asking the labels every question costs little
    // beside the blocks, the blocks ask only about the targets the labels
    // leave open (a third of the skills where prerequisites lie at every
    // distance) and the labels answer the other entries. The labels are
    // freed before each thread makes its rows.
    let fits = |cost: u64, work: &Work| cost / SEARCH_TO_BLOCKS <= work.left();
    let by_blocks = |mut blocks: Blocks, cost: u64, search: Option<Search<'_>>| {
        let mut found = Vec::new();
        let questions: u64 = order.iter().map(|&v| plain.needs(v).len() as u64).map(|k| k * k.saturating_sub(1)).sum();
        if let Some(search) = search.filter(|_| questions.saturating_mul(tuning.question_to_blocks) <= cost / 2) {
            let open;
            (open, found) = search.open_targets(&order, threads, tuning.chunk_min);
            drop(search);
            found.retain(|&(v, k, _, _)| !open[plain.needs(v)[k as usize] as usize]);
            blocks.keep_targets(&order, |p| open[p as usize]);
        }
        // Put in skill order straight from each thread's list and the
        // labels' (not joined first: at 1.3 million entries the joined
        // copies were the run's peak).
        let lists = blocks.find(plain, &order, &rank, threads);
        let from_blocks = lists.iter().flatten().map(|f| {
            let place = u32::from(f.place);
            (f.skill, place, place, u32::from(f.via))
        });
        let in_order = by_skill(found.iter().copied().chain(from_blocks));
        drop((found, lists));
        RedundantEntries {
            found: sorted(in_order, |(v, k, p, via)| {
                let needs = plain.needs(v);
                RedundantEntry {
                    skill_index: v,
                    entry: plain.entry(v, k as usize),
                    prerequisite_index: needs[p as usize],
                    via_index: needs[via as usize],
                }
            }),
            unchecked: Vec::new(),
        }
    };
    // Where the blocks could answer instead, a sample of the searches
    // first says whether they would cost more than the blocks: if so the
    // blocks answer at once. On `dense-all` (twenty prerequisites a skill
    // from everything before) the searches spent about 0.07 s finding
    // that out by themselves, on the first 6% of the skills.
    let blocks_at_once = match (&blocks, &mut search) {
        (Some((_, cost)), Some(search)) => {
            let enough = sample_enough(*cost);
            let (estimate, spent) = sampled_search_work(search, &window, &order, enough, work.left());
            work.spent = work.spent.saturating_add(spent);
            estimate > enough && fits(*cost, &work)
        }
        _ => false,
    };
    if blocks_at_once && let Some((blocks, cost)) = blocks {
        drop(window);
        return by_blocks(blocks, cost, search);
    }
    // The searches on several threads, a chunk of ranks at a time, where
    // there are chunks enough.
    let chunks = chunked::Chunks::of(order.len(), &window, tuning.chunk_min, threads);
    if let (Some(chunks), Some(searching)) = (chunks, &search) {
        let switch_at = blocks.as_ref().map(|&(_, cost)| cost);
        match chunks.search(searching, &mut window, &order, &work, switch_at) {
            chunked::Searched::Done(found) => {
                drop((window, search, blocks));
                return found.into_entries(&order, &rank, plain);
            }
            chunked::Searched::ToBlocks => {
                if let Some((blocks, cost)) = blocks.take() {
                    drop(window);
                    return by_blocks(blocks, cost, search);
                }
                // Not met (the searches switch only with blocks to switch
                // to); the one thread's searches below need rows again.
                window = window.empty_copy();
            }
        }
    }
    // (skill, entry, prerequisite, via) by index, sorted at the end.
    let mut found: Segments<(u32, u32, u32, u32)> = Segments::default();
    let mut marking = Marking::default();
    let mut ranks: Vec<u32> = Vec::new();
    let mut rows: Vec<(u32, Row)> = Vec::new();
    let mut row_scans = RowScans::default();
    for (r, &v) in order.iter().enumerate() {
        let current = to_u32(r);
        let prerequisites = plain.needs(v);
        if prerequisites.len() < 2 {
            window.build(current, prerequisites.iter().map(|&p| rank[p as usize]));
            continue;
        }
        // A skill is checked whole or not at all: what it found is taken
        // back if the work runs out on it.
        let checked = found.len();
        let mut out_of_work = false;
        let mut report = |k: usize, via: u32| found.push((v, plain.entry(v, k), prerequisites[k], via));
        // Whether the skill is cheaper as row scans, and the ring holds all
        // its questions (not so for a skill too wide to size it).
        let by_rows = |window: &Window| {
            let (low, high) = rank_range(prerequisites, &rank);
            exact_by_rows(prerequisites.len(), (low, high)) && window.answers(high - low, current - low)
        };
        if let (Some(search), true) = (&mut search, prerequisites.len() <= PAIRWISE_MAX) {
            out_of_work = !search.first_needing(&window, current, prerequisites, &mut work, &mut report);
        } else if exact && by_rows(&window) {
            // Many prerequisites close in rank: one row scan each.
            ranks.clear();
            ranks.extend(prerequisites.iter().map(|&p| rank[p as usize]));
            window.first_needing(&ranks, &mut row_scans, |k, at| report(k, prerequisites[at]));
        } else if exact && prerequisites.len() <= PAIRWISE_MAX {
            // Every question is a bit of a row, and the skill's own row,
            // made as it is answered, says which entries to ask about.
            ranks.clear();
            ranks.extend(prerequisites.iter().map(|&p| rank[p as usize]));
            window.build_answering(current, &ranks, &mut rows, |k, at| report(k, prerequisites[at]));
            continue;
        } else {
            out_of_work = !marking.first_needing(plain, &level, prerequisites, &mut work, &mut report);
        }
        if out_of_work {
            found.truncate(checked);
            return stopped(found.into_vec(), &order[r..], plain);
        }
        window.build(current, prerequisites.iter().map(|&p| rank[p as usize]));
        if let Some((_, cost)) = &blocks
            && switches_to_blocks(work.spent, *cost, work.max)
            && let Some((blocks, cost)) = blocks.take()
        {
            // The ring is not asked again; what the searches found, the
            // labels and the blocks find again.
            drop((window, found, marking));
            return by_blocks(blocks, cost, search);
        }
    }
    RedundantEntries { found: sorted(found.into_vec(), as_found), unchecked: Vec::new() }
}

/// Skills whose questions [`sampled_search_work`] asks, at most (about).
const SAMPLED: usize = 1024;

/// It asks about one skill in this many at least: on a small graph the
/// sample would otherwise be the whole search.
const SAMPLE_STRIDE_MIN: usize = 16;

/// How far past the switch point (the blocks' cost over
/// [`SEARCH_TO_BLOCKS`]) the sample's estimate must be. The sample's
/// searches run without the ring (its rows are built in rank order, as the
/// searches go), so they could cross more than the searches themselves
/// (on the generator's shapes at 100k the estimate was within 10% of the
/// searches' whole work). Below it, the searches start, and switch when
/// they have spent that much.
const SAMPLE_MARGIN: u64 = 2;

/// The sampled estimate of the searches' work past which the blocks
/// (of word operations `cost`) answer at once: [`SAMPLE_MARGIN`] times the
/// switch point.
pub(super) fn sample_enough(cost: u64) -> u64 {
    cost.saturating_mul(SAMPLE_MARGIN) / SEARCH_TO_BLOCKS
}

/// Whether searches that have spent `spent` of the bound `max` stop and
/// the blocks (of word operations `cost`) answer instead. Only once the
/// blocks still fit in what is left. The sample let the searches start
/// because it put their whole work under [`sample_enough`]: they go on up
/// to that, and what they spent is not thrown away for blocks that cost
/// more than the rest of it (100k skills with 0-4 prerequisites at
/// log-uniform distances: the sample put them at 1.28 times the switch
/// point, and switching there threw away four fifths of their work). They
/// stop at the switch point itself where going on would leave the blocks
/// no room in the bound, as before.
pub(super) fn switches_to_blocks(spent: u64, cost: u64, max: u64) -> bool {
    let switch = cost / SEARCH_TO_BLOCKS;
    let left = max.saturating_sub(spent);
    spent > switch && switch <= left && (spent > sample_enough(cost) || switch.saturating_mul(2) > left)
}

/// An estimate of the work of the pair-by-pair searches of every skill of
/// `order` (by rank) with two or more plain prerequisites, from one skill
/// in [`SAMPLE_STRIDE_MIN`] or more, and the work the sample spent (at
/// most `max`). The sample stops as soon as the estimate passes `enough`.
pub(super) fn sampled_search_work(
    search: &mut Search<'_>,
    window: &Window,
    order: &[u32],
    enough: u64,
    max: u64,
) -> (u64, u64) {
    let plain = search.plain;
    let stride = (order.len() / SAMPLED).max(SAMPLE_STRIDE_MIN);
    let asked = |&&v: &&u32| plain.needs(v).len() >= 2;
    let all = order.iter().filter(asked).count() as u64;
    let sampled = order.iter().step_by(stride).filter(asked).count().max(1) as u64;
    let mut sample = Work { spent: 0, max };
    for &v in order.iter().step_by(stride).filter(asked) {
        // Rank 0 as the current skill: the ring, not yet built, answers nothing.
        let answered = search.first_needing(window, 0, plain.needs(v), &mut sample, |_, _| {});
        if !answered || sample.spent.saturating_mul(all) / sampled > enough {
            break;
        }
    }
    (sample.spent.saturating_mul(all) / sampled, sample.spent)
}

/// What was found before the work ran out at the first skill of `rest`
/// (skills by rank; empty when it did not run out): that, and the skills
/// of `rest` with two or more plain prerequisites, in file order.
pub(super) fn stopped(found: Vec<(u32, u32, u32, u32)>, rest: &[u32], plain: &Plain<'_>) -> RedundantEntries {
    let mut unchecked: Vec<usize> = rest.iter().filter(|&&v| plain.needs(v).len() >= 2).map(|&v| v as usize).collect();
    unchecked.sort_unstable();
    RedundantEntries { found: sorted(found, as_found), unchecked }
}

/// How many of a block's word operations a search's edge is worth before
/// switching: an edge is a random access and label checks (several times
/// a word operation), and most graphs' searches, all together, cross
/// fewer edges than a three-hundredth of the blocks' cost (0.1-0.3% at
/// 100k skills with 0-3 prerequisites anywhere before), so they never
/// switch.
pub(super) const SEARCH_TO_BLOCKS: u64 = 256;

/// How many of a block's word operations one question to the labels is
/// worth, in the pass that finds the targets they leave open (random
/// reads of labels and landmark rows: on `dense-all` at 100k, 12.7 million
/// questions took longer than the quarter of the blocks they saved).
const QUESTION_TO_BLOCKS: u64 = 64;

/// Word operations [`Blocks`] may take: past this (ten seconds or so
/// here, as at a million skills drawing twenty prerequisites each from
/// everything before) the searches keep going instead. The searches only
/// switch once they have spent a share of it themselves, so a large budget
/// costs nothing on graphs they answer quickly.
const BLOCKS_BUDGET: u64 = 1 << 34;

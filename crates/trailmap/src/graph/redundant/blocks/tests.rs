use super::{Blocks, Entry, PLACES, ROWS_BYTES, ReductionMemory, SLOTS, TIGHT_ROW_BYTES_PER_SKILL, WORDS_MAX};
use crate::SkillGraph;
use crate::graph::redundant::{Plain, tests::random};

/// An entry keeps its slot and its place whole at their limits, and
/// entries order by slot first (the passes read a skill's entries
/// highest first and stop at the first below the block).
#[test]
fn entries_keep_slot_and_place() {
    let top = super::super::to_u32(SLOTS - 1);
    for (slot, place) in [(0, 0), (0, PLACES - 1), (top, 0), (top, PLACES - 1), (70_000, 200)] {
        let e = Entry::new(slot, place);
        assert_eq!((e.slot(), usize::from(e.place())), (slot as usize, place));
        assert!(e.at_least(slot as usize) && !e.at_least(slot as usize + 1));
    }
    assert!(Entry::new(5, 0) > Entry::new(4, PLACES - 1));
    assert!(Entry::new(5, 1) > Entry::new(5, 0));
}

/// Rows are widened only where a pass's rows of the wider width fit
/// in the memory of the width given (a row a skill) and the passes
/// cross at most half the skills; with fewer targets, a block spreads
/// over more ranks and the width is fitted again.
#[test]
fn rows_widen_only_where_the_passes_are_short() {
    for (n, window, widens) in [(6_000, 300, true), (6_000, 6_000, false)] {
        let roadmap = random(n, window, 4, 11);
        let graph = SkillGraph::new(&roadmap);
        let order = graph.topological_indices();
        let plain = Plain::new(&graph);
        let blocks = Blocks::new(&plain, &order, 1).widened();
        assert_eq!(blocks.words > 1, widens, "{window}: {} words", blocks.words);
        assert!(blocks.pass_rows() * blocks.words <= blocks.row_words);
        assert!(blocks.words == 1 || blocks.pass_rows() <= blocks.last_needing.len() / 2);
        let mut sparse = Blocks::new(&plain, &order, 1).widened();
        sparse.keep_targets(&order, |p| p % 40 == 0);
        assert!(sparse.pass_rows() * sparse.words <= sparse.row_words);
        assert!(sparse.words <= WORDS_MAX);
    }
}

/// Rows of up to 8 MiB a thread, or, where memory is tight, of four
/// words a skill from 32,768 skills up to 262,144 (the rows a small
/// share of any file of that many skills), wider below, within 8 MiB
/// above.
#[test]
fn rows_are_sized_to_the_skills() {
    let tight = [(1_000, 131), (10_000, 13), (32_768, 4), (100_000, 4), (262_144, 4), (300_000, 3), (1_000_000, 1)];
    for (n, words) in tight {
        assert_eq!(Blocks::words_for(n, ReductionMemory::Tight), words, "{n} skills");
    }
    for (n, words) in [(10_000, 104), (100_000, 10), (262_144, 4), (1_000_000, 1)] {
        assert_eq!(Blocks::words_for(n, ReductionMemory::Ample), words, "{n} skills");
    }
    for n in [40_000usize, 100_000, 200_000, 1_000_000] {
        let words = Blocks::words_for(n, ReductionMemory::Tight);
        assert!(n * words * 8 <= (n * TIGHT_ROW_BYTES_PER_SKILL).min(ROWS_BYTES), "{n} skills");
    }
}

//! Each text of a skill's grouped findings once, for the rules that
//! report a skill's findings as one diagnostic (TM107, TM120).

use super::SkillFinding;

/// Up to how many findings [`distinct_firsts`] searches the texts seen so
/// far rather than sorting them.
const SEARCHED: usize = 64;

/// For each first text (`texts[0]`) of `each`, once, in the order of its
/// first finding: the place of that finding in `each`, and how many
/// findings quote the text. A short group is searched as it grows, which
/// is nearly always: a map for each of 100,000 skills took a third of a
/// second. A long one is sorted by text: on 2,000 skills each needing all
/// before it, a map of each skill's entries (with the standard hasher)
/// was a third of making TM107's findings.
pub(crate) fn distinct_firsts(each: &[SkillFinding]) -> Vec<(usize, usize)> {
    if each.len() <= SEARCHED {
        let mut distinct: Vec<(usize, usize)> = Vec::with_capacity(each.len());
        // A bit for each text seen, by a hash of its index: one whose bit
        // is clear is new, and is not searched for (most are, as a skill's
        // prerequisites are distinct: the searches were a quarter of
        // making TM107's findings).
        let mut seen = 0u64;
        for (k, found) in each.iter().enumerate() {
            let text = found.texts[0];
            let bit = 1u64 << (text.wrapping_mul(0x9E37_79B9) >> 26);
            let earlier = match seen & bit {
                0 => None,
                _ => distinct.iter().position(|&(first, _)| each[first].texts[0] == text),
            };
            seen |= bit;
            match earlier {
                Some(d) => distinct[d].1 += 1,
                None => distinct.push((k, 1)),
            }
        }
        return distinct;
    }
    // (text, place) sorted: each text's run starts at its first finding.
    let mut by_text: Vec<(u32, u32)> = each.iter().zip(0u32..).map(|(found, k)| (found.texts[0], k)).collect();
    by_text.sort_unstable();
    let mut firsts: Vec<(usize, usize)> =
        by_text.chunk_by(|a, b| a.0 == b.0).map(|run| (run[0].1 as usize, run.len())).collect();
    firsts.sort_unstable();
    firsts
}

#[cfg(test)]
mod tests {
    use super::{SEARCHED, distinct_firsts};
    use crate::findings::SkillFinding;

    proptest::proptest! {
        /// A group's texts, searched for (short, past a filter of those
        /// seen) or sorted (long), come out each once, in the order of
        /// their first finding, with its place and their count.
        #[test]
        fn each_text_once_short_or_long(picks in proptest::collection::vec(0u32..30, 2..(SEARCHED * 5)), far in 0u32..3) {
            // Indices far apart as well as near: the filter's bits by hash.
            let texts: Vec<u32> = picks.iter().map(|&p| p << (far * 12)).collect();
            let each: Vec<SkillFinding> =
                texts.iter().zip(0..).map(|(&t, entry)| SkillFinding { skill: 0, entry, texts: [t, u32::MAX] }).collect();
            let mut expected: Vec<(usize, usize)> = Vec::new();
            for (k, &t) in texts.iter().enumerate() {
                match expected.iter().position(|&(first, _)| texts[first] == t) {
                    Some(d) => expected[d].1 += 1,
                    None => expected.push((k, 1)),
                }
            }
            proptest::prop_assert_eq!(distinct_firsts(&each), expected);
        }
    }
}

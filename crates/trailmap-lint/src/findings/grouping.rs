//! What the rules that report an item's findings as one diagnostic
//! (TM101, TM107, TM110, TM120) say of them: each text once, and the
//! entries listed by the text they share.

use std::fmt::Write as _;

use super::{Group, SkillFinding};

/// How many entries (or distinct texts) a grouped finding's message
/// names; the rest are counted ("and 3 more"), so that a message stays a
/// line however many findings a skill has.
pub(crate) const LISTED: usize = 10;

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

/// What comes before item `k` of a list of `listed` in a message: ""
/// first, " and " before the last of a `complete` list, ", " otherwise
/// (a list cut short ends with how many more there are).
fn list_separator(k: usize, listed: usize, complete: bool) -> &'static str {
    match k {
        0 => "",
        _ if complete && k + 1 == listed => " and ",
        _ => ", ",
    }
}

/// Writes to `message` the `listed` texts of a group of `total`, each
/// quoted, with how many times it comes where more than once (counted in
/// `unit`), and how many are left out: "`numpy` (2 entries), `scipy` and
/// 3 more".
pub(crate) fn push_counted<S: AsRef<str>>(
    message: &mut String,
    listed: impl ExactSizeIterator<Item = (S, usize)>,
    total: usize,
    unit: &str,
) {
    let count = listed.len();
    for (k, (text, times)) in listed.enumerate() {
        message.push_str(list_separator(k, count, total == count));
        message.push('`');
        message.push_str(text.as_ref());
        message.push('`');
        if times > 1 {
            let _ = write!(message, " ({times} {unit})");
        }
    }
    if total > count {
        let _ = write!(message, " and {} more", total - count);
    }
}

/// Writes to `message` the first [`LISTED`] findings of `group` (by
/// their entry, `` `id` ``, or "an `any_of` group" where it has none) by
/// their second text, in the order of the first finding quoting each, and
/// how many more there are: "`numpy` and `pandas`, in "Week 2";
/// `polars`, in "Week 5"; and 3 more" (the texts of TM101 and TM110 are a
/// phase's title, and a later one's).
pub(crate) fn list_by_second_text(message: &mut String, group: &Group<'_, '_>) {
    let listed = &group.each[..group.each.len().min(LISTED)];
    let mut seconds: Vec<u32> = Vec::with_capacity(listed.len());
    for found in listed {
        if !seconds.contains(&found.texts[1]) {
            seconds.push(found.texts[1]);
        }
    }
    for (n, &second) in seconds.iter().enumerate() {
        if n > 0 {
            message.push_str("; ");
        }
        let named: Vec<Option<&str>> =
            listed.iter().filter(|found| found.texts[1] == second).map(|found| group.entry(found)).collect();
        for (k, id) in named.iter().enumerate() {
            message.push_str(list_separator(k, named.len(), true));
            match id {
                Some(id) => {
                    message.push('`');
                    message.push_str(id);
                    message.push('`');
                }
                None => message.push_str("an `any_of` group"),
            }
        }
        let _ = write!(message, ", in \"{}\"", group.quoted(second).text);
    }
    if group.each.len() > listed.len() {
        let _ = write!(message, "; and {} more", group.each.len() - listed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::{LISTED, SEARCHED, distinct_firsts, list_by_second_text};
    use crate::findings::{Group, Quoted, SkillFinding};

    /// Entries are listed under the text each shares, texts in the order
    /// of their first entry, one without an id as a group.
    #[test]
    fn entries_are_listed_by_their_second_text() {
        let texts = ["Week 1", "Week 2", "Week 5"];
        let ids = ["numpy", "polars", "pandas", ""];
        let each: Vec<SkillFinding> = [(0, 1), (1, 2), (2, 1), (3, 2)]
            .into_iter()
            .map(|(entry, later)| SkillFinding { skill: 0, entry, texts: [0, later] })
            .collect();
        let quoted = |index: u32| Quoted { index, text: texts[index as usize] };
        let entry = |found: &SkillFinding| Some(ids[found.entry as usize]).filter(|id| !id.is_empty());
        let mut message = String::new();
        list_by_second_text(&mut message, &Group::new(&each, &quoted, &entry));
        assert_eq!(message, "`numpy` and `pandas`, in \"Week 2\"; `polars` and an `any_of` group, in \"Week 5\"");
        // Past the first ten, how many more.
        let many: Vec<SkillFinding> =
            (0..LISTED as u32 + 3).map(|entry| SkillFinding { skill: 0, entry, texts: [0, 1] }).collect();
        let named = |found: &SkillFinding| {
            Some(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"][found.entry as usize])
        };
        message.clear();
        list_by_second_text(&mut message, &Group::new(&many, &quoted, &named));
        assert_eq!(message, "`a`, `b`, `c`, `d`, `e`, `f`, `g`, `h`, `i` and `j`, in \"Week 2\"; and 3 more");
    }

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

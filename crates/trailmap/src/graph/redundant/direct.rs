//! Paths of one step: whether one prerequisite of a skill names another
//! among its own plain entries ([`DirectNeeds`]), read from its list
//! rather than searched for. Roadmaps whose authors list everything a
//! skill builds on (its parent, the parent's parent, and so on up) ask
//! almost only these: each prerequisite lists the ones above it. Counted
//! as search entries, one list read per question, they sent 100,000
//! skills of a random tree, each needing all its ancestors, to the
//! blocks of targets (TM107 half a second, the whole of `lint` 3.8 times
//! `validate`).

use super::Plain;

/// List entries read here count as one search entry in this many: an
/// entry read is the next word of one list and a lookup in a sorted list
/// of a few dozen, where a search's entry is a read anywhere in the graph
/// and label checks.
const ENTRIES_PER_WORK: usize = 16;

/// The list entries one skill's questions read, counted as search entries
/// ([`ENTRIES_PER_WORK`] to one) as they add up: one each for lists of a
/// few entries, read by the million (skills picking ten of a chain of a
/// thousand), moved such a graph's searches past their switch to the
/// blocks. Added up for one skill only: carried from skill to skill, what
/// a skill cost depended on the skills its thread had searched before
/// (chunks of ranks go to whichever thread is free), and so did where a
/// bound stopped the searches.
#[derive(Default)]
struct Tally {
    entries: usize,
}

impl Tally {
    /// Adds `read` entries; the search entries they now make up.
    fn add(&mut self, read: usize) -> usize {
        self.entries += read;
        let whole = self.entries / ENTRIES_PER_WORK;
        self.entries %= ENTRIES_PER_WORK;
        whole
    }
}

/// Which of one skill's prerequisites each of the others names among its
/// own plain entries: the list of the prerequisite at a place is read the
/// first time a question about that place comes, once for the skill (a
/// skill of `k` prerequisites asks up to `k × (k - 1)` questions of `k`
/// lists; one listed twice is read for each place). Scratch of one
/// thread, kept from skill to skill.
#[derive(Default)]
pub(super) struct DirectNeeds {
    /// The skill's prerequisites with their places, sorted; made at the
    /// skill's first question.
    sorted: Vec<(u32, u32)>,
    /// For each place, `words` words: the places its prerequisite names.
    bits: Vec<u64>,
    /// Whether each place's list has been read.
    read: Vec<bool>,
    words: usize,
    /// The entries read for the skill, as work.
    work: Tally,
}

impl DirectNeeds {
    /// Starts on another skill: nothing is read until it is asked, and
    /// nothing read for the skill before is counted for this one.
    pub(super) fn start(&mut self) {
        self.sorted.clear();
        self.work = Tally::default();
    }

    /// Whether `prerequisites[via]` (of the skill [`DirectNeeds::start`]
    /// began) names `prerequisites[target]` among its plain entries, and
    /// the search entries of work that the list entries read for the
    /// skill now make up (none read when its list was read already).
    pub(super) fn needs(
        &mut self,
        plain: &Plain<'_>,
        prerequisites: &[u32],
        via: usize,
        target: usize,
    ) -> (bool, usize) {
        if self.sorted.is_empty() {
            let k = prerequisites.len();
            self.sorted.extend(prerequisites.iter().zip(0..).map(|(&p, place): (&u32, u32)| (p, place)));
            self.sorted.sort_unstable();
            self.words = k.div_ceil(64);
            self.bits.clear();
            self.bits.resize(k * self.words, 0);
            self.read.clear();
            self.read.resize(k, false);
        }
        let row = via * self.words..(via + 1) * self.words;
        let mut entries = 0;
        if !self.read[via] {
            let own = plain.needs(prerequisites[via]);
            entries = own.len();
            let bits = &mut self.bits[row.clone()];
            for &m in own {
                let from = self.sorted.partition_point(|&(p, _)| p < m);
                // Every place of `m`: a skill may list a prerequisite twice.
                for &(_, place) in self.sorted[from..].iter().take_while(|&&(p, _)| p == m) {
                    bits[place as usize / 64] |= 1 << (place % 64);
                }
            }
            self.read[via] = true;
        }
        (self.bits[row][target / 64] >> (target % 64) & 1 == 1, self.work.add(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::{DirectNeeds, ENTRIES_PER_WORK, Tally};
    use crate::SkillGraph;
    use crate::graph::redundant::Plain;

    /// Each prerequisite's own entries, repeats and places past 64
    /// included; a list is read once for the skill, again for the next.
    #[test]
    fn a_prerequisite_names_what_its_own_list_holds() {
        // s0 ... s69; s70 needs every one of them, s69 twice; s69 needs
        // s0-s67 (so s68 is not among them); the others need nothing.
        let mut skills: Vec<String> = (0..69).map(|i| format!(r#"{{"id": "s{i}", "name": "S {i}"}}"#)).collect();
        let below: Vec<String> = (0..68).map(|i| format!("\"s{i}\"")).collect();
        skills.push(format!(r#"{{"id": "s69", "name": "S 69", "prerequisites": [{}]}}"#, below.join(", ")));
        let all: Vec<String> = (0..70).chain([69]).map(|i| format!("\"s{i}\"")).collect();
        skills.push(format!(r#"{{"id": "s70", "name": "S 70", "prerequisites": [{}]}}"#, all.join(", ")));
        let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
        let roadmap = crate::Roadmap::from_json_str(&text).roadmap.expect("a valid roadmap");
        let graph = SkillGraph::new(&roadmap);
        let plain = Plain::new(&graph);
        let prerequisites = plain.needs(70);
        assert_eq!(prerequisites.len(), 71);
        let mut direct = DirectNeeds::default();
        direct.start();
        // s69 is at places 69 and 70: its list names s0 at place 0.
        // 68 entries read: 4 of work, 4 entries over.
        assert_eq!(direct.needs(&plain, prerequisites, 69, 0), (true, 4));
        assert_eq!(direct.needs(&plain, prerequisites, 69, 67), (true, 0), "one list, read once");
        // A place of its own, read for itself (72 entries over: 4 more of
        // work); s69 names neither of its places.
        assert_eq!(direct.needs(&plain, prerequisites, 70, 66), (true, 4));
        assert_eq!(direct.needs(&plain, prerequisites, 70, 69), (false, 0));
        assert_eq!(direct.needs(&plain, prerequisites, 69, 68), (false, 0));
        assert_eq!(direct.needs(&plain, prerequisites, 3, 2), (false, 0), "s3 needs nothing");
        // 8 entries over, not carried to the next skill.
        direct.start();
        assert_eq!(direct.needs(&plain, prerequisites, 69, 66), (true, 4), "read again for the next skill");
    }

    /// Entries count as work a whole search entry at a time, the rest
    /// carried over: short lists read by the million cost what they read.
    #[test]
    fn entries_read_add_up_to_work() {
        let mut tally = Tally::default();
        let counted: usize = (0..ENTRIES_PER_WORK * 10).map(|_| tally.add(1)).sum();
        assert_eq!(counted, 10);
        assert_eq!(tally.add(ENTRIES_PER_WORK * 3 + 1), 3);
        assert_eq!(tally.add(ENTRIES_PER_WORK - 1), 1);
    }
}

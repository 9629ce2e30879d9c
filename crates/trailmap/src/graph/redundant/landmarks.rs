//! Landmark rows: for some skills chosen as landmarks, which of them each
//! skill needs and which of them need it, a bit each. They answer "does
//! `from` need `to`?" for sure when `from` needs a landmark that needs
//! `to`, and rule it out when `to` needs a landmark `from` does not, or a
//! landmark needs `from` but not `to`.
//!
//! The interval labels rule most pairs out, but where most skills need
//! most of those before them every interval spans most of the graph: a
//! search that will find its target enters hundreds of skills the labels
//! leave possible. A landmark between the two in rank is most often
//! needed by the one and needs the other, and ends such a search at its
//! first steps. On `log-distance` at 1M skills the searches looked at 93
//! million entries with three traversals and no landmarks, 16 million
//! with one traversal and 256 landmarks (22 million with 128).
//!
//! A few landmarks are hubs, the skills most others list directly: the
//! labels leave them out, and the rows answer every path through them
//! ([`hubs`]).

use super::Plain;

/// Skills per 64 landmarks: 64 up to 256k skills, then 64 more every
/// 256k, at most [`WORDS_MAX`] × 64. Each 64 cost 16 bytes a skill; the
/// more skills, the further apart in rank the pairs left to search, and
/// the fewer of them a landmark lies between.
const SKILLS_PER_WORD: usize = 1 << 18;

/// At most 256 landmarks.
const WORDS_MAX: usize = 4;

/// Which landmarks each skill needs and which need it, itself included
/// when it is one: `words` of "needs" then `words` of "needed by", side
/// by side per skill.
#[derive(PartialEq, Eq)]
pub(super) struct Landmarks {
    words: usize,
    rows: Vec<u64>,
}

impl Landmarks {
    /// The rows of every skill of `order` (a topological order,
    /// prerequisites first, holding every prerequisite of the skills in
    /// it: the rows are exact there), for `hubs` ([`hubs`]) and the
    /// landmarks spread over the order beside them ([`spread`]).
    pub(super) fn new(plain: &Plain, order: &[u32], n: usize, hubs: &[u32]) -> Self {
        Self::of(plain, order, n, &spread(plain, order, words_for(n), hubs))
    }

    /// The rows for the landmarks `chosen`, one bit each in that order.
    fn of(plain: &Plain, order: &[u32], n: usize, chosen: &[u32]) -> Self {
        let words = chosen.len().div_ceil(64).max(1);
        let mut rows = vec![0u64; n * 2 * words];
        for (bit, &v) in chosen.iter().enumerate() {
            let row = v as usize * 2 * words;
            rows[row + bit / 64] |= 1 << (bit % 64);
            rows[row + words + bit / 64] |= 1 << (bit % 64);
        }
        for &v in order {
            let row = v as usize * 2 * words;
            for &p in plain.needs(v) {
                let from = p as usize * 2 * words;
                for w in 0..words {
                    rows[row + w] |= rows[from + w];
                }
            }
        }
        for &v in order.iter().rev() {
            let row = v as usize * 2 * words + words;
            for &p in plain.needs(v) {
                let to = p as usize * 2 * words + words;
                for w in 0..words {
                    rows[to + w] |= rows[row + w];
                }
            }
        }
        Landmarks { words, rows }
    }

    /// The landmarks `v` needs and those that need it.
    fn row(&self, v: u32) -> (&[u64], &[u64]) {
        let at = v as usize * 2 * self.words;
        self.rows[at..at + 2 * self.words].split_at(self.words)
    }

    /// `true` when `from` needs `to` through a landmark (`from` and `to`
    /// distinct).
    pub(super) fn surely_needs(&self, from: u32, to: u32) -> bool {
        let ((needs, _), (_, needed_by)) = (self.row(from), self.row(to));
        needs.iter().zip(needed_by).any(|(a, b)| a & b != 0)
    }

    /// `false` when `from` certainly does not need `to`.
    pub(super) fn may_need(&self, from: u32, to: u32) -> bool {
        let ((from_needs, from_needed_by), (to_needs, to_needed_by)) = (self.row(from), self.row(to));
        to_needs.iter().zip(from_needs).all(|(t, f)| t & !f == 0)
            && from_needed_by.iter().zip(to_needed_by).all(|(f, t)| f & !t == 0)
    }
}

/// How many words of landmarks a graph of `n` skills has.
fn words_for(n: usize) -> usize {
    n.div_ceil(SKILLS_PER_WORD).clamp(1, WORDS_MAX)
}

/// Of every 64 landmarks, at most this many are hubs: skills needed
/// directly by the most others (see [`hubs`]).
const HUBS_PER_WORD: usize = 16;

/// A hub is needed directly by at least this many skills, and by one in
/// [`HUB_SHARE`] of them.
const HUB_MIN: usize = 64;

/// See [`HUB_MIN`].
const HUB_SHARE: usize = 1024;

/// The hubs of `order` (a topological order, prerequisites first), most
/// needed first: the skills most needed directly (a skill every other one
/// lists, or the few that most draw their prerequisites from), at most a
/// quarter of the landmarks a graph of `n` skills has. The labels leave
/// them out (see [`super::labels`]), since a skill needed by most others
/// makes every interval span most of the graph. Most graphs have none.
pub(super) fn hubs(plain: &Plain, order: &[u32], n: usize) -> Vec<u32> {
    hubs_of(plain, order, words_for(n))
}

/// [`hubs`] among `words` × 64 landmarks.
fn hubs_of(plain: &Plain, order: &[u32], words: usize) -> Vec<u32> {
    let hub_min = HUB_MIN.max(plain.len() / HUB_SHARE);
    let mut hubs: Vec<u32> = order.iter().copied().filter(|&v| plain.dependent_count(v) >= hub_min).collect();
    // Ties go to the later in the file, however the skills are numbered.
    let most_needed = |&v: &u32| std::cmp::Reverse((plain.dependent_count(v), plain.file_index(v)));
    if hubs.len() > HUBS_PER_WORD * words {
        hubs.select_nth_unstable_by_key(HUBS_PER_WORD * words, most_needed);
        hubs.truncate(HUBS_PER_WORD * words);
    }
    hubs.sort_unstable_by_key(most_needed);
    hubs
}

/// The landmarks, `hubs` first and then up to `words` × 64 in all spread
/// over `order`: it is cut into as many stretches as there are landmarks
/// left, and each stretch's landmark is its skill with the most
/// prerequisites and dependents (the smaller of the two counts, then their
/// product): such a skill is needed by and needs more skills than its
/// neighbours.
fn spread(plain: &Plain, order: &[u32], words: usize, hubs: &[u32]) -> Vec<u32> {
    let score = |v: u32| {
        // Dependents through `any_of` groups count too: a cheap
        // estimate, and only the choice depends on it. Ties go to the
        // later in the file, however the skills are numbered.
        let (needs, needed) = (plain.needs(v).len() as u64, plain.dependent_count(v) as u64);
        (needs.min(needed), needs * needed, plain.file_index(v))
    };
    let mut candidates: Vec<u32> = order.iter().copied().filter(|&v| score(v).0 > 0).collect();
    if !hubs.is_empty() {
        let mut by_index = hubs.to_vec();
        by_index.sort_unstable();
        candidates.retain(|v| by_index.binary_search(v).is_err());
    }
    let stretch = candidates.len().div_ceil(64 * words - hubs.len()).max(1);
    let spread = candidates.chunks(stretch).filter_map(|c| c.iter().copied().max_by_key(|&v| score(v)));
    hubs.iter().copied().chain(spread).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{random, reach};
    use super::super::{Plain, to_u32};
    use super::Landmarks;
    use crate::SkillGraph;

    /// On graphs of every density, with cycles and `any_of` groups, one
    /// skill every other one needs, and rows of one to three words: what
    /// the rows say for sure holds, what they rule out does not, and every
    /// question about a landmark is answered, by brute force.
    #[test]
    fn the_rows_agree_with_brute_force() {
        let graphs = [
            (300, 300, 3, 1, 1, false),
            (700, 40, 6, 2, 2, false),
            (400, 400, 20, 3, 1, false),
            (1_500, 100, 2, 4, 3, false),
            (900, 900, 2, 5, 1, true),
        ];
        for (n, window, degree, seed, words, fan) in graphs {
            let mut roadmap = random(n, window, degree, seed);
            for skill in roadmap.skills.iter_mut().skip(3).step_by(7) {
                skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
            }
            for skill in roadmap.skills.iter_mut().skip(3).filter(|_| fan) {
                skill.prerequisites.push(crate::Prerequisite::Skill("s2".into()));
            }
            // A cycle among the last skills: they, and what needs them, are
            // left out of the order.
            roadmap.skills[n - 9].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 5).into()));
            roadmap.skills[n - 5].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 9).into()));
            let graph = SkillGraph::new(&roadmap);
            let plain = Plain::new(&graph);
            let order = graph.topological_indices();
            assert!(order.len() > n - 10 && order.len() < n, "{n}: {} in order", order.len());
            let hubs = super::hubs_of(&plain, &order, words);
            let chosen = super::spread(&plain, &order, words, &hubs);
            let landmarks = Landmarks::of(&plain, &order, n, &chosen);
            let reach = reach(&graph);
            let is_landmark = |v: u32| landmarks.row(v).0.iter().zip(landmarks.row(v).1).any(|(a, b)| a & b != 0);
            let mut listed = chosen.clone();
            listed.sort_unstable();
            listed.dedup();
            assert!(listed.iter().all(|&v| is_landmark(v)) && listed.len() == chosen.len(), "{n}: each once");
            assert!(chosen.starts_with(&hubs), "{n}: the hubs first");
            // The skill everything needs is the first hub; `s0` and `s1`,
            // in an `any_of` group of one skill in seven, are hubs from 700
            // skills (64 dependents at least); no skill is one at 300.
            assert!(!fan || hubs[0] == 2, "{n}: hubs {hubs:?}");
            assert!(hubs.len() >= usize::from(fan) + 2 * usize::from(n >= 700), "{n}: hubs {hubs:?}");
            assert!(n > 300 || hubs.is_empty(), "{n}: hubs {hubs:?}");
            let (mut sure, mut ruled_out) = (0, 0);
            for &from in &order {
                for &to in order.iter().filter(|&&to| to != from) {
                    let needs = reach[from as usize][to as usize];
                    if landmarks.surely_needs(from, to) {
                        assert!(needs, "{from} surely needs {to}");
                        sure += 1;
                    }
                    if !landmarks.may_need(from, to) {
                        assert!(!needs, "{from} may need {to}");
                        ruled_out += 1;
                    }
                    if is_landmark(from) || is_landmark(to) {
                        assert_eq!(landmarks.surely_needs(from, to), needs, "{from} {to} by a landmark");
                    }
                }
            }
            assert!(sure > 0 && ruled_out > 0, "{n} {window} {degree}: {sure} {ruled_out}");
            let landmark_count = (0..to_u32(n)).filter(|&v| is_landmark(v)).count();
            // Every word of the rows holds landmarks.
            assert!(
                (64 * (words - 1) + 1..=64 * words).contains(&landmark_count),
                "{n} {words}: {landmark_count} landmarks"
            );
        }
    }
}

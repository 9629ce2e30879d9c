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
    /// it: the rows are exact there). The landmarks are spread over
    /// `order`: it is cut into as many stretches as there are landmarks,
    /// and each stretch's landmark is its skill with the most
    /// prerequisites and dependents (the smaller of the two counts, then
    /// their product): such a skill is needed by and needs more skills
    /// than its neighbours.
    pub(super) fn new(plain: &Plain, order: &[u32], n: usize) -> Self {
        Self::with_words(plain, order, n, n.div_ceil(SKILLS_PER_WORD).clamp(1, WORDS_MAX))
    }

    /// [`Landmarks::new`] with `words` × 64 landmarks (at most).
    fn with_words(plain: &Plain, order: &[u32], n: usize, words: usize) -> Self {
        let score = |v: u32| {
            // Dependents through `any_of` groups count too: a cheap
            // estimate, and only the choice depends on it. Ties go to the
            // later in the file, however the skills are numbered.
            let (needs, needed) = (plain.needs(v).len() as u64, plain.dependent_count(v) as u64);
            (needs.min(needed), needs * needed, plain.file_index(v))
        };
        let candidates: Vec<u32> = order.iter().copied().filter(|&v| score(v).0 > 0).collect();
        let stretch = candidates.len().div_ceil(64 * words).max(1);
        let mut rows = vec![0u64; n * 2 * words];
        let chosen = candidates.chunks(stretch).filter_map(|c| c.iter().copied().max_by_key(|&v| score(v)));
        for (bit, v) in chosen.enumerate() {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{random, reach};
    use super::super::{Plain, to_u32};
    use super::Landmarks;
    use crate::SkillGraph;

    /// On graphs of every density, with cycles and `any_of` groups, and
    /// rows of one to three words: what the rows say for sure holds, what
    /// they rule out does not, and every question about a landmark is
    /// answered, by brute force.
    #[test]
    fn the_rows_agree_with_brute_force() {
        let graphs = [(300, 300, 3, 1, 1), (700, 40, 6, 2, 2), (400, 400, 20, 3, 1), (1_500, 100, 2, 4, 3)];
        for (n, window, degree, seed, words) in graphs {
            let mut roadmap = random(n, window, degree, seed);
            for skill in roadmap.skills.iter_mut().skip(3).step_by(7) {
                skill.prerequisites.insert(0, crate::AnyOf::new(["s0", "s1"]).into());
            }
            // A cycle among the last skills: they, and what needs them, are
            // left out of the order.
            roadmap.skills[n - 9].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 5).into()));
            roadmap.skills[n - 5].prerequisites.push(crate::Prerequisite::Skill(format!("s{}", n - 9).into()));
            let graph = SkillGraph::new(&roadmap);
            let plain = Plain::new(&graph);
            let order = graph.topological_indices();
            assert!(order.len() > n - 10 && order.len() < n, "{n}: {} in order", order.len());
            let landmarks = Landmarks::with_words(&plain, &order, n, words);
            let reach = reach(&graph);
            let is_landmark = |v: u32| landmarks.row(v).0.iter().zip(landmarks.row(v).1).any(|(a, b)| a & b != 0);
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

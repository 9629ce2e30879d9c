//! Interval labels (GRAIL, Yıldırım, Chaoji and Zaki, 2010): a
//! depth-first traversal of the plain "needs" graph numbers every skill in
//! post-order. With the landmark rows beside them they answer most "does
//! `from` need `to`?" questions in constant time, one way or the other,
//! and prune the rest.

use super::Plain;
use super::landmarks::Landmarks;

/// The traversal's numbers for a skill.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Label {
    /// The smallest post-order number of anything the skill needs (or its own subtree's first).
    pub(super) low: u32,
    /// The post-order number the traversal gave when it entered the skill:
    /// its depth-first subtree holds exactly the numbers `first..=post`.
    pub(super) first: u32,
    /// Post-order number.
    pub(super) post: u32,
}

/// A label per skill, and the landmark rows.
///
/// One traversal: GRAIL takes a few, in different child orders, each
/// ruling out more pairs, but with 64 landmarks (16 bytes a skill, where
/// a traversal costs 12) a second and third one only cost time. At 100k
/// skills of every generator shape the searches took the same time or
/// less with one traversal than with three and the same landmarks
/// (power-law hubs 38 → 29 ms, prerequisites from everything before 33 →
/// 23 ms, in process).
pub(super) struct Labels {
    pub(super) labels: Vec<Label>,
    pub(super) landmarks: Landmarks,
}

impl Labels {
    /// Labels every skill of `order` (a topological order, prerequisites
    /// first; skills on cycles are not in it and not labelled).
    pub(super) fn new(plain: &Plain, order: &[u32], n: usize) -> Self {
        Labels { labels: traverse(plain, order, n), landmarks: Landmarks::new(plain, order, n) }
    }

    /// [`Labels::new`] with the traversal, and `beside` (the caller's
    /// other work), on a helper thread: each is a pass or two over the
    /// graph, a few milliseconds at 100k skills while the other core often
    /// has nothing to do.
    pub(super) fn new_beside<B: Send>(
        plain: &Plain,
        order: &[u32],
        n: usize,
        beside: impl Fn() -> B + Sync,
    ) -> (Self, B) {
        let (landmarks, (labels, other)) =
            crate::parallel::join(|| Landmarks::new(plain, order, n), || (traverse(plain, order, n), beside()));
        (Labels { labels, landmarks }, other)
    }

    /// `false` when `from` certainly does not need `to`.
    pub(super) fn may_need(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        a.low <= b.low && b.post < a.post && self.landmarks.may_need(from, to)
    }

    /// `true` when `from` needs `to` for sure: `to` is in `from`'s
    /// depth-first subtree, or `from` needs a landmark that needs `to`.
    pub(super) fn surely_needs(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        (a.first <= b.post && b.post < a.post) || self.landmarks.surely_needs(from, to)
    }
}

/// The traversal: each skill's label, numbered in post-order.
fn traverse(plain: &Plain, order: &[u32], n: usize) -> Vec<Label> {
    let mut labels = vec![Label::default(); n];
    let mut visited = vec![false; n];
    // (skill, next prerequisite)
    let mut stack: Vec<(u32, u32)> = Vec::new();
    let mut counter = 0u32;
    // Roots from the last skill back: skills nothing needs come late.
    for &root in order.iter().rev() {
        if visited[root as usize] {
            continue;
        }
        visited[root as usize] = true;
        labels[root as usize].first = counter;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (x, next) = *top;
            let needs = plain.needs(x);
            if let Some(&y) = needs.get(next as usize) {
                top.1 += 1;
                if !visited[y as usize] {
                    visited[y as usize] = true;
                    labels[y as usize].first = counter;
                    stack.push((y, 0));
                }
            } else {
                labels[x as usize].post = counter;
                counter += 1;
                stack.pop();
            }
        }
    }
    // Prerequisites first: each skill's `low` from those it needs.
    for &x in order {
        let mut low = labels[x as usize].first;
        for &y in plain.needs(x) {
            low = low.min(labels[y as usize].low);
        }
        labels[x as usize].low = low;
    }
    labels
}

//! Interval labels (GRAIL, Yıldırım, Chaoji and Zaki, 2010): a
//! depth-first traversal of the plain "needs" graph numbers every skill in
//! post-order. With the landmark rows beside them they answer most "does
//! `from` need `to`?" questions in constant time, one way or the other,
//! and prune the rest.
//!
//! The traversal leaves the hubs out (the landmarks most needed
//! directly, see [`landmarks::hubs`]): it numbers the graph without
//! them. A path through a landmark is one the rows answer exactly (`from`
//! needs a landmark that needs `to`), so `from` needs `to` exactly when
//! the graph without hubs has a path or the rows say so, and a question
//! about a hub is the rows' alone. Left in, a skill nearly everything
//! needs (one that every skill lists, or a few that most draw their
//! prerequisites from) would be in every skill's interval, and the labels
//! would rule out only what the order does: on 100k skills each needing
//! one skill and 0-2 others of the 5,000 before, TM107 took 37 ms with
//! it, 30 without.

use super::Plain;
use super::landmarks::{self, Landmarks};

/// The traversal's numbers for a skill. A hub's are all [`HUB`]: no
/// interval test passes with it on either side.
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

/// Every number of a hub's label: as `from`, its `low` is above any
/// other skill's; as `to`, its `post` is not below any.
const HUB: u32 = u32::MAX;

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
    /// Whether the traversal left hubs out: an interval test that fails
    /// then leaves a path through a hub possible.
    pub(super) hubs_left_out: bool,
}

impl Labels {
    /// Labels every skill of `order` (a topological order, prerequisites
    /// first; skills on cycles are not in it and not labelled).
    pub(super) fn new(plain: &Plain, order: &[u32], n: usize) -> Self {
        let hubs = landmarks::hubs(plain, order, n);
        let labels = traverse(plain, order, n, &hubs);
        Labels { labels, landmarks: Landmarks::new(plain, order, n, &hubs), hubs_left_out: !hubs.is_empty() }
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
        // The hubs first (a pass over the dependents' counts): the
        // traversal leaves them out, and the rows give them the first bits.
        let hubs = landmarks::hubs(plain, order, n);
        let (landmarks, (labels, other)) = crate::parallel::join(
            || Landmarks::new(plain, order, n, &hubs),
            || (traverse(plain, order, n, &hubs), beside()),
        );
        (Labels { labels, landmarks, hubs_left_out: !hubs.is_empty() }, other)
    }

    /// `false` when `from` certainly does not need `to` by a path that
    /// enters no hub. That is every path the searches ask about: one
    /// starts only where [`Labels::surely_needs`] (which finds any path
    /// through a landmark) says no, and a skill it enters reaches no more
    /// than the skill it started from.
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

/// The traversal of the graph without `hubs`: each other skill's label,
/// numbered in post-order.
fn traverse(plain: &Plain, order: &[u32], n: usize, hubs: &[u32]) -> Vec<Label> {
    let mut labels = vec![Label::default(); n];
    // A hub counts as visited: never entered.
    let mut visited = vec![false; n];
    for &hub in hubs {
        visited[hub as usize] = true;
        labels[hub as usize] = Label { low: HUB, first: HUB, post: HUB };
    }
    // A skill's nearest prerequisite in rank is entered first, then the
    // others in list order. Where skills need the one before them (a
    // chain under the rest), the traversal then follows the chain, each
    // skill's subtree holds everything below it, and `surely_needs`
    // answers every question. In list order alone, prerequisites written
    // oldest first, as authors list them, led it down the far ones
    // first: 100k skills each needing the 8 before and 2 from anywhere,
    // `lint` 0.59 → 0.38 s; the 8 before and 0-8 from anywhere, 0.91 →
    // 0.61 s. The ranks are kept in `low` until the traversal is done (it
    // reads only `first` and `post`).
    for (rank, &x) in order.iter().enumerate() {
        if !visited[x as usize] {
            labels[x as usize].low = super::to_u32(rank);
        }
    }
    // (skill, next position, the nearest prerequisite's place in its list)
    let mut stack: Vec<(u32, u32, u32)> = Vec::new();
    let mut counter = 0u32;
    let enter = |x: u32, labels: &mut [Label], visited: &mut [bool], counter: u32| {
        visited[x as usize] = true;
        labels[x as usize].first = counter;
        let nearest = plain
            .needs(x)
            .iter()
            .enumerate()
            .filter(|&(_, &y)| !visited[y as usize])
            .max_by_key(|&(_, &y)| labels[y as usize].low)
            .map_or(0, |(place, _)| super::to_u32(place));
        (x, 0, nearest)
    };
    // Roots from the last skill back: skills nothing needs come late.
    for &root in order.iter().rev() {
        if visited[root as usize] {
            continue;
        }
        stack.push(enter(root, &mut labels, &mut visited, counter));
        while let Some(top) = stack.last_mut() {
            let (x, next, nearest) = *top;
            let needs = plain.needs(x);
            // Position 0 is the nearest prerequisite; then the others in
            // list order.
            let place = match next {
                0 => Some(nearest as usize),
                p if p - 1 == nearest => None,
                p => Some(p as usize - 1),
            };
            if (next as usize) <= needs.len() {
                top.1 += 1;
                if let Some(&y) = place.and_then(|place| needs.get(place)) {
                    if !visited[y as usize] {
                        stack.push(enter(y, &mut labels, &mut visited, counter));
                    }
                }
            } else {
                labels[x as usize].post = counter;
                counter += 1;
                stack.pop();
            }
        }
    }
    // Prerequisites first: each skill's `low` from those it needs (a
    // hub's, the highest, changes no minimum).
    for &x in order {
        let mut low = labels[x as usize].first;
        if low == HUB {
            continue;
        }
        for &y in plain.needs(x) {
            low = low.min(labels[y as usize].low);
        }
        labels[x as usize].low = low;
    }
    labels
}

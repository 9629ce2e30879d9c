//! Interval labels (GRAIL, Yıldırım, Chaoji and Zaki, 2010): a few
//! depth-first traversals of the plain "needs" graph, each numbering every
//! skill in post-order. They answer most "does `from` need `to`?"
//! questions in constant time, one way or the other, and prune the rest.

use super::Plain;

/// Depth-first traversals whose labels are kept: each more rejects more
/// pairs up front and costs one pass over the graph and 12 bytes a skill.
/// Three: with five, 100k and 1M skills of every generator shape took the
/// same time or up to 5% more (power-law hubs, prerequisites from
/// everything before, twenty a skill), and 2.4 MB more at 100k skills.
pub(super) const TRAVERSALS: usize = 3;

/// One traversal's numbers for a skill.
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

/// [`TRAVERSALS`] labels per skill, side by side for cache locality.
pub(super) struct Labels {
    pub(super) labels: Vec<[Label; TRAVERSALS]>,
}

impl Labels {
    /// Labels every skill of `order` (a topological order, prerequisites
    /// first; skills on cycles are not in it and not labelled).
    pub(super) fn new(plain: &Plain, order: &[u32], n: usize) -> Self {
        let mut labels = vec![[Label::default(); TRAVERSALS]; n];
        let mut scratch = Scratch::new(n);
        for round in 0..TRAVERSALS {
            traverse(plain, order, round, round, &mut labels, &mut scratch);
        }
        Labels { labels }
    }

    /// [`Labels::new`] with the first traversal, and `beside` (the
    /// caller's other work), on a helper thread: each traversal is one
    /// pass over the graph, a few milliseconds at 100k skills while the
    /// other core often has nothing to do. The helper's traversal costs
    /// 12 bytes a skill until it is copied in.
    pub(super) fn new_beside<B: Send>(
        plain: &Plain,
        order: &[u32],
        n: usize,
        beside: impl Fn() -> B + Sync,
    ) -> (Self, B) {
        let (mut labels, (first, other)) = crate::parallel::join(
            || {
                let mut labels = vec![[Label::default(); TRAVERSALS]; n];
                let mut scratch = Scratch::new(n);
                for round in 1..TRAVERSALS {
                    traverse(plain, order, round, round, &mut labels, &mut scratch);
                }
                labels
            },
            || {
                let mut first = vec![[Label::default(); 1]; n];
                traverse(plain, order, 0, 0, &mut first, &mut Scratch::new(n));
                (first, beside())
            },
        );
        for (all, [first]) in labels.iter_mut().zip(first) {
            all[0] = first;
        }
        (Labels { labels }, other)
    }

    /// `false` when `from` certainly does not need `to`.
    pub(super) fn may_need(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        (0..TRAVERSALS).all(|r| a[r].low <= b[r].low && b[r].post < a[r].post)
    }

    /// `true` when `to` is in `from`'s depth-first subtree in some
    /// traversal: `from` needs it for sure.
    pub(super) fn surely_needs(&self, from: u32, to: u32) -> bool {
        let (a, b) = (&self.labels[from as usize], &self.labels[to as usize]);
        (0..TRAVERSALS).any(|r| a[r].first <= b[r].post && b[r].post < a[r].post)
    }
}

/// What a traversal needs besides the labels: which skills it has entered
/// (the round's mark) and its stack of (skill, next prerequisite).
struct Scratch {
    visited: Vec<u8>,
    stack: Vec<(u32, u32)>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch { visited: vec![0; n], stack: Vec::new() }
    }
}

/// Traversal `round` of the graph, numbering each skill's `labels[..][slot]`.
fn traverse<const W: usize>(
    plain: &Plain,
    order: &[u32],
    round: usize,
    slot: usize,
    labels: &mut [[Label; W]],
    Scratch { visited, stack }: &mut Scratch,
) {
    let mark = round as u8 + 1;
    let mut counter = 0u32;
    // Roots from the last skill back (skills nothing needs come late),
    // children from a per-skill, per-round rotation.
    let roots: Box<dyn Iterator<Item = &u32>> =
        if round.is_multiple_of(2) { Box::new(order.iter().rev()) } else { Box::new(order.iter()) };
    for &root in roots {
        if visited[root as usize] == mark {
            continue;
        }
        visited[root as usize] = mark;
        labels[root as usize][slot].first = counter;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (x, next) = *top;
            let needs = plain.needs(x);
            if (next as usize) < needs.len() {
                top.1 += 1;
                let y = needs[(next as usize + rotation(x, round, needs.len())) % needs.len()];
                if visited[y as usize] != mark {
                    visited[y as usize] = mark;
                    labels[y as usize][slot].first = counter;
                    stack.push((y, 0));
                }
            } else {
                labels[x as usize][slot].post = counter;
                counter += 1;
                stack.pop();
            }
        }
    }
    // Prerequisites first: each skill's `low` from those it needs.
    for &x in order {
        let mut low = labels[x as usize][slot].first;
        for &y in plain.needs(x) {
            low = low.min(labels[y as usize][slot].low);
        }
        labels[x as usize][slot].low = low;
    }
}

/// Where traversal `round` starts among a skill's `len` prerequisites.
fn rotation(x: u32, round: usize, len: usize) -> usize {
    if round == 0 {
        return 0;
    }
    let mut z = u64::from(x) ^ (round as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) % len as u64) as usize
}

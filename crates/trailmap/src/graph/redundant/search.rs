//! The pair-by-pair answer to "does `via` need `target`?", for questions
//! the ring does not hold: the labels first, then a search that enters
//! only skills the labels leave possible; and the marking search of a
//! skill with very many prerequisites ([`Marking`]). Their work is counted
//! ([`Work`]), so that the caller can switch to the blocks or stop.

use std::sync::Arc;

use super::Plain;
use super::direct::DirectNeeds;
use super::labels::Labels;
use super::window::Window;

/// Answers "does `via` need `target`?" exactly: from the ring when the two
/// are close in rank, else by the labels, else by a search that enters
/// only skills the labels leave possible and asks the ring again at each.
pub(super) struct Search<'a> {
    pub(super) plain: &'a Plain<'a>,
    pub(super) rank: &'a [u32],
    pub(super) level: &'a [u32],
    /// The heights and labels, shared by the searches of every thread
    /// ([`Search::fork`]).
    tables: Arc<Tables>,
    /// Skills entered by the current search carry its generation.
    pub(super) stamp: Vec<u32>,
    pub(super) generation: u32,
    pub(super) stack: Vec<u32>,
    /// The cheap necessary conditions of one skill's prerequisites (level,
    /// height, interval), side by side: a skill
    /// with 20 prerequisites asks 380 questions.
    pub(super) near: Vec<Near>,
    /// Entries of skills further back than this count twice (see
    /// [`FAR_RANKS`]).
    far_ranks: u32,
    /// Whether the labels left hubs out (read at every question whose
    /// intervals fail: kept here, beside the scratch).
    hubs_left_out: bool,
    /// Which of the current skill's prerequisites the others list.
    direct: DirectNeeds,
}

/// What every search reads and none writes: the longest path from each
/// skill to one that needs it, and the labels.
struct Tables {
    height: Vec<u32>,
    labels: Labels,
}

/// What [`Search::open_targets`] finds: whether each skill (by index) is
/// open, and the entries the labels settle, as (skill, place, place, the
/// place of the first other prerequisite needing it).
pub(super) type OpenTargets = (Vec<bool>, Vec<(u32, u32, u32, u32)>);

/// A skill's level, height and interval (`low`, `post`).
pub(super) type Near = (u32, u32, u32, u32);

/// From this many skills the labels and heights are made on two threads
/// (see [`Labels::new_beside`]): a traversal of 16k skills takes about a
/// millisecond, a thread a few dozen microseconds to start.
const LABELS_BESIDE_FROM: usize = 1 << 14;

/// A skill entered by a search more than this many ranks below the
/// skill whose prerequisites are asked about has its entries counted
/// twice in [`Work`]: on a graph this large it lies outside the caches,
/// and so does most of what it needs, and the bound is on time. At a
/// million skills each needing up to five of everything before them an
/// entry looked at cost about 50 ns, three times one of `dense` (twenty
/// among the previous 5,000: 17 ns), and the searches took 1.4 s within
/// the bound of entries counted alike. Smaller graphs are never this far.
pub(super) const FAR_RANKS: u32 = 1 << 18;

/// Prerequisite entries looked at so far by every search (pair by pair
/// and marking; those of skills far back counted twice, see
/// [`FAR_RANKS`]), and how many may be.
pub(super) struct Work {
    pub(super) spent: u64,
    pub(super) max: u64,
}

impl Work {
    /// Counts `entries` more: `false` once past the bound.
    pub(super) fn spend(&mut self, entries: usize) -> bool {
        self.spent = self.spent.saturating_add(entries as u64);
        self.spent <= self.max
    }

    /// What may still be spent.
    pub(super) fn left(&self) -> u64 {
        self.max.saturating_sub(self.spent)
    }
}

impl<'a> Search<'a> {
    /// The searches over `plain`, for `order` (skills by rank), `rank` its
    /// inverse, and each skill's longest-path `level`: the heights (the
    /// longest path from each skill to one that needs it, over all
    /// prerequisites) and the labels are made here, on two threads when
    /// `threads` allows and the graph is worth it.
    pub(super) fn new(
        plain: &'a Plain<'a>,
        order: &[u32],
        rank: &'a [u32],
        level: &'a [u32],
        threads: usize,
        far_ranks: u32,
    ) -> Self {
        let n = plain.len();
        let heights = || {
            let mut height = vec![0u32; n];
            for &i in order.iter().rev() {
                let h = height[i as usize].saturating_add(1);
                for &m in plain.all_members(i) {
                    height[m as usize] = height[m as usize].max(h);
                }
            }
            height
        };
        let (labels, height) = match threads > 1 && n >= LABELS_BESIDE_FROM {
            true => Labels::new_beside(plain, order, n, heights),
            false => (Labels::new(plain, order, n), heights()),
        };
        Search::with_tables(plain, rank, level, Arc::new(Tables { height, labels }), far_ranks)
    }

    /// A search of its own for another thread: the same tables, scratch
    /// of its own (4 bytes a skill).
    pub(super) fn fork(&self) -> Self {
        Search::with_tables(self.plain, self.rank, self.level, Arc::clone(&self.tables), self.far_ranks)
    }

    /// A search over `tables`, with fresh scratch.
    fn with_tables(
        plain: &'a Plain<'a>,
        rank: &'a [u32],
        level: &'a [u32],
        tables: Arc<Tables>,
        far_ranks: u32,
    ) -> Self {
        Search {
            hubs_left_out: tables.labels.hubs_left_out,
            far_ranks,
            plain,
            rank,
            level,
            tables,
            stamp: vec![0; rank.len()],
            generation: 0,
            stack: Vec::new(),
            near: Vec::new(),
            direct: DirectNeeds::default(),
        }
    }

    /// For each of `prerequisites` (of the skill at rank `current`), in
    /// entry order, the first other one that needs it, given to `report`
    /// as (its index in `prerequisites`, that other one). `false` when
    /// `work` runs out first (what was reported stands, the rest is not
    /// known).
    pub(super) fn first_needing(
        &mut self,
        window: &Window,
        current: u32,
        prerequisites: &[u32],
        work: &mut Work,
        mut report: impl FnMut(usize, u32),
    ) -> bool {
        let mut near = std::mem::take(&mut self.near);
        self.fill_near(prerequisites, &mut near);
        self.direct.start();
        let plain = self.plain;
        let mut out_of_work = false;
        for (k, &target) in prerequisites.iter().enumerate() {
            let t = near[k];
            let via = prerequisites.iter().zip(&near).enumerate().find(|&(place, (&via, &u))| {
                via != target
                    && self.near_answer(via, u, target, t).unwrap_or_else(|| {
                        // One step first: `via`'s own list, read once for the skill.
                        let (listed, list_work) = self.direct.needs(plain, prerequisites, place, k);
                        let answer = match work.spend(list_work) {
                            false => None,
                            true if listed => Some(true),
                            true => self.needs(window, current, via, target, work),
                        };
                        answer.unwrap_or_else(|| {
                            out_of_work = true;
                            true
                        })
                    })
            });
            if out_of_work {
                break;
            }
            if let Some((_, (&via, _))) = via {
                report(k, via);
            }
        }
        self.near = near;
        !out_of_work
    }

    /// Which skills (by index) a question leaves open: `t` is open when,
    /// for some skill needing it and another plain prerequisite `via` of
    /// that skill, the labels neither rule out that `via` needs `t` nor
    /// show that it does, and no prerequisite before `via` in entry order
    /// surely needs `t` (the first that does is the answer: those after it
    /// are not asked; asked, they left 45,097 targets of 100k open on a
    /// graph of three prerequisites in the layer before and two from
    /// anywhere, against 36,853, and the blocks' work 18% higher). Only
    /// the open ones need a search or the blocks.
    /// Every entry whose questions the labels all answer, and that another
    /// prerequisite needs, is returned beside them as (skill, its place,
    /// its place, the place of the first other in entry order needing it):
    /// those naming a target found open are the caller's to drop. The
    /// skills of `order` are split among up to `threads` threads, each
    /// taking at least `min_part` of them (the questions of 100k skills
    /// with 0-10 prerequisites drawn from everything before took 15 ms on
    /// one thread while the other waited for the blocks).
    pub(super) fn open_targets(&self, order: &[u32], threads: usize, min_part: usize) -> OpenTargets {
        let parts = crate::parallel::ranges(order.len(), threads.min(order.len() / min_part.max(1)).max(1));
        let mut each = crate::parallel::map(&parts, |part| self.open_among(&order[part.clone()])).into_iter();
        let (mut open, mut settled) = each.next().unwrap_or_default();
        for (more_open, more_settled) in each {
            for (all, more) in open.iter_mut().zip(more_open) {
                *all |= more;
            }
            settled.extend(more_settled);
        }
        (open, settled)
    }

    /// [`Search::open_targets`] for the skills of `order`, on this thread.
    fn open_among(&self, order: &[u32]) -> OpenTargets {
        let mut open = vec![false; self.plain.len()];
        let mut settled = Vec::new();
        let mut near = Vec::new();
        let mut direct = DirectNeeds::default();
        for &v in order {
            let prerequisites = self.plain.needs(v);
            if prerequisites.len() < 2 {
                continue;
            }
            self.fill_near(prerequisites, &mut near);
            direct.start();
            'targets: for (k, &target) in prerequisites.iter().enumerate() {
                if open[target as usize] {
                    continue;
                }
                let t = near[k];
                let mut first = None;
                for (place, (&via, &u)) in prerequisites.iter().zip(&near).enumerate() {
                    if via == target {
                        continue;
                    }
                    match self.near_answer(via, u, target, t) {
                        Some(false) => continue,
                        Some(true) => {
                            first = Some(place);
                            break;
                        }
                        None if !self.between(via, target) => continue,
                        None => {}
                    }
                    // Open unless `via` lists `target` itself.
                    if !self.tables.labels.surely_needs(via, target)
                        && !direct.needs(self.plain, prerequisites, place, k).0
                    {
                        open[target as usize] = true;
                        continue 'targets;
                    }
                    first = Some(place);
                    break;
                }
                if let Some(place) = first {
                    let k = super::to_u32(k);
                    settled.push((v, k, k, super::to_u32(place)));
                }
            }
        }
        (open, settled)
    }

    /// The cheap necessary conditions of each of `prerequisites`, into
    /// `near` (see [`Search::near_answer`]).
    fn fill_near(&self, prerequisites: &[u32], near: &mut Vec<Near>) {
        near.clear();
        near.extend(prerequisites.iter().map(|&p| {
            let first = self.tables.labels.labels[p as usize];
            (self.level[p as usize], self.tables.height[p as usize], first.low, first.post)
        }));
    }

    /// Whether `via` (of conditions `u`) needs `target` (of `t`), where
    /// the cheap conditions settle it: not when its level or height rule it
    /// out; when their intervals rule out a path, not, or, if the labels
    /// left hubs out, as the landmark rows say (exactly, see
    /// [`super::labels`]); `None` otherwise.
    fn near_answer(&self, via: u32, u: Near, target: u32, t: Near) -> Option<bool> {
        if u.0 <= t.0 || u.1 >= t.1 {
            return Some(false);
        }
        if u.2 <= t.2 && t.3 < u.3 {
            return None;
        }
        Some(self.through_hub(via, target))
    }

    /// Whether `via` needs `target`, where the intervals rule out every
    /// path that enters no hub: through a hub, which the landmark rows know
    /// (never, where the labels left no hub out).
    fn through_hub(&self, via: u32, target: u32) -> bool {
        self.hubs_left_out && self.tables.labels.landmarks.surely_needs(via, target)
    }

    /// Necessary conditions for `y` to need `target`.
    fn between(&self, y: u32, target: u32) -> bool {
        let (y, t) = (y as usize, target as usize);
        self.level[y] > self.level[t]
            && self.tables.height[y] < self.tables.height[t]
            && self.tables.labels.may_need(y as u32, target)
    }

    /// Whether `via` needs `target`; `current` is the rank of the skill
    /// whose prerequisites they are (every lower rank's row is built).
    /// `None` when `work` runs out before the answer is known.
    pub(super) fn needs(
        &mut self,
        window: &Window,
        current: u32,
        via: u32,
        target: u32,
        work: &mut Work,
    ) -> Option<bool> {
        let rank = self.rank;
        let known = |y: u32| window.reaches(current.saturating_sub(1), rank[y as usize], rank[target as usize]);
        if let Some(answer) = known(via) {
            return Some(answer);
        }
        if !self.between(via, target) {
            // No path that enters no hub; one through a hub the rows know.
            return Some(self.through_hub(via, target));
        }
        if self.tables.labels.surely_needs(via, target) {
            return Some(true);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        self.stack.clear();
        self.stack.push(via);
        while let Some(x) = self.stack.pop() {
            let needs = self.plain.needs(x);
            let far = current.saturating_sub(rank[x as usize]) > self.far_ranks;
            if !work.spend(needs.len() << usize::from(far)) {
                return None;
            }
            for &y in needs {
                if y == target {
                    return Some(true);
                }
                if self.stamp[y as usize] == self.generation {
                    continue;
                }
                match known(y) {
                    Some(true) => return Some(true),
                    Some(false) => continue,
                    None if self.between(y, target) => {
                        if self.tables.labels.surely_needs(y, target) {
                            return Some(true);
                        }
                        self.stamp[y as usize] = self.generation;
                        self.stack.push(y);
                    }
                    None => {}
                }
            }
        }
        Some(false)
    }
}

/// The search for a skill with very many prerequisites: one search per
/// prerequisite in entry order, each marking what it reaches and nobody
/// before it did, so a skill is marked by the first prerequisite that
/// needs it. Scratch of one thread; its marks (4 bytes a skill) are made
/// at the first such skill.
#[derive(Default)]
pub(super) struct Marking {
    /// The first prerequisite found needing each skill, `u32::MAX` if none.
    first_via: Vec<u32>,
    /// The skills marked, to clear after.
    marked: Vec<u32>,
    stack: Vec<u32>,
}

impl Marking {
    /// For each of `prerequisites`, in entry order, the first other one
    /// that needs it, given to `report` as (its index in `prerequisites`,
    /// that other one). `false` when `work` runs out first (nothing is
    /// reported then).
    pub(super) fn first_needing(
        &mut self,
        plain: &Plain<'_>,
        level: &[u32],
        prerequisites: &[u32],
        work: &mut Work,
        mut report: impl FnMut(usize, u32),
    ) -> bool {
        let Marking { first_via, marked, stack } = self;
        if first_via.is_empty() {
            first_via.resize(plain.len(), u32::MAX);
        }
        let floor = prerequisites.iter().map(|&p| level[p as usize]).min().unwrap_or(0);
        let mut out_of_work = false;
        'marking: for &via in prerequisites {
            if first_via[via as usize] != u32::MAX {
                // Already needed by an earlier one, and so is all it needs.
                continue;
            }
            stack.clear();
            stack.push(via);
            while let Some(x) = stack.pop() {
                if !work.spend(plain.needs(x).len()) {
                    out_of_work = true;
                    break 'marking;
                }
                for &y in plain.needs(x) {
                    if first_via[y as usize] == u32::MAX {
                        first_via[y as usize] = via;
                        marked.push(y);
                        // What a skill at the lowest level of the
                        // prerequisites needs cannot be one of them.
                        if level[y as usize] > floor {
                            stack.push(y);
                        }
                    }
                }
            }
        }
        for (k, &target) in prerequisites.iter().enumerate().filter(|_| !out_of_work) {
            let via = first_via[target as usize];
            if via != u32::MAX && via != target {
                report(k, via);
            }
        }
        for y in marked.drain(..) {
            first_via[y as usize] = u32::MAX;
        }
        !out_of_work
    }
}

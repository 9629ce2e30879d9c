//! The plain prerequisite graph the searches read ([`Plain`]): each
//! skill's plain entries in flat arrays, borrowed from the graph where they
//! are its own. Where the file lists its skills far from learning order,
//! they are numbered again by rank ([`Plain::by_rank`]), so that what the
//! searches read of skills near in rank lies near in memory, and what is
//! found is numbered back ([`Plain::to_file`]).

use super::{RedundantEntries, RedundantEntry, SkillGraph, to_u32};

/// The plain prerequisite graph in flat arrays: `needs(i)` is the first
/// member of each plain entry of skill `i` (repeats kept, as entries).
/// Without `any_of` entries and in file order that is the graph's own
/// member list, which is then borrowed rather than copied (at a million
/// skills with twenty prerequisites each, the copy was 80 MB of the
/// peak).
pub(super) struct Plain<'g> {
    graph: &'g SkillGraph<'g>,
    /// Offsets, members and entries, copied when some entry is an
    /// `any_of` or the skills are numbered by rank.
    own: Option<Flat>,
    /// Set when the skills are numbered by rank.
    ranked: Option<Ranked>,
}

/// A skill's plain entries: `members[start[i]..start[i + 1]]`, each with
/// its entry (index in the skill's `prerequisites`).
struct Flat {
    start: Vec<u32>,
    members: Vec<u32>,
    entries: Vec<u32>,
}

/// What the searches ask of the graph itself, numbered by rank.
struct Ranked {
    /// The file index of each skill.
    file: Vec<u32>,
    /// Every prerequisite member (plain and `any_of`) of each skill, as
    /// offsets and members; `None` when there is no `any_of` entry (the
    /// plain members are all).
    all: Option<(Vec<u32>, Vec<u32>)>,
    /// How many skills need each one directly.
    dependents: Vec<u32>,
}

/// Steps of a topological order longer than this many skills are jumps
/// in the file (see [`is_scattered`]).
const JUMP: u32 = 64;

/// Whether `order` (skills by rank) lies scattered over the file: more
/// than a quarter of its steps jump over [`JUMP`] skills, so that the
/// searches, which go by rank, would miss the cache at each skill. A
/// file in learning order, or in its reverse, is not.
///
/// At a million skills each needing up to five of everything before them,
/// listed in random order, `lint` took 3.68 s (validate 1.19 s), the
/// same skills in learning order 2.63 s (1.06 s): TM107's labels and
/// landmarks took 440 ms against 200, the topological order 233 ms
/// against 8, its searches a quarter more.
pub(super) fn is_scattered(order: &[u32]) -> bool {
    let jumps = order.windows(2).filter(|w| w[0].abs_diff(w[1]) > JUMP).count();
    jumps > order.len() / 4
}

impl<'g> Plain<'g> {
    /// The plain graph of `graph`, by file index.
    pub(super) fn new(graph: &'g SkillGraph<'g>) -> Self {
        if !graph.requirements.iter().any(|r| r.any_of()) {
            // Each plain requirement is one member: members and slots line up.
            return Plain { graph, own: None, ranked: None };
        }
        let n = graph.len();
        let mut flat = Flat::with_capacity(n, graph.members.len());
        for i in 0..to_u32(n) {
            flat.push_skill(graph, i, |m| m);
        }
        flat.end();
        Plain { graph, own: Some(flat), ranked: None }
    }

    /// The plain graph of the skills of `order` (a topological order of
    /// `graph`, skills on or after a cycle left out), numbered by their
    /// place in it: its order is `0..order.len()`. What a skill of the
    /// order needs is in the order (a skill after one on a cycle is not).
    pub(super) fn by_rank(graph: &'g SkillGraph<'g>, order: &[u32], rank: &[u32]) -> Self {
        let any_of = graph.requirements.iter().any(|r| r.any_of());
        let mut flat = Flat::with_capacity(order.len(), graph.members.len());
        let mut all = any_of.then(|| (Vec::with_capacity(order.len() + 1), Vec::with_capacity(graph.members.len())));
        let mut dependents = Vec::with_capacity(order.len());
        for &v in order {
            flat.push_skill(graph, v, |m| rank[m as usize]);
            if let Some((start, members)) = &mut all {
                start.push(to_u32(members.len()));
                members.extend(graph.prerequisite_members(v).iter().map(|&m| rank[m as usize]));
            }
            dependents.push(to_u32(graph.dependents_of(v).len()));
        }
        flat.end();
        if let Some((start, members)) = &mut all {
            start.push(to_u32(members.len()));
        }
        let ranked = Ranked { file: order.to_vec(), all, dependents };
        Plain { graph, own: Some(flat), ranked: Some(ranked) }
    }

    /// How many skills the arrays hold.
    pub(super) fn len(&self) -> usize {
        self.ranked.as_ref().map_or(self.graph.len(), |r| r.file.len())
    }

    /// The first member of each plain entry of skill `i`.
    pub(super) fn needs(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match &self.own {
            Some(flat) => &flat.members[flat.start[i] as usize..flat.start[i + 1] as usize],
            None => &self.graph.members[self.graph.member_start[i] as usize..self.graph.member_start[i + 1] as usize],
        }
    }

    /// The entry (index in the skill's `prerequisites`) of `needs(i)[k]`.
    pub(super) fn entry(&self, i: u32, k: usize) -> u32 {
        let i = i as usize;
        match &self.own {
            Some(flat) => flat.entries[flat.start[i] as usize + k],
            None => self.graph.requirements[self.graph.requirement_start[i] as usize + k].entry(),
        }
    }

    /// Every prerequisite member of skill `i`, plain and `any_of`.
    pub(super) fn all_members(&self, i: u32) -> &[u32] {
        match &self.ranked {
            None => self.graph.prerequisite_members(i),
            Some(Ranked { all: None, .. }) => self.needs(i),
            Some(Ranked { all: Some((start, members)), .. }) => {
                &members[start[i as usize] as usize..start[i as usize + 1] as usize]
            }
        }
    }

    /// How many skills need skill `i` directly (plain and `any_of`).
    pub(super) fn dependent_count(&self, i: u32) -> usize {
        match &self.ranked {
            None => self.graph.dependents_of(i).len(),
            Some(ranked) => ranked.dependents[i as usize] as usize,
        }
    }

    /// Skill `i`'s index in the file.
    pub(super) fn file_index(&self, i: u32) -> u32 {
        self.ranked.as_ref().map_or(i, |r| r.file[i as usize])
    }

    /// What was found over these arrays, by file index: entries by skill
    /// (file order) then entry, skills left unchecked in file order.
    pub(super) fn to_file(&self, found: RedundantEntries) -> RedundantEntries {
        let Some(ranked) = &self.ranked else { return found };
        let file = |i: u32| ranked.file[i as usize];
        // A stable counting sort by skill: each skill's entries, found in
        // entry order, stay so.
        let each = found.found.iter().map(|e| {
            let skill_index = file(e.skill_index);
            let entry = RedundantEntry {
                skill_index,
                entry: e.entry,
                prerequisite_index: file(e.prerequisite_index),
                via_index: file(e.via_index),
            };
            (skill_index as usize, entry)
        });
        let (_, by_skill) = crate::graph::buckets::bucketed(self.graph.len(), each);
        let mut unchecked: Vec<usize> = found.unchecked.iter().map(|&i| file(to_u32(i)) as usize).collect();
        unchecked.sort_unstable();
        RedundantEntries { found: by_skill, unchecked }
    }
}

impl Flat {
    fn with_capacity(skills: usize, members: usize) -> Self {
        Flat {
            start: Vec::with_capacity(skills + 1),
            members: Vec::with_capacity(members),
            entries: Vec::with_capacity(members),
        }
    }

    /// Appends skill `v` of `graph`'s plain entries, each member numbered
    /// by `number`.
    fn push_skill(&mut self, graph: &SkillGraph<'_>, v: u32, number: impl Fn(u32) -> u32) {
        self.start.push(to_u32(self.members.len()));
        for r in graph.requirements_of(v).filter(|r| !r.any_of) {
            self.members.push(number(r.members[0]));
            self.entries.push(r.entry);
        }
    }

    /// Closes the last skill's entries.
    fn end(&mut self) {
        self.start.push(to_u32(self.members.len()));
    }
}

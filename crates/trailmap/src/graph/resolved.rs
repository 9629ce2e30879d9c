//! Validation's lookup of every prerequisite id, kept for the graph
//! ([`ResolvedIds`]). `lint` builds the graph of the roadmap it has just
//! validated; looking each id up a second time was half of building it
//! (a cache miss for the skill each lookup compares: two million ids,
//! the graph in 74-91 ms, in 38-41 ms from validation's lookup).

use std::hash::BuildHasher;

use super::id_table::TableParts;

/// Every prerequisite id of a roadmap resolved to its skill's index, and
/// the table of skill ids, as validation made them:
/// [`SkillGraph::with_resolved_ids`](super::SkillGraph::with_resolved_ids)
/// builds the graph from them without looking the ids up again. Ask for
/// them with [`LoadOptions::with_resolved_ids`](crate::LoadOptions::with_resolved_ids)
/// and take them with [`Loaded::take_resolved_ids`](crate::Loaded::take_resolved_ids).
///
/// They hold a fingerprint of the ids they resolved (every skill's id and
/// every prerequisite id, in order): a roadmap whose ids changed since
/// gets a graph built anew, so the graph is always that of the roadmap
/// it is given.
///
/// ```
/// use trailmap::{LoadOptions, Roadmap, SkillGraph};
///
/// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "python", "name": "Python"},
///     {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}]}"#;
/// let options = LoadOptions::default().with_resolved_ids(true);
/// let mut loaded = Roadmap::from_json_str_with(text, "r.json", &options);
/// let ids = loaded.take_resolved_ids().expect("asked for");
/// let roadmap = loaded.roadmap.expect("valid");
/// let graph = SkillGraph::with_resolved_ids(&roadmap, ids);
/// assert_eq!(graph.dependents("python"), ["numpy"]);
/// ```
#[derive(Clone)]
pub struct ResolvedIds {
    pub(crate) table: TableParts,
    /// As [`IdTable::new`](super::id_table::IdTable::new) gives them.
    pub(crate) duplicates: Vec<(u32, u32)>,
    /// The skill of each prerequisite id, skill after skill in entry
    /// order; `u32::MAX` for an unknown id.
    pub(crate) indices: Vec<u32>,
    /// The [`Fingerprint`] of the roadmap they were resolved in.
    pub(crate) fingerprint: u64,
}

impl std::fmt::Debug for ResolvedIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResolvedIds").field("ids", &self.indices.len()).finish_non_exhaustive()
    }
}

/// A fingerprint of a roadmap's skill ids and prerequisite ids, in order,
/// taken id by id as validation and the graph's build read them, by the
/// id table's hasher (seeded per process: no crafted ids collide on
/// purpose). Equal fingerprints mean the same ids in the same order, so
/// the same resolution.
pub(crate) struct Fingerprint<'t> {
    hasher: &'t foldhash::fast::RandomState,
    print: u64,
}

impl<'t> Fingerprint<'t> {
    // Skill ids and prerequisite ids mixed apart: a skill id moved into a
    // list (or out of one) changes the fingerprint.
    const SKILL: u64 = 0x5851_F42D_4C95_7F2D;

    /// Before the first of `skills` skills.
    pub(crate) fn new(hasher: &'t foldhash::fast::RandomState, skills: usize) -> Self {
        Fingerprint { hasher, print: skills as u64 }
    }

    fn mix(&mut self, x: u64) {
        self.print = (self.print.rotate_left(23) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    /// The next skill's id.
    pub(crate) fn skill(&mut self, id: &str) {
        self.mix(self.hasher.hash_one(id) ^ Self::SKILL);
    }

    /// The next prerequisite id of the skill last given.
    pub(crate) fn prerequisite(&mut self, id: &str) {
        self.prerequisite_hashed(self.hasher.hash_one(id));
    }

    /// [`Fingerprint::prerequisite`] of an id whose hash by the same
    /// hasher is `hash` (validation hashes each id to look it up).
    pub(crate) fn prerequisite_hashed(&mut self, hash: u64) {
        self.mix(hash);
    }

    /// The fingerprint of the ids given.
    pub(crate) fn finish(self) -> u64 {
        self.print
    }
}

#[cfg(test)]
mod tests {
    use super::Fingerprint;
    use crate::graph::id_table::IdTable;
    use crate::{AnyOf, Prerequisite, Roadmap, Skill};

    /// The fingerprint of `roadmap`'s ids, all at once, by `hasher`.
    fn fingerprint(hasher: &foldhash::fast::RandomState, roadmap: &Roadmap) -> u64 {
        let mut print = Fingerprint::new(hasher, roadmap.skills.len());
        for skill in &roadmap.skills {
            print.skill(&skill.id);
            for id in skill.prerequisites.iter().flat_map(Prerequisite::skill_ids) {
                print.prerequisite(id);
            }
        }
        print.finish()
    }

    /// Only a change of ids makes a new fingerprint: names, and which
    /// entries are groups, do not change the lookup.
    #[test]
    fn the_fingerprint_follows_the_ids_only() {
        let mut roadmap = Roadmap::new("r", "R", "1.0.0");
        roadmap.skills = vec![Skill::new("a", "A"), Skill::new("b", "B"), Skill::new("c", "C")];
        roadmap.skills[2].prerequisites = vec![Prerequisite::Skill("a".into()), Prerequisite::Skill("b".into())];
        let (table, _) = IdTable::new(&roadmap.skills);
        let hasher = table.hasher();
        let print = fingerprint(hasher, &roadmap);
        let mut named = roadmap.clone();
        named.skills[0].name = "Another".into();
        named.skills[2].prerequisites = vec![AnyOf::new(["a", "b"]).into()];
        assert_eq!(fingerprint(hasher, &named), print);
        // An id renamed, moved from one list to another, or skills swapped.
        let mut renamed = roadmap.clone();
        renamed.skills[2].prerequisites[1] = Prerequisite::Skill("c".into());
        let mut moved = roadmap.clone();
        moved.skills[2].prerequisites.pop();
        moved.skills[1].prerequisites.push(Prerequisite::Skill("b".into()));
        let mut swapped = roadmap.clone();
        swapped.skills.swap(0, 1);
        for changed in [renamed, moved, swapped] {
            assert_ne!(fingerprint(hasher, &changed), print);
        }
    }
}

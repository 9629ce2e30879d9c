//! Skill id → index into the roadmap's skills.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::Skill;

/// Each skill's index by id (the first skill with a duplicate id). The
/// slots hold indices only, and a lookup compares the id in the skill: 4
/// bytes a slot where a map of `(&str, u32)` took 24, which at a million
/// skills is 42 MB less for every graph.
#[derive(Clone)]
pub(crate) struct IdTable<'r> {
    skills: &'r [Skill],
    slots: HashTable<u32>,
    // Seeded per process: crafted ids cannot be precomputed to collide.
    hasher: foldhash::fast::RandomState,
}

impl<'r> IdTable<'r> {
    /// The table of `skills`, and each skill whose id an earlier skill has
    /// as (its index, that earlier skill's index), in file order.
    pub(crate) fn new(skills: &'r [Skill]) -> (Self, Vec<(u32, u32)>) {
        let hasher = foldhash::fast::RandomState::default();
        let mut slots = HashTable::with_capacity(skills.len());
        let mut duplicates = Vec::new();
        for (i, skill) in skills.iter().enumerate() {
            let i = super::to_u32(i);
            let id = skill.id.as_str();
            let same = |&j: &u32| skills[j as usize].id == id;
            let rehash = |&j: &u32| hasher.hash_one(skills[j as usize].id.as_str());
            match slots.entry(hasher.hash_one(id), same, rehash) {
                Entry::Occupied(first) => duplicates.push((i, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        (IdTable { skills, slots, hasher }, duplicates)
    }

    /// The index of the (first) skill with this id.
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        self.get_hashed(self.hasher.hash_one(id), id)
    }

    /// [`IdTable::get`] of `id`, whose hash by [`IdTable::hasher`] is `hash`.
    pub(crate) fn get_hashed(&self, hash: u64, id: &str) -> Option<u32> {
        // A slot past the skills is only found in a table put together over
        // other skills than its own (`from_parts`), which the graph then
        // refuses: it finds nothing rather than panic.
        self.slots.find(hash, |&i| self.skills.get(i as usize).is_some_and(|s| s.id == id)).copied()
    }

    /// The hasher of its ids.
    pub(crate) fn hasher(&self) -> &foldhash::fast::RandomState {
        &self.hasher
    }

    /// The table without the skills it borrows, to be put together again
    /// over the same skills by [`IdTable::from_parts`] (a
    /// [`ResolvedIds`](super::ResolvedIds) keeps validation's table so).
    pub(crate) fn into_parts(self) -> TableParts {
        TableParts { slots: self.slots, hasher: self.hasher }
    }

    /// The table of [`IdTable::into_parts`] over `skills`, the skills it
    /// was made of.
    pub(crate) fn from_parts(skills: &'r [Skill], parts: TableParts) -> Self {
        IdTable { skills, slots: parts.slots, hasher: parts.hasher }
    }
}

/// An [`IdTable`]'s slots and hasher, apart from its skills.
#[derive(Clone)]
pub(crate) struct TableParts {
    slots: HashTable<u32>,
    pub(crate) hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for IdTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The ids are the skills': the graph's `Debug` shows them already.
        f.debug_struct("IdTable").field("ids", &self.slots.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_id_and_the_first_of_duplicates() {
        let skills: Vec<Skill> = ["a", "b", "a", "c", "b"].iter().map(|id| Skill::new(*id, "x")).collect();
        let (table, duplicates) = IdTable::new(&skills);
        assert_eq!(duplicates, [(2, 0), (4, 1)]);
        assert_eq!([table.get("a"), table.get("b"), table.get("c"), table.get("d")], [Some(0), Some(1), Some(3), None]);
    }
}

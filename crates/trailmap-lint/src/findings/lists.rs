//! The lists of a roadmap whose items hold compact findings: skills
//! mostly, and projects and practices, whose skills a rule can find
//! fault with by the hundred thousand (TM110 on 20,000 projects of 30
//! skills made 600,000 diagnostics, 21 times the file).

use trailmap::{Prerequisite, Roadmap};

/// A top-level list of the roadmap, whose items' entries or fields hold
/// a rule's compact findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemList {
    /// `skills`; an item's entries are its `prerequisites`.
    Skills,
    /// `projects`; an item's entries are its `skills`.
    Projects,
    /// `practices`; an item's entries are its `skills`.
    Practices,
}

impl ItemList {
    /// The list's key in the document.
    pub(crate) fn key(self) -> &'static str {
        match self {
            ItemList::Skills => "skills",
            ItemList::Projects => "projects",
            ItemList::Practices => "practices",
        }
    }

    /// How many items `roadmap` has in the list.
    pub(super) fn len(self, roadmap: &Roadmap) -> usize {
        match self {
            ItemList::Skills => roadmap.skills.len(),
            ItemList::Projects => roadmap.projects.len(),
            ItemList::Practices => roadmap.practices.len(),
        }
    }

    /// The id of item `i` of `roadmap` (`""` past the end).
    pub(super) fn id_in(self, roadmap: &Roadmap, i: usize) -> &str {
        match self {
            ItemList::Skills => roadmap.skills.get(i).map_or("", |s| s.id.as_str()),
            ItemList::Projects => roadmap.projects.get(i).map_or("", |p| p.id.as_str()),
            ItemList::Practices => roadmap.practices.get(i).map_or("", |p| p.id.as_str()),
        }
    }

    /// The skill id at entry `entry` of item `i` of `roadmap`, among the
    /// skills it refers to (a skill's prerequisites, a project's or a
    /// practice's skills); `None` for an `any_of` group, or past the end.
    pub(super) fn entry_id_in(self, roadmap: &Roadmap, i: usize, entry: usize) -> Option<&str> {
        fn plain(p: &Prerequisite) -> Option<&str> {
            match p {
                Prerequisite::Skill(id) => Some(id.as_str()),
                _ => None,
            }
        }
        match self {
            ItemList::Skills => plain(roadmap.skills.get(i)?.prerequisites.get(entry)?),
            ItemList::Projects => plain(roadmap.projects.get(i)?.skills.get(entry)?),
            ItemList::Practices => roadmap.practices.get(i)?.skills.get(entry).map(|id| id.as_str()),
        }
    }
}

//! The comparison itself: match items by id, follow renames, compare what
//! matched field by field. One file per concern: `matching` (ids, moves,
//! rename hints), `skills`, `phases`, `items` (the other id-keyed lists),
//! and `text` (how messages and pointers are written). That every model
//! field is compared or deliberately left out is `tests/model_fields.rs`.

use std::collections::BTreeSet;

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use trailmap::{Prerequisite, Roadmap};

use crate::{Change, ChangeKind};

mod items;
mod matching;
mod phases;
mod skills;
mod text;

use matching::*;
use phases::{PhaseEntry, Taught, flatten_phases, taught_map};
use text::*;

pub(crate) fn diff(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    let mut d = Differ::new(old, new);
    d.roadmap();
    d.skills();
    d.phases();
    d.projects();
    d.practices();
    d.milestones();
    d.exclusions();
    d.areas();
    d.out
}

/// One side of a change: the item's id and its pointer there.
struct At<'s> {
    id: &'s str,
    pointer: String,
}

impl<'s> At<'s> {
    fn new(id: &'s str, pointer: String) -> Self {
        At { id, pointer }
    }
}

struct Differ<'a> {
    old: &'a Roadmap,
    new: &'a Roadmap,
    /// Old skill id → new skill id, for renames and merges.
    renames: HashMap<&'a str, &'a str>,
    /// New skill id → the old ids renamed or merged into it.
    absorbed: HashMap<&'a str, Vec<&'a str>>,
    skills: Matching,
    renamed: Vec<(usize, usize)>,
    merged: Vec<(usize, usize)>,
    old_phases: Vec<PhaseEntry<'a>>,
    new_phases: Vec<PhaseEntry<'a>>,
    old_taught: HashMap<&'a str, Taught<'a>>,
    new_taught: HashMap<&'a str, Taught<'a>>,
    out: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn new(old: &'a Roadmap, new: &'a Roadmap) -> Self {
        let mut skills = match_ids(old.skills.iter().map(|s| s.id.as_str()), new.skills.iter().map(|s| s.id.as_str()));
        // A removed skill whose id a new skill lists in `former_ids` was
        // renamed (into a new id) or merged (into a skill that already existed).
        let mut claims: HashMap<&str, usize> = HashMap::new();
        for (j, skill) in new.skills.iter().enumerate() {
            for f in &skill.former_ids {
                claims.entry(f.as_str()).or_insert(j);
            }
        }
        let added: HashSet<usize> = skills.added.iter().copied().collect();
        let mut taken: HashSet<usize> = HashSet::new();
        let (mut renamed, mut merged, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        let mut renames = HashMap::new();
        for &i in &skills.removed {
            let id = old.skills[i].id.as_str();
            match claims.get(id) {
                Some(&j) if added.contains(&j) && taken.insert(j) => renamed.push((i, j)),
                Some(&j) => merged.push((i, j)),
                None => {
                    removed.push(i);
                    continue;
                }
            }
            if let Some(&j) = claims.get(id) {
                renames.insert(id, new.skills[j].id.as_str());
            }
        }
        skills.removed = removed;
        skills.added.retain(|j| !taken.contains(j));
        let mut absorbed: HashMap<&str, Vec<&str>> = HashMap::new();
        for (from, to) in &renames {
            absorbed.entry(*to).or_default().push(*from);
        }
        let old_phases = flatten_phases(&old.phases);
        let new_phases = flatten_phases(&new.phases);
        let old_taught = taught_map(&old_phases);
        let new_taught = taught_map(&new_phases);
        Differ {
            old,
            new,
            renames,
            absorbed,
            skills,
            renamed,
            merged,
            old_phases,
            new_phases,
            old_taught,
            new_taught,
            out: Vec::new(),
        }
    }

    /// An old skill id as the new version calls it.
    fn map_old(&self, id: &'a str) -> &'a str {
        self.renames.get(id).copied().unwrap_or(id)
    }

    fn push(
        &mut self,
        kind: ChangeKind,
        id: &str,
        old: Option<At<'_>>,
        new: Option<At<'_>>,
        message: String,
    ) -> &mut Change {
        let (old_id, old_pointer) = old.map_or((None, None), |at| (Some(at.id.to_owned()), Some(at.pointer)));
        let (new_id, new_pointer) = new.map_or((None, None), |at| (Some(at.id.to_owned()), Some(at.pointer)));
        self.out.push(Change {
            kind,
            bump: kind.bump(),
            id: id.to_owned(),
            old_id,
            new_id,
            old_pointer,
            new_pointer,
            message,
            hint: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Reports a reordering of the matched items of a list, if any. `pairs`
    /// are `(old index, new index)`; `ids` names the item at a new index.
    fn order(
        &mut self,
        pairs: &[(usize, usize)],
        owner: &str,
        what: &str,
        old_list: String,
        new_list: String,
        ids: impl Fn(usize) -> String,
    ) {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        let seq: Vec<usize> = sorted.iter().map(|p| p.1).collect();
        let moved = moved_positions(&seq);
        if moved.is_empty() {
            return;
        }
        let names: Vec<String> = moved.iter().map(|&k| ids(seq[k])).collect();
        let message = format!("order of {what} changed: {} moved", ids_list(names.iter().map(String::as_str)));
        self.push(
            ChangeKind::OrderChanged,
            owner,
            Some(At::new(owner, old_list)),
            Some(At::new(owner, new_list)),
            message,
        );
    }

    fn roadmap(&mut self) {
        let (old, new) = (self.old, self.new);
        if old.id != new.id {
            self.push(
                ChangeKind::RoadmapIdChanged,
                &new.id,
                Some(At::new(&old.id, "/id".into())),
                Some(At::new(&new.id, "/id".into())),
                format!("roadmap id changed from {} to {}", code(&old.id), code(&new.id)),
            );
        }
        let mut fields = Vec::new();
        let mut field = |name: &'static str, differs: bool| {
            if differs {
                fields.push(name);
            }
        };
        field("title", old.title != new.title);
        field("summary", old.summary != new.summary);
        field("audience", old.audience != new.audience);
        field("target_role", old.target_role != new.target_role);
        field("duration", old.duration != new.duration);
        field("hours_per_week", old.hours_per_week != new.hours_per_week);
        field("source", old.source != new.source);
        field("license", old.license != new.license);
        field("tags", old.tags != new.tags);
        field("principles", old.principles != new.principles);
        if let Some(first) = fields.first() {
            let message = if fields == ["title"] {
                format!("roadmap title changed from {} to {}", quote(Some(&old.title)), quote(Some(&new.title)))
            } else {
                format!("roadmap: {} changed", fields.join(", "))
            };
            // A field one side lacks points at the whole document there.
            let at = |r: &Roadmap| if has_field(r, first) { format!("/{first}") } else { String::new() };
            let (old_at, new_at) = (at(old), at(new));
            self.push(
                ChangeKind::RoadmapChanged,
                &new.id,
                Some(At::new(&old.id, old_at)),
                Some(At::new(&new.id, new_at)),
                message,
            );
        }
    }

    /// Skill references of an old item, mapped to the new ids.
    pub(super) fn old_refs(&self, list: &'a [Prerequisite]) -> Vec<BTreeSet<&'a str>> {
        list.iter().map(|p| p.skill_ids().map(|s| self.map_old(s)).collect()).collect()
    }

    pub(super) fn new_refs(&self, list: &'a [Prerequisite]) -> Vec<BTreeSet<&'a str>> {
        list.iter().map(|p| p.skill_ids().collect()).collect()
    }
}

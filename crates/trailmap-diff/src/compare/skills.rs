//! Skills: matched by id and through `former_ids` (renames and merges),
//! then compared field by field: details, prerequisites, where they are
//! taught, resources.

use std::collections::BTreeSet;

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.
use foldhash::{HashMap, HashMapExt, HashSet};

use trailmap::{Prerequisite, Resource, Skill};

use super::items::Field;
use super::matching::*;
use super::phases::{PhaseEntry, Taught};
use super::text::*;
use super::{At, Differ};
use crate::ChangeKind;

/// A skill of the new version, in file order.
struct NewSkill {
    /// Its index in the new version.
    new: usize,
    /// The old skill it matched, if any.
    old: Option<usize>,
    /// `true` when it matched through a rename.
    renamed: bool,
    /// For a new skill, the rename hint.
    hint: Option<String>,
}

impl<'a> Differ<'a> {
    pub(super) fn skills(&mut self) {
        let (old, new) = (self.old, self.new);
        let mut pairs: Vec<(usize, usize, bool)> = self.skills.pairs.iter().map(|&(i, j)| (i, j, false)).collect();
        pairs.extend(self.renamed.iter().map(|&(i, j)| (i, j, true)));
        pairs.sort_by_key(|p| p.1);
        let added: Vec<usize> = self.skills.added.clone();
        let removed: Vec<usize> = self.skills.removed.clone();
        let removed_names: Vec<(&str, &str)> =
            removed.iter().map(|&i| (old.skills[i].id.as_str(), old.skills[i].name.as_str())).collect();
        let added_names: Vec<(&str, &str)> =
            added.iter().map(|&j| (new.skills[j].id.as_str(), new.skills[j].name.as_str())).collect();
        let (removed_hints, added_hints) = rename_hints(&removed_names, &added_names, true);

        // New-file order: matched and added skills as they appear.
        let mut in_new_order: Vec<NewSkill> =
            pairs.iter().map(|&(i, j, renamed)| NewSkill { new: j, old: Some(i), renamed, hint: None }).collect();
        in_new_order.extend(added.iter().copied().zip(added_hints).map(|(j, hint)| NewSkill {
            new: j,
            old: None,
            renamed: false,
            hint,
        }));
        in_new_order.sort_by_key(|entry| entry.new);
        for NewSkill { new: j, old: matched, renamed, hint } in in_new_order {
            match matched {
                Some(i) => self.skill_pair(&old.skills[i], i, &new.skills[j], j, renamed),
                None => self.skill_added(j, hint),
            }
        }
        for (i, j) in self.merged.clone() {
            let (o, n) = (&old.skills[i], &new.skills[j]);
            self.push(
                ChangeKind::SkillMerged,
                &n.id,
                Some(At::new(&o.id, item("skills", i))),
                Some(At::new(&n.id, former_pointer(n, j, &o.id))),
                format!("skill {} merged into {} (kept as a former id)", code(&o.id), code(&n.id)),
            );
        }
        for (&i, hint) in removed.iter().zip(removed_hints) {
            let s = &old.skills[i];
            let message = format!("skill {} ({}) removed", code(&s.id), quote(Some(&s.name)));
            self.push(ChangeKind::SkillRemoved, &s.id, Some(At::new(&s.id, item("skills", i))), None, message).hint =
                hint;
        }
        let order_pairs: Vec<(usize, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        self.order(&order_pairs, &new.id, "skills", "/skills".into(), "/skills".into(), |j| {
            new.skills.get(j).map_or_else(String::new, |s| String::from(&s.id))
        });
    }

    pub(super) fn skill_added(&mut self, j: usize, hint: Option<String>) {
        let Some(s) = self.new.skills.get(j) else { return };
        let message = format!("skill {} ({}) added", code(&s.id), quote(Some(&s.name)));
        self.push(ChangeKind::SkillAdded, &s.id, None, Some(At::new(&s.id, item("skills", j))), message).hint = hint;
    }

    pub(super) fn skill_pair(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize, renamed: bool) {
        let (ob, nb) = (item("skills", i), item("skills", j));
        let old_side = |field: &str, present: bool| {
            Some(At::new(o.id.as_str(), if present { ptr(&ob, &[field]) } else { ob.clone() }))
        };
        let new_side = |field: &str, present: bool| {
            Some(At::new(n.id.as_str(), if present { ptr(&nb, &[field]) } else { nb.clone() }))
        };
        let id = n.id.as_str();
        if renamed {
            self.push(
                ChangeKind::SkillRenamed,
                id,
                old_side("id", true),
                Some(At::new(id, former_pointer(n, j, &o.id))),
                format!("skill {} renamed to {} (the old id is kept in former_ids)", code(&o.id), code(id)),
            );
        }
        if o.name != n.name {
            let message =
                format!("skill {}: name changed from {} to {}", code(id), quote(Some(&o.name)), quote(Some(&n.name)));
            self.push(ChangeKind::SkillNameChanged, id, old_side("name", true), new_side("name", true), message);
        }
        if o.description != n.description {
            let message = format!(
                "skill {}: description changed from {} to {}",
                code(id),
                quote(o.description.as_deref()),
                quote(n.description.as_deref())
            );
            self.push(
                ChangeKind::SkillDescriptionChanged,
                id,
                old_side("description", o.description.is_some()),
                new_side("description", n.description.is_some()),
                message,
            );
        }
        if o.effort_hours != n.effort_hours {
            let message = format!(
                "skill {}: effort changed from {} to {}",
                code(id),
                hours_text(o.effort_hours),
                hours_text(n.effort_hours)
            );
            self.push(
                ChangeKind::SkillEffortChanged,
                id,
                old_side("effort_hours", o.effort_hours.is_some()),
                new_side("effort_hours", n.effort_hours.is_some()),
                message,
            );
        }
        // Former ids gained through a rename or merge in this diff are not a
        // details change: they are reported as the rename or merge.
        let absorbed: HashSet<&str> = self.absorbed.get(id).into_iter().flatten().copied().collect();
        let old_former: BTreeSet<&str> =
            o.former_ids.iter().map(String::as_str).filter(|f| !absorbed.contains(f)).collect();
        let new_former: BTreeSet<&str> =
            n.former_ids.iter().map(String::as_str).filter(|f| !absorbed.contains(f)).collect();
        let details: Vec<Field> = [
            Field::optional("note", &o.note, &n.note),
            Field::optional("area", &o.area, &n.area),
            Field::optional("level", &o.level, &n.level),
            Field::list("topics", &o.topics, &n.topics),
            Field::list("aliases", &o.aliases, &n.aliases),
            Field::new("former_ids", old_former != new_former, !o.former_ids.is_empty(), !n.former_ids.is_empty()),
        ]
        .into_iter()
        .filter(|d| d.differs)
        .collect();
        if let Some(&Field { name: first, in_old, in_new, .. }) = details.first() {
            let names: Vec<&str> = details.iter().map(|d| d.name).collect();
            let message = format!("skill {}: {} changed", code(id), names.join(", "));
            self.push(ChangeKind::SkillDetailsChanged, id, old_side(first, in_old), new_side(first, in_new), message);
        }
        if o.optional != n.optional {
            let (kind, message) = if n.optional {
                (ChangeKind::SkillMadeOptional, format!("skill {} made optional", code(id)))
            } else {
                (ChangeKind::SkillMadeRequired, format!("skill {} made required (was optional)", code(id)))
            };
            self.push(kind, id, old_side("optional", o.optional), new_side("optional", n.optional), message);
        }
        let before = self.prerequisites(o, i, n, j);
        self.placement(o, i, n, j, before);
        self.resources(o, i, n, j);
    }

    /// Compares prerequisite entries (each a set of alternatives, old ids
    /// mapped through renames). Returns the first kept entry that the
    /// skill is now taught before, if any.
    pub(super) fn prerequisites(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize) -> Option<usize> {
        let id = n.id.as_str();
        // An old prerequisite merged into the skill itself is part of it
        // now, not a prerequisite it lost (the merge is reported).
        let old_sets: Vec<BTreeSet<&str>> = o
            .prerequisites
            .iter()
            .map(|p| p.skill_ids().map(|s| self.map_old(s)).filter(|s| *s != id).collect())
            .collect();
        let new_sets: Vec<BTreeSet<&str>> = n.prerequisites.iter().map(|p| p.skill_ids().collect()).collect();
        let mut old_used: Vec<bool> = old_sets.iter().map(BTreeSet::is_empty).collect();
        let mut new_used = vec![false; new_sets.len()];
        let mut exact: Vec<(usize, usize)> = Vec::new();
        // Hashed, so a skill with very many prerequisites stays linear.
        let mut by_set: HashMap<&BTreeSet<&str>, std::collections::VecDeque<usize>> = HashMap::new();
        for (l, set) in old_sets.iter().enumerate() {
            by_set.entry(set).or_default().push_back(l);
        }
        for (k, set) in new_sets.iter().enumerate() {
            if let Some(l) = by_set.get_mut(set).and_then(std::collections::VecDeque::pop_front) {
                old_used[l] = true;
                new_used[k] = true;
                exact.push((l, k));
            }
        }
        // A repeat of an entry the other side has too says nothing new
        // (as a repeat inside an `any_of` group says nothing).
        let new_present: std::collections::HashSet<&BTreeSet<&str>> = new_sets.iter().collect();
        for (k, set) in new_sets.iter().enumerate() {
            new_used[k] |= by_set.contains_key(set);
        }
        for (l, set) in old_sets.iter().enumerate() {
            old_used[l] |= new_present.contains(set);
        }
        // A group that gained or lost alternatives is the same entry,
        // loosened or tightened (looked for within the pair budget).
        let mut loosened: Vec<(usize, usize)> = Vec::new();
        let unpaired = |used: &[bool]| used.iter().filter(|u| !**u).count();
        let within_budget = unpaired(&old_used).saturating_mul(unpaired(&new_used)) <= FUZZY_PAIR_BUDGET;
        for k in 0..new_sets.len() {
            if new_used[k] || !within_budget {
                continue;
            }
            let found = (0..old_sets.len()).find(|&l| {
                !old_used[l] && (old_sets[l].is_subset(&new_sets[k]) || new_sets[k].is_subset(&old_sets[l]))
            });
            if let Some(l) = found {
                old_used[l] = true;
                new_used[k] = true;
                loosened.push((l, k));
            }
        }
        // A group with an alternative swapped (sharing a member, neither
        // a subset of the other) lost and gained alternatives.
        let mut swapped: Vec<(usize, usize)> = Vec::new();
        for k in 0..new_sets.len() {
            if new_used[k] || !within_budget {
                continue;
            }
            let found = (0..old_sets.len()).find(|&l| !old_used[l] && !old_sets[l].is_disjoint(&new_sets[k]));
            if let Some(l) = found {
                old_used[l] = true;
                new_used[k] = true;
                swapped.push((l, k));
            }
        }
        let (ob, nb) = (item("skills", i), item("skills", j));
        let old_list = if o.prerequisites.is_empty() { ob.clone() } else { ptr(&ob, &["prerequisites"]) };
        let new_list = if n.prerequisites.is_empty() { nb.clone() } else { ptr(&nb, &["prerequisites"]) };
        for &(l, k) in &loosened {
            let (was, now) =
                (entry_text(&o.prerequisites[l], |s| self.map_old(s)), entry_text(&n.prerequisites[k], |s| s));
            let kind = if old_sets[l].is_subset(&new_sets[k]) {
                ChangeKind::PrerequisiteAlternativeAdded
            } else {
                ChangeKind::PrerequisiteAlternativeRemoved
            };
            let verb = if kind == ChangeKind::PrerequisiteAlternativeAdded { "accepts" } else { "needs" };
            self.push(
                kind,
                id,
                Some(At::new(&o.id, ptr(&ob, &["prerequisites", &l.to_string()]))),
                Some(At::new(id, ptr(&nb, &["prerequisites", &k.to_string()]))),
                format!("skill {} now {verb} {now} (was {was})", code(id)),
            );
        }
        for &(l, k) in &swapped {
            let (was, now) =
                (entry_text(&o.prerequisites[l], |s| self.map_old(s)), entry_text(&n.prerequisites[k], |s| s));
            let gone =
                ids_list(o.prerequisites[l].skill_ids().map(|s| self.map_old(s)).filter(|s| !new_sets[k].contains(s)));
            let came = ids_list(n.prerequisites[k].skill_ids().filter(|s| !old_sets[l].contains(s)));
            let (old_at, new_at) =
                (ptr(&ob, &["prerequisites", &l.to_string()]), ptr(&nb, &["prerequisites", &k.to_string()]));
            self.push(
                ChangeKind::PrerequisiteAlternativeRemoved,
                id,
                Some(At::new(&o.id, old_at.clone())),
                Some(At::new(id, new_at.clone())),
                format!("skill {} no longer accepts {gone}: now needs {now} (was {was})", code(id)),
            );
            self.push(
                ChangeKind::PrerequisiteAlternativeAdded,
                id,
                Some(At::new(&o.id, old_at)),
                Some(At::new(id, new_at)),
                format!("skill {} now accepts {came} in place of {gone}", code(id)),
            );
        }
        for k in (0..new_sets.len()).filter(|&k| !new_used[k]) {
            let now = entry_text(&n.prerequisites[k], |s| s);
            self.push(
                ChangeKind::PrerequisiteAdded,
                id,
                Some(At::new(&o.id, old_list.clone())),
                Some(At::new(id, ptr(&nb, &["prerequisites", &k.to_string()]))),
                format!("skill {} now needs {now}", code(id)),
            );
        }
        for l in (0..old_sets.len()).filter(|&l| !old_used[l]) {
            let was = entry_text(&o.prerequisites[l], |s| self.map_old(s));
            self.push(
                ChangeKind::PrerequisiteRemoved,
                id,
                Some(At::new(&o.id, ptr(&ob, &["prerequisites", &l.to_string()]))),
                Some(At::new(id, new_list.clone())),
                format!("skill {} no longer needs {was}", code(id)),
            );
        }
        let mut kept = exact.clone();
        kept.extend(&loosened);
        kept.extend(&swapped);
        self.order(&kept, id, &format!("prerequisites of {}", code(id)), old_list, new_list, |k| {
            n.prerequisites.get(k).map_or_else(String::new, |p| p.skill_ids().collect::<Vec<_>>().join("|"))
        });
        // Only entries the skill had before: a new prerequisite taught later
        // is already reported (and major) as prerequisite-added.
        exact.sort_unstable_by_key(|p| p.1);
        exact.into_iter().find_map(|(l, k)| {
            let now = self.taught_before(&self.new_taught, id, n.prerequisites[k].skill_ids());
            let then = self.taught_before(&self.old_taught, &o.id, o.prerequisites[l].skill_ids());
            (now && !then).then_some(k)
        })
    }

    /// `true` when `skill` is taught in a phase before every member of the
    /// entry (each member taught somewhere).
    pub(super) fn taught_before<'x>(
        &self,
        taught: &HashMap<&str, Taught<'_>>,
        skill: &str,
        mut members: impl Iterator<Item = &'x str>,
    ) -> bool {
        let Some(at) = taught.get(skill) else { return false };
        let mut any = false;
        // An empty group (invalid, but possible here) is never "after".
        members.all(|m| {
            any = true;
            taught.get(m).is_some_and(|t| t.rank > at.rank)
        }) && any
    }

    /// Reports a skill taught in another phase, or now before a prerequisite.
    pub(super) fn placement(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize, before: Option<usize>) {
        let id = n.id.as_str();
        let then = self.old_taught.get(o.id.as_str()).cloned();
        let now = self.new_taught.get(id).cloned();
        // The skill's entry in its phase's list, else the skill itself.
        // Built only for a change: most skills stay where they were.
        let side = |phases: &[PhaseEntry<'_>], taught: &Option<Taught<'_>>, skill: usize| match taught {
            Some(t) => ptr(&phases[t.rank].pointer, &["skills", &t.entry.to_string()]),
            None => item("skills", skill),
        };
        let old_side = || Some(At::new(o.id.as_str(), side(&self.old_phases, &then, i)));
        let new_side = || Some(At::new(id, side(&self.new_phases, &now, j)));
        if let (Some(k), Some(at)) = (before, &now) {
            let entry = n.prerequisites.get(k);
            let mut phases: Vec<&str> = Vec::new();
            for m in entry.into_iter().flat_map(|p| p.skill_ids()) {
                if let Some(t) = self.new_taught.get(m) {
                    if !phases.contains(&t.phase) {
                        phases.push(t.phase);
                    }
                }
            }
            let what = match entry {
                Some(Prerequisite::AnyOf(group)) if group.any_of.len() > 1 => "every alternative of its prerequisite, ",
                _ => "its prerequisite ",
            };
            let message = format!(
                "skill {} is now taught in phase {}, before {what}{} (phase {})",
                code(id),
                code(at.phase),
                entry.map_or_else(String::new, |e| entry_text(e, |s| s)),
                ids_list(phases)
            );
            let (old_side, new_side) = (old_side(), new_side());
            self.push(ChangeKind::SkillMovedBeforePrerequisite, id, old_side, new_side, message);
            return;
        }
        let (a, b) = (then.as_ref().map(|t| t.phase), now.as_ref().map(|t| t.phase));
        if a == b {
            return;
        }
        let message = match (a, b) {
            (Some(a), Some(b)) => format!("skill {} moved from phase {} to phase {}", code(id), code(a), code(b)),
            (None, Some(b)) => format!("skill {} is now taught in phase {} (was in no phase)", code(id), code(b)),
            (Some(a), None) => format!("skill {} is no longer in any phase (was in {})", code(id), code(a)),
            (None, None) => return,
        };
        let (old_side, new_side) = (old_side(), new_side());
        self.push(ChangeKind::SkillMoved, id, old_side, new_side, message);
    }

    pub(super) fn resources(&mut self, o: &'a Skill, i: usize, n: &'a Skill, j: usize) {
        let id = n.id.as_str();
        let key = |r: &Resource| r.url.clone().unwrap_or_else(|| format!("title:{}", r.title));
        let old_keys: Vec<String> = o.resources.iter().map(key).collect();
        let new_keys: Vec<String> = n.resources.iter().map(key).collect();
        let mut m = match_ids(old_keys.iter().map(String::as_str), new_keys.iter().map(String::as_str));
        // Same title, new link: the link was corrected.
        let by_title = match_ids(
            m.removed.iter().map(|&l| o.resources[l].title.as_str()),
            m.added.iter().map(|&k| n.resources[k].title.as_str()),
        );
        let relinked: Vec<(usize, usize)> = by_title.pairs.iter().map(|&(a, b)| (m.removed[a], m.added[b])).collect();
        m.removed = by_title.removed.iter().map(|&a| m.removed[a]).collect();
        m.added = by_title.added.iter().map(|&b| m.added[b]).collect();
        m.pairs.extend(relinked);
        let (ob, nb) = (item("skills", i), item("skills", j));
        let at = |base: &str, k: usize| ptr(base, &["resources", &k.to_string()]);
        for &(l, k) in &m.pairs {
            let (a, b) = (&o.resources[l], &n.resources[k]);
            let fields: Vec<&str> =
                [("title", a.title != b.title), ("url", a.url != b.url), ("kind", a.kind != b.kind)]
                    .into_iter()
                    .filter(|(_, differs)| *differs)
                    .map(|(name, _)| name)
                    .collect();
            if !fields.is_empty() {
                let message =
                    format!("skill {}: resource {} changed ({})", code(id), quote(Some(&b.title)), fields.join(", "));
                self.push(
                    ChangeKind::ResourceChanged,
                    id,
                    Some(At::new(&o.id, at(&ob, l))),
                    Some(At::new(id, at(&nb, k))),
                    message,
                );
            }
        }
        for &k in &m.added {
            let message = format!("skill {}: resource {} added", code(id), quote(Some(&n.resources[k].title)));
            let old_at = if o.resources.is_empty() { ob.clone() } else { ptr(&ob, &["resources"]) };
            self.push(
                ChangeKind::ResourceAdded,
                id,
                Some(At::new(&o.id, old_at)),
                Some(At::new(id, at(&nb, k))),
                message,
            );
        }
        for &l in &m.removed {
            let message = format!("skill {}: resource {} removed", code(id), quote(Some(&o.resources[l].title)));
            let new_at = if n.resources.is_empty() { nb.clone() } else { ptr(&nb, &["resources"]) };
            self.push(
                ChangeKind::ResourceRemoved,
                id,
                Some(At::new(&o.id, at(&ob, l))),
                Some(At::new(id, new_at)),
                message,
            );
        }
        let (old_list, new_list) = (ptr(&ob, &["resources"]), ptr(&nb, &["resources"]));
        self.order(&m.pairs, id, &format!("resources of {}", code(id)), old_list, new_list, |k| {
            n.resources.get(k).map_or_else(String::new, |r| r.title.clone())
        });
    }
}

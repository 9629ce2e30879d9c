//! The id-keyed lists other than skills and phases: projects, practices,
//! milestones (with their criteria), exclusions and areas.

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.

use super::matching::*;
use super::text::*;
use super::{At, Differ};
use trailmap::SkillMention;

use crate::ChangeKind;

/// A compared field of two versions of an item.
#[derive(Clone, Copy)]
pub(super) struct Field {
    /// The field's name.
    pub(super) name: &'static str,
    /// `true` when the two versions differ.
    pub(super) differs: bool,
    /// Whether the old item has it.
    pub(super) in_old: bool,
    /// Whether the new item has it.
    pub(super) in_new: bool,
}

impl Field {
    pub(super) fn new(name: &'static str, differs: bool, in_old: bool, in_new: bool) -> Self {
        Field { name, differs, in_old, in_new }
    }

    /// A field every item has: it differs or not.
    pub(super) fn required<T: PartialEq + ?Sized>(name: &'static str, old: &T, new: &T) -> Self {
        Field::new(name, old != new, true, true)
    }

    /// An optional field: present when `Some`.
    pub(super) fn optional<T: PartialEq>(name: &'static str, old: &Option<T>, new: &Option<T>) -> Self {
        Field::new(name, old != new, old.is_some(), new.is_some())
    }

    /// A list field: present when not empty.
    pub(super) fn list<T: PartialEq>(name: &'static str, old: &[T], new: &[T]) -> Self {
        Field::new(name, old != new, !old.is_empty(), !new.is_empty())
    }
}

/// How an id-keyed list is reported.
pub(super) struct ItemSpec {
    pub(super) list: &'static str,
    pub(super) noun: &'static str,
    /// `[added, removed, changed]`.
    pub(super) kinds: [ChangeKind; 3],
}

pub(super) const PROJECT_KINDS: [ChangeKind; 3] =
    [ChangeKind::ProjectAdded, ChangeKind::ProjectRemoved, ChangeKind::ProjectChanged];
pub(super) const PRACTICE_KINDS: [ChangeKind; 3] =
    [ChangeKind::PracticeAdded, ChangeKind::PracticeRemoved, ChangeKind::PracticeChanged];
pub(super) const MILESTONE_KINDS: [ChangeKind; 3] =
    [ChangeKind::MilestoneAdded, ChangeKind::MilestoneRemoved, ChangeKind::MilestoneChanged];
pub(super) const EXCLUSION_KINDS: [ChangeKind; 3] =
    [ChangeKind::ExclusionAdded, ChangeKind::ExclusionRemoved, ChangeKind::ExclusionChanged];
pub(super) const AREA_KINDS: [ChangeKind; 3] =
    [ChangeKind::AreaAdded, ChangeKind::AreaRemoved, ChangeKind::AreaChanged];

impl<'a> Differ<'a> {
    pub(super) fn projects(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "projects", noun: "project", kinds: PROJECT_KINDS };
        self.items(
            &spec,
            &old.projects,
            &new.projects,
            |p| (&p.id, &p.title),
            |d, o, n| {
                let skills = (d.old_refs(&o.skills), d.new_refs(&n.skills));
                vec![
                    Field::required("title", &o.title, &n.title),
                    Field::optional("number", &o.number, &n.number),
                    Field::optional("description", &o.description, &n.description),
                    Field::optional("phase", &o.phase, &n.phase),
                    Field::new("skills", skills.0 != skills.1, !o.skills.is_empty(), !n.skills.is_empty()),
                    Field::list("deliverables", &o.deliverables, &n.deliverables),
                    Field::new("optional", o.optional != n.optional, o.optional, n.optional),
                ]
            },
        );
    }

    pub(super) fn practices(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "practices", noun: "practice", kinds: PRACTICE_KINDS };
        self.items(
            &spec,
            &old.practices,
            &new.practices,
            |p| (&p.id, &p.activity),
            |d, o, n| {
                let old_skills: Vec<&str> = o.skills.iter().map(|s| d.map_old(s)).collect();
                let new_skills: Vec<&str> = n.skills.iter().map(trailmap::SmallString::as_str).collect();
                vec![
                    Field::required("cadence", &o.cadence, &n.cadence),
                    Field::required("activity", &o.activity, &n.activity),
                    Field::list("topics", &o.topics, &n.topics),
                    Field::optional("phase", &o.phase, &n.phase),
                    Field::new("skills", old_skills != new_skills, !o.skills.is_empty(), !n.skills.is_empty()),
                ]
            },
        );
    }

    pub(super) fn milestones(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "milestones", noun: "milestone", kinds: MILESTONE_KINDS };
        let pairs = self.items(
            &spec,
            &old.milestones,
            &new.milestones,
            |m| (&m.id, &m.title),
            |_, o, n| {
                vec![
                    Field::required("title", &o.title, &n.title),
                    Field::optional("kind", &o.kind, &n.kind),
                    Field::optional("description", &o.description, &n.description),
                    Field::optional("phase", &o.phase, &n.phase),
                ]
            },
        );
        for (i, j) in pairs {
            self.criteria(i, j);
        }
    }

    /// Criteria have no ids: matched by equal text, then by similar text.
    pub(super) fn criteria(&mut self, i: usize, j: usize) {
        let (o, n) = (&self.old.milestones[i], &self.new.milestones[j]);
        let id = n.id.as_str();
        let mut m = match_ids(o.criteria.iter().map(|c| c.text.as_str()), n.criteria.iter().map(|c| c.text.as_str()));
        let mut edited: Vec<(usize, usize)> = Vec::new();
        let mut still_added: Vec<usize> = Vec::new();
        let mut free: Vec<usize> = m.removed.clone();
        let within_budget = free.len().saturating_mul(m.added.len()) <= FUZZY_PAIR_BUDGET;
        for &k in &m.added {
            let text = n.criteria[k].text.as_str();
            let similar = |&l: &usize| within_budget && similarity(&o.criteria[l].text, text).is_some();
            match free.iter().position(similar) {
                Some(at) => edited.push((free.remove(at), k)),
                None => still_added.push(k),
            }
        }
        m.removed = free;
        m.added = still_added;
        m.pairs.extend(&edited);
        let (ob, nb) = (item("milestones", i), item("milestones", j));
        let at = |base: &str, k: usize| ptr(base, &["criteria", &k.to_string()]);
        let mut sorted = m.pairs.clone();
        sorted.sort_by_key(|p| p.1);
        for &(l, k) in &sorted {
            let (a, b) = (&o.criteria[l], &n.criteria[k]);
            let fields: Vec<&str> = [
                ("text", a.text != b.text),
                ("skills", self.old_refs(&a.skills) != self.new_refs(&b.skills)),
                ("target", a.target != b.target),
                ("done", a.done != b.done),
            ]
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(name, _)| name)
            .collect();
            if fields.is_empty() {
                continue;
            }
            let message = if fields == ["text"] {
                format!(
                    "milestone {}: criterion {} reworded to {}",
                    code(id),
                    quote(Some(&a.text)),
                    quote(Some(&b.text))
                )
            } else {
                format!("milestone {}: criterion {} changed ({})", code(id), quote(Some(&b.text)), fields.join(", "))
            };
            self.push(
                ChangeKind::CriterionChanged,
                id,
                Some(At::new(&o.id, at(&ob, l))),
                Some(At::new(id, at(&nb, k))),
                message,
            );
        }
        for &k in &m.added {
            let message = format!("milestone {}: criterion {} added", code(id), quote(Some(&n.criteria[k].text)));
            let old_at = ptr(&ob, &["criteria"]);
            self.push(
                ChangeKind::CriterionAdded,
                id,
                Some(At::new(&o.id, old_at)),
                Some(At::new(id, at(&nb, k))),
                message,
            );
        }
        for &l in &m.removed {
            let message = format!("milestone {}: criterion {} removed", code(id), quote(Some(&o.criteria[l].text)));
            let new_at = ptr(&nb, &["criteria"]);
            self.push(
                ChangeKind::CriterionRemoved,
                id,
                Some(At::new(&o.id, at(&ob, l))),
                Some(At::new(id, new_at)),
                message,
            );
        }
        let (old_list, new_list) = (ptr(&ob, &["criteria"]), ptr(&nb, &["criteria"]));
        self.order(&m.pairs, id, &format!("criteria of milestone {}", code(id)), old_list, new_list, |k| {
            n.criteria.get(k).map_or_else(String::new, |c| cut(&c.text))
        });
    }

    pub(super) fn exclusions(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "exclusions", noun: "exclusion", kinds: EXCLUSION_KINDS };
        self.items(
            &spec,
            &old.exclusions,
            &new.exclusions,
            |e| (&e.id, &e.title),
            |d, o, n| {
                let skill = (o.skill.as_deref().map(|s| d.map_old(s)), n.skill.as_deref());
                vec![
                    Field::required("title", &o.title, &n.title),
                    Field::optional("reason", &o.reason, &n.reason),
                    Field::optional("phase", &o.phase, &n.phase),
                    Field::new("skill", skill.0 != skill.1, o.skill.is_some(), n.skill.is_some()),
                ]
            },
        );
    }

    pub(super) fn areas(&mut self) {
        let (old, new) = (self.old, self.new);
        let spec = ItemSpec { list: "areas", noun: "area", kinds: AREA_KINDS };
        self.items(
            &spec,
            &old.areas,
            &new.areas,
            |a| (&a.id, &a.name),
            |d, o, n| {
                let mention = |m: &'a SkillMention, map: &dyn Fn(&'a str) -> &'a str| match m {
                    SkillMention::Id(id) => (map(id), None, None),
                    SkillMention::Noted(noted) => (map(&noted.skill), noted.note.as_deref(), noted.label.as_deref()),
                };
                let old_skills: Vec<_> = o.skills.iter().map(|m| mention(m, &|s| d.map_old(s))).collect();
                let new_skills: Vec<_> = n.skills.iter().map(|m| mention(m, &|s| s)).collect();
                vec![
                    Field::required("name", &o.name, &n.name),
                    Field::optional("description", &o.description, &n.description),
                    Field::new("skills", old_skills != new_skills, true, true),
                ]
            },
        );
    }

    /// Compares an id-keyed list: added, removed (with rename hints),
    /// changed fields and order. Returns the matched pairs.
    pub(super) fn items<T>(
        &mut self,
        spec: &ItemSpec,
        old: &'a [T],
        new: &'a [T],
        names: impl Fn(&'a T) -> (&'a String, &'a String),
        fields: impl Fn(&Self, &'a T, &'a T) -> Vec<Field>,
    ) -> Vec<(usize, usize)> {
        let m = match_ids(old.iter().map(|t| names(t).0.as_str()), new.iter().map(|t| names(t).0.as_str()));
        let [added_kind, removed_kind, changed_kind] = spec.kinds;
        let mut pairs = m.pairs.clone();
        pairs.sort_by_key(|p| p.1);
        for &(i, j) in &pairs {
            let (o, n) = (&old[i], &new[j]);
            let id = names(n).0.as_str();
            let changed: Vec<Field> = fields(self, o, n).into_iter().filter(|f| f.differs).collect();
            let Some(&Field { name: first, in_old, in_new, .. }) = changed.first() else { continue };
            let message = if changed.len() == 1 && ["title", "name"].contains(&first) {
                format!(
                    "{} {}: {first} changed from {} to {}",
                    spec.noun,
                    code(id),
                    quote(Some(names(o).1)),
                    quote(Some(names(n).1))
                )
            } else {
                format!(
                    "{} {}: {} changed",
                    spec.noun,
                    code(id),
                    changed.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                )
            };
            let old_at = present(in_old, &item(spec.list, i), first);
            let new_at = present(in_new, &item(spec.list, j), first);
            self.push(changed_kind, id, Some(At::new(names(o).0, old_at)), Some(At::new(id, new_at)), message);
        }
        let label = |t: &'a T| (names(t).0.as_str(), names(t).1.as_str());
        let removed_names: Vec<(&str, &str)> = m.removed.iter().map(|&i| label(&old[i])).collect();
        let added_names: Vec<(&str, &str)> = m.added.iter().map(|&j| label(&new[j])).collect();
        let (removed_hints, added_hints) = rename_hints(&removed_names, &added_names, false);
        for (&j, hint) in m.added.iter().zip(added_hints) {
            let (id, name) = label(&new[j]);
            let message = format!("{} {} ({}) added", spec.noun, code(id), quote(Some(name)));
            self.push(added_kind, id, None, Some(At::new(id, item(spec.list, j))), message).hint = hint;
        }
        for (&i, hint) in m.removed.iter().zip(removed_hints) {
            let (id, name) = label(&old[i]);
            let message = format!("{} {} ({}) removed", spec.noun, code(id), quote(Some(name)));
            self.push(removed_kind, id, Some(At::new(id, item(spec.list, i))), None, message).hint = hint;
        }
        let list = format!("/{}", spec.list);
        let owner = self.new.id.clone();
        self.order(&m.pairs, &owner, spec.list, list.clone(), list, |j| {
            new.get(j).map_or_else(String::new, |t| names(t).0.clone())
        });
        m.pairs
    }
}

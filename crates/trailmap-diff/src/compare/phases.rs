//! Phases: flattened in pre-order (`trailmap::graph::PhaseTree`), matched by id, compared field by field; where each
//! skill is first taught.

use std::collections::BTreeSet;

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.
use foldhash::{HashMap, HashMapExt};

use trailmap::Phase;
use trailmap::pointer::Pointer;

use super::items::Field;
use super::matching::match_ids;
use super::matching::*;
use super::text::*;
use super::{At, Differ};
use crate::ChangeKind;

/// A phase in a flattened, pre-order list.
pub(super) struct PhaseEntry<'a> {
    pub(super) phase: &'a Phase,
    pub(super) pointer: String,
    pub(super) parent: Option<&'a str>,
}

pub(super) fn flatten_phases(phases: &[Phase]) -> Vec<PhaseEntry<'_>> {
    let mut out: Vec<PhaseEntry<'_>> = Vec::new();
    for visit in trailmap::graph::PhaseTree::new(phases) {
        let (pointer, parent) = match visit.parent {
            Some(p) => (format!("{}/phases/{}", out[p].pointer, visit.position), Some(out[p].phase.id.as_str())),
            None => (Pointer::item("phases", visit.position).into_string(), None),
        };
        out.push(PhaseEntry { phase: visit.phase, pointer, parent });
    }
    out
}

/// Where a skill is first taught: the phase id, its pre-order rank, and a
/// pointer to the skill's entry in that phase's `skills`.
#[derive(Clone)]
pub(super) struct Taught<'a> {
    pub(super) phase: &'a str,
    /// Index of the phase in the flattened list.
    pub(super) rank: usize,
    /// Index of the skill in the phase's `skills`.
    pub(super) entry: usize,
}

pub(super) fn taught_map<'a>(phases: &[PhaseEntry<'a>]) -> HashMap<&'a str, Taught<'a>> {
    let mut out: HashMap<&str, Taught<'_>> = HashMap::new();
    for (rank, entry) in phases.iter().enumerate() {
        for (k, id) in entry.phase.skills.iter().enumerate() {
            out.entry(id.as_str()).or_insert(Taught { phase: entry.phase.id.as_str(), rank, entry: k });
        }
    }
    out
}

/// What a task is, for telling whether a phase's tasks changed: its text,
/// its skills (old ids mapped through renames), deliverables and project.
#[derive(PartialEq)]
struct TaskKey<'t> {
    text: &'t str,
    skills: Vec<BTreeSet<&'t str>>,
    deliverables: &'t [String],
    project: Option<&'t str>,
}

fn task_key<'t>(task: &'t trailmap::Task, map: impl Fn(&'t str) -> &'t str) -> TaskKey<'t> {
    let skills = task.skills.iter().map(|p| p.skill_ids().map(&map).collect()).collect();
    TaskKey {
        text: task.text.as_str(),
        skills,
        deliverables: task.deliverables.as_slice(),
        project: task.project.as_deref(),
    }
}

impl<'a> Differ<'a> {
    pub(super) fn phases(&mut self) {
        let m = match_ids(
            self.old_phases.iter().map(|p| p.phase.id.as_str()),
            self.new_phases.iter().map(|p| p.phase.id.as_str()),
        );
        let (old_phases, new_phases) = (std::mem::take(&mut self.old_phases), std::mem::take(&mut self.new_phases));
        let new = self.new;
        let mut pairs = m.pairs.clone();
        pairs.sort_by_key(|p| p.1);
        for &(i, j) in &pairs {
            self.phase_pair(&old_phases[i], &new_phases[j]);
        }
        let names = |list: &[PhaseEntry<'a>], idx: &[usize]| -> Vec<(&'a str, &'a str)> {
            idx.iter().map(|&i| (list[i].phase.id.as_str(), list[i].phase.title.as_str())).collect()
        };
        let (removed_hints, added_hints) =
            rename_hints(&names(&old_phases, &m.removed), &names(&new_phases, &m.added), false);
        for (&j, hint) in m.added.iter().zip(added_hints) {
            let p = &new_phases[j];
            let message = format!("phase {} ({}) added", code(&p.phase.id), quote(Some(&p.phase.title)));
            self.push(
                ChangeKind::PhaseAdded,
                &p.phase.id,
                None,
                Some(At::new(&p.phase.id, p.pointer.clone())),
                message,
            )
            .hint = hint;
        }
        for (&i, hint) in m.removed.iter().zip(removed_hints) {
            let p = &old_phases[i];
            let message = format!("phase {} ({}) removed", code(&p.phase.id), quote(Some(&p.phase.title)));
            self.push(
                ChangeKind::PhaseRemoved,
                &p.phase.id,
                Some(At::new(&p.phase.id, p.pointer.clone())),
                None,
                message,
            )
            .hint = hint;
        }
        // Sibling order, per parent present in both (top level included),
        // grouped in one pass.
        let mut parents: Vec<Option<&str>> = Vec::new();
        let mut siblings_of: HashMap<Option<&str>, Vec<(usize, usize)>> = HashMap::new();
        for &(i, j) in &pairs {
            let parent = new_phases[j].parent;
            if old_phases[i].parent != parent {
                continue;
            }
            let siblings = siblings_of.entry(parent).or_default();
            if siblings.is_empty() {
                parents.push(parent);
            }
            siblings.push((i, j));
        }
        for parent in parents {
            let Some(siblings) = siblings_of.remove(&parent) else { continue };
            if siblings.len() < 2 {
                continue;
            }
            let list_of = |list: &[PhaseEntry<'_>], at: usize| {
                list[at].pointer.rsplit_once('/').map_or_else(|| "/phases".to_owned(), |(base, _)| base.to_owned())
            };
            let (old_list, new_list) = (list_of(&old_phases, siblings[0].0), list_of(&new_phases, siblings[0].1));
            let owner = parent.unwrap_or(new.id.as_str());
            let what = match parent {
                Some(p) => format!("phases in {}", code(p)),
                None => "top-level phases".to_owned(),
            };
            self.order(&siblings, owner, &what, old_list, new_list, |j| {
                new_phases.get(j).map_or_else(String::new, |p| p.phase.id.clone())
            });
        }
        self.old_phases = old_phases;
        self.new_phases = new_phases;
    }

    pub(super) fn phase_pair(&mut self, a: &PhaseEntry<'a>, b: &PhaseEntry<'a>) {
        let (o, n) = (a.phase, b.phase);
        let id = n.id.as_str();
        if a.parent != b.parent {
            let place =
                |p: Option<&str>| p.map_or_else(|| "the top level".to_owned(), |p| format!("phase {}", code(p)));
            let message = format!("phase {} moved from {} to {}", code(id), place(a.parent), place(b.parent));
            self.push(
                ChangeKind::PhaseMoved,
                id,
                Some(At::new(&o.id, a.pointer.clone())),
                Some(At::new(id, b.pointer.clone())),
                message,
            );
        }
        let old_tasks: Vec<TaskKey<'_>> = o.tasks.iter().map(|t| task_key(t, |s| self.map_old(s))).collect();
        let new_tasks: Vec<TaskKey<'_>> = n.tasks.iter().map(|t| task_key(t, |s| s)).collect();
        let text: Vec<Field> = [
            Field::required("title", &o.title, &n.title),
            Field::optional("kind", &o.kind, &n.kind),
            Field::optional("goal", &o.goal, &n.goal),
            Field::optional("description", &o.description, &n.description),
            Field::list("topics", &o.topics, &n.topics),
            Field::new("tasks", old_tasks != new_tasks, !o.tasks.is_empty(), !n.tasks.is_empty()),
        ]
        .into_iter()
        .filter(|f| f.differs)
        .collect();
        if let Some(&Field { name: first, in_old, in_new, .. }) = text.first() {
            let message = if text.len() == 1 && first == "title" {
                format!("phase {}: title changed from {} to {}", code(id), quote(Some(&o.title)), quote(Some(&n.title)))
            } else {
                format!("phase {}: {} changed", code(id), text.iter().map(|f| f.name).collect::<Vec<_>>().join(", "))
            };
            let old_at = present(in_old, &a.pointer, first);
            let new_at = present(in_new, &b.pointer, first);
            self.push(ChangeKind::PhaseChanged, id, Some(At::new(&o.id, old_at)), Some(At::new(id, new_at)), message);
        }
        let schedule: Vec<Field> = [
            Field::optional("span", &o.span, &n.span),
            Field::new("parallel", o.parallel != n.parallel, o.parallel, n.parallel),
            Field::new("ongoing", o.ongoing != n.ongoing, o.ongoing, n.ongoing),
        ]
        .into_iter()
        .filter(|f| f.differs)
        .collect();
        if let Some(&Field { name: first, in_old, in_new, .. }) = schedule.first() {
            let mut parts: Vec<String> = Vec::new();
            for f in &schedule {
                parts.push(match f.name {
                    "span" => format!("span {} -> {}", span_text(o.span.as_ref()), span_text(n.span.as_ref())),
                    "parallel" => format!("parallel {} -> {}", o.parallel, n.parallel),
                    _ => format!("ongoing {} -> {}", o.ongoing, n.ongoing),
                });
            }
            let message = format!("phase {}: {}", code(id), parts.join(", "));
            let old_at = present(in_old, &a.pointer, first);
            let new_at = present(in_new, &b.pointer, first);
            self.push(
                ChangeKind::PhaseScheduleChanged,
                id,
                Some(At::new(&o.id, old_at)),
                Some(At::new(id, new_at)),
                message,
            );
        }
        // Order of the skills this phase lists (membership changes are
        // reported per skill, as skill-moved).
        let old_ids: Vec<&str> = o.skills.iter().map(|s| self.map_old(s)).collect();
        let m = match_ids(old_ids.into_iter(), n.skills.iter().map(trailmap::SmallString::as_str));
        let (old_list, new_list) = (ptr(&a.pointer, &["skills"]), ptr(&b.pointer, &["skills"]));
        self.order(&m.pairs, id, &format!("skills in phase {}", code(id)), old_list, new_list, |k| {
            n.skills.get(k).map(String::from).unwrap_or_default()
        });
    }
}

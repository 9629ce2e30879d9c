//! Meaning checks: what the schema cannot say. Duplicate ids, references to
//! items that do not exist (with a "did you mean"), self-prerequisites,
//! empty `any_of` groups, cycles, and a `version` that is not semver.

use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, push_token};
use crate::graph::id_table::IdTable;
use crate::graph::{Fingerprint, Needs, ResolvedIds, SkillGraph};
use crate::pointer::Pointer;
use crate::suggest::Suggester;
use crate::{Phase, Prerequisite, Roadmap};

/// Maps an item's index in the (possibly partial) model back to its index
/// in the file, so pointers stay right when broken items were dropped.
#[derive(Debug, Clone)]
pub(crate) enum Origins {
    /// The model holds every item of the file.
    Identity,
    /// Some items were dropped; these are the original indices.
    Mapped {
        skills: Vec<usize>,
        phases: Vec<usize>,
        projects: Vec<usize>,
        practices: Vec<usize>,
        milestones: Vec<usize>,
        exclusions: Vec<usize>,
        areas: Vec<usize>,
    },
}

impl Origins {
    fn get(&self, section: &str, i: usize) -> usize {
        match self {
            Origins::Identity => i,
            Origins::Mapped { skills, phases, projects, practices, milestones, exclusions, areas } => {
                let list = match section {
                    "skills" => skills,
                    "phases" => phases,
                    "projects" => projects,
                    "practices" => practices,
                    "milestones" => milestones,
                    "exclusions" => exclusions,
                    _ => areas,
                };
                list.get(i).copied().unwrap_or(i)
            }
        }
    }

    pub(crate) fn pointer(&self, section: &str, i: usize) -> String {
        Pointer::item(section, self.get(section, i)).into()
    }
}

fn error(code: Code, message: String) -> Diagnostic {
    code.diagnostic(Severity::Error, message)
}

fn child(base: &str, tokens: &[&str]) -> String {
    let mut p = base.to_owned();
    for t in tokens {
        push_token(&mut p, t);
    }
    p
}

/// Every phase with its JSON Pointer, in document order.
pub(crate) fn phases_with_pointers<'a>(roadmap: &'a Roadmap, origins: &Origins) -> Vec<(&'a Phase, String)> {
    let mut out: Vec<(&'a Phase, String)> = Vec::new();
    for visit in crate::graph::PhaseTree::new(&roadmap.phases) {
        let pointer = match visit.parent {
            Some(parent) => child(&out[parent].1, &["phases", &visit.position.to_string()]),
            None => origins.pointer("phases", visit.position),
        };
        out.push((visit.phase, pointer));
    }
    out
}

struct References<'a> {
    roadmap: &'a Roadmap,
    skills: IdTable<'a>,
    former: HashMap<&'a str, &'a str>,
    phases: HashMap<&'a str, usize>,
    projects: HashMap<&'a str, usize>,
    hints: RefCell<Suggester>,
}

impl References<'_> {
    // Pointers are built only for what is reported: building one for every
    // reference cost more than the lookup on large roadmaps.
    fn skill(&self, id: &str, pointer: impl FnOnce() -> String, out: &mut Vec<Diagnostic>) {
        if self.skills.get(id).is_none() {
            self.unknown(id, pointer, out);
        }
    }

    /// Reports `id`, which no skill has.
    fn unknown(&self, id: &str, pointer: impl FnOnce() -> String, out: &mut Vec<Diagnostic>) {
        let mut d = error(Code::UnknownReference, format!("unknown skill `{}`", crate::diagnostic::preview_str(id)))
            .at(pointer());
        if let Some(new) = self.former.get(id) {
            d = d.with_help(format!("`{}` was renamed to `{new}`: use the new id", crate::diagnostic::preview_str(id)));
        } else if let Some(best) =
            self.hints.borrow_mut().suggest("skill", id, self.roadmap.skills.iter().map(|s| s.id.as_str()))
        {
            d = d.with_help(format!("did you mean `{best}`?"));
        } else {
            d = d.with_help("add a skill with this id to `skills`, or fix the reference");
        }
        out.push(d);
    }

    fn skills_in(&self, list: &[Prerequisite], base: &dyn Fn() -> String, out: &mut Vec<Diagnostic>) {
        self.skills_known(list, base, |id| self.skills.get(id).is_some(), out);
    }

    /// The prerequisites of skill `own` (its index in the id table), their
    /// ids resolved by [`Needs::resolve`]: a self-prerequisite, then what
    /// [`References::skills_in`] reports, without looking the ids up again.
    fn prerequisites(
        &self,
        own: u32,
        list: &[Prerequisite],
        resolved: &[Option<u32>],
        base: &dyn Fn() -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        let empty_group = |p: &Prerequisite| matches!(p, Prerequisite::AnyOf(group) if group.any_of.is_empty());
        // Nearly every skill: every id known, none its own, no empty group.
        if resolved.iter().all(|&m| m.is_some_and(|m| m != own)) && !list.iter().any(empty_group) {
            return;
        }
        // An id is the skill's own exactly when it resolves to the skill's
        // first index.
        let mut at = 0;
        for (k, prerequisite) in list.iter().enumerate() {
            let ids = &resolved[at..at + prerequisite.skill_ids().len()];
            at += ids.len();
            if ids.contains(&Some(own)) {
                out.push(
                    error(
                        Code::SelfPrerequisite,
                        format!("skill `{}` lists itself as a prerequisite", self.roadmap.skills[own as usize].id),
                    )
                    .at(child(&base(), &[&k.to_string()]))
                    .with_help("remove this entry"),
                );
            }
        }
        let mut next = resolved.iter();
        self.skills_known(list, base, |_| next.next().is_some_and(Option::is_some), out);
    }

    /// Reports each entry of `list` naming an id that `known` (asked once
    /// for each id, in order) says no skill has, and each empty `any_of`.
    fn skills_known(
        &self,
        list: &[Prerequisite],
        base: &dyn Fn() -> String,
        mut known: impl FnMut(&str) -> bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut check = |id: &str, pointer: &dyn Fn() -> String, out: &mut Vec<Diagnostic>| {
            if !known(id) {
                self.unknown(id, pointer, out);
            }
        };
        for (i, entry) in list.iter().enumerate() {
            match entry {
                Prerequisite::Skill(id) => check(id, &|| child(&base(), &[&i.to_string()]), out),
                Prerequisite::AnyOf(group) => {
                    if group.any_of.is_empty() {
                        out.push(
                            error(
                                Code::EmptyAnyOf,
                                "`any_of` group has no member, so it can never be satisfied".into(),
                            )
                            .at(child(&base(), &[&i.to_string(), "any_of"]))
                            .with_help("list the alternative skill ids, or remove the group"),
                        );
                    }
                    for (k, id) in group.any_of.iter().enumerate() {
                        check(id, &|| child(&base(), &[&i.to_string(), "any_of", &k.to_string()]), out);
                    }
                }
            }
        }
    }

    fn named(
        &self,
        kind: &'static str,
        table: &HashMap<&str, usize>,
        id: &str,
        pointer: impl FnOnce() -> String,
        out: &mut Vec<Diagnostic>,
    ) {
        if table.contains_key(id) {
            return;
        }
        let mut d = error(Code::UnknownReference, format!("unknown {kind} `{}`", crate::diagnostic::preview_str(id)))
            .at(pointer());
        if let Some(best) = self.hints.borrow_mut().suggest(kind, id, table.keys().copied()) {
            d = d.with_help(format!("did you mean `{best}`?"));
        }
        out.push(d);
    }
}

/// Records ids, reporting each repeat once. Each item comes with how to
/// build its pointer, which only happens for a repeat.
fn unique_ids<'a, P: Fn() -> String>(
    kind: &str,
    items: impl Iterator<Item = (&'a str, P)>,
    out: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, usize> {
    let items = items.into_iter();
    // Sized up front: growing the table rehashes every id already in it.
    let mut seen: HashMap<&'a str, usize> = HashMap::with_capacity(items.size_hint().0);
    let mut first_pointer: Vec<P> = Vec::with_capacity(items.size_hint().0);
    for (i, (id, pointer)) in items.enumerate() {
        match seen.entry(id) {
            std::collections::hash_map::Entry::Occupied(first) => out.push(
                error(Code::DuplicateId, format!("duplicate {kind} id `{}`", crate::diagnostic::preview_str(id)))
                    .at(child(&pointer(), &["id"]))
                    .with_help(format!(
                        "the first is at {}; ids must be unique among {kind}s",
                        first_pointer[*first.get()]()
                    )),
            ),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
        first_pointer.push(pointer);
    }
    seen
}

/// Runs every meaning check on a roadmap; with `keep_ids`, gives back its
/// lookup of the prerequisite ids for the graph.
pub(crate) fn check_roadmap(
    roadmap: &Roadmap,
    origins: &Origins,
    out: &mut Vec<Diagnostic>,
    keep_ids: bool,
) -> Option<ResolvedIds> {
    if semver::Version::parse(&roadmap.version).is_err() {
        out.push(
            error(
                Code::InvalidVersion,
                format!("`{}` is not a semantic version", crate::diagnostic::preview_str(&roadmap.version)),
            )
            .at("/version")
            .with_help("use MAJOR.MINOR.PATCH, e.g. \"1.0.0\" (see semver.org)"),
        );
    }

    // Skills by id through the graph's table of indices: a map of `&str`
    // took 24 bytes a slot, 50 MB of a million-skill `validate`.
    let (skills, repeated) = IdTable::new(&roadmap.skills);
    for &(i, first) in &repeated {
        let id = roadmap.skills[i as usize].id.as_str();
        out.push(
            error(Code::DuplicateId, format!("duplicate skill id `{}`", crate::diagnostic::preview_str(id)))
                .at(child(&origins.pointer("skills", i as usize), &["id"]))
                .with_help(format!(
                    "the first is at {}; ids must be unique among skills",
                    origins.pointer("skills", first as usize)
                )),
        );
    }
    let mut former = HashMap::new();
    for (i, skill) in roadmap.skills.iter().enumerate() {
        for (k, old) in skill.former_ids.iter().enumerate() {
            if skills.get(old).is_some() {
                out.push(
                    error(
                        Code::DuplicateId,
                        format!("former id `{old}` of `{}` is also the id of a current skill", skill.id),
                    )
                    .at(child(&origins.pointer("skills", i), &["former_ids", &k.to_string()]))
                    .with_help("a former id must not be reused: progress on it would move to the wrong skill"),
                );
            } else if let Some(other) = former.insert(old.as_str(), skill.id.as_str())
                // The same skill listing it twice is a repeat (lint's TM120).
                && other != skill.id
            {
                out.push(
                    error(
                        Code::DuplicateId,
                        format!("former id `{old}` is claimed by both `{other}` and `{}`", skill.id),
                    )
                    .at(child(&origins.pointer("skills", i), &["former_ids", &k.to_string()])),
                );
            }
        }
    }
    let phase_list = phases_with_pointers(roadmap, origins);
    let spans = roadmap.duration.iter().map(|s| (s, "/duration".to_owned()));
    let spans =
        spans.chain(phase_list.iter().filter_map(|(p, ptr)| p.span.as_ref().map(|s| (s, child(ptr, &["span"])))));
    for (span, pointer) in spans {
        match span.end_at {
            Some(end) if end < span.start => out.push(
                error(Code::ReversedSpan, format!("the span ends at {end}, before its start at {}", span.start))
                    .at(child(&pointer, &["end"]))
                    .with_help("`end` is inclusive and may not come before `start`: swap them, or fix the typo"),
            ),
            _ => {}
        }
    }
    let phases = unique_ids("phase", phase_list.iter().map(|(p, ptr)| (p.id.as_str(), || ptr.clone())), out);
    let projects = unique_ids(
        "project",
        roadmap.projects.iter().enumerate().map(|(i, p)| (p.id.as_str(), move || origins.pointer("projects", i))),
        out,
    );
    unique_ids(
        "practice",
        roadmap.practices.iter().enumerate().map(|(i, p)| (p.id.as_str(), move || origins.pointer("practices", i))),
        out,
    );
    unique_ids(
        "milestone",
        roadmap.milestones.iter().enumerate().map(|(i, m)| (m.id.as_str(), move || origins.pointer("milestones", i))),
        out,
    );
    unique_ids(
        "exclusion",
        roadmap.exclusions.iter().enumerate().map(|(i, e)| (e.id.as_str(), move || origins.pointer("exclusions", i))),
        out,
    );
    unique_ids(
        "area",
        roadmap.areas.iter().enumerate().map(|(i, a)| (a.id.as_str(), move || origins.pointer("areas", i))),
        out,
    );

    let refs = References {
        roadmap,
        skills,
        former,
        phases,
        projects,
        hints: RefCell::new(Suggester::new(Suggester::BUDGET)),
    };
    // Each prerequisite id is looked up once, here, for the references and
    // for the cycle check at the end. A skill's first index is its own
    // unless an earlier skill has its id.
    let first_with_id: HashMap<u32, u32> = repeated.iter().copied().collect();
    let mut indices = Vec::with_capacity(if keep_ids { crate::graph::prerequisite_counts(roadmap).1 } else { 0 });
    let mut print = keep_ids.then(|| Fingerprint::new(refs.skills.hasher(), roadmap.skills.len()));
    let needs = Needs::resolve(roadmap, &refs.skills, print.as_mut(), |i, resolved| {
        if keep_ids {
            indices.extend(resolved.iter().map(|m| m.unwrap_or(u32::MAX)));
        }
        let own = first_with_id.get(&crate::graph::to_u32(i)).copied().unwrap_or(crate::graph::to_u32(i));
        let base = || child(&origins.pointer("skills", i), &["prerequisites"]);
        refs.prerequisites(own, &roadmap.skills[i].prerequisites, resolved, &base, out);
    });
    for (phase, pointer) in &phase_list {
        for (k, id) in phase.skills.iter().enumerate() {
            refs.skill(id, || child(pointer, &["skills", &k.to_string()]), out);
        }
        for (t, task) in phase.tasks.iter().enumerate() {
            let task_pointer = || child(pointer, &["tasks", &t.to_string()]);
            refs.skills_in(&task.skills, &|| child(&task_pointer(), &["skills"]), out);
            if let Some(project) = &task.project {
                refs.named("project", &refs.projects, project, || child(&task_pointer(), &["project"]), out);
            }
        }
    }
    for (i, project) in roadmap.projects.iter().enumerate() {
        let base = || origins.pointer("projects", i);
        refs.skills_in(&project.skills, &|| child(&base(), &["skills"]), out);
        if let Some(phase) = &project.phase {
            refs.named("phase", &refs.phases, phase, || child(&base(), &["phase"]), out);
        }
    }
    for (i, practice) in roadmap.practices.iter().enumerate() {
        let base = || origins.pointer("practices", i);
        for (k, id) in practice.skills.iter().enumerate() {
            refs.skill(id, || child(&base(), &["skills", &k.to_string()]), out);
        }
        if let Some(phase) = &practice.phase {
            refs.named("phase", &refs.phases, phase, || child(&base(), &["phase"]), out);
        }
    }
    for (i, milestone) in roadmap.milestones.iter().enumerate() {
        let base = || origins.pointer("milestones", i);
        for (c, criterion) in milestone.criteria.iter().enumerate() {
            refs.skills_in(&criterion.skills, &|| child(&base(), &["criteria", &c.to_string(), "skills"]), out);
        }
        if let Some(phase) = &milestone.phase {
            refs.named("phase", &refs.phases, phase, || child(&base(), &["phase"]), out);
        }
    }
    for (i, exclusion) in roadmap.exclusions.iter().enumerate() {
        let base = || origins.pointer("exclusions", i);
        if let Some(phase) = &exclusion.phase {
            refs.named("phase", &refs.phases, phase, || child(&base(), &["phase"]), out);
        }
        if let Some(skill) = &exclusion.skill {
            refs.skill(skill, || child(&base(), &["skill"]), out);
        }
    }
    for (i, area) in roadmap.areas.iter().enumerate() {
        let base = || origins.pointer("areas", i);
        for (k, mention) in area.skills.iter().enumerate() {
            let pointer = || match mention {
                crate::SkillMention::Id(_) => child(&base(), &["skills", &k.to_string()]),
                crate::SkillMention::Noted(_) => child(&base(), &["skills", &k.to_string(), "skill"]),
            };
            refs.skill(mention.skill_id(), pointer, out);
        }
    }

    // Most roadmaps have no cycle: Kahn's algorithm over the id table above
    // proves it in one pass; the full graph is only built to report cycles.
    // A cycle through `any_of` alternatives alone blocks nothing: the
    // graph is built only when some skill cannot be learned.
    if !needs.acyclic() && !crate::graph::all_learnable(roadmap, &refs.skills) {
        let graph = SkillGraph::new(roadmap);
        // Only cycles that block skills: one through an `any_of`
        // alternative that another alternative avoids is learnable.
        let learnable = graph.learnable();
        for cycle in graph.blocked_cycles() {
            if cycle.skills.len() < 2 {
                continue; // a self-prerequisite, reported above
            }
            // The first skill with the id, from the id table (a scan per
            // cycle was quadratic on 50,000 cycles of two skills).
            let Some(i) = refs.skills.get(cycle.skills[0].as_str()) else { continue };
            let Some(blocked) = crate::graph::blocked::explain(&graph, &learnable, &cycle) else { continue };
            out.push(
                error(Code::PrerequisiteCycle, blocked.message)
                    .at(child(&origins.pointer("skills", i as usize), &["prerequisites", &blocked.entry.to_string()]))
                    .with_help(
                        "no skill on the cycle can ever be learned: remove one of its prerequisites, or offer an alternative that avoids it",
                    ),
            );
        }
    }
    let fingerprint = print?.finish();
    Some(ResolvedIds { table: refs.skills.into_parts(), duplicates: repeated, indices, fingerprint })
}

#[cfg(test)]
mod tests {
    use crate::Roadmap;

    fn duplicate_ids(skills: &str) -> Vec<String> {
        let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{skills}]}}"#);
        let loaded = Roadmap::from_json_str(&text);
        loaded.diagnostics.iter().filter(|d| d.code == "TM004").map(|d| d.message.clone()).collect()
    }

    /// Two skills claiming one former id clash; one skill listing it twice
    /// only repeats itself (lint's TM120 says so).
    #[test]
    fn a_former_id_is_claimed_by_two_skills_not_by_one_twice() {
        let twice = r#"{"id": "ml", "name": "ML", "former_ids": ["old", "old"]}"#;
        assert!(duplicate_ids(twice).is_empty());
        let two =
            r#"{"id": "ml", "name": "ML", "former_ids": ["old"]}, {"id": "dl", "name": "DL", "former_ids": ["old"]}"#;
        assert_eq!(duplicate_ids(two), ["former id `old` is claimed by both `ml` and `dl`"]);
    }

    /// A skill's prerequisites are reported from one lookup of each id:
    /// self-prerequisites (also in a skill repeating an earlier id, whose
    /// ids resolve to that earlier skill), empty groups and unknown ids,
    /// each at its own entry or member.
    #[test]
    fn prerequisites_are_reported_in_entry_order() {
        let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
            {"id": "a", "name": "A", "prerequisites": ["x", {"any_of": []}, "a", {"any_of": ["b", "y", "a"]}]},
            {"id": "b", "name": "B"},
            {"id": "a", "name": "A again", "prerequisites": ["b", "a", {"any_of": ["z"]}]}]}"#;
        let loaded = Roadmap::from_json_str(text);
        let found: Vec<(&str, &str)> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code != "TM004" && d.code != "TM007")
            .map(|d| (d.code, d.pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("TM005", "/skills/0/prerequisites/0"),
                ("TM011", "/skills/0/prerequisites/1/any_of"),
                ("TM006", "/skills/0/prerequisites/2"),
                ("TM006", "/skills/0/prerequisites/3"),
                ("TM005", "/skills/0/prerequisites/3/any_of/1"),
                ("TM006", "/skills/2/prerequisites/1"),
                ("TM005", "/skills/2/prerequisites/2/any_of/0"),
            ]
        );
    }
}

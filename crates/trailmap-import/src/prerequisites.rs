//! Prerequisites: those the source states ("requires X", "builds on X",
//! "Prerequisites: X or Y", a prerequisite column) resolved by name once
//! every skill is known; cycles among them broken and reported; and, with
//! `--infer-prerequisites`, the documented heuristics:
//!
//! 1. **Vocabulary**: a prerequisite that a roadmap of `--vocabulary`
//!    states between two skills this roadmap also teaches (an `any_of`
//!    group keeps the members this roadmap teaches).
//! 2. **Refinement**: a skill named "Advanced X", "Intermediate X",
//!    "X (Advanced)", "X Part 2" or "X II" needs the skill named "X", "X
//!    Basics", "X Fundamentals", "Intro to X" or "X Part 1".
//!
//! Order inside a phase is never a prerequisite. An inferred edge is only
//! added when it closes no cycle, is kept in the skill's
//! `x-inferred-prerequisites` and reported as [`Element::Inferred`].

use std::collections::HashMap;

use trailmap::pointer::Pointer;
use trailmap::{AnyOf, Prerequisite, Roadmap, SkillGraph, SmallString};

use crate::builder::Builder;
use crate::ids::normalize;
use crate::report::{Element, Outcome};

/// Which skills a stated prerequisite is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dependent {
    /// One skill (an item, a table row).
    Skill(usize),
    /// Every skill of a phase and the phases in it ("## Deep Learning" then
    /// "Prerequisites: Python").
    Phase(usize),
    /// The skills the text names, each needing this one ("Docker
    /// (prerequisite for Airflow)").
    NeededBy(usize),
}

/// A prerequisite stated in the source, resolved by name at the end.
#[derive(Debug, Clone)]
pub(crate) struct Stated {
    pub dependent: Dependent,
    /// The names: "Python, Calculus 1A or Calculus for Beginners".
    pub text: String,
    pub line: usize,
    pub element: Element,
    /// Prose whose text is kept elsewhere: names that resolve to no skill are
    /// not reported (the sentence may not be about skills at all).
    pub quiet: bool,
}

/// Rounds of breaking one edge of each cycle before the rest are broken in
/// one depth-first pass (each round costs the whole graph).
const CYCLE_ROUNDS: usize = 32;

/// Most node visits spent checking inferred edges for cycles, so that a
/// hostile source cannot make inference quadratic.
const CYCLE_CHECK_BUDGET: usize = 2_000_000;

fn is_none(text: &str) -> bool {
    matches!(normalize(text).as_str(), "" | "none" | "n a" | "na" | "no" | "nothing" | "-")
}

impl Builder<'_> {
    /// The ids of the skills of a phase and the phases in it (bounded walk).
    fn phase_skill_ids(&self, phase: usize) -> Vec<SmallString> {
        let mut out = Vec::new();
        let mut stack = vec![phase];
        while let Some(p) = stack.pop() {
            for id in &self.phases[p].phase.skills {
                if !out.contains(id) && out.len() < 10_000 {
                    out.push(id.clone());
                }
            }
            stack.extend(self.phases[p].children.iter().copied());
        }
        out
    }

    /// Resolves the stated prerequisites by name: exact, then a known name
    /// the text starts with or that starts with the text; "X or Y" is an
    /// `any_of` group. Unresolved names are reported with their line (and
    /// kept in the skill's note when the statement is about one skill).
    pub fn resolve_prerequisites(&mut self) {
        let mut names: Vec<(String, usize)> =
            self.skills.iter().enumerate().map(|(i, s)| (normalize(&s.name), i)).collect();
        names.sort();
        let index: HashMap<SmallString, usize> =
            self.skills.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let stated = std::mem::take(&mut self.stated);
        for Stated { dependent, text, line, element, quiet } in stated {
            let dependents: Vec<usize> = match dependent {
                Dependent::Skill(s) => vec![s],
                Dependent::Phase(p) => self.phase_skill_ids(p).iter().filter_map(|id| index.get(id).copied()).collect(),
                Dependent::NeededBy(s) => {
                    self.resolve_needed_by(s, &names, &text, line, element);
                    continue;
                }
            };
            for piece in text.split([',', ';']).flat_map(|p| p.split(" and ")) {
                let trimmed = crate::text::tidy(piece);
                if is_none(&trimmed) {
                    continue;
                }
                let alternatives: Vec<Option<usize>> =
                    trimmed.split(" or ").map(|alt| self.match_name(&names, alt.trim())).collect();
                let found: Vec<usize> = alternatives.iter().flatten().copied().collect();
                if found.len() != alternatives.len() || found.is_empty() {
                    if quiet {
                        continue;
                    }
                    if let Dependent::Skill(s) = dependent {
                        let note = self.skills[s].note.get_or_insert_with(String::new);
                        if !note.is_empty() {
                            note.push_str("; ");
                        }
                        note.push_str(&format!("prerequisite not found: {trimmed}"));
                    }
                    let reason = match dependent {
                        Dependent::Skill(_) => "prerequisite names no skill of this roadmap (kept in the skill's note)",
                        Dependent::Phase(_) | Dependent::NeededBy(_) => "prerequisite names no skill of this roadmap",
                    };
                    self.report.not_placed(line, element, &trimmed, reason);
                    continue;
                }
                // "Statistics or Statistics" is one alternative.
                let mut ids: Vec<SmallString> = Vec::with_capacity(found.len());
                for i in found {
                    if !ids.contains(&self.skills[i].id) {
                        ids.push(self.skills[i].id.clone());
                    }
                }
                for &s in &dependents {
                    let own = &self.skills[s].id;
                    // A skill is not its own prerequisite, nor one of its alternatives'.
                    if ids.contains(own) {
                        continue;
                    }
                    let prerequisite = if ids.len() == 1 {
                        Prerequisite::Skill(ids[0].clone())
                    } else {
                        Prerequisite::from(AnyOf::new(ids.iter().cloned()))
                    };
                    for id in &ids {
                        self.stated_lines.entry((s, id.clone())).or_insert(line);
                    }
                    let target = &mut self.skills[s];
                    if !target.prerequisites.contains(&prerequisite) {
                        target.prerequisites.push(prerequisite);
                    }
                }
            }
        }
    }

    /// "Docker (prerequisite for Airflow or Prefect)": each skill `text`
    /// names needs skill `s`. A name that resolves to none is reported.
    fn resolve_needed_by(&mut self, s: usize, sorted: &[(String, usize)], text: &str, line: usize, element: Element) {
        let pieces = text.split([',', ';']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" or "));
        for piece in pieces {
            let trimmed = crate::text::tidy(piece);
            if is_none(&trimmed) {
                continue;
            }
            let Some(dependent) = self.match_name(sorted, &trimmed) else {
                self.report.not_placed(line, element, &trimmed, "names no skill of this roadmap to need this one");
                continue;
            };
            if dependent == s {
                continue;
            }
            let id = self.skills[s].id.clone();
            self.stated_lines.entry((dependent, id.clone())).or_insert(line);
            let prerequisite = Prerequisite::Skill(id);
            let target = &mut self.skills[dependent];
            if !target.prerequisites.contains(&prerequisite) {
                target.prerequisites.push(prerequisite);
            }
        }
    }

    fn match_name(&self, sorted: &[(String, usize)], text: &str) -> Option<usize> {
        let key = normalize(text);
        if key.is_empty() {
            return None;
        }
        if let Some(i) = self.find_skill(text) {
            return Some(i);
        }
        // A known name that starts with the text's words ("Python" →
        // "Python for Everybody", never "Skill 1" → "Skill 10").
        let at = sorted.partition_point(|(n, _)| n.as_str() < key.as_str());
        for (n, i) in sorted[at..].iter().take_while(|(n, _)| n.starts_with(&key)) {
            if n[key.len()..].starts_with(' ') {
                return Some(*i);
            }
        }
        // The text starts with a known name ("Calculus 1A: …" → "Calculus 1A").
        let mut cut = key.len();
        for _ in 0..12 {
            let Some(space) = key[..cut].rfind(' ') else { break };
            cut = space;
            let prefix = &key[..cut];
            let at = sorted.partition_point(|(n, _)| n.as_str() < prefix);
            if let Some((_, i)) = sorted.get(at).filter(|(n, _)| n == prefix) {
                return Some(*i);
            }
        }
        None
    }

    /// Removes one prerequisite per cycle until none is left; each removal is
    /// reported. Only the needed skill that closes the cycle goes: from an
    /// `any_of` group, that alternative alone (a group left with one member
    /// becomes a plain prerequisite), and an alternative is preferred to a
    /// plain prerequisite, since the skill stays learnable through the others.
    pub(crate) fn break_cycles(&mut self, roadmap: &mut Roadmap) {
        let mut drops = Drops::default();
        self.break_cycles_into(roadmap, &mut drops);
        drops.report(&mut self.report);
    }

    /// [`Builder::break_cycles`], the drops kept in `drops` to be reported
    /// at once.
    fn break_cycles_into(&mut self, roadmap: &mut Roadmap, drops: &mut Drops) {
        let index: HashMap<SmallString, usize> =
            roadmap.skills.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        // Each round removes one edge of each cycle: the best choice, but a
        // round costs the whole graph, so dense cycles (a hostile source)
        // are finished by one depth-first pass instead.
        for _ in 0..CYCLE_ROUNDS {
            let cycles = SkillGraph::new(roadmap).cycles();
            if cycles.is_empty() {
                return;
            }
            for cycle in cycles {
                // The edges of the cycle, in "needs" order, closing back to the first skill.
                let edges = cycle.skills.iter().zip(cycle.skills.iter().cycle().skip(1)).take(cycle.skills.len());
                let in_group = |from: &String, to: &String| {
                    index.get(from.as_str()).is_some_and(|&i| {
                        roadmap.skills[i].prerequisites.iter().any(|p| match p {
                            Prerequisite::AnyOf(g) => g.any_of.len() > 1 && g.any_of.iter().any(|id| id == to),
                            Prerequisite::Skill(_) => false,
                        })
                    })
                };
                let chosen = edges.clone().find(|(from, to)| in_group(from, to)).or_else(|| edges.clone().next());
                let Some((from, to)) = chosen else { continue };
                let Some(&i) = index.get(from.as_str()) else { continue };
                self.drop_prerequisite(roadmap, i, to, drops);
            }
        }
        self.drop_back_edges(roadmap, drops);
    }

    /// Drops every edge that closes a cycle in one depth-first walk over
    /// the skills in order (an edge to a skill still on the walk's path):
    /// what is left has no cycle. Linear in skills and prerequisites.
    fn drop_back_edges(&mut self, roadmap: &mut Roadmap, drops: &mut Drops) {
        let index: HashMap<SmallString, usize> =
            roadmap.skills.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let needs: Vec<Vec<usize>> = roadmap
            .skills
            .iter()
            .map(|s| {
                s.prerequisites.iter().flat_map(|p| p.skill_ids()).filter_map(|id| index.get(id).copied()).collect()
            })
            .collect();
        // 0: not seen, 1: on the path, 2: done.
        let mut state = vec![0u8; needs.len()];
        let mut back: Vec<(usize, usize)> = Vec::new();
        for root in 0..needs.len() {
            if state[root] != 0 {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            state[root] = 1;
            while let Some((u, next)) = stack.last_mut() {
                let u = *u;
                if let Some(&v) = needs[u].get(*next) {
                    *next += 1;
                    match state[v] {
                        0 => {
                            state[v] = 1;
                            stack.push((v, 0));
                        }
                        1 => back.push((u, v)),
                        _ => {}
                    }
                } else {
                    state[u] = 2;
                    stack.pop();
                }
            }
        }
        back.sort_unstable();
        back.dedup();
        for (u, v) in back {
            let to = roadmap.skills[v].id.to_string();
            while self.drop_prerequisite(roadmap, u, &to, drops) {}
        }
    }

    /// Drops `to` from the prerequisites of skill `i`, and keeps in `drops`
    /// what to say of it.
    fn drop_prerequisite(&mut self, roadmap: &mut Roadmap, i: usize, to: &str, drops: &mut Drops) -> bool {
        // Where the source stated it (0 when it has no lines, as in graphs).
        let line = self.stated_lines.get(&(i, SmallString::from(to))).copied().unwrap_or(0);
        let skill = &mut roadmap.skills[i];
        let from = skill.id.to_string();
        let Some(j) = skill.prerequisites.iter().position(|p| p.skill_ids().any(|id| id == to)) else { return false };
        let what = match &mut skill.prerequisites[j] {
            Prerequisite::AnyOf(group) if group.any_of.iter().any(|id| id != to) => {
                let all = group.any_of.join(", ");
                group.any_of.retain(|id| id != to);
                let kept = group.any_of.join(", ");
                if group.any_of.len() == 1 {
                    let only = group.any_of[0].clone();
                    skill.prerequisites[j] = Prerequisite::Skill(only);
                }
                format!("{from} needs {to} (the alternative {to} of any of [{all}]; kept {kept})")
            }
            _ => {
                skill.prerequisites.remove(j);
                drops.entry(i, j, line, format!("{from} needs {to}"));
                return true;
            }
        };
        drops.said.push(Dropped { line, text: what, removed: None });
        true
    }

    /// Adds the prerequisites the heuristics above infer (see the module
    /// documentation), never closing a cycle.
    pub(crate) fn infer_prerequisites(&mut self, roadmap: &mut Roadmap) {
        let index: HashMap<SmallString, usize> =
            roadmap.skills.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let mut candidates: Vec<(usize, Prerequisite, String)> = Vec::new();
        if let Some(vocabulary) = self.vocabulary {
            for (i, skill) in roadmap.skills.iter().enumerate() {
                for (prerequisite, source) in vocabulary.requires(&skill.id) {
                    let present: Vec<SmallString> =
                        prerequisite.skill_ids().filter(|id| index.contains_key(*id)).map(SmallString::from).collect();
                    let inferred = match (prerequisite, present.len()) {
                        (_, 0) => continue,
                        (_, 1) => Prerequisite::Skill(present[0].clone()),
                        _ => Prerequisite::from(AnyOf::new(present)),
                    };
                    candidates.push((i, inferred, format!("stated in roadmap {source}")));
                }
            }
        }
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (i, skill) in roadmap.skills.iter().enumerate() {
            by_name.entry(normalize(&skill.name)).or_insert(i);
        }
        for (i, skill) in roadmap.skills.iter().enumerate() {
            if let Some(base) = refined_from(&skill.name) {
                let found = basic_names(&base).iter().find_map(|n| by_name.get(n).copied()).filter(|&b| b != i);
                if let Some(b) = found {
                    let id = roadmap.skills[b].id.clone();
                    candidates.push((
                        i,
                        Prerequisite::Skill(id),
                        format!("\"{}\" refines \"{}\"", skill.name, roadmap.skills[b].name),
                    ));
                }
            }
        }
        let mut budget = CYCLE_CHECK_BUDGET;
        for (i, prerequisite, why) in candidates {
            let skill = &roadmap.skills[i];
            let ids: Vec<String> = prerequisite.skill_ids().map(str::to_owned).collect();
            if ids.iter().any(|id| *id == skill.id)
                || skill.prerequisites.iter().any(|p| p.skill_ids().any(|id| ids.iter().any(|x| x == id)))
            {
                continue;
            }
            // Adding "i needs m" closes a cycle when m already (transitively) needs i.
            let closes = ids.iter().any(|id| reaches(roadmap, &index, id, i, &mut budget));
            if closes || budget == 0 {
                continue;
            }
            let skill = &mut roadmap.skills[i];
            skill.prerequisites.push(prerequisite.clone());
            let at = Pointer::item("skills", i).with("prerequisites").with(skill.prerequisites.len() - 1).into_string();
            let marked: Vec<serde_json::Value> = ids.iter().map(|id| serde_json::json!(id)).collect();
            let mut list = skill.extensions.get("x-inferred-prerequisites").cloned().unwrap_or(serde_json::json!([]));
            if let Some(values) = list.as_array_mut() {
                values.extend(marked);
            }
            skill.extensions.insert("x-inferred-prerequisites", list);
            let names: Vec<&str> = ids.iter().map(String::as_str).collect();
            let text = format!("{} needs {} ({why})", skill.id, names.join(" or "));
            self.report.push(0, Element::Inferred, &text, Outcome::Placed { at: vec![at] });
        }
    }
}

/// Whether skill `from` (an id) needs skill `target` (an index), directly or
/// not; spends the budget, and answers "yes" when it runs out.
fn reaches(
    roadmap: &Roadmap,
    index: &HashMap<SmallString, usize>,
    from: &str,
    target: usize,
    budget: &mut usize,
) -> bool {
    let Some(&start) = index.get(from) else { return false };
    let mut seen = vec![false; roadmap.skills.len()];
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if s == target {
            return true;
        }
        if std::mem::replace(&mut seen[s], true) {
            continue;
        }
        if *budget == 0 {
            return true;
        }
        *budget -= 1;
        for prerequisite in &roadmap.skills[s].prerequisites {
            stack.extend(prerequisite.skill_ids().filter_map(|id| index.get(id).copied()));
        }
    }
    false
}

/// "Advanced Python", "Python (Advanced)", "Python Part 2": the name it refines.
fn refined_from(name: &str) -> Option<String> {
    let key = normalize(name);
    for prefix in ["advanced ", "intermediate ", "deeper ", "more "] {
        if let Some(base) = key.strip_prefix(prefix) {
            return Some(base.to_owned());
        }
    }
    for suffix in [" advanced", " intermediate", " part 2", " part ii", " ii", " 2"] {
        if let Some(base) = key.strip_suffix(suffix) {
            return Some(base.to_owned());
        }
    }
    None
}

/// The names the basics of `base` go by.
fn basic_names(base: &str) -> Vec<String> {
    let base = base.trim();
    if base.is_empty() {
        return Vec::new();
    }
    vec![
        base.to_owned(),
        format!("{base} basics"),
        format!("{base} fundamentals"),
        format!("basic {base}"),
        format!("intro to {base}"),
        format!("introduction to {base}"),
        format!("{base} part 1"),
        format!("{base} part i"),
        format!("{base} 1"),
        format!("{base} i"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinements_name_their_basics() {
        assert_eq!(refined_from("Advanced Python").as_deref(), Some("python"));
        assert_eq!(refined_from("CNN (Advanced)").as_deref(), Some("cnn"));
        assert_eq!(refined_from("Classification Part 2").as_deref(), Some("classification"));
        assert_eq!(refined_from("Python"), None);
        assert!(basic_names("python").contains(&"python basics".to_owned()));
    }

    #[test]
    fn a_name_matches_a_longer_one_only_at_a_word_boundary() {
        let source = "# T\n\n## Phase\n\n- Skill 10\n- Python for Everybody\n- Skill 2 (requires Skill 1)\n- Pandas (requires Python)\n";
        let imported = crate::markdown::import(source, &crate::Options::default()).unwrap();
        let skill = |name: &str| imported.roadmap.skills.iter().find(|s| s.name == name).unwrap();
        assert!(skill("Skill 2").prerequisites.is_empty(), "{:?}", skill("Skill 2").prerequisites);
        assert_eq!(skill("Pandas").prerequisites, [trailmap::Prerequisite::Skill("python-for-everybody".into())]);
        assert_eq!(imported.report.counts().not_placed, 1);
    }
}

/// What breaking cycles dropped, reported once it is done: the report's
/// pointers into the lists are mended in one pass (a pass for each drop
/// took minutes on a source of a hundred thousand two-skill cycles).
#[derive(Default)]
struct Drops {
    /// In the order dropped.
    said: Vec<Dropped>,
    /// The indices, as the source gave them, of each skill's prerequisites
    /// dropped, ascending.
    removed: HashMap<usize, Vec<usize>>,
}

/// One drop: a whole prerequisite (`removed`: its skill and its index as
/// the source gave it) or one alternative of a group.
struct Dropped {
    line: usize,
    text: String,
    removed: Option<(usize, usize)>,
}

impl Drops {
    /// Prerequisite `now` (its index in the list as it is now) of skill
    /// `skill` was removed.
    fn entry(&mut self, skill: usize, now: usize, line: usize, text: String) {
        let removed = self.removed.entry(skill).or_default();
        // Its index in the source's list: past every earlier removal at or
        // before it.
        let mut original = now;
        for &r in removed.iter() {
            if r <= original {
                original += 1;
            } else {
                break;
            }
        }
        let at = removed.partition_point(|&r| r < original);
        removed.insert(at, original);
        self.said.push(Dropped { line, text, removed: Some((skill, original)) });
    }

    /// Says what was dropped: an entry of the report that placed a dropped
    /// prerequisite loses that pointer (and is not placed when it was its
    /// only one), later pointers into the list move down; a drop no entry
    /// placed, or an alternative, is an entry of its own.
    fn report(self, report: &mut crate::report::Report) {
        if self.said.is_empty() {
            return;
        }
        let said: HashMap<(usize, usize), &str> =
            self.said.iter().filter_map(|d| Some((d.removed?, d.text.as_str()))).collect();
        let reason = |skill, n| {
            let text = said.get(&(skill, n)).copied().unwrap_or_default();
            format!("prerequisite dropped: {text} closed a cycle")
        };
        let placed = report.prerequisites_removed(&self.removed, reason);
        drop(said);
        for dropped in self.said {
            match dropped.removed {
                Some(key) if placed.contains(&key) => {}
                Some(_) => report.not_placed(
                    dropped.line,
                    Element::Dependency,
                    &dropped.text,
                    "prerequisite dropped: it closed a cycle",
                ),
                None => report.not_placed(
                    dropped.line,
                    Element::Dependency,
                    &dropped.text,
                    "alternative dropped: it closed a cycle",
                ),
            }
        }
    }
}

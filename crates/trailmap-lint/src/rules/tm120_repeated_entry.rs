//! ## What it does
//!
//! Finds an entry listed again in the same list: a prerequisite, a member
//! of an `any_of` group or a whole group, a skill of a phase, task,
//! project, practice, area or milestone criterion, a former id.
//!
//! ## Why it matters
//!
//! A repeat adds nothing: the skill is needed, taught or used once either
//! way. It is usually a merge or copy-paste slip, and it hides the list's
//! real length from whoever reads it. Groups are compared as sets:
//! `{"any_of": ["a", "b"]}` repeats `{"any_of": ["b", "a"]}`.
//!
//! A skill whose prerequisites repeat several ids gets one finding, at
//! the first repeat, naming them (the first ten in its message) and
//! removing every repeat in its fix, as TM107 reports a skill's redundant
//! prerequisites. Repeats in other lists, and repeated `any_of` groups,
//! are a finding each.
//!
//! ## Example
//!
//! ```json
//! { "id": "pandas", "name": "Pandas", "prerequisites": ["numpy", "python", "numpy"] }
//! ```
//!
//! ## Fix
//!
//! Remove the repeat; the first entry stays. `lint --fix` does it when the
//! repeat carries nothing the first entry lacks (a note, an `x-` key).

use trailmap::diagnostic::{preview, preview_str};
use trailmap::pointer::Pointer;
use trailmap::{Diagnostic, Fix, Prerequisite, SkillMention, SmallString};

use crate::context::Context;
use crate::findings::{Findings, Group, InSkill, NO_TEXT, Quoting, SkillFindings, Texts, distinct_firsts, push_counted, LISTED};
use crate::registry::Rule;

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let r = ctx.roadmap;
    // Repeated skill ids among a skill's prerequisites are kept compact,
    // each quoting the repeated skill (by index), and a skill's are one
    // diagnostic: a file repeating one four times on each of 100k skills
    // made 400,000 diagnostics at once (16 times the file), then 400,000
    // written.
    let repeated_ids =
        SkillFindings::new(ctx, rule, InSkill::Entries("prerequisites"), Texts::SkillIds, repeated_prerequisite)
            .grouped(repeated_prerequisites);
    let mut lists = Lists { ctx, rule, out, keys: Vec::new(), indices: Vec::new(), repeated_ids };
    // Each list's pointer and description are made only for a list with a
    // repeat: a roadmap has one or two lists per skill.
    for (i, skill) in r.skills.iter().enumerate() {
        let of = |key: &str, what: &str| (Pointer::item("skills", i).with(key), format!("the {what} of `{}`", skill.id));
        lists.skill_prerequisites(i, &skill.prerequisites, &|| of("prerequisites", "prerequisites"));
        lists.ids(&skill.former_ids, &|| of("former_ids", "former ids"));
    }
    for node in &ctx.phases {
        let (phase, at) = (node.phase, || Pointer::parse(&node.pointer).unwrap_or_else(Pointer::root));
        lists.ids(&phase.skills, &|| (at().with("skills"), format!("the skills of phase `{}`", phase.id)));
        for (t, task) in phase.tasks.iter().enumerate() {
            let of = || (at().with("tasks").with(t).with("skills"), format!("the skills of task {} of phase `{}`", t + 1, phase.id));
            lists.prerequisites(&task.skills, None, &of);
        }
    }
    for (j, project) in r.projects.iter().enumerate() {
        let of = || (Pointer::item("projects", j).with("skills"), format!("the skills of project `{}`", project.id));
        lists.prerequisites(&project.skills, None, &of);
    }
    for (j, milestone) in r.milestones.iter().enumerate() {
        for (c, criterion) in milestone.criteria.iter().enumerate() {
            let of = || {
                let at = Pointer::item("milestones", j).with("criteria").with(c).with("skills");
                (at, format!("the skills of criterion {} of milestone `{}`", c + 1, milestone.id))
            };
            lists.prerequisites(&criterion.skills, None, &of);
        }
    }
    for (j, practice) in r.practices.iter().enumerate() {
        let of = || (Pointer::item("practices", j).with("skills"), format!("the skills of practice `{}`", practice.id));
        lists.ids(&practice.skills, &of);
    }
    for (j, area) in r.areas.iter().enumerate() {
        let of = || (Pointer::item("areas", j).with("skills"), format!("the skills of area `{}`", area.id));
        lists.mentions(&area.skills, &of);
    }
    let Lists { out, repeated_ids, .. } = lists;
    out.push_compact(repeated_ids);
}

/// The diagnostic of a repeated skill id among a skill's prerequisites
/// (a compact finding quoting the repeated skill).
fn repeated_prerequisite(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let Quoting { skill, texts: [repeated, _], .. } = quoting;
    let what = format!("`{}`", preview_str(repeated));
    repeat(rule, &what, &format!("the prerequisites of `{skill}`"), true)
}

/// The diagnostic of two or more repeats among the prerequisites of the
/// skill whose id is `skill` (`each`, each quoting the repeated skill by
/// index): "`numpy` (2 repeats) and `python` appear again in the
/// prerequisites of `pandas`", or "`numpy` appears 2 more times in …".
fn repeated_prerequisites(rule: &Rule, skill: &str, group: &Group<'_, '_>) -> Diagnostic {
    let each = group.each;
    let distinct = distinct_firsts(each);
    // Borrowed, and the single message joined at its size: one of these a
    // skill where each lists the one before it five times (100k skills).
    let named = |first: usize| preview(group.quoted(each[first].texts[0]).text);
    if let [(first, times)] = distinct[..] {
        let (what, mut count) = (named(first), itoa::Buffer::new());
        let message =
            ["`", &what, "` appears ", count.format(times), " more times in the prerequisites of `", skill, "`"].concat();
        return repeats_removed(rule, message, each.len());
    }
    let listed = &distinct[..distinct.len().min(LISTED)];
    let mut message = String::new();
    push_counted(&mut message, listed.iter().map(|&(first, times)| (named(first), times)), distinct.len(), "repeats");
    message.push_str(" appear again in the prerequisites of `");
    message.push_str(skill);
    message.push('`');
    repeats_removed(rule, message, each.len())
}

/// A grouped finding saying `message`, whose fix removes its `count`
/// repeats.
fn repeats_removed(rule: &Rule, message: String, count: usize) -> Diagnostic {
    let mut d = Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
        .with_help("remove these repeats: the earlier entries stay");
    // The edits come from the entries' locations (`fix::REMOVES_ELEMENT`).
    let message = ["remove the ", itoa::Buffer::new().format(count), " repeats"].concat();
    d.fix = Some(Fix { message, edits: Vec::new() });
    d
}

/// The diagnostic of `what` repeated in `list`, unlocated; with a fix
/// when the repeat can go as it is (`removable`).
fn repeat(rule: &Rule, what: &str, list: &str, removable: bool) -> Diagnostic {
    let d = Diagnostic::new(rule.code, rule.name, rule.default_severity, format!("{what} appears again in {list}"));
    if !removable {
        return d.with_help("merge what this entry adds into the first one, then remove it");
    }
    let mut d = d.with_help("remove this repeat: the earlier entry stays");
    // The edits come from the entry's location, as TM107's do
    // (`fix::REMOVES_ELEMENT`).
    d.fix = Some(Fix { message: format!("remove the repeat of {what}"), edits: Vec::new() });
    d
}

/// Where a list is and how a message names it, made on demand.
type Place<'p> = &'p dyn Fn() -> (Pointer, String);

/// A prerequisite as a message names it, and whether it can go as it is (a
/// group with `x-` keys of its own cannot).
fn describe(entry: &Prerequisite) -> (String, bool) {
    match entry {
        Prerequisite::Skill(id) => (format!("`{}`", preview_str(id)), true),
        Prerequisite::AnyOf(group) => {
            // A few members name the group: a message stays a line however
            // large the group.
            let shown: Vec<String> = group.any_of.iter().take(SHOWN_MEMBERS).map(|id| preview_str(id)).collect();
            let more = group.any_of.len().saturating_sub(SHOWN_MEMBERS);
            let rest = if more > 0 { format!(", … and {more} more") } else { String::new() };
            (format!("the group `any_of: [{}{rest}]`", shown.join(", ")), group.extensions.is_empty())
        }
    }
}

/// Members of a group a message names.
const SHOWN_MEMBERS: usize = 4;

/// What makes two entries of a list the same.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Id(&'a str),
    /// A skill's index in the graph.
    Index(u32),
    /// A group's members, sorted, each once.
    Group(Vec<&'a str>),
}

/// Each kind of list, and where their findings go.
struct Lists<'c, 'r> {
    ctx: &'c Context<'r>,
    rule: &'c Rule,
    out: &'c mut Findings<'r>,
    /// The keys of a long list with their positions: one buffer for every
    /// list.
    keys: Vec<(Key<'r>, usize)>,
    /// A skill's plain prerequisites as graph indices, kept from skill to
    /// skill.
    indices: Vec<u32>,
    /// The repeats found among those indices, kept compact.
    repeated_ids: SkillFindings<'r>,
}

impl<'c, 'r> Lists<'c, 'r> {
    fn ids<S: AsRef<str>>(&mut self, ids: &'r [S], place: Place<'_>) {
        let found =
            self.repeats(ids.len(), PAIRWISE_MAX, |a, b| ids[a].as_ref() == ids[b].as_ref(), |k| Key::Id(ids[k].as_ref()));
        self.report(&found, place, |k, _| (format!("`{}`", preview_str(ids[k].as_ref())), true));
    }

    /// A skill's prerequisites compare as the graph's skill indices when
    /// every entry is a plain id of a skill: a dense roadmap has twenty a
    /// skill, and their ids compared pair by pair cost as much as TM107.
    fn skill_prerequisites(&mut self, skill: usize, entries: &'r [Prerequisite], place: Place<'_>) {
        self.indices.clear();
        for (k, r) in self.ctx.graph.requirements_at(skill).enumerate() {
            if r.any_of || r.entry as usize != k || r.members.len() != 1 {
                break;
            }
            self.indices.push(r.members[0]);
        }
        if self.indices.len() != entries.len() {
            return self.prerequisites(entries, Some(skill), place);
        }
        let indices = std::mem::take(&mut self.indices);
        let found =
            self.repeats(indices.len(), PAIRWISE_INDICES_MAX, |a, b| indices[a] == indices[b], |k| Key::Index(indices[k]));
        for &(k, _) in &found {
            self.out.extend(self.repeated_ids.push(skill, k, [indices[k] as usize, NO_TEXT]));
        }
        self.indices = indices;
    }

    /// A list of prerequisites; a skill's own (`skill`, its index) has
    /// the repeats of a skill id kept compact, as its plain lists do.
    fn prerequisites(&mut self, entries: &'r [Prerequisite], skill: Option<usize>, place: Place<'_>) {
        let same = |a: usize, b: usize| match (&entries[a], &entries[b]) {
            (Prerequisite::Skill(x), Prerequisite::Skill(y)) => x == y,
            (Prerequisite::AnyOf(g), Prerequisite::AnyOf(h)) => same_members(&g.any_of, &h.any_of),
            _ => false,
        };
        let key = |k: usize| match &entries[k] {
            Prerequisite::Skill(id) => Key::Id(id.as_str()),
            Prerequisite::AnyOf(group) => Key::Group(members(&group.any_of)),
        };
        // Large groups are sorted once each, not once per pair.
        let small = entries.iter().all(|e| e.skill_ids().len() <= PAIRWISE_MAX);
        let mut found = self.repeats(entries.len(), if small { PAIRWISE_MAX } else { 0 }, same, key);
        if let Some(skill) = skill {
            // A repeated id of a skill joins the skill's grouped finding;
            // one naming no skill (an error of its own) is reported alone.
            let graph = &self.ctx.graph;
            found.retain(|&(k, _)| match &entries[k] {
                Prerequisite::Skill(id) => match graph.skill_index(id) {
                    Some(repeated) => {
                        self.out.extend(self.repeated_ids.push(skill, k, [repeated, NO_TEXT]));
                        false
                    }
                    None => true,
                },
                Prerequisite::AnyOf(_) => true,
            });
        }
        self.report(&found, place, |k, _| describe(&entries[k]));
        for (k, entry) in entries.iter().enumerate() {
            if let Prerequisite::AnyOf(group) = entry {
                let in_group = || {
                    let (at, list) = place();
                    (at.with(k).with("any_of"), format!("an `any_of` group of {list}"))
                };
                self.ids(&group.any_of, &in_group);
            }
        }
    }

    /// A mention with a note repeats the skill's first mention too, but
    /// only a bare one, or one the same as the first, can go as it is.
    fn mentions(&mut self, mentions: &'r [SkillMention], place: Place<'_>) {
        let same = |a: usize, b: usize| mentions[a].skill_id() == mentions[b].skill_id();
        let found = self.repeats(mentions.len(), PAIRWISE_MAX, same, |k| Key::Id(mentions[k].skill_id()));
        self.report(&found, place, |k, first| {
            let bare = matches!(mentions[k], SkillMention::Id(_)) || mentions[k] == mentions[first];
            (format!("`{}`", preview_str(mentions[k].skill_id())), bare)
        });
    }

    /// One finding per repeat; `entry(k, first)` names entry `k` (a repeat
    /// of entry `first`) and says whether it can go as it is.
    fn report(&mut self, repeats: &[(usize, usize)], place: Place<'_>, entry: impl Fn(usize, usize) -> (String, bool)) {
        if repeats.is_empty() {
            return;
        }
        let (at, list) = place();
        for &(k, first) in repeats {
            let (what, removable) = entry(k, first);
            let d = repeat(self.rule, &what, &list, removable).at(at.clone().with(k).into_string());
            self.out.push(self.ctx.in_file(d));
        }
    }

    /// The entries that repeat an earlier one, in list order, each with
    /// the position of the first: `same(a, b)` compares two entries,
    /// `key(k)` is what a sort of a long list orders them by. A list of at
    /// most `pairwise_max` entries is compared pair by pair (0 where two
    /// entries cost much to compare: groups of many members).
    fn repeats(
        &mut self,
        len: usize,
        pairwise_max: usize,
        same: impl Fn(usize, usize) -> bool,
        key: impl Fn(usize) -> Key<'r>,
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        if len <= pairwise_max {
            for k in 1..len {
                if let Some(first) = (0..k).find(|&j| same(j, k)) {
                    found.push((k, first));
                }
            }
            return found;
        }
        self.keys.clear();
        self.keys.extend((0..len).map(|k| (key(k), k)));
        // Equal keys side by side, the first entry first in each run.
        self.keys.sort_unstable();
        let mut first = 0;
        for k in 1..len {
            if self.keys[k].0 == self.keys[first].0 {
                found.push((self.keys[k].1, self.keys[first].1));
            } else {
                first = k;
            }
        }
        found.sort_unstable();
        found
    }
}

/// Lists of at most this many entries, nearly all, are compared pair by
/// pair, with no buffer; longer ones by a sort of their keys.
const PAIRWISE_MAX: usize = 16;

/// A skill's prerequisites as graph indices are compared pair by pair up
/// to this many: comparing two numbers costs less than making and sorting
/// their keys (the generator's `consecutive`, twenty a skill, spent a
/// third of TM120 in that sort).
const PAIRWISE_INDICES_MAX: usize = 64;

/// A group's members, sorted, each once.
fn members(group: &[SmallString]) -> Vec<&str> {
    let mut members: Vec<&str> = group.iter().map(SmallString::as_str).collect();
    members.sort_unstable();
    members.dedup();
    members
}

/// Whether two groups have the same members, in any order and number.
fn same_members(g: &[SmallString], h: &[SmallString]) -> bool {
    if g.len() <= PAIRWISE_MAX && h.len() <= PAIRWISE_MAX {
        g.iter().all(|m| h.contains(m)) && h.iter().all(|m| g.contains(m))
    } else {
        members(g) == members(h)
    }
}

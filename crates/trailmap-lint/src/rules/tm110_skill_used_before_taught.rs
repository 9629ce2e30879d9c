//! ## What it does
//!
//! Checks that the skills a project, practice or milestone uses are taught
//! in its phase or before it.
//!
//! A project or practice using several skills taught later gets one
//! finding, at the first of them, naming them (the first ten in its
//! message) with the phases that teach them: the fix is usually to move
//! the project. A milestone's criteria, and `any_of` entries, are a
//! finding each.
//!
//! ## Why it matters
//!
//! "Project #7: Docker + API" in week 9 cannot be built by a learner who
//! only meets Docker in week 11. Either the project sits in the wrong phase
//! or it lists a skill it does not need.
//!
//! ## Example
//!
//! ```json
//! "projects": [{ "id": "api", "title": "Docker + API", "phase": "week-9", "skills": ["docker"] }],
//! "phases": [{ "id": "week-9", "title": "Week 9" }, { "id": "week-11", "title": "Week 11", "skills": ["docker"] }]
//! ```
//!
//! ## Fix
//!
//! Move the project (or practice, or milestone) to a later phase, teach the
//! skill earlier, or remove it from the list. For "X or Y", list an
//! `{"any_of": [...]}` group: one member taught in time is enough.

use trailmap::{Diagnostic, Prerequisite};

use crate::context::Context;
use crate::findings::{Findings, Group, InSkill, ItemList, Quoting, SkillFindings, Texts, list_by_second_text};
use crate::registry::Rule;

/// Projects and practices that run ahead of their skills have this
/// finding on most of their skills: kept compact until written (an
/// `any_of` entry, which quotes the member taught first, and milestones'
/// criteria are reported as they are found).
pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let r = ctx.roadmap;
    // The texts are the phases' titles, by the phase indices of the graph.
    let titles = || Texts::Listed((0..ctx.phases.len()).map(|p| ctx.phase_title(p)).collect());
    let compact = |list: ItemList, render, group| {
        SkillFindings::new(ctx, rule, InSkill::Entries("skills"), titles(), render)
            .in_list(list)
            .quoting_entries()
            .grouped(group)
    };
    let phase_of = |phase: Option<&str>| phase.and_then(|p| ctx.phase_index.get(p)).copied();
    let mut projects = compact(ItemList::Projects, used_diagnostic::<true>, used_group::<true>);
    for (i, p) in r.projects.iter().enumerate() {
        let Some(at) = phase_of(p.phase.as_deref()) else { continue };
        for (k, entry) in p.skills.iter().enumerate() {
            let Some((id, t)) = taught_later(ctx, entry.skill_ids(), at) else { continue };
            match entry {
                Prerequisite::Skill(_) => out.extend(projects.push(i, k, [at, t])),
                Prerequisite::AnyOf(_) => out.push(plain(ctx, rule, format_args!("project `{}`", p.id), at, id, t, || {
                    format!("/projects/{i}/skills/{k}")
                })),
            }
        }
    }
    out.push_compact(projects);
    for (i, m) in r.milestones.iter().enumerate() {
        let Some(at) = phase_of(m.phase.as_deref()) else { continue };
        for (c, criterion) in m.criteria.iter().enumerate() {
            for (k, entry) in criterion.skills.iter().enumerate() {
                let Some((id, t)) = taught_later(ctx, entry.skill_ids(), at) else { continue };
                out.push(plain(ctx, rule, format_args!("milestone `{}`", m.id), at, id, t, || {
                    format!("/milestones/{i}/criteria/{c}/skills/{k}")
                }));
            }
        }
    }
    let mut practices = compact(ItemList::Practices, used_diagnostic::<false>, used_group::<false>);
    for (i, p) in r.practices.iter().enumerate() {
        let Some(at) = phase_of(p.phase.as_deref()) else { continue };
        for (k, id) in p.skills.iter().enumerate() {
            if let Some((_, t)) = taught_later(ctx, std::iter::once(id.as_str()), at) {
                out.extend(practices.push(i, k, [at, t]));
            }
        }
    }
    out.push_compact(practices);
}

/// The skill of `ids` (an entry: one id, or an `any_of` group's) taught
/// first and its phase, when every one of them that is taught at all is
/// taught only after phase `at`.
fn taught_later<'s>(ctx: &Context<'_>, ids: impl Iterator<Item = &'s str>, at: usize) -> Option<(&'s str, usize)> {
    let mut first = None;
    for id in ids {
        let Some(t) = ctx.taught_at(id) else { continue };
        if !ctx.strictly_after(t, at) {
            return None;
        }
        first.get_or_insert((id, t));
    }
    first
}

/// The diagnostic, unlocated, of `what` (`project `x``) in the phase
/// titled `at` using skill `id`, taught in the later phase titled `later`.
fn used(rule: &Rule, what: std::fmt::Arguments<'_>, at: &str, id: &str, later: &str) -> Diagnostic {
    let text = format!("{what} in \"{at}\" uses `{id}`, which is only taught later, in \"{later}\"");
    Diagnostic::new(rule.code, rule.name, rule.default_severity, text)
        .with_help("move it to a later phase, or teach the skill earlier")
}

/// A finding made as it is found, at `pointer` (phases by their indices).
fn plain(
    ctx: &Context<'_>,
    rule: &Rule,
    what: std::fmt::Arguments<'_>,
    at: usize,
    id: &str,
    later: usize,
    pointer: impl FnOnce() -> String,
) -> Diagnostic {
    ctx.in_file(used(rule, what, ctx.phase_title(at), id, ctx.phase_title(later)).at(pointer()))
}

/// What a compact finding's item is: a project, else a practice.
fn kind<const PROJECT: bool>() -> &'static str {
    if PROJECT { "project" } else { "practice" }
}

/// The diagnostic of a compact finding at an entry of a project's skills
/// (a practice's if not `PROJECT`; `skill`: its id; `entry`: the skill's
/// id; the texts: the titles of its phase and of the later one).
fn used_diagnostic<const PROJECT: bool>(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let Quoting { skill: item, entry, texts: [at, later], .. } = quoting;
    used(rule, format_args!("{} `{item}`", kind::<PROJECT>()), at, entry.unwrap_or(""), later)
}

/// The diagnostic of two or more compact findings of one project (a
/// practice if not `PROJECT`) whose id is `item` (each finding's entry
/// the skill's id, its texts the titles of the item's phase and of the
/// later one): "project `eda` in "Week 1" uses 3 skills only taught
/// later: `numpy` and `pandas`, in "Week 2"; `polars`, in "Week 5"", the
/// first ten skills by the phase that teaches them.
fn used_group<const PROJECT: bool>(rule: &Rule, item: &str, group: &Group<'_, '_>) -> Diagnostic {
    let (kind, each) = (kind::<PROJECT>(), group.each);
    // Every finding of the item is in its own phase.
    let at = group.quoted(each[0].texts[0]).text;
    let mut message = format!("{kind} `{item}` in \"{at}\" uses {} skills only taught later: ", each.len());
    list_by_second_text(&mut message, group);
    Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
        .with_help("move it to a later phase, or teach these skills earlier")
}

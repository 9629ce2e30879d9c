//! The learner's answers (`next`, `plan`, `schedule`, `skills`) as
//! serializable reports and as text for a terminal.
//!
//! Each report is built once from the core's query results; its JSON is
//! its `serde` form and its text is [`Display`](std::fmt::Display)-free
//! `text()`, so the two never disagree. Text is styled with ANSI codes
//! (ids dimmed, estimates marked); the caller's terminal layer strips them
//! where colour is off. Every string from the roadmap goes through
//! [`trailmap::escape::terminal`].

use std::fmt::Write as _;

mod lists;

pub use lists::{ProgressItem, ProgressReport, SkillItem, SkillsReport};

use anstyle::{Effects, Style};
use serde::Serialize;
use trailmap::Date;
use trailmap::query::effort::{EffortSource, format_hours};
use trailmap::query::{Plan, Schedule, Suggestion};
use trailmap::{Progress, Roadmap, Skill, SkillGraph, Status};

const DIM: Style = Style::new().effects(Effects::DIMMED);
const BOLD: Style = Style::new().effects(Effects::BOLD);

/// Names are cut to this many characters when aligning columns.
const NAME_WIDTH: usize = 40;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `1 skill`, `2 skills`.
///
/// ```
/// assert_eq!(trailmap_render::learner::count(1, "skill"), "1 skill");
/// assert_eq!(trailmap_render::learner::count(0, "skill"), "0 skills");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// `≈ ` before a total that includes an estimate.
fn approx(estimated: bool) -> &'static str {
    if estimated { "≈ " } else { "" }
}

/// A skill's name and id, escaped, with the id dimmed; and its width
/// without styles, for alignment.
fn label(skill: &Skill) -> (String, usize) {
    let (name, name_width) = fit(&trailmap::escape::terminal(&skill.name), NAME_WIDTH);
    let id = trailmap::escape::terminal(&skill.id);
    let width = name_width + id.width() + 3;
    (format!("{name} {DIM}({id}){DIM:#}"), width)
}

/// `text` cut to at most `columns` of display width (a CJK character
/// takes two), a cut marked with `…`; and the width it takes.
fn fit(text: &str, columns: usize) -> (String, usize) {
    let width = text.width();
    if width <= columns {
        return (text.to_owned(), width);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        // Room for the ellipsis, one column.
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    (out, used + 1)
}

fn pad(out: &mut String, styled: &str, width: usize, column: usize) {
    out.push_str(styled);
    out.extend(std::iter::repeat_n(' ', column.saturating_sub(width)));
}

fn status_name(status: Option<Status>) -> Option<&'static str> {
    status.map(Status::as_str)
}

/// Why a skill is suggested, for JSON.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ReasonItem {
    /// A stable machine name (`goal`, `needed-for`, `unlocks`, …).
    pub kind: &'static str,
    /// The reason for people.
    pub text: String,
}

/// One suggestion of `next`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct NextItem<'r> {
    /// 1-based rank.
    pub rank: usize,
    /// The skill's id.
    pub id: &'r str,
    /// The skill's name.
    pub name: &'r str,
    /// Whether the roadmap marks it optional.
    pub optional: bool,
    /// Reasons, most important first.
    pub reasons: Vec<ReasonItem>,
}

/// The answer to `next`: what the learner can start now.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NextReport<'r> {
    title: &'r str,
    done: usize,
    total: usize,
    startable: usize,
    /// The suggestions shown, ranked.
    pub items: Vec<NextItem<'r>>,
}

impl<'r> NextReport<'r> {
    /// The report on `shown`, the first of `startable` suggestions.
    pub fn new(roadmap: &'r Roadmap, progress: &Progress, shown: &[Suggestion<'r>], startable: usize) -> Self {
        let items = shown
            .iter()
            .enumerate()
            .map(|(rank, s)| NextItem {
                rank: rank + 1,
                id: &s.skill.id,
                name: &s.skill.name,
                optional: s.skill.optional,
                reasons: s.reasons.iter().map(|r| ReasonItem { kind: r.kind(), text: r.to_string() }).collect(),
            })
            .collect();
        NextReport {
            title: &roadmap.title,
            done: roadmap.skills.iter().filter(|s| progress.is_satisfied(&s.id)).count(),
            total: roadmap.skills.len(),
            startable,
            items,
        }
    }

    /// The JSON form: an array of [`NextItem`] in ranked order.
    pub fn json(&self) -> String {
        to_json(&self.items)
    }

    /// The text form, styled.
    pub fn text(&self, shown: &[Suggestion<'_>]) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} of {} done; you can start {} now{}.\n",
            trailmap::escape::terminal(self.title),
            self.done,
            count(self.total, "skill"),
            self.startable,
            if self.items.len() < self.startable { format!(" (showing {})", self.items.len()) } else { String::new() }
        );
        let labels: Vec<(String, usize)> = shown.iter().map(|s| label(s.skill)).collect();
        let column = labels.iter().map(|l| l.1).max().unwrap_or(0);
        for (item, (styled, width)) in self.items.iter().zip(&labels) {
            let _ = write!(out, "{:>3}. ", item.rank);
            pad(&mut out, styled, *width, column);
            let reasons: Vec<&str> = item.reasons.iter().map(|r| r.text.as_str()).collect();
            let _ = writeln!(out, "  {}", trailmap::escape::terminal(&reasons.join(" · ")));
        }
        if self.startable == 0 {
            out.push_str("Nothing to start: every skill is done, or waits on one being learned.\n");
        }
        out
    }
}

/// A skill's effort in a plan or schedule, for JSON.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct EffortItem {
    /// Hours still to spend (the effort less the logged hours).
    pub hours: f64,
    /// The skill's whole effort.
    pub effort_hours: f64,
    /// Hours already logged (a skill being learned).
    pub logged_hours: f64,
    /// `true` unless the roadmap gives the figure.
    pub estimated: bool,
    /// Where the effort comes from.
    pub source: EffortSource,
    /// The same, for people: `given`, `from phase "Week 1" at 10 h a week`.
    pub source_text: String,
}

impl EffortItem {
    fn new(effort: &trailmap::query::effort::Effort, logged: f64, remaining: f64) -> Self {
        EffortItem {
            hours: round2(remaining),
            effort_hours: finite(effort.hours),
            logged_hours: finite(logged),
            estimated: effort.is_estimated(),
            source: effort.source.clone(),
            source_text: effort.source.to_string(),
        }
    }
}

/// `h` to two decimals, for JSON. JSON has no infinity (serde writes
/// `null`), so a sum past f64's range is the largest finite number; values
/// too large to have a fraction are as they are (`h * 100` would overflow).
fn round2(h: f64) -> f64 {
    if h.is_infinite() {
        return f64::MAX.copysign(h);
    }
    trailmap::query::effort::round_hours(h)
}

/// `h` for JSON without rounding: an infinite sum as the largest finite
/// number (see [`round2`]).
fn finite(h: f64) -> f64 {
    if h.is_infinite() { f64::MAX.copysign(h) } else { h }
}

/// The `any_of` choice behind a plan step, for JSON.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ChoiceItem<'p> {
    /// The skill whose prerequisite group it is.
    #[serde(rename = "for")]
    pub for_skill: &'p str,
    /// The members not chosen.
    pub over: &'p [String],
    /// Why this member.
    pub why: &'static str,
}

/// One step of `plan`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PlanItem<'p> {
    /// The skill's id.
    pub id: &'p str,
    /// The skill's name.
    pub name: &'p str,
    /// Its effort.
    #[serde(flatten)]
    pub effort: EffortItem,
    /// The learner's status on it, if any.
    pub status: Option<&'static str>,
    /// The `any_of` choice that put it in the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<ChoiceItem<'p>>,
}

/// The answer to `plan`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanReport<'p> {
    goal_names: Vec<String>,
    total_hours: f64,
    estimated: bool,
    /// The steps, in learning order.
    pub items: Vec<PlanItem<'p>>,
}

impl<'p> PlanReport<'p> {
    /// The report on `plan`.
    pub fn new(graph: &SkillGraph<'_>, plan: &'p Plan<'_>, progress: &Progress) -> Self {
        let items = plan
            .steps
            .iter()
            .map(|s| PlanItem {
                id: &s.skill.id,
                name: &s.skill.name,
                effort: EffortItem::new(&s.effort, s.logged_hours, s.remaining_hours),
                status: status_name(progress.status(&s.skill.id)),
                chosen: s.chosen.as_ref().map(|c| ChoiceItem { for_skill: &c.for_skill, over: &c.over, why: c.why }),
            })
            .collect();
        let goal_names = plan
            .goals
            .iter()
            .map(|g| graph.skill(g).map_or_else(|| g.clone(), |s| format!("{} ({})", s.name, s.id)))
            .collect();
        PlanReport { goal_names, total_hours: plan.total_hours, estimated: plan.estimated, items }
    }

    /// The JSON form: an array of [`PlanItem`] in learning order.
    pub fn json(&self) -> String {
        to_json(&self.items)
    }

    /// The text form, styled; `plan` gives the skills for labels.
    pub fn text(&self, plan: &Plan<'_>) -> String {
        let mut out = String::new();
        let goals = trailmap::escape::terminal(&self.goal_names.join(", "));
        if self.items.is_empty() {
            let _ = writeln!(out, "Nothing left to learn for {goals}: you are there.");
            return out;
        }
        let _ = writeln!(
            out,
            "To reach {goals}: {}, {BOLD}{}{}{BOLD:#} in all.\n",
            count(self.items.len(), "skill"),
            approx(self.estimated),
            format_hours(self.total_hours)
        );
        let labels: Vec<(String, usize)> = plan.steps.iter().map(|s| label(s.skill)).collect();
        let column = labels.iter().map(|l| l.1).max().unwrap_or(0);
        for (i, (item, (styled, width))) in self.items.iter().zip(&labels).enumerate() {
            let _ = write!(out, "{:>3}. ", i + 1);
            pad(&mut out, styled, *width, column);
            let _ = write!(out, "  {:>7}  ", format_hours(item.effort.hours));
            let mut notes = vec![trailmap::escape::terminal(&item.effort.source_text)];
            if item.effort.logged_hours > 0.0 {
                notes.push(format!(
                    "{} of {} logged",
                    format_hours(item.effort.logged_hours),
                    format_hours(item.effort.effort_hours)
                ));
            }
            if item.status == Some("learning") {
                notes.push("learning".into());
            }
            let _ = write!(out, "{DIM}{}{DIM:#}", notes.join("; "));
            if let Some(c) = &item.chosen {
                let over: Vec<String> = c.over.iter().map(|o| trailmap::escape::terminal(o)).collect();
                let _ = write!(
                    out,
                    "  chosen for {} over {} ({})",
                    trailmap::escape::terminal(c.for_skill),
                    over.join(", "),
                    c.why
                );
            }
            out.push('\n');
        }
        out
    }
}

/// One skill of `schedule`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ScheduleItem<'s> {
    /// The skill's id.
    pub id: &'s str,
    /// The skill's name.
    pub name: &'s str,
    /// Its effort.
    #[serde(flatten)]
    pub effort: EffortItem,
    /// First week (1-based).
    pub start_week: u32,
    /// Last week, inclusive.
    pub end_week: u32,
    /// Hours in each week from `start_week` on.
    pub hours_by_week: &'s [f64],
    /// First day of `start_week`, with `--start`.
    pub start_date: Option<String>,
}

/// The answer to `schedule`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ScheduleReport<'s> {
    /// The learner's pace.
    pub hours_per_week: f64,
    /// Weeks used.
    pub weeks: u32,
    /// Hours in all: the same at any pace.
    pub total_hours: f64,
    /// `true` when any effort is estimated.
    pub estimated: bool,
    /// The pace the roadmap's phase spans are read at.
    pub roadmap_hours_per_week: f64,
    /// Skills in the order they start.
    pub items: Vec<ScheduleItem<'s>>,
    #[serde(skip)]
    title: &'s str,
    #[serde(skip)]
    start: Option<Date>,
}

impl<'s> ScheduleReport<'s> {
    /// The report on `schedule`; `start` is the first day of week 1.
    pub fn new(graph: &SkillGraph<'s>, schedule: &'s Schedule<'_>, start: Option<Date>) -> Self {
        let items = schedule
            .items
            .iter()
            .map(|s| ScheduleItem {
                id: &s.skill.id,
                name: &s.skill.name,
                effort: EffortItem::new(&s.effort, s.logged_hours, s.remaining_hours),
                start_week: s.start_week,
                end_week: s.end_week,
                hours_by_week: &s.hours_by_week,
                start_date: start.map(|d| week_start(d, s.start_week).to_string()),
            })
            .collect();
        ScheduleReport {
            hours_per_week: finite(schedule.hours_per_week),
            weeks: schedule.weeks,
            total_hours: round2(schedule.total_hours),
            estimated: schedule.estimated,
            roadmap_hours_per_week: finite(graph.roadmap_pace().0),
            items,
            title: &graph.roadmap().title,
            start,
        }
    }

    /// The JSON form.
    pub fn json(&self) -> String {
        to_json(self)
    }

    /// The text form, styled: week by week, then a footnote on estimates.
    pub fn text(&self, schedule: &Schedule<'_>) -> String {
        let mut out = String::new();
        if self.items.is_empty() {
            out.push_str("Nothing left to schedule.\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{} at {} a week: {}, {BOLD}{}{}{BOLD:#} in all.",
            trailmap::escape::terminal(self.title),
            format_hours(self.hours_per_week),
            count(self.weeks as usize, "week"),
            approx(self.estimated),
            format_hours(self.total_hours)
        );
        let mut phase_marked = false;
        let mut default_marked = false;
        // A schedule of 0 hours (every hour logged) takes no week; its
        // skills are listed under no week heading.
        for week in 1..=self.weeks.max(1) {
            if self.weeks == 0 {
                out.push('\n');
            } else {
                let date = self.start.map(|d| format!(" (from {})", week_start(d, week))).unwrap_or_default();
                let _ = writeln!(out, "\n{BOLD}Week {week}{BOLD:#}{date}");
            }
            for (item, s) in self.items.iter().zip(&schedule.items) {
                if week < item.start_week || week > item.end_week {
                    continue;
                }
                let h = item.hours_by_week[(week - item.start_week) as usize];
                let note = if item.start_week == item.end_week {
                    ""
                } else if week == item.start_week {
                    " (continues)"
                } else if week == item.end_week {
                    " (finishes)"
                } else {
                    " (continued)"
                };
                let mark = match item.effort.source {
                    EffortSource::Phase { .. } => {
                        phase_marked = true;
                        "*"
                    }
                    EffortSource::Default => {
                        default_marked = true;
                        "~"
                    }
                    _ => "",
                };
                let (styled, _) = label(s.skill);
                let _ = writeln!(out, "  {:>6}{mark:1}  {styled}{note}", format_hours(h));
            }
        }
        if phase_marked || default_marked {
            out.push('\n');
        }
        if phase_marked {
            let _ = writeln!(
                out,
                "* estimated from the span of the phase that teaches it, at {} a week{}",
                format_hours(self.roadmap_hours_per_week),
                if self.roadmap_pace_is_default(schedule) {
                    " (trailmap's default: the roadmap states no hours_per_week)"
                } else {
                    " (the roadmap's pace)"
                }
            );
        }
        if default_marked {
            let _ = writeln!(
                out,
                "~ the default of {} a skill: the roadmap gives no effort and no phase span for it",
                format_hours(trailmap::query::effort::DEFAULT_SKILL_HOURS)
            );
        }
        out
    }

    fn roadmap_pace_is_default(&self, schedule: &Schedule<'_>) -> bool {
        schedule.items.iter().any(|s| matches!(s.effort.source, EffortSource::Phase { default_pace: true, .. }))
    }
}

/// The first day of week `week` (1-based) of a schedule starting on `start`.
pub fn week_start(start: Date, week: u32) -> Date {
    start.add_days(7 * (i64::from(week) - 1))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing these types cannot fail: no maps with non-string keys.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_and_padded_by_display_width() {
        assert_eq!(fit("short", 40), ("short".to_owned(), 5));
        let (cut, width) = fit(&"a".repeat(45), 40);
        assert_eq!((cut.chars().count(), width), (40, 40));
        assert!(cut.ends_with("a…"));
        let (cut, width) = fit(&"漢".repeat(30), 40);
        assert_eq!((cut, width), (format!("{}…", "漢".repeat(19)), 39));
        assert_eq!(fit(&"漢".repeat(20), 40), ("漢".repeat(20), 40), "exactly full: no cut");
    }

    #[test]
    fn json_hours_are_finite_for_any_finite_effort_and_overflowing_sums() {
        assert_eq!(round2(2.857), 2.86);
        assert_eq!(round2(1e300), 1e300);
        assert_eq!(round2(f64::MAX), f64::MAX, "h * 100 would overflow");
        assert_eq!(round2(f64::INFINITY), f64::MAX);
        assert_eq!(finite(f64::NEG_INFINITY), -f64::MAX);
        assert_eq!(finite(3.0), 3.0);
    }
}

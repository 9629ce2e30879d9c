//! Listings for the learner: a progress file (`trailmap progress show`)
//! and a roadmap's skills (`trailmap skills`).

use std::fmt::Write as _;

use serde::Serialize;
use trailmap::query::effort::format_hours;
use trailmap::{Progress, Roadmap, Skill, SkillGraph};

use unicode_width::UnicodeWidthStr;

use super::{DIM, NAME_WIDTH, count, fit, status_name, to_json};

/// One entry of a progress file, for `trailmap progress show`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ProgressItem<'p> {
    /// The skill's id.
    pub id: &'p str,
    /// The skill's name, when the roadmap given has it.
    pub name: Option<&'p str>,
    /// `done`, `learning` or `skipped`.
    pub status: &'static str,
    /// Hours logged.
    pub hours: Option<f64>,
    /// Date of the last change.
    pub date: Option<&'p str>,
    /// The learner's note.
    pub note: Option<&'p str>,
}

/// A progress file for people: `trailmap progress show`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ProgressReport<'p> {
    /// The file shown.
    pub file: String,
    /// Skills in the roadmap given, if any.
    pub roadmap_skills: Option<usize>,
    /// The entries, in id order.
    pub items: Vec<ProgressItem<'p>>,
}

impl<'p> ProgressReport<'p> {
    /// The report on `progress` read from `file`; `roadmap` gives names.
    pub fn new(file: &str, progress: &'p Progress, roadmap: Option<&'p Roadmap>) -> Self {
        // The first skill with each id, as a scan would find it.
        let mut names: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for skill in roadmap.map_or(&[][..], |r| &r.skills[..]) {
            names.entry(skill.id.as_str()).or_insert(skill.name.as_str());
        }
        let items = progress
            .skills
            .0
            .iter()
            .map(|(id, entry)| ProgressItem {
                id,
                name: names.get(id.as_str()).copied(),
                status: status_name(Some(entry.status)).unwrap_or("done"),
                hours: entry.hours,
                date: entry.date.as_deref(),
                note: entry.note.as_deref(),
            })
            .collect();
        ProgressReport { file: file.to_owned(), roadmap_skills: roadmap.map(|r| r.skills.len()), items }
    }

    /// The JSON form.
    pub fn json(&self) -> String {
        to_json(self)
    }

    /// The text form, styled.
    pub fn text(&self) -> String {
        let mut out = String::new();
        // With a roadmap, an entry on a skill it lacks is not counted.
        let counted = |i: &&ProgressItem<'_>| self.roadmap_skills.is_none() || i.name.is_some();
        let tally = |status: &str| self.items.iter().filter(counted).filter(|i| i.status == status).count();
        let uncounted = self.items.len() - self.items.iter().filter(counted).count();
        let _ = writeln!(
            out,
            "{}: {} done, {} learning, {} skipped{}{}",
            trailmap::escape::terminal(&self.file),
            tally("done"),
            tally("learning"),
            tally("skipped"),
            self.roadmap_skills.map(|n| format!(" (the roadmap has {})", count(n, "skill"))).unwrap_or_default(),
            if uncounted > 0 { format!("; {uncounted} not in the roadmap") } else { String::new() }
        );
        if self.items.is_empty() {
            out.push_str("Nothing recorded yet: `trailmap progress done SKILL` records a skill.\n");
            return out;
        }
        out.push('\n');
        for item in &self.items {
            let id = trailmap::escape::terminal(item.id);
            let who = match item.name {
                Some(name) => format!("{} {DIM}({id}){DIM:#}", trailmap::escape::terminal(name)),
                None if self.roadmap_skills.is_some() => format!("{id} {DIM}(not in the roadmap){DIM:#}"),
                None => id,
            };
            let _ = write!(out, "  {:<8}  {who}", item.status);
            if let Some(h) = item.hours {
                let _ = write!(out, "  {} logged", format_hours(h));
            }
            if let Some(date) = item.date {
                let _ = write!(out, "  {DIM}{}{DIM:#}", trailmap::escape::terminal(date));
            }
            if let Some(note) = item.note {
                let _ = write!(out, "  “{}”", trailmap::escape::terminal(note));
            }
            out.push('\n');
        }
        out
    }
}

/// One skill of `trailmap skills`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct SkillItem<'r> {
    /// The skill's id.
    pub id: &'r str,
    /// The skill's name.
    pub name: &'r str,
    /// Where the roadmap teaches it, e.g. `Week 1, Day 3: OOP`.
    pub phase: Option<String>,
    /// The learner's status on it, if any.
    pub status: Option<&'static str>,
    /// Other names it answers to.
    pub aliases: &'r [String],
}

/// A roadmap's skills, or those matching a search: `trailmap skills`.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct SkillsReport<'r> {
    /// The skills, in file order.
    pub items: Vec<SkillItem<'r>>,
    #[serde(skip)]
    query: Option<String>,
    #[serde(skip)]
    total: usize,
}

impl<'r> SkillsReport<'r> {
    /// The skills of the graph's roadmap whose id, name or an alias
    /// contains `query` ignoring case (all of them without one).
    pub fn new(graph: &SkillGraph<'r>, progress: &Progress, query: Option<&str>) -> Self {
        let query = query.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty());
        let wanted = query.as_ref().map(|q| q.to_lowercase());
        let matches = |s: &Skill| match &wanted {
            None => true,
            Some(q) => {
                s.id.to_lowercase().contains(q)
                    || s.name.to_lowercase().contains(q)
                    || s.aliases.iter().any(|a| a.to_lowercase().contains(q))
            }
        };
        let roadmap = graph.roadmap();
        let items = roadmap
            .skills
            .iter()
            .filter(|s| matches(s))
            .map(|s| SkillItem {
                id: &s.id,
                name: &s.name,
                phase: graph.where_taught(&s.id),
                status: status_name(progress.status(&s.id)),
                aliases: &s.aliases,
            })
            .collect();
        SkillsReport { items, query, total: roadmap.skills.len() }
    }

    /// The JSON form.
    pub fn json(&self) -> String {
        to_json(&self.items)
    }

    /// The text form, styled: one skill a line, aligned.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match &self.query {
            Some(q) => {
                let _ = writeln!(
                    out,
                    "{} of {} {} “{}”.",
                    count(self.items.len(), "skill"),
                    self.total,
                    if self.items.len() == 1 { "matches" } else { "match" },
                    trailmap::escape::terminal(q)
                );
            }
            None => {
                let _ = writeln!(out, "{}.", count(self.items.len(), "skill"));
            }
        }
        if self.items.is_empty() {
            return out;
        }
        out.push('\n');
        // Columns by display width (escaped text, a CJK character takes two);
        // a long name is cut with `…`, an id never (it is what people type).
        let rows: Vec<_> = self
            .items
            .iter()
            .map(|i| (trailmap::escape::terminal(i.id), fit(&trailmap::escape::terminal(i.name), NAME_WIDTH)))
            .collect();
        let id_width = rows.iter().map(|(id, _)| id.width().min(NAME_WIDTH)).max().unwrap_or(0);
        let name_width = rows.iter().map(|(_, (_, width))| *width).max().unwrap_or(0);
        for (item, (id, (name, width))) in self.items.iter().zip(&rows) {
            let mut line = format!("  {DIM}{id}{DIM:#}");
            line.extend(std::iter::repeat_n(' ', id_width.saturating_sub(id.width()) + 2));
            line.push_str(name);
            line.extend(std::iter::repeat_n(' ', name_width.saturating_sub(*width) + 2));
            let _ = write!(line, "{:<8}  ", item.status.unwrap_or("-"));
            if let Some(phase) = &item.phase {
                line.push_str(&trailmap::escape::terminal(phase));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

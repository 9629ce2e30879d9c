//! Markdown prose to a roadmap draft: headings become nested phases with
//! the spans their text states, list items become skills, tasks, topics,
//! projects, practices, milestone criteria or exclusions by what they say
//! and where they sit, links become resources, tables become areas or
//! course skills. Every block is accounted for in the report.

mod labels;
mod parse;
mod table;

use trailmap::{Cadence, Criterion, Extensions, MilestoneKind, PhaseKind, Prerequisite};

use crate::builder::Builder;
use crate::report::{Element, Outcome};
use crate::span;
use crate::text::{self, MAX_NAME_WORDS};
use crate::{Imported, Options};
use labels::{Label, NOT_NEEDED, PROJECT, classify_label, section_mode, split_label};
pub use parse::MAX_DEPTH;
use parse::{Block, Inline, Link};

/// What a section (a heading and what follows it) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    Projects,
    Project(usize),
    Exclusions,
    Milestone(MilestoneKind),
    Practices(Cadence),
    Principles,
}

/// What a list item became, for the items nested in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Phase(usize),
    Skill(usize),
    Tasks(usize),
    Task(usize, usize),
    Project(usize),
    Projects,
    Practice(usize),
    Milestone(usize),
    Exclusions,
    Other,
}

struct Importer<'v> {
    b: Builder<'v>,
    /// Open headings: level, phase (if any) and what the section holds.
    headings: Vec<(u8, Option<usize>, Mode)>,
    /// Open list items: depth and what each became.
    items: Vec<(usize, Role)>,
    /// A paragraph ending in ":" announcing the next list.
    list_mode: Option<Mode>,
    /// The milestone collecting the current checklist.
    list_milestone: Option<usize>,
    /// The phase made for content outside any phase heading.
    implicit: Option<usize>,
    last_heading: String,
}

impl<'v> Importer<'v> {
    fn heading_phase(&self) -> Option<usize> {
        self.headings.iter().rev().find_map(|h| h.1).or(self.implicit)
    }

    fn phase(&self) -> Option<usize> {
        self.items
            .iter()
            .rev()
            .find_map(|(_, r)| if let Role::Phase(p) = r { Some(*p) } else { None })
            .or_else(|| self.heading_phase())
    }

    /// The current phase, made when there is none (content before the first phase heading).
    fn ensure_phase(&mut self) -> usize {
        if let Some(p) = self.phase() {
            return p;
        }
        let title = if self.last_heading.is_empty() { "Overview".to_owned() } else { self.last_heading.clone() };
        let p = self.b.phase(None, &title, Some(PhaseKind::Section), None);
        self.implicit = Some(p);
        p
    }

    fn mode(&self) -> Mode {
        self.list_mode.or_else(|| self.headings.last().map(|h| h.2)).unwrap_or(Mode::Normal)
    }

    fn heading(&mut self, level: u8, line: usize, inline: &Inline) {
        self.items.clear();
        self.list_mode = None;
        self.list_milestone = None;
        let h = span::heading(&inline.text);
        if self.b.title.is_none() && self.headings.is_empty() && self.b.phases.is_empty() {
            self.b.title = Some(h.clean.clone());
            self.b.report.placed(line, Element::Heading, &inline.text, "/title".to_owned());
            return;
        }
        if self.b.phases.is_empty() {
            if let Some((label, value)) = h.clean.split_once(':') {
                let pointer = match label.trim().to_lowercase().as_str() {
                    "target" | "audience" | "for" => Some((&mut self.b.audience, "/audience")),
                    "role" | "target role" => Some((&mut self.b.target_role, "/target_role")),
                    "objective" | "summary" | "goal" => Some((&mut self.b.summary, "/summary")),
                    _ => None,
                };
                if let Some((field, pointer)) = pointer {
                    *field = Some(value.trim().to_owned());
                    self.b.report.placed(line, Element::Heading, &inline.text, pointer.to_owned());
                    return;
                }
                if label.trim().eq_ignore_ascii_case("philosophy") || label.trim().eq_ignore_ascii_case("principle") {
                    self.b.principles.push(value.trim().to_owned());
                    let at = format!("/principles/{}", self.b.principles.len() - 1);
                    self.b.report.placed(line, Element::Heading, &inline.text, at);
                    return;
                }
            }
        }
        while self.headings.last().is_some_and(|top| top.0 >= level) {
            self.headings.pop();
        }
        let parent = self.heading_phase().filter(|_| !self.headings.is_empty());
        self.last_heading = h.clean.clone();
        if let Some(c) = PROJECT.captures(&h.clean) {
            let title = c.get(2).map_or("", |m| m.as_str()).trim();
            let title = if title.is_empty() { h.clean.as_str() } else { title };
            let number = c.get(1).and_then(|m| m.as_str().parse().ok());
            // A phase too, so the document keeps its shape; the project points at it.
            let phase = self.b.phase(parent, &h.clean, Some(PhaseKind::Section), h.time.as_ref());
            let p = self.b.project(title, number, Some(phase));
            let at = vec![self.b.phases[phase].pointer.clone(), format!("/projects/{p}")];
            self.b.report.push(line, Element::Heading, &inline.text, Outcome::Placed { at });
            self.headings.push((level, Some(phase), Mode::Project(p)));
            return;
        }
        let mode = section_mode(&h.clean.to_lowercase());
        let kind = if mode == Mode::Normal { h.kind } else { h.kind.or(Some(PhaseKind::Section)) };
        let title = if h.title.is_empty() { h.clean.as_str() } else { h.title.as_str() };
        let p = self.b.phase(parent, title, kind, h.time.as_ref());
        let lower = h.clean.to_lowercase();
        // "MATHEMATICS (Parallel, Ongoing)".
        self.b.phases[p].phase.ongoing = matches!(mode, Mode::Practices(_)) || lower.contains("ongoing");
        self.b.phases[p].phase.parallel = lower.contains("parallel");
        let mut at = vec![self.b.phases[p].pointer.clone()];
        // A nested heading naming a known skill ("## Linear Algebra") teaches it.
        if mode == Mode::Normal && parent.is_some() && h.time.is_none() {
            let head = title.split('(').next().unwrap_or(title).trim();
            if self.b.knows(head) {
                let s = self.b.skill(head);
                self.b.add_to_phase(p, s);
                at.push(Builder::skill_pointer(s));
            }
        }
        self.b.report.push(line, Element::Heading, &inline.text, Outcome::Placed { at });
        self.headings.push((level, Some(p), mode));
    }

    fn append(field: &mut Option<String>, text: &str) {
        match field {
            Some(existing) => {
                existing.push_str("\n\n");
                existing.push_str(text);
            }
            None => *field = Some(text.to_owned()),
        }
    }

    /// Prose: into the phase description, or the roadmap summary before any phase.
    fn prose(&mut self, text: &str) -> String {
        match self.phase() {
            Some(p) => {
                Self::append(&mut self.b.phases[p].phase.description, text);
                format!("{}/description", self.b.phases[p].pointer)
            }
            None => {
                Self::append(&mut self.b.summary, text);
                "/summary".to_owned()
            }
        }
    }

    fn paragraph(&mut self, line: usize, inline: &Inline) {
        self.items.clear();
        self.list_milestone = None;
        let text = inline.text.trim();
        if self.mode() == Mode::Principles {
            self.b.principles.push(text.to_owned());
            let at = format!("/principles/{}", self.b.principles.len() - 1);
            self.b.report.placed(line, Element::Paragraph, text, at);
            return;
        }
        let mut at = Vec::new();
        let mut created = Vec::new();
        match split_label(inline) {
            Some((label, rest)) if rest.is_empty() => {
                // "You must know:" announces the list below.
                let mode = match classify_label(&label) {
                    Label::Exclusion => Mode::Exclusions,
                    Label::Requirement => Mode::Milestone(MilestoneKind::Requirement),
                    Label::Project(_) => Mode::Projects,
                    Label::Practice(c) => Mode::Practices(c),
                    _ if label.to_lowercase().contains("ready") => Mode::Milestone(MilestoneKind::Checklist),
                    _ => self
                        .headings
                        .last()
                        .map_or(Mode::Normal, |h| if h.2 == Mode::Exclusions { Mode::Normal } else { h.2 }),
                };
                self.list_mode = Some(mode);
                if let Mode::Milestone(kind) = mode {
                    let phase = self.phase();
                    let m = self.b.milestone(&label, kind, phase);
                    self.list_milestone = Some(m);
                    at.push(format!("/milestones/{m}"));
                } else if let Mode::Practices(_) = mode {
                    self.ensure_phase();
                    at.push(self.prose(text));
                } else {
                    self.b.report.push(line, Element::Paragraph, text, Outcome::Decoration);
                    return;
                }
            }
            Some((label, rest)) => match classify_label(&label) {
                Label::Goal => match self.phase() {
                    Some(p) => {
                        Self::append(&mut self.b.phases[p].phase.goal, &rest);
                        at.push(format!("{}/goal", self.b.phases[p].pointer));
                    }
                    None => {
                        Self::append(&mut self.b.summary, &rest);
                        at.push("/summary".to_owned());
                    }
                },
                Label::Exclusion => {
                    let phase = self.phase();
                    let e = self.b.exclusion(&text::tidy(&rest), None, phase);
                    at.push(format!("/exclusions/{e}"));
                }
                Label::Requirement => {
                    let phase = self.phase();
                    let m = self.b.milestone(&label, MilestoneKind::Requirement, phase);
                    let rest_trim = rest.trim_end_matches(':');
                    self.b.milestones[m].criteria.push(criterion(rest_trim, false));
                    self.list_milestone = Some(m);
                    self.list_mode = Some(Mode::Milestone(MilestoneKind::Requirement));
                    at.push(format!("/milestones/{m}/criteria/0"));
                }
                Label::Names | Label::Term if text::words(&rest) <= 6 && !rest.ends_with(':') => {
                    let phase = self.phase();
                    let (skills, pointers) = self.names(&rest, phase, None);
                    created = skills;
                    at.extend(pointers);
                    if at.is_empty() {
                        at.push(self.prose(text));
                    }
                }
                Label::Practice(cadence) => {
                    let phase = self.phase();
                    let p = self.b.practice(cadence, &rest, phase);
                    at.push(format!("/practices/{p}"));
                }
                _ => {
                    if let Some(p) = rest.strip_suffix(':') {
                        // "Important Skill: Diagnosing:" labels the list below.
                        let _ = p;
                        self.list_mode = None;
                    }
                    at.push(self.prose(text));
                }
            },
            None => {
                if let Some(c) = NOT_NEEDED.captures(text) {
                    let what = text::tidy(c.get(1).map_or("", |m| m.as_str()));
                    if what.is_empty() {
                        self.list_mode = Some(Mode::Exclusions);
                        self.b.report.push(line, Element::Paragraph, text, Outcome::Decoration);
                        return;
                    }
                    let phase = self.phase();
                    let e = self.b.exclusion(&what, None, phase);
                    at.push(format!("/exclusions/{e}"));
                } else {
                    at.push(self.prose(text));
                }
            }
        }
        self.b.report.push(line, Element::Paragraph, text, Outcome::Placed { at });
        self.links(line, &inline.links, &created);
    }

    /// Skills from a list of names; alternatives recorded on the phase as
    /// `x-any-of`. Names too long to be names are returned untouched.
    fn names(&mut self, text: &str, phase: Option<usize>, area: Option<&str>) -> (Vec<usize>, Vec<String>) {
        let mut skills = Vec::new();
        let mut pointers = Vec::new();
        for named in text::names(text) {
            let mut group = Vec::new();
            for name in named.names.iter().filter(|n| text::words(n) <= MAX_NAME_WORDS) {
                let s = self.b.skill(name);
                for topic in &named.topics {
                    if !self.b.skills[s].topics.contains(topic) {
                        self.b.skills[s].topics.push(topic.clone());
                    }
                }
                if let (Some(area), None) = (area, &self.b.skills[s].area) {
                    self.b.skills[s].area = Some(crate::ids::kebab(area, "area"));
                }
                if let Some(p) = phase {
                    self.b.add_to_phase(p, s);
                }
                pointers.push(Builder::skill_pointer(s));
                group.push(self.b.skills[s].id.clone());
                skills.push(s);
            }
            if group.len() > 1 {
                if let Some(p) = phase {
                    let ext = &mut self.b.phases[p].phase.extensions;
                    let mut groups = ext.get("x-any-of").cloned().unwrap_or_else(|| serde_json::json!([]));
                    if let Some(list) = groups.as_array_mut() {
                        list.push(serde_json::json!(group));
                    }
                    ext.insert("x-any-of", groups);
                }
            }
        }
        (skills, pointers)
    }

    /// Links become resources: of the skill named like the link, else of
    /// the block's first skill, else of a new skill named after the link.
    fn links(&mut self, line: usize, links: &[Link], skills: &[usize]) {
        for link in links {
            let by_name = skills
                .iter()
                .copied()
                .find(|&s| crate::ids::normalize(&self.b.skills[s].name) == crate::ids::normalize(&link.text));
            let skill = match by_name
                .or_else(|| (skills.len() == 1 || links.len() == 1).then(|| skills.first().copied()).flatten())
            {
                Some(s) => s,
                None => {
                    let name = if link.text.trim().is_empty() || text::words(&link.text) > MAX_NAME_WORDS {
                        link.url.split("://").nth(1).unwrap_or(&link.url).trim_end_matches('/').to_owned()
                    } else {
                        text::tidy(&link.text)
                    };
                    let s = self.b.skill(&name);
                    if let Some(p) = self.phase() {
                        self.b.add_to_phase(p, s);
                    }
                    s
                }
            };
            let at = self.b.resource(skill, &link.text, &link.url);
            self.b.report.placed(line, Element::Link, &format!("[{}]({})", link.text, link.url), at);
        }
    }

    fn item(&mut self, depth: usize, line: usize, checked: Option<bool>, inline: &Inline) {
        while self.items.last().is_some_and(|(d, _)| *d >= depth) {
            self.items.pop();
        }
        let parent = self.items.last().map_or(Role::Other, |(_, r)| *r);
        let text = inline.text.trim().to_owned();
        let element = if checked.is_some() { Element::Checkbox } else { Element::ListItem };
        let mut at = Vec::new();
        let mut skills = Vec::new();
        let role = self.item_role(&text, inline, checked, parent, &mut at, &mut skills);
        if at.is_empty() {
            // A label item ("**Tasks:**") is placed where its children go.
            let container = match role {
                Role::Tasks(p) | Role::Phase(p) => Some(format!("{}/tasks", self.b.phases[p].pointer)),
                Role::Projects => Some("/projects".to_owned()),
                Role::Exclusions => Some("/exclusions".to_owned()),
                _ => None,
            };
            at.extend(container);
        }
        if at.is_empty() {
            self.b.report.not_placed(line, element, &text, "nothing to place (empty item)");
        } else {
            self.b.report.push(line, element, &text, Outcome::Placed { at });
        }
        self.links(line, &inline.links, &skills);
        self.items.push((depth, role));
    }

    fn milestone_for_list(&mut self, kind: MilestoneKind) -> usize {
        if let Some(m) = self.list_milestone {
            return m;
        }
        let title = if self.last_heading.is_empty() { "Checklist".to_owned() } else { self.last_heading.clone() };
        let phase = self.phase();
        let m = self.b.milestone(&title, kind, phase);
        self.list_milestone = Some(m);
        m
    }

    fn criterion(&mut self, m: usize, text: &str, done: bool, at: &mut Vec<String>) -> Role {
        let criteria = &mut self.b.milestones[m].criteria;
        criteria.push(criterion(text, done));
        at.push(format!("/milestones/{m}/criteria/{}", criteria.len() - 1));
        Role::Milestone(m)
    }

    #[allow(clippy::too_many_lines)]
    fn item_role(
        &mut self,
        text: &str,
        inline: &Inline,
        checked: Option<bool>,
        parent: Role,
        at: &mut Vec<String>,
        skills: &mut Vec<usize>,
    ) -> Role {
        if text.is_empty() {
            return Role::Other;
        }
        if let Some(done) = checked {
            let m = match parent {
                Role::Milestone(m) => m,
                _ => self.milestone_for_list(MilestoneKind::Checklist),
            };
            return self.criterion(m, text, done, at);
        }
        // Where the item sits decides first.
        match parent {
            Role::Milestone(m) => return self.criterion(m, text, false, at),
            Role::Project(p) => {
                self.b.projects[p].deliverables.push(text.to_owned());
                at.push(format!("/projects/{p}/deliverables/{}", self.b.projects[p].deliverables.len() - 1));
                return Role::Project(p);
            }
            Role::Task(phase, t) => {
                let node = &mut self.b.phases[phase];
                let task = &mut node.phase.tasks[t];
                task.deliverables.push(text.to_owned());
                at.push(format!("{}/tasks/{t}/deliverables/{}", node.pointer, task.deliverables.len() - 1));
                return Role::Task(phase, t);
            }
            Role::Tasks(phase) => return self.add_task(phase, text, at),
            Role::Practice(p) => {
                self.b.practices[p].topics.push(text.to_owned());
                at.push(format!("/practices/{p}/topics/{}", self.b.practices[p].topics.len() - 1));
                return Role::Practice(p);
            }
            Role::Exclusions => return self.exclusion(text, at),
            Role::Projects => return self.project(text, inline, None, at),
            Role::Skill(s) if split_label(inline).is_none() && text::words(text) <= MAX_NAME_WORDS => {
                // Detail of the item above.
                self.b.skills[s].topics.push(text::tidy(text));
                at.push(format!("/skills/{s}/topics/{}", self.b.skills[s].topics.len() - 1));
                return Role::Skill(s);
            }
            _ => {}
        }
        let top_level = matches!(parent, Role::Other);
        match self.mode() {
            Mode::Exclusions if top_level => return self.exclusion(text, at),
            Mode::Milestone(kind) if top_level => {
                let m = self.milestone_for_list(kind);
                return self.criterion(m, text.trim_start_matches(['✅', ' ']), false, at);
            }
            Mode::Project(p) if top_level => {
                self.b.projects[p].deliverables.push(text.to_owned());
                at.push(format!("/projects/{p}/deliverables/{}", self.b.projects[p].deliverables.len() - 1));
                return Role::Project(p);
            }
            Mode::Practices(cadence) if top_level => {
                let phase = self.phase();
                let p = self.b.practice(cadence, text, phase);
                at.push(format!("/practices/{p}"));
                return Role::Practice(p);
            }
            Mode::Principles if top_level => {
                self.b.principles.push(text.to_owned());
                at.push(format!("/principles/{}", self.b.principles.len() - 1));
                return Role::Other;
            }
            _ => {}
        }
        if let Some((label, rest)) = split_label(inline) {
            match classify_label(&label) {
                Label::Span(h) => {
                    let parent_phase = self.phase();
                    let title = if rest.is_empty() { h.clean.clone() } else { rest.clone() };
                    let p = self.b.phase(parent_phase, &title, h.kind, h.time.as_ref());
                    at.push(self.b.phases[p].pointer.clone());
                    self.items.push((usize::MAX - 1, Role::Phase(p)));
                    let mut role = Role::Phase(p);
                    if !rest.is_empty() {
                        let sub = Inline {
                            text: rest.clone(),
                            label: inline.strong.clone(),
                            strong: None,
                            links: Vec::new(),
                        };
                        let sub_role = self.item_role(&rest, &sub, None, Role::Other, at, skills);
                        // "Day 4–6: Project #1: Titanic": nested items are the project's deliverables.
                        if matches!(
                            sub_role,
                            Role::Project(_) | Role::Task(..) | Role::Tasks(_) | Role::Practice(_) | Role::Milestone(_)
                        ) {
                            role = sub_role;
                        }
                    }
                    self.items.pop();
                    return role;
                }
                Label::Tasks => {
                    let phase = self.ensure_phase();
                    if rest.is_empty() {
                        return Role::Tasks(phase);
                    }
                    return self.add_task(phase, &rest, at);
                }
                Label::Project(number) if !rest.is_empty() => return self.project(&rest, inline, number, at),
                Label::Project(_) => return Role::Projects,
                Label::Practice(cadence) => {
                    let phase = self.phase();
                    let activity = if rest.is_empty() { label.as_str() } else { rest.as_str() };
                    let p = self.b.practice(cadence, activity, phase);
                    at.push(format!("/practices/{p}"));
                    return Role::Practice(p);
                }
                Label::Goal if !rest.is_empty() => {
                    let phase = self.ensure_phase();
                    Self::append(&mut self.b.phases[phase].phase.goal, &rest);
                    at.push(format!("{}/goal", self.b.phases[phase].pointer));
                    return Role::Other;
                }
                Label::Note if !rest.is_empty() => {
                    at.push(self.prose(text));
                    return Role::Other;
                }
                Label::Exclusion if !rest.is_empty() => return self.exclusion(&rest, at),
                Label::Exclusion => return Role::Exclusions,
                Label::Requirement => {
                    let phase = self.phase();
                    let m = self.b.milestone(&label, MilestoneKind::Requirement, phase);
                    if !rest.is_empty() {
                        self.criterion(m, &rest, false, at);
                    } else {
                        at.push(format!("/milestones/{m}"));
                    }
                    return Role::Milestone(m);
                }
                Label::Prerequisites if !rest.is_empty() => {
                    if let Role::Skill(s) = parent {
                        self.b.pending_prerequisites.push((s, rest.clone(), 0));
                        at.push(format!("/skills/{s}/prerequisites"));
                        return Role::Other;
                    }
                }
                Label::Deliverables if !rest.is_empty() => {
                    if let Some(p) = self.b.projects.len().checked_sub(1) {
                        self.b.projects[p].deliverables.push(rest.clone());
                        at.push(format!("/projects/{p}/deliverables/{}", self.b.projects[p].deliverables.len() - 1));
                        return Role::Project(p);
                    }
                }
                Label::Names if !rest.is_empty() => {
                    let phase = self.phase();
                    let (found, pointers) = self.names(&rest, phase, None);
                    if !found.is_empty() {
                        at.extend(pointers);
                        skills.extend(&found);
                        return Role::Skill(found[0]);
                    }
                }
                Label::Term if !rest.is_empty() && text::words(&label) <= 5 => {
                    let phase = self.phase();
                    let list = text::names(&rest);
                    let short =
                        list.iter().all(|n| n.names.iter().all(|x| text::words(x) <= 4)) && !rest.contains(". ");
                    if short && !list.is_empty() {
                        // "**Programming**: Python, Java": a group of skills.
                        let (found, pointers) = self.names(&rest, phase, Some(&label));
                        at.extend(pointers);
                        skills.extend(&found);
                        return found.first().map_or(Role::Other, |&s| Role::Skill(s));
                    }
                    // "**Term**: explanation": a skill described.
                    let s = self.b.skill(&text::tidy(&label));
                    Self::append(&mut self.b.skills[s].description, &rest);
                    if let Some(p) = phase {
                        self.b.add_to_phase(p, s);
                    }
                    at.push(Builder::skill_pointer(s));
                    skills.push(s);
                    return Role::Skill(s);
                }
                _ => {}
            }
        }
        if let Some(c) = PROJECT.captures(text) {
            let number = c.get(1).and_then(|m| m.as_str().parse().ok());
            let title = c.get(2).map_or("", |m| m.as_str()).to_owned();
            if !title.is_empty() {
                return self.project(&title, inline, number, at);
            }
        }
        if text::is_task(text) {
            let phase = self.ensure_phase();
            return self.add_task(phase, text, at);
        }
        let phase = self.phase();
        let (found, pointers) = self.names(text, phase, None);
        at.extend(pointers);
        skills.extend(&found);
        found.first().map_or(Role::Other, |&s| Role::Skill(s))
    }

    fn add_task(&mut self, phase: usize, text: &str, at: &mut Vec<String>) -> Role {
        at.push(self.b.task(phase, text));
        let t = self.b.phases[phase].phase.tasks.len() - 1;
        self.link_task_skills(phase, t);
        Role::Task(phase, t)
    }

    /// A task names the skills it uses when they are already known ("… using Pandas and NumPy").
    fn link_task_skills(&mut self, phase: usize, t: usize) {
        // Phrases of up to three words, read through a sliding window: a
        // list of every word of a 100 MB task took a gigabyte. The text is
        // taken out while the builder changes, and put back.
        let text = std::mem::take(&mut self.b.phases[phase].phase.tasks[t].text);
        let mut words = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')' | ';'))
            .filter(|w| !w.is_empty());
        let mut window: std::collections::VecDeque<&str> = words.by_ref().take(3).collect();
        let mut phrase = String::new();
        let mut found: Vec<String> = Vec::new();
        while !window.is_empty() {
            for len in (1..=window.len()).rev() {
                phrase.clear();
                for (k, word) in window.iter().take(len).enumerate() {
                    if k > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(word);
                }
                if len == 1 && phrase.chars().next().is_some_and(char::is_lowercase) {
                    continue;
                }
                let known = self.b.find_skill(&phrase).or_else(|| {
                    // A skill of the vocabulary named in the task joins the roadmap.
                    self.b.knows(&phrase).then(|| {
                        let s = self.b.skill(&phrase);
                        self.b.add_to_phase(phase, s);
                        s
                    })
                });
                if let Some(s) = known {
                    let id = &self.b.skills[s].id;
                    if !found.contains(id) && found.len() < 16 {
                        found.push(id.clone());
                    }
                    break;
                }
            }
            window.pop_front();
            window.extend(words.next());
        }
        self.b.phases[phase].phase.tasks[t].text = text;
        self.b.phases[phase].phase.tasks[t].skills = found.into_iter().map(Prerequisite::Skill).collect();
    }

    fn exclusion(&mut self, text: &str, at: &mut Vec<String>) -> Role {
        let (title, reason) = match text.split_once(" — ").or_else(|| text.split_once(": ")) {
            Some((t, r)) if text::words(t) <= MAX_NAME_WORDS => (t.to_owned(), Some(r.trim().to_owned())),
            _ => (text.to_owned(), None),
        };
        let phase = self.phase();
        let e = self.b.exclusion(&text::tidy(&title), reason, phase);
        at.push(format!("/exclusions/{e}"));
        Role::Exclusions
    }

    /// "Project #2: **MNIST classifier** (PyTorch)": the bold text or the
    /// text before a parenthesis is the title; the rest describes it.
    fn project(&mut self, text: &str, inline: &Inline, number: Option<u32>, at: &mut Vec<String>) -> Role {
        let title = match &inline.strong {
            Some(strong) if text.contains(strong.as_str()) => strong.clone(),
            _ => text::tidy(text),
        };
        let phase = self.phase();
        let p = self.b.project(&title, number, phase);
        let description = text.replacen(&title, "", 1);
        let description = span::trim_separators(description.trim()).trim_matches(['(', ')']).trim();
        if !description.is_empty() && title != text::tidy(text) {
            self.b.projects[p].description = Some(description.to_owned());
        }
        if let Some(phase) = phase {
            let phase_id = self.b.phases[phase].phase.id.clone();
            self.b.projects[p].phase = Some(phase_id);
        }
        at.push(format!("/projects/{p}"));
        Role::Project(p)
    }
}

fn criterion(text: &str, done: bool) -> Criterion {
    Criterion { text: text.to_owned(), skills: Vec::new(), target: None, done, extensions: Extensions::default() }
}

/// The most elements (headings, paragraphs, list items, table rows and
/// cells, links, images, code blocks) a Markdown source may hold: a hundred times the largest
/// published roadmaps, and small enough that an import stays well under a
/// gigabyte of memory.
pub const MAX_ELEMENTS: usize = 200_000;

/// Imports Markdown text. The error names the line of the first element
/// past [`MAX_ELEMENTS`].
pub fn import(source: &str, options: &Options) -> Result<Imported, String> {
    let mut importer = Importer {
        b: Builder::new(options.vocabulary.as_ref()),
        headings: Vec::new(),
        items: Vec::new(),
        list_mode: None,
        list_milestone: None,
        implicit: None,
        last_heading: String::new(),
    };
    let blocks = parse::blocks(source, MAX_ELEMENTS).map_err(|line| {
        format!("line {line}: more than {MAX_ELEMENTS} elements (headings, paragraphs, list items, table cells, links); split the source")
    })?;
    for block in blocks {
        match block {
            Block::Heading { level, line, inline } => importer.heading(level, line, &inline),
            Block::Paragraph { line, inline } => importer.paragraph(line, &inline),
            Block::Item { depth, line, checked, inline } => importer.item(depth, line, checked, &inline),
            Block::Table { line, header, rows } => {
                let phase = importer.phase();
                table::import(&mut importer.b, phase, line, &header, &rows);
            }
            Block::Decoration { line, text } => {
                importer.b.report.push(line, Element::Paragraph, &text, Outcome::Decoration)
            }
            Block::Code { line, text } => {
                let at = importer.prose(&format!("```\n{}```", text));
                importer.b.report.placed(line, Element::Paragraph, &text, at);
            }
        }
    }
    let title = importer.b.title.clone().unwrap_or_default();
    let id = options.id.clone().unwrap_or_else(|| crate::ids::kebab(&title, "imported"));
    let (roadmap, report) = importer.b.finish(&id, options.source_file.as_deref());
    Ok(Imported { roadmap, report })
}

//! List items: what each becomes (phase, skill, topic, task, project,
//! practice, criterion, exclusion) by what it says and where it sits.

use trailmap::MilestoneKind;
use trailmap::pointer::Pointer;

use super::exclusions;
use super::labels::{Label, PROJECT, classify_label, dash_after_label, learned_subject, split_label};
use super::parse::Inline;
use super::projects;
use super::resources::LinkTail;
use super::stated;
use super::{Importer, Mode, Role, criterion};
use crate::builder::Builder;
use crate::prerequisites::Dependent;
use crate::report::{Element, Outcome};
use crate::span;
use crate::text::{self, MAX_NAME_WORDS};

impl Importer<'_> {
    pub(super) fn item(&mut self, depth: usize, line: usize, checked: Option<bool>, inline: &Inline) {
        while self.items.last().is_some_and(|(d, _)| *d >= depth) {
            self.items.pop();
        }
        let parent = self.items.last().map_or(Role::Other, |(_, r)| *r);
        let text = inline.text.trim().to_owned();
        let element = if checked.is_some() { Element::Checkbox } else { Element::ListItem };
        self.line = line;
        if super::skills::navigation(inline) {
            self.b.report.push(line, element, &text, Outcome::Decoration);
            self.links(line, &inline.links, &[]);
            self.items.push((depth, Role::Other));
            return;
        }
        if super::skills::is_url(&text) && inline.links.is_empty() {
            // A bare address: a resource of the skill above, not a skill named after it.
            let owner: Vec<usize> = match parent {
                Role::Skill(s) => vec![s],
                _ => Vec::new(),
            };
            self.b.report.push(line, element, &text, Outcome::Decoration);
            self.links(line, &[super::parse::Link { url: text.clone(), text: text.clone() }], &owner);
            self.items.push((depth, Role::Other));
            return;
        }
        let mut at = Vec::new();
        let mut skills = Vec::new();
        if checked.is_none() && self.mode() == Mode::Resources && parent == Role::Other && !inline.links.is_empty() {
            self.resource_item(line, element, &text, inline, None);
            self.items.push((depth, Role::Resources(None)));
            return;
        }
        if checked.is_none() && self.mode() == Mode::Normal {
            if super::resources::is_resource_word(&text)
                && matches!(parent, Role::Other | Role::Phase(_) | Role::Skill(_))
            {
                // "Resources:" over a list of links: a label, placed where they go.
                let owner = if let Role::Skill(s) = parent { Some(s) } else { None };
                self.b.report.push(line, element, &text, Outcome::Decoration);
                self.items.push((depth, Role::Resources(owner)));
                return;
            }
            if let Role::Resources(owner) = parent
                && (owner.is_some() || !inline.links.is_empty())
            {
                self.resource_item(line, element, &text, inline, owner);
                self.items.push((depth, Role::Resources(owner)));
                return;
            }
        }
        // "[MLflow](…) - Open source platform for …": a skill described.
        if checked.is_none() && self.mode() == Mode::Normal && matches!(parent, Role::Other | Role::Phase(_)) {
            if let Some((link, description)) = super::resources::described_link(&text, inline) {
                let phase = self.phase();
                if let Some(s) = self.link_skill(link, phase) {
                    // A link naming a known skill ("Kubernetes docs") describes the link, not the skill.
                    let named = crate::ids::normalize(&self.b.skills[s].name) == crate::ids::normalize(&link.text);
                    if named && self.b.skills[s].description.as_deref() != Some(description.as_str()) {
                        Self::append(&mut self.b.skills[s].description, &description);
                    }
                    self.place_item(line, element, &text, Role::Skill(s), vec![Builder::skill_pointer(s)]);
                    self.links(line, &inline.links, &[s]);
                    self.items.push((depth, Role::Skill(s)));
                    return;
                }
            }
        }
        // Links after a name are its resources: what the item is, is read
        // from the name alone (a checklist's criterion keeps the whole text).
        let tail = super::resources::link_tail(inline);
        if let Some(tail) = &tail
            && checked.is_none()
            && self.mode() == Mode::Normal
            && matches!(parent, Role::Other | Role::Phase(_) | Role::Skill(_))
        {
            let role = match (tail, parent) {
                // "- Pandas / - Docs: [pandas](…)": resources of the skill
                // above; without a link, one by its title ("Book: Python for
                // Data Analysis").
                (LinkTail::Offered(offered), Role::Skill(s)) => {
                    if inline.links.is_empty() {
                        at.push(self.b.titled_resource(s, &offered.text, &text));
                    } else {
                        at.push(Builder::skill_pointer(s));
                    }
                    skills.push(s);
                    Role::Skill(s)
                }
                // What a word for resources offers are names, however many.
                (LinkTail::Offered(offered), _) => {
                    let phase = self.phase();
                    let (found, pointers) = self.names(&offered.text, phase, None);
                    at.extend(pointers);
                    skills.extend(&found);
                    found.first().map_or(Role::Other, |&s| Role::Skill(s))
                }
                (LinkTail::Named(named), _) => self.item_role(&named.text, named, None, parent, &mut at, &mut skills),
            };
            self.place_item(line, element, &text, role, at);
            let owners = match role {
                // A detail of the skill above, with the links to read about it.
                Role::Skill(s) if skills.is_empty() => vec![s],
                _ => skills,
            };
            self.links(line, &inline.links, &owners);
            self.items.push((depth, role));
            return;
        }
        // "Docker (prerequisite for Airflow)": the item is read without what needs it.
        let needed_by = stated::split_needed_by(&text).filter(|_| checked.is_none());
        let read = needed_by.as_ref().map(|(rest, _)| Inline { text: rest.clone(), ..inline.clone() });
        let (text_read, inline) = match &read {
            Some(cut) => (cut.text.clone(), cut),
            None => (text.clone(), inline),
        };
        let role = match stated::split(&text_read).filter(|_| checked.is_none()) {
            None => self.item_role(&text_read, inline, checked, parent, &mut at, &mut skills),
            Some((rest, names)) if rest.is_empty() => {
                // "Requires X" alone: of the item above, else of the phase.
                let dependent = match parent {
                    Role::Skill(s) => Dependent::Skill(s),
                    _ => Dependent::Phase(self.ensure_phase()),
                };
                at.push(self.state(dependent, names, element));
                Role::Other
            }
            Some((rest, names)) => {
                let sub = Inline { text: rest.clone(), ..inline.clone() };
                let role = self.item_role(&rest, &sub, checked, parent, &mut at, &mut skills);
                let dependents: Vec<Dependent> = if skills.is_empty() {
                    vec![Dependent::Phase(self.ensure_phase())]
                } else {
                    skills.iter().map(|&s| Dependent::Skill(s)).collect()
                };
                for dependent in dependents {
                    at.push(self.state(dependent, names.clone(), element));
                }
                role
            }
        };
        if let Some((_, names)) = needed_by {
            for &s in &skills {
                at.push(self.state(Dependent::NeededBy(s), names.clone(), element));
            }
        }
        if checked.is_none() {
            self.basics_exclusion(&text, &skills, &mut at);
        }
        if let (Some(LinkTail::Named(named) | LinkTail::Offered(named)), Some(_)) = (&tail, checked) {
            // A checklist's item whose links need a skill to belong to:
            // the one it names, rather than one named after a link.
            let phase = self.phase();
            let (found, pointers) = self.names(&named.text, phase, None);
            at.extend(pointers);
            skills.extend(found);
        }
        self.place_item(line, element, &text, role, at);
        self.links(line, &inline.links, &skills);
        self.items.push((depth, role));
    }

    /// Reports the item `text` placed at `at`, or, for a label item
    /// ("**Tasks:**") with nothing of its own, where its children go.
    pub(super) fn place_item(&mut self, line: usize, element: Element, text: &str, role: Role, mut at: Vec<String>) {
        if at.is_empty() {
            let container = match role {
                Role::Tasks(p) | Role::Phase(p) => Some(format!("{}/tasks", self.b.phases[p].pointer)),
                Role::Projects => Some("/projects".to_owned()),
                Role::Exclusions => Some("/exclusions".to_owned()),
                _ => None,
            };
            at.extend(container);
        }
        if at.is_empty() {
            self.b.report.not_placed(line, element, text, "nothing to place (empty item)");
        } else {
            self.b.report.push(line, element, text, Outcome::Placed { at });
        }
    }

    pub(super) fn milestone_for_list(&mut self, kind: MilestoneKind) -> usize {
        if let Some(m) = self.list_milestone {
            return m;
        }
        let title = if self.last_heading.is_empty() { "Checklist".to_owned() } else { self.last_heading.clone() };
        let phase = self.phase();
        let m = self.b.milestone(&title, kind, phase);
        self.list_milestone = Some(m);
        m
    }

    pub(super) fn criterion(&mut self, m: usize, text: &str, done: bool, at: &mut Vec<String>) -> Role {
        let criteria = &mut self.b.milestones[m].criteria;
        criteria.push(criterion(text, done));
        at.push(format!("/milestones/{m}/criteria/{}", criteria.len() - 1));
        Role::Milestone(m)
    }

    #[allow(clippy::too_many_lines)]
    pub(super) fn item_role(
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
            let role = self.criterion(m, text, done, at);
            if projects::is_project_phrase(text) {
                // "- [ ] Kaggle starter projects": a criterion naming a project.
                self.phrase_project(text, at);
            }
            return role;
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
                at.push(
                    Pointer::item("skills", s).with("topics").with(self.b.skills[s].topics.len() - 1).into_string(),
                );
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
                    let title = match (rest.is_empty(), h.title.is_empty()) {
                        (false, _) => rest.clone(),
                        (true, false) => h.title.clone(),
                        (true, true) => h.clean.clone(),
                    };
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
                        self.in_span_label = true;
                        let sub_role = self.item_role(&rest, &sub, None, Role::Other, at, skills);
                        self.in_span_label = false;
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
                Label::Milestone(kind) => {
                    let phase = self.phase();
                    let m = self.b.milestone(&label, kind, phase);
                    if !rest.is_empty() {
                        self.criterion(m, &rest, false, at);
                    } else {
                        at.push(format!("/milestones/{m}"));
                    }
                    return Role::Milestone(m);
                }
                Label::Prerequisites if !rest.is_empty() => {
                    let dependent = match parent {
                        Role::Skill(s) => Dependent::Skill(s),
                        _ => Dependent::Phase(self.ensure_phase()),
                    };
                    let element = if checked.is_some() { Element::Checkbox } else { Element::ListItem };
                    at.push(self.state(dependent, vec![rest.clone()], element));
                    return Role::Other;
                }
                Label::Deliverables if !rest.is_empty() => {
                    if let Some(p) = self.b.projects.len().checked_sub(1) {
                        self.b.projects[p].deliverables.push(rest.clone());
                        at.push(format!("/projects/{p}/deliverables/{}", self.b.projects[p].deliverables.len() - 1));
                        return Role::Project(p);
                    }
                }
                // "**Learn Python** — syntax, OOP": Python, with topics.
                Label::Names if dash_after_label(inline) && learned_subject(&label).is_some() && !rest.is_empty() => {
                    let subject = learned_subject(&label).unwrap_or_default();
                    let phase = self.phase();
                    let (found, pointers) = self.names(&format!("{subject} — {rest}"), phase, None);
                    if let Some(&first) = found.first() {
                        at.extend(pointers);
                        skills.extend(&found);
                        return Role::Skill(first);
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
                // "**Python** — syntax, OOP": as without the bold, a skill with topics (below).
                Label::Term if !rest.is_empty() && text::words(&label) <= 5 && !dash_after_label(inline) => {
                    let phase = self.phase();
                    let list = text::names(&rest);
                    let short =
                        list.iter().all(|n| n.names.iter().all(|x| text::words(x) <= 4)) && !rest.contains(". ");
                    // One name is a group only when it is a known skill ("**Language**: Python");
                    // "**NumPy**: array computing" describes NumPy.
                    let group = match list.as_slice() {
                        [one] if one.names.len() == 1 => self.b.knows(&one.names[0]),
                        _ => true,
                    };
                    if short && group && !list.is_empty() {
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
        if let Some(subject) = exclusions::not_required(text) {
            return self.exclusion(&subject, at);
        }
        let announced = self.list_mode == Some(Mode::Projects);
        if top_level
            && self.mode() == Mode::Projects
            && (announced || self.last_heading.to_lowercase().contains("projects"))
        {
            // An item of a "Projects" section, or of a list "Projects:" announces.
            return self.project(text, inline, None, at);
        }
        if !self.in_span_label && projects::is_project_phrase(text) {
            let p = self.phrase_project(text, at);
            return Role::Project(p);
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
        // "Git (optional)": the mark is no topic; the skill is optional.
        let marked = exclusions::optional(text);
        let (found, pointers) = self.names(marked.unwrap_or(text), phase, None);
        if marked.is_some() {
            for &s in &found {
                self.b.skills[s].optional = true;
            }
        }
        at.extend(pointers);
        skills.extend(&found);
        found.first().map_or(Role::Other, |&s| Role::Skill(s))
    }

    pub(super) fn add_task(&mut self, phase: usize, text: &str, at: &mut Vec<String>) -> Role {
        at.push(self.b.task(phase, text));
        let t = self.b.phases[phase].phase.tasks.len() - 1;
        self.link_task_skills(phase, t);
        self.task_project(phase, t, at);
        Role::Task(phase, t)
    }

    pub(super) fn exclusion(&mut self, text: &str, at: &mut Vec<String>) -> Role {
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
    pub(super) fn project(&mut self, text: &str, inline: &Inline, number: Option<u32>, at: &mut Vec<String>) -> Role {
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

//! Each phase's section: heading, goal, description, skills with their
//! topics, then (after nested phases) its tasks and the items that name it.

use trailmap::graph::{PhaseEvent, PhaseTree};
use trailmap::{Phase, Task};

use super::{Doc, md};
use crate::phase_title;

impl<'r> Doc<'r> {
    /// Every phase in document order, nested phases inside their parent's
    /// section (`PhaseTree` walks without recursion).
    pub(super) fn phases(&mut self) {
        for event in PhaseTree::events(&self.roadmap.phases) {
            match event {
                PhaseEvent::Enter(v) => self.phase_intro(v.phase, v.depth + 2),
                PhaseEvent::Leave(v) => self.phase_tail(v.phase, v.depth + 3),
            }
        }
    }

    /// What a phase says before its nested phases.
    pub(super) fn phase_intro(&mut self, phase: &'r Phase, level: usize) {
        self.heading(level, &md(&phase_title(phase)));
        match (phase.parallel, phase.ongoing) {
            (true, true) => self.block("*Parallel, ongoing.*"),
            (true, false) => self.block("*Parallel.*"),
            (false, true) => self.block("*Ongoing.*"),
            (false, false) => {}
        }
        if let Some(goal) = &phase.goal {
            self.block(&format!("**Goal:** {}", md(goal)));
        }
        if let Some(description) = &phase.description {
            self.paragraph(&md(description));
        }
        self.topics(&phase.topics);
        self.phase_skills(phase);
    }

    /// The skills a phase teaches, by name. Where a skill is first taught,
    /// its topics follow its name (a roadmap's "you must know" list), less
    /// those the phase or the name already says.
    pub(super) fn phase_skills(&mut self, phase: &'r Phase) {
        if phase.skills.is_empty() {
            return;
        }
        let mut said: Vec<&str> = vec![&phase.title];
        said.extend(phase.goal.as_deref());
        said.extend(phase.description.as_deref());
        said.extend(phase.topics.iter().map(String::as_str));
        said.extend(phase.tasks.iter().map(|t| t.text.as_str()));
        let said = said.join("\n").to_lowercase();
        let mut entries = Vec::with_capacity(phase.skills.len());
        for id in &phase.skills {
            let skill = self.skills.get(id.as_str()).copied();
            let first = self.topics_shown.insert(id.as_str());
            let mut topics = Vec::new();
            if let (Some(skill), true) = (skill, first) {
                let name = skill.name.to_lowercase();
                for topic in &skill.topics {
                    if !self.said_already(&said, topic) && !self.said_already(&name, topic) {
                        topics.push(md(topic));
                    }
                }
            }
            entries.push((self.name(id), topics));
        }
        // A list, never names joined with commas: a name may hold a comma.
        self.block("**Skills:**");
        self.list(
            entries
                .into_iter()
                .map(|(name, topics)| if topics.is_empty() { name } else { format!("{name}: {}", topics.join(", ")) }),
        );
    }

    /// One topic, or a few short ones, read best on one line, as roadmaps
    /// write them; several sentences as a list.
    pub(super) fn topics(&mut self, topics: &[String]) {
        if topics.is_empty() {
            return;
        }
        let escaped: Vec<String> = topics.iter().map(|t| md(t)).collect();
        let sentences = topics.iter().any(|t| t.trim_end().ends_with('.') || t.contains(", "));
        if let [topic] = escaped.as_slice() {
            self.block(&format!("**Topic:** {topic}"));
        } else if !sentences && escaped.iter().map(String::len).sum::<usize>() <= 120 {
            self.block(&format!("**Topics:** {}", escaped.join(", ")));
        } else {
            self.block("**Topics:**");
            self.list(escaped);
        }
    }

    /// What a phase says after its nested phases: tasks, then the items that
    /// name it. Once a heading has appeared inside the phase, each later
    /// section gets a heading of its own at `level`, so it is not read as
    /// part of the nested phase or project above it.
    pub(super) fn phase_tail(&mut self, phase: &'r Phase, level: usize) {
        let placed = self.by_phase.remove(phase.id.as_str()).unwrap_or_default();
        let mut headed = !phase.phases.is_empty();
        if !phase.tasks.is_empty() {
            self.label_or_heading(headed, level, "Tasks");
            self.tasks(&phase.tasks);
        }
        for project in placed.projects {
            self.project(project, level);
            headed = true;
        }
        if !placed.practices.is_empty() {
            self.label_or_heading(headed, level, "Practice");
            self.practices(&placed.practices);
        }
        for milestone in placed.milestones {
            self.milestone(milestone, level);
            headed = true;
        }
        if !placed.exclusions.is_empty() {
            if headed {
                self.heading(level, "What you do not need");
            } else {
                self.block("**You do not need:**");
            }
            self.exclusions(&placed.exclusions);
        }
    }

    pub(super) fn label_or_heading(&mut self, heading: bool, level: usize, text: &str) {
        if heading {
            self.heading(level, text);
        } else {
            self.block(&format!("**{text}:**"));
        }
    }

    /// Each task on its line; its skills, deliverables and project on the
    /// next (a hard line break keeps them in the same list item).
    pub(super) fn tasks(&mut self, tasks: &[Task]) {
        let items: Vec<String> = tasks
            .iter()
            .map(|task| {
                let mut details = Vec::new();
                if !task.skills.is_empty() {
                    details.push(format!("Skills: {}", self.prerequisites(&task.skills)));
                }
                if !task.deliverables.is_empty() {
                    let deliverables: Vec<String> = task.deliverables.iter().map(|d| md(d)).collect();
                    details.push(format!("Deliverables: {}", deliverables.join(", ")));
                }
                if let Some(project) = &task.project {
                    let title = self.project_titles.get(project.as_str()).copied().unwrap_or(project);
                    details.push(format!("Project: {}", md(title)));
                }
                let text = md(&task.text);
                if details.is_empty() { text } else { format!("{text}\\\n  {}", details.join(" · ")) }
            })
            .collect();
        self.list(items);
    }
}

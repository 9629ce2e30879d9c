//! Projects, practices, milestones and exclusions, in their phase or in
//! the sections for items that belong to none.

use trailmap::{Exclusion, Milestone, Practice, Project};

use super::{Doc, md};

impl Doc<'_> {
    pub(super) fn project(&mut self, project: &Project, level: usize) {
        let mut title = match project.number {
            Some(n) => format!("Project {n}: {}", md(&project.title)),
            None => format!("Project: {}", md(&project.title)),
        };
        if project.optional {
            title.push_str(" (optional)");
        }
        self.heading(level, &title);
        if let Some(description) = &project.description {
            self.paragraph(&md(description));
        }
        if !project.skills.is_empty() {
            self.block(&format!("**Skills:** {}", self.prerequisites(&project.skills)));
        }
        if !project.deliverables.is_empty() {
            self.block("**Deliverables:**");
            self.list(project.deliverables.iter().map(|d| md(d)));
        }
    }

    pub(super) fn practices(&mut self, practices: &[&Practice]) {
        let mut items = Vec::with_capacity(practices.len());
        for p in practices {
            let cadence = p.cadence.label();
            // Topics the activity already names ("Participate in team
            // meetings") would only repeat it.
            let activity = p.activity.to_lowercase();
            let mut topics = Vec::new();
            for topic in &p.topics {
                if !self.said_already(&activity, topic) {
                    topics.push(md(topic));
                }
            }
            let topics = if topics.is_empty() { String::new() } else { format!(" ({})", topics.join(", ")) };
            items.push(format!("**{cadence}:** {}{topics}", md(&p.activity)));
        }
        self.list(items);
    }

    pub(super) fn milestone(&mut self, milestone: &Milestone, level: usize) {
        self.heading(level, &md(&milestone.title));
        if let Some(description) = &milestone.description {
            self.paragraph(&md(description));
        }
        // `- [ ]` is GitHub's task list; the text is escaped, so it cannot
        // add a box of its own.
        self.list(milestone.criteria.iter().map(|c| format!("[{}] {}", if c.done { "x" } else { " " }, md(&c.text))));
    }

    pub(super) fn exclusions(&mut self, exclusions: &[&Exclusion]) {
        self.list(exclusions.iter().map(|e| match e.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(reason) => format!("{} — {}", md(&e.title), md(reason)),
            None => md(&e.title),
        }));
    }

    pub(super) fn unplaced(&mut self) {
        let placed = std::mem::take(&mut self.unplaced);
        if !placed.projects.is_empty() {
            self.heading(2, "Projects");
            for project in placed.projects {
                self.project(project, 3);
            }
        }
        if !placed.practices.is_empty() {
            self.heading(2, "Practices");
            self.practices(&placed.practices);
        }
        for milestone in placed.milestones {
            self.milestone(milestone, 2);
        }
        if !placed.exclusions.is_empty() {
            self.heading(2, "What you do not need");
            self.exclusions(&placed.exclusions);
        }
    }
}

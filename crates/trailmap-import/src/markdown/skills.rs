//! Skills from lists of names, links as resources, and the known skills a
//! task sentence names.

use trailmap::Prerequisite;

use super::Importer;
use super::parse::Link;
use crate::builder::Builder;
use crate::report::Element;
use crate::text::{self, MAX_NAME_WORDS};

impl Importer<'_> {
    /// Skills from a list of names; alternatives recorded on the phase as
    /// `x-any-of`. Names too long to be names are returned untouched.
    pub(super) fn names(&mut self, text: &str, phase: Option<usize>, area: Option<&str>) -> (Vec<usize>, Vec<String>) {
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
    pub(super) fn links(&mut self, line: usize, links: &[Link], skills: &[usize]) {
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

    /// A task names the skills it uses when they are already known ("… using Pandas and NumPy").
    pub(super) fn link_task_skills(&mut self, phase: usize, t: usize) {
        // Phrases of up to three words, read through a sliding window: a
        // list of every word of a 100 MB task took a gigabyte. The text is
        // taken out while the builder changes, and put back.
        let text = std::mem::take(&mut self.b.phases[phase].phase.tasks[t].text);
        let mut words = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')' | ';'))
            .filter(|w| !w.is_empty());
        let mut window: std::collections::VecDeque<&str> = words.by_ref().take(3).collect();
        let mut phrase = String::new();
        let mut found: Vec<trailmap::SmallString> = Vec::new();
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
}

//! Skills from lists of names, links as resources, and the known skills a
//! task sentence names.

use trailmap::Prerequisite;

use super::Importer;
use super::parse::{Inline, Link};
use crate::builder::Builder;
use crate::report::{Element, Outcome};
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
                    self.b.add_topic(s, topic);
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
            let shown = link.shown();
            if !crate::builder::safe_scheme(&link.url) {
                self.b.report.not_placed(line, Element::Link, &shown, "not a web link (unsafe scheme), not kept");
                continue;
            }
            if in_page(link) || link.text.trim().is_empty() && skills.is_empty() {
                // A table of contents' entry; a badge (an image as the link's text).
                self.b.report.push(line, Element::Link, &shown, Outcome::Decoration);
                continue;
            }
            let by_name = skills
                .iter()
                .copied()
                .find(|&s| crate::ids::normalize(&self.b.skills[s].name) == crate::ids::normalize(&link.text));
            let skill = match by_name
                .or_else(|| (skills.len() == 1 || links.len() == 1).then(|| skills.first().copied()).flatten())
            {
                Some(s) => s,
                None => match self.link_skill(link, self.phase()) {
                    Some(s) => s,
                    None => {
                        self.b.report.not_placed(line, Element::Link, &shown, "a link with no skill to attach it to");
                        continue;
                    }
                },
            };
            // The scheme was checked above, before a skill could be made for it.
            if let Some(at) = self.b.resource(skill, &link.text, &link.url, None) {
                self.b.report.placed(line, Element::Link, &shown, at);
            }
        }
    }

    /// A skill named after a link's text, in `phase`: never after its
    /// address, nor after a text too long to be a name (`None`). A text
    /// naming a known skill and a word for resources ("Kubernetes docs")
    /// gives that skill.
    pub(super) fn link_skill(&mut self, link: &Link, phase: Option<usize>) -> Option<usize> {
        let shown = link.text.trim();
        if shown.is_empty() || text::words(shown) > MAX_NAME_WORDS || is_url(shown) {
            return None;
        }
        if let Some(s) = super::resources::known_subject(&self.b, shown) {
            return Some(s);
        }
        let s = self.b.skill(&text::tidy(&link.text));
        if let Some(p) = phase {
            self.b.add_to_phase(p, s);
        }
        Some(s)
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

/// A link to a place in the same document ("#month-1").
fn in_page(link: &Link) -> bool {
    link.url.trim().starts_with('#')
}

/// "https://example.com/x", "www.example.com": an address, not a name.
pub(super) fn is_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    !text.contains(char::is_whitespace)
        && (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
}

/// Only navigation: links within the document (a table of contents) and
/// badges (images as links), with nothing but separators between them.
pub(super) fn navigation(inline: &Inline) -> bool {
    if inline.links.is_empty() || !inline.links.iter().all(|l| in_page(l) || l.text.trim().is_empty()) {
        return false;
    }
    let mut rest = inline.text.clone();
    for link in &inline.links {
        if let Some(at) = rest.find(link.text.as_str()).filter(|_| !link.text.is_empty()) {
            rest.replace_range(at..at + link.text.len(), "");
        }
    }
    rest.chars().all(|c| c.is_whitespace() || "|•·-–—,/>".contains(c))
}

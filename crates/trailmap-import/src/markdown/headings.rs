//! Headings: nested phases with the spans their text states; projects named in them.

use trailmap::PhaseKind;

use super::labels::{PROJECT, section_mode};
use super::parse::Inline;
use super::projects;
use super::stated;
use super::{Importer, Mode};
use crate::builder::Builder;
use crate::prerequisites::Dependent;
use crate::report::{Element, Outcome};
use crate::span;

impl Importer<'_> {
    pub(super) fn heading(&mut self, level: u8, line: usize, inline: &Inline) {
        self.items.clear();
        self.list_mode = None;
        self.list_milestone = None;
        // "## Deep Learning (requires Python)": the statement is not part of the title.
        let statement = stated::split(&inline.text).filter(|(rest, _)| !rest.is_empty());
        let h = span::heading(statement.as_ref().map_or(inline.text.as_str(), |(rest, _)| rest.as_str()));
        self.line = line;
        let leading = self.headings.is_empty() && self.b.phases.is_empty();
        // The title is the first heading unless it is labelled as a phase
        // ("## Week 1: Python" is the first phase of a document without
        // one); front matter's title, repeated by the first heading, stays it.
        let repeated = self.front_matter_title && self.b.title.as_deref() == Some(h.clean.as_str());
        if leading && !h.labelled && (self.b.title.is_none() || repeated) {
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
        if is_aside(&h.clean) || self.headings.last().is_some_and(|top| top.2 == Mode::Aside) {
            self.b.report.push(line, Element::Heading, &inline.text, Outcome::Decoration);
            self.headings.push((level, None, Mode::Aside));
            return;
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
        self.b.phases[p].each = h.each;
        let mut at = vec![self.b.phases[p].pointer.clone()];
        if let Some((_, names)) = statement {
            at.push(self.state(Dependent::Phase(p), names, Element::Heading));
        }
        // "Capstone Project and Integration": a project besides the phase.
        if let Some(project) = projects::in_heading(title) {
            let pj = self.b.project(&project, None, Some(p));
            at.push(format!("/projects/{pj}"));
        }
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
}

/// Headings of a README's sections about the document itself, not the
/// roadmap ("Table of Contents", "Contributing", "License", "⭐ Star
/// History", "FAQ"): compared whole, so "Support Vector Machines" is no aside.
const ASIDES: [&str; 26] = [
    "acknowledgements",
    "acknowledgments",
    "author",
    "authors",
    "code of conduct",
    "contents",
    "contribute",
    "contributing",
    "contribution",
    "contributions",
    "contributors",
    "credits",
    "faq",
    "frequently asked questions",
    "how to contribute",
    "licence",
    "license",
    "maintainers",
    "show your support",
    "sponsor",
    "sponsors",
    "star history",
    "stargazers",
    "support",
    "table of contents",
    "toc",
];

/// Whether a heading opens a section about the document ([`ASIDES`]).
fn is_aside(heading: &str) -> bool {
    let words: Vec<String> =
        heading.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_lowercase).collect();
    ASIDES.contains(&words.join(" ").as_str())
}

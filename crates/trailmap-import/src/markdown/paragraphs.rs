//! Paragraphs outside lists: prose for descriptions, labels that announce
//! the list below ("You must know:"), goals, exclusions and practices.

use trailmap::MilestoneKind;

use super::exclusions;
use super::labels::{Label, NOT_NEEDED, PROJECT, classify_label, split_label};
use super::parse::Inline;
use super::stated;
use super::{Importer, Mode, criterion};
use crate::prerequisites::{Dependent, Stated};
use crate::report::{Element, Outcome};
use crate::text;

impl Importer<'_> {
    pub(super) fn append(field: &mut Option<String>, text: &str) {
        match field {
            Some(existing) => {
                existing.push_str("\n\n");
                existing.push_str(text);
            }
            None => *field = Some(text.to_owned()),
        }
    }

    /// Prose: into the phase description, or the roadmap summary before any phase.
    pub(super) fn prose(&mut self, text: &str) -> String {
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

    pub(super) fn paragraph(&mut self, line: usize, inline: &Inline) {
        self.items.clear();
        self.list_milestone = None;
        let text = inline.text.trim();
        self.line = line;
        // A paragraph ends a list of resources (a label below starts another).
        if self.list_mode == Some(Mode::Resources) {
            self.list_mode = None;
        }
        if super::skills::navigation(inline) {
            // A row of badges, a table of contents.
            self.b.report.push(line, Element::Paragraph, text, Outcome::Decoration);
            self.links(line, &inline.links, &[]);
            return;
        }
        if self.paragraph_heading(line, inline) {
            return;
        }
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
                    Label::Milestone(kind) => Mode::Milestone(kind),
                    Label::Project(_) => Mode::Projects,
                    Label::Practice(c) => Mode::Practices(c),
                    _ if label.to_lowercase().contains("ready") => Mode::Milestone(MilestoneKind::Checklist),
                    _ if super::resources::is_resource_word(&label) => Mode::Resources,
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
            // "**Resources:** [Python docs](…), [Real Python](…)": as a list of resources.
            Some((label, _)) if super::resources::is_resource_word(&label) && !inline.links.is_empty() => {
                self.resource_item(line, Element::Paragraph, text, inline, None);
                return;
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
                Label::Milestone(kind) => {
                    let phase = self.phase();
                    let m = self.b.milestone(&label, kind, phase);
                    let rest_trim = rest.trim_end_matches(':');
                    self.b.milestones[m].criteria.push(criterion(rest_trim, false));
                    self.list_milestone = Some(m);
                    self.list_mode = Some(Mode::Milestone(kind));
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
                // "*Project:* Predict house prices …", as a list item says it.
                Label::Project(number) if PROJECT.is_match(&format!("{label}:")) && !rest.ends_with(':') => {
                    self.project(&rest, inline, number, &mut at);
                }
                // "Tip: you do NOT need Spark yet."
                Label::Note if exclusions::not_required(&rest).is_some() => {
                    let subject = exclusions::not_required(&rest).unwrap_or_default();
                    self.exclusion(&subject, &mut at);
                }
                Label::Prerequisites if self.phase().is_some() => {
                    // "Prerequisites: Python, SQL" under a heading: of every skill of its phase.
                    let phase = self.ensure_phase();
                    at.push(self.state(Dependent::Phase(phase), vec![rest.clone()], Element::Paragraph));
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
        // "Take Andrew Ng's course. Then build projects:" announces the list below.
        if self.list_mode.is_none() && text.ends_with(':') {
            let last = text.trim_end_matches(':').rsplit(". ").next().unwrap_or(text);
            self.list_mode = match classify_label(last) {
                _ if text::words(last) > 6 => None,
                Label::Project(_) => Some(Mode::Projects),
                Label::Exclusion => Some(Mode::Exclusions),
                _ if super::resources::is_resource_word(last) => Some(Mode::Resources),
                _ => None,
            };
        }
        if let Some(phase) = self.phase() {
            // "This phase builds on linear algebra.": names that resolve are prerequisites.
            for names in stated::in_prose(text) {
                let stated = Stated {
                    dependent: Dependent::Phase(phase),
                    text: names,
                    line,
                    element: Element::Paragraph,
                    quiet: true,
                };
                self.b.stated.push(stated);
            }
        }
        self.b.report.push(line, Element::Paragraph, text, Outcome::Placed { at });
        self.links(line, &inline.links, &created);
    }
}

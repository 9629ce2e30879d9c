//! Headings: nested phases with the spans their text states; projects
//! named in them; headings that only label their parent's list ("###
//! Projects"); headings with nothing under them, which name a skill of
//! their parent ("### 4.3 RNNs"); and paragraphs that title a phase as a
//! heading would ("**Phase 1: Foundations (Weeks 1–4)**").

use trailmap::PhaseKind;

use super::labels::{Label, PROJECT, classify_label, learned_subject, section_mode, split_label};
use super::parse::Inline;
use super::projects;
use super::stated;
use super::{Importer, Mode};
use crate::builder::Builder;
use crate::prerequisites::Dependent;
use crate::report::{Element, Outcome};
use crate::span;
use crate::text;

/// The level given to a paragraph that titles a phase: below every
/// heading, so that it nests in the section it is in and the next such
/// paragraph, or any heading, ends it.
const PARAGRAPH_LEVEL: u8 = 7;

/// A phase made for a heading that may turn out to have nothing under it.
#[derive(Debug)]
pub(super) struct Leaf {
    level: u8,
    phase: usize,
    /// The heading's report entry: nothing reported after it means nothing under it.
    entry: usize,
    /// The skill the heading named already (a known skill), listed in the phase.
    known: Option<usize>,
    name: String,
}

impl Importer<'_> {
    pub(super) fn heading(&mut self, level: u8, line: usize, inline: &Inline) {
        self.heading_as(level, line, inline, Element::Heading);
    }

    /// A paragraph that titles a phase, read as a heading below the
    /// current ones: all in bold and stating a span or a kind ("**Phase 1:
    /// Foundations (Weeks 1–4)**", "**Week 6 checklist**"), or led by a
    /// span label ("Week 3–4: Deep learning", "**Month 2:** Models"). A
    /// long text after the label describes the phase. `false` for any
    /// other paragraph.
    pub(super) fn paragraph_heading(&mut self, line: usize, inline: &Inline) -> bool {
        let text = inline.text.trim();
        let bold = inline.label.as_deref().is_some_and(|label| label.trim() == text.trim_end_matches(':').trim_end());
        if bold && text::words(text) <= 16 && titles_phase(text) {
            self.heading_as(PARAGRAPH_LEVEL, line, inline, Element::Paragraph);
            return true;
        }
        let Some((label, rest)) = split_label(inline) else { return false };
        // A label: "Week 3–4:" alone, or with text after it; "Week 1 is the hardest" is none.
        let labelled = !rest.is_empty() || text.ends_with(':');
        if !labelled || !matches!(classify_label(&label), Label::Span(_)) || rest.ends_with(':') {
            return false;
        }
        let long = text::words(&rest) > 10;
        let title = Inline { text: label, label: None, strong: None, links: Vec::new() };
        self.heading_as(PARAGRAPH_LEVEL, line, if long { &title } else { inline }, Element::Paragraph);
        let Some(phase) = self.heading_phase() else { return true };
        // "Week 4: NumPy, Pandas" names the phase's skills, as a list item
        // would; a sentence after the label is its task or describes it.
        let mut more = Vec::new();
        if long && text::is_task(&rest) {
            self.add_task(phase, &rest, &mut more);
        } else if long {
            more.push(self.prose(&rest));
        } else if !text::is_task(&rest)
            && text::names(&rest).iter().all(|n| n.names.iter().all(|n| text::words(n) <= 4))
        {
            more = self.names(&rest, Some(phase), None).1;
        }
        if let Some(entry) = self.b.report.entries.last_mut() {
            entry.text = crate::report::shorten(text);
            if let Outcome::Placed { at } = &mut entry.outcome {
                at.extend(more);
            }
        }
        true
    }

    /// A heading (or a paragraph read as one, `element`) at `level`.
    fn heading_as(&mut self, level: u8, line: usize, inline: &Inline, element: Element) {
        self.close_leaf(level);
        self.items.clear();
        self.list_mode = None;
        self.list_milestone = None;
        // "## Deep Learning (requires Python)": the statement is not part of the title.
        let statement = stated::split(&inline.text).filter(|(rest, _)| !rest.is_empty());
        let h = span::heading(statement.as_ref().map_or(inline.text.as_str(), |(rest, _)| rest.as_str()));
        self.line = line;
        let leading = self.headings.is_empty() && self.b.phases.is_empty() && element == Element::Heading;
        // The title is the first heading unless it is labelled as a phase
        // ("## Week 1: Python" is the first phase of a document without
        // one); front matter's title, repeated by the first heading, stays it.
        let repeated = self.front_matter_title && self.b.title.as_deref() == Some(h.clean.as_str());
        if leading && !h.labelled && (self.b.title.is_none() || repeated) {
            self.b.title = Some(h.clean.clone());
            self.b.report.placed(line, element, &inline.text, "/title".to_owned());
            return;
        }
        if self.b.phases.is_empty() && element == Element::Heading {
            if let Some((label, value)) = h.clean.split_once(':') {
                let pointer = match label.trim().to_lowercase().as_str() {
                    "target" | "audience" | "for" => Some((&mut self.b.audience, "/audience")),
                    "role" | "target role" => Some((&mut self.b.target_role, "/target_role")),
                    "objective" | "summary" | "goal" => Some((&mut self.b.summary, "/summary")),
                    _ => None,
                };
                if let Some((field, pointer)) = pointer {
                    *field = Some(value.trim().to_owned());
                    self.b.report.placed(line, element, &inline.text, pointer.to_owned());
                    return;
                }
                if label.trim().eq_ignore_ascii_case("philosophy") || label.trim().eq_ignore_ascii_case("principle") {
                    self.b.principles.push(value.trim().to_owned());
                    let at = format!("/principles/{}", self.b.principles.len() - 1);
                    self.b.report.placed(line, element, &inline.text, at);
                    return;
                }
            }
        }
        while self.headings.last().is_some_and(|top| top.0 >= level) {
            self.headings.pop();
        }
        if is_aside(&h.clean) || self.headings.last().is_some_and(|top| top.2 == Mode::Aside) {
            self.b.report.push(line, element, &inline.text, Outcome::Decoration);
            self.headings.push((level, None, Mode::Aside));
            return;
        }
        let parent = self.heading_phase().filter(|_| !self.headings.is_empty());
        // "### Projects" under "## Level 1": the level's projects, not a phase of their own.
        // "### 📚 Resources": links to read about the skills named before.
        let plain = h.time.is_none() && h.kind.is_none();
        let resources = plain && lists_resources(&h.clean);
        let mode = if resources { Mode::Resources } else { section_mode(&h.clean.to_lowercase()) };
        if let Some(parent) = parent.filter(|_| resources || plain && labels_list(&h.clean)) {
            let at = self.b.phases[parent].pointer.clone();
            self.b.report.placed(line, element, &inline.text, at);
            self.last_heading = h.clean.clone();
            self.headings.push((level, None, mode));
            return;
        }
        self.last_heading = h.clean.clone();
        if let Some(c) = PROJECT.captures(&h.clean) {
            let title = c.get(2).map_or("", |m| m.as_str()).trim();
            let title = if title.is_empty() { h.clean.as_str() } else { title };
            let number = c.get(1).and_then(|m| m.as_str().parse().ok());
            // A phase too, so the document keeps its shape; the project points at it.
            let phase = self.b.phase(parent, &h.clean, Some(PhaseKind::Section), h.time.as_ref());
            let p = self.b.project(title, number, Some(phase));
            let at = vec![self.b.phases[phase].pointer.clone(), format!("/projects/{p}")];
            self.b.report.push(line, element, &inline.text, Outcome::Placed { at });
            self.headings.push((level, Some(phase), Mode::Project(p)));
            return;
        }
        let kind = if mode == Mode::Normal { h.kind } else { h.kind.or(Some(PhaseKind::Section)) };
        // "**Month 6:**" over its list is titled "Month 6".
        let title = if h.title.is_empty() { h.clean.trim_end_matches(':').trim_end() } else { h.title.as_str() };
        let p = self.b.phase(parent, title, kind, h.time.as_ref());
        let lower = h.clean.to_lowercase();
        // "MATHEMATICS (Parallel, Ongoing)".
        self.b.phases[p].phase.ongoing = matches!(mode, Mode::Practices(_)) || lower.contains("ongoing");
        self.b.phases[p].phase.parallel = lower.contains("parallel");
        self.b.phases[p].each = h.each;
        let mut at = vec![self.b.phases[p].pointer.clone()];
        let mut may_be_leaf = statement.is_none();
        if let Some((_, names)) = statement {
            at.push(self.state(Dependent::Phase(p), names, element));
        }
        // "Capstone Project and Integration": a project besides the phase.
        if let Some(project) = projects::in_heading(title) {
            let pj = self.b.project(&project, None, Some(p));
            at.push(format!("/projects/{pj}"));
            may_be_leaf = false;
        }
        // A nested heading naming a known skill ("## Linear Algebra") teaches
        // it; so does any heading "Learn Python".
        let mut known = None;
        let head = title.split('(').next().unwrap_or(title).trim();
        let learned = learned_subject(head).filter(|subject| text::words(subject) <= 3);
        if mode == Mode::Normal && (learned.is_some() || parent.is_some() && h.time.is_none() && self.b.knows(head)) {
            let s = self.b.skill(learned.unwrap_or(head));
            self.b.add_to_phase(p, s);
            at.push(Builder::skill_pointer(s));
            known = Some(s);
        }
        self.b.report.push(line, element, &inline.text, Outcome::Placed { at });
        if may_be_leaf && element == Element::Heading && mode == Mode::Normal && parent.is_some() && kind.is_none() {
            let entry = self.b.report.entries.len() - 1;
            self.leaf = Some(Leaf { level, phase: p, entry, known, name: title.to_owned() });
        }
        self.headings.push((level, Some(p), mode));
    }

    /// Ends the section of the last heading, if it was made a phase that
    /// may have nothing under it ([`Leaf`]), before a heading at
    /// `next_level` (0 at the end of the document). A heading with
    /// nothing under it (no block, no deeper heading) in a phase names a
    /// skill there ("## Deep Learning", then "### CNNs", "### RNNs"): it
    /// becomes that skill rather than a phase that teaches nothing.
    pub(super) fn close_leaf(&mut self, next_level: u8) {
        let Some(leaf) = self.leaf.take() else { return };
        if next_level > leaf.level || self.b.report.entries.len() != leaf.entry + 1 {
            return;
        }
        let name = text::without_outline_number(&leaf.name);
        let name = learned_subject(name).unwrap_or(name);
        let named = text::names(name).iter().any(|n| n.names.iter().any(|n| text::words(n) <= text::MAX_NAME_WORDS))
            && !NOT_NAMES.contains(&words_of(name).as_str())
            // "### 4.2 Week 3": a span, whose number hid it from the heading's reading.
            && span::time_at_start(name).is_none()
            && span::heading(name).kind.is_none();
        let Some(parent) = named.then(|| self.b.drop_last_phase(leaf.phase, leaf.known)).flatten() else { return };
        let (_, at) = self.names(name, Some(parent), None);
        self.b.report.entries[leaf.entry].outcome = Outcome::Placed { at };
        if let Some(h) = self.headings.iter_mut().rev().find(|h| h.1 == Some(leaf.phase)) {
            h.1 = None;
        }
    }
}

/// Whether a paragraph all in bold titles a phase as a heading would: it
/// opens with a label of a span or a kind and nothing else before its
/// first separator ("Phase 1: Foundations", "Weeks 5–8 — Models", "Month
/// 2"), or states a span after its name ("Foundations (Weeks 1–4)",
/// "Deep Learning — Month 4"). "Week 1 is the hardest" and "2 hours a
/// day" say something else.
fn titles_phase(text: &str) -> bool {
    let head_end = text.find([':', '—', '–', '|', '(']).into_iter().chain(text.find(" - ")).min();
    let head = span::heading(&text[..head_end.unwrap_or(text.len())]);
    let label_only =
        head.title.is_empty() && (head.kind.is_some() || matches!(head.time, Some(span::Time::Range { .. })));
    let whole = span::heading(text);
    label_only || (whole.time.is_some() && span::time_at_start(&whole.clean).is_none())
}

/// Headings that name no skill when nothing is under them: what a
/// document says about itself or its reading ("Resources", "Next steps").
const NOT_NAMES: [&str; 18] = [
    "books",
    "conclusion",
    "courses",
    "extras",
    "further reading",
    "introduction",
    "links",
    "materials",
    "next steps",
    "notes",
    "overview",
    "reading",
    "references",
    "resources",
    "summary",
    "tips",
    "tools",
    "videos",
];

/// Headings that only label their parent's list ("Skills", "Topics",
/// "What you'll learn", "Projects", "Project ideas"), compared whole.
const LIST_LABELS: [&str; 22] = [
    "concepts",
    "core skills",
    "core topics",
    "key concepts",
    "key skills",
    "key topics",
    "mini projects",
    "practice projects",
    "project ideas",
    "projects",
    "projects to build",
    "skills",
    "skills to learn",
    "suggested projects",
    "topics",
    "topics covered",
    "topics to cover",
    "topics to learn",
    "what to learn",
    "what you ll learn",
    "what you will learn",
    "you will learn",
];

/// Whether a heading announces resources: "Resources", "📚 Further
/// reading", "Recommended books", "Learning resources".
fn lists_resources(heading: &str) -> bool {
    let words = words_of(heading);
    let words = ["learning ", "recommended ", "useful ", "additional ", "free ", "more "]
        .iter()
        .find_map(|adjective| words.strip_prefix(adjective))
        .unwrap_or(&words);
    super::resources::is_resource_word(words)
}

/// Whether a heading only labels its parent's list ([`LIST_LABELS`]).
fn labels_list(heading: &str) -> bool {
    LIST_LABELS.contains(&words_of(heading).as_str())
}

/// A heading's words, lowercased, joined by single spaces (emoji and
/// punctuation dropped).
fn words_of(heading: &str) -> String {
    let words: Vec<String> =
        heading.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).map(str::to_lowercase).collect();
    words.join(" ")
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
    ASIDES.contains(&words_of(heading).as_str())
}

//! Markdown prose to a roadmap draft: headings become nested phases with
//! the spans their text states, list items become skills, tasks, topics,
//! projects, practices, milestone criteria or exclusions by what they say
//! and where they sit, links become resources, tables become areas or
//! course skills. Every block is accounted for in the report.

mod exclusions;
mod headings;
mod items;
mod labels;
mod paragraphs;
mod parse;
mod projects;
mod resources;
mod skills;
mod stated;
mod table;

use trailmap::{Cadence, Criterion, MilestoneKind, PhaseKind};

use crate::builder::Builder;
use crate::report::{Element, Outcome};
use crate::{Imported, Options};
use parse::Block;
pub use parse::MAX_DEPTH;

/// What a section (a heading and what follows it) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    /// A section about the document rather than the roadmap (its contents,
    /// how to contribute, its licence): everything in it is decoration.
    Aside,
    /// A list announced as resources ("📚 **References**:"): each item's
    /// links name skills, the rest of the item describes them.
    Resources,
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
    /// A label announcing resources ("Resources:"): its items' links are
    /// resources of this skill, or of skills named after them.
    Resources(Option<usize>),
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
    /// Reading the text after a span label ("Week 14: NLP Project"), which titles a phase.
    in_span_label: bool,
    /// The line of the block being read.
    line: usize,
    /// The title came from YAML front matter (a first heading repeating it is the title too).
    front_matter_title: bool,
    /// The last heading's phase, while nothing has been read under it.
    leaf: Option<headings::Leaf>,
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

    /// Reports a block of an [`Mode::Aside`] section, and its links, as decoration.
    fn aside(&mut self, block: &Block) {
        let report = &mut self.b.report;
        let mut push = |line: usize, element: Element, text: &str, links: &[parse::Link]| {
            report.push(line, element, text, Outcome::Decoration);
            for link in links {
                report.push(line, Element::Link, &link.shown(), Outcome::Decoration);
            }
        };
        match block {
            Block::Paragraph { line, inline } => push(*line, Element::Paragraph, &inline.text, &inline.links),
            Block::Item { line, checked, inline, .. } => {
                let element = if checked.is_some() { Element::Checkbox } else { Element::ListItem };
                push(*line, element, &inline.text, &inline.links);
            }
            Block::Table { line, header, rows } => {
                for (line, cells) in std::iter::once((line, header)).chain(rows.iter().map(|(l, c)| (l, c))) {
                    let text: Vec<&str> = cells.iter().map(|cell| cell.text.as_str()).collect();
                    let links: Vec<parse::Link> = cells.iter().flat_map(|cell| cell.links.iter().cloned()).collect();
                    push(*line, Element::TableRow, &text.join(" | "), &links);
                }
            }
            Block::Decoration { line, text } | Block::Code { line, text } | Block::FrontMatter { line, text, .. } => {
                push(*line, Element::Paragraph, text.trim(), &[]);
            }
            Block::Heading { .. } => {}
        }
    }
}

fn criterion(text: &str, done: bool) -> Criterion {
    let mut criterion = Criterion::new(text);
    criterion.done = done;
    criterion
}

/// The most elements (headings, paragraphs, list items, table rows and
/// cells, links, images, code blocks) a Markdown source may hold: a
/// hundred times the largest published roadmaps, and small enough that an
/// import stays well under a gigabyte of memory.
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
        in_span_label: false,
        line: 0,
        front_matter_title: false,
        leaf: None,
    };
    importer.b.infer = options.infer_prerequisites;
    let blocks = parse::blocks(source, MAX_ELEMENTS).map_err(|line| {
        format!("line {line}: more than {MAX_ELEMENTS} elements (headings, paragraphs, list items, table cells, links); split the source")
    })?;
    for block in blocks {
        if importer.mode() == Mode::Aside && !matches!(block, Block::Heading { .. }) {
            importer.aside(&block);
            continue;
        }
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
            Block::FrontMatter { line, title: Some(title), text } => {
                importer.b.title = Some(title);
                importer.front_matter_title = true;
                importer.b.report.placed(line, Element::Paragraph, text.trim(), "/title".to_owned());
            }
            Block::FrontMatter { line, title: None, text } => {
                importer.b.report.push(line, Element::Paragraph, text.trim(), Outcome::Decoration)
            }
            Block::Code { line, text } => {
                let at = importer.prose(&format!("```\n{}```", text));
                importer.b.report.placed(line, Element::Paragraph, &text, at);
            }
        }
    }
    importer.close_leaf(0);
    let title = importer.b.title.clone().unwrap_or_default();
    let id = options.id.clone().unwrap_or_else(|| crate::ids::kebab(&title, "imported"));
    let (roadmap, report) = importer.b.finish(&id, options.source_file.as_deref());
    Ok(Imported { roadmap, report })
}

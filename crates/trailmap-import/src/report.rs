//! The import report: what became of every element of the source.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// What kind of source element an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Element {
    /// A Markdown heading.
    Heading,
    /// A Markdown paragraph outside lists.
    Paragraph,
    /// A Markdown list item (not a checkbox).
    ListItem,
    /// A Markdown `- [ ]` or `- [x]` item.
    Checkbox,
    /// A row of a Markdown table.
    TableRow,
    /// A Markdown link.
    Link,
    /// A roadmap.sh node.
    Node,
    /// A roadmap.sh edge.
    Edge,
    /// A Metacademy concept folder.
    Concept,
    /// A line of a Metacademy `dependencies.txt`.
    Dependency,
    /// A line of a Metacademy `resources.txt`.
    Resource,
    /// A prerequisite inferred by `--infer-prerequisites`, not stated in the source.
    Inferred,
}

/// What became of an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Outcome {
    /// Placed in the roadmap at these JSON Pointers.
    Placed {
        /// RFC 6901 pointers into the output roadmap.
        at: Vec<String>,
    },
    /// Decoration only (rules, emoji banners, closing remarks): nothing to keep.
    Decoration,
    /// Not placed anywhere.
    NotPlaced {
        /// Why.
        reason: String,
    },
}

/// One source element and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Entry {
    /// The file the element is in, when the source is a folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line of the element (0 when the source has no lines, as in JSON graphs).
    pub line: usize,
    /// The element's kind.
    pub element: Element,
    /// The element's text, shortened to 120 characters.
    pub text: String,
    /// What became of it.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Every element of a source with its outcome, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The entries, in source order.
    pub entries: Vec<Entry>,
}

/// Counts of outcomes, for summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// Elements placed in the roadmap.
    pub placed: usize,
    /// Elements ignored as decoration.
    pub decoration: usize,
    /// Elements not placed.
    pub not_placed: usize,
}

impl Report {
    /// Records an element.
    pub fn push(&mut self, line: usize, element: Element, text: &str, outcome: Outcome) {
        self.entries.push(Entry { file: None, line, element, text: shorten(text), outcome });
    }

    /// Records an element of a file in a folder source.
    pub fn push_in(&mut self, file: &str, line: usize, element: Element, text: &str, outcome: Outcome) {
        self.entries.push(Entry { file: Some(file.to_owned()), line, element, text: shorten(text), outcome });
    }

    /// Records an element placed at one pointer.
    pub fn placed(&mut self, line: usize, element: Element, text: &str, at: String) {
        self.push(line, element, text, Outcome::Placed { at: vec![at] });
    }

    /// Records an element not placed.
    pub fn not_placed(&mut self, line: usize, element: Element, text: &str, reason: &str) {
        self.push(line, element, text, Outcome::NotPlaced { reason: reason.to_owned() });
    }

    /// The prerequisites `removed` (by skill, their indices in the lists as
    /// they were, ascending) were removed: pointers to them are dropped (an
    /// entry left with none is not placed, for the `reason` of the first it
    /// lost) and pointers to the ones after them move down. The removed ones
    /// some entry pointed to, as `(skill, index)`. One pass over the entries.
    pub(crate) fn prerequisites_removed(
        &mut self,
        removed: &HashMap<usize, Vec<usize>>,
        reason: impl Fn(usize, usize) -> String,
    ) -> HashSet<(usize, usize)> {
        let mut found = HashSet::new();
        for entry in &mut self.entries {
            let Outcome::Placed { at } = &mut entry.outcome else { continue };
            let mut lost = None;
            at.retain_mut(|pointer| {
                let Some((skill, n, rest)) = prerequisite_pointer(pointer) else { return true };
                let Some(gone) = removed.get(&skill) else { return true };
                let below = gone.partition_point(|&r| r < n);
                if gone.get(below) == Some(&n) {
                    found.insert((skill, n));
                    lost.get_or_insert((skill, n));
                    return false;
                }
                if below > 0 {
                    *pointer = format!("/skills/{skill}/prerequisites/{}{rest}", n - below);
                }
                true
            });
            if let (Some((skill, n)), true) = (lost, at.is_empty()) {
                entry.outcome = Outcome::NotPlaced { reason: reason(skill, n) };
            }
        }
        found
    }

    /// Makes every pointer resolve in `roadmap` (the output as JSON): one
    /// to a field left empty, and so not written ("/skills/0/prerequisites"
    /// when no name resolved), becomes its nearest written ancestor.
    pub(crate) fn settle(&mut self, roadmap: &serde_json::Value) {
        for entry in &mut self.entries {
            let Outcome::Placed { at } = &mut entry.outcome else { continue };
            for pointer in at.iter_mut() {
                while roadmap.pointer(pointer).is_none() {
                    let Some(cut) = pointer.rfind('/') else { break };
                    pointer.truncate(cut);
                }
            }
            let mut seen = std::collections::HashSet::new();
            at.retain(|p| seen.insert(p.clone()));
        }
    }

    /// How many elements had each outcome.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for entry in &self.entries {
            match entry.outcome {
                Outcome::Placed { .. } => counts.placed += 1,
                Outcome::Decoration => counts.decoration += 1,
                Outcome::NotPlaced { .. } => counts.not_placed += 1,
            }
        }
        counts
    }

    /// The report as pretty JSON, `{"counts": …, "entries": […]}`, with a
    /// trailing newline: what `trailmap import --report json` prints.
    ///
    /// ```
    /// let mut report = trailmap_import::report::Report::default();
    /// report.not_placed(3, trailmap_import::report::Element::Paragraph, "Some prose", "no skill named");
    /// let value: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    /// assert_eq!(value["counts"]["not_placed"], 1);
    /// assert_eq!(value["entries"][0]["line"], 3);
    /// ```
    pub fn to_json(&self) -> String {
        // Serialised straight from the entries: a `json!` value would copy each.
        #[derive(Serialize)]
        struct Json<'a> {
            counts: Counts,
            entries: &'a [Entry],
        }
        let mut text =
            serde_json::to_string_pretty(&Json { counts: self.counts(), entries: &self.entries }).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The entries of one kind.
    pub fn of(&self, element: Element) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.element == element)
    }
}

/// At most 120 characters, with an ellipsis when cut.
pub(crate) fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    match text.char_indices().nth(MAX) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

/// `/skills/{skill}/prerequisites/{n}` and what follows it, read from a
/// report pointer.
fn prerequisite_pointer(pointer: &str) -> Option<(usize, usize, &str)> {
    let tail = pointer.strip_prefix("/skills/")?;
    let (skill, tail) = tail.split_once('/')?;
    let tail = tail.strip_prefix("prerequisites/")?;
    let end = tail.find('/').unwrap_or(tail.len());
    Some((skill.parse().ok()?, tail[..end].parse().ok()?, &tail[end..]))
}

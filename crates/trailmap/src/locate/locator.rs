//! [`Locator`]: one parse of a source for any number of questions.

use super::{SequenceSpans, locate_json};
use crate::diagnostic::Diagnostic;
use crate::format::Format;
use crate::line_index::LineIndex;

/// A source that is parsed at most once, however many times diagnostics
/// and YAML sequences are located in it: `lint` on a YAML file locates its
/// findings, the sequences its fixes cut and its suppression problems in
/// one tree.
///
/// ```
/// use trailmap::{Diagnostic, Format, Severity, locate::Locator};
///
/// let source = "skills:\n  - id: x\n    prerequisites: [a, b]\n";
/// let mut locator = Locator::new(source, Format::Yaml);
/// let mut diags = vec![Diagnostic::new("TM002", "schema", Severity::Error, "m").at("/skills/0/id")];
/// locator.locate(&mut diags);
/// assert_eq!(diags[0].location.unwrap().line, 2);
/// let sequences = locator.yaml_sequences(&["/skills/0/prerequisites"]);
/// assert!(sequences[0].as_ref().unwrap().flow);
/// ```
#[derive(Debug)]
pub struct Locator<'s> {
    /// The source after any byte-order mark.
    text: &'s str,
    /// The byte-order mark's length, added back to every offset.
    shift: usize,
    format: Format,
    /// The YAML tree once parsed; `Some(None)` when the text does not parse.
    yaml: Option<Option<crate::yaml::Document>>,
}

impl<'s> Locator<'s> {
    /// A locator for `source`, read as `format`; nothing is parsed yet.
    ///
    /// ```
    /// let locator = trailmap::locate::Locator::new("{}", trailmap::Format::Json);
    /// # drop(locator);
    /// ```
    pub fn new(source: &'s str, format: Format) -> Self {
        let (text, shift) = match source.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (source, 0),
        };
        Locator { text, shift, format, yaml: None }
    }

    fn yaml(&mut self) -> Option<&crate::yaml::Document> {
        let text = self.text;
        self.yaml.get_or_insert_with(|| crate::yaml::parse(text).ok()).as_ref()
    }

    /// [`locate_as`](super::locate_as): fills in the location of every
    /// diagnostic that has none.
    ///
    /// ```
    /// use trailmap::{Diagnostic, Format, Severity, locate::Locator};
    /// let mut diags = vec![Diagnostic::new("TM002", "schema", Severity::Error, "m").at_key("/b")];
    /// Locator::new("{a: 1, b: 2}", Format::Yaml).locate(&mut diags);
    /// assert_eq!(diags[0].location.unwrap().column, 8);
    /// ```
    pub fn locate(&mut self, diagnostics: &mut [Diagnostic]) {
        if diagnostics.iter().all(|d| d.location.is_some()) {
            return;
        }
        // Located in the text after the byte-order mark, then shifted back.
        let unlocated: Vec<usize> = if self.shift == 0 {
            Vec::new()
        } else {
            (0..diagnostics.len()).filter(|&i| diagnostics[i].location.is_none()).collect()
        };
        let text = self.text;
        match self.format {
            Format::Yaml => match self.yaml() {
                Some(document) => crate::yaml::locate(text, &document.root, diagnostics),
                // Text that does not parse has no positions but the start.
                None => {
                    for d in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
                        d.location = Some(LineIndex::new("").location("", 0, 0));
                    }
                }
            },
            _ => locate_json(text, diagnostics),
        }
        for i in unlocated {
            if let Some(l) = &mut diagnostics[i].location {
                l.offset += self.shift;
                l.end_offset += self.shift;
            }
        }
    }

    /// [`yaml_sequences`](super::yaml_sequences), from the tree this
    /// locator has parsed (or parses now); every pointer is `None` in a
    /// source that is not YAML.
    pub fn yaml_sequences<P: AsRef<str>>(&mut self, pointers: &[P]) -> Vec<Option<SequenceSpans>> {
        let (text, shift) = (self.text, self.shift);
        let document = if self.format == Format::Yaml { self.yaml() } else { None };
        let Some(document) = document else { return vec![None; pointers.len()] };
        let shifted = |(a, b): (usize, usize)| (a + shift, b + shift);
        pointers
            .iter()
            .map(|pointer| {
                let node = crate::yaml::node_at(&document.root, pointer.as_ref())?;
                let crate::yaml::NodeValue::Seq(items) = &node.value else { return None };
                Some(SequenceSpans {
                    span: shifted(node.span),
                    items: items.iter().map(|item| shifted(item.span)).collect(),
                    flow: text.as_bytes().get(node.span.0) == Some(&b'['),
                })
            })
            .collect()
    }
}

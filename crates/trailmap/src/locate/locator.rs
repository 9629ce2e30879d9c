//! [`Locator`]: one parse of a source for any number of questions.

use std::collections::HashSet;

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
    /// The pointers [`expect`](Self::expect) announced, with their
    /// ancestors: the YAML tree keeps only these. `None`: the whole tree.
    expected: Option<HashSet<String>>,
}

impl<'s> Locator<'s> {
    /// A locator for `source`, read as `format`; nothing is parsed yet.
    ///
    /// ```
    /// let locator = trailmap::locate::Locator::new("{}", trailmap::Format::Json);
    /// # drop(locator);
    /// ```
    pub fn new(source: &'s str, format: Format) -> Self {
        let (text, shift) = super::after_bom(source);
        Locator { text, shift, format, yaml: None, expected: None }
    }

    /// Announces the pointers that questions will be about (diagnostics to
    /// locate, YAML sequences), before the first one: a YAML source is then
    /// parsed into a tree of only those nodes, their ancestors and their
    /// children, instead of the whole tree (about eleven times the file). A
    /// later question about another pointer still gets its answer, from the
    /// whole tree parsed then.
    ///
    /// ```
    /// use trailmap::{Diagnostic, Format, Severity, locate::Locator};
    ///
    /// let source = "skills:\n  - id: x\n    prerequisites: [a, b]\n  - id: y\n";
    /// let mut diags = vec![Diagnostic::new("TM107", "r", Severity::Warning, "m").at("/skills/0/prerequisites/1")];
    /// let mut locator = Locator::new(source, Format::Yaml);
    /// locator.expect(diags.iter().map(|d| d.pointer.as_str()));
    /// locator.locate(&mut diags);
    /// assert_eq!((diags[0].location.unwrap().line, diags[0].location.unwrap().column), (3, 24));
    /// assert_eq!(locator.yaml_sequences(&["/skills/0/prerequisites"])[0].as_ref().unwrap().items.len(), 2);
    /// ```
    pub fn expect<'p>(&mut self, pointers: impl IntoIterator<Item = &'p str>) {
        if self.format != Format::Yaml || self.yaml.is_some() {
            return;
        }
        let expected = self.expected.get_or_insert_with(|| HashSet::from([String::new()]));
        for pointer in pointers {
            for p in crate::pointer::ancestors(pointer) {
                // Its ancestors are in already.
                if !expected.insert(p.to_owned()) {
                    break;
                }
            }
        }
    }

    /// The YAML tree, with every node at `pointers` in it.
    fn yaml<'p>(&mut self, pointers: impl IntoIterator<Item = &'p str>) -> Option<&crate::yaml::Document> {
        let text = self.text;
        if let Some(expected) = &self.expected {
            if pointers.into_iter().any(|p| !expected.contains(p)) {
                // Not announced: the whole tree, once.
                self.expected = None;
                self.yaml = None;
            }
        }
        let expected = self.expected.as_ref();
        self.yaml.get_or_insert_with(|| crate::yaml::parse_within(text, expected).ok()).as_ref()
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
            Format::Yaml => {
                match self.yaml(diagnostics.iter().filter(|d| d.location.is_none()).map(|d| d.pointer.as_str())) {
                    Some(document) => super::locate_yaml(text, &document.root, diagnostics),
                    // Text that does not parse has no positions but the start.
                    None => {
                        for d in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
                            d.location = Some(LineIndex::new("").location("", 0, 0));
                        }
                    }
                }
            }
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
        let document = if self.format == Format::Yaml { self.yaml(pointers.iter().map(AsRef::as_ref)) } else { None };
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
                    flow: crate::yaml::starts_flow(text, node.span.0),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Locator;
    use crate::locate::documents::{block_yaml, document, text_and_pointers};
    use crate::{Diagnostic, Format, Severity};

    proptest! {
        /// A tree of only the announced nodes answers as the whole tree
        /// does, and a question about another pointer still gets the
        /// whole tree's answer.
        #[test]
        fn announced_pointers_are_answered_as_from_the_whole_tree(
            value in document(30, 4),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
            pretty in any::<bool>(),
        ) {
            let (source, all) = text_and_pointers(&value, pretty);
            let asked: Vec<&str> = picks.iter().map(|i| all[i.index(all.len())].as_str()).collect();
            let diagnostics = |pointers: &[&str]| -> Vec<Diagnostic> {
                pointers.iter().map(|p| Diagnostic::new("TM000", "t", Severity::Warning, "m").at(*p)).collect()
            };
            let mut whole = Locator::new(&source, Format::Yaml);
            let mut pruned = Locator::new(&source, Format::Yaml);
            pruned.expect(asked.iter().copied());
            let (mut a, mut b) = (diagnostics(&asked), diagnostics(&asked));
            whole.locate(&mut a);
            pruned.locate(&mut b);
            prop_assert_eq!(&a, &b, "{}", source);
            prop_assert_eq!(whole.yaml_sequences(&asked), pruned.yaml_sequences(&asked));
            let others: Vec<&str> = all.iter().map(String::as_str).collect();
            let (mut a, mut b) = (diagnostics(&others), diagnostics(&others));
            whole.locate(&mut a);
            pruned.locate(&mut b);
            prop_assert_eq!(a, b);
        }

        /// Every pointer of a random document, present or not, in flow
        /// (JSON) or block YAML, is located where descending the whole tree
        /// token by token finds it: its value, or its key for a key anchor
        /// (an item's value), or the closest enclosing value present.
        #[test]
        fn yaml_pointers_are_located_where_the_tree_has_them(
            value in document(60, 12),
            pretty in any::<bool>(),
            block in any::<bool>(),
            key in any::<bool>(),
        ) {
            let (json, all) = text_and_pointers(&value, pretty);
            let source = if block { block_yaml(&value) } else { json };
            let root = crate::yaml::parse(&source).expect("a document parses").root;
            prop_assert_eq!(&root.to_value(), &value, "{}", source);
            let mut found: Vec<Diagnostic> = all
                .iter()
                .map(|p| {
                    let d = Diagnostic::new("TM000", "t", Severity::Warning, "m");
                    if key { d.at_key(p.as_str()) } else { d.at(p.as_str()) }
                })
                .collect();
            Locator::new(&source, Format::Yaml).locate(&mut found);
            for (d, pointer) in found.iter().zip(&all) {
                let l = d.location.expect("located");
                prop_assert_eq!((l.offset, l.end_offset), descended(&root, pointer, key), "{} in {}", pointer, source);
            }
        }
    }

    /// The region of `pointer` found by descending `root` one token at a
    /// time (items by canonical index, members by their first key), or of
    /// the last value reached.
    fn descended(root: &crate::yaml::Node, pointer: &str, key: bool) -> (usize, usize) {
        use crate::yaml::NodeValue;
        let (mut at, mut key_span) = (root, None);
        for token in pointer.strip_prefix('/').into_iter().flat_map(|rest| rest.split('/')) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let canonical = token == "0" || (!token.starts_with('0') && token.bytes().all(|b| b.is_ascii_digit()));
            let next = match &at.value {
                NodeValue::Seq(items) if canonical => {
                    token.parse::<usize>().ok().and_then(|i| items.get(i)).map(|n| (None, n))
                }
                NodeValue::Map(entries) => entries.iter().find(|e| e.key == token).map(|e| (Some(e.key_span), &e.node)),
                _ => None,
            };
            let Some((k, node)) = next else { break };
            (key_span, at) = (k, node);
        }
        match key_span {
            Some(span) if key => span,
            _ => at.span,
        }
    }
}

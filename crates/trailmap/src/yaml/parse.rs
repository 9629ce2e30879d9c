//! The tree builder: saphyr's events in, one [`Node`] tree out, with the
//! YAML 1.2 core schema for plain scalars and the bounds on depth, aliases,
//! tags and documents.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::offsets::{Offsets, ParsedText};
use super::{Document, Duplicate, Entry, MAX_DEPTH, Node, NodeValue, Plain, Range, YamlError, resolve_plain};
use crate::pointer::Pointer;

/// Parses one YAML document. Never panics; every refusal is a `YamlError`
/// located in the source.
pub(crate) fn parse(source: &str) -> Result<Document, YamlError> {
    parse_within(source, None)
}

/// [`parse`], keeping only the nodes at the pointers of `keep` (a set
/// closed under prefixes: each pointer with all its ancestors) and the
/// children of those, as leaves with their spans; every other node is
/// dropped as soon as it is read. The same refusals as [`parse`]. For the
/// questions a locator will ask of a large file: its whole tree took about
/// eleven times the file.
pub(crate) fn parse_within(source: &str, keep: Option<&HashSet<String>>) -> Result<Document, YamlError> {
    let parsed = ParsedText::of(source);
    let mut builder = Builder::new(Offsets::new(&parsed), keep);
    let mut parser = Parser::new_from_str(parsed.text());
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|err| {
            let at = builder.offsets.byte(err.marker().index());
            let info = err.info();
            if info.contains("recursion limit") {
                // The scanner reads flow nesting ahead of the events: its
                // own limit, past ours, is worded and placed as ours.
                let at = super::locate::flow_too_deep(source).unwrap_or(at);
                return YamlError {
                    message: format!("invalid YAML: nested deeper than {MAX_DEPTH} levels"),
                    help: "YAML nested deeper than 128 levels is refused to keep memory and stack bounded",
                    span: builder.one_char(at),
                };
            }
            let help = if info.contains("tab") {
                "YAML forbids tabs for indentation: indent with spaces"
            } else {
                "fix the YAML syntax first; no other check runs until the file parses"
            };
            YamlError { message: format!("invalid YAML: {info}"), help, span: builder.one_char(at) }
        })?;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = builder.offsets.byte(span.start.index());
                    return Err(YamlError {
                        message: "a second YAML document".into(),
                        help: "a roadmap file holds exactly one YAML document: remove the `---` and what follows, or split the file",
                        span: builder.one_char(at),
                    });
                }
            }
            _ => builder.event(event, span)?,
        }
    }
    let Some(root) = builder.root.take() else {
        return Err(YamlError {
            message: "invalid YAML: the file holds no document".into(),
            // The loader says what the file should hold, by its kind.
            help: "the file is empty",
            span: (0, 0),
        });
    };
    Ok(Document { root, duplicates: builder.duplicates })
}

/// Whether a node is kept in the tree ([`parse_within`]).
#[derive(Clone)]
enum Kept {
    /// Every node is (a whole parse).
    All,
    /// This one, at this pointer, and its children (as leaves at least).
    At(String),
    /// Not this one: its children are not even stored.
    No,
}

/// An open container.
enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
        weight: usize,
        kept: Kept,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Range)>,
        weight: usize,
        /// Entry by key, built once a mapping is large (a progress file
        /// maps thousands of skill ids), so duplicate checks stay linear.
        index: Option<HashMap<String, usize>>,
        kept: Kept,
    },
}

struct Builder<'a> {
    offsets: Offsets<'a>,
    keep: Option<&'a HashSet<String>>,
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes with their weight and height, for aliases.
    anchors: HashMap<usize, (Node, usize, usize)>,
    /// What aliases may still add, in nodes plus string bytes.
    alias_budget: usize,
    duplicates: Vec<Duplicate>,
}

impl<'a> Builder<'a> {
    fn new(offsets: Offsets<'a>, keep: Option<&'a HashSet<String>>) -> Self {
        let source = offsets.source();
        Builder {
            offsets,
            keep,
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            alias_budget: source.len().saturating_mul(4).max(1 << 20),
            duplicates: Vec::new(),
        }
    }

    fn one_char(&self, at: usize) -> Range {
        let source = self.offsets.source();
        let at = at.min(source.len());
        (at, source[at..].chars().next().map_or(at, |c| at + c.len_utf8()))
    }

    fn span(&mut self, span: Span) -> Range {
        self.offsets.span(span)
    }

    /// Whether the node about to be completed (or opened) is kept.
    fn next_kept(&self) -> Kept {
        let Some(keep) = self.keep else { return Kept::All };
        let (parent, token) = match self.stack.last() {
            None => (Some(""), None),
            Some(Frame::Seq { kept: Kept::At(p), items, .. }) => (Some(p.as_str()), Some(items.len().to_string())),
            Some(Frame::Map { kept: Kept::At(p), key: Some((name, _)), .. }) => (Some(p.as_str()), Some(name.clone())),
            Some(_) => (None, None),
        };
        let Some(parent) = parent else { return Kept::No };
        let mut pointer = parent.to_owned();
        if let Some(token) = token {
            crate::diagnostic::push_token(&mut pointer, &token);
        }
        if keep.contains(&pointer) { Kept::At(pointer) } else { Kept::No }
    }

    /// Whether the innermost open container stores its children.
    fn storing(&self) -> bool {
        !matches!(self.stack.last(), Some(Frame::Seq { kept: Kept::No, .. } | Frame::Map { kept: Kept::No, .. }))
    }

    fn error(&self, message: impl Into<String>, help: &'static str, span: Range) -> YamlError {
        YamlError { message: message.into(), help, span }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let range = self.span(span);
                if let Some(Frame::Map { key: key @ None, .. }) = self.stack.last_mut() {
                    // A mapping key: JSON keys are strings, so any scalar's
                    // text is the key.
                    *key = Some((text.into_owned(), range));
                    return Ok(());
                }
                let value = self.scalar(text, style, tag.as_deref(), range)?;
                let weight = 1 + match &value {
                    NodeValue::String(s) => s.len(),
                    _ => 0,
                };
                // A leaf where the tree is not kept: its span is all a locator asks.
                let value = if matches!(self.next_kept(), Kept::No) { NodeValue::Null } else { value };
                self.complete(Node { value, span: range }, anchor, weight, 0)
            }
            Event::SequenceStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), span),
            Event::MappingStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), span),
            Event::SequenceEnd | Event::MappingEnd => {
                let end = self.span(span).1;
                let Some(frame) = self.stack.pop() else { return Ok(()) };
                let (node, anchor, weight) = match frame {
                    Frame::Seq { start, anchor, weight, kept: Kept::No, .. }
                    | Frame::Map { start, anchor, weight, kept: Kept::No, .. } => {
                        (Node { value: NodeValue::Null, span: (start, end) }, anchor, weight)
                    }
                    Frame::Seq { start, anchor, items, weight, .. } => {
                        (Node { value: NodeValue::Seq(items), span: (start, end) }, anchor, weight)
                    }
                    Frame::Map { start, anchor, entries, weight, .. } => {
                        (Node { value: NodeValue::Map(entries), span: (start, end) }, anchor, weight)
                    }
                };
                let height = height(&node);
                self.complete(node, anchor, weight, height)
            }
            Event::Alias(id) => {
                let range = self.span(span);
                if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
                    return Err(self.error(
                        "an alias used as a mapping key",
                        "keys must be plain text: write the key out",
                        range,
                    ));
                }
                let Some((node, weight, height)) = self.anchors.get(&id) else {
                    return Err(self.error(
                        "invalid YAML: unknown alias",
                        "define the anchor (`&name`) before using it",
                        range,
                    ));
                };
                let (weight, height) = (*weight, *height);
                if weight > self.alias_budget {
                    return Err(self.error(
                        "aliases expand past the limit",
                        "alias expansion is bounded to keep memory bounded (a \"billion laughs\" file): write the values out",
                        range,
                    ));
                }
                if self.stack.len() + height > MAX_DEPTH {
                    return Err(self.error(
                        format!("invalid YAML: the alias nests deeper than {MAX_DEPTH} levels"),
                        "YAML nested deeper than 128 levels is refused to keep memory and stack bounded",
                        range,
                    ));
                }
                self.alias_budget -= weight;
                let mut node = if matches!(self.next_kept(), Kept::No) {
                    Node { value: NodeValue::Null, span: range }
                } else {
                    node.clone()
                };
                node.span = range;
                self.complete(node, 0, weight, height)
            }
            _ => Ok(()),
        }
    }

    /// Opens a sequence or a mapping.
    fn open(&mut self, is_seq: bool, anchor: usize, tag: Option<&Tag>, span: Span) -> Result<(), YamlError> {
        let range = self.span(span);
        self.expect_value(range)?;
        let expected = if is_seq { "seq" } else { "map" };
        if let Some(tag) = tag.filter(|t| !(t.is_yaml_core_schema() && t.suffix == expected)) {
            return Err(self.unsupported_tag(tag, range));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(
                format!("invalid YAML: nested deeper than {MAX_DEPTH} levels"),
                "YAML nested deeper than 128 levels is refused to keep memory and stack bounded",
                self.one_char(range.0),
            ));
        }
        let kept = self.next_kept();
        self.stack.push(if is_seq {
            Frame::Seq { start: range.0, anchor, items: Vec::new(), weight: 1, kept }
        } else {
            Frame::Map { start: range.0, anchor, entries: Vec::new(), key: None, weight: 1, index: None, kept }
        });
        Ok(())
    }

    /// A collection may not be a mapping key.
    fn expect_value(&mut self, range: Range) -> Result<(), YamlError> {
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(self.error(
                "a mapping or sequence used as a mapping key",
                "keys must be plain text",
                self.one_char(range.0),
            ));
        }
        Ok(())
    }

    fn unsupported_tag(&self, tag: &Tag, range: Range) -> YamlError {
        self.error(
            format!("unsupported YAML tag `{}`", crate::diagnostic::preview_str(&tag_name(tag))),
            "roadmaps hold JSON data: remove the tag (`!!str` is the only one that changes a value)",
            range,
        )
    }

    /// Hands a finished node to the container it belongs to.
    fn complete(&mut self, node: Node, anchor: usize, weight: usize, height: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), weight, height));
        }
        if !self.storing() {
            // Inside a node that is not kept: only the weights count.
            match self.stack.last_mut() {
                Some(Frame::Seq { weight: w, .. }) => *w = w.saturating_add(weight),
                Some(Frame::Map { key, weight: w, .. }) => {
                    let valued = key.take().is_some();
                    *w = w.saturating_add(if valued { weight } else { 0 });
                }
                None => {}
            }
            return Ok(());
        }
        let mut repeated = None;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, weight: w, .. }) => {
                items.push(node);
                *w = w.saturating_add(weight);
            }
            Some(Frame::Map { entries, key, weight: w, index, .. }) => {
                let Some((name, key_span)) = key.take() else { return Ok(()) };
                *w = w.saturating_add(weight);
                if index.is_none() && entries.len() >= 16 {
                    *index = Some(entries.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect());
                }
                let first = match index {
                    Some(index) => index.get(&name).copied(),
                    None => entries.iter().position(|e| e.key == name),
                };
                match first {
                    Some(first) => repeated = Some((name, key_span, entries[first].key_span)),
                    None => {
                        if let Some(index) = index {
                            index.insert(name.clone(), entries.len());
                        }
                        entries.push(Entry { key: name, key_span, node });
                    }
                }
            }
        }
        if let Some((name, key, first)) = repeated {
            let pointer = self.pointer().with(&name).into();
            self.duplicates.push(Duplicate { pointer, key, first });
        }
        Ok(())
    }

    /// The JSON Pointer of the innermost open container.
    fn pointer(&self) -> Pointer {
        let mut pointer = Pointer::root();
        for frame in &self.stack[..self.stack.len().saturating_sub(1)] {
            match frame {
                Frame::Seq { items, .. } => pointer.push(items.len()),
                Frame::Map { key, .. } => pointer.push(key.as_ref().map_or("", |k| k.0.as_str())),
            }
        }
        pointer
    }

    /// Resolves a scalar by the YAML 1.2 core schema.
    fn scalar(
        &self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        range: Range,
    ) -> Result<NodeValue, YamlError> {
        if let Some(tag) = tag {
            if tag.is_yaml_core_schema() && tag.suffix == "str" {
                return Ok(NodeValue::String(text.into_owned()));
            }
            if !(tag.is_yaml_core_schema() && matches!(tag.suffix.as_str(), "int" | "float" | "bool" | "null")) {
                return Err(self.unsupported_tag(tag, range));
            }
            return self.tagged_scalar(&text, &tag.suffix, range);
        }
        if style != ScalarStyle::Plain {
            return Ok(NodeValue::String(text.into_owned()));
        }
        match resolve_plain(&text) {
            Plain::String => Ok(NodeValue::String(text.into_owned())),
            Plain::Null => Ok(NodeValue::Null),
            Plain::Bool(b) => Ok(NodeValue::Bool(b)),
            Plain::Number(n) => Ok(NodeValue::Number(n)),
            Plain::NotJson => Err(self.error(
                format!("`{}` is not a number JSON can hold", crate::diagnostic::preview_str(&text)),
                "roadmaps hold JSON data: infinities and NaN have no JSON form; quote it to make it text",
                range,
            )),
        }
    }
}

impl Builder<'_> {
    /// A scalar tagged `!!int`, `!!float`, `!!bool` or `!!null`: its text,
    /// quoted or not, read by the core schema, and refused when it is not
    /// of the tag's type (`!!int abc`, `!!bool yes`).
    fn tagged_scalar(&self, text: &str, suffix: &str, range: Range) -> Result<NodeValue, YamlError> {
        let value = match (resolve_plain(text), suffix) {
            (Plain::Null, "null") => Some(NodeValue::Null),
            (Plain::Bool(b), "bool") => Some(NodeValue::Bool(b)),
            (Plain::Number(n), "int") if n.is_i64() || n.is_u64() => Some(NodeValue::Number(n)),
            (Plain::Number(n), "float") => n.as_f64().and_then(serde_json::Number::from_f64).map(NodeValue::Number),
            _ => None,
        };
        value.ok_or_else(|| {
            self.error(
                format!("`{}` is not a valid `!!{suffix}`", crate::diagnostic::preview_str(text)),
                "roadmaps hold JSON data: write the value in the tag's form, or remove the tag",
                range,
            )
        })
    }
}

/// A tag as written: `!!int` for the core schema, `!local`, else the
/// whole tag (saphyr's `Display` puts a `!` between handle and suffix).
fn tag_name(tag: &Tag) -> String {
    if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

fn height(node: &Node) -> usize {
    // Bounded by MAX_DEPTH, which the builder enforces.
    match &node.value {
        NodeValue::Seq(items) => 1 + items.iter().map(height).max().unwrap_or(0),
        NodeValue::Map(entries) => 1 + entries.iter().map(|e| height(&e.node)).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn value(src: &str) -> Value {
        parse(src).map(|d| d.root.to_value()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn core_schema_scalars() {
        let v = value("a: 1\nb: -2.5\nc: true\nd: ~\ne: 1.0.0\nf: '1'\ng: 0x1F\nh: yes\ni: 1e3\nj:\n");
        assert_eq!(
            v,
            serde_json::json!({"a": 1, "b": -2.5, "c": true, "d": null, "e": "1.0.0", "f": "1", "g": 31, "h": "yes", "i": 1000.0, "j": null})
        );
        assert!(parse("a: .inf\n").is_err());
        assert_eq!(value("a: !!str 12\n"), serde_json::json!({"a": "12"}));
        assert!(parse("a: !custom x\n").is_err());
    }

    #[test]
    fn core_tags_give_their_type_or_an_error() {
        let v =
            value("a: !!int \"5\"\nb: !!float 5\nc: !!bool 'true'\nd: !!null ~\ne: !!float \"-2.5\"\nf: !!int 0x1F\n");
        assert_eq!(v, serde_json::json!({"a": 5, "b": 5.0, "c": true, "d": null, "e": -2.5, "f": 31}));
        for (src, message) in [
            ("a: !!int abc\n", "`abc` is not a valid `!!int`"),
            ("a: !!int 1.5\n", "`1.5` is not a valid `!!int`"),
            ("a: !!bool yes\n", "`yes` is not a valid `!!bool`"),
            ("a: !!null x\n", "`x` is not a valid `!!null`"),
            ("a: !!float .inf\n", "`.inf` is not a valid `!!float`"),
            ("a: !!binary aGk=\n", "unsupported YAML tag `!!binary`"),
            ("a: !local x\n", "unsupported YAML tag `!local`"),
        ] {
            let err = parse(src).unwrap_err();
            assert_eq!(err.message, message, "{src}");
            assert_eq!(err.span.0, 3, "{src}: located at the value");
        }
    }

    #[test]
    fn spans_are_bytes_and_keys_keep_order() {
        let src = "z: é\nb:\n  - x\n  - {k: \"v\"}\n";
        let doc = parse(src).unwrap();
        let NodeValue::Map(entries) = &doc.root.value else { panic!() };
        assert_eq!(entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["z", "b"]);
        assert_eq!(&src[entries[0].node.span.0..entries[0].node.span.1], "é");
        let NodeValue::Seq(items) = &entries[1].node.value else { panic!() };
        assert_eq!(&src[items[1].span.0..items[1].span.1], "{k: \"v\"}");
        let NodeValue::Map(inner) = &items[1].value else { panic!() };
        assert_eq!(&src[inner[0].node.span.0..inner[0].node.span.1], "\"v\"");
    }

    #[test]
    fn duplicates_aliases_depth_and_documents() {
        let doc = parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n").unwrap();
        let pointers: Vec<_> = doc.duplicates.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/b/c", "/a"]);
        assert_eq!(value("a: &x [1, 2]\nb: *x\n"), serde_json::json!({"a": [1, 2], "b": [1, 2]}));
        let mut bomb = String::from("a: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse(&bomb).unwrap_err().message.contains("aliases"));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
        assert!(parse("").is_err());
        assert!(parse("a:\n\t- b\n").unwrap_err().help.contains("tabs"));
    }
}

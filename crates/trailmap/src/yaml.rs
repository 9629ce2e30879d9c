//! YAML source: a document tree that keeps key order and byte spans, built
//! from saphyr's YAML 1.2 event parser.
//!
//! The tree is what the loader validates (as a JSON value) and what turns
//! JSON Pointers back into lines and columns, so a YAML file gets the same
//! diagnostics at the same kind of positions as a JSON file. Hostile input
//! is bounded: nesting (as deep as serde_json allows JSON), alias expansion
//! (a budget proportional to the input, so a billion-laughs file fails in
//! milliseconds), and duplicate keys are reported, not resolved.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Number, Value};

use crate::diagnostic::{Anchor, Diagnostic, push_token};
use crate::line_index::LineIndex;

mod de;

/// A byte range of the source.
pub(crate) type Range = (usize, usize);

/// Deepest nesting accepted, as for JSON (serde_json's limit).
pub(crate) const MAX_DEPTH: usize = 128;

/// A value with its byte span in the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub value: NodeValue,
    pub span: Range,
}

/// The JSON data model, with mapping keys kept in source order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeValue {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One member of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Range,
    pub node: Node,
}

/// A key repeated in one mapping: the pointer of the member, the span of
/// the repeated key and the span of the first.
#[derive(Debug, Clone)]
pub(crate) struct Duplicate {
    pub pointer: String,
    pub key: Range,
    pub first: Range,
}

/// A parsed YAML document.
#[derive(Debug)]
pub(crate) struct Document {
    pub root: Node,
    /// Repeated keys (the first of each is kept in the tree).
    pub duplicates: Vec<Duplicate>,
}

/// Why a text is not a YAML document this tool accepts.
#[derive(Debug)]
pub(crate) struct YamlError {
    pub message: String,
    pub help: &'static str,
    pub span: Range,
}

impl Node {
    /// The node as a JSON value (key order is not kept: `serde_json::Map`
    /// sorts; the first of repeated keys wins).
    pub fn to_value(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Number(n) => Value::Number(n.clone()),
            NodeValue::String(s) => Value::String(s.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            NodeValue::Map(entries) => {
                let mut map = serde_json::Map::new();
                for e in entries {
                    map.entry(e.key.clone()).or_insert_with(|| e.node.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Serialized in source order, for conversion to JSON.
impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match &self.value {
            NodeValue::Null => serializer.serialize_unit(),
            NodeValue::Bool(b) => serializer.serialize_bool(*b),
            NodeValue::Number(n) => n.serialize(serializer),
            NodeValue::String(s) => serializer.serialize_str(s),
            NodeValue::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            NodeValue::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for e in entries {
                    map.serialize_entry(&e.key, &e.node)?;
                }
                map.end()
            }
        }
    }
}

/// Parses one YAML document. Never panics; every refusal is a `YamlError`
/// located in the source.
pub(crate) fn parse(source: &str) -> Result<Document, YamlError> {
    let mut builder = Builder::new(source);
    let mut parser = Parser::new_from_str(source);
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|err| {
            let at = builder.offsets.byte(err.marker().index());
            let info = err.info();
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
            help: "the file is empty: a roadmap is a mapping such as `id: …`, `title: …`, `version: …`, `skills: […]`",
            span: (0, 0),
        });
    };
    Ok(Document { root, duplicates: builder.duplicates })
}

/// Maps the parser's character indices to byte offsets; events arrive in
/// source order, so a forward cursor makes this linear overall.
struct Offsets<'a> {
    source: &'a str,
    chars: usize,
    bytes: usize,
}

impl Offsets<'_> {
    fn byte(&mut self, char_index: usize) -> usize {
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let rest = &self.source[self.bytes..];
        let step = rest.char_indices().nth(char_index - self.chars).map_or(rest.len(), |(i, _)| i);
        self.bytes += step;
        self.chars = char_index.min(self.chars + rest[..step].chars().count());
        self.bytes
    }
}

/// An open container.
enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
        weight: usize,
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
    },
}

struct Builder<'a> {
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored nodes with their weight and height, for aliases.
    anchors: HashMap<usize, (Node, usize, usize)>,
    /// What aliases may still add, in nodes plus string bytes.
    alias_budget: usize,
    duplicates: Vec<Duplicate>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            offsets: Offsets { source, chars: 0, bytes: 0 },
            stack: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            alias_budget: source.len().saturating_mul(4).max(1 << 20),
            duplicates: Vec::new(),
        }
    }

    fn one_char(&self, at: usize) -> Range {
        let source = self.offsets.source;
        let at = at.min(source.len());
        (at, source[at..].chars().next().map_or(at, |c| at + c.len_utf8()))
    }

    fn span(&mut self, span: Span) -> Range {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index()).max(start);
        // Block collections end where the next token starts: trim the
        // white space and line breaks in between.
        let trimmed = self.offsets.source[start..end].trim_end();
        (start, start + trimmed.len())
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
                self.complete(Node { value, span: range }, anchor, weight, 0)
            }
            Event::SequenceStart(anchor, tag) => self.open(true, anchor, tag.as_deref(), span),
            Event::MappingStart(anchor, tag) => self.open(false, anchor, tag.as_deref(), span),
            Event::SequenceEnd | Event::MappingEnd => {
                let end = self.span(span).1;
                let Some(frame) = self.stack.pop() else { return Ok(()) };
                let (node, anchor, weight) = match frame {
                    Frame::Seq { start, anchor, items, weight } => {
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
                let mut node = node.clone();
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
        self.stack.push(if is_seq {
            Frame::Seq { start: range.0, anchor, items: Vec::new(), weight: 1 }
        } else {
            Frame::Map { start: range.0, anchor, entries: Vec::new(), key: None, weight: 1, index: None }
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
            format!("unsupported YAML tag `{}`", crate::diagnostic::preview_str(&tag.to_string())),
            "roadmaps hold JSON data: remove the tag (`!!str` is the only one that changes a value)",
            range,
        )
    }

    /// Hands a finished node to the container it belongs to.
    fn complete(&mut self, node: Node, anchor: usize, weight: usize, height: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), weight, height));
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
            let mut pointer = self.pointer();
            push_token(&mut pointer, &name);
            self.duplicates.push(Duplicate { pointer, key, first });
        }
        Ok(())
    }

    /// The JSON Pointer of the innermost open container.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for (i, frame) in self.stack.iter().enumerate() {
            if i + 1 == self.stack.len() {
                break;
            }
            match frame {
                Frame::Seq { items, .. } => push_token(&mut pointer, &items.len().to_string()),
                Frame::Map { key, .. } => push_token(&mut pointer, key.as_ref().map_or("", |k| k.0.as_str())),
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

fn height(node: &Node) -> usize {
    // Bounded by MAX_DEPTH, which the builder enforces.
    match &node.value {
        NodeValue::Seq(items) => 1 + items.iter().map(height).max().unwrap_or(0),
        NodeValue::Map(entries) => 1 + entries.iter().map(|e| height(&e.node)).max().unwrap_or(0),
        _ => 0,
    }
}

/// What a plain scalar means under the YAML 1.2 core schema.
#[derive(Debug, PartialEq)]
pub(crate) enum Plain {
    String,
    Null,
    Bool(bool),
    Number(Number),
    /// `.inf`, `.nan` and the like: floats JSON cannot hold.
    NotJson,
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
pub(crate) fn resolve_plain(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Plain::NotJson;
    }
    if let Some(digits) = text.strip_prefix("0o") {
        if !digits.is_empty() && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return u64::from_str_radix(digits, 8).map_or(Plain::NotJson, |n| Plain::Number(n.into()));
        }
    }
    if let Some(digits) = text.strip_prefix("0x") {
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u64::from_str_radix(digits, 16).map_or(Plain::NotJson, |n| Plain::Number(n.into()));
        }
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Plain::Number(n.into());
        }
        if let Ok(n) = text.trim_start_matches('+').parse::<u64>() {
            return Plain::Number(n.into());
        }
    }
    if is_float(unsigned) {
        return match text.trim_start_matches('+').parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Plain::Number(n),
            None => Plain::NotJson,
        };
    }
    Plain::String
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |mut i: usize| {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i > start)
    };
    let (mut i, whole) = digits(0);
    let mut fraction = false;
    if i < b.len() && b[i] == b'.' {
        let (j, any) = digits(i + 1);
        i = j;
        fraction = any;
    }
    if !whole && !fraction {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
            j += 1;
        }
        let (k, any) = digits(j);
        if !any {
            return false;
        }
        i = k;
    }
    i == b.len()
}

/// Fills in the location of every diagnostic that has none, from its
/// pointer, in the YAML tree of `source`.
pub(crate) fn locate(source: &str, root: &Node, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let mut prefixes: HashSet<&str> = HashSet::new();
    for d in diagnostics.iter().filter(|d| d.location.is_none()) {
        let mut q = d.pointer.as_str();
        prefixes.insert(q);
        while let Some(cut) = q.rfind('/') {
            q = &q[..cut];
            prefixes.insert(q);
        }
    }
    let mut spans: HashMap<String, (Option<Range>, Range)> = HashMap::new();
    // Iterative walk, entering only containers on the way to a pointer.
    let mut stack: Vec<(String, Option<Range>, &Node)> = vec![(String::new(), None, root)];
    while let Some((pointer, key, node)) = stack.pop() {
        if !prefixes.contains(pointer.as_str()) {
            continue;
        }
        match &node.value {
            NodeValue::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut p = pointer.clone();
                    push_token(&mut p, &i.to_string());
                    stack.push((p, None, item));
                }
            }
            NodeValue::Map(entries) => {
                for e in entries {
                    let mut p = pointer.clone();
                    push_token(&mut p, &e.key);
                    stack.push((p, Some(e.key_span), &e.node));
                }
            }
            _ => {}
        }
        spans.insert(pointer, (key, node.span));
    }
    let index = LineIndex::new(source);
    for d in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        let mut found = spans.get(d.pointer.as_str()).copied();
        let mut p = d.pointer.as_str();
        while found.is_none() {
            let Some(cut) = p.rfind('/') else { break };
            p = &p[..cut];
            found = spans.get(p).copied();
        }
        let (key, value) = found.or_else(|| spans.get("").copied()).unwrap_or((None, (0, 0)));
        let (start, end) = match (d.anchor, key) {
            (Anchor::Key, Some(key)) => key,
            _ => value,
        };
        d.location = Some(index.location(source, start, end));
    }
}

/// The node at `pointer` (RFC 6901), if any.
pub(crate) fn node_at<'n>(root: &'n Node, pointer: &str) -> Option<&'n Node> {
    let mut node = root;
    if pointer.is_empty() {
        return Some(node);
    }
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match &node.value {
            NodeValue::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
            NodeValue::Map(entries) => &entries.iter().find(|e| e.key == token)?.node,
            _ => return None,
        };
    }
    Some(node)
}

/// `true` when the YAML text holds a comment: a `#` at the start of a line
/// or after white space, outside every scalar of the tree.
pub(crate) fn has_comments(source: &str, root: &Node) -> bool {
    let mut scalars: Vec<Range> = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            NodeValue::Seq(items) => stack.extend(items),
            NodeValue::Map(entries) => {
                for e in entries {
                    scalars.push(e.key_span);
                    stack.push(&e.node);
                }
            }
            _ => scalars.push(node.span),
        }
    }
    scalars.sort_unstable();
    let bytes = source.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        *b == b'#'
            && (i == 0 || bytes[i - 1].is_ascii_whitespace())
            && !scalars.get(scalars.partition_point(|s| s.0 <= i).wrapping_sub(1)).is_some_and(|s| s.0 <= i && i < s.1)
    })
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn comments_outside_scalars() {
        let with = "# title\na: 'x # not'\n";
        assert!(has_comments(with, &parse(with).unwrap().root));
        let without = "a: 'x # not'\nb: c#d\n";
        assert!(!has_comments(without, &parse(without).unwrap().root));
    }
}

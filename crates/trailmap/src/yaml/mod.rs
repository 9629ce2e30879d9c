//! YAML source: a document tree that keeps key order and byte spans, built
//! from saphyr's YAML 1.2 event parser.
//!
//! The tree is what the loader validates (as a JSON value) and what turns
//! JSON Pointers back into lines and columns, so a YAML file gets the same
//! diagnostics at the same kind of positions as a JSON file. Hostile input
//! is bounded: nesting (as deep as serde_json allows JSON), alias expansion
//! (a budget proportional to the input, so a billion-laughs file fails in
//! milliseconds), and duplicate keys are reported, not resolved.

use serde_json::{Number, Value};

mod items;
mod locate;
mod offsets;
mod parse;
mod scalar;
mod stream;

pub(crate) use items::{ListPart, Shape, list_items};
pub(crate) use locate::{has_comments, node_at};
pub(crate) use parse::{parse, parse_within};
pub(crate) use scalar::{Plain, resolve_plain};
pub(crate) use stream::{deserialize, deserialize_seed};

/// A byte range of the source.
pub(crate) type Range = (usize, usize);

/// Deepest nesting accepted: the same bound as JSON (`json_depth`).
pub(crate) const MAX_DEPTH: usize = crate::json_depth::MAX_DEPTH;

/// Whether the node spanning from `start` is in flow style (`[a, b]`,
/// `{a: 1}`): its first character past an anchor (`&name`), a tag
/// (`!!seq`) and white space or comments between them, which a node's
/// span takes in. (Neither an anchor's name nor a tag may hold a flow
/// indicator.)
pub(crate) fn starts_flow(source: &str, start: usize) -> bool {
    let mut rest = source.get(start..).unwrap_or("");
    loop {
        rest = rest.trim_start();
        match rest.as_bytes().first() {
            Some(b'&' | b'!') => rest = rest.trim_start_matches(|c: char| !c.is_whitespace() && !"[]{},".contains(c)),
            Some(b'#') => rest = rest.find('\n').map_or("", |i| &rest[i..]),
            Some(b'[' | b'{') => return true,
            _ => return false,
        }
    }
}

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

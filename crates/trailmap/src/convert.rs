//! Conversion between JSON and YAML, keeping key order.
//!
//! The document is read into the ordered tree the YAML loader uses, then
//! written out: JSON pretty-printed with two spaces, YAML in block style
//! with strings quoted wherever a YAML reader (1.2, or 1.1 such as PyYAML)
//! could take them for something else. Comments have no place in JSON, and
//! the YAML is written anew from the tree, so a YAML source's comments are
//! dropped either way; [`Converted::dropped_comments`] says so.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::format::Format;
use crate::line_index::LineIndex;
use crate::yaml::{Entry, Node, NodeValue, Plain, resolve_plain};

/// The result of a conversion.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Converted {
    /// The converted text, ending with a line break.
    pub text: String,
    /// `true` when the source had comments, which the converted text does
    /// not keep (YAML to JSON, or YAML written anew as YAML).
    pub dropped_comments: bool,
}

/// Converts a document from one format to the other (or normalises it in
/// its own). The source must parse and have no repeated keys; the error is
/// the located diagnostic that says why not (`TM001`, `TM003`).
///
/// ```
/// use trailmap::Format;
/// let yaml = trailmap::convert::convert(r#"{"id": "r", "skills": [{"id": "a", "name": "yes"}]}"#, Format::Json, Format::Yaml).unwrap();
/// assert_eq!(yaml.text, "id: r\nskills:\n  - id: a\n    name: \"yes\"\n");
/// let json = trailmap::convert::convert(&yaml.text, Format::Yaml, Format::Json).unwrap();
/// assert_eq!(json.text, "{\n  \"id\": \"r\",\n  \"skills\": [\n    {\n      \"id\": \"a\",\n      \"name\": \"yes\"\n    }\n  ]\n}\n");
/// ```
pub fn convert(source: &str, from: Format, to: Format) -> Result<Converted, Box<Diagnostic>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // YAML that is JSON text is read as JSON (see `Format::for_text`).
    let (root, dropped_comments) = match from.for_text(source) {
        Format::Yaml => {
            let document = crate::yaml::parse(source).map_err(|err| {
                let index = LineIndex::new(source);
                Box::new(
                    Code::JsonSyntax
                        .diagnostic(Severity::Error, err.message)
                        .with_help(err.help)
                        .with_location(index.location(source, err.span.0, err.span.1)),
                )
            })?;
            if let Some(dup) = document.duplicates.first() {
                return Err(Box::new(duplicate(source, &dup.pointer, dup.key)));
            }
            // The writer makes no comments, in either format.
            let comments = crate::yaml::has_comments(source, &document.root);
            (document.root, comments)
        }
        _ => {
            let root = crate::json_depth::from_str::<Node>(source)
                .map_err(|err| Box::new(crate::load::syntax_error(source, &err)))?;
            if let Some((pointer, key, _)) = crate::locate::duplicate_keys(source).into_iter().next() {
                return Err(Box::new(duplicate(source, &pointer, key)));
            }
            (root, false)
        }
    };
    let text = match to {
        Format::Yaml => to_yaml(&root),
        _ => {
            let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    Ok(Converted { text, dropped_comments })
}

fn duplicate(source: &str, pointer: &str, key: (usize, usize)) -> Diagnostic {
    let name = crate::diagnostic::pointer_tokens(pointer).pop().unwrap_or_default();
    Code::DuplicateKey
        .diagnostic(Severity::Error, format!("duplicate key `{}`", crate::diagnostic::preview_str(&name)))
        .with_help("parsers disagree on which duplicate wins: keep exactly one, then convert")
        .with_location(LineIndex::new(source).location(source, key.0, key.1))
        .at_key(pointer.to_owned())
}

/// Reads JSON into the ordered tree (spans are not kept: a JSON source is
/// located by its own scanner).
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        fn node(value: NodeValue) -> Node {
            Node { value, span: (0, 0) }
        }
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(node(NodeValue::Null))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(node(NodeValue::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(node(NodeValue::Number(v.into())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(node(NodeValue::Number(v.into())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Node, E> {
                Number::from_f64(v).map(|n| node(NodeValue::Number(n))).ok_or_else(|| E::custom("not a finite number"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(node(NodeValue::String(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(node(NodeValue::String(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(node(NodeValue::Seq(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Node>()? {
                    entries.push(Entry { key, key_span: (0, 0), node: value });
                }
                Ok(node(NodeValue::Map(entries)))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Writes the tree as block-style YAML.
pub(crate) fn to_yaml(root: &Node) -> String {
    let mut out = String::new();
    match &root.value {
        NodeValue::Map(entries) if !entries.is_empty() => {
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                push_entry(&mut out, e, 0);
            }
        }
        NodeValue::Seq(items) if !items.is_empty() => push_item_list(&mut out, items, 0, true),
        _ => push_scalar(&mut out, root),
    }
    out.push('\n');
    out
}

/// `key: value` at the current position; nested members at `indent + 2`.
fn push_entry(out: &mut String, entry: &Entry, indent: usize) {
    push_string(out, &entry.key);
    out.push(':');
    match &entry.node.value {
        NodeValue::Map(entries) if !entries.is_empty() => {
            for e in entries {
                newline(out, indent + 2);
                push_entry(out, e, indent + 2);
            }
        }
        NodeValue::Seq(items) if !items.is_empty() => push_item_list(out, items, indent + 2, false),
        _ => {
            out.push(' ');
            push_scalar(out, &entry.node);
        }
    }
}

/// `- item` lines at `indent`; the first on the current line when `inline`.
fn push_item_list(out: &mut String, items: &[Node], indent: usize, inline: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline {
            newline(out, indent);
        }
        out.push_str("- ");
        match &item.value {
            NodeValue::Map(entries) if !entries.is_empty() => {
                for (j, e) in entries.iter().enumerate() {
                    if j > 0 {
                        newline(out, indent + 2);
                    }
                    push_entry(out, e, indent + 2);
                }
            }
            NodeValue::Seq(inner) if !inner.is_empty() => push_item_list(out, inner, indent + 2, true),
            _ => push_scalar(out, item),
        }
    }
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

fn push_scalar(out: &mut String, node: &Node) {
    match &node.value {
        NodeValue::Null => out.push_str("null"),
        NodeValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeValue::Number(n) => out.push_str(&n.to_string()),
        NodeValue::String(s) => push_string(out, s),
        NodeValue::Seq(_) => out.push_str("[]"),
        NodeValue::Map(_) => out.push_str("{}"),
    }
}

/// `s` as a YAML scalar: plain when that reads back as the same string,
/// double-quoted otherwise.
pub(crate) fn yaml_string(s: &str) -> String {
    let mut out = String::new();
    push_string(&mut out, s);
    out
}

fn push_string(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else {
        push_quoted(out, s);
    }
}

/// A double-quoted YAML string: every character YAML does not print as
/// itself is escaped.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // YAML 1.1 readers take U+2028 and U+2029 for line breaks, even
            // between quotes.
            c if is_plain_printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
}

/// Whether `c` stands for itself on a line of YAML text, for YAML 1.2 and
/// 1.1 readers alike: printable, not a line break of either version
/// (U+0085, U+2028, U+2029), not a byte-order mark, not a tab.
pub(crate) fn is_plain_printable(c: char) -> bool {
    is_printable(c) && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// YAML's `c-printable`, less the line breaks and tabs handled above.
fn is_printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `s` may be written as a plain scalar and read back, by YAML 1.2
/// and by YAML 1.1 readers, as the same string.
fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if first.is_whitespace() || s.ends_with(char::is_whitespace) || s.ends_with(':') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`.".contains(first) || s.contains(": ") || s.contains(" #") {
        return false;
    }
    if !s.chars().all(|c| is_plain_printable(c) && c != '\u{a0}') {
        return false;
    }
    if resolve_plain(s) != Plain::String {
        return false;
    }
    // YAML 1.1's merge key and value key.
    if s == "<<" || s == "=" {
        return false;
    }
    // YAML 1.1 timestamps with a time after the date (`2001-12-14 21:59:43`).
    let bytes = s.as_bytes();
    if bytes.len() > 10 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-' {
        return false;
    }
    // YAML 1.1 booleans, and what 1.1 reads as numbers, dates or times.
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "y" | "n" | "yes" | "no" | "on" | "off") {
        return false;
    }
    let numeric_looking = |c: char| c.is_ascii_hexdigit() || "._:+-xXoO".contains(c);
    !(first.is_ascii_digit() || first == '+') || !s.chars().all(numeric_looking)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn json_value() -> impl Strategy<Value = Value> {
        let text = prop_oneof![
            "[a-z]{0,6}",
            "\\PC{0,8}",
            Just("yes".to_owned()),
            Just("1.0".to_owned()),
            Just("- x".to_owned()),
            Just("a: b".to_owned()),
            Just("...".to_owned()),
            Just("2024-01-01".to_owned()),
            Just("\u{85}\u{2028}\u{7f}\u{feff}".to_owned()),
            Just("a\u{2028}b\u{2029}c".to_owned()),
            Just("=".to_owned()),
            Just("<<".to_owned()),
            Just("2001-12-14 21:59:43".to_owned()),
            Just("line\nbreak\ttab".to_owned()),
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            text.clone().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((text.clone(), inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn yaml_round_trips(value in json_value()) {
            let json = serde_json::to_string(&value).unwrap();
            let yaml = convert(&json, Format::Json, Format::Yaml).unwrap();
            let back = crate::yaml::parse(&yaml.text).map_err(|e| format!("{e:?}\n{}", yaml.text)).unwrap();
            prop_assert_eq!(back.root.to_value(), value, "{}", yaml.text);
            let json_again = convert(&yaml.text, Format::Yaml, Format::Json).unwrap();
            prop_assert_eq!(serde_json::from_str::<Value>(&json_again.text).unwrap(), serde_json::from_str::<Value>(&json).unwrap());
        }
    }

    /// Strings a YAML 1.1 reader (PyYAML) reads as something else when
    /// plain, or whose line breaks it would fold, each checked against
    /// what PyYAML 6 does with the plain form.
    #[test]
    fn yaml_1_1_readers_get_the_same_strings() {
        for s in [
            "a\u{2028}b",
            "a\u{2029}b",
            "a\u{85}b",
            "\u{feff}a",
            "a\u{7f}",
            "=",
            "<<",
            "2001-12-14 21:59:43",
            "2001-12-14t21:59:43.10-05:00",
        ] {
            let yaml = yaml_string(s);
            assert!(yaml.starts_with('"'), "{s:?} must be quoted, got {yaml}");
            assert!(yaml.chars().all(|c| c == '\n' || is_plain_printable(c)), "{s:?} escaped: {yaml}");
            let back = crate::yaml::parse(&format!("{yaml}: {yaml}\n")).unwrap().root.to_value();
            assert_eq!(back, serde_json::json!({ s: s }));
        }
        for s in ["a=b", "<<a", "x<<", "2001-12-14", "plain words"] {
            assert_eq!(yaml_string(s).starts_with('"'), s == "2001-12-14", "{s:?}");
        }
    }

    #[test]
    fn key_order_and_comments() {
        let yaml = "# head\nz: 1\na: [x, y]   # trailing\n";
        let json = convert(yaml, Format::Yaml, Format::Json).unwrap();
        assert!(json.dropped_comments);
        assert!(json.text.find("\"z\"").unwrap() < json.text.find("\"a\"").unwrap());
        let again = convert(yaml, Format::Yaml, Format::Yaml).unwrap();
        assert!(again.dropped_comments, "YAML to YAML loses them too: {}", again.text);
        assert!(!convert("z: 1 #x\n", Format::Json, Format::Yaml).is_ok_and(|c| c.dropped_comments));
        assert!(!convert("z: 1\n", Format::Yaml, Format::Yaml).unwrap().dropped_comments);
        let err = convert("{\"a\": 1, \"a\": 2}", Format::Json, Format::Yaml).unwrap_err();
        assert_eq!(err.code, "TM003");
        assert_eq!(convert("a: [", Format::Yaml, Format::Json).unwrap_err().code, "TM001");
    }
}

//! Random documents and every pointer into them, for the locators'
//! property tests.

use proptest::prelude::*;
use serde_json::{Value, json};

/// A random JSON document of at most `size` nodes, containers of at most
/// `width` members or items: keys and strings that need escaping in a
/// pointer (`/`, `~`) or in JSON (`"`), keys that look like indices.
pub(super) fn document(size: u32, width: usize) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..3).prop_map(Value::from),
        "[a-c/~\"]{0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, size, width as u32, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..width).prop_map(Value::Array),
            prop::collection::btree_map("[a-c/~0-9]{1,2}", inner, 0..width)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every pointer of `value` under `at`, and under each two that are not
/// there (a member, and an index spelled with a leading zero).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(format!("{at}/missing"));
    out.push(format!("{at}/07"));
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                pointers(member, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// `value` as JSON text, indented or on one line, and every pointer
/// [`pointers`] lists for it.
pub(super) fn text_and_pointers(value: &Value, pretty: bool) -> (String, Vec<String>) {
    let text = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    (text.expect("a `Value` always serializes"), all)
}

/// `value` as block-style YAML: members and items each on their own lines,
/// indented two spaces a level, keys and strings in double quotes (JSON's
/// escapes are YAML's), empty containers in flow style.
pub(super) fn block_yaml(value: &Value) -> String {
    fn scalar(value: &Value) -> String {
        match value {
            Value::Array(_) => "[]".into(),
            Value::Object(_) => "{}".into(),
            other => other.to_string(),
        }
    }
    fn nested(value: &Value) -> bool {
        matches!(value, Value::Array(items) if !items.is_empty())
            || matches!(value, Value::Object(members) if !members.is_empty())
    }
    fn write(value: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let entries: Vec<(String, &Value)> = match value {
            Value::Array(items) => items.iter().map(|item| ("-".to_string(), item)).collect(),
            Value::Object(members) => {
                members.iter().map(|(k, v)| (format!("{}:", Value::from(k.as_str())), v)).collect()
            }
            _ => return,
        };
        for (head, child) in entries {
            if nested(child) {
                out.push_str(&format!("{pad}{head}\n"));
                write(child, indent + 2, out);
            } else {
                out.push_str(&format!("{pad}{head} {}\n", scalar(child)));
            }
        }
    }
    if !nested(value) {
        return format!("{}\n", scalar(value));
    }
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

/// A document with a list (`skills`) of elements, some with a field
/// (`needs`) as a list of strings (that need escaping in JSON, or are
/// YAML indicators), mappings (some with a member `url`, as a string or
/// a list) and lists, some with it as something else or without it, and
/// the same key elsewhere: for the locators of many items of one list.
pub(super) fn list_document() -> impl Strategy<Value = Value> {
    let item = prop_oneof![
        "[a-zé\"\\\\#:]{0,3}".prop_map(Value::from),
        Just(json!({"any_of": ["x", "y"]})),
        Just(json!([1, [2]])),
        "[a-z:#]{0,3}".prop_map(|url| json!({"title": "t", "url": url})),
        Just(json!({"url": ["h", {"url": "i"}]})),
    ];
    let field = prop_oneof![
        6 => prop::collection::vec(item, 0..6).prop_map(Value::Array),
        1 => Just(json!("not a list")),
        1 => Just(Value::Null),
    ];
    let element = (any::<bool>(), field).prop_map(|(has, field)| {
        if has { json!({"id": "s", "needs": field, "x": {"needs": [1]}}) } else { json!({"id": "s"}) }
    });
    prop::collection::vec(element, 0..8).prop_map(|list| json!({"needs": [0], "skills": list, "z": 1}))
}

/// Checks what a locator of many places handed over: `found[k]`, the place
/// of `pointers[k]`, is there exactly when `value` has that pointer, and
/// is where `located` (the tree's or the document locator's answer for a
/// pointer) places it.
pub(super) fn found_where_located<T: PartialEq + std::fmt::Debug>(
    value: &Value,
    source: &str,
    pointers: &[String],
    found: Vec<Option<T>>,
    located: impl Fn(&str) -> Option<T>,
) -> Result<(), TestCaseError> {
    for (pointer, found) in pointers.iter().zip(found) {
        prop_assert_eq!(found.is_some(), value.pointer(pointer).is_some(), "{} in {}", pointer, source);
        if let Some(found) = found {
            prop_assert_eq!(Some(found), located(pointer), "{} in {}", pointer, source);
        }
    }
    Ok(())
}

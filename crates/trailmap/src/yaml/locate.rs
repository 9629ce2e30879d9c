//! From JSON Pointers to positions in the YAML tree, and the other
//! questions asked of a built tree (the node at a pointer, comments).

use std::collections::{HashMap, HashSet};

use super::{Node, NodeValue, Range};
use crate::diagnostic::{Anchor, Diagnostic, push_token};
use crate::line_index::LineIndex;

/// Fills in the location of every diagnostic that has none, from its
/// pointer, in the YAML tree of `source`.
pub(crate) fn locate(source: &str, root: &Node, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let mut prefixes: HashSet<&str> = HashSet::new();
    for d in diagnostics.iter().filter(|d| d.location.is_none()) {
        prefixes.extend(crate::pointer::ancestors(&d.pointer));
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
        let found = crate::pointer::ancestors(&d.pointer).find_map(|p| spans.get(p).copied());
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
    use crate::yaml::parse;

    #[test]
    fn comments_outside_scalars() {
        let with = "# title\na: 'x # not'\n";
        assert!(has_comments(with, &parse(with).unwrap().root));
        let without = "a: 'x # not'\nb: c#d\n";
        assert!(!has_comments(without, &parse(without).unwrap().root));
    }
}

//! From JSON Pointers to positions in the YAML tree, and the other
//! questions asked of a built tree (the node at a pointer, comments).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::{Node, NodeValue, Range};
use crate::diagnostic::{Anchor, Diagnostic, push_token};
use crate::line_index::LineIndex;

/// Fills in the location of every diagnostic that has none, from its
/// pointer, in the YAML tree of `source`.
pub(crate) fn locate(source: &str, root: &Node, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.location.is_some()) {
        return;
    }
    let regions = regions(root, diagnostics);
    let index = LineIndex::new(source);
    for (d, (start, end)) in diagnostics.iter_mut().filter(|d| d.location.is_none()).zip(regions) {
        d.location = Some(index.location(source, start, end));
    }
}

/// The byte region of each diagnostic without a location, in order: its
/// value's (or its key's, for a key anchor), or that of the closest
/// enclosing value the tree has.
fn regions(root: &Node, diagnostics: &[Diagnostic]) -> Vec<Range> {
    let unlocated = || diagnostics.iter().filter(|d| d.location.is_none());
    // Every pointer asked and each that encloses one: the walk enters only
    // these, and a child's pointer is spelled in one reused buffer and kept
    // only when wanted (a pointer string per child of every container on
    // the way took 100 MB for 361,000 findings in a 40 MB file).
    let mut wanted: HashSet<&str> = HashSet::new();
    for d in unlocated() {
        wanted.extend(crate::pointer::ancestors(&d.pointer));
    }
    let mut spans: HashMap<&str, (Option<Range>, Range)> = HashMap::with_capacity(wanted.len());
    let mut stack: Vec<(&str, Option<Range>, &Node)> = vec![("", None, root)];
    let mut child = String::new();
    while let Some((pointer, key, node)) = stack.pop() {
        // A repeated key is met twice: the first in the file, popped last, wins.
        spans.insert(pointer, (key, node.span));
        let mut enter = |token: Token<'_>, key: Option<Range>, node| {
            child.clear();
            child.push_str(pointer);
            match token {
                Token::Index(i) => {
                    let _ = write!(child, "/{i}");
                }
                Token::Key(key) => push_token(&mut child, key),
            }
            if let Some(&wanted) = wanted.get(child.as_str()) {
                stack.push((wanted, key, node));
            }
        };
        match &node.value {
            NodeValue::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    enter(Token::Index(i), None, item);
                }
            }
            NodeValue::Map(entries) => {
                for e in entries {
                    enter(Token::Key(&e.key), Some(e.key_span), &e.node);
                }
            }
            _ => {}
        }
    }
    unlocated()
        .map(|d| {
            // Text that is not a pointer (no leading `/`) is the document.
            let found = crate::pointer::ancestors(&d.pointer).find_map(|p| spans.get(p).copied());
            let (key, value) = found.or_else(|| spans.get("").copied()).unwrap_or((None, (0, 0)));
            match (d.anchor, key) {
                (Anchor::Key, Some(key)) => key,
                _ => value,
            }
        })
        .collect()
}

/// A reference token of a child: an item's index or a member's key.
enum Token<'k> {
    Index(usize),
    Key(&'k str),
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

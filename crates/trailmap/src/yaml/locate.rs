//! Questions asked of a built tree: the node at a pointer, comments; and
//! of the source: where flow nesting first goes too deep.
//! (Pointers become positions in `crate::locate`, as for JSON.)

use super::{Node, NodeValue, Range};

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

/// The byte offset of the first flow `[` or `{` nested deeper than
/// [`MAX_DEPTH`](super::MAX_DEPTH), skipping quoted scalars and comments: where the
/// scanner's own depth error belongs. `None` when block nesting, which
/// this does not count, made the difference.
pub(super) fn flow_too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' {
                    i += 1;
                }
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > super::MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
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

//! The pointers asked about, as a tree of their tokens. The JSON scan, or
//! the walk of a YAML tree, follows it: an object's member or an array's
//! item is matched against the few children of a node, or an array's many
//! by a cursor moving with the items, never by building and hashing each
//! value's pointer (which took as long as parsing the file when every
//! skill had a finding).

use foldhash::{HashMap, HashMapExt};

use super::scan::{Range, Scanner, Visitor};
use crate::diagnostic::push_token;
use crate::yaml::{Node as YamlNode, NodeValue};

/// Children a node compares one by one; past this, a table (objects) and
/// a sorted list (arrays).
const FEW: u32 = 8;

/// No node, no index.
const NONE: u32 = u32::MAX;

/// Where a wanted value is: its member key's span, when it is a member, and
/// its own.
pub(super) type SpanPair = (Option<Range>, Range);

/// The wanted pointers and every pointer that encloses one; the root (the
/// document, `""`) is node 0.
pub(super) struct Wanted<'w> {
    nodes: Vec<Node<'w>>,
    /// Each value's spans once the scan found it: `[key start, key end,
    /// start, end]`, `NOT_FOUND` as the start when it was not.
    spans: Vec<[usize; 4]>,
    /// The children of nodes with more than [`FEW`], by token as the
    /// pointer spells it (escaped).
    by_token: HashMap<(u32, &'w str), u32>,
    /// The children of nodes with more than [`FEW`] that name an array
    /// item, by index: `(index, child)` sorted, for the cursor.
    items: HashMap<u32, Vec<(u32, u32)>>,
}

/// A start no value has.
const NOT_FOUND: usize = usize::MAX;

struct Node<'w> {
    /// The reference token, escaped as in the pointer.
    token: &'w str,
    parent: u32,
    /// The token as an array index, or [`NONE`].
    index: u32,
    /// First child and next sibling: a list, newest first.
    first_child: u32,
    next_sibling: u32,
    children: u32,
}

impl<'w> Wanted<'w> {
    /// Just the root.
    pub(super) fn new() -> Self {
        let root = Node { token: "", parent: NONE, index: NONE, first_child: NONE, next_sibling: NONE, children: 0 };
        Wanted { nodes: vec![root], spans: Vec::new(), by_token: HashMap::new(), items: HashMap::new() }
    }

    /// Adds `pointer` and the pointers that enclose it; returns its node.
    /// Text that is not a pointer (no leading `/`) is the document.
    pub(super) fn insert(&mut self, pointer: &'w str) -> u32 {
        let Some(rest) = pointer.strip_prefix('/') else { return 0 };
        rest.split('/').fold(0, |at, token| self.child_or_insert(at, token))
    }

    fn child_or_insert(&mut self, at: u32, token: &'w str) -> u32 {
        if let Some(child) = self.child(at, token) {
            return child;
        }
        // Four billion pointers do not fit in memory first; should they,
        // the rest are located at their parent.
        let Some(id) = u32::try_from(self.nodes.len()).ok().filter(|&id| id != NONE) else { return at };
        let index = as_index(token);
        let parent = &mut self.nodes[at as usize];
        let node = Node { token, parent: at, index, first_child: NONE, next_sibling: parent.first_child, children: 0 };
        parent.first_child = id;
        parent.children += 1;
        let crowded = parent.children > FEW;
        self.nodes.push(node);
        if crowded {
            if self.nodes[at as usize].children == FEW + 1 {
                // Just past the few: every child into the table.
                for child in self.children_of(at).collect::<Vec<_>>() {
                    self.by_token.insert((at, self.nodes[child as usize].token), child);
                }
            } else {
                self.by_token.insert((at, token), id);
            }
        }
        id
    }

    fn children_of(&self, at: u32) -> impl Iterator<Item = u32> + '_ {
        let first = Some(self.nodes[at as usize].first_child).filter(|&c| c != NONE);
        std::iter::successors(first, |&c| Some(self.nodes[c as usize].next_sibling).filter(|&c| c != NONE))
    }

    /// The child of `at` whose token is `token` (escaped).
    fn child(&self, at: u32, token: &str) -> Option<u32> {
        if self.nodes[at as usize].children > FEW {
            self.by_token.get(&(at, token)).copied()
        } else {
            self.children_of(at).find(|&c| self.nodes[c as usize].token == token)
        }
    }

    /// Scans `src` (JSON) once for every node's spans.
    pub(super) fn scan(&mut self, src: &[u8]) {
        self.prepare();
        Scanner::new(src).walk(0, None, 0, self);
    }

    /// Walks a YAML tree for every node's spans, as [`Wanted::scan`] does
    /// JSON text, entering only the nodes on the way to a wanted one. Of a
    /// key repeated in one mapping the first wins: the last is met first.
    pub(super) fn walk_tree(&mut self, root: &YamlNode) {
        self.prepare();
        let mut stack = vec![(0, None, root)];
        while let Some((at, key, node)) = stack.pop() {
            self.value(at, key, node.span);
            if !self.enters(at) {
                continue;
            }
            match &node.value {
                NodeValue::Seq(items) => {
                    let mut cursor = 0;
                    for (i, item) in items.iter().enumerate() {
                        if let Some(child) = self.item(at, i, &mut cursor) {
                            stack.push((child, None, item));
                        }
                    }
                }
                NodeValue::Map(entries) => {
                    for e in entries {
                        if let Some(child) = self.member(at, &e.key) {
                            stack.push((child, Some(e.key_span), &e.node));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Room for every node's spans, and the wanted items of crowded arrays
    /// in index order, for the cursor.
    fn prepare(&mut self) {
        self.spans = vec![[0, 0, NOT_FOUND, 0]; self.nodes.len()];
        for at in 0..self.nodes.len() {
            let at = at as u32;
            if self.nodes[at as usize].children > FEW {
                let mut items: Vec<(u32, u32)> = self
                    .children_of(at)
                    .map(|c| (self.nodes[c as usize].index, c))
                    .filter(|&(index, _)| index != NONE)
                    .collect();
                if !items.is_empty() {
                    items.sort_unstable();
                    self.items.insert(at, items);
                }
            }
        }
    }

    /// Where the value at `node` is; for a value the text does not have (a
    /// missing member), where the closest enclosing value that it has is.
    pub(super) fn span(&self, node: u32) -> Option<SpanPair> {
        std::iter::successors(Some(node), |&n| Some(self.nodes[n as usize].parent).filter(|&p| p != NONE))
            .map(|n| self.spans[n as usize])
            .find(|s| s[2] != NOT_FOUND)
            .map(|[key_start, key_end, start, end]| {
                ((key_start != NOT_FOUND).then_some((key_start, key_end)), (start, end))
            })
    }
}

impl Visitor for Wanted<'_> {
    type At = u32;
    const DUPLICATES: bool = false;

    fn enters(&self, at: u32) -> bool {
        self.nodes[at as usize].children > 0
    }

    fn member(&mut self, at: u32, key: &str) -> Option<u32> {
        if key.contains(['/', '~']) {
            let mut escaped = String::new();
            push_token(&mut escaped, key);
            return self.child(at, &escaped[1..]);
        }
        self.child(at, key)
    }

    fn item(&mut self, at: u32, index: usize, cursor: &mut usize) -> Option<u32> {
        let index = u32::try_from(index).ok().filter(|&i| i != NONE)?;
        let Some(items) = self.items.get(&at) else {
            return self.children_of(at).find(|&c| self.nodes[c as usize].index == index);
        };
        // Items come in order: the cursor only moves forward.
        while items.get(*cursor).is_some_and(|&(i, _)| i < index) {
            *cursor += 1;
        }
        items.get(*cursor).filter(|&&(i, _)| i == index).map(|&(_, child)| child)
    }

    fn value(&mut self, at: u32, key: Option<Range>, span: Range) {
        let (key_start, key_end) = key.unwrap_or((NOT_FOUND, 0));
        self.spans[at as usize] = [key_start, key_end, span.0, span.1];
    }
}

/// A token that names an array item: digits without a leading zero (RFC
/// 6901), below [`NONE`].
fn as_index(token: &str) -> u32 {
    let canonical =
        !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) && (token == "0" || !token.starts_with('0'));
    if canonical { token.parse().ok().filter(|&i| i != NONE).unwrap_or(NONE) } else { NONE }
}

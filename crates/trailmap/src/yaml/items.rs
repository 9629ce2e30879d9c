//! Where many items of one list in each element of a top-level list are in
//! YAML text, from saphyr's events, with no tree: the YAML side of
//! `locate::list_items_each`. `lint` locates a finding on most skills this
//! way; the tree of the nodes asked about, with a pointer for each, was
//! eleven times the file.
//!
//! Spans are the tree builder's (`Offsets::span`), so an item is where
//! locating its pointer in the tree places it. What the walk cannot see
//! into (an alias where the list, an element or its field should be) is
//! not answered: the caller asks the tree about those.

use saphyr_parser::{Event, Parser};

use super::Range;
use super::offsets::{Offsets, ParsedText};

/// How the sequence that holds an item is written: what cutting the item
/// out needs besides its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// `[a, b]`, not `- a`.
    pub flow: bool,
    /// How many items the sequence has.
    pub len: usize,
}

/// What a pass over a list hands over of each pair: the YAML walk's here
/// ([`list_items`]), and the JSON scan's (`crate::locate::list_items_each`).
#[derive(Clone, Copy)]
pub(crate) enum ListPart<'p> {
    /// The item `/{list}/{i}/{field}/{j}` (`locate::list_items_each`).
    Items,
    /// The field `/{list}/{i}/{field}` itself, of pairs `(i, 0)`
    /// (`locate::list_fields_each`).
    Fields,
    /// The item's member `/{list}/{i}/{field}/{j}/{member}`
    /// (`locate::list_item_members_each`).
    Members(&'p str),
}

/// What a node is to the walk.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// Nothing asked about: its content is read past.
    Other,
    /// The document's root mapping.
    Root,
    /// The list (`/{list}`).
    List,
    /// An element some pair names, by its first pair.
    Element(usize),
    /// An element's field whose items are asked about, by the element's
    /// first pair.
    Field(usize),
    /// An item asked about, by its pair: handed over when its sequence
    /// ends (its shape is known then).
    Item(usize),
    /// An item whose member is asked about, by its pair.
    Entry(usize),
    /// A field or an item's member asked about itself, by its pair:
    /// handed over at once.
    Whole(usize),
}

/// An open sequence or mapping.
struct Open {
    role: Role,
    seq: bool,
    start: usize,
    /// A mapping's value to come: its role once its key is read; `None`
    /// while a key is awaited.
    value: Option<Role>,
    /// A sequence's items so far.
    items: usize,
    /// A list's or a field's place in the pairs (items come in order).
    cursor: usize,
    /// Whether the root's list key or an element's field key was met: a
    /// repeated key is not followed (the tree keeps the first).
    met: bool,
}

/// Hands `found` each of `pairs` (increasing `(element, item)` pairs)
/// that `text` has at `/{list}/{element}/{field}/{item}`, with its span
/// and its sequence's shape, in order; for `ListPart::Fields`, the fields
/// `/{list}/{element}/{field}` themselves of pairs `(element, 0)`, and for
/// `ListPart::Members`, the items' member, with no shape. A pair out of
/// order, one the text does not have, or one behind an alias is not
/// handed over; nor is anything after a syntax error.
pub(crate) fn list_items(
    text: &str,
    list: &str,
    field: &str,
    pairs: &[(u32, u32)],
    part: ListPart<'_>,
    mut found: impl FnMut(usize, Range, Option<Shape>),
) {
    if pairs.is_empty() {
        return;
    }
    let mut walk = Walk { list, field, pairs, part, stack: Vec::new(), items: Vec::new() };
    let parsed = ParsedText::of(text);
    let mut offsets = Offsets::new(&parsed);
    let mut parser = Parser::new_from_str(parsed.text());
    let mut documents = 0usize;
    while let Some(Ok((event, span))) = parser.next_event() {
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return;
                }
            }
            Event::Scalar(value, ..) => {
                let range = offsets.span(span);
                if walk.awaits_key() {
                    walk.key(&value);
                } else {
                    walk.leaf(range, &mut found);
                }
            }
            Event::Alias(_) => {
                let range = offsets.span(span);
                if walk.awaits_key() {
                    // Not a key a roadmap can have.
                    walk.key("");
                } else {
                    walk.leaf(range, &mut found);
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if walk.awaits_key() {
                    // A collection as a key: the loader refuses such a text.
                    return;
                }
                let seq = matches!(event, Event::SequenceStart(..));
                walk.open(seq, offsets.span(span).0);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = offsets.span(span).1;
                walk.close(text, end, &mut found);
            }
            Event::StreamEnd => return,
            _ => {}
        }
    }
}

struct Walk<'p> {
    list: &'p str,
    field: &'p str,
    pairs: &'p [(u32, u32)],
    part: ListPart<'p>,
    stack: Vec<Open>,
    /// The items met in the field being read, by pair, with their spans.
    items: Vec<(usize, Range)>,
}

impl Walk<'_> {
    fn awaits_key(&self) -> bool {
        self.stack.last().is_some_and(|open| !open.seq && open.value.is_none())
    }

    /// The role of the value that follows `key` in the innermost mapping.
    fn key(&mut self, key: &str) {
        let (list, field, part) = (self.list, self.field, self.part);
        let Some(open) = self.stack.last_mut() else { return };
        let role = match (open.role, part) {
            (Role::Root, _) if key == list && !open.met => {
                open.met = true;
                Role::List
            }
            (Role::Element(first), _) if key == field && !open.met => {
                open.met = true;
                if matches!(part, ListPart::Fields) { Role::Whole(first) } else { Role::Field(first) }
            }
            (Role::Entry(pair), ListPart::Members(member)) if key == member && !open.met => {
                open.met = true;
                Role::Whole(pair)
            }
            _ => Role::Other,
        };
        open.value = Some(role);
    }

    /// The role of the next node of the innermost open container (or of
    /// the root), a sequence or mapping when `container` says which.
    fn next_role(&mut self, container: Option<bool>) -> Role {
        let (pairs, part) = (self.pairs, self.part);
        let role = match self.stack.last_mut() {
            None => Role::Root,
            Some(open) if !open.seq => open.value.unwrap_or(Role::Other),
            Some(open) => {
                let index = u32::try_from(open.items).unwrap_or(u32::MAX);
                match open.role {
                    Role::List => {
                        while pairs.get(open.cursor).is_some_and(|&(i, _)| i < index) {
                            open.cursor += 1;
                        }
                        match pairs.get(open.cursor) {
                            Some(&(i, _)) if i == index => Role::Element(open.cursor),
                            _ => Role::Other,
                        }
                    }
                    Role::Field(first) => {
                        let element = pairs[first].0;
                        while pairs.get(open.cursor).is_some_and(|&(i, j)| i == element && j < index) {
                            open.cursor += 1;
                        }
                        let at = open.cursor;
                        // A pair repeated, or out of order, is not answered.
                        let in_order = |pair| at == 0 || pairs[at - 1] < pair;
                        match pairs.get(at) {
                            Some(&pair) if pair == (element, index) && in_order(pair) => match part {
                                ListPart::Members(_) => Role::Entry(at),
                                _ => Role::Item(at),
                            },
                            _ => Role::Other,
                        }
                    }
                    _ => Role::Other,
                }
            }
        };
        // Roles that are about a kind of node hold only for that kind.
        match (role, container) {
            (Role::Root | Role::Element(_) | Role::Entry(_), Some(false)) => role,
            (Role::List | Role::Field(_), Some(true)) => role,
            (Role::Item(_) | Role::Whole(_), _) => role,
            _ => Role::Other,
        }
    }

    /// A scalar or an alias in a value's place.
    fn leaf(&mut self, range: Range, found: &mut impl FnMut(usize, Range, Option<Shape>)) {
        match self.next_role(None) {
            Role::Item(pair) => self.items.push((pair, range)),
            Role::Whole(pair) => found(pair, range, None),
            _ => {}
        }
        self.done();
    }

    fn open(&mut self, seq: bool, start: usize) {
        let role = self.next_role(Some(seq));
        let cursor = match role {
            Role::Field(first) => first,
            _ => 0,
        };
        self.stack.push(Open { role, seq, start, value: None, items: 0, cursor, met: false });
    }

    fn close(&mut self, text: &str, end: usize, found: &mut impl FnMut(usize, Range, Option<Shape>)) {
        let Some(open) = self.stack.pop() else { return };
        let span = (open.start, end.max(open.start));
        match open.role {
            Role::Item(pair) => self.items.push((pair, span)),
            Role::Whole(pair) => found(pair, span, None),
            Role::Field(_) => {
                let shape = Shape { flow: super::starts_flow(text, open.start), len: open.items };
                for (pair, range) in self.items.drain(..) {
                    found(pair, range, Some(shape));
                }
            }
            _ => {}
        }
        self.done();
    }

    /// The innermost open container's node is complete.
    fn done(&mut self) {
        if let Some(open) = self.stack.last_mut() {
            if open.seq {
                open.items += 1;
            } else {
                open.value = None;
            }
        }
    }
}

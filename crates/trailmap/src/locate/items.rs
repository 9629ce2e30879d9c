//! [`list_items`]: where many items of one list in each element of an
//! array are, from pairs of indices, with no pointer text and no tree of
//! them (a roadmap with a finding on most of a million skills spent more
//! memory on its findings' pointers than on its model).

use super::scan::{Range, Scanner, Visitor};
use crate::diagnostic::Location;
use crate::line_index::LineSweep;
use crate::yaml::ListPart;

/// Where the items `/{list}/{i}/{field}/{j}` of a JSON `source` are, for
/// each `(i, j)` of `pairs`, in one scan: as [`locate`](crate::locate())
/// places a diagnostic at that pointer. `pairs` are in increasing order;
/// the answer is `None` for a pair the source does not have, or one out
/// of that order (ask [`locate`](crate::locate()) about those). In a text
/// that repeats a member key on the way (not a valid roadmap), an item is
/// where the first one has it.
///
/// ```
/// let source = r#"{"skills": [{"id": "a"}, {"id": "b", "needs": ["a", "x"]}]}"#;
/// let found = trailmap::locate::list_items(source, "skills", "needs", &[(1, 1), (1, 2)]);
/// let at = found[0].unwrap();
/// assert_eq!((&source[at.offset..at.end_offset], at.column), ("\"x\"", 53));
/// assert!(found[1].is_none());
/// ```
pub fn list_items(source: &str, list: &str, field: &str, pairs: &[(u32, u32)]) -> Vec<Option<Location>> {
    let mut found = vec![None; pairs.len()];
    list_items_each(source, list, field, pairs, |k, location| found[k] = Some(location));
    found
}

/// [`list_items`], handing each pair found to `found` (its index in
/// `pairs`, and where it is) as the scan meets it, in the order of
/// `pairs`: a caller can use the first while the scan goes on.
///
/// ```
/// let source = r#"{"skills": [{"needs": ["a", "b"]}, {"needs": ["c"]}]}"#;
/// let mut found = Vec::new();
/// trailmap::locate::list_items_each(source, "skills", "needs", &[(0, 1), (1, 0), (1, 1)], |k, at| {
///     found.push((k, &source[at.offset..at.end_offset]));
/// });
/// assert_eq!(found, [(0, "\"b\""), (1, "\"c\"")]);
/// ```
pub fn list_items_each(
    source: &str,
    list: &str,
    field: &str,
    pairs: &[(u32, u32)],
    found: impl FnMut(usize, Location),
) {
    scan(source, list, field, pairs, ListPart::Items, found);
}

/// Where the members `/{list}/{i}/{field}/{j}/{member}` of a JSON `source`
/// are, for each `(i, j)` of `pairs` (in increasing order), handed to
/// `found` as [`list_items_each`] hands items over: a finding on a member
/// of most items (each resource's `url`) is located without its pointer.
///
/// ```
/// let source = r#"{"skills": [{"links": [{"url": "a"}, {"title": "B"}, {"url": "c"}]}]}"#;
/// let mut found = Vec::new();
/// trailmap::locate::list_item_members_each(source, "skills", "links", "url", &[(0, 0), (0, 1), (0, 2)], |k, at| {
///     found.push((k, &source[at.offset..at.end_offset]));
/// });
/// assert_eq!(found, [(0, "\"a\""), (2, "\"c\"")]);
/// ```
pub fn list_item_members_each(
    source: &str,
    list: &str,
    field: &str,
    member: &str,
    pairs: &[(u32, u32)],
    found: impl FnMut(usize, Location),
) {
    scan(source, list, field, pairs, ListPart::Members(member), found);
}

/// Where the fields `/{list}/{i}/{field}` themselves are, for each `i` of
/// `elements` (in increasing order), handed to `found` as
/// [`list_items_each`] hands items over: a finding on a field of most
/// elements (a skill's id) is located without its pointer.
///
/// ```
/// let source = r#"{"skills": [{"id": "a"}, {"name": "B"}, {"id": "C"}]}"#;
/// let mut found = Vec::new();
/// trailmap::locate::list_fields_each(source, "skills", "id", &[0, 1, 2], |k, at| {
///     found.push((k, &source[at.offset..at.end_offset]));
/// });
/// assert_eq!(found, [(0, "\"a\""), (2, "\"C\"")]);
/// ```
pub fn list_fields_each(source: &str, list: &str, field: &str, elements: &[u32], found: impl FnMut(usize, Location)) {
    let pairs: Vec<(u32, u32)> = elements.iter().map(|&i| (i, 0)).collect();
    scan(source, list, field, &pairs, ListPart::Fields, found);
}

/// The scan of [`list_items_each`], [`list_fields_each`] and
/// [`list_item_members_each`], handing over what `part` says.
fn scan(
    source: &str,
    list: &str,
    field: &str,
    pairs: &[(u32, u32)],
    part: ListPart<'_>,
    found: impl FnMut(usize, Location),
) {
    if pairs.is_empty() {
        return;
    }
    let (text, places) = ForwardPlaces::of(source);
    let mut items = Items { list, field, pairs, part, places, found };
    Scanner::new(text.as_bytes()).walk(At::Root, None, 0, &mut items);
}

/// Lines and columns of the spans a pass over a source hands over in
/// order, from one forward sweep of the text after any byte-order mark,
/// offsets shifted back past it (as `Locator` places them): the JSON scan's
/// and the YAML walk's ([`super::yaml_items`]).
pub(super) struct ForwardPlaces<'s> {
    sweep: LineSweep<'s>,
    /// The end of the last span placed.
    swept_to: usize,
    /// The byte-order mark's length, added back to every offset.
    shift: usize,
}

impl<'s> ForwardPlaces<'s> {
    /// The text after any byte-order mark, to pass over, and its places.
    pub(super) fn of(source: &'s str) -> (&'s str, Self) {
        let (text, shift) = super::after_bom(source);
        (text, ForwardPlaces { sweep: LineSweep::new(text), swept_to: 0, shift })
    }

    /// The location of `start..end` of the text; `None` for a span that
    /// starts before the last one placed ends (met again, as under a
    /// repeated key): the sweep only goes forward.
    pub(super) fn place(&mut self, start: usize, end: usize) -> Option<Location> {
        if start < self.swept_to {
            return None;
        }
        self.swept_to = end;
        let mut location = self.sweep.location(start, end);
        location.offset += self.shift;
        location.end_offset += self.shift;
        Some(location)
    }
}

/// The scan's visitor: it enters the list, the elements some pair names,
/// and their field, following `pairs` with the scan's cursors, and hands
/// each item found to `found` with its lines and columns.
struct Items<'p, F> {
    list: &'p str,
    field: &'p str,
    pairs: &'p [(u32, u32)],
    part: ListPart<'p>,
    places: ForwardPlaces<'p>,
    found: F,
}

/// Where the scan is; an element and its field are named by the first
/// pair about that element.
#[derive(Clone, Copy)]
enum At {
    Root,
    List,
    Element(usize),
    Field(usize),
    Item(usize),
    /// The wanted member of an item, by its pair.
    Member(usize),
}

impl<F: FnMut(usize, Location)> Visitor for Items<'_, F> {
    type At = At;
    const DUPLICATES: bool = false;

    fn enters(&self, at: At) -> bool {
        match at {
            At::Item(_) => matches!(self.part, ListPart::Members(_)),
            At::Field(_) => !matches!(self.part, ListPart::Fields),
            At::Member(_) => false,
            _ => true,
        }
    }

    fn member(&mut self, at: At, key: &str) -> Option<At> {
        match (at, self.part) {
            (At::Root, _) if key == self.list => Some(At::List),
            (At::Element(first), _) if key == self.field => Some(At::Field(first)),
            (At::Item(pair), ListPart::Members(member)) if key == member => Some(At::Member(pair)),
            _ => None,
        }
    }

    fn item(&mut self, at: At, index: usize, cursor: &mut usize) -> Option<At> {
        let index = u32::try_from(index).ok()?;
        match at {
            // Items come in order: each cursor only moves forward.
            At::List => {
                while self.pairs.get(*cursor).is_some_and(|&(i, _)| i < index) {
                    *cursor += 1;
                }
                self.pairs.get(*cursor).filter(|&&(i, _)| i == index).map(|_| At::Element(*cursor))
            }
            At::Field(first) => {
                let element = self.pairs[first].0;
                let mut at = first + *cursor;
                while self.pairs.get(at).is_some_and(|&(i, j)| i == element && j < index) {
                    at += 1;
                }
                *cursor = at - first;
                self.pairs.get(at).filter(|&&pair| pair == (element, index)).map(|_| At::Item(at))
            }
            _ => None,
        }
    }

    fn value(&mut self, at: At, _key: Option<Range>, (start, end): Range) {
        let pair = match (at, self.part) {
            (At::Item(pair), ListPart::Items)
            | (At::Field(pair), ListPart::Fields)
            | (At::Member(pair), ListPart::Members(_)) => pair,
            _ => return,
        };
        // Pairs out of order are not answered; nor is an item the scan
        // meets again (a repeated key), before the last one handed over.
        let in_order = pair == 0 || self.pairs[pair - 1] < self.pairs[pair];
        if !in_order {
            return;
        }
        if let Some(location) = self.places.place(start, end) {
            (self.found)(pair, location);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::list_items;
    use crate::locate::documents::{found_where_located, list_document as document};
    use crate::{Diagnostic, Severity};

    proptest! {
        /// Every pair, there or not, is found where `locate` finds its
        /// pointer, or is `None` exactly when the pointer is not there; in
        /// any layout, after a byte-order mark or not.
        #[test]
        fn pairs_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set((0u32..9, 0u32..7), 0..20),
            pretty in any::<bool>(),
            bom in any::<bool>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
            let source = format!("{}{}", if bom { "\u{feff}" } else { "" }, text.expect("JSON"));
            let pairs: Vec<(u32, u32)> = picks.into_iter().collect();
            let found = list_items(&source, "skills", "needs", &pairs);
            let pointers: Vec<String> = pairs.iter().map(|(i, j)| format!("/skills/{i}/needs/{j}")).collect();
            found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer))?;
            // Text cut anywhere (not JSON any more): what is found is
            // where locating the pointer finds it.
            let mut end = cut.index(source.len() + 1);
            while !source.is_char_boundary(end) {
                end -= 1;
            }
            let cut = &source[..end];
            for (&(i, j), found) in pairs.iter().zip(list_items(cut, "skills", "needs", &pairs)) {
                if let Some(found) = found {
                    prop_assert_eq!(Some(found), located(cut, &format!("/skills/{i}/needs/{j}")), "{}", cut);
                }
            }
        }
    }

    proptest! {
        /// Every element's field, there or not, is found where `locate`
        /// finds its pointer, or not at all exactly when it is not there.
        #[test]
        fn fields_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set(0u32..9, 0..9),
            pretty in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
            let source = format!("{}{}", if bom { "\u{feff}" } else { "" }, text.expect("JSON"));
            let elements: Vec<u32> = picks.into_iter().collect();
            for field in ["needs", "id"] {
                let mut found = vec![None; elements.len()];
                super::list_fields_each(&source, "skills", field, &elements, |k, at| found[k] = Some(at));
                let pointers: Vec<String> = elements.iter().map(|i| format!("/skills/{i}/{field}")).collect();
                found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer))?;
            }
        }
    }

    proptest! {
        /// Every item's member, there or not, is found where `locate`
        /// finds its pointer, or not at all exactly when it is not there.
        #[test]
        fn members_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set((0u32..9, 0u32..7), 0..20),
            pretty in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
            let source = format!("{}{}", if bom { "\u{feff}" } else { "" }, text.expect("JSON"));
            let pairs: Vec<(u32, u32)> = picks.into_iter().collect();
            for member in ["url", "any_of"] {
                let mut found = vec![None; pairs.len()];
                super::list_item_members_each(&source, "skills", "needs", member, &pairs, |k, at| found[k] = Some(at));
                let pointers: Vec<String> = pairs.iter().map(|(i, j)| format!("/skills/{i}/needs/{j}/{member}")).collect();
                found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer))?;
            }
        }
    }

    /// Where locating `pointer` in JSON `source` places it.
    fn located(source: &str, pointer: &str) -> Option<crate::Location> {
        let mut d = [Diagnostic::new("T", "t", Severity::Warning, "m").at(pointer)];
        crate::locate::locate_as(source, crate::Format::Json, &mut d);
        d[0].location
    }

    #[test]
    fn pairs_out_of_order_are_not_answered() {
        let source = r#"{"skills": [{"needs": ["a", "b"]}, {"needs": ["c"]}]}"#;
        let found = list_items(source, "skills", "needs", &[(1, 0), (0, 1), (1, 0)]);
        assert!(found[0].is_some());
        assert!(found[1].is_none() && found[2].is_none());
    }
}

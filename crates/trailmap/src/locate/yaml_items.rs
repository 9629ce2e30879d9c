//! [`yaml_list_items_each`], [`yaml_list_fields_each`] and
//! [`yaml_list_item_members_each`]: the YAML side
//! of [`list_items_each`](super::list_items_each), from the parser's events
//! with no tree and no pointer text.

use super::items::ForwardPlaces;
use crate::diagnostic::Location;
use crate::yaml::ListPart;

/// How the YAML sequence that holds an item is written: what a tool that
/// cuts the item out needs besides the item's span.
///
/// ```
/// let source = "skills:\n  - needs: [a, b]\n";
/// let mut shapes = Vec::new();
/// trailmap::locate::yaml_list_items_each(source, "skills", "needs", &[(0, 1)], |_, _, shape| shapes.push(shape));
/// assert!(shapes[0].flow);
/// assert_eq!(shapes[0].len, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SequenceShape {
    /// `true` for a flow sequence (`[a, b]`), `false` for a block one.
    pub flow: bool,
    /// How many items the sequence has.
    pub len: usize,
}

/// Where the items `/{list}/{i}/{field}/{j}` of a YAML `source` are, for
/// each `(i, j)` of `pairs` (in increasing order), handed to `found` (its
/// index in `pairs`, where it is, and how its sequence is written) in the
/// order of `pairs`, from one pass of the parser: as
/// [`locate`](crate::locate()) places a diagnostic at that pointer, with no
/// tree of the document. A pair the source does not have, one out of
/// order, or one behind an alias (`needs: *common`) is not handed over:
/// ask [`locate`](crate::locate()) about those. In a text that repeats a
/// key on the way (not a valid roadmap), an item is where the first one
/// has it.
///
/// ```
/// let source = "skills:\n  - id: a\n  - id: b\n    needs:\n      - a\n      - x\n";
/// let mut found = Vec::new();
/// trailmap::locate::yaml_list_items_each(source, "skills", "needs", &[(1, 1), (1, 2)], |k, at, shape| {
///     found.push((k, &source[at.offset..at.end_offset], at.line, shape.flow));
/// });
/// assert_eq!(found, [(0, "x", 6, false)]);
/// ```
pub fn yaml_list_items_each(
    source: &str,
    list: &str,
    field: &str,
    pairs: &[(u32, u32)],
    mut found: impl FnMut(usize, Location, SequenceShape),
) {
    walk(source, list, field, pairs, ListPart::Items, |k, at, shape| {
        if let Some(shape) = shape {
            found(k, at, SequenceShape { flow: shape.flow, len: shape.len });
        }
    });
}

/// Where the fields `/{list}/{i}/{field}` of a YAML `source` are, for each
/// `i` of `elements` (in increasing order), handed to `found` as
/// [`yaml_list_items_each`] hands items over.
///
/// ```
/// let source = "skills:\n  - id: a\n  - name: B\n  - id: \"C\"\n";
/// let mut found = Vec::new();
/// trailmap::locate::yaml_list_fields_each(source, "skills", "id", &[0, 1, 2], |k, at| {
///     found.push((k, &source[at.offset..at.end_offset]));
/// });
/// assert_eq!(found, [(0, "a"), (2, "\"C\"")]);
/// ```
pub fn yaml_list_fields_each(
    source: &str,
    list: &str,
    field: &str,
    elements: &[u32],
    mut found: impl FnMut(usize, Location),
) {
    let pairs: Vec<(u32, u32)> = elements.iter().map(|&i| (i, 0)).collect();
    walk(source, list, field, &pairs, ListPart::Fields, |k, at, _| found(k, at));
}

/// Where the members `/{list}/{i}/{field}/{j}/{member}` of a YAML `source`
/// are, for each `(i, j)` of `pairs` (in increasing order), handed to
/// `found` as [`yaml_list_items_each`] hands items over.
///
/// ```
/// let source = "skills:\n  - links:\n      - url: a\n      - title: B\n      - {url: \"c\"}\n";
/// let mut found = Vec::new();
/// trailmap::locate::yaml_list_item_members_each(source, "skills", "links", "url", &[(0, 0), (0, 1), (0, 2)], |k, at| {
///     found.push((k, &source[at.offset..at.end_offset]));
/// });
/// assert_eq!(found, [(0, "a"), (2, "\"c\"")]);
/// ```
pub fn yaml_list_item_members_each(
    source: &str,
    list: &str,
    field: &str,
    member: &str,
    pairs: &[(u32, u32)],
    mut found: impl FnMut(usize, Location),
) {
    walk(source, list, field, pairs, ListPart::Members(member), |k, at, _| found(k, at));
}

/// The walk of each, with lines and columns from one forward sweep.
fn walk(
    source: &str,
    list: &str,
    field: &str,
    pairs: &[(u32, u32)],
    part: ListPart<'_>,
    mut found: impl FnMut(usize, Location, Option<crate::yaml::Shape>),
) {
    let (text, mut places) = ForwardPlaces::of(source);
    crate::yaml::list_items(text, list, field, pairs, part, |k, (start, end), shape| {
        if let Some(location) = places.place(start, end) {
            found(k, location, shape);
        }
    });
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::{yaml_list_fields_each, yaml_list_item_members_each, yaml_list_items_each};
    use crate::locate::documents::{block_yaml, found_where_located, list_document as document};
    use crate::{Diagnostic, Format, Severity};

    /// `value` (a [`document`]) as YAML: block style, flow style (JSON is
    /// YAML), or block style with every member's value in flow style.
    fn spelled(value: &Value, style: u8) -> String {
        let flow = |v: &Value| serde_json::to_string(v).expect("JSON");
        match style {
            0 => block_yaml(value),
            1 => serde_json::to_string_pretty(value).expect("JSON"),
            _ => {
                let mut out = format!("needs: {}\nskills:", flow(&value["needs"]));
                let list = value["skills"].as_array().expect("a list");
                out.push_str(if list.is_empty() { " []\n" } else { "\n" });
                for element in list {
                    for (k, (key, member)) in element.as_object().expect("a mapping").iter().enumerate() {
                        let head = if k == 0 { "  - " } else { "    " };
                        out.push_str(&format!("{head}{key}: {}\n", flow(member)));
                    }
                }
                out + "z: 1\n"
            }
        }
    }

    /// Where locating `pointer` in YAML `source` places it, and the shape
    /// of the sequence that holds it.
    fn located(source: &str, pointer: &str) -> Option<(crate::Location, Option<(bool, usize)>)> {
        let mut d = [Diagnostic::new("T", "t", Severity::Warning, "m").at(pointer)];
        crate::locate::locate_as(source, Format::Yaml, &mut d);
        let parent = &pointer[..pointer.rfind('/')?];
        let sequence = crate::locate::yaml_sequences(source, &[parent]).pop().flatten();
        Some((d[0].location?, sequence.map(|s| (s.flow, s.items.len()))))
    }

    proptest! {
        /// Every pair the text has is handed over where locating its
        /// pointer in the tree places it, with the shape of the sequence
        /// the tree has there; no other pair is; in block and flow style,
        /// after a byte-order mark or not.
        #[test]
        fn pairs_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set((0u32..9, 0u32..7), 0..20),
            style in 0u8..3,
            bom in any::<bool>(),
        ) {
            let source = format!("{}{}", if bom { "\u{feff}" } else { "" }, spelled(&value, style));
            prop_assume!(crate::yaml::parse(source.trim_start_matches('\u{feff}')).is_ok());
            let pairs: Vec<(u32, u32)> = picks.into_iter().collect();
            let mut found = vec![None; pairs.len()];
            let mut order = Vec::new();
            yaml_list_items_each(&source, "skills", "needs", &pairs, |k, at, shape| {
                order.push(k);
                found[k] = Some((at, Some((shape.flow, shape.len))));
            });
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "{:?}", order);
            let pointers: Vec<String> = pairs.iter().map(|(i, j)| format!("/skills/{i}/needs/{j}")).collect();
            found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer))?;
        }

        /// Every element's field, there or not, is found where locating its
        /// pointer in the tree places it, or not at all exactly when it is
        /// not there.
        #[test]
        fn fields_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set(0u32..9, 0..9),
            style in 0u8..3,
        ) {
            let source = spelled(&value, style);
            prop_assume!(crate::yaml::parse(&source).is_ok());
            let elements: Vec<u32> = picks.into_iter().collect();
            for field in ["needs", "id"] {
                let mut found = vec![None; elements.len()];
                yaml_list_fields_each(&source, "skills", field, &elements, |k, at| found[k] = Some(at));
                let pointers: Vec<String> = elements.iter().map(|i| format!("/skills/{i}/{field}")).collect();
                found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer).map(|(at, _)| at))?;
            }
        }
    }

    proptest! {
        /// Every item's member, there or not, is found where locating its
        /// pointer in the tree places it, or not at all exactly when it is
        /// not there.
        #[test]
        fn members_are_located_as_their_pointers(
            value in document(),
            picks in prop::collection::btree_set((0u32..9, 0u32..7), 0..20),
            style in 0u8..3,
        ) {
            let source = spelled(&value, style);
            prop_assume!(crate::yaml::parse(&source).is_ok());
            let pairs: Vec<(u32, u32)> = picks.into_iter().collect();
            for member in ["url", "any_of"] {
                let mut found = vec![None; pairs.len()];
                yaml_list_item_members_each(&source, "skills", "needs", member, &pairs, |k, at| found[k] = Some(at));
                let pointers: Vec<String> = pairs.iter().map(|(i, j)| format!("/skills/{i}/needs/{j}/{member}")).collect();
                found_where_located(&value, &source, &pointers, found, |pointer| located(&source, pointer).map(|(at, _)| at))?;
            }
        }
    }

    /// What an alias stands for is not walked into: those pairs are left
    /// to the tree. An alias as an item is an item, where the alias is.
    #[test]
    fn aliases_on_the_way_are_left_to_the_tree() {
        let source = "common: &c [a, b]\nskills:\n  - needs: *c\n  - needs: [*c, z]\n";
        let mut found = Vec::new();
        yaml_list_items_each(source, "skills", "needs", &[(0, 0), (1, 0), (1, 1)], |k, at, _| {
            found.push((k, &source[at.offset..at.end_offset]));
        });
        assert_eq!(found, [(1, "*c"), (2, "z")]);
    }

    /// A sequence with an anchor or a tag is in flow style where its `[`
    /// says so, as the tree says it.
    #[test]
    fn anchored_and_tagged_sequences_keep_their_style() {
        let source = "skills:\n  - needs: &n [a, b]\n  - needs: !!seq [c]\n  - needs: &m\n      - d\n  - needs: &o # why\n      [e]\n";
        let pairs = [(0, 1), (1, 0), (2, 0), (3, 0)];
        let mut found = Vec::new();
        yaml_list_items_each(source, "skills", "needs", &pairs, |_, at, shape| {
            found.push((&source[at.offset..at.end_offset], shape.flow, shape.len));
        });
        assert_eq!(found, [("b", true, 2), ("c", true, 1), ("d", false, 1), ("e", true, 1)]);
        let tree: Vec<bool> = crate::locate::yaml_sequences(
            source,
            &["/skills/0/needs", "/skills/1/needs", "/skills/2/needs", "/skills/3/needs"],
        )
        .into_iter()
        .map(|s| s.expect("a sequence").flow)
        .collect();
        assert_eq!(tree, [true, true, false, true]);
    }

    /// A repeated key is followed where the tree keeps it (the first); a
    /// second document and text after a syntax error are not read.
    #[test]
    fn repeated_keys_and_broken_text() {
        let source = "skills:\n  - needs: [a]\n    needs: [b]\nskills:\n  - needs: [c]\n";
        let mut found = Vec::new();
        yaml_list_items_each(source, "skills", "needs", &[(0, 0)], |_, at, _| {
            found.push(&source[at.offset..at.end_offset])
        });
        assert_eq!(found, ["a"]);
        let broken = "skills:\n  - needs: [a, b\n  - needs: [c]\n";
        let mut count = 0;
        yaml_list_items_each(broken, "skills", "needs", &[(1, 0)], |_, _, _| count += 1);
        assert_eq!(count, 0);
    }
}

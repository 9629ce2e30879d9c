//! Removing a sequence item from YAML source by exact text edits, so that
//! comments and layout elsewhere stay byte for byte.
//!
//! A flow sequence (`[a, b]`) takes the same edit as JSON (the item and one
//! comma). A block sequence item (`- a`, or a mapping spread over several
//! lines) is removed as whole lines: from the start of its `-` line to the
//! end of its last line, with a comment that ends that line; comment lines
//! around it stay. The only item of a block sequence becomes `[]`, since an
//! empty block sequence would read as `null`. An item that does not start
//! its line (`- - a`) gets no fix.

use trailmap::Edit;

/// One removal per pointer, in order, located in one parse of `source`.
/// `leading`: for each, whether it takes the comma after it in a flow
/// sequence ([`super::leading`]).
pub(super) fn remove_items<P: AsRef<str>>(source: &str, pointers: &[P], leading: &[bool]) -> Vec<Option<Vec<Edit>>> {
    remove_items_in(source, &mut trailmap::locate::Locator::new(source, trailmap::Format::Yaml), pointers, leading)
}

/// [`remove_items`] with the sequences found by `locator` (which may have
/// parsed `source` already).
pub(super) fn remove_items_in<P: AsRef<str>>(
    source: &str,
    locator: &mut trailmap::locate::Locator<'_>,
    pointers: &[P],
    leading: &[bool],
) -> Vec<Option<Vec<Edit>>> {
    let split: Vec<Option<(&str, usize)>> = pointers.iter().map(|p| super::split_index(p.as_ref())).collect();
    // Each sequence once, however many of its items go: a list of 20,000
    // repeats would otherwise copy its 20,000 item spans for each of them.
    let mut parents: Vec<&str> = split.iter().map(|s| s.map_or("", |(parent, _)| parent)).collect();
    parents.sort_unstable();
    parents.dedup();
    // A tree of these sequences only, unless the locator has parsed already.
    locator.expect(parents.iter().copied());
    let sequences = locator.yaml_sequences(&parents);
    split
        .into_iter()
        .zip(leading.iter().copied().chain(std::iter::repeat(false)))
        .map(|(split, leading)| {
            let (parent, index) = split?;
            let sequence = sequences[parents.binary_search(&parent).ok()?].as_ref()?;
            removal(source, *sequence.items.get(index)?, sequence.flow, sequence.items.len(), leading)
        })
        .collect()
}

/// Where the item's text ends: a block mapping's span runs on to the next
/// token, over line breaks and whole comment lines, which belong to what
/// follows.
fn content_end(source: &str, start: usize, mut end: usize) -> usize {
    loop {
        end = start + source[start..end].trim_end().len();
        match source[start..end].rfind('\n') {
            Some(cut) if source[start + cut + 1..end].trim_start().starts_with('#') => end = start + cut,
            _ => return end,
        }
    }
}

/// The removal of the item at `start..end` of a sequence of `len` items,
/// `flow` or block ([`super::leading`] in a flow sequence).
pub(super) fn removal(
    source: &str,
    (start, end): (usize, usize),
    flow: bool,
    len: usize,
    leading: bool,
) -> Option<Vec<Edit>> {
    if start >= end || end > source.len() || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return None;
    }
    let end = content_end(source, start, end);
    if flow {
        return super::removal(source, start, end, leading);
    }
    let bytes = source.as_bytes();
    // The item's `-`: the first thing before it, across spaces and breaks.
    let dash = source[..start].trim_end_matches([' ', '\t', '\r', '\n']).len().checked_sub(1)?;
    if bytes[dash] != b'-' {
        return None;
    }
    let line_start = source[..dash].rfind('\n').map_or(0, |i| i + 1);
    if !source[line_start..dash].bytes().all(|b| b == b' ') {
        return None; // `- - a`: not a line of its own
    }
    if len == 1 {
        // An empty block sequence would be `null`: leave an empty flow
        // sequence, one column right of the dash so that it is indented
        // under its key even when the dash was not. Only for an item on
        // one line without a `#` (a block mapping's span runs to the next
        // token, over a trailing comment, which must stay).
        if source[start..end].contains(['\n', '#']) {
            return None;
        }
        return Some(vec![Edit { start: dash, end, replacement: " []".into() }]);
    }
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i + 1);
    // Only white space or a comment may follow the item on its last line.
    let rest = source[end..line_end].trim_start_matches([' ', '\t']);
    if !(rest.is_empty() || rest.starts_with(['#', '\r', '\n'])) {
        return None;
    }
    Some(vec![Edit { start: line_start, end: line_end, replacement: String::new() }])
}

#[cfg(test)]
mod tests {
    use super::remove_items;
    use crate::fix::apply;

    fn removed(source: &str, pointer: &str) -> Option<String> {
        let edits = remove_items(source, &[pointer], &[false]).pop().flatten()?;
        Some(apply(source, &edits).0)
    }

    #[test]
    fn block_items_go_as_whole_lines_and_comments_stay() {
        let src = "a:\n  # first\n  - x   # why x\n  # between\n  - y\n  - z\nb: 1 # end\n";
        assert_eq!(removed(src, "/a/0").unwrap(), "a:\n  # first\n  # between\n  - y\n  - z\nb: 1 # end\n");
        assert_eq!(removed(src, "/a/1").unwrap(), "a:\n  # first\n  - x   # why x\n  # between\n  - z\nb: 1 # end\n");
        assert_eq!(removed(src, "/a/2").unwrap(), "a:\n  # first\n  - x   # why x\n  # between\n  - y\nb: 1 # end\n");
    }

    #[test]
    fn multi_line_items_and_the_last_line_of_the_file() {
        let src = "s:\n- id: a\n  name: A # the first\n  # about b\n\n- id: b\n  name: B";
        assert_eq!(removed(src, "/s/0").unwrap(), "s:\n  # about b\n\n- id: b\n  name: B");
        assert_eq!(removed(src, "/s/1").unwrap(), "s:\n- id: a\n  name: A # the first\n  # about b\n\n");
        let crlf = "s:\r\n  - a\r\n  - b\r\n";
        assert_eq!(removed(crlf, "/s/0").unwrap(), "s:\r\n  - b\r\n");
    }

    #[test]
    fn the_only_item_leaves_an_empty_sequence() {
        assert_eq!(removed("a:\n- x # c\nb: 2\n", "/a/0").unwrap(), "a:\n [] # c\nb: 2\n");
        assert_eq!(removed("a:\n  - x\n", "/a/0").unwrap(), "a:\n   []\n");
    }

    #[test]
    fn flow_sequences_lose_the_item_and_a_comma() {
        let src = "a: [x, y, z] # keep\n";
        assert_eq!(removed(src, "/a/0").unwrap(), "a: [y, z] # keep\n");
        assert_eq!(removed(src, "/a/2").unwrap(), "a: [x, y] # keep\n");
        assert_eq!(removed("a: [x]\n", "/a/0").unwrap(), "a: []\n");
    }

    #[test]
    fn no_fix_for_what_is_not_there_or_not_on_its_own_line() {
        assert_eq!(removed("a:\n  - x\n", "/a/5"), None);
        assert_eq!(removed("a:\n  - - x\n    - y\n", "/a/0/0"), None);
        assert_eq!(removed("a: 1\n", "/a/0"), None);
    }
}

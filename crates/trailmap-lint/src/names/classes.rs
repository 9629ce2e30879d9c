//! Letters, digits and lower case of the Basic Multilingual Plane from one
//! table, for runs that ask about many non-ASCII characters.
//!
//! `char::is_alphabetic` and `char::to_lowercase` search Unicode's tables
//! for every character outside ASCII: on 100,000 skill names in Greek
//! they were 46% of TM109, which asks about each letter five times (its
//! normal form, its sameness key, the count and two passes of variants).
//! Once a run has that many such letters, [`prepare`] reads the tables
//! once for every character up to U+FFFF (a few milliseconds, 192 KB);
//! the answers are the standard library's, looked up.

use std::sync::OnceLock;

/// Non-ASCII characters a run must ask about before the table pays for
/// its own building (one question per character of the plane).
pub(super) const WORTH_A_TABLE: usize = 1 << 16;

/// A character's classes, one byte each.
const ALPHABETIC: u8 = 1;
const ALPHANUMERIC: u8 = 2;

struct Table {
    classes: Box<[u8]>,
    /// The lower case of each character when it is one character of the
    /// plane; 0 when it is not (then the standard library says).
    lower: Box<[u16]>,
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// Builds the table (once per process).
pub(super) fn prepare() {
    TABLE.get_or_init(|| {
        let chars = (0..=u16::MAX).map(|u| char::from_u32(u32::from(u)));
        let class = |c: char| {
            let alphabetic = if c.is_alphabetic() { ALPHABETIC } else { 0 };
            alphabetic | if c.is_alphanumeric() { ALPHANUMERIC } else { 0 }
        };
        let classes = chars.clone().map(|c| c.map_or(0, class)).collect();
        let lower = chars
            .map(|c| {
                let mut lower = c.map(char::to_lowercase).into_iter().flatten();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => u16::try_from(u32::from(l)).unwrap_or(0),
                    _ => 0,
                }
            })
            .collect();
        Table { classes, lower }
    });
}

fn classes(c: char) -> Option<u8> {
    let table = TABLE.get()?;
    table.classes.get(c as usize).copied()
}

/// `c.is_alphabetic()`.
pub(super) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    classes(c).map_or_else(|| c.is_alphabetic(), |k| k & ALPHABETIC != 0)
}

/// `c.is_alphanumeric()`.
pub(super) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    classes(c).map_or_else(|| c.is_alphanumeric(), |k| k & ALPHANUMERIC != 0)
}

/// Calls `each` with every character of `c.to_lowercase()`.
pub(super) fn lowercase(c: char, mut each: impl FnMut(char)) {
    if c.is_ascii() {
        return each(c.to_ascii_lowercase());
    }
    let single = TABLE.get().and_then(|t| t.lower.get(c as usize)).and_then(|&l| char::from_u32(u32::from(l)));
    match single.filter(|&l| l != '\0') {
        Some(l) => each(l),
        None => c.to_lowercase().for_each(each),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the plane and a few beyond it: the table's
    /// answers are the standard library's.
    #[test]
    fn the_table_answers_as_the_standard_library() {
        prepare();
        let beyond = ['𝔸', '𐐀', '😀', '\u{10FFFF}'];
        for c in (0..=u32::from(u16::MAX)).filter_map(char::from_u32).chain(beyond) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut lower = String::new();
            lowercase(c, |l| lower.push(l));
            assert_eq!(lower, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }
}

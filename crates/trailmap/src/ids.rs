//! What an id may be: 1 to 128 ASCII letters, digits, `-`, `_` and `.`,
//! starting with a letter or a digit. Ids are typed by hand, compared
//! byte for byte and used in file names and URLs: a look-alike letter
//! (a Cyrillic "о" in "pythоn"), a space or a line break would make two
//! ids that look the same and are not.

use serde::de::{self, Deserialize, Deserializer};

/// The JSON Schema `pattern` of an id.
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

/// The longest id, in characters.
pub const MAX_ID_LEN: usize = 128;

/// Why a string is not a valid id, as a sentence; `None` when it is one.
///
/// ```
/// use trailmap::ids::problem;
/// assert_eq!(problem("python"), None);
/// assert_eq!(
///     problem("pyth\u{43e}n").unwrap(),
///     "character 5 is U+043E CYRILLIC SMALL LETTER O; ids use ASCII letters, digits, `-`, `_` and `.`"
/// );
/// assert!(problem("").unwrap().contains("empty"));
/// assert!(problem("-x").unwrap().contains("start"));
/// ```
pub fn problem(id: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if id.is_empty() {
        return Some("the id is empty".into());
    }
    if let Some((i, c)) = id.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        return Some(format!(
            "character {} is {}; ids use ASCII letters, digits, `-`, `_` and `.`",
            i + 1,
            char_name(c)
        ));
    }
    let len = id.chars().count();
    if len > MAX_ID_LEN {
        return Some(format!("the id is {len} characters long; at most {MAX_ID_LEN} are allowed"));
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some("an id must start with an ASCII letter or digit".into());
    }
    None
}

/// `U+XXXX NAME` for characters that get into ids by accident (look-alike
/// letters, invisible and white-space characters, punctuation), `U+XXXX`
/// alone for the rest.
///
/// ```
/// assert_eq!(trailmap::ids::char_name('\u{200b}'), "U+200B ZERO WIDTH SPACE");
/// assert_eq!(trailmap::ids::char_name('Ж'), "U+0416 CYRILLIC CAPITAL LETTER ZHE");
/// ```
pub fn char_name(c: char) -> String {
    let code = c as u32;
    let name: Option<String> = match c {
        ' ' => Some("SPACE".into()),
        '\t' => Some("CHARACTER TABULATION".into()),
        '\n' => Some("LINE FEED".into()),
        '\r' => Some("CARRIAGE RETURN".into()),
        '\u{a0}' => Some("NO-BREAK SPACE".into()),
        '\u{ad}' => Some("SOFT HYPHEN".into()),
        '\u{200b}' => Some("ZERO WIDTH SPACE".into()),
        '\u{200c}' => Some("ZERO WIDTH NON-JOINER".into()),
        '\u{200d}' => Some("ZERO WIDTH JOINER".into()),
        '\u{2010}' => Some("HYPHEN".into()),
        '\u{2013}' => Some("EN DASH".into()),
        '\u{2014}' => Some("EM DASH".into()),
        '\u{2212}' => Some("MINUS SIGN".into()),
        '\u{feff}' => Some("ZERO WIDTH NO-BREAK SPACE".into()),
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character".into()),
        '\u{410}'..='\u{44f}' => {
            let index = (code - 0x410) as usize % 32;
            let case = if code < 0x430 { "CAPITAL" } else { "SMALL" };
            Some(format!("CYRILLIC {case} LETTER {}", CYRILLIC[index]))
        }
        '\u{391}'..='\u{3a9}' | '\u{3b1}'..='\u{3c9}' if code != 0x3a2 => {
            let (base, case) = if code < 0x3b1 { (0x391, "CAPITAL") } else { (0x3b1, "SMALL") };
            let index = (code - base) as usize;
            (index < GREEK.len()).then(|| format!("GREEK {case} LETTER {}", GREEK[index]))
        }
        c if c.is_ascii_punctuation() => ASCII_PUNCTUATION.iter().find(|(p, _)| *p == c).map(|(_, n)| (*n).to_owned()),
        _ => None,
    };
    match name {
        Some(name) if name.starts_with("a control") => format!("U+{code:04X}, {name}"),
        Some(name) => format!("U+{code:04X} {name}"),
        None => format!("U+{code:04X}"),
    }
}

/// Basic Cyrillic letters А..Я in code point order.
const CYRILLIC: [&str; 32] = [
    "A",
    "BE",
    "VE",
    "GHE",
    "DE",
    "IE",
    "ZHE",
    "ZE",
    "I",
    "SHORT I",
    "KA",
    "EL",
    "EM",
    "EN",
    "O",
    "PE",
    "ER",
    "ES",
    "TE",
    "U",
    "EF",
    "HA",
    "TSE",
    "CHE",
    "SHA",
    "SHCHA",
    "HARD SIGN",
    "YERU",
    "SOFT SIGN",
    "E",
    "YU",
    "YA",
];

/// Greek letters Α..Ω in code point order (U+03A2 and U+03C2, final sigma,
/// are not in the capital range).
const GREEK: [&str; 25] = [
    "ALPHA",
    "BETA",
    "GAMMA",
    "DELTA",
    "EPSILON",
    "ZETA",
    "ETA",
    "THETA",
    "IOTA",
    "KAPPA",
    "LAMDA",
    "MU",
    "NU",
    "XI",
    "OMICRON",
    "PI",
    "RHO",
    "FINAL SIGMA",
    "SIGMA",
    "TAU",
    "UPSILON",
    "PHI",
    "CHI",
    "PSI",
    "OMEGA",
];

const ASCII_PUNCTUATION: &[(char, &str)] = &[
    ('!', "EXCLAMATION MARK"),
    ('"', "QUOTATION MARK"),
    ('#', "NUMBER SIGN"),
    ('$', "DOLLAR SIGN"),
    ('%', "PERCENT SIGN"),
    ('&', "AMPERSAND"),
    ('\'', "APOSTROPHE"),
    ('(', "LEFT PARENTHESIS"),
    (')', "RIGHT PARENTHESIS"),
    ('*', "ASTERISK"),
    ('+', "PLUS SIGN"),
    (',', "COMMA"),
    ('/', "SOLIDUS"),
    (':', "COLON"),
    (';', "SEMICOLON"),
    ('<', "LESS-THAN SIGN"),
    ('=', "EQUALS SIGN"),
    ('>', "GREATER-THAN SIGN"),
    ('?', "QUESTION MARK"),
    ('@', "COMMERCIAL AT"),
    ('[', "LEFT SQUARE BRACKET"),
    ('\\', "REVERSE SOLIDUS"),
    (']', "RIGHT SQUARE BRACKET"),
    ('^', "CIRCUMFLEX ACCENT"),
    ('`', "GRAVE ACCENT"),
    ('{', "LEFT CURLY BRACKET"),
    ('|', "VERTICAL LINE"),
    ('}', "RIGHT CURLY BRACKET"),
    ('~', "TILDE"),
];

/// Deserializes an id, refusing what [`problem`] refuses (as the schema's
/// `pattern` and `maxLength` do), so the types and the schema agree.
pub(crate) fn checked<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + std::ops::Deref<Target = str>,
{
    let id = T::deserialize(d)?;
    match problem(&id) {
        None => Ok(id),
        Some(why) => Err(de::Error::custom(format_args!("invalid id: {why}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The schema's `pattern` and length bounds accept exactly what
        /// `problem` accepts.
        #[test]
        fn schema_and_check_agree(id in prop_oneof!["[A-Za-z0-9._-]{0,130}", "\\PC{0,6}", "[a-z]{1,4}[ \u{430}-\u{44f}\u{200b}/][a-z]{0,3}"]) {
            let schema = serde_json::json!({"type": "string", "minLength": 1, "maxLength": MAX_ID_LEN, "pattern": ID_PATTERN});
            let validator = jsonschema::validator_for(&schema).unwrap();
            prop_assert_eq!(validator.is_valid(&serde_json::Value::from(id.clone())), problem(&id).is_none(), "{:?}", id);
        }
    }

    #[test]
    fn greek_and_cyrillic_names() {
        assert_eq!(char_name('ο'), "U+03BF GREEK SMALL LETTER OMICRON");
        assert_eq!(char_name('Ω'), "U+03A9 GREEK CAPITAL LETTER OMEGA");
        assert_eq!(char_name('я'), "U+044F CYRILLIC SMALL LETTER YA");
        assert_eq!(char_name('\u{7}'), "U+0007, a control character");
        assert_eq!(char_name('é'), "U+00E9");
    }

    #[test]
    fn lengths_and_starts() {
        assert!(problem(&"a".repeat(128)).is_none());
        assert!(problem(&"a".repeat(129)).unwrap().contains("129"));
        assert!(problem("a.b_c-D9").is_none());
        assert!(problem(".hidden").is_some());
        assert!(problem("has space").unwrap().contains("U+0020 SPACE"));
    }
}

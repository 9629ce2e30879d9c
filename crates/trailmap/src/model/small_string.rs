//! Skill ids and names as strings that keep short text inline.
//!
//! A large roadmap holds millions of short ids (`python`, `skill-41`):
//! as `String`s each was an allocation of its own beside the 24 bytes of
//! the string itself. Kept inline they cost nothing more, which takes
//! about a fifth off the parsed model (BENCHMARKS.md, "Memory").

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string stored inside its own 24 bytes when it is at most 24 bytes of
/// UTF-8, on the heap otherwise. The model uses it for skill ids, skill
/// names and the ids that refer to skills; it reads, compares, hashes and
/// serializes exactly as the `str` it holds.
///
/// ```
/// use trailmap::SmallString;
///
/// let id = SmallString::from("python");
/// assert_eq!(id, "python");
/// assert_eq!(id.len(), 6);
/// assert_eq!(serde_json::to_string(&id).unwrap(), r#""python""#);
/// let back: String = id.into();
/// assert_eq!(back, "python");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SmallString(compact_str::CompactString);

impl SmallString {
    /// The empty string.
    ///
    /// ```
    /// assert!(trailmap::SmallString::new().is_empty());
    /// ```
    pub const fn new() -> Self {
        SmallString(compact_str::CompactString::const_new(""))
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(trailmap::SmallString::from("git").as_str(), "git");
    /// ```
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Appends `text`.
    ///
    /// ```
    /// let mut id = trailmap::SmallString::from("skill");
    /// id.push_str("-2");
    /// assert_eq!(id, "skill-2");
    /// ```
    pub fn push_str(&mut self, text: &str) {
        self.0.push_str(text);
    }
}

impl Deref for SmallString {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SmallString {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

// Hash, Eq and Ord agree with `str`'s (the derives delegate to
// `CompactString`, which hashes and orders as its text), so a map keyed by
// `SmallString` can be asked with a `&str`.
impl Borrow<str> for SmallString {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for SmallString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0.as_str(), f)
    }
}

impl fmt::Debug for SmallString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl From<&str> for SmallString {
    fn from(text: &str) -> Self {
        SmallString(text.into())
    }
}

impl From<&String> for SmallString {
    fn from(text: &String) -> Self {
        SmallString(text.as_str().into())
    }
}

impl From<String> for SmallString {
    /// Reuses the `String`'s buffer when the text does not fit inline.
    fn from(text: String) -> Self {
        SmallString(text.into())
    }
}

impl From<&SmallString> for SmallString {
    fn from(text: &SmallString) -> Self {
        text.clone()
    }
}

impl From<SmallString> for String {
    fn from(text: SmallString) -> Self {
        text.0.into_string()
    }
}

impl From<&SmallString> for String {
    fn from(text: &SmallString) -> Self {
        text.as_str().to_owned()
    }
}

impl std::str::FromStr for SmallString {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(text.into())
    }
}

macro_rules! eq_with {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for SmallString {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<SmallString> for $other {
            fn eq(&self, other: &SmallString) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}
eq_with!(str, &str, String);

impl Serialize for SmallString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SmallString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = SmallString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SmallString, E> {
                Ok(v.into())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<SmallString, E> {
                Ok(v.into())
            }
        }
        deserializer.deserialize_str(Text)
    }
}

// The schema of a string: the published schema does not change.
impl JsonSchema for SmallString {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::SmallString;
    use std::collections::HashMap;

    #[test]
    fn long_and_short_text_read_back_the_same() {
        for text in ["", "git", "exactly-twenty-four-byte", "exactly-twenty-five-bytes", "é".repeat(40).as_str()] {
            let small = SmallString::from(text);
            assert_eq!(small, text);
            assert_eq!(String::from(small.clone()), text);
            let json = serde_json::to_string(&small).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<SmallString>(&json).unwrap(), text);
        }
    }

    #[test]
    fn a_map_keyed_by_small_strings_answers_str_lookups() {
        let map: HashMap<SmallString, usize> =
            [("python".into(), 1), ("a-much-longer-skill-identifier".into(), 2)].into();
        assert_eq!(map.get("python"), Some(&1));
        assert_eq!(map.get("a-much-longer-skill-identifier"), Some(&2));
        assert_eq!(map.get("pyth"), None);
    }

    #[test]
    fn a_number_is_not_a_string() {
        let err = serde_json::from_str::<SmallString>("12").unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
    }
}

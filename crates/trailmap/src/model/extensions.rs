//! Extension keys (`x-…`): kept, ordered, unique; any other unknown key is
//! an error.

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Extension keys of an object: every key must start with `x-`. Any other
/// unknown key is an error, so that a typo never passes silently.
///
/// ```
/// let skill: trailmap::Skill = serde_json::from_str(
///     r#"{"id": "git", "name": "Git", "x-owner": "platform-team"}"#,
/// ).unwrap();
/// assert_eq!(skill.extensions.get("x-owner").unwrap(), "platform-team");
///
/// let typo = serde_json::from_str::<trailmap::Skill>(r#"{"id": "git", "name": "Git", "nmae": "x"}"#);
/// assert!(typo.unwrap_err().to_string().contains("unknown field `nmae`"));
/// ```
#[derive(Clone, Default, PartialEq)]
// The box is the point: one word where a vector takes three (below).
#[allow(clippy::box_collection)]
pub struct Extensions(
    /// Sorted by key, keys unique; `None` rather than an empty list, so
    /// that equal extensions are equal. A vector, not a `BTreeMap`: most
    /// objects carry no extension or one, and a map's first node costs
    /// about 600 bytes, which was most of an imported million-skill model.
    /// Boxed: one word in every object that may carry them (an `any_of`
    /// group, a resource), where a vector took three.
    Option<Box<Vec<(String, serde_json::Value)>>>,
);

impl fmt::Debug for Extensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Extensions").field(&self.pairs()).finish()
    }
}

impl Serialize for Extensions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.pairs().iter().map(|(k, v)| (k, v)))
    }
}

impl Extensions {
    /// No extension key; `Default::default()` in a `const`.
    pub(crate) const EMPTY: Extensions = Extensions(None);

    /// The keys and values, sorted by key.
    fn pairs(&self) -> &[(String, serde_json::Value)] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Extensions of `pairs`, sorted by key and unique.
    fn of_sorted(pairs: Vec<(String, serde_json::Value)>) -> Self {
        Extensions((!pairs.is_empty()).then(|| Box::new(pairs)))
    }

    /// The value of one extension key.
    ///
    /// ```
    /// assert!(trailmap::Extensions::default().get("x-none").is_none());
    /// ```
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        let pairs = self.pairs();
        pairs.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &pairs[i].1)
    }

    /// Iterates over every extension key and value, in key order.
    ///
    /// ```
    /// assert_eq!(trailmap::Extensions::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.pairs().iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Sets an extension key. Returns `false` (and changes nothing) when the
    /// key does not start with `x-`.
    ///
    /// ```
    /// let mut ext = trailmap::Extensions::default();
    /// assert!(ext.insert("x-note", serde_json::json!("hi")));
    /// assert!(!ext.insert("note", serde_json::json!("hi")));
    /// ```
    pub fn insert(&mut self, key: &str, value: serde_json::Value) -> bool {
        if !key.starts_with(EXTENSION_PREFIX) {
            return false;
        }
        let pairs = self.0.get_or_insert_with(Box::default);
        match pairs.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => pairs[i].1 = value,
            Err(i) => pairs.insert(i, (key.to_owned(), value)),
        }
        true
    }

    /// `true` when there is no extension key.
    ///
    /// ```
    /// assert!(trailmap::Extensions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// The prefix of extension keys.
pub const EXTENSION_PREFIX: &str = "x-";

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExtensionsVisitor;
        impl<'de> Visitor<'de> for ExtensionsVisitor {
            type Value = Extensions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("extension keys starting with `x-`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                let mut out: Vec<(String, serde_json::Value)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !key.starts_with(EXTENSION_PREFIX) {
                        return Err(de::Error::custom(format_args!(
                            "unknown field `{key}` (extension keys must start with `x-`)"
                        )));
                    }
                    let value = map.next_value::<UniqueKeysValue>()?.0;
                    out.push((key, value));
                }
                // Sorted once at the end: inserting in order is quadratic on
                // an object with many keys.
                out.sort_by(|a, b| a.0.cmp(&b.0));
                if let Some(pair) = out.windows(2).find(|pair| pair[0].0 == pair[1].0) {
                    return Err(de::Error::custom(format_args!("duplicate field `{}`", pair[0].0)));
                }
                Ok(Extensions::of_sorted(out))
            }
        }
        deserializer.deserialize_map(ExtensionsVisitor)
    }
}

impl JsonSchema for Extensions {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Extensions".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Flattened into every object: `x-` keys allowed, anything else is not.
        schemars::json_schema!({
            "type": "object",
            "patternProperties": { "^x-": true },
            "additionalProperties": false
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

/// A JSON value whose objects must not repeat a key: `serde_json::Value`
/// silently keeps the last duplicate, which would lose data.
struct UniqueKeysValue(serde_json::Value);

impl<'de> Deserialize<'de> for UniqueKeysValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = UniqueKeysValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_str<E>(self, v: &str) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_string<E>(self, v: String) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(v.into()))
            }
            fn visit_unit<E>(self) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(serde_json::Value::Null))
            }
            fn visit_none<E>(self) -> Result<UniqueKeysValue, E> {
                Ok(UniqueKeysValue(serde_json::Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeysValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<UniqueKeysValue>()? {
                    items.push(item.0);
                }
                Ok(UniqueKeysValue(serde_json::Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeysValue, A::Error> {
                let mut out = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<UniqueKeysValue>()?.0;
                    if out.contains_key(&key) {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    out.insert(key, value);
                }
                Ok(UniqueKeysValue(serde_json::Value::Object(out)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

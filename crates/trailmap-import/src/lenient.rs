//! Lenient, borrowing serde types for other tools' JSON (roadmap.sh's
//! editor graphs, old and new): each field is read if it has the expected
//! type and ignored otherwise, lists are read element by element and
//! bounded, and strings borrow from the input where they can.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::IgnoredAny;

/// A value of the expected type, or anything else (ignored). The editor's
/// files are read leniently, field by field, so one odd field costs that
/// field, not the graph.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Lenient<T> {
    Expected(T),
    Other(IgnoredAny),
}

impl<T> Lenient<T> {
    pub(crate) fn get(self) -> Option<T> {
        match self {
            Lenient::Expected(value) => Some(value),
            Lenient::Other(_) => None,
        }
    }
}

/// The most nodes, and the most edges, a graph may have: a hundred times
/// the largest roadmap.sh roadmaps, and small enough that an import stays
/// well under a gigabyte of memory.
pub const MAX_ELEMENTS: usize = 200_000;

/// A list read element by element, or anything else (ignored). Unlike
/// [`Lenient`], it never buffers the whole value, which for the node list
/// is the whole file. More than `MAX` elements is an error at the first
/// one too many, before the rest is read.
pub(crate) struct List<T, const MAX: usize = MAX_ELEMENTS>(pub(crate) Option<Vec<T>>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T, const MAX: usize>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> serde::de::Visitor<'de> for Visit<T, MAX> {
            type Value = List<T, MAX>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<List<T, MAX>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX {
                        return Err(serde::de::Error::custom(format_args!(
                            "more than {MAX} elements in one list; trailmap import reads graphs up to that size"
                        )));
                    }
                    items.push(item);
                }
                Ok(List(Some(items)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<List<T, MAX>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
            fn visit_unit<E>(self) -> Result<List<T, MAX>, E> {
                Ok(List(None))
            }
        }
        deserializer.deserialize_any(Visit(std::marker::PhantomData))
    }
}

pub(crate) type Text<'a> = Option<Lenient<Cow<'a, str>>>;
pub(crate) type Number = Option<Lenient<f64>>;

pub(crate) fn text(value: Text<'_>) -> Option<Cow<'_, str>> {
    value.and_then(Lenient::get)
}

pub(crate) fn number(value: Number) -> Option<f64> {
    value.and_then(Lenient::get).filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_over_its_limit_is_an_error_at_the_first_element_too_many() {
        let err = serde_json::from_str::<List<u8, 3>>("[1, 2, 3,\n 4, 5]").err().unwrap();
        assert!(err.to_string().contains("more than 3 elements"), "{err}");
        assert_eq!(err.line(), 2, "the error is at the fourth element");
        assert_eq!(serde_json::from_str::<List<u8, 3>>("[1, 2, 3]").unwrap().0, Some(vec![1, 2, 3]));
    }

    #[test]
    fn anything_but_a_list_is_ignored() {
        for text in [r#"{"a": [1]}"#, "true", "1", "-1", "1.5", r#""s""#, "null"] {
            assert_eq!(serde_json::from_str::<List<u8, 3>>(text).unwrap().0, None, "{text}");
        }
    }
}

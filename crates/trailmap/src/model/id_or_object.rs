//! Values written either as a skill id or as an object (`Prerequisite`,
//! `SkillMention`): one visitor, so a wrong shape says what is expected
//! instead of serde's "data did not match any variant of untagged enum",
//! and nothing is buffered.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::SmallString;

/// Deserializes a string as `id(text)` (inline when short) and an object as `object(O)`;
/// `expecting` completes "invalid type: …, expected …".
pub(super) fn id_or_object<'de, D, O, T>(
    deserializer: D,
    expecting: &'static str,
    id: fn(SmallString) -> T,
    object: fn(O) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    O: Deserialize<'de>,
{
    struct IdOrObject<O, T> {
        expecting: &'static str,
        id: fn(SmallString) -> T,
        object: fn(O) -> T,
        shape: PhantomData<O>,
    }
    impl<'de, O: Deserialize<'de>, T> Visitor<'de> for IdOrObject<O, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.id)(v.into()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok((self.id)(v.into()))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            O::deserialize(de::value::MapAccessDeserializer::new(map)).map(self.object)
        }
    }
    deserializer.deserialize_any(IdOrObject { expecting, id, object, shape: PhantomData })
}

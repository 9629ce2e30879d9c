//! The model straight from the YAML tree: a serde `Deserializer` that
//! consumes a [`Node`], so a valid YAML file is neither copied into a
//! `serde_json::Value` first nor held twice: its strings move into the
//! model and the rest of the tree is freed as it is read (a 54 MB file
//! built about 600 MB of tree, all kept while the model was made). Errors
//! are serde_json's, and a failure falls back to the `Value` path for its
//! messages and salvage.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use super::{Node, NodeValue};

type Error = serde_json::Error;

impl<'de> IntoDeserializer<'de, Error> for Node {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            NodeValue::Null => visitor.visit_unit(),
            NodeValue::Bool(b) => visitor.visit_bool(b),
            NodeValue::Number(n) => n.deserialize_any(visitor),
            NodeValue::String(s) => visitor.visit_string(s),
            NodeValue::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            NodeValue::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter().map(|e| (e.key, e.node)));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            NodeValue::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            // Unit variants, as the model's enums are (`unit: week`).
            NodeValue::String(s) => visitor.visit_enum(IntoDeserializer::<'de, Error>::into_deserializer(s)),
            _ => serde::Deserializer::deserialize_enum(self.to_value(), name, variants, visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use crate::{Progress, Roadmap};

    /// The tree and the `Value` made from it give the same model.
    #[test]
    fn same_model_as_through_a_value() {
        let source = "id: r\ntitle: R\nversion: 1.0.0\nhours_per_week: 10\nduration: {unit: week, start: 1, end: 4}\n\
                      x-note: {a: [1, null, true]}\nskills:\n  - id: a\n    name: A\n    level: beginner\n    effort_hours: 2.5\n\
                      \n  - id: b\n    name: B\n    prerequisites: [a, {any_of: [a]}]\nphases:\n  - id: p\n    title: P\n    \
                      span: {unit: week, start: 1, end: 2}\n    skills: [a, b]\n";
        let root = super::super::parse(source).unwrap().root;
        let direct = Roadmap::deserialize(root.clone()).unwrap();
        let through = Roadmap::deserialize(&root.to_value()).unwrap();
        assert_eq!(serde_json::to_value(&direct).unwrap(), serde_json::to_value(&through).unwrap());
        let progress = super::super::parse("roadmaps: [r]\nskills:\n  a: {status: done}\n").unwrap().root;
        assert_eq!(
            serde_json::to_value(Progress::deserialize(progress.clone()).unwrap()).unwrap(),
            serde_json::to_value(Progress::deserialize(&progress.to_value()).unwrap()).unwrap()
        );
    }

    /// Errors read as on the `Value` path.
    #[test]
    fn errors_match_the_value_path() {
        for source in [
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A, effort_hours: ten}]\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a}]\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A, level: guru}]\n",
        ] {
            let root = super::super::parse(source).unwrap().root;
            let direct = Roadmap::deserialize(root.clone()).unwrap_err().to_string();
            let through = Roadmap::deserialize(&root.to_value()).unwrap_err().to_string();
            assert_eq!(direct, through);
        }
    }
}

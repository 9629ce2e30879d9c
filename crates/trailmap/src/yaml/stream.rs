//! The model straight from saphyr's events, with no tree in between: the
//! loader's first try on a YAML file. A 54 MB file built about 600 MB of
//! tree before its model was read from it; read this way, the file's
//! strings go into the model as they are parsed and nothing else is kept.
//!
//! It takes only what it can take plainly: scalars by the YAML 1.2 core
//! schema, sequences, mappings whose keys are distinct scalars, one
//! document, nesting within [`MAX_DEPTH`]. On anything else (a syntax
//! error, a model error, an anchor, an alias, a tag, a repeated key, a
//! second document) it gives up, and the file goes the tree's way (the
//! tree builder, then a `serde_json::Value`), which reports, bounds or
//! resolves it exactly as before. So this path never decides what a file
//! means; it only makes the common case cheap.

use saphyr_parser::{Event, Parser, ScalarStyle, StrInput};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::hash::BuildHasher;

use super::{MAX_DEPTH, Plain, resolve_plain};

type Error = serde_json::Error;

/// The model of `source`, or `None` when the file needs the tree builder.
pub(crate) fn deserialize<T: DeserializeOwned>(source: &str) -> Option<T> {
    deserialize_seed(source, std::marker::PhantomData)
}

/// What `seed` reads from `source`, or `None` when the file needs the tree
/// builder (or `seed` refuses it).
pub(crate) fn deserialize_seed<T>(source: &str, seed: impl for<'de> DeserializeSeed<'de, Value = T>) -> Option<T> {
    let parsed = super::offsets::ParsedText::of(source);
    let mut events =
        Events { parser: Parser::new_from_str(parsed.text()), depth: 0, hasher: foldhash::fast::FixedState::default() };
    loop {
        match events.next().ok()? {
            Event::StreamStart | Event::Nothing => {}
            Event::DocumentStart(_) => break,
            _ => return None,
        }
    }
    let model = seed.deserialize(&mut events).ok()?;
    loop {
        match events.next().ok()? {
            Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => return Some(model),
            // A second document, or anything else: the tree builder says what.
            _ => return None,
        }
    }
}

struct Events<'s> {
    parser: Parser<'s, StrInput<'s>>,
    depth: usize,
    /// Hashes the keys of a mapping, to notice a repeated one. A collision
    /// only sends the file to the tree builder, which compares the keys.
    hasher: foldhash::fast::FixedState,
}

/// Why this path gives up; never shown (the tree builder reports).
fn give_up() -> Error {
    de::Error::custom("not for the event path")
}

impl<'s> Events<'s> {
    fn next(&mut self) -> Result<Event<'s>, Error> {
        match self.parser.next_event() {
            Some(Ok((event, _))) => Ok(event),
            _ => Err(give_up()),
        }
    }

    fn peek(&mut self) -> Result<&Event<'s>, Error> {
        match self.parser.peek() {
            Some(Ok((event, _))) => Ok(event),
            _ => Err(give_up()),
        }
    }

    /// Enters a sequence or a mapping.
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(give_up());
        }
        Ok(())
    }
}

/// A scalar's value by the core schema. What the tree builder must judge
/// (a tag, an anchor, a float JSON cannot hold) is an error here.
enum Scalar {
    String(String),
    Plain(Plain),
}

fn scalar(event: Event<'_>) -> Result<Scalar, Error> {
    match event {
        Event::Scalar(text, style, 0, None) => {
            if style != ScalarStyle::Plain {
                return Ok(Scalar::String(exact(text)));
            }
            match resolve_plain(&text) {
                Plain::String => Ok(Scalar::String(exact(text))),
                Plain::NotJson => Err(give_up()),
                plain => Ok(Scalar::Plain(plain)),
            }
        }
        _ => Err(give_up()),
    }
}

/// The text at its length: the scanner builds a scalar by pushing
/// characters, so an owned one has up to twice the room it needs, and the
/// strings of a large roadmap's model took 2.6 times what they do from
/// JSON (249 MB against 96 MB at 100k skills).
fn exact(text: Cow<'_, str>) -> String {
    match text {
        Cow::Borrowed(text) => text.to_owned(),
        Cow::Owned(mut text) => {
            text.shrink_to_fit();
            text
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Events<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Event::SequenceStart(0, None) => {
                self.enter()?;
                let value = visitor.visit_seq(Items { events: &mut *self, ended: false })?;
                // A visitor that stopped early left items behind.
                match self.next()? {
                    Event::SequenceEnd => {}
                    _ => return Err(give_up()),
                }
                self.depth -= 1;
                Ok(value)
            }
            Event::MappingStart(0, None) => {
                self.enter()?;
                let mut entries = Entries { events: &mut *self, keys: Vec::new(), ended: false };
                let value = visitor.visit_map(&mut entries)?;
                if !entries.ended {
                    return Err(give_up());
                }
                self.depth -= 1;
                Ok(value)
            }
            event => match scalar(event)? {
                Scalar::String(text) => visitor.visit_string(text),
                Scalar::Plain(Plain::Null) => visitor.visit_unit(),
                Scalar::Plain(Plain::Bool(b)) => visitor.visit_bool(b),
                Scalar::Plain(Plain::Number(n)) => n.deserialize_any(visitor),
                Scalar::Plain(_) => Err(give_up()),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let null = match self.peek()? {
            Event::Scalar(text, ScalarStyle::Plain, 0, None) => resolve_plain(text) == Plain::Null,
            _ => false,
        };
        if null {
            self.next()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Unit variants, as the model's enums are (`unit: week`).
        match scalar(self.next()?)? {
            Scalar::String(text) => visitor.visit_enum(IntoDeserializer::<'de, Error>::into_deserializer(text)),
            Scalar::Plain(_) => Err(give_up()),
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

struct Items<'a, 's> {
    events: &'a mut Events<'s>,
    ended: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.ended || matches!(self.events.peek()?, Event::SequenceEnd) {
            self.ended = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.events).map(Some)
    }
}

struct Entries<'a, 's> {
    events: &'a mut Events<'s>,
    /// Hashes of the keys so far.
    keys: Vec<u64>,
    ended: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.ended {
            return Ok(None);
        }
        let key = match self.events.next()? {
            Event::MappingEnd => {
                self.ended = true;
                // Repeated keys, checked once at the end (a progress file
                // maps a hundred thousand skill ids): the model read so far
                // is dropped with the file sent to the tree builder.
                self.keys.sort_unstable();
                if self.keys.windows(2).any(|pair| pair[0] == pair[1]) {
                    return Err(give_up());
                }
                return Ok(None);
            }
            // A mapping key: JSON keys are strings, so any scalar's text is
            // the key (as in the tree builder).
            Event::Scalar(text, _, 0, None) => exact(text),
            _ => return Err(give_up()),
        };
        self.keys.push(self.events.hasher.hash_one(key.as_str()));
        seed.deserialize(IntoDeserializer::<'de, Error>::into_deserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.events)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::{Value, json};

    use super::deserialize;
    use crate::{Progress, Roadmap};

    /// `value` as block YAML; strings of letters and digits plain (so
    /// `null`, `true` and `3` are read as YAML reads them), others quoted.
    fn block(value: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let scalar = |value: &Value| match value {
            Value::String(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()) => s.clone(),
            other => other.to_string(),
        };
        match value {
            Value::Array(items) if !items.is_empty() => {
                for item in items {
                    out.push_str(&format!("{pad}-\n"));
                    block(item, indent + 2, out);
                }
            }
            Value::Object(members) if !members.is_empty() => {
                for (key, member) in members {
                    out.push_str(&format!("{pad}{}:\n", Value::from(key.as_str())));
                    block(member, indent + 2, out);
                }
            }
            other => out.push_str(&format!("{pad}{}\n", scalar(other))),
        }
    }

    /// The tree builder's model: `None` when the tree path would not read
    /// the file into a model without a diagnostic.
    fn through_the_tree<T: serde::de::DeserializeOwned>(source: &str) -> Option<T> {
        let document = super::super::parse(source).ok()?;
        if !document.duplicates.is_empty() {
            return None;
        }
        T::deserialize(&document.root.to_value()).ok()
    }

    fn text() -> impl Strategy<Value = Value> {
        prop_oneof![
            prop::sample::select(vec!["a", "b", "bad id", "", "null", "true", "3", "1.0.0", "beginner", "guru", "é\n"])
                .prop_map(Value::from),
            "\\PC{0,6}".prop_map(Value::from),
        ]
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-3i64..3).prop_map(Value::from),
            Just(json!(2.5)),
            text()
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::btree_map("x-[a-c]|[a-c]", inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Skills that are often valid and sometimes not, in every way the
    /// model can refuse one.
    fn skill() -> impl Strategy<Value = Value> {
        let id = prop::sample::select(vec!["a", "b", "c", "bad id"]);
        let prerequisite = prop_oneof![
            id.clone().prop_map(Value::from),
            prop::collection::vec(id.clone(), 0..3).prop_map(|m| json!({"any_of": m})),
            any_value(),
        ];
        let optional = prop::collection::btree_map(
            prop::sample::select(vec![
                "description",
                "level",
                "effort_hours",
                "optional",
                "topics",
                "prerequisites",
                "x-k",
                "nmae",
                "aliases",
            ]),
            prop_oneof![any_value(), prop::collection::vec(prerequisite, 0..3).prop_map(Value::Array)],
            0..4,
        );
        (id, text(), optional).prop_map(|(id, name, optional)| {
            let mut skill = json!({"id": id, "name": name});
            for (key, value) in optional {
                skill[key] = value;
            }
            skill
        })
    }

    proptest! {
        /// The event path reads a file exactly when the tree path reads it
        /// cleanly, into the same model; as JSON-style flow text and as
        /// block YAML.
        #[test]
        fn agrees_with_the_tree(skills in prop::collection::vec(skill(), 0..4), extra in any_value()) {
            let roadmap = json!({"id": "r", "title": "R", "version": "1.0.0", "skills": skills, "x-extra": extra});
            let flow = serde_json::to_string(&roadmap).unwrap();
            let mut indented = String::new();
            block(&roadmap, 0, &mut indented);
            for source in [&flow, &indented] {
                prop_assert_eq!(deserialize::<Roadmap>(source), through_the_tree::<Roadmap>(source), "{}", source);
                prop_assert_eq!(deserialize::<Progress>(source), through_the_tree::<Progress>(source), "{}", source);
            }
        }
    }

    /// The same model as the tree gives, on a document with every kind of
    /// value the model reads.
    #[test]
    fn same_model_as_the_tree() {
        let source = "id: r\ntitle: R\nversion: 1.0.0\nhours_per_week: 10\nduration: {unit: week, start: 1, end: 4}\n\
                      x-note: {a: [1, null, true, 2.5, '3', ~]}\nskills:\n  - id: a\n    name: A\n    level: beginner\n    effort_hours: 2.5\n\
                      \n  - id: b\n    name: \"B \\u00e9\"\n    description: null\n    prerequisites: [a, {any_of: [a]}]\nphases:\n  - id: p\n    title: P\n    \
                      span: {unit: week, start: 1, end: 2}\n    skills: [a, b]\n";
        let tree = Roadmap::deserialize(&super::super::parse(source).unwrap().root.to_value()).unwrap();
        assert_eq!(deserialize::<Roadmap>(source), Some(tree));
        let progress = "roadmaps: [r]\nskills:\n  a: {status: done}\n  b: {status: learning}\n";
        let tree = Progress::deserialize(&super::super::parse(progress).unwrap().root.to_value()).unwrap();
        assert_eq!(deserialize::<Progress>(progress), Some(tree));
    }

    /// What the tree builder must judge is left to it.
    #[test]
    fn gives_up_on_what_it_does_not_take_plainly() {
        let ok = "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A}]\n";
        assert!(deserialize::<Roadmap>(ok).is_some());
        for source in [
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A, name: B}]\n",
            "id: r\nid: s\ntitle: R\nversion: 1.0.0\nskills: []\n",
            "id: r\ntitle: &t R\nversion: 1.0.0\nskills: [{id: a, name: *t}]\n",
            "id: r\ntitle: !!str R\nversion: 1.0.0\nskills: []\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: []\n---\nid: s\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A, effort_hours: .inf}]\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a}]\n",
            "id: r\ntitle: R\nversion: 1.0.0\nskills: [{id: a, name: A}\n",
            "",
        ] {
            assert!(deserialize::<Roadmap>(source).is_none(), "{source:?}");
        }
        let deep =
            format!("id: r\ntitle: R\nversion: 1.0.0\nskills: []\nx-deep: {}1{}\n", "[".repeat(200), "]".repeat(200));
        assert!(deserialize::<Roadmap>(&deep).is_none());
    }
}

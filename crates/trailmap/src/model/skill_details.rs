//! How a [`Skill`] keeps its [`SkillDetails`]: boxed, and only when there
//! is one; read and written through the skill; read from and written to a
//! file as the skill's own keys, in the order they always had.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Extensions, Prerequisite, Resource, Skill, SkillDetails, SkillLevel, SmallString, bounded, is_false};

/// What a skill without details reads as.
static NO_DETAILS: SkillDetails = SkillDetails {
    description: None,
    note: None,
    area: None,
    level: None,
    effort_hours: None,
    optional: false,
    topics: Vec::new(),
    resources: Vec::new(),
    aliases: Vec::new(),
    former_ids: Vec::new(),
    extensions: Extensions::EMPTY,
};

impl Deref for Skill {
    type Target = SkillDetails;

    fn deref(&self) -> &SkillDetails {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }
}

impl DerefMut for Skill {
    /// Allocates the details on first write.
    fn deref_mut(&mut self) -> &mut SkillDetails {
        self.details.get_or_insert_with(Box::default)
    }
}

impl PartialEq for Skill {
    /// Details compare by value: a skill whose details were allocated and
    /// left at their defaults equals one that never had any.
    fn eq(&self, other: &Skill) -> bool {
        self.id == other.id && self.name == other.name && self.prerequisites == other.prerequisites && **self == **other
    }
}

impl fmt::Debug for Skill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Skill")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("prerequisites", &self.prerequisites)
            .field("details", &**self)
            .finish()
    }
}

impl SkillDetails {
    fn is_default(&self) -> bool {
        *self == NO_DETAILS
    }
}

/// A skill as a file spells it: every key at the top level. Read whole, then
/// split into the skill and its boxed details.
#[derive(Deserialize)]
struct SkillFields {
    #[serde(deserialize_with = "crate::ids::checked")]
    id: SmallString,
    name: SmallString,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    level: Option<SkillLevel>,
    #[serde(default, deserialize_with = "bounded::opt_non_negative")]
    effort_hours: Option<f64>,
    #[serde(default)]
    optional: bool,
    #[serde(default, deserialize_with = "super::exact::vec")]
    topics: Vec<String>,
    #[serde(default, deserialize_with = "super::exact::vec")]
    prerequisites: Vec<Prerequisite>,
    #[serde(default, deserialize_with = "super::exact::vec")]
    resources: Vec<Resource>,
    #[serde(default, deserialize_with = "super::exact::vec")]
    aliases: Vec<String>,
    #[serde(default, deserialize_with = "super::exact::vec")]
    former_ids: Vec<String>,
    #[serde(flatten)]
    extensions: Extensions,
}

impl<'de> Deserialize<'de> for Skill {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = SkillFields::deserialize(deserializer)?;
        let details = SkillDetails {
            description: f.description,
            note: f.note,
            area: f.area,
            level: f.level,
            effort_hours: f.effort_hours,
            optional: f.optional,
            topics: f.topics,
            resources: f.resources,
            aliases: f.aliases,
            former_ids: f.former_ids,
            extensions: f.extensions,
        };
        let details = (!details.is_default()).then(|| Box::new(details));
        Ok(Skill { id: f.id, name: f.name, prerequisites: f.prerequisites, details })
    }
}

impl Serialize for Skill {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d: &SkillDetails = self;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("name", &self.name)?;
        if let Some(text) = &d.description {
            map.serialize_entry("description", text)?;
        }
        if let Some(text) = &d.note {
            map.serialize_entry("note", text)?;
        }
        if let Some(text) = &d.area {
            map.serialize_entry("area", text)?;
        }
        if let Some(level) = &d.level {
            map.serialize_entry("level", level)?;
        }
        if let Some(hours) = &d.effort_hours {
            map.serialize_entry("effort_hours", hours)?;
        }
        if !is_false(&d.optional) {
            map.serialize_entry("optional", &d.optional)?;
        }
        if !d.topics.is_empty() {
            map.serialize_entry("topics", &d.topics)?;
        }
        if !self.prerequisites.is_empty() {
            map.serialize_entry("prerequisites", &self.prerequisites)?;
        }
        if !d.resources.is_empty() {
            map.serialize_entry("resources", &d.resources)?;
        }
        if !d.aliases.is_empty() {
            map.serialize_entry("aliases", &d.aliases)?;
        }
        if !d.former_ids.is_empty() {
            map.serialize_entry("former_ids", &d.former_ids)?;
        }
        for (key, value) in d.extensions.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skill_is_small_and_bare_skills_allocate_no_details() {
        // The point of the split: a million bare skills.
        assert!(std::mem::size_of::<Skill>() <= 80, "{}", std::mem::size_of::<Skill>());
        assert_eq!(std::mem::size_of::<Prerequisite>(), std::mem::size_of::<String>());
        // Extension keys are rare: one word where they may be (every group, resource, phase).
        assert_eq!(std::mem::size_of::<Extensions>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<super::super::AnyOf>(), 32);
        assert_eq!(std::mem::size_of::<super::super::SkillMention>(), std::mem::size_of::<String>());
        let bare: Skill = serde_json::from_str(r#"{"id": "a", "name": "A", "prerequisites": ["b"]}"#).unwrap();
        assert!(bare.details.is_none());
        let rich: Skill = serde_json::from_str(r#"{"id": "a", "name": "A", "x-k": 1}"#).unwrap();
        assert!(rich.details.is_some());
    }

    #[test]
    fn details_allocated_and_left_default_compare_equal() {
        let mut touched = Skill::new("a", "A");
        touched.topics.clear();
        assert!(touched.details.is_some());
        assert_eq!(touched, Skill::new("a", "A"));
        assert_eq!(serde_json::to_string(&touched).unwrap(), r#"{"id":"a","name":"A"}"#);
    }

    #[test]
    fn every_key_round_trips_in_file_order() {
        let text = r#"{"id":"a","name":"A","description":"d","note":"n","area":"ar","level":"expert","effort_hours":2.5,"optional":true,"topics":["t"],"prerequisites":["b",{"any_of":["c","d"]}],"resources":[{"title":"r"}],"aliases":["al"],"former_ids":["old"],"x-a":1,"x-b":[2]}"#;
        let skill: Skill = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&skill).unwrap(), text);
        assert_eq!(skill.level, Some(SkillLevel::Expert));
        assert_eq!(skill.former_ids, ["old"]);
    }
}

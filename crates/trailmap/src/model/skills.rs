//! Skills, their prerequisites (one skill or an `any_of` group) and their
//! learning resources.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::id_or_object::id_or_object;
use super::{Extensions, SmallString, is_false};

/// A skill: one thing a learner can learn, with the skills it needs first.
///
/// The id, name and prerequisites are held in the skill itself; the rest of
/// what a file may say about it (description, topics, resources, level, …)
/// is a [`SkillDetails`], read and written through the skill as if it were
/// its own fields (`skill.topics`, `skill.optional = true`). A skill that
/// has no details costs no allocation for them: most skills of a large
/// roadmap are bare, and the skill is a third of the size it would be with
/// every field inline, which is what keeps a million-skill model small.
///
/// ```
/// let skill: trailmap::Skill = serde_json::from_str(
///     r#"{"id": "cnn", "name": "CNNs", "prerequisites": ["neural-networks"], "topics": ["pooling"]}"#,
/// ).unwrap();
/// assert_eq!(skill.prerequisites.len(), 1);
/// assert_eq!(skill.topics, ["pooling"]);
/// assert_eq!(skill.description, None);
/// ```
#[derive(Clone, JsonSchema)]
// The first sentence alone is the schema's text: the rest is about Rust.
#[schemars(description = "A skill: one thing a learner can learn, with the skills it needs first.")]
#[non_exhaustive]
pub struct Skill {
    /// Stable kebab-case identifier, shared by every roadmap that teaches this
    /// skill (`python`, `docker`, `fastapi`), so progress carries over.
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: SmallString,
    /// Display name, e.g. `FastAPI`.
    pub name: SmallString,
    /// Skills needed before this one: a skill id, or `{"any_of": [...]}`
    /// satisfied by any one of its members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<Prerequisite>,
    /// `None` while every detail is at its default.
    #[serde(flatten)]
    pub(super) details: Option<Box<SkillDetails>>,
}

/// What a file says about a [`Skill`] besides its id, name and
/// prerequisites. Reached through the skill (`skill.description`), never
/// built on its own.
///
/// ```
/// let mut skill = trailmap::Skill::new("docker", "Docker");
/// skill.topics.push("Dockerfile".into());
/// skill.optional = true;
/// assert_eq!(
///     serde_json::to_string(&skill).unwrap(),
///     r#"{"id":"docker","name":"Docker","optional":true,"topics":["Dockerfile"]}"#,
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, JsonSchema)]
#[non_exhaustive]
pub struct SkillDetails {
    /// What the skill covers, in general. Roadmaps that share the skill
    /// should share this text (a lint rule compares it across files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What this roadmap in particular says about the skill: its scope
    /// here, or why it is taught in an unusual order. Unlike `description`,
    /// it may differ between roadmaps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Area or category, e.g. `programming`, `deep-learning`, `mlops`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Difficulty level of the skill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<SkillLevel>,
    /// Estimated effort to learn the skill, in hours (0 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub effort_hours: Option<f64>,
    /// `true` when the roadmap marks the skill as optional
    /// (`Lambda/SageMaker optional`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Sub-topics as the roadmap lists them, e.g. `Dockerfile`, `Exposing ports`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Learning resources for the skill.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// Other names the skill is known by, e.g. `K8s` for Kubernetes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Ids this skill had in earlier versions. `trailmap diff` treats them as
    /// renames and `trailmap migrate-progress` moves progress along.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_ids: Vec<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// How hard a skill is.
///
/// ```
/// let level: trailmap::SkillLevel = serde_json::from_str(r#""advanced""#).unwrap();
/// assert_eq!(level, trailmap::SkillLevel::Advanced);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SkillLevel {
    /// First contact with the subject.
    Beginner,
    /// Working knowledge.
    Intermediate,
    /// Independent, in depth.
    Advanced,
    /// Able to lead and teach others.
    Expert,
}

impl SkillLevel {
    /// The level as written in a roadmap: "beginner" … "expert".
    ///
    /// ```
    /// assert_eq!(trailmap::SkillLevel::Advanced.as_str(), "advanced");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SkillLevel::Beginner => "beginner",
            SkillLevel::Intermediate => "intermediate",
            SkillLevel::Advanced => "advanced",
            SkillLevel::Expert => "expert",
        }
    }
}

/// One prerequisite of a skill: either one skill, or a group of alternatives
/// of which any one is enough ("TensorFlow or PyTorch").
///
/// In a file it is either a string (`"python"`) or an object
/// (`{"any_of": ["tensorflow", "pytorch"]}`).
///
/// ```
/// use trailmap::Prerequisite;
///
/// let p: Vec<Prerequisite> = serde_json::from_str(r#"["python", {"any_of": ["flask", "fastapi"]}]"#).unwrap();
/// assert_eq!(p[0], Prerequisite::Skill("python".into()));
/// assert_eq!(p[1].skill_ids().count(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Prerequisite {
    /// The id of a skill that must be learned first.
    Skill(SmallString),
    /// A group satisfied by any one of its members.
    // Boxed: groups are rare, and a plain id then takes half the room (a
    // skill of a dense graph has a dozen prerequisites).
    AnyOf(Box<AnyOf>),
}

/// A group of alternative skills, any one of which satisfies the prerequisite.
///
/// ```
/// let group: trailmap::AnyOf = serde_json::from_str(r#"{"any_of": ["mlflow", "wandb"]}"#).unwrap();
/// assert_eq!(group.any_of, ["mlflow", "wandb"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct AnyOf {
    /// Skill ids; learning any one of them satisfies the prerequisite.
    // At its length: a group of three held room for four.
    #[serde(deserialize_with = "super::exact::vec")]
    pub any_of: Vec<SmallString>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Prerequisite {
    /// Every skill id this prerequisite names (one, or each member of the group).
    ///
    /// ```
    /// let p = trailmap::Prerequisite::Skill("git".into());
    /// assert_eq!(p.skill_ids().collect::<Vec<_>>(), ["git"]);
    /// ```
    pub fn skill_ids(&self) -> impl ExactSizeIterator<Item = &str> {
        let ids: &[SmallString] = match self {
            Prerequisite::Skill(id) => std::slice::from_ref(id),
            Prerequisite::AnyOf(group) => &group.any_of,
        };
        ids.iter().map(SmallString::as_str)
    }
}

impl From<AnyOf> for Prerequisite {
    /// ```
    /// let p = trailmap::Prerequisite::from(trailmap::AnyOf::new(["flask", "fastapi"]));
    /// assert_eq!(p.skill_ids().count(), 2);
    /// ```
    fn from(group: AnyOf) -> Self {
        Prerequisite::AnyOf(Box::new(group))
    }
}

// Through `id_or_object`, so that a wrong shape says what is expected instead of serde's
// "data did not match any variant of untagged enum", and to avoid buffering.
impl<'de> Deserialize<'de> for Prerequisite {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        id_or_object(
            deserializer,
            "a skill id string or an object {\"any_of\": [skill ids]}",
            Prerequisite::Skill,
            <Prerequisite as From<AnyOf>>::from,
        )
    }
}

/// A learning resource: a book, course, article, video or documentation page.
///
/// ```
/// let r: trailmap::Resource = serde_json::from_str(
///     r#"{"title": "The Rust Book", "url": "https://doc.rust-lang.org/book/", "kind": "book"}"#,
/// ).unwrap();
/// assert_eq!(r.kind, Some(trailmap::ResourceKind::Book));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Resource {
    /// Title of the resource.
    pub title: String,
    /// Absolute `https` address of the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What kind of resource it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ResourceKind>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// What kind of thing a [`Resource`] is.
///
/// ```
/// let k: trailmap::ResourceKind = serde_json::from_str(r#""docs""#).unwrap();
/// assert_eq!(k, trailmap::ResourceKind::Docs);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ResourceKind {
    /// A written article or blog post.
    Article,
    /// A book.
    Book,
    /// A course with several lessons.
    Course,
    /// Reference documentation.
    Docs,
    /// A video or talk.
    Video,
    /// A tool or platform to practise with.
    Tool,
    /// A data set.
    Dataset,
    /// A paper.
    Paper,
    /// Anything else.
    Other,
}

impl ResourceKind {
    /// What kind of thing the resource is, as words for a reader: "video",
    /// "data set".
    ///
    /// ```
    /// assert_eq!(trailmap::ResourceKind::Dataset.label(), "data set");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Article => "article",
            ResourceKind::Book => "book",
            ResourceKind::Course => "course",
            ResourceKind::Docs => "docs",
            ResourceKind::Video => "video",
            ResourceKind::Tool => "tool",
            ResourceKind::Dataset => "data set",
            ResourceKind::Paper => "paper",
            ResourceKind::Other => "other",
        }
    }
}

//! What a roadmap holds besides skills and phases: tasks, projects,
//! practices, milestones with their criteria, exclusions, areas, and the
//! skill mentions they share.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use super::id_or_object::id_or_object;
use super::{Extensions, Prerequisite, SmallString, integral, is_false};

/// Something to do: an activity, an exercise, an assignment with a deliverable.
///
/// ```
/// let task: trailmap::Task = serde_json::from_str(r#"{
///     "text": "Set up a Docker container for a basic ML model",
///     "skills": ["docker"], "deliverables": ["document the steps"]
/// }"#).unwrap();
/// assert_eq!(task.deliverables, ["document the steps"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Task {
    /// What to do, as the roadmap says it.
    pub text: String,
    /// Skills the task exercises: ids, or an `any_of` group for "X or Y"
    /// ("using TensorFlow or PyTorch").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Prerequisite>,
    /// What the task produces: a report, a presentation, a guide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// Id of the project this task is part of, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A project the learner builds ("Project #3: Cats vs Dogs classifier").
///
/// ```
/// let p: trailmap::Project = serde_json::from_str(r#"{
///     "id": "mnist-classifier", "title": "MNIST classifier", "number": 2,
///     "skills": ["pytorch"], "phase": "week-4"
/// }"#).unwrap();
/// assert_eq!(p.number, Some(2));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Project {
    /// Stable kebab-case identifier, unique among the roadmap's projects.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Title as the roadmap gives it.
    pub title: String,
    /// The number the roadmap gives the project (`Project #3`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "integral::opt_u32")]
    pub number: Option<u32>,
    /// What the project is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of the phase the project belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Skills the project uses, which should be taught before it: ids, or
    /// an `any_of` group for "X or Y".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Prerequisite>,
    /// What the project must deliver or include ("FastAPI deployment", "Dockerized").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// `true` when the roadmap makes the project optional.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A recurring practice: "Daily: 1 LeetCode (Arrays, Strings)".
///
/// ```
/// let p: trailmap::Practice = serde_json::from_str(r#"{
///     "id": "leetcode-week-1", "cadence": "daily", "activity": "1 LeetCode",
///     "topics": ["Arrays", "Strings"]
/// }"#).unwrap();
/// assert_eq!(p.cadence, trailmap::Cadence::Daily);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Practice {
    /// Stable kebab-case identifier, unique among the roadmap's practices.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// How often.
    pub cadence: Cadence,
    /// What to do each time, e.g. `1 LeetCode`.
    pub activity: String,
    /// Topics to focus on, e.g. `Arrays`, `Strings`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Id of the phase the practice belongs to; none: the whole roadmap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Ids of the skills the practice trains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SmallString>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// How often a [`Practice`] recurs.
///
/// ```
/// let c: trailmap::Cadence = serde_json::from_str(r#""ongoing""#).unwrap();
/// assert_eq!(c, trailmap::Cadence::Ongoing);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Cadence {
    /// Every day.
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// At regular occasions (team meetings, code reviews).
    Regular,
    /// Continuously, without a fixed rhythm.
    Ongoing,
}

impl Cadence {
    /// The cadence as a capitalised word, for pages: "Daily", "Ongoing".
    ///
    /// ```
    /// assert_eq!(trailmap::Cadence::Regular.label(), "Regular");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Daily => "Daily",
            Cadence::Weekly => "Weekly",
            Cadence::Monthly => "Monthly",
            Cadence::Regular => "Regular",
            Cadence::Ongoing => "Ongoing",
        }
    }
}

/// A milestone, checklist, outcome or progress tracker: criteria that say
/// when the learner is ready ("You are ready when: SQL comfortable").
///
/// ```
/// let m: trailmap::Milestone = serde_json::from_str(r#"{
///     "id": "final-checklist", "title": "Final checklist", "kind": "checklist",
///     "criteria": [{"text": "Can Dockerize", "skills": ["docker"]}]
/// }"#).unwrap();
/// assert_eq!(m.criteria[0].skills.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Milestone {
    /// Stable kebab-case identifier, unique among the roadmap's milestones.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Title as the roadmap gives it.
    pub title: String,
    /// What kind of milestone this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MilestoneKind>,
    /// Further explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of the phase the milestone closes; none: the whole roadmap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The criteria, in order.
    pub criteria: Vec<Criterion>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// What kind of thing a [`Milestone`] is.
///
/// ```
/// let k: trailmap::MilestoneKind = serde_json::from_str(r#""outcome""#).unwrap();
/// assert_eq!(k, trailmap::MilestoneKind::Outcome);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MilestoneKind {
    /// A checklist to tick off ("Final checklist").
    Checklist,
    /// What the learner will have at the end ("What you'll have after 12 weeks").
    Outcome,
    /// A progress tracker with checkboxes per level or stage.
    Tracker,
    /// Requirements every project or phase must meet ("Each project must include").
    Requirement,
    /// Abilities that set the learner apart ("Skills that differentiate you").
    Differentiator,
}

/// One criterion of a [`Milestone`], linked to the skills it names.
///
/// ```
/// let c: trailmap::Criterion = serde_json::from_str(
///     r#"{"text": "Use MLflow or similar", "skills": [{"any_of": ["mlflow", "weights-and-biases"]}]}"#,
/// ).unwrap();
/// assert!(!c.done);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Criterion {
    /// The criterion as the roadmap states it.
    pub text: String,
    /// Skills the criterion names; an `any_of` group for "X or Y".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Prerequisite>,
    /// A countable target, e.g. 60 for "60+ LeetCode problems".
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "integral::opt_u32")]
    pub target: Option<u32>,
    /// Whether the checkbox is ticked in the source.
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// Something the roadmap says you do NOT need ("Metaclasses", "GAN depth").
///
/// ```
/// let e: trailmap::Exclusion = serde_json::from_str(
///     r#"{"id": "metaclasses", "title": "Metaclasses", "reason": "Production-level, not internals-level"}"#,
/// ).unwrap();
/// assert_eq!(e.title, "Metaclasses");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Exclusion {
    /// Stable kebab-case identifier, unique among the roadmap's exclusions.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// What is not needed, as the roadmap says it.
    pub title: String,
    /// Why it is not needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Id of the phase that states the exclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Id of the skill the exclusion narrows (e.g. metaclasses narrow `python`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<SmallString>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A row of a summary table: an area and the skills it groups.
///
/// ```
/// let a: trailmap::Area = serde_json::from_str(r#"{
///     "id": "deep-learning", "name": "Deep Learning",
///     "skills": ["pytorch", {"skill": "tensorflow", "note": "optional"}]
/// }"#).unwrap();
/// assert_eq!(a.skills[1].skill_id(), "tensorflow");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Area {
    /// Stable kebab-case identifier, unique among the roadmap's areas.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Name of the area, e.g. `Version Control`.
    pub name: String,
    /// Further explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The skills in the area, in the table's order.
    pub skills: Vec<SkillMention>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A skill named in a table, optionally with a note ("PyTorch (main)").
///
/// In a file it is a skill id string, or `{"skill": "pytorch", "note": "main"}`.
///
/// ```
/// let m: trailmap::SkillMention = serde_json::from_str(r#""docker""#).unwrap();
/// assert_eq!(m.skill_id(), "docker");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SkillMention {
    /// Just the skill id.
    Id(SmallString),
    /// The skill id with a note.
    // Boxed: a mention is then the size of an id (24 bytes, where the
    // note inline made it 80), and most are bare.
    Noted(Box<NotedSkill>),
}

impl From<NotedSkill> for SkillMention {
    /// A noted mention.
    ///
    /// ```
    /// let m = trailmap::SkillMention::from(trailmap::NotedSkill::new("pytorch"));
    /// assert_eq!(m.skill_id(), "pytorch");
    /// ```
    fn from(noted: NotedSkill) -> Self {
        SkillMention::Noted(Box::new(noted))
    }
}

/// A skill id with a note, as in "PyTorch (main)".
///
/// ```
/// let n: trailmap::NotedSkill = serde_json::from_str(r#"{"skill": "kubernetes", "note": "intro only"}"#).unwrap();
/// assert_eq!(n.note.as_deref(), Some("intro only"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct NotedSkill {
    /// The skill id.
    pub skill: SmallString,
    /// The note, e.g. `main`, `optional`, `intro only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The entry as the table writes it, when it differs from the skill's
    /// name (e.g. `LeetCode` for data structures and algorithms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl<'de> Deserialize<'de> for SkillMention {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        id_or_object(
            deserializer,
            "a skill id string or an object {\"skill\": id, \"note\": text}",
            SkillMention::Id,
            <SkillMention as From<NotedSkill>>::from,
        )
    }
}

impl SkillMention {
    /// The id of the skill mentioned.
    ///
    /// ```
    /// let m: trailmap::SkillMention = serde_json::from_str(r#"{"skill": "pytorch", "note": "main"}"#).unwrap();
    /// assert_eq!(m.skill_id(), "pytorch");
    /// ```
    pub fn skill_id(&self) -> &str {
        match self {
            SkillMention::Id(id) => id,
            SkillMention::Noted(noted) => &noted.skill,
        }
    }
}

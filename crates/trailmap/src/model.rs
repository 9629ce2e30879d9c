//! The roadmap data model: the typed form of a roadmap file.
//!
//! Every type here derives `serde` (the file format) and `schemars` (the
//! published JSON Schema), so the doc comments below are also the hover help
//! an editor shows for each property. Field names are part of the file
//! format: renaming one is a breaking change for every roadmap in the wild.

use std::fmt;

mod constructors;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A learning roadmap: skills, the prerequisites between them, and how a
/// learner moves through them in phases, projects, practices and milestones.
///
/// ```
/// use trailmap::Roadmap;
///
/// let loaded = Roadmap::from_json_str(
///     r#"{"id": "ml", "title": "ML", "version": "1.0.0",
///         "skills": [{"id": "python", "name": "Python"}]}"#,
/// );
/// let roadmap = loaded.roadmap.expect("valid roadmap");
/// assert_eq!(roadmap.skills[0].name, "Python");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "trailmap roadmap")]
#[non_exhaustive]
pub struct Roadmap {
    /// Path or URL of the JSON Schema this file follows, for editors.
    /// trailmap itself never fetches it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable kebab-case identifier of the roadmap, e.g. `ml-engineer-12-weeks`
    /// (1 to 128 ASCII letters, digits, `-`, `_` and `.`).
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Human title of the roadmap.
    pub title: String,
    /// Version of this roadmap's content, as semantic versioning (`1.4.0`).
    /// `trailmap diff --check-version` tells which bump a change needs.
    pub version: String,
    /// One-paragraph summary or objective of the roadmap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Who the roadmap is for, e.g. `Undergraduate` or `New ML engineer joiners`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The role the learner is prepared for, e.g. `Entry-Level Machine Learning Engineer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    /// Total duration of the roadmap, e.g. weeks 1 to 12.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Span>,
    /// The pace the roadmap assumes, in hours of study per week (more than
    /// 0). Turns phase spans into hours for skills without `effort_hours`
    /// (10 when absent), and checks that a phase's planned effort fits its
    /// span.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "bounded::opt_positive")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub hours_per_week: Option<f64>,
    /// Where the roadmap comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// SPDX licence expression of the roadmap content, e.g. `CC-BY-4.0`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Free tags for search and grouping, e.g. `mlops`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Guiding principles or philosophy stated by the roadmap, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    /// Every skill the roadmap teaches, in the roadmap's own order.
    pub skills: Vec<Skill>,
    /// The time structure of the roadmap: phases, stages, weeks, days. Phases
    /// nest (`Phase 1` / `Week 3` / `Day 4-6`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Projects the learner builds, with the skills they use and what they deliver.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// Recurring practices, e.g. `Daily: 1 LeetCode (Arrays, Strings)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practices: Vec<Practice>,
    /// Milestones, checklists, outcomes and progress trackers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// What the roadmap says you do NOT need to learn, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// Summary tables that group skills by area, e.g. a "Tools & Skills
    /// Summary" with one row per area.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    /// Extension keys: any key starting with `x-` is kept and ignored.
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// Where a roadmap comes from: a document, a site, a seed file.
///
/// ```
/// let source: trailmap::Source = serde_json::from_str(r#"{"file": "seeds/000.txt"}"#).unwrap();
/// assert_eq!(source.file.as_deref(), Some("seeds/000.txt"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Source {
    /// Title of the original document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author or organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Address of the original document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// File the roadmap was encoded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A skill: one thing a learner can learn, with the skills it needs first.
///
/// ```
/// let skill: trailmap::Skill = serde_json::from_str(
///     r#"{"id": "cnn", "name": "CNNs", "prerequisites": ["neural-networks"]}"#,
/// ).unwrap();
/// assert_eq!(skill.prerequisites.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Skill {
    /// Stable kebab-case identifier, shared by every roadmap that teaches this
    /// skill (`python`, `docker`, `fastapi`), so progress carries over.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Display name, e.g. `FastAPI`.
    pub name: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "bounded::opt_non_negative")]
    #[schemars(range(min = 0))]
    pub effort_hours: Option<f64>,
    /// `true` when the roadmap marks the skill as optional
    /// (`Lambda/SageMaker optional`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Sub-topics as the roadmap lists them, e.g. `Dockerfile`, `Exposing ports`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Skills needed before this one: a skill id, or `{"any_of": [...]}`
    /// satisfied by any one of its members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<Prerequisite>,
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
    Skill(String),
    /// A group satisfied by any one of its members.
    AnyOf(AnyOf),
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
    pub any_of: Vec<String>,
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
    pub fn skill_ids(&self) -> impl Iterator<Item = &str> {
        let ids: &[String] = match self {
            Prerequisite::Skill(id) => std::slice::from_ref(id),
            Prerequisite::AnyOf(group) => &group.any_of,
        };
        ids.iter().map(String::as_str)
    }
}

// Hand-written so that a wrong shape says what is expected instead of serde's
// "data did not match any variant of untagged enum", and to avoid buffering.
impl<'de> Deserialize<'de> for Prerequisite {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PrerequisiteVisitor;
        impl<'de> Visitor<'de> for PrerequisiteVisitor {
            type Value = Prerequisite;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a skill id string or an object {\"any_of\": [skill ids]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Prerequisite, E> {
                Ok(Prerequisite::Skill(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Prerequisite, E> {
                Ok(Prerequisite::Skill(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Prerequisite, A::Error> {
                AnyOf::deserialize(de::value::MapAccessDeserializer::new(map)).map(Prerequisite::AnyOf)
            }
        }
        deserializer.deserialize_any(PrerequisiteVisitor)
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

/// A stretch of the roadmap: a phase, stage, level, month, week or day range.
/// Phases nest: a phase holds weeks, a week holds day ranges.
///
/// ```
/// let phase: trailmap::Phase = serde_json::from_str(r#"{
///     "id": "week-1", "title": "Python + Git", "kind": "week",
///     "span": {"unit": "week", "start": 1},
///     "skills": ["python", "git"]
/// }"#).unwrap();
/// assert_eq!(phase.span.unwrap().end(), 1);
/// ```
// `Default` lets code that builds phases (importers, generators, tests)
// name only the fields it sets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Phase {
    /// Stable kebab-case identifier, unique among all phases of the roadmap.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Title as the roadmap gives it, e.g. `Core Foundations`.
    pub title: String,
    /// What kind of stretch this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PhaseKind>,
    /// When the phase happens. Week and month spans count from the start of
    /// the roadmap; day spans count from the start of the enclosing phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// `true` when the phase runs alongside others instead of in sequence
    /// (`Mathematics: Parallel`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub parallel: bool,
    /// `true` when the phase never ends (`Ongoing`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ongoing: bool,
    /// What the learner should be able to do at the end of the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Further explanation: why the phase matters, how to approach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Topics covered, as the roadmap lists them, when they are not skills of
    /// their own (e.g. `Company orientation and meet the team`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Ids of the skills taught in this phase, in teaching order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Tasks to do in this phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Nested phases, e.g. the weeks of a phase or the days of a week.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// What kind of stretch a [`Phase`] is.
///
/// ```
/// let k: trailmap::PhaseKind = serde_json::from_str(r#""stage""#).unwrap();
/// assert_eq!(k, trailmap::PhaseKind::Stage);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    /// A phase of the roadmap.
    Phase,
    /// A stage (`Stage 3 — Classical Machine Learning`).
    Stage,
    /// A level of seniority or mastery (`Level 2 → Core AI/ML Skills`).
    Level,
    /// A block of several weeks (`Week 1-2`).
    Block,
    /// One or more months.
    Month,
    /// One or more weeks.
    Week,
    /// One or more days.
    Day,
    /// A thematic section within a phase (`Linear Algebra`, `Supervised Learning`).
    Section,
}

/// When something happens: an inclusive range of days, weeks or months.
///
/// Numbers are 1-based ordinals: `{"unit": "week", "start": 1, "end": 2}` is
/// "Week 1-2". A month is counted as four weeks and a week as seven days.
///
/// ```
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "month", "start": 7, "end": 9}"#).unwrap();
/// assert_eq!(span.in_weeks(), (25, 36));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Span {
    /// The unit of `start` and `end`.
    pub unit: TimeUnit,
    /// First day, week or month (1-based).
    #[serde(deserialize_with = "integral::positive_u32")]
    #[schemars(range(min = 1))]
    pub start: u32,
    /// Last day, week or month, inclusive, not before `start`. Omitted: same
    /// as `start`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "end",
        deserialize_with = "integral::opt_positive_u32"
    )]
    #[schemars(range(min = 1))]
    pub end_at: Option<u32>,
    /// The span as the roadmap writes it, e.g. `0-3 Months` or `Before Anything`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// For people: the roadmap's own `label` when it has one, else `Week 4`,
/// `Day 1-2`, `Month 7-9`. The one way a span is shown (diagnostics,
/// renderings, diffs).
///
/// ```
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1, "end": 2}"#).unwrap();
/// assert_eq!(span.to_string(), "Day 1-2");
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 4}"#).unwrap();
/// assert_eq!(span.to_string(), "Week 4");
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "month", "start": 1, "end": 3, "label": "0-3 Months"}"#).unwrap();
/// assert_eq!(span.to_string(), "0-3 Months");
/// ```
impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(label) = &self.label {
            return f.write_str(label);
        }
        let unit = match self.unit {
            TimeUnit::Day => "Day",
            TimeUnit::Week => "Week",
            TimeUnit::Month => "Month",
        };
        if self.end() == self.start {
            write!(f, "{unit} {}", self.start)
        } else {
            write!(f, "{unit} {}-{}", self.start, self.end())
        }
    }
}

impl Span {
    /// The last unit of the span, inclusive.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 3}"#).unwrap();
    /// assert_eq!(span.end(), 3);
    /// ```
    pub fn end(&self) -> u32 {
        self.end_at.unwrap_or(self.start).max(self.start)
    }

    /// How many units the span covers (at least one).
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 4, "end": 6}"#).unwrap();
    /// assert_eq!(span.len(), 3);
    /// ```
    pub fn len(&self) -> u32 {
        self.end() - self.start + 1
    }

    /// Always `false`: a span covers at least one unit. Present for clippy's
    /// `len_without_is_empty` convention.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1}"#).unwrap();
    /// assert!(!span.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The span as an inclusive range of absolute days, given the first day
    /// of the enclosing phase (day spans are relative to it).
    ///
    /// ```
    /// let week: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 2}"#).unwrap();
    /// assert_eq!(week.in_days(1), (8, 14));
    /// let days: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1, "end": 2}"#).unwrap();
    /// assert_eq!(days.in_days(8), (8, 9));
    /// ```
    pub fn in_days(&self, parent_first_day: u64) -> (u64, u64) {
        let (start, end) = (u64::from(self.start.max(1)), u64::from(self.end().max(1)));
        match self.unit {
            TimeUnit::Day => (parent_first_day + start - 1, parent_first_day + end - 1),
            TimeUnit::Week => ((start - 1) * 7 + 1, end * 7),
            TimeUnit::Month => ((start - 1) * 28 + 1, end * 28),
        }
    }

    /// The span as an inclusive range of absolute weeks (a month is four
    /// weeks). Day spans are counted from the start of the roadmap here.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 9, "end": 16}"#).unwrap();
    /// assert_eq!(span.in_weeks(), (9, 16));
    /// ```
    pub fn in_weeks(&self) -> (u32, u32) {
        let (start, end) = (self.start.max(1), self.end().max(1));
        match self.unit {
            TimeUnit::Day => ((start - 1) / 7 + 1, (end - 1) / 7 + 1),
            TimeUnit::Week => (start, end),
            TimeUnit::Month => ((start - 1) * 4 + 1, end * 4),
        }
    }
}

/// The unit of a [`Span`].
///
/// ```
/// let u: trailmap::TimeUnit = serde_json::from_str(r#""month""#).unwrap();
/// assert_eq!(u, trailmap::TimeUnit::Month);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TimeUnit {
    /// Days.
    Day,
    /// Weeks of seven days.
    Week,
    /// Months of four weeks.
    Month,
}

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
    pub skills: Vec<String>,
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
    pub skill: Option<String>,
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
    Id(String),
    /// The skill id with a note.
    Noted(NotedSkill),
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
    pub skill: String,
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
        struct MentionVisitor;
        impl<'de> Visitor<'de> for MentionVisitor {
            type Value = SkillMention;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a skill id string or an object {\"skill\": id, \"note\": text}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SkillMention, E> {
                Ok(SkillMention::Id(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<SkillMention, E> {
                Ok(SkillMention::Id(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SkillMention, A::Error> {
                NotedSkill::deserialize(de::value::MapAccessDeserializer::new(map)).map(SkillMention::Noted)
            }
        }
        deserializer.deserialize_any(MentionVisitor)
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
            SkillMention::Id(id) | SkillMention::Noted(NotedSkill { skill: id, .. }) => id,
        }
    }
}

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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extensions(
    /// Sorted by key, keys unique. A vector, not a `BTreeMap`: most objects
    /// carry no extension or one, and a map's first node costs about 600
    /// bytes, which was most of an imported million-skill model.
    Vec<(String, serde_json::Value)>,
);

impl Serialize for Extensions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl Extensions {
    /// The value of one extension key.
    ///
    /// ```
    /// assert!(trailmap::Extensions::default().get("x-none").is_none());
    /// ```
    pub fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &self.0[i].1)
    }

    /// Iterates over every extension key and value, in key order.
    ///
    /// ```
    /// assert_eq!(trailmap::Extensions::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
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
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key.to_owned(), value)),
        }
        true
    }

    /// `true` when there is no extension key.
    ///
    /// ```
    /// assert!(trailmap::Extensions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
                Ok(Extensions(out))
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// JSON Schema calls `2.0` an integer; serde does not. These accept what the
/// schema accepts, so the schema and the loader never disagree.
mod integral {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    struct U32Visitor;
    impl Visitor<'_> for U32Visitor {
        type Value = u32;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number from 0 to 4294967295")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
            if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                // Exact: checked integral and in range just above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(v as u32)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
    }

    pub(super) fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        d.deserialize_any(U32Visitor)
    }

    /// Spans are 1-based: 0 is refused, as the schema's `minimum` says.
    pub(super) fn positive_u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        match u32(d)? {
            0 => {
                Err(de::Error::invalid_value(de::Unexpected::Unsigned(0), &"a whole number from 1 (spans are 1-based)"))
            }
            n => Ok(n),
        }
    }

    /// [`positive_u32`], optional.
    pub(super) fn opt_positive_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        match opt_u32(d)? {
            Some(0) => {
                Err(de::Error::invalid_value(de::Unexpected::Unsigned(0), &"a whole number from 1 (spans are 1-based)"))
            }
            n => Ok(n),
        }
    }

    pub(super) fn opt_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        struct OptVisitor;
        impl<'de> Visitor<'de> for OptVisitor {
            type Value = Option<u32>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number from 0 to 4294967295, or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<u32>, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<u32>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<u32>, D::Error> {
                u32(d).map(Some)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<u32>, E> {
                U32Visitor.visit_u64(v).map(Some)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<u32>, E> {
                U32Visitor.visit_i64(v).map(Some)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<u32>, E> {
                U32Visitor.visit_f64(v).map(Some)
            }
        }
        d.deserialize_option(OptVisitor)
    }
}

/// Numbers with a lower bound, refused below it as the schema refuses them.
mod bounded {
    use serde::de::{self, Deserialize, Deserializer};

    /// Hours: 0 or more.
    pub(super) fn opt_non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Option::<f64>::deserialize(d)? {
            Some(v) if v < 0.0 => {
                Err(de::Error::invalid_value(de::Unexpected::Float(v), &"a number of hours, 0 or more"))
            }
            v => Ok(v),
        }
    }

    /// A pace: more than 0.
    pub(super) fn opt_positive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Option::<f64>::deserialize(d)? {
            Some(v) if v <= 0.0 => {
                Err(de::Error::invalid_value(de::Unexpected::Float(v), &"a number of hours per week, more than 0"))
            }
            v => Ok(v),
        }
    }
}

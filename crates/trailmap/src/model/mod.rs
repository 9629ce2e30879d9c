//! The roadmap data model: the typed form of a roadmap file.
//!
//! Every type here derives `serde` (the file format) and `schemars` (the
//! published JSON Schema), so the doc comments below are also the hover help
//! an editor shows for each property. Field names are part of the file
//! format: renaming one is a breaking change for every roadmap in the wild.

mod bounded;
mod constructors;
mod exact;
mod extensions;
mod id_or_object;
mod integral;
mod items;
mod phases;
mod references;
mod skill_details;
mod skills;
mod small_string;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use extensions::{EXTENSION_PREFIX, Extensions};
pub use items::{
    Area, Cadence, Criterion, Exclusion, Milestone, MilestoneKind, NotedSkill, Practice, Project, SkillMention, Task,
};
pub use phases::{Phase, PhaseKind, Span, TimeUnit};
pub use skills::{AnyOf, Prerequisite, Resource, ResourceKind, Skill, SkillDetails, SkillLevel};
pub use small_string::SmallString;

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

fn is_false(b: &bool) -> bool {
    !*b
}

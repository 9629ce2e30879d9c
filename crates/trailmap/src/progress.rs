//! A learner's progress: which skills are done, being learned or skipped.
//!
//! Kept apart from roadmaps, keyed by skill id, so one progress file serves
//! every roadmap that shares the skill vocabulary.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, preview_str, push_token};
use crate::suggest::Suggester;
use crate::{Extensions, Roadmap};

/// A learner's progress file.
///
/// ```
/// use trailmap::{Progress, Status};
///
/// let loaded = Progress::from_json_str(r#"{"skills": {"python": {"status": "done"}, "git": {"status": "learning"}}}"#);
/// let progress = loaded.progress.unwrap();
/// assert_eq!(progress.status("python"), Some(Status::Done));
/// assert!(progress.is_satisfied("python"));
/// assert!(!progress.is_satisfied("git"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "trailmap progress")]
#[non_exhaustive]
pub struct Progress {
    /// Path or URL of the JSON Schema this file follows, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Ids of the roadmaps this progress refers to (informative: progress is
    /// keyed by skill id and applies to any roadmap with those skills).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roadmaps: Vec<String>,
    /// Progress per skill id.
    #[serde(default)]
    pub skills: SkillProgressMap,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// Progress entries by skill id, in id order. Duplicate ids are an error.
///
/// ```
/// let p = trailmap::Progress::from_json_str(r#"{"skills": {"a": {"status": "done"}, "a": {"status": "skipped"}}}"#);
/// assert_eq!(p.diagnostics[0].code, "TM003");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct SkillProgressMap(pub BTreeMap<String, SkillProgress>);

impl<'de> Deserialize<'de> for SkillProgressMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = SkillProgressMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping skill ids to progress entries")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SkillProgressMap, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<SkillProgress>()?;
                    if out.insert(key.clone(), value).is_some() {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                }
                Ok(SkillProgressMap(out))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// Progress on one skill.
///
/// ```
/// let p: trailmap::SkillProgress = serde_json::from_str(r#"{"status": "learning", "hours": 4.5}"#).unwrap();
/// assert_eq!(p.hours, Some(4.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SkillProgress {
    /// Where the learner stands.
    pub status: Status,
    /// Hours spent so far (0 or more). For a skill being learned they are
    /// taken off its remaining effort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub hours: Option<f64>,
    /// Date of the last change, as `YYYY-MM-DD` (a real calendar date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Option<String>,
    /// The learner's own note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// Where a learner stands on a skill.
///
/// ```
/// let s: trailmap::Status = serde_json::from_str(r#""skipped""#).unwrap();
/// assert_eq!(s, trailmap::Status::Skipped);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// Learned.
    Done,
    /// Being learned now.
    Learning,
    /// Deliberately skipped (already known, or not wanted); counts as
    /// satisfied for prerequisites.
    Skipped,
}

impl Status {
    /// The status as written in a progress file: "done", "learning",
    /// "skipped".
    ///
    /// ```
    /// assert_eq!(trailmap::Status::Learning.as_str(), "learning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Learning => "learning",
            Status::Skipped => "skipped",
        }
    }
}

impl SkillProgress {
    /// An entry with a status, and no hours, date or note yet.
    ///
    /// ```
    /// let mut entry = trailmap::SkillProgress::new(trailmap::Status::Learning);
    /// entry.hours = Some(3.0);
    /// assert_eq!(serde_json::to_string(&entry).unwrap(), r#"{"status":"learning","hours":3.0}"#);
    /// ```
    pub fn new(status: Status) -> Self {
        SkillProgress { status, hours: None, date: None, note: None, extensions: Extensions::default() }
    }
}

impl Progress {
    /// Progress with the given skills marked done (the CLI's `--done`).
    ///
    /// ```
    /// let p = trailmap::Progress::with_done(["python", "git"]);
    /// assert!(p.is_satisfied("git"));
    /// ```
    pub fn with_done<'a>(ids: impl IntoIterator<Item = &'a str>) -> Progress {
        let mut progress = Progress::default();
        progress.mark_all(ids, Status::Done);
        progress
    }

    /// Sets the status of each skill, keeping any hours and notes.
    ///
    /// ```
    /// let mut p = trailmap::Progress::default();
    /// p.mark_all(["docker"], trailmap::Status::Learning);
    /// assert_eq!(p.status("docker"), Some(trailmap::Status::Learning));
    /// ```
    pub fn mark_all<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>, status: Status) {
        for id in ids {
            self.skills.0.entry(id.to_owned()).and_modify(|e| e.status = status).or_insert(SkillProgress::new(status));
        }
    }

    /// The status of a skill, if recorded.
    ///
    /// ```
    /// assert_eq!(trailmap::Progress::default().status("python"), None);
    /// ```
    pub fn status(&self, id: &str) -> Option<Status> {
        self.skills.0.get(id).map(|p| p.status)
    }

    /// `true` when the skill counts as satisfied for prerequisites: done
    /// or skipped.
    ///
    /// ```
    /// let mut p = trailmap::Progress::default();
    /// p.mark_all(["a"], trailmap::Status::Skipped);
    /// assert!(p.is_satisfied("a"));
    /// ```
    pub fn is_satisfied(&self, id: &str) -> bool {
        matches!(self.status(id), Some(Status::Done | Status::Skipped))
    }

    /// Warnings for progress entries whose skill none of `roadmaps` has,
    /// each with a suggestion. A skill known under a former id is named.
    ///
    /// ```
    /// let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "pytorch", "name": "PyTorch"}]}"#).roadmap.unwrap();
    /// let progress = trailmap::Progress::with_done(["pytorh"]);
    /// let warnings = progress.unknown_skills(&[&roadmap]);
    /// assert_eq!(warnings[0].code, "TM050");
    /// assert_eq!(warnings[0].help.as_deref(), Some("did you mean `pytorch`?"));
    /// ```
    pub fn unknown_skills(&self, roadmaps: &[&Roadmap]) -> Vec<Diagnostic> {
        let known: std::collections::HashSet<&str> =
            roadmaps.iter().flat_map(|r| r.skills.iter().map(|s| s.id.as_str())).collect();
        // Built once: per entry, a search of every skill would make a large
        // progress file against a large roadmap quadratic.
        let mut renamed: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for skill in roadmaps.iter().flat_map(|r| r.skills.iter()) {
            for former in &skill.former_ids {
                renamed.entry(former.as_str()).or_insert(skill.id.as_str());
            }
        }
        let mut hints = Suggester::new(Suggester::BUDGET);
        let mut out = Vec::new();
        for id in self.skills.0.keys() {
            if known.contains(id.as_str()) {
                continue;
            }
            let mut pointer = String::from("/skills");
            push_token(&mut pointer, id);
            let mut d = Code::UnknownProgressSkill
                .diagnostic(
                    Severity::Warning,
                    format!("progress names skill `{}`, which no loaded roadmap has", preview_str(id)),
                )
                .at_key(pointer);
            if let Some(new_id) = renamed.get(id.as_str()) {
                d = d.with_help(format!("the skill was renamed to `{new_id}`: run `trailmap migrate-progress`"));
            } else if let Some(best) = hints.suggest("skill", id, known.iter().copied()) {
                d = d.with_help(format!("did you mean `{best}`?"));
            }
            out.push(d);
        }
        out
    }
}

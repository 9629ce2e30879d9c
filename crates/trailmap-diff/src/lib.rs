//! trailmap-diff: what changed in meaning between two versions of a
//! roadmap, and which semver bump that requires.
//!
//! [`diff`] matches skills, phases (nested, by id anywhere), projects,
//! practices, milestones (and their criteria), exclusions and areas by id,
//! follows skill renames through `former_ids`, and returns a list of
//! [`Change`]s. Each has a stable [`ChangeKind`] id, the ids and JSON
//! Pointers on both sides, a message and the [`Bump`] it requires; the
//! table of kinds, bumps and reasons is on [`ChangeKind`].
//! [`check_version`] holds the `version` fields to that bump,
//! [`migrate_progress`] carries a learner's progress across renames, and
//! [`report`] renders the result as text, Markdown, JSON or GitHub
//! annotations.
//!
//! ```
//! use trailmap::Roadmap;
//! use trailmap_diff::{Bump, ChangeKind};
//!
//! let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
//!     {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy"}]}"#).roadmap.unwrap();
//! let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0", "skills": [
//!     {"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}]}"#).roadmap.unwrap();
//! let changes = trailmap_diff::diff(&old, &new);
//! assert_eq!(changes[0].kind, ChangeKind::PrerequisiteAdded);
//! assert_eq!(trailmap_diff::overall_bump(&changes), Bump::Major);
//! let check = trailmap_diff::check_version(&old.version, &new.version, Bump::Major).unwrap();
//! assert!(!check.ok);
//! assert_eq!(check.suggested, "2.0.0");
//! ```
//!
//! Nothing here prints, exits or touches files: the `trailmap diff` and
//! `trailmap migrate-progress` commands do that.
#![forbid(unsafe_code)]

mod compare;
mod kind;
mod migrate;
mod migrate_text;
pub mod report;
mod version;

use serde::Serialize;
use trailmap::Roadmap;

pub use kind::{Bump, ChangeKind};
pub use migrate::{Conflict, Migration, Renamed, migrate_progress};
pub use version::{InvalidVersion, VersionCheck, VersionProblem, check_version, suggest_version};

/// One change between two versions of a roadmap.
///
/// `id` is the item the change is about (the new id for a rename; the
/// skill, phase or milestone that owns a prerequisite, resource or
/// criterion; the roadmap's id for roadmap-level changes). The pointers are
/// RFC 6901 JSON Pointers into the old and the new file; a side is `None`
/// when the item does not exist there (an added item has no old pointer).
///
/// ```
/// use trailmap::Roadmap;
///
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "git", "name": "Git"}]}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.1", "skills": [
///     {"id": "git", "name": "Git basics"}]}"#).roadmap.unwrap();
/// let change = &trailmap_diff::diff(&old, &new)[0];
/// assert_eq!(change.kind.id(), "skill-name-changed");
/// assert_eq!(change.new_pointer.as_deref(), Some("/skills/0/name"));
/// assert_eq!(change.message, r#"skill `git`: name changed from "Git" to "Git basics""#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What kind of change this is.
    pub kind: ChangeKind,
    /// The bump it requires (the kind's default).
    pub bump: Bump,
    /// The id of the item concerned.
    pub id: String,
    /// Its id in the old version, if it exists there.
    pub old_id: Option<String>,
    /// Its id in the new version, if it exists there.
    pub new_id: Option<String>,
    /// Where it is in the old file.
    pub old_pointer: Option<String>,
    /// Where it is in the new file.
    pub new_pointer: Option<String>,
    /// What changed, for a person. Text from the files is quoted but not
    /// escaped: [`report`] escapes it for each output format.
    pub message: String,
    /// A suggestion, e.g. "possibly renamed from `x`: add `x` to its former_ids".
    pub hint: Option<String>,
}

/// Every change from `old` to `new`, roadmap-level changes first, then
/// skills, phases, projects, practices, milestones, exclusions and areas.
/// Deterministic; empty when the two mean the same (extension `x-` keys,
/// `$schema` and `version` are not compared).
///
/// Works on any two models, valid or not, without panicking; on invalid
/// ones (duplicate ids) the first item with an id wins.
///
/// ```
/// let roadmap = trailmap::Roadmap::from_json_str(
///     r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#,
/// ).roadmap.unwrap();
/// assert!(trailmap_diff::diff(&roadmap, &roadmap).is_empty());
/// ```
pub fn diff(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    compare::diff(old, new)
}

/// The bump a list of changes requires: the highest of them, `None` for
/// no change.
///
/// ```
/// assert_eq!(trailmap_diff::overall_bump(&[]), trailmap_diff::Bump::None);
/// ```
pub fn overall_bump(changes: &[Change]) -> Bump {
    changes.iter().map(|c| c.bump).max().unwrap_or(Bump::None)
}

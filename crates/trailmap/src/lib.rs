//! trailmap: learning roadmaps as data.
//!
//! A roadmap file is JSON: skills, the prerequisites between them, and the
//! phases, projects, practices and milestones a learner moves through. This
//! crate owns the model ([`Roadmap`]), its JSON Schema ([`schema`]), loading
//! with located diagnostics ([`Roadmap::from_json_str`]), the prerequisite
//! graph ([`SkillGraph`]) and the learner's [`Progress`].
//!
//! ```
//! use trailmap::{Roadmap, SkillGraph};
//!
//! let loaded = Roadmap::from_json_str(r#"{
//!   "id": "ml", "title": "ML engineer", "version": "1.0.0",
//!   "skills": [
//!     {"id": "python", "name": "Python"},
//!     {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
//!     {"id": "pandas", "name": "Pandas", "prerequisites": ["numpy"]}
//!   ]
//! }"#);
//! let (roadmap, _warnings) = loaded.into_result().expect("a valid roadmap");
//!
//! // What comes after Python?
//! let graph = SkillGraph::new(&roadmap);
//! assert_eq!(graph.dependents("python"), ["numpy"]);
//! assert_eq!(graph.all_dependents("python"), ["numpy", "pandas"]);
//! ```
//!
//! Queries need a valid roadmap: [`Loaded::into_result`] hands one out
//! only when the file has no error. With `default-features = false` the
//! crate builds without the JSON Schema validator (the `schema-validation`
//! feature): a broken file then reports serde's first error instead of
//! every schema violation. See `examples/` for whole programs.
//!
//! Nothing here prints or exits: problems are [`Diagnostic`]s with a stable
//! code, a JSON Pointer and a line and column, for the caller to render.
#![forbid(unsafe_code)]

pub(crate) mod check;
pub mod codes;
pub mod convert;
pub mod date;
pub mod diagnostic;
pub mod emit;
// Shared by the trailmap crates, not part of the library's API.
#[doc(hidden)]
pub mod escape;
pub mod format;
// Shared by the trailmap crates, not part of the library's API.
#[doc(hidden)]
pub mod fs;
pub mod graph;
pub mod ids;
mod json_depth;
mod line_index;
pub mod load;
pub mod locate;
pub mod model;
// Shared by the trailmap crates, not part of the library's API.
#[doc(hidden)]
pub mod parallel;
pub mod pointer;
pub mod progress;
pub mod progress_file;
pub mod query;
pub mod resolve;
pub mod scaffold;
pub mod schema;
// Shared by the trailmap crates, not part of the library's API.
#[doc(hidden)]
pub mod suggest;
mod validate;
mod yaml;

pub use date::Date;
pub use diagnostic::{Anchor, Diagnostic, Edit, Fix, Location, Severity};
pub use format::Format;
pub use graph::{
    Cycle, CyclicAlternative, CyclicAlternatives, OwnedGraph, PhaseNode, ReductionMemory, Redundant, RedundantEntries,
    RedundantEntry, RedundantPrerequisites, ResolvedIds, SkillGraph,
};
pub use load::{LoadOptions, Loaded, LoadedProgress, ReadError};
pub use locate::locate;
pub use model::*;
pub use progress::{Progress, SkillProgress, SkillProgressMap, Status};

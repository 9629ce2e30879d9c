//! Import learning roadmaps published in other shapes into trailmap data.
//! Markdown prose ([`markdown`]), roadmap.sh editor graphs ([`roadmapsh`])
//! and Metacademy concept folders ([`metacademy`]).
//!
//! Every import returns a roadmap that validates and a [`Report`] that
//! accounts for every source element: placed (with JSON Pointers into the
//! roadmap), ignored as decoration, or not placed (with its line and why).
//!
//! ```
//! let imported = trailmap_import::markdown::import(
//!     "# Plan\n\n## Week 1-2: Basics\n\n- Python, Git and NumPy\n- [ ] Push a project\n",
//!     &trailmap_import::Options::default(),
//! )
//! .unwrap();
//! let roadmap = &imported.roadmap;
//! assert_eq!(roadmap.phases[0].span.as_ref().map(|s| (s.start, s.end())), Some((1, 2)));
//! assert_eq!(roadmap.skills.len(), 3);
//! assert_eq!(roadmap.milestones[0].criteria[0].text, "Push a project");
//! assert_eq!(imported.report.counts().not_placed, 0);
//! ```
#![forbid(unsafe_code)]

mod balsamiq;
mod builder;
pub mod ids;
mod lenient;
pub mod markdown;
pub mod metacademy;
mod prerequisites;
pub mod report;
pub mod roadmapsh;
mod roadmapsh_content;
pub mod span;
pub mod text;

pub use ids::Vocabulary;
pub use report::{Counts, Element, Entry, Outcome, Report};

/// The largest source file `trailmap import` reads unless told otherwise
/// (8 MiB). Published roadmaps are well under a megabyte; within this
/// size every import stays under a gigabyte of memory, whatever the
/// source holds (a parser's inline tree for one hostile 100 MB paragraph
/// alone took 1.8 GB).
pub const DEFAULT_MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// How to import.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Known skills whose ids imported skills reuse (by name or alias).
    pub vocabulary: Option<Vocabulary>,
    /// The roadmap id; by default from the title.
    pub id: Option<String>,
    /// The source file name, recorded in `source.file`.
    pub source_file: Option<String>,
    /// Metacademy: keep dependencies on concepts missing from the folder, as
    /// skills of their own, instead of dropping them.
    pub keep_dangling: bool,
    /// Add the prerequisites the documented heuristics infer (from the
    /// vocabulary's roadmaps, and "Advanced X" needing "X"); they are marked
    /// `x-inferred-prerequisites` and reported, and never close a cycle.
    pub infer_prerequisites: bool,
    /// roadmap.sh: the `content/` folder whose `<slug>@<nodeId>.md` topic
    /// files give descriptions and resources.
    pub content_dir: Option<std::path::PathBuf>,
}

/// Where invalid UTF-8 starts, for people: "line 2, column 5" (1-based,
/// the column counted in characters), from the length of the valid prefix.
///
/// ```
/// let bytes = b"# T\nab\xff";
/// let at = std::str::from_utf8(bytes).unwrap_err().valid_up_to();
/// assert_eq!(trailmap_import::invalid_utf8_at(bytes, at), "line 2, column 3");
/// ```
pub fn invalid_utf8_at(bytes: &[u8], valid_up_to: usize) -> String {
    let prefix = std::str::from_utf8(&bytes[..valid_up_to.min(bytes.len())]).unwrap_or_default();
    let (line, column) = trailmap::locate::LineSweep::new(prefix).line_col(prefix.len());
    format!("line {line}, column {column}")
}

/// Why a folder source could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// A file or folder could not be read (missing, a folder where a file
    /// belongs, no permission): a problem of the invocation.
    Io(String),
    /// The source was read but cannot be imported (no concepts, invalid
    /// UTF-8, over a size limit).
    Invalid(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Io(message) | ImportError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ImportError {}

/// A roadmap and the report of how the source was placed in it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Imported {
    /// The roadmap; it always validates.
    pub roadmap: trailmap::Roadmap,
    /// What became of each source element.
    pub report: Report,
}

impl Imported {
    /// The roadmap as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.roadmap).unwrap_or_default();
        text.push('\n');
        text
    }
}

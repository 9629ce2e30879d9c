//! What loading a roadmap gives: the model and every diagnostic.

use crate::diagnostic::{Diagnostic, Severity};
use crate::{ResolvedIds, Roadmap};

/// The result of loading a roadmap: the model when one could be built, and
/// every diagnostic found, located in the source.
///
/// `roadmap` is `Some` whenever the text is syntactically valid JSON with a
/// top-level object: with errors in some skills it holds the parts that
/// parsed, so that meaning checks still run on them. Check
/// [`is_valid`](Self::is_valid) before trusting it.
///
/// ```
/// let loaded = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#);
/// assert!(loaded.is_valid());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Loaded {
    /// The model, possibly partial when there are errors.
    pub roadmap: Option<Roadmap>,
    /// Every problem found, in pipeline order, each with a location.
    pub diagnostics: Vec<Diagnostic>,
    /// Validation's lookup of the prerequisite ids, when the options asked
    /// to keep it.
    pub(crate) resolved_ids: Option<ResolvedIds>,
}

impl Loaded {
    /// `true` when no diagnostic is an error.
    ///
    /// ```
    /// assert!(!trailmap::Roadmap::from_json_str("{").is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.diagnostics.iter().all(|d| d.severity < Severity::Error)
    }

    /// `true` when the model holds the whole file: it was built, and no
    /// error [breaks the model](crate::codes::Code::breaks_model) (syntax,
    /// schema, duplicate keys, size, encoding). A whole model may still
    /// have meaning errors (an unknown reference, a cycle); lint rules run
    /// on it, queries should not (see [`into_result`](Self::into_result)).
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "a", "name": "A", "prerequisites": ["b"]}]}"#);
    /// assert!(loaded.is_whole() && !loaded.is_valid());
    /// let loaded = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [], "x": 1}"#);
    /// assert!(!loaded.is_whole());
    /// ```
    pub fn is_whole(&self) -> bool {
        self.roadmap.is_some()
            && !self.diagnostics.iter().any(|d| d.severity == Severity::Error && crate::codes::breaks_model(d.code))
    }

    /// The model when the file is valid (no error), with the warnings;
    /// otherwise every diagnostic. The way to get a roadmap to query: a
    /// partial model (a misspelt key dropped a skill's prerequisites) is
    /// never handed out by accident.
    ///
    /// ```
    /// let ok = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#);
    /// let (roadmap, warnings) = ok.into_result().unwrap();
    /// assert_eq!((roadmap.id.as_str(), warnings.len()), ("r", 0));
    ///
    /// let bad = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "a", "name": "A", "prerequisities": ["b"]}]}"#);
    /// assert_eq!(bad.into_result().unwrap_err()[0].code, "TM002");
    /// ```
    pub fn into_result(self) -> Result<(Roadmap, Vec<Diagnostic>), Vec<Diagnostic>> {
        match self.roadmap {
            Some(roadmap) if self.diagnostics.iter().all(|d| d.severity < Severity::Error) => {
                Ok((roadmap, self.diagnostics))
            }
            _ => Err(self.diagnostics),
        }
    }

    /// Takes validation's lookup of the prerequisite ids, kept when
    /// [`LoadOptions::keep_resolved_ids`](crate::LoadOptions::keep_resolved_ids)
    /// asked for it and the roadmap was checked, for
    /// [`SkillGraph::with_resolved_ids`](crate::SkillGraph::with_resolved_ids).
    ///
    /// ```
    /// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#;
    /// let mut loaded = trailmap::Roadmap::from_json_str(text);
    /// assert!(loaded.take_resolved_ids().is_none(), "not asked for");
    /// ```
    pub fn take_resolved_ids(&mut self) -> Option<ResolvedIds> {
        self.resolved_ids.take()
    }
}

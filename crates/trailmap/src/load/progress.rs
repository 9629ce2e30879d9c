//! Loading progress files: the same pipeline as roadmaps
//! ([`load_document`]), then the entries' own checks (`TM051`).

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::{LoadOptions, ReadError, load_document, read_file};
use crate::check::Origins;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity, preview_str, push_token};
use crate::{Progress, SkillProgress};

/// The result of loading a progress file.
///
/// ```
/// assert!(trailmap::Progress::from_json_str("{}").is_valid());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoadedProgress {
    /// The progress, when it parsed.
    pub progress: Option<Progress>,
    /// Every problem found, located.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedProgress {
    /// `true` when no diagnostic is an error.
    ///
    /// ```
    /// assert!(!trailmap::Progress::from_json_str("[]").is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.diagnostics.iter().all(|d| d.severity < Severity::Error)
    }
}

impl Progress {
    /// Loads a progress file from JSON text.
    ///
    /// ```
    /// let loaded = trailmap::Progress::from_json_str(r#"{"skills": {"git": {"status": "done"}}}"#);
    /// assert!(loaded.is_valid());
    /// ```
    pub fn from_json_str(source: &str) -> LoadedProgress {
        Self::from_slice_with(source.as_bytes(), "<progress>", &LoadOptions::default())
    }

    /// Loads a progress file from bytes; `file` names it in diagnostics and
    /// chooses the format (`.yaml` and `.yml` are YAML, the rest JSON).
    ///
    /// ```
    /// let loaded = trailmap::Progress::from_slice_with(b"{", "p.json", &Default::default());
    /// assert_eq!(&*loaded.diagnostics[0].file, "p.json");
    /// ```
    pub fn from_slice_with(bytes: &[u8], file: &str, options: &LoadOptions) -> LoadedProgress {
        let (progress, mut diagnostics) = load_document::<Progress>(
            bytes,
            crate::Format::from_path(file),
            options,
            crate::validate::Kind::Progress,
            |value| lenient_progress(value).map(|p| (p, Origins::Identity)),
            |progress, _, diagnostics| check_entries(progress, diagnostics),
        );
        let file: std::sync::Arc<str> = file.into();
        for d in &mut diagnostics {
            d.file = file.clone();
        }
        LoadedProgress { progress, diagnostics }
    }

    /// Reads and loads a progress file.
    ///
    /// ```
    /// assert!(trailmap::Progress::from_path("/no/such/progress.json").is_err());
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<LoadedProgress, ReadError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let options = LoadOptions::default();
        match read_file(path, options.max_bytes) {
            Ok(Ok(bytes)) => Ok(Self::from_slice_with(&bytes, &name, &options)),
            Ok(Err(size)) => Err(ReadError {
                path: name,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("file is {size} bytes, over the limit"),
                ),
            }),
            Err(source) => Err(ReadError { path: name, source }),
        }
    }
}

/// Dates must exist and hours must not be negative (`TM051`).
fn check_entries(progress: &Progress, diagnostics: &mut Vec<Diagnostic>) {
    for (id, entry) in &progress.skills.0 {
        let mut pointer = String::from("/skills");
        push_token(&mut pointer, id);
        let id = preview_str(id);
        if let Some(date) = entry.date.as_deref().filter(|d| crate::date::Date::parse(d).is_none()) {
            diagnostics.push(
                Code::InvalidProgressEntry
                    .diagnostic(
                        Severity::Error,
                        format!("the date of `{id}`, `{}`, is not a real date", preview_str(date)),
                    )
                    .with_help("write it as YYYY-MM-DD, e.g. 2026-11-30")
                    .at(format!("{pointer}/date")),
            );
        }
        if let Some(hours) = entry.hours.filter(|h| !(h.is_finite() && *h >= 0.0)) {
            diagnostics.push(
                Code::InvalidProgressEntry
                    .diagnostic(Severity::Error, format!("the hours of `{id}` are {hours}; they must be 0 or more"))
                    .at(format!("{pointer}/hours")),
            );
        }
    }
}

fn lenient_progress(value: &Value) -> Option<Progress> {
    let object = value.as_object()?;
    let mut progress = Progress::default();
    if let Some(Value::Object(skills)) = object.get("skills") {
        for (id, entry) in skills {
            if let Ok(entry) = SkillProgress::deserialize(entry) {
                progress.skills.0.insert(id.clone(), entry);
            }
        }
    }
    Some(progress)
}

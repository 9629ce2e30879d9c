//! Loading: bytes to a typed [`Roadmap`] plus every diagnostic, in one call.
//!
//! The pipeline, in order: size limit, encoding (UTF-8, no byte-order
//! mark), JSON syntax, then the typed parse. A file that parses into the
//! typed model goes straight to the meaning checks: the schema and the types
//! agree (a property test holds them to it), so the JSON Schema validator
//! only runs when the typed parse fails, to report every structural problem
//! at once instead of serde's first. Positions are resolved last, only for
//! what is reported.

use std::path::Path;

use crate::Roadmap;
use crate::check;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::format::Format;
use lenient::lenient_roadmap;

mod json_errors;
mod lenient;
mod loaded;
mod options;
mod pipeline;
mod progress;
mod read;

pub(crate) use json_errors::syntax_error;
pub use loaded::Loaded;
pub use options::{DEFAULT_MAX_BYTES, LoadOptions};
pub(crate) use pipeline::load_document;
pub use progress::LoadedProgress;
pub use read::{ReadError, read_file};

impl Roadmap {
    /// Loads a roadmap from JSON text with default options. Never panics:
    /// every problem is a diagnostic.
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "a", "name": "A", "prerequisites": ["b"]}]}"#);
    /// assert_eq!(loaded.diagnostics[0].code, "TM005");
    /// assert_eq!(loaded.diagnostics[0].location.unwrap().line, 2);
    /// ```
    pub fn from_json_str(source: &str) -> Loaded {
        Self::from_json_str_with(source, "<input>", &LoadOptions::default())
    }

    /// Loads a roadmap from YAML text with default options.
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_yaml_str("id: r\ntitle: R\nversion: 1.0.0\nskills: []\nnmae: x\n");
    /// assert_eq!(loaded.diagnostics[0].code, "TM002");
    /// assert_eq!(loaded.diagnostics[0].location.unwrap().line, 5);
    /// ```
    pub fn from_yaml_str(source: &str) -> Loaded {
        Self::from_slice_in(source.as_bytes(), Format::Yaml, "<input>", &LoadOptions::default())
    }

    /// Loads a roadmap from JSON text; `file` names it in diagnostics.
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_json_str_with("[]", "a.json", &Default::default());
    /// assert_eq!(&*loaded.diagnostics[0].file, "a.json");
    /// ```
    pub fn from_json_str_with(source: &str, file: &str, options: &LoadOptions) -> Loaded {
        Self::from_slice_in(source.as_bytes(), Format::Json, file, options)
    }

    /// Loads a roadmap from raw bytes (checked for UTF-8 first).
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_slice_with(b"\xff", "bad.json", &Default::default());
    /// assert_eq!(loaded.diagnostics[0].code, "TM010");
    /// ```
    ///
    /// The format follows `file`'s extension ([`Format::from_path`]): a
    /// name ending in `.yaml` or `.yml` is read as YAML, anything else as
    /// JSON.
    ///
    /// ```
    /// let loaded = trailmap::Roadmap::from_slice_with(b"id: r\ntitle: R\nversion: 1.0.0\nskills: []\n", "r.yaml", &Default::default());
    /// assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    /// ```
    pub fn from_slice_with(bytes: &[u8], file: &str, options: &LoadOptions) -> Loaded {
        Self::from_slice_in(bytes, Format::from_path(file), file, options)
    }

    /// Loads a roadmap from raw bytes in the given format.
    ///
    /// ```
    /// use trailmap::{Format, Roadmap};
    /// let text = "id: r\ntitle: R\nversion: 1.0.0\nskills:\n  - id: a\n    name: A\n    prerequisites: [b]\n";
    /// let loaded = Roadmap::from_slice_in(text.as_bytes(), Format::Yaml, "r.yml", &Default::default());
    /// let d = &loaded.diagnostics[0];
    /// assert_eq!((d.code, d.location.unwrap().line, d.location.unwrap().column), ("TM005", 7, 21));
    /// ```
    pub fn from_slice_in(bytes: &[u8], format: Format, file: &str, options: &LoadOptions) -> Loaded {
        let mut resolved_ids = None;
        let mut loaded = load_document(
            bytes,
            format,
            options,
            crate::validate::Kind::Roadmap,
            lenient_roadmap,
            |roadmap, origins, out| {
                resolved_ids = check::check_roadmap(roadmap, origins, out, options.keep_resolved_ids);
            },
        );
        let file: std::sync::Arc<str> = file.into();
        for d in &mut loaded.1 {
            d.file = file.clone();
        }
        Loaded { roadmap: loaded.0, diagnostics: loaded.1, resolved_ids }
    }

    /// Reads and loads a roadmap file. I/O problems (missing file, a
    /// directory, permissions) are the `Err`; everything about the content,
    /// including a file over the size limit, is a diagnostic.
    ///
    /// ```
    /// let path = std::env::temp_dir().join("trailmap-doc-from-path.json");
    /// std::fs::write(&path, r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).unwrap();
    /// assert!(trailmap::Roadmap::from_path(&path).unwrap().is_valid());
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Loaded, ReadError> {
        Self::from_path_with(path, &LoadOptions::default())
    }

    /// [`from_path`](Self::from_path) with options.
    ///
    /// ```
    /// let options = trailmap::LoadOptions::default().with_max_bytes(10);
    /// let path = std::env::temp_dir().join("trailmap-doc-from-path-with.json");
    /// std::fs::write(&path, "{\"id\": \"much too long for ten bytes\"}").unwrap();
    /// let loaded = trailmap::Roadmap::from_path_with(&path, &options).unwrap();
    /// assert_eq!(loaded.diagnostics[0].code, "TM009");
    /// ```
    pub fn from_path_with(path: impl AsRef<Path>, options: &LoadOptions) -> Result<Loaded, ReadError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        match read_file(path, options.max_bytes) {
            Ok(Ok(bytes)) => Ok(Self::from_slice_with(&bytes, &name, options)),
            Ok(Err(size)) => Ok(Loaded {
                roadmap: None,
                diagnostics: vec![too_large(size, options.max_bytes, &name)],
                resolved_ids: None,
            }),
            Err(source) => Err(ReadError { path: name, source }),
        }
    }
}

fn too_large(size: u64, max: u64, file: &str) -> Diagnostic {
    let mut d = Code::InputTooLarge
        .diagnostic(Severity::Error, format!("input is {size} bytes, over the limit of {max} bytes"))
        .with_help("raise the limit with --max-size if the file is trusted")
        .with_location(start_location());
    d.file = file.into();
    d
}

fn start_location() -> Location {
    Location { line: 1, column: 1, end_line: 1, end_column: 1, offset: 0, end_offset: 0 }
}

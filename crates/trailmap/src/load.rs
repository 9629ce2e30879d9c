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

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Roadmap;
use crate::check::{self, Origins};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Location, Severity, push_token};
use crate::format::Format;
use crate::line_index::LineIndex;
use crate::locate;
use crate::validate::Prune;

mod progress;
pub use progress::LoadedProgress;

/// Default upper bound on the size of one input file: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How to load. The defaults suit untrusted input.
///
/// ```
/// let options = trailmap::LoadOptions::default().with_max_bytes(1024);
/// let loaded = trailmap::Roadmap::from_json_str_with(&"x".repeat(2000), "big.json", &options);
/// assert_eq!(loaded.diagnostics[0].code, "TM009");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Inputs larger than this many bytes are refused with `TM009`.
    pub max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_BYTES }
    }
}

impl LoadOptions {
    /// Refuse inputs larger than `max_bytes` (`TM009`).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

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
}

/// Why a file could not be read at all. Problems with the content are
/// diagnostics, not errors.
///
/// ```
/// let err = trailmap::Roadmap::from_path("/no/such/file.json").unwrap_err();
/// assert!(err.to_string().contains("/no/such/file.json"));
/// ```
#[derive(Debug)]
pub struct ReadError {
    /// The path as given.
    pub path: String,
    /// What went wrong.
    pub source: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read {}: {}", self.path, self.source)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Reads a whole file, refusing directories, FIFOs and other non-regular
/// files (reading a FIFO would block forever) and files over `max_bytes`
/// (reported as `Ok(Err(size))` so the caller can diagnose it).
///
/// ```
/// let err = trailmap::load::read_file(std::path::Path::new("/"), 10).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
/// ```
pub fn read_file(path: &Path, max_bytes: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a directory" } else { "not a regular file" };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("is {what}")));
    }
    if meta.len() > max_bytes {
        return Ok(Err(meta.len()));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between stat and read: never read past the limit.
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

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
    /// assert_eq!(loaded.diagnostics[0].file, "a.json");
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
        let mut loaded = load_document(
            bytes,
            format,
            options,
            crate::validate::Kind::Roadmap,
            lenient_roadmap,
            check::check_roadmap,
        );
        for d in &mut loaded.1 {
            d.file = file.to_owned();
        }
        Loaded { roadmap: loaded.0, diagnostics: loaded.1 }
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
            Ok(Err(size)) => Ok(Loaded { roadmap: None, diagnostics: vec![too_large(size, options.max_bytes, &name)] }),
            Err(source) => Err(ReadError { path: name, source }),
        }
    }
}

fn too_large(size: u64, max: u64, file: &str) -> Diagnostic {
    let mut d = Code::InputTooLarge
        .diagnostic(Severity::Error, format!("input is {size} bytes, over the limit of {max} bytes"))
        .with_help("raise the limit with --max-size if the file is trusted")
        .with_location(start_location());
    d.file = file.to_owned();
    d
}

fn start_location() -> Location {
    Location { line: 1, column: 1, end_line: 1, end_column: 1, offset: 0, end_offset: 0 }
}

/// The shared pipeline for every document kind (roadmaps, progress files)
/// and both formats: limits, encoding, syntax, typed parse or schema +
/// lenient parse, meaning checks, then locations. `lenient` rebuilds what
/// it can from a `Value` whose typed parse failed; `meaning` runs the
/// kind's own checks.
pub(crate) fn load_document<T: DeserializeOwned>(
    bytes: &[u8],
    format: Format,
    options: &LoadOptions,
    kind: crate::validate::Kind,
    lenient: impl FnOnce(&Value) -> Option<(T, Origins)>,
    meaning: impl FnOnce(&T, &Origins, &mut Vec<Diagnostic>),
) -> (Option<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if bytes.len() as u64 > options.max_bytes {
        diagnostics.push(too_large(bytes.len() as u64, options.max_bytes, ""));
        return (None, diagnostics);
    }
    // A byte-order mark is allowed (RFC 8259 §8.1 lets parsers ignore it;
    // editors on Windows write one) but warned about: other tools refuse it.
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = if bom { &bytes[3..] } else { bytes };
    let mut diagnostics = load_text(bytes, format, kind, lenient, meaning, diagnostics);
    if bom {
        for d in &mut diagnostics.1 {
            if let Some(l) = &mut d.location {
                l.offset += 3;
                l.end_offset += 3;
            }
        }
        diagnostics.1.insert(
            0,
            Code::ByteOrderMark
                .diagnostic(Severity::Warning, "file starts with a UTF-8 byte-order mark")
                .with_help("other tools refuse a byte-order mark (RFC 8259 §8.1): save the file as UTF-8 without BOM")
                .with_location(Location { end_column: 2, end_offset: 3, ..start_location() }),
        );
    }
    diagnostics
}

/// [`load_document`] after the size limit and the byte-order mark.
fn load_text<T: DeserializeOwned>(
    bytes: &[u8],
    format: Format,
    kind: crate::validate::Kind,
    lenient: impl FnOnce(&Value) -> Option<(T, Origins)>,
    meaning: impl FnOnce(&T, &Origins, &mut Vec<Diagnostic>),
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<T>, Vec<Diagnostic>) {
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // Valid by construction: from_utf8 vouched for this prefix.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let index = LineIndex::new(prefix);
            let mut location = index.location(prefix, prefix.len(), prefix.len());
            location.end_column += 1;
            location.end_offset += 1;
            diagnostics.push(
                Code::InvalidEncoding
                    .diagnostic(Severity::Error, format!("invalid UTF-8 at byte {}", err.valid_up_to()))
                    .with_help("roadmap files must be UTF-8; re-save the file as UTF-8")
                    .with_location(location),
            );
            return (None, diagnostics);
        }
    };
    if format == Format::Yaml {
        return load_yaml(source, kind, lenient, meaning, diagnostics);
    }

    let (model, origins) = match serde_json::from_str::<T>(source) {
        Ok(model) => (Some(model), Origins::Identity),
        Err(err) if err.is_syntax() || err.is_eof() => {
            diagnostics.push(syntax_error(source, &err));
            return (None, diagnostics);
        }
        Err(typed_err) => {
            // Slow path: report every structural problem, then salvage.
            let value = match serde_json::from_str::<Value>(source) {
                Ok(value) => value,
                Err(err) => {
                    diagnostics.push(syntax_error(source, &err));
                    return (None, diagnostics);
                }
            };
            duplicate_keys(source, &mut diagnostics);
            salvage(value, kind, lenient, &mut diagnostics, || type_error(source, &typed_err))
        }
    };
    if let Some(model) = &model {
        meaning(model, &origins, &mut diagnostics);
    }
    locate::locate_json(source, &mut diagnostics);
    // Reading order; stable, so pipeline order breaks ties.
    diagnostics.sort_by_key(|d| d.location.map_or(0, |l| l.offset));
    (model, diagnostics)
}

/// The slow path shared by both formats: every schema error, then what
/// can be rebuilt once the offending values are cut out. `type_error` is
/// serde's reason, for when the schema accepted what the types refused.
fn salvage<T>(
    mut value: Value,
    kind: crate::validate::Kind,
    lenient: impl FnOnce(&Value) -> Option<(T, Origins)>,
    diagnostics: &mut Vec<Diagnostic>,
    type_error: impl FnOnce() -> Diagnostic,
) -> (Option<T>, Origins) {
    if let Some(hint) = foreign_file(kind, &value) {
        diagnostics.push(hint);
    }
    let before = diagnostics.len();
    let mut prunes = Vec::new();
    crate::validate::schema_errors(kind, &value, diagnostics, &mut prunes);
    if diagnostics.len() == before && !diagnostics.iter().any(|d| d.code == Code::DuplicateKey.code()) {
        diagnostics.push(type_error());
    }
    prune(&mut value, prunes);
    match lenient(&value) {
        Some((model, origins)) => (Some(model), origins),
        None => (None, Origins::Identity),
    }
}

/// A file of another kind given where a roadmap was expected: one
/// diagnostic saying what it looks like, before the schema errors that
/// follow from it.
fn foreign_file(kind: crate::validate::Kind, value: &Value) -> Option<Diagnostic> {
    let object = value.as_object()?;
    let (what, help) = match kind {
        crate::validate::Kind::Roadmap
            if object.get("skills").is_some_and(Value::is_object) && !object.contains_key("title") =>
        {
            (
                "this looks like a progress file, not a roadmap",
                "pass it with --progress (`trailmap next ROADMAP --progress FILE`)",
            )
        }
        crate::validate::Kind::Roadmap
            if object.get("nodes").is_some_and(Value::is_array) && object.get("edges").is_some_and(Value::is_array) =>
        {
            ("this looks like a roadmap.sh editor file, not a trailmap roadmap", "see `trailmap import`")
        }
        crate::validate::Kind::Progress
            if object.get("skills").is_some_and(Value::is_array) && object.contains_key("title") =>
        {
            (
                "this looks like a roadmap, not a progress file",
                "pass the roadmap as the first argument, and progress with --progress",
            )
        }
        _ => return None,
    };
    Some(Code::Schema.diagnostic(Severity::Error, what).with_help(help).at(""))
}

/// The YAML path: the document tree gives the value to check and the
/// positions to report.
fn load_yaml<T: DeserializeOwned>(
    source: &str,
    kind: crate::validate::Kind,
    lenient: impl FnOnce(&Value) -> Option<(T, Origins)>,
    meaning: impl FnOnce(&T, &Origins, &mut Vec<Diagnostic>),
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<T>, Vec<Diagnostic>) {
    let index = LineIndex::new(source);
    let document = match crate::yaml::parse(source) {
        Ok(document) => document,
        Err(err) => {
            diagnostics.push(
                Code::JsonSyntax
                    .diagnostic(Severity::Error, err.message)
                    .with_help(err.help)
                    .with_location(index.location(source, err.span.0, err.span.1)),
            );
            return (None, diagnostics);
        }
    };
    for dup in &document.duplicates {
        let (line, column) = index.line_col(source, dup.first.0);
        diagnostics.push(
            Code::DuplicateKey
                .diagnostic(
                    Severity::Error,
                    format!(
                        "duplicate key `{}`; the first is at line {line}, column {column}",
                        crate::pointer::last(&dup.pointer).unwrap_or_default().into_owned()
                    ),
                )
                .with_help("YAML forbids repeated keys, and parsers disagree on which one wins: keep exactly one")
                .with_location(index.location(source, dup.key.0, dup.key.1))
                .at_key(dup.pointer.clone()),
        );
    }
    // The model straight from the tree; only a document that does not
    // fit becomes a `Value`, for the schema's messages and the salvage.
    let typed = if document.duplicates.is_empty() { T::deserialize(&document.root).map_err(|_| ()) } else { Err(()) };
    let (model, origins) = match typed {
        Ok(model) => (Some(model), Origins::Identity),
        Err(()) => {
            let value = document.root.to_value();
            let err = if document.duplicates.is_empty() { T::deserialize(&value).err() } else { None };
            salvage(value, kind, lenient, &mut diagnostics, || {
                let message =
                    err.map_or_else(|| "the document does not match the schema".to_owned(), |e| e.to_string());
                Code::Schema.diagnostic(Severity::Error, message)
            })
        }
    };
    if let Some(model) = &model {
        meaning(model, &origins, &mut diagnostics);
    }
    crate::yaml::locate(source, &document.root, &mut diagnostics);
    diagnostics.sort_by_key(|d| d.location.map_or(0, |l| l.offset));
    (model, diagnostics)
}

fn duplicate_keys(source: &str, diagnostics: &mut Vec<Diagnostic>) {
    let index = LineIndex::new(source);
    for (pointer, key, first) in locate::duplicate_keys(source) {
        let (line, column) = index.line_col(source, first.0);
        let name = crate::pointer::last(&pointer).unwrap_or_default().into_owned();
        diagnostics.push(
            Code::DuplicateKey
                .diagnostic(
                    Severity::Error,
                    format!("duplicate key `{name}`; the first is at line {line}, column {column}"),
                )
                .with_help("JSON parsers disagree on which duplicate wins: keep exactly one")
                .with_location(index.location(source, key.0, key.1))
                .at_key(pointer),
        );
    }
}

fn error_location(source: &str, err: &serde_json::Error) -> Location {
    let index = LineIndex::new(source);
    let start = index.line_start(u32::try_from(err.line()).unwrap_or(u32::MAX));
    // serde_json counts columns in bytes; the error is at the byte before.
    let mut offset = (start + err.column()).saturating_sub(1).min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let end = source[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8());
    index.location(source, offset, end)
}

fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

pub(crate) fn syntax_error(source: &str, err: &serde_json::Error) -> Diagnostic {
    let message = bare_message(err);
    let mut location = error_location(source, err);
    if message == "trailing comma" {
        // serde_json stops at the bracket; the mistake is the comma before it.
        if let Some(comma) = source[..location.offset.min(source.len())].rfind(',') {
            location = LineIndex::new(source).location(source, comma, comma + 1);
        }
    }
    let help = if message.contains("recursion limit") {
        "JSON nested deeper than 128 levels is refused to keep memory and stack bounded"
    } else if source.trim().is_empty() {
        "the file is empty: a roadmap is a JSON object such as {\"id\": …, \"title\": …, \"version\": …, \"skills\": […]}"
    } else if message.contains("trailing characters") {
        "a JSON document holds exactly one value: remove what follows it"
    } else if message == "trailing comma" {
        "JSON allows no comma after the last element: remove it"
    } else {
        "fix the JSON syntax first; no other check runs until the file parses"
    };
    Code::JsonSyntax
        .diagnostic(Severity::Error, format!("invalid JSON: {message}"))
        .with_help(help)
        .with_location(location)
}

fn type_error(source: &str, err: &serde_json::Error) -> Diagnostic {
    Code::Schema.diagnostic(Severity::Error, bare_message(err)).with_location(error_location(source, err))
}

/// Deserializes one field leniently: a wrong type gives the default (the
/// schema stage has already reported it).
fn field<T: DeserializeOwned + Default>(object: &serde_json::Map<String, Value>, key: &str) -> T {
    object.get(key).and_then(|v| T::deserialize(v).ok()).unwrap_or_default()
}

/// The elements of an array member that deserialize, with their original
/// indices so that diagnostics point at the right element.
fn items<T: DeserializeOwned>(object: &serde_json::Map<String, Value>, key: &str) -> (Vec<T>, Vec<usize>) {
    let mut out = Vec::new();
    let mut origin = Vec::new();
    if let Some(Value::Array(values)) = object.get(key) {
        for (i, v) in values.iter().enumerate() {
            if let Ok(item) = T::deserialize(v) {
                out.push(item);
                origin.push(i);
            }
        }
    }
    (out, origin)
}

/// Rebuilds as much of a roadmap as deserializes, for the meaning checks.
fn lenient_roadmap(value: &Value) -> Option<(Roadmap, Origins)> {
    let object = value.as_object()?;
    let (skills, skill_origin) = items(object, "skills");
    let (phases, phase_origin) = items(object, "phases");
    let (projects, project_origin) = items(object, "projects");
    let (practices, practice_origin) = items(object, "practices");
    let (milestones, milestone_origin) = items(object, "milestones");
    let (exclusions, exclusion_origin) = items(object, "exclusions");
    let (areas, area_origin) = items(object, "areas");
    let roadmap = Roadmap {
        schema: field(object, "$schema"),
        id: field(object, "id"),
        title: field(object, "title"),
        version: object.get("version").and_then(Value::as_str).unwrap_or("0.0.0").to_owned(),
        summary: field(object, "summary"),
        audience: field(object, "audience"),
        target_role: field(object, "target_role"),
        duration: field(object, "duration"),
        hours_per_week: field(object, "hours_per_week"),
        source: field(object, "source"),
        license: field(object, "license"),
        tags: field(object, "tags"),
        principles: field(object, "principles"),
        skills,
        phases,
        projects,
        practices,
        milestones,
        exclusions,
        areas,
        extensions: Default::default(),
    };
    let origins = Origins::Mapped {
        skills: skill_origin,
        phases: phase_origin,
        projects: project_origin,
        practices: practice_origin,
        milestones: milestone_origin,
        exclusions: exclusion_origin,
        areas: area_origin,
    };
    Some((roadmap, origins))
}

fn prune(value: &mut Value, prunes: Vec<Prune>) {
    let mut removals: Vec<Vec<String>> = Vec::new();
    for p in prunes {
        match p {
            Prune::Remove(pointer) => removals.push(crate::diagnostic::pointer_tokens(&pointer)),
            Prune::Fill(pointer, key) => {
                if let Some(Value::Object(object)) = value.pointer_mut(&pointer) {
                    object.entry(key.clone()).or_insert_with(|| neutral(&key).unwrap_or_else(|| Value::from("")));
                }
            }
        }
    }
    // Deepest and last first, so earlier removals do not move later ones.
    removals.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| index_key(b).cmp(&index_key(a))));
    for tokens in removals {
        let Some((last, parent)) = tokens.split_last() else { continue };
        let mut parent_pointer = String::new();
        for t in parent {
            push_token(&mut parent_pointer, t);
        }
        match value.pointer_mut(&parent_pointer) {
            Some(Value::Object(object)) => {
                // Replace what may be required; drop what is optional.
                match neutral(last) {
                    Some(v) => {
                        object.insert(last.clone(), v);
                    }
                    None => {
                        object.remove(last);
                    }
                }
            }
            Some(Value::Array(items)) => {
                if let Ok(i) = last.parse::<usize>() {
                    // Top-level items keep their slot (their origin index
                    // matters); the lenient parse drops them.
                    if parent.len() == 1 {
                        if let Some(item) = items.get_mut(i) {
                            *item = Value::Null;
                        }
                    } else if i < items.len() {
                        items.remove(i);
                    }
                }
            }
            _ => {}
        }
    }
}

fn index_key(tokens: &[String]) -> Vec<usize> {
    tokens.iter().map(|t| t.parse::<usize>().unwrap_or(0)).collect()
}

/// A value that satisfies the type of a member that may be required, by
/// member name; `None` for members that are always optional.
fn neutral(key: &str) -> Option<Value> {
    Some(match key {
        "skills" | "criteria" | "any_of" => Value::Array(Vec::new()),
        "start" => Value::from(1),
        "unit" => Value::from("week"),
        "cadence" => Value::from("ongoing"),
        "status" => Value::from("learning"),
        // A valid version: the schema error already says what is wrong.
        "version" => Value::from("0.0.0"),
        "name" | "title" | "text" | "activity" | "skill" => Value::from(""),
        _ => return None,
    })
}

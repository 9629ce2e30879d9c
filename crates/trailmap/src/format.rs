//! The two source formats of roadmap and progress files: JSON and YAML.
//!
//! Both hold the same documents, checked against the same schema, with the
//! same diagnostics at the same kind of positions. The format of a file is
//! chosen by its extension (`.yaml` and `.yml` are YAML, anything else is
//! JSON); a YAML file whose text is JSON is read as JSON
//! ([`Format::for_text`]).

use std::path::Path;

use serde::de::DeserializeSeed;
use serde_json::Value;

/// A source format.
///
/// ```
/// use trailmap::format::Format;
/// assert_eq!(Format::from_path("roadmaps/ml.yaml"), Format::Yaml);
/// assert_eq!(Format::from_path("roadmaps/ml.YML"), Format::Yaml);
/// assert_eq!(Format::from_path("roadmaps/ml.json"), Format::Json);
/// assert_eq!(Format::from_path("<input>"), Format::Json);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// JSON (RFC 8259).
    #[default]
    Json,
    /// YAML 1.2, restricted to what JSON can hold (no tags other than the
    /// core schema's, bounded aliases, no duplicate keys).
    Yaml,
}

impl Format {
    /// The format of a file by its extension: `.yaml` and `.yml` (any case)
    /// are YAML; everything else, including names without an extension,
    /// is JSON.
    pub fn from_path(path: impl AsRef<Path>) -> Format {
        match path.as_ref().extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") => Format::Yaml,
            _ => Format::Json,
        }
    }

    /// The format of a text whose file name is unknown: JSON when it starts
    /// (after white space) with `{"`, `{}` or `[`, YAML otherwise. JSON is
    /// valid YAML, so this only picks the faster, exact scanner.
    ///
    /// ```
    /// use trailmap::format::Format;
    /// assert_eq!(Format::sniff("  {\"id\": 1}"), Format::Json);
    /// assert_eq!(Format::sniff("# a comment\nid: x\n"), Format::Yaml);
    /// assert_eq!(Format::sniff("{id: x}"), Format::Yaml);
    /// ```
    pub fn sniff(source: &str) -> Format {
        let rest = source.trim_start_matches('\u{feff}').trim_start();
        if rest.starts_with('[') {
            return Format::Json;
        }
        match rest.strip_prefix('{') {
            Some(inner) if inner.trim_start().starts_with(['"', '}']) => Format::Json,
            _ if rest.is_empty() => Format::Json,
            _ => Format::Yaml,
        }
    }

    /// The format to read `source` in, for a file named as this format: a
    /// YAML file whose text is JSON (it starts as JSON does,
    /// [`Format::sniff`], and parses as JSON within the depth both formats
    /// read) is read as JSON, which is
    /// what YAML 1.2 makes of it too. saphyr's scanner holds every token
    /// of a document whose top level is a flow collection until that
    /// collection ends (it might be a key): a `.yaml` file written by
    /// `json.dump`, 11 MB, took 455 MB to read as YAML.
    ///
    /// ```
    /// use trailmap::format::Format;
    /// assert_eq!(Format::Yaml.for_text("{\"id\": \"r\"}"), Format::Json);
    /// assert_eq!(Format::Yaml.for_text("{\"id\": r}"), Format::Yaml); // YAML, not JSON
    /// assert_eq!(Format::Yaml.for_text("id: r\n"), Format::Yaml);
    /// assert_eq!(Format::Json.for_text("id: r\n"), Format::Json);
    /// ```
    pub fn for_text(self, source: &str) -> Format {
        let text = source.strip_prefix('\u{feff}').unwrap_or(source);
        // Within the depth both formats read: deeper text is refused in
        // the words of the format the file is named for.
        let is_json = || {
            crate::json_depth::too_deep(text).is_none() && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
        };
        match self {
            Format::Yaml if Format::sniff(text) == Format::Json && !text.trim().is_empty() && is_json() => Format::Json,
            format => format,
        }
    }

    /// `true` for the file names a directory walk loads as roadmaps:
    /// `*.json`, `*.yaml` and `*.yml`, except JSON Schemas
    /// (`*.schema.json`, `*.schema.yaml`, …).
    ///
    /// ```
    /// use trailmap::format::Format;
    /// assert!(Format::is_document_name("ml.yml"));
    /// assert!(!Format::is_document_name("roadmap.schema.json"));
    /// assert!(!Format::is_document_name("notes.md"));
    /// ```
    pub fn is_document_name(name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        let Some((stem, ext)) = lower.rsplit_once('.') else { return false };
        matches!(ext, "json" | "yaml" | "yml") && !stem.ends_with(".schema")
    }

    /// The usual file extension, without the dot.
    ///
    /// ```
    /// assert_eq!(trailmap::format::Format::Yaml.extension(), "yaml");
    /// ```
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }

    /// Parses a whole document of this format into a JSON value, for
    /// callers that need the raw document (suppression comments, migration
    /// of progress files). `None` when it does not parse; the loader reports
    /// why.
    ///
    /// ```
    /// use trailmap::format::Format;
    /// let value = Format::Yaml.parse_value("skills:\n  - id: python\n").unwrap();
    /// assert_eq!(value["skills"][0]["id"], "python");
    /// assert!(Format::Yaml.parse_value("a: [").is_none());
    /// ```
    pub fn parse_value(self, source: &str) -> Option<Value> {
        match self {
            Format::Json => crate::json_depth::from_str(source).ok(),
            Format::Yaml => {
                let document = crate::yaml::parse(source).ok()?;
                document.duplicates.is_empty().then(|| document.root.to_value())
            }
        }
    }

    /// Reads a whole document of this format through `seed`, without a tree
    /// of the document in between when it can: JSON as a stream, YAML from
    /// the parser's events. A YAML file the events do not read plainly
    /// (anchors, aliases, tags, repeated keys) is read from its
    /// [`Format::parse_value`] value instead, by a clone of `seed`: the same
    /// answer either way. `None` when the document does not parse (as
    /// [`Format::parse_value`] says), or `seed` refuses it.
    ///
    /// Tools that keep a small part of a large file (its suppression
    /// entries, say) use this rather than [`Format::parse_value`]: the value
    /// of a large YAML file takes more than ten times the file.
    ///
    /// ```
    /// use std::marker::PhantomData;
    /// use trailmap::format::Format;
    ///
    /// let seed = PhantomData::<serde_json::Value>;
    /// let read = |format: Format, source: &str| format.deserialize_seed(source, seed);
    /// assert_eq!(read(Format::Yaml, "a: [1, x]\n").unwrap()["a"][1], "x");
    /// assert_eq!(read(Format::Yaml, "a: &n 1\nb: *n\n").unwrap()["b"], 1);
    /// assert_eq!(read(Format::Json, r#"{"a": [1, "x"]}"#).unwrap()["a"][0], 1);
    /// assert!(read(Format::Json, "{} {}").is_none());
    /// ```
    pub fn deserialize_seed<T, S>(self, source: &str, seed: S) -> Option<T>
    where
        S: for<'de> DeserializeSeed<'de, Value = T> + Clone,
    {
        match self {
            Format::Json => crate::json_depth::from_str_seed(source, seed).ok(),
            // The events give up on what only the tree resolves or reports.
            Format::Yaml => crate::yaml::deserialize_seed(source, seed.clone())
                .or_else(|| seed.deserialize(&self.parse_value(source)?).ok()),
        }
    }
}

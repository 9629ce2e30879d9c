//! The pipeline shared by every document kind and both formats: limits,
//! encoding, syntax, typed parse or schema + salvage, meaning checks, then
//! locations.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::json_errors::{syntax_error, type_error};
use super::lenient::prune;
use super::options::LoadOptions;
use super::{start_location, too_large};
use crate::check::Origins;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::format::Format;
use crate::line_index::LineIndex;
use crate::locate;

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
    let format = format.for_text(source);
    let (model, mut diagnostics) = match format {
        Format::Yaml => load_yaml(source, kind, lenient, meaning, diagnostics),
        _ => load_json(source, kind, lenient, meaning, diagnostics),
    };
    if is_empty(source, format) {
        // The parser's error, with help on what the file should hold.
        for d in diagnostics.iter_mut().filter(|d| d.code == Code::JsonSyntax.code()) {
            d.help = Some(empty_file_help(kind, format).to_owned());
        }
    }
    (model, diagnostics)
}

/// Whether `source` holds no document: nothing but white space, or in
/// YAML comments too.
fn is_empty(source: &str, format: Format) -> bool {
    match format {
        Format::Yaml => source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')),
        _ => source.trim().is_empty(),
    }
}

/// What an empty file of `kind` should hold, in `format`.
fn empty_file_help(kind: crate::validate::Kind, format: Format) -> &'static str {
    use crate::validate::Kind;
    match (kind, format) {
        (Kind::Roadmap, Format::Yaml) => {
            "the file is empty: a roadmap is a mapping such as `id: …`, `title: …`, `version: …`, `skills: […]`"
        }
        (Kind::Roadmap, _) => {
            "the file is empty: a roadmap is a JSON object such as {\"id\": …, \"title\": …, \"version\": …, \"skills\": […]}"
        }
        (Kind::Progress, Format::Yaml) => {
            "the file is empty: a progress file is a mapping such as `skills: {python: {status: done}}` (or delete the file: `trailmap progress` creates it)"
        }
        (Kind::Progress, _) => {
            "the file is empty: a progress file is a JSON object such as {\"skills\": {\"python\": {\"status\": \"done\"}}} (or delete the file: `trailmap progress` creates it)"
        }
    }
}

/// [`load_text`] of JSON source.
fn load_json<T: DeserializeOwned>(
    source: &str,
    kind: crate::validate::Kind,
    lenient: impl FnOnce(&Value) -> Option<(T, Origins)>,
    meaning: impl FnOnce(&T, &Origins, &mut Vec<Diagnostic>),
    mut diagnostics: Vec<Diagnostic>,
) -> (Option<T>, Vec<Diagnostic>) {
    let (model, origins) = match crate::json_depth::from_str::<T>(source) {
        Ok(model) => (Some(model), Origins::Identity),
        Err(err) if err.is_syntax() || err.is_eof() => {
            diagnostics.push(syntax_error(source, &err));
            return (None, diagnostics);
        }
        Err(typed_err) => {
            // Slow path: report every structural problem, then salvage.
            let value = match crate::json_depth::from_str::<Value>(source) {
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
        drop_restated(&mut diagnostics);
    }
    locate::locate_json(source, &mut diagnostics);
    // Reading order; stable, so pipeline order breaks ties.
    crate::diagnostic::sort_by_position(&mut diagnostics);
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
    // First the model straight from the parser's events, with no tree: a
    // file it does not take plainly (an error of any kind, a repeated key,
    // an anchor or tag) goes to the tree below, which says why.
    if let Some(model) = crate::yaml::deserialize::<T>(source) {
        meaning(&model, &Origins::Identity, &mut diagnostics);
        // Located in a tree of only the nodes reported on.
        let mut locator = crate::locate::Locator::new(source, Format::Yaml);
        locator.expect(diagnostics.iter().filter(|d| d.location.is_none()).map(|d| d.pointer.as_str()));
        locator.locate(&mut diagnostics);
        crate::diagnostic::sort_by_position(&mut diagnostics);
        return (Some(model), diagnostics);
    }
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
    // The files the event path gives up on (a repeated key, an anchor or
    // tag, an error): few and small, read through a `Value` as JSON is on
    // its slow path, for the same schema messages and salvage.
    let clean = document.duplicates.is_empty();
    let root = document.root;
    let value = root.to_value();
    let typed = if clean { Some(T::deserialize(&value)) } else { None };
    let (model, origins) = match typed {
        Some(Ok(model)) => (Some(model), Origins::Identity),
        other => {
            let err = other.and_then(Result::err);
            salvage(value, kind, lenient, &mut diagnostics, || {
                let message =
                    err.map_or_else(|| "the document does not match the schema".to_owned(), |e| e.to_string());
                Code::Schema.diagnostic(Severity::Error, message)
            })
        }
    };
    if let Some(model) = &model {
        meaning(model, &origins, &mut diagnostics);
        drop_restated(&mut diagnostics);
    }
    locate::locate_yaml(source, &root, &mut diagnostics);
    crate::diagnostic::sort_by_position(&mut diagnostics);
    (model, diagnostics)
}

/// Drops what the meaning of a salvaged model says only because of a
/// schema error at the same place: a group without its `any_of` (say,
/// `{"anyof": [...]}`) is read as an empty group, which is not a second
/// problem (TM011) beside the missing property.
fn drop_restated(diagnostics: &mut Vec<Diagnostic>) {
    let missing_any_of: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == Code::Schema.code() && d.message.starts_with("missing required property `any_of`"))
        .map(|d| format!("{}/any_of", d.pointer))
        .collect();
    if !missing_any_of.is_empty() {
        diagnostics.retain(|d| d.code != Code::EmptyAnyOf.code() || !missing_any_of.contains(&d.pointer));
    }
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

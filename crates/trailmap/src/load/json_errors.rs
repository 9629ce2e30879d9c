//! serde_json's errors as diagnostics: syntax (`TM001`) and the typed
//! parse's reason (`TM002`), located at the character serde stopped on.

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::line_index::LineIndex;

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
    let mut message = bare_message(err);
    let mut location = error_location(source, err);
    // What people write in JSON that JSON does not have, told as such
    // rather than as serde's "key must be a string".
    let at = &source[location.offset.min(source.len())..];
    let too_deep = crate::json_depth::is_depth_error(err);
    let foreign = if too_deep {
        None
    } else if at.starts_with("//") || at.starts_with("/*") {
        Some((
            "comments are not allowed",
            "JSON has no comments: remove it (a roadmap written in YAML, `.yaml`, may have them)",
        ))
    } else if at.starts_with('\'') {
        Some(("strings and keys take double quotes", "write \"…\" for '…'"))
    } else {
        None
    };
    if let Some((what, _)) = foreign {
        message = what.to_owned();
    }
    if too_deep {
        // Worded and placed as in YAML: at the first bracket too deep.
        message = format!("nested deeper than {} levels", crate::json_depth::MAX_DEPTH);
        if let Some(at) = crate::json_depth::too_deep(source) {
            location = LineIndex::new(source).location(source, at, at + 1);
        }
    }
    if message == "trailing comma" {
        // serde_json stops at the bracket; the mistake is the comma before it.
        if let Some(comma) = source[..location.offset.min(source.len())].rfind(',') {
            location = LineIndex::new(source).location(source, comma, comma + 1);
        }
    }
    let help = if let Some((_, help)) = foreign {
        help
    } else if too_deep {
        "JSON nested deeper than 128 levels is refused to keep memory and stack bounded"
    } else if message.contains("surrogate") || message.contains("hex escape") {
        "a `\\u` escape from D800 to DBFF must be followed by one from DC00 to DFFF (a surrogate pair): write the character itself, or its pair"
    } else if source.trim().is_empty() {
        // The loader says what the file should hold, by its kind.
        "the file is empty"
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

pub(super) fn type_error(source: &str, err: &serde_json::Error) -> Diagnostic {
    Code::Schema.diagnostic(Severity::Error, bare_message(err)).with_location(error_location(source, err))
}

//! The published JSON Schemas, generated from the Rust types.
//!
//! The committed copies under `schemas/` must equal what these functions
//! return; a test fails when they drift and names the command that
//! regenerates them.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// The version of the file format the schemas describe, written into each
/// schema's `$comment`. Format 2 refuses ids outside
/// [`crate::ids::ID_PATTERN`], spans starting at 0 or ending before they
/// start, negative `effort_hours` and a `hours_per_week` of 0 or less, which
/// format 1 accepted (see CHANGELOG.md for the migration).
pub const FORMAT_VERSION: u32 = 2;

/// The `$id` of the roadmap schema. Stable: editors and other tools key on it.
pub const ROADMAP_SCHEMA_ID: &str = "https://trailmap.dev/schemas/roadmap.schema.json";

/// The JSON Schema (draft 2020-12) of a roadmap file.
///
/// ```
/// let schema = trailmap::schema::roadmap_schema();
/// assert_eq!(schema["$id"], trailmap::schema::ROADMAP_SCHEMA_ID);
/// assert!(schema["required"].as_array().unwrap().iter().any(|r| r == "skills"));
/// ```
pub fn roadmap_schema() -> serde_json::Value {
    schema_for::<crate::Roadmap>(ROADMAP_SCHEMA_ID)
}

/// The `$id` of the progress-file schema.
pub const PROGRESS_SCHEMA_ID: &str = "https://trailmap.dev/schemas/progress.schema.json";

/// The JSON Schema (draft 2020-12) of a learner's progress file.
///
/// ```
/// let schema = trailmap::schema::progress_schema();
/// assert_eq!(schema["$id"], trailmap::schema::PROGRESS_SCHEMA_ID);
/// ```
pub fn progress_schema() -> serde_json::Value {
    schema_for::<crate::Progress>(PROGRESS_SCHEMA_ID)
}

/// Generates the schema of `T` with the conventions every trailmap schema
/// shares: draft 2020-12, a stable `$id`, and no `$schema`-less surprises.
///
/// ```
/// let schema = trailmap::schema::schema_for::<trailmap::Span>("https://example.com/span.json");
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
pub fn schema_for<T: JsonSchema>(id: &str) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema: Schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    tidy(&mut value);
    if let Some(object) = value.as_object_mut() {
        // `$schema` and `$id` first, for a reader of the committed file.
        let mut ordered = serde_json::Map::new();
        if let Some(dialect) = object.remove("$schema") {
            ordered.insert("$schema".into(), dialect);
        }
        ordered.insert("$id".into(), id.into());
        ordered.insert("$comment".into(), format!("trailmap file format {FORMAT_VERSION}").into());
        ordered.append(object);
        value = serde_json::Value::Object(ordered);
    }
    value
}

/// Renders a schema the way the committed files are written: two-space
/// indented JSON with a final newline.
///
/// ```
/// let text = trailmap::schema::to_pretty(&serde_json::json!({"a": 1}));
/// assert_eq!(text, "{\n  \"a\": 1\n}\n");
/// ```
pub fn to_pretty(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Post-processing that schemars cannot express through attributes:
/// - objects that accept `x-` keys reject every other unknown key (schemars
///   drops `additionalProperties` when it flattens [`crate::Extensions`]);
/// - `uint32` integers get their upper bound, as serde enforces it, and no
///   number keeps schemars' non-standard `format` (`uint32`, `double`);
/// - descriptions lose their Rust doc-test code blocks and rustdoc link
///   brackets, which mean nothing in an editor's hover help.
fn tidy(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if object.get("patternProperties").and_then(|p| p.get("^x-")).is_some() {
                object.insert("additionalProperties".into(), false.into());
            }
            if object.get("format").and_then(|f| f.as_str()) == Some("uint32") {
                object.insert("maximum".into(), u32::MAX.into());
            }
            // schemars names Rust's number types in `format` (`uint32`,
            // `double`); they are no JSON Schema format, and ajv's strict
            // mode refuses the schema for them. The bounds say the same.
            if object.get("format").and_then(|f| f.as_str()).is_some_and(is_rust_number_format) {
                object.remove("format");
            }
            if let Some(serde_json::Value::String(text)) = object.get_mut("description") {
                *text = clean_description(text);
            }
            consts_to_enum(object);
            for (key, child) in object.iter_mut() {
                // Property names are data, not schemas: `description` may be one.
                if key != "const" && key != "enum" {
                    tidy(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// `format` values schemars writes for Rust number types.
fn is_rust_number_format(format: &str) -> bool {
    matches!(
        format,
        "int8"
            | "int16"
            | "int32"
            | "int64"
            | "int"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uint"
            | "float"
            | "double"
    )
}

/// `oneOf: [{const, description}, …]` (schemars' form for documented unit
/// enums) becomes `enum: […]`: validators then report "expected one of …"
/// instead of "matches none of the alternatives", and editors still offer
/// completion. The per-value descriptions move into the description.
fn consts_to_enum(object: &mut serde_json::Map<String, serde_json::Value>) {
    let Some(serde_json::Value::Array(alternatives)) = object.get("oneOf") else { return };
    let mut values = Vec::new();
    let mut lines = Vec::new();
    for alternative in alternatives {
        let Some(value) = alternative.get("const") else { return };
        let meaning = alternative.get("description").and_then(|d| d.as_str()).unwrap_or_default();
        lines.push(format!("- `{}`: {}", value.as_str().unwrap_or_default(), meaning));
        values.push(value.clone());
    }
    object.remove("oneOf");
    object.insert("type".into(), "string".into());
    object.insert("enum".into(), values.into());
    let description = object.get("description").and_then(|d| d.as_str()).unwrap_or_default().to_owned();
    let joined =
        if description.is_empty() { lines.join("\n") } else { format!("{description}\n\n{}", lines.join("\n")) };
    object.insert("description".into(), joined.into());
}

fn clean_description(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push_str(line);
            out.push('\n');
        }
    }
    let out = out.trim_end().to_owned();
    // "[`Practice`]" -> "`Practice`"
    let mut cleaned = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find("[`") {
        cleaned.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find("`]") {
            Some(end) => {
                cleaned.push_str(&after[..end + 1]);
                rest = &after[end + 2..];
            }
            None => {
                cleaned.push_str(&rest[start..start + 2]);
                rest = &rest[start + 2..];
            }
        }
    }
    cleaned.push_str(rest);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_drop_code_blocks_and_link_brackets() {
        let text = "How often a [`Practice`] recurs.\n\n```\nlet x = 1;\n```";
        assert_eq!(clean_description(text), "How often a `Practice` recurs.");
    }

    #[test]
    fn no_schema_uses_a_non_standard_format() {
        for schema in [roadmap_schema(), progress_schema()] {
            let text = schema.to_string();
            for format in ["uint32", "double", "\"int", "\"uint", "float"] {
                assert!(!text.contains(&format!("\"format\":\"{}", format.trim_start_matches('"'))), "{format}");
            }
        }
    }

    #[test]
    fn objects_with_extensions_reject_other_keys() {
        let schema = roadmap_schema();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["$defs"]["Skill"]["additionalProperties"], false);
        assert_eq!(schema["patternProperties"]["^x-"], true);
    }
}

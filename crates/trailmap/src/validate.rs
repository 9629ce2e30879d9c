//! JSON Schema validation with messages a person can act on.
//!
//! Runs only when the typed parse failed (see [`crate::load`]), so that
//! every structural problem is reported in one run, each pointing at the
//! offending value or, for an unknown property, at its key.
//!
//! The validator (the `jsonschema` crate, most of a model-only build's
//! dependencies) is behind the default feature `schema-validation`.

#[cfg(feature = "schema-validation")]
use std::sync::OnceLock;

#[cfg(feature = "schema-validation")]
use jsonschema::error::{TypeKind, ValidationErrorKind};
#[cfg(feature = "schema-validation")]
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

#[cfg(feature = "schema-validation")]
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
#[cfg(feature = "schema-validation")]
use crate::diagnostic::{Severity, preview_str, push_token};
#[cfg(feature = "schema-validation")]
use crate::suggest::did_you_mean;

#[cfg(feature = "schema-validation")]
struct Compiled {
    validator: Option<Validator>,
    /// The schema, to find the properties valid where an unknown one is.
    schema: Value,
}

#[cfg(feature = "schema-validation")]
fn compile(schema: &Value) -> Compiled {
    Compiled { validator: jsonschema::validator_for(schema).ok(), schema: schema.clone() }
}

#[cfg(feature = "schema-validation")]
impl Compiled {
    /// The properties declared by the schema object that holds the failing
    /// keyword at `schema_path` (a canonical path, `$ref`s resolved): the
    /// only names a "did you mean" may offer there.
    fn properties_at(&self, schema_path: &str) -> Vec<&str> {
        let parent = schema_path.rsplit_once('/').map_or("", |(parent, _)| parent);
        self.schema
            .pointer(parent)
            .and_then(|object| object.get("properties"))
            .and_then(Value::as_object)
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

#[cfg(feature = "schema-validation")]
fn roadmap() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile(&crate::schema::roadmap_schema()))
}

#[cfg(feature = "schema-validation")]
fn progress() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile(&crate::schema::progress_schema()))
}

/// What to cut out of a document that failed the schema, so that the rest
/// can still be checked for meaning (a skill with a mistyped field keeps
/// its place in the graph).
#[derive(Debug)]
#[cfg_attr(not(feature = "schema-validation"), allow(dead_code))] // only the validator prunes
pub(crate) enum Prune {
    /// Remove the value at this pointer (a member, or an array element).
    Remove(String),
    /// The object at this pointer lacks a required member: fill in a
    /// neutral value so the object itself survives.
    Fill(String, String),
}

/// Which schema to validate against.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Roadmap,
    Progress,
}

/// Appends one diagnostic per schema violation in `value`.
#[cfg(feature = "schema-validation")]
pub(crate) fn schema_errors(kind: Kind, value: &Value, out: &mut Vec<Diagnostic>, prunes: &mut Vec<Prune>) {
    let compiled = match kind {
        Kind::Roadmap => roadmap(),
        Kind::Progress => progress(),
    };
    let Some(validator) = &compiled.validator else {
        out.push(Code::Schema.diagnostic(Severity::Error, "internal error: the built-in schema does not compile"));
        return;
    };
    // Id pointers already reported: one message per id, looked up in
    // constant time (a file of 100,000 bad ids was quadratic).
    let mut ids = std::collections::HashSet::new();
    for error in validator.iter_errors(value) {
        report(&error, compiled, out, prunes, &mut ids);
    }
}

/// Without the validator (the `schema-validation` feature off), the slow
/// path reports serde's first error instead of every schema violation, and
/// salvages nothing it would have pruned.
#[cfg(not(feature = "schema-validation"))]
pub(crate) fn schema_errors(_: Kind, _: &Value, _: &mut Vec<Diagnostic>, _: &mut Vec<Prune>) {}

#[cfg(feature = "schema-validation")]
fn schema_diag(message: String) -> Diagnostic {
    Code::Schema.diagnostic(Severity::Error, message)
}

#[cfg(feature = "schema-validation")]
fn report(
    error: &ValidationError<'_>,
    compiled: &Compiled,
    out: &mut Vec<Diagnostic>,
    prunes: &mut Vec<Prune>,
    ids: &mut std::collections::HashSet<String>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance: &Value = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let mut at = pointer.clone();
                push_token(&mut at, key);
                let mut d = schema_diag(format!("unknown property `{}`", preview_str(key)));
                d = match did_you_mean(key, compiled.properties_at(error.schema_path().as_str())) {
                    Some(best) => d.with_help(format!("did you mean `{best}`? (extension keys must start with `x-`)")),
                    None => d.with_help("remove it, or prefix it with `x-` to keep it as an extension key"),
                };
                prunes.push(Prune::Remove(at.clone()));
                out.push(d.at_key(at));
            }
            return;
        }
        ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
            if pointer.ends_with("/id") || pointer == "/id" =>
        {
            // One message per id, naming the offending character, even
            // when it breaks both the pattern and a length bound.
            let id = instance.as_str().unwrap_or_default();
            let why = crate::ids::problem(id).unwrap_or_else(|| "not a valid id".into());
            if ids.insert(pointer.clone()) {
                out.push(
                    schema_diag(format!("invalid id \"{}\": {why}", preview_str(id))).at(pointer.clone()).with_help(
                        "ids are 1 to 128 ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit",
                    ),
                );
            }
            prunes.push(Prune::Remove(pointer));
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            prunes.push(Prune::Fill(pointer.clone(), name.to_owned()));
            out.push(schema_diag(format!("missing required property `{name}`")).at(pointer.clone()));
            return;
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(t.as_str()),
                TypeKind::Multiple(set) => {
                    let list: Vec<_> =
                        set.iter().filter(|t| t.as_str() != "null").map(|t| article(t.as_str())).collect();
                    list.join(" or ")
                }
            };
            out.push(schema_diag(format!("expected {expected}, found {}", describe(instance))).at(pointer.clone()));
        }
        ValidationErrorKind::Enum { options } => {
            let list: Vec<String> =
                options.as_array().map(|a| a.iter().map(|o| o.to_string()).collect()).unwrap_or_default();
            let mut d = schema_diag(format!("expected one of {}, found {}", list.join(", "), describe(instance)));
            if let Some(found) = instance.as_str() {
                let plain: Vec<&str> = options.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                if let Some(best) = did_you_mean(found, plain.iter().copied()) {
                    d = d.with_help(format!("did you mean \"{best}\"?"));
                }
            }
            out.push(d.at(pointer.clone()));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Report the one alternative that matched the value's shape, if
            // exactly one did; otherwise say which shapes were expected.
            let shaped: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|errors| {
                    !errors.iter().any(|e| {
                        matches!(e.kind(), ValidationErrorKind::Type { .. }) && e.instance_path().as_str() == pointer
                    })
                })
                .collect();
            if let [errors] = shaped.as_slice() {
                for e in errors.iter() {
                    report(e, compiled, out, prunes, ids);
                }
                return;
            } else {
                let mut shapes: Vec<String> = Vec::new();
                for errors in context {
                    for e in errors {
                        if let ValidationErrorKind::Type { kind: TypeKind::Single(t) } = e.kind() {
                            if e.instance_path().as_str() == pointer && t.as_str() != "null" {
                                shapes.push(article(t.as_str()));
                            }
                        }
                    }
                }
                shapes.dedup();
                let message = if shapes.is_empty() {
                    format!("{} matches none of the allowed forms", describe(instance))
                } else {
                    format!("expected {}, found {}", shapes.join(" or "), describe(instance))
                };
                out.push(schema_diag(message).at(pointer.clone()));
            }
        }
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => {
            out.push(schema_diag(format!("{} is above the maximum {limit}", describe(instance))).at(pointer.clone()));
        }
        ValidationErrorKind::Minimum { limit } => {
            out.push(schema_diag(format!("{} is below the minimum {limit}", describe(instance))).at(pointer.clone()));
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            out.push(schema_diag(format!("{} must be above {limit}", describe(instance))).at(pointer.clone()));
        }
        _ => {
            // Masked: the message must not echo a possibly huge instance.
            out.push(schema_diag(error.masked().to_string()).at(pointer.clone()));
        }
    }
    prunes.push(Prune::Remove(pointer));
}

#[cfg(feature = "schema-validation")]
fn article(t: &str) -> String {
    match t {
        "array" | "object" | "integer" => format!("an {t}"),
        "null" => "null".into(),
        _ => format!("a {t}"),
    }
}

/// A short description of a value for messages: type and a bounded preview.
#[cfg(feature = "schema-validation")]
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string \"{}\"", preview_str(s)),
        Value::Array(a) if a.is_empty() => "an empty array".into(),
        Value::Array(a) if a.len() == 1 => "an array of 1 item".into(),
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

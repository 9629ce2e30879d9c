//! The stable codes of the diagnostics the core produces.
//!
//! Codes `TM0xx` are validation problems: the file is not a valid roadmap.
//! Lint rules (`TM1xx` and up) live in the `trailmap-lint` crate. A code is
//! never reused for another meaning; each is a `(code, name)` pair.

/// A code and its kebab-case name.
pub type Code = (&'static str, &'static str);

/// The text is not valid JSON.
pub const JSON_SYNTAX: Code = ("TM001", "json-syntax");
/// The document does not match the JSON Schema (wrong type, missing or
/// unknown property, value outside an enumeration).
pub const SCHEMA: Code = ("TM002", "schema");
/// An object repeats a key.
pub const DUPLICATE_KEY: Code = ("TM003", "duplicate-key");
/// Two items of one kind share an id.
pub const DUPLICATE_ID: Code = ("TM004", "duplicate-id");
/// A reference names a skill, phase or other item that does not exist.
pub const UNKNOWN_REFERENCE: Code = ("TM005", "unknown-reference");
/// A skill lists itself as a prerequisite.
pub const SELF_PREREQUISITE: Code = ("TM006", "self-prerequisite");
/// Prerequisites form a cycle, so none of its skills can ever be learned.
pub const PREREQUISITE_CYCLE: Code = ("TM007", "prerequisite-cycle");
/// `version` is not a semantic version.
pub const INVALID_VERSION: Code = ("TM008", "invalid-version");
/// The input is larger than the configured limit.
pub const INPUT_TOO_LARGE: Code = ("TM009", "input-too-large");
/// The input is not UTF-8, or starts with a byte-order mark.
pub const INVALID_ENCODING: Code = ("TM010", "invalid-encoding");
/// An `any_of` group has no member, so it can never be satisfied.
pub const EMPTY_ANY_OF: Code = ("TM011", "empty-any-of");
/// A progress file names a skill that no loaded roadmap has.
pub const UNKNOWN_PROGRESS_SKILL: Code = ("TM050", "unknown-progress-skill");

/// Every core code with a one-line summary, in code order.
pub const ALL: &[(Code, &str)] = &[
    (JSON_SYNTAX, "The text is not valid JSON."),
    (SCHEMA, "The document does not match the JSON Schema."),
    (DUPLICATE_KEY, "An object repeats a key."),
    (DUPLICATE_ID, "Two items of one kind share an id."),
    (UNKNOWN_REFERENCE, "A reference names an item that does not exist."),
    (SELF_PREREQUISITE, "A skill lists itself as a prerequisite."),
    (PREREQUISITE_CYCLE, "Prerequisites form a cycle."),
    (INVALID_VERSION, "`version` is not a semantic version."),
    (INPUT_TOO_LARGE, "The input is larger than the configured limit."),
    (INVALID_ENCODING, "The input is not UTF-8, or starts with a byte-order mark."),
    (EMPTY_ANY_OF, "An `any_of` group has no member."),
    (UNKNOWN_PROGRESS_SKILL, "A progress file names a skill no loaded roadmap has."),
];

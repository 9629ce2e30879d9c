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
/// The input is not UTF-8.
pub const INVALID_ENCODING: Code = ("TM010", "invalid-encoding");
/// An `any_of` group has no member, so it can never be satisfied.
pub const EMPTY_ANY_OF: Code = ("TM011", "empty-any-of");
/// The input starts with a UTF-8 byte-order mark (a warning: it is
/// ignored, but other tools refuse it).
pub const BYTE_ORDER_MARK: Code = ("TM012", "byte-order-mark");
/// A span (of a phase or of the roadmap's `duration`) ends before it starts.
pub const REVERSED_SPAN: Code = ("TM013", "reversed-span");
/// A progress file names a skill that no loaded roadmap has.
pub const UNKNOWN_PROGRESS_SKILL: Code = ("TM050", "unknown-progress-skill");
/// A progress entry has a date that does not exist or negative hours.
pub const INVALID_PROGRESS_ENTRY: Code = ("TM051", "invalid-progress-entry");

/// Every core code with a one-line summary, in code order.
pub const ALL: &[(Code, &str)] = &[
    (JSON_SYNTAX, "The text is not valid JSON."),
    (SCHEMA, "The document does not match the JSON Schema."),
    (DUPLICATE_KEY, "An object repeats a key."),
    (DUPLICATE_ID, "Two items of one kind share an id."),
    (UNKNOWN_REFERENCE, "A reference names an item that does not exist."),
    (SELF_PREREQUISITE, "A skill lists itself as a prerequisite."),
    (PREREQUISITE_CYCLE, "Prerequisites form a cycle that makes skills unlearnable."),
    (INVALID_VERSION, "`version` is not a semantic version."),
    (INPUT_TOO_LARGE, "The input is larger than the configured limit."),
    (INVALID_ENCODING, "The input is not UTF-8."),
    (EMPTY_ANY_OF, "An `any_of` group has no member."),
    (BYTE_ORDER_MARK, "The input starts with a UTF-8 byte-order mark."),
    (REVERSED_SPAN, "A span ends before it starts."),
    (UNKNOWN_PROGRESS_SKILL, "A progress file names a skill no loaded roadmap has."),
    (INVALID_PROGRESS_ENTRY, "A progress entry has an impossible date or negative hours."),
];

/// Documentation of each core code in Markdown, with the same sections as
/// the lint rules' (`trailmap rule TM005`).
///
/// ```
/// let doc = trailmap::codes::documentation("TM007").unwrap();
/// assert!(doc.starts_with("## What it does"));
/// ```
pub fn documentation(code: &str) -> Option<&'static str> {
    Some(match code {
        "TM001" => {
            "## What it does\n\nReports text that is not valid JSON (or, in a `.yaml`/`.yml` file, valid YAML: tabs \
for indentation, a second document, an unsupported tag, aliases that expand past the limit): a missing comma or bracket, a trailing comma, \
an unterminated string, a control character inside a string, nesting deeper than 128 levels, or an empty file.\n\n\
## Why it matters\n\nNothing else can be checked until the file parses.\n\n## Example\n\n```json\n\
{ \"id\": \"x\", \"skills\": [ { \"id\": \"python\" }, ] }\n```\n\n## Fix\n\nFix the syntax at the reported line and column."
        }
        "TM002" => {
            "## What it does\n\nReports every place where the document does not match the roadmap schema: a wrong type, \
a missing required property, a value outside an enumeration, or an unknown property (keys starting with `x-` are allowed \
as extensions).\n\n## Why it matters\n\nA typo in a key (`prerequisities`) would otherwise silently drop data, and \
tools in other languages validate against the same schema.\n\n## Example\n\n```json\n\
{ \"id\": \"git\", \"nmae\": \"Git\" }\n```\n\n## Fix\n\nFollow the message (it names the expected type or the \
closest known property); editors that read `\"$schema\"` show the schema as you type."
        }
        "TM003" => {
            "## What it does\n\nReports an object that repeats a key.\n\n## Why it matters\n\nJSON parsers disagree on which \
duplicate wins, so two tools can read two different roadmaps from one file.\n\n## Example\n\n```json\n\
{ \"id\": \"git\", \"name\": \"Git\", \"name\": \"Git basics\" }\n```\n\n## Fix\n\nKeep exactly one of the keys."
        }
        "TM004" => {
            "## What it does\n\nReports two skills (or phases, projects, practices, milestones, exclusions or areas) with \
the same id, and a former id that is reused or claimed twice.\n\n## Why it matters\n\nIds are how prerequisites, progress \
files and diffs refer to things; a repeated id makes every such reference ambiguous.\n\n## Example\n\n```json\n\
\"skills\": [{ \"id\": \"python\", \"name\": \"Python\" }, { \"id\": \"python\", \"name\": \"Python 3\" }]\n```\n\n\
## Fix\n\nMerge the two items, or give one of them another id."
        }
        "TM005" => {
            "## What it does\n\nReports a reference to a skill, phase or project that does not exist: in prerequisites, \
phase skills, tasks, projects, practices, milestones, exclusions and areas. The help suggests the closest existing id, or \
the new id when the reference names a former id.\n\n## Why it matters\n\nA dangling prerequisite can never be satisfied; \
a dangling phase reference hides an item from the timeline.\n\n## Example\n\n```json\n\
{ \"id\": \"cnn\", \"name\": \"CNNs\", \"prerequisites\": [\"pytorh\"] }\n```\n\n## Fix\n\nCorrect the id, or add the \
missing item."
        }
        "TM006" => {
            "## What it does\n\nReports a skill that lists itself as a prerequisite.\n\n## Why it matters\n\nThe skill \
could never be unlocked.\n\n## Example\n\n```json\n{ \"id\": \"git\", \"name\": \"Git\", \"prerequisites\": [\"git\"] }\n```\n\n\
## Fix\n\nRemove the entry."
        }
        "TM007" => {
            "## What it does\n\nReports skills that can never be learned because their prerequisites form a cycle: \
one error per blocking cycle, at its first skill, naming exactly which of that skill's requirements are blocked and the \
cycle in order (\"`numpy` can never be learned: it requires `pandas` (blocked: cycle of 2 skills: `numpy` → `pandas` → \
`numpy`)\"; an `any_of` group is blocked when every alternative is: \"every alternative of any_of [`x`, `y`] is \
blocked\"). A skill is learnable when every plain prerequisite and at least one member of each `any_of` group is, so a \
cycle through one alternative that another alternative avoids is not an error (lint rule TM119 warns about it).\n\n\
## Why it matters\n\nNo skill on a blocking cycle, nor any skill that needs one, can ever be learned, and no learning \
order or schedule exists.\n\n## Example\n\n```json\n{ \"id\": \"numpy\", \"name\": \"NumPy\", \
\"prerequisites\": [\"pandas\"] },\n{ \"id\": \"pandas\", \"name\": \"Pandas\", \"prerequisites\": [\"numpy\"] }\n```\n\n\
## Fix\n\nRemove the prerequisite that points the wrong way, or offer an alternative that avoids the cycle: \
`{\"any_of\": [\"pandas\", \"python\"]}`."
        }
        "TM008" => {
            "## What it does\n\nReports a `version` that is not a semantic version (`MAJOR.MINOR.PATCH`).\n\n\
## Why it matters\n\n`trailmap diff --check-version` compares versions to tell whether a change was released with the \
right bump.\n\n## Example\n\n```json\n\"version\": \"1.0\"\n```\n\n## Fix\n\nUse three numbers, e.g. `1.0.0`."
        }
        "TM009" => {
            "## What it does\n\nReports an input larger than the size limit (256 MiB unless `--max-size` says \
otherwise); the file is not read further.\n\n## Why it matters\n\nRoadmaps come from pull requests by strangers: a bound \
on input size bounds time and memory.\n\n## Example\n\nA generated file of 1 GiB.\n\n## Fix\n\nRaise the limit with \
`--max-size` for files you trust."
        }
        "TM010" => {
            "## What it does\n\nReports input that is not UTF-8.\n\n\
## Why it matters\n\nRoadmap files (JSON and YAML) must be UTF-8 (RFC 8259); other tools would reject or misread \
it.\n\n## Example\n\nA file saved as UTF-16 or Latin-1.\n\n## Fix\n\nSave the file as UTF-8."
        }
        "TM011" => {
            "## What it does\n\nReports an `any_of` group with no member.\n\n## Why it matters\n\nAn empty group can \
never be satisfied, so the skill that needs it can never be unlocked.\n\n## Example\n\n```json\n\
\"prerequisites\": [{ \"any_of\": [] }]\n```\n\n## Fix\n\nList the alternatives, or remove the group."
        }
        "TM012" => {
            "## What it does\n\nWarns about a file that starts with a UTF-8 byte-order mark. The mark is ignored and \
the file is checked as usual.\n\n## Why it matters\n\nRFC 8259 lets parsers ignore a byte-order mark but forbids \
writing one, and some tools refuse it. Raise it to an error with `TM012 = \"error\"` under `[lint.severity]` in \
`trailmap.toml`, or with `--strict`.\n\n## Example\n\nA file saved as \"UTF-8 with BOM\" by a Windows editor.\n\n\
## Fix\n\nSave the file as UTF-8 without BOM."
        }
        "TM013" => {
            "## What it does\n\nReports a span (a phase's `span` or the roadmap's `duration`) whose `end` comes before \
its `start`.\n\n## Why it matters\n\nSuch a phase has no time at all: schedules, lint rules on phase order and \
capacity, and renderings would all be wrong.\n\n## Example\n\n```json\n\"span\": { \"unit\": \"week\", \"start\": 10, \
\"end\": 9 }\n```\n\n## Fix\n\nSwap the numbers, or fix the typo (spans are 1-based and `end` is inclusive)."
        }
        "TM050" => {
            "## What it does\n\nWarns about a progress-file entry whose skill no loaded roadmap has.\n\n\
## Why it matters\n\nThe progress is not lost, but it counts for nothing; usually the skill was renamed or the id is \
misspelled.\n\n## Example\n\n```json\n\"skills\": { \"pytorh\": { \"status\": \"done\" } }\n```\n\n## Fix\n\nCorrect the \
id, or run `trailmap migrate-progress` after a rename."
        }
        "TM051" => {
            "## What it does\n\nReports a progress entry whose `date` is not a real calendar date written \
`YYYY-MM-DD` (`2026-02-30`, `yesterday`), or whose `hours` are negative.\n\n## Why it matters\n\nLogged hours are \
taken off a skill's remaining effort, and dates tell when a skill was learned: a wrong figure silently skews plans.\n\n\
## Example\n\n```json\n\"skills\": { \"git\": { \"status\": \"learning\", \"hours\": -5, \"date\": \"yesterday\" } }\n```\n\n\
## Fix\n\nWrite the date as `YYYY-MM-DD` and the hours as 0 or more, or let `trailmap progress` record them."
        }
        _ => return None,
    })
}

//! ## What it does
//!
//! Checks every `x-lint-allow` entry: it must be an object with a `rule`
//! that names a known rule (code or name) and a non-empty `reason`; a
//! top-level entry may add a `pointer` to the part of the file it covers.
//!
//! ## Why it matters
//!
//! A suppression is a decision that a reviewer must be able to understand
//! later: without a reason it is indistinguishable from hiding a problem,
//! and a misspelled rule suppresses nothing while looking like it does.
//!
//! ## Example
//!
//! ```json
//! "x-lint-allow": [{ "rule": "TM104" }, { "rule": "overlaping-phases", "reason": "seed overlaps" }]
//! ```
//!
//! ## Fix
//!
//! Give each entry a known `rule` and a `reason` that says why the finding
//! is acceptable here.

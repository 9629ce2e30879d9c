//! ## What it does
//!
//! Reports an `x-lint-allow` entry that suppressed nothing in this run.
//!
//! ## Why it matters
//!
//! Suppressions outlive the problems they hid: once the roadmap is fixed, a
//! stale suppression would silently hide the next, unrelated problem of the
//! same rule at that place.
//!
//! ## Example
//!
//! ```json
//! { "id": "git", "name": "Git", "x-lint-allow": [{ "rule": "TM101", "reason": "taught late on purpose" }] }
//! ```
//! (when `git` has no prerequisite taught later)
//!
//! ## Fix
//!
//! Remove the entry.

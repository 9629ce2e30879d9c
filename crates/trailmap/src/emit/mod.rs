//! Showing diagnostics: the terminal form with source lines ([`full`], and
//! `Display` for [`Diagnostic`](crate::Diagnostic)) and GitHub Actions
//! workflow commands ([`github`]).
//!
//! Messages carry the real text from the file; escaping belongs to each
//! emitter: the terminal form makes control and bidirectional characters
//! visible, workflow commands escape what would end a property or a
//! command, and JSON outputs need only JSON's own escaping.

pub mod github;
mod snippet;

pub use snippet::{SourceLookup, full, write_full};

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

pub use snippet::{FullWriter, SourceLookup, full, write_full};

/// What a `write_*` emitter ([`write_full`], [`github::write_diagnostics`],
/// and `trailmap-lint`'s) writes, as a string: the form for tests and for
/// reports small enough to hold whole.
///
/// ```
/// let d = trailmap::Diagnostic::new("TM001", "json-syntax", trailmap::Severity::Error, "bad");
/// let text = trailmap::emit::to_text(|out| trailmap::emit::github::write_diagnostics(out, std::slice::from_ref(&d)));
/// assert!(text.starts_with("::error "));
/// ```
pub fn to_text(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail, and every emitter writes UTF-8.
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

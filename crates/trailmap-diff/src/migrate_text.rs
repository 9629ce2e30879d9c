//! A migration applied to the progress file's own text: only the renamed
//! keys (and the roadmap's id in `roadmaps`) change, byte for byte; every
//! other value, number form, escape, key order, comment, byte-order mark
//! and line end stays as written.

use trailmap::pointer::Pointer;
use trailmap::{Diagnostic, Format, Severity};

use crate::Migration;

impl Migration {
    /// The progress file's `text` (in `format`) with this migration
    /// applied in place: each moved entry's key rewritten, and each
    /// `roadmaps` item naming the old roadmap id renamed. `None` when the
    /// text cannot be edited so (it does not parse, a key is not found, or
    /// the new roadmap id is listed already, so an item would have to go):
    /// the caller then writes the migrated document whole.
    ///
    /// ```
    /// use trailmap::{Format, Progress, Roadmap};
    ///
    /// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
    ///     "skills": [{"id": "a", "name": "A"}]}"#).roadmap.unwrap();
    /// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0",
    ///     "skills": [{"id": "b", "name": "B", "former_ids": ["a"]}]}"#).roadmap.unwrap();
    /// let text = "{\"skills\": {\"a\": {\"status\": \"done\", \"hours\": 2.50}},\r\n \"x-n\": 12345678901234567890123}";
    /// let progress = Progress::from_json_str(text).progress.unwrap();
    /// let migration = trailmap_diff::migrate_progress(&old, &new, &progress);
    /// let edited = migration.edit_text(text, Format::Json).unwrap();
    /// assert_eq!(edited, text.replace("\"a\"", "\"b\""));
    /// ```
    pub fn edit_text(&self, text: &str, format: Format) -> Option<String> {
        // Each edit: what to find (a key or a value) and its new text.
        let mut anchors: Vec<Diagnostic> = Vec::new();
        let mut replacements: Vec<String> = Vec::new();
        let anchor = || Diagnostic::new("migrate", "migrate", Severity::Info, "");
        for r in &self.renamed {
            let pointer = Pointer::root().with("skills").with(&r.from);
            anchors.push(anchor().at_key(pointer.as_str()));
            replacements.push(r.to.clone());
        }
        if let Some(renamed) = &self.roadmap_renamed {
            // Renamed in place, item by item; when the new id is listed
            // already the old one goes, which is no in-place edit.
            let document = format.parse_value(text.strip_prefix('\u{feff}').unwrap_or(text))?;
            let listed = document.get("roadmaps")?.as_array()?;
            if listed.iter().any(|r| r.as_str() == Some(renamed.to.as_str())) {
                return None;
            }
            for (i, id) in listed.iter().enumerate() {
                if id.as_str() == Some(renamed.from.as_str()) {
                    anchors.push(anchor().at(Pointer::root().with("roadmaps").with(i).as_str()));
                    replacements.push(renamed.to.clone());
                }
            }
        }
        trailmap::locate::locate_as(text, format, &mut anchors);
        let mut edits: Vec<(usize, usize, String)> = Vec::new();
        for (d, to) in anchors.iter().zip(replacements) {
            let at = d.location?;
            let (start, end) = (at.offset, at.end_offset);
            let old = text.get(start..end)?;
            edits.push((start, end, scalar(old, &to, format)?));
        }
        edits.sort_unstable_by_key(|e| e.0);
        if edits.windows(2).any(|w| w[0].1 > w[1].0) {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 16 * edits.len());
        let mut done = 0;
        for (start, end, replacement) in edits {
            out.push_str(&text[done..start]);
            out.push_str(&replacement);
            done = end;
        }
        out.push_str(&text[done..]);
        Some(out)
    }
}

/// `to` written as the scalar `old` was: a JSON string literal in JSON;
/// in YAML, plain when `old` was plain and `to` reads back as the same
/// string, else double-quoted (valid YAML). `None` when `old` is not a
/// scalar token.
fn scalar(old: &str, to: &str, format: Format) -> Option<String> {
    let quoted = serde_json::to_string(to).ok()?;
    match format {
        Format::Json => old.starts_with('"').then_some(quoted),
        // A format added later: no in-place edit.
        _ if format != Format::Yaml => None,
        _ => {
            if old.starts_with(['[', '{', '-', '&', '*', '!', '|', '>']) || old.contains('\n') {
                return None;
            }
            let plain = old.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) && plain_safe(to);
            Some(if plain { to.to_owned() } else { quoted })
        }
    }
}

/// `true` when `id` written plain in YAML reads back as the same string:
/// starts with a letter, holds only letters, digits, `-`, `_` and `.`, and
/// is no word the core schema reads as a boolean or null.
fn plain_safe(id: &str) -> bool {
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && !reserved.contains(&id.to_ascii_lowercase().as_str())
}

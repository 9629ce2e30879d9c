//! A diff as a report, and its output formats: `text` for a terminal,
//! `markdown` for a pull-request comment, `json` for tools and `github`
//! for workflow annotations.
//!
//! Every change message holds text from the roadmap files (names, ids,
//! titles), which come from strangers' pull requests: each format escapes
//! it with [`trailmap::escape`], so a hostile name cannot drive a terminal,
//! break a Markdown table, inject HTML, or start a GitHub workflow command.

use std::fmt::Write as _;

use serde::Serialize;
use trailmap::emit::github::{self, Level};
use trailmap::escape;
use trailmap::{Diagnostic, Roadmap, Severity};

use crate::{Bump, Change, InvalidVersion, VersionCheck};

/// Everything `trailmap diff` reports: the changes, the bump they require,
/// the versions and, when asked for, the version check.
///
/// ```
/// use trailmap::Roadmap;
///
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.4.0", "skills": [
///     {"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.4.1", "skills": [
///     {"id": "a", "name": "A"}]}"#).roadmap.unwrap();
/// let mut report = trailmap_diff::report::Report::new(&old, &new);
/// assert_eq!(report.bump, trailmap_diff::Bump::Major);
/// assert_eq!(report.suggested_version.as_deref(), Some("2.0.0"));
/// assert!(!report.check_version().unwrap().ok);
/// assert!(report.fails_on(trailmap_diff::Bump::Minor));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The overall bump: the highest of the changes, `none` without any.
    pub bump: Bump,
    /// The old file's `version`.
    pub old_version: String,
    /// The new file's `version`.
    pub new_version: String,
    /// The lowest version the changes allow after `old_version`; `None`
    /// when `old_version` is not a semantic version.
    pub suggested_version: Option<String>,
    /// The verdict on `new_version`, after [`check_version`](Self::check_version).
    pub version_check: Option<VersionCheck>,
    /// Every change, in [`diff`](crate::diff) order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Diffs two roadmaps into a report.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// let report = trailmap_diff::report::Report::new(&roadmap, &roadmap);
    /// assert_eq!(report.bump, trailmap_diff::Bump::None);
    /// assert_eq!(report.suggested_version.as_deref(), Some("1.0.0"));
    /// ```
    pub fn new(old: &Roadmap, new: &Roadmap) -> Report {
        let changes = crate::diff(old, new);
        let bump = crate::overall_bump(&changes);
        Report {
            bump,
            old_version: old.version.clone(),
            new_version: new.version.clone(),
            suggested_version: crate::suggest_version(&old.version, bump).ok(),
            version_check: None,
            changes,
        }
    }

    /// Checks the new version against the bump and keeps the verdict.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// let mut report = trailmap_diff::report::Report::new(&roadmap, &roadmap);
    /// assert!(report.check_version().unwrap().ok);
    /// ```
    pub fn check_version(&mut self) -> Result<&VersionCheck, InvalidVersion> {
        let check = crate::check_version(&self.old_version, &self.new_version, self.bump)?;
        Ok(self.version_check.insert(check))
    }

    /// `true` when the required bump is at least `threshold` (`--fail-on`).
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// let report = trailmap_diff::report::Report::new(&roadmap, &roadmap);
    /// assert!(!report.fails_on(trailmap_diff::Bump::Patch));
    /// ```
    pub fn fails_on(&self, threshold: Bump) -> bool {
        threshold > Bump::None && self.bump >= threshold
    }

    /// `true` when the version was checked and failed.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// assert!(!trailmap_diff::report::Report::new(&roadmap, &roadmap).version_failed());
    /// ```
    pub fn version_failed(&self) -> bool {
        self.version_check.as_ref().is_some_and(|c| !c.ok)
    }

    fn count(&self, bump: Bump) -> usize {
        self.changes.iter().filter(|c| c.bump == bump).count()
    }

    /// "3 changes: major bump required (1.2.0 -> 2.0.0)", unescaped.
    fn summary(&self) -> String {
        let n = self.changes.len();
        let changes = match n {
            0 => "no changes".to_owned(),
            1 => "1 change".to_owned(),
            n => format!("{n} changes"),
        };
        let need = if self.bump == Bump::None {
            "no bump required".to_owned()
        } else {
            format!("{} bump required", self.bump)
        };
        let versions = match &self.suggested_version {
            Some(s) => format!("{} -> {s}", self.old_version),
            None => format!("old version {:?} is not a semantic version", self.old_version),
        };
        format!("{changes}: {need} ({versions})")
    }

    fn check_line(&self) -> Option<String> {
        self.version_check
            .as_ref()
            .map(|c| format!("version check {}: {}", if c.ok { "passed" } else { "failed" }, c.message))
    }
}

/// The changes at one bump level, highest first, skipping empty levels.
fn by_bump(report: &Report) -> Vec<(Bump, Vec<&Change>)> {
    [Bump::Major, Bump::Minor, Bump::Patch]
        .into_iter()
        .map(|b| (b, report.changes.iter().filter(|c| c.bump == b).collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// Text for a terminal, grouped by bump (`+` added, `-` removed, `~`
/// changed, `>` moved), each line ending with the kind id, then the summary
/// line and, when checked, the version verdict.
///
/// ```
/// use trailmap::Roadmap;
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0", "skills": [
///     {"id": "git", "name": "Git\u001b[2J"}]}"#).roadmap.unwrap();
/// let text = trailmap_diff::report::text(&trailmap_diff::report::Report::new(&old, &new));
/// assert_eq!(text, "minor: 1 change\n  + skill `git` (\"Git\\u{1b}[2J\") added [skill-added]\n\n1 change: minor bump required (1.0.0 -> 1.1.0)\n");
/// ```
pub fn text(report: &Report) -> String {
    text_styled(report, false)
}

/// [`text`] with ANSI styles when `color` is set: each bump's heading and
/// markers in its colour (major red, minor yellow, patch green), kind ids
/// dimmed, hints in cyan. Text from the files is escaped first, so it can
/// never carry styles of its own.
///
/// ```
/// use trailmap::Roadmap;
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0", "skills": [{"id": "x", "name": "X"}]}"#).roadmap.unwrap();
/// let report = trailmap_diff::report::Report::new(&old, &new);
/// let styled = trailmap_diff::report::text_styled(&report, true);
/// assert!(styled.contains("\u{1b}[1;33mminor"));
/// assert_eq!(trailmap_diff::report::text_styled(&report, false), trailmap_diff::report::text(&report));
/// ```
pub fn text_styled(report: &Report, color: bool) -> String {
    text_with(report, color, true)
}

/// [`text_styled`], with the summary line ("3 changes: major bump
/// required …") only when `summary` is set (`--quiet` leaves it out); the
/// changes and the version verdict are always shown.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
/// let report = trailmap_diff::report::Report::new(&roadmap, &roadmap);
/// assert_eq!(trailmap_diff::report::text_with(&report, false, false), "");
/// ```
pub fn text_with(report: &Report, color: bool, summary: bool) -> String {
    let paint = |code: &str, text: &str| if color { format!("\u{1b}[{code}m{text}\u{1b}[0m") } else { text.to_owned() };
    let mut out = String::new();
    for (bump, changes) in by_bump(report) {
        let n = changes.len();
        let tone = match bump {
            Bump::Major => "31",
            Bump::Minor => "33",
            _ => "32",
        };
        let heading = format!("{bump}: {n} change{}", if n == 1 { "" } else { "s" });
        let _ = writeln!(out, "{}", paint(&format!("1;{tone}"), &heading));
        for c in changes {
            let _ = writeln!(
                out,
                "  {} {} {}",
                paint(tone, &c.kind.marker().to_string()),
                escape::terminal(&c.message),
                paint("2", &format!("[{}]", c.kind.id()))
            );
            if let Some(hint) = &c.hint {
                let _ = writeln!(out, "      {} {}", paint("36", "hint:"), escape::terminal(hint));
            }
        }
        out.push('\n');
    }
    if summary {
        out.push_str(&escape::terminal(&report.summary()));
        out.push('\n');
    } else if out.ends_with("\n\n") {
        out.pop();
    }
    if let Some(line) = report.check_line() {
        out.push_str(&escape::terminal(&line));
        out.push('\n');
    }
    out
}

/// Markdown for a pull-request comment: a heading with the required bump,
/// the versions, the version verdict, a summary table and one table of
/// changes per bump. Everything from the files is escaped with
/// [`escape::markdown`].
///
/// ```
/// use trailmap::Roadmap;
/// let old = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
/// let new = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.1.0", "skills": [
///     {"id": "x", "name": "</td><img src=x onerror=alert(1)> | y"}]}"#).roadmap.unwrap();
/// let md = trailmap_diff::report::markdown(&trailmap_diff::report::Report::new(&old, &new));
/// assert!(!md.contains('<'), "no HTML gets through");
/// let row = md.lines().find(|l| l.contains("skill-added")).unwrap();
/// let cells = row.replace("\\|", "").matches('|').count();
/// assert_eq!(cells, 4, "the name's `|` does not add a column: {row}");
/// ```
pub fn markdown(report: &Report) -> String {
    let md = escape::markdown;
    let mut out = String::new();
    let heading = if report.bump == Bump::None {
        "no version bump required".to_owned()
    } else {
        format!("**{}** bump required", report.bump)
    };
    let _ = writeln!(out, "### Roadmap changes: {heading}\n");
    let suggested = report.suggested_version.as_deref().unwrap_or("none");
    // Escaped as one line, so a version is never taken for a list number.
    let versions = format!("Version {} → {} · suggested: {suggested}", report.old_version, report.new_version);
    let _ = writeln!(out, "{}\n", md(&versions));
    if let Some(check) = &report.version_check {
        let verdict = if check.ok { "passed" } else { "failed" };
        let _ = writeln!(out, "**Version check {verdict}:** {}\n", md(&check.message));
    }
    out.push_str("| bump | changes |\n| --- | ---: |\n");
    for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
        let _ = writeln!(out, "| {bump} | {} |", report.count(bump));
    }
    for (bump, changes) in by_bump(report) {
        let title = match bump {
            Bump::Major => "Major",
            Bump::Minor => "Minor",
            _ => "Patch",
        };
        let _ = writeln!(out, "\n#### {title}\n\n| | change | kind |\n| :-: | --- | --- |");
        for c in changes {
            let mut cell = md(&c.message);
            if let Some(hint) = &c.hint {
                let _ = write!(cell, "<br>*hint:* {}", md(hint));
            }
            let _ = writeln!(out, "| {} | {cell} | `{}` |", md(&c.kind.marker().to_string()), c.kind.id());
        }
    }
    out
}

/// The JSON object (pretty, newline-terminated). Its fields: `bump`
/// (`major`, `minor`, `patch` or `none`), `old_version`, `new_version`,
/// `suggested_version` (or `null`), `version_check` (`null` unless checked;
/// else `{ok, old, new, actual, required, suggested, problem, message}`)
/// and `changes`, each `{kind, bump, id, old_id, new_id, old_pointer,
/// new_pointer, message, hint}` (absent sides are `null`). Fields are only
/// ever added.
///
/// ```
/// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
/// let json = trailmap_diff::report::json(&trailmap_diff::report::Report::new(&roadmap, &roadmap));
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(value["bump"], "none");
/// assert_eq!(value["changes"].as_array().unwrap().len(), 0);
/// ```
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// A file whose lines annotations point at.
///
/// ```
/// let source = trailmap_diff::report::Source { name: "roadmap.json", text: "{}" };
/// assert_eq!(source.name, "roadmap.json");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Source<'s> {
    /// The file's name as the annotation gives it.
    pub name: &'s str,
    /// Its text, to turn JSON Pointers into lines and columns.
    pub text: &'s str,
}

/// GitHub Actions workflow commands: a `::notice` with the summary, then
/// one annotation per change on the new file's lines (a removed item on
/// the old file's lines, where it was, under the old file's name as
/// given, e.g. `origin/main:x.json`), and an `::error` on the new
/// `version` when the version check failed. A change is an `::error` when
/// it reaches `fail_on`, else a `::warning` when major and a `::notice`
/// otherwise. Control characters from the files become visible `\u{..}`
/// escapes and messages and properties are escaped for workflow commands,
/// so each annotation is exactly one line.
///
/// ```
/// use trailmap::Roadmap;
/// use trailmap_diff::report::{Report, Source, github};
///
/// let old_text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#;
/// let new_text = "{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.1.0\",\n \"skills\": [{\"id\": \"x\", \"name\": \"a\\n::error::boom\"}]}";
/// let old = Roadmap::from_json_str(old_text).roadmap.unwrap();
/// let new = Roadmap::from_json_str(new_text).roadmap.unwrap();
/// let out = github(&Report::new(&old, &new), Source { name: "old.json", text: old_text }, Source { name: "new.json", text: new_text }, None);
/// let lines: Vec<&str> = out.lines().collect();
/// assert_eq!(lines.len(), 2);
/// assert!(lines[1].starts_with("::notice file=new.json,line=2,col=13,"), "{}", lines[1]);
/// assert!(lines[1].ends_with("::skill `x` (\"a\\u{a}::error::boom\") added"));
///
/// // The other way round, the removal is on the old file, where `x` was.
/// let out = github(&Report::new(&new, &old), Source { name: "new.json", text: new_text }, Source { name: "old.json", text: old_text }, None);
/// assert!(out.lines().nth(1).unwrap().starts_with("::warning file=new.json,line=2,col=13,"), "{out}");
/// ```
pub fn github(report: &Report, old: Source<'_>, new: Source<'_>, fail_on: Option<Bump>) -> String {
    let mut out = String::new();
    github::annotation(&mut out, Level::Notice, None, None, "trailmap diff", &[&report.summary()]);
    // One scan per file resolves every pointer.
    let anchor = |pointer: &str| Diagnostic::new("diff", "diff", Severity::Info, "").at(pointer);
    let mut new_marks: Vec<Diagnostic> = Vec::new();
    let mut old_marks: Vec<Diagnostic> = Vec::new();
    // For each change: on the old file (a removal), and its mark's index.
    let mut sides: Vec<(bool, usize)> = Vec::new();
    for c in &report.changes {
        match (&c.new_pointer, &c.old_pointer) {
            (Some(p), _) => {
                sides.push((false, new_marks.len()));
                new_marks.push(anchor(p));
            }
            (None, Some(p)) => {
                sides.push((true, old_marks.len()));
                old_marks.push(anchor(p));
            }
            (None, None) => {
                sides.push((false, new_marks.len()));
                new_marks.push(anchor(""));
            }
        }
    }
    new_marks.push(anchor("/version"));
    trailmap::locate(new.text, &mut new_marks);
    if !old_marks.is_empty() {
        trailmap::locate(old.text, &mut old_marks);
    }
    for (c, (on_old, k)) in report.changes.iter().zip(sides) {
        let level = match fail_on {
            Some(t) if t > Bump::None && c.bump >= t => Level::Error,
            _ if c.bump == Bump::Major => Level::Warning,
            _ => Level::Notice,
        };
        let (file, marks) = if on_old { (old.name, &old_marks) } else { (new.name, &new_marks) };
        let location = marks.get(k).and_then(|m| m.location);
        let hint = c.hint.as_ref().map(|hint| format!("hint: {hint}"));
        let mut lines = vec![c.message.as_str()];
        lines.extend(hint.as_deref());
        let title = format!("{} ({} bump)", c.kind.id(), c.bump);
        github::annotation(&mut out, level, Some(file), location, &title, &lines);
    }
    if let Some(check) = report.version_check.as_ref().filter(|c| !c.ok) {
        let location = new_marks.last().and_then(|m| m.location);
        github::annotation(&mut out, Level::Error, Some(new.name), location, "version check", &[&check.message]);
    }
    out
}

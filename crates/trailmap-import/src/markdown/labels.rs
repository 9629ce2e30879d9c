//! Labels and section headings: what "**Task:**", "Day 1-2:", "Topic:",
//! "You do NOT need" or "Final checklist" announce.

use std::sync::LazyLock;

use regex::Regex;
use trailmap::{Cadence, MilestoneKind};

use super::Mode;
use super::parse::Inline;
use crate::span;
use crate::text;

/// What a label ("**Task:**", "Day 1-2:", "Topic:") announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Label {
    Span(span::Heading),
    Tasks,
    Project(Option<u32>),
    Practice(Cadence),
    Goal,
    Names,
    Note,
    Deliverables,
    Prerequisites,
    Exclusion,
    /// A milestone: requirements ("Each project must include:"), or what
    /// to have reached ("Milestone: containerise a Flask app").
    Milestone(MilestoneKind),
    Term,
}

pub(super) static PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:mini[- ]?|capstone |final )?project\s*#?\s*(\d{1,3})?\s*(?:[:—–.]|-\s)\s*(.*)$")
        .expect("valid pattern")
});
pub(super) static NOT_NEEDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:do not|don't|dont|doesn't|does not|no need to)\s+(?:need|learn)(?:\s+to\s+learn)?\s*:?\s*(.*)$",
    )
    .expect("valid pattern")
});

pub(super) fn classify_label(label: &str) -> Label {
    let heading = span::heading(label);
    // "Day 1-2", "Stage 2", and "Week 25-26 (Docker)": a time that opens the label.
    let opens_with_time = span::time_at_start(&heading.clean).is_some() && text::words(label) <= 6;
    if ((heading.time.is_some() || heading.kind.is_some()) && heading.title.is_empty()) || opens_with_time {
        return Label::Span(heading);
    }
    let lower = heading.clean.to_lowercase();
    let lower = lower.trim_end_matches(':').trim();
    let has = |words: &[&str]| {
        words.iter().any(|w| lower == *w || lower.starts_with(&format!("{w} ")) || lower.ends_with(&format!(" {w}")))
    };
    if NOT_NEEDED.is_match(lower) || has(&["skip", "avoid", "not"]) {
        Label::Exclusion
    } else if lower.contains("requirement") || lower.contains("checklist") || lower.contains("must include") {
        Label::Milestone(MilestoneKind::Requirement)
    } else if has(&["milestone", "checkpoint"]) {
        Label::Milestone(MilestoneKind::Outcome)
    } else if let Some(c) = PROJECT.captures(&format!("{lower}:")) {
        Label::Project(c.get(1).and_then(|m| m.as_str().parse().ok()))
    } else if lower.contains("project") {
        Label::Project(None)
    } else if has(&[
        "task",
        "tasks",
        "exercise",
        "exercises",
        "assignment",
        "assignments",
        "homework",
        "action",
        "actions",
        "practice",
    ]) {
        Label::Tasks
    } else if let Some(cadence) = cadence(lower) {
        Label::Practice(cadence)
    } else if has(&["goal", "goals", "objective", "objectives", "aim", "outcome", "outcomes"]) {
        Label::Goal
    } else if has(&[
        "topic",
        "topics",
        "concept",
        "concepts",
        "library",
        "libraries",
        "algorithm",
        "algorithms",
        "tool",
        "tools",
        "framework",
        "frameworks",
        "stack",
        "skills",
        "technologies",
        "learn",
        "covers",
        "focus",
        "language",
        "languages",
        "model",
        "models",
        "metrics",
    ]) {
        Label::Names
    } else if has(&[
        "note",
        "notes",
        "tip",
        "tips",
        "why",
        "reason",
        "important",
        "hint",
        "remember",
        // "Time: ~10 hours/week" says how long, not what; "Level: Beginner
        // → Intermediate", "Author: …" are about the roadmap.
        "time",
        "duration",
        "effort",
        "commitment",
        "pace",
        "level",
        "difficulty",
        "audience",
        "cost",
        "price",
        "author",
        "updated",
        "version",
        "format",
        "status",
    ]) {
        Label::Note
    } else if has(&["deliverable", "deliverables", "output"]) {
        Label::Deliverables
    } else if has(&["prerequisite", "prerequisites", "requires", "require", "builds on", "after"]) {
        Label::Prerequisites
    } else {
        Label::Term
    }
}

pub(super) fn cadence(lower: &str) -> Option<Cadence> {
    let first = lower.split_whitespace().next().unwrap_or("");
    match first {
        "daily" | "everyday" => Some(Cadence::Daily),
        "weekly" => Some(Cadence::Weekly),
        "monthly" => Some(Cadence::Monthly),
        "ongoing" => Some(Cadence::Ongoing),
        "regular" | "regularly" => Some(Cadence::Regular),
        _ if lower.starts_with("every day") => Some(Cadence::Daily),
        _ if lower.starts_with("every week") || lower.starts_with("each week") => Some(Cadence::Weekly),
        _ => None,
    }
}

pub(super) fn section_mode(lower: &str) -> Mode {
    if NOT_NEEDED.is_match(lower) || lower.contains("skip") || lower.contains("avoid") || lower.contains("not needed") {
        Mode::Exclusions
    } else if lower.contains("checklist") || lower.contains("tracker") {
        Mode::Milestone(MilestoneKind::Checklist)
    } else if lower.contains("you'll have")
        || lower.contains("you will have")
        || lower.contains("by the end")
        || lower.contains("outcome")
    {
        Mode::Milestone(MilestoneKind::Outcome)
    } else if lower.contains("differentiat") {
        Mode::Milestone(MilestoneKind::Differentiator)
    } else if lower.contains("project") {
        Mode::Projects
    } else if lower.contains("principle") || lower.contains("philosophy") {
        Mode::Principles
    } else if let Some(c) = cadence(lower) {
        Mode::Practices(c)
    } else {
        Mode::Normal
    }
}

/// A label and the text after it: "**Day 1–2**: basics" or "Goal: text".
pub(super) fn split_label(inline: &Inline) -> Option<(String, String)> {
    let text = inline.text.as_str();
    if let Some(label) = &inline.label {
        let rest = text.strip_prefix(label.as_str()).unwrap_or("");
        let label = label.trim();
        if let Some((l, r)) = label.split_once(':') {
            if !r.trim().is_empty() && text::words(l) <= 6 {
                return Some((
                    l.trim().to_owned(),
                    format!("{} {}", r.trim(), span::trim_separators(rest)).trim().to_owned(),
                ));
            }
        }
        let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace() || c == '-' || c == '—' || c == '–');
        return Some((label.trim_end_matches(':').trim().to_owned(), rest.trim().to_owned()));
    }
    let (l, r) = text.split_once(':')?;
    if text::words(l) > 5 || l.trim().is_empty() || r.starts_with("//") || l.contains('(') != l.contains(')') {
        return None;
    }
    Some((l.trim().to_owned(), r.trim().to_owned()))
}

/// What "Learn X" names when X is a name rather than a group ("Learn
/// Python", "Learn machine learning"; not "Learn the math", "Learn some
/// statistics").
pub(super) fn learned_subject(label: &str) -> Option<&str> {
    let label = label.trim();
    let after = ["learn about ", "learn "]
        .iter()
        .find_map(|prefix| {
            label.get(..prefix.len()).filter(|p| p.eq_ignore_ascii_case(prefix)).map(|_| &label[prefix.len()..])
        })?
        .trim();
    let first = after.split_whitespace().next()?.to_lowercase();
    const GROUPS: [&str; 16] = [
        "a",
        "about",
        "all",
        "an",
        "basic",
        "basics",
        "core",
        "essential",
        "fundamental",
        "fundamentals",
        "how",
        "key",
        "more",
        "some",
        "the",
        "your",
    ];
    (!GROUPS.contains(&first.as_str()) && text::words(after) <= 4).then_some(after)
}

/// `true` when a bold label is followed by a dash or an arrow ("**Python**
/// — syntax, OOP", "**Calculus** → derivatives"): the label names the
/// item's subject rather than announcing a group or an explanation.
pub(super) fn dash_after_label(inline: &Inline) -> bool {
    let Some(label) = &inline.label else { return false };
    let rest = inline.text.strip_prefix(label.as_str()).unwrap_or("");
    let rest = rest.trim_start();
    (rest.starts_with(['—', '–', '-', '→']) || rest.starts_with("=>")) && !label.trim_end().ends_with(':')
}

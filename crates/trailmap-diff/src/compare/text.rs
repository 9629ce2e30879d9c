//! How the diff's messages and pointers are written: quoted and cut text,
//! ids in backticks, JSON Pointers.

use trailmap::diagnostic::push_token;
use trailmap::{Prerequisite, Roadmap, Skill, Span};

/// Quoted text from a file is cut to this many characters in messages.
pub(super) const QUOTE_CHARS: usize = 60;

/// Cuts text for a message.
pub(super) fn cut(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(QUOTE_CHARS - 1).collect();
    out.push('…');
    out
}

/// An id in a message: `` `id` ``.
pub(super) fn code(id: &str) -> String {
    format!("`{}`", cut(id))
}

/// Text from a file in a message: `"text"`, or `none`.
pub(super) fn quote(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("\"{}\"", cut(t)),
        None => "none".to_owned(),
    }
}

pub(super) fn ids_list<'x>(ids: impl IntoIterator<Item = &'x str>) -> String {
    let all: Vec<String> = ids.into_iter().map(code).collect();
    if all.len() > 5 { format!("{} and {} more", all[..5].join(", "), all.len() - 5) } else { all.join(", ") }
}

/// `/base/token/token…` with RFC 6901 escaping.
pub(super) fn ptr(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_owned();
    for t in tokens {
        push_token(&mut out, t);
    }
    out
}

pub(super) fn item(list: &str, i: usize) -> String {
    trailmap::pointer::Pointer::item(list, i).into_string()
}

/// A span as `Span`'s `Display` shows it, cut to a quotable length;
/// `none` when there is none.
pub(super) fn span_text(span: Option<&Span>) -> String {
    span.map_or_else(|| "none".to_owned(), |span| cut(&span.to_string()))
}

pub(super) fn hours_text(h: Option<f64>) -> String {
    h.map_or_else(|| "none".to_owned(), |h| format!("{h} h"))
}

/// `` `a` `` or `one of `a`, `b`` for a prerequisite entry.
pub(super) fn entry_text<'x>(entry: &'x Prerequisite, map: impl Fn(&'x str) -> &'x str) -> String {
    match entry {
        Prerequisite::Skill(id) => code(map(id)),
        Prerequisite::AnyOf(group) if group.any_of.len() == 1 => ids_list(group.any_of.iter().map(|s| map(s))),
        Prerequisite::AnyOf(group) => format!("one of {}", ids_list(group.any_of.iter().map(|s| map(s)))),
    }
}

/// `base/field` when the field is present, else `base`.
pub(super) fn present(is_present: bool, base: &str, field: &str) -> String {
    if is_present && !field.is_empty() { ptr(base, &[field]) } else { base.to_owned() }
}

/// Whether the roadmap sets a top-level field (for pointers).
pub(super) fn has_field(roadmap: &Roadmap, field: &str) -> bool {
    match field {
        "title" => true,
        "summary" => roadmap.summary.is_some(),
        "audience" => roadmap.audience.is_some(),
        "target_role" => roadmap.target_role.is_some(),
        "duration" => roadmap.duration.is_some(),
        "hours_per_week" => roadmap.hours_per_week.is_some(),
        "source" => roadmap.source.is_some(),
        "license" => roadmap.license.is_some(),
        "tags" => !roadmap.tags.is_empty(),
        "principles" => !roadmap.principles.is_empty(),
        _ => false,
    }
}

/// Pointer to `former` in the skill's `former_ids`, or to the skill.
pub(super) fn former_pointer(skill: &Skill, j: usize, former: &str) -> String {
    let base = item("skills", j);
    match skill.former_ids.iter().position(|f| f == former) {
        Some(k) => ptr(&base, &["former_ids", &k.to_string()]),
        None => base,
    }
}

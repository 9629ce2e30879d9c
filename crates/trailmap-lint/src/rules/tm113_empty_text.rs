//! ## What it does
//!
//! Finds titles, names, descriptions and other texts that are empty or
//! only whitespace.
//!
//! ## Why it matters
//!
//! An empty title renders as a blank heading and an empty description as
//! nothing at all; both are usually placeholders someone meant to fill in.
//! The schema requires titles to be strings, not to say something.
//!
//! ## Example
//!
//! ```json
//! { "id": "week-3", "title": "  ", "description": "" }
//! ```
//!
//! ## Fix
//!
//! Write the text, or remove the optional field.

use trailmap::Diagnostic;
use trailmap::pointer::Pointer;

use crate::context::Context;
use crate::findings::{Findings, InSkill, NO_TEXT, Quoting, SkillFindings, Texts};
use crate::registry::Rule;

/// Records `$pointer` in `$texts` when `$text` is present but blank;
/// `$pointer` is only evaluated then.
macro_rules! empty {
    ($texts:ident, $pointer:expr, $text:expr) => {
        let text: Option<&str> = $text;
        if text.is_some_and(|t| t.trim().is_empty()) {
            $texts.push($pointer);
        }
    };
}

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let r = ctx.roadmap;
    // A skill's own texts are kept compact, a list for each field quoting
    // its name: a roadmap whose skills all have a blank description had a
    // diagnostic for each.
    let field = |field: &'static str| {
        SkillFindings::new(ctx, rule, InSkill::Field(field), Texts::Listed(vec![field]), empty_field)
    };
    let mut skill_fields = [field("name"), field("description"), field("note")];
    // Pointers of the empty texts, in document order. A pointer is only
    // built for a text that is empty: building one for every text cost
    // more than the check itself on large roadmaps.
    let mut texts: Vec<String> = Vec::new();
    empty!(texts, "/title".into(), Some(r.title.as_str()));
    empty!(texts, "/summary".into(), r.summary.as_deref());
    for (i, s) in r.skills.iter().enumerate() {
        let own = [Some(s.name.as_str()), s.description.as_deref(), s.note.as_deref()];
        for (found, text) in skill_fields.iter_mut().zip(own) {
            if text.is_some_and(|t| t.trim().is_empty()) {
                out.extend(found.push(i, 0, [0, NO_TEXT]));
            }
        }
        for (k, res) in s.resources.iter().enumerate() {
            empty!(texts, Pointer::item("skills", i).with("resources").with(k).with("title").into_string(), Some(&res.title));
        }
    }
    for node in &ctx.phases {
        let p = node.phase;
        empty!(texts, format!("{}/title", node.pointer), Some(&p.title));
        empty!(texts, format!("{}/goal", node.pointer), p.goal.as_deref());
        empty!(texts, format!("{}/description", node.pointer), p.description.as_deref());
        for (t, task) in p.tasks.iter().enumerate() {
            empty!(texts, format!("{}/tasks/{t}/text", node.pointer), Some(&task.text));
        }
    }
    for (i, p) in r.projects.iter().enumerate() {
        empty!(texts, format!("/projects/{i}/title"), Some(&p.title));
        empty!(texts, format!("/projects/{i}/description"), p.description.as_deref());
    }
    for (i, p) in r.practices.iter().enumerate() {
        empty!(texts, format!("/practices/{i}/activity"), Some(&p.activity));
    }
    for (i, m) in r.milestones.iter().enumerate() {
        empty!(texts, format!("/milestones/{i}/title"), Some(&m.title));
        for (c, criterion) in m.criteria.iter().enumerate() {
            empty!(texts, format!("/milestones/{i}/criteria/{c}/text"), Some(&criterion.text));
        }
    }
    for (i, e) in r.exclusions.iter().enumerate() {
        empty!(texts, format!("/exclusions/{i}/title"), Some(&e.title));
    }
    for (i, a) in r.areas.iter().enumerate() {
        empty!(texts, format!("/areas/{i}/name"), Some(&a.name));
    }
    for pointer in texts {
        let field = pointer.rsplit('/').next().unwrap_or("text");
        out.push(ctx.in_file(empty(rule, field).at(pointer)));
    }
    for found in skill_fields {
        out.push_compact(found);
    }
}

/// The diagnostic of a skill's empty field, whose name is the finding's
/// first text.
fn empty_field(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    empty(rule, quoting.texts[0])
}

/// The diagnostic of an empty `field`, unlocated.
fn empty(rule: &Rule, field: &str) -> Diagnostic {
    Diagnostic::new(rule.code, rule.name, rule.default_severity, ["`", field, "` is empty"].concat())
        .with_help("write the text, or remove the field if it is optional")
}

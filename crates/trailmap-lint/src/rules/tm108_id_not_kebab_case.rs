//! ## What it does
//!
//! Checks that every id (of the roadmap, skills, phases, projects,
//! practices, milestones, exclusions and areas) is kebab-case: lowercase
//! ASCII letters and digits in words joined by single hyphens.
//!
//! ## Why it matters
//!
//! Ids are shared across roadmaps and progress files and appear in URLs
//! and commands (`--done python,git`). `Python`, `python_3` and `pyth on`
//! would each be a different skill, and look-alike Unicode letters make two
//! ids that read the same but never match.
//!
//! ## Example
//!
//! ```json
//! { "id": "Machine_Learning", "name": "Machine Learning" }
//! ```
//!
//! ## Fix
//!
//! Rename to kebab-case (`machine-learning`) and keep the old id in the
//! skill's `former_ids`, so diffs and progress files follow the rename.

use trailmap::Diagnostic;

use crate::context::Context;
use crate::registry::find;

/// `true` for `abc`, `abc-123`, `a-b-c`.
pub(crate) fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn suggestion(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = find("TM108") else { return };
    let r = ctx.roadmap;
    let mut ids: Vec<(&str, &str, String)> = vec![("roadmap", r.id.as_str(), "/id".to_owned())];
    ids.extend(r.skills.iter().enumerate().map(|(i, s)| ("skill", s.id.as_str(), format!("/skills/{i}/id"))));
    ids.extend(ctx.phases.iter().map(|n| ("phase", n.phase.id.as_str(), format!("{}/id", n.pointer))));
    ids.extend(r.projects.iter().enumerate().map(|(i, p)| ("project", p.id.as_str(), format!("/projects/{i}/id"))));
    ids.extend(r.practices.iter().enumerate().map(|(i, p)| ("practice", p.id.as_str(), format!("/practices/{i}/id"))));
    ids.extend(r.milestones.iter().enumerate().map(|(i, m)| ("milestone", m.id.as_str(), format!("/milestones/{i}/id"))));
    ids.extend(r.exclusions.iter().enumerate().map(|(i, e)| ("exclusion", e.id.as_str(), format!("/exclusions/{i}/id"))));
    ids.extend(r.areas.iter().enumerate().map(|(i, a)| ("area", a.id.as_str(), format!("/areas/{i}/id"))));
    for (kind, id, pointer) in ids {
        if is_kebab_case(id) {
            continue;
        }
        let shown = trailmap::escape::terminal(id);
        let mut d = ctx.diag(rule, format!("{kind} id \"{shown}\" is not kebab-case")).at(pointer);
        let better = suggestion(id);
        d = if better.is_empty() || !is_kebab_case(&better) {
            d.with_help("use lowercase ASCII letters and digits joined by hyphens")
        } else {
            d.with_help(format!("use `{better}`; for a skill, keep the old id in `former_ids`"))
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        for ok in ["python", "a-b", "web3", "x-1-y"] {
            assert!(is_kebab_case(ok), "{ok}");
        }
        for bad in ["", "Python", "a_b", "a--b", "-a", "a-", "py thon", "руthon"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(suggestion("Machine_Learning"), "machine-learning");
    }
}

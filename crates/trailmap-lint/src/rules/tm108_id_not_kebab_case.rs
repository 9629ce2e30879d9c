//! ## What it does
//!
//! Checks that every id (of the roadmap, skills, phases, projects,
//! practices, milestones, exclusions and areas) is kebab-case: lowercase
//! ASCII letters and digits in words joined by single hyphens.
//!
//! ## Why it matters
//!
//! Ids are shared across roadmaps and progress files and appear in URLs
//! and commands (`--done python,git`). `Python`, `python_3` and `Python.3`
//! would each be a different skill. (Ids outside the format itself, with
//! spaces or look-alike Unicode letters, are schema errors, `TM002`.)
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
use crate::findings::{Findings, InSkill, NO_TEXT, Quoting, SkillFindings, Texts};
use crate::registry::Rule;

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

pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    let r = ctx.roadmap;
    // Pointers are built only for the ids reported: at a million skills,
    // one per id cost more than the check.
    let mut report = |kind: &str, id: &str, pointer: &dyn Fn() -> String| {
        if !is_kebab_case(id) {
            out.push(ctx.in_file(finding(rule, kind, id).at(pointer())));
        }
    };
    report("roadmap", &r.id, &|| "/id".to_owned());
    for n in &ctx.phases {
        report("phase", &n.phase.id, &|| format!("{}/id", n.pointer));
    }
    for (i, p) in r.projects.iter().enumerate() {
        report("project", &p.id, &|| format!("/projects/{i}/id"));
    }
    for (i, p) in r.practices.iter().enumerate() {
        report("practice", &p.id, &|| format!("/practices/{i}/id"));
    }
    for (i, m) in r.milestones.iter().enumerate() {
        report("milestone", &m.id, &|| format!("/milestones/{i}/id"));
    }
    for (i, e) in r.exclusions.iter().enumerate() {
        report("exclusion", &e.id, &|| format!("/exclusions/{i}/id"));
    }
    for (i, a) in r.areas.iter().enumerate() {
        report("area", &a.id, &|| format!("/areas/{i}/id"));
    }
    // Skills' ids can be wrong by the hundred thousand (ids spelled
    // `Skill_1`): kept compact until written.
    let mut compact = SkillFindings::new(ctx, rule, InSkill::Field("id"), Texts::SkillIds, skill_diagnostic);
    for (i, s) in r.skills.iter().enumerate() {
        if !is_kebab_case(&s.id) {
            out.extend(compact.push(i, 0, [NO_TEXT, NO_TEXT]));
        }
    }
    out.push_compact(compact);
}

/// The finding on `id`, the id of a `kind` (`skill`, `phase`, ...),
/// but for its pointer and file.
fn finding(rule: &Rule, kind: &str, id: &str) -> Diagnostic {
    let d = Diagnostic::new(rule.code, rule.name, rule.default_severity, format!("{kind} id \"{id}\" is not kebab-case"));
    let better = suggestion(id);
    if better.is_empty() || !is_kebab_case(&better) {
        d.with_help("use lowercase ASCII letters and digits joined by hyphens")
    } else {
        d.with_help(format!("use `{better}`; for a skill, keep the old id in `former_ids`"))
    }
}

/// The diagnostic of a skill's `id` (its id is all it quotes).
fn skill_diagnostic(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    finding(rule, "skill", quoting.skill)
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

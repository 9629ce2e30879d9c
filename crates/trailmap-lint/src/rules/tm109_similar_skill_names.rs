//! ## What it does
//!
//! Finds two skills with different ids but the same or nearly the same
//! name: equal once case, spaces and punctuation are ignored, or one edit
//! apart ("Seaborn" and "Seaborne"). Names that differ only in a number
//! ("Python 2", "Python 3") are not reported.
//!
//! ## Why it matters
//!
//! Two ids for one skill split the roadmap: prerequisites point at one,
//! phases teach the other, and a learner's progress on one does not count
//! for the other.
//!
//! ## Example
//!
//! ```json
//! { "id": "pytorch", "name": "PyTorch" },
//! { "id": "torch", "name": "Pytorch" }
//! ```
//!
//! ## Fix
//!
//! Merge them into one skill, keeping the other id in `former_ids`; or, if
//! they really differ, give them names that say how.

use std::collections::HashMap;

use trailmap::Diagnostic;

use crate::context::Context;
use crate::registry::find;

/// Lowercase letters and digits only.
fn normalize(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = find("TM109") else { return };
    let skills = &ctx.roadmap.skills;
    let normalized: Vec<String> = skills.iter().map(|s| normalize(&s.name)).collect();
    // Exact matches, then one-edit neighbours through deletion variants
    // (each name and every name with one character deleted): linear in
    // the number of skills, not quadratic.
    let mut variants: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in normalized.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        variants.entry(n.clone()).or_default().push(i);
        if n.chars().count() >= 5 {
            let chars: Vec<char> = n.chars().collect();
            for k in 0..chars.len() {
                let v: String = chars.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, c)| c).collect();
                variants.entry(v).or_default().push(i);
            }
        }
    }
    let mut reported: std::collections::HashSet<(usize, usize)> = Default::default();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for members in variants.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (a, b) = (a.min(b), a.max(b));
                if a == b || skills[a].id == skills[b].id {
                    continue;
                }
                // "Python 2" and "Python 3", "Week 19" and "Week 199" are
                // numbered siblings, not typos: a one-edit difference that
                // only touches digits does not count.
                let letters = |s: &str| s.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
                let close = normalized[a] == normalized[b]
                    || (trailmap::suggest::levenshtein(&normalized[a], &normalized[b], 1) <= 1
                        && letters(&normalized[a]) != letters(&normalized[b]));
                if close && reported.insert((a, b)) {
                    pairs.push((a, b));
                }
            }
        }
    }
    pairs.sort_unstable();
    for (a, b) in pairs {
        let same = normalized[a] == normalized[b];
        out.push(
            ctx.diag(
                rule,
                format!(
                    "skills `{}` and `{}` have {} names: \"{}\" and \"{}\"",
                    skills[b].id,
                    skills[a].id,
                    if same { "the same" } else { "nearly the same" },
                    skills[b].name,
                    skills[a].name
                ),
            )
            .at(format!("/skills/{b}/name"))
            .with_help(format!("if they are one skill, merge them and keep `{}` in `former_ids`", skills[b].id)),
        );
    }
}

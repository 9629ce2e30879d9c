//! ## What it does
//!
//! Across all the roadmaps linted in one run, checks that a skill id has
//! the same `name` and the same `description` everywhere it appears.
//! (Roadmap-specific remarks belong in the skill's `note`, which may
//! differ.)
//!
//! ## Why it matters
//!
//! Skill ids are a shared vocabulary: a learner's progress on `docker` in
//! one roadmap counts in every other. If two roadmaps mean different things
//! by one id, that progress is wrong; if they only word it differently,
//! readers cannot tell.
//!
//! ## Example
//!
//! ```json
//! // roadmaps/a.json
//! { "id": "docker", "name": "Docker" }
//! // roadmaps/b.json
//! { "id": "docker", "name": "Docker basics" }
//! ```
//!
//! ## Fix
//!
//! Use one name and one description for the id in every roadmap; move what
//! is specific to one roadmap into that skill's `note`. If the skills really
//! differ, give one of them another id.

use std::collections::HashMap;

use trailmap::pointer::Pointer;
use trailmap::Diagnostic;

use crate::context::Context;
use crate::registry::Rule;

pub(crate) fn check(files: &[Context<'_>], rule: &Rule, out: &mut Vec<Diagnostic>) {
    if files.len() < 2 {
        return; // nothing to compare with; the table cost 4% of a lint at 1M skills
    }
    // id -> first (file, name, description) seen
    let mut first: HashMap<&str, (&str, &str, Option<&str>)> = HashMap::new();
    for ctx in files {
        for (i, skill) in ctx.roadmap.skills.iter().enumerate() {
            let entry = first.entry(skill.id.as_str()).or_insert((ctx.file, skill.name.as_str(), skill.description.as_deref()));
            if entry.0 == ctx.file {
                continue;
            }
            if entry.1 != skill.name {
                out.push(
                    ctx.diag(
                        rule,
                        format!("skill `{}` is named \"{}\" here but \"{}\" in {}", skill.id, skill.name, entry.1, entry.0),
                    )
                    .at(Pointer::item("skills", i).with("name"))
                    .with_help("use one name for a skill id in every roadmap"),
                );
            }
            if entry.2 != skill.description.as_deref() {
                out.push(
                    ctx.diag(rule, format!("skill `{}` is described differently here than in {}", skill.id, entry.0))
                        .at(Pointer::item("skills", i).with("description"))
                        .with_help("share one description; put what is specific to this roadmap in the skill's `note`"),
                );
            }
        }
    }
}

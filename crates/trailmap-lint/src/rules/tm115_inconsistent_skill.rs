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

use trailmap::SmallString;
use trailmap::Diagnostic;
use trailmap::diagnostic::preview_str;
use trailmap::pointer::Pointer;

use crate::context::Context;
use crate::registry::{FilesCheck, Rule};

pub(crate) fn start() -> Box<dyn FilesCheck> {
    Box::new(FirstSeen::default())
}

/// Each skill id's first definition in the run so far: the file (an index
/// in `files`), the name and the description, owned, as the models of
/// earlier files are gone.
#[derive(Default)]
struct FirstSeen {
    files: Vec<String>,
    first: HashMap<SmallString, (usize, SmallString, Option<String>)>,
}

impl FilesCheck for FirstSeen {
    fn add(&mut self, ctx: &Context<'_>, rule: &Rule, out: &mut Vec<Diagnostic>) {
        let file = self.files.len();
        self.files.push(ctx.file.to_owned());
        for (i, skill) in ctx.roadmap.skills.iter().enumerate() {
            let Some((first_file, name, description)) = self.first.get(skill.id.as_str()) else {
                self.first.insert(skill.id.clone(), (file, skill.name.clone(), skill.description.clone()));
                continue;
            };
            // A file named twice in a run is one file.
            let first_file = &self.files[*first_file];
            if first_file == ctx.file {
                continue;
            }
            if *name != skill.name {
                out.push(
                    ctx.diag(
                        rule,
                        format!(
                            "skill `{}` is named \"{}\" here but \"{}\" in {}",
                            skill.id,
                            preview_str(&skill.name),
                            preview_str(name),
                            first_file
                        ),
                    )
                    .at(Pointer::item("skills", i).with("name"))
                    .with_help("use one name for a skill id in every roadmap"),
                );
            }
            if *description != skill.description {
                out.push(
                    ctx.diag(rule, format!("skill `{}` is described differently here than in {}", skill.id, first_file))
                        .at(Pointer::item("skills", i).with("description"))
                        .with_help("share one description; put what is specific to this roadmap in the skill's `note`"),
                );
            }
        }
    }
}

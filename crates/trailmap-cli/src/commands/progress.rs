//! `trailmap progress`: record what the learner has done, is learning or
//! skips, without editing JSON by hand.

use std::path::{Path, PathBuf};

use trailmap::Date;
use trailmap::progress_file::{self, Change, UpdateError};
use trailmap::{Roadmap, SkillGraph};
use trailmap_lint::emit;
use trailmap_render::learner::ProgressReport;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

#[derive(clap::Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    action: Action,
}

/// Where the progress file is and which roadmap names the skills.
#[derive(clap::Args)]
struct Target {
    /// The progress file (default: $TRAILMAP_PROGRESS, else ./progress.json).
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
    /// The roadmap whose skill ids, names and aliases SKILL may use.
    /// Without it, each SKILL is recorded as an id, unchecked.
    #[arg(long, short, value_name = "ROADMAP")]
    roadmap: Option<PathBuf>,
}

#[derive(clap::Args)]
struct Skills {
    #[command(flatten)]
    target: Target,
    /// Skill ids, names or aliases (case-insensitive).
    #[arg(required = true, value_name = "SKILL")]
    skills: Vec<String>,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Mark skills as learned, dated today.
    Done(Skills),
    /// Mark skills as being learned; `--hours` sets the hours spent so far.
    Learning {
        #[command(flatten)]
        skills: Skills,
        /// Hours spent so far (0 or more); taken off the skill's remaining effort.
        #[arg(long, value_name = "H", allow_negative_numbers = true)]
        hours: Option<f64>,
    },
    /// Mark skills as skipped (already known, or not wanted).
    Skip(Skills),
    /// Forget the progress on skills.
    Reset(Skills),
    /// Show the progress file.
    Show {
        #[command(flatten)]
        target: Target,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: super::learner::TextOrJson,
    },
}

pub fn run(args: ProgressArgs) -> u8 {
    let (skills, change) = match args.action {
        Action::Done(s) => (s, Change::Done),
        Action::Skip(s) => (s, Change::Skip),
        Action::Reset(s) => (s, Change::Reset),
        Action::Learning { skills, hours } => {
            if let Some(h) = hours.filter(|h| !(h.is_finite() && *h >= 0.0)) {
                output::error(&format!("--hours must be 0 or more, not {h}"));
                return EXIT_USAGE;
            }
            (skills, Change::Learning { hours })
        }
        Action::Show { target, format } => return show(&target, format),
    };
    let path = progress_path(&skills.target);
    let roadmap = match skills.target.roadmap.as_deref().map(load_roadmap).transpose() {
        Ok(r) => r,
        Err(code) => return code,
    };
    // Resolve everything before touching the file: one bad name writes nothing.
    let ids = match resolve_all(roadmap.as_ref(), &skills.skills) {
        Ok(ids) => ids,
        Err(code) => return code,
    };
    let today = Date::today();
    let result = progress_file::update(&path, progress_file::DEFAULT_LOCK_TIMEOUT, |progress| {
        if let Some(r) = &roadmap {
            if !progress.roadmaps.contains(&r.id) {
                progress.roadmaps.push(r.id.clone());
            }
        }
        let before: Vec<_> = ids.iter().map(|id| progress.apply(id, change, today)).collect();
        Ok::<_, std::convert::Infallible>(before)
    });
    match result.map(|updated| (updated.result, updated.dropped_comments)) {
        Ok((Ok(_), dropped_comments)) => {
            if dropped_comments {
                warn_dropped_comments(&path);
            }
            let verb = match change {
                Change::Done => "done",
                Change::Learning { .. } => "learning",
                Change::Skip => "skipped",
                _ => "reset",
            };
            output::note(&format!("{}: {} {verb}", path.display(), ids.join(", ")));
            EXIT_OK
        }
        Ok((Err(never), _)) => match never {},
        Err(UpdateError::Invalid(diagnostics)) => {
            let text = std::fs::read(&path).map(crate::inputs::shown_text).unwrap_or_default();
            output::eprint(&emit::full(&diagnostics, &|_: &str| Some(text.as_str()), true));
            output::error(&format!("{} is not a valid progress file; it was left unchanged", path.display()));
            EXIT_FINDINGS
        }
        Err(err) => {
            output::error(&err.to_string());
            EXIT_USAGE
        }
    }
}

/// Progress files are rewritten whole; YAML comments cannot follow.
pub(crate) fn warn_dropped_comments(path: &Path) {
    output::warn(&format!("{}: its comments were not kept (the file is rewritten whole)", path.display()));
}

fn progress_path(target: &Target) -> PathBuf {
    let env = std::env::var_os(progress_file::PROGRESS_ENV);
    progress_file::locate(target.progress.as_deref(), env.as_deref()).0
}

fn load_roadmap(path: &Path) -> Result<Roadmap, u8> {
    let loaded = Roadmap::from_path(path).map_err(|err| {
        output::error(&err.to_string());
        EXIT_USAGE
    })?;
    match loaded.into_result() {
        Ok((r, _)) => Ok(r),
        Err(_) => {
            output::error(&format!("{} is not a valid roadmap; fix it first (trailmap validate)", path.display()));
            Err(EXIT_FINDINGS)
        }
    }
}

/// Skill ids for what the learner typed; every problem is reported.
fn resolve_all(roadmap: Option<&Roadmap>, typed: &[String]) -> Result<Vec<String>, u8> {
    if typed.iter().any(|t| t.trim().is_empty()) {
        output::error("a SKILL is empty: give skill ids, names or aliases");
        return Err(EXIT_USAGE);
    }
    let Some(roadmap) = roadmap else {
        return Ok(typed.iter().map(|t| t.trim().to_owned()).collect());
    };
    let graph = SkillGraph::new(roadmap);
    let mut ids = Vec::new();
    let mut failed = false;
    for query in typed {
        match graph.resolve(query) {
            Ok(skill) => ids.push(String::from(&skill.id)),
            Err(err) => {
                output::resolve_error("", &err);
                failed = true;
            }
        }
    }
    if failed { Err(EXIT_USAGE) } else { Ok(ids) }
}

fn show(target: &Target, format: super::learner::TextOrJson) -> u8 {
    let path = progress_path(target);
    let roadmap = match target.roadmap.as_deref().map(load_roadmap).transpose() {
        Ok(r) => r,
        Err(code) => return code,
    };
    let progress = match trailmap::Progress::from_path(&path) {
        Ok(loaded) if loaded.is_valid() => {
            let progress = loaded.progress.unwrap_or_default();
            if let Some(roadmap) = &roadmap {
                super::learner::warn_unknown_skills(&path, &progress, roadmap);
            }
            progress
        }
        Ok(loaded) => {
            let text = std::fs::read(&path).map(crate::inputs::shown_text).unwrap_or_default();
            output::eprint(&emit::full(&loaded.diagnostics, &|_: &str| Some(text.as_str()), true));
            return EXIT_FINDINGS;
        }
        Err(err) if err.source.kind() == std::io::ErrorKind::NotFound => trailmap::Progress::default(),
        Err(err) => {
            output::error(&err.to_string());
            return EXIT_USAGE;
        }
    };
    let report = ProgressReport::new(&path.display().to_string(), &progress, roadmap.as_ref());
    match format {
        super::learner::TextOrJson::Json => output::print(&report.json()),
        super::learner::TextOrJson::Text => output::print_styled(&report.text()),
    }
    EXIT_OK
}

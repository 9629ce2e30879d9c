//! `trailmap next`, `plan` and `schedule`: the learner's questions.

use std::path::{Path, PathBuf};

use trailmap::progress_file;
use trailmap::query::{NextOptions, Plan};
use trailmap::resolve::ResolveError;
use trailmap::{Progress, Roadmap, SkillGraph, Status};
use trailmap_lint::emit;
use trailmap_render::ics::IcsOptions;
use trailmap_render::learner::{NextReport, PlanReport, ScheduleReport, SkillsReport};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

/// Where the learner stands: a progress file and/or skills given inline.
#[derive(clap::Args)]
pub struct ProgressArgs {
    /// A progress file (see `trailmap schema progress`); default:
    /// $TRAILMAP_PROGRESS, else ./progress.json, when the file exists.
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
    /// Skills already learned, comma-separated ids, names or aliases (added
    /// to the progress file).
    #[arg(long, value_name = "SKILL,SKILL...", value_delimiter = ',')]
    done: Vec<String>,
}

#[derive(clap::Args)]
pub struct NextArgs {
    /// The roadmap file.
    roadmap: PathBuf,
    #[command(flatten)]
    progress: ProgressArgs,
    /// Rank skills that lead to this goal first (repeatable).
    #[arg(long, value_name = "SKILL")]
    goal: Vec<String>,
    /// Show at most N skills.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(clap::Args)]
pub struct PlanArgs {
    /// The roadmap file.
    roadmap: PathBuf,
    /// The skill to reach (repeatable).
    #[arg(long, value_name = "SKILL", required = true)]
    goal: Vec<String>,
    #[command(flatten)]
    progress: ProgressArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

#[derive(clap::Args)]
pub struct ScheduleArgs {
    /// The roadmap file.
    roadmap: PathBuf,
    /// Hours of study per week.
    #[arg(long, value_name = "H", allow_negative_numbers = true)]
    hours_per_week: f64,
    /// Schedule only what these goals need (repeatable); default: the whole roadmap.
    #[arg(long, value_name = "SKILL")]
    goal: Vec<String>,
    #[command(flatten)]
    progress: ProgressArgs,
    /// First day of week 1, as YYYY-MM-DD (needed for --format ics).
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ScheduleFormat,
    /// With --format ics: this many timed study sessions a week (evenings
    /// from 18:00) instead of one all-day event per week.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=7))]
    sessions_per_week: Option<u32>,
}

/// Now in Unix seconds, or `SOURCE_DATE_EPOCH` when set, for reproducible
/// calendars (reproducible-builds.org). A value that is not a whole number
/// of seconds from 1970 to the end of year 9999 (what a `DTSTAMP` can
/// write) is named in a warning and the current time used.
fn generation_time() -> i64 {
    if let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let text = value.to_string_lossy();
        let epoch = text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|&s| s >= 0 && trailmap::Date::from_unix_seconds(s).has_four_digit_year());
        match epoch {
            Some(epoch) => return epoch,
            None => output::warn(&format!(
                "SOURCE_DATE_EPOCH `{text}` is not a number of seconds from 1970 to year 9999; the current time is used"
            )),
        }
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// Friendly text.
    Text,
    /// Stable JSON (see the README).
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScheduleFormat {
    /// Friendly text.
    Text,
    /// Stable JSON (see the README).
    Json,
    /// An iCalendar file to import into a calendar.
    Ics,
}

/// Reads the progress file at `file` for `roadmap`, printing its problems
/// (an invalid file stops with 1, an unreadable one with 2) and warning,
/// located in the file and under `--quiet`'s rule, about entries on skills
/// the roadmap lacks. The learner commands and `render --progress` use it;
/// `progress show` and `migrate-progress` read theirs on their own (a
/// missing file is an empty progress there, and migration keeps the text).
pub(crate) fn read_progress(file: &Path, roadmap: &Roadmap) -> Result<Progress, u8> {
    let loaded = match Progress::from_path(file) {
        Ok(loaded) => loaded,
        Err(err) => {
            output::error(&err.to_string());
            return Err(EXIT_USAGE);
        }
    };
    if !loaded.is_valid() {
        let text = std::fs::read(file).map(crate::inputs::shown_text).unwrap_or_default();
        output::eprint(&emit::full(&loaded.diagnostics, &|_: &str| Some(text.as_str()), true));
        output::error(&format!("{} is not a valid progress file", file.display()));
        return Err(EXIT_FINDINGS);
    }
    let progress = loaded.progress.unwrap_or_default();
    warn_unknown_skills(file, &progress, roadmap);
    Ok(progress)
}

/// Warns, located in the progress file at `file` and under `--quiet`'s
/// rule, about its entries on skills `roadmap` lacks (`TM050`, with
/// "did you mean").
pub(crate) fn warn_unknown_skills(file: &Path, progress: &Progress, roadmap: &Roadmap) {
    let mut warnings = progress.unknown_skills(&[roadmap]);
    if warnings.is_empty() {
        return;
    }
    for w in &mut warnings {
        w.file = file.display().to_string().into();
    }
    let text = std::fs::read(file).map(crate::inputs::shown_text).unwrap_or_default();
    trailmap::locate(&text, &mut warnings);
    output::eprint_warnings(&emit::full(&warnings, &|_: &str| Some(text.as_str()), true));
}

/// Loads the roadmap and the progress, printing problems. `Err` is the
/// exit code to stop with.
fn setup(path: &PathBuf, args: &ProgressArgs) -> Result<(Roadmap, Progress), u8> {
    let roadmap = load_roadmap(path)?;
    let mut progress = Progress::default();
    // The flag must name a file; the environment and the default are read
    // only when the file is there.
    let env = std::env::var_os(progress_file::PROGRESS_ENV);
    let (file, origin) = progress_file::locate(args.progress.as_deref(), env.as_deref());
    if origin == progress_file::PathOrigin::Flag || file.is_file() {
        progress = read_progress(&file, &roadmap)?;
    }
    let graph = SkillGraph::new(&roadmap);
    let mut done = Vec::new();
    for typed in args.done.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        match graph.resolve(typed) {
            Ok(skill) => done.push(skill.id.as_str()),
            // A --done list often serves several roadmaps: a skill this one
            // lacks is worth a warning, not a stop.
            Err(err @ ResolveError::Unknown { .. }) => {
                output::warn(&format!("--done: {err}; {} does not teach it", roadmap.id));
            }
            Err(err) => {
                output::resolve_error("--done: ", &err);
                return Err(EXIT_USAGE);
            }
        }
    }
    progress.mark_all(done.iter().copied(), Status::Done);
    Ok((roadmap, progress))
}

/// Loads a valid roadmap, printing its problems; a progress file given in
/// its place gets a hint.
fn load_roadmap(path: &PathBuf) -> Result<Roadmap, u8> {
    let loaded = match Roadmap::from_path(path) {
        Ok(loaded) => loaded,
        Err(err) => {
            output::error(&err.to_string());
            return Err(EXIT_USAGE);
        }
    };
    // Only a valid roadmap is queried: a partial model (a misspelt key
    // dropped) would suggest skills whose prerequisites are unmet.
    let diagnostics = match loaded.into_result() {
        Ok((roadmap, _)) => return Ok(roadmap),
        Err(diagnostics) => diagnostics,
    };
    if Progress::from_path(path).is_ok_and(|p| p.is_valid() && p.progress.is_some_and(|p| !p.skills.0.is_empty())) {
        output::error(&format!(
            "{} is a progress file, not a roadmap: give the roadmap first and this file with --progress",
            path.display()
        ));
        return Err(EXIT_USAGE);
    }
    let source = std::fs::read(path).map(crate::inputs::shown_text).unwrap_or_default();
    let lookup = |_: &str| Some(source.as_str());
    output::eprint(&emit::full(&diagnostics, &lookup, true));
    output::error(&format!("{} is not a valid roadmap; fix it first (trailmap validate)", path.display()));
    Err(EXIT_FINDINGS)
}

/// Goal ids for goals typed as ids, names or aliases.
fn resolve_goals(graph: &SkillGraph<'_>, goals: &[String]) -> Result<Vec<String>, u8> {
    goals
        .iter()
        .map(|g| {
            graph.resolve(g).map(|s| String::from(&s.id)).map_err(|err| {
                output::resolve_error("--goal: ", &err);
                EXIT_USAGE
            })
        })
        .collect()
}

pub fn next(args: NextArgs) -> u8 {
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    let goals = match resolve_goals(&graph, &args.goal) {
        Ok(goals) => goals,
        Err(code) => return code,
    };
    let all = match graph.next(&progress, &NextOptions::default().with_goals(goals)) {
        Ok(all) => all,
        Err(err) => {
            output::error(&format!("--goal: {err}"));
            return EXIT_USAGE;
        }
    };
    let shown = &all[..args.limit.unwrap_or(usize::MAX).min(all.len())];
    let report = NextReport::new(&roadmap, &progress, shown, all.len());
    match args.format {
        TextOrJson::Json => output::print(&report.json()),
        TextOrJson::Text => output::print_styled(&report.text(shown)),
    }
    EXIT_OK
}

fn build_plan<'r>(graph: &SkillGraph<'r>, goals: &[String], progress: &Progress) -> Result<Plan<'r>, u8> {
    let goals = resolve_goals(graph, goals)?;
    let goal_refs: Vec<&str> = goals.iter().map(String::as_str).collect();
    let plan = if goal_refs.is_empty() { graph.plan_all(progress) } else { graph.plan(&goal_refs, progress) };
    plan.map_err(|err| {
        output::error(&err.to_string());
        EXIT_USAGE
    })
}

pub fn plan(args: PlanArgs) -> u8 {
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    let plan = match build_plan(&graph, &args.goal, &progress) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let report = PlanReport::new(&graph, &plan, &progress);
    match args.format {
        TextOrJson::Json => output::print(&report.json()),
        TextOrJson::Text => output::print_styled(&report.text(&plan)),
    }
    EXIT_OK
}

pub fn schedule(args: ScheduleArgs) -> u8 {
    if !(args.hours_per_week.is_finite() && args.hours_per_week > 0.0) {
        output::error("--hours-per-week must be a positive number");
        return EXIT_USAGE;
    }
    let start = match args.start.as_deref().map(|s| (s, trailmap::Date::parse(s))) {
        Some((text, None)) => {
            let shaped = text.len() == 10
                && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
            if shaped {
                output::error(&format!("--start `{text}`: that day does not exist"));
            } else {
                output::error(&format!("--start `{text}` is not a date in the form YYYY-MM-DD"));
            }
            return EXIT_USAGE;
        }
        Some((_, Some(date))) => Some(date),
        None => None,
    };
    if args.format != ScheduleFormat::Ics && args.sessions_per_week.is_some() {
        output::warn("--sessions-per-week only shapes --format ics; it is ignored here");
    }
    if args.format == ScheduleFormat::Ics && start.is_none() {
        output::error("--format ics needs --start YYYY-MM-DD (the first day of week 1)");
        return EXIT_USAGE;
    }
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    let plan = match build_plan(&graph, &args.goal, &progress) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    let schedule = match plan.schedule(args.hours_per_week) {
        Ok(s) => s,
        Err(err) => {
            output::error(&err.to_string());
            // Too long: the file's efforts are the problem, not the invocation.
            return if matches!(err, trailmap::query::QueryError::TooLong(_)) { EXIT_FINDINGS } else { EXIT_USAGE };
        }
    };
    // Dates are written with four-digit years (YYYY-MM-DD, RFC 5545); the
    // last written is the last week's last day, or in iCalendar the day
    // after it (its exclusive `DTEND`).
    if let Some(start) = start {
        let after_last = if matches!(args.format, ScheduleFormat::Ics) { 7 } else { 6 };
        let last = trailmap_render::learner::week_start(start, schedule.weeks.max(1)).add_days(after_last);
        if !(start.has_four_digit_year() && last.has_four_digit_year()) {
            output::error(&format!(
                "--start {start}: the schedule's {} week(s) would run to {last}, outside years 1 to 9999",
                schedule.weeks.max(1)
            ));
            return EXIT_USAGE;
        }
    }
    let report = ScheduleReport::new(&graph, &schedule, start);
    match args.format {
        ScheduleFormat::Json => output::print(&report.json()),
        ScheduleFormat::Ics => {
            // `--format ics` without `--start` was refused above.
            if let Some(start) = start {
                let mut options = IcsOptions::new(start, generation_time());
                options.sessions_per_week = args.sessions_per_week;
                output::print(&trailmap_render::ics::ics(&roadmap, &schedule, &options));
            }
        }
        ScheduleFormat::Text => output::print_styled(&report.text(&schedule)),
    }
    EXIT_OK
}
#[derive(clap::Args)]
pub struct SkillsArgs {
    /// The roadmap file.
    roadmap: PathBuf,
    /// Show only skills whose id, name or an alias contains this (any case).
    query: Option<String>,
    #[command(flatten)]
    progress: ProgressArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

pub fn skills(args: SkillsArgs) -> u8 {
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    let report = SkillsReport::new(&graph, &progress, args.query.as_deref());
    match args.format {
        TextOrJson::Json => output::print(&report.json()),
        TextOrJson::Text => output::print_styled(&report.text()),
    }
    EXIT_OK
}

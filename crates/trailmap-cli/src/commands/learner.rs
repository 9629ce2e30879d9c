//! `trailmap next`, `plan` and `schedule`: the learner's questions.

use std::path::PathBuf;

use trailmap::query::{NextOptions, Plan, Schedule};
use trailmap::{Progress, Roadmap, SkillGraph, Status};
use trailmap_lint::emit;
use trailmap_render::learner::{NextReport, PlanReport, ScheduleReport};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

/// Where the learner stands: a progress file and/or skills given inline.
#[derive(clap::Args)]
pub struct ProgressArgs {
    /// A progress file (see `trailmap schema progress`).
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
    /// Skills already learned, comma-separated (added to --progress).
    #[arg(long, value_name = "ID,ID...", value_delimiter = ',')]
    done: Vec<String>,
}

#[derive(clap::Args)]
pub struct NextArgs {
    /// The roadmap file.
    roadmap: PathBuf,
    #[command(flatten)]
    progress: ProgressArgs,
    /// Rank skills that lead to this goal first (repeatable).
    #[arg(long, value_name = "ID")]
    goal: Vec<String>,
    /// Show at most N skills.
    #[arg(long, value_name = "N")]
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
    #[arg(long, value_name = "ID", required = true)]
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
    #[arg(long, value_name = "H")]
    hours_per_week: f64,
    /// Schedule only what these goals need (repeatable); default: the whole roadmap.
    #[arg(long, value_name = "ID")]
    goal: Vec<String>,
    #[command(flatten)]
    progress: ProgressArgs,
    /// First day of week 1, as YYYY-MM-DD (needed for --format ics).
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ScheduleFormat,
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

/// Loads the roadmap and the progress, printing problems. `Err` is the
/// exit code to stop with.
fn setup(path: &PathBuf, args: &ProgressArgs) -> Result<(Roadmap, Progress), u8> {
    let loaded = match Roadmap::from_path(path) {
        Ok(loaded) => loaded,
        Err(err) => {
            output::error(&err.to_string());
            return Err(EXIT_USAGE);
        }
    };
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let lookup = |_: &str| Some(source.as_str());
    if !loaded.is_valid() {
        output::eprint(&emit::full(&loaded.diagnostics, &lookup, emit::Style::default()));
        output::error(&format!("{} is not a valid roadmap; fix it first (trailmap validate)", path.display()));
        return Err(EXIT_FINDINGS);
    }
    let Some(roadmap) = loaded.roadmap else { return Err(EXIT_FINDINGS) };
    let mut progress = Progress::default();
    if let Some(file) = &args.progress {
        let loaded = match Progress::from_path(file) {
            Ok(loaded) => loaded,
            Err(err) => {
                output::error(&err.to_string());
                return Err(EXIT_USAGE);
            }
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let lookup = |_: &str| Some(text.as_str());
        if !loaded.is_valid() {
            output::eprint(&emit::full(&loaded.diagnostics, &lookup, emit::Style::default()));
            output::error(&format!("{} is not a valid progress file", file.display()));
            return Err(EXIT_FINDINGS);
        }
        progress = loaded.progress.unwrap_or_default();
        let mut warnings = progress.unknown_skills(&[&roadmap]);
        for w in &mut warnings {
            w.file = file.display().to_string();
        }
        trailmap::locate(&text, &mut warnings);
        output::eprint(&emit::full(&warnings, &lookup, emit::Style::default()));
    }
    progress.mark_all(args.done.iter().map(String::as_str).filter(|s| !s.is_empty()), Status::Done);
    let unknown: Vec<&str> = args
        .done
        .iter()
        .map(String::as_str)
        .filter(|id| !id.is_empty() && roadmap.skills.iter().all(|s| s.id != *id))
        .collect();
    for id in unknown {
        let hint = trailmap::suggest::did_you_mean(id, roadmap.skills.iter().map(|s| s.id.as_str()))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        output::warn(&format!("--done names `{id}`, which {} does not have{hint}", roadmap.id));
    }
    Ok((roadmap, progress))
}

pub fn next(args: NextArgs) -> u8 {
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    for goal in &args.goal {
        if graph.skill(goal).is_none() {
            output::error(
                &trailmap::query::QueryError::UnknownSkill { id: goal.clone(), suggestion: suggest(&roadmap, goal) }
                    .to_string(),
            );
            return EXIT_USAGE;
        }
    }
    let all = graph.next(&progress, &NextOptions { goals: args.goal.clone(), limit: None });
    let shown = &all[..args.limit.unwrap_or(usize::MAX).min(all.len())];
    let report = NextReport::new(&roadmap, &progress, shown, all.len());
    match args.format {
        TextOrJson::Json => output::print(&report.json()),
        TextOrJson::Text => output::print_styled(&report.text(shown)),
    }
    EXIT_OK
}

fn suggest(roadmap: &Roadmap, id: &str) -> Option<String> {
    trailmap::suggest::did_you_mean(id, roadmap.skills.iter().map(|s| s.id.as_str())).map(str::to_owned)
}

fn build_plan<'r>(graph: &SkillGraph<'r>, goals: &[String], progress: &Progress) -> Result<Plan<'r>, u8> {
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
    let start = match args.start.as_deref().map(|s| (s, trailmap::query::Date::parse(s))) {
        Some((text, None)) => {
            output::error(&format!("--start `{text}` is not a date in the form YYYY-MM-DD"));
            return EXIT_USAGE;
        }
        Some((_, Some(date))) => Some(date),
        None => None,
    };
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
    let schedule = match graph.schedule(&plan, args.hours_per_week) {
        Ok(s) => s,
        Err(err) => {
            output::error(&err.to_string());
            // Too long: the file's efforts are the problem, not the invocation.
            return if matches!(err, trailmap::query::QueryError::TooLong(_)) { EXIT_FINDINGS } else { EXIT_USAGE };
        }
    };
    let report = ScheduleReport::new(&graph, &schedule, start);
    match args.format {
        ScheduleFormat::Json => output::print(&report.json()),
        ScheduleFormat::Ics => {
            // `--format ics` without `--start` was refused above.
            if let Some(start) = start {
                output::print(&ics(&roadmap, &schedule, start));
            }
        }
        ScheduleFormat::Text => output::print_styled(&report.text(&schedule)),
    }
    EXIT_OK
}
/// Folds a content line at 75 octets, as RFC 5545 requires.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn ics(roadmap: &Roadmap, schedule: &Schedule<'_>, start: trailmap::query::Date) -> String {
    let compact = |d: trailmap::query::Date| d.to_string().replace('-', "");
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//trailmap//schedule//EN", "CALSCALE:GREGORIAN"] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", trailmap::escape::ics(&roadmap.title))));
    for s in &schedule.items {
        let first = start.add_days(7 * (i64::from(s.start_week) - 1));
        let end = start.add_days(7 * i64::from(s.end_week));
        out.push_str(&fold("BEGIN:VEVENT"));
        out.push_str(&fold(&format!(
            "UID:{}-{}@trailmap",
            trailmap::escape::ics(&roadmap.id),
            trailmap::escape::ics(&s.skill.id)
        )));
        out.push_str(&fold(&format!("DTSTAMP:{}T000000Z", compact(start))));
        out.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", compact(first))));
        out.push_str(&fold(&format!("DTEND;VALUE=DATE:{}", compact(end))));
        out.push_str(&fold(&format!("SUMMARY:Learn {}", trailmap::escape::ics(&s.skill.name))));
        let estimated = if s.effort.is_estimated() { " (estimated)" } else { "" };
        out.push_str(&fold(&format!(
            "DESCRIPTION:{}{estimated} over weeks {}-{} of {}",
            trailmap::escape::ics(&trailmap::effort::format_hours(s.effort.hours)),
            s.start_week,
            s.end_week,
            trailmap::escape::ics(&roadmap.title)
        )));
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

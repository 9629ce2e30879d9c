//! `trailmap next`, `plan` and `schedule`: the learner's questions.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::json;
use trailmap::query::{NextOptions, Plan, Schedule};
use trailmap::{Progress, Roadmap, SkillGraph, Status};
use trailmap_lint::emit;

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
    match args.format {
        TextOrJson::Json => {
            let items: Vec<_> = shown
                .iter()
                .enumerate()
                .map(|(rank, s)| {
                    json!({
                        "rank": rank + 1,
                        "id": s.skill.id,
                        "name": s.skill.name,
                        "optional": s.skill.optional,
                        "reasons": s.reasons.iter().map(|r| json!({"kind": r.kind(), "text": r.to_string()})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            output::print(&pretty(&json!(items)));
        }
        TextOrJson::Text => {
            let done = roadmap.skills.iter().filter(|s| progress.is_satisfied(&s.id)).count();
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{}: {} of {} skills done; you can start {} now{}.\n",
                emit::sanitize(&roadmap.title),
                done,
                roadmap.skills.len(),
                all.len(),
                if shown.len() < all.len() { format!(" (showing {})", shown.len()) } else { String::new() }
            );
            let width = shown.iter().map(|s| s.skill.name.chars().count().min(40)).max().unwrap_or(0);
            for (rank, s) in shown.iter().enumerate() {
                let reasons: Vec<String> = s.reasons.iter().map(ToString::to_string).collect();
                let name = emit::sanitize(&s.skill.name);
                let _ = writeln!(out, "{:>3}. {name:<width$}  {}", rank + 1, emit::sanitize(&reasons.join(" · ")));
            }
            if all.is_empty() {
                out.push_str("Nothing to start: every skill is done, or waits on one being learned.\n");
            }
            output::print(&out);
        }
    }
    EXIT_OK
}

fn suggest(roadmap: &Roadmap, id: &str) -> Option<String> {
    trailmap::suggest::did_you_mean(id, roadmap.skills.iter().map(|s| s.id.as_str())).map(str::to_owned)
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn build_plan<'r>(
    graph: &SkillGraph<'r>,
    goals: &[String],
    progress: &Progress,
    pace: Option<f64>,
) -> Result<Plan<'r>, u8> {
    let goal_refs: Vec<&str> = goals.iter().map(String::as_str).collect();
    let plan =
        if goal_refs.is_empty() { graph.plan_all(progress, pace) } else { graph.plan(&goal_refs, progress, pace) };
    plan.map_err(|err| {
        output::error(&err.to_string());
        EXIT_USAGE
    })
}

fn hours(h: f64) -> String {
    let rounded = (h * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0} h") } else { format!("{rounded:.1} h") }
}

pub fn plan(args: PlanArgs) -> u8 {
    let (roadmap, progress) = match setup(&args.roadmap, &args.progress) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let graph = SkillGraph::new(&roadmap);
    let plan = match build_plan(&graph, &args.goal, &progress, None) {
        Ok(plan) => plan,
        Err(code) => return code,
    };
    match args.format {
        TextOrJson::Json => {
            let items: Vec<_> = plan
                .steps
                .iter()
                .map(|s| {
                    let mut item = json!({
                        "id": s.skill.id,
                        "name": s.skill.name,
                        "hours": s.effort.hours,
                        "estimated": s.effort.is_estimated(),
                        "status": progress.status(&s.skill.id).map(|st| match st { Status::Learning => "learning", Status::Done => "done", Status::Skipped => "skipped" }),
                    });
                    if let Some(c) = &s.chosen {
                        item["chosen"] = json!({"for": c.for_skill, "over": c.over, "why": c.why});
                    }
                    item
                })
                .collect();
            output::print(&pretty(&json!(items)));
        }
        TextOrJson::Text => {
            let mut out = String::new();
            let goals: Vec<String> =
                plan.goals.iter().map(|g| graph.skill(g).map_or(g.clone(), |s| s.name.clone())).collect();
            if plan.steps.is_empty() {
                let _ =
                    writeln!(out, "Nothing left to learn for {}: you are there.", emit::sanitize(&goals.join(", ")));
                output::print(&out);
                return EXIT_OK;
            }
            let _ = writeln!(
                out,
                "To reach {}: {} skills, about {} in all.\n",
                emit::sanitize(&goals.join(", ")),
                plan.steps.len(),
                hours(plan.total_hours)
            );
            let width = plan.steps.iter().map(|s| s.skill.name.chars().count().min(40)).max().unwrap_or(0);
            let mut estimated = false;
            for (i, s) in plan.steps.iter().enumerate() {
                let mark = if s.effort.is_estimated() { "*" } else { " " };
                estimated |= s.effort.is_estimated();
                let mut line = format!(
                    "{:>3}. {:<width$}  {:>7}{mark}",
                    i + 1,
                    emit::sanitize(&s.skill.name),
                    hours(s.effort.hours)
                );
                if progress.status(&s.skill.id) == Some(Status::Learning) {
                    line.push_str("  (learning)");
                }
                if let Some(c) = &s.chosen {
                    let _ = write!(line, "  chosen for {} over {} ({})", c.for_skill, c.over.join(", "), c.why);
                }
                out.push_str(emit::sanitize(&line).trim_end());
                out.push('\n');
            }
            if estimated {
                out.push_str("\n* estimated from the phase's span; the roadmap gives no effort for these skills\n");
            }
            output::print(&out);
        }
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
    let plan = match build_plan(&graph, &args.goal, &progress, Some(args.hours_per_week)) {
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
    let week_start = |w: u32| start.map(|d| d.add_days(7 * (i64::from(w) - 1)));
    match args.format {
        ScheduleFormat::Json => {
            let items: Vec<_> = schedule
                .items
                .iter()
                .map(|s| {
                    json!({
                        "id": s.skill.id,
                        "name": s.skill.name,
                        "hours": s.effort.hours,
                        "estimated": s.effort.is_estimated(),
                        "start_week": s.start_week,
                        "end_week": s.end_week,
                        "hours_by_week": s.hours_by_week,
                        "start_date": week_start(s.start_week).map(|d| d.to_string()),
                    })
                })
                .collect();
            output::print(&pretty(
                &json!({"hours_per_week": schedule.hours_per_week, "weeks": schedule.weeks, "items": items}),
            ));
        }
        ScheduleFormat::Ics => {
            // `--format ics` without `--start` was refused above.
            if let Some(start) = start {
                output::print(&ics(&roadmap, &schedule, start));
            }
        }
        ScheduleFormat::Text => output::print(&schedule_text(&roadmap, &schedule, &week_start)),
    }
    EXIT_OK
}

fn schedule_text(
    roadmap: &Roadmap,
    schedule: &Schedule<'_>,
    week_start: &dyn Fn(u32) -> Option<trailmap::query::Date>,
) -> String {
    let mut out = String::new();
    if schedule.items.is_empty() {
        out.push_str("Nothing left to schedule.\n");
        return out;
    }
    let total: f64 = schedule.items.iter().map(|s| s.effort.hours).sum();
    let _ = writeln!(
        out,
        "{} at {} a week: {} weeks, {} in all.",
        emit::sanitize(&roadmap.title),
        hours(schedule.hours_per_week),
        schedule.weeks,
        hours(total)
    );
    let mut estimated = false;
    for week in 1..=schedule.weeks {
        let date = week_start(week).map(|d| format!(" (from {d})")).unwrap_or_default();
        let _ = writeln!(out, "\nWeek {week}{date}");
        for s in &schedule.items {
            if week < s.start_week || week > s.end_week {
                continue;
            }
            let h = s.hours_by_week[(week - s.start_week) as usize];
            let note = if s.start_week == s.end_week {
                String::new()
            } else if week == s.start_week {
                " (continues)".into()
            } else if week == s.end_week {
                " (finishes)".into()
            } else {
                " (continued)".into()
            };
            let mark = if s.effort.is_estimated() { "*" } else { "" };
            estimated |= s.effort.is_estimated();
            let _ = writeln!(out, "  {:>6}{mark:1}  {}{note}", hours(h), emit::sanitize(&s.skill.name));
        }
    }
    if estimated {
        out.push_str("\n* effort estimated from the phase's span at this pace; the roadmap gives none\n");
    }
    out
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
            trailmap::escape::ics(&hours(s.effort.hours)),
            s.start_week,
            s.end_week,
            trailmap::escape::ics(&roadmap.title)
        )));
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

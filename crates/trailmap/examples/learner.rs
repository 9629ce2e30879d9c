//! What a learner does next, and the plan to a goal at a pace: the
//! library's learner queries on a roadmap file.
//!
//! ```text
//! cargo run -p trailmap --example learner -- roadmaps/ml-engineer-12-weeks.json --done python,git --goal pytorch
//! ```
//!
//! Without arguments it uses a small built-in roadmap.

use std::process::ExitCode;

use trailmap::query::NextOptions;
use trailmap::{Progress, Roadmap, SkillGraph};

const SAMPLE: &str = r#"{
  "id": "sample", "title": "Sample", "version": "1.0.0",
  "skills": [
    {"id": "python", "name": "Python", "effort_hours": 20},
    {"id": "git", "name": "Git", "effort_hours": 4},
    {"id": "numpy", "name": "NumPy", "prerequisites": ["python"], "effort_hours": 8},
    {"id": "pandas", "name": "Pandas", "prerequisites": ["numpy"], "effort_hours": 10}
  ]
}"#;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut done: Vec<String> = Vec::new();
    let mut goals: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--done" => done.extend(args.next().unwrap_or_default().split(',').map(str::to_owned)),
            "--goal" => goals.extend(args.next()),
            _ => file = Some(arg),
        }
    }
    let loaded = match &file {
        Some(path) => match Roadmap::from_path(path) {
            Ok(loaded) => loaded,
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::from(2);
            }
        },
        None => {
            if done.is_empty() && goals.is_empty() {
                done.push("python".into());
                goals.push("pandas".into());
            }
            Roadmap::from_json_str(SAMPLE)
        }
    };
    // Queries need a valid roadmap: a partial one would suggest skills whose
    // prerequisites were dropped with a misspelt key.
    let roadmap = match loaded.into_result() {
        Ok((roadmap, _warnings)) => roadmap,
        Err(diagnostics) => {
            for d in diagnostics {
                eprintln!("{}[{}] {}: {}", d.severity.as_str(), d.code, d.pointer, d.message.escape_debug());
            }
            return ExitCode::FAILURE;
        }
    };
    let graph = SkillGraph::new(&roadmap);
    let progress = Progress::with_done(done.iter().map(String::as_str));

    let options = NextOptions::default().with_goals(goals.iter().cloned()).with_limit(5);
    let next = match graph.next(&progress, &options) {
        Ok(next) => next,
        Err(err) => {
            eprintln!("--goal: {err}");
            return ExitCode::from(2);
        }
    };
    println!("Next:");
    for s in &next {
        let reasons: Vec<String> = s.reasons.iter().map(ToString::to_string).collect();
        let why = if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join("; ")) };
        println!("  {}{why}", s.skill.name.escape_debug());
    }

    let plan = if goals.is_empty() { graph.plan_all(&progress) } else { graph.plan(&goals, &progress) };
    let schedule = match plan.and_then(|plan| plan.schedule(8.0).map(|schedule| (plan, schedule))) {
        Ok(found) => found,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let (plan, schedule) = schedule;
    println!(
        "Plan: {} skills, {:.0} hours, {} weeks at 8 hours a week",
        plan.steps.len(),
        plan.total_hours,
        schedule.weeks
    );
    for item in &schedule.items {
        println!("  weeks {:>2}-{:<2} {}", item.start_week, item.end_week, item.skill.name.escape_debug());
    }
    ExitCode::SUCCESS
}

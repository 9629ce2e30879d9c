//! Command-line definition and dispatch.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// Exit status: everything was fine.
pub const EXIT_OK: u8 = 0;
/// Exit status: problems were found in the input.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: the invocation itself failed (usage, I/O, config).
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "trailmap",
    version,
    about = "Learning roadmaps as data: validate, query, render, lint and diff them.",
    long_about = None,
    after_help = "Examples:\n  trailmap validate roadmaps/\n  trailmap next roadmaps/ml-engineer-12-weeks.json --done python,git\n  trailmap schema > roadmap.schema.json\n\nExit status: 0 ok, 1 problems found, 2 usage or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check roadmap files: JSON syntax, schema, then meaning (duplicate
    /// ids, unknown references, cycles).
    #[command(
        after_help = "Examples:\n  trailmap validate roadmaps/\n  trailmap validate a.json b.json --format json\n\nExit status: 0 all valid, 1 a problem found, 2 usage or I/O error."
    )]
    Validate(commands::validate::Args),
    /// What can I learn next? Skills whose prerequisites you have, ranked,
    /// each with why.
    #[command(
        after_help = "Examples:\n  trailmap next roadmaps/ml-engineer-12-weeks.json --done python,git\n  trailmap next roadmap.json --progress me.json --goal fastapi --limit 5\n  trailmap next roadmap.json --format json"
    )]
    Next(commands::learner::NextArgs),
    /// What must I learn to reach a skill? Everything still needed, in a
    /// valid order, with effort.
    #[command(
        after_help = "Examples:\n  trailmap plan roadmaps/ml-engineer-12-weeks.json --goal fastapi --done python\n  trailmap plan roadmap.json --goal docker --goal mlflow --format json"
    )]
    Plan(commands::learner::PlanArgs),
    /// How does it fit in N hours a week? The plan (or whole roadmap)
    /// packed into weeks.
    #[command(
        after_help = "Examples:\n  trailmap schedule roadmaps/ml-engineer-12-weeks.json --hours-per-week 10\n  trailmap schedule roadmap.json --hours-per-week 6 --goal fastapi --start 2027-01-04 --format ics > plan.ics"
    )]
    Schedule(commands::learner::ScheduleArgs),
    /// Print a JSON Schema (draft 2020-12) generated from trailmap's types.
    #[command(after_help = "Examples:\n  trailmap schema > schemas/roadmap.schema.json\n  trailmap schema progress")]
    Schema(commands::schema::Args),
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // Help and version requests are not errors.
            return ExitCode::from(if err.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Validate(args) => commands::validate::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Next(args) => commands::learner::next(args),
        Command::Plan(args) => commands::learner::plan(args),
        Command::Schedule(args) => commands::learner::schedule(args),
    };
    ExitCode::from(code)
}

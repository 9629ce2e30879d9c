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
    /// When to use colour: auto (a terminal, unless NO_COLOR, CLICOLOR=0 or
    /// TERM=dumb; CLICOLOR_FORCE forces it), always or never.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: crate::output::Color,
    /// Print no warnings, notes or summaries: only results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check roadmap files: JSON syntax, schema, then meaning (duplicate
    /// ids, unknown references, cycles).
    #[command(
        after_help = "Examples:\n  trailmap validate roadmaps/\n  trailmap validate a.json b.json --format json\n\nExit status: 0 all valid, 1 a problem found, 2 usage or I/O error."
    )]
    Validate(commands::validate::Args),
    /// Lint roadmap files: validation plus rules a maintainer wants, with
    /// configuration, suppressions, safe fixes and CI output formats.
    #[command(
        after_help = "Examples:\n  trailmap lint roadmaps/\n  trailmap lint roadmaps/ --fix\n  trailmap lint roadmaps/ --diff\n  trailmap lint roadmaps/ --format sarif > trailmap.sarif\n  trailmap lint roadmaps/ --select TM101,redundant-prerequisite --fail-on warning\n\nConfiguration: trailmap.toml in the linted path or an ancestor (see the README).\nExit status: 0 clean (or only findings below fail-on), 1 findings, 2 usage, config or I/O error."
    )]
    Lint(commands::lint::LintArgs),
    /// Show a lint rule's documentation, or list every rule.
    #[command(
        after_help = "Examples:\n  trailmap rule TM107\n  trailmap rule redundant-prerequisite\n  trailmap rule --all --format json"
    )]
    Rule(commands::lint::RuleArgs),
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
    /// Record progress: mark skills done, being learned or skipped, by id,
    /// name or alias; or show the progress file.
    #[command(
        after_help = "Examples:\n  trailmap progress done python git -r roadmaps/ml-engineer-12-weeks.json\n  trailmap progress done \"Model Serving\" --roadmap roadmap.json --progress me.json\n  trailmap progress learning docker --hours 3 -r roadmap.json\n  trailmap progress show -r roadmap.json\n\nThe file is --progress FILE, else $TRAILMAP_PROGRESS, else ./progress.json (next, plan and schedule read the same).\nExit status: 0 ok, 1 the progress file or roadmap is invalid, 2 usage (unknown or ambiguous skill) or I/O error."
    )]
    Progress(commands::progress::ProgressArgs),
    /// List or search a roadmap's skills: id, name, phase and your status.
    #[command(
        after_help = "Examples:\n  trailmap skills roadmaps/ml-engineer-12-weeks.json\n  trailmap skills roadmap.json algebra\n  trailmap skills roadmap.json --format json"
    )]
    Skills(commands::learner::SkillsArgs),
    /// Show a roadmap to people: a Markdown document, or the prerequisite
    /// graph as Mermaid (GitHub draws it) or Graphviz DOT.
    #[command(
        after_help = "Examples:\n  trailmap render roadmaps/ml-engineer-12-weeks.json > roadmap.md\n  trailmap render roadmap.json --format mermaid\n  trailmap render roadmap.json --format dot --no-group | dot -Tsvg > graph.svg\n  trailmap render roadmap.json --format svg > graph.svg\n  trailmap render roadmap.json --format html --progress me.json > roadmap.html\n\nExit status: 0 ok, 1 the roadmap is not valid, 2 usage or I/O error."
    )]
    Render(commands::render::Args),
    /// Import a roadmap published as Markdown prose, a roadmap.sh graph or a
    /// Metacademy concept folder into trailmap JSON, with a report of where every source element went.
    #[command(
        after_help = "Examples:\n  trailmap import markdown roadmap.md -o roadmap.json\n  trailmap import markdown plan.md --vocabulary roadmaps/ --report json 2> report.json\n  trailmap import roadmap-sh graph.json -o roadmap.json\n  trailmap import metacademy metacademy-content/ --keep-dangling\n\nThe roadmap goes to stdout (or -o OUT) and always validates; the report goes to stderr.\nExit status: 0 ok, 1 the source is not UTF-8, too large or (roadmap-sh) not a graph, 2 usage or I/O error."
    )]
    Import(commands::import::Args),
    /// What changed between two versions of a roadmap, and which semver
    /// bump that requires.
    #[command(
        after_help = "Examples:\n  trailmap diff old.json new.json\n  trailmap diff origin/main:roadmaps/x.json roadmaps/x.json --check-version\n  trailmap diff old.json new.json --format markdown > comment.md\n  trailmap diff old.json new.json --format github --fail-on major\n\nOLD and NEW are files, or REV:PATH read from git with `git cat-file blob` (a file that exists wins).\nExit status: 0 ok, 1 an invalid roadmap, --fail-on triggered or the version check failed, 2 usage, I/O or git error."
    )]
    Diff(commands::diff::DiffArgs),
    /// Carry a learner's progress file to a new version of a roadmap:
    /// follow renames, keep entries on removed skills.
    #[command(
        after_help = "Examples:\n  trailmap migrate-progress --from old.json --to new.json me.json\n  trailmap migrate-progress --from HEAD~1:roadmap.json --to roadmap.json me.json --dry-run\n\nEntries on removed skills stay as they are (other roadmaps may teach them); nothing is dropped.\nExit status: 0 ok, 1 an invalid roadmap or progress file, or conflicts (both ids had progress; both kept), 2 usage or I/O error."
    )]
    MigrateProgress(commands::diff::MigrateArgs),
    /// Convert a roadmap or progress file between JSON and YAML, keeping
    /// the order of keys.
    #[command(
        after_help = "Examples:\n  trailmap convert roadmap.json --to yaml -o roadmap.yaml\n  trailmap convert roadmap.yaml --to json > roadmap.json\n\nComments are dropped (with a warning).\nExit status: 0 ok, 1 the input does not parse, 2 usage or I/O error."
    )]
    Convert(commands::convert::ConvertArgs),
    /// Start a new roadmap: a valid, lint-clean file with one phase, two
    /// skills and a milestone to edit.
    #[command(
        after_help = "Examples:\n  trailmap init --title \"Data engineer\" --weeks 16 --yaml -o data-engineer.roadmap.yaml\n  trailmap init --title \"Data engineer\" --weeks 16 > data-engineer.json\n\nExit status: 0 ok, 2 usage or I/O error (an existing file is never overwritten)."
    )]
    Init(commands::convert::InitArgs),
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
    crate::output::init(cli.color, cli.quiet);
    let code = match cli.command {
        Command::Validate(args) => commands::validate::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Diff(args) => commands::diff::diff(args),
        Command::MigrateProgress(args) => commands::diff::migrate(args),
        Command::Render(args) => commands::render::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Next(args) => commands::learner::next(args),
        Command::Lint(args) => commands::lint::lint(args),
        Command::Rule(args) => commands::lint::rule(args),
        Command::Plan(args) => commands::learner::plan(args),
        Command::Schedule(args) => commands::learner::schedule(args),
        Command::Progress(args) => commands::progress::run(args),
        Command::Skills(args) => commands::learner::skills(args),
        Command::Convert(args) => commands::convert::convert(args),
        Command::Init(args) => commands::convert::init(args),
    };
    ExitCode::from(code)
}

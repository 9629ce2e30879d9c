//! `trailmap lint` and `trailmap rule`.

use std::path::PathBuf;

use trailmap::{Diagnostic, LoadOptions};
use trailmap_lint::config::{Config, Level};
use trailmap_lint::{SourceFile, emit, registry};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::inputs;
use crate::output::{self, Color};

#[derive(clap::Args)]
pub struct LintArgs {
    /// Roadmap files, or directories to search for `*.json` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format. Default: `github` when GITHUB_ACTIONS=true, else `full`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Apply safe fixes to the files (atomically).
    #[arg(long)]
    fix: bool,
    /// Show the fixes as a unified diff instead of writing them (exit 1 if any).
    #[arg(long)]
    diff: bool,
    /// Run only these rules (codes or names, comma-separated); replaces the config's selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The lowest severity that fails the run.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Always exit 0 when the files could be read (report-only runs).
    #[arg(long)]
    exit_zero: bool,
    /// Use this configuration file instead of searching for trailmap.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    isolated: bool,
    /// Refuse inputs larger than this (e.g. 64M, 1G).
    #[arg(long, default_value = "256M", value_parser = inputs::parse_size)]
    max_size: u64,
    /// When to use colours.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line.
    Full,
    /// One line per problem: `file:line:col: severity[CODE] message`.
    Concise,
    /// A JSON array of diagnostics (see the README).
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on anything.
    Info,
}

fn config_for(args: &LintArgs) -> Result<Config, String> {
    let mut config = if args.isolated {
        Config::default()
    } else if let Some(path) = &args.config {
        Config::load(path).map_err(|e| e.to_string())?
    } else {
        let start = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        Config::discover(&start).map_err(|e| e.to_string())?
    };
    for name in args.select.iter().chain(&args.ignore) {
        if name != "ALL" && registry::find(name).is_none() {
            let hint = trailmap::suggest::did_you_mean(name, registry::all().iter().map(|r| r.name))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!("unknown rule `{name}`{hint}"));
        }
    }
    let lint = &mut config.file.lint;
    if !args.select.is_empty() {
        lint.select = Some(args.select.clone());
    }
    lint.ignore.extend(args.ignore.iter().cloned());
    if let Some(f) = args.fail_on {
        lint.fail_on = Some(match f {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        });
    }
    Ok(config)
}

/// Reads every input; I/O problems are reported and counted.
fn read_inputs(paths: &[PathBuf], max_size: u64) -> (Vec<(PathBuf, SourceFile)>, Vec<Diagnostic>, usize) {
    let (files, errors) = inputs::expand(paths);
    for e in &errors {
        output::error(&e.0);
    }
    let mut io_errors = errors.len();
    let mut sources = Vec::new();
    let mut early = Vec::new();
    for path in files {
        let name = path.display().to_string();
        match trailmap::load::read_file(&path, max_size) {
            Ok(Ok(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => sources.push((path, SourceFile::new(name, text))),
                Err(err) => {
                    // Let the core locate the bad byte.
                    let loaded =
                        trailmap::Roadmap::from_slice_with(err.as_bytes(), &name, &LoadOptions { max_bytes: max_size });
                    early.extend(loaded.diagnostics);
                }
            },
            Ok(Err(_)) => {
                if let Ok(loaded) = trailmap::Roadmap::from_path_with(&path, &LoadOptions { max_bytes: max_size }) {
                    early.extend(loaded.diagnostics);
                }
            }
            Err(err) => {
                output::error(&format!("cannot read {name}: {err}"));
                io_errors += 1;
            }
        }
    }
    (sources, early, io_errors)
}

pub fn lint(args: LintArgs) -> u8 {
    let config = match config_for(&args) {
        Ok(config) => config,
        Err(message) => {
            output::error(&message);
            return EXIT_USAGE;
        }
    };
    let (files, early, mut io_errors) = read_inputs(&args.paths, args.max_size);
    if args.fix || args.diff {
        if let Some((path, _)) = files.iter().find(|(p, _)| trailmap::Format::from_path(p) == trailmap::Format::Yaml) {
            output::error(&format!(
                "--fix and --diff do not edit YAML files yet ({}): their fixes would lose comments and layout; \
                 fix them by hand, or convert with `trailmap convert FILE --to json`",
                path.display()
            ));
            return EXIT_USAGE;
        }
    }
    let (paths, mut sources): (Vec<PathBuf>, Vec<SourceFile>) = files.into_iter().unzip();
    let options = LoadOptions { max_bytes: args.max_size };
    // Copies of the inputs only when fixing: on a large file each copy
    // costs its size in memory and time (see BENCHMARKS.md).
    let originals: Vec<String> =
        if args.fix || args.diff { sources.iter().map(|f| f.text.clone()).collect() } else { Vec::new() };
    let report = trailmap_lint::lint_report(&sources, &config, &options);
    let skipped = report.skipped;
    let mut diagnostics = report.diagnostics;

    let mut fixed_total = 0;
    if args.fix || args.diff {
        // Fix in rounds: a fix may only apply once an overlapping one has.
        for _ in 0..10 {
            let mut changed = false;
            for file in sources.iter_mut() {
                let own: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.file == file.name).cloned().collect();
                let (text, n) = trailmap_lint::fix::apply_fixes(&file.text, &own);
                if n > 0 && text != file.text {
                    file.text = text;
                    fixed_total += n;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
            diagnostics = trailmap_lint::lint_with(&sources, &config, &options);
        }
        if args.diff {
            let mut text = String::new();
            for (file, original) in sources.iter().zip(&originals) {
                text.push_str(&trailmap_lint::fix::unified_diff(&file.name, original, &file.text));
            }
            output::print(&text);
            let changes = sources.iter().zip(&originals).any(|(f, o)| &f.text != o);
            return if io_errors > 0 {
                EXIT_USAGE
            } else if changes {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            };
        }
        for ((path, file), original) in paths.iter().zip(&sources).zip(&originals) {
            if &file.text != original {
                if let Err(err) = trailmap::fs::write_atomic(path, file.text.as_bytes()) {
                    output::error(&format!("cannot write {}: {err}", file.name));
                    io_errors += 1;
                }
            }
        }
    }

    let mut all = early;
    all.extend(diagnostics);
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") { Format::Github } else { Format::Full }
    });
    let text = match format {
        Format::Full => {
            let lookup = |name: &str| sources.iter().find(|f| f.name == name).map(|f| f.text.as_str());
            let mut text = emit::full(&all, &lookup, emit::Style { color: args.color.enabled() });
            let checked = sources.len() + all.iter().filter(|d| !sources.iter().any(|f| f.name == d.file)).count();
            text.push_str(&crate::commands::validate::summary(&all, checked));
            for s in &skipped {
                text.push_str(&emit::sanitize(&s.sentence()));
                text.push('\n');
            }
            if fixed_total > 0 {
                text.push_str(&format!("fixed {fixed_total} problem{}\n", if fixed_total == 1 { "" } else { "s" }));
            }
            let fixable = all.iter().filter(|d| d.fix.is_some()).count();
            if fixable > 0 && !args.fix {
                text.push_str(&format!("{fixable} fixable with `trailmap lint --fix`\n"));
            }
            text
        }
        Format::Concise => emit::concise(&all),
        Format::Json => emit::json(&all),
        Format::Github => emit::github(&all),
        Format::Sarif => emit::sarif(&all, &trailmap_lint::rule_infos(), env!("CARGO_PKG_VERSION")),
    };
    output::print(&text);
    let fail_on = config.fail_on();
    if io_errors > 0 {
        EXIT_USAGE
    } else if !args.exit_zero && all.iter().any(|d| d.severity >= fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// A rule code or name, e.g. TM107 or redundant-prerequisite.
    #[arg(required_unless_present = "all")]
    rule: Option<String>,
    /// List every rule.
    #[arg(long)]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: RuleFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleFormat {
    /// The documentation as Markdown text.
    Text,
    /// JSON objects with code, name, severity, fixable, summary, documentation.
    Json,
}

fn rule_json(r: &registry::Rule) -> serde_json::Value {
    serde_json::json!({
        "code": r.code,
        "name": r.name,
        "default_severity": r.default_severity.as_str(),
        "fixable": r.fixable,
        "summary": r.summary(),
        "documentation": r.doc(),
    })
}

pub fn rule(args: RuleArgs) -> u8 {
    let rules: Vec<&registry::Rule> = if args.all {
        registry::all().iter().collect()
    } else {
        let key = args.rule.unwrap_or_default();
        match registry::find(&key) {
            Some(r) => vec![r],
            None => {
                let hint = trailmap::suggest::did_you_mean(&key, registry::all().iter().map(|r| r.name))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                output::error(&format!("unknown rule `{key}`{hint}; `trailmap rule --all` lists them"));
                return EXIT_USAGE;
            }
        }
    };
    let text = match args.format {
        RuleFormat::Json => {
            let value = if args.all {
                serde_json::Value::Array(rules.iter().map(|r| rule_json(r)).collect())
            } else {
                rule_json(rules[0])
            };
            let mut t = serde_json::to_string_pretty(&value).unwrap_or_default();
            t.push('\n');
            t
        }
        RuleFormat::Text if args.all => rules
            .iter()
            .map(|r| format!("{}  {:<28} {:<8} {}\n", r.code, r.name, r.default_severity.as_str(), r.summary()))
            .collect(),
        RuleFormat::Text => {
            let r = rules[0];
            let fixable = if r.fixable { ", fixable with --fix" } else { "" };
            format!("{} {} (default: {}{fixable})\n\n{}\n", r.code, r.name, r.default_severity.as_str(), r.doc())
        }
    };
    output::print(&text);
    EXIT_OK
}

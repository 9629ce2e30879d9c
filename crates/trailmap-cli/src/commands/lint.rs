//! `trailmap lint` and `trailmap rule`.

use trailmap::{Diagnostic, LoadOptions};
use trailmap_lint::config::{Config, Level};
use trailmap_lint::{SourceFile, emit, registry};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::inputs;
use crate::output;

#[derive(clap::Args)]
pub struct LintArgs {
    #[command(flatten)]
    files: inputs::FileArgs,
    /// Output format. Default: `github` when GITHUB_ACTIONS=true, else `full`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Apply safe fixes to the files (atomically).
    #[arg(long)]
    fix: bool,
    /// Show the fixes as a unified diff instead of writing them (exit 1 if there is one, or a problem no fix removes).
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

impl Format {
    /// The format asked for, else `github` inside GitHub Actions, else `full`.
    pub fn or_default(format: Option<Format>) -> Format {
        format.unwrap_or_else(|| {
            if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") { Format::Github } else { Format::Full }
        })
    }

    /// Prints the report to stdout as it is made (hundreds of thousands
    /// of findings are never one string in memory), then `footer` in the
    /// full format. `sources` gives the full format its source lines.
    pub fn print(self, diagnostics: &[Diagnostic], sources: emit::SourceLookup<'_>, footer: impl FnOnce() -> String) {
        self.write_stdout(|out, writer| match writer {
            Some(mut parts) => {
                parts.write(out, diagnostics, sources)?;
                parts.finish(out, footer)
            }
            None => emit::write_sarif(out, diagnostics, &trailmap_lint::rule_infos(), env!("CARGO_PKG_VERSION")),
        })
    }

    /// Runs `write` on stdout with this format's writer of parts (`None`
    /// for SARIF, one document written whole). Only the full format carries
    /// styles, and only where colour is on (`--color`, NO_COLOR, …): else
    /// it is drawn plain.
    fn write_stdout(self, write: impl FnOnce(&mut dyn std::io::Write, Option<Parts>) -> std::io::Result<()>) {
        output::write_stdout(self == Format::Full && output::stdout_color(), |out, styled| {
            let parts = match self {
                Format::Full => Some(Parts::Full(emit::FullWriter::new(styled))),
                Format::Concise => Some(Parts::Concise),
                Format::Json => Some(Parts::Json(emit::JsonWriter::default())),
                Format::Github => Some(Parts::Github),
                Format::Sarif => None,
            };
            write(out, parts)
        });
    }
}

/// A report written a part at a time, in one of the formats that can be.
enum Parts {
    Full(emit::FullWriter),
    Concise,
    Json(emit::JsonWriter),
    Github,
}

impl Parts {
    /// Writes the report's next diagnostics; `sources` gives the full
    /// format their files' lines.
    fn write(
        &mut self,
        out: &mut dyn std::io::Write,
        found: &[Diagnostic],
        sources: emit::SourceLookup<'_>,
    ) -> std::io::Result<()> {
        match self {
            Parts::Full(writer) => writer.write(out, found, sources),
            Parts::Concise => emit::write_concise(out, found),
            Parts::Json(json) => json.write(out, found),
            Parts::Github => emit::write_github(out, found),
        }
    }

    /// Ends the report: the JSON array's end, the full format's `footer`.
    fn finish(self, out: &mut dyn std::io::Write, footer: impl FnOnce() -> String) -> std::io::Result<()> {
        match self {
            Parts::Full(_) => out.write_all(footer().as_bytes()),
            Parts::Json(json) => json.finish(out),
            Parts::Concise | Parts::Github => Ok(()),
        }
    }
}

/// The end of the full format: the summary, the files the rules skipped,
/// and what `--fix` did or could do.
fn footer(
    counts: &emit::Counts,
    checked_files: usize,
    skipped: &[trailmap_lint::Skipped],
    fixed: usize,
    fixing: bool,
) -> String {
    let mut text = String::new();
    // Nothing read: "checked 0 files: no problems" beside the read error
    // said the opposite of the exit status.
    if !output::quiet() && checked_files > 0 {
        text.push_str(&counts.summary(checked_files));
        for s in skipped {
            text.push_str(&emit::sanitize(&s.sentence()));
            text.push('\n');
        }
        text.push_str(&emit::fix_summary(fixed, counts.fixable, fixing));
    }
    text
}

/// The exit code of a run: usage when a file could not be read, findings
/// when one is at least `fail_on` (unless `--exit-zero`), else success.
fn exit_code(io_errors: usize, exit_zero: bool, counts: &emit::Counts, fail_on: trailmap::Severity) -> u8 {
    if io_errors > 0 {
        EXIT_USAGE
    } else if !exit_zero && counts.any_at_least(fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The exit code of `--diff`: usage when a file could not be read; else
/// findings when there is a fix to show or a problem it leaves at least
/// `fail_on` (a file that does not parse has no fix), unless `--exit-zero`.
/// The problems left are not printed (the output is a patch): a note on
/// standard error counts them.
fn diff_exit_code(
    io_errors: usize,
    exit_zero: bool,
    changes: bool,
    early: &[trailmap::Diagnostic],
    left: &[trailmap::Diagnostic],
    fail_on: trailmap::Severity,
) -> u8 {
    let failing = early.iter().chain(left).filter(|d| d.severity >= fail_on).count();
    if failing > 0 {
        output::note(&format!(
            "{failing} {} that no fix removes; run `trailmap lint` without `--diff` to see {}",
            if failing == 1 { "problem remains" } else { "problems remain" },
            if failing == 1 { "it" } else { "them" },
        ));
    }
    let mut counts = emit::Counts::default();
    counts.add(early);
    counts.add(left);
    if changes && io_errors == 0 && !exit_zero {
        EXIT_FINDINGS
    } else {
        exit_code(io_errors, exit_zero, &counts, fail_on)
    }
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
    let mut config = args.files.config()?;
    for name in args.select.iter().chain(&args.ignore) {
        if name != "ALL" && registry::find(name).is_none() {
            return Err(registry::unknown_rule(name));
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

pub fn lint(args: LintArgs) -> u8 {
    let (config, inputs) = match inputs::configured(&args.files, config_for(&args), args.fix) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let mut io_errors = inputs.io_errors;
    let early = inputs.early;
    let other_sources = inputs.other_sources;
    let checked_files = inputs.files;
    let mut files = inputs.roadmaps;
    let mut sources: Vec<SourceFile> = files.iter_mut().map(|f| std::mem::take(&mut f.source)).collect();
    let options = LoadOptions::default().with_max_bytes(args.files.max_size);
    let format = Format::or_default(args.format);
    if !(args.fix || args.diff) && format != Format::Sarif {
        let run = Run { config: &config, options: &options, checked_files, exit_zero: args.exit_zero, io_errors };
        let code = run.print_as_linted(format, early, &mut sources, &other_sources);
        // The process ends next: its memory goes back to the system whole.
        std::mem::forget(sources);
        return code;
    }
    // Copies of the inputs only when fixing: on a large file each copy
    // costs its size in memory and time (see BENCHMARKS.md).
    let mut originals: Vec<String> =
        if args.fix || args.diff { sources.iter().map(|f| f.text.clone()).collect() } else { Vec::new() };
    let report = trailmap_lint::lint_report(&sources, &config, &options);
    let skipped = report.skipped;
    let mut diagnostics = report.diagnostics;

    let mut fixed_total = 0;
    if args.fix || args.diff {
        let outcome = trailmap_lint::fix::fix_all(&mut sources, diagnostics, &config, &options);
        diagnostics = outcome.diagnostics;
        fixed_total = outcome.fixed;
        let outcome_fixed_in = outcome.fixed_in;
        if !outcome.converged {
            output::warn(&format!(
                "fixes did not converge after {} rounds; the files hold the last round's text: run `lint --fix` again to go on, and if the same fixes keep coming back, please report it",
                trailmap_lint::fix::MAX_FIX_ROUNDS
            ));
        }
        if args.diff {
            let mut text = String::new();
            for (file, original) in sources.iter().zip(&originals) {
                text.push_str(&trailmap_lint::fix::unified_diff(&file.name, original, &file.text));
            }
            output::print(&text);
            let changes = sources.iter().zip(&originals).any(|(f, o)| &f.text != o);
            return diff_exit_code(io_errors, args.exit_zero, changes, &early, &diagnostics, config.fail_on());
        }
        // Each folder is flushed once, after the last file written into it.
        let mut batch = trailmap::fs::WriteBatch::default();
        let mut unwritten = Vec::new();
        for (i, ((input, file), original)) in files.iter().zip(&sources).zip(&originals).enumerate() {
            if &file.text != original {
                if let Err(err) = batch.write(&input.path, file.text.as_bytes(), input.snapshot.as_ref()) {
                    output::error(&format!("cannot write {}: {err}", file.name));
                    io_errors += 1;
                    unwritten.push(i);
                }
            }
        }
        drop(batch);
        if !unwritten.is_empty() {
            // The files not written still hold what was found in them:
            // linted again as they are on disk, the report says so.
            for &i in &unwritten {
                sources[i].text = std::mem::take(&mut originals[i]);
                fixed_total -= outcome_fixed_in[i];
            }
            diagnostics = trailmap_lint::lint_report(&sources, &config, &options).diagnostics;
        }
    }

    let mut all = early;
    trailmap::diagnostic::append(&mut all, &mut diagnostics);
    let texts = inputs::Texts::new(sources.iter().chain(&other_sources));
    let lookup = |name: &str| texts.get(name);
    let mut counts = emit::Counts::default();
    counts.add(&all);
    format.print(&all, &lookup, || footer(&counts, checked_files, &skipped, fixed_total, args.fix));
    let code = exit_code(io_errors, args.exit_zero, &counts, config.fail_on());
    // The process ends next: its memory goes back to the system whole.
    // Freeing the findings one by one first took a tenth of a run with
    // hundreds of thousands of them (five allocations each).
    std::mem::forget(texts);
    std::mem::forget(all);
    std::mem::forget(sources);
    code
}

/// Findings of small files written together, at least (see
/// [`Run::print_as_linted`]): a large file's parts.
const WRITTEN_TOGETHER: usize = trailmap_lint::PART_MAX;

/// A lint run that is printed as it is made (every format but SARIF, without
/// `--fix` or `--diff`).
struct Run<'a> {
    config: &'a Config,
    options: &'a LoadOptions,
    checked_files: usize,
    exit_zero: bool,
    io_errors: usize,
}

impl Run<'_> {
    /// Lints `sources`, writing each file's findings as soon as the file is
    /// done (a folder's are never held all at once), after `early` (the
    /// inputs' own problems); returns the exit code.
    fn print_as_linted(
        &self,
        format: Format,
        early: Vec<Diagnostic>,
        sources: &mut [SourceFile],
        other_sources: &[SourceFile],
    ) -> u8 {
        let others = inputs::Texts::new(other_sources);
        // The roadmaps' texts are looked up in the files the library lends
        // with their findings: it lets go of a large file's text while the
        // file's rules run.
        let roadmaps = inputs::Names::new(sources.iter());
        let mut counts = emit::Counts::default();
        let mut skipped = Vec::new();
        format.write_stdout(|out, parts| {
            // Not reached: `lint` comes here only for the formats written in
            // parts, not SARIF (one document, written whole).
            let Some(mut parts) = parts else { return Ok(()) };
            // After a write error (a closed pipe) the run goes on unprinted:
            // its exit code still counts every finding.
            let mut written = Ok(());
            let mut report = |found: &[Diagnostic], files: &[SourceFile]| {
                counts.add(found);
                if written.is_ok() {
                    let lookup = |name: &str| roadmaps.text(files, name).or_else(|| others.get(name));
                    written = parts.write(&mut *out, found, &lookup);
                }
            };
            // Small files' findings are written a few thousand at a time:
            // the full format draws that many on every thread.
            let mut pending = early;
            skipped = trailmap_lint::lint_each(sources, self.config, self.options, |files, _, found| {
                if found.len() >= WRITTEN_TOGETHER {
                    // Left to the library once written: a file of several
                    // parts has the next made in their room, on the thread
                    // that made them, which frees them as it goes.
                    report(&pending, files);
                    pending.clear();
                    report(found, files);
                    return;
                }
                pending.append(found);
                if pending.len() >= WRITTEN_TOGETHER {
                    report(&pending, files);
                    pending.clear();
                }
            });
            report(&pending, sources);
            written?;
            parts.finish(out, || footer(&counts, self.checked_files, &skipped, 0, false))
        });
        exit_code(self.io_errors, self.exit_zero, &counts, self.config.fail_on())
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

pub fn rule(args: RuleArgs) -> u8 {
    let json = args.format == RuleFormat::Json;
    let rules: Vec<&registry::Rule> = if args.all {
        registry::all().iter().collect()
    } else {
        let key = args.rule.unwrap_or_default();
        match registry::find(&key) {
            Some(r) => vec![r],
            None => match trailmap::codes::Code::find(&key) {
                // A code lint does not run (progress-file codes such as TM050).
                Some(code) => {
                    output::print(&trailmap_lint::docs::progress_code(code, json));
                    return EXIT_OK;
                }
                None => {
                    output::error(&format!("{}; `trailmap rule --all` lists them", registry::unknown_rule(&key)));
                    return EXIT_USAGE;
                }
            },
        }
    };
    let text = match (json, args.all) {
        (true, _) => trailmap_lint::docs::rules_json(&rules, args.all),
        (false, true) => trailmap_lint::docs::rule_table(&rules),
        (false, false) => trailmap_lint::docs::rule_text(rules[0]),
    };
    output::print(&text);
    EXIT_OK
}

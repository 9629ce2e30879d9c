//! `trailmap diff` and `trailmap migrate-progress`: what changed between two
//! versions of a roadmap, and carrying progress across.

use std::path::{Path, PathBuf};
use std::process::Command;

use trailmap::progress_file;
use trailmap::{LoadOptions, Progress, Roadmap};
use trailmap_diff::report::{self, Report, Source};
use trailmap_diff::{Bump, migrate_progress};
use trailmap_lint::emit;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old version: a file, or REV:PATH read from git (`git cat-file blob`).
    old: String,
    /// The new version: a file, or REV:PATH read from git (`git cat-file blob`).
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Fail (exit 1) when the new `version` is lower, unchanged although
    /// something changed, or raised by less than the changes require.
    #[arg(long)]
    check_version: bool,
    /// Fail (exit 1) when the changes require at least this bump.
    #[arg(long, value_enum, value_name = "BUMP")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Grouped by bump, for a terminal.
    Text,
    /// Summary table and details, for a pull-request comment.
    Markdown,
    /// A JSON object (see docs/diff.md).
    Json,
    /// GitHub Actions annotations on the new file's lines.
    Github,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// A major change.
    Major,
    /// A minor or major change.
    Minor,
    /// Any change.
    Patch,
}

impl FailOn {
    fn bump(self) -> Bump {
        match self {
            FailOn::Major => Bump::Major,
            FailOn::Minor => Bump::Minor,
            FailOn::Patch => Bump::Patch,
        }
    }
}

#[derive(clap::Args)]
pub struct MigrateArgs {
    /// The roadmap the progress was recorded against: a file or REV:PATH.
    #[arg(long, value_name = "OLD")]
    from: String,
    /// The new version of the roadmap: a file or REV:PATH.
    #[arg(long, value_name = "NEW")]
    to: String,
    /// The progress file to rewrite.
    progress: PathBuf,
    /// Print the migrated file to stdout instead of rewriting it.
    #[arg(long)]
    dry_run: bool,
}

/// A loaded, valid roadmap and the text it came from.
struct Input {
    name: String,
    text: String,
    roadmap: Roadmap,
}

/// Why an input was not loaded.
enum Failure {
    /// Already reported; the exit code.
    Reported(u8),
    /// An invalid roadmap: its diagnostics, reported in the command's format.
    Invalid { name: String, text: String, diagnostics: Vec<trailmap::Diagnostic> },
}

/// Reads `arg`: an existing file, else `REV:PATH` from git.
fn load(arg: &str) -> Result<Input, Failure> {
    let options = LoadOptions::default();
    let bytes = if Path::new(arg).exists() || !arg.contains(':') {
        match trailmap::load::read_file(Path::new(arg), options.max_bytes) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => {
                // Over the size limit: a problem of the input, which the
                // loader words.
                let diagnostics = Roadmap::from_path_with(arg, &options).map(|l| l.diagnostics).unwrap_or_default();
                return Err(Failure::Invalid { name: arg.to_owned(), text: String::new(), diagnostics });
            }
            Err(err) => {
                output::error(&format!("cannot read {arg}: {err}"));
                return Err(Failure::Reported(EXIT_USAGE));
            }
        }
    } else {
        git_blob(arg).map_err(Failure::Reported)?
    };
    let loaded = Roadmap::from_slice_with(&bytes, arg, &options);
    // Valid input is UTF-8 (the loader checked): no copy then.
    let text = crate::inputs::shown_text(bytes);
    if !loaded.is_valid() {
        return Err(Failure::Invalid { name: arg.to_owned(), text, diagnostics: loaded.diagnostics });
    }
    match loaded.roadmap {
        Some(roadmap) => Ok(Input { name: arg.to_owned(), text, roadmap }),
        None => Err(Failure::Invalid { name: arg.to_owned(), text, diagnostics: loaded.diagnostics }),
    }
}

/// Loads both sides. Invalid ones are reported together, in `format`
/// (`github` and `json` on stdout as `trailmap validate` prints them, else
/// rustc-style on stderr); `Err` is the exit code.
fn load_pair(old: &str, new: &str, format: Format) -> Result<(Input, Input), u8> {
    let (old, new) = (load(old), load(new));
    let mut invalid = Vec::new();
    let mut diagnostics = Vec::new();
    for side in [&old, &new] {
        match side {
            Err(Failure::Reported(code)) => return Err(*code),
            Err(Failure::Invalid { name, text, diagnostics: found }) => {
                invalid.push((name.as_str(), text.as_str()));
                diagnostics.extend(found.iter().cloned());
            }
            Ok(_) => {}
        }
    }
    if invalid.is_empty() {
        if let (Ok(old), Ok(new)) = (old, new) {
            return Ok((old, new));
        }
        return Err(EXIT_FINDINGS);
    }
    match format {
        Format::Github => output::print(&emit::github(&diagnostics)),
        Format::Json => output::print(&emit::json(&diagnostics)),
        Format::Text | Format::Markdown => {
            let lookup = |file: &str| {
                invalid.iter().find(|(name, _)| *name == file).map(|(_, text)| *text).filter(|t| !t.is_empty())
            };
            output::eprint(&emit::full(&diagnostics, &lookup, true));
        }
    }
    for (name, _) in &invalid {
        output::error(&format!("{name} is not a valid roadmap; fix it first (trailmap validate)"));
    }
    Err(EXIT_FINDINGS)
}

/// The blob at `REV:PATH`, read with `git cat-file blob` without a shell.
/// Unlike `git show`, it never takes the argument for a pathspec (a
/// missing `HEAD:r?.json` would print nothing and succeed), refuses a tree,
/// and runs no textconv filter configured for the repository.
fn git_blob(spec: &str) -> Result<Vec<u8>, u8> {
    if spec.starts_with('-') {
        output::error(&format!("`{spec}` is neither a file nor REV:PATH"));
        return Err(EXIT_USAGE);
    }
    match Command::new("git").args(["cat-file", "blob"]).arg(spec).output() {
        Ok(out) if out.status.success() => Ok(out.stdout),
        Ok(out) => {
            let message = String::from_utf8_lossy(&out.stderr);
            output::error(&format!("git cat-file blob {spec} failed: {}", message.trim()));
            Err(EXIT_USAGE)
        }
        Err(err) => {
            output::error(&format!("{spec} is not a file, and git cannot be run to read it: {err}"));
            Err(EXIT_USAGE)
        }
    }
}

/// The path a pull request shows for `arg`: `REV:PATH` read from git is
/// `PATH` in the work tree.
fn annotation_path(arg: &str) -> &str {
    if Path::new(arg).exists() {
        return arg;
    }
    arg.split_once(':').map_or(arg, |(_, path)| path.trim_start_matches("./"))
}

pub fn diff(args: DiffArgs) -> u8 {
    let (old, new) = match load_pair(&args.old, &args.new, args.format) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    let mut report = Report::new(&old.roadmap, &new.roadmap);
    if args.check_version {
        if let Err(err) = report.check_version() {
            output::error(&err.to_string());
            return EXIT_USAGE;
        }
    }
    let fail_on = args.fail_on.map(FailOn::bump);
    let text = match args.format {
        Format::Text => report::text_with(&report, output::stdout_color(), !output::quiet()),
        Format::Markdown => report::markdown(&report),
        Format::Json => report::json(&report),
        Format::Github => report::github(
            &report,
            Source { name: &old.name, text: &old.text },
            Source { name: annotation_path(&new.name), text: &new.text },
            fail_on,
        ),
    };
    output::print(&text);
    if report.version_failed() || fail_on.is_some_and(|t| report.fails_on(t)) { EXIT_FINDINGS } else { EXIT_OK }
}

pub fn migrate(args: MigrateArgs) -> u8 {
    let (old, new) = match load_pair(&args.from, &args.to, Format::Text) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    let path = &args.progress;
    let loaded = match Progress::from_path(path) {
        Ok(loaded) => loaded,
        Err(err) => {
            output::error(&err.to_string());
            return EXIT_USAGE;
        }
    };
    let text = std::fs::read(path).map(crate::inputs::shown_text).unwrap_or_default();
    let snapshot = trailmap::fs::FileSnapshot::of(path, text.as_bytes());
    let lookup = |_: &str| Some(text.as_str());
    if !loaded.is_valid() {
        output::eprint(&emit::full(&loaded.diagnostics, &lookup, true));
        output::error(&format!("{} is not a valid progress file; it was not changed", path.display()));
        return EXIT_FINDINGS;
    }
    let Some(progress) = loaded.progress else { return EXIT_FINDINGS };
    let migration = migrate_progress(&old.roadmap, &new.roadmap, &progress);
    // Edit the text in place, so everything untouched keeps its exact
    // form; else rewrite the document in the file's own format.
    let format = trailmap::Format::from_path(path);
    let in_place = migration.edit_text(&text, format);
    let whole = in_place.is_none();
    let document = match in_place {
        Some(edited) => Ok(edited),
        None => match format.parse_value(&text) {
            Some(mut document) => {
                migration.apply_to(&mut document);
                progress_file::to_text(&document, format)
            }
            None => progress_file::to_text(&migration.progress, format),
        },
    };
    let rewritten = match document {
        Ok(text) => text,
        Err(err) => {
            output::error(&format!("cannot write the migrated progress: {err}"));
            return EXIT_USAGE;
        }
    };
    let code = if migration.conflicts.is_empty() { EXIT_OK } else { EXIT_FINDINGS };
    // Under --quiet only the conflicts, which fail the command, are told.
    let report = if output::quiet() { migration.conflicts_report() } else { migration.report() };
    if args.dry_run {
        output::eprint(&report);
        output::print(&rewritten);
        return code;
    }
    let mut summary = report;
    if migration.changed() {
        if whole && progress_file::drops_comments(&text, format) {
            super::progress::warn_dropped_comments(path);
        }
        let written = match &snapshot {
            Ok(snapshot) => trailmap::fs::write_atomic_if_unchanged(path, rewritten.as_bytes(), snapshot),
            Err(_) => trailmap::fs::write_atomic(path, rewritten.as_bytes()),
        };
        if let Err(err) = written {
            output::eprint(&summary);
            output::error(&format!("cannot write {}: {err}; the file was not changed", path.display()));
            return EXIT_USAGE;
        }
        if !output::quiet() {
            summary.push_str(&format!("wrote {}\n", emit::sanitize(&path.display().to_string())));
        }
    }
    output::print(&summary);
    code
}

//! `trailmap import`: Markdown roadmaps (and other published shapes) into
//! trailmap JSON, with a report of where every source element went.

use std::path::{Path, PathBuf};

use trailmap::Roadmap;
use trailmap_import::{Options, Outcome, Vocabulary};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// Write YAML instead of JSON (also when OUT ends in .yaml or .yml).
    #[arg(long)]
    yaml: bool,
    /// What the source is.
    #[arg(value_enum)]
    format: SourceFormat,
    /// The source file.
    source: PathBuf,
    /// Write the roadmap here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// How to print the report of what became of each source element (on stderr).
    #[arg(long, value_enum, default_value = "text")]
    report: ReportFormat,
    /// Roadmaps (a file or a folder of .json files) whose skill ids imported
    /// skills reuse when their names or aliases match.
    #[arg(long, value_name = "PATH")]
    vocabulary: Option<PathBuf>,
    /// The roadmap id (default: from the title).
    #[arg(long)]
    id: Option<String>,
    /// Metacademy: keep dependencies on concepts missing from the folder as
    /// skills, instead of dropping them (they are reported either way).
    #[arg(long)]
    keep_dangling: bool,
    /// Also add prerequisites by documented heuristics (stated between the
    /// same skills in the --vocabulary roadmaps; "Advanced X" needs "X"),
    /// marked `x-inferred-prerequisites`, reported, never closing a cycle.
    #[arg(long)]
    infer_prerequisites: bool,
    /// roadmap-sh: the site's `content/` folder; its `<slug>@<nodeId>.md`
    /// topic files give the skills' descriptions and resources.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Refuse sources larger than this (e.g. 64M); the default is 8 MiB.
    #[arg(long, default_value_t = trailmap_import::DEFAULT_MAX_SOURCE_BYTES, value_parser = crate::inputs::parse_size)]
    max_size: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    /// Markdown prose: headings, lists, checklists, tables, links.
    Markdown,
    /// A roadmap.sh editor graph (`{"nodes": [...], "edges": [...]}`).
    #[value(name = "roadmap-sh")]
    RoadmapSh,
    /// A Metacademy concept folder (`concepts/<tag>/title.txt`, …).
    Metacademy,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Counts, then each element not placed with its line.
    Text,
    /// Every element with its line and outcome, as JSON.
    Json,
}

pub fn run(args: Args) -> u8 {
    if let Some(out) = &args.output
        && same_file(&args.source, out)
    {
        output::error(&format!(
            "{}: is the source itself (or a link to it); writing there would replace the source, choose another OUT",
            out.display()
        ));
        return EXIT_USAGE;
    }
    let Some(options) = options(&args) else { return EXIT_USAGE };
    match import(&args, &options) {
        Ok(imported) => finish(&args, imported),
        Err(exit) => exit,
    }
}

/// `true` when both paths name one existing file: through symbolic links,
/// hard links or different spellings of the path (same device and inode on
/// Unix, same canonical path elsewhere).
fn same_file(source: &Path, out: &Path) -> bool {
    let (Ok(a), Ok(b)) = (std::fs::metadata(source), std::fs::metadata(out)) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        matches!((source.canonicalize(), out.canonicalize()), (Ok(a), Ok(b)) if a == b)
    }
}

/// Reads and imports the source, or reports why not and gives the exit
/// code. The source text is freed on return, before the output is checked.
fn import(args: &Args, options: &Options) -> Result<trailmap_import::Imported, u8> {
    let source = args.source.display();
    if args.format == SourceFormat::Metacademy {
        if !args.source.is_dir() {
            output::error(&format!("{source}: not a folder (Metacademy sources are concept folders)"));
            return Err(EXIT_USAGE);
        }
        return trailmap_import::metacademy::import(&args.source, options).map_err(|err| {
            output::error(&err.to_string());
            match err {
                trailmap_import::ImportError::Io(_) => EXIT_USAGE,
                _ => EXIT_FINDINGS,
            }
        });
    }
    let bytes = match trailmap::load::read_file(&args.source, args.max_size) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            output::error(&format!(
                "{source}: {size} bytes is over the limit of {} bytes (raise it with --max-size if the source is trusted)",
                args.max_size
            ));
            return Err(EXIT_FINDINGS);
        }
        Err(err) => {
            output::error(&format!("{source}: {err}"));
            return Err(EXIT_USAGE);
        }
    };
    let text = String::from_utf8(bytes).map_err(|err| {
        let at = trailmap_import::invalid_utf8_at(err.as_bytes(), err.utf8_error().valid_up_to());
        output::error(&format!("{source}: invalid UTF-8 at {at}"));
        EXIT_FINDINGS
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let imported = match args.format {
        SourceFormat::Markdown => trailmap_import::markdown::import(text, options),
        _ => trailmap_import::roadmapsh::import(text, options),
    };
    imported.map_err(|err| {
        output::error(&format!("{source}: {err}"));
        EXIT_FINDINGS
    })
}

/// The options, or `None` (after saying why) when an argument is unusable:
/// checked before any reading, so a bad `--id` is a usage error, not an
/// import that fails to validate.
fn options(args: &Args) -> Option<Options> {
    if let Some(problem) = args.id.as_deref().and_then(trailmap::ids::problem) {
        output::error(&format!("--id {:?}: {problem}", args.id.as_deref().unwrap_or_default()));
        return None;
    }
    if let Some(dir) = args.content.as_deref().filter(|d| !d.is_dir()) {
        output::error(&format!("--content {}: not a folder", dir.display()));
        return None;
    }
    let mut options = Options::default();
    if let Some(path) = &args.vocabulary {
        match Vocabulary::from_path(path) {
            Ok(vocabulary) => options.vocabulary = Some(vocabulary),
            Err(err) => {
                output::error(&format!("vocabulary: {err}"));
                return None;
            }
        }
    }
    options.id = args.id.clone();
    options.source_file = args.source.file_name().map(|n| n.to_string_lossy().into_owned());
    options.keep_dangling = args.keep_dangling;
    options.infer_prerequisites = args.infer_prerequisites;
    options.content_dir = args.content.clone();
    Some(options)
}

/// Checks, reports and writes an import.
fn finish(args: &Args, imported: trailmap_import::Imported) -> u8 {
    let json = imported.to_json();
    let summary = summary(args, &imported);
    // The model is freed before the output is loaded again: holding both
    // doubled peak memory on large sources.
    drop(imported);
    // The output always validates; if it ever does not, that is a bug to report, not a file to write.
    // Our own output, already in memory: no size limit.
    let loaded =
        Roadmap::from_json_str_with(&json, "<imported>", &trailmap::LoadOptions::default().with_max_bytes(u64::MAX));
    if !loaded.is_valid() {
        let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.message.clone()).collect();
        output::error(&format!(
            "the imported roadmap does not validate (a bug in trailmap import): {}",
            messages.join("; ")
        ));
        return EXIT_FINDINGS;
    }
    drop(loaded);
    let yaml =
        args.yaml || args.output.as_deref().is_some_and(|p| trailmap::Format::from_path(p) == trailmap::Format::Yaml);
    let text = if yaml {
        match trailmap::convert::convert(&json, trailmap::Format::Json, trailmap::Format::Yaml) {
            Ok(converted) => converted.text,
            Err(d) => {
                output::error(&format!(
                    "the imported roadmap cannot be written as YAML (a bug in trailmap import): {d}"
                ));
                return EXIT_FINDINGS;
            }
        }
    } else {
        json
    };
    // The text summary is a note (not under --quiet); a JSON report was asked for.
    if args.report == ReportFormat::Json || !output::quiet() {
        output::eprint(&summary);
    }
    match &args.output {
        Some(path) => {
            if let Err(err) = trailmap::fs::write_atomic(path, text.as_bytes()) {
                output::error(&format!("{}: {err}", path.display()));
                return EXIT_USAGE;
            }
        }
        None => output::print(&text),
    }
    EXIT_OK
}

/// The report, as `--report` asks.
fn summary(args: &Args, imported: &trailmap_import::Imported) -> String {
    let report = &imported.report;
    match args.report {
        ReportFormat::Json => report.to_json(),
        ReportFormat::Text => {
            let counts = report.counts();
            let r = &imported.roadmap;
            let mut text = format!(
                "imported {} skills, {} top-level phases, {} projects, {} milestones, {} exclusions; {} elements placed, {} decoration, {} not placed\n",
                r.skills.len(),
                r.phases.len(),
                r.projects.len(),
                r.milestones.len(),
                r.exclusions.len(),
                counts.placed,
                counts.decoration,
                counts.not_placed
            );
            for entry in &report.entries {
                if let Outcome::NotPlaced { reason } = &entry.outcome {
                    let place = match (&entry.file, entry.line) {
                        (Some(file), line) => format!("{file}:{line}"),
                        (None, 0) => "graph".to_owned(),
                        (None, line) => format!("line {line}"),
                    };
                    // Escape the line, not its line break.
                    let text_line = format!("  {place}: {} ({reason})", entry.text);
                    text.push_str(&trailmap_lint::emit::sanitize(&text_line));
                    text.push('\n');
                }
            }
            text
        }
    }
}

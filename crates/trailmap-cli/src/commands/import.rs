//! `trailmap import`: Markdown roadmaps (and other published shapes) into
//! trailmap JSON, with a report of where every source element went.

use std::path::PathBuf;

use trailmap::Roadmap;
use trailmap_import::{Options, Outcome, Vocabulary};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
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
    let Some(options) = options(&args) else { return EXIT_USAGE };
    if args.format == SourceFormat::Metacademy {
        if !args.source.is_dir() {
            output::error(&format!("{}: not a folder (Metacademy sources are concept folders)", args.source.display()));
            return EXIT_USAGE;
        }
        return match trailmap_import::metacademy::import(&args.source, &options) {
            Ok(imported) => finish(&args, &imported),
            Err(err) => {
                output::error(&err);
                EXIT_FINDINGS
            }
        };
    }
    let bytes = match trailmap::load::read_file(&args.source, trailmap::load::DEFAULT_MAX_BYTES) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            output::error(&format!("{}: {size} bytes is over the size limit", args.source.display()));
            return EXIT_FINDINGS;
        }
        Err(err) => {
            output::error(&format!("{}: {err}", args.source.display()));
            return EXIT_USAGE;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            output::error(&format!("{}: invalid UTF-8 at byte {at}", args.source.display()));
            return EXIT_FINDINGS;
        }
    };
    let text = text.trim_start_matches('\u{feff}');
    let imported = match args.format {
        SourceFormat::Markdown => trailmap_import::markdown::import(text, &options),
        SourceFormat::RoadmapSh => match trailmap_import::roadmapsh::import(text, &options) {
            Ok(imported) => imported,
            Err(err) => {
                output::error(&format!("{}: {err}", args.source.display()));
                return EXIT_FINDINGS;
            }
        },
        SourceFormat::Metacademy => return EXIT_USAGE,
    };
    finish(&args, &imported)
}

fn options(args: &Args) -> Option<Options> {
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
fn finish(args: &Args, imported: &trailmap_import::Imported) -> u8 {
    let json = imported.to_json();
    // The output always validates; if it ever does not, that is a bug to report, not a file to write.
    let loaded = Roadmap::from_json_str(&json);
    if !loaded.is_valid() {
        let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.message.clone()).collect();
        output::error(&format!(
            "the imported roadmap does not validate (a bug in trailmap import): {}",
            messages.join("; ")
        ));
        return EXIT_FINDINGS;
    }
    let report = &imported.report;
    match args.report {
        ReportFormat::Json => {
            let value = serde_json::json!({ "counts": report.counts(), "entries": report.entries });
            output::eprint(&format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default()));
        }
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
            output::eprint(&text);
        }
    }
    match &args.output {
        Some(path) => {
            if let Err(err) = trailmap::fs::write_atomic(path, json.as_bytes()) {
                output::error(&format!("{}: {err}", path.display()));
                return EXIT_USAGE;
            }
        }
        None => output::print(&json),
    }
    EXIT_OK
}

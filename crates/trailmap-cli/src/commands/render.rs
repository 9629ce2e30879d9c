//! `trailmap render`: a roadmap as a Markdown document or an HTML page, or
//! its prerequisite graph as Mermaid, Graphviz DOT or SVG.

use std::path::PathBuf;

use trailmap::Roadmap;
use trailmap_lint::emit;
use trailmap_render::{DotOptions, MermaidOptions};

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The roadmap file.
    roadmap: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
    /// Mermaid, DOT and SVG: do not group skills into one box per top-level phase.
    #[arg(long)]
    no_group: bool,
    /// HTML: a progress file whose ticks the page starts with.
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable document: phases, skills, tasks, projects, checklists.
    Markdown,
    /// The prerequisite graph as a Mermaid flowchart (put it in a ```mermaid fence).
    Mermaid,
    /// The prerequisite graph as Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// The prerequisite graph as a standalone SVG picture (no Graphviz needed).
    Svg,
    /// One self-contained HTML page: the roadmap, the graph, ticks and "What next".
    Html,
}

pub fn run(args: Args) -> u8 {
    let loaded = match Roadmap::from_path(&args.roadmap) {
        Ok(loaded) => loaded,
        Err(err) => {
            output::error(&err.to_string());
            return EXIT_USAGE;
        }
    };
    if !loaded.is_valid() {
        let source = std::fs::read(&args.roadmap).map(crate::inputs::shown_text).unwrap_or_default();
        let lookup = |_: &str| Some(source.as_str());
        output::eprint(&emit::full(&loaded.diagnostics, &lookup, true));
        output::error(&format!("{} is not a valid roadmap; fix it first (trailmap validate)", args.roadmap.display()));
        return EXIT_FINDINGS;
    }
    let Some(roadmap) = loaded.roadmap else { return EXIT_FINDINGS };
    if args.progress.is_some() && args.format != Format::Html {
        output::error("--progress only applies to --format html");
        return EXIT_USAGE;
    }
    let group_by_phase = !args.no_group;
    let text = match args.format {
        Format::Markdown => trailmap_render::markdown(&roadmap),
        Format::Mermaid => trailmap_render::mermaid(&roadmap, &MermaidOptions { group_by_phase, ..Default::default() }),
        Format::Dot => trailmap_render::dot(&roadmap, &DotOptions { group_by_phase, ..Default::default() }),
        Format::Svg => {
            let mut options = trailmap_render::SvgOptions::default();
            options.group_by_phase = group_by_phase;
            trailmap_render::svg(&roadmap, &options)
        }
        Format::Html => {
            let mut options = trailmap_render::HtmlOptions::default();
            if let Some(path) = &args.progress {
                match super::learner::read_progress(path, &roadmap) {
                    Ok(progress) => options.progress = Some(progress),
                    Err(code) => return code,
                }
            }
            trailmap_render::html(&roadmap, &options)
        }
    };
    output::print(&text);
    EXIT_OK
}

//! `trailmap render`: a roadmap as a Markdown document, or its prerequisite
//! graph as Mermaid or Graphviz DOT.

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
        let source = std::fs::read_to_string(&args.roadmap).unwrap_or_default();
        let lookup = |_: &str| Some(source.as_str());
        output::eprint(&emit::full(&loaded.diagnostics, &lookup, emit::Style::default()));
        output::error(&format!("{} is not a valid roadmap; fix it first (trailmap validate)", args.roadmap.display()));
        return EXIT_FINDINGS;
    }
    let Some(roadmap) = loaded.roadmap else { return EXIT_FINDINGS };
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
    };
    output::print(&text);
    EXIT_OK
}

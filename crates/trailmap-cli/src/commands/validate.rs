//! `trailmap validate`: check roadmap files and report every problem.

use trailmap::{LoadOptions, Roadmap, Severity};
use trailmap_lint::emit;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::commands::lint::Format;
use crate::inputs;
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    files: inputs::FileArgs,
    /// Output format. Default: `github` when GITHUB_ACTIONS=true, else `full`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Treat warnings (such as a byte-order mark, TM012) as errors.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> u8 {
    let (_, mut inputs) = match inputs::configured(&args.files, args.files.config(), false) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let options = LoadOptions::default().with_max_bytes(args.files.max_size);
    // Taken, not copied: nothing reads them from `inputs` after.
    let mut diagnostics = std::mem::take(&mut inputs.early);
    for file in &inputs.roadmaps {
        let mut loaded = Roadmap::from_slice_with(file.source.text.as_bytes(), &file.source.name, &options);
        trailmap::diagnostic::append(&mut diagnostics, &mut loaded.diagnostics);
    }
    if args.strict {
        for d in diagnostics.iter_mut().filter(|d| d.severity == Severity::Warning) {
            d.severity = Severity::Error;
        }
    }
    let texts = inputs.texts();
    let lookup = |file: &str| texts.get(file);
    Format::or_default(args.format).print(&diagnostics, &lookup, || {
        // Nothing read: no "checked 0 files: no problems" beside the error.
        if output::quiet() || inputs.files == 0 { String::new() } else { emit::summary(&diagnostics, inputs.files) }
    });
    if inputs.io_errors > 0 {
        EXIT_USAGE
    } else if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

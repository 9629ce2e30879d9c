//! `trailmap validate`: check roadmap files and report every problem.

use trailmap::{Diagnostic, LoadOptions, Roadmap, Severity};
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
    let (_, inputs) = match inputs::configured(&args.files, args.files.config()) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let options = LoadOptions::default().with_max_bytes(args.files.max_size);
    let mut diagnostics = inputs.early.clone();
    for file in &inputs.roadmaps {
        let loaded = Roadmap::from_slice_with(file.source.text.as_bytes(), &file.source.name, &options);
        diagnostics.extend(loaded.diagnostics);
    }
    if args.strict {
        for d in diagnostics.iter_mut().filter(|d| d.severity == Severity::Warning) {
            d.severity = Severity::Error;
        }
    }
    let format = Format::or_default(args.format);
    let text = match format {
        Format::Full => {
            let lookup = |file: &str| inputs.source(file);
            let mut text = emit::full(&diagnostics, &lookup, true);
            if !output::quiet() {
                text.push_str(&summary(&diagnostics, inputs.files));
            }
            text
        }
        format => format.emit(&diagnostics),
    };
    // Only the terminal form carries styles; anstream strips them per `--color`.
    if format == Format::Full {
        output::print_styled(&text);
    } else {
        output::print(&text);
    }
    if inputs.io_errors > 0 {
        EXIT_USAGE
    } else if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// "checked 5 files: 2 errors, 1 warning" (or "no problems").
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    for (severity, word) in [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "note")] {
        let n = count(severity);
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    let found = if parts.is_empty() { "no problems".to_owned() } else { parts.join(", ") };
    format!("checked {}: {found}\n", plural(files, "file"))
}

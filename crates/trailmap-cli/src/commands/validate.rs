//! `trailmap validate`: check roadmap files and report every problem.

use std::collections::HashMap;
use std::path::PathBuf;

use trailmap::{Diagnostic, LoadOptions, Roadmap, Severity};
use trailmap_lint::emit;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::inputs;
use crate::output::{self, Color};

#[derive(clap::Args)]
pub struct Args {
    /// Roadmap files, or directories to search for `*.json` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "full")]
    format: Format,
    /// Refuse inputs larger than this (e.g. 64M, 1G).
    #[arg(long, default_value = "256M", value_parser = inputs::parse_size)]
    max_size: u64,
    /// When to use colours.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Treat warnings (such as a byte-order mark, TM012) as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line.
    Full,
    /// One line per problem.
    Concise,
    /// A JSON array of diagnostics.
    Json,
}

/// Loaded files: diagnostics plus the sources needed to show snippets.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: HashMap<String, String>,
    pub files: usize,
    pub io_errors: usize,
}

/// Loads every file under `paths`, reporting I/O problems on stderr.
pub fn load_all(paths: &[PathBuf], max_size: u64, mut each: impl FnMut(&str, Option<&Roadmap>)) -> Checked {
    let (files, errors) = inputs::expand(paths);
    for e in &errors {
        output::error(&e.0);
    }
    let options = LoadOptions { max_bytes: max_size };
    let mut checked = Checked { diagnostics: Vec::new(), sources: HashMap::new(), files: 0, io_errors: errors.len() };
    for path in files {
        let name = path.display().to_string();
        match trailmap::load::read_file(&path, max_size) {
            Ok(Ok(bytes)) => {
                let loaded = Roadmap::from_slice_with(&bytes, &name, &options);
                each(&name, loaded.roadmap.as_ref());
                checked.diagnostics.extend(loaded.diagnostics);
                if let Ok(text) = String::from_utf8(bytes) {
                    checked.sources.insert(name, text);
                }
                checked.files += 1;
            }
            Ok(Err(_)) => {
                let loaded = Roadmap::from_path_with(&path, &options);
                if let Ok(loaded) = loaded {
                    checked.diagnostics.extend(loaded.diagnostics);
                }
                checked.files += 1;
            }
            Err(err) => {
                output::error(&format!("cannot read {name}: {err}"));
                checked.io_errors += 1;
            }
        }
    }
    checked
}

pub fn run(args: Args) -> u8 {
    let mut checked = load_all(&args.paths, args.max_size, |_, _| {});
    if args.strict {
        for d in checked.diagnostics.iter_mut().filter(|d| d.severity == Severity::Warning) {
            d.severity = Severity::Error;
        }
    }
    let text = match args.format {
        Format::Full => {
            let lookup = |file: &str| checked.sources.get(file).map(String::as_str);
            let mut text = emit::full(&checked.diagnostics, &lookup, emit::Style { color: args.color.enabled() });
            text.push_str(&summary(&checked.diagnostics, checked.files));
            text
        }
        Format::Concise => emit::concise(&checked.diagnostics),
        Format::Json => emit::json(&checked.diagnostics),
    };
    output::print(&text);
    exit_code(&checked)
}

pub fn exit_code(checked: &Checked) -> u8 {
    if checked.io_errors > 0 {
        EXIT_USAGE
    } else if checked.diagnostics.iter().any(|d| d.severity == Severity::Error) {
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

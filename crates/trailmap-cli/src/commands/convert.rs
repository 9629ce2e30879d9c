//! `trailmap convert` and `trailmap init`: writing roadmap files.

use std::path::PathBuf;

use trailmap::Format;
use trailmap::scaffold::Starter;
use trailmap_lint::emit;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::inputs;
use crate::output;

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// The roadmap or progress file (`.json`, `.yaml` or `.yml`).
    file: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    to: Target,
    /// Write here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Refuse inputs larger than this (e.g. 64M, 1G).
    #[arg(long, default_value = "256M", value_parser = inputs::parse_size)]
    max_size: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// YAML (block style, strings quoted where YAML readers would misread them).
    Yaml,
    /// JSON (two-space indentation).
    Json,
}

impl Target {
    fn format(self) -> Format {
        match self {
            Target::Yaml => Format::Yaml,
            Target::Json => Format::Json,
        }
    }
}

pub fn convert(args: ConvertArgs) -> u8 {
    let name = args.file.display().to_string();
    let bytes = match trailmap::load::read_file(&args.file, args.max_size) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(size)) => {
            output::error(&format!("{name} is {size} bytes, over the limit of {} (see --max-size)", args.max_size));
            return EXIT_FINDINGS;
        }
        Err(err) => {
            output::error(&format!("cannot read {name}: {err}"));
            return EXIT_USAGE;
        }
    };
    let Ok(source) = String::from_utf8(bytes) else {
        output::error(&format!("{name} is not UTF-8 text; `trailmap validate {name}` shows where"));
        return EXIT_FINDINGS;
    };
    let converted = match trailmap::convert::convert(&source, Format::from_path(&args.file), args.to.format()) {
        Ok(converted) => converted,
        Err(diagnostic) => {
            let mut diagnostic = *diagnostic;
            diagnostic.file = name.into();
            let lookup = |_: &str| Some(source.as_str());
            output::eprint(&emit::full(&[diagnostic], &lookup, true));
            return EXIT_FINDINGS;
        }
    };
    if converted.dropped_comments {
        let why = match args.to {
            Target::Json => "JSON has no comments",
            Target::Yaml => "the YAML is written anew, without them",
        };
        output::warn(&format!("the comments in {name} are dropped: {why}"));
    }
    write(args.output.as_ref(), &converted.text)
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// The roadmap's title (its id is derived from it).
    #[arg(long)]
    title: String,
    /// Its length in weeks.
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=520))]
    weeks: u32,
    /// Write YAML (with comments explaining each part) instead of JSON.
    #[arg(long)]
    yaml: bool,
    /// Write here instead of to standard output; an existing file is never overwritten.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Path or URL of the roadmap schema, for editors (`$schema`).
    #[arg(long, value_name = "PATH_OR_URL")]
    schema: Option<String>,
}

pub fn init(args: InitArgs) -> u8 {
    let format = match (&args.output, args.yaml) {
        (_, true) => Format::Yaml,
        (Some(path), false) => Format::from_path(path),
        (None, false) => Format::Json,
    };
    if let Some(path) = &args.output {
        if path.exists() || path.symlink_metadata().is_ok() {
            output::error(&format!("{} already exists; init never overwrites a file", path.display()));
            return EXIT_USAGE;
        }
    }
    match Starter::new(args.title, args.weeks).render(format, args.schema.as_deref()) {
        Ok(text) => write(args.output.as_ref(), &text),
        Err(err) => {
            output::error(&format!("--schema: {err}"));
            EXIT_USAGE
        }
    }
}

fn write(path: Option<&PathBuf>, text: &str) -> u8 {
    match path {
        Some(path) => match trailmap::fs::write_atomic(path, text.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(err) => {
                output::error(&format!("cannot write {}: {err}", path.display()));
                EXIT_USAGE
            }
        },
        None => {
            output::print(text);
            EXIT_OK
        }
    }
}

//! `trailmap schema`: print a generated JSON Schema.

use crate::cli::EXIT_OK;

#[derive(clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_enum, default_value = "roadmap")]
    kind: Kind,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    /// A roadmap file.
    Roadmap,
    /// A learner's progress file.
    Progress,
}

pub fn run(args: Args) -> u8 {
    let schema = match args.kind {
        Kind::Roadmap => trailmap::schema::roadmap_schema(),
        Kind::Progress => trailmap::schema::progress_schema(),
    };
    crate::output::print(&trailmap::schema::to_pretty(&schema));
    EXIT_OK
}

//! The `trailmap` command. Argument parsing and printing only: every
//! decision is made by the library crates.

mod cli;
mod commands;
mod inputs;
mod output;
mod pages;

// Loading a roadmap allocates a string per id, name and topic; mimalloc
// makes that and the freeing markedly cheaper than the system allocator
// (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pages::fit_to_input();
    cli::run()
}

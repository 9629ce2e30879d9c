//! The `trailmap` command. Argument parsing and printing only: every
//! decision is made by the library crates.

mod allocator;
mod cli;
mod commands;
mod inputs;
mod output;

fn main() -> std::process::ExitCode {
    allocator::fit_to_input();
    cli::run()
}

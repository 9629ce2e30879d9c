//! The `trailmap` command. Argument parsing and printing only: every
//! decision is made by the library crates.

mod cli;
mod commands;
mod inputs;
mod output;

fn main() -> std::process::ExitCode {
    cli::run()
}

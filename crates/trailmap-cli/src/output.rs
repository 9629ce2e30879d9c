//! Writing to stdout and stderr without panicking on a closed pipe.

use std::io::{IsTerminal, Write};

/// Prints to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints text carrying ANSI styles to stdout, through the terminal layer
/// that strips them where colour is off.
pub fn print_styled(text: &str) {
    let mut out = anstream::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints to stderr.
pub fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints a warning about the invocation to stderr.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "warning: {}", trailmap_lint::emit::sanitize(text));
}

/// Prints an error about the invocation to stderr.
pub fn error(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {}", trailmap_lint::emit::sanitize(text));
}

/// Whether to colour stdout.
#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub enum Color {
    /// When stdout is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Color {
    pub fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

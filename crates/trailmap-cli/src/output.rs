//! The one terminal layer: writing to stdout and stderr without panicking
//! on a closed pipe, colour decided once (`--color`, then NO_COLOR,
//! CLICOLOR, CLICOLOR_FORCE, TERM=dumb and whether the stream is a
//! terminal, as anstream reads them), and `--quiet`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Applies the global `--color` and `--quiet` for the rest of the run.
pub fn init(color: Color, quiet: bool) {
    let choice = match color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    QUIET.store(quiet, Ordering::Relaxed);
}

/// `true` under `--quiet`: warnings, notes and summaries are not printed.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

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

/// Writes a long report to stdout through one buffer, as `write` makes it.
/// With `styled`, through the terminal layer (which keeps or strips the
/// styles); `write` is told which. A closed pipe (`| head`) ends the
/// report quietly.
pub fn write_stdout(styled: bool, write: impl FnOnce(&mut dyn Write, bool) -> std::io::Result<()>) {
    // Big enough that the terminal layer and the kernel see few, large
    // writes.
    const BUFFER: usize = 256 * 1024;
    let written = if styled {
        let mut out = std::io::BufWriter::with_capacity(BUFFER, anstream::stdout().lock());
        write(&mut out, true).and_then(|()| out.flush())
    } else {
        let mut out = std::io::BufWriter::with_capacity(BUFFER, std::io::stdout().lock());
        write(&mut out, false).and_then(|()| out.flush())
    };
    // Nothing useful can be said about a stdout that stopped taking text.
    let _ = written;
}

/// Prints to stderr, styles stripped where colour is off there.
pub fn eprint(text: &str) {
    let _ = anstream::stderr().lock().write_all(text.as_bytes());
}

/// Prints diagnostics that are only warnings: nothing under `--quiet`.
pub fn eprint_warnings(text: &str) {
    if !quiet() {
        eprint(text);
    }
}

/// Prints a warning about the invocation to stderr (not under `--quiet`).
pub fn warn(text: &str) {
    if !quiet() {
        let _ = writeln!(std::io::stderr().lock(), "warning: {}", trailmap_lint::emit::sanitize(text));
    }
}

/// Prints what a command did to stderr (not under `--quiet`).
pub fn note(text: &str) {
    if !quiet() {
        let _ = writeln!(std::io::stderr().lock(), "{}", trailmap_lint::emit::sanitize(text));
    }
}

/// Prints an error about the invocation to stderr.
pub fn error(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {}", trailmap_lint::emit::sanitize(text));
}

/// Prints a multi-line error (a TOML parser's report with its snippet):
/// each line is escaped on its own, so the line breaks stay line breaks.
pub fn error_lines(text: &str) {
    let mut err = std::io::stderr().lock();
    let mut lines = text.trim_end().lines();
    let _ = writeln!(err, "error: {}", trailmap_lint::emit::sanitize(lines.next().unwrap_or_default()));
    for line in lines {
        let _ = writeln!(err, "{}", trailmap_lint::emit::sanitize(line));
    }
}

/// Prints why a typed skill was not resolved, after `prefix` (`--goal: `):
/// an ambiguous one lists its candidates one a line. Each part from the
/// user or the file is escaped on its own, so only the list's own line
/// breaks break lines.
pub fn resolve_error(prefix: &str, err: &trailmap::resolve::ResolveError) {
    use trailmap::resolve::ResolveError;
    let clean = trailmap_lint::emit::sanitize;
    let escaped = match err {
        ResolveError::Unknown { query, suggestion } => ResolveError::Unknown {
            query: clean(query),
            suggestion: suggestion.as_ref().map(|(id, name)| (clean(id), clean(name))),
        },
        ResolveError::Ambiguous { query, candidates } => ResolveError::Ambiguous {
            query: clean(query),
            candidates: candidates.iter().map(|(id, name)| (clean(id), clean(name))).collect(),
        },
        // A kind added later: one line, escaped whole.
        other => return error(&format!("{prefix}{other}")),
    };
    error_lines(&format!("{prefix}{escaped}"));
}

/// Whether stdout shows colour.
pub fn stdout_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// When to use colour (`--color`).
#[derive(Clone, Copy, Default, clap::ValueEnum)]
pub enum Color {
    /// When the output is a terminal, unless NO_COLOR, CLICOLOR=0 or
    /// TERM=dumb say otherwise (CLICOLOR_FORCE forces it).
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

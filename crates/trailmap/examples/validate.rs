//! Loads roadmap files and prints their diagnostics, one line each, as
//! `file:line:column: severity[code]: message`.
//!
//! ```text
//! cargo run -p trailmap --example validate -- roadmaps/ml-engineer-12-weeks.json
//! ```
//!
//! Without arguments it checks a small roadmap with two mistakes. Exits 1
//! when a file has errors, 2 when one cannot be read.

use std::process::ExitCode;

use trailmap::{Diagnostic, Roadmap, Severity};

/// A roadmap with a misspelt key and an unknown prerequisite.
const SAMPLE: &str = r#"{
  "id": "sample", "title": "Sample", "version": "1.0.0",
  "skills": [
    {"id": "python", "name": "Python"},
    {"id": "numpy", "name": "NumPy", "prerequisities": ["python"]},
    {"id": "pandas", "name": "Pandas", "prerequisites": ["numpi"]}
  ]
}"#;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut loaded = Vec::new();
    if paths.is_empty() {
        loaded.push(("<sample>".to_owned(), Roadmap::from_json_str(SAMPLE)));
    }
    for path in paths {
        match Roadmap::from_path(&path) {
            Ok(l) => loaded.push((path, l)),
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::from(2);
            }
        }
    }
    let mut failed = false;
    for (name, l) in loaded {
        for d in &l.diagnostics {
            println!("{}", line(&name, d));
        }
        // `into_result` gives the model only when the file is valid: a
        // partial model never reaches the caller by accident.
        match l.into_result() {
            Ok((roadmap, _warnings)) => println!("{name}: valid, {} skills", roadmap.skills.len()),
            Err(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
                println!("{name}: {errors} error(s)");
                failed = true;
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// One diagnostic on one line. Messages quote text from the file, so
/// control characters are escaped before they reach the terminal.
fn line(file: &str, d: &Diagnostic) -> String {
    let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
    let message: String = d.message.chars().flat_map(|c| c.escape_debug()).collect();
    format!("{file}:{line}:{column}: {}[{}]: {message}", d.severity.as_str(), d.code)
}

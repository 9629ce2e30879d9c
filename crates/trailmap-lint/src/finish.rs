//! What happens to a file's diagnostics once its rules have run: the
//! configuration (rules off, severities), the inline suppressions and their
//! own findings (TM116, TM117), the rules that yield to narrower ones,
//! locations, the fixes' edits, and reading order.

use std::sync::{Mutex, PoisonError};

use trailmap::Diagnostic;
use trailmap::parallel;

use crate::config::Config;
use crate::{SourceFile, fix, rules, suppress};

/// Each file's diagnostics of a batch, finished ([`file`]), in the
/// batch's order: each file on one thread, as the batch's files were
/// linted (locating a folder's findings on one thread was a quarter of
/// its run).
pub(crate) fn batch(files: &[SourceFile], per_file: Vec<Vec<Diagnostic>>, config: &Config) -> Vec<Vec<Diagnostic>> {
    let threads = config.thread_count();
    if files.len() < 2 || threads < 2 {
        return files.iter().zip(per_file).map(|(f, diagnostics)| file(f, diagnostics, config)).collect();
    }
    let per_file: Vec<Mutex<Vec<Diagnostic>>> = per_file.into_iter().map(Mutex::new).collect();
    let take = |i: usize| std::mem::take(&mut *per_file[i].lock().unwrap_or_else(PoisonError::into_inner));
    let parts = parallel::ranges(files.len(), threads);
    parallel::map(&parts, |part| part.clone().map(|i| file(&files[i], take(i), config)).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect()
}

/// Applies the configuration and the inline suppressions to one file's
/// diagnostics, locates them, fills the fixes' edits, and puts them in
/// reading order.
pub(crate) fn file(f: &SourceFile, mut diagnostics: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let format = trailmap::Format::from_path(&f.name);
    let mut problems = Vec::new();
    let mut suppressions = suppress::collect(&f.name, &f.text, &mut problems);
    // What is kept is decided on pointers and codes alone, before
    // anything is located: a finding dropped here costs no location.
    // Configuration: drop what is off, set severities.
    let severities = config.severities_for(&f.name);
    diagnostics.retain_mut(|d| match severities.get(d.code) {
        Some(Some(severity)) => {
            d.severity = severity;
            true
        }
        Some(None) => false,
        None => true,
    });
    // Inline suppressions.
    suppress::apply(&mut suppressions, &mut diagnostics, trailmap::codes::breaks_model);
    yield_to_narrower(&mut diagnostics);
    {
        let rule = &rules::TM116;
        if let Some(Some(severity)) = severities.get(rule.code) {
            // A suppression of a rule that did not run this time is not
            // known to be unused.
            let ran = |code: &str| matches!(severities.get(code), Some(Some(_)));
            for s in suppressions.iter().filter(|s| s.used == 0 && ran(s.code)) {
                let mut d = Diagnostic::new(
                    rule.code,
                    rule.name,
                    severity,
                    format!("this suppression of {} suppresses nothing", s.code),
                )
                .at(s.at.clone())
                .with_help("remove the entry: the problem it hid is gone");
                d.file = f.name.as_str().into();
                problems.push(d);
            }
        }
    }
    {
        let rule = &rules::TM117;
        problems.retain_mut(|d| match severities.get(rule.code).flatten() {
            Some(severity) => {
                if d.code == rule.code {
                    d.severity = severity;
                }
                true
            }
            None => d.code != rule.code,
        });
    }
    // One parse of the file for every location below; a YAML tree of
    // only the nodes asked about (the whole tree is eleven times the file).
    let mut locator = trailmap::locate::Locator::new(&f.text, format);
    locator.expect(diagnostics.iter().chain(&problems).map(|d| d.pointer.as_str()));
    locator.locate(&mut diagnostics);
    fix::fill_removals(&f.text, format, &mut locator, &mut diagnostics);
    locator.locate(&mut problems);
    diagnostics.extend(problems);
    trailmap::diagnostic::sort_by_position(&mut diagnostics);
    diagnostics
}

/// Pairs of rules where the second says more of the same place: a finding
/// of the first is dropped where the second has one at the same pointer.
/// A prerequisite listed twice that another one implies is redundant
/// (TM107) at every entry, and a repeat (TM120) at each but the first: one
/// finding per entry. With TM120 off, TM107 still reports every entry, and
/// `--fix` removes them all at once rather than one a round.
const YIELDS_TO: &[(&str, &str)] = &[(rules::TM107.code, rules::TM120.code)];

/// Drops the findings [`YIELDS_TO`] gives to a narrower rule.
fn yield_to_narrower(diagnostics: &mut Vec<Diagnostic>) {
    for &(wider, narrower) in YIELDS_TO {
        let places: std::collections::HashSet<&str> =
            diagnostics.iter().filter(|d| d.code == narrower).map(|d| d.pointer.as_str()).collect();
        if places.is_empty() {
            continue;
        }
        let keep: Vec<bool> =
            diagnostics.iter().map(|d| d.code != wider || !places.contains(d.pointer.as_str())).collect();
        let mut keep = keep.into_iter();
        diagnostics.retain(|_| keep.next().unwrap_or(true));
    }
}

//! trailmap-lint: lint rules for roadmap files, and the output formats CI
//! reads.
//!
//! [`lint`] loads each file with the core (so validation problems come out
//! as diagnostics with their `TM0xx` codes), runs the rules of
//! [`registry`] on the valid ones, then applies the configuration
//! ([`config`]) and the inline suppressions ([`suppress`]). Rules live one
//! per file under `src/rules/`; a rule's `//!` comment is its
//! documentation. [`emit`] renders the result for people and for CI.
//!
//! ```
//! use trailmap_lint::{lint, config::Config, SourceFile};
//!
//! let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
//!   {"id": "python", "name": "Python"},
//!   {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
//!   {"id": "pandas", "name": "Pandas", "prerequisites": ["python", "numpy"]}
//! ]}"#;
//! let diagnostics = lint(&[SourceFile::new("r.json", text)], &Config::default());
//! assert_eq!(diagnostics[0].code, "TM107"); // `python` is implied by `numpy`
//! assert!(diagnostics[0].fix.is_some());
//! ```
#![forbid(unsafe_code)]

pub mod config;
pub mod context;
pub mod discover;
pub mod docs;
pub mod emit;
pub mod findings;
mod finish;
pub mod fix;
pub mod glob;
pub mod names;
pub mod registry;
mod rules;
mod run;
pub mod suppress;
mod texts;

use std::sync::Mutex;

use trailmap::codes::Code;
use trailmap::parallel;
use trailmap::{Diagnostic, LoadOptions, Roadmap};

use crate::config::Config;
use crate::context::Context;
use crate::findings::{Findings, SkillFindings};
use crate::registry::{Check, Rule};
use crate::texts::Files;

/// A file to lint: its name (as the user gave it), its text and, when it
/// was read from disk, where ([`SourceFile::with_path`]).
///
/// ```
/// let f = trailmap_lint::SourceFile::new("a.json", "{}");
/// assert_eq!(f.name, "a.json");
/// ```
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    /// The name used in diagnostics.
    pub name: String,
    /// The content.
    pub text: String,
    /// Where the text was read, to read it again.
    path: Option<std::path::PathBuf>,
}

impl SourceFile {
    /// A file from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile { name: name.into(), text: text.into(), path: None }
    }

    /// The file, its text read from `path`. [`lint_each`] may then let go
    /// of a large file's text while its rules run (nothing reads it then,
    /// and on a file written densely it is a quarter of the run's memory),
    /// and read it again to show the findings; should it have changed
    /// meanwhile, a `TM014` error takes the place of the file's findings.
    ///
    /// ```
    /// let f = trailmap_lint::SourceFile::new("a.json", "{}").with_path("roadmaps/a.json");
    /// assert_eq!(f.path(), Some(std::path::Path::new("roadmaps/a.json")));
    /// ```
    pub fn with_path(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Where the text was read, if given ([`SourceFile::with_path`]).
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
}

/// Lints every file, in one run (so cross-file rules see them all).
/// Returns the diagnostics the configuration keeps, file by file in input
/// order, each file's in source order, all located.
pub fn lint(files: &[SourceFile], config: &Config) -> Vec<Diagnostic> {
    lint_with(files, config, &LoadOptions::default())
}

/// [`lint`] with load options (the input size limit).
pub fn lint_with(files: &[SourceFile], config: &Config, options: &LoadOptions) -> Vec<Diagnostic> {
    lint_report(files, config, options).diagnostics
}

/// What a lint run found, and which files the rules could not run on.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LintReport {
    /// As [`lint_with`] returns them.
    pub diagnostics: Vec<Diagnostic>,
    /// Files whose lint rules did not run, in input order, with why.
    pub skipped: Vec<Skipped>,
}

/// A file whose lint rules were skipped.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Skipped {
    /// The file's name.
    pub file: String,
    /// The structural codes that stopped the rules (`TM001`, `TM002`, …).
    pub codes: Vec<&'static str>,
}

impl Skipped {
    /// A sentence for the end of a report.
    ///
    /// ```
    /// let report = trailmap_lint::lint_report(
    ///     &[trailmap_lint::SourceFile::new("r.json", r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [], "nmae": 1}"#)],
    ///     &Default::default(),
    ///     &Default::default(),
    /// );
    /// assert_eq!(report.skipped[0].sentence(), "lint rules did not run on r.json: it does not match the schema (TM002); fix that first");
    /// ```
    pub fn sentence(&self) -> String {
        let why: Vec<&str> = self
            .codes
            .iter()
            .map(|c| match Code::find(c) {
                Some(Code::JsonSyntax) => "it does not parse",
                Some(Code::Schema) => "it does not match the schema",
                Some(Code::DuplicateKey) => "it repeats keys",
                Some(Code::InputTooLarge) => "it is over the size limit",
                Some(Code::InvalidEncoding) => "it is not UTF-8",
                _ => "it is not a whole roadmap",
            })
            .collect();
        format!(
            "lint rules did not run on {}: {} ({}); fix that first",
            self.file,
            why.join(", "),
            self.codes.join(", ")
        )
    }
}

/// [`lint_with`], also saying which files the rules were skipped on: rules
/// need a whole model, and a file with structural errors only has part of
/// one (its validation errors are still reported).
pub fn lint_report(files: &[SourceFile], config: &Config, options: &LoadOptions) -> LintReport {
    let mut diagnostics = Vec::new();
    let skipped = lint_files(Files::Held(files), config, options, &mut |_, _, found| {
        // One file's findings are the run's: moved, not copied.
        trailmap::diagnostic::append(&mut diagnostics, found);
    });
    LintReport { diagnostics, skipped }
}

/// [`lint_report`], handing each file's diagnostics to `found` as soon as
/// the file is done, file by file in input order, rather than holding the
/// run's: a report can be printed as it is made. A file's diagnostics come
/// in one or more parts (once at least, empty or not) of at most
/// [`PART_MAX`], in reading order: a file with a finding on most of its
/// skills is never held whole. Returns the files whose rules were skipped.
///
/// `found` is given the run's files and the index of the one the part is
/// of (the full format shows lines of the text). A large file read from
/// disk ([`SourceFile::with_path`]) may have its text let go of while its
/// rules run: it is read again before the file's diagnostics are handed
/// over, if it has any. Each file's text is in `files` as its diagnostics
/// are handed over, and when this returns, but for such a file with none:
/// its `text` is then empty.
///
/// Each part is lent: `found` takes what it keeps (`std::mem::take`,
/// `Vec::append`); what it leaves is freed by the library, for a large
/// file on the thread that made the part, whose memory then holds the next
/// one.
///
/// ```
/// use trailmap_lint::SourceFile;
///
/// let mut files = [
///     SourceFile::new("a.json", r#"{"id": "a", "title": "A", "version": "1.0.0", "skills": []}"#),
///     SourceFile::new("b.json", "{"),
/// ];
/// let (mut seen, mut kept) = (Vec::new(), Vec::new());
/// let skipped = trailmap_lint::lint_each(&mut files, &Default::default(), &Default::default(), |files, i, found| {
///     seen.push((files[i].name.clone(), found.len()));
///     kept.append(found);
/// });
/// assert_eq!(seen, [("a.json".to_owned(), 0), ("b.json".to_owned(), 1)]);
/// assert_eq!(kept[0].code, "TM001");
/// assert_eq!(skipped[0].file, "b.json");
/// ```
pub fn lint_each(
    files: &mut [SourceFile],
    config: &Config,
    options: &LoadOptions,
    mut found: impl FnMut(&[SourceFile], usize, &mut Vec<Diagnostic>),
) -> Vec<Skipped> {
    lint_files(Files::Lent(files), config, options, &mut found)
}

/// What [`lint_each`] hands a file's diagnostics to: the run's files, the
/// file's index among them, and a part of its diagnostics.
pub(crate) type HandOver<'f> = dyn FnMut(&[SourceFile], usize, &mut Vec<Diagnostic>) + 'f;

/// [`lint_report`] and [`lint_each`].
fn lint_files(mut files: Files<'_>, config: &Config, options: &LoadOptions, found: &mut HandOver<'_>) -> Vec<Skipped> {
    let mut skipped = Vec::new();
    let count = files.all().len();
    // The rules over every roadmap see them one at a time, in input order,
    // after their own rules: each model is freed once its batch is done.
    // One file has nothing to compare with.
    let mut across: Vec<(&Rule, Box<dyn registry::FilesCheck>)> = if count < 2 {
        Vec::new()
    } else {
        rules::RULES
            .iter()
            .filter_map(|rule| match rule.check {
                Check::Files(start) => Some((rule, start())),
                _ => None,
            })
            .collect()
    };
    let threads = config.thread_count();
    let mut next = 0;
    while next < count {
        let batch = next..batch_end(files.all(), next);
        next = batch.end;
        // Small files a few at a time on every thread, each on one (a
        // folder of 40,000 roadmaps); a large one alone, its rules on the
        // threads.
        let parts = parallel::ranges(batch.len(), threads);
        let one_thread = batch.len() > 1;
        let all = files.all();
        let loaded: Vec<Vec<(Vec<Diagnostic>, Option<Model>)>> = parallel::map(&parts, |part| {
            all[batch.clone()][part.clone()].iter().map(|f| load_whole(f, options)).collect()
        });
        let (mut validation, models): (Vec<Vec<Diagnostic>>, Vec<Option<Model>>) = loaded.into_iter().flatten().unzip();
        // The rules read the names and the sizes, not the texts.
        let names: Vec<String> = all[batch.clone()].iter().map(|f| f.name.clone()).collect();
        let lens: Vec<usize> = all[batch.clone()].iter().map(|f| f.text.len()).collect();
        // A large file's text is let go of while its rules run, where it
        // is a large share of the run's memory: the run's peak on a file
        // alone in its batch, estimated once from its model, decides that
        // and TM107's rows.
        let peak = match models.as_slice() {
            [Some((roadmap, _))] => Some(texts::estimated_peak(lens[0], roadmap)),
            _ => None,
        };
        let let_go = peak.and_then(|peak| files.let_go(batch.start, peak));
        // Each file's lookup goes to its graph, on whichever thread lints it.
        let (models, resolved): (Vec<Option<Roadmap>>, Vec<Mutex<Option<trailmap::ResolvedIds>>>) = models
            .into_iter()
            .map(|model| match model {
                Some((roadmap, ids)) => (Some(roadmap), Mutex::new(ids)),
                None => (None, Mutex::new(None)),
            })
            .unzip();
        let linted = parallel::map(&parts, |part| {
            part.clone()
                .map(|k| {
                    models[k].as_ref().map(|roadmap| {
                        let ids = resolved[k].lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                        let mut ctx = Context::of_source_len(&names[k], lens[k], roadmap, ids);
                        ctx.limit_threads(if one_thread { std::num::NonZeroUsize::new(1) } else { config.threads });
                        // Where the text is kept, TM107's widest rows may
                        // still crowd it.
                        let crowded = let_go.is_none()
                            && peak.is_some_and(|peak| {
                                texts::rows_crowd_text(lens[k], peak, roadmap.skills.len(), ctx.threads)
                            });
                        ctx.set_memory_tight(let_go.is_some() || crowded);
                        let mut findings = Findings::default();
                        run::run_file_rules(&ctx, config, &mut findings);
                        (ctx, findings)
                    })
                })
                .collect::<Vec<_>>()
        });
        let all = files.all();
        let mut per_file = Vec::with_capacity(batch.len());
        for (k, linted) in linted.into_iter().flatten().enumerate() {
            let f = &all[batch.start + k];
            let mut diagnostics = std::mem::take(&mut validation[k]);
            let mut compact = Vec::new();
            match linted {
                Some((ctx, findings)) => {
                    if diagnostics.is_empty() {
                        diagnostics = findings.plain;
                    } else {
                        diagnostics.extend(findings.plain);
                    }
                    for (rule, check) in &mut across {
                        check.add(&ctx, rule, &mut diagnostics);
                    }
                    // A few compact findings are made now: their model
                    // can then be freed before the file's other findings
                    // are located (a file with 100,000 of those held both).
                    // Not a skill's findings made one: which of them are
                    // suppressed is decided one by one, in `finish::file`.
                    if findings.compact.iter().map(|c| c.items.len()).sum::<usize>() > PART_MAX {
                        compact = findings.compact;
                    } else {
                        let (now, grouped) = findings.compact.into_iter().partition(|c| c.count() == c.items.len());
                        finish::into_diagnostics(&mut diagnostics, now);
                        compact = grouped;
                    }
                }
                None => skipped.push(Skipped { file: f.name.clone(), codes: model_breakers(&diagnostics) }),
            }
            per_file.push((diagnostics, compact));
        }
        // Each file's diagnostics a part at a time: the compact findings
        // are made as they are handed over. Where a text let go of is read
        // back, they quote copies of their texts, and the model is freed
        // first, here: a file with a finding on most skills held its model
        // and its text read again (script-written `hub` on one line, 100k
        // skills: 4.47 times the file; 4.73 with the model freed on a
        // thread of its own, as mimalloc hands back what another thread
        // frees only later; 3.97 freed here). Elsewhere copying costs time
        // for no gain (bare `dense-all` and `consecutive` at 100k, with
        // findings at most entries: `lint` 5-9% slower in 9 rounds), and
        // the model they borrow lives until they are written. Without
        // any, the models are freed first (a file with 150,000 other
        // findings holds them all while they are located).
        if texts::reads_back(let_go.as_ref(), &per_file) {
            let per_file: Vec<finish::Found<'static>> = per_file
                .into_iter()
                .map(|(diagnostics, compact)| (diagnostics, compact.into_iter().map(SkillFindings::detach).collect()))
                .collect();
            drop(models);
            texts::hand_over(&mut files, batch, let_go, per_file, config, found);
        } else if per_file.iter().any(|(_, compact)| !compact.is_empty()) {
            texts::hand_over(&mut files, batch, let_go, per_file, config, found);
            free_aside(models);
        } else {
            let per_file: Vec<finish::Found<'static>> =
                per_file.into_iter().map(|(diagnostics, _)| (diagnostics, Vec::new())).collect();
            free_aside(models);
            texts::hand_over(&mut files, batch, let_go, per_file, config, found);
        }
    }
    skipped
}

/// Frees a batch's models. Freeing a large one (a string or two per id,
/// name and topic) takes a good share of a run: it happens on a thread of
/// its own, while the run goes on; the batch's small ones here. The caller
/// does not wait for that thread (a command-line run exits before it
/// ends); should none start, the model is freed here.
fn free_aside(models: Vec<Option<Roadmap>>) {
    let large: Vec<Roadmap> = models.into_iter().flatten().filter(|r| r.skills.len() >= PARALLEL_MIN_SKILLS).collect();
    if !large.is_empty() {
        let _ = std::thread::Builder::new().name("trailmap-drop".into()).spawn(move || drop(large));
    }
}

/// Diagnostics handed over together, at most: a file with a finding on
/// most of its skills is written a part at a time, each part made as it
/// is handed over. A part of 1,024 (about a megabyte with its strings)
/// stays in a core's cache from being made to being written: at 4,096,
/// `lint` of files with a finding on most skills took 3-15% longer (bare
/// `consecutive` at 100k on one line 0.66 s against 0.57) and held about
/// 6 MB more while writing; at 512 and 2,048 it was slower than at 1,024.
pub const PART_MAX: usize = 1_024;

/// Files of at most this many bytes are linted in batches, each file on one
/// thread; a larger one alone (2,000 skills, from which a file's rules run on
/// several threads, take about 260 KB even without texts).
const BATCH_FILE_MAX: usize = 256 << 10;

/// Bytes of small files in one batch, at most: their models live until the
/// batch is done.
const BATCH_BYTES: usize = 2 << 20;

/// The end of the batch that starts at `start`: a large file alone, else
/// small files up to [`BATCH_BYTES`].
fn batch_end(files: &[SourceFile], start: usize) -> usize {
    if files[start].text.len() > BATCH_FILE_MAX {
        return start + 1;
    }
    let mut bytes = 0;
    let mut end = start;
    while end < files.len() && files[end].text.len() <= BATCH_FILE_MAX && bytes < BATCH_BYTES {
        bytes += files[end].text.len();
        end += 1;
    }
    end
}

/// A file's validation diagnostics and, when the model is whole, the model
/// (the format follows the name: `.yaml`/`.yml` files are YAML).
fn load_whole(f: &SourceFile, options: &LoadOptions) -> (Vec<Diagnostic>, Option<Model>) {
    // The graph is built from validation's lookup of the prerequisite ids.
    let options = options.clone().with_resolved_ids(true);
    let mut loaded = Roadmap::from_slice_with(f.text.as_bytes(), &f.name, &options);
    // Rules need a whole model: skip them while the file does not even
    // parse into one (its validation errors say why).
    let whole = loaded.is_whole();
    let ids = loaded.take_resolved_ids();
    (loaded.diagnostics, loaded.roadmap.filter(|_| whole).map(|roadmap| (roadmap, ids)))
}

/// A whole model, and validation's lookup of its prerequisite ids.
type Model = (Roadmap, Option<trailmap::ResolvedIds>);

/// The structural codes among `diagnostics` that kept the rules from
/// running, sorted, each once.
fn model_breakers(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = diagnostics
        .iter()
        .filter(|d| d.severity == trailmap::Severity::Error && trailmap::codes::breaks_model(d.code))
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Below this many skills the per-file rules run on the calling thread: they
/// take well under a millisecond, less than starting threads.
pub(crate) const PARALLEL_MIN_SKILLS: usize = 2_000;

/// Rule metadata for SARIF: every rule of the registry.
///
/// ```
/// assert!(trailmap_lint::rule_infos().iter().any(|r| r.code == "TM001"));
/// ```
pub fn rule_infos() -> Vec<emit::RuleInfo> {
    registry::all()
        .iter()
        .map(|r| emit::RuleInfo {
            code: r.code,
            name: r.name,
            summary: leak(r.summary()),
            help: leak(r.doc()),
            default_severity: r.default_severity,
        })
        .collect()
}

/// Rule texts live for the whole run; computing them once per process is
/// cheaper than threading lifetimes through SARIF output.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

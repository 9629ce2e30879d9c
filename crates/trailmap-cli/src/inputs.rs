//! Turning path arguments into loaded files, for `validate` and `lint`:
//! the configuration, the file selection (`trailmap_lint::discover`) and
//! reading, with every I/O problem reported once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use trailmap::fs::FileSnapshot;
use trailmap::{Diagnostic, LoadOptions, Progress};
use trailmap_lint::SourceFile;
use trailmap_lint::config::Config;
use trailmap_lint::discover::FileKind;

use crate::output;

/// Path arguments and the options that choose files.
#[derive(clap::Args)]
pub struct FileArgs {
    /// Roadmap or progress files, or directories to search (see "Which
    /// files are checked" in the README).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Skip these files and folders when walking (globs, comma-separated);
    /// replaces trailmap.toml's `exclude`.
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Option<Vec<String>>,
    /// Skip these files and folders too (globs, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub extend_exclude: Vec<String>,
    /// Apply the excludes to files named on the command line as well.
    #[arg(long)]
    pub force_exclude: bool,
    /// Use this configuration file instead of searching for trailmap.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Refuse inputs larger than this (e.g. 64M, 1G).
    #[arg(long, default_value = "256M", value_parser = parse_size)]
    pub max_size: u64,
}

impl FileArgs {
    /// The configuration: `--config`, none with `--isolated`, else the
    /// nearest `trailmap.toml` above the first path.
    pub fn config(&self) -> Result<Config, String> {
        if self.isolated {
            Ok(Config::default())
        } else if let Some(path) = &self.config {
            Config::load(path).map_err(|e| e.to_string())
        } else {
            let start = self.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            Config::discover(&start).map_err(|e| e.to_string())
        }
    }
}

/// A roadmap read from disk.
pub struct RoadmapFile {
    /// Where it was read.
    pub path: PathBuf,
    /// Its name and text.
    pub source: SourceFile,
    /// What it looked like when read (for writing fixes back safely;
    /// taken only when fixes may be written).
    pub snapshot: Option<FileSnapshot>,
}

/// Everything read for one run.
pub struct Inputs {
    /// Roadmaps that are UTF-8 text (the rest are reported in `early`).
    pub roadmaps: Vec<RoadmapFile>,
    /// Diagnostics found while reading: progress files, roadmaps that are
    /// over the size limit or not UTF-8.
    pub early: Vec<Diagnostic>,
    /// Texts of the files read that are not roadmaps to lint, for
    /// snippets: progress files, and roadmaps that are not UTF-8 (see
    /// [`shown_text`]).
    pub other_sources: Vec<SourceFile>,
    /// How many files were checked.
    pub files: usize,
    /// I/O errors already reported (exit 2).
    pub io_errors: usize,
}

impl Inputs {
    /// The texts of every file read, by name, for snippets.
    pub fn texts(&self) -> Texts<'_> {
        Texts::new(self.roadmaps.iter().map(|r| &r.source).chain(&self.other_sources))
    }
}

/// Files' texts by name, for the snippets of their diagnostics: one table
/// rather than a scan of the files per diagnostic, which on a folder of
/// 40,000 roadmaps with three findings each took 5 of `lint`'s 6.7 s.
pub struct Texts<'a>(HashMap<&'a str, &'a str>);

impl<'a> Texts<'a> {
    /// The table of `files`; of two files with one name, the first.
    pub fn new(files: impl IntoIterator<Item = &'a SourceFile>) -> Self {
        let mut texts = HashMap::new();
        for file in files {
            texts.entry(file.name.as_str()).or_insert(file.text.as_str());
        }
        Texts(texts)
    }

    /// The text of the file named `name`.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.0.get(name).copied()
    }
}

/// Roadmaps' places among the files of a run, by name: their texts are
/// looked up in the files [`trailmap_lint::lint_each`] lends, since it may
/// let go of a large one's text for a while.
pub struct Names(HashMap<String, usize>);

impl Names {
    /// The table of `files`; of two files with one name, the first.
    pub fn new<'a>(files: impl IntoIterator<Item = &'a SourceFile>) -> Self {
        let mut names = HashMap::new();
        for (i, file) in files.into_iter().enumerate() {
            names.entry(file.name.clone()).or_insert(i);
        }
        Names(names)
    }

    /// The text of the file named `name` among `files` (those the table
    /// was made of).
    pub fn text<'f>(&self, files: &'f [SourceFile], name: &str) -> Option<&'f str> {
        self.0.get(name).and_then(|&i| files.get(i)).map(|f| f.text.as_str())
    }
}

/// Reports a configuration error, or selects and reads the files with the
/// configuration (each roadmap's [`FileSnapshot`] taken when `snapshots`:
/// only a run that writes them back needs one); `Err` is the exit code
/// after reporting.
pub fn configured(args: &FileArgs, config: Result<Config, String>, snapshots: bool) -> Result<(Config, Inputs), u8> {
    let config = config.map_err(|message| {
        output::error_lines(&message);
        crate::cli::EXIT_USAGE
    })?;
    let inputs = read(args, &config, snapshots)?;
    Ok((config, inputs))
}

/// Says which `trailmap.toml` files a run that searched for its
/// configuration did not use: one applies to a run (the nearest to the
/// first path), and a user of ruff expects each folder's own.
fn warn_unused_configs(args: &FileArgs, config: &Config, nested: &[PathBuf]) {
    if args.isolated || args.config.is_some() {
        return;
    }
    let identity = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let used = config.path.as_deref().map(identity);
    let mut warned = std::collections::HashSet::new();
    // Once per folder: a shell glob names hundreds of files of one folder,
    // and each search stats every folder up to the root.
    let mut folders = std::collections::HashSet::new();
    let searched = args.paths.iter().filter(|p| p.is_dir() || folders.insert(p.parent()));
    let others = searched.filter_map(|p| Config::nearest(p)).chain(nested.iter().cloned());
    for other in others {
        let id = identity(&other);
        if Some(&id) != used.as_ref() && warned.insert(id) {
            let used = config.path.as_ref().map_or_else(|| "none".to_owned(), |p| p.display().to_string());
            output::warn(&format!(
                "{} is not used: one configuration applies to a run (here: {used}); lint that folder on its own, or pass --config",
                other.display()
            ));
        }
    }
}

/// Selects and reads the files, with their snapshots when `snapshots`;
/// `Err` is the exit code after reporting (a bad configuration or pattern,
/// or nothing to check).
pub fn read(args: &FileArgs, config: &Config, snapshots: bool) -> Result<Inputs, u8> {
    let mut discovery = config.discovery(args.exclude.as_deref(), &args.extend_exclude).map_err(|e| {
        output::error_lines(&e.to_string());
        crate::cli::EXIT_USAGE
    })?;
    discovery.force_exclude = args.force_exclude;
    let selection = discovery.select(&args.paths);
    for warning in &selection.warnings {
        output::warn(warning);
    }
    warn_unused_configs(args, config, &selection.configs);
    for error in &selection.errors {
        output::error(error);
    }
    let only_excluded = selection.excluded.len() == args.paths.len();
    if selection.files.is_empty() && selection.errors.is_empty() && only_excluded {
        // Every path named was a file the excludes cover: a commit that
        // touches only excluded files has nothing to check (ruff says so
        // and succeeds too).
        output::warn("every file named is excluded (`--force-exclude`): nothing to check");
    } else if selection.files.is_empty() && selection.errors.is_empty() {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        output::error(&format!(
            "no roadmap files found under {}; name files explicitly or set `include` in trailmap.toml",
            names.join(", ")
        ));
        return Err(crate::cli::EXIT_USAGE);
    }
    let options = LoadOptions::default().with_max_bytes(args.max_size);
    let mut inputs = Inputs {
        roadmaps: Vec::new(),
        early: Vec::new(),
        other_sources: Vec::new(),
        files: 0,
        io_errors: selection.errors.len(),
    };
    // On a folder of many small roadmaps reading them is a good share of a
    // run: they are read, and their snapshots taken, on every thread, then
    // looked at here in order.
    let parts = trailmap::parallel::ranges(selection.files.len(), config.thread_count());
    let read = trailmap::parallel::map(&parts, |part| {
        selection.files[part.clone()]
            .iter()
            .map(|selected| {
                let bytes = trailmap::load::read_file(&selected.path, args.max_size);
                let snapshot = match &bytes {
                    // A hash of every byte: 3% of `validate` on a large file.
                    Ok(Ok(bytes)) if snapshots && selected.kind != FileKind::Progress => {
                        FileSnapshot::of(&selected.path, bytes).ok()
                    }
                    _ => None,
                };
                (bytes, snapshot)
            })
            .collect::<Vec<_>>()
    });
    for (selected, (bytes, snapshot)) in selection.files.into_iter().zip(read.into_iter().flatten()) {
        let path = selected.path;
        let name = path.display().to_string();
        let bytes = match bytes {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => {
                // Over the size limit: the loader words the diagnostic.
                if let Ok(mut loaded) = trailmap::Roadmap::from_path_with(&path, &options) {
                    trailmap::diagnostic::append(&mut inputs.early, &mut loaded.diagnostics);
                }
                inputs.files += 1;
                continue;
            }
            Err(err) => {
                output::error(&format!("cannot read {name}: {err}"));
                inputs.io_errors += 1;
                continue;
            }
        };
        inputs.files += 1;
        if selected.kind == FileKind::Progress {
            let mut loaded = Progress::from_slice_with(&bytes, &name, &options);
            trailmap::diagnostic::append(&mut inputs.early, &mut loaded.diagnostics);
            inputs.other_sources.push(SourceFile::new(name, shown_text(bytes)));
            continue;
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                let source = SourceFile::new(name, text).with_path(&path);
                inputs.roadmaps.push(RoadmapFile { path, source, snapshot });
            }
            Err(err) => {
                // Let the core locate the bad byte.
                let mut loaded = trailmap::Roadmap::from_slice_with(err.as_bytes(), &name, &options);
                trailmap::diagnostic::append(&mut inputs.early, &mut loaded.diagnostics);
                inputs.other_sources.push(SourceFile::new(name, shown_text(err.into_bytes())));
            }
        }
    }
    Ok(inputs)
}

/// A file's text as its snippets show it: bytes that are not UTF-8 as
/// U+FFFD, each where it was, so that a diagnostic at a bad byte shows its
/// line with the caret under it.
pub fn shown_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// Parses a size such as `1048576`, `512K`, `64M` or `1G` (binary units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let n: u64 = digits.parse().map_err(|_| format!("`{text}` is not a size (examples: 1048576, 512K, 64M, 1G)"))?;
    let factor: u64 = match unit.to_ascii_uppercase().trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("unknown size unit in `{text}` (use K, M or G)")),
    };
    n.checked_mul(factor).ok_or_else(|| format!("`{text}` is too large"))
}

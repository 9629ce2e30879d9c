//! Which files `trailmap validate` and `trailmap lint` check: the one
//! walker of the workspace.
//!
//! A path named on the command line is always checked (unless
//! `--force-exclude` applies the excludes to it too). A directory is walked
//! as ripgrep walks it (the [`ignore`] crate): `.gitignore`, `.ignore` and
//! hidden entries are skipped, symbolic links are followed without loops.
//! A file found by walking is checked when
//!
//! - it matches `include` (by default: a name ending in `.roadmap.json`,
//!   `.roadmap.yaml` or `.roadmap.yml`, a `.json`/`.yaml`/`.yml` file under
//!   a folder named `roadmaps`, or a progress file named `*.progress.json`,
//!   `.yaml` or `.yml`), or
//! - its `$schema` names trailmap's roadmap or progress schema
//!   (`roadmap.schema.json`, `progress.schema.json`), also in a YAML
//!   `# yaml-language-server: $schema=…` line,
//!
//! and no `exclude` or `extend-exclude` pattern matches it or a folder above
//! it (by default `.git`, `node_modules`, `target`, `.venv`, `venv`,
//! `__pycache__`, `.tox`). Progress files are validated as progress files,
//! never as roadmaps; `*.schema.json` files are never checked.
//!
//! Patterns are globs relative to the directory of `trailmap.toml` (or the
//! working directory without one); a pattern without `/` matches a file or
//! folder name anywhere, as in `.gitignore`.

use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// The default `include` patterns.
pub const DEFAULT_INCLUDE: &[&str] = &[
    "*.roadmap.json",
    "*.roadmap.yaml",
    "*.roadmap.yml",
    "**/roadmaps/**/*.json",
    "**/roadmaps/**/*.yaml",
    "**/roadmaps/**/*.yml",
    "*.progress.json",
    "*.progress.yaml",
    "*.progress.yml",
];

/// The default `exclude` patterns.
pub const DEFAULT_EXCLUDE: &[&str] = &[".git", "node_modules", "target", ".venv", "venv", "__pycache__", ".tox"];

/// How far into a file the `$schema` sniff reads.
const SNIFF_BYTES: u64 = 64 * 1024;

/// What a checked file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// A roadmap.
    Roadmap,
    /// A learner's progress file.
    Progress,
}

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    /// The path, as given or as found under a given directory.
    pub path: PathBuf,
    /// What it holds.
    pub kind: FileKind,
}

/// The outcome of [`Discovery::select`].
#[derive(Debug, Default)]
pub struct Selection {
    /// The files to check, in the order of the arguments, each directory's
    /// files sorted.
    pub files: Vec<Selected>,
    /// Paths that could not be read (an I/O error each: exit 2).
    pub errors: Vec<String>,
    /// Problems that do not stop the run (a symbolic-link loop).
    pub warnings: Vec<String>,
    /// Files named on the command line that `force_exclude` left out (as
    /// pre-commit names every staged file: none to check is no error).
    pub excluded: Vec<PathBuf>,
    /// `trailmap.toml` files met below a folder walked: one configuration
    /// applies to a run, so the caller says which of them it did not use.
    pub configs: Vec<PathBuf>,
}

/// File-selection settings: `include`, `exclude` and `extend-exclude` from
/// `trailmap.toml`, and `--exclude`/`--extend-exclude`/`--force-exclude`.
///
/// ```
/// use trailmap_lint::discover::{Discovery, FileKind};
/// let discovery = Discovery::new(std::path::Path::new("."), None, None, &[]).unwrap();
/// assert_eq!(discovery.kind_by_name(std::path::Path::new("docs/ml.roadmap.json")), Some(FileKind::Roadmap));
/// assert_eq!(discovery.kind_by_name(std::path::Path::new("package.json")), None);
/// assert!(discovery.is_excluded(std::path::Path::new("web/node_modules/x/roadmaps/a.json")));
/// ```
#[derive(Debug, Clone)]
pub struct Discovery {
    base: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    /// Apply `exclude` to paths named on the command line too.
    pub force_exclude: bool,
}

impl Discovery {
    /// Settings relative to `base`: `include` and `exclude` replace the
    /// defaults when given; `extend_exclude` adds to the excludes.
    pub fn new(
        base: &Path,
        include: Option<&[String]>,
        exclude: Option<&[String]>,
        extend_exclude: &[String],
    ) -> Result<Discovery, String> {
        let defaults = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let include = include.map_or_else(|| defaults(DEFAULT_INCLUDE), <[String]>::to_vec);
        let mut exclude = exclude.map_or_else(|| defaults(DEFAULT_EXCLUDE), <[String]>::to_vec);
        exclude.extend(extend_exclude.iter().cloned());
        Ok(Discovery {
            base: std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf()),
            include: glob_set(&include)?,
            exclude: glob_set(&exclude)?,
            force_exclude: false,
        })
    }

    /// `path` relative to the base, with `/` (for matching).
    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let normal = normalize(&absolute);
        normal.strip_prefix(&self.base).map(Path::to_path_buf).unwrap_or(normal)
    }

    /// Whether `path` or a folder above it (below the base) is excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        // Each folder is tried as a path of its own rather than through a
        // second `pattern/**` glob per pattern: those compile to regular
        // expressions (66 µs to build the seven default patterns that
        // way, 4 µs without, in a run of 4 ms on the bundled roadmaps).
        self.relative(path).ancestors().any(|p| !p.as_os_str().is_empty() && self.exclude.is_match(p))
    }

    /// Whether `path` itself is excluded, not trying the folders above it.
    fn excludes_entry(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    /// The kind of `path` judged by its name alone: `None` when `include`
    /// does not match it (the `$schema` sniff may still select it).
    pub fn kind_by_name(&self, path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_string_lossy();
        if name.ends_with(".schema.json") {
            return None;
        }
        self.include.is_match(self.relative(path)).then(|| kind_of_name(&name))
    }

    /// Expands command-line paths into the files to check, each file once
    /// however many ways it was reached (named twice, by a symbolic or
    /// hard link, or by a path and a folder above it): the first way
    /// names it.
    pub fn select(&self, paths: &[PathBuf]) -> Selection {
        let mut selection = Selection::default();
        // Whether a file may have been reached twice: a link was followed,
        // or more than one path named.
        let mut maybe_twice = paths.len() > 1;
        for path in paths {
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => maybe_twice |= self.walk(path, &mut selection),
                Ok(meta) => {
                    if self.force_exclude && self.is_excluded(path) {
                        selection.excluded.push(path.clone());
                        continue;
                    }
                    // Named explicitly: checked whatever its name; the
                    // loader judges FIFOs and devices (never opened here:
                    // opening a FIFO would wait for a writer).
                    let kind = self.kind_by_name(path).or_else(|| if meta.is_file() { sniff(path) } else { None });
                    let kind = kind.unwrap_or_else(|| {
                        path.file_name().map_or(FileKind::Roadmap, |n| kind_of_name(&n.to_string_lossy()))
                    });
                    selection.files.push(Selected { path: path.clone(), kind });
                }
                Err(err) => selection.errors.push(format!("cannot read {}: {err}", path.display())),
            }
        }
        if maybe_twice {
            // Linted twice, a file's findings came twice, and `--fix`
            // failed on its second write (the file had changed since read).
            let mut seen = std::collections::HashSet::new();
            selection.files.retain(|f| file_identity(&f.path).is_none_or(|id| seen.insert(id)));
        }
        selection
    }

    /// Adds the files under `root`; whether it followed a symbolic link.
    fn walk(&self, root: &Path, selection: &mut Selection) -> bool {
        let mut links = false;
        let this = self.clone();
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .parents(true)
            // A .gitignore applies in a folder that is not (yet) a git
            // repository too: what the author wrote is what they meant.
            .require_git(false)
            .follow_links(true)
            // The folders above the root are tried once, with the root's
            // own entries; deeper entries' folders passed already.
            .filter_entry(move |entry| match entry.depth() {
                0 => true,
                1 => !this.is_excluded(entry.path()),
                _ => !this.excludes_entry(entry.path()),
            })
            .build();
        let mut found = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) if is_loop(&err) => {
                    selection.warnings.push(err.to_string());
                    continue;
                }
                Err(err) => {
                    selection.errors.push(err.to_string());
                    continue;
                }
            };
            links |= entry.path_is_symlink();
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            if entry.depth() > 0 && entry.file_name() == crate::config::FILE_NAME {
                selection.configs.push(entry.path().to_path_buf());
                continue;
            }
            let path = entry.into_path();
            if let Some(kind) = self.kind_by_name(&path).or_else(|| sniff(&path)) {
                found.push(Selected { path, kind });
            }
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        selection.files.extend(found);
        links
    }
}

/// What tells one file from another whatever path reaches it: its device
/// and inode where there are such, else its canonical path. `None` when
/// it cannot be read (the read reports it).
#[cfg(unix)]
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// See the Unix [`file_identity`].
#[cfg(not(unix))]
fn file_identity(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => is_loop(err),
        _ => false,
    }
}

fn kind_of_name(name: &str) -> FileKind {
    let progress = [".progress.json", ".progress.yaml", ".progress.yml"].iter().any(|s| name.ends_with(s));
    if progress { FileKind::Progress } else { FileKind::Roadmap }
}

/// Compiles patterns; a pattern without `/` matches a name anywhere, and
/// for excludes a pattern also matches everything below what it names.
fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
        let anchored = if trimmed.contains('/') { trimmed.to_owned() } else { format!("**/{trimmed}") };
        let glob: Glob = GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid pattern `{pattern}`: {e}"))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Removes `.` and resolves `..` lexically (no file-system access).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The kind named by a `$schema` near the start of a `.json`, `.yaml` or
/// `.yml` file, if it is one of trailmap's schemas.
fn sniff(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    if !matches!(ext.as_str(), "json" | "yaml" | "yml") || path.to_string_lossy().ends_with(".schema.json") {
        return None;
    }
    // Sized up front (`Take` gives no size hint: growing from 32 bytes
    // took a dozen reads), and the lossy copy only when needed: the two
    // were about a sixth of a run on the five bundled roadmaps.
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    std::fs::File::open(path).ok()?.take(SNIFF_BYTES).read_to_end(&mut head).ok()?;
    match std::str::from_utf8(&head) {
        Ok(text) => schema_kind(text),
        Err(_) => schema_kind(&String::from_utf8_lossy(&head)),
    }
}

/// The kind named by the first `$schema` in `text`.
///
/// ```
/// use trailmap_lint::discover::{schema_kind, FileKind};
/// assert_eq!(schema_kind(r#"{"$schema": "../schemas/roadmap.schema.json", "id": "x"}"#), Some(FileKind::Roadmap));
/// assert_eq!(schema_kind("# yaml-language-server: $schema=https://x/progress.schema.json\n"), Some(FileKind::Progress));
/// assert_eq!(schema_kind(r#"{"$schema": "https://json.schemastore.org/package.json"}"#), None);
/// ```
pub fn schema_kind(text: &str) -> Option<FileKind> {
    let at = text.find("$schema")?;
    // The value follows within the same line.
    let rest = &text[at + "$schema".len()..];
    let line = rest.split(['\n', ',', '}']).next().unwrap_or(rest);
    if line.contains("roadmap.schema.json") {
        Some(FileKind::Roadmap)
    } else if line.contains("progress.schema.json") {
        Some(FileKind::Progress)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_folders() {
        let d = Discovery::new(Path::new("/repo"), None, None, &[]).unwrap();
        let kind = |p: &str| d.kind_by_name(Path::new(p));
        assert_eq!(kind("/repo/a/b.roadmap.yml"), Some(FileKind::Roadmap));
        assert_eq!(kind("/repo/roadmaps/x.json"), Some(FileKind::Roadmap));
        assert_eq!(kind("/repo/docs/roadmaps/deep/x.yaml"), Some(FileKind::Roadmap));
        assert_eq!(kind("/repo/roadmaps/me.progress.json"), Some(FileKind::Progress));
        assert_eq!(kind("/repo/roadmaps/roadmap.schema.json"), None);
        assert_eq!(kind("/repo/package.json"), None);
        assert_eq!(kind("/repo/roadmapsx/a.json"), None);
        assert!(d.is_excluded(Path::new("/repo/node_modules/a/roadmaps/x.json")));
        assert!(d.is_excluded(Path::new("/repo/target")));
        assert!(!d.is_excluded(Path::new("/repo/targets/x.json")));
    }

    #[test]
    fn configured_patterns_replace_or_extend_the_defaults() {
        let include = vec!["data/*.json".to_owned()];
        let d = Discovery::new(Path::new("/repo"), Some(&include), None, &["legacy".to_owned()]).unwrap();
        assert_eq!(d.kind_by_name(Path::new("/repo/data/a.json")), Some(FileKind::Roadmap));
        assert_eq!(d.kind_by_name(Path::new("/repo/data/sub/a.json")), None, "`*` stays within a folder");
        assert_eq!(d.kind_by_name(Path::new("/repo/x.roadmap.json")), None, "include replaced the defaults");
        assert!(d.is_excluded(Path::new("/repo/roadmaps/legacy/a.json")));
        assert!(d.is_excluded(Path::new("/repo/node_modules/a.json")), "extend-exclude keeps the defaults");
        let exclude = vec!["old/roadmaps".to_owned(), "draft-*".to_owned(), "./tmp/".to_owned()];
        let d = Discovery::new(Path::new("/repo"), None, Some(&exclude), &[]).unwrap();
        assert!(d.is_excluded(Path::new("/repo/old/roadmaps/a.json")), "a folder matched by a path");
        assert!(d.is_excluded(Path::new("/repo/old/roadmaps")));
        assert!(!d.is_excluded(Path::new("/repo/x/old/roadmaps/a.json")), "a path is anchored at the base");
        assert!(!d.is_excluded(Path::new("/repo/old/a.json")));
        assert!(d.is_excluded(Path::new("/repo/roadmaps/draft-2/deep/a.json")), "a folder matched by name");
        assert!(d.is_excluded(Path::new("/repo/roadmaps/draft-3.json")));
        assert!(d.is_excluded(Path::new("/repo/tmp/a.json")));
        assert!(!d.is_excluded(Path::new("/repo/roadmaps/a/tmp.json")));
        assert!(!d.is_excluded(Path::new("/repo/node_modules/a.json")), "exclude replaced the defaults");
        let err = Discovery::new(Path::new("/repo"), Some(&["a[".to_owned()]), None, &[]).unwrap_err();
        assert!(err.contains("a["), "{err}");
    }

    #[test]
    fn the_schema_sniff_reads_past_bytes_that_are_not_utf8() {
        let dir = std::env::temp_dir().join(format!("trailmap-sniff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("data.json");
        std::fs::write(&file, b"{\"title\": \"caf\xe9\", \"$schema\": \"../roadmap.schema.json\"}").unwrap();
        assert_eq!(sniff(&file), Some(FileKind::Roadmap));
        std::fs::write(&file, "{\"$schema\": \"x/progress.schema.json\"}").unwrap();
        assert_eq!(sniff(&file), Some(FileKind::Progress));
        std::fs::write(&file, "{\"$schema\": \"https://json.schemastore.org/package.json\"}").unwrap();
        assert_eq!(sniff(&file), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! A learner's progress file on disk: where it is, and changing it safely
//! when several `trailmap progress` runs race.
//!
//! The file is `--progress FILE`, else `$TRAILMAP_PROGRESS`, else
//! `./progress.json` ([`locate`]). A change ([`update`]) takes an
//! advisory lock on a sidecar file (`progress.json.lock`, never the data
//! file itself, which the atomic writer replaces), re-reads the file under
//! the lock, applies the change and writes it back with
//! [`crate::fs::write_atomic`], so no run loses another's entry.
//!
//! [`to_text`] is the one writer of progress files' text: a file stays in
//! its own format (JSON, or YAML for `*.yaml`/`*.yml`). YAML comments are not
//! kept by a rewrite; [`Updated::dropped_comments`] and [`drops_comments`]
//! say when some were there, so that the caller can warn.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;

use crate::date::Date;
use crate::format::Format;
use crate::{Diagnostic, Progress, SkillProgress, Status};

/// The environment variable naming the progress file.
pub const PROGRESS_ENV: &str = "TRAILMAP_PROGRESS";

/// The progress file used when neither a flag nor the environment names one.
pub const DEFAULT_PROGRESS_FILE: &str = "progress.json";

/// How long [`update`] waits for another run's lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the progress file path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathOrigin {
    /// `--progress FILE`.
    Flag,
    /// [`PROGRESS_ENV`].
    Environment,
    /// [`DEFAULT_PROGRESS_FILE`] in the working directory.
    Default,
}

/// The progress file to use: `flag`, else `env` (the value of
/// [`PROGRESS_ENV`], ignored when empty), else [`DEFAULT_PROGRESS_FILE`].
///
/// ```
/// use trailmap::progress_file::{locate, PathOrigin};
/// use std::path::Path;
/// assert_eq!(locate(None, Some("me.json".as_ref())), (Path::new("me.json").to_path_buf(), PathOrigin::Environment));
/// assert_eq!(locate(None, Some("".as_ref())).1, PathOrigin::Default);
/// ```
pub fn locate(flag: Option<&Path>, env: Option<&std::ffi::OsStr>) -> (PathBuf, PathOrigin) {
    if let Some(flag) = flag {
        return (flag.to_path_buf(), PathOrigin::Flag);
    }
    match env.filter(|v| !v.is_empty()) {
        Some(value) => (PathBuf::from(value), PathOrigin::Environment),
        None => (PathBuf::from(DEFAULT_PROGRESS_FILE), PathOrigin::Default),
    }
}

/// A change to one skill's entry.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Change {
    /// Learned: status `done`, dated.
    Done,
    /// Being learned; `hours` replaces the hours logged so far.
    Learning {
        /// Hours spent so far, when given.
        hours: Option<f64>,
    },
    /// Skipped: counts as satisfied, dated.
    Skip,
    /// Forgotten: the entry is removed.
    Reset,
}

impl Progress {
    /// Applies `change` to skill `id` on `today`, keeping its note and
    /// extension keys. Returns the status before.
    ///
    /// ```
    /// use trailmap::progress_file::Change;
    /// let mut p = trailmap::Progress::default();
    /// let today = trailmap::Date::parse("2026-11-30").unwrap();
    /// p.apply("git", Change::Learning { hours: Some(3.0) }, today);
    /// p.apply("git", Change::Done, today);
    /// let entry = &p.skills.0["git"];
    /// assert_eq!((entry.status, entry.hours, entry.date.as_deref()), (trailmap::Status::Done, Some(3.0), Some("2026-11-30")));
    /// ```
    pub fn apply(&mut self, id: &str, change: Change, today: Date) -> Option<Status> {
        let before = self.status(id);
        let status = match change {
            Change::Done => Status::Done,
            Change::Learning { .. } => Status::Learning,
            Change::Skip => Status::Skipped,
            Change::Reset => {
                self.skills.0.remove(id);
                return before;
            }
        };
        let entry = self.skills.0.entry(id.to_owned()).or_insert_with(|| SkillProgress::new(status));
        entry.status = status;
        entry.date = Some(today.to_string());
        if let Change::Learning { hours: Some(h) } = change {
            // `-0` is zero: never written as `-0`.
            entry.hours = Some(if h == 0.0 { 0.0 } else { h });
        }
        before
    }
}

/// Why a progress file could not be changed.
#[derive(Debug)]
#[non_exhaustive]
pub enum UpdateError {
    /// Reading, locking or writing failed.
    Io {
        /// What was being done, e.g. `cannot write progress.json`.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Another run held the lock for longer than the timeout.
    LockTimeout {
        /// The lock file.
        lock: PathBuf,
        /// How long this run waited.
        waited: Duration,
    },
    /// The file exists but is not a valid progress file; it is left as it is.
    Invalid(Vec<Diagnostic>),
    /// The folder the file would be written in does not exist.
    NoFolder {
        /// The progress file.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
}

impl fmt::Display for UpdateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdateError::Io { context, source } => write!(f, "{context}: {source}"),
            UpdateError::LockTimeout { lock, waited } => write!(
                f,
                "another trailmap run holds {} (waited {} s); try again, or delete the lock file if no run is left",
                lock.display(),
                waited.as_secs()
            ),
            UpdateError::Invalid(d) => write!(f, "the progress file has {} problem(s); fix it first", d.len()),
            UpdateError::NoFolder { path, folder } => write!(
                f,
                "cannot write {}: the folder {} does not exist; create it first",
                path.display(),
                folder.display()
            ),
        }
    }
}

impl std::error::Error for UpdateError {}

/// The sidecar lock file of a progress file: `NAME.lock` beside it.
///
/// ```
/// assert_eq!(trailmap::progress_file::lock_path("a/p.json".as_ref()), std::path::Path::new("a/p.json.lock"));
/// ```
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "progress".into());
    name.push(".lock");
    path.with_file_name(name)
}

/// The text of a progress file in `format` for `document` (a [`Progress`],
/// or a JSON value holding one): pretty JSON with two spaces, or block YAML
/// written as `trailmap convert` writes it; ending with a line break.
///
/// ```
/// use trailmap::{Format, Progress, Status};
/// let mut progress = Progress::default();
/// progress.mark_all(["git"], Status::Done);
/// let yaml = trailmap::progress_file::to_text(&progress, Format::Yaml).unwrap();
/// assert!(yaml.contains("skills:\n  git:\n    status: done\n"), "{yaml}");
/// let back = Progress::from_slice_with(yaml.as_bytes(), "p.yaml", &Default::default());
/// assert_eq!(back.progress.unwrap().status("git"), Some(Status::Done));
/// ```
pub fn to_text<T: serde::Serialize + ?Sized>(document: &T, format: Format) -> std::io::Result<String> {
    match format {
        Format::Yaml => {
            let json = serde_json::to_string(document).map_err(std::io::Error::other)?;
            crate::convert::convert(&json, Format::Json, Format::Yaml)
                .map(|c| c.text)
                .map_err(|d| std::io::Error::other(d.to_string()))
        }
        _ => {
            let mut text = serde_json::to_string_pretty(document).map_err(std::io::Error::other)?;
            text.push('\n');
            Ok(text)
        }
    }
}

/// `true` when rewriting `text`, a progress file in `format`, loses
/// comments: it is YAML and has some ([`to_text`] writes none).
///
/// ```
/// use trailmap::{Format, progress_file::drops_comments};
/// assert!(drops_comments("# mine\nskills: {}\n", Format::Yaml));
/// assert!(!drops_comments("skills: {}\n", Format::Yaml));
/// assert!(!drops_comments("{\"skills\": {}}", Format::Json));
/// ```
pub fn drops_comments(text: &str, format: Format) -> bool {
    format == Format::Yaml && crate::yaml::parse(text).is_ok_and(|d| crate::yaml::has_comments(text, &d.root))
}

/// What [`update`] did besides the change.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Updated<R> {
    /// The change's own result.
    pub result: R,
    /// The file was YAML with comments, rewritten without them.
    pub dropped_comments: bool,
}

/// Reads the progress file at `path` (an empty progress when it does not
/// exist), lets `change` edit it, and writes it back atomically in its own
/// format ([`to_text`], from the file name), all under
/// an exclusive lock on [`lock_path`] waited for at most `timeout`. The file
/// is not written when `change` fails. A symbolic link is followed first:
/// the lock sits beside the file it names, so runs through different links
/// to one file take the same lock.
pub fn update<T, E>(
    path: &Path,
    timeout: Duration,
    change: impl FnOnce(&mut Progress) -> Result<T, E>,
) -> Result<Updated<Result<T, E>>, UpdateError> {
    let target = crate::fs::resolve_links(path)
        .map_err(|err| UpdateError::Io { context: format!("cannot write {}", path.display()), source: err.into() })?;
    let path = target.as_path();
    // Said plainly, not as a failure to create the lock file beside it.
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty() && !f.exists()) {
        return Err(UpdateError::NoFolder { path: path.to_owned(), folder: folder.to_owned() });
    }
    let lock = lock(path, timeout)?;
    let format = Format::from_path(path);
    let existing = match read(path) {
        Ok(existing) => existing,
        Err(err) => {
            lock.release(path);
            return Err(err);
        }
    };
    let (progress, dropped_comments) = match existing {
        Some((progress, text)) => (Some(progress), drops_comments(&text, format)),
        None => (None, false),
    };
    let mut progress = progress.unwrap_or_default();
    let result = change(&mut progress);
    if result.is_err() {
        lock.release(path);
        return Ok(Updated { result, dropped_comments: false });
    }
    let write_error = |source| UpdateError::Io { context: format!("cannot write {}", path.display()), source };
    let written = to_text(&progress, format)
        .map_err(write_error)
        .and_then(|text| crate::fs::write_atomic(path, text.as_bytes()).map_err(|err| write_error(err.into())));
    lock.release(path);
    written.map(|()| Updated { result, dropped_comments })
}

/// The progress at `path` and its text, or `None` when there is no such file.
fn read(path: &Path) -> Result<Option<(Progress, String)>, UpdateError> {
    match Progress::from_path(path) {
        Ok(loaded) if loaded.is_valid() => {
            // The text is read again only to look for comments; it is small.
            let text = std::fs::read_to_string(path).unwrap_or_default();
            Ok(Some((loaded.progress.unwrap_or_default(), text)))
        }
        Ok(loaded) => Err(UpdateError::Invalid(loaded.diagnostics)),
        Err(err) if err.source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(UpdateError::Io { context: format!("cannot read {}", path.display()), source: err.source }),
    }
}

/// Holds the lock until dropped (closing the file releases it).
struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Releases the lock, first removing the lock file when there is no
    /// data file at `data`: a failed run that created nothing leaves
    /// nothing behind. A run waiting on the removed file finds it gone
    /// once it gets the lock and takes a new one ([`lock`]), so the
    /// removal never lets two runs hold the lock at once.
    fn release(self, data: &Path) {
        if cfg!(unix) && std::fs::symlink_metadata(data).is_err() {
            let _ = std::fs::remove_file(&self.path);
        }
        drop(self.file);
    }
}

fn lock(path: &Path, timeout: Duration) -> Result<Lock, UpdateError> {
    let lock = lock_path(path);
    let io = |source| UpdateError::Io { context: format!("cannot lock {}", lock.display()), source };
    let started = Instant::now();
    loop {
        let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock).map_err(io)?;
        loop {
            match file.try_lock_exclusive() {
                Ok(true) => break,
                Ok(false) => {}
                Err(err) => return Err(io(err)),
            }
            if started.elapsed() >= timeout {
                return Err(UpdateError::LockTimeout { lock, waited: started.elapsed() });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Locked; but a run that failed may have removed this file
        // meanwhile ([`Lock::release`]): then lock the one now there.
        if is_current(&file, &lock) {
            return Ok(Lock { file, path: lock });
        }
    }
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere lock files are never removed ([`Lock::release`]).
#[cfg(not(unix))]
fn is_current(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trailmap-progress-file-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("p.json")
    }

    #[test]
    fn a_held_lock_times_out_with_a_clear_message() {
        let path = temp("timeout");
        let held = lock(&path, Duration::ZERO).unwrap();
        let err = update(&path, Duration::from_millis(50), |_| Ok::<_, ()>(())).unwrap_err();
        assert!(matches!(err, UpdateError::LockTimeout { .. }));
        assert!(err.to_string().contains("p.json.lock"), "{err}");
        assert!(!path.exists(), "nothing written");
        drop(held);
        update(&path, Duration::from_millis(50), |p| {
            p.apply("git", Change::Done, Date::parse("2026-11-30").unwrap());
            Ok::<_, ()>(())
        })
        .unwrap()
        .result
        .unwrap();
        let written = Progress::from_path(&path).unwrap().progress.unwrap();
        assert_eq!(written.status("git"), Some(Status::Done));
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_removed_lock_file_is_not_held_by_a_run_that_waited_on_it() {
        let path = temp("removed");
        let held = lock(&path, Duration::ZERO).unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || lock(&path, DEFAULT_LOCK_TIMEOUT).map(|l| l.file.metadata().unwrap()))
        };
        std::thread::sleep(Duration::from_millis(50));
        // The holder fails with no data file: the lock file goes.
        held.release(&path);
        let got = waiter.join().unwrap().unwrap();
        use std::os::unix::fs::MetadataExt;
        let now = std::fs::metadata(lock_path(&path)).unwrap();
        assert_eq!((got.dev(), got.ino()), (now.dev(), now.ino()), "the waiter holds the file that is there");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn negative_zero_hours_are_stored_as_zero() {
        let mut progress = Progress::default();
        progress.apply("git", Change::Learning { hours: Some(-0.0) }, Date::parse("2026-11-30").unwrap());
        let hours = progress.skills.0["git"].hours.unwrap();
        assert!(hours == 0.0 && hours.is_sign_positive());
        assert!(to_text(&progress, Format::Json).unwrap().contains("\"hours\": 0.0"));
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let path = temp("failed");
        std::fs::write(&path, "{\"skills\": {}}\n").unwrap();
        let result = update(&path, DEFAULT_LOCK_TIMEOUT, |p| {
            p.apply("git", Change::Done, Date::parse("2026-11-30").unwrap());
            Err::<(), _>("no")
        })
        .unwrap()
        .result;
        assert_eq!(result, Err("no"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"skills\": {}}\n");
        // A failed run on a file that does not exist leaves no lock file.
        let absent = path.with_file_name("absent.json");
        let result = update(&absent, DEFAULT_LOCK_TIMEOUT, |_| Err::<(), _>("no")).unwrap().result;
        assert_eq!(result, Err("no"));
        assert!(!absent.exists());
        assert_eq!(lock_path(&absent).exists(), !cfg!(unix), "no lock file left behind");
        // One that succeeds keeps its lock file (the sidecar outlives runs).
        update(&absent, DEFAULT_LOCK_TIMEOUT, |_| Ok::<(), ()>(())).unwrap().result.unwrap();
        assert!(absent.exists() && lock_path(&absent).exists());
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn a_yaml_file_stays_yaml_and_says_it_lost_its_comments() {
        let path = temp("yaml").with_file_name("me.yaml");
        std::fs::write(
            &path,
            "# my progress\nroadmaps: [test]\nskills:\n  first-skill:\n    status: done\n    date: 2026-01-01\n",
        )
        .unwrap();
        let today = Date::parse("2026-11-30").unwrap();
        let updated =
            update(&path, DEFAULT_LOCK_TIMEOUT, |p| Ok::<_, ()>(p.apply("second-skill", Change::Done, today))).unwrap();
        assert!(updated.dropped_comments);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "roadmaps:\n  - test\nskills:\n  first-skill:\n    status: done\n    date: \"2026-01-01\"\n  second-skill:\n    status: done\n    date: \"2026-11-30\"\n"
        );
        let updated = update(&path, DEFAULT_LOCK_TIMEOUT, |p| Ok::<_, ()>(p.apply("x", Change::Skip, today))).unwrap();
        assert!(!updated.dropped_comments, "none left to drop");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn links_to_one_file_share_its_lock() {
        let path = temp("links");
        let dir = path.parent().unwrap().to_path_buf();
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(&path, "{\"skills\": {}}\n").unwrap();
        std::os::unix::fs::symlink(&path, dir.join("a.json")).unwrap();
        std::os::unix::fs::symlink("../p.json", dir.join("sub/b.json")).unwrap();
        let held = lock(&path, Duration::ZERO).unwrap();
        for link in [dir.join("a.json"), dir.join("sub/b.json")] {
            let err = update(&link, Duration::ZERO, |_| Ok::<(), ()>(())).unwrap_err();
            assert!(matches!(err, UpdateError::LockTimeout { .. }), "{}: {err}", link.display());
        }
        drop(held);
        update(&dir.join("sub/b.json"), Duration::ZERO, |_| Ok::<(), ()>(())).unwrap().result.unwrap();
        assert!(std::fs::symlink_metadata(dir.join("sub/b.json")).unwrap().file_type().is_symlink());
        assert!(path.exists() && !dir.join("sub/b.json.lock").exists() && !dir.join("a.json.lock").exists());
        // A dangling link is refused, and nothing is created beside it.
        std::os::unix::fs::symlink(dir.join("gone.json"), dir.join("dangling.json")).unwrap();
        let err = update(&dir.join("dangling.json"), Duration::ZERO, |_| Ok::<(), ()>(())).unwrap_err();
        assert!(err.to_string().contains("dangling.json"), "{err}");
        assert!(!dir.join("dangling.json.lock").exists() && !dir.join("gone.json").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

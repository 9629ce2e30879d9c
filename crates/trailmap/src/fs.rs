//! File writes that never leave a user's file half-written, never turn a
//! symbolic link into a copy, and never overwrite an edit made while we
//! worked.
//!
//! Every command that rewrites a user's file (`lint --fix`,
//! `migrate-progress`, `progress`, `convert`, `init`) goes through
//! [`write_atomic`], [`write_atomic_if_unchanged`] or, for many files, a
//! [`WriteBatch`]:
//!
//! - the bytes go to a temporary file in the *target's* directory, are
//!   flushed to disk, and the temporary file is renamed over the target, so
//!   a reader (or a crash, or `kill -9`) sees the old file or the new one,
//!   never a mix;
//! - a symbolic link is followed to the file it names, which is replaced;
//!   the link stays a link. A dangling link is refused;
//! - the target's permission bits and (where the process may) its owner and
//!   group are kept;
//! - after the rename the directory is flushed too, so the rename itself
//!   survives a power loss (a batch flushes each directory once, at its
//!   end);
//! - a hard link is *replaced*: the other names of the old file keep the old
//!   contents (the same as editors that save by renaming).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file looked like when it was read: compared again just before a
/// write, so that an edit saved meanwhile (by an editor, another run) is
/// never overwritten.
///
/// ```
/// use trailmap::fs::{FileSnapshot, write_atomic_if_unchanged};
/// let path = std::env::temp_dir().join(format!("trailmap-doc-snapshot-{}.json", std::process::id()));
/// std::fs::write(&path, "old").unwrap();
/// let snapshot = FileSnapshot::read(&path).unwrap();
/// std::fs::write(&path, "edited meanwhile").unwrap();
/// let err = write_atomic_if_unchanged(&path, b"new", &snapshot).unwrap_err();
/// assert!(err.is_changed());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
/// # std::fs::remove_file(&path).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSnapshot {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl FileSnapshot {
    /// The snapshot of `contents`, just read from `path`.
    pub fn of(path: &Path, contents: &[u8]) -> std::io::Result<FileSnapshot> {
        let meta = std::fs::metadata(path)?;
        Ok(FileSnapshot { len: contents.len() as u64, modified: meta.modified().ok(), hash: content_hash(contents) })
    }

    /// Reads `path` and returns its snapshot.
    pub fn read(path: &Path) -> std::io::Result<FileSnapshot> {
        let contents = std::fs::read(path)?;
        FileSnapshot::of(path, &contents)
    }

    /// The contents of `path` read again, or `None` when they are no
    /// longer what this snapshot saw: a caller may let go of a large text
    /// while it works and read it back.
    ///
    /// ```
    /// use trailmap::fs::FileSnapshot;
    /// let path = std::env::temp_dir().join(format!("trailmap-doc-read-again-{}.json", std::process::id()));
    /// std::fs::write(&path, "same").unwrap();
    /// let snapshot = FileSnapshot::read(&path).unwrap();
    /// assert_eq!(snapshot.read_if_unchanged(&path).unwrap().as_deref(), Some(&b"same"[..]));
    /// std::fs::write(&path, "edited").unwrap();
    /// assert_eq!(snapshot.read_if_unchanged(&path).unwrap(), None);
    /// # std::fs::remove_file(&path).unwrap();
    /// ```
    pub fn read_if_unchanged(&self, path: &Path) -> std::io::Result<Option<Vec<u8>>> {
        let meta = std::fs::metadata(path)?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return Ok(None);
        }
        // Same size and time: an edit within the clock's resolution would
        // still show in the contents. Read as any input is, bounded by the
        // snapshot's size: a file swapped since the look above for a larger
        // one is not read whole, and one that is not a regular file is
        // refused before it is opened.
        let Ok(contents) = crate::load::read_file(path, self.len)? else { return Ok(None) };
        Ok((contents.len() as u64 == self.len && content_hash(&contents) == self.hash).then_some(contents))
    }

    fn still_matches(&self, path: &Path) -> std::io::Result<bool> {
        Ok(self.read_if_unchanged(path)?.is_some())
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    // A fast hash with a fixed seed: compared only within one process, and
    // run over every file `lint` reads (SipHash cost 15% of `validate` on
    // a 70 MB roadmap).
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7472_6169_6c6d_6170).hash_one(bytes)
}

/// Why a write did not happen.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// The file changed after it was read; nothing was written.
    Changed {
        /// The file (after following links).
        path: PathBuf,
    },
    /// The path is a symbolic link whose target does not exist.
    DanglingLink {
        /// The link.
        link: PathBuf,
        /// What it points to.
        target: PathBuf,
    },
    /// Reading, writing or renaming failed.
    Io(std::io::Error),
}

impl WriteError {
    /// Whether the file changed while we worked (the caller should ask the
    /// user to run again).
    pub fn is_changed(&self) -> bool {
        matches!(self, WriteError::Changed { .. })
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed { path } => {
                write!(f, "{} changed while trailmap was working on it; nothing was written, run again", path.display())
            }
            WriteError::DanglingLink { link, target } => write!(
                f,
                "{} is a symbolic link to {}, which does not exist; refusing to write through it",
                link.display(),
                target.display()
            ),
            WriteError::Io(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<WriteError> for std::io::Error {
    fn from(err: WriteError) -> Self {
        match err {
            WriteError::Io(err) => err,
            other => std::io::Error::other(other.to_string()),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(err: std::io::Error) -> Self {
        WriteError::Io(err)
    }
}

/// Replaces the file at `path` (following symbolic links) with `contents`
/// atomically; see the [module documentation](self). If anything fails, the
/// original is untouched and the temporary file is removed.
///
/// ```
/// let path = std::env::temp_dir().join(format!("trailmap-doc-write-atomic-{}.json", std::process::id()));
/// std::fs::write(&path, "old").unwrap();
/// trailmap::fs::write_atomic(&path, b"new").unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_into(path, contents, None, None)
}

/// Like [`write_atomic`], but writes nothing and returns
/// [`WriteError::Changed`] when the file no longer matches `snapshot`.
pub fn write_atomic_if_unchanged(path: &Path, contents: &[u8], snapshot: &FileSnapshot) -> Result<(), WriteError> {
    write_into(path, contents, Some(snapshot), None)
}

/// Atomic writes of many files (`lint --fix` on a folder): each is written
/// as by [`write_atomic_if_unchanged`] (or [`write_atomic`] without a
/// snapshot), but each folder is flushed once, when the batch is dropped,
/// rather than after every rename: fixing 37,000 roadmaps of one folder
/// flushed it 37,000 times, half of the run's flushes. A crash before the
/// end may lose some renames, never a file's contents: each file then holds
/// its old text or its new one, whole.
///
/// ```
/// use trailmap::fs::WriteBatch;
/// let dir = std::env::temp_dir().join(format!("trailmap-doc-batch-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let mut batch = WriteBatch::default();
/// batch.write(&dir.join("a.json"), b"a", None).unwrap();
/// batch.write(&dir.join("b.json"), b"b", None).unwrap();
/// drop(batch); // flushes `dir` once
/// assert_eq!(std::fs::read_to_string(dir.join("b.json")).unwrap(), "b");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Default)]
pub struct WriteBatch {
    /// Folders renamed into and not flushed yet.
    dirs: std::collections::BTreeSet<PathBuf>,
}

impl WriteBatch {
    /// Replaces the file at `path` with `contents` atomically; with a
    /// snapshot, only while the file still matches it
    /// ([`WriteError::Changed`] otherwise).
    pub fn write(&mut self, path: &Path, contents: &[u8], snapshot: Option<&FileSnapshot>) -> Result<(), WriteError> {
        write_into(path, contents, snapshot, Some(&mut self.dirs))
    }
}

impl Drop for WriteBatch {
    fn drop(&mut self) {
        for dir in &self.dirs {
            sync_dir(dir);
        }
    }
}

/// The one atomic write: the folder renamed into is flushed at once, or
/// added to `unflushed` for the caller to flush later.
fn write_into(
    path: &Path,
    contents: &[u8],
    snapshot: Option<&FileSnapshot>,
    unflushed: Option<&mut std::collections::BTreeSet<PathBuf>>,
) -> Result<(), WriteError> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written
    // into, never replaced: renamed over as root, `/dev/null` became a
    // regular file that every later `> /dev/null` on the machine filled.
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        if !kind.is_file() && !kind.is_dir() {
            std::fs::OpenOptions::new().write(true).open(path)?.write_all(contents)?;
            return Ok(());
        }
    }
    let target = resolve_links(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let existing = std::fs::metadata(&target).ok();
    let (tmp, mut file) = create_temporary(&dir, &name)?;
    let result = (|| -> Result<(), WriteError> {
        file.write_all(contents)?;
        if let Some(meta) = &existing {
            std::fs::set_permissions(&tmp, meta.permissions())?;
            keep_owner(&file, meta);
        }
        file.sync_all()?;
        drop(file);
        if let Some(snapshot) = snapshot {
            if !snapshot.still_matches(&target)? {
                return Err(WriteError::Changed { path: target.clone() });
            }
        }
        std::fs::rename(&tmp, &target)?;
        match unflushed {
            Some(dirs) => {
                dirs.insert(dir.clone());
            }
            None => sync_dir(&dir),
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Follows symbolic links from `path` to the file they name (which may not
/// exist yet when `path` itself does not exist: a new file). A dangling
/// link is an error. [`write_atomic`] writes there; a lock that guards a
/// file belongs beside it too, so that two links to one file share it.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("trailmap-doc-resolve-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("new.json");
/// assert_eq!(trailmap::fs::resolve_links(&file).unwrap(), file);
/// ```
pub fn resolve_links(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    // The same bound as the kernel's (ELOOP after 40 links).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                let next = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(&link),
                    _ => link,
                };
                if std::fs::symlink_metadata(&next).is_err() {
                    return Err(WriteError::DanglingLink { link: path.to_path_buf(), target: next });
                }
                current = next;
            }
            _ => return Ok(current),
        }
    }
    Err(WriteError::Io(std::io::Error::other(format!("{}: too many levels of symbolic links", path.display()))))
}

fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.trailmap-{}-{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(err) => return Err(err),
        }
    }
}

#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root (or the owner, for the group) may do this; otherwise the
    // new file is ours, as with any editor that saves by renaming.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) {}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: the data is already safe; this makes the rename durable.
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(label: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trailmap-fs-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A pipe (as `/dev/null` or `/dev/stdout` are devices or pipes) is
    /// written into and stays a pipe: renamed over, it became a regular file
    /// (which, for `/dev/null` as root, broke the machine's every `> /dev/null`).
    /// The reading end is opened without waiting for a writer, so a
    /// regression fails here rather than hangs.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_or_device_is_written_into_not_replaced() {
        use std::io::Read;
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        const O_NONBLOCK: i32 = 0o4000;
        let dir = scratch("fifo");
        let fifo = dir.join("out.json");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let link = dir.join("link.json");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        for (target, text) in [(&fifo, "through the pipe"), (&link, "through the link")] {
            let mut reader = std::fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(&fifo).unwrap();
            write_atomic(target, text.as_bytes()).unwrap();
            let mut got = String::new();
            let _ = reader.read_to_string(&mut got);
            assert_eq!(got, text);
        }
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(leftovers(&dir), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn leftovers(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count()
    }

    #[test]
    fn a_failed_write_leaves_the_original_intact() {
        let dir = scratch("fail");
        let path = dir.join("roadmap.json");
        std::fs::write(&path, "original").unwrap();
        // The target is a non-empty directory: the rename fails after the
        // temporary file was written.
        let target = dir.join("sub");
        std::fs::create_dir_all(target.join("x")).unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        assert_eq!(leftovers(&dir), 0, "temporary file removed");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_batch_writes_each_file_or_refuses_it_alone() {
        let dir = scratch("batch");
        let (a, b, c) = (dir.join("a.json"), dir.join("sub/b.json"), dir.join("c.json"));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for path in [&a, &b, &c] {
            std::fs::write(path, "read").unwrap();
        }
        let snapshots: Vec<FileSnapshot> = [&a, &b, &c].iter().map(|p| FileSnapshot::read(p).unwrap()).collect();
        std::fs::write(&b, "edit").unwrap();
        let mut batch = WriteBatch::default();
        batch.write(&a, b"fixed a", Some(&snapshots[0])).unwrap();
        assert!(batch.write(&b, b"fixed b", Some(&snapshots[1])).unwrap_err().is_changed());
        batch.write(&c, b"fixed c", Some(&snapshots[2])).unwrap();
        batch.write(&dir.join("new.json"), b"{}", None).unwrap();
        assert_eq!(batch.dirs.len(), 1, "only the folders renamed into: {:?}", batch.dirs);
        drop(batch);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "fixed a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "edit");
        assert_eq!(std::fs::read_to_string(&c).unwrap(), "fixed c");
        assert_eq!(std::fs::read_to_string(dir.join("new.json")).unwrap(), "{}");
        assert_eq!(leftovers(&dir) + leftovers(&dir.join("sub")), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_new_file_is_created() {
        let dir = scratch("new");
        let path = dir.join("new.json");
        write_atomic(&path, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let dir = scratch("changed");
        let path = dir.join("roadmap.json");
        std::fs::write(&path, "read").unwrap();
        let snapshot = FileSnapshot::read(&path).unwrap();
        // Same length, so only the contents (or the time) tell.
        std::fs::write(&path, "edit").unwrap();
        let err = write_atomic_if_unchanged(&path, b"fixed", &snapshot).unwrap_err();
        assert!(err.is_changed(), "{err}");
        assert!(err.to_string().contains("changed while"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edit");
        assert_eq!(leftovers(&dir), 0);
        // Unchanged: written.
        let snapshot = FileSnapshot::read(&path).unwrap();
        write_atomic_if_unchanged(&path, b"fixed", &snapshot).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_preserved() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("perm");
        let path = dir.join("roadmap.json");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_is_written() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("link");
        std::fs::create_dir_all(dir.join("shared")).unwrap();
        let real = dir.join("shared/real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        // A relative link, through a second link.
        let link = dir.join("link.json");
        std::os::unix::fs::symlink("shared/real.json", &link).unwrap();
        let link2 = dir.join("link2.json");
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        write_atomic(&link2, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(std::fs::symlink_metadata(&link2).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(leftovers(&dir), 0);
        assert_eq!(leftovers(&dir.join("shared")), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_refused() {
        let dir = scratch("dangling");
        let link = dir.join("link.json");
        std::os::unix::fs::symlink("missing.json", &link).unwrap();
        let err = write_atomic(&link, b"new").unwrap_err();
        assert!(matches!(err, WriteError::DanglingLink { .. }), "{err}");
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(!dir.join("missing.json").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_an_error_not_a_hang() {
        let dir = scratch("loop");
        std::os::unix::fs::symlink("b.json", dir.join("a.json")).unwrap();
        std::os::unix::fs::symlink("a.json", dir.join("b.json")).unwrap();
        assert!(write_atomic(&dir.join("a.json"), b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

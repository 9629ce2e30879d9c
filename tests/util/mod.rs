//! Helpers shared by the end-to-end tests in `tests/`: run the `trailmap`
//! binary that cargo built for this test (`CARGO_BIN_EXE_trailmap`, never a
//! stale binary found on disk) from the repository root; generated files
//! committed for readers are compared whole (`generated_file`).

// Each test file includes this module and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `trailmap` binary cargo built for this test run.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_trailmap"))
}

/// Runs `trailmap ARGS` from the workspace root.
pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args, &[])
}

/// Runs `trailmap ARGS` in `dir` with extra environment variables.
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args).current_dir(dir).env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run trailmap")
}

/// A path under the workspace root as the tests name it to the binary
/// (relative, `/`-separated), so that output and snapshots do not depend on
/// where the clone is.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Compares a generated file that is committed for readers (a picture in
/// `docs/`) with what the binary makes now, whole. `TRAILMAP_BLESS=1`
/// rewrites the file instead. Command output is checked with insta
/// snapshots (`cargo insta review`), not with this.
pub fn generated_file(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("TRAILMAP_BLESS").is_some() {
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        expected == actual,
        "{path} is stale; regenerate it with\n\n    TRAILMAP_BLESS=1 cargo test --test pictures\n"
    );
}

/// The `*.json` files of `dir` (relative to the root, or absolute), sorted:
/// fixture folders whose file names are not roadmap names are passed
/// explicitly, as a user would name them.
pub fn json_files(dir: &str) -> Vec<String> {
    let full = root().join(dir);
    let mut files: Vec<String> = std::fs::read_dir(&full)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.strip_prefix(root()).map(Path::to_path_buf).unwrap_or(p).to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// Runs `trailmap ARGS FILES` from the workspace root.
pub fn run_files(args: &[&str], files: &[String]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(files.iter().map(String::as_str));
    run(&all)
}

/// The bundled roadmaps (`roadmaps/*.json`), relative to the root, sorted.
pub fn bundled_roadmaps() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(root().join("roadmaps"))
        .unwrap()
        .map(|e| format!("roadmaps/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    paths
}

/// A scratch folder for one test under the system's temporary folder
/// (`trailmap-{label}-{pid}`: labels differ within a test file, and each
/// test file is a process of its own), removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// An empty scratch folder.
    pub fn new(label: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("trailmap-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `text` to `path` inside the folder, making the folders above
    /// it; the file's path.
    pub fn write(&self, path: &str, text: &str) -> PathBuf {
        let file = self.0.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        file
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

//! Helpers for the end-to-end tests in `tests/`: find the `trailmap`
//! binary that `cargo test --workspace` built, run it from the workspace
//! root, and compare output with golden files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `trailmap` binary next to the running test executable
/// (`target/<profile>/deps/<test>` → `target/<profile>/trailmap`).
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current test executable");
    let dir = exe.parent().and_then(Path::parent).expect("target directory");
    let bin = dir.join(format!("trailmap{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not found: run `cargo test --workspace` (it builds the binary first)", bin.display());
    bin
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

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Compares `actual` with the golden file at `path` (relative to the
/// workspace root). `TRAILMAP_BLESS=1` rewrites the golden file instead.
pub fn golden(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("TRAILMAP_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("missing golden file {path}: run with TRAILMAP_BLESS=1"));
    assert!(
        expected == actual,
        "output differs from {path} (TRAILMAP_BLESS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

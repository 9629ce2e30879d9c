//! Smoke tests of the binary. The end-to-end suite lives in the workspace
//! `tests/` crate; this file also makes `cargo test` build the binary
//! before that suite runs.

use std::process::Command;

#[test]
fn help_and_version_exit_zero() {
    for arg in ["--help", "--version", "validate --help"] {
        let out = Command::new(env!("CARGO_BIN_EXE_trailmap")).args(arg.split(' ')).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{arg}");
        assert!(!out.stdout.is_empty(), "{arg}");
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_trailmap")).arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("frobnicate"));
}

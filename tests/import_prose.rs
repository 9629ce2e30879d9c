//! End-to-end: `trailmap import markdown` on prose that states
//! prerequisites, names projects and exclusions in passing, with and
//! without `--infer-prerequisites`; the roadmaps and JSON reports are
//! snapshots.

mod util;

use util::{run, stdout};

fn import(extra: &[&str], name: &str) {
    let mut args = vec!["import", "markdown", "tests/fixtures/import/prose.md", "--report", "json"];
    args.extend(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!(format!("{name}.json"), stdout(&out));
    insta::assert_snapshot!(format!("{name}.report.json"), String::from_utf8_lossy(&out.stderr));
    let dir = std::env::temp_dir().join(format!("trailmap-import-prose-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let validated = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(validated.status.code(), Some(0), "{}", stdout(&validated));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn prose_import_golden() {
    import(&[], "prose");
}

#[test]
fn prose_import_with_inferred_prerequisites_golden() {
    import(&["--infer-prerequisites", "--vocabulary", "roadmaps"], "prose-inferred");
}

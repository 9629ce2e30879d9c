//! The committed schemas under `schemas/` must equal what the types
//! generate. Regenerate with:
//!
//!     TRAILMAP_BLESS=1 cargo test -p trailmap --test schema_fresh

use std::path::PathBuf;

fn check(file: &str, generated: &serde_json::Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas").join(file);
    let expected = trailmap::schema::to_pretty(generated);
    if std::env::var_os("TRAILMAP_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "schemas/{file} is stale: the Rust types changed. Regenerate it with\n\n    TRAILMAP_BLESS=1 cargo test -p trailmap --test schema_fresh\n"
    );
}

#[test]
fn roadmap_schema_is_fresh() {
    check("roadmap.schema.json", &trailmap::schema::roadmap_schema());
}

#[test]
fn progress_schema_is_fresh() {
    check("progress.schema.json", &trailmap::schema::progress_schema());
}

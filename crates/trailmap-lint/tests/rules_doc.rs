//! Generated files stay fresh. Regenerate both with:
//!
//!     TRAILMAP_BLESS=1 cargo test -p trailmap-lint --test rules_doc

fn check(relative: &str, generated: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    if std::env::var_os("TRAILMAP_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale. Regenerate it with\n\n    TRAILMAP_BLESS=1 cargo test -p trailmap-lint --test rules_doc\n"
    );
}

#[test]
fn docs_rules_md_is_fresh() {
    check("docs/rules.md", &trailmap_lint::docs::rules_markdown());
}

#[test]
fn lint_config_schema_is_fresh() {
    check("schemas/trailmap-toml.schema.json", &trailmap::schema::to_pretty(&trailmap_lint::config::schema()));
}

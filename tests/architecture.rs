//! The crate dependency rule of ARCHITECTURE.md, read from `cargo
//! metadata`: the core depends on no workspace crate; each satellite
//! depends on the core and on no other satellite; only the binary and the
//! benchmarks may combine satellites. Also: every published crate ships the
//! licence texts.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn satellites_depend_on_the_core_never_on_each_other() {
    let meta = metadata();
    let packages = meta["packages"].as_array().unwrap();
    let members: Vec<&str> = packages.iter().map(|p| p["name"].as_str().unwrap()).collect();
    let mut deps: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in packages {
        let name = p["name"].as_str().unwrap();
        let local: Vec<&str> = p["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["kind"].is_null())
            .map(|d| d["name"].as_str().unwrap())
            .filter(|d| members.contains(d))
            .collect();
        deps.insert(name, local);
    }
    assert_eq!(deps["trailmap"], Vec::<&str>::new(), "the core depends on no workspace crate");
    let combiners = ["trailmap-cli", "trailmap-bench"];
    for (name, local) in &deps {
        if *name == "trailmap" || combiners.contains(name) {
            continue;
        }
        assert_eq!(local, &vec!["trailmap"], "satellite `{name}` depends on the core only");
    }
    assert!(deps.len() >= 5, "{deps:?}");
}

#[test]
fn published_crates_ship_the_licence_texts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mit = std::fs::read_to_string(root.join("LICENSE-MIT")).unwrap();
    let apache = std::fs::read_to_string(root.join("LICENSE-APACHE")).unwrap();
    assert!(mit.starts_with("MIT License") && apache.contains("Apache License"));
    let meta = metadata();
    for p in meta["packages"].as_array().unwrap() {
        if p["publish"].as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        assert_eq!(p["license"], "MIT OR Apache-2.0", "{}", p["name"]);
        let dir = std::path::Path::new(p["manifest_path"].as_str().unwrap()).parent().unwrap();
        for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
            let text = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|_| panic!("{} lacks {file}", p["name"]));
            assert!(text == if file == "LICENSE-MIT" { mit.as_str() } else { apache.as_str() }, "{} {file}", p["name"]);
        }
    }
}

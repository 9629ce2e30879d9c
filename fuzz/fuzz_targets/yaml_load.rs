//! Bytes as a `.yaml` roadmap and a `.yaml` progress file -> the loader:
//! no panic, no hang (aliases and nesting are bounded), every diagnostic
//! located inside the input on character boundaries, every output format
//! safe; a valid YAML roadmap converts to JSON that loads to the same model.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use trailmap::{Progress, Roadmap};

fuzz_target!(|data: &[u8]| {
    let loaded = Roadmap::from_slice_with(data, "fuzz/roadmap.yaml", &common::options());
    let source = std::str::from_utf8(data).ok();
    common::check_diagnostics(source, data.len(), &loaded.diagnostics);
    if loaded.is_valid() {
        let roadmap = loaded.roadmap.expect("a valid file has a model");
        let json = serde_json::to_string(&roadmap).expect("a model serialises");
        let again = Roadmap::from_slice_with(json.as_bytes(), "fuzz/roadmap.json", &common::options());
        assert!(again.is_valid(), "the JSON of a valid YAML roadmap is valid: {:?}", again.diagnostics);
        assert_eq!(again.roadmap.as_ref(), Some(&roadmap), "YAML and its JSON load to the same model");
    }
    let progress = Progress::from_slice_with(data, "fuzz/progress.yaml", &common::options());
    common::check_diagnostics(source, data.len(), &progress.diagnostics);
});

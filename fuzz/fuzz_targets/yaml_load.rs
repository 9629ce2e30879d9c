//! Bytes as a `.yaml` roadmap and a `.yaml` progress file -> the loader:
//! no panic, no hang (aliases and nesting are bounded), every diagnostic
//! located inside the input on character boundaries, every output format
//! safe; a valid YAML roadmap converts to JSON that loads to the same model;
//! the walk of the events that finds many items of one list finds them
//! where locating their pointers in the tree does.

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
    // Where the text parses (no TM001): a tree to compare with.
    let parses = loaded.diagnostics.iter().all(|d| d.code != "TM001");
    if let Some(source) = source.filter(|_| parses) {
        let pointer_at = |pointer: String| {
            let mut d = [trailmap::Diagnostic::new("T", "t", trailmap::Severity::Info, "m").at(pointer)];
            trailmap::locate::locate_as(source, trailmap::Format::Yaml, &mut d);
            d[0].location
        };
        let pairs = [(0, 0), (0, 2), (1, 0), (2, 1), (7, 0)];
        trailmap::locate::yaml_list_items_each(source, "skills", "prerequisites", &pairs, |k, at, _| {
            let (i, j) = pairs[k];
            assert_eq!(pointer_at(format!("/skills/{i}/prerequisites/{j}")), Some(at), "/skills/{i}/prerequisites/{j}");
        });
        let elements = [0, 1, 2, 7];
        trailmap::locate::yaml_list_fields_each(source, "skills", "id", &elements, |k, at| {
            let i = elements[k];
            assert_eq!(pointer_at(format!("/skills/{i}/id")), Some(at), "/skills/{i}/id");
        });
    }
    let progress = Progress::from_slice_with(data, "fuzz/progress.yaml", &common::options());
    common::check_diagnostics(source, data.len(), &progress.diagnostics);
});

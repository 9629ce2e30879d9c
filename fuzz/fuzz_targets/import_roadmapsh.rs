//! Any text as a roadmap.sh editor graph -> `trailmap_import::roadmapsh::import`:
//! no panic, no hang; JSON that is not a graph is refused with a message;
//! an imported roadmap always validates, and its report renders as JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(imported) = trailmap_import::roadmapsh::import(&text, &trailmap_import::Options::default()) else {
        return;
    };
    let json = imported.to_json();
    let loaded =
        trailmap::Roadmap::from_slice_with(json.as_bytes(), "fuzz/imported.json", &trailmap::LoadOptions::default());
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.severity == trailmap::Severity::Error).collect();
    assert!(errors.is_empty(), "an import always validates: {errors:?}\n{json}");
    serde_json::to_string(&imported.report).expect("the report is JSON");
});

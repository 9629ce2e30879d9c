//! Any text as a Markdown roadmap -> `trailmap_import::markdown::import`:
//! no panic, no hang, and the promise of the importer: the roadmap it
//! returns always validates, and its report renders as JSON that parses.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Sources past the element limit are refused with a line; fine.
    let Ok(imported) = trailmap_import::markdown::import(&text, &trailmap_import::Options::default()) else { return };
    let json = imported.to_json();
    let loaded = trailmap::Roadmap::from_slice_with(json.as_bytes(), "fuzz/imported.json", &trailmap::LoadOptions::default());
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.severity == trailmap::Severity::Error).collect();
    assert!(errors.is_empty(), "an import always validates: {errors:?}\n{json}");
    serde_json::to_string(&imported.report).expect("the report is JSON");
});

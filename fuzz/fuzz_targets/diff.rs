//! Two roadmaps (and a progress file), split at NUL bytes -> every
//! `trailmap_diff` entry point on whatever models the loader produced:
//! the diff, its report in every format, the version check and the
//! progress migration.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use trailmap::{Progress, Roadmap};
use trailmap_diff::report::{self, Report};

fuzz_target!(|data: &[u8]| {
    let parts = common::split(data, 3);
    let options = common::options();
    let old = Roadmap::from_slice_with(parts[0], "old.json", &options);
    let new = Roadmap::from_slice_with(parts.get(1).copied().unwrap_or_default(), "new.json", &options);
    let (Some(old_model), Some(new_model)) = (&old.roadmap, &new.roadmap) else { return };

    let changes = trailmap_diff::diff(old_model, new_model);
    // On invalid models (duplicate ids) the first item with an id wins, so
    // only a valid roadmap is sure to equal itself.
    if old.is_valid() {
        assert!(trailmap_diff::diff(old_model, old_model).is_empty(), "a valid roadmap differs from itself");
    }
    let bump = trailmap_diff::overall_bump(&changes);
    assert_eq!(changes.is_empty(), bump == trailmap_diff::Bump::None);

    let mut report = Report::new(old_model, new_model);
    let _ = report.check_version();
    let _ = report::text(&report);
    let _ = report::markdown(&report);
    let json: serde_json::Value = serde_json::from_str(&report::json(&report)).expect("diff json parses");
    assert!(json.is_object());
    let old_text = std::str::from_utf8(parts[0]).unwrap_or_default();
    let new_text = parts.get(1).and_then(|p| std::str::from_utf8(p).ok()).unwrap_or_default();
    let github = report::github(
        &report,
        report::Source { name: "old.json", text: old_text },
        report::Source { name: "new.json", text: new_text },
        Some(trailmap_diff::Bump::Minor),
    );
    for line in github.lines() {
        assert!(line.starts_with("::"), "{line:?}");
    }

    if let Some(progress) = parts.get(2) {
        if let Some(progress) = Progress::from_slice_with(progress, "progress.json", &options).progress {
            let migration = trailmap_diff::migrate_progress(old_model, new_model, &progress);
            let _ = migration.report();
        }
    }
});

//! Bytes as an existing progress file (JSON or YAML by the first byte),
//! then `progress_file::update` marking a skill done: no panic; an invalid
//! file is refused and left byte for byte as it was; a valid one is
//! rewritten as a valid progress file that keeps every entry it had.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use trailmap::{Progress, Status};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("trailmap-fuzz-progress-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let name = if data.first() == Some(&b'{') { "p.json" } else { "p.yaml" };
    let path = dir.join(name);
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let before = Progress::from_slice_with(data, name, &common::options());
    let before = if before.is_valid() { before.progress } else { None };
    let result = trailmap::progress_file::update(&path, std::time::Duration::from_secs(5), |p: &mut Progress| {
        p.mark_all(["fuzz-skill"], Status::Done);
        Ok::<(), ()>(())
    });
    let after = std::fs::read(&path).expect("the file is still there");
    match result {
        Ok(_) => {
            let loaded = Progress::from_slice_with(&after, name, &common::options());
            assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
            let progress = loaded.progress.expect("model");
            assert_eq!(progress.status("fuzz-skill"), Some(Status::Done));
            if let Some(old) = before {
                for id in old.skills.0.keys() {
                    assert!(progress.skills.0.contains_key(id), "entry {id} kept");
                }
            }
        }
        Err(_) => assert_eq!(after, data, "a refused file is left as it was"),
    }
});

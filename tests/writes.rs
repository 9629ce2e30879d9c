//! Every command that writes a user's file, under the conditions that lose
//! data elsewhere: `kill -9` at random moments, symbolic links, and files
//! that must keep their mode.

mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use util::{Scratch, binary, root, run_in};

fn progress_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/progress.schema.json")).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// SplitMix64: deterministic kill moments without a `rand` dependency.
struct Moments(u64);

impl Moments {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `progress done|reset` killed with SIGKILL at random moments, hundreds of
/// times: the file is always there, always JSON, always valid against the
/// schema, and never holds a half-written entry.
#[cfg(unix)]
#[test]
fn progress_survives_kill_9_at_any_moment() {
    let dir = Scratch::new("writes-kill");
    let file = dir.0.join("me.progress.json");
    std::fs::write(&file, "{ \"skills\": { \"python\": { \"status\": \"done\" } } }\n").unwrap();
    let validator = progress_validator();
    let mut moments = Moments(0x7A11_3A9D);
    let trials = 300;
    let mut killed = 0;
    for trial in 0..trials {
        let skill = format!("skill-{}", trial % 17);
        let verb = if trial % 3 == 2 { "reset" } else { "done" };
        let mut child = Command::new(binary())
            .args(["progress", verb, &skill, "--progress"])
            .arg(&file)
            .current_dir(&dir.0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Between 0 and 6 ms: from before the lock to after the rename.
        std::thread::sleep(Duration::from_micros(moments.next() % 6_000));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("trial {trial}: the file is gone: {e}"));
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("trial {trial}: not JSON ({e}):\n{text}"));
        assert!(validator.is_valid(&value), "trial {trial}: not a valid progress file:\n{text}");
        assert_eq!(value["skills"]["python"]["status"], "done", "trial {trial}: an entry was lost");
    }
    assert!(killed > trials / 10, "the kills should land mid-run often ({killed} of {trials})");
    // No temporary file is left to pile up… except those of killed runs,
    // which a later write never reads: they are only garbage, named so.
    for entry in std::fs::read_dir(&dir.0).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "me.progress.json" || name == "me.progress.json.lock" || name.ends_with(".tmp"),
            "unexpected file {name}"
        );
    }
}

#[cfg(unix)]
fn link_to(dir: &Path, target: &str, link: &str) -> PathBuf {
    let path = dir.join(link);
    std::os::unix::fs::symlink(target, &path).unwrap();
    path
}

#[cfg(unix)]
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

/// `progress`, `convert -o` and `init -o` write the file a link names; the
/// link stays a link and the target keeps its mode.
#[cfg(unix)]
#[test]
fn every_writing_command_writes_through_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("writes-links");
    std::fs::create_dir_all(dir.0.join("real")).unwrap();

    std::fs::write(dir.0.join("real/p.json"), "{ \"skills\": {} }\n").unwrap();
    std::fs::set_permissions(dir.0.join("real/p.json"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = link_to(&dir.0, "real/p.json", "p.json");
    let out = run_in(&dir.0, &["progress", "done", "python", "--progress", "p.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(is_link(&link));
    assert!(std::fs::read_to_string(dir.0.join("real/p.json")).unwrap().contains("python"));
    assert_eq!(std::fs::metadata(dir.0.join("real/p.json")).unwrap().permissions().mode() & 0o777, 0o600);

    let source = root().join("tests/fixtures/valid/small.json");
    std::fs::write(dir.0.join("real/small.yaml"), "old").unwrap();
    let link = link_to(&dir.0, "real/small.yaml", "small.yaml");
    let out = run_in(&dir.0, &["convert", source.to_str().unwrap(), "--to", "yaml", "-o", "small.yaml"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(is_link(&link));
    assert!(std::fs::read_to_string(dir.0.join("real/small.yaml")).unwrap().contains("skills:"));

    std::fs::write(dir.0.join("real/new.roadmap.json"), "{}").unwrap();
    let link = link_to(&dir.0, "real/new.roadmap.json", "new.roadmap.json");
    let out = run_in(&dir.0, &["init", "--title", "Data engineer", "--weeks", "16", "-o", "new.roadmap.json"], &[]);
    if out.status.code() == Some(0) {
        assert!(is_link(&link));
        assert!(std::fs::read_to_string(dir.0.join("real/new.roadmap.json")).unwrap().contains("Data engineer"));
    } else {
        // `init` refuses to overwrite an existing file: then it wrote nothing.
        assert_eq!(std::fs::read_to_string(dir.0.join("real/new.roadmap.json")).unwrap(), "{}");
        assert!(is_link(&link));
    }

    // A dangling link is refused, and nothing is created behind it.
    let dangling = link_to(&dir.0, "real/missing.json", "dangling.json");
    let out = run_in(&dir.0, &["progress", "done", "python", "--progress", "dangling.json"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(is_link(&dangling) && !dir.0.join("real/missing.json").exists());
}

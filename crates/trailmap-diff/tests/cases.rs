//! Every change kind has a case folder under `tests/fixtures/diff/<kind>/`
//! whose two files differ by exactly that kind of change; and editing a
//! bundled roadmap in each of the issue's ways gives the right change and
//! bump.

use std::path::{Path, PathBuf};

use trailmap::{Prerequisite, Roadmap};
use trailmap_diff::{Bump, ChangeKind, check_version, diff, overall_bump};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(path: &Path) -> Roadmap {
    let loaded = Roadmap::from_path(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.is_valid(), "{}: {:?}", path.display(), loaded.diagnostics);
    loaded.roadmap.expect("valid roadmap")
}

#[test]
fn each_kind_has_a_case_with_exactly_that_change() {
    let cases = root().join("tests/fixtures/diff");
    for kind in ChangeKind::ALL {
        let dir = cases.join(kind.id());
        assert!(dir.is_dir(), "no case folder {} for {kind}", dir.display());
        let changes = diff(&load(&dir.join("old.json")), &load(&dir.join("new.json")));
        let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [*kind], "{kind}: {changes:#?}");
        assert_eq!(overall_bump(&changes), kind.bump(), "{kind}");
        let change = &changes[0];
        assert!(change.old_pointer.is_some() || change.new_pointer.is_some(), "{kind} has no pointer");
    }
}

/// `text` with its change-kind table (the run of `|` lines from the
/// table's header on) replaced by the generated one.
fn with_generated_table(text: &str) -> String {
    let table = ChangeKind::table();
    let header = table.lines().next().unwrap_or_default();
    let Some(start) = text.find(&format!("\n{header}\n")).map(|at| at + 1) else {
        return format!("{text}\n(no change-kind table starting with {header:?})");
    };
    let mut end = start;
    for line in text[start..].split_inclusive('\n') {
        if !line.starts_with('|') {
            break;
        }
        end += line.len();
    }
    format!("{}{table}{}", &text[..start], &text[end..])
}

/// The README and docs/diff.md are compared whole with what they should be,
/// their tables generated (a stray line next to a table is caught too).
/// `TRAILMAP_BLESS=1` rewrites their tables.
#[test]
fn readme_and_docs_hold_the_generated_table() {
    for file in ["crates/trailmap-diff/README.md", "docs/diff.md"] {
        let path = root().join(file);
        let committed = std::fs::read_to_string(&path).expect(file);
        let expected = with_generated_table(&committed);
        if std::env::var_os("TRAILMAP_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        assert!(
            committed == expected,
            "{file} has a stale change-kind table; regenerate it with\n\n    \
             TRAILMAP_BLESS=1 cargo test -p trailmap-diff --test cases readme_and_docs\n"
        );
    }
}

#[test]
fn a_stray_line_in_a_table_is_caught() {
    let good = format!("# T\n\n{}\nafter\n", ChangeKind::table());
    assert_eq!(with_generated_table(&good), good);
    let stray = good.replace("\n\nafter", "\n| \"))\n\nafter");
    assert_ne!(with_generated_table(&stray), stray);
}

#[test]
fn a_rename_without_former_id_is_removed_plus_added_with_a_hint() {
    let dir = root().join("tests/fixtures/diff/renamed-without-former-id");
    let changes = diff(&load(&dir.join("old.json")), &load(&dir.join("new.json")));
    let removed = changes.iter().find(|c| c.kind == ChangeKind::SkillRemoved).expect("removed");
    let added = changes.iter().find(|c| c.kind == ChangeKind::SkillAdded).expect("added");
    assert_eq!(added.hint.as_deref(), Some("possibly renamed from `numpy`: add `numpy` to its former_ids"));
    assert!(removed.hint.as_deref().is_some_and(|h| h.contains("`numpy2`")));
    assert_eq!(overall_bump(&changes), Bump::Major);
}

#[test]
fn a_repeated_prerequisite_is_no_change() {
    let roadmap = |prerequisites: &str| {
        let text = format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [
                {{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}},
                {{"id": "c", "name": "C", "prerequisites": {prerequisites}}}]}}"#
        );
        let loaded = Roadmap::from_slice_in(text.as_bytes(), trailmap::Format::Json, "r.json", &Default::default());
        assert!(loaded.is_valid(), "{prerequisites}: {:?}", loaded.diagnostics);
        loaded.roadmap.expect("valid roadmap")
    };
    let once = roadmap(r#"["a"]"#);
    let twice = roadmap(r#"["a", "a"]"#);
    assert_eq!(diff(&once, &twice), [], "a repeat added");
    assert_eq!(diff(&twice, &once), [], "a repeat removed");
    let group = roadmap(r#"[{"any_of": ["a", "b"]}]"#);
    let group_twice = roadmap(r#"[{"any_of": ["a", "b"]}, {"any_of": ["b", "a"]}]"#);
    assert_eq!(diff(&group, &group_twice), []);
    // A new entry next to a repeat is still reported, once.
    let kinds: Vec<ChangeKind> = diff(&twice, &roadmap(r#"["a", "a", "b"]"#)).iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::PrerequisiteAdded]);
}

fn bundled() -> (Roadmap, Roadmap) {
    let roadmap = load(&root().join("roadmaps/ml-engineer-12-weeks.json"));
    (roadmap.clone(), roadmap)
}

fn single(old: &Roadmap, new: &Roadmap) -> (ChangeKind, Bump) {
    let changes = diff(old, new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    (changes[0].kind, overall_bump(&changes))
}

fn position(roadmap: &Roadmap, id: &str) -> usize {
    roadmap.skills.iter().position(|s| s.id == id).unwrap_or_else(|| panic!("no skill {id}"))
}

/// Rewrites every reference to a skill id, as an editor renaming it would.
fn rename_references(roadmap: &mut Roadmap, from: &str, to: &str) {
    for skill in &mut roadmap.skills {
        if skill.id == from {
            skill.id = to.into();
        }
    }
    roadmap.retain_skill_references(|id| {
        if id == from {
            *id = to.into();
        }
        true
    });
}

/// The roadmap without skill `id` and without every reference to it.
fn without_skill(roadmap: &Roadmap, id: &str) -> Roadmap {
    fn strip(value: &mut serde_json::Value, id: &str) {
        match value {
            serde_json::Value::Array(items) => {
                items.retain(|v| v.as_str() != Some(id));
                items.iter_mut().for_each(|v| strip(v, id));
            }
            serde_json::Value::Object(map) => {
                map.retain(|_, v| v.as_str() != Some(id));
                map.values_mut().for_each(|v| strip(v, id));
            }
            _ => {}
        }
    }
    let mut value = serde_json::to_value(roadmap).expect("serialises");
    if let Some(skills) = value["skills"].as_array_mut() {
        skills.retain(|s| s["id"] != id);
    }
    strip(&mut value, id);
    let loaded = Roadmap::from_json_str(&value.to_string());
    assert!(loaded.is_valid(), "{:?}", loaded.diagnostics);
    loaded.roadmap.expect("valid")
}

#[test]
fn editing_a_bundled_roadmap_in_each_way_gives_the_right_change_and_bump() {
    // A prerequisite added to an existing skill re-locks it: major.
    let (old, mut new) = bundled();
    let github = position(&new, "github");
    new.skills[github].prerequisites.push(Prerequisite::Skill("python".into()));
    assert_eq!(single(&old, &new), (ChangeKind::PrerequisiteAdded, Bump::Major));

    // Removed (with every reference to it, as an editor would): major.
    let (old, _) = bundled();
    let new = without_skill(&old, "pandas");
    let changes = diff(&old, &new);
    let removed: Vec<&str> =
        changes.iter().filter(|c| c.kind == ChangeKind::SkillRemoved).map(|c| c.id.as_str()).collect();
    assert_eq!(removed, ["pandas"], "{changes:#?}");
    assert!(changes.iter().any(|c| c.kind == ChangeKind::PrerequisiteRemoved), "its dependents lose a prerequisite");
    assert_eq!(overall_bump(&changes), Bump::Major);

    // Renamed keeping the old id: minor, and progress follows.
    let (old, mut new) = bundled();
    rename_references(&mut new, "docker", "containers");
    let containers = position(&new, "containers");
    new.skills[containers].former_ids.push("docker".into());
    assert_eq!(single(&old, &new), (ChangeKind::SkillRenamed, Bump::Minor));
    let progress = trailmap::Progress::with_done(["docker", "python"]);
    let migration = trailmap_diff::migrate_progress(&old, &new, &progress);
    assert!(migration.progress.is_satisfied("containers"));
    assert!(migration.progress.is_satisfied("python"));

    // Renamed without keeping the old id: major (removed + added).
    let (old, mut new) = bundled();
    rename_references(&mut new, "docker", "containers");
    assert_eq!(overall_bump(&diff(&old, &new)), Bump::Major);

    // Optional made required: major; and back: minor.
    let (mut old, mut new) = bundled();
    let optional = new.skills.iter().position(|s| s.optional).expect("the 12-week roadmap has optional skills");
    new.skills[optional].optional = false;
    assert_eq!(single(&old, &new), (ChangeKind::SkillMadeRequired, Bump::Major));
    std::mem::swap(&mut old, &mut new);
    assert_eq!(single(&old, &new), (ChangeKind::SkillMadeOptional, Bump::Minor));

    // A prerequisite removed: minor.
    let (old, mut new) = bundled();
    new.skills[github].prerequisites.clear();
    assert_eq!(single(&old, &new), (ChangeKind::PrerequisiteRemoved, Bump::Minor));

    // Text: patch.
    let (old, mut new) = bundled();
    new.skills[github].description = Some("GitHub profile, pull requests and Actions.".into());
    assert_eq!(single(&old, &new), (ChangeKind::SkillDescriptionChanged, Bump::Patch));

    // A skill moved to a phase before one of its prerequisites: major.
    let (old, mut new) = bundled();
    let first = new.phases[0].id.clone();
    let last_skill = old.skills.iter().rev().find(|s| !s.prerequisites.is_empty()).expect("a skill with prerequisites");
    let id = last_skill.id.clone();
    let mut stack: Vec<&mut trailmap::Phase> = new.phases.iter_mut().collect();
    while let Some(phase) = stack.pop() {
        phase.skills.retain(|s| *s != id);
        stack.extend(phase.phases.iter_mut());
    }
    new.phases[0].skills.insert(0, id.clone());
    let changes = diff(&old, &new);
    let moved = changes.iter().find(|c| c.id == id).expect("the move is reported");
    assert_eq!(moved.kind, ChangeKind::SkillMovedBeforePrerequisite, "{changes:#?}");
    assert!(moved.message.contains(&format!("`{first}`")), "{}", moved.message);

    // Something added: minor; the version check wants 1.1.0 after 1.0.0.
    let (old, mut new) = bundled();
    let mut skill = new.skills[github].clone();
    skill.id = "gitlab".into();
    skill.name = "GitLab".into();
    new.skills.push(skill);
    assert_eq!(single(&old, &new), (ChangeKind::SkillAdded, Bump::Minor));
    let check = check_version(&old.version, &new.version, Bump::Minor).expect("semver");
    assert!(!check.ok);
    assert_eq!(check.suggested, "1.1.0");
}

//! The generator's promises: valid, lint-clean, deterministic, and a
//! mutated copy whose diff shows exactly the mutations made.

use trailmap::{LoadOptions, Roadmap, Severity, Skill};
use trailmap_bench::generate::{generate, mutate};
use trailmap_diff::ChangeKind;
use trailmap_lint::{SourceFile, config::Config};

fn text(roadmap: &Roadmap) -> String {
    serde_json::to_string_pretty(roadmap).unwrap()
}

#[test]
fn generated_roadmaps_are_valid_and_lint_clean() {
    for (skills, seed) in [(1, 1), (61, 2), (2_500, 3), (20_000, 4)] {
        let roadmap = generate(skills, seed);
        assert_eq!(roadmap.skills.len(), skills);
        let file = SourceFile::new("synthetic.json", text(&roadmap));
        let diagnostics = trailmap_lint::lint_with(&[file], &Config::default(), &LoadOptions::default());
        assert!(diagnostics.is_empty(), "{skills} skills: {:?}", diagnostics.first());
    }
}

#[test]
fn generated_roadmaps_have_the_promised_shape() {
    let roadmap = generate(5_000, 9);
    let counts: Vec<usize> = roadmap.skills.iter().map(|s| s.prerequisites.len()).collect();
    assert!(counts.iter().all(|&c| c <= 4));
    for wanted in 0..=4 {
        assert!(counts.contains(&wanted), "no skill with {wanted} prerequisites");
    }
    let groups = roadmap
        .skills
        .iter()
        .flat_map(|s| &s.prerequisites)
        .filter(|p| matches!(p, trailmap::Prerequisite::AnyOf(_)))
        .count();
    assert!(groups > 100, "{groups} any_of groups");
    // Phase > week > day, every skill taught somewhere.
    let stage = &roadmap.phases[0];
    assert_eq!(stage.kind, Some(trailmap::PhaseKind::Phase));
    assert_eq!(stage.phases[0].kind, Some(trailmap::PhaseKind::Week));
    assert_eq!(stage.phases[0].phases[0].kind, Some(trailmap::PhaseKind::Day));
    let mut taught = 0;
    trailmap::graph::walk_phases(&roadmap.phases, &mut |p| taught += p.skills.len());
    assert_eq!(taught, roadmap.skills.len());
    assert!(!roadmap.projects.is_empty() && !roadmap.milestones.is_empty() && !roadmap.practices.is_empty());
    assert!(roadmap.skills.iter().any(|s| !s.resources.is_empty()));
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(text(&generate(3_000, 5)), text(&generate(3_000, 5)));
    assert_ne!(text(&generate(3_000, 5)), text(&generate(3_000, 6)));
    let (a, _) = mutate(&generate(3_000, 5), 5);
    let (b, _) = mutate(&generate(3_000, 5), 5);
    assert_eq!(text(&a), text(&b));
}

#[test]
fn the_mutated_copy_is_valid_and_its_diff_shows_the_mutations() {
    let old = generate(10_000, 7);
    let (new, done) = mutate(&old, 7);
    let loaded = Roadmap::from_json_str(&text(&new));
    assert!(loaded.diagnostics.iter().all(|d| d.severity < Severity::Error), "{:?}", loaded.diagnostics.first());
    assert_eq!(done.removed, 10_000 / 200);
    assert!(done.renamed > 50 && done.edges_added > 50);
    assert_eq!(done.texts_edited, (10_000 - done.removed) / 50);

    let changes = trailmap_diff::diff(&old, &new);
    let count = |kind: ChangeKind| changes.iter().filter(|c| c.kind == kind).count();
    assert_eq!(count(ChangeKind::SkillRemoved), done.removed);
    assert_eq!(count(ChangeKind::SkillRenamed), done.renamed);
    assert_eq!(count(ChangeKind::SkillAdded), 0);
    assert!(count(ChangeKind::PrerequisiteAdded) >= done.edges_added);
    let edited = count(ChangeKind::SkillNameChanged) + count(ChangeKind::SkillDescriptionChanged);
    assert!(edited > 0 && edited <= done.texts_edited);
}

#[test]
fn every_shape_is_valid_and_has_its_promised_graph() {
    use trailmap_bench::generate::generate_shaped;
    use trailmap_bench::shape::{ALL, Shape};
    for &shape in ALL {
        let roadmap = generate_shaped(3_000, 2, shape);
        assert_eq!(roadmap.skills.len(), 3_000, "{shape:?}");
        let loaded = Roadmap::from_json_str(&text(&roadmap));
        assert!(loaded.is_valid(), "{shape:?}: {:?}", loaded.diagnostics.first());
        let index: std::collections::HashMap<&str, usize> =
            roadmap.skills.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let plain = |i: usize| -> Vec<usize> {
            roadmap.skills[i]
                .prerequisites
                .iter()
                .filter_map(|p| match p {
                    trailmap::Prerequisite::Skill(id) => Some(index[id.as_str()]),
                    trailmap::Prerequisite::AnyOf(_) => None,
                })
                .collect()
        };
        let most = (0..3_000).map(|i| plain(i).len()).max().unwrap();
        // Every edge goes back in the file.
        assert!((0..3_000).all(|i| plain(i).iter().all(|&m| m < i)), "{shape:?}");
        match shape {
            Shape::Window(w) => {
                assert!(most <= 3);
                assert!((0..3_000).all(|i| plain(i).iter().all(|&m| i - m <= w)));
            }
            Shape::Chain => assert!((8..3_000).all(|i| plain(i)[0] == i - 8)),
            Shape::Fan => assert!((1..3_000).all(|i| plain(i) == [0])),
            Shape::FanDirect => {
                assert!(most <= 3);
                assert!((1..3_000).all(|i| plain(i)[0] == 0));
                let with_others = (1..3_000).filter(|&i| plain(i).len() > 1).count();
                assert!((1_500..2_500).contains(&with_others), "{with_others}");
            }
            Shape::Dense => assert_eq!(most, 20),
            Shape::DenseWindow => {
                assert_eq!(most, 20);
                assert!((0..3_000).all(|i| plain(i).iter().all(|&m| i - m <= 5000)));
            }
            Shape::DenseAll => {
                assert_eq!(most, 20);
                // Edges reach the start of the file from its end.
                let from_the_start = (2_000..3_000).flat_map(plain).filter(|&m| m < 500).count();
                assert!(from_the_start > 100, "{from_the_start}");
            }
            Shape::Consecutive => {
                // The nearest first, so the redundant entries are all but the first.
                assert!((0..3_000).all(|i| plain(i) == (i.saturating_sub(20)..i).rev().collect::<Vec<_>>()));
            }
            Shape::Hubs => {
                let needed_by_first = (0..3_000).filter(|&i| plain(i).contains(&0)).count();
                assert!(needed_by_first > 100, "{needed_by_first}");
            }
            Shape::StarIn => {
                assert_eq!(plain(2_999).len(), 2_999);
                assert!((0..2_999).all(|i| plain(i).is_empty()));
            }
            Shape::AnyChain => {
                let group = |i: usize| match &roadmap.skills[i].prerequisites[..] {
                    [trailmap::Prerequisite::AnyOf(g)] => g.any_of.iter().map(|id| index[id.as_str()]).collect(),
                    _ => Vec::new(),
                };
                assert!((1..2_999).all(|i| group(i) == [i - 1, i + 1]));
                assert_eq!(group(2_999), [2_998]);
            }
            Shape::Grid => {
                // 54 wide at 3,000 skills: the one before in the row, the
                // one above, and in one skill in ten the one above and before.
                assert!((55..3_000).filter(|i| i % 54 != 0).all(|i| plain(i)[..2] == [i - 1, i - 54]));
                let diagonals = (0..3_000).filter(|&i| plain(i).len() == 3).count();
                assert!((200..400).contains(&diagonals), "{diagonals}");
                assert!((0..3_000).all(|i| plain(i).iter().all(|&m| m == i - 1 || m + 54 == i || m + 55 == i)));
            }
            Shape::LogDistance => {
                assert!(most <= 4);
                // Short edges most, long ones too: at the file's end 28% at
                // most 8 back and 20% over 500 back.
                let distances: Vec<usize> =
                    (2_000..3_000).flat_map(|i| plain(i).into_iter().map(move |m| i - m)).collect();
                let short = distances.iter().filter(|&&d| d <= 8).count() * 100 / distances.len();
                let long = distances.iter().filter(|&&d| d > 500).count() * 100 / distances.len();
                assert!((20..40).contains(&short) && (14..27).contains(&long), "{short}% {long}%");
            }
            Shape::NamesNumbers => assert_eq!(roadmap.skills[41].name, "Skill number 42"),
            Shape::NamesEdits => assert_eq!(roadmap.skills[33].name, "AWS SQS family 2"),
            Shape::Bare => {
                assert!(most <= 3);
                assert_eq!(roadmap.skills[41].name, "Skill number 42");
                let bare = Skill::new(roadmap.skills[41].id.clone(), "Skill number 42");
                assert!(roadmap.skills.iter().all(|s| **s == *bare), "only ids, names and prerequisites");
                assert!(roadmap.phases.is_empty() && roadmap.projects.is_empty() && roadmap.summary.is_none());
            }
            _ => {}
        }
    }
}

/// `generate --files K`: K roadmaps in one folder, each valid, every one
/// found by a walk of the folder (a repository of many small roadmaps), and
/// left as they are by a second call.
#[test]
fn a_folder_of_roadmaps_is_walked_whole() {
    let dir = std::env::temp_dir().join(format!("trailmap-bench-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let shape = trailmap_bench::shape::Shape::parse("window-100").unwrap();
    let folder = trailmap_bench::generate::ensure_folder(&dir, 12, 5, shape, true, 3).unwrap();
    let discovery = Config::default().discovery(None, &[]).unwrap();
    let selection = discovery.select(std::slice::from_ref(&folder));
    assert_eq!(selection.files.len(), 3, "{:?}", selection.errors);
    let mut graphs = Vec::new();
    for selected in &selection.files {
        let text = std::fs::read_to_string(&selected.path).unwrap();
        let loaded = Roadmap::from_json_str(&text);
        assert!(loaded.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", loaded.diagnostics);
        let roadmap = loaded.roadmap.unwrap();
        assert_eq!(roadmap.skills.len(), 12);
        // Bare: ids, names and prerequisites only.
        assert!(roadmap.phases.is_empty());
        graphs.push(serde_json::to_string(&roadmap.skills).unwrap());
    }
    // One seed each.
    assert_ne!(graphs[0], graphs[1]);
    let written = std::fs::metadata(&selection.files[0].path).unwrap().modified().unwrap();
    trailmap_bench::generate::ensure_folder(&dir, 12, 5, shape, true, 3).unwrap();
    assert_eq!(std::fs::metadata(&selection.files[0].path).unwrap().modified().unwrap(), written);
    std::fs::remove_dir_all(&dir).unwrap();
}

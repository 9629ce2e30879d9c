//! TM120 against a plain oracle: on any list of ids, one finding per entry
//! that repeats an earlier one, and `--fix` leaves each id's first entry, in
//! order, in JSON and in both YAML sequence styles.

use proptest::prelude::*;
use trailmap::LoadOptions;
use trailmap_lint::config::Config;
use trailmap_lint::fix::fix_all;
use trailmap_lint::{SourceFile, lint_with};

/// The ids of skills `s0`…`s4`, none with prerequisites of its own (so no
/// other rule has a say on the list).
const POOL: usize = 5;

#[derive(Debug, Clone, Copy)]
enum Style {
    Json,
    YamlFlow,
    YamlBlock,
}

/// A roadmap whose skill `t` has `list` (indices into the pool) as its
/// prerequisites and its phase's skills.
fn roadmap(list: &[usize], style: Style) -> (String, String) {
    let ids: Vec<String> = list.iter().map(|i| format!("s{i}")).collect();
    let pool: Vec<String> = (0..POOL).map(|i| format!("s{i}")).collect();
    match style {
        Style::Json => {
            let quoted = |ids: &[String]| ids.iter().map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(", ");
            let skills: Vec<String> =
                pool.iter().map(|id| format!(r#"{{"id": "{id}", "name": "Skill {id}"}}"#)).collect();
            let text = format!(
                "{{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [\n  {},\n  {{\"id\": \"t\", \"name\": \"Target\", \"prerequisites\": [{}]}}\n]}}\n",
                skills.join(",\n  "),
                quoted(&ids)
            );
            ("r.json".to_owned(), text)
        }
        Style::YamlFlow | Style::YamlBlock => {
            let mut text = String::from("id: r\ntitle: R\nversion: 1.0.0\nskills:\n");
            for id in &pool {
                text.push_str(&format!("  - id: {id}\n    name: Skill {id}\n"));
            }
            text.push_str("  - id: t\n    name: Target\n");
            if !ids.is_empty() {
                if matches!(style, Style::YamlFlow) {
                    text.push_str(&format!("    prerequisites: [{}]  # flow\n", ids.join(", ")));
                } else {
                    text.push_str("    prerequisites:\n");
                    for id in &ids {
                        text.push_str(&format!("      - {id}  # {id}\n"));
                    }
                }
            }
            ("r.yaml".to_owned(), text)
        }
    }
}

/// Each id's first entry, in order.
fn firsts(list: &[usize]) -> Vec<String> {
    let mut seen = Vec::new();
    for &i in list {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.iter().map(|i| format!("s{i}")).collect()
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![Just(Style::Json), Just(Style::YamlFlow), Just(Style::YamlBlock)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn one_finding_per_repeat_and_the_fix_keeps_the_first(list in proptest::collection::vec(0..POOL, 0..12), style in style()) {
        let (name, text) = roadmap(&list, style);
        let mut files = vec![SourceFile::new(name, text)];
        let (config, options) = (Config::default(), LoadOptions::default());
        let before = lint_with(&files, &config, &options);
        let repeats: Vec<&str> = before.iter().filter(|d| d.code == "TM120").map(|d| d.pointer.as_str()).collect();
        let expected: Vec<String> = (0..list.len())
            .filter(|&k| list[..k].contains(&list[k]))
            .map(|k| format!("/skills/{POOL}/prerequisites/{k}"))
            .collect();
        prop_assert_eq!(&repeats, &expected);
        prop_assert!(before.iter().all(|d| d.code == "TM120" && d.fix.is_some()), "{:?}", before);

        let outcome = fix_all(&mut files, before, &config, &options);
        prop_assert!(outcome.converged);
        prop_assert_eq!(outcome.fixed, expected.len());
        prop_assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        let loaded = trailmap::Roadmap::from_slice_with(files[0].text.as_bytes(), &files[0].name, &options);
        prop_assert!(loaded.is_valid(), "{:?}\n{}", loaded.diagnostics, files[0].text);
        let roadmap = loaded.roadmap.unwrap();
        let kept: Vec<String> = roadmap.skills[POOL].prerequisites.iter().flat_map(|p| p.skill_ids().map(str::to_owned).collect::<Vec<_>>()).collect();
        prop_assert_eq!(kept, firsts(&list));
        if matches!(style, Style::YamlBlock) {
            // Each kept entry keeps its own comment.
            for id in firsts(&list) {
                let line = format!("      - {id}  # {id}\n");
                prop_assert!(files[0].text.contains(&line), "{}", files[0].text);
            }
        }
    }
}

/// A repeat that carries a note of its own is reported, but not removed.
#[test]
fn a_repeat_with_a_note_is_reported_but_kept() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0",
      "skills": [{"id": "git", "name": "Git"}],
      "areas": [{"id": "tools", "name": "Tools", "skills": ["git", {"skill": "git", "note": "daily"}, "git"]}]}"#;
    let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
    let found: Vec<(&str, bool)> =
        diagnostics.iter().filter(|d| d.code == "TM120").map(|d| (d.pointer.as_str(), d.fix.is_some())).collect();
    assert_eq!(found, [("/areas/0/skills/1", false), ("/areas/0/skills/2", true)]);
}

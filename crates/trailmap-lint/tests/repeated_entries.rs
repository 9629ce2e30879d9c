//! TM120 against a plain oracle: on any list of ids and `any_of` groups
//! (the same when they have the same members), one finding per group that
//! repeats an earlier one and one at the first repeated id for all the
//! ids, and `--fix` leaves each first entry, in order, in JSON and in both
//! YAML sequence styles.

use proptest::prelude::*;
use trailmap::LoadOptions;
use trailmap_lint::config::Config;
use trailmap_lint::fix::fix_all;
use trailmap_lint::{SourceFile, lint_with};

/// The ids of skills `s0`…`s4`, none with prerequisites of its own (so no
/// other rule has a say on the list).
const POOL: usize = 5;

/// A prerequisite: a pool skill, or a group of pool skills (a bit mask of
/// them) written starting from a rotation of its members.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Id(usize),
    Group(u8, usize),
}

impl Entry {
    /// The members in the order they are written.
    fn members(self) -> Vec<String> {
        match self {
            Entry::Id(i) => vec![format!("s{i}")],
            Entry::Group(mask, turn) => {
                let mut members: Vec<String> =
                    (0..POOL).filter(|i| mask & (1 << i) != 0).map(|i| format!("s{i}")).collect();
                let turn = turn % members.len();
                members.rotate_left(turn);
                members
            }
        }
    }

    fn same(self, other: Entry) -> bool {
        match (self, other) {
            (Entry::Id(a), Entry::Id(b)) => a == b,
            (Entry::Group(a, _), Entry::Group(b, _)) => a == b,
            _ => false,
        }
    }

    fn json(self) -> String {
        let quoted: Vec<String> = self.members().iter().map(|m| format!("\"{m}\"")).collect();
        match self {
            Entry::Id(_) => quoted[0].clone(),
            Entry::Group(..) => format!("{{\"any_of\": [{}]}}", quoted.join(", ")),
        }
    }

    fn yaml(self) -> String {
        match self {
            Entry::Id(_) => self.members()[0].clone(),
            Entry::Group(..) => format!("{{any_of: [{}]}}", self.members().join(", ")),
        }
    }
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![4 => (0..POOL).prop_map(Entry::Id), 1 => (1u8..32, 0..POOL).prop_map(|(m, t)| Entry::Group(m, t))]
}

#[derive(Debug, Clone, Copy)]
enum Style {
    Json,
    YamlFlow,
    YamlBlock,
}

/// A roadmap whose skill `t` has `list` (indices into the pool) as its
/// prerequisites and its phase's skills.
fn roadmap(list: &[Entry], style: Style) -> (String, String) {
    let pool: Vec<String> = (0..POOL).map(|i| format!("s{i}")).collect();
    match style {
        Style::Json => {
            let skills: Vec<String> =
                pool.iter().map(|id| format!(r#"{{"id": "{id}", "name": "Skill {id}"}}"#)).collect();
            let text = format!(
                "{{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [\n  {},\n  {{\"id\": \"t\", \"name\": \"Target\", \"prerequisites\": [{}]}}\n]}}\n",
                skills.join(",\n  "),
                list.iter().map(|e| e.json()).collect::<Vec<_>>().join(", ")
            );
            ("r.json".to_owned(), text)
        }
        Style::YamlFlow | Style::YamlBlock => {
            let mut text = String::from("id: r\ntitle: R\nversion: 1.0.0\nskills:\n");
            for id in &pool {
                text.push_str(&format!("  - id: {id}\n    name: Skill {id}\n"));
            }
            text.push_str("  - id: t\n    name: Target\n");
            if !list.is_empty() {
                let yaml: Vec<String> = list.iter().map(|e| e.yaml()).collect();
                if matches!(style, Style::YamlFlow) {
                    text.push_str(&format!("    prerequisites: [{}]  # flow\n", yaml.join(", ")));
                } else {
                    text.push_str("    prerequisites:\n");
                    for (e, entry) in yaml.iter().enumerate() {
                        text.push_str(&format!("      - {entry}  # {}\n", entry_comment(e, list)));
                    }
                }
            }
            ("r.yaml".to_owned(), text)
        }
    }
}

/// The first entry of each, in order.
fn firsts(list: &[Entry]) -> Vec<Entry> {
    let mut seen: Vec<Entry> = Vec::new();
    for &e in list {
        if !seen.iter().any(|s| s.same(e)) {
            seen.push(e);
        }
    }
    seen
}

/// The comment of a block item: the number of the first entry it equals,
/// so that a kept entry keeps the comment written for it.
fn entry_comment(k: usize, list: &[Entry]) -> String {
    let first = (0..=k).find(|&j| list[j].same(list[k])).unwrap_or(k);
    format!("entry {first}")
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![Just(Style::Json), Just(Style::YamlFlow), Just(Style::YamlBlock)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_finding_per_repeated_group_one_for_the_ids_and_the_fix_keeps_the_first(
        list in proptest::collection::vec(entry(), 0..40),
        style in style(),
    ) {
        let (name, text) = roadmap(&list, style);
        let mut files = vec![SourceFile::new(name, text)];
        let (config, options) = (Config::default(), LoadOptions::default());
        let before = lint_with(&files, &config, &options);
        let repeats: Vec<&str> = before.iter().filter(|d| d.code == "TM120").map(|d| d.pointer.as_str()).collect();
        let repeated: Vec<usize> = (0..list.len()).filter(|&k| list[..k].iter().any(|e| e.same(list[k]))).collect();
        let first_id = repeated.iter().copied().find(|&k| matches!(list[k], Entry::Id(_)));
        let expected: Vec<String> = repeated
            .iter()
            .filter(|&&k| matches!(list[k], Entry::Group(..)) || Some(k) == first_id)
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
        let kept: Vec<Vec<String>> =
            roadmap.skills[POOL].prerequisites.iter().map(|p| p.skill_ids().map(str::to_owned).collect()).collect();
        let firsts = firsts(&list);
        prop_assert_eq!(kept, firsts.iter().map(|e| e.members()).collect::<Vec<_>>());
        if matches!(style, Style::YamlBlock) {
            // Each kept entry keeps its own comment.
            for (k, e) in list.iter().enumerate().filter(|(k, e)| !list[..*k].iter().any(|f| f.same(**e))) {
                let line = format!("      - {}  # entry {k}\n", e.yaml());
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

/// A list naming an unknown skill is compared by its ids (the graph's
/// indices cover known skills only): its repeats are found all the same.
#[test]
fn repeats_of_an_unknown_id_are_found() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
      {"id": "git", "name": "Git"},
      {"id": "ci", "name": "CI", "prerequisites": ["ghost", "git", "ghost", "git"]}]}"#;
    let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
    let found: Vec<&str> = diagnostics.iter().filter(|d| d.code == "TM120").map(|d| d.pointer.as_str()).collect();
    assert_eq!(found, ["/skills/1/prerequisites/2", "/skills/1/prerequisites/3"]);
    assert!(diagnostics.iter().any(|d| d.code == "TM005"), "{diagnostics:?}");
}

/// A redundant prerequisite listed three times is TM107's at its first
/// entry and TM120's at the repeats (one finding), not both rules' at the
/// repeats; the fix removes them all.
#[test]
fn a_redundant_repeat_is_reported_once() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
      {"id": "a", "name": "A"},
      {"id": "b", "name": "B", "prerequisites": ["a"]},
      {"id": "c", "name": "C", "prerequisites": ["a", "b", "a", "a"]}]}"#;
    let mut files = vec![SourceFile::new("r.json", text)];
    let (config, options) = (Config::default(), LoadOptions::default());
    let diagnostics = lint_with(&files, &config, &options);
    let found: Vec<(&str, &str)> = diagnostics.iter().map(|d| (d.code, d.pointer.as_str())).collect();
    assert_eq!(found, [("TM107", "/skills/2/prerequisites/0"), ("TM120", "/skills/2/prerequisites/2"),]);
    let outcome = fix_all(&mut files, diagnostics, &config, &options);
    assert!(outcome.converged && outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    assert!(files[0].text.contains(r#""prerequisites": ["b"]"#), "{}", files[0].text);
}

/// Skill `c` needs `b` and then `a` (which `b` needs) `copies` times.
fn redundant_a_listed(copies: usize) -> String {
    let list: Vec<&str> = std::iter::once("\"b\"").chain(std::iter::repeat_n("\"a\"", copies)).collect();
    format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [
      {{"id": "a", "name": "A"}}, {{"id": "b", "name": "B", "prerequisites": ["a"]}},
      {{"id": "c", "name": "C", "prerequisites": [{}]}}]}}"#,
        list.join(", ")
    )
}

/// The same on a list longer than those compared pair by pair: 40
/// entries, of which one is redundant and 38 repeat it; the fix of the
/// one TM120 finding cuts all 38.
#[test]
fn a_long_list_of_redundant_repeats_is_reported_once_each() {
    let text = redundant_a_listed(39);
    let diagnostics =
        lint_with(&[SourceFile::new("r.json", text.clone())], &Config::default(), &LoadOptions::default());
    let redundant: Vec<&str> = diagnostics.iter().filter(|d| d.code == "TM107").map(|d| d.pointer.as_str()).collect();
    assert_eq!(redundant, ["/skills/2/prerequisites/1"]);
    let repeats: Vec<&trailmap::Diagnostic> = diagnostics.iter().filter(|d| d.code == "TM120").collect();
    assert_eq!(repeats.len(), 1);
    assert_eq!(repeats[0].pointer, "/skills/2/prerequisites/2");
    assert_eq!(repeats[0].message, "`a` appears 38 more times in the prerequisites of `c`");
    let cut: String = repeats[0].fix.iter().flat_map(|fix| &fix.edits).map(|e| &text[e.start..e.end]).collect();
    assert_eq!(cut, r#", "a""#.repeat(38));
}

/// Several ids repeated: one finding naming each once, with how many
/// times it is repeated, the first ten of them and how many more.
#[test]
fn repeated_ids_are_named_each_once_in_one_finding() {
    let skills: Vec<String> = (0..13).map(|i| format!(r#"{{"id": "s{i}", "name": "S {i}"}}"#)).collect();
    let mut entries: Vec<String> = (0..13).map(|i| format!("\"s{i}\"")).collect();
    entries.extend((0..13).rev().map(|i| format!("\"s{i}\"")));
    entries.push("\"s12\"".to_owned());
    let text = format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}, {{"id": "t", "name": "T", "prerequisites": [{}]}}]}}"#,
        skills.join(", "),
        entries.join(", ")
    );
    let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
    let repeats: Vec<&trailmap::Diagnostic> = diagnostics.iter().filter(|d| d.code == "TM120").collect();
    assert_eq!(repeats.len(), 1, "{diagnostics:?}");
    assert_eq!(repeats[0].pointer, "/skills/13/prerequisites/13");
    assert_eq!(
        repeats[0].message,
        "`s12` (2 repeats), `s11`, `s10`, `s9`, `s8`, `s7`, `s6`, `s5`, `s4`, `s3` and 3 more appear again in the prerequisites of `t`"
    );
    assert_eq!(repeats[0].fix.as_ref().map(|f| f.message.as_str()), Some("remove the 14 repeats"));
}

/// Groups too large to compare member by member are compared as sorted
/// sets: the same group written backwards is a repeat, one member more is
/// not.
#[test]
fn large_groups_are_compared_as_sets() {
    let ids: Vec<String> = (0..40).map(|i| format!("s{i}")).collect();
    let skills: Vec<String> = ids.iter().map(|id| format!(r#"{{"id": "{id}", "name": "Skill {id}"}}"#)).collect();
    let group = |ids: &[String]| {
        let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        format!(r#"{{"any_of": [{}]}}"#, quoted.join(", "))
    };
    let backwards: Vec<String> = ids.iter().rev().cloned().collect();
    let text = format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}, {{"id": "t", "name": "T", "prerequisites": [{}, {}, {}]}}]}}"#,
        skills.join(", "),
        group(&ids[..39]),
        group(&ids),
        group(&backwards)
    );
    let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
    let found: Vec<&trailmap::Diagnostic> = diagnostics.iter().filter(|d| d.code == "TM120").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer, "/skills/40/prerequisites/2");
    // A few members name the group.
    assert_eq!(
        found[0].message,
        "the group `any_of: [s39, s38, s37, s36, … and 36 more]` appears again in the prerequisites of `t`"
    );
}

/// Texts the file holds are shown in part: a repeated former id of 10,000
/// characters gives a message of a line.
#[test]
fn a_long_repeated_text_is_shown_in_part() {
    let long = "x".repeat(10_000);
    let text = format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{{"id": "git", "name": "Git", "former_ids": ["{long}", "{long}"]}}]}}"#
    );
    let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
    let found: Vec<&trailmap::Diagnostic> = diagnostics.iter().filter(|d| d.code == "TM120").collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].message.chars().count() < 100, "{}", found[0].message);
    assert!(found[0].fix.as_ref().is_some_and(|f| f.message.chars().count() < 100));
}

/// With TM120 off, TM107 reports every entry of a redundant prerequisite
/// listed many times, in one finding, and `--fix` removes them all at once.
#[test]
fn without_tm120_every_redundant_repeat_is_tm107s() {
    let text = redundant_a_listed(20);
    let mut config = Config::default();
    config.file.lint.ignore = vec!["TM120".to_owned()];
    let options = LoadOptions::default();
    let mut files = vec![SourceFile::new("r.json", text)];
    let diagnostics = lint_with(&files, &config, &options);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, "TM107");
    assert_eq!(diagnostics[0].message, "prerequisite `a` (20 entries) of `c` is redundant: `b` already needs it");
    // The twenty entries follow `b`: one cut, `, "a"` twenty times.
    let edits = &diagnostics[0].fix.as_ref().unwrap().edits;
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(&files[0].text[edits[0].start..edits[0].end], r#", "a""#.repeat(20));
    let outcome = fix_all(&mut files, diagnostics, &config, &options);
    assert!(outcome.converged && outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    assert_eq!(outcome.fixed, 1);
    assert!(files[0].text.contains(r#""prerequisites": ["b"]"#), "{}", files[0].text);
}

//! `finish`'s tests: compact findings are written as the diagnostics
//! they stand for would be.

use proptest::prelude::*;
use trailmap::{Diagnostic, Format};

use super::{Found, file, rank, yield_to_narrower};
use crate::config::Config;
use crate::context::Context;
use crate::findings::{Findings, InSkill, SkillFinding, SkillFindings, Texts};
use crate::registry::Rule;
use crate::run::run_file_rules;
use crate::{SourceFile, load_whole, suppress};

/// Roadmaps whose redundant prerequisites (TM107, compact) meet other
/// findings at the same entries: repeats (TM120), prerequisites taught
/// later (TM101), prerequisites that are optional (TM114), unknown skills (TM005), blank descriptions (TM113), suppressions of a skill's
/// findings or of one entry's, used or not; and skills' ids with compact
/// findings of two rules at once (not kebab-case, TM108; in no phase,
/// TM102), some suppressed; names the same or one edit apart (TM109,
/// quoting a run of its group's texts), some suppressed; and resources
/// whose URLs are not https (TM112, at a member of each entry), some
/// suppressed.
fn roadmap() -> impl Strategy<Value = String> {
    let skill = (prop::collection::vec(any::<prop::sample::Index>(), 0..5), 0u8..10);
    (prop::collection::vec(skill, 2..14), any::<prop::sample::Index>()).prop_map(|(skills, entry)| {
        let n = skills.len();
        // Every fourth id is not kebab-case.
        let id = |i: usize| if i % 4 == 3 { format!("S_{i}") } else { format!("s{i}") };
        let texts: Vec<String> = skills
            .iter()
            .enumerate()
            .map(|(i, (picks, extra))| {
                let mut needs: Vec<String> =
                    if i == 0 { Vec::new() } else { picks.iter().map(|p| format!("\"{}\"", id(p.index(i)))).collect() };
                if *extra == 0 {
                    needs.push("\"nowhere\"".into());
                }
                let allow = match extra {
                    1 => r#", "x-lint-allow": [{"rule": "TM107", "reason": "r"}]"#,
                    7 => r#", "x-lint-allow": [{"rule": "TM109", "reason": "r"}]"#,
                    8 => r#", "x-lint-allow": [{"rule": "TM108", "reason": "r"}]"#,
                    6 => r#", "x-lint-allow": [{"rule": "TM112", "reason": "r"}]"#,
                    _ => "",
                };
                let name = match extra {
                    2 | 3 => "Gradient boosting".to_owned(),
                    4 | 7 => "gradient-boostings".to_owned(),
                    5 | 6 => "Gradient bosting".to_owned(),
                    _ => format!("S {i}"),
                };
                // Every fifth skill is optional: a prerequisite on it is TM114's.
                let optional = if i % 5 == 2 { r#", "optional": true"# } else { "" };
                // Every sixth has a blank description (TM113).
                let description = if i % 6 == 5 { r#", "description": " ""# } else { "" };
                // Every third has resources, two of four URLs bad (TM112).
                let resources = if i % 3 == 1 {
                    format!(
                        r#", "resources": [{{"title": "t", "url": "http://x/{i}"}}, {{"title": "u"}}, {{"title": "v", "url": "https://ok"}}, {{"title": "w", "url": "docs/{i}"}}]"#
                    )
                } else {
                    String::new()
                };
                format!(
                    r#"{{"id": "{}", "name": "{name}"{description}, "prerequisites": [{}]{optional}{resources}{allow}}}"#,
                    id(i),
                    needs.join(", ")
                )
            })
            .collect();
        // Skills with `extra` 9 are in no phase.
        let phased = |i: &usize| skills[*i].1 != 9;
        let later: Vec<String> = (0..n).filter(|i| i % 3 == 0).filter(phased).map(|i| format!("\"{}\"", id(i))).collect();
        let first: Vec<String> = (0..n).filter(|i| i % 3 != 0).filter(phased).map(|i| format!("\"{}\"", id(i))).collect();
        let skill = entry.index(n);
        // Projects and a practice in the first phase use skills of the
        // later one (TM110, compact), of the first, and `any_of` groups
        // (TM110, plain); one finding is suppressed.
        let uses = |from: usize| -> Vec<String> { (from..n).step_by(2).map(|i| format!("\"{}\"", id(i))).collect() };
        let any_of = format!(r#"{{"any_of": ["{}", "{}"]}}"#, id(0), id(n - 1));
        let projects = format!(
            r#""projects": [{{"id": "pr-a", "title": "A", "phase": "p", "skills": [{}]}}, {{"id": "pr-b", "title": "B", "skills": [{}]}}, {{"id": "pr-c", "title": "C", "phase": "p", "skills": [{any_of}, {}]}}], "practices": [{{"id": "pa", "cadence": "weekly", "activity": "a", "phase": "p", "skills": [{}]}}]"#,
            uses(0).join(", "),
            uses(1).join(", "),
            uses(1).join(", "),
            uses(0).join(", ")
        );
        format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}], "phases": [{{"id": "p", "title": "P", "skills": [{}]}}, {{"id": "q", "title": "Q", "skills": [{}]}}], {projects}, "x-lint-allow": [{{"rule": "TM107", "pointer": "/skills/{skill}/prerequisites/1", "reason": "r"}}, {{"rule": "TM110", "pointer": "/projects/0/skills/{}", "reason": "r"}}]}}"#,
            texts.join(", "),
            first.join(", "),
            later.join(", "),
            entry.index(n.div_ceil(2))
        )
    })
}

/// A file's findings as `lint_each` hands them to `finish::file`.
fn found<'a>(f: &'a SourceFile, roadmap: &'a trailmap::Roadmap, validation: Vec<Diagnostic>) -> Found<'a> {
    let ctx = Context::new(&f.name, &f.text, roadmap);
    let mut found = Findings::default();
    run_file_rules(&ctx, &Config::default(), &mut found);
    let mut diagnostics = validation;
    diagnostics.extend(found.plain);
    (diagnostics, found.compact)
}

/// A compact finding whose entry the text does not have (not met in a
/// file the model was read from) is still written, where locating its
/// pointer places it, in its turn; on one thread or with the scan on
/// its own.
#[test]
fn a_compact_finding_the_scan_does_not_find_is_located_by_its_pointer() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "a", "name": "A"},
  {"id": "b", "name": "B", "prerequisites": ["a"]},
  {"id": "c", "name": "C", "prerequisites": ["a", "b"]}
]}"#;
    let f = SourceFile::new("r.json", text);
    let (_, model) = load_whole(&f, &Default::default());
    let (roadmap, ids) = model.expect("a whole roadmap");
    let ctx = Context::with_resolved_ids(&f.name, &f.text, &roadmap, ids);
    let rule = crate::registry::find("TM107").expect("TM107");
    fn render(rule: &Rule, quoting: crate::findings::Quoting<'_>) -> Diagnostic {
        Diagnostic::new(rule.code, rule.name, rule.default_severity, quoting.texts[0])
    }
    for threads in [1, 2] {
        let names = vec!["there", "missing", "there too"];
        let mut found = SkillFindings::new(&ctx, rule, InSkill::Entries("prerequisites"), Texts::Listed(names), render);
        for (k, (skill, entry)) in [(1, 0), (1, 5), (2, 1)].into_iter().enumerate() {
            found.items.push(SkillFinding { skill, entry, texts: [k as u32, u32::MAX] });
        }
        let mut written = Vec::new();
        file(&f, (Vec::new(), vec![found]), &Config::default()).write_parts(&f.text, 1, threads, &mut |mut part| {
            written.append(&mut part);
            part
        });
        let shown: Vec<(&str, &str)> = written
            .iter()
            .map(|d| (d.message.as_str(), d.location.map_or("", |l| &text[l.offset..l.end_offset])))
            .collect();
        assert_eq!(shown, [("there", "\"a\""), ("missing", "[\"a\"]"), ("there too", "\"b\"")], "{threads}");
    }
}

/// Repeats of a skill id among a skill's prerequisites are kept compact
/// (TM120), one finding a skill, and TM107's compact findings yield to
/// them by skill and entry: `c` lists `a` three times and `b`, which
/// needs `a`, so `a` is redundant at every entry and a repeat at the
/// second and third. A repeat in a
/// list that is not a skill's prerequisites (a phase's skills), and of a
/// group, stays a diagnostic.
#[test]
fn repeated_prerequisites_are_compact_and_take_their_entries_from_tm107() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "a", "name": "Alpha"},
  {"id": "b", "name": "Beta", "prerequisites": ["a"]},
  {"id": "c", "name": "Gamma", "prerequisites": ["a", "b", "a", "a"]},
  {"id": "d", "name": "Delta", "prerequisites": [{"any_of": ["a", "b"]}, "c", {"any_of": ["b", "a"]}, "c"]}
], "phases": [{"id": "p", "title": "P", "skills": ["a", "b", "c", "c", "d"]}]}"#;
    let f = SourceFile::new("r.json", text);
    let (validation, model) = load_whole(&f, &Default::default());
    let (roadmap, _) = model.expect("a whole roadmap");
    let (plain, compact) = found(&f, &roadmap, validation);
    let repeats: Vec<&str> = plain.iter().filter(|d| d.code == "TM120").map(|d| d.pointer.as_str()).collect();
    assert_eq!(repeats, ["/skills/3/prerequisites/2", "/phases/0/skills/3"], "a group's and a phase's repeats");
    let tm120 = compact.iter().find(|c| c.rule.code == "TM120").expect("TM120's compact findings");
    let entries: Vec<(u32, u32)> = tm120.items.iter().map(|item| (item.skill, item.entry)).collect();
    assert_eq!(entries, [(2, 2), (2, 3), (3, 3)], "repeated ids, beside groups too");
    let mut written = Vec::new();
    file(&f, (plain, compact), &Config::default()).write_parts(&f.text, usize::MAX, 1, &mut |mut part| {
        written.append(&mut part);
        part
    });
    let shown: Vec<(&str, &str)> = written.iter().map(|d| (d.code, d.pointer.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("TM107", "/skills/2/prerequisites/0"),
            ("TM120", "/skills/2/prerequisites/2"),
            ("TM120", "/skills/3/prerequisites/2"),
            ("TM120", "/skills/3/prerequisites/3"),
            ("TM120", "/phases/0/skills/3"),
        ]
    );
    assert_eq!(written[0].message, "prerequisite `a` of `c` is redundant: `b` already needs it");
    assert_eq!(written[0].fix.as_ref().map(|fix| fix.edits.len()), Some(1), "TM107 cuts the first entry alone");
    // A skill's repeats are one finding, at the first, cutting them all.
    assert_eq!(written[1].message, "`a` appears 2 more times in the prerequisites of `c`");
    let cut: Vec<&str> = written[1].fix.iter().flat_map(|fix| &fix.edits).map(|e| &text[e.start..e.end]).collect();
    assert_eq!(cut, [r#", "a", "a""#], "the repeats' fix cuts them");
    assert_eq!(written[3].message, "`c` appears again in the prerequisites of `d`");
}

/// In YAML, a redundant prerequisite in a list reached through an alias
/// is located at the alias, and gets no fix: the list's own finding, at
/// its anchor, cuts the entry from the list, and so from every alias of
/// it.
#[test]
fn a_yaml_entry_behind_an_alias_is_located_and_not_cut() {
    let text = "id: r\ntitle: R\nversion: 1.0.0\nskills:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    prerequisites: [a]\n  - id: c\n    name: C\n    prerequisites: &both [a, b]\n  - id: d\n    name: D\n    prerequisites: *both\n";
    let f = SourceFile::new("r.yaml", text);
    let (validation, model) = load_whole(&f, &Default::default());
    let (roadmap, _) = model.expect("a whole roadmap");
    for threads in [1, 2] {
        let (plain, compact) = found(&f, &roadmap, validation.clone());
        assert!(compact.iter().any(|c| c.rule.code == "TM107"), "TM107 stays compact");
        let mut written = Vec::new();
        file(&f, (plain, compact), &Config::default()).write_parts(&f.text, 1, threads, &mut |mut part| {
            written.append(&mut part);
            part
        });
        let redundant: Vec<(&str, u32, bool)> = written
            .iter()
            .filter(|d| d.code == "TM107")
            .map(|d| {
                let at = d.location.expect("located");
                (&text[at.offset..at.end_offset], at.line, d.fix.is_some())
            })
            .collect();
        assert_eq!(redundant, [("a", 12, true), ("*both", 15, false)], "{threads}");
    }
}

proptest! {
    /// Compact findings, located by their own scan and merged into the
    /// others a part at a time, are what they would be as diagnostics
    /// from the start: the same texts, locations, fixes and order, in
    /// JSON and YAML (block and flow style), whatever the size of the
    /// parts.
    #[test]
    fn compact_findings_are_written_as_diagnostics_made_at_once(
        text in roadmap(),
        spelling in 0u8..3,
        max in prop_oneof![Just(1usize), Just(2), Just(5), Just(4096)],
        threads in 1usize..3,
    ) {
        let f = match spelling {
            0 => SourceFile::new("r.json", text),
            1 => {
                let converted = trailmap::convert::convert(&text, Format::Json, Format::Yaml).expect("converts");
                SourceFile::new("r.yaml", converted.text)
            }
            // YAML in flow style.
            _ => SourceFile::new("r.yaml", text),
        };
        let (validation, model) = load_whole(&f, &Default::default());
        let (roadmap, _) = model.expect("a whole roadmap");
        let config = Config::default();
        let (plain, mut compact) = found(&f, &roadmap, validation.clone());
        prop_assume!(!compact.is_empty());
        // What is kept is decided finding by finding, before any are
        // grouped: here as `file` does it (again, to no effect, below).
        let mut suppressions = suppress::collect(&f.name, &f.text, &mut Vec::new());
        suppress::apply_all(&mut suppressions, &mut Vec::new(), &mut compact, trailmap::codes::breaks_model);
        yield_to_narrower(&mut plain.clone(), &mut compact);
        // At once: every compact finding a diagnostic where the rule's
        // would have been.
        let mut at_once = plain.clone();
        // A grouped removal's fix cuts each of its entries, as removing
        // them together by their pointers does.
        for c in &compact {
            let end = at_once.partition_point(|d| rank(d.code) <= rank(c.rule.code));
            let made: Vec<Diagnostic> = c
                .groups()
                .map(|range| {
                    let mut d = c.diagnostic_of(range.clone());
                    if range.len() > 1 {
                        let pointers: Vec<String> = c.items[range]
                            .iter()
                            .map(|item| c.pointer(item.skill as usize, item.entry as usize).into())
                            .collect();
                        crate::fix::set_removals(&mut d, &crate::fix::remove_array_elements(&f.text, &pointers));
                    }
                    d
                })
                .collect();
            at_once.splice(end..end, made);
        }
        let mut expected = Vec::new();
        file(&f, (at_once, Vec::new()), &config).write_parts(&f.text, usize::MAX, 1, &mut |mut part| {
            expected.append(&mut part);
            part
        });
        // Each part's room handed back, its findings still in it: the next
        // part is made in it.
        let mut parts = Vec::new();
        file(&f, (plain, compact), &config).write_parts(&f.text, max, threads, &mut |part| {
            parts.push(part.clone());
            part
        });
        prop_assert!(!parts.is_empty());
        prop_assert!(parts.iter().all(|part| part.len() <= max));
        let written: Vec<Diagnostic> = parts.into_iter().flatten().collect();
        prop_assert_eq!(written, expected, "{}", f.text);
    }
}

/// Every diagnostic `found` makes, grouped as written and one per finding.
fn made_by(found: &SkillFindings<'_>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let grouped = found.groups().map(|range| found.diagnostic_of(range)).collect();
    let each = found.items.iter().map(|item| found.diagnostic(item)).collect();
    (grouped, each)
}

proptest! {
    /// Compact findings detached from their model quote the same texts
    /// once the model is freed (TM107 grouped, TM101 quoting its entries
    /// and phase titles, TM102 and TM108 at skills' ids, TM109 quoting
    /// runs of ids and names, TM112 quoting URLs, TM110 at projects' and
    /// practices' skills).
    #[test]
    fn detached_findings_make_the_same_diagnostics(text in roadmap()) {
        let f = SourceFile::new("r.json", text);
        let (validation, model) = load_whole(&f, &Default::default());
        let (roadmap, _) = model.expect("a whole roadmap");
        let (_, compact) = found(&f, &roadmap, validation);
        prop_assume!(!compact.is_empty());
        let before: Vec<_> = compact.iter().map(made_by).collect();
        let detached: Vec<SkillFindings<'static>> = compact.into_iter().map(SkillFindings::detach).collect();
        drop(roadmap);
        let after: Vec<_> = detached.iter().map(made_by).collect();
        prop_assert_eq!(after, before);
    }
}

/// The diagnostics of rule `code`'s compact findings on `text`, made
/// once the findings are detached and the model freed.
fn detached_diagnostics(text: &str, code: &str) -> Vec<Diagnostic> {
    let f = SourceFile::new("r.json", text);
    let (validation, model) = load_whole(&f, &Default::default());
    let (roadmap, _) = model.expect("a whole roadmap");
    let (_, compact) = found(&f, &roadmap, validation);
    let detached: Vec<SkillFindings<'static>> = compact.into_iter().map(SkillFindings::detach).collect();
    drop(roadmap);
    detached.iter().filter(|c| c.rule.code == code).flat_map(|c| made_by(c).1).collect()
}

/// A prerequisite taught later quotes its entry, an `any_of` group its
/// alternatives, and the phases' titles, detached from the model too.
#[test]
fn a_detached_finding_quotes_its_entry_or_its_group() {
    let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
  {"id": "a", "name": "A"},
  {"id": "b", "name": "B"},
  {"id": "c", "name": "C", "prerequisites": ["a", {"any_of": ["a", "b"]}]}
], "phases": [{"id": "p", "title": "First \"week\"", "skills": ["c"]}, {"id": "q", "title": "Later", "skills": ["a", "b"]}]}"#;
    let messages: Vec<String> = detached_diagnostics(text, "TM101").into_iter().map(|d| d.message).collect();
    assert_eq!(
        messages,
        [
            "`c` is taught in \"First \"week\"\", but its prerequisite `a` is only taught later, in \"Later\"",
            "`c` is taught in \"First \"week\"\", but its every alternative of this `any_of` group is only taught later, in \"Later\"",
        ]
    );
}

/// A group of similar names quotes both names and every other member's
/// id, the same or one edit apart, detached from the model too.
#[test]
fn a_detached_group_of_names_quotes_its_members() {
    let skill = |i: usize, name: &str| format!(r#"{{"id": "s{i}", "name": "{name}"}}"#);
    let mut skills: Vec<String> =
        (0..8).map(|i| skill(i, if i == 0 { "Design patterns" } else { "design-pattern" })).collect();
    skills.extend([skill(8, "Gradient boosting"), skill(9, "Gradient bosting"), skill(10, "Other")]);
    let text = format!(r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}]}}"#, skills.join(", "));
    let made: Vec<(String, String, Option<String>)> =
        detached_diagnostics(&text, "TM109").into_iter().map(|d| (d.pointer, d.message, d.help)).collect();
    let merge = |ids: &str| Some(format!("if they are one skill, merge them and keep {ids} in `former_ids`"));
    assert_eq!(
        made,
        [
            (
                "/skills/1/name".to_owned(),
                "skills `s1` and `s0` have the same names: \"design-pattern\" and \"Design patterns\", as do `s2`, `s3`, `s4`, `s5`, `s6` and 1 more".to_owned(),
                merge("the other ids"),
            ),
            (
                "/skills/9/name".to_owned(),
                "skills `s9` and `s8` have nearly the same names: \"Gradient bosting\" and \"Gradient boosting\"".to_owned(),
                merge("`s9`"),
            ),
        ]
    );
}

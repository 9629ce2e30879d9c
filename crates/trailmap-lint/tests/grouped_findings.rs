//! TM107 reports a skill's redundant prerequisites as one finding whose
//! fix removes them all at once; which of them are reported is still
//! decided entry by entry (suppressions, TM120), in small files and in
//! files with more findings than a part. TM110 reports a project's
//! skills taught later as one finding too.

use trailmap::{Diagnostic, LoadOptions};
use trailmap_lint::config::Config;
use trailmap_lint::fix::fix_all;
use trailmap_lint::{SourceFile, lint_with};

/// `copies` skills `c{k}` needing `a`, `b` and `d` (in that order), with
/// `d` needing `b` and `b` needing `a`: `a` and `b` are redundant in each,
/// the first two entries of its list. `allow` adds to `c0` a suppression
/// of TM107 at its entry `a`.
fn roadmap(copies: usize, allow: bool) -> String {
    roadmap_allowing(copies, allow.then_some(0))
}

/// [`roadmap`], suppressing TM107 at entry `allow` of `c0`.
fn roadmap_allowing(copies: usize, allow: Option<usize>) -> String {
    let mut skills = vec![
        r#"{"id": "a", "name": "A"}"#.to_owned(),
        r#"{"id": "b", "name": "B", "prerequisites": ["a"]}"#.to_owned(),
        r#"{"id": "d", "name": "D", "prerequisites": ["b"]}"#.to_owned(),
    ];
    for k in 0..copies {
        skills.push(format!(r#"{{"id": "c{k}", "name": "C {k}", "prerequisites": ["a", "b", "d"]}}"#));
    }
    let allow = match allow {
        Some(entry) => format!(
            r#", "x-lint-allow": [{{"rule": "TM107", "pointer": "/skills/3/prerequisites/{entry}", "reason": "kept"}}]"#
        ),
        None => String::new(),
    };
    format!(
        "{{\"id\": \"r\", \"title\": \"R\", \"version\": \"1.0.0\", \"skills\": [\n{}\n]{allow}}}",
        skills.join(",\n")
    )
}

fn redundant(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.code == "TM107").collect()
}

#[test]
fn a_skills_redundant_entries_are_one_finding_fixed_in_one_round() {
    for copies in [1, 3_000] {
        let mut files = vec![SourceFile::new("r.json", roadmap(copies, false))];
        let (config, options) = (Config::default(), LoadOptions::default());
        let before = lint_with(&files, &config, &options);
        let found = redundant(&before);
        assert_eq!(found.len(), copies, "{copies}");
        assert_eq!(found[0].message, "prerequisites `a` and `b` of `c0` are redundant: `d` already needs them");
        assert_eq!(found[0].pointer, "/skills/3/prerequisites/0");
        assert_eq!(found[0].help.as_deref(), Some("remove them from the prerequisites of `c0`"));
        // The two entries from the first on go with the commas after them.
        let (once, fixed) = trailmap_lint::fix::apply_fixes(&files[0].text, &before);
        assert_eq!(fixed, copies);
        assert!(once.contains(r#""id": "c0", "name": "C 0", "prerequisites": ["d"]}"#), "{once}");
        let outcome = fix_all(&mut files, before, &config, &options);
        assert!(outcome.converged && outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
        assert_eq!(files[0].text, once);
    }
}

#[test]
fn a_suppressed_entry_leaves_the_others_of_its_skill_reported() {
    // 3,000 skills: more findings than a part, kept compact until written.
    for copies in [1, 3_000] {
        let text = roadmap(copies, true);
        let files = vec![SourceFile::new("r.json", text.clone())];
        let diagnostics = lint_with(&files, &Config::default(), &LoadOptions::default());
        let found = redundant(&diagnostics);
        assert_eq!(found.len(), copies, "{copies}");
        assert_eq!(found[0].message, "prerequisite `b` of `c0` is redundant: `d` already needs it");
        assert_eq!(found[0].pointer, "/skills/3/prerequisites/1");
        assert!(diagnostics.iter().all(|d| d.code != "TM116"), "the suppression is used");
        // Its fix removes `b` alone.
        let (fixed, _) = trailmap_lint::fix::apply(&text, &found[0].fix.as_ref().expect("a fix").edits);
        assert!(fixed.contains(r#""id": "c0", "name": "C 0", "prerequisites": ["a", "d"]}"#), "{fixed}");
    }
}

#[test]
fn the_same_in_yaml_flow_and_block_sequences() {
    let yaml = "id: r\ntitle: R\nversion: 1.0.0\nskills:\n  - {id: a, name: A}\n  - {id: b, name: B, prerequisites: [a]}\n  - {id: d, name: D, prerequisites: [b]}\n  - id: c0\n    name: C 0\n    prerequisites: [a, b, d]  # flow\n  - id: c1\n    name: C 1\n    prerequisites:\n      - a  # first\n      - b\n      - d\n";
    let files = vec![SourceFile::new("r.yaml", yaml)];
    let diagnostics = lint_with(&files, &Config::default(), &LoadOptions::default());
    let found = redundant(&diagnostics);
    assert_eq!(found.len(), 2, "{diagnostics:?}");
    let (once, fixed) = trailmap_lint::fix::apply_fixes(yaml, &diagnostics);
    assert_eq!(fixed, 2);
    assert!(once.contains("    prerequisites: [d]  # flow\n"), "{once}");
    assert!(once.contains("    prerequisites:\n      - d\n"), "{once}");
}

/// A removal before an entry that a suppression names by index would move
/// the suppression onto the next entry, and the next round of `--fix`
/// would remove the entry it kept: that fix is left for the author, who is
/// told why. The other skills' fixes apply.
#[test]
fn a_removal_before_an_entry_suppressed_by_index_is_left_to_the_author() {
    for copies in [1, 3_000] {
        let text = roadmap_allowing(copies, Some(1));
        let mut files = vec![SourceFile::new("r.json", text.clone())];
        let (config, options) = (Config::default(), LoadOptions::default());
        let before = lint_with(&files, &config, &options);
        let found = redundant(&before);
        assert_eq!(found[0].pointer, "/skills/3/prerequisites/0", "{copies}");
        assert!(found[0].fix.is_none(), "{copies}");
        assert!(
            found[0].help.as_deref().is_some_and(|h| h.contains("`/skills/3/prerequisites/1`")),
            "{:?}",
            found[0].help
        );
        assert!(found.iter().skip(1).all(|d| d.fix.is_some()), "{copies}");
        let outcome = fix_all(&mut files, before, &config, &options);
        assert!(outcome.converged);
        assert_eq!(outcome.fixed, copies - 1);
        let kept = r#"{"id": "c0", "name": "C 0", "prerequisites": ["a", "b", "d"]}"#;
        assert!(files[0].text.contains(kept), "{}", &files[0].text[..400]);
        assert!(outcome.diagnostics.iter().all(|d| d.code != "TM116"), "the suppression still covers `b`");
    }
}

/// `copies` projects in the first phase, each using `now`, then twelve
/// skills taught in the second phase and one in the third: one TM110
/// finding each, at its first entry taught later, naming ten of them by
/// phase and counting the rest.
#[test]
fn a_projects_skills_taught_later_are_one_finding() {
    for copies in [1, 3_000] {
        let later: Vec<String> = (0..12).map(|k| format!("l{k}")).collect();
        let mut skills: Vec<String> =
            vec![r#"{"id": "now", "name": "Now"}"#.to_owned(), r#"{"id": "last", "name": "Last"}"#.to_owned()];
        skills.extend(later.iter().map(|id| format!(r#"{{"id": "{id}", "name": "Skill {id}"}}"#)));
        let quoted: Vec<String> = later.iter().map(|id| format!("\"{id}\"")).collect();
        let uses = format!(r#""now", "l0", "last", {}"#, quoted[1..].join(", "));
        let projects: Vec<String> = (0..copies)
            .map(|k| format!(r#"{{"id": "p{k}", "title": "P", "phase": "one", "skills": [{uses}]}}"#))
            .collect();
        let text = format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{}],
  "phases": [{{"id": "one", "title": "One", "skills": ["now"]}}, {{"id": "two", "title": "Two", "skills": [{}]}}, {{"id": "three", "title": "Three", "skills": ["last"]}}],
  "projects": [{}]}}"#,
            skills.join(", "),
            quoted.join(", "),
            projects.join(",\n")
        );
        let diagnostics = lint_with(&[SourceFile::new("r.json", text)], &Config::default(), &LoadOptions::default());
        let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == "TM110").collect();
        assert_eq!(found.len(), copies, "{copies}: {:?}", diagnostics.first());
        assert_eq!(found[0].pointer, "/projects/0/skills/1");
        assert_eq!(
            found[0].message,
            "project `p0` in \"One\" uses 13 skills only taught later: `l0`, `l1`, `l2`, `l3`, `l4`, `l5`, `l6`, `l7` and `l8`, in \"Two\"; `last`, in \"Three\"; and 3 more"
        );
        assert_eq!(found[copies - 1].pointer, format!("/projects/{}/skills/1", copies - 1));
    }
}

//! On a large roadmap the per-file rules run on several threads; what they
//! report must be exactly what each rule reports when it runs alone (on
//! the calling thread).

use serde_json::{Value, json};
use trailmap::Diagnostic;
use trailmap_lint::config::Config;
use trailmap_lint::registry::{self, Check};
use trailmap_lint::{SourceFile, lint};

/// 2,500 skills (past the size where rules go parallel) in chains of ten,
/// with problems for several rules planted at known places.
fn large_roadmap() -> String {
    let n = 2_500;
    let mut skills: Vec<Value> = (0..n)
        .map(|i| {
            let prerequisites = if i % 10 == 0 { json!([]) } else { json!([format!("s{}", i - 1)]) };
            json!({"id": format!("s{i}"), "name": format!("Skill {}", words(i)), "prerequisites": prerequisites})
        })
        .collect();
    // TM107: s12 already needs s11, which needs s10.
    skills[12]["prerequisites"] = json!(["s10", "s11"]);
    // TM109: two names one letter apart.
    skills[500]["name"] = json!("Gradient Boosting");
    skills[900]["name"] = json!("Gradient Bosting");
    // TM109 again, one name in each half of the names (the rule's second
    // pass runs on halves at once).
    skills[300]["name"] = json!("Elasticsearch cluster");
    skills[2_200]["name"] = json!("Elasticsaerch cluster");
    // TM114: a required skill needs an optional one.
    skills[40]["optional"] = json!(true);
    // TM108: an id that is not kebab-case (nothing refers to it).
    skills[2_499]["id"] = json!("Last_Skill");
    // Phases of 100 skills; s205 is taught before its prerequisite s204
    // (TM101), and the last ten skills are in no phase (TM102).
    let mut phases: Vec<Value> = (0..24)
        .map(|p| {
            let ids: Vec<String> = (p * 100..(p + 1) * 100).map(|i| format!("s{i}")).collect();
            json!({"id": format!("p{p}"), "title": format!("Phase {p}"), "skills": ids})
        })
        .collect();
    phases[2]["skills"].as_array_mut().unwrap().retain(|id| id != "s205");
    phases[1]["skills"].as_array_mut().unwrap().push(json!("s205"));
    let last: Vec<String> = (2_400..2_490).map(|i| format!("s{i}")).collect();
    phases.push(json!({"id": "p24", "title": "Phase 24", "skills": last}));
    let roadmap = json!({"id": "large", "title": "Large", "version": "1.0.0", "skills": skills, "phases": phases});
    serde_json::to_string_pretty(&roadmap).unwrap()
}

/// Distinct names: a skill index spelled as letters.
fn words(mut i: usize) -> String {
    let mut out = String::new();
    loop {
        out.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return out;
        }
    }
}

/// Everything a diagnostic says, in output order.
fn shown(diagnostics: &[Diagnostic]) -> Vec<(Option<trailmap::Location>, &'static str, String, String)> {
    diagnostics.iter().map(|d| (d.location, d.code, d.pointer.clone(), d.message.clone())).collect()
}

fn with_threads(threads: usize) -> Config {
    Config { threads: std::num::NonZeroUsize::new(threads), ..Config::default() }
}

#[test]
fn parallel_rules_report_what_each_rule_reports_alone() {
    let files = [SourceFile::new("large.json", large_roadmap())];
    // One thread, then more threads than rules: the same output, in the
    // same order (not sorted here: order is part of the output).
    let one = lint(&files, &with_threads(1));
    let codes: Vec<&str> = one.iter().map(|d| d.code).collect();
    for code in ["TM101", "TM102", "TM107", "TM108", "TM109", "TM114"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(codes.iter().filter(|c| **c == "TM109").count(), 2, "both pairs of similar names");
    // In position order, as promised.
    assert!(one.windows(2).all(|w| w[0].location.map(|l| l.offset) <= w[1].location.map(|l| l.offset)));
    for threads in [2, 3, 64] {
        assert_eq!(shown(&lint(&files, &with_threads(threads))), shown(&one), "{threads} threads");
    }
    assert_eq!(lint(&files, &Config::default()), one, "the default thread count");
    // Spelled in 200 bytes a skill (blanks after the document), the two
    // memory-heavy rules run side by side instead of one after the other
    // (`Context::heavy_rules_side_by_side`): the same output.
    let mut padded = large_roadmap();
    padded.push_str(&" ".repeat(200 * 2_500));
    let padded = [SourceFile::new("large.json", padded)];
    for threads in [2, 3] {
        assert_eq!(shown(&lint(&padded, &with_threads(threads))), shown(&one), "{threads} threads, padded");
    }

    // Each rule alone (on the calling thread) finds what it found in the
    // whole run; within a rule, in the same order.
    for rule in registry::all().iter().filter(|r| matches!(r.check, Check::File(_))) {
        let mut config = with_threads(4);
        config.file.lint.select = Some(vec![rule.code.to_owned()]);
        let alone = lint(&files, &config);
        let in_run: Vec<Diagnostic> = one.iter().filter(|d| d.code == rule.code).cloned().collect();
        assert_eq!(shown(&alone), shown(&in_run), "{}", rule.code);
    }
}

/// With memory to spare (a source past `MEMORY_TO_SPARE_FROM` bytes, here
/// the same roadmap padded with blanks), TM109 splits the names' groups of
/// token keys between threads, each joining into a copy of its groups:
/// forty chains of three names, the second one edit from the first in its
/// second word and from the third in its first, are whole only where the
/// copies are merged (the two keys of a chain fall in either part), and
/// are found as on one thread.
#[test]
fn similar_names_across_threads_with_memory_to_spare() {
    let mut roadmap: Value = serde_json::from_str(&large_roadmap()).unwrap();
    let skills = roadmap["skills"].as_array_mut().unwrap();
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    for k in 0..40 {
        // Tokens two edits apart from pair to pair.
        let (c, d) = (letter(k), letter(k / 26 + 7));
        let token = format!("{c}{c}{d}{d}ium");
        skills[100 + k]["name"] = json!(format!("{token} Embedding"));
        skills[1_300 + k]["name"] = json!(format!("{token} Embeding"));
        skills[2_000 + k]["name"] = json!(format!("{token}x Embeding"));
    }
    let mut text = serde_json::to_string_pretty(&roadmap).unwrap();
    text.push_str(&" ".repeat(trailmap_lint::context::MEMORY_TO_SPARE_FROM));
    let files = [SourceFile::new("large.json", text)];
    let mut config = with_threads(2);
    config.file.lint.select = Some(vec!["TM109".to_owned()]);
    let two = lint(&files, &config);
    assert!(two.len() >= 40, "{} findings", two.len());
    let chains = two.iter().filter(|d| d.message.contains(", as do `s2")).count();
    assert!(chains >= 40, "{chains} chains of three: {two:#?}");
    config.threads = std::num::NonZeroUsize::new(1);
    assert_eq!(shown(&two), shown(&lint(&files, &config)));
}

/// A folder's files are finished (configured, suppressed, located, put in
/// order) on every thread, each file on one: the same report, file by file
/// in input order, as on one thread, and [`trailmap_lint::lint_each`]
/// hands each file's over in that order (once each: each is under a part). The files differ in size and
/// findings; one has an unused suppression (TM116), one a used one, and
/// one is YAML.
#[test]
fn a_folders_files_are_finished_in_input_order_on_any_thread_count() {
    let roadmap = |k: usize| {
        let skills: Vec<String> = (0..2 + k % 7)
            .map(|i| match i {
                0 => r#"{"id": "base", "name": "Base"}"#.to_owned(),
                1 => r#"{"id": "mid", "name": "Middle", "prerequisites": ["base"]}"#.to_owned(),
                _ => format!(r#"{{"id": "s{i}", "name": "Skill {i}", "prerequisites": ["base", "mid"]}}"#),
            })
            .collect();
        let suppressions = match k {
            5 => r#", "x-lint-allow": [{"rule": "TM104", "reason": "no phases to overlap"}]"#,
            6 => r#", "x-lint-allow": [{"rule": "TM107", "reason": "kept on purpose"}]"#,
            _ => "",
        };
        format!(
            r#"{{"id": "r{k}", "title": "R", "version": "1.0.0", "skills": [{}]{suppressions}}}"#,
            skills.join(", ")
        )
    };
    let mut files: Vec<SourceFile> = (0..40).map(|k| SourceFile::new(format!("r{k}.json"), roadmap(k))).collect();
    files.push(SourceFile::new("y.yaml", "id: y\ntitle: Y\nversion: 1.0.0\nskills:\n  - {id: a, name: A}\n  - {id: b, name: B, prerequisites: [a]}\n  - {id: c, name: C, prerequisites: [a, b]}\n"));
    let said = |diagnostics: &[Diagnostic]| -> Vec<(String, Option<trailmap::Location>, &'static str, String)> {
        diagnostics.iter().map(|d| (d.file.to_string(), d.location, d.code, d.pointer.clone())).collect()
    };
    let one = lint(&files, &with_threads(1));
    let order: Vec<&str> = one.iter().map(|d| &*d.file).collect();
    let mut names: Vec<&str> = files.iter().map(|f| f.name.as_str()).filter(|n| order.contains(n)).collect();
    names.dedup();
    let mut seen = order.clone();
    seen.dedup();
    assert_eq!(seen, names, "file by file, in input order");
    assert!(one.iter().any(|d| d.code == "TM107" && &*d.file == "y.yaml"));
    assert!(one.iter().any(|d| d.code == "TM116" && &*d.file == "r5.json"), "{:?}", said(&one));
    assert!(!one.iter().any(|d| &*d.file == "r6.json"), "suppressed");
    for threads in [2, 3, 64] {
        assert_eq!(said(&lint(&files, &with_threads(threads))), said(&one), "{threads} threads");
        // Handed over file by file, once each, in input order: the same.
        let mut handed = Vec::new();
        let mut names = Vec::new();
        let config = with_threads(threads);
        let mut lent = files.clone();
        trailmap_lint::lint_each(&mut lent, &config, &Default::default(), |files, i, found| {
            let file = &files[i];
            assert!(found.iter().all(|d| *d.file == *file.name), "{}'s own", file.name);
            names.push(file.name.clone());
            handed.append(found);
        });
        assert_eq!(names, files.iter().map(|f| f.name.clone()).collect::<Vec<_>>());
        assert_eq!(said(&handed), said(&one), "{threads} threads, file by file");
    }
}

/// Two rules each with more findings than a part (TM107 and TM108 on
/// every skill) are located on a thread each, each scan at most a few
/// batches ahead of the parts, which take from both in reading order:
/// the report on two threads is the report on one, and it ends.
#[test]
fn two_rules_located_aside_make_the_same_report() {
    let n = trailmap_lint::PART_MAX + 6_000;
    let skills: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"id": "base", "name": "Base"}"#.to_owned(),
            1 => r#"{"id": "mid", "name": "Middle", "prerequisites": ["base"]}"#.to_owned(),
            _ => format!(r#"{{"id": "S_{i}", "name": "S {i}", "prerequisites": ["base", "mid"]}}"#),
        })
        .collect();
    let text = format!(r#"{{"id": "big", "title": "B", "version": "1.0.0", "skills": [{}]}}"#, skills.join(",\n"));
    let files = [SourceFile::new("big.json", text)];
    let one = lint(&files, &with_threads(1));
    let count = |code: &str| one.iter().filter(|d| d.code == code).count();
    assert!(count("TM107") > trailmap_lint::PART_MAX && count("TM108") > trailmap_lint::PART_MAX);
    assert!(lint(&files, &with_threads(2)) == one);
}

/// A file with more findings than a part is handed over a part at a time,
/// each part made while the one before is taken (on two threads) or after
/// it (on one): the parts, in order, are the whole report, with a used
/// suppression, findings of other rules between the redundant entries, and
/// small files around it.
#[test]
fn a_large_files_findings_come_in_parts_that_make_the_whole_report() {
    // Past 256 KiB, so that its text is let go of while its rules run,
    // and more findings than two parts hold.
    let n = (2 * trailmap_lint::PART_MAX + 500).max(8_700);
    let skills: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"id": "base", "name": "Base"}"#.to_owned(),
            1 => r#"{"id": "mid", "name": "Middle", "prerequisites": ["base"]}"#.to_owned(),
            // A suppressed redundant entry, and a repeated one (TM120).
            7 => r#"{"id": "s7", "name": "S 7", "prerequisites": ["base", "mid"], "x-lint-allow": [{"rule": "TM107", "reason": "r"}]}"#.to_owned(),
            9 => r#"{"id": "s9", "name": "S 9", "prerequisites": ["base", "mid", "base"]}"#.to_owned(),
            // Not kebab-case (TM108), between two redundant entries.
            _ if i % 1000 == 3 => format!(r#"{{"id": "S_{i}", "name": "S {i}", "prerequisites": ["base", "mid"]}}"#),
            _ => format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": ["base", "mid"]}}"#),
        })
        .collect();
    let large = format!(r#"{{"id": "big", "title": "B", "version": "1.0.0", "skills": [{}]}}"#, skills.join(",\n"));
    assert!(large.len() > 256 << 10, "{}", large.len());
    let small = r#"{"id": "s", "title": "S", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C", "prerequisites": ["a", "b"]}]}"#;
    // The large file read from disk: its text is let go of while its
    // rules run, and read back before its findings are handed over.
    let dir = std::env::temp_dir().join(format!("trailmap-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.json");
    std::fs::write(&path, &large).unwrap();
    let files = [
        SourceFile::new("a.json", small),
        SourceFile::new("big.json", large.clone()).with_path(&path),
        SourceFile::new("z.json", small),
    ];
    let whole = lint(&files, &with_threads(1));
    assert!(whole.len() > 2 * trailmap_lint::PART_MAX, "{}", whole.len());
    assert!(whole.iter().any(|d| d.code == "TM108") && whole.iter().any(|d| d.code == "TM120"));
    assert!(!whole.iter().any(|d| d.pointer.starts_with("/skills/7/")), "suppressed");
    for threads in [1, 2] {
        let mut parts: Vec<(String, Vec<Diagnostic>)> = Vec::new();
        let mut lent = files.clone();
        trailmap_lint::lint_each(&mut lent, &with_threads(threads), &Default::default(), |files, i, found| {
            // The text is there as each part is handed over.
            assert_eq!(files[i].text, [small, &large, small][i]);
            parts.push((files[i].name.clone(), std::mem::take(found)));
        });
        assert_eq!(lent[1].text, large, "read back");
        let sizes: Vec<(&str, usize)> = parts.iter().map(|(name, found)| (name.as_str(), found.len())).collect();
        let big: Vec<usize> = sizes.iter().filter(|(name, _)| *name == "big.json").map(|&(_, n)| n).collect();
        assert!(big.len() >= 3 && big.iter().all(|&n| n <= trailmap_lint::PART_MAX), "{sizes:?}");
        let names: Vec<&str> = sizes.iter().map(|&(name, _)| name).collect();
        assert_eq!(names.first(), Some(&"a.json"));
        assert_eq!(names.last(), Some(&"z.json"));
        assert!(parts.iter().all(|(name, found)| found.iter().all(|d| *d.file == **name)));
        let handed: Vec<Diagnostic> = parts.into_iter().flat_map(|(_, found)| found).collect();
        assert!(handed == whole, "{threads} threads");
    }
    // Not the text linted when read back (edited meanwhile): a TM014 error
    // in place of the file's findings, the others' as they were.
    std::fs::write(&path, large.replace("Middle", "Mid")).unwrap();
    let mut lent = files.clone();
    let mut handed: Vec<Diagnostic> = Vec::new();
    trailmap_lint::lint_each(&mut lent, &with_threads(2), &Default::default(), |_, _, found| handed.append(found));
    let big: Vec<&Diagnostic> = handed.iter().filter(|d| &*d.file == "big.json").collect();
    assert_eq!(big.len(), 1);
    assert_eq!((big[0].code, big[0].severity), ("TM014", trailmap::Severity::Error));
    assert!(big[0].message.starts_with("big.json changed while it was linted"), "{}", big[0].message);
    let others = |all: &[Diagnostic]| all.iter().filter(|d| &*d.file != "big.json").cloned().collect::<Vec<_>>();
    assert!(others(&handed) == others(&whole));
    // A file gone before its rules run keeps its text: it could not be
    // read back.
    std::fs::remove_file(&path).unwrap();
    let mut lent = files.clone();
    let mut handed: Vec<Diagnostic> = Vec::new();
    trailmap_lint::lint_each(&mut lent, &with_threads(2), &Default::default(), |_, _, found| handed.append(found));
    assert!(handed == whole);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A large file read from disk with nothing to show is not read again
/// (its text, let go of while its rules ran, stays empty); one with a
/// suppression is, since an unused one is reported.
#[test]
fn a_large_file_with_nothing_to_show_is_not_read_again() {
    let skills = |allow: &str| -> String {
        let list: Vec<String> = (0..6_000)
            .map(|i| match i {
                0 => format!(r#"{{"id": "s0", "name": "S 0"{allow}}}"#),
                _ => format!(r#"{{"id": "s{i}", "name": "S {i}", "prerequisites": ["s{}"]}}"#, i - 1),
            })
            .collect();
        format!(r#"{{"id": "big", "title": "B", "version": "1.0.0", "skills": [{}]}}"#, list.join(",\n"))
    };
    let dir = std::env::temp_dir().join(format!("trailmap-clean-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.json");
    for allow in ["", r#", "x-lint-allow": [{"rule": "TM107", "reason": "r"}]"#] {
        let text = skills(allow);
        assert!(text.len() > 300_000);
        std::fs::write(&path, &text).unwrap();
        // Edited since: read again, it would be a TM014.
        std::fs::write(&path, text.replace("S 0", "S zero")).unwrap();
        let mut lent = [SourceFile::new("big.json", text.clone()).with_path(&path)];
        let mut handed: Vec<Diagnostic> = Vec::new();
        trailmap_lint::lint_each(&mut lent, &with_threads(2), &Default::default(), |_, _, found| handed.append(found));
        let codes: Vec<&str> = handed.iter().map(|d| d.code).collect();
        if allow.is_empty() {
            assert_eq!(codes, Vec::<&str>::new());
            assert_eq!(lent[0].text, "", "not read again");
        } else {
            assert_eq!(codes, ["TM014"], "read again for its suppression");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

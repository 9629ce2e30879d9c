//! Every pointer of an import's report resolves in the roadmap written:
//! over generated Markdown documents (stated prerequisites that resolve to
//! nothing, cycles through plain prerequisites and `any_of` alternatives,
//! checklists, tables, exclusions, links and the names before them, a
//! README's own sections, paragraphs titling phases, headings that label
//! lists or name skills) and Metacademy folders whose
//! dependencies form cycles.

use proptest::prelude::*;
use trailmap::{Prerequisite, Roadmap};
use trailmap_import::{Imported, Options, Outcome};

/// Each placed pointer, with the entry's line and text, that the written JSON lacks.
fn dangling_pointers(imported: &Imported) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&imported.to_json()).unwrap();
    let mut out = Vec::new();
    for entry in &imported.report.entries {
        if let Outcome::Placed { at } = &entry.outcome {
            for pointer in at {
                if json.pointer(pointer).is_none() {
                    out.push(format!("line {} {:?}: {pointer}", entry.line, entry.text));
                }
            }
        }
    }
    out
}

fn import(text: &str) -> Imported {
    let imported = trailmap_import::markdown::import(text, &Options::default()).unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    imported
}

#[test]
fn a_statement_that_resolves_to_nothing_points_at_what_it_changed() {
    let imported = import("# R\n\n## Ops\n\n- MLflow (requires Foo)\n");
    assert_eq!(dangling_pointers(&imported), Vec::<String>::new());
    assert!(imported.roadmap.skills[0].prerequisites.is_empty());
}

#[test]
fn breaking_a_cycle_drops_only_the_alternative_that_closes_it() {
    let md = "# R\n\n## Core\n\n- Deep Learning (requires Python or Statistics)\n- Statistics (requires Deep Learning)\n- Python\n";
    let imported = import(md);
    let r = &imported.roadmap;
    let dl = r.skills.iter().find(|s| s.id == "deep-learning").unwrap();
    assert_eq!(dl.prerequisites, [Prerequisite::Skill("python".into())]);
    let stats = r.skills.iter().find(|s| s.id == "statistics").unwrap();
    assert_eq!(stats.prerequisites, [Prerequisite::Skill("deep-learning".into())]);
    let dropped: Vec<_> =
        imported.report.entries.iter().filter(|e| matches!(e.outcome, Outcome::NotPlaced { .. })).collect();
    assert_eq!(dropped.len(), 1, "{dropped:#?}");
    assert!(dropped[0].text.contains("deep-learning needs statistics"), "{}", dropped[0].text);
    assert!(dropped[0].text.contains("kept python"), "{}", dropped[0].text);
    assert_eq!(dropped[0].line, 5, "the line that stated it");
    assert_eq!(dangling_pointers(&imported), Vec::<String>::new());
}

#[test]
fn metacademy_cycles_leave_no_pointer_behind() {
    let dir = std::env::temp_dir().join(format!("trailmap-mc-cycle-{}", std::process::id()));
    let concepts = dir.join("concepts");
    for (tag, deps) in [("a", "tag: b\n"), ("b", "tag: c\ntag: a\n"), ("c", "tag: a\n")] {
        std::fs::create_dir_all(concepts.join(tag)).unwrap();
        std::fs::write(concepts.join(tag).join("title.txt"), tag.to_uppercase()).unwrap();
        std::fs::write(concepts.join(tag).join("dependencies.txt"), deps).unwrap();
    }
    let imported = trailmap_import::metacademy::import(&dir, &Options::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(Roadmap::from_json_str(&imported.to_json()).is_valid());
    assert_eq!(dangling_pointers(&imported), Vec::<String>::new());
    let dropped: Vec<_> =
        imported.report.entries.iter().filter(|e| matches!(e.outcome, Outcome::NotPlaced { .. })).collect();
    assert!(!dropped.is_empty());
    assert!(dropped.iter().all(|e| e.file.is_some() && e.line > 0), "{dropped:#?}");
}

/// Names drawn from a small pool, so that statements resolve, miss and form cycles.
const NAMES: [&str; 6] = ["Python", "Statistics", "Deep Learning", "SQL", "Docker", "Foo"];

fn line() -> impl Strategy<Value = String> {
    let name = || proptest::sample::select(NAMES.to_vec());
    prop_oneof![
        (name(), name()).prop_map(|(a, b)| format!("- {a} (requires {b})")),
        (name(), name(), name()).prop_map(|(a, b, c)| format!("- {a} (requires {b} or {c})")),
        (name(), name()).prop_map(|(a, b)| format!("- {a} (prerequisite for {b})")),
        (name(), name(), name()).prop_map(|(a, b, c)| format!("- {a} — needed before {b} or {c}")),
        name().prop_map(|a| format!("- {a}")),
        name().prop_map(|a| format!("  - Requires {a}")),
        name().prop_map(|a| format!("Prerequisites: {a}")),
        name().prop_map(|a| format!("- [ ] Learn {a}")),
        name().prop_map(|a| format!("- **{a}**: what it is")),
        name().prop_map(|a| format!("- You do NOT need {a}")),
        name().prop_map(|a| format!("- [{a} docs](https://example.com/{a})")),
        // Links after a name, words for resources, a README's own sections.
        (name(), name()).prop_map(|(a, b)| format!("- {a} — [{b} guide](https://example.com/{b})")),
        (name(), name())
            .prop_map(|(a, b)| format!("- [ ] {a} ([{b}](https://example.com/b), [video](https://youtu.be/x))")),
        (name(), name()).prop_map(|(a, b)| format!(
            "- Course: [{a}](https://example.com/a) or Course: [{b}](https://example.com/b)"
        )),
        name().prop_map(|a| format!("  - Docs: [{a}](https://example.com/{a})")),
        proptest::sample::select(vec!["## Table of Contents", "## Contributing", "### License", "## FAQ"])
            .prop_map(str::to_owned),
        proptest::sample::select(vec![
            "- Resources:",
            "  - Resources:",
            "- 📚 Further reading",
            "\n📚 **References**:\n"
        ])
        .prop_map(str::to_owned),
        (name(), name()).prop_map(|(a, b)| format!("- [{a}](https://example.com/{a}) by {b}: a guide")),
        name().prop_map(|a| format!("  - [{a} book](https://example.com/book)")),
        name().prop_map(|a| format!("    - {a} (book)")),
        (name(), name()).prop_map(|(a, b)| format!("- **{a}** → {b}, basics")),
        (name(), 1u32..40).prop_map(|(a, h)| format!(
            "\n| Course | Hours | Prerequisites |\n|---|---|---|\n| {a} | {h} | Python |\n"
        )),
        (1u32..12).prop_map(|w| format!("## Week {w}")),
        // Paragraphs titling phases, headings labelling lists or naming skills.
        ((1u32..5), name()).prop_map(|(n, a)| format!("\n**Phase {n}: {a} (Weeks {n}-{})**\n", n + 1)),
        (1u32..12, name(), name()).prop_map(|(w, a, b)| format!("\nWeek {w}: {a}, {b}\n")),
        (1u32..4, name()).prop_map(|(n, a)| format!("{} {n}.{n} {a}", "#".repeat(2 + n as usize))),
        proptest::sample::select(vec!["### Skills", "### Projects", "### 📚 Resources", "### Capstone", "### Notes"])
            .prop_map(str::to_owned),
        name().prop_map(|a| format!("\n**Milestone:** {a} deployed\n")),
        name().prop_map(|a| format!("\nTip: you do NOT need {a}.\n")),
        name().prop_map(|a| format!("\n*Project:* build a {a} app\n")),
        proptest::sample::select(vec!["\nProjects:\n", "\nTake the course. Then build projects:\n"])
            .prop_map(str::to_owned),
        (1u32..5, name()).prop_map(|(n, a)| format!("## Step {n}: Learn {a}")),
        (1u32..30, name()).prop_map(|(d, a)| format!("\n**Day {d}: {a}**\nRead about {a}.\n")),
        (name(), name()).prop_map(|(a, b)| format!("\n✅ {a}\n👉 {b} (basics)\n• Learn {a}\n")),
        (1u32..9, name(), name())
            .prop_map(|(w, a, b)| format!("\n<details>\n<summary>Week {w}: {a}</summary>\n\n- {b}\n\n</details>\n")),
        (name(), name()).prop_map(|(a, b)| format!("- [{a}](https://example.com/{a}) - A tool for {b} work.")),
        (name(), name()).prop_map(|(a, b)| format!(
            "\n**Topics:** {a}, {b}\n**Project:** build a {a} app\n**Resources:** [{b} docs](https://example.com/{b}) (book)\nTime: 3 hours\n"
        )),
        (name(), name()).prop_map(|(a, b)| format!("- **Learn {a}** — {b}, basics")),
        name().prop_map(|a| format!("### {a} (requires Python)")),
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_pointer_of_the_report_resolves(lines in proptest::collection::vec(line(), 1..24)) {
        let text = format!("# R\n\n{}\n", lines.join("\n"));
        let imported = import(&text);
        prop_assert_eq!(dangling_pointers(&imported), Vec::<String>::new(), "{}", text);
    }
}

#[test]
fn dense_cycles_are_broken_in_linear_time() {
    // Every course needs every other: thousands of cycles through 60 skills.
    let names: Vec<String> =
        (0..60).map(|i| format!("Topic{}{}", (b'A' + i / 26) as char, (b'A' + i % 26) as char)).collect();
    let mut md = String::from("# R\n\n## P\n\n| Course | Prerequisites |\n|---|---|\n");
    for (i, name) in names.iter().enumerate() {
        let others: Vec<&str> = names.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, n)| n.as_str()).collect();
        md.push_str(&format!("| {name} | {} |\n", others.join(", ")));
    }
    let started = std::time::Instant::now();
    let imported = import(&md);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert_eq!(dangling_pointers(&imported), Vec::<String>::new());
    assert!(imported.roadmap.skills.iter().any(|s| !s.prerequisites.is_empty()));
}

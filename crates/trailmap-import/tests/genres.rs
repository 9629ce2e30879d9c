//! Markdown roadmaps of other genres than the seeds: course tables, day
//! logs, "Term: text" bullets, hundreds of checkboxes, month/week plans;
//! and hostile shapes (deep nesting, huge lists).

use std::path::Path;

use trailmap::{Phase, Prerequisite, Roadmap, TimeUnit};
use trailmap_import::{Element, Imported, Options, Outcome};

fn import(text: &str) -> Imported {
    let imported = trailmap_import::markdown::import(text, &Options::default()).unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    imported
}

fn fixture(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genres").join(name);
    import(&std::fs::read_to_string(path).unwrap())
}

fn skill<'a>(r: &'a Roadmap, name: &str) -> &'a trailmap::Skill {
    r.skills
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no skill {name}: {:?}", r.skills.iter().map(|s| &s.name).collect::<Vec<_>>()))
}

fn span(p: &Phase) -> Option<(TimeUnit, u32, u32)> {
    p.span.as_ref().map(|s| (s.unit, s.start, s.end()))
}

fn nothing_lost(imported: &Imported) {
    let lost: Vec<_> =
        imported.report.entries.iter().filter(|e| matches!(e.outcome, Outcome::NotPlaced { .. })).collect();
    assert!(lost.is_empty(), "{lost:#?}");
}

#[test]
fn course_table_gives_effort_prerequisites_and_resources() {
    let imported = fixture("course-table.md");
    let r = &imported.roadmap;
    let ds = skill(r, "Data Structures");
    assert_eq!(ds.effort_hours, Some(45.0));
    assert_eq!(ds.prerequisites, [Prerequisite::Skill("programming-101".into())]);
    assert_eq!(ds.resources[0].kind, Some(trailmap::ResourceKind::Course));
    assert_eq!(skill(r, "Algorithms Part I").prerequisites, [Prerequisite::Skill("data-structures".into())]);
    // "Compilers" names no course: reported with its line, kept in the note.
    let systems = skill(r, "Systems Programming");
    assert_eq!(systems.prerequisites, [Prerequisite::Skill("data-structures".into())]);
    assert!(systems.note.as_deref().unwrap_or("").contains("Compilers"));
    assert!(imported.report.entries.iter().any(|e| e.line == 10 && matches!(e.outcome, Outcome::NotPlaced { .. })));
    // "Course: X or Course: Y" is an alternative between X and Y.
    let math = &r.phases[1];
    let group = serde_json::json!([["calculus-1a", "calculus-for-beginners"]]);
    assert_eq!(math.extensions.get("x-any-of"), Some(&group), "{math:?}");
    assert!(r.skills.iter().all(|s| s.name != "Course" && s.topics.is_empty()));
    assert!(imported.report.of(Element::Link).all(|e| matches!(e.outcome, Outcome::Placed { .. })));
    assert_eq!(r.skills.iter().map(|s| s.resources.len()).sum::<usize>(), 6, "every link a resource");
}

#[test]
fn day_log_spans() {
    let imported = fixture("hundred-days.md");
    let spans: Vec<_> = imported.roadmap.phases.iter().map(span).collect();
    assert_eq!(spans, [Some((TimeUnit::Day, 1, 1)), Some((TimeUnit::Day, 2, 3)), Some((TimeUnit::Day, 4, 5))]);
    assert_eq!(imported.roadmap.phases[1].title, "Simple Linear Regression");
    nothing_lost(&imported);
}

#[test]
fn term_bullets_are_described_skills() {
    let imported = fixture("term-bullets.md");
    let r = &imported.roadmap;
    assert!(skill(r, "Tokenization").description.as_deref().unwrap().starts_with("Splitting text"));
    assert_eq!(skill(r, "Attention").resources[0].kind, Some(trailmap::ResourceKind::Paper));
    assert_eq!(r.practices.len(), 1);
    nothing_lost(&imported);
}

#[test]
fn hundreds_of_checkboxes_keep_their_ticks() {
    let imported = fixture("checkboxes.md");
    let r = &imported.roadmap;
    let criteria: Vec<_> = r.milestones.iter().flat_map(|m| &m.criteria).collect();
    assert_eq!(criteria.len(), 300);
    assert_eq!(criteria.iter().filter(|c| c.done).count(), 100);
    assert_eq!(r.exclusions.len(), 2);
    nothing_lost(&imported);
}

#[test]
fn weeks_restarting_in_months_are_absolute() {
    let imported = fixture("month-week.md");
    let r = &imported.roadmap;
    let weeks: Vec<_> = r.phases.iter().flat_map(|p| p.phases.iter().map(span)).collect();
    assert_eq!(
        weeks,
        [
            Some((TimeUnit::Week, 1, 1)),
            Some((TimeUnit::Week, 2, 2)),
            Some((TimeUnit::Week, 5, 5)),
            Some((TimeUnit::Week, 6, 7))
        ]
    );
    // "2 Months" follows month 2.
    assert_eq!(span(&r.phases[2]), Some((TimeUnit::Month, 3, 4)));
    assert_eq!(skill(r, "Tuples").name, "Tuples");
    nothing_lost(&imported);
}

#[test]
fn hostile_shapes_are_bounded() {
    let deep: String = (0..3000).map(|i| format!("{}- item {i}\n", "  ".repeat(i))).collect();
    let imported = import(&deep);
    assert_eq!(imported.report.of(Element::ListItem).count(), 3000, "every nested item accounted for");
    let quotes = format!("{}deep\n", "> ".repeat(5000));
    import(&quotes);
    let many: String = (0..20_000).map(|i| format!("- Skill {i}, Other {i} and Third {i}\n")).collect();
    let imported = import(&format!("# Big\n\n## Week 1\n{many}"));
    assert_eq!(imported.roadmap.skills.len(), 60_000);
    let headings: String = (0..2000).map(|i| format!("{} Level {i}\n", "#".repeat(1 + i % 6))).collect();
    import(&headings);
    import("");
    import("- [ ]\n- **\n|a|\n|-|\n|b|\n");
    // A name and 50,000 links to its resources: its tail of links is found
    // from the end, link by link, not from every separator on.
    let links: String = (0..50_000).map(|i| format!(" — [r{i}](https://example.com/{i})")).collect();
    let imported = import(&format!("# R\n\n## Week 1\n- Name{links}\n"));
    assert_eq!(skill(&imported.roadmap, "Name").resources.len(), 50_000);
}

/// A README roadmap's links after a name are that skill's resources, words
/// for resources ("Course:") announce names, and the README's own sections
/// (contents, contributing, licence) are decoration.
#[test]
fn readme_links_are_resources_of_the_names_before_them() {
    let imported = fixture("readme-links.md");
    let r = &imported.roadmap;
    let titles = |s: &trailmap::Skill| s.resources.iter().map(|x| x.title.clone()).collect::<Vec<_>>();
    let python = skill(r, "Python basics");
    assert_eq!(titles(python), ["Automate the Boring Stuff"]);
    assert_eq!(python.topics, ["variables", "loops", "functions"]);
    let git = skill(r, "Git & GitHub");
    assert_eq!((titles(git), git.description.as_deref()), (vec!["Pro Git".to_owned()], None));
    let numpy = skill(r, "NumPy");
    assert_eq!((titles(numpy), numpy.topics.len()), (vec!["NumPy tutorial".to_owned(), "Video".to_owned()], 0));
    // The links of its line and of the lines below it; "DataFrames" details it.
    let pandas = skill(r, "Pandas");
    assert_eq!(
        titles(pandas),
        ["docs", "Kaggle course", "User guide", "10 minutes to pandas", "Python for Data Analysis"]
    );
    assert_eq!(pandas.resources[4].kind, Some(trailmap::ResourceKind::Book));
    assert_eq!(pandas.topics, ["DataFrames"]);
    assert_eq!(titles(skill(r, "Linear models")), ["ISLR chapter 3"]);
    assert_eq!(titles(skill(r, "Matplotlib")), ["Matplotlib", "cheatsheets"]);
    assert_eq!(titles(skill(r, "Kernels")), ["kernel trick explained"]);
    // "Course: X" names X; "Course: X or Course: Y" offers either.
    assert_eq!(titles(skill(r, "Statistics 110")), ["Statistics 110"]);
    let month1 = &r.phases[0];
    let statistics = &month1.phases[1];
    assert_eq!(
        statistics.extensions.get("x-any-of"),
        Some(&serde_json::json!([["intro-to-statistical-learning", "elements-of-statistical-learning"]]))
    );
    // A checklist's item keeps its whole text and gives its links a skill:
    // the one it names, or, with no name before them, the link's own.
    let checklist = &r.milestones[0];
    assert_eq!(checklist.criteria[0].text, "Gradient boosting — XGBoost docs");
    assert_eq!(titles(skill(r, "Gradient boosting")), ["XGBoost docs"]);
    assert_eq!(titles(skill(r, "Two Sum")), ["Two Sum"]);
    // A sentence to do stays one.
    assert!(month1.phases[0].tasks.iter().any(|t| t.text == "Read the Python tutorial"));
    for word in ["Course", "Docs", "Automate the Boring Stuff", "Pro Git", "CONTRIBUTING.md", "MIT"] {
        assert!(r.skills.iter().all(|s| s.name != word), "a skill named {word}");
    }
    // The README's own sections are no phases; a heading that merely
    // starts like one ("Support Vector Machines") is.
    let top: Vec<&str> = r.phases.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(top, ["Foundations", "Models"]);
    assert_eq!(r.phases[1].phases[0].title, "Support Vector Machines");
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genres/readme-links.md"))
            .unwrap();
    let line_of = |text: &str| source.lines().position(|l| l == text).unwrap() + 1;
    let contents = line_of("## Table of Contents");
    let asides = (contents..contents + 3).chain(line_of("## FAQ")..=source.lines().count());
    for line in asides.filter(|&l| !source.lines().nth(l - 1).unwrap().is_empty()) {
        let entries: Vec<_> = imported.report.entries.iter().filter(|e| e.line == line).collect();
        assert!(
            !entries.is_empty() && entries.iter().all(|e| e.outcome == Outcome::Decoration),
            "line {line}: {entries:?}"
        );
    }
    // An arrow after a bold name gives topics, as a dash does.
    assert_eq!(skill(r, "Backpropagation").topics, ["chain rule", "computational graphs"]);
    // "Resources:" announces the resources of the skill above, or, alone,
    // what its links name.
    let pytorch = skill(r, "PyTorch");
    assert_eq!(titles(pytorch), ["60-minute blitz", "Deep Learning with PyTorch (book)"]);
    assert_eq!(pytorch.resources[1].kind, Some(trailmap::ResourceKind::Book));
    assert_eq!(titles(skill(r, "Deep Learning book")), ["Deep Learning book"]);
    // Under "📚 **References**:", each item names what its link is, and
    // the rest of it describes that; a paragraph ends the list.
    let illustrated = skill(r, "The Illustrated Transformer");
    assert_eq!(illustrated.description.as_deref(), Some("by Jay Alammar: a visual explanation."));
    assert_eq!(illustrated.resources[0].kind, None, "a github.io site is no repository");
    assert_eq!(skill(r, "Attention Is All You Need").resources[0].kind, Some(trailmap::ResourceKind::Paper));
    assert!(skill(r, "Tokenizers").resources.is_empty());
    for word in ["Resources", "Further reading", "References"] {
        assert!(r.skills.iter().all(|s| s.name != word), "a skill named {word}");
    }
    nothing_lost(&imported);
    // Every other link is a resource.
    let resources: usize = r.skills.iter().flat_map(|s| &s.resources).filter(|x| x.url.is_some()).count();
    let placed = imported.report.of(Element::Link).filter(|e| matches!(e.outcome, Outcome::Placed { .. })).count();
    assert_eq!((resources, placed), (22, 22));
}

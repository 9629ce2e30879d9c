//! Shapes common in Markdown roadmaps published on GitHub: titles from
//! HTML headings and front matter, bold terms with explanations,
//! exclusions addressed to the reader in list items, collapsible sections.

use trailmap::{Roadmap, Skill};
use trailmap_import::{Imported, Options};

fn import(text: &str) -> Imported {
    let imported = trailmap_import::markdown::import(text, &Options::default()).unwrap();
    let loaded = Roadmap::from_json_str(&imported.to_json());
    assert!(loaded.is_valid(), "{:#?}", loaded.diagnostics);
    imported
}

fn skill<'a>(r: &'a Roadmap, name: &str) -> &'a Skill {
    r.skills
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no skill {name}: {:?}", r.skills.iter().map(|s| &s.name).collect::<Vec<_>>()))
}

/// The phase titles, depth first.
fn phase_titles(r: &Roadmap) -> Vec<String> {
    fn walk(phases: &[trailmap::Phase], out: &mut Vec<String>) {
        for p in phases {
            out.push(p.title.clone());
            walk(&p.phases, out);
        }
    }
    let mut out = Vec::new();
    walk(&r.phases, &mut out);
    out
}

#[test]
fn a_first_heading_labelled_as_a_phase_stays_a_phase() {
    let r = import("## Week 1: Python\n\n- Python\n\n## Week 2: ML\n\n- scikit-learn\n").roadmap;
    assert_eq!(phase_titles(&r), ["Python", "ML"]);
    assert_eq!(r.phases[0].skills, ["python"]);
    let r = import("# Phase 1: Foundations\n\n- Python\n\n# Phase 2: ML\n\n- scikit-learn\n").roadmap;
    assert_eq!(r.phases.len(), 2, "{:?}", phase_titles(&r));
    // A title that only mentions a length is still the title.
    let r = import("# Machine Learning Roadmap (12 Weeks)\n\n## Week 1: Python\n\n- Python\n").roadmap;
    assert_eq!(r.title, "Machine Learning Roadmap (12 Weeks)");
    assert_eq!(r.phases.len(), 1);
}

#[test]
fn an_html_h1_is_the_title() {
    let md = "<h1 align=\"center\">AI Roadmap</h1>\n<p align=\"center\"><img src=\"x.svg\"></p>\n\n## Step 1: Foundations\n\n- Python\n";
    let imported = import(md);
    let r = &imported.roadmap;
    assert_eq!(r.title, "AI Roadmap");
    assert_eq!(phase_titles(r), ["Foundations"]);
    assert_eq!(r.phases[0].skills, ["python"]);
    let title = imported.report.entries.iter().find(|e| e.line == 1).unwrap();
    assert!(matches!(&title.outcome, trailmap_import::Outcome::Placed { at } if at == &["/title"]));
}

#[test]
fn front_matter_gives_the_title_or_is_skipped() {
    let r = import("---\ntitle: My ML Roadmap\nauthor: me\n---\n\n## Week 1: Python\n\n- Python\n").roadmap;
    assert_eq!(r.title, "My ML Roadmap");
    assert_eq!(phase_titles(&r), ["Python"]);
    // Repeated by the first heading: still the title, not a phase.
    let r = import("---\ntitle: 'My ML Roadmap'\n---\n\n# My ML Roadmap\n\n## Basics\n\n- Python\n").roadmap;
    assert_eq!(r.title, "My ML Roadmap");
    assert_eq!(phase_titles(&r), ["Basics"]);
    // No title in it: skipped, the heading titles the roadmap.
    let imported = import("---\nauthor: me\n---\n\n# Roadmap\n\n## Basics\n\n- Python\n");
    assert_eq!(imported.roadmap.title, "Roadmap");
    assert!(!imported.to_json().contains("author"));
}

#[test]
fn a_term_and_its_explanation_are_one_described_skill() {
    let r = import("# R\n\n## Libraries\n\n- **NumPy**: array computing\n- Pandas: DataFrames\n").roadmap;
    let names: Vec<_> = r.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["NumPy", "Pandas"]);
    assert_eq!(skill(&r, "NumPy").description.as_deref(), Some("array computing"));
    assert_eq!(skill(&r, "Pandas").description.as_deref(), Some("DataFrames"));
    assert!(r.skills.iter().all(|s| s.area.is_none()));
    // Two names or more are still a group in that area.
    let r = import("# R\n\n## Core\n\n- **Programming**: Python, Java\n").roadmap;
    assert_eq!(skill(&r, "Java").area.as_deref(), Some("programming"));
}

#[test]
fn a_bold_name_before_a_dash_has_topics_as_without_the_bold() {
    let bold = import("# R\n\n## Core\n\n- **Python** — syntax, data types, OOP\n").roadmap;
    let plain = import("# R\n\n## Core\n\n- Python — syntax, data types, OOP\n").roadmap;
    assert_eq!(bold.skills.len(), 1, "{:?}", bold.skills);
    assert_eq!(skill(&bold, "Python").topics, ["syntax", "data types", "OOP"]);
    assert_eq!(bold.skills, plain.skills);
}

#[test]
fn exclusions_addressed_to_the_reader_in_list_items() {
    let md = "# R\n\n## Python\n\n- Python\n- You do NOT need metaclasses\n- Avoid TensorFlow 1.x\n- No need to learn Java\n- Don't bother with Perl\n- Avoid overfitting with dropout\n";
    let imported = import(md);
    let r = &imported.roadmap;
    let excluded: Vec<_> = r.exclusions.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(excluded, ["metaclasses", "TensorFlow 1.x", "Java", "Perl"]);
    let names: Vec<_> = r.skills.iter().map(|s| s.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("metaclasses") || n.contains("Java") || n.contains("Perl")), "{names:?}");
    // The paragraph form says the same.
    let paragraph = import("# R\n\n## Python\n\n- Python\n\nYou do NOT need metaclasses.\n").roadmap;
    assert_eq!(paragraph.exclusions[0].title, "metaclasses");
}

#[test]
fn optional_items_are_optional_skills() {
    let r = import("# R\n\n## Tools\n\n- Docker\n- Kubernetes is optional\n- Git (optional)\n").roadmap;
    assert!(!skill(&r, "Docker").optional);
    for name in ["Kubernetes", "Git"] {
        assert!(skill(&r, name).optional, "{name}");
        assert!(skill(&r, name).topics.is_empty(), "{name}");
    }
    assert_eq!(r.skills.len(), 3);
}

#[test]
fn course_tables_read_hours_and_weeks_in_their_usual_shapes() {
    let md = "# R\n\n## Courses\n\n| Course | Hours |\n|---|---|\n| CS50 | 100 |\n| Fast.ai | 70h |\n\n| Course | Duration | Week |\n|---|---|---|\n| SQL Basics | 20 hours | 1 |\n| Pandas | 4 weeks | 2-3 |\n| Docker | - | 2-3 |\n";
    let r = import(md).roadmap;
    assert_eq!(skill(&r, "CS50").effort_hours, Some(100.0));
    assert_eq!(skill(&r, "Fast.ai").effort_hours, Some(70.0));
    assert_eq!(skill(&r, "SQL Basics").effort_hours, Some(20.0));
    assert_eq!(skill(&r, "Pandas").effort_hours, None, "weeks are no hours");
    let courses = &r.phases[0];
    let weeks: Vec<_> = courses.phases.iter().map(|p| (p.title.as_str(), p.skills.clone())).collect();
    assert_eq!(weeks.len(), 2, "{weeks:?}");
    assert_eq!(weeks[0].1, ["sql-basics"]);
    assert_eq!(weeks[1].1, ["pandas", "docker"]);
    let span = courses.phases[1].span.as_ref().unwrap();
    assert_eq!((span.start, span.end()), (2, 3));
}

#[test]
fn navigation_badges_and_addresses_are_no_skills() {
    let md = "# R\n\n[![Stars](https://img.shields.io/github/stars/x/y)](https://github.com/x/y) ![License](https://img.shields.io/badge/license-MIT-blue)\n\n- [Month 1](#month-1)\n- [Month 2](#month-2)\n\n## Month 1\n\n- Python\n  - https://docs.python.org/3/\n- https://example.com/tutorial\n- SQL [bad](javascript:alert(1)) [d](data:text/html,hi)\n";
    let imported = import(md);
    let r = &imported.roadmap;
    let names: Vec<_> = r.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], "Python");
    assert!(!names.iter().any(|n| n.contains("Month") || n.contains("http") || n.contains('.')), "{names:?}");
    assert_eq!(skill(r, "Python").resources.len(), 1);
    assert_eq!(skill(r, "Python").resources[0].url.as_deref(), Some("https://docs.python.org/3/"));
    assert!(
        r.skills
            .iter()
            .flat_map(|s| &s.resources)
            .all(|res| res.url.as_deref().is_some_and(|u| u.starts_with("https://")))
    );
    let not_placed: Vec<_> = imported
        .report
        .entries
        .iter()
        .filter(|e| matches!(e.outcome, trailmap_import::Outcome::NotPlaced { .. }))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        not_placed,
        [
            "[https://example.com/tutorial](https://example.com/tutorial)",
            "[bad](javascript:alert(1))",
            "[d](data:text/html,hi)"
        ]
    );
}

#[test]
fn phase_ids_say_their_label_once_and_text_keeps_the_source_spacing() {
    let md = "# R\n\n## Month 1\n\n- **Tensors**: arrays on GPUs with **PyTorch**.\n\n## Week 2: Data\n\n- Pandas\n";
    let r = import(md).roadmap;
    let ids: Vec<_> = r.phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["month-1", "week-2-data"]);
    assert_eq!(skill(&r, "Tensors").description.as_deref(), Some("arrays on GPUs with PyTorch."));
}

/// A table's links go through the same check as a list's: a `javascript:`
/// or `data:` address is reported and never kept as a resource.
#[test]
fn a_table_cell_link_with_an_unsafe_scheme_is_not_kept() {
    let md = "# R\n\n## Courses\n\n| Course | Link |\n|---|---|\n| SQL | [bad](javascript:alert(1)) [good](https://sql.example/) |\n";
    let imported = import(md);
    let urls: Vec<_> =
        imported.roadmap.skills.iter().flat_map(|s| &s.resources).filter_map(|r| r.url.as_deref()).collect();
    assert_eq!(urls, ["https://sql.example/"]);
    assert!(
        imported.report.entries.iter().any(|e| e.text == "[bad](javascript:alert(1))"
            && matches!(e.outcome, trailmap_import::Outcome::NotPlaced { .. })),
        "{:?}",
        imported.report.entries
    );
}

/// A collapsible section's `<summary>` titles what it folds, as a heading
/// below the document's headings; "Click to expand" titles nothing.
#[test]
fn a_details_summary_titles_a_phase() {
    let md = "# NLP Roadmap\n\n## Foundations\n\n<details>\n<summary><b>Week 1: Text basics</b></summary>\n\n- Tokenization\n- Regular expressions\n\n</details>\n\n<details>\n<summary>Week 2: Embeddings</summary>\n\n- Word2Vec\n\n</details>\n\n<details><summary>Click to expand</summary>\n\nA note.\n\n</details>\n";
    let imported = import(md);
    let r = &imported.roadmap;
    assert_eq!(phase_titles(r), ["Foundations", "Text basics", "Embeddings"]);
    let weeks: Vec<(u32, usize)> =
        r.phases[0].phases.iter().map(|p| (p.span.as_ref().unwrap().start, p.skills.len())).collect();
    assert_eq!(weeks, [(1, 2), (2, 1)]);
    skill(r, "Word2Vec");
    assert!(
        imported
            .report
            .entries
            .iter()
            .any(|e| e.text.contains("Click to expand") && e.outcome == trailmap_import::Outcome::Decoration)
    );
}

/// Lines bulleted by a glyph rather than a list marker ("✅ Python basics",
/// "👉 Model evaluation", "• Feature engineering") are list items; a
/// single such line, or prose with an arrow inside it, stays a paragraph.
#[test]
fn lines_bulleted_by_glyphs_are_items() {
    let md = "# 90-Day AI Roadmap\n\n## Month 1\n✅ Python basics\n✅ Git & GitHub\n✅ Linux command line\n\n## Month 2\n👉 Supervised learning (regression, classification)\n👉️ Model evaluation\n• Feature engineering\n\n✅ One line alone.\n\nKeep going → you've got this!\n";
    let imported = import(md);
    let r = &imported.roadmap;
    let skills = |p: &trailmap::Phase| p.skills.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>();
    assert_eq!(skills(&r.phases[0]), ["python-basics", "git-and-github", "linux-command-line"]);
    assert_eq!(skills(&r.phases[1]), ["supervised-learning", "model-evaluation", "feature-engineering"]);
    assert_eq!(skill(r, "Supervised learning").topics, ["regression", "classification"]);
    assert_eq!(r.phases[1].description.as_deref(), Some("✅ One line alone.\n\nKeep going → you've got this!"));
    let items: Vec<usize> = imported.report.of(trailmap_import::Element::ListItem).map(|e| e.line).collect();
    assert_eq!(items, [4, 5, 6, 9, 10, 11]);
}

/// A table's topic cell gives topics in parentheses, as a list item does.
#[test]
fn a_table_cell_gives_topics_in_parentheses() {
    let md = "# CV\n\n## Month 2: Detection\n\n| Topic | Resource | Time |\n|---|---|---|\n| YOLO | [Ultralytics docs](https://docs.ultralytics.com) | 2 weeks |\n| Segmentation (U-Net, Mask R-CNN) | [Paper](https://arxiv.org/abs/1505.04597) | 2 weeks |\n";
    let r = import(md).roadmap;
    let segmentation = skill(&r, "Segmentation");
    assert_eq!(segmentation.topics, ["U-Net", "Mask R-CNN"]);
    assert_eq!(segmentation.resources[0].kind, Some(trailmap::ResourceKind::Paper));
    assert_eq!(r.phases[0].skills, ["yolo", "segmentation"]);
}

/// Lines about the roadmap itself ("**Duration:** 6 months", "**Level:**
/// Beginner → Intermediate") are its summary, not skills; an exclusion's
/// subject ends with its sentence ("Don't learn Hadoop. It's legacy.").
#[test]
fn lines_about_the_roadmap_are_no_skills() {
    let md = "# Data Engineer Roadmap\n\n**Duration:** 6 months\n**Level:** Beginner → Intermediate\n\n## Month 1\n\n- SQL\n\n> 💡 **Pro tip:** Don't learn Hadoop. It's legacy.\n";
    let r = import(md).roadmap;
    assert_eq!(r.summary.as_deref(), Some("Duration: 6 months\n\nLevel: Beginner → Intermediate"));
    assert_eq!(r.skills.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["SQL"]);
    assert_eq!(r.exclusions[0].title, "Hadoop");
}

/// A line all in bold over text in the same paragraph ("**Day 1:
/// Tokenizers**" then "Read …") titles a phase as a paragraph of its own.
#[test]
fn a_bold_line_over_text_titles_a_phase() {
    let md = "# 30 Days of LLMs\n\n**Day 1: Tokenizers**\nRead the tokenizers chapter. Train a BPE tokenizer.\n\n**Day 3-4: Attention**\nImplement attention in NumPy.\n\n**Note**\nsome text\n";
    let r = import(md).roadmap;
    let phases: Vec<(&str, Option<&str>)> =
        r.phases.iter().map(|p| (p.title.as_str(), p.description.as_deref())).collect();
    assert_eq!(
        phases,
        [
            ("Tokenizers", Some("Read the tokenizers chapter. Train a BPE tokenizer.")),
            ("Attention", Some("Implement attention in NumPy.\n\nsome text")),
        ]
    );
    assert_eq!(r.phases[1].span.as_ref().map(|s| (s.start, s.end())), Some((3, 4)));
}

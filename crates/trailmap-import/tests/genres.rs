//! Markdown roadmaps of other genres than the seeds: course tables, day
//! logs, "Term: text" bullets, hundreds of checkboxes, month/week plans,
//! READMEs full of links, phases titled by bold paragraphs, outlines of
//! headings; and hostile shapes (deep nesting, huge lists).

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
    // 20,000 empty headings under one, each a skill of it; 20,000 bold
    // paragraphs, each a phase.
    let leaves: String = (0..20_000).map(|i| format!("### Topic {i}\n")).collect();
    let imported = import(&format!("# T\n\n## Part\n{leaves}"));
    assert_eq!((imported.roadmap.skills.len(), imported.roadmap.phases[0].skills.len()), (20_000, 20_000));
    let bold: String = (0..20_000).map(|i| format!("**Phase {}: Topic {i}**\n\n", i % 999 + 1)).collect();
    assert_eq!(import(&format!("# T\n\n{bold}")).roadmap.phases.len(), 20_000);
    // One paragraph of 250,000 labelled lines is 250,000 paragraphs: over the limit.
    let fields: String = (0..250_000).map(|i| format!("**T{i}:** v\n")).collect();
    let refused = trailmap_import::markdown::import(&fields, &Options::default()).err().unwrap_or_default();
    assert!(refused.starts_with("line 200001: more than 200000 elements"), "{refused}");
    // So is one HTML block of 250,000 summaries, each a heading.
    let summaries = format!("<details>\n{}</details>\n", "<summary>Week 1: T</summary>\n".repeat(250_000));
    let refused = trailmap_import::markdown::import(&summaries, &Options::default()).err().unwrap_or_default();
    assert!(refused.contains("more than 200000 elements"), "{refused}");
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

fn titles<T>(list: &[T], title: impl Fn(&T) -> &str) -> Vec<&str> {
    list.iter().map(title).collect()
}

/// Phases titled by paragraphs rather than headings: all in bold and
/// stating a span or a kind, or led by a span label; projects, milestones
/// and exclusions said in paragraphs as list items say them.
#[test]
fn bold_paragraphs_title_phases() {
    let imported = fixture("bold-phases.md");
    let r = &imported.roadmap;
    let phases: Vec<_> = r.phases.iter().map(|p| (p.title.as_str(), span(p))).collect();
    assert_eq!(
        phases,
        [
            ("Foundations", Some((TimeUnit::Week, 1, 4))),
            ("Classical ML", Some((TimeUnit::Week, 5, 10))),
            ("Deep Learning", Some((TimeUnit::Week, 11, 18))),
            ("Docker, FastAPI", Some((TimeUnit::Week, 19, 19))),
            ("Week 20", Some((TimeUnit::Week, 20, 20))),
            ("Month 6", Some((TimeUnit::Month, 6, 6))),
            ("Capstone", None),
        ]
    );
    let ids = |p: &Phase| p.skills.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&r.phases[0]), ["python", "git", "github", "statistics-and-probability"]);
    assert_eq!(ids(&r.phases[1]), ["supervised-learning", "model-evaluation", "scikit-learn"]);
    assert_eq!(ids(&r.phases[2]), ["pytorch", "transformers-and-attention"]);
    // "Week 19: Docker, FastAPI" names its skills; a sentence after the label is a task.
    assert_eq!(ids(&r.phases[3]), ["docker", "fastapi"]);
    assert!(r.phases[4].tasks[0].text.starts_with("serve the model behind an API"));
    assert_eq!(ids(&r.phases[5]), ["kubernetes"]);
    // Paragraphs that say something else stay what they were.
    assert!(r.phases.iter().all(|p| !p.title.contains("hardest") && !p.title.contains("a day")));
    let project = &r.projects[0];
    assert_eq!(
        (project.title.as_str(), project.phase.as_deref()),
        ("Predict house prices on the Kaggle dataset and write it up", Some(r.phases[1].id.as_str()))
    );
    assert_eq!(
        titles(&r.projects, |p| p.title.as_str()),
        ["Predict house prices on the Kaggle dataset and write it up", "Capstone"]
    );
    let milestone = &r.milestones[0];
    assert_eq!(
        (milestone.kind, milestone.criteria[0].text.as_str()),
        (Some(trailmap::MilestoneKind::Outcome), "a notebook that beats the baseline.")
    );
    assert_eq!(titles(&r.exclusions, |e| e.title.as_str()), ["CUDA programming"]);
    assert_eq!(
        r.summary.as_deref(),
        Some("A practical path from zero to your first ML job. Budget about 10 hours a week.")
    );
    nothing_lost(&imported);
}

/// An outline of headings: "### Skills" and "### Projects" label their
/// level's lists, "### 📚 Resources" its links, and headings with nothing
/// under them name skills of their parent ("### 3.2 CNNs").
#[test]
fn outline_headings_label_lists_and_name_skills() {
    let imported = fixture("outline.md");
    let r = &imported.roadmap;
    let (beginner, intermediate) = (&r.phases[0], &r.phases[1]);
    assert_eq!(
        (beginner.title.as_str(), beginner.phases.len()),
        ("Beginner", 0),
        "no phase \"Skills\" or \"Projects\""
    );
    assert_eq!(beginner.skills, ["python", "sql"]);
    let projects: Vec<(&str, Option<&str>)> =
        r.projects.iter().map(|p| (p.title.as_str(), p.phase.as_deref())).collect();
    assert_eq!(
        projects,
        [("Titanic survival prediction", Some("beginner")), ("A movie recommender", Some("beginner"))]
    );
    assert_eq!((intermediate.skills.len(), intermediate.phases.len()), (3, 0));
    // "Kubernetes docs" is a resource of Kubernetes, as is "Official MLflow
    // crash course" of MLflow; a link naming no known skill names one.
    let resource_titles = |name: &str| titles(&skill(r, name).resources, |x| x.title.as_str());
    assert_eq!(resource_titles("Kubernetes"), ["Kubernetes docs"]);
    assert_eq!(resource_titles("MLflow"), ["Official MLflow crash course"]);
    assert_eq!(resource_titles("Designing Data-Intensive Applications"), ["Designing Data-Intensive Applications"]);
    let deep = &r.phases[2];
    assert_eq!(deep.skills, ["neural-networks", "cnns", "rnns-and-lstms"]);
    assert_eq!(skill(r, "RNNs & LSTMs").topics, ["sequence models"]);
    // A heading of the document ("Notes") and one stating a span stay phases.
    assert_eq!(titles(&deep.phases, |p| p.title.as_str()), ["Notes"]);
    let math = &r.phases[3];
    assert_eq!(titles(&math.phases, |p| p.title.as_str()), ["4.1 Linear Algebra", "4.2 Week 3"]);
    assert_eq!(math.phases[0].skills, ["vectors", "matrices"]);
    for name in ["Skills", "Projects", "Resources", "Kubernetes docs", "Notes", "Week 3"] {
        assert!(r.skills.iter().all(|s| s.name != name), "a skill named {name}");
    }
    // Every heading is reported where it went.
    assert!(imported.report.of(Element::Heading).all(|e| matches!(e.outcome, Outcome::Placed { .. })));
    nothing_lost(&imported);
}

/// A blog post's steps: "Learn Python" teaches Python (its resources are
/// Python's), "**Learn SQL** — joins" is SQL with its topics, and a list
/// announced by "Projects:" or "Then build projects:" is of projects.
#[test]
fn steps_learn_subjects_and_announce_projects() {
    let imported = fixture("steps.md");
    let r = &imported.roadmap;
    let python = skill(r, "Python");
    assert!(r.phases[0].skills.iter().any(|s| s == "python"));
    assert_eq!(titles(&python.resources, |x| x.title.as_str()), ["Python Crash Course"]);
    assert_eq!(skill(r, "SQL").topics, ["joins", "window functions"]);
    assert_eq!(skill(r, "machine learning").topics, ["supervised learning", "evaluation"]);
    // "Learn the math" is a group: its names are skills.
    for name in ["linear algebra", "calculus", "probability"] {
        skill(r, name);
    }
    let projects: Vec<(&str, Option<&str>)> =
        r.projects.iter().map(|p| (p.title.as_str(), p.phase.as_deref())).collect();
    let (step3, step4) = (r.phases[2].id.as_str(), r.phases[3].id.as_str());
    assert_eq!(
        projects,
        [
            ("Predict house prices", Some(step3)),
            ("Classify spam emails", Some(step3)),
            ("Fine-tune BERT on movie reviews", Some(step4)),
            ("A CNN for CIFAR-10", Some(step4)),
        ]
    );
    for name in [
        "Learn Python",
        "Learn SQL",
        "Predict house prices",
        "Python Crash Course",
        "Fine-tune a small model on your own data",
    ] {
        assert!(r.skills.iter().all(|s| s.name != name), "a skill named {name}");
    }
    assert_eq!(r.practices[0].activity, "Fine-tune a small model on your own data");
    nothing_lost(&imported);
}

/// Lines of one paragraph each opening with a label ("**Topics:** …",
/// "**Project:** …") are read one by one, as if blank lines were between
/// them; a label alone ("Project Requirement:") still announces the lines
/// after it.
#[test]
fn labelled_lines_are_fields_of_their_phase() {
    let imported = fixture("fields.md");
    let r = &imported.roadmap;
    let week1 = &r.phases[0];
    assert_eq!(week1.skills[..4], ["variables", "control-flow", "functions", "oop"]);
    assert_eq!(week1.description.as_deref(), Some("Time: ~10 hours/week"));
    let projects: Vec<(&str, Option<&str>)> =
        r.projects.iter().map(|p| (p.title.as_str(), p.phase.as_deref())).collect();
    assert_eq!(
        projects,
        [
            ("Build a CLI expense tracker", Some(week1.id.as_str())),
            ("Analyse a Kaggle dataset and publish a notebook", Some(r.phases[1].id.as_str())),
        ]
    );
    assert_eq!(r.phases[1].skills, ["numpy", "pandas", "data-cleaning"]);
    assert_eq!(r.phases[1].goal.as_deref(), Some("be comfortable with DataFrames"));
    // "**Resources:** [Pandas docs](…)" is a resource of Pandas, described by nothing.
    let pandas = skill(r, "Pandas");
    assert_eq!(
        (titles(&pandas.resources, |x| x.title.as_str()), pandas.description.as_deref()),
        (vec!["Pandas docs"], None)
    );
    let islr = skill(r, "ISLR");
    assert_eq!((islr.resources[0].kind, islr.description.as_deref()), (Some(trailmap::ResourceKind::Book), None));
    assert_eq!(r.milestones[0].criteria[0].text, "you can train and evaluate a model end to end.");
    for line in [4, 5, 6, 7, 10, 11, 12, 13] {
        assert!(
            imported.report.entries.iter().any(|e| e.line == line && e.element == Element::Paragraph),
            "line {line} is a paragraph of its own"
        );
    }
    assert!(r.skills.iter().all(|s| !s.name.contains("hours")), "no skill from \"Time:\"");
    nothing_lost(&imported);
}

/// An awesome list: "[MLflow](…) - Open source platform …" is a skill
/// named after its link, described by the sentence after it, the link its
/// resource; badges and the list's contents are decoration.
#[test]
fn awesome_list_links_are_described_skills() {
    let imported = fixture("awesome.md");
    let r = &imported.roadmap;
    let described: Vec<(&str, Option<&str>, usize)> =
        r.skills.iter().map(|s| (s.name.as_str(), s.description.as_deref(), s.resources.len())).collect();
    assert_eq!(
        described,
        [
            ("MLflow", Some("Open source platform for the ML lifecycle."), 1),
            ("Weights & Biases", Some("Experiment tracking and visualisation."), 1),
            ("BentoML", Some("Build production-grade AI apps. Requires Docker."), 1),
            ("Seldon Core", Some("Deploy models on Kubernetes."), 1),
        ]
    );
    assert_eq!(titles(&r.phases, |p| p.title.as_str()), ["Experiment tracking", "Serving"]);
    assert!(r.phases.iter().all(|p| p.tasks.is_empty()), "no sentence is a task");
    assert_eq!(r.title, "Awesome MLOps Learning Path");
    nothing_lost(&imported);
}

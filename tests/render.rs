//! `trailmap render` end to end: golden output of the three formats on a
//! small fixture, structural checks of the Mermaid and DOT of every bundled
//! roadmap, a document that drops nothing, and hostile names that must break
//! no format.

mod util;

use std::collections::HashSet;

use trailmap::escape;
use util::{root, run, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";
const HOSTILE: &str = "tests/fixtures/render/hostile.json";

fn render(path: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["render", path, "--format", format];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{path} {format}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{path} {format}: {}", String::from_utf8_lossy(&out.stderr));
    stdout(&out)
}

/// Replaces each quoted string of `line` by `S`, returning the skeleton
/// and the strings. With `backslash_escapes` (DOT), `\"` does not end a
/// string; Mermaid has no escapes. An unterminated string is an error.
fn skeleton(line: &str, backslash_escapes: bool) -> Result<(String, Vec<String>), String> {
    let (mut shape, mut strings) = (String::new(), Vec::new());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            shape.push(c);
            continue;
        }
        let mut text = String::new();
        loop {
            match chars.next() {
                None => return Err(format!("unterminated string: {line}")),
                Some('"') => break,
                Some('\\') if backslash_escapes => {
                    text.push('\\');
                    text.push(chars.next().ok_or_else(|| format!("dangling escape: {line}"))?);
                }
                Some(c) => text.push(c),
            }
        }
        shape.push('S');
        strings.push(text);
    }
    Ok((shape, strings))
}

fn numbered(word: &str, prefix: char) -> bool {
    word.strip_prefix(prefix).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The checks a Mermaid flowchart must pass to be drawn as meant: every
/// line is one of the statements the renderer writes, with every label a
/// single quoted string (so no raw `"` inside it), brackets balanced per
/// line, every `subgraph` closed by `end`, every edge endpoint a declared
/// node, and nothing that would close a Markdown fence or start a directive.
/// Returns the number of skill nodes, junctions and edges.
fn check_mermaid(text: &str) -> (usize, usize, usize) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    assert!(!text.contains('`') && !text.contains("%%") && !text.contains('<'), "{text}");
    let (mut depth, mut nodes, mut edges) = (0usize, HashSet::new(), Vec::new());
    let mut junctions = 0;
    for line in lines {
        let (shape, labels) = skeleton(line, false).unwrap_or_else(|e| panic!("{e}"));
        for label in &labels {
            assert!(!label.contains(['[', ']', '(', ')', '{', '}', '|', '\\']), "raw bracket in label: {line}");
        }
        let mut stack = Vec::new();
        for c in shape.chars() {
            match c {
                '[' | '(' | '{' => stack.push(c),
                ']' => assert_eq!(stack.pop(), Some('['), "unbalanced: {line}"),
                ')' => assert_eq!(stack.pop(), Some('('), "unbalanced: {line}"),
                '}' => assert_eq!(stack.pop(), Some('{'), "unbalanced: {line}"),
                _ => {}
            }
        }
        assert!(stack.is_empty(), "unbalanced: {line}");
        let words: Vec<&str> = shape.split_whitespace().collect();
        match words.as_slice() {
            ["classDef", "optional", "stroke-dasharray:", "5", "5"] => {}
            ["subgraph", group] if group.strip_suffix("[S]").is_some_and(|g| numbered(g, 'g')) => depth += 1,
            ["end"] => depth = depth.checked_sub(1).unwrap_or_else(|| panic!("`end` without `subgraph`")),
            [junction] if junction.strip_suffix("((S))").is_some_and(|j| numbered(j, 'j')) => {
                assert!(matches!(labels[..], [ref l] if l == "or" || l == " "), "{line}");
                assert!(nodes.insert(junction.trim_end_matches("((S))").to_owned()), "node declared twice: {line}");
                junctions += 1;
            }
            [node] => {
                let id = node.strip_suffix(":::optional").unwrap_or(node).strip_suffix("[S]");
                let id = id.filter(|id| numbered(id, 'n')).unwrap_or_else(|| panic!("not a node: {line}"));
                assert_eq!(labels.len(), 1, "{line}");
                assert!(nodes.insert(id.to_owned()), "node declared twice: {line}");
            }
            [from, "-->", to] if (numbered(from, 'n') || numbered(from, 'j')) && numbered(to, 'n') => {
                edges.push((from.to_string(), to.to_string()));
            }
            [from, "-.-", to] if numbered(from, 'n') && numbered(to, 'j') => {
                edges.push((from.to_string(), to.to_string()));
            }
            _ => panic!("unexpected Mermaid line: {line}"),
        }
    }
    assert_eq!(depth, 0, "a subgraph is not closed");
    for (from, to) in &edges {
        assert!(nodes.contains(from) && nodes.contains(to), "edge {from} --> {to} names an undeclared node");
    }
    (nodes.len() - junctions, junctions, edges.len())
}

/// The same for DOT: every line one of the renderer's statements once its
/// quoted strings are set aside, braces balanced, edges between declared
/// nodes. Returns the number of skill nodes, junctions and visible edges.
fn check_dot(text: &str) -> (usize, usize, usize) {
    let (mut depth, mut nodes, mut edges) = (0i32, HashSet::new(), Vec::new());
    let (mut junctions, mut anchors) = (0, 0);
    for (i, line) in text.lines().enumerate() {
        let (shape, strings) = skeleton(line, true).unwrap_or_else(|e| panic!("{e}"));
        match shape.trim() {
            "digraph S {" if i == 0 => depth += 1,
            "subgraph S {" => {
                assert!(strings[0].starts_with("cluster_"), "{line}");
                depth += 1;
            }
            "}" => depth -= 1,
            "graph [label=S, labelloc=t, rankdir=LR];"
            | "node [shape=box, style=rounded];"
            | "label=S;"
            | "style=rounded;" => {}
            "S [label=S];" | "S [label=S, style=S];" => {
                assert!(nodes.insert(strings[0].clone()), "node declared twice: {line}");
            }
            "S [label=S, shape=circle, style=dashed, width=0.3, fixedsize=true, fontsize=10];" => {
                assert!(nodes.insert(strings[0].clone()), "node declared twice: {line}");
                junctions += 1;
            }
            "S [shape=point, style=invis];" => {
                assert!(nodes.insert(strings[0].clone()), "node declared twice: {line}");
                anchors += 1;
            }
            "S -> S;" | "S -> S [style=dashed, arrowhead=none];" => {
                edges.push((strings[0].clone(), strings[1].clone()));
            }
            "S -> S [style=invis];" => {
                assert!(nodes.contains(&strings[0]) || nodes.contains(&strings[1]), "{line}");
            }
            _ => panic!("unexpected DOT line {}: {line}", i + 1),
        }
        assert!(depth >= 0, "unbalanced braces at line {}", i + 1);
    }
    assert_eq!(depth, 0, "unbalanced braces");
    for (from, to) in &edges {
        assert!(nodes.contains(from) && nodes.contains(to), "edge {from} -> {to} names an undeclared node");
    }
    (nodes.len() - junctions - anchors, junctions, edges.len())
}

/// What the diagrams of `roadmap` must hold, computed from the file:
/// skills, `any_of` groups drawn as junctions (two or more existing
/// members, none of them required anyway), and edges (one per plain pair,
/// one per group member, one from each junction).
fn expected_graph(roadmap: &trailmap::Roadmap) -> (usize, usize, usize) {
    let ids: HashSet<&str> = roadmap.skills.iter().map(|s| s.id.as_str()).collect();
    let (mut junctions, mut edges) = (0, 0);
    for skill in &roadmap.skills {
        let mut plain: Vec<&str> = Vec::new();
        let mut groups: Vec<Vec<&str>> = Vec::new();
        for p in &skill.prerequisites {
            let mut members: Vec<&str> = p.skill_ids().filter(|id| ids.contains(id)).collect();
            members.sort_unstable();
            members.dedup();
            match p {
                trailmap::Prerequisite::Skill(_) => plain.extend(members),
                trailmap::Prerequisite::AnyOf(_) => groups.push(members),
            }
        }
        let required: Vec<&str> = plain.clone();
        for group in groups {
            if group.iter().any(|m| required.contains(m)) {
                continue;
            }
            match group.len() {
                0 => {}
                1 => plain.push(group[0]),
                n => {
                    junctions += 1;
                    edges += n + 1;
                }
            }
        }
        plain.sort_unstable();
        plain.dedup();
        edges += plain.len();
    }
    (roadmap.skills.len(), junctions, edges)
}

#[test]
fn golden_markdown_mermaid_and_dot_of_the_small_fixture() {
    insta::assert_snapshot!("small.md", render(SMALL, "markdown", &[]));
    insta::assert_snapshot!("small.mmd", render(SMALL, "mermaid", &[]));
    insta::assert_snapshot!("small.dot", render(SMALL, "dot", &[]));
    insta::assert_snapshot!("small-no-group.mmd", render(SMALL, "mermaid", &["--no-group"]));
    // Markdown is the default format.
    assert_eq!(stdout(&run(&["render", SMALL])), render(SMALL, "markdown", &[]));
}

#[test]
fn every_bundled_roadmap_draws_a_well_formed_graph() {
    for path in util::bundled_roadmaps() {
        let roadmap = trailmap::Roadmap::from_path(root().join(&path)).unwrap().roadmap.unwrap();
        let expected = expected_graph(&roadmap);
        for extra in [&[][..], &["--no-group"][..]] {
            let chart = render(&path, "mermaid", extra);
            assert_eq!(check_mermaid(&chart), expected, "{path} {extra:?}");
            assert_eq!(chart.contains("subgraph"), extra.is_empty(), "{path} {extra:?}");
            assert_eq!(check_dot(&render(&path, "dot", extra)), expected, "{path}");
        }
    }
}

/// A person reading the document finds everything the file says, in the
/// file's order for phases.
#[test]
fn the_document_of_every_bundled_roadmap_drops_nothing() {
    for path in util::bundled_roadmaps() {
        let doc = render(&path, "markdown", &[]);
        let roadmap = trailmap::Roadmap::from_path(root().join(&path)).unwrap().roadmap.unwrap();
        let md = |text: &str| escape::markdown(text.trim());
        let mut expected: Vec<String> = vec![md(&roadmap.title)];
        expected.extend(roadmap.summary.iter().map(|s| md(s)));
        expected.extend(roadmap.principles.iter().map(|p| md(p)));
        expected.extend(roadmap.skills.iter().map(|s| md(&s.name)));
        for skill in &roadmap.skills {
            expected.extend(skill.description.iter().chain(&skill.note).map(|d| md(d)));
            expected.extend(skill.resources.iter().map(|r| md(&r.title)));
        }
        expected.extend(roadmap.projects.iter().map(|p| md(&p.title)));
        expected.extend(roadmap.projects.iter().flat_map(|p| p.deliverables.iter().map(|d| md(d))));
        expected.extend(roadmap.practices.iter().map(|p| md(&p.activity)));
        expected.extend(roadmap.milestones.iter().map(|m| md(&m.title)));
        expected.extend(roadmap.milestones.iter().flat_map(|m| m.criteria.iter().map(|c| md(&c.text))));
        expected.extend(roadmap.exclusions.iter().map(|e| md(&e.title)));
        expected.extend(roadmap.areas.iter().map(|a| md(&a.name)));
        let mut phase_order = Vec::new();
        trailmap::graph::walk_phases(&roadmap.phases, &mut |phase| {
            phase_order.push(md(&phase.title));
            expected.extend(phase.goal.iter().map(|g| md(g)));
            expected.extend(phase.tasks.iter().map(|t| md(&t.text)));
            expected.extend(phase.tasks.iter().flat_map(|t| t.deliverables.iter().map(|d| md(d))));
            expected.extend(phase.topics.iter().map(|t| md(t)));
        });
        for text in &expected {
            assert!(doc.contains(text.as_str()), "{path}: the document does not show {text:?}");
        }
        let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("##")).collect();
        let mut at = 0;
        for title in &phase_order {
            let found = headings[at..].iter().position(|h| h.contains(title.as_str()));
            at += found.unwrap_or_else(|| panic!("{path}: phase {title:?} is missing or out of order"));
        }
        assert!(doc.lines().any(|l| l == "## Skills"), "{path}: no skills reference");
    }
}

/// Unescaped `|` in a Markdown line: one not preceded by an odd number of
/// backslashes.
fn cell_separators(line: &str) -> usize {
    let mut backslashes = 0;
    let mut count = 0;
    for c in line.chars() {
        if c == '|' && backslashes % 2 == 0 {
            count += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    count
}

fn hostile_roadmap() -> trailmap::Roadmap {
    trailmap::Roadmap::from_path(root().join(HOSTILE)).unwrap().roadmap.unwrap()
}

#[test]
fn hostile_names_break_no_format() {
    let doc = render(HOSTILE, "markdown", &[]);
    insta::assert_snapshot!("hostile.md", doc);
    assert!(!doc.contains('<'), "no HTML can reach the page:\n{doc}");
    // Exactly the renderer's own headings: the title, Principles, three
    // phases, the Tasks of a phase with a nested one, a project, Practices,
    // a milestone, exclusions, Areas and Skills.
    let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 12, "{headings:#?}");
    for line in doc.lines() {
        let first = line.chars().next();
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let ordered = digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')'));
        assert!(
            !matches!(first, Some('`' | '~' | '>' | '<' | '+' | '=' | '\t')) && !line.starts_with("    ") && !ordered,
            "a name started a block: {line:?}"
        );
        // The renderer's own lists use `- `; a `*` bullet or a `-` rule would be a name's.
        assert!(!line.starts_with("* ") && !line.starts_with("***"), "{line:?}");
        assert!(!line.starts_with('-') || line.starts_with("- "), "{line:?}");
    }
    let tables: Vec<&str> = doc.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(tables.len(), 3, "the areas table has one row");
    for row in &tables {
        assert_eq!(cell_separators(row), 4, "areas row with three cells: {row}");
    }
    // The skills reference is a list, one item per skill.
    let reference = doc.split("\n## Skills\n").nth(1).expect("a skills reference");
    assert_eq!(reference.lines().filter(|l| l.starts_with("- **")).count(), 8, "{reference}");
    assert!(doc.contains("- [ ] \\[x\\] fake tick - \\[ \\] fake item\n"), "one criterion, one box");

    let chart = render(HOSTILE, "mermaid", &[]);
    insta::assert_snapshot!("hostile.mmd", chart);
    assert_eq!(check_mermaid(&chart), expected_graph(&hostile_roadmap()));
    assert!(chart.contains("n1[\"#lt;script#gt;alert#40;1#41;#lt;/script#gt;\"]"), "{chart}");

    let dot = render(HOSTILE, "dot", &[]);
    insta::assert_snapshot!("hostile.dot", dot);
    assert_eq!(check_dot(&dot), expected_graph(&hostile_roadmap()));
    assert!(dot.contains("\"newline\" [label=\"line one\\nline two\\n## two\"];"), "{dot}");
}

#[test]
fn invalid_roadmaps_are_reported_not_rendered_and_io_errors_exit_2() {
    let out = run(&["render", "tests/fixtures/invalid/four-problems.json", "--format", "mermaid"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing is rendered");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[TM007]") && stderr.contains("is not a valid roadmap"), "{stderr}");

    for args in [
        &["render", "tests/fixtures/no-such-file.json"][..],
        &["render", "roadmaps"][..],
        &["render", SMALL, "--format", "png"][..],
        &["render"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// The README shows the real output of the command it names, so the
/// picture on the project page stays true as the roadmap changes.
#[test]
fn the_readme_picture_is_the_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("\n## Rendering\n").nth(1).expect("README has a Rendering section");
    let block = section.split("```mermaid\n").nth(1).and_then(|b| b.split("```\n").next()).expect("a mermaid block");
    let actual = render("roadmaps/ml-engineer-onboarding-12-weeks.json", "mermaid", &[]);
    assert!(
        block == actual,
        "README.md's Mermaid picture is stale: replace it with the output of\n  \
         trailmap render roadmaps/ml-engineer-onboarding-12-weeks.json --format mermaid\n{actual}"
    );
    check_mermaid(block);
}

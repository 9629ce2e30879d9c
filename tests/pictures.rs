//! `trailmap render --format svg`: every bundled roadmap and the hostile
//! fixture draw a well-formed SVG (checked by an XML parser) in which every
//! skill's name is the text of one skill box, optional skills and `any_of`
//! groups are marked, and phases are boxes in time order.

mod util;

use util::{golden, root, run, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";
const HOSTILE: &str = "tests/fixtures/render/hostile.json";

fn render(path: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["render", path, "--format", format];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{path} {format}: {}", String::from_utf8_lossy(&out.stderr));
    stdout(&out)
}

fn bundled() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(root().join("roadmaps"))
        .unwrap()
        .map(|e| format!("roadmaps/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{paths:?}");
    paths
}

/// Words of `text` joined by single spaces, control characters as spaces:
/// how a wrapped label reads.
fn words(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The text of an element, its `<tspan>` lines joined by spaces.
fn text_of(node: roxmltree::Node) -> String {
    let lines: Vec<&str> = node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    lines.join(" ")
}

fn class_has(node: roxmltree::Node, class: &str) -> bool {
    node.attribute("class").is_some_and(|c| c.split(' ').any(|c| c == class))
}

/// Parses `svg` and checks it against `roadmap`: one skill group per skill
/// with its id and its name as text, the optional ones marked, one junction
/// per drawn `any_of` group, and the phase boxes' titles in time order.
fn check_svg(path: &str, svg: &str, grouped: bool) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{path}: not well-formed XML: {e}"));
    let roadmap = trailmap::Roadmap::from_path(root().join(path)).unwrap().roadmap.unwrap();
    let root_el = doc.root_element();
    assert_eq!(root_el.tag_name().name(), "svg");
    assert_eq!(root_el.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let title = root_el.children().find(|n| n.has_tag_name("title")).expect("a title");
    assert_eq!(title.text(), Some(roadmap.title.as_str()), "{path}");
    let skills: Vec<roxmltree::Node> = doc.descendants().filter(|n| class_has(*n, "skill")).collect();
    assert_eq!(skills.len(), roadmap.skills.len(), "{path}: one box per skill");
    for (node, skill) in
        skills.iter().map(|n| (n, n.attribute("data-skill-id").expect("data-skill-id"))).map(|(n, id)| {
            (n, roadmap.skills.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("{path}: unknown id {id}")))
        })
    {
        let text = node.children().find(|n| n.has_tag_name("text")).expect("a label");
        assert_eq!(text_of(text), words(&skill.name), "{path}: label of {}", skill.id);
        assert_eq!(class_has(*node, "optional"), skill.optional, "{path}: {} optional", skill.id);
    }
    let junctions = doc.descendants().filter(|n| class_has(*n, "junction")).count();
    let dot = render(path, "dot", if grouped { &[] } else { &["--no-group"] });
    assert_eq!(junctions, dot.matches("shape=circle").count(), "{path}: the same junctions as DOT");
    let phases: Vec<String> =
        doc.descendants().filter(|n| class_has(*n, "phase")).map(|n| words(&text_of(n))).collect();
    if grouped {
        let mut expected: Vec<String> = Vec::new();
        for line in dot.lines().filter(|l| l.starts_with("    label=\"")) {
            expected.push(line.to_owned());
        }
        assert_eq!(
            phases.len() - usize::from(phases.last().is_some_and(|p| p == "Not in a phase")),
            expected.len(),
            "{path}: {phases:?}"
        );
        // Boxes run left to right in the roadmap's order.
        let xs: Vec<f64> = doc
            .descendants()
            .filter(|n| class_has(*n, "phase"))
            .filter_map(|n| n.children().find(|c| c.has_tag_name("rect")))
            .map(|r| r.attribute("x").unwrap().parse::<f64>().unwrap())
            .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{path}: {xs:?}");
    } else {
        assert!(phases.is_empty(), "{path}");
    }
}

#[test]
fn every_bundled_roadmap_draws_a_well_formed_svg() {
    for path in bundled() {
        check_svg(&path, &render(&path, "svg", &[]), true);
        check_svg(&path, &render(&path, "svg", &["--no-group"]), false);
    }
}

#[test]
fn svg_golden_and_hostile_names() {
    golden("tests/fixtures/render/small.svg", &render(SMALL, "svg", &[]));
    let svg = render(HOSTILE, "svg", &[]);
    check_svg(HOSTILE, &svg, true);
    assert!(!svg.contains("<script"), "no element from a name");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{svg}");
}

//! `trailmap render --format svg` and `--format html`: every bundled
//! roadmap and the hostile fixture draw a well-formed SVG (checked by an
//! XML parser) in which every skill's name is the text of one skill box,
//! optional skills and `any_of` groups are marked and phases are boxes in
//! time order; and a self-contained page (also well-formed XML) with a
//! checkbox per skill, only its own scripts, and a "What next" panel equal
//! to `trailmap next`. `tests/browser/run.sh` drives the page in Chromium.

mod util;

use util::{generated_file, root, run, stdout};

const SMALL: &str = "tests/fixtures/valid/small.json";
const HOSTILE: &str = "tests/fixtures/render/hostile.json";

fn render(path: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["render", path, "--format", format];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{path} {format}: {}", String::from_utf8_lossy(&out.stderr));
    stdout(&out)
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
    for path in util::bundled_roadmaps() {
        check_svg(&path, &render(&path, "svg", &[]), true);
        check_svg(&path, &render(&path, "svg", &["--no-group"]), false);
    }
}

#[test]
fn svg_golden_and_hostile_names() {
    insta::assert_snapshot!("small.svg", render(SMALL, "svg", &[]));
    // The README shows this picture: it must stay the command's output.
    generated_file("docs/roadmap-graph.svg", &render("roadmaps/ml-engineer-12-weeks.json", "svg", &[]));
    let svg = render(HOSTILE, "svg", &[]);
    check_svg(HOSTILE, &svg, true);
    assert!(!svg.contains("<script"), "no element from a name");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{svg}");
}

/// Parses an HTML page as XML (the renderer writes it well-formed).
fn parse_page(page: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(page, options).unwrap_or_else(|e| panic!("not well-formed: {e}"))
}

/// The ids `trailmap next` lists, in its order.
fn next_ids(path: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["next", path, "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    items.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

/// The page's structure: only its own two scripts, no event-handler
/// attributes, nothing loaded from elsewhere, a checkbox for every skill,
/// the "What next" panel equal to `trailmap next`, and the data block the
/// script reads parses as JSON.
fn check_page(path: &str, page: &str, next_args: &[&str]) {
    let doc = parse_page(page);
    let roadmap = trailmap::Roadmap::from_path(root().join(path)).unwrap().roadmap.unwrap();
    let scripts: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("script")).collect();
    assert_eq!(scripts.len(), 2, "{path}: only the data block and the page's script");
    assert_eq!(scripts[0].attribute("type"), Some("application/json"));
    assert_eq!(scripts[1].attribute("src"), None);
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            assert!(!attribute.name().starts_with("on"), "{path}: event handler {}", attribute.name());
            assert!(attribute.name() != "src", "{path}: nothing is loaded from elsewhere");
        }
        assert!(!node.has_tag_name("link") && !node.has_tag_name("iframe") && !node.has_tag_name("img"), "{path}");
    }
    let data: serde_json::Value = serde_json::from_str(scripts[0].text().unwrap()).expect("the data block is JSON");
    assert_eq!(data["skills"].as_array().unwrap().len(), roadmap.skills.len());
    let boxes: std::collections::HashSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("input") && n.attribute("type") == Some("checkbox"))
        .filter_map(|n| n.attribute("data-skill-id"))
        .collect();
    for skill in &roadmap.skills {
        assert!(boxes.contains(skill.id.as_str()), "{path}: no checkbox for {}", skill.id);
    }
    let shown: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("data-next-id")).collect();
    assert_eq!(shown, next_ids(path, next_args), "{path}: What next");
    let title = doc.descendants().find(|n| n.has_tag_name("h1")).and_then(|n| n.text()).unwrap_or_default();
    assert_eq!(title, roadmap.title.trim(), "{path}");
}

#[test]
fn every_bundled_roadmap_renders_a_self_contained_page() {
    for path in util::bundled_roadmaps() {
        let page = render(&path, "html", &[]);
        check_page(&path, &page, &[]);
    }
}

#[test]
fn a_progress_file_preloads_ticks_and_what_next() {
    let path = "roadmaps/ml-engineer-12-weeks.json";
    let progress = "tests/fixtures/render/progress.json";
    let page = render(path, "html", &["--progress", progress]);
    check_page(path, &page, &["--progress", progress]);
    let doc = parse_page(&page);
    let checked: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("checked").is_some())
        .filter_map(|n| n.attribute("data-skill-id"))
        .collect();
    assert_eq!(checked, ["python", "git"], "done and skipped are ticked, learning is not");
    // --progress belongs to the page only.
    let out = run(&["render", path, "--format", "svg", "--progress", progress]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["render", path, "--format", "html", "--progress", "tests/fixtures/no-such.json"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["render", path, "--format", "html", "--progress", "tests/fixtures/valid/small.json"]);
    assert_eq!(out.status.code(), Some(1), "a roadmap is not a progress file");
    // An entry on a skill the roadmap lacks: located, as next shows it, and quiet under -q.
    let typo = std::env::temp_dir().join(format!("trailmap-render-typo-{}.json", std::process::id()));
    std::fs::write(&typo, "{\"skills\": {\"pythn\": {\"status\": \"done\"}}}\n").unwrap();
    let typo_path = typo.to_str().unwrap();
    for command in
        [vec!["render", path, "--format", "html", "--progress", typo_path], vec!["next", path, "--progress", typo_path]]
    {
        let out = run(&command);
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("--> {typo_path}:1:13")) && stderr.contains("TM050"), "{command:?}: {stderr}");
        let mut quiet = vec!["-q"];
        quiet.extend(&command);
        assert_eq!(run(&quiet).stderr, b"", "{command:?} -q");
    }
    let _ = std::fs::remove_file(&typo);
}

#[test]
fn hostile_names_cannot_break_out_of_the_page() {
    let page = render(HOSTILE, "html", &[]);
    check_page(HOSTILE, &page, &[]);
    assert_eq!(page.matches("<script").count(), 2, "{page}");
    assert_eq!(page.matches("</script").count(), 2, "{page}");
    let doc = parse_page(&page);
    let labels: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("label"))
        .filter(|n| n.descendants().any(|d| d.attribute("data-skill-id").is_some()))
        .map(text_of)
        .collect();
    assert!(labels.iter().any(|l| l.contains("<script>alert(1)</script>")), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("say \"hi\" ]) --> x[\"pwned\"]")), "{labels:?}");
}

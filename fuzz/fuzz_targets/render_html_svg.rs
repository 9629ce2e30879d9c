//! Bytes -> the roadmap loader; for a valid roadmap, `trailmap_render::html`
//! and `trailmap_render::svg`: no panic; both outputs are well-formed XML;
//! the page holds exactly its own two `<script>` elements (the page code,
//! the same for every roadmap, and the JSON data block, which parses); no
//! element anywhere has an `on*` event attribute; and the SVG has no script.
//! So nothing from the input can reach a script except as JSON data.

#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trailmap::Roadmap;

/// The page code, taken from the page of a fixed roadmap: every page must
/// carry exactly this script.
fn page_code() -> &'static str {
    static CODE: OnceLock<String> = OnceLock::new();
    CODE.get_or_init(|| {
        let fixed = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#;
        let roadmap = Roadmap::from_json_str(fixed).roadmap.expect("the fixed roadmap loads");
        let page = trailmap_render::html(&roadmap, &Default::default());
        let doc = parse(&page, "the fixed page");
        let (code, _) = scripts(&doc);
        code
    })
}

fn parse<'a>(text: &'a str, what: &str) -> roxmltree::Document<'a> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}"))
}

/// The page's scripts: (the code, the JSON data block). Panics unless there
/// are exactly these two.
fn scripts(doc: &roxmltree::Document) -> (String, String) {
    let all: Vec<_> = doc.descendants().filter(|n| n.tag_name().name().eq_ignore_ascii_case("script")).collect();
    assert_eq!(all.len(), 2, "a page has exactly its own two scripts");
    let text = |n: &roxmltree::Node| n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>();
    let data: Vec<_> = all.iter().filter(|n| n.attribute("id") == Some("trailmap-data")).collect();
    assert_eq!(data.len(), 1, "one JSON data block");
    assert_eq!(data[0].attribute("type"), Some("application/json"), "the data block is not code");
    let code: Vec<_> = all.iter().filter(|n| n.attribute("id") != Some("trailmap-data")).collect();
    (text(code[0]), text(data[0]))
}

fn no_event_attributes(doc: &roxmltree::Document, what: &str) {
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        for attribute in node.attributes() {
            assert!(
                !attribute.name().to_ascii_lowercase().starts_with("on"),
                "{what}: event attribute {}={:?} on <{}>",
                attribute.name(),
                attribute.value(),
                node.tag_name().name()
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let loaded = Roadmap::from_slice_with(data, "fuzz/roadmap.json", &common::options());
    if !loaded.is_valid() {
        return;
    }
    let roadmap = loaded.roadmap.expect("a valid file has a model");

    let page = trailmap_render::html(&roadmap, &Default::default());
    let doc = parse(&page, "the HTML page");
    let (code, json) = scripts(&doc);
    assert_eq!(code, page_code(), "the page code never carries input");
    serde_json::from_str::<serde_json::Value>(&json).expect("the data block is JSON");
    no_event_attributes(&doc, "HTML");

    let svg = trailmap_render::svg(&roadmap, &Default::default());
    let doc = parse(&svg, "the SVG");
    assert!(!doc.descendants().any(|n| n.tag_name().name().eq_ignore_ascii_case("script")), "the SVG has no script");
    no_event_attributes(&doc, "SVG");
});

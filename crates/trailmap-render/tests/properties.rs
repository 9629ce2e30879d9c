//! Whatever text a roadmap holds, the shape of each format stays the same:
//! rendering with hostile names gives, line for line, the same Markdown
//! blocks and the same Mermaid and DOT statements as rendering with plain
//! placeholder names, and the same SVG elements. Text can change what a
//! label says, never the structure.

use proptest::prelude::*;
use serde_json::json;
use trailmap::Roadmap;

/// Characters that mean something in Markdown, Mermaid, DOT, HTML, GitHub
/// workflow commands or a terminal, plus keywords and plain letters.
const PIECES: &[&str] = &[
    "\"",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "|",
    "<",
    ">",
    "&",
    "#",
    "%",
    "`",
    "```",
    "*",
    "_",
    "-",
    "+",
    "=",
    "~",
    "$",
    "!",
    ":",
    ";",
    ".",
    "1",
    "12",
    " ",
    "    ",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\u{202e}",
    "é",
    "a",
    "end",
    " end ",
    "subgraph",
    "-->",
    "-.->",
    "%%{init}%%",
    "#quot;",
    "&lt;",
    "<script>",
    "\\n",
    "%0A",
    "::set-output",
    "- [ ]",
];

/// A hostile text with at least one letter, so that no field is empty.
fn text() -> impl Strategy<Value = String> {
    let part = || proptest::collection::vec(proptest::sample::select(PIECES), 0..6).prop_map(|p| p.concat());
    (part(), part()).prop_map(|(a, b)| format!("{a}x{b}"))
}

/// A roadmap that uses every kind of text the renderers show.
fn roadmap(t: &[String]) -> Roadmap {
    // Ids cannot hold hostile text since file format 2 (the typed parse
    // refuses them); `diagram.rs`'s unit tests render hostile ids set on
    // the model directly.
    let id = |i: usize| format!("skill-{i}");
    let value = json!({
        "id": "roadmap", "title": t[0], "version": "1.0.0", "summary": t[1], "audience": t[2], "target_role": t[3],
        "principles": [t[4]],
        "skills": [
            {"id": id(0), "name": t[5], "area": t[28]},
            {"id": id(1), "name": t[6], "optional": true, "prerequisites": [id(0)]},
            {"id": id(2), "name": t[7], "prerequisites": [{"any_of": [id(0), id(1)]}]}
        ],
        "phases": [
            {"id": "p0", "title": t[8], "kind": "phase", "span": {"unit": "week", "start": 1, "label": t[9]},
             "goal": t[10], "description": t[11], "skills": [id(0)],
             "tasks": [{"text": t[12], "skills": [id(0)], "deliverables": [t[13]]}],
             "phases": [{"id": "p0a", "title": t[14], "kind": "week", "span": {"unit": "week", "start": 1}, "skills": [id(1)]}]},
            {"id": "p1", "title": t[15], "skills": [id(2)]}
        ],
        "projects": [{"id": "pr", "title": t[16], "number": 1, "phase": "p1", "skills": [id(2)], "deliverables": [t[17]]}],
        "practices": [{"id": "pc", "cadence": "daily", "activity": t[23]}],
        "milestones": [{"id": "m", "title": t[18], "criteria": [{"text": t[19]}]}],
        "exclusions": [{"id": "e", "title": t[20], "reason": t[21], "phase": "p0"}],
        "areas": [{"id": "a", "name": t[22], "skills": [id(0)]}]
    });
    serde_json::from_value(value).expect("the typed model accepts any text but ids")
}

/// Each Markdown line reduced to the block it makes.
fn markdown_shape(doc: &str) -> Vec<String> {
    doc.lines()
        .map(|line| {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            if line.is_empty() {
                "blank".into()
            } else if hashes > 0 && line[hashes..].starts_with(' ') {
                format!("h{hashes}")
            } else if line.starts_with("- [ ] ") {
                "task".into()
            } else if line.starts_with("- ") {
                "item".into()
            } else if line.starts_with('|') {
                let mut backslashes = 0;
                let mut pipes = 0;
                for c in line.chars() {
                    if c == '|' && backslashes % 2 == 0 {
                        pipes += 1;
                    }
                    backslashes = if c == '\\' { backslashes + 1 } else { 0 };
                }
                format!("row{pipes}")
            } else if line.starts_with("  *") {
                "details".into()
            } else if line.starts_with("**") {
                "label".into()
            } else {
                "paragraph".into()
            }
        })
        .collect()
}

/// Each line with its quoted strings replaced by `S`; with
/// `backslash_escapes` (DOT), `\"` does not end a string.
fn statement_shape(text: &str, backslash_escapes: bool) -> Vec<String> {
    text.lines()
        .map(|line| {
            let mut shape = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c != '"' {
                    shape.push(c);
                    continue;
                }
                loop {
                    match chars.next() {
                        None => return format!("unterminated: {line}"),
                        Some('"') => break,
                        Some('\\') if backslash_escapes => {
                            chars.next();
                        }
                        Some(_) => {}
                    }
                }
                shape.push('S');
            }
            shape
        })
        .collect()
}

/// The elements of an SVG document in order, with their class; wrapped
/// lines (`tspan`) left out, since longer names take more lines.
fn element_shape(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_element() && !n.has_tag_name("tspan"))
        .map(|n| format!("{}.{}", n.tag_name().name(), n.attribute("class").unwrap_or("")))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn text_never_changes_the_structure(hostile in proptest::collection::vec(text(), 29)) {
        let plain: Vec<String> = (0..29).map(|i| format!("Text {i}")).collect();
        let (hostile, plain) = (roadmap(&hostile), roadmap(&plain));

        let doc = trailmap_render::markdown(&hostile);
        prop_assert_eq!(markdown_shape(&doc), markdown_shape(&trailmap_render::markdown(&plain)), "{}", doc);
        prop_assert!(!doc.contains('<'), "{}", doc);

        let options = trailmap_render::MermaidOptions::default();
        let chart = trailmap_render::mermaid(&hostile, &options);
        prop_assert_eq!(statement_shape(&chart, false), statement_shape(&trailmap_render::mermaid(&plain, &options), false), "{}", chart);
        prop_assert!(!chart.contains('`') && !chart.contains('%') && !chart.contains('<'), "{}", chart);

        let options = trailmap_render::DotOptions::default();
        let dot = trailmap_render::dot(&hostile, &options);
        prop_assert_eq!(statement_shape(&dot, true), statement_shape(&trailmap_render::dot(&plain, &options), true), "{}", dot);

        let options = trailmap_render::SvgOptions::default();
        let svg = trailmap_render::svg(&hostile, &options);
        let plain_svg = trailmap_render::svg(&plain, &options);
        let parsed = roxmltree::Document::parse(&svg);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), svg);
        let plain_parsed = roxmltree::Document::parse(&plain_svg).expect("plain SVG parses");
        prop_assert_eq!(element_shape(&parsed.expect("checked")), element_shape(&plain_parsed), "{}", svg);
    }
}

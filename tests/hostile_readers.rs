//! Hostile input for the new readers, end to end through the binary:
//! Markdown import (deep nesting, many items, a long line, unclosed
//! emphasis, link-reference bombs), roadmap.sh graphs (edges to missing
//! nodes, self-edges, many nodes) and YAML (deep flow nesting, many
//! anchors). Each must end with a valid result (exit 0) or a located error
//! (exit 1), never a panic (101), a signal or a hang.
//!
//! The cases are generated, scaled so a debug build finishes in seconds;
//! the full sizes (a million items, a 100 MB line, a million nodes) are
//! measured with the release binary, and their time and peak memory are in
//! the README's "Security" section. Nothing here measures time.

mod util;

use std::path::PathBuf;
use std::process::Output;

use util::run;

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("trailmap-hostile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `args` on a generated file and checks the contract: exit 0 with a
/// roadmap that validates, or exit 1 with an error naming a location.
fn check(name: &str, args: &[&str], bytes: impl AsRef<[u8]>) -> Output {
    let dir = TempDir::new(name);
    let file = dir.write(name, bytes);
    let mut all = args.to_vec();
    all.push(&file);
    let out = run(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code().unwrap_or_else(|| panic!("{name}: killed by a signal: {:?}", out.status));
    assert_ne!(code, 101, "{name} panicked:\n{stderr}");
    match code {
        0 if args[0] == "import" => {
            let imported = dir.write("imported.json", &out.stdout);
            let validate = run(&["validate", &imported]);
            assert_eq!(
                validate.status.code(),
                Some(0),
                "{name}: the import does not validate:\n{}",
                String::from_utf8_lossy(&validate.stderr)
            );
        }
        0 => {}
        1 => {
            // `validate` reports on stdout, `import` on stderr.
            let report = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
            assert!(
                report.contains(&format!("{file}:")) || report.contains("line "),
                "{name}: the error names no location:\n{report}"
            );
        }
        other => panic!("{name}: exit {other}:\n{stderr}"),
    }
    out
}

fn markdown(name: &str, text: String) -> Output {
    check(name, &["import", "markdown"], format!("# Hostile\n\n## Phase\n\n{text}"))
}

#[test]
fn markdown_deeply_nested_lists() {
    // `- - - x` opens a list inside each item: 10,000 levels on one line
    // (indentation would take 100 MB for the same depth), then 1,000 by
    // indentation, ordered and bullet mixed.
    let mut text = format!("{}deep\n\n", "- ".repeat(10_000));
    for depth in 0..1_000 {
        text.push_str(&"   ".repeat(depth));
        text.push_str(if depth % 2 == 0 { "1. item\n" } else { "-  item\n" });
    }
    markdown("nested-lists.md", text);
}

#[test]
fn markdown_deeply_nested_block_quotes() {
    markdown("nested-quotes.md", format!("{} deep\n", ">".repeat(10_000)));
}

#[test]
fn markdown_many_list_items() {
    let text: String = (0..100_000).map(|i| format!("- skill {i}\n")).collect();
    markdown("many-items.md", text);
}

#[test]
fn markdown_over_the_element_limit() {
    // The full million items import within the bounds too (see the README);
    // one element past the limit is refused at its line, before the rest is read.
    let text = "- a\n".repeat(trailmap_import::markdown::MAX_ELEMENTS);
    let out = markdown("over-limit.md", text);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 200003: more than 200000 elements"), "{stderr}");
}

#[test]
fn import_sources_over_the_size_limit_are_refused_before_parsing() {
    let dir = TempDir::new("import-size");
    let big = dir.write("big.md", format!("# T\n\n- {}\n", "word ".repeat(2_000_000)));
    let small = dir.write("small.md", "# T\n\n- Python\n");
    for (args, file) in [(&["import", "markdown"][..], &big), (&["import", "roadmap-sh", "--max-size", "8"], &small)] {
        let mut all = args.to_vec();
        all.push(file);
        let out = run(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("{file}: ")) && stderr.contains("raise it with --max-size"), "{stderr}");
    }
    // Raising the limit lets the 10 MB source through.
    let out = run(&["import", "markdown", "--max-size", "32M", &big]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn markdown_one_long_line() {
    // Just under the 8 MiB import limit.
    markdown("long-line.md", format!("- {}\n", "word ".repeat(1_600_000)));
}

#[test]
fn markdown_unclosed_emphasis() {
    markdown("emphasis.md", format!("- {}\n", "*a _b ".repeat(50_000)));
}

#[test]
fn markdown_link_reference_bomb() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!("[r{i}]: https://example.com/{i}\n"));
    }
    text.push('\n');
    for i in 0..2_000 {
        let refs: String = (0..50).map(|k| format!("[x][r{}]", (i * 50 + k) % 5_000)).collect();
        text.push_str(&format!("- skill {i} {refs}\n"));
    }
    markdown("link-refs.md", text);
}

/// A roadmap.sh editor graph of `topics` topics in a column, with `edges`.
fn roadmapsh_graph(topics: usize, edges: &str) -> String {
    let nodes: Vec<String> = (0..topics)
        .map(|i| {
            format!(
                r#"{{"id":"n{i}","type":"topic","position":{{"x":0,"y":{}}},"width":200,"height":40,"data":{{"label":"Topic {i}"}}}}"#,
                i * 50
            )
        })
        .collect();
    format!(r#"{{"nodes":[{}],"edges":[{edges}]}}"#, nodes.join(","))
}

#[test]
fn roadmapsh_edges_to_missing_nodes_and_self_edges() {
    let edges: Vec<String> = (0..1_000)
        .map(|i| match i % 3 {
            0 => format!(r#"{{"id":"e{i}","source":"n{i}","target":"missing{i}"}}"#),
            1 => format!(r#"{{"id":"e{i}","source":"n{i}","target":"n{i}"}}"#),
            _ => format!(r#"{{"id":"e{i}","source":"gone{i}","target":"n{i}"}}"#),
        })
        .collect();
    check("edges.json", &["import", "roadmap-sh"], roadmapsh_graph(1_000, &edges.join(",")));
}

#[test]
fn roadmapsh_many_nodes() {
    check("many-nodes.json", &["import", "roadmap-sh"], roadmapsh_graph(50_000, ""));
}

#[test]
fn roadmapsh_over_the_element_limit() {
    let nodes = vec!["{}"; trailmap_import::roadmapsh::MAX_ELEMENTS + 1].join(",\n");
    let out = check("over-limit.json", &["import", "roadmap-sh"], format!("{{\"nodes\": [\n{nodes}]}}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 200002, column 3: more than 200000 elements in one list; trailmap import reads graphs up to that size\n"), "{stderr}");
}

#[test]
fn yaml_deep_flow_nesting() {
    let depth = 100_000;
    let text = format!("{}{}\n", "[".repeat(depth), "]".repeat(depth));
    check("deep-flow.yaml", &["validate"], text);
}

#[test]
fn yaml_many_anchors() {
    let mut text = String::from("title: Anchors\nx-anchors:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  - &a{i} v{i}\n"));
    }
    check("anchors.yaml", &["validate"], text);
}

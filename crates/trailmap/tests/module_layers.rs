//! The core's top-level modules form layers, never a cycle: pipeline stages
//! and primitives are leaves, `load` is on top. This test reads
//! `src/**/*.rs`, collects every `crate::<module>` reference (including
//! `crate::{a, b}` groups and names the crate root re-exports) per
//! top-level module, and fails on any cycle, naming it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Top-level module → the `.rs` files that belong to it.
fn modules(src: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in fs::read_dir(src).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 name").to_owned();
        if path.is_dir() {
            let mut files = Vec::new();
            collect_rs(&path, &mut files);
            modules.entry(name).or_default().extend(files);
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            modules.entry(name).or_default().push(path);
        }
    }
    modules
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without comment lines (doc links are not dependencies).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("a readable source file");
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn ident_at(text: &str, at: usize) -> &str {
    let end = text[at..].find(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(text.len(), |n| at + n);
    &text[at..end]
}

/// The first path segment of every item named after `crate::`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let after = at + "crate::".len();
        if text[after..].starts_with('{') {
            // A group: the first segment of each top-level item in it.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in text[after..].char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if item_start && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                        found.push(ident_at(text, after + i).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(ident_at(text, after).to_owned());
        }
    }
    found
}

/// Names the crate root re-exports, mapped to the module that defines them.
fn root_exports(lib: &str, modules: &BTreeMap<String, Vec<PathBuf>>) -> BTreeMap<String, String> {
    let mut exports = BTreeMap::new();
    for line in lib.lines().filter(|l| l.starts_with("pub use ")) {
        let rest = line.trim_start_matches("pub use ").trim_end_matches(';');
        let Some((module, items)) = rest.split_once("::") else { continue };
        if items == "*" {
            // Every public type the module defines.
            for file in &modules[module] {
                let text = code(file);
                for keyword in ["pub struct ", "pub enum ", "pub type ", "pub trait "] {
                    for (at, _) in text.match_indices(keyword) {
                        exports.insert(ident_at(&text, at + keyword.len()).to_owned(), module.to_owned());
                    }
                }
            }
        } else {
            for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
                exports.insert(item.trim().to_owned(), module.to_owned());
            }
        }
    }
    exports
}

/// Module → the modules it refers to, with one file that does it.
fn dependencies(src: &Path) -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let modules = modules(src);
    let exports = root_exports(&fs::read_to_string(src.join("lib.rs")).expect("lib.rs"), &modules);
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (module, files) in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for file in files {
            for name in crate_paths(&code(file)) {
                let target = if modules.contains_key(&name) { Some(&name) } else { exports.get(&name) };
                if let Some(target) = target.filter(|t| *t != module) {
                    edges.entry(target.clone()).or_insert_with(|| file.clone());
                }
            }
        }
    }
    graph
}

/// Every cycle found by a depth-first search, each as a path `a -> b -> a`.
fn cycles(graph: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit<'g>(
        node: &'g str,
        graph: &'g BTreeMap<String, BTreeMap<String, PathBuf>>,
        marks: &mut BTreeMap<&'g str, Mark>,
        stack: &mut Vec<&'g str>,
        found: &mut Vec<Vec<String>>,
    ) {
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in graph.get(node).into_iter().flat_map(|edges| edges.keys()) {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::New => visit(next, graph, marks, stack, found),
                Mark::Open => {
                    let from = stack.iter().position(|m| *m == next).expect("an open node is on the stack");
                    let mut cycle: Vec<String> = stack[from..].iter().map(|m| (*m).to_owned()).collect();
                    cycle.push(next.clone());
                    found.push(cycle);
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
    }
    let mut marks = BTreeMap::new();
    let mut found = Vec::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            visit(node, graph, &mut marks, &mut Vec::new(), &mut found);
        }
    }
    found
}

#[test]
fn the_core_has_no_module_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = dependencies(&src);
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|cycle| {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|pair| {
                    let file = &graph[&pair[0]][&pair[1]];
                    format!("{} -> {} ({})", pair[0], pair[1], file.strip_prefix(&src).unwrap_or(file).display())
                })
                .collect();
            format!("cycle {}: {}", cycle.join(" -> "), steps.join("; "))
        })
        .collect();
    assert!(described.is_empty(), "module cycles in the core:\n{}", described.join("\n"));
}

#[test]
fn the_scanner_sees_groups_reexports_and_cycles() {
    assert_eq!(crate_paths("use crate::{a::B, c, D};\nlet x = crate::e::f();"), ["a", "c", "D", "e"]);
    assert_eq!(crate_paths("use crate::{\n    x::{Y, Z},\n    w,\n};"), ["x", "w"]);
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into(), PathBuf::from("a.rs"));
    graph.entry("b".into()).or_default().insert("c".into(), PathBuf::from("b.rs"));
    graph.entry("c".into()).or_default().insert("a".into(), PathBuf::from("c.rs"));
    assert_eq!(cycles(&graph), [["a", "b", "c", "a"]]);
    graph.get_mut("c").expect("c").clear();
    assert!(cycles(&graph).is_empty());
    // The real graph is not empty: the scanner does see the core's imports.
    let real = dependencies(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(real["load"].contains_key("check") && real["graph"].contains_key("model"));
}

//! The prerequisite graph as Graphviz DOT.

use std::fmt::Write as _;

use trailmap::Roadmap;
use trailmap::escape;

use crate::diagram::{Diagram, fresh_prefix};

/// How [`dot`] draws the graph.
///
/// ```
/// let options = trailmap_render::DotOptions { group_by_phase: false, ..Default::default() };
/// assert!(options.label_any_of);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw each phase as a cluster holding the skills it teaches first,
    /// nested phases as nested clusters, top-level phases in time order.
    /// Default: `true`.
    pub group_by_phase: bool,
    /// Write "or" in the junction of each `any_of` group (else the
    /// junction is an empty circle). Default: `true`.
    pub label_any_of: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions { group_by_phase: true, label_any_of: true }
    }
}

/// Renders the prerequisite graph as Graphviz DOT (`dot -Tsvg`): one node
/// per skill, keyed by its id; an edge from each prerequisite to the skill
/// that needs it; optional skills dashed. Each `any_of` group is one
/// junction node, a small dashed "or" circle: its members join it with
/// dashed lines, and one arrow leads from it to the skill.
///
/// With [`group_by_phase`](DotOptions::group_by_phase), each phase is a
/// cluster holding the skills it teaches first, nested phases nested
/// clusters (down to six levels), and the top-level phases are laid out in
/// time order, left to right: an invisible point between two consecutive
/// phases has invisible edges from every skill of the earlier one and to
/// every skill of the later one.
///
/// Every id and label is a quoted string escaped with
/// [`trailmap::escape::dot`]; junction and anchor ids are generated so
/// that no skill id equals them. The output is deterministic.
///
/// ```
/// use trailmap::Roadmap;
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
///   "skills": [{"id": "python", "name": "Python"}, {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}]}"#,
/// ).roadmap.unwrap();
///
/// let dot = trailmap_render::dot(&roadmap, &Default::default());
/// assert_eq!(dot, r#"digraph "r" {
///   graph [label="R", labelloc=t, rankdir=LR];
///   node [shape=box, style=rounded];
///   "python" [label="Python"];
///   "numpy" [label="NumPy"];
///   "python" -> "numpy";
/// }
/// "#);
/// ```
pub fn dot(roadmap: &Roadmap, options: &DotOptions) -> String {
    let diagram = Diagram::new(roadmap, options.group_by_phase);
    let id = |i: usize| escape::dot(&roadmap.skills[i].id);
    let or = fresh_prefix(roadmap, "or");
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", escape::dot(&roadmap.id));
    let _ = writeln!(out, "  graph [label=\"{}\", labelloc=t, rankdir=LR];", escape::dot(&roadmap.title));
    out.push_str("  node [shape=box, style=rounded];\n");
    let mut junctions_of: Vec<Vec<usize>> = vec![Vec::new(); roadmap.skills.len()];
    for (k, junction) in diagram.junctions.iter().enumerate() {
        junctions_of[junction.to].push(k);
    }
    let junction_label = if options.label_any_of { "or" } else { "" };
    let node = |out: &mut String, indent: &str, i: usize| {
        let skill = &roadmap.skills[i];
        let style = if skill.optional { ", style=\"rounded,dashed\"" } else { "" };
        let _ = writeln!(out, "{indent}\"{}\" [label=\"{}\"{style}];", id(i), escape::dot(&skill.name));
        for k in &junctions_of[i] {
            let _ = writeln!(
                out,
                "{indent}\"{or}{k}\" [label=\"{junction_label}\", shape=circle, style=dashed, width=0.3, fixedsize=true, fontsize=10];"
            );
        }
    };
    // Clusters come in document order with their depth: close the open
    // ones at or below a cluster's depth before opening it. No recursion.
    let mut open = 0usize;
    for (k, cluster) in diagram.clusters.iter().enumerate() {
        while open > cluster.depth {
            open -= 1;
            let _ = writeln!(out, "{}}}", "  ".repeat(open + 1));
        }
        let indent = "  ".repeat(open + 1);
        let _ = writeln!(out, "{indent}subgraph \"cluster_{k}\" {{");
        let _ = writeln!(out, "{indent}  label=\"{}\";", escape::dot(&cluster.title));
        let _ = writeln!(out, "{indent}  style=rounded;");
        for &i in &cluster.skills {
            node(&mut out, &format!("{indent}  "), i);
        }
        open += 1;
    }
    while open > 0 {
        open -= 1;
        let _ = writeln!(out, "{}}}", "  ".repeat(open + 1));
    }
    for &i in &diagram.loose {
        node(&mut out, "  ", i);
    }
    for edge in &diagram.edges {
        let _ = writeln!(out, "  \"{}\" -> \"{}\";", id(edge.from), id(edge.to));
    }
    for (k, junction) in diagram.junctions.iter().enumerate() {
        for &m in &junction.members {
            let _ = writeln!(out, "  \"{}\" -> \"{or}{k}\" [style=dashed, arrowhead=none];", id(m));
        }
        let _ = writeln!(out, "  \"{or}{k}\" -> \"{}\";", id(junction.to));
    }
    time_order(&mut out, roadmap, &diagram, &id);
    out.push_str("}\n");
    out
}

/// Invisible points between consecutive top-level phases, with invisible
/// edges from every skill of the earlier phase and to every skill of the
/// later one, so that Graphviz ranks each phase after the one before.
fn time_order(out: &mut String, roadmap: &Roadmap, diagram: &Diagram, id: &impl Fn(usize) -> String) {
    let tops = diagram.top_level();
    if tops.len() < 2 {
        return;
    }
    let anchor = fresh_prefix(roadmap, "phase");
    for (k, pair) in tops.windows(2).enumerate() {
        let _ = writeln!(out, "  \"{anchor}{k}\" [shape=point, style=invis];");
        for &i in &pair[0].1 {
            let _ = writeln!(out, "  \"{}\" -> \"{anchor}{k}\" [style=invis];", id(i));
        }
        for &i in &pair[1].1 {
            let _ = writeln!(out, "  \"{anchor}{k}\" -> \"{}\" [style=invis];", id(i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diagram::tests::{hostile_roadmap, roadmap};

    #[test]
    fn two_any_of_groups_are_two_junctions_and_names_never_collide() {
        let r = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0",
            "skills": [{"id": "tf", "name": "TensorFlow"}, {"id": "pt", "name": "PyTorch"},
                       {"id": "aws", "name": "AWS"}, {"id": "or0", "name": "GCP"},
                       {"id": "deploy", "name": "Deploy", "prerequisites": [{"any_of": ["tf", "pt"]}, {"any_of": ["aws", "or0"]}]}]}"#,
        );
        let dot = dot(&r, &DotOptions::default());
        let junction = "[label=\"or\", shape=circle, style=dashed, width=0.3, fixedsize=true, fontsize=10];";
        assert!(
            dot.contains(&format!("  \"deploy\" [label=\"Deploy\"];\n  \"_or0\" {junction}\n  \"_or1\" {junction}\n"))
        );
        assert!(dot.ends_with(
            "  \"tf\" -> \"_or0\" [style=dashed, arrowhead=none];\n  \"pt\" -> \"_or0\" [style=dashed, arrowhead=none];\n  \
             \"_or0\" -> \"deploy\";\n  \"aws\" -> \"_or1\" [style=dashed, arrowhead=none];\n  \
             \"or0\" -> \"_or1\" [style=dashed, arrowhead=none];\n  \"_or1\" -> \"deploy\";\n}\n"
        ));
        assert_eq!(dot.matches("-> \"deploy\"").count(), 2, "one arrow per group: {dot}");
    }

    #[test]
    fn nested_clusters_and_time_order() {
        let r = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0",
            "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}, {"id": "c", "name": "C"}],
            "phases": [{"id": "p1", "title": "One", "skills": ["a"], "phases": [{"id": "w1", "title": "Nested", "skills": ["b"]}]},
                       {"id": "p2", "title": "Two", "skills": ["c"]}]}"#,
        );
        let dot = dot(&r, &DotOptions::default());
        let expected = "  subgraph \"cluster_0\" {\n    label=\"One\";\n    style=rounded;\n    \"a\" [label=\"A\"];\n    \
            subgraph \"cluster_1\" {\n      label=\"Nested\";\n      style=rounded;\n      \"b\" [label=\"B\"];\n    }\n  }\n  \
            subgraph \"cluster_2\" {\n    label=\"Two\";\n    style=rounded;\n    \"c\" [label=\"C\"];\n  }\n  \"a\" -> \"b\";\n  \
            \"phase0\" [shape=point, style=invis];\n  \"a\" -> \"phase0\" [style=invis];\n  \"b\" -> \"phase0\" [style=invis];\n  \
            \"phase0\" -> \"c\" [style=invis];\n}\n";
        assert!(dot.ends_with(expected), "{dot}");
        let flat = super::dot(&r, &DotOptions { group_by_phase: false, label_any_of: true });
        assert!(!flat.contains("subgraph") && !flat.contains("invis"), "{flat}");
    }

    #[test]
    fn hostile_names_stay_inside_strings() {
        let hostile = hostile_roadmap();
        let dot = dot(&hostile, &DotOptions::default());
        assert!(
            dot.starts_with("digraph \"r\\\"} x\" {\n  graph [label=\"T\\\\\", labelloc=t, rankdir=LR];\n"),
            "{dot}"
        );
        assert!(dot.contains("  \"a\\\"b\" [label=\"x\\\"] --> y[\\\"z\\nend\\n```\"];\n"), "{dot}");
    }
}

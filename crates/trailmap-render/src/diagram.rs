//! The prerequisite graph as a picture: Mermaid and Graphviz DOT.

use std::collections::HashMap;
use std::fmt::Write as _;

use trailmap::escape;
use trailmap::{Prerequisite, Roadmap};

use crate::phase_title;

/// How [`mermaid`] draws the graph.
///
/// ```
/// let options = trailmap_render::MermaidOptions { group_by_phase: false, ..Default::default() };
/// assert!(options.label_any_of);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MermaidOptions {
    /// Draw each top-level phase as a `subgraph` holding the skills it
    /// (or a phase nested in it) teaches first. Default: `true`.
    pub group_by_phase: bool,
    /// Label the dashed edges of `any_of` alternatives with "or". Default: `true`.
    pub label_any_of: bool,
}

impl Default for MermaidOptions {
    fn default() -> Self {
        MermaidOptions { group_by_phase: true, label_any_of: true }
    }
}

/// How [`dot`] draws the graph.
///
/// ```
/// let options = trailmap_render::DotOptions { group_by_phase: false, ..Default::default() };
/// assert!(options.label_any_of);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw each top-level phase as a cluster holding the skills it (or a
    /// phase nested in it) teaches first. Default: `true`.
    pub group_by_phase: bool,
    /// Label the dashed edges of `any_of` alternatives with "or". Default: `true`.
    pub label_any_of: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions { group_by_phase: true, label_any_of: true }
    }
}

/// The graph both formats draw, by index into `roadmap.skills`.
struct Diagram {
    /// Top-level phases that teach at least one skill: the phase's title
    /// (unescaped) and the skills it teaches first, in teaching order.
    groups: Vec<(String, Vec<usize>)>,
    /// Skills in no group, in file order.
    loose: Vec<usize>,
    /// Prerequisite to skill; `any_of` for a member of an alternative group.
    edges: Vec<Edge>,
}

struct Edge {
    from: usize,
    to: usize,
    any_of: bool,
}

impl Diagram {
    fn new(roadmap: &Roadmap, group: bool) -> Self {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(roadmap.skills.len());
        for (i, skill) in roadmap.skills.iter().enumerate() {
            index.entry(skill.id.as_str()).or_insert(i);
        }
        let mut grouped = vec![false; roadmap.skills.len()];
        let mut groups = Vec::new();
        if group {
            for top in &roadmap.phases {
                let mut members = Vec::new();
                trailmap::graph::walk_phases(std::slice::from_ref(top), &mut |phase| {
                    for id in &phase.skills {
                        if let Some(&i) = index.get(id.as_str()) {
                            if !grouped[i] {
                                grouped[i] = true;
                                members.push(i);
                            }
                        }
                    }
                });
                if !members.is_empty() {
                    groups.push((phase_title(top), members));
                }
            }
        }
        let loose = (0..roadmap.skills.len()).filter(|&i| !grouped[i]).collect();

        let mut edges: Vec<Edge> = Vec::new();
        // One edge per pair; a plain prerequisite wins over the same pair in
        // an any-of group (it is required either way).
        let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
        for (to, skill) in roadmap.skills.iter().enumerate() {
            for prerequisite in &skill.prerequisites {
                let any_of = matches!(prerequisite, Prerequisite::AnyOf(_));
                // Unknown ids are left out: every edge joins declared nodes.
                for from in prerequisite.skill_ids().filter_map(|id| index.get(id).copied()) {
                    match seen.get(&(from, to)) {
                        Some(&at) => edges[at].any_of &= any_of,
                        None => {
                            seen.insert((from, to), edges.len());
                            edges.push(Edge { from, to, any_of });
                        }
                    }
                }
            }
        }
        Diagram { groups, loose, edges }
    }
}

/// Renders the prerequisite graph as a Mermaid `flowchart` for a
/// ```` ```mermaid ```` code fence (GitHub draws it). An arrow goes from a
/// prerequisite to the skill that needs it: solid for a required skill,
/// dashed for each member of an `any_of` group (any one is enough).
/// Optional skills have a dashed border. With
/// [`group_by_phase`](MermaidOptions::group_by_phase), each top-level phase
/// is a `subgraph` holding the skills it teaches first.
///
/// Node ids are generated (`n0`, `n1`, … in skill order, `g0`, … for
/// phases), never taken from the file; labels are quoted and escaped with
/// [`trailmap::escape::mermaid`]. The output is deterministic.
///
/// ```
/// use trailmap::Roadmap;
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0",
///   "skills": [{"id": "pytorch", "name": "PyTorch"}, {"id": "tf", "name": "TensorFlow", "optional": true},
///              {"id": "cnn", "name": "CNNs \"2D\"", "prerequisites": [{"any_of": ["pytorch", "tf"]}]}],
///   "phases": [{"id": "w1", "title": "Deep learning", "kind": "week", "span": {"unit": "week", "start": 1},
///               "skills": ["pytorch", "tf", "cnn"]}]}"#).roadmap.unwrap();
///
/// let chart = trailmap_render::mermaid(&roadmap, &Default::default());
/// assert_eq!(chart, r#"flowchart LR
///   classDef optional stroke-dasharray: 5 5
///   subgraph g0["Week 1: Deep learning"]
///     n0["PyTorch"]
///     n1["TensorFlow"]:::optional
///     n2["CNNs #quot;2D#quot;"]
///   end
///   n0 -.->|or| n2
///   n1 -.->|or| n2
/// "#);
/// ```
pub fn mermaid(roadmap: &Roadmap, options: &MermaidOptions) -> String {
    let diagram = Diagram::new(roadmap, options.group_by_phase);
    let mut out = String::from("flowchart LR\n");
    if roadmap.skills.iter().any(|s| s.optional) {
        out.push_str("  classDef optional stroke-dasharray: 5 5\n");
    }
    let node = |out: &mut String, indent: &str, i: usize| {
        let skill = &roadmap.skills[i];
        let class = if skill.optional { ":::optional" } else { "" };
        let _ = writeln!(out, "{indent}n{i}[\"{}\"]{class}", escape::mermaid(&skill.name));
    };
    for (g, (title, members)) in diagram.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph g{g}[\"{}\"]", escape::mermaid(title));
        for &i in members {
            node(&mut out, "    ", i);
        }
        out.push_str("  end\n");
    }
    for &i in &diagram.loose {
        node(&mut out, "  ", i);
    }
    // Edges after every node and outside every subgraph: an edge inside a
    // subgraph would pull its endpoints into it.
    for edge in &diagram.edges {
        let arrow = match (edge.any_of, options.label_any_of) {
            (false, _) => "-->",
            (true, true) => "-.->|or|",
            (true, false) => "-.->",
        };
        let _ = writeln!(out, "  n{} {arrow} n{}", edge.from, edge.to);
    }
    out
}

/// Renders the prerequisite graph as Graphviz DOT (`dot -Tsvg`): one node
/// per skill, keyed by its id; an edge from each prerequisite to the skill
/// that needs it, dashed for the members of an `any_of` group; optional
/// skills dashed. With [`group_by_phase`](DotOptions::group_by_phase), each
/// top-level phase is a cluster holding the skills it teaches first.
///
/// Every id and label is a quoted string escaped with
/// [`trailmap::escape::dot`]. The output is deterministic.
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
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", escape::dot(&roadmap.id));
    let _ = writeln!(out, "  graph [label=\"{}\", labelloc=t, rankdir=LR];", escape::dot(&roadmap.title));
    out.push_str("  node [shape=box, style=rounded];\n");
    let node = |out: &mut String, indent: &str, i: usize| {
        let skill = &roadmap.skills[i];
        let style = if skill.optional { ", style=\"rounded,dashed\"" } else { "" };
        let _ = writeln!(out, "{indent}\"{}\" [label=\"{}\"{style}];", id(i), escape::dot(&skill.name));
    };
    for (g, (title, members)) in diagram.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph \"cluster_{g}\" {{");
        let _ = writeln!(out, "    label=\"{}\";", escape::dot(title));
        out.push_str("    style=rounded;\n");
        for &i in members {
            node(&mut out, "    ", i);
        }
        out.push_str("  }\n");
    }
    for &i in &diagram.loose {
        node(&mut out, "  ", i);
    }
    for edge in &diagram.edges {
        let attributes = match (edge.any_of, options.label_any_of) {
            (false, _) => "",
            (true, true) => " [style=dashed, label=\"or\"]",
            (true, false) => " [style=dashed]",
        };
        let _ = writeln!(out, "  \"{}\" -> \"{}\"{attributes};", id(edge.from), id(edge.to));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed parse alone: hostile ids would not pass validation, but
    /// the library must render whatever `Roadmap` it is given.
    fn roadmap(json: &str) -> Roadmap {
        serde_json::from_str(json).expect("roadmap")
    }

    const TWO_PHASES: &str = r#"{"id": "r", "title": "R", "version": "1.0.0",
        "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a", {"any_of": ["a", "c"]}]},
                   {"id": "c", "name": "C"}, {"id": "d", "name": "D", "prerequisites": ["ghost"]}],
        "phases": [{"id": "p1", "title": "One", "phases": [{"id": "p1-w1", "title": "Nested", "skills": ["b"]}]},
                   {"id": "p2", "title": "Two", "skills": ["a", "b"]},
                   {"id": "p3", "title": "Empty"}]}"#;

    #[test]
    fn a_skill_goes_to_the_first_top_level_phase_that_teaches_it_nested_included() {
        let diagram = Diagram::new(&roadmap(TWO_PHASES), true);
        let groups: Vec<(&str, &[usize])> = diagram.groups.iter().map(|(t, m)| (t.as_str(), m.as_slice())).collect();
        assert_eq!(groups, [("One", &[1][..]), ("Two", &[0][..])], "empty phases get no group");
        assert_eq!(diagram.loose, [2, 3]);
        let ungrouped = Diagram::new(&roadmap(TWO_PHASES), false);
        assert!(ungrouped.groups.is_empty());
        assert_eq!(ungrouped.loose, [0, 1, 2, 3]);
    }

    #[test]
    fn plain_wins_over_any_of_for_the_same_pair_and_unknown_ids_make_no_edge() {
        let diagram = Diagram::new(&roadmap(TWO_PHASES), true);
        let edges: Vec<(usize, usize, bool)> = diagram.edges.iter().map(|e| (e.from, e.to, e.any_of)).collect();
        assert_eq!(edges, [(0, 1, false), (2, 1, true)]);
    }

    #[test]
    fn mermaid_subgraphs_close_and_edges_come_last() {
        let chart = mermaid(&roadmap(TWO_PHASES), &MermaidOptions::default());
        let expected = "flowchart LR\n  subgraph g0[\"One\"]\n    n1[\"B\"]\n  end\n  subgraph g1[\"Two\"]\n    n0[\"A\"]\n  end\n  \
                        n2[\"C\"]\n  n3[\"D\"]\n  n0 --> n1\n  n2 -.->|or| n1\n";
        assert_eq!(chart, expected);
        let plain = mermaid(&roadmap(TWO_PHASES), &MermaidOptions { group_by_phase: false, label_any_of: false });
        assert!(!plain.contains("subgraph") && plain.contains("  n2 -.-> n1\n"), "{plain}");
    }

    #[test]
    fn hostile_names_stay_inside_labels() {
        // Ids this hostile fail the loader's id check: set them on the
        // model directly.
        let mut hostile = roadmap(
            r#"{"id": "r", "title": "T\\", "version": "1.0.0",
            "skills": [{"id": "a", "name": "x\"] --> y[\"z\nend\n```"}],
            "phases": [{"id": "p", "title": "end\"]\n%%{init}%%", "skills": ["a\"b"]}]}"#,
        );
        hostile.id = "r\"} x".into();
        hostile.skills[0].id = "a\"b".into();
        let chart = mermaid(&hostile, &MermaidOptions::default());
        assert_eq!(
            chart,
            "flowchart LR\n  subgraph g0[\"end#quot;#93; #37;#37;#123;init#125;#37;#37;\"]\n    \
             n0[\"x#quot;#93; --#gt; y#91;#quot;z end #96;#96;#96;\"]\n  end\n"
        );
        let dot = dot(&hostile, &DotOptions::default());
        assert!(
            dot.starts_with("digraph \"r\\\"} x\" {\n  graph [label=\"T\\\\\", labelloc=t, rankdir=LR];\n"),
            "{dot}"
        );
        assert!(dot.contains("  \"a\\\"b\" [label=\"x\\\"] --> y[\\\"z\\nend\\n```\"];\n"), "{dot}");
    }

    #[test]
    fn dot_clusters_and_dashed_alternatives() {
        let dot = dot(&roadmap(TWO_PHASES), &DotOptions::default());
        assert!(dot.contains(
            "  subgraph \"cluster_0\" {\n    label=\"One\";\n    style=rounded;\n    \"b\" [label=\"B\"];\n  }\n"
        ));
        assert!(dot.contains("  \"c\" -> \"b\" [style=dashed, label=\"or\"];\n"));
        assert!(!dot.contains("ghost"));
    }
}

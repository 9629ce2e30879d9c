//! The prerequisite graph as a Mermaid flowchart.

use std::fmt::Write as _;

use trailmap::Roadmap;
use trailmap::escape;

use crate::diagram::Diagram;

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
    /// Write "or" in the junction of each `any_of` group (else the
    /// junction is an empty circle). Default: `true`.
    pub label_any_of: bool,
}

impl Default for MermaidOptions {
    fn default() -> Self {
        MermaidOptions { group_by_phase: true, label_any_of: true }
    }
}

/// Renders the prerequisite graph as a Mermaid `flowchart` for a
/// ```` ```mermaid ```` code fence (GitHub draws it). A solid arrow goes
/// from a prerequisite to the skill that needs it. Each `any_of` group is
/// one junction, a small "or" circle: its members join it with dotted
/// lines and one arrow leads from it to the skill, so a skill needing
/// (PyTorch or TensorFlow) and (AWS or GCP) shows two junctions, not four
/// alternatives. Optional skills have a dashed border. With
/// [`group_by_phase`](MermaidOptions::group_by_phase), each top-level phase
/// is a `subgraph` holding the skills it teaches first (and the junctions
/// leading into them).
///
/// Node ids are generated (`n0`, `n1`, … in skill order, `j0`, … for
/// junctions, `g0`, … for phases), never taken from the file; labels are
/// quoted and escaped with [`trailmap::escape::mermaid`]. The output is
/// deterministic.
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
///     j0(("or"))
///   end
///   n0 -.- j0
///   n1 -.- j0
///   j0 --> n2
/// "#);
/// ```
pub fn mermaid(roadmap: &Roadmap, options: &MermaidOptions) -> String {
    let diagram = Diagram::new(roadmap, options.group_by_phase);
    let mut out = String::from("flowchart LR\n");
    if roadmap.skills.iter().any(|s| s.optional) {
        out.push_str("  classDef optional stroke-dasharray: 5 5\n");
    }
    // Junctions by the skill they lead into, declared right after it so
    // that they sit in its subgraph.
    let mut junctions_of: Vec<Vec<usize>> = vec![Vec::new(); roadmap.skills.len()];
    for (k, junction) in diagram.junctions.iter().enumerate() {
        junctions_of[junction.to].push(k);
    }
    let junction_label = if options.label_any_of { "or" } else { " " };
    let node = |out: &mut String, indent: &str, i: usize| {
        let skill = &roadmap.skills[i];
        let class = if skill.optional { ":::optional" } else { "" };
        let _ = writeln!(out, "{indent}n{i}[\"{}\"]{class}", escape::mermaid(&skill.name));
        for k in &junctions_of[i] {
            let _ = writeln!(out, "{indent}j{k}((\"{junction_label}\"))");
        }
    };
    for (g, (title, members)) in diagram.top_level().iter().enumerate() {
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
        let _ = writeln!(out, "  n{} --> n{}", edge.from, edge.to);
    }
    for (k, junction) in diagram.junctions.iter().enumerate() {
        for m in &junction.members {
            let _ = writeln!(out, "  n{m} -.- j{k}");
        }
        let _ = writeln!(out, "  j{k} --> n{}", junction.to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diagram::tests::{hostile_roadmap, roadmap};

    /// `deploy` needs (TensorFlow or PyTorch) and (AWS or GCP): two junctions,
    /// each with one arrow into `deploy`, never four alternatives.
    const TWO_GROUPS: &str = r#"{"id": "r", "title": "R", "version": "1.0.0",
        "skills": [{"id": "tf", "name": "TensorFlow"}, {"id": "pt", "name": "PyTorch"},
                   {"id": "aws", "name": "AWS"}, {"id": "gcp", "name": "GCP"}, {"id": "git", "name": "Git"},
                   {"id": "deploy", "name": "Deploy", "prerequisites": ["git", {"any_of": ["tf", "pt"]}, {"any_of": ["aws", "gcp"]}]}]}"#;

    #[test]
    fn two_any_of_groups_are_two_junctions() {
        let chart = mermaid(&roadmap(TWO_GROUPS), &MermaidOptions::default());
        let expected = "flowchart LR\n  n0[\"TensorFlow\"]\n  n1[\"PyTorch\"]\n  n2[\"AWS\"]\n  n3[\"GCP\"]\n  n4[\"Git\"]\n  \
            n5[\"Deploy\"]\n  j0((\"or\"))\n  j1((\"or\"))\n  n4 --> n5\n  n0 -.- j0\n  n1 -.- j0\n  j0 --> n5\n  \
            n2 -.- j1\n  n3 -.- j1\n  j1 --> n5\n";
        assert_eq!(chart, expected);
        let unlabeled = mermaid(&roadmap(TWO_GROUPS), &MermaidOptions { label_any_of: false, ..Default::default() });
        assert!(unlabeled.contains("  j1((\" \"))\n"), "{unlabeled}");
    }

    #[test]
    fn subgraphs_close_and_edges_come_last() {
        let r = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0",
            "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]},
                       {"id": "c", "name": "C"}, {"id": "d", "name": "D", "prerequisites": [{"any_of": ["a", "c"]}]}],
            "phases": [{"id": "p1", "title": "One", "phases": [{"id": "p1-w1", "title": "Nested", "skills": ["b", "d"]}]},
                       {"id": "p2", "title": "Two", "skills": ["a", "b"]}]}"#,
        );
        let chart = mermaid(&r, &MermaidOptions::default());
        let expected = "flowchart LR\n  subgraph g0[\"One\"]\n    n1[\"B\"]\n    n3[\"D\"]\n    j0((\"or\"))\n  end\n  \
                        subgraph g1[\"Two\"]\n    n0[\"A\"]\n  end\n  n2[\"C\"]\n  n0 --> n1\n  n0 -.- j0\n  n2 -.- j0\n  \
                        j0 --> n3\n";
        assert_eq!(chart, expected);
        let plain = mermaid(&r, &MermaidOptions { group_by_phase: false, label_any_of: true });
        assert!(!plain.contains("subgraph"), "{plain}");
    }

    #[test]
    fn hostile_names_stay_inside_labels() {
        let hostile = hostile_roadmap();
        let chart = mermaid(&hostile, &MermaidOptions::default());
        assert_eq!(
            chart,
            "flowchart LR\n  subgraph g0[\"end#quot;#93; #37;#37;#123;init#125;#37;#37;\"]\n    \
             n0[\"x#quot;#93; --#gt; y#91;#quot;z end #96;#96;#96;\"]\n  end\n"
        );
    }
}

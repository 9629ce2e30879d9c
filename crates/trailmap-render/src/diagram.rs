//! The prerequisite graph as the diagrams draw it, by index into
//! `roadmap.skills`: phases as a tree of clusters, plain prerequisite
//! edges, and `any_of` groups as junctions. Every diagram format draws
//! this one model.

use std::collections::{HashMap, HashSet};

use trailmap::{Prerequisite, Roadmap};

use crate::phase_title;

/// Phases nested deeper than this are drawn inside their ancestor at this
/// depth: nesting comes from the input, and a picture gains nothing from
/// boxes twenty levels deep.
pub(crate) const MAX_CLUSTER_DEPTH: usize = 6;

/// A phase drawn as a box around the skills it teaches first.
pub(crate) struct Cluster {
    /// The phase's heading (unescaped).
    pub title: String,
    /// Nesting depth, 0 for a top-level phase (capped by [`MAX_CLUSTER_DEPTH`]).
    pub depth: usize,
    /// The skills this phase itself teaches first, in its order.
    pub skills: Vec<usize>,
    /// Skills taught first here or in a nested cluster.
    pub total: usize,
}

/// A prerequisite that is one skill: `from` is needed by `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
}

/// An `any_of` group of `to`'s prerequisites: any one of `members` is enough.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Junction {
    pub members: Vec<usize>,
    pub to: usize,
}

pub(crate) struct Diagram {
    /// Phases that teach at least one skill (themselves or nested), in
    /// document order (a phase before its nested ones); empty when not grouping.
    pub clusters: Vec<Cluster>,
    /// Skills in no cluster, in file order.
    pub loose: Vec<usize>,
    /// Plain prerequisites, one per pair, in file order of the needing skill.
    pub edges: Vec<Edge>,
    /// `any_of` groups of two or more existing members, in the same order.
    pub junctions: Vec<Junction>,
}

impl Diagram {
    pub(crate) fn new(roadmap: &Roadmap, group: bool) -> Self {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(roadmap.skills.len());
        for (i, skill) in roadmap.skills.iter().enumerate() {
            index.entry(skill.id.as_str()).or_insert(i);
        }
        let (clusters, loose) =
            if group { clusters(roadmap, &index) } else { (Vec::new(), (0..roadmap.skills.len()).collect()) };

        let mut edges = Vec::new();
        let mut junctions: Vec<Junction> = Vec::new();
        let mut seen = HashSet::new();
        for (to, skill) in roadmap.skills.iter().enumerate() {
            // A group with a member that is required anyway is always
            // satisfied: drawing it would only add noise.
            let plain: HashSet<usize> = skill
                .prerequisites
                .iter()
                .filter(|p| matches!(p, Prerequisite::Skill(_)))
                .flat_map(|p| p.skill_ids().filter_map(|id| index.get(id).copied()))
                .collect();
            for prerequisite in &skill.prerequisites {
                // Unknown ids are left out: every edge joins declared nodes.
                let mut members: Vec<usize> = Vec::new();
                for m in prerequisite.skill_ids().filter_map(|id| index.get(id).copied()) {
                    if !members.contains(&m) {
                        members.push(m);
                    }
                }
                let any_of = matches!(prerequisite, Prerequisite::AnyOf(_));
                if any_of && members.iter().any(|m| plain.contains(m)) {
                    continue;
                }
                match members.as_slice() {
                    [] => {}
                    [from] => {
                        if seen.insert((*from, to)) {
                            edges.push(Edge { from: *from, to });
                        }
                    }
                    _ => {
                        let junction = Junction { members, to };
                        if !junctions.iter().rev().take_while(|j| j.to == to).any(|j| *j == junction) {
                            junctions.push(junction);
                        }
                    }
                }
            }
        }
        Diagram { clusters, loose, edges, junctions }
    }

    /// The top-level clusters, each with every skill it or a nested phase
    /// teaches first, in document order.
    pub(crate) fn top_level(&self) -> Vec<(&str, Vec<usize>)> {
        let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
        for cluster in &self.clusters {
            if cluster.depth == 0 {
                out.push((&cluster.title, Vec::new()));
            }
            if let Some((_, skills)) = out.last_mut() {
                skills.extend(&cluster.skills);
            }
        }
        out
    }
}

/// Each skill goes to the first phase in document order that teaches it.
fn clusters(roadmap: &Roadmap, index: &HashMap<&str, usize>) -> (Vec<Cluster>, Vec<usize>) {
    let mut grouped = vec![false; roadmap.skills.len()];
    let mut all: Vec<(Cluster, Option<usize>)> = Vec::new();
    // The cluster each phase's skills go to: its own, or its ancestor at
    // the depth cap.
    let nodes = trailmap::graph::phase_nodes(roadmap);
    let mut home = Vec::with_capacity(nodes.len());
    for node in &nodes {
        let target = match node.parent {
            Some(parent) if node.depth > MAX_CLUSTER_DEPTH => home[parent],
            parent => {
                let parent = parent.map(|p: usize| home[p]);
                all.push((
                    Cluster { title: phase_title(node.phase), depth: node.depth, skills: Vec::new(), total: 0 },
                    parent,
                ));
                all.len() - 1
            }
        };
        home.push(target);
        for id in &node.phase.skills {
            if let Some(&i) = index.get(id.as_str()) {
                if !grouped[i] {
                    grouped[i] = true;
                    all[target].0.skills.push(i);
                }
            }
        }
    }
    // Children come after their parent, so one backward pass sums subtrees.
    for k in (0..all.len()).rev() {
        all[k].0.total += all[k].0.skills.len();
        if let Some(parent) = all[k].1 {
            all[parent].0.total += all[k].0.total;
        }
    }
    let clusters = all.into_iter().map(|(c, _)| c).filter(|c| c.total > 0).collect();
    let loose = (0..roadmap.skills.len()).filter(|&i| !grouped[i]).collect();
    (clusters, loose)
}

/// Ids for the nodes a diagram adds (junctions, phase anchors) that no
/// skill id equals: `prefix` and a number, with `_` in front until free.
pub(crate) fn fresh_prefix(roadmap: &Roadmap, prefix: &str) -> String {
    let ids: HashSet<&str> = roadmap.skills.iter().map(|s| s.id.as_str()).collect();
    let mut prefix = prefix.to_owned();
    while ids.iter().any(|id| {
        id.strip_prefix(prefix.as_str()).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }) {
        prefix.insert(0, '_');
    }
    prefix
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The typed parse alone: some cases (a reference to no skill) would
    /// not validate, but the library must render whatever `Roadmap` it is
    /// given. Hostile ids are set on the model directly.
    pub(crate) fn roadmap(json: &str) -> Roadmap {
        serde_json::from_str(json).expect("roadmap")
    }

    /// Names and ids that try to break out of every diagram syntax. The ids
    /// are ones a file cannot hold (the typed parse refuses them), set on
    /// the model directly: the renderers must escape whatever they are given.
    pub(crate) fn hostile_roadmap() -> Roadmap {
        let mut hostile = roadmap(
            r#"{"id": "r", "title": "T\\", "version": "1.0.0",
            "skills": [{"id": "a", "name": "x\"] --> y[\"z\nend\n```"}],
            "phases": [{"id": "p", "title": "end\"]\n%%{init}%%", "skills": ["a"]}]}"#,
        );
        hostile.id = "r\"} x".into();
        hostile.skills[0].id = "a\"b".into();
        hostile.phases[0].skills[0] = "a\"b".into();
        hostile
    }

    const TWO_PHASES: &str = r#"{"id": "r", "title": "R", "version": "1.0.0",
        "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a", {"any_of": ["a", "c"]}]},
                   {"id": "c", "name": "C"}, {"id": "d", "name": "D", "prerequisites": ["ghost", {"any_of": ["a", "c", "a"]}, {"any_of": ["c", "ghost"]}]}],
        "phases": [{"id": "p1", "title": "One", "phases": [{"id": "p1-w1", "title": "Nested", "skills": ["b"]}]},
                   {"id": "p2", "title": "Two", "skills": ["a", "b"]},
                   {"id": "p3", "title": "Empty"}]}"#;

    #[test]
    fn a_skill_goes_to_the_first_phase_that_teaches_it_nested_included() {
        let diagram = Diagram::new(&roadmap(TWO_PHASES), true);
        let clusters: Vec<(&str, usize, &[usize])> =
            diagram.clusters.iter().map(|c| (c.title.as_str(), c.depth, c.skills.as_slice())).collect();
        assert_eq!(clusters, [("One", 0, &[][..]), ("Nested", 1, &[1][..]), ("Two", 0, &[0][..])], "empty phases go");
        assert_eq!(diagram.top_level(), [("One", vec![1]), ("Two", vec![0])]);
        assert_eq!(diagram.loose, [2, 3]);
        let ungrouped = Diagram::new(&roadmap(TWO_PHASES), false);
        assert!(ungrouped.clusters.is_empty());
        assert_eq!(ungrouped.loose, [0, 1, 2, 3]);
    }

    #[test]
    fn groups_stay_groups_unless_implied_or_single() {
        let diagram = Diagram::new(&roadmap(TWO_PHASES), true);
        // b's group holds `a`, which b needs anyway; d's second group has one
        // existing member, so it is a plain edge.
        assert_eq!(diagram.edges, [Edge { from: 0, to: 1 }, Edge { from: 2, to: 3 }]);
        assert_eq!(diagram.junctions, [Junction { members: vec![0, 2], to: 3 }]);
    }

    #[test]
    fn deep_phases_are_drawn_in_their_ancestor_at_the_cap() {
        let mut json = String::from(r#"{"id": "s0", "title": "P0", "skills": ["a"], "phases": []}"#);
        for depth in 1..=10 {
            let skill = if depth == 10 { r#"["b"]"# } else { "[]" };
            json = format!(r#"{{"id": "p{depth}", "title": "P{depth}", "skills": {skill}, "phases": [{json}]}}"#);
        }
        let roadmap = roadmap(&format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}], "phases": [{json}]}}"#
        ));
        let diagram = Diagram::new(&roadmap, true);
        assert_eq!(diagram.clusters.len(), MAX_CLUSTER_DEPTH + 1);
        assert_eq!(diagram.clusters.last().map(|c| (c.depth, c.skills.clone())), Some((MAX_CLUSTER_DEPTH, vec![0])));
        assert_eq!(diagram.clusters[0].skills, [1]);
    }

    #[test]
    fn fresh_prefixes_avoid_skill_ids() {
        let mut r = roadmap(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "or1", "name": "A"}, {"id": "or", "name": "B"}]}"#,
        );
        // Not an id a file may hold, set on the model directly.
        r.skills[1].id = "_or".into();
        assert_eq!(fresh_prefix(&r, "or"), "_or");
        assert_eq!(fresh_prefix(&r, "phase"), "phase");
    }
}

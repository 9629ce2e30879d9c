//! The graph algorithms that the benchmarks made faster, held to brute
//! force on small random graphs: redundant prerequisites (pruned searches)
//! and cycle detection (Kahn's algorithm before any strongly connected
//! component search).

use proptest::prelude::*;
use trailmap::{Roadmap, SkillGraph};

/// Up to 9 skills; each entry is a plain prerequisite or an `any_of`
/// group of skill indices (cycles and self-prerequisites allowed).
fn graph() -> impl Strategy<Value = Vec<Vec<(bool, Vec<usize>)>>> {
    (1usize..10).prop_flat_map(|n| {
        proptest::collection::vec(
            proptest::collection::vec((any::<bool>(), proptest::collection::vec(0..n, 1..3)), 0..4),
            n,
        )
    })
}

/// Only the members that come earlier in the file: no cycle.
fn acyclic(mut entries: Vec<Vec<(bool, Vec<usize>)>>) -> Vec<Vec<(bool, Vec<usize>)>> {
    for (i, list) in entries.iter_mut().enumerate() {
        for (_, members) in list.iter_mut() {
            members.retain(|&m| m < i);
        }
        list.retain(|(_, members)| !members.is_empty());
    }
    entries
}

/// Prerequisite lists as the roadmap has them: a plain entry is its first member.
fn edges(entries: &[Vec<(bool, Vec<usize>)>]) -> Vec<Vec<usize>> {
    entries
        .iter()
        .map(|l| l.iter().flat_map(|(group, m)| if *group { m.clone() } else { vec![m[0]] }).collect())
        .collect()
}

fn roadmap(entries: &[Vec<(bool, Vec<usize>)>]) -> Roadmap {
    let id = |i: usize| format!("s{i}");
    let skills: Vec<serde_json::Value> = entries
        .iter()
        .enumerate()
        .map(|(i, list)| {
            let prerequisites: Vec<serde_json::Value> = list
                .iter()
                .map(|(group, members)| {
                    if *group {
                        serde_json::json!({ "any_of": members.iter().map(|&m| id(m)).collect::<Vec<_>>() })
                    } else {
                        serde_json::json!(id(members[0]))
                    }
                })
                .collect();
            serde_json::json!({ "id": id(i), "name": format!("Skill {i}"), "prerequisites": prerequisites })
        })
        .collect();
    let value = serde_json::json!({ "id": "r", "title": "R", "version": "1.0.0", "skills": skills });
    serde_json::from_value(value).unwrap()
}

/// Skills reachable from `from` through `edges` (prerequisite lists), `from` excluded unless on a cycle.
fn reach(edges: &[Vec<usize>], from: usize) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut stack = edges[from].clone();
    while let Some(x) = stack.pop() {
        if !seen[x] {
            seen[x] = true;
            stack.extend(&edges[x]);
        }
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn redundant_prerequisites_match_brute_force(entries in graph().prop_map(acyclic)) {
        let roadmap = roadmap(&entries);
        let plain: Vec<Vec<usize>> =
            entries.iter().map(|l| l.iter().filter(|(g, _)| !g).map(|(_, m)| m[0]).collect()).collect();
        let mut expected = Vec::new();
        for (v, list) in entries.iter().enumerate() {
            for (entry, (group, members)) in list.iter().enumerate() {
                if *group {
                    continue;
                }
                let target = members[0];
                // The first other plain prerequisite that needs `target` through plain ones.
                let via = list
                    .iter()
                    .filter(|(g, _)| !g)
                    .map(|(_, m)| m[0])
                    .find(|&q| q != target && reach(&plain, q)[target]);
                if let Some(via) = via {
                    expected.push((format!("s{v}"), format!("s{target}"), format!("s{via}"), entry));
                }
            }
        }
        let got: Vec<(String, String, String, usize)> = SkillGraph::new(&roadmap)
            .redundant_prerequisites()
            .into_iter()
            .map(|r| (r.skill.to_owned(), r.prerequisite.to_owned(), r.via.to_owned(), r.entry))
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn cycles_are_found_exactly_when_there_are_some(entries in graph()) {
        let roadmap = roadmap(&entries);
        let all = edges(&entries);
        let cyclic = (0..entries.len()).any(|v| reach(&all, v)[v]);
        let n = entries.len();
        // TM007 reports skills that can never be learned: the naive least
        // fixed point (a plain entry needs its skill learned, an `any_of`
        // entry one of its members), iterated until nothing changes.
        let mut learned = vec![false; n];
        let mut changed = true;
        while changed {
            changed = false;
            for v in 0..n {
                if !learned[v] && entries[v].iter().all(|(g, m)| if *g { m.iter().any(|&w| learned[w]) } else { learned[m[0]] }) {
                    learned[v] = true;
                    changed = true;
                }
            }
        }
        let long_cycle = learned.iter().any(|&l| !l);
        let self_loop = all.iter().enumerate().any(|(v, e)| e.contains(&v));
        let graph = SkillGraph::new(&roadmap);
        prop_assert_eq!(!graph.cycles().is_empty(), cyclic);
        // Loading reports cycles of two or more skills (a self-prerequisite has its own code).
        let text = serde_json::to_string(&roadmap).unwrap();
        let loaded = Roadmap::from_json_str(&text);
        if !self_loop {
            prop_assert_eq!(loaded.diagnostics.iter().any(|d| d.code == "TM007"), long_cycle);
        }
        prop_assert_eq!(loaded.diagnostics.iter().any(|d| d.code == "TM006"), self_loop);
    }
}

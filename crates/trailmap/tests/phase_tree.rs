//! `PhaseTree` against a recursive oracle on random phase trees.

use proptest::prelude::*;
use trailmap::Phase;
use trailmap::graph::{PhaseEvent, PhaseTree};

/// A tree of phases from nested child counts, ids numbered in pre-order.
fn tree() -> impl Strategy<Value = Vec<Phase>> {
    let leaf = Just(Vec::<serde_json::Value>::new()).boxed();
    let nested = leaf.prop_recursive(4, 40, 4, |inner| {
        proptest::collection::vec(inner, 0..4)
            .prop_map(|children| children.into_iter().map(|c| serde_json::json!(c)).collect::<Vec<_>>())
    });
    nested.prop_map(|shape| {
        let mut next = 0;
        fn build(shape: &[serde_json::Value], next: &mut usize) -> Vec<serde_json::Value> {
            shape
                .iter()
                .map(|children| {
                    let id = format!("p{next}");
                    *next += 1;
                    let kids = children.as_array().map(|c| build(c, next)).unwrap_or_default();
                    serde_json::json!({"id": id, "title": id, "phases": kids})
                })
                .collect()
        }
        let phases = build(&shape, &mut next);
        serde_json::from_value(serde_json::Value::Array(phases)).expect("phases deserialize")
    })
}

/// (id, parent id, depth, position), pre-order, by recursion.
fn oracle<'a>(
    phases: &'a [Phase],
    parent: Option<&'a str>,
    depth: usize,
    out: &mut Vec<(&'a str, Option<&'a str>, usize, usize)>,
) {
    for (position, phase) in phases.iter().enumerate() {
        out.push((phase.id.as_str(), parent, depth, position));
        oracle(&phase.phases, Some(phase.id.as_str()), depth + 1, out);
    }
}

proptest! {
    #[test]
    fn the_walk_matches_recursion(phases in tree()) {
        let mut expected = Vec::new();
        oracle(&phases, None, 0, &mut expected);
        let visits: Vec<_> = PhaseTree::new(&phases).collect();
        let walked: Vec<_> = visits
            .iter()
            .map(|v| (v.phase.id.as_str(), v.parent.map(|p| visits[p].phase.id.as_str()), v.depth, v.position))
            .collect();
        prop_assert_eq!(&walked, &expected);
        prop_assert!(visits.iter().enumerate().all(|(i, v)| v.index == i));
        // Every enter has its leave, after everything nested in it.
        let mut open = Vec::new();
        for event in PhaseTree::events(&phases) {
            match event {
                PhaseEvent::Enter(v) => open.push(v.index),
                PhaseEvent::Leave(v) => prop_assert_eq!(open.pop(), Some(v.index)),
            }
        }
        prop_assert!(open.is_empty());
    }
}

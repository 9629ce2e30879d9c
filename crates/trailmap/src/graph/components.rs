//! Strongly connected components of a graph given as adjacency slices:
//! Tarjan's algorithm on an explicit stack (a chain of a million skills
//! cannot overflow it), in flat arrays. petgraph's Kosaraju wanted a graph
//! of its own and a list per component: on a cyclic roadmap of 100k
//! skills that was most of `validate`'s peak memory.

/// No index yet.
const NONE: u32 = u32::MAX;

/// Each node's component (numbered from 0, in the order Tarjan's search
/// completes them) of the graph of `n` nodes whose node `v` has an edge to
/// each of `edges(v)`, and how many components there are.
pub(super) fn strongly_connected<'g>(n: usize, edges: impl Fn(u32) -> &'g [u32]) -> (Vec<u32>, u32) {
    // `order[v]`: when `v` was reached; `low[v]`: the earliest reached
    // node `v`'s search can get back to while that node is still open.
    let mut order = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut component = vec![NONE; n];
    // Nodes reached and not yet given a component, in the order reached.
    let mut open: Vec<u32> = Vec::new();
    // The search's own stack: a node and how many of its edges it has taken.
    let mut calls: Vec<(u32, usize)> = Vec::new();
    let (mut reached, mut components) = (0u32, 0u32);
    for root in 0..n {
        if order[root] != NONE {
            continue;
        }
        calls.push((root as u32, 0));
        while let Some(&(v, taken)) = calls.last() {
            if taken == 0 && order[v as usize] == NONE {
                // Reached now.
                order[v as usize] = reached;
                low[v as usize] = reached;
                reached += 1;
                open.push(v);
            }
            let out = edges(v);
            if let Some(&w) = out.get(taken) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if order[w as usize] == NONE {
                    calls.push((w, 0));
                } else if component[w as usize] == NONE {
                    // Still open: on the current search's way back.
                    low[v as usize] = low[v as usize].min(order[w as usize]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v as usize]);
            }
            if low[v as usize] == order[v as usize] {
                while let Some(w) = open.pop() {
                    component[w as usize] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    (component, components)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::strongly_connected;

    /// Whether `to` can be reached from `from` (the brute-force oracle).
    fn reaches(adj: &[Vec<u32>], from: usize, to: usize) -> bool {
        let mut seen = vec![false; adj.len()];
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            if !std::mem::replace(&mut seen[v], true) {
                stack.extend(adj[v].iter().map(|&w| w as usize));
            }
        }
        false
    }

    proptest! {
        /// Two nodes share a component exactly when each reaches the
        /// other, and the components are numbered 0 up.
        #[test]
        fn components_are_mutual_reachability(
            adj in (1usize..40).prop_flat_map(|n| prop::collection::vec(prop::collection::vec(0..n as u32, 0..4), n)),
        ) {
            let (component, count) = strongly_connected(adj.len(), |v| adj[v as usize].as_slice());
            let mut used = vec![false; count as usize];
            for &c in &component {
                used[c as usize] = true;
            }
            prop_assert!(used.iter().all(|&u| u));
            for a in 0..adj.len() {
                for b in 0..adj.len() {
                    let together = reaches(&adj, a, b) && reaches(&adj, b, a);
                    prop_assert_eq!(component[a] == component[b], together, "{} {}", a, b);
                }
            }
        }
    }

    /// A chain of a million nodes closed into one cycle is one component,
    /// found without recursion.
    #[test]
    fn a_long_cycle_is_one_component() {
        let n = 1_000_000u32;
        let next: Vec<u32> = (0..n).map(|v| (v + 1) % n).collect();
        let (component, count) = strongly_connected(n as usize, |v| std::slice::from_ref(&next[v as usize]));
        assert_eq!(count, 1);
        assert!(component.iter().all(|&c| c == 0));
    }
}

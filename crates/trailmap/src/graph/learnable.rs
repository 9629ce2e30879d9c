//! Which skills can be learned at all, and in what order, on the AND/OR
//! prerequisite graph: a skill needs every plain prerequisite and one
//! member of each `any_of` group, so a cycle through one alternative does
//! not block a skill that another alternative reaches.
//!
//! A least fixed point computed by a worklist with one counter per skill
//! (requirements still unmet) and one flag per requirement (met): each
//! (requirement, member) pair is visited once, so it is linear, and it
//! never recurses.

use super::order::{ByPhase, Ready, kahn};
use super::{SkillGraph, to_u32};

/// The learnable skills in learning order: each after all its plain
/// prerequisites and after at least one member of each `any_of` group.
/// Ties go to the earlier phase, then to file order. Skills that can never
/// be learned are left out.
pub(super) fn order(graph: &SkillGraph<'_>) -> Vec<u32> {
    let n = graph.len();
    // Requirement `r` (numbered across all skills) belongs to `owner[r]`.
    let mut owner: Vec<u32> = Vec::new();
    let mut unmet = vec![0u32; n];
    // Occurrences of each skill as a member: CSR by member skill.
    let mut count = vec![0u32; n + 1];
    for (i, unmet_i) in unmet.iter_mut().enumerate() {
        for r in graph.requirements_of(to_u32(i)) {
            owner.push(to_u32(i));
            *unmet_i += 1;
            for &m in r.members {
                count[m as usize + 1] += 1;
            }
        }
    }
    for k in 0..n {
        count[k + 1] += count[k];
    }
    let mut fill = count.clone();
    let mut occurs_in = vec![0u32; count[n] as usize];
    let mut slot = 0u32;
    for i in 0..n {
        for r in graph.requirements_of(to_u32(i)) {
            for &m in r.members {
                occurs_in[fill[m as usize] as usize] = slot;
                fill[m as usize] += 1;
            }
            slot += 1;
        }
    }
    let mut met = vec![false; owner.len()];
    let mut ready = ByPhase::new(&graph.phase_rank);
    for (i, _) in unmet.iter().enumerate().filter(|(_, u)| **u == 0) {
        ready.push(to_u32(i));
    }
    kahn(ready, |i, ready| {
        for &r in &occurs_in[count[i as usize] as usize..count[i as usize + 1] as usize] {
            if met[r as usize] {
                continue;
            }
            met[r as usize] = true;
            let d = owner[r as usize] as usize;
            unmet[d] -= 1;
            if unmet[d] == 0 {
                ready.push(to_u32(d));
            }
        }
    })
}

/// `learnable[i]` for every skill: `true` when it can ever be learned.
pub(super) fn mask(graph: &SkillGraph<'_>) -> Vec<bool> {
    let mut learnable = vec![false; graph.len()];
    for i in order(graph) {
        learnable[i as usize] = true;
    }
    learnable
}

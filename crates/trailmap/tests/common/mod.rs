//! Pieces of the random roadmaps the property tests build.

use proptest::sample::Index;
use serde_json::{Value, json};

/// Skill `i`'s prerequisite list from random picks `(a, kind, b)`: skill
/// `a < i`, or, for kind 0, the group `{"any_of": [a, b]}`.
pub fn prerequisites(i: usize, picks: &[(Index, u8, Index)]) -> Vec<Value> {
    if i == 0 {
        return Vec::new();
    }
    picks
        .iter()
        .map(|(a, kind, b)| {
            let x = format!("s{}", a.index(i));
            if *kind == 0 { json!({"any_of": [x, format!("s{}", b.index(i))]}) } else { json!(x) }
        })
        .collect()
}

/// `count` phases of a week each; skill `i` is taught in phase `phase_of[i]`.
pub fn phases<P: Copy + Into<usize>>(phase_of: &[P], count: usize) -> Vec<Value> {
    (0..count)
        .map(|p| {
            let ids: Vec<String> =
                (0..phase_of.len()).filter(|&i| phase_of[i].into() == p).map(|i| format!("s{i}")).collect();
            json!({"id": format!("p{p}"), "title": format!("Phase {p}"), "skills": ids, "span": {"unit": "week", "start": p + 1}})
        })
        .collect()
}

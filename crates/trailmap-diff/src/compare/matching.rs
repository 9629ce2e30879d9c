//! Matching two lists by id, the fewest moves that explain a reordering,
//! and rename hints between what was removed and what was added.

// Id tables with foldhash: SipHash was a tenth of a 100k-skill diff.
use foldhash::{HashMap, HashMapExt};

use trailmap::suggest::levenshtein;

use super::text::*;

/// Above this many removed × added pairs, rename hints only look for equal
/// names (a hash lookup) instead of comparing every pair by edit distance.
pub(super) const FUZZY_PAIR_BUDGET: usize = 250_000;

/// Which items of two lists share an id.
pub(super) struct Matching {
    /// `(old index, new index)`, in old order.
    pub(super) pairs: Vec<(usize, usize)>,
    /// Old indices without a partner.
    pub(super) removed: Vec<usize>,
    /// New indices without a partner.
    pub(super) added: Vec<usize>,
}

pub(super) fn match_ids<'a>(old: impl Iterator<Item = &'a str>, new: impl Iterator<Item = &'a str>) -> Matching {
    let new: Vec<&str> = new.collect();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(new.len());
    for (j, id) in new.iter().enumerate() {
        index.entry(id).or_insert(j);
    }
    let mut taken = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (i, id) in old.enumerate() {
        match index.get(id) {
            Some(&j) if !taken[j] => {
                taken[j] = true;
                pairs.push((i, j));
            }
            _ => removed.push(i),
        }
    }
    let added = (0..new.len()).filter(|&j| !taken[j]).collect();
    Matching { pairs, removed, added }
}

/// Positions in `seq` outside one longest increasing subsequence: the
/// fewest items whose move explains the new order.
pub(super) fn moved_positions(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    (0..seq.len()).filter(|&i| !keep[i]).collect()
}

/// Edit distance between two names or ids when they are the same or very
/// similar (case-insensitive; within a third of the shorter one's length,
/// for names of three characters or more).
pub(super) fn similarity(a: &str, b: &str) -> Option<usize> {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let shorter = a.chars().count().min(b.chars().count());
    if shorter < 3 {
        return None;
    }
    let limit = (shorter / 3).max(1);
    if a.chars().count().abs_diff(b.chars().count()) > limit {
        return None;
    }
    let d = levenshtein(&a, &b, limit);
    (d <= limit).then_some(d)
}

/// For each removed `(id, name)`, the index in `added` of the closest added
/// item with the same or a very similar name or id, if any.
pub(super) fn rename_candidates(removed: &[(&str, &str)], added: &[(&str, &str)]) -> Vec<Option<usize>> {
    if removed.len().saturating_mul(added.len()) > FUZZY_PAIR_BUDGET {
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (j, (_, name)) in added.iter().enumerate() {
            by_name.entry(name.trim().to_lowercase()).or_insert(j);
        }
        return removed.iter().map(|(_, name)| by_name.get(&name.trim().to_lowercase()).copied()).collect();
    }
    removed
        .iter()
        .map(|(old_id, old_name)| {
            let mut best: Option<(usize, usize)> = None;
            for (j, (new_id, new_name)) in added.iter().enumerate() {
                let d = [similarity(old_name, new_name), similarity(old_id, new_id)].into_iter().flatten().min();
                if let Some(d) = d {
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, j));
                    }
                }
            }
            best.map(|(_, j)| j)
        })
        .collect()
}

/// Hints for removed and added items that look like one renamed item:
/// `(hints for removed, hints for added)`, indexed like the inputs.
pub(super) fn rename_hints(
    removed: &[(&str, &str)],
    added: &[(&str, &str)],
    former_ids: bool,
) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let candidates = rename_candidates(removed, added);
    let mut added_hints: Vec<Option<String>> = vec![None; added.len()];
    let removed_hints = candidates
        .iter()
        .enumerate()
        .map(|(i, candidate)| {
            let j = (*candidate)?;
            let (old_id, new_id) = (removed[i].0, added[j].0);
            if added_hints[j].is_none() {
                added_hints[j] = Some(if former_ids {
                    format!("possibly renamed from {}: add {} to its former_ids", code(old_id), code(old_id))
                } else {
                    format!(
                        "possibly renamed from {}: if so, keep the old id (only skills can list former ids)",
                        code(old_id)
                    )
                });
            }
            Some(if former_ids {
                format!("possibly renamed to {}: add {} to its former_ids", code(new_id), code(old_id))
            } else {
                format!(
                    "possibly renamed to {}: if so, keep the old id (only skills can list former ids)",
                    code(new_id)
                )
            })
        })
        .collect();
    (removed_hints, added_hints)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_positions_finds_the_fewest_moves() {
        assert!(moved_positions(&[0, 1, 2]).is_empty());
        assert_eq!(moved_positions(&[1, 2, 0]), [2]);
        assert_eq!(moved_positions(&[2, 0, 1]), [0]);
        assert_eq!(moved_positions(&[3, 2, 1, 0]).len(), 3);
        assert!(moved_positions(&[]).is_empty());
    }

    #[test]
    fn similarity_is_case_insensitive_and_bounded() {
        assert_eq!(similarity("NumPy", "numpy"), Some(0));
        assert_eq!(similarity("Python", "Python 3"), Some(2));
        assert_eq!(similarity("Pandas", "Polars"), None);
        assert_eq!(similarity("C", "R"), None, "one-letter names are never fuzzy matches");
        assert_eq!(similarity("", ""), None);
    }

    #[test]
    fn hints_fall_back_to_equal_names_on_huge_inputs() {
        let removed: Vec<(String, String)> = (0..600).map(|i| (format!("r{i}"), format!("Name {i}"))).collect();
        let added: Vec<(String, String)> = (0..600).map(|i| (format!("a{i}"), format!("name {i}"))).collect();
        let r: Vec<(&str, &str)> = removed.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let a: Vec<(&str, &str)> = added.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let found = rename_candidates(&r, &a);
        assert_eq!(found[7], Some(7));
    }
}

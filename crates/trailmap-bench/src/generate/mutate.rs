//! The next version of a generated roadmap, for diff benchmarks: removals,
//! renames with `former_ids`, added edges, text edits.

use std::collections::{HashMap, HashSet};

use trailmap::{Prerequisite, Roadmap, SmallString};

use crate::rng::Rng;

/// What [`mutate`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mutations {
    /// Skills removed (with every reference to them).
    pub removed: usize,
    /// Skills renamed (old id kept in `former_ids`, references updated).
    pub renamed: usize,
    /// Plain prerequisites added.
    pub edges_added: usize,
    /// Names or descriptions edited.
    pub texts_edited: usize,
}

/// A changed copy of `roadmap`, as a next version might be: 0.5% of the
/// skills removed, 1% renamed (with `former_ids`), 1% gaining a
/// prerequisite, 2% with a new name or description, and a major version.
/// Stays valid: new edges go from an earlier skill to a later one, as every
/// edge of a generated roadmap does, so no cycle can appear.
///
/// ```
/// use trailmap_bench::generate::{generate, mutate};
///
/// let old = generate(400, 3);
/// let (new, done) = mutate(&old, 3);
/// assert_eq!(new.skills.len(), old.skills.len() - done.removed);
/// assert!(!trailmap_diff::diff(&old, &new).is_empty());
/// ```
pub fn mutate(roadmap: &Roadmap, seed: u64) -> (Roadmap, Mutations) {
    let mut rng = Rng::new(seed ^ 0x6D75_7461_7465);
    let mut new = roadmap.clone();
    let mut done = Mutations::default();
    let n = new.skills.len();
    new.version = "2.0.0".to_owned();

    let mut removed: HashSet<SmallString> = HashSet::new();
    for _ in 0..(n / 200).max(1).min(n / 2) {
        removed.insert(new.skills[rng.below(n)].id.clone());
    }
    done.removed = removed.len();
    new.skills.retain(|s| !removed.contains(&s.id));
    let mut renames: HashMap<SmallString, SmallString> = HashMap::new();
    let m = new.skills.len();
    for _ in 0..(m / 100).max(1).min(m) {
        let skill = &mut new.skills[rng.below(m)];
        if skill.former_ids.is_empty() {
            let renamed = SmallString::from(format!("{}-2", skill.id));
            let old = std::mem::replace(&mut skill.id, renamed);
            renames.insert(old.clone(), skill.id.clone());
            skill.former_ids.push(old.into());
        }
    }
    done.renamed = renames.len();
    rewrite_references(&mut new, &removed, &renames);

    for _ in 0..(m / 100).max(1) {
        if m < 2 {
            break;
        }
        let i = 1 + rng.below(m - 1);
        let j = i - 1 - rng.below(i.min(200));
        let target = new.skills[j].id.clone();
        let skill = &mut new.skills[i];
        if !skill.prerequisites.iter().any(|p| p.skill_ids().any(|id| id == target)) {
            skill.prerequisites.push(Prerequisite::Skill(target));
            done.edges_added += 1;
        }
    }
    for _ in 0..(m / 50).max(1) {
        if m == 0 {
            break;
        }
        let skill = &mut new.skills[rng.below(m)];
        if rng.percent(25) {
            skill.name.push_str(" Essentials");
        } else {
            skill.description = Some(format!(
                "{} Now with a section on failure modes.",
                skill.description.as_deref().unwrap_or("Updated.")
            ));
        }
        done.texts_edited += 1;
    }
    (new, done)
}

/// Drops references to removed skills and follows renames, everywhere a
/// skill id can appear.
fn rewrite_references(
    roadmap: &mut Roadmap,
    removed: &HashSet<SmallString>,
    renames: &HashMap<SmallString, SmallString>,
) {
    roadmap.retain_skill_references(|id| {
        if removed.contains(id) {
            return false;
        }
        if let Some(new) = renames.get(id) {
            id.clone_from(new);
        }
        true
    });
}

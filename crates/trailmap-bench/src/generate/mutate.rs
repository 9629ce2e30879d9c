//! The next version of a generated roadmap, for diff benchmarks: removals,
//! renames with `former_ids`, added edges, text edits.

use std::collections::{HashMap, HashSet};

use trailmap::{NotedSkill, Phase, Prerequisite, Roadmap, SkillMention};

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

    let mut removed: HashSet<String> = HashSet::new();
    for _ in 0..(n / 200).max(1).min(n / 2) {
        removed.insert(new.skills[rng.below(n)].id.clone());
    }
    done.removed = removed.len();
    new.skills.retain(|s| !removed.contains(&s.id));
    let mut renames: HashMap<String, String> = HashMap::new();
    let m = new.skills.len();
    for _ in 0..(m / 100).max(1).min(m) {
        let skill = &mut new.skills[rng.below(m)];
        if skill.former_ids.is_empty() {
            let renamed = format!("{}-2", skill.id);
            let old = std::mem::replace(&mut skill.id, renamed);
            renames.insert(old.clone(), skill.id.clone());
            skill.former_ids.push(old);
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
fn rewrite_references(roadmap: &mut Roadmap, removed: &HashSet<String>, renames: &HashMap<String, String>) {
    let keep = |id: &String| !removed.contains(id);
    let rename = |id: &mut String| {
        if let Some(new) = renames.get(id) {
            id.clone_from(new);
        }
    };
    let fix_list = |list: &mut Vec<Prerequisite>| {
        list.retain_mut(|p| match p {
            Prerequisite::Skill(id) => {
                rename(id);
                keep(id)
            }
            Prerequisite::AnyOf(group) => {
                group.any_of.retain(keep);
                group.any_of.iter_mut().for_each(rename);
                !group.any_of.is_empty()
            }
        });
    };
    let fix_ids = |list: &mut Vec<String>| {
        list.retain(keep);
        list.iter_mut().for_each(rename);
    };
    for skill in &mut roadmap.skills {
        fix_list(&mut skill.prerequisites);
    }
    let mut stack: Vec<&mut Phase> = roadmap.phases.iter_mut().collect();
    while let Some(phase) = stack.pop() {
        fix_ids(&mut phase.skills);
        for task in &mut phase.tasks {
            fix_list(&mut task.skills);
        }
        stack.extend(phase.phases.iter_mut());
    }
    for project in &mut roadmap.projects {
        fix_list(&mut project.skills);
    }
    for practice in &mut roadmap.practices {
        fix_ids(&mut practice.skills);
    }
    for milestone in &mut roadmap.milestones {
        for criterion in &mut milestone.criteria {
            fix_list(&mut criterion.skills);
        }
    }
    for exclusion in &mut roadmap.exclusions {
        if exclusion.skill.as_ref().is_some_and(|id| !keep(id)) {
            exclusion.skill = None;
        }
        if let Some(id) = &mut exclusion.skill {
            rename(id);
        }
    }
    for area in &mut roadmap.areas {
        area.skills.retain(|m| keep(&m.skill_id().to_owned()));
        for mention in &mut area.skills {
            match mention {
                SkillMention::Id(id) | SkillMention::Noted(NotedSkill { skill: id, .. }) => rename(id),
            }
        }
    }
}

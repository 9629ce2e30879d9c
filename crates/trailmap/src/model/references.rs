//! Every place a roadmap names a skill by id, visited once: the one walk
//! for tools that rename or drop skills (the bench's mutated copies, an
//! editor's rename).

use super::{Prerequisite, Roadmap, SkillMention, SmallString};

impl Roadmap {
    /// Calls `keep` on every reference to a skill id (prerequisites and
    /// `any_of` members, the skills of phases at every depth, tasks,
    /// projects, practices, milestone criteria, exclusions and areas), in
    /// that order; `keep` may rewrite the id in place and returns whether
    /// the reference stays. An `any_of` group left empty goes too; a
    /// dropped exclusion reference becomes `None`. Skills' own ids are not
    /// references.
    ///
    /// ```
    /// let mut roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "py", "name": "Python"}, {"id": "old", "name": "Old"},
    ///     {"id": "np", "name": "NumPy", "prerequisites": ["py", {"any_of": ["old"]}]}]}"#).roadmap.unwrap();
    /// roadmap.retain_skill_references(|id| {
    ///     if id == "py" {
    ///         *id = "python".into();
    ///     }
    ///     id != "old"
    /// });
    /// assert_eq!(roadmap.skills[2].prerequisites, [trailmap::Prerequisite::Skill("python".into())]);
    /// ```
    pub fn retain_skill_references(&mut self, mut keep: impl FnMut(&mut SmallString) -> bool) {
        let prerequisites = |list: &mut Vec<Prerequisite>, keep: &mut dyn FnMut(&mut SmallString) -> bool| {
            list.retain_mut(|p| match p {
                Prerequisite::Skill(id) => keep(id),
                Prerequisite::AnyOf(group) => {
                    group.any_of.retain_mut(|id| keep(id));
                    !group.any_of.is_empty()
                }
            });
        };
        for skill in &mut self.skills {
            prerequisites(&mut skill.prerequisites, &mut keep);
        }
        let mut stack: Vec<&mut super::Phase> = self.phases.iter_mut().collect();
        while let Some(phase) = stack.pop() {
            phase.skills.retain_mut(|id| keep(id));
            for task in &mut phase.tasks {
                prerequisites(&mut task.skills, &mut keep);
            }
            stack.extend(phase.phases.iter_mut());
        }
        for project in &mut self.projects {
            prerequisites(&mut project.skills, &mut keep);
        }
        for practice in &mut self.practices {
            practice.skills.retain_mut(|id| keep(id));
        }
        for milestone in &mut self.milestones {
            for criterion in &mut milestone.criteria {
                prerequisites(&mut criterion.skills, &mut keep);
            }
        }
        for exclusion in &mut self.exclusions {
            if exclusion.skill.as_mut().is_some_and(|id| !keep(id)) {
                exclusion.skill = None;
            }
        }
        for area in &mut self.areas {
            area.skills.retain_mut(|mention| match mention {
                SkillMention::Id(id) => keep(id),
                SkillMention::Noted(noted) => keep(&mut noted.skill),
            });
        }
    }
}

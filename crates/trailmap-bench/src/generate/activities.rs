//! Projects, practices, milestones, exclusions and the areas table, each
//! using only skills its phase (or an earlier one) teaches.

use std::collections::HashMap;

use trailmap::{
    AnyOf, Area, Cadence, Criterion, Exclusion, Milestone, MilestoneKind, NotedSkill, Practice, Prerequisite, Project,
    Roadmap, Skill, SkillMention,
};

use super::phases::Section;
use super::{AREAS, TOPICS, u32_of};
use crate::rng::Rng;

/// Projects, practices and milestones per top-level phase, a few
/// exclusions, and an areas table; each only uses skills its phase (or an
/// earlier one) teaches.
pub(super) fn add_activities(roadmap: &mut Roadmap, skills: &[Skill], sections: &[Section], rng: &mut Rng) {
    let pick = |rng: &mut Rng, range: &std::ops::Range<usize>| range.start + rng.below(range.len());
    for (k, section) in sections.iter().enumerate() {
        let p = k + 1;
        let last_week = section.week_ids.last().cloned().unwrap_or_else(|| section.id.clone());
        let mut used: Vec<trailmap::SmallString> = Vec::new();
        for _ in 0..3 + rng.below(4) {
            let id = &skills[pick(rng, &section.skills)].id;
            if !used.contains(id) {
                used.push(id.clone());
            }
        }
        let lead = &skills[section.skills.start];
        let mut project = Project::new(format!("project-{p}"), format!("Capstone {p}: {} service", lead.name));
        project.number = Some(u32_of(p));
        project.description = Some("An end-to-end project that uses what this stage teaches.".to_owned());
        project.phase = Some(last_week.clone());
        project.skills = used.into_iter().map(Prerequisite::Skill).collect();
        project.deliverables = vec!["source code".to_owned(), "a README with results".to_owned()];
        project.optional = rng.percent(10);
        roadmap.projects.push(project);
        let cadence = if rng.percent(50) { Cadence::Daily } else { Cadence::Weekly };
        let mut practice = Practice::new(
            format!("practice-{p}"),
            cadence,
            format!("Review {}", skills[section.first_week_skills.start].name),
        );
        practice.topics = vec![TOPICS[rng.below(TOPICS.len())].to_owned()];
        practice.phase = Some(section.id.clone());
        practice.skills = vec![skills[pick(rng, &section.first_week_skills)].id.clone()];
        roadmap.practices.push(practice);
        let criteria = (0..2 + rng.below(3))
            .map(|c| {
                let a = &skills[pick(rng, &section.skills)];
                let b = &skills[pick(rng, &section.skills)];
                let group = c == 1 && a.id != b.id;
                let mut criterion = Criterion::new(if group {
                    format!("Can use {} or {}", a.name, b.name)
                } else {
                    format!("Can explain {}", a.name)
                });
                criterion.skills = vec![if group {
                    Prerequisite::from(AnyOf::new([a.id.clone(), b.id.clone()]))
                } else {
                    Prerequisite::Skill(a.id.clone())
                }];
                criterion.target = (c == 0).then_some(10);
                criterion
            })
            .collect();
        let mut milestone = Milestone::new(format!("milestone-{p}"), format!("Ready for stage {}", p + 1));
        milestone.kind = Some(MilestoneKind::Checklist);
        milestone.phase = Some(last_week);
        milestone.criteria = criteria;
        roadmap.milestones.push(milestone);
    }
    if let Some(first) = sections.first() {
        for k in 1..=3 {
            let mut exclusion = Exclusion::new(format!("exclusion-{k}"), format!("Research-level topic {k}"));
            exclusion.reason = Some("Not needed to apply the skills in practice".to_owned());
            exclusion.phase = Some(first.id.clone());
            exclusion.skill = (k == 1).then(|| skills[first.skills.start].id.clone());
            roadmap.exclusions.push(exclusion);
        }
    }
    let mut by_area: HashMap<&str, Vec<SkillMention>> = HashMap::new();
    for skill in skills {
        let Some(area) = skill.area.as_deref() else { continue };
        let list = by_area.entry(area).or_default();
        if list.len() < 12 {
            list.push(if list.len().is_multiple_of(4) {
                let mut noted = NotedSkill::new(skill.id.clone());
                noted.note = Some("core".to_owned());
                SkillMention::from(noted)
            } else {
                SkillMention::Id(skill.id.clone())
            });
        }
    }
    for (id, name) in AREAS {
        if let Some(mentions) = by_area.remove(id) {
            let mut area = Area::new(*id, *name);
            area.skills = mentions;
            roadmap.areas.push(area);
        }
    }
}

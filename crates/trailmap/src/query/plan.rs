//! `plan`: everything still to learn to reach some goals, in order.

use std::collections::VecDeque;

use super::{Effort, QueryError};

mod choose;
use crate::graph::{SkillGraph, to_u32};
use crate::{Progress, Skill, Status};
use choose::Picker;

/// One step of a [`Plan`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanStep<'r> {
    /// The skill to learn.
    pub skill: &'r Skill,
    /// Its whole effort, from the roadmap.
    pub effort: Effort,
    /// Hours the progress file logs on it (only for a skill being learned).
    pub logged_hours: f64,
    /// Hours still to spend: the effort less the logged hours, at least 0.
    pub remaining_hours: f64,
    /// When the skill was picked from an `any_of` group: the alternatives
    /// it was chosen over, and why.
    pub chosen: Option<Choice>,
}

/// Which member of an `any_of` group a plan picked, and why.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Choice {
    /// The skill whose prerequisite the group is.
    pub for_skill: String,
    /// The members not chosen.
    pub over: Vec<String>,
    /// Why: [`Choice::ALREADY_LEARNING`], [`Choice::LEAST_EFFORT`] or
    /// [`Choice::FIRST_IN_GROUP`].
    pub why: &'static str,
}

impl Choice {
    /// The member chosen is being learned.
    pub const ALREADY_LEARNING: &'static str = "already learning";
    /// The member chosen takes the least effort, counting what it still
    /// needs (its own missing prerequisites).
    pub const LEAST_EFFORT: &'static str = "least effort, prerequisites included";
    /// Several members take the least effort, counting what they still
    /// need; the group lists this one first.
    pub const FIRST_IN_GROUP: &'static str = "listed first in the group among equal efforts, prerequisites included";
}

/// Everything still to learn to reach some goals, in a valid order.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Plan<'r> {
    /// The goals asked for.
    pub goals: Vec<String>,
    /// Skills to learn, each after all its prerequisites.
    pub steps: Vec<PlanStep<'r>>,
    /// Hours still to spend, over all steps.
    pub total_hours: f64,
    /// `true` when any step's effort is estimated (not given by the roadmap).
    pub estimated: bool,
}

impl<'r> SkillGraph<'r> {
    /// Everything still to learn to reach `goals`, each skill after all its
    /// prerequisites. Done and skipped skills (and what only they needed)
    /// are left out. An `any_of` group with a done or skipped member, or
    /// with a member the plan holds anyway, adds nothing. Otherwise the
    /// member being learned is chosen, else the one that takes least
    /// effort together with what it still needs (its own missing
    /// prerequisites), and among equal efforts the one the group lists
    /// first. No step can be left out while the plan stays complete. A
    /// skill being learned needs its effort less the hours logged on it.
    ///
    /// ```
    /// use trailmap::{Progress, Roadmap, SkillGraph};
    ///
    /// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "python", "name": "Python", "effort_hours": 20},
    ///     {"id": "flask", "name": "Flask", "prerequisites": ["python"], "effort_hours": 6},
    ///     {"id": "fastapi", "name": "FastAPI", "prerequisites": ["python"], "effort_hours": 4},
    ///     {"id": "serving", "name": "Serving", "prerequisites": [{"any_of": ["flask", "fastapi"]}], "effort_hours": 5}
    /// ]}"#).roadmap.unwrap();
    /// let graph = SkillGraph::new(&roadmap);
    /// let plan = graph.plan(&["serving"], &Progress::default()).unwrap();
    /// let ids: Vec<_> = plan.steps.iter().map(|s| s.skill.id.as_str()).collect();
    /// assert_eq!(ids, ["python", "fastapi", "serving"]);
    /// assert_eq!(plan.total_hours, 29.0);
    /// assert_eq!(plan.steps[1].chosen.as_ref().unwrap().over, ["flask"]);
    /// ```
    pub fn plan<S: AsRef<str>>(&self, goals: &[S], progress: &Progress) -> Result<Plan<'r>, QueryError> {
        let goal_ids = self.resolve_goals(goals)?;
        let order = self.learnable_indices();
        if order.len() < self.len() {
            return Err(QueryError::Cycles(self.blocked_cycles()));
        }
        // Alternatives are picked only among skills learnable before the
        // one needing them ([`Picker::open_members`]).
        let mut rank = vec![0u32; self.len()];
        for (k, &i) in order.iter().enumerate() {
            rank[i as usize] = to_u32(k);
        }
        let satisfied = self.satisfied_mask(progress);
        let picker = Picker { graph: self, progress, rank: &rank, satisfied: &satisfied };
        let cost = picker.closure_costs(&order);
        let mut wanted = vec![false; self.len()];
        let mut is_goal = vec![false; self.len()];
        let mut chosen: Vec<Option<(Choice, u32)>> = vec![None; self.len()];
        let mut queue: VecDeque<u32> = goal_ids.iter().copied().filter(|&g| !satisfied[g as usize]).collect();
        for &g in &queue {
            wanted[g as usize] = true;
            is_goal[g as usize] = true;
        }
        while let Some(i) = queue.pop_front() {
            for r in self.requirements_of(i) {
                let Some(eligible) = picker.open_members(i, &r) else { continue };
                let pick = if let Some(&m) = eligible.iter().find(|&&m| wanted[m as usize]) {
                    m // already in the plan for another reason: reuse it
                } else {
                    let (pick, why) = picker.pick(&eligible, &cost);
                    if let (Some(why), None) = (why, &chosen[pick as usize]) {
                        let over = eligible.iter().filter(|&&m| m != pick).map(|&m| self.id(m).to_owned()).collect();
                        chosen[pick as usize] = Some((Choice { for_skill: self.id(i).to_owned(), over, why }, i));
                    }
                    pick
                };
                if !wanted[pick as usize] {
                    wanted[pick as usize] = true;
                    queue.push_back(pick);
                }
            }
        }
        picker.prune(&order, &mut wanted, &is_goal);
        // A choice stands only while the skill it was made for is planned
        // and no alternative it was chosen over is planned anyway.
        let mut chosen: Vec<Option<Choice>> = chosen
            .into_iter()
            .map(|c| {
                c.filter(|(c, for_skill)| {
                    wanted[*for_skill as usize]
                        && !c.over.iter().any(|id| self.index_of(id).is_some_and(|m| wanted[m as usize]))
                })
                .map(|(c, _)| c)
            })
            .collect();
        let mut steps = Vec::new();
        let mut total = 0.0;
        let mut estimated = false;
        for i in order {
            if wanted[i as usize] {
                let (effort, logged_hours, remaining_hours) = self.remaining_at(i, progress);
                total += remaining_hours;
                estimated |= effort.is_estimated();
                steps.push(PlanStep {
                    skill: &self.roadmap().skills[i as usize],
                    effort,
                    logged_hours,
                    remaining_hours,
                    chosen: chosen[i as usize].take(),
                });
            }
        }
        Ok(Plan {
            goals: goal_ids.iter().map(|&g| self.id(g).to_owned()).collect(),
            steps,
            total_hours: total,
            estimated,
        })
    }

    /// A skill's effort, the hours logged on it (a skill being learned
    /// only), and the hours left.
    fn remaining_at(&self, i: u32, progress: &Progress) -> (Effort, f64, f64) {
        let effort = self.effort_at(i);
        let logged = progress
            .skills
            .0
            .get(self.id(i))
            .filter(|p| p.status == Status::Learning)
            .and_then(|p| p.hours)
            .filter(|h| h.is_finite() && *h > 0.0)
            .unwrap_or(0.0);
        let remaining = (effort.hours - logged).max(0.0);
        (effort, logged, remaining)
    }

    /// A plan covering the whole roadmap: every required skill not yet
    /// done or skipped, and the optional ones only where a required skill
    /// needs them. For schedules without a goal.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    /// #   {"id": "a", "name": "A"}, {"id": "b", "name": "B", "prerequisites": ["a"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// let plan = graph.plan_all(&trailmap::Progress::with_done(["a"])).unwrap();
    /// assert_eq!(plan.steps.len(), 1);
    /// ```
    pub fn plan_all(&self, progress: &Progress) -> Result<Plan<'r>, QueryError> {
        let goals: Vec<&str> = self
            .roadmap()
            .skills
            .iter()
            .enumerate()
            .filter(|(i, s)| !s.optional && self.index_of(&s.id) == Some(to_u32(*i)))
            .map(|(_, s)| s.id.as_str())
            .collect();
        let mut plan = self.plan(&goals, progress)?;
        plan.goals.clear();
        Ok(plan)
    }
}

//! `next`: the skills a learner can start now, ranked.

use std::collections::VecDeque;

use super::{QueryError, Reason};
use crate::graph::{SkillGraph, to_u32};
use crate::{Progress, Skill, Status};

/// Transitive dependents are counted up to this many; more shows as "N+".
///
/// Why 1,000: the count ranks skills after phase order and tells a learner
/// "this opens a lot"; past a thousand skills the exact figure changes
/// neither. The cap bounds `next` at candidates × cap steps, which on a
/// 100k-skill roadmap with 2,000 startable skills is 4× cheaper than
/// parsing the file (at 10,000 it cost more than the parse).
pub const UNLOCK_COUNT_CAP: usize = 1_000;

/// A skill the learner can start now, with why it ranks where it does.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Suggestion<'r> {
    /// The skill.
    pub skill: &'r Skill,
    /// Reasons, most important first.
    pub reasons: Vec<Reason>,
}

/// What to rank by in [`SkillGraph::next`].
///
/// ```
/// let options = trailmap::query::NextOptions::default().with_goals(["fastapi"]).with_limit(5);
/// assert_eq!(options.goals, ["fastapi"]);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct NextOptions {
    /// Goals: skills that serve them more directly rank higher.
    pub goals: Vec<String>,
    /// At most this many suggestions.
    pub limit: Option<usize>,
}

impl NextOptions {
    /// These goals (ids), replacing any set before.
    pub fn with_goals<S: Into<String>>(mut self, goals: impl IntoIterator<Item = S>) -> Self {
        self.goals = goals.into_iter().map(Into::into).collect();
        self
    }

    /// At most `limit` suggestions.
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl<'r> SkillGraph<'r> {
    /// The skills the learner can start now: not done or skipped, every
    /// prerequisite satisfied (done or skipped; an `any_of` group needs one
    /// member). Ranked: skills being learned first, required before
    /// optional, then by how directly they serve a goal, then by phase
    /// order, then by how many skills they unlock, then file order.
    ///
    /// ```
    /// use trailmap::{Progress, Roadmap, SkillGraph, query::NextOptions};
    ///
    /// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "python", "name": "Python"},
    ///     {"id": "git", "name": "Git"},
    ///     {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]},
    ///     {"id": "pandas", "name": "Pandas", "prerequisites": ["numpy"]}
    /// ]}"#).roadmap.unwrap();
    /// let graph = SkillGraph::new(&roadmap);
    /// let next = graph.next(&Progress::with_done(["python"]), &NextOptions::default()).unwrap();
    /// let ids: Vec<_> = next.iter().map(|s| s.skill.id.as_str()).collect();
    /// assert_eq!(ids, ["numpy", "git"]); // numpy unlocks pandas
    /// assert_eq!(next[0].reasons[0].to_string(), "unlocks 1 skill");
    ///
    /// // A goal the roadmap lacks is an error, as in `plan`.
    /// let options = NextOptions::default().with_goals(["pandsa"]);
    /// assert!(graph.next(&Progress::default(), &options).is_err());
    /// ```
    pub fn next(&self, progress: &Progress, options: &NextOptions) -> Result<Vec<Suggestion<'r>>, QueryError> {
        let goals = self.resolve_goals(&options.goals)?;
        let satisfied = self.satisfied_mask(progress);
        let goal_distance = self.goal_distances(&goals);
        let mut stamp = vec![0u32; self.len()];
        let mut generation = 0u32;
        let mut ranked = Vec::new();
        for (i, skill) in self.roadmap().skills.iter().enumerate() {
            let i = to_u32(i);
            if satisfied[i as usize] || self.index_of(&skill.id) != Some(i) {
                continue;
            }
            if !self.requirements_of(i).all(|r| r.members.iter().any(|&m| satisfied[m as usize])) {
                continue;
            }
            generation += 1;
            let (unlocks, capped) = self.count_unlocks(i, &satisfied, &mut stamp, generation);
            let learning = progress.status(&skill.id) == Some(Status::Learning);
            let distance = goal_distance.get(i as usize).copied().flatten();
            let key = (
                !learning,
                skill.optional,
                distance.map_or(usize::MAX, |(d, _)| d),
                self.phase_rank_of(i),
                usize::MAX - unlocks,
                i,
            );
            let mut reasons = Vec::new();
            if learning {
                reasons.push(Reason::Learning);
            }
            if let Some((d, goal)) = distance {
                reasons.push(if d == 0 {
                    Reason::Goal
                } else {
                    Reason::NeededFor {
                        goal: self.id(goal).to_owned(),
                        name: String::from(&self.roadmap().skills[goal as usize].name),
                        steps: d,
                    }
                });
            }
            if let Some(label) = self.where_taught(&skill.id) {
                reasons.push(Reason::InPhase { title: label });
            }
            if unlocks > 0 {
                reasons.push(Reason::Unlocks { count: unlocks, capped });
            }
            if skill.optional {
                reasons.push(Reason::Optional);
            }
            // Present the reasons in ranking order, as promised.
            ranked.push((key, Suggestion { skill, reasons }));
        }
        ranked.sort_by_key(|(key, _)| *key);
        let limit = options.limit.unwrap_or(usize::MAX);
        Ok(ranked.into_iter().take(limit).map(|(_, s)| s).collect())
    }

    /// For each skill, the distance (in prerequisite steps) to the nearest
    /// goal it leads to, and that goal. Breadth-first from the goals.
    fn goal_distances(&self, goals: &[u32]) -> Vec<Option<(usize, u32)>> {
        let mut dist: Vec<Option<(usize, u32)>> = vec![None; if goals.is_empty() { 0 } else { self.len() }];
        let mut queue = VecDeque::new();
        for &i in goals {
            if dist[i as usize].is_none() {
                dist[i as usize] = Some((0, i));
                queue.push_back(i);
            }
        }
        while let Some(i) = queue.pop_front() {
            let (d, goal) = dist[i as usize].unwrap_or((0, i));
            for r in self.requirements_of(i) {
                for &m in r.members {
                    if dist[m as usize].is_none() {
                        dist[m as usize] = Some((d + 1, goal));
                        queue.push_back(m);
                    }
                }
            }
        }
        dist
    }

    fn count_unlocks(&self, start: u32, satisfied: &[bool], stamp: &mut [u32], generation: u32) -> (usize, bool) {
        let mut count = 0usize;
        let mut stack = vec![start];
        stamp[start as usize] = generation;
        while let Some(i) = stack.pop() {
            for &d in self.dependents_of(i) {
                if stamp[d as usize] != generation {
                    stamp[d as usize] = generation;
                    if !satisfied[d as usize] {
                        count += 1;
                        if count >= UNLOCK_COUNT_CAP {
                            return (count, true);
                        }
                    }
                    stack.push(d);
                }
            }
        }
        (count, false)
    }
}

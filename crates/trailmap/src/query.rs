//! Learner queries on a [`SkillGraph`]: what can I learn next, what must I
//! learn to reach a goal, and how does that fit in N hours a week.
//!
//! All three take the graph built once and a [`Progress`]; none of them
//! revalidates or rebuilds anything.

use std::collections::VecDeque;
use std::fmt;

use crate::graph::{SkillGraph, to_u32};
use crate::{Progress, Skill, Status};

pub use crate::effort::{DEFAULT_ROADMAP_HOURS_PER_WEEK, DEFAULT_SKILL_HOURS, Effort, EffortSource};

/// Transitive dependents are counted up to this many; more shows as "N+".
///
/// Why 1,000: the count ranks skills after phase order and tells a learner
/// "this opens a lot"; past a thousand skills the exact figure changes
/// neither. The cap bounds `next` at candidates × cap steps, which on a
/// 100k-skill roadmap with 2,000 startable skills is 4× cheaper than
/// parsing the file (at 10,000 it cost more than the parse).
pub const UNLOCK_COUNT_CAP: usize = 1_000;

/// Why a skill is suggested, in ranking order.
///
/// ```
/// use trailmap::query::Reason;
/// assert_eq!(Reason::Unlocks { count: 7, capped: false }.to_string(), "unlocks 7 skills");
/// let reason = Reason::NeededFor { goal: "fastapi".into(), name: "FastAPI".into(), steps: 1 };
/// assert_eq!(reason.to_string(), "needed for FastAPI");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The learner has started it.
    Learning,
    /// It is one of the goals.
    Goal,
    /// A goal needs it, `steps` prerequisites away (1: directly).
    NeededFor {
        /// The goal's id.
        goal: String,
        /// The goal's name.
        name: String,
        /// Distance in prerequisite steps.
        steps: usize,
    },
    /// The roadmap teaches it in this phase.
    InPhase {
        /// The phase's title.
        title: String,
    },
    /// Learning it is a step towards this many other skills.
    Unlocks {
        /// Number of transitive dependents not yet done.
        count: usize,
        /// `true` when counting stopped at [`UNLOCK_COUNT_CAP`].
        capped: bool,
    },
    /// The roadmap marks it optional.
    Optional,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Learning => f.write_str("you are learning it"),
            Reason::Goal => f.write_str("your goal"),
            Reason::NeededFor { name, steps: 1, .. } => write!(f, "needed for {name}"),
            Reason::NeededFor { name, steps, .. } => write!(f, "leads to {name} in {steps} steps"),
            Reason::InPhase { title } => write!(f, "in {title}"),
            Reason::Unlocks { count: 1, .. } => f.write_str("unlocks 1 skill"),
            Reason::Unlocks { count, capped } => write!(f, "unlocks {count}{} skills", if *capped { "+" } else { "" }),
            Reason::Optional => f.write_str("optional"),
        }
    }
}

impl Reason {
    /// A stable machine name for JSON output.
    ///
    /// ```
    /// assert_eq!(trailmap::query::Reason::Optional.kind(), "optional");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::Learning => "learning",
            Reason::Goal => "goal",
            Reason::NeededFor { .. } => "needed-for",
            Reason::InPhase { .. } => "in-phase",
            Reason::Unlocks { .. } => "unlocks",
            Reason::Optional => "optional",
        }
    }
}

/// A skill the learner can start now, with why it ranks where it does.
#[derive(Debug, Clone)]
pub struct Suggestion<'r> {
    /// The skill.
    pub skill: &'r Skill,
    /// Reasons, most important first.
    pub reasons: Vec<Reason>,
}

/// What to rank by in [`SkillGraph::next`].
///
/// ```
/// let options = trailmap::query::NextOptions { goals: vec!["fastapi".into()], limit: Some(5) };
/// assert_eq!(options.limit, Some(5));
/// ```
#[derive(Debug, Clone, Default)]
pub struct NextOptions {
    /// Goals: skills that serve them more directly rank higher.
    pub goals: Vec<String>,
    /// At most this many suggestions.
    pub limit: Option<usize>,
}

/// One step of a [`Plan`].
#[derive(Debug, Clone)]
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
    /// The member chosen takes the least effort.
    pub const LEAST_EFFORT: &'static str = "least effort";
    /// Several members take the least effort; the group lists this one first.
    pub const FIRST_IN_GROUP: &'static str = "listed first in the group among equal efforts";
}

/// Everything still to learn to reach some goals, in a valid order.
#[derive(Debug, Clone)]
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

/// Why a query could not be answered.
///
/// ```
/// let e = trailmap::query::QueryError::UnknownSkill { id: "x".into(), suggestion: Some("y".into()) };
/// assert_eq!(e.to_string(), "unknown skill `x` (did you mean `y`?)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum QueryError {
    /// A goal names no skill of the roadmap.
    UnknownSkill {
        /// The id asked for.
        id: String,
        /// The closest existing id.
        suggestion: Option<String>,
    },
    /// The prerequisites have cycles; validate the roadmap first.
    Cycles(Vec<crate::Cycle>),
    /// The pace is not a positive number of hours.
    BadPace(f64),
    /// The schedule would be longer than [`MAX_SCHEDULE_WEEKS`] weeks
    /// (the number of weeks it would take; infinite for an infinite effort).
    TooLong(f64),
}

/// The longest schedule [`SkillGraph::schedule`] builds, about 200 years:
/// a schedule holds the hours of every week, so an effort of `1e12` hours
/// from a file must be refused, not packed.
pub const MAX_SCHEDULE_WEEKS: u32 = 10_000;

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::UnknownSkill { id, suggestion: Some(s) } => {
                write!(f, "unknown skill `{id}` (did you mean `{s}`?)")
            }
            QueryError::UnknownSkill { id, suggestion: None } => write!(f, "unknown skill `{id}`"),
            QueryError::Cycles(c) => {
                write!(f, "the roadmap has {} prerequisite cycle(s); run `trailmap validate`", c.len())
            }
            QueryError::BadPace(h) => write!(f, "hours per week must be a positive number, not {h}"),
            QueryError::TooLong(weeks) => write!(
                f,
                "the schedule would take {weeks:.0} weeks, over the limit of {MAX_SCHEDULE_WEEKS}: check `effort_hours` and the pace"
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// One skill placed in a [`Schedule`].
#[derive(Debug, Clone)]
pub struct ScheduledSkill<'r> {
    /// The skill.
    pub skill: &'r Skill,
    /// Its whole effort, from the roadmap.
    pub effort: Effort,
    /// Hours already logged on it.
    pub logged_hours: f64,
    /// Hours scheduled: the effort less the logged hours.
    pub remaining_hours: f64,
    /// First week (1-based).
    pub start_week: u32,
    /// Last week, inclusive.
    pub end_week: u32,
    /// Hours in each week it spans, from `start_week` on.
    pub hours_by_week: Vec<f64>,
}

/// A plan packed into weeks of at most `hours_per_week` hours.
#[derive(Debug, Clone)]
pub struct Schedule<'r> {
    /// Hours of study per week.
    pub hours_per_week: f64,
    /// Skills in the order they start.
    pub items: Vec<ScheduledSkill<'r>>,
    /// Number of weeks used.
    pub weeks: u32,
    /// Hours scheduled, over all skills.
    pub total_hours: f64,
    /// `true` when any skill's effort is estimated.
    pub estimated: bool,
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
    /// let next = graph.next(&Progress::with_done(["python"]), &NextOptions::default());
    /// let ids: Vec<_> = next.iter().map(|s| s.skill.id.as_str()).collect();
    /// assert_eq!(ids, ["numpy", "git"]); // numpy unlocks pandas
    /// assert_eq!(next[0].reasons[0].to_string(), "unlocks 1 skill");
    /// ```
    pub fn next(&self, progress: &Progress, options: &NextOptions) -> Vec<Suggestion<'r>> {
        let satisfied = self.satisfied_mask(progress);
        let goal_distance = self.goal_distances(&options.goals);
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
                        name: self.roadmap().skills[goal as usize].name.clone(),
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
        ranked.into_iter().take(limit).map(|(_, s)| s).collect()
    }

    /// Everything still to learn to reach `goals`, each skill after all its
    /// prerequisites. Done and skipped skills (and what only they needed)
    /// are left out. For an `any_of` group with no satisfied member, the
    /// member being learned is chosen, else the one with least effort, and
    /// among equal efforts the one the group lists first. A skill being
    /// learned needs its effort less the hours logged on it.
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
    pub fn plan(&self, goals: &[&str], progress: &Progress) -> Result<Plan<'r>, QueryError> {
        let goal_ids = self.resolve_goals(goals)?;
        let order = self.learnable_indices();
        if order.len() < self.len() {
            return Err(QueryError::Cycles(self.blocked_cycles()));
        }
        // Alternatives are picked only among skills learnable before the
        // one needing them, so the plan follows `order` (an `any_of` member
        // on a cycle back to the skill is never picked).
        let mut rank = vec![0u32; self.len()];
        for (k, &i) in order.iter().enumerate() {
            rank[i as usize] = to_u32(k);
        }
        let satisfied = self.satisfied_mask(progress);
        let mut wanted = vec![false; self.len()];
        let mut chosen: Vec<Option<Choice>> = vec![None; self.len()];
        let mut queue: VecDeque<u32> = goal_ids.iter().copied().filter(|&g| !satisfied[g as usize]).collect();
        for &g in &queue {
            wanted[g as usize] = true;
        }
        while let Some(i) = queue.pop_front() {
            for r in self.requirements_of(i) {
                if r.members.iter().any(|&m| satisfied[m as usize]) {
                    continue;
                }
                let eligible: Vec<u32> =
                    r.members.iter().copied().filter(|&m| rank[m as usize] < rank[i as usize]).collect();
                let r = crate::graph::Requirement { members: &eligible, ..r };
                let pick = if r.members.len() == 1 {
                    r.members[0]
                } else if let Some(&m) = r.members.iter().find(|&&m| wanted[m as usize]) {
                    m // already in the plan for another reason: reuse it
                } else {
                    let learning =
                        r.members.iter().copied().find(|&m| progress.status(self.id(m)) == Some(Status::Learning));
                    let (pick, why) = match learning {
                        Some(m) => (m, Choice::ALREADY_LEARNING),
                        None => {
                            let cost = |m: u32| self.remaining_at(m, progress).2;
                            // `min_by` keeps the first of equal minima: the
                            // group's own order breaks ties.
                            let cheapest = r
                                .members
                                .iter()
                                .copied()
                                .min_by(|&a, &b| cost(a).total_cmp(&cost(b)))
                                .unwrap_or(r.members[0]);
                            let tie = r.members.iter().filter(|&&m| cost(m) <= cost(cheapest)).count() > 1;
                            (cheapest, if tie { Choice::FIRST_IN_GROUP } else { Choice::LEAST_EFFORT })
                        }
                    };
                    if chosen[pick as usize].is_none() {
                        chosen[pick as usize] = Some(Choice {
                            for_skill: self.id(i).to_owned(),
                            over: r.members.iter().filter(|&&m| m != pick).map(|&m| self.id(m).to_owned()).collect(),
                            why,
                        });
                    }
                    pick
                };
                if !wanted[pick as usize] {
                    wanted[pick as usize] = true;
                    queue.push_back(pick);
                }
            }
        }
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

    /// Packs a plan into weeks of at most `hours_per_week` hours. The
    /// learner studies one skill at a time, in plan order, so each skill
    /// starts after all its prerequisites end; a skill longer than what is
    /// left of a week continues into the next. A schedule longer than
    /// [`MAX_SCHEDULE_WEEKS`] is refused with [`QueryError::TooLong`].
    ///
    /// ```
    /// use trailmap::{Progress, Roadmap, SkillGraph};
    ///
    /// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "a", "name": "A", "effort_hours": 6}, {"id": "b", "name": "B", "prerequisites": ["a"], "effort_hours": 6}
    /// ]}"#).roadmap.unwrap();
    /// let graph = SkillGraph::new(&roadmap);
    /// let plan = graph.plan_all(&Progress::default()).unwrap();
    /// let schedule = graph.schedule(&plan, 10.0).unwrap();
    /// assert_eq!((schedule.items[1].start_week, schedule.items[1].end_week), (1, 2));
    /// assert_eq!(schedule.items[1].hours_by_week, [4.0, 2.0]);
    /// ```
    pub fn schedule(&self, plan: &Plan<'r>, hours_per_week: f64) -> Result<Schedule<'r>, QueryError> {
        if !(hours_per_week.is_finite() && hours_per_week > 0.0) {
            return Err(QueryError::BadPace(hours_per_week));
        }
        // Weeks are filled before the next begins: the hours decide the length.
        let total: f64 = plan.steps.iter().map(|s| s.remaining_hours.max(0.0)).sum();
        let weeks = total / hours_per_week + 1.0;
        if weeks.is_nan() || weeks > f64::from(MAX_SCHEDULE_WEEKS) {
            return Err(QueryError::TooLong(weeks));
        }
        let mut week = 1u32;
        let mut used = 0.0f64;
        let mut items = Vec::with_capacity(plan.steps.len());
        const EPS: f64 = 1e-9;
        for step in &plan.steps {
            let mut left = step.remaining_hours;
            // A skill with nothing left (its hours all logged) takes no
            // room, so it must not open a week of its own.
            if left > EPS && used >= hours_per_week - EPS {
                week += 1;
                used = 0.0;
            }
            let start_week = week;
            let mut hours_by_week = Vec::new();
            loop {
                let room = hours_per_week - used;
                let take = left.min(room);
                hours_by_week.push((take * 100.0).round() / 100.0);
                used += take;
                left -= take;
                if left <= EPS {
                    break;
                }
                week += 1;
                used = 0.0;
            }
            items.push(ScheduledSkill {
                skill: step.skill,
                effort: step.effort.clone(),
                logged_hours: step.logged_hours,
                remaining_hours: step.remaining_hours,
                start_week,
                end_week: week,
                hours_by_week,
            });
        }
        let weeks = if items.is_empty() { 0 } else { week };
        Ok(Schedule { hours_per_week, items, weeks, total_hours: total, estimated: plan.estimated })
    }

    fn resolve_goals(&self, goals: &[&str]) -> Result<Vec<u32>, QueryError> {
        goals
            .iter()
            .map(|g| {
                self.index_of(g).ok_or_else(|| QueryError::UnknownSkill {
                    id: (*g).to_owned(),
                    suggestion: crate::suggest::did_you_mean(g, self.roadmap().skills.iter().map(|s| s.id.as_str()))
                        .map(str::to_owned),
                })
            })
            .collect()
    }

    /// Satisfied (done or skipped) by skill index.
    fn satisfied_mask(&self, progress: &Progress) -> Vec<bool> {
        self.roadmap().skills.iter().map(|s| progress.is_satisfied(&s.id)).collect()
    }

    /// For each skill, the distance (in prerequisite steps) to the nearest
    /// goal it leads to, and that goal. Breadth-first from the goals.
    fn goal_distances(&self, goals: &[String]) -> Vec<Option<(usize, u32)>> {
        let mut dist: Vec<Option<(usize, u32)>> = vec![None; if goals.is_empty() { 0 } else { self.len() }];
        let mut queue = VecDeque::new();
        for g in goals {
            if let Some(i) = self.index_of(g) {
                if dist[i as usize].is_none() {
                    dist[i as usize] = Some((0, i));
                    queue.push_back(i);
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Roadmap;

    #[test]
    fn an_absurd_effort_is_refused_not_packed_week_by_week() {
        // Packed, 1e12 hours at 1 h/week would fill a terabyte-sized schedule.
        for effort in ["1e12", "1e308"] {
            let text = format!(
                r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{{"id": "a", "name": "A", "effort_hours": {effort}}}]}}"#
            );
            let roadmap = Roadmap::from_json_str(&text).roadmap.unwrap();
            let graph = SkillGraph::new(&roadmap);
            let plan = graph.plan_all(&Progress::default()).unwrap();
            assert!(matches!(graph.schedule(&plan, 1.0), Err(QueryError::TooLong(w)) if w > 1e11), "{effort}");
            assert!(graph.schedule(&plan, f64::MAX).is_ok());
        }
        // A roadmap pace so large that phase-derived efforts are infinite.
        let roadmap = Roadmap::from_json_str(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "hours_per_week": 1e308, "skills": [{"id": "a", "name": "A"}],
                "phases": [{"id": "p", "title": "P", "span": {"unit": "month", "start": 1, "end": 4000000000}, "skills": ["a"]}]}"#,
        )
        .roadmap
        .unwrap();
        let graph = SkillGraph::new(&roadmap);
        let plan = graph.plan_all(&Progress::default()).unwrap();
        assert!(matches!(graph.schedule(&plan, 1.0), Err(QueryError::TooLong(_))));
        // The limit itself is still a schedule.
        let roadmap = Roadmap::from_json_str(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A", "effort_hours": 1e6}]}"#,
        )
        .roadmap
        .unwrap();
        let graph = SkillGraph::new(&roadmap);
        let plan = graph.plan_all(&Progress::default()).unwrap();
        let weeks = f64::from(MAX_SCHEDULE_WEEKS - 10);
        assert!(graph.schedule(&plan, plan.total_hours / weeks).is_ok());
    }
}

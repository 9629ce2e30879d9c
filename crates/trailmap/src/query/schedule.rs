//! `schedule`: a plan packed into weeks at the learner's pace. It needs no
//! graph: the plan carries each step's hours.

use super::{Effort, Plan, QueryError};
use crate::Skill;

/// The longest schedule [`Plan::schedule`] builds, about 200 years:
/// a schedule holds the hours of every week, so an effort of `1e12` hours
/// from a file must be refused, not packed.
pub const MAX_SCHEDULE_WEEKS: u32 = 10_000;

/// Hours in a week, day and night: no pace can pack more. A schedule too
/// long at a pace but not at this one is [`QueryError::PaceTooSlow`].
pub const HOURS_IN_A_WEEK: f64 = 168.0;

/// One skill placed in a [`Schedule`].
#[derive(Debug, Clone)]
#[non_exhaustive]
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
#[non_exhaustive]
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

impl<'r> Plan<'r> {
    /// Packs a plan into weeks of at most `hours_per_week` hours. The
    /// learner studies one skill at a time, in plan order, so each skill
    /// starts after all its prerequisites end; a skill longer than what is
    /// left of a week continues into the next. A schedule longer than
    /// [`MAX_SCHEDULE_WEEKS`] is refused: with [`QueryError::PaceTooSlow`]
    /// when it would fit at [`HOURS_IN_A_WEEK`] (the pace is at fault),
    /// else with [`QueryError::TooLong`] (the efforts are).
    ///
    /// ```
    /// use trailmap::{Progress, Roadmap, SkillGraph};
    ///
    /// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
    ///     {"id": "a", "name": "A", "effort_hours": 6}, {"id": "b", "name": "B", "prerequisites": ["a"], "effort_hours": 6}
    /// ]}"#).roadmap.unwrap();
    /// let graph = SkillGraph::new(&roadmap);
    /// let plan = graph.plan_all(&Progress::default()).unwrap();
    /// let schedule = plan.schedule(10.0).unwrap();
    /// assert_eq!((schedule.items[1].start_week, schedule.items[1].end_week), (1, 2));
    /// assert_eq!(schedule.items[1].hours_by_week, [4.0, 2.0]);
    /// ```
    pub fn schedule(&self, hours_per_week: f64) -> Result<Schedule<'r>, QueryError> {
        let plan = self;
        if !(hours_per_week.is_finite() && hours_per_week > 0.0) {
            return Err(QueryError::BadPace(hours_per_week));
        }
        // Weeks are filled before the next begins: the hours decide the length.
        // Folded from +0: an empty `sum` of floats is -0, which JSON
        // would show as `-0.0`.
        let total = plan.steps.iter().map(|s| s.remaining_hours.max(0.0)).fold(0.0, |sum, h| sum + h);
        // Weeks are filled before the next one starts: ceil, not one more.
        let weeks = (total / hours_per_week).ceil();
        if weeks.is_nan() || weeks > f64::from(MAX_SCHEDULE_WEEKS) {
            // When even a week of study day and night would fit the hours
            // in the limit, the pace is at fault, not the efforts.
            let fastest = (total / HOURS_IN_A_WEEK).ceil();
            return Err(if fastest <= f64::from(MAX_SCHEDULE_WEEKS) {
                QueryError::PaceTooSlow { weeks, hours_per_week }
            } else {
                QueryError::TooLong(weeks)
            });
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
                // Two decimals; a value too large for a fraction as it is
                // (`take * 100` would overflow to infinity).
                hours_by_week.push(super::effort::round_hours(take));
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
        // Nothing to study (no step, or only steps with every hour
        // logged) takes no week.
        let weeks = if total <= EPS { 0 } else { week };
        Ok(Schedule { hours_per_week, items, weeks, total_hours: total, estimated: plan.estimated })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Progress, Roadmap, SkillGraph};

    /// The plan of a roadmap of one skill of `effort_hours` (the roadmap
    /// leaked: a plan borrows it).
    fn plan_of_one_skill(effort_hours: &str) -> crate::query::Plan<'static> {
        let text = format!(
            r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [{{"id": "a", "name": "A", "effort_hours": {effort_hours}}}]}}"#
        );
        let roadmap: &'static Roadmap = Box::leak(Box::new(Roadmap::from_json_str(&text).roadmap.unwrap()));
        SkillGraph::new(roadmap).plan_all(&Progress::default()).unwrap()
    }

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
            assert!(matches!(plan.schedule(1.0), Err(QueryError::TooLong(w)) if w > 1e11), "{effort}");
            assert!(matches!(plan.schedule(1e-9), Err(QueryError::TooLong(_))), "{effort}");
            let schedule = plan.schedule(f64::MAX).unwrap();
            assert!(schedule.items[0].hours_by_week.iter().all(|h| h.is_finite()), "{effort}");
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
        assert!(matches!(plan.schedule(1.0), Err(QueryError::TooLong(_))));
        // The limit itself is still a schedule.
        let plan = plan_of_one_skill("1e6");
        let weeks = f64::from(MAX_SCHEDULE_WEEKS - 10);
        assert!(plan.schedule(plan.total_hours / weeks).is_ok());
    }

    #[test]
    fn the_limit_counts_the_weeks_the_schedule_fills() {
        let plan = plan_of_one_skill("10");
        // 10 hours at 0.001 h a week: exactly the limit.
        let schedule = plan.schedule(0.001).unwrap();
        assert_eq!(schedule.weeks, MAX_SCHEDULE_WEEKS);
        let err = plan.schedule(0.000_999).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at 0.000999 h a week the schedule would take 10011 weeks, over the limit of 10000: study more hours a week"
        );
        // 1e12 hours: too long at any pace, so the efforts are at fault.
        let huge = plan_of_one_skill("1e12");
        assert!(matches!(huge.schedule(1.0), Err(QueryError::TooLong(_))));
        assert!(matches!(plan.schedule(1e-9), Err(QueryError::PaceTooSlow { .. })));
        assert_eq!(plan.schedule(5.0).unwrap().weeks, 2);
        assert_eq!(
            QueryError::TooLong(1e300).to_string().split(',').next(),
            Some("the schedule would take 1.0e300 weeks")
        );
        let infinite = QueryError::TooLong(f64::INFINITY).to_string();
        assert!(infinite.starts_with("the schedule would take over 1.8e308 weeks,"), "{infinite}");
        assert_eq!(plan.schedule(10.0).unwrap().weeks, 1);
    }

    #[test]
    fn nothing_to_study_takes_no_week_and_no_negative_zero() {
        let roadmap = Roadmap::from_json_str(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
                {"id": "a", "name": "A", "effort_hours": 5},
                {"id": "b", "name": "B", "effort_hours": 0, "prerequisites": ["a"]}]}"#,
        )
        .roadmap
        .unwrap();
        let graph = SkillGraph::new(&roadmap);
        // All of a's hours are logged and b takes none.
        let mut progress = Progress::default();
        progress.mark_all(["a"], crate::Status::Learning);
        progress.skills.0.get_mut("a").unwrap().hours = Some(9.0);
        let schedule = graph.plan_all(&progress).unwrap().schedule(10.0).unwrap();
        assert_eq!((schedule.items.len(), schedule.weeks), (2, 0));
        // Nothing left at all: an empty sum is +0, not -0.
        let schedule = graph.plan_all(&Progress::with_done(["a", "b"])).unwrap().schedule(10.0).unwrap();
        assert_eq!(schedule.weeks, 0);
        assert!(schedule.total_hours == 0.0 && schedule.total_hours.is_sign_positive());
    }
}

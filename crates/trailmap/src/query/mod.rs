//! Learner queries on a [`SkillGraph`]: what can I learn next, what must I
//! learn to reach a goal, and how does that fit in N hours a week.
//!
//! [`SkillGraph::next`] and [`SkillGraph::plan`] take the graph built once,
//! the goals (any slice of strings: ids as the roadmap has them) and a
//! [`Progress`]; both reject an unknown goal with
//! [`QueryError::UnknownSkill`]. [`Plan::schedule`] packs a plan into
//! weeks without the graph. None of them revalidates or rebuilds anything.
//!
//! One file per query: `next.rs`, `plan.rs` (with `plan/choose.rs`, how it
//! picks among alternatives), `schedule.rs`, and `effort.rs` for the hours a
//! skill takes, which both `plan` and `schedule` read.

use std::fmt;

use crate::Progress;
use crate::graph::SkillGraph;

pub mod effort;
mod next;
mod plan;
mod schedule;

pub use effort::{DEFAULT_ROADMAP_HOURS_PER_WEEK, DEFAULT_SKILL_HOURS, Effort, EffortSource};
pub use next::{NextOptions, Suggestion, UNLOCK_COUNT_CAP};
pub use plan::{Choice, Plan, PlanStep};
pub use schedule::{HOURS_IN_A_WEEK, MAX_SCHEDULE_WEEKS, Schedule, ScheduledSkill};

/// Why a skill is suggested, in ranking order.
///
/// ```
/// use trailmap::query::Reason;
/// assert_eq!(Reason::Unlocks { count: 7, capped: false }.to_string(), "unlocks 7 skills");
/// let reason = Reason::NeededFor { goal: "fastapi".into(), name: "FastAPI".into(), steps: 1 };
/// assert_eq!(reason.to_string(), "needed for FastAPI");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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

/// Why a query could not be answered.
///
/// ```
/// let e = trailmap::query::QueryError::UnknownSkill { id: "x".into(), suggestion: Some("y".into()) };
/// assert_eq!(e.to_string(), "unknown skill `x` (did you mean `y`?)");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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
    /// The schedule would be longer than [`MAX_SCHEDULE_WEEKS`] weeks at
    /// this pace, though not at [`HOURS_IN_A_WEEK`]: the pace is too slow.
    PaceTooSlow {
        /// The number of weeks it would take.
        weeks: f64,
        /// The pace asked for.
        hours_per_week: f64,
    },
}

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
                "the schedule would take {} weeks, over the limit of {MAX_SCHEDULE_WEEKS}: check `effort_hours` and the pace",
                readable_weeks(*weeks)
            ),
            QueryError::PaceTooSlow { weeks, hours_per_week } => write!(
                f,
                "at {hours_per_week} h a week the schedule would take {} weeks, over the limit of {MAX_SCHEDULE_WEEKS}: study more hours a week",
                readable_weeks(*weeks)
            ),
        }
    }
}

/// Whole weeks up to a readable length, then scientific (an effort of
/// 1e300 hours is 300 digits of weeks).
fn readable_weeks(weeks: f64) -> String {
    if weeks.is_infinite() {
        format!("over {:.1e}", f64::MAX)
    } else if weeks >= 1e15 {
        format!("{weeks:.1e}")
    } else {
        format!("{weeks:.0}")
    }
}

impl std::error::Error for QueryError {}

impl SkillGraph<'_> {
    /// Indices of the goals, or the first unknown one.
    fn resolve_goals<S: AsRef<str>>(&self, goals: &[S]) -> Result<Vec<u32>, QueryError> {
        goals
            .iter()
            .map(|g| {
                let g = g.as_ref();
                self.index_of(g).ok_or_else(|| QueryError::UnknownSkill {
                    id: g.to_owned(),
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
}

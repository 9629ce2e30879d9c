//! How many hours a skill takes, and where that figure comes from.
//!
//! The figure comes from the roadmap, never from the learner's pace: a
//! skill's `effort_hours`, else its phase's span at the *roadmap's* pace
//! (`hours_per_week`, else [`DEFAULT_ROADMAP_HOURS_PER_WEEK`]) shared among
//! the skills the phase teaches, else [`DEFAULT_SKILL_HOURS`]. A learner
//! who studies 4 or 40 hours a week needs the same hours; only the number
//! of weeks changes. `plan` and `schedule` both take their figures from
//! here, so they agree.

use std::fmt;

use serde::Serialize;

use crate::graph::SkillGraph;
use crate::{Phase, TimeUnit};

/// The pace a roadmap is assumed to be written for when it states no
/// `hours_per_week`: ten hours a week, a common part-time study load.
/// Only used to turn phase spans into hours.
pub const DEFAULT_ROADMAP_HOURS_PER_WEEK: f64 = 10.0;

/// Hours a skill is assumed to take when it has no `effort_hours` and no
/// phase with a span teaches it.
pub const DEFAULT_SKILL_HOURS: f64 = 10.0;

/// The smallest figure derived from a phase span: a skill squeezed into a
/// crowded day still takes some time.
const MIN_DERIVED_HOURS: f64 = 0.5;

/// Where an effort figure comes from.
///
/// ```
/// use trailmap::query::effort::EffortSource;
/// let source = EffortSource::Phase { phase: "Weeks 1-3".into(), hours_per_week: 10.0, default_pace: false };
/// assert_eq!(source.to_string(), "from phase \"Weeks 1-3\" at 10 h a week");
/// assert_eq!(EffortSource::Given.to_string(), "given");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EffortSource {
    /// The skill's own `effort_hours`.
    Given,
    /// The span of the phase that teaches the skill, at the roadmap's pace,
    /// shared by the skills first taught in that phase.
    Phase {
        /// The phase's title.
        phase: String,
        /// The pace the span was read at.
        hours_per_week: f64,
        /// `true` when the roadmap states no pace and
        /// [`DEFAULT_ROADMAP_HOURS_PER_WEEK`] was used.
        default_pace: bool,
    },
    /// Neither: [`DEFAULT_SKILL_HOURS`].
    Default,
}

impl fmt::Display for EffortSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EffortSource::Given => f.write_str("given"),
            EffortSource::Phase { phase, hours_per_week, default_pace } => {
                write!(f, "from phase \"{phase}\" at {} a week", format_hours(*hours_per_week))?;
                if *default_pace {
                    f.write_str(" (default pace)")?;
                }
                Ok(())
            }
            EffortSource::Default => write!(f, "default of {} a skill", format_hours(DEFAULT_SKILL_HOURS)),
        }
    }
}

/// Hours a skill takes, and where the figure comes from.
///
/// ```
/// let e = trailmap::query::effort::Effort { hours: 4.0, source: trailmap::query::effort::EffortSource::Given };
/// assert!(!e.is_estimated());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effort {
    /// Hours.
    pub hours: f64,
    /// Where the figure comes from.
    pub source: EffortSource,
}

impl Effort {
    /// `true` unless the roadmap gives the figure.
    ///
    /// ```
    /// let e = trailmap::query::effort::Effort { hours: 4.0, source: trailmap::query::effort::EffortSource::Default };
    /// assert!(e.is_estimated());
    /// ```
    pub fn is_estimated(&self) -> bool {
        self.source != EffortSource::Given
    }
}

/// `h` to two decimals, as schedules and reports give hours; a value too
/// large to have a fraction (or infinite) is as it is, where `h * 100`
/// would overflow to infinity.
///
/// ```
/// use trailmap::query::effort::round_hours;
/// assert_eq!(round_hours(2.857), 2.86);
/// assert_eq!(round_hours(1e300), 1e300);
/// assert_eq!(round_hours(f64::MAX), f64::MAX);
/// ```
#[doc(hidden)] // shared with trailmap-render, not part of the API
pub fn round_hours(h: f64) -> f64 {
    if h.abs() >= 1e15 || !h.is_finite() { h } else { (h * 100.0).round() / 100.0 }
}

/// Hours for people: `12 h`, `2.9 h`, `0.01 h` (two significant decimals
/// below a tenth, so a tiny figure never reads as zero).
///
/// ```
/// use trailmap::query::effort::format_hours;
/// assert_eq!(format_hours(12.0), "12 h");
/// assert_eq!(format_hours(2.857), "2.9 h");
/// assert_eq!(format_hours(0.01), "0.01 h");
/// assert_eq!(format_hours(1e300), "1.0e300 h");
/// assert_eq!(format_hours(f64::INFINITY), "over 1.8e308 h");
/// ```
#[doc(hidden)] // shared with trailmap-render, not part of the API
pub fn format_hours(h: f64) -> String {
    // A sum of efforts past f64's range; a single effort always fits.
    if h.is_infinite() {
        return format!("{}over {:.1e} h", if h < 0.0 { "-" } else { "" }, f64::MAX);
    }
    if h.is_nan() {
        return "? h".to_owned();
    }
    // No one reads 16 digits of hours; and h * 10 below would overflow.
    if h.abs() >= 1e9 {
        return format!("{h:.1e} h");
    }
    if h != 0.0 && h.abs() < 0.05 {
        let text = format!("{h:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return format!("{} h", if text == "0" || text == "-0" { "<0.01" } else { text });
    }
    let rounded = (h * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0} h") } else { format!("{rounded:.1} h") }
}

impl SkillGraph<'_> {
    /// The effort of a skill (see the [module](self) for the rules), or
    /// `None` for an id the roadmap lacks.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "hours_per_week": 6,
    /// #   "skills": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    /// #   "phases": [{"id": "w1-2", "title": "Week 1-2", "span": {"unit": "week", "start": 1, "end": 2}, "skills": ["a", "b"]}]}"#).roadmap.unwrap();
    /// let graph = trailmap::SkillGraph::new(&roadmap);
    /// let effort = graph.effort("a").unwrap();
    /// assert_eq!(effort.hours, 6.0); // 2 weeks × 6 h a week shared by 2 skills
    /// assert_eq!(effort.source.to_string(), "from phase \"Week 1-2\" at 6 h a week");
    /// ```
    pub fn effort(&self, id: &str) -> Option<Effort> {
        self.index_of(id).map(|i| self.effort_at(i))
    }

    /// The pace the roadmap's spans are read at, and whether it is the
    /// default.
    ///
    /// ```
    /// # let roadmap = trailmap::Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#).roadmap.unwrap();
    /// assert_eq!(trailmap::SkillGraph::new(&roadmap).roadmap_pace(), (10.0, true));
    /// ```
    pub fn roadmap_pace(&self) -> (f64, bool) {
        match self.roadmap().hours_per_week.filter(|h| h.is_finite() && *h > 0.0) {
            Some(h) => (h, false),
            None => (DEFAULT_ROADMAP_HOURS_PER_WEEK, true),
        }
    }

    pub(crate) fn effort_at(&self, i: u32) -> Effort {
        let skill = &self.roadmap().skills[i as usize];
        if let Some(hours) = skill.effort_hours.filter(|h| h.is_finite() && *h >= 0.0) {
            return Effort { hours, source: EffortSource::Given };
        }
        if let Some((phase, taught)) = self.spanned_phase_of(i) {
            if let Some(weeks) = phase_weeks(phase) {
                let (pace, default_pace) = self.roadmap_pace();
                let hours = (weeks * pace / f64::from(taught.max(1)) * 10.0).round() / 10.0;
                return Effort {
                    hours: hours.max(MIN_DERIVED_HOURS),
                    source: EffortSource::Phase {
                        phase: crate::graph::shorten(&phase.title, 48),
                        hours_per_week: pace,
                        default_pace,
                    },
                };
            }
        }
        Effort { hours: DEFAULT_SKILL_HOURS, source: EffortSource::Default }
    }
}

/// Length of a phase's span in weeks (days count as sevenths, a month as
/// four weeks).
fn phase_weeks(phase: &Phase) -> Option<f64> {
    let span = phase.span.as_ref()?;
    Some(match span.unit {
        TimeUnit::Day => f64::from(span.len()) / 7.0,
        TimeUnit::Week => f64::from(span.len()),
        TimeUnit::Month => f64::from(span.len()) * 4.0,
    })
}

//! The time structure: phases (nesting), their kinds, and spans of days,
//! weeks or months.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Extensions, SmallString, Task, integral, is_false};

/// A stretch of the roadmap: a phase, stage, level, month, week or day range.
/// Phases nest: a phase holds weeks, a week holds day ranges.
///
/// ```
/// let phase: trailmap::Phase = serde_json::from_str(r#"{
///     "id": "week-1", "title": "Python + Git", "kind": "week",
///     "span": {"unit": "week", "start": 1},
///     "skills": ["python", "git"]
/// }"#).unwrap();
/// assert_eq!(phase.span.unwrap().end(), 1);
/// ```
// `Default` lets code that builds phases (importers, generators, tests)
// name only the fields it sets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Phase {
    /// Stable kebab-case identifier, unique among all phases of the roadmap.
    #[serde(deserialize_with = "crate::ids::checked")]
    #[schemars(length(min = 1, max = 128), pattern(crate::ids::ID_PATTERN))]
    pub id: String,
    /// Title as the roadmap gives it, e.g. `Core Foundations`.
    pub title: String,
    /// What kind of stretch this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PhaseKind>,
    /// When the phase happens. Week and month spans count from the start of
    /// the roadmap; day spans count from the start of the enclosing phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// `true` when the phase runs alongside others instead of in sequence
    /// (`Mathematics: Parallel`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub parallel: bool,
    /// `true` when the phase never ends (`Ongoing`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ongoing: bool,
    /// What the learner should be able to do at the end of the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Further explanation: why the phase matters, how to approach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Topics covered, as the roadmap lists them, when they are not skills of
    /// their own (e.g. `Company orientation and meet the team`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Ids of the skills taught in this phase, in teaching order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SmallString>,
    /// Tasks to do in this phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Nested phases, e.g. the weeks of a phase or the days of a week.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// What kind of stretch a [`Phase`] is.
///
/// ```
/// let k: trailmap::PhaseKind = serde_json::from_str(r#""stage""#).unwrap();
/// assert_eq!(k, trailmap::PhaseKind::Stage);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PhaseKind {
    /// A phase of the roadmap.
    Phase,
    /// A stage (`Stage 3 — Classical Machine Learning`).
    Stage,
    /// A level of seniority or mastery (`Level 2 → Core AI/ML Skills`).
    Level,
    /// A block of several weeks (`Week 1-2`).
    Block,
    /// One or more months.
    Month,
    /// One or more weeks.
    Week,
    /// One or more days.
    Day,
    /// A thematic section within a phase (`Linear Algebra`, `Supervised Learning`).
    Section,
}

/// When something happens: an inclusive range of days, weeks or months.
///
/// Numbers are 1-based ordinals: `{"unit": "week", "start": 1, "end": 2}` is
/// "Week 1-2". A month is counted as four weeks and a week as seven days.
///
/// ```
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "month", "start": 7, "end": 9}"#).unwrap();
/// assert_eq!(span.in_weeks(), (25, 36));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Span {
    /// The unit of `start` and `end`.
    pub unit: TimeUnit,
    /// First day, week or month (1-based).
    #[serde(deserialize_with = "integral::positive_u32")]
    #[schemars(range(min = 1))]
    pub start: u32,
    /// Last day, week or month, inclusive, not before `start`. Omitted: same
    /// as `start`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "end",
        deserialize_with = "integral::opt_positive_u32"
    )]
    #[schemars(range(min = 1))]
    pub end_at: Option<u32>,
    /// The span as the roadmap writes it, e.g. `0-3 Months` or `Before Anything`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Extension keys (`x-…`).
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// For people: the roadmap's own `label` when it has one, else `Week 4`,
/// `Day 1-2`, `Month 7-9`. The one way a span is shown (diagnostics,
/// renderings, diffs).
///
/// ```
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1, "end": 2}"#).unwrap();
/// assert_eq!(span.to_string(), "Day 1-2");
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 4}"#).unwrap();
/// assert_eq!(span.to_string(), "Week 4");
/// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "month", "start": 1, "end": 3, "label": "0-3 Months"}"#).unwrap();
/// assert_eq!(span.to_string(), "0-3 Months");
/// ```
impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(label) = &self.label {
            return f.write_str(label);
        }
        let unit = match self.unit {
            TimeUnit::Day => "Day",
            TimeUnit::Week => "Week",
            TimeUnit::Month => "Month",
        };
        if self.end() == self.start {
            write!(f, "{unit} {}", self.start)
        } else {
            write!(f, "{unit} {}-{}", self.start, self.end())
        }
    }
}

impl Span {
    /// The last unit of the span, inclusive.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 3}"#).unwrap();
    /// assert_eq!(span.end(), 3);
    /// ```
    pub fn end(&self) -> u32 {
        self.end_at.unwrap_or(self.start).max(self.start)
    }

    /// How many units the span covers (at least one).
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 4, "end": 6}"#).unwrap();
    /// assert_eq!(span.len(), 3);
    /// ```
    pub fn len(&self) -> u32 {
        self.end() - self.start + 1
    }

    /// Always `false`: a span covers at least one unit. Present for clippy's
    /// `len_without_is_empty` convention.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1}"#).unwrap();
    /// assert!(!span.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The span as an inclusive range of absolute days, given the first day
    /// of the enclosing phase (day spans are relative to it).
    ///
    /// ```
    /// let week: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 2}"#).unwrap();
    /// assert_eq!(week.in_days(1), (8, 14));
    /// let days: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1, "end": 2}"#).unwrap();
    /// assert_eq!(days.in_days(8), (8, 9));
    /// ```
    pub fn in_days(&self, parent_first_day: u64) -> (u64, u64) {
        let (start, end) = (u64::from(self.start.max(1)), u64::from(self.end().max(1)));
        match self.unit {
            TimeUnit::Day => (parent_first_day + start - 1, parent_first_day + end - 1),
            TimeUnit::Week => ((start - 1) * 7 + 1, end * 7),
            TimeUnit::Month => ((start - 1) * 28 + 1, end * 28),
        }
    }

    /// The span as an inclusive range of absolute weeks (a month is four
    /// weeks). Day spans are counted from the start of the roadmap here.
    ///
    /// ```
    /// let span: trailmap::Span = serde_json::from_str(r#"{"unit": "week", "start": 9, "end": 16}"#).unwrap();
    /// assert_eq!(span.in_weeks(), (9, 16));
    /// ```
    pub fn in_weeks(&self) -> (u32, u32) {
        let (start, end) = (self.start.max(1), self.end().max(1));
        match self.unit {
            TimeUnit::Day => ((start - 1) / 7 + 1, (end - 1) / 7 + 1),
            TimeUnit::Week => (start, end),
            TimeUnit::Month => ((start - 1) * 4 + 1, end * 4),
        }
    }

    /// How long the span lasts, in weeks (a day is a seventh, a month four).
    ///
    /// ```
    /// let days: trailmap::Span = serde_json::from_str(r#"{"unit": "day", "start": 1, "end": 14}"#).unwrap();
    /// assert_eq!(days.duration_weeks(), 2.0);
    /// let months: trailmap::Span = serde_json::from_str(r#"{"unit": "month", "start": 2}"#).unwrap();
    /// assert_eq!(months.duration_weeks(), 4.0);
    /// ```
    pub fn duration_weeks(&self) -> f64 {
        let len = f64::from(self.len());
        match self.unit {
            TimeUnit::Day => len / 7.0,
            TimeUnit::Week => len,
            TimeUnit::Month => len * 4.0,
        }
    }
}

/// The unit of a [`Span`].
///
/// ```
/// let u: trailmap::TimeUnit = serde_json::from_str(r#""month""#).unwrap();
/// assert_eq!(u, trailmap::TimeUnit::Month);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TimeUnit {
    /// Days.
    Day,
    /// Weeks of seven days.
    Week,
    /// Months of four weeks.
    Month,
}

impl From<TimeUnit> for PhaseKind {
    /// The kind of a phase that lasts some of this unit (`Week 3` is a week).
    ///
    /// ```
    /// assert_eq!(trailmap::PhaseKind::from(trailmap::TimeUnit::Month), trailmap::PhaseKind::Month);
    /// ```
    fn from(unit: TimeUnit) -> Self {
        match unit {
            TimeUnit::Day => PhaseKind::Day,
            TimeUnit::Week => PhaseKind::Week,
            TimeUnit::Month => PhaseKind::Month,
        }
    }
}

//! The kinds of change, each with a stable id, the semver bump it requires
//! and why.

use serde::{Serialize, Serializer};

/// A semantic-versioning bump, ordered: `None < Patch < Minor < Major`.
///
/// ```
/// use trailmap_diff::Bump;
/// assert!(Bump::Major > Bump::Minor && Bump::Patch > Bump::None);
/// assert_eq!(Bump::Minor.as_str(), "minor");
/// assert_eq!("major".parse::<Bump>(), Ok(Bump::Major));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing changed that needs a new version.
    #[default]
    None,
    /// Corrections: text, estimates, links, order.
    Patch,
    /// Compatible additions and relaxations.
    Minor,
    /// Changes that break what learners or other files rely on.
    Major,
}

impl Bump {
    /// Every bump, lowest first.
    ///
    /// ```
    /// assert_eq!(trailmap_diff::Bump::ALL.len(), 4);
    /// ```
    pub const ALL: [Bump; 4] = [Bump::None, Bump::Patch, Bump::Minor, Bump::Major];

    /// The lowercase name: `none`, `patch`, `minor` or `major`.
    ///
    /// ```
    /// assert_eq!(trailmap_diff::Bump::None.as_str(), "none");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Bump {
    type Err = String;
    fn from_str(s: &str) -> Result<Bump, String> {
        Bump::ALL
            .into_iter()
            .find(|b| b.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not none, patch, minor or major"))
    }
}

macro_rules! change_kinds {
    ($($variant:ident = $id:literal, $bump:ident, $marker:literal, $reason:literal;)*) => {
        /// What changed between two versions of a roadmap. Each kind has a
        /// stable kebab-case id ([`id`](Self::id)), the semver bump it
        /// requires ([`bump`](Self::bump)) and the reason
        /// ([`reason`](Self::reason)):
        ///
        /// | kind | bump | why |
        /// | --- | --- | --- |
        /// | `skill-added` | minor | New content: nothing a learner did or relied on changes. |
        /// | `skill-removed` | major | Progress recorded on it is orphaned, and whatever referred to it breaks. |
        /// | `skill-renamed` | minor | The id changed but the new skill keeps the old one in `former_ids`, so references and progress follow (`trailmap migrate-progress`). |
        /// | `skill-merged` | minor | The skill is folded into another one that keeps its id in `former_ids`, so progress follows. |
        /// | `skill-name-changed` | patch | Display text only; the id, which everything keys on, is unchanged. |
        /// | `skill-description-changed` | patch | Text only. |
        /// | `skill-details-changed` | patch | Note, area, level, topics, aliases or former ids: descriptive metadata that changes no order and no progress. |
        /// | `skill-effort-changed` | patch | An estimate: schedules shift, nothing is locked or invalidated. |
        /// | `skill-made-optional` | minor | Less is required: every learner who was on track still is. |
        /// | `skill-made-required` | major | More is required: learners who skipped the optional skill are no longer done. |
        /// | `skill-moved` | patch | Taught in another phase, still not before its prerequisites: timing only. |
        /// | `skill-moved-before-prerequisite` | major | The skill is now taught in a phase before one of its prerequisites: following the roadmap in order no longer works. |
        /// | `prerequisite-added` | major | It re-locks the skill for learners who had it unlocked. |
        /// | `prerequisite-removed` | minor | The skill unlocks sooner; nobody loses access. |
        /// | `prerequisite-alternative-added` | minor | An `any_of` group accepts one more skill: easier to satisfy. |
        /// | `prerequisite-alternative-removed` | major | An `any_of` group accepts fewer skills: learners who took a dropped alternative are re-locked. |
        /// | `resource-added` | minor | New material; nothing existing changes. |
        /// | `resource-removed` | patch | Suggested material, not structure: nothing is keyed to resources. |
        /// | `resource-changed` | patch | A link, title or kind corrected. |
        /// | `phase-added` | minor | New structure; existing phases and progress are untouched. |
        /// | `phase-removed` | major | Its id disappears: projects, practices, milestones and links that name it break. |
        /// | `phase-changed` | patch | Title, kind, goal, description, topics or tasks: text. |
        /// | `phase-schedule-changed` | patch | Span, `parallel` or `ongoing`: timing estimates. |
        /// | `phase-moved` | patch | Nested under another phase (or moved to the top level); its id and skills are unchanged. |
        /// | `project-added` | minor | New content; nothing existing changes. |
        /// | `project-removed` | major | A learner's work on it, and references to its id, are orphaned. |
        /// | `project-changed` | patch | Title, number, description, phase, skills, deliverables or `optional`: the project keeps its id. |
        /// | `practice-added` | minor | New content; nothing existing changes. |
        /// | `practice-removed` | minor | A recurring habit dropped; no progress or reference is keyed to practice ids. |
        /// | `practice-changed` | patch | Cadence, activity, topics, phase or skills: the practice keeps its id. |
        /// | `milestone-added` | minor | New content; nothing existing changes. |
        /// | `milestone-removed` | major | A checklist learners track disappears with its id. |
        /// | `milestone-changed` | patch | Title, kind, description or phase: text. |
        /// | `criterion-added` | minor | The milestone gains a criterion; nothing a learner did is invalidated. |
        /// | `criterion-removed` | minor | The milestone asks less. |
        /// | `criterion-changed` | patch | A criterion's wording, skills, target or tick edited. |
        /// | `exclusion-added` | minor | The roadmap rules something out: scope narrows, nothing breaks. |
        /// | `exclusion-removed` | minor | Advice withdrawn; nothing is keyed to exclusion ids. |
        /// | `exclusion-changed` | patch | Title, reason, phase or skill: text. |
        /// | `area-added` | minor | A summary-table row added. |
        /// | `area-removed` | minor | A summary-table row dropped; nothing is keyed to area ids. |
        /// | `area-changed` | patch | A summary-table row edited. |
        /// | `roadmap-id-changed` | major | Progress files and tools name the roadmap by its id. |
        /// | `roadmap-changed` | patch | Title, summary, audience, target role, duration, pace, source, licence, tags or principles: descriptive. |
        /// | `order-changed` | patch | Items reordered within a list; the same items remain. |
        ///
        /// A skill renamed *without* keeping its old id in `former_ids` is
        /// reported as `skill-removed` (major) plus `skill-added`, with the
        /// hint "possibly renamed from `X`: add `X` to its former_ids".
        ///
        /// ```
        /// use trailmap_diff::{Bump, ChangeKind};
        /// assert_eq!(ChangeKind::PrerequisiteAdded.id(), "prerequisite-added");
        /// assert_eq!(ChangeKind::PrerequisiteAdded.bump(), Bump::Major);
        /// assert_eq!(ChangeKind::from_id("skill-renamed"), Some(ChangeKind::SkillRenamed));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeKind {
            $(
                #[doc = $reason]
                $variant,
            )*
        }

        impl ChangeKind {
            /// Every kind, in the order of the table above.
            ///
            /// ```
            /// assert!(trailmap_diff::ChangeKind::ALL.contains(&trailmap_diff::ChangeKind::SkillRemoved));
            /// ```
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant),*];

            /// The stable kebab-case id, e.g. `skill-removed`.
            ///
            /// ```
            /// assert_eq!(trailmap_diff::ChangeKind::SkillRemoved.id(), "skill-removed");
            /// ```
            pub fn id(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $id,)*
                }
            }

            /// The semver bump this kind of change requires.
            ///
            /// ```
            /// assert_eq!(trailmap_diff::ChangeKind::SkillAdded.bump(), trailmap_diff::Bump::Minor);
            /// ```
            pub fn bump(self) -> Bump {
                match self {
                    $(ChangeKind::$variant => Bump::$bump,)*
                }
            }

            /// The marker in text output: `+` added, `-` removed, `~`
            /// changed, `>` moved.
            ///
            /// ```
            /// assert_eq!(trailmap_diff::ChangeKind::SkillMoved.marker(), '>');
            /// ```
            pub fn marker(self) -> char {
                match self {
                    $(ChangeKind::$variant => $marker,)*
                }
            }

            /// Why this kind of change requires its bump, in one line.
            ///
            /// ```
            /// assert!(trailmap_diff::ChangeKind::PrerequisiteAdded.reason().contains("re-locks"));
            /// ```
            pub fn reason(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $reason,)*
                }
            }
        }
    };
}

change_kinds! {
    SkillAdded = "skill-added", Minor, '+', "New content: nothing a learner did or relied on changes.";
    SkillRemoved = "skill-removed", Major, '-', "Progress recorded on it is orphaned, and whatever referred to it breaks.";
    SkillRenamed = "skill-renamed", Minor, '~', "The id changed but the new skill keeps the old one in `former_ids`, so references and progress follow (`trailmap migrate-progress`).";
    SkillMerged = "skill-merged", Minor, '~', "The skill is folded into another one that keeps its id in `former_ids`, so progress follows.";
    SkillNameChanged = "skill-name-changed", Patch, '~', "Display text only; the id, which everything keys on, is unchanged.";
    SkillDescriptionChanged = "skill-description-changed", Patch, '~', "Text only.";
    SkillDetailsChanged = "skill-details-changed", Patch, '~', "Note, area, level, topics, aliases or former ids: descriptive metadata that changes no order and no progress.";
    SkillEffortChanged = "skill-effort-changed", Patch, '~', "An estimate: schedules shift, nothing is locked or invalidated.";
    SkillMadeOptional = "skill-made-optional", Minor, '~', "Less is required: every learner who was on track still is.";
    SkillMadeRequired = "skill-made-required", Major, '~', "More is required: learners who skipped the optional skill are no longer done.";
    SkillMoved = "skill-moved", Patch, '>', "Taught in another phase, still not before its prerequisites: timing only.";
    SkillMovedBeforePrerequisite = "skill-moved-before-prerequisite", Major, '>', "The skill is now taught in a phase before one of its prerequisites: following the roadmap in order no longer works.";
    PrerequisiteAdded = "prerequisite-added", Major, '+', "It re-locks the skill for learners who had it unlocked.";
    PrerequisiteRemoved = "prerequisite-removed", Minor, '-', "The skill unlocks sooner; nobody loses access.";
    PrerequisiteAlternativeAdded = "prerequisite-alternative-added", Minor, '+', "An `any_of` group accepts one more skill: easier to satisfy.";
    PrerequisiteAlternativeRemoved = "prerequisite-alternative-removed", Major, '-', "An `any_of` group accepts fewer skills: learners who took a dropped alternative are re-locked.";
    ResourceAdded = "resource-added", Minor, '+', "New material; nothing existing changes.";
    ResourceRemoved = "resource-removed", Patch, '-', "Suggested material, not structure: nothing is keyed to resources.";
    ResourceChanged = "resource-changed", Patch, '~', "A link, title or kind corrected.";
    PhaseAdded = "phase-added", Minor, '+', "New structure; existing phases and progress are untouched.";
    PhaseRemoved = "phase-removed", Major, '-', "Its id disappears: projects, practices, milestones and links that name it break.";
    PhaseChanged = "phase-changed", Patch, '~', "Title, kind, goal, description, topics or tasks: text.";
    PhaseScheduleChanged = "phase-schedule-changed", Patch, '~', "Span, `parallel` or `ongoing`: timing estimates.";
    PhaseMoved = "phase-moved", Patch, '>', "Nested under another phase (or moved to the top level); its id and skills are unchanged.";
    ProjectAdded = "project-added", Minor, '+', "New content; nothing existing changes.";
    ProjectRemoved = "project-removed", Major, '-', "A learner's work on it, and references to its id, are orphaned.";
    ProjectChanged = "project-changed", Patch, '~', "Title, number, description, phase, skills, deliverables or `optional`: the project keeps its id.";
    PracticeAdded = "practice-added", Minor, '+', "New content; nothing existing changes.";
    PracticeRemoved = "practice-removed", Minor, '-', "A recurring habit dropped; no progress or reference is keyed to practice ids.";
    PracticeChanged = "practice-changed", Patch, '~', "Cadence, activity, topics, phase or skills: the practice keeps its id.";
    MilestoneAdded = "milestone-added", Minor, '+', "New content; nothing existing changes.";
    MilestoneRemoved = "milestone-removed", Major, '-', "A checklist learners track disappears with its id.";
    MilestoneChanged = "milestone-changed", Patch, '~', "Title, kind, description or phase: text.";
    CriterionAdded = "criterion-added", Minor, '+', "The milestone gains a criterion; nothing a learner did is invalidated.";
    CriterionRemoved = "criterion-removed", Minor, '-', "The milestone asks less.";
    CriterionChanged = "criterion-changed", Patch, '~', "A criterion's wording, skills, target or tick edited.";
    ExclusionAdded = "exclusion-added", Minor, '+', "The roadmap rules something out: scope narrows, nothing breaks.";
    ExclusionRemoved = "exclusion-removed", Minor, '-', "Advice withdrawn; nothing is keyed to exclusion ids.";
    ExclusionChanged = "exclusion-changed", Patch, '~', "Title, reason, phase or skill: text.";
    AreaAdded = "area-added", Minor, '+', "A summary-table row added.";
    AreaRemoved = "area-removed", Minor, '-', "A summary-table row dropped; nothing is keyed to area ids.";
    AreaChanged = "area-changed", Patch, '~', "A summary-table row edited.";
    RoadmapIdChanged = "roadmap-id-changed", Major, '~', "Progress files and tools name the roadmap by its id.";
    RoadmapChanged = "roadmap-changed", Patch, '~', "Title, summary, audience, target role, duration, pace, source, licence, tags or principles: descriptive.";
    OrderChanged = "order-changed", Patch, '>', "Items reordered within a list; the same items remain.";
}

impl ChangeKind {
    /// The kind with this id.
    ///
    /// ```
    /// assert_eq!(trailmap_diff::ChangeKind::from_id("nope"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.iter().copied().find(|k| k.id() == id)
    }

    /// The documentation table (Markdown) of every kind: id, bump and
    /// reason. The crate README and this type's rustdoc hold the same table
    /// (a test keeps them equal).
    ///
    /// ```
    /// let table = trailmap_diff::ChangeKind::table();
    /// assert!(table.starts_with("| kind | bump | why |\n| --- | --- | --- |\n| `skill-added` | minor |"));
    /// ```
    pub fn table() -> String {
        let mut out = String::from("| kind | bump | why |\n| --- | --- | --- |\n");
        for kind in ChangeKind::ALL {
            out.push_str(&format!("| `{}` | {} | {} |\n", kind.id(), kind.bump(), kind.reason()));
        }
        out
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for kind in ChangeKind::ALL {
            assert!(seen.insert(kind.id()), "{} twice", kind.id());
            assert!(kind.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", kind.id());
            assert!(['+', '-', '~', '>'].contains(&kind.marker()));
            assert_eq!(ChangeKind::from_id(kind.id()), Some(*kind));
        }
    }

    #[test]
    fn the_issue_bumps_hold() {
        use ChangeKind::*;
        for kind in [SkillRemoved, PhaseRemoved, ProjectRemoved, MilestoneRemoved, PrerequisiteAdded] {
            assert_eq!(kind.bump(), Bump::Major, "{kind}");
        }
        for kind in [SkillMadeRequired, SkillMovedBeforePrerequisite] {
            assert_eq!(kind.bump(), Bump::Major, "{kind}");
        }
        for kind in [SkillAdded, PhaseAdded, ProjectAdded, ResourceAdded, PracticeAdded, CriterionAdded] {
            assert_eq!(kind.bump(), Bump::Minor, "{kind}");
        }
        for kind in [PrerequisiteRemoved, SkillMadeOptional, SkillRenamed] {
            assert_eq!(kind.bump(), Bump::Minor, "{kind}");
        }
        for kind in [SkillNameChanged, SkillDescriptionChanged, PhaseChanged, SkillEffortChanged, ResourceChanged] {
            assert_eq!(kind.bump(), Bump::Patch, "{kind}");
        }
        assert_eq!(OrderChanged.bump(), Bump::Patch);
    }

    /// The table lives in three places for three readers; they must agree
    /// (the README and docs/diff.md: `tests/cases.rs`).
    #[test]
    fn rustdoc_holds_the_generated_table() {
        let table = ChangeKind::table();
        let source = include_str!("kind.rs");
        let doc: String = source
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("/// | "))
            .map(|row| format!("| {row}\n"))
            .collect();
        assert_eq!(doc, table, "the rustdoc table of ChangeKind is stale");
    }
}

//! Constructors for the model types: the required fields as arguments,
//! everything else empty, so a program builds a model by constructor and
//! field assignment and keeps compiling when optional fields are added.

use super::{
    AnyOf, Area, Cadence, Criterion, Exclusion, Extensions, Milestone, NotedSkill, Phase, Practice, Project, Resource,
    Roadmap, Skill, SmallString, Span, Task, TimeUnit,
};

impl Roadmap {
    /// A roadmap with an id, a title and a semantic version, and nothing
    /// else yet.
    ///
    /// ```
    /// use trailmap::{Roadmap, Skill};
    ///
    /// let mut roadmap = Roadmap::new("ml", "ML engineer", "1.0.0");
    /// roadmap.skills.push(Skill::new("python", "Python"));
    /// assert_eq!(serde_json::to_value(&roadmap).unwrap()["skills"][0]["id"], "python");
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>, version: impl Into<String>) -> Self {
        Roadmap {
            schema: None,
            id: id.into(),
            title: title.into(),
            version: version.into(),
            summary: None,
            audience: None,
            target_role: None,
            duration: None,
            hours_per_week: None,
            source: None,
            license: None,
            tags: Vec::new(),
            principles: Vec::new(),
            skills: Vec::new(),
            phases: Vec::new(),
            projects: Vec::new(),
            practices: Vec::new(),
            milestones: Vec::new(),
            exclusions: Vec::new(),
            areas: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl Skill {
    /// A skill with an id and a name: no prerequisites, not optional.
    ///
    /// ```
    /// let mut skill = trailmap::Skill::new("numpy", "NumPy");
    /// skill.prerequisites.push(trailmap::Prerequisite::Skill("python".into()));
    /// assert_eq!(serde_json::to_string(&skill).unwrap(), r#"{"id":"numpy","name":"NumPy","prerequisites":["python"]}"#);
    /// ```
    pub fn new(id: impl Into<SmallString>, name: impl Into<SmallString>) -> Self {
        Skill { id: id.into(), name: name.into(), prerequisites: Vec::new(), details: None }
    }
}

impl AnyOf {
    /// A group of alternatives: any one member satisfies it.
    ///
    /// ```
    /// let group = trailmap::AnyOf::new(["tf", "torch"]);
    /// assert_eq!(serde_json::to_string(&group).unwrap(), r#"{"any_of":["tf","torch"]}"#);
    /// ```
    pub fn new<S: Into<SmallString>>(members: impl IntoIterator<Item = S>) -> Self {
        AnyOf { any_of: members.into_iter().map(Into::into).collect(), extensions: Extensions::default() }
    }
}

impl Resource {
    /// A resource with a title, and no link or kind yet.
    ///
    /// ```
    /// let mut book = trailmap::Resource::new("The Rust Book");
    /// book.url = Some("https://doc.rust-lang.org/book/".into());
    /// assert_eq!(serde_json::to_value(&book).unwrap()["url"], "https://doc.rust-lang.org/book/");
    /// ```
    pub fn new(title: impl Into<String>) -> Self {
        Resource { title: title.into(), url: None, kind: None, extensions: Extensions::default() }
    }
}

impl Phase {
    /// A phase with an id and a title: no span, skills or nested phases.
    ///
    /// ```
    /// let mut week = trailmap::Phase::new("w1", "Week 1");
    /// week.span = Some(trailmap::Span::new(trailmap::TimeUnit::Week, 1));
    /// assert_eq!(week.span.unwrap().to_string(), "Week 1");
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Phase { id: id.into(), title: title.into(), ..Phase::default() }
    }
}

impl Span {
    /// One day, week or month: `start` alone (set `end_at` for a range).
    ///
    /// ```
    /// let mut span = trailmap::Span::new(trailmap::TimeUnit::Month, 7);
    /// span.end_at = Some(9);
    /// assert_eq!(span.to_string(), "Month 7-9");
    /// ```
    pub fn new(unit: TimeUnit, start: u32) -> Self {
        Span { unit, start, end_at: None, label: None, extensions: Extensions::default() }
    }
}

impl Task {
    /// A task with its text, and no skills, deliverables or project.
    ///
    /// ```
    /// let task = trailmap::Task::new("Build a CLI");
    /// assert_eq!(serde_json::to_string(&task).unwrap(), r#"{"text":"Build a CLI"}"#);
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        Task {
            text: text.into(),
            skills: Vec::new(),
            deliverables: Vec::new(),
            project: None,
            extensions: Extensions::default(),
        }
    }
}

impl Project {
    /// A project with an id and a title, required, in no phase.
    ///
    /// ```
    /// let project = trailmap::Project::new("p1", "A todo app");
    /// assert_eq!(serde_json::to_string(&project).unwrap(), r#"{"id":"p1","title":"A todo app"}"#);
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Project {
            id: id.into(),
            title: title.into(),
            number: None,
            description: None,
            phase: None,
            skills: Vec::new(),
            deliverables: Vec::new(),
            optional: false,
            extensions: Extensions::default(),
        }
    }
}

impl Practice {
    /// A practice: what to do and how often.
    ///
    /// ```
    /// let practice = trailmap::Practice::new("kata", trailmap::Cadence::Daily, "One kata");
    /// assert_eq!(serde_json::to_value(&practice).unwrap()["cadence"], "daily");
    /// ```
    pub fn new(id: impl Into<String>, cadence: Cadence, activity: impl Into<String>) -> Self {
        Practice {
            id: id.into(),
            cadence,
            activity: activity.into(),
            topics: Vec::new(),
            phase: None,
            skills: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl Milestone {
    /// A milestone with an id and a title, and no criteria yet.
    ///
    /// ```
    /// let mut milestone = trailmap::Milestone::new("m1", "First PR");
    /// milestone.criteria.push(trailmap::Criterion::new("A merged pull request"));
    /// assert_eq!(serde_json::to_value(&milestone).unwrap()["criteria"][0]["text"], "A merged pull request");
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Milestone {
            id: id.into(),
            title: title.into(),
            kind: None,
            description: None,
            phase: None,
            criteria: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl Criterion {
    /// A criterion with its text, not done.
    ///
    /// ```
    /// let criterion = trailmap::Criterion::new("Ten katas");
    /// assert_eq!(serde_json::to_string(&criterion).unwrap(), r#"{"text":"Ten katas"}"#);
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        Criterion {
            text: text.into(),
            skills: Vec::new(),
            target: None,
            done: false,
            extensions: Extensions::default(),
        }
    }
}

impl Exclusion {
    /// Something the roadmap leaves out on purpose, with an id and a title.
    ///
    /// ```
    /// let mut exclusion = trailmap::Exclusion::new("no-k8s", "Kubernetes");
    /// exclusion.reason = Some("too early".into());
    /// assert_eq!(serde_json::to_value(&exclusion).unwrap()["reason"], "too early");
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Exclusion {
            id: id.into(),
            title: title.into(),
            reason: None,
            phase: None,
            skill: None,
            extensions: Extensions::default(),
        }
    }
}

impl Area {
    /// An area with an id and a name, and no skills yet.
    ///
    /// ```
    /// let area = trailmap::Area::new("data", "Data");
    /// assert_eq!(serde_json::to_string(&area).unwrap(), r#"{"id":"data","name":"Data","skills":[]}"#);
    /// ```
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Area {
            id: id.into(),
            name: name.into(),
            description: None,
            skills: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

impl NotedSkill {
    /// A skill mention without a note or label yet.
    ///
    /// ```
    /// let mut mention = trailmap::NotedSkill::new("sql");
    /// mention.note = Some("joins first".into());
    /// assert_eq!(serde_json::to_value(&mention).unwrap()["note"], "joins first");
    /// ```
    pub fn new(skill: impl Into<SmallString>) -> Self {
        NotedSkill { skill: skill.into(), note: None, label: None, extensions: Extensions::default() }
    }
}

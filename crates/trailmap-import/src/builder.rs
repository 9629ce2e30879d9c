//! Builds a roadmap item by item, keeping JSON Pointers for the report:
//! skills deduplicated by name (or vocabulary id), phases in an arena
//! assembled at the end without recursion, and the final repairs that make
//! the output valid (prerequisite cycles broken and reported).

use std::collections::{BTreeMap, HashMap, HashSet};

use trailmap::pointer::Pointer;
use trailmap::{
    Exclusion, Milestone, MilestoneKind, Phase, PhaseKind, Practice, Project, Resource, Roadmap, Skill, Span, Task,
    TimeUnit,
};

use crate::ids::{IdSet, Vocabulary, kebab, normalize};
use crate::report::Report;
use crate::span::Time;

/// A phase while building: its children by index.
pub(crate) struct PhaseNode {
    pub phase: Phase,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub pointer: String,
    /// End of the last child span per unit, for "2 Weeks" lengths.
    pub cursor: BTreeMap<TimeUnit, u32>,
    /// "(4 Months Each Stage)": the length of each child without a time of its own.
    pub each: Option<(TimeUnit, u32)>,
}

/// The roadmap under construction.
pub(crate) struct Builder<'v> {
    pub vocabulary: Option<&'v Vocabulary>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub audience: Option<String>,
    pub target_role: Option<String>,
    pub principles: Vec<String>,
    pub skills: Vec<Skill>,
    skill_by_key: HashMap<String, usize>,
    skill_ids: IdSet,
    pub phases: Vec<PhaseNode>,
    pub top: Vec<usize>,
    /// End of the last top-level span per unit.
    top_cursor: BTreeMap<TimeUnit, u32>,
    phase_ids: IdSet,
    phase_skill: HashSet<(usize, usize)>,
    pub projects: Vec<Project>,
    project_ids: IdSet,
    pub practices: Vec<Practice>,
    practice_ids: IdSet,
    pub milestones: Vec<Milestone>,
    milestone_ids: IdSet,
    pub exclusions: Vec<Exclusion>,
    exclusion_ids: IdSet,
    pub areas: Vec<trailmap::Area>,
    area_ids: IdSet,
    /// Prerequisites stated in text, resolved once every skill is known.
    pub stated: Vec<crate::prerequisites::Stated>,
    /// The line each resolved prerequisite was stated on, by dependent
    /// skill and needed skill id: where a cycle's dropped edge is reported.
    pub stated_lines: HashMap<(usize, trailmap::SmallString), usize>,
    /// Whether to add the prerequisites `--infer-prerequisites` documents.
    pub infer: bool,
    pub report: Report,
}

impl<'v> Builder<'v> {
    pub fn new(vocabulary: Option<&'v Vocabulary>) -> Self {
        Builder {
            vocabulary,
            title: None,
            summary: None,
            audience: None,
            target_role: None,
            principles: Vec::new(),
            skills: Vec::new(),
            skill_by_key: HashMap::new(),
            skill_ids: IdSet::default(),
            phases: Vec::new(),
            top: Vec::new(),
            top_cursor: BTreeMap::new(),
            phase_ids: IdSet::default(),
            phase_skill: HashSet::new(),
            projects: Vec::new(),
            project_ids: IdSet::default(),
            practices: Vec::new(),
            practice_ids: IdSet::default(),
            milestones: Vec::new(),
            milestone_ids: IdSet::default(),
            exclusions: Vec::new(),
            exclusion_ids: IdSet::default(),
            areas: Vec::new(),
            area_ids: IdSet::default(),
            stated: Vec::new(),
            stated_lines: HashMap::new(),
            infer: false,
            report: Report::default(),
        }
    }

    /// The vocabulary id for a name, also tried without generic words
    /// ("Python basics" is `python`).
    fn vocabulary_id(&self, name: &str) -> Option<String> {
        let vocabulary = self.vocabulary?;
        if let Some(id) = vocabulary.lookup(name) {
            return Some(id.to_owned());
        }
        let lower = name.to_lowercase();
        let mut core = lower.as_str();
        for prefix in ["introduction to ", "intro to ", "basic ", "basics of ", "advanced ", "the "] {
            core = core.strip_prefix(prefix).unwrap_or(core);
        }
        for suffix in [
            " basics",
            " fundamentals",
            " essentials",
            " intro",
            " introduction",
            " hands-on",
            " concepts",
            " basics (intro)",
        ] {
            core = core.strip_suffix(suffix).unwrap_or(core);
        }
        (core != lower).then(|| vocabulary.lookup(core).map(str::to_owned)).flatten()
    }

    /// Whether the vocabulary knows this name.
    pub fn knows(&self, name: &str) -> bool {
        self.vocabulary_id(name).is_some()
    }

    /// The skill with this name, created if new; its index.
    pub fn skill(&mut self, name: &str) -> usize {
        self.keyed_skill(None, name)
    }

    /// The skill known by `tag` in the source (else by name), created if
    /// new, its id from the tag (else the name).
    pub fn keyed_skill(&mut self, tag: Option<&str>, name: &str) -> usize {
        self.skill_keyed_by(tag, tag.unwrap_or(name), name)
    }

    /// The skill known by `tag` in the source (a Metacademy tag, a
    /// roadmap.sh node id), else by vocabulary id or name, created if new.
    /// A tag is its own skill even when another has the same name or
    /// vocabulary id (two concepts titled "Python" stay two); the first
    /// takes the vocabulary id, the others an id from `id_base`.
    pub fn skill_keyed_by(&mut self, tag: Option<&str>, id_base: &str, name: &str) -> usize {
        let known = self.vocabulary_id(name);
        let by_name = match &known {
            Some(id) => format!("id:{id}"),
            None => format!("name:{}", normalize(name)),
        };
        let key = match tag {
            Some(tag) => format!("tag:{tag}"),
            None => by_name.clone(),
        };
        if let Some(&i) = self.skill_by_key.get(&key) {
            return i;
        }
        let id = match known {
            Some(id) if self.skill_ids.take(&id) => id,
            _ => self.skill_ids.fresh(&kebab(id_base, "skill")),
        };
        self.skills.push(Skill::new(id, name));
        let i = self.skills.len() - 1;
        self.skill_by_key.insert(key, i);
        // Found by name too (the first of that name), as untagged skills are.
        self.skill_by_key.entry(by_name).or_insert(i);
        i
    }

    /// A skill by exact normalised name or vocabulary id, without creating one.
    pub fn find_skill(&self, name: &str) -> Option<usize> {
        if let Some(id) = self.vocabulary_id(name) {
            if let Some(&i) = self.skill_by_key.get(&format!("id:{id}")) {
                return Some(i);
            }
        }
        let mut key = String::with_capacity(5 + name.len());
        key.push_str("name:");
        crate::ids::normalize_into(&mut key, name);
        self.skill_by_key.get(&key).copied()
    }

    pub fn skill_pointer(i: usize) -> String {
        Pointer::item("skills", i).into_string()
    }

    /// Lists a skill in a phase (once).
    pub fn add_to_phase(&mut self, phase: usize, skill: usize) {
        if self.phase_skill.insert((phase, skill)) {
            let id = self.skills[skill].id.clone();
            self.phases[phase].phase.skills.push(id);
        }
    }

    /// A new phase under `parent` (or at the top).
    pub fn phase(&mut self, parent: Option<usize>, title: &str, kind: Option<PhaseKind>, time: Option<&Time>) -> usize {
        let title = if title.trim().is_empty() { "Untitled" } else { title.trim() };
        let label = match time {
            Some(Time::Range { label, .. } | Time::Length { label, .. }) => label.as_str(),
            None => "",
        };
        // "Month 1" titled "Month 1" is `month-1`, not `month-1-month-1`.
        let titled = kebab(title, "phase");
        let labelled = kebab(label, "");
        let base = if labelled.is_empty() || titled == labelled || titled.starts_with(&format!("{labelled}-")) {
            titled
        } else {
            kebab(&format!("{label} {title}"), "phase")
        };
        let id = self.phase_ids.fresh(&base);
        let inherited = match (time, parent.and_then(|p| self.phases[p].each)) {
            (None, Some((unit, count))) => Some(Time::Length { unit, count, label: String::new() }),
            _ => None,
        };
        let span = time.or(inherited.as_ref()).map(|t| self.resolve_span(parent, t));
        let pointer = match parent {
            Some(p) => format!("{}/phases/{}", self.phases[p].pointer, self.phases[p].children.len()),
            None => Pointer::item("phases", self.top.len()).into_string(),
        };
        let node = PhaseNode {
            phase: {
                let mut phase = Phase::new(id, title);
                phase.kind = kind;
                phase.span = span;
                phase
            },
            parent,
            children: Vec::new(),
            pointer,
            cursor: BTreeMap::new(),
            each: None,
        };
        self.phases.push(node);
        let i = self.phases.len() - 1;
        match parent {
            Some(p) => self.phases[p].children.push(i),
            None => self.top.push(i),
        }
        if let Some(span) = &self.phases[i].phase.span {
            let (unit, end) = (span.unit, span.end());
            let cursor = match parent {
                Some(p) => &mut self.phases[p].cursor,
                None => &mut self.top_cursor,
            };
            cursor.insert(unit, end);
        }
        i
    }

    /// Adds a topic to a skill once; its pointer, `None` when the skill
    /// already had it.
    pub fn add_topic(&mut self, skill: usize, topic: &str) -> Option<String> {
        let topics = &mut self.skills[skill].topics;
        if topics.iter().any(|t| t == topic) {
            return None;
        }
        topics.push(topic.to_owned());
        Some(Pointer::item("skills", skill).with("topics").with(topics.len() - 1).into_string())
    }

    /// Undoes [`Builder::phase`] for phase `p`, the last made, when it holds
    /// nothing but `skill` (or nothing) and has a parent: a heading that
    /// turned out to name a skill. The parent; `None`, and nothing changed,
    /// otherwise.
    pub fn drop_last_phase(&mut self, p: usize, skill: Option<usize>) -> Option<usize> {
        let node = self.phases.last()?;
        let phase = &node.phase;
        let held = phase.skills.len() == usize::from(skill.is_some());
        let bare = node.children.is_empty() && phase.tasks.is_empty() && phase.span.is_none();
        let said = phase.description.is_some() || phase.goal.is_some() || !phase.extensions.is_empty();
        let parent = node.parent.filter(|_| p + 1 == self.phases.len() && held && bare && !said)?;
        if let Some(s) = skill {
            self.phase_skill.remove(&(p, s));
        }
        self.phases[parent].children.pop();
        if let Some(node) = self.phases.pop() {
            self.phase_ids.release(&node.phase.id);
        }
        Some(parent)
    }

    /// The span of a time under `parent`: weeks that restart inside a
    /// month made absolute, lengths placed after the previous sibling.
    fn resolve_span(&self, parent: Option<usize>, time: &Time) -> Span {
        let (unit, mut start, mut end, label) = match time {
            Time::Range { unit, start, end, label } => (*unit, *start, *end, label.clone()),
            Time::Length { unit, count, label } => {
                let cursor = parent.map_or(&self.top_cursor, |p| &self.phases[p].cursor);
                let after: u32 = cursor.get(unit).copied().unwrap_or(0);
                let start = after.saturating_add(1);
                (*unit, start, Some(start.saturating_add(count - 1)).filter(|&e| e > start), label.clone())
            }
        };
        if unit == TimeUnit::Week {
            let mut ancestor = parent;
            let mut steps = 0;
            while let (Some(a), true) = (ancestor, steps < 64) {
                if let Some(s) = &self.phases[a].phase.span {
                    if s.unit == TimeUnit::Month {
                        let first_week = (s.start.max(1) - 1).saturating_mul(4) + 1;
                        if start < first_week {
                            let offset = first_week - 1;
                            start = start.saturating_add(offset);
                            end = end.map(|e| e.saturating_add(offset));
                        }
                    }
                    break;
                }
                ancestor = self.phases[a].parent;
                steps += 1;
            }
        }
        let mut span = Span::new(unit, start);
        span.end_at = end;
        span.label = Some(label).filter(|l| !l.is_empty());
        span
    }

    /// Adds a task to a phase; its pointer.
    pub fn task(&mut self, phase: usize, text: &str) -> String {
        let node = &mut self.phases[phase];
        node.phase.tasks.push(Task::new(text));
        format!("{}/tasks/{}", node.pointer, node.phase.tasks.len() - 1)
    }

    pub fn project(&mut self, title: &str, number: Option<u32>, phase: Option<usize>) -> usize {
        let id = self.project_ids.fresh(&kebab(title, "project"));
        let mut project = Project::new(id, title);
        project.number = number;
        project.phase = phase.map(|p| self.phases[p].phase.id.clone());
        self.projects.push(project);
        self.projects.len() - 1
    }

    pub fn practice(&mut self, cadence: trailmap::Cadence, activity: &str, phase: Option<usize>) -> usize {
        let id = self.practice_ids.fresh(&kebab(activity, "practice"));
        let mut practice = Practice::new(id, cadence, activity);
        practice.phase = phase.map(|p| self.phases[p].phase.id.clone());
        self.practices.push(practice);
        self.practices.len() - 1
    }

    pub fn milestone(&mut self, title: &str, kind: MilestoneKind, phase: Option<usize>) -> usize {
        let id = self.milestone_ids.fresh(&kebab(title, "milestone"));
        let mut milestone = Milestone::new(id, title);
        milestone.kind = Some(kind);
        milestone.phase = phase.map(|p| self.phases[p].phase.id.clone());
        self.milestones.push(milestone);
        self.milestones.len() - 1
    }

    pub fn exclusion(&mut self, title: &str, reason: Option<String>, phase: Option<usize>) -> usize {
        let id = self.exclusion_ids.fresh(&kebab(title, "exclusion"));
        let mut exclusion = Exclusion::new(id, title);
        exclusion.reason = reason;
        exclusion.phase = phase.map(|p| self.phases[p].phase.id.clone());
        self.exclusions.push(exclusion);
        self.exclusions.len() - 1
    }

    pub fn area(&mut self, name: &str) -> usize {
        let id = self.area_ids.fresh(&kebab(name, "area"));
        self.areas.push(trailmap::Area::new(id, name));
        self.areas.len() - 1
    }

    /// Adds a resource to a skill, of `kind` or the kind its address and
    /// title suggest; its pointer. `None`, and nothing added, for an address
    /// a learner must not be sent to ([`safe_scheme`]): every importer's
    /// resources come through here or, without an address, through
    /// [`Builder::titled_resource`].
    pub fn resource(
        &mut self,
        skill: usize,
        title: &str,
        url: &str,
        kind: Option<trailmap::ResourceKind>,
    ) -> Option<String> {
        if !safe_scheme(url) {
            return None;
        }
        let kind = kind.or_else(|| crate::text::resource_kind(url, title));
        let mut resource = Resource::new(if title.trim().is_empty() { url } else { title });
        resource.url = Some(url.to_owned());
        resource.kind = kind;
        Some(self.push_resource(skill, resource))
    }

    /// Adds a resource known by its title alone ("Deep Learning with
    /// PyTorch (book)") to a skill, of the kind `label` suggests; its pointer.
    pub fn titled_resource(&mut self, skill: usize, title: &str, label: &str) -> String {
        let mut resource = Resource::new(title);
        resource.kind = crate::text::resource_kind("", label);
        self.push_resource(skill, resource)
    }

    fn push_resource(&mut self, skill: usize, resource: Resource) -> String {
        let resources = &mut self.skills[skill].resources;
        resources.push(resource);
        Pointer::item("skills", skill).with("resources").with(resources.len() - 1).into_string()
    }

    /// The finished roadmap.
    pub fn finish(mut self, id: &str, source_file: Option<&str>) -> (Roadmap, Report) {
        self.resolve_prerequisites();
        // Children come after their parents in the arena: fold from the end.
        let mut nodes: Vec<Option<PhaseNode>> = self.phases.drain(..).map(Some).collect();
        for i in (0..nodes.len()).rev() {
            let Some(node) = nodes[i].take() else { continue };
            let mut phase = node.phase;
            let mut children: Vec<Phase> = Vec::with_capacity(node.children.len());
            for c in node.children {
                if let Some(child) = nodes[c].as_mut().map(|n| std::mem::take(&mut n.phase)) {
                    children.push(child);
                }
            }
            phase.phases = children;
            nodes[i] = Some(PhaseNode {
                phase,
                parent: node.parent,
                children: Vec::new(),
                pointer: node.pointer,
                cursor: BTreeMap::new(),
                each: None,
            });
        }
        let phases: Vec<Phase> =
            self.top.iter().filter_map(|&i| nodes[i].as_mut().map(|n| std::mem::take(&mut n.phase))).collect();
        let title = self.title.clone().unwrap_or_else(|| "Imported roadmap".to_owned());
        let mut roadmap = Roadmap::new(id, title, "0.1.0");
        roadmap.summary = self.summary.take();
        roadmap.audience = self.audience.take();
        roadmap.target_role = self.target_role.take();
        roadmap.source = source_file.map(|f| {
            let mut source = trailmap::Source::default();
            source.file = Some(f.to_owned());
            source
        });
        roadmap.principles = std::mem::take(&mut self.principles);
        roadmap.skills = std::mem::take(&mut self.skills);
        roadmap.phases = phases;
        roadmap.projects = std::mem::take(&mut self.projects);
        roadmap.practices = std::mem::take(&mut self.practices);
        roadmap.milestones = std::mem::take(&mut self.milestones);
        roadmap.exclusions = std::mem::take(&mut self.exclusions);
        roadmap.areas = std::mem::take(&mut self.areas);
        self.break_cycles(&mut roadmap);
        if self.infer {
            self.infer_prerequisites(&mut roadmap);
        }
        // Fields left empty are not written: the report must not point into them.
        if let Ok(written) = serde_json::to_value(&roadmap) {
            self.report.settle(&written);
        }
        (roadmap, self.report)
    }
}

/// `http:`, `https:`, `mailto:`, `ftp:` or a relative address; not
/// `javascript:`, `data:`, `file:`, … (a resource is opened by learners).
pub(crate) fn safe_scheme(url: &str) -> bool {
    let url = url.trim();
    match url.split_once(':') {
        Some((scheme, _))
            if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "ftp" | "ftps")
        }
        _ => true,
    }
}

//! The Markdown document: the roadmap read back to a person.

use std::collections::{HashMap, HashSet};

use trailmap::graph::{PhaseEvent, PhaseTree};
use trailmap::{
    Cadence, Exclusion, Milestone, Phase, Practice, Prerequisite, Project, ResourceKind, Roadmap, Skill, SkillLevel,
    SkillMention, Task,
};

use crate::phase_title;

/// Renders `roadmap` as a Markdown (GitHub Flavored) document that reads
/// like the roadmap it encodes, in the same order: title, summary, who it
/// is for and how long it takes, principles; then each phase as a heading
/// (nested phases one level deeper) with its span, goal, description,
/// topics, skills, tasks and deliverables, and the projects, practices,
/// milestones and exclusions that belong to it; then those that belong to
/// no phase, the area table and a reference of every skill with its
/// prerequisites.
///
/// Every string from the file is escaped with [`trailmap::escape::markdown`],
/// so no name can start a heading, a list, a fence or a table, or inject HTML.
///
/// ```
/// use trailmap::Roadmap;
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "ml", "title": "ML in 2 weeks", "version": "1.0.0",
///   "skills": [{"id": "python", "name": "Python"},
///              {"id": "numpy", "name": "NumPy", "prerequisites": ["python"]}],
///   "phases": [{"id": "w1", "title": "Foundations", "kind": "week", "span": {"unit": "week", "start": 1},
///               "goal": "Write scripts", "skills": ["python", "numpy"]}],
///   "milestones": [{"id": "done", "title": "Ready when", "criteria": [{"text": "Can use <NumPy>"}]}]
/// }"#).roadmap.unwrap();
///
/// let doc = trailmap_render::markdown(&roadmap);
/// assert!(doc.contains("\n## Week 1: Foundations\n\n**Goal:** Write scripts\n\n**Skills:**\n\n- Python\n- NumPy\n"));
/// assert!(doc.contains("\n## Ready when\n\n- [ ] Can use &lt;NumPy>\n"));
/// assert!(doc.contains("\n- **NumPy** (id: numpy)\n\n  - Needs **Python**\n"));
/// ```
pub fn markdown(roadmap: &Roadmap) -> String {
    let mut doc = Doc::new(roadmap);
    doc.render();
    doc.out
}

/// Escapes one string from the file for Markdown. Surrounding whitespace
/// is dropped: it means nothing to a reader and would break emphasis.
fn md(text: &str) -> String {
    trailmap::escape::markdown(text.trim())
}

/// Whether `text` contains `phrase` as whole words ("classes" is not in
/// "metaclasses"). An empty phrase says nothing, so it counts as said.
fn mentions(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return true;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase)
        .any(|(at, _)| !word(text[..at].chars().next_back()) && !word(text[at + phrase.len()..].chars().next()))
}

/// How many bytes the "already said" checks may scan in one document.
const REPEAT_BUDGET: usize = 1 << 26;

/// The `#`s of a heading at `level`; Markdown has six levels, so deeper
/// phases share the sixth.
fn hashes(level: usize) -> &'static str {
    &"######"[..level.clamp(1, 6)]
}

/// The projects, practices, milestones and exclusions of one phase (or of
/// none), in file order.
#[derive(Default)]
struct Placed<'r> {
    projects: Vec<&'r Project>,
    practices: Vec<&'r Practice>,
    milestones: Vec<&'r Milestone>,
    exclusions: Vec<&'r Exclusion>,
}

struct Doc<'r> {
    roadmap: &'r Roadmap,
    skills: HashMap<&'r str, &'r Skill>,
    project_titles: HashMap<&'r str, &'r str>,
    /// Items by the id of the phase they belong to; taken out when that
    /// phase is rendered, so each item appears once even if phase ids repeat.
    by_phase: HashMap<&'r str, Placed<'r>>,
    /// Items with no phase, or naming a phase that does not exist (shown
    /// rather than lost).
    unplaced: Placed<'r>,
    /// Skills whose topics have been shown (at the first phase teaching them).
    topics_shown: HashSet<&'r str>,
    /// Bytes the "already said" checks may still scan. Leaving out a
    /// repeated topic is cosmetic, so on a huge hostile file it stops
    /// instead of taking time quadratic in the input.
    repeat_budget: usize,
    out: String,
}

impl<'r> Doc<'r> {
    fn new(roadmap: &'r Roadmap) -> Self {
        let mut skills = HashMap::new();
        for skill in &roadmap.skills {
            skills.entry(skill.id.as_str()).or_insert(skill);
        }
        let mut project_titles = HashMap::new();
        for project in &roadmap.projects {
            project_titles.entry(project.id.as_str()).or_insert(project.title.as_str());
        }
        let mut phase_ids = HashSet::new();
        trailmap::graph::walk_phases(&roadmap.phases, &mut |p| {
            phase_ids.insert(p.id.as_str());
        });
        let mut by_phase: HashMap<&str, Placed> = HashMap::new();
        let mut unplaced = Placed::default();
        // The phase an item names, if that phase exists.
        let home = |phase: &'r Option<String>| phase.as_deref().filter(|id| phase_ids.contains(id));
        for p in &roadmap.projects {
            match home(&p.phase) {
                Some(id) => by_phase.entry(id).or_default().projects.push(p),
                None => unplaced.projects.push(p),
            }
        }
        for p in &roadmap.practices {
            match home(&p.phase) {
                Some(id) => by_phase.entry(id).or_default().practices.push(p),
                None => unplaced.practices.push(p),
            }
        }
        for m in &roadmap.milestones {
            match home(&m.phase) {
                Some(id) => by_phase.entry(id).or_default().milestones.push(m),
                None => unplaced.milestones.push(m),
            }
        }
        for e in &roadmap.exclusions {
            match home(&e.phase) {
                Some(id) => by_phase.entry(id).or_default().exclusions.push(e),
                None => unplaced.exclusions.push(e),
            }
        }
        Doc {
            roadmap,
            skills,
            project_titles,
            by_phase,
            unplaced,
            topics_shown: HashSet::new(),
            repeat_budget: REPEAT_BUDGET,
            out: String::new(),
        }
    }

    /// Appends a block (heading, paragraph, list, table), separated from
    /// the previous one by a blank line so that lists never merge.
    fn block(&mut self, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    /// A paragraph of escaped text; none when nothing is left to show.
    fn paragraph(&mut self, escaped: &str) {
        if !escaped.is_empty() {
            self.block(escaped);
        }
    }

    fn heading(&mut self, level: usize, escaped: &str) {
        self.block(&format!("{} {escaped}", hashes(level)));
    }

    fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let text: Vec<String> = items.into_iter().map(|item| format!("- {item}")).collect();
        if !text.is_empty() {
            self.block(&text.join("\n"));
        }
    }

    /// A skill's name, escaped; the id itself when no skill has it.
    fn name(&self, id: &str) -> String {
        md(self.skills.get(id).map_or(id, |s| s.name.as_str()))
    }

    /// A skill's name, escaped and in bold, for lists of names on one line:
    /// the emphasis marks where each name starts and ends, so a comma or an
    /// "or" inside a name cannot be misread.
    fn bold_name(&self, id: &str) -> String {
        bold(&self.name(id))
    }

    /// Whether `text` (lowercase) already says `phrase` as whole words,
    /// while the scanning budget lasts; after that, nothing counts as said.
    fn said_already(&mut self, text: &str, phrase: &str) -> bool {
        let cost = text.len() + phrase.len();
        if cost > self.repeat_budget {
            self.repeat_budget = 0;
            return false;
        }
        self.repeat_budget -= cost;
        mentions(text, &phrase.trim().to_lowercase())
    }

    /// `**Python**, **TensorFlow** or **PyTorch**`: any-of groups read as
    /// alternatives; each name in bold, so commas in names stay unambiguous.
    fn prerequisites(&self, list: &[Prerequisite]) -> String {
        let parts: Vec<String> = list
            .iter()
            .map(|p| p.skill_ids().map(|id| self.bold_name(id)).collect::<Vec<_>>().join(" or "))
            .filter(|part| !part.is_empty())
            .collect();
        parts.join(", ")
    }

    fn render(&mut self) {
        let r = self.roadmap;
        self.heading(1, &md(&r.title));
        if let Some(summary) = &r.summary {
            self.paragraph(&md(summary));
        }
        let facts = crate::facts::lines(r, |label| format!("**{label}:** "), md, link);
        self.list(facts);
        if !r.principles.is_empty() {
            self.heading(2, "Principles");
            self.list(r.principles.iter().map(|p| md(p)));
        }
        self.phases();
        self.unplaced();
        self.areas();
        self.skills();
    }

    /// Every phase in document order, nested phases inside their parent's
    /// section (`PhaseTree` walks without recursion).
    fn phases(&mut self) {
        for event in PhaseTree::events(&self.roadmap.phases) {
            match event {
                PhaseEvent::Enter(v) => self.phase_intro(v.phase, v.depth + 2),
                PhaseEvent::Leave(v) => self.phase_tail(v.phase, v.depth + 3),
            }
        }
    }

    /// What a phase says before its nested phases.
    fn phase_intro(&mut self, phase: &'r Phase, level: usize) {
        self.heading(level, &md(&phase_title(phase)));
        match (phase.parallel, phase.ongoing) {
            (true, true) => self.block("*Parallel, ongoing.*"),
            (true, false) => self.block("*Parallel.*"),
            (false, true) => self.block("*Ongoing.*"),
            (false, false) => {}
        }
        if let Some(goal) = &phase.goal {
            self.block(&format!("**Goal:** {}", md(goal)));
        }
        if let Some(description) = &phase.description {
            self.paragraph(&md(description));
        }
        self.topics(&phase.topics);
        self.phase_skills(phase);
    }

    /// The skills a phase teaches, by name. Where a skill is first taught,
    /// its topics follow its name (a roadmap's "you must know" list), less
    /// those the phase or the name already says.
    fn phase_skills(&mut self, phase: &'r Phase) {
        if phase.skills.is_empty() {
            return;
        }
        let mut said: Vec<&str> = vec![&phase.title];
        said.extend(phase.goal.as_deref());
        said.extend(phase.description.as_deref());
        said.extend(phase.topics.iter().map(String::as_str));
        said.extend(phase.tasks.iter().map(|t| t.text.as_str()));
        let said = said.join("\n").to_lowercase();
        let mut entries = Vec::with_capacity(phase.skills.len());
        for id in &phase.skills {
            let skill = self.skills.get(id.as_str()).copied();
            let first = self.topics_shown.insert(id.as_str());
            let mut topics = Vec::new();
            if let (Some(skill), true) = (skill, first) {
                let name = skill.name.to_lowercase();
                for topic in &skill.topics {
                    if !self.said_already(&said, topic) && !self.said_already(&name, topic) {
                        topics.push(md(topic));
                    }
                }
            }
            entries.push((self.name(id), topics));
        }
        // A list, never names joined with commas: a name may hold a comma.
        self.block("**Skills:**");
        self.list(
            entries
                .into_iter()
                .map(|(name, topics)| if topics.is_empty() { name } else { format!("{name}: {}", topics.join(", ")) }),
        );
    }

    /// One topic, or a few short ones, read best on one line, as roadmaps
    /// write them; several sentences as a list.
    fn topics(&mut self, topics: &[String]) {
        if topics.is_empty() {
            return;
        }
        let escaped: Vec<String> = topics.iter().map(|t| md(t)).collect();
        let sentences = topics.iter().any(|t| t.trim_end().ends_with('.') || t.contains(", "));
        if let [topic] = escaped.as_slice() {
            self.block(&format!("**Topic:** {topic}"));
        } else if !sentences && escaped.iter().map(String::len).sum::<usize>() <= 120 {
            self.block(&format!("**Topics:** {}", escaped.join(", ")));
        } else {
            self.block("**Topics:**");
            self.list(escaped);
        }
    }

    /// What a phase says after its nested phases: tasks, then the items that
    /// name it. Once a heading has appeared inside the phase, each later
    /// section gets a heading of its own at `level`, so it is not read as
    /// part of the nested phase or project above it.
    fn phase_tail(&mut self, phase: &'r Phase, level: usize) {
        let placed = self.by_phase.remove(phase.id.as_str()).unwrap_or_default();
        let mut headed = !phase.phases.is_empty();
        if !phase.tasks.is_empty() {
            self.label_or_heading(headed, level, "Tasks");
            self.tasks(&phase.tasks);
        }
        for project in placed.projects {
            self.project(project, level);
            headed = true;
        }
        if !placed.practices.is_empty() {
            self.label_or_heading(headed, level, "Practice");
            self.practices(&placed.practices);
        }
        for milestone in placed.milestones {
            self.milestone(milestone, level);
            headed = true;
        }
        if !placed.exclusions.is_empty() {
            if headed {
                self.heading(level, "What you do not need");
            } else {
                self.block("**You do not need:**");
            }
            self.exclusions(&placed.exclusions);
        }
    }

    fn label_or_heading(&mut self, heading: bool, level: usize, text: &str) {
        if heading {
            self.heading(level, text);
        } else {
            self.block(&format!("**{text}:**"));
        }
    }

    /// Each task on its line; its skills, deliverables and project on the
    /// next (a hard line break keeps them in the same list item).
    fn tasks(&mut self, tasks: &[Task]) {
        let items: Vec<String> = tasks
            .iter()
            .map(|task| {
                let mut details = Vec::new();
                if !task.skills.is_empty() {
                    details.push(format!("Skills: {}", self.prerequisites(&task.skills)));
                }
                if !task.deliverables.is_empty() {
                    let deliverables: Vec<String> = task.deliverables.iter().map(|d| md(d)).collect();
                    details.push(format!("Deliverables: {}", deliverables.join(", ")));
                }
                if let Some(project) = &task.project {
                    let title = self.project_titles.get(project.as_str()).copied().unwrap_or(project);
                    details.push(format!("Project: {}", md(title)));
                }
                let text = md(&task.text);
                if details.is_empty() { text } else { format!("{text}\\\n  {}", details.join(" · ")) }
            })
            .collect();
        self.list(items);
    }

    fn project(&mut self, project: &Project, level: usize) {
        let mut title = match project.number {
            Some(n) => format!("Project {n}: {}", md(&project.title)),
            None => format!("Project: {}", md(&project.title)),
        };
        if project.optional {
            title.push_str(" (optional)");
        }
        self.heading(level, &title);
        if let Some(description) = &project.description {
            self.paragraph(&md(description));
        }
        if !project.skills.is_empty() {
            self.block(&format!("**Skills:** {}", self.prerequisites(&project.skills)));
        }
        if !project.deliverables.is_empty() {
            self.block("**Deliverables:**");
            self.list(project.deliverables.iter().map(|d| md(d)));
        }
    }

    fn practices(&mut self, practices: &[&Practice]) {
        let mut items = Vec::with_capacity(practices.len());
        for p in practices {
            let cadence = match p.cadence {
                Cadence::Daily => "Daily",
                Cadence::Weekly => "Weekly",
                Cadence::Monthly => "Monthly",
                Cadence::Regular => "Regular",
                Cadence::Ongoing => "Ongoing",
            };
            // Topics the activity already names ("Participate in team
            // meetings") would only repeat it.
            let activity = p.activity.to_lowercase();
            let mut topics = Vec::new();
            for topic in &p.topics {
                if !self.said_already(&activity, topic) {
                    topics.push(md(topic));
                }
            }
            let topics = if topics.is_empty() { String::new() } else { format!(" ({})", topics.join(", ")) };
            items.push(format!("**{cadence}:** {}{topics}", md(&p.activity)));
        }
        self.list(items);
    }

    fn milestone(&mut self, milestone: &Milestone, level: usize) {
        self.heading(level, &md(&milestone.title));
        if let Some(description) = &milestone.description {
            self.paragraph(&md(description));
        }
        // `- [ ]` is GitHub's task list; the text is escaped, so it cannot
        // add a box of its own.
        self.list(milestone.criteria.iter().map(|c| format!("[{}] {}", if c.done { "x" } else { " " }, md(&c.text))));
    }

    fn exclusions(&mut self, exclusions: &[&Exclusion]) {
        self.list(exclusions.iter().map(|e| match e.reason.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(reason) => format!("{} — {}", md(&e.title), md(reason)),
            None => md(&e.title),
        }));
    }

    fn unplaced(&mut self) {
        let placed = std::mem::take(&mut self.unplaced);
        if !placed.projects.is_empty() {
            self.heading(2, "Projects");
            for project in placed.projects {
                self.project(project, 3);
            }
        }
        if !placed.practices.is_empty() {
            self.heading(2, "Practices");
            self.practices(&placed.practices);
        }
        for milestone in placed.milestones {
            self.milestone(milestone, 2);
        }
        if !placed.exclusions.is_empty() {
            self.heading(2, "What you do not need");
            self.exclusions(&placed.exclusions);
        }
    }

    /// The summary table: one row per area, with the skills as the table
    /// names them (`LeetCode (Daily Practice)`).
    fn areas(&mut self) {
        let areas = &self.roadmap.areas;
        if areas.is_empty() {
            return;
        }
        // A description that only repeats the skills cell is left out.
        let rows: Vec<(String, Option<&str>, String)> = areas
            .iter()
            .map(|area| {
                let (raw, escaped) = self.area_skills(&area.skills);
                let description = area.description.as_deref().filter(|d| d.trim() != raw && !d.trim().is_empty());
                (md(&area.name), description, escaped)
            })
            .collect();
        let described = rows.iter().any(|(_, description, _)| description.is_some());
        let mut table = String::from(if described {
            "| Area | Description | Skills |\n| --- | --- | --- |\n"
        } else {
            "| Area | Skills |\n| --- | --- |\n"
        });
        for (name, description, skills) in rows {
            let row = if described {
                format!("| {name} | {} | {skills} |\n", description.map(md).unwrap_or_default())
            } else {
                format!("| {name} | {skills} |\n")
            };
            table.push_str(&row);
        }
        self.heading(2, "Areas");
        self.block(&table);
    }

    /// An area's skills as the table names them (`PyTorch (main)`): the
    /// plain text, to compare with the area's description, and escaped.
    fn area_skills(&self, mentions: &[SkillMention]) -> (String, String) {
        let (mut raw, mut escaped) = (Vec::new(), Vec::new());
        for mention in mentions {
            let (label, note) = match mention {
                SkillMention::Id(id) => (self.skills.get(id.as_str()).map_or(id.as_str(), |s| s.name.as_str()), None),
                SkillMention::Noted(n) => (
                    n.label
                        .as_deref()
                        .unwrap_or_else(|| self.skills.get(n.skill.as_str()).map_or(&n.skill, |s| &s.name)),
                    n.note.as_deref(),
                ),
            };
            match note {
                Some(note) => {
                    raw.push(format!("{} ({})", label.trim(), note.trim()));
                    escaped.push(format!("{} ({})", bold(&md(label)), md(note)));
                }
                None => {
                    raw.push(label.trim().to_owned());
                    escaped.push(bold(&md(label)));
                }
            }
        }
        (raw.join(", "), escaped.join(", "))
    }

    /// Every skill, as a list: name, id, area, level, effort, whether it is
    /// optional; then its description and note, what it needs (one entry a
    /// line, alternatives joined by "or") and its resources as links.
    fn skills(&mut self) {
        if self.roadmap.skills.is_empty() {
            return;
        }
        let mut items = Vec::with_capacity(self.roadmap.skills.len());
        for skill in &self.roadmap.skills {
            items.push(self.skill_entry(skill));
        }
        self.heading(2, "Skills");
        // Items with paragraphs inside are "loose": a blank line between them.
        self.block(&items.join("\n\n"));
    }

    fn skill_entry(&self, skill: &Skill) -> String {
        let mut facts = vec![format!("id: {}", md(&skill.id))];
        if let Some(area) = skill.area.as_deref().filter(|a| !a.trim().is_empty()) {
            facts.push(format!("area: {}", md(area)));
        }
        if let Some(level) = skill.level {
            facts.push(format!("level: {}", level_name(level)));
        }
        if let Some(hours) = skill.effort_hours {
            facts.push(format!("effort: {hours} hours"));
        }
        if skill.optional {
            facts.push("optional".to_owned());
        }
        let mut entry = format!("- {} ({})", bold(&md(&skill.name)), facts.join(" · "));
        for text in [&skill.description, &skill.note].into_iter().flatten() {
            let text = md(text);
            if !text.is_empty() {
                entry.push_str(&format!("\n\n  {text}"));
            }
        }
        let mut details = Vec::new();
        for prerequisite in &skill.prerequisites {
            let names = self.prerequisites(std::slice::from_ref(prerequisite));
            match prerequisite {
                Prerequisite::Skill(_) => details.push(format!("Needs {names}")),
                Prerequisite::AnyOf(_) => details.push(format!("Needs one of {names}")),
            }
        }
        for resource in &skill.resources {
            let kind = resource.kind.map(|k| format!(" ({})", kind_name(k))).unwrap_or_default();
            details.push(format!("Resource: {}{kind}", link(&resource.title, resource.url.as_deref())));
        }
        if !details.is_empty() {
            entry.push_str("\n\n");
            entry.push_str(&details.iter().map(|d| format!("  - {d}")).collect::<Vec<_>>().join("\n"));
        }
        entry
    }
}

/// Escaped text in bold; text with nothing to show stays as it is (`****`
/// would be a rule).
fn bold(escaped: &str) -> String {
    if escaped.is_empty() { String::new() } else { format!("**{escaped}**") }
}

/// `[title](address)` for an `https`/`http` address, both escaped; the
/// title alone (and the address as text) for any other address.
fn link(title: &str, url: Option<&str>) -> String {
    let title = md(title);
    match url.map(|u| (u, trailmap::escape::url(u))) {
        Some((_, Some(address))) => format!("[{}]({address})", if title.is_empty() { md(&address) } else { title }),
        Some((raw, None)) if !raw.trim().is_empty() => format!("{title} ({})", md(raw)),
        _ => title,
    }
}

fn level_name(level: SkillLevel) -> &'static str {
    match level {
        SkillLevel::Beginner => "beginner",
        SkillLevel::Intermediate => "intermediate",
        SkillLevel::Advanced => "advanced",
        SkillLevel::Expert => "expert",
    }
}

/// What kind of thing a resource is, as a word.
pub(crate) fn kind_name(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Article => "article",
        ResourceKind::Book => "book",
        ResourceKind::Course => "course",
        ResourceKind::Docs => "docs",
        ResourceKind::Video => "video",
        ResourceKind::Tool => "tool",
        ResourceKind::Dataset => "data set",
        ResourceKind::Paper => "paper",
        ResourceKind::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed parse alone: some cases here (an exclusion naming a phase
    /// that does not exist) would not validate, yet must render.
    fn render(json: &str) -> String {
        markdown(&serde_json::from_str(json).expect("roadmap"))
    }

    const NESTED: &str = r#"{"id": "r", "title": "R", "version": "1.0.0",
        "skills": [{"id": "docker", "name": "Docker"}, {"id": "aws", "name": "AWS"}],
        "phases": [{"id": "w3-4", "title": "Tools", "kind": "block", "span": {"unit": "week", "start": 3, "end": 4, "label": "Week 3-4"},
            "goal": "Use the tools.",
            "phases": [{"id": "w3", "title": "Week 3", "kind": "week", "span": {"unit": "week", "start": 3},
                        "tasks": [{"text": "Set up Docker", "skills": ["docker"], "deliverables": ["notes"]}]}],
            "tasks": [{"text": "Deploy a model", "project": "p"}]}],
        "projects": [{"id": "p", "title": "Deploy", "number": 2, "phase": "w3-4", "skills": [{"any_of": ["docker", "aws"]}]}],
        "practices": [{"id": "d", "cadence": "daily", "activity": "1 LeetCode", "topics": ["Arrays", "Strings"], "phase": "w3"}],
        "exclusions": [{"id": "k8s", "title": "Kubernetes", "reason": "Too deep", "phase": "nowhere"}]
    }"#;

    #[test]
    fn nested_phases_are_deeper_headings_and_the_parents_tail_gets_its_own() {
        let doc = render(NESTED);
        let expected = "## Week 3-4: Tools\n\n**Goal:** Use the tools.\n\n### Week 3\n\n**Tasks:**\n\n\
            - Set up Docker\\\n  Skills: **Docker** · Deliverables: notes\n\n**Practice:**\n\n\
            - **Daily:** 1 LeetCode (Arrays, Strings)\n\n### Tasks\n\n- Deploy a model\\\n  Project: Deploy\n\n\
            ### Project 2: Deploy\n\n**Skills:** **Docker** or **AWS**\n";
        assert!(doc.contains(expected), "{doc}");
    }

    #[test]
    fn items_naming_no_existing_phase_are_still_shown() {
        let doc = render(NESTED);
        assert!(doc.contains("\n## What you do not need\n\n- Kubernetes — Too deep\n"), "{doc}");
    }

    #[test]
    fn deep_nesting_does_not_recurse_and_stops_at_six_hashes() {
        let phase = |id: String, phases: Vec<Phase>| {
            let mut phase = Phase::new(id.clone(), id.to_uppercase());
            phase.phases = phases;
            phase
        };
        let mut chain = phase("leaf".into(), vec![]);
        for i in 0..20_000 {
            chain = phase(format!("p{i}"), vec![chain]);
        }
        let mut roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": []}"#)
            .roadmap
            .expect("roadmap");
        roadmap.phases = vec![chain];
        let doc = markdown(&roadmap);
        assert!(doc.contains("\n###### LEAF\n"));
        assert_eq!(doc.matches("\n#").count(), 20_001);
        // Dropping the deep chain recursively is `Vec`'s business, not ours:
        // leak it so the test exercises only the renderer.
        std::mem::forget(roadmap);
    }

    #[test]
    fn mentions_matches_whole_words_only() {
        assert!(mentions("you do not need metaclasses or classes", "classes"));
        assert!(!mentions("you do not need metaclasses", "classes"));
        assert!(mentions("meet the team.", "team"));
        assert!(!mentions("teams", "team"));
        assert!(mentions("anything", ""));
        assert!(mentions("ci/cd for ml", "ci/cd"));
    }

    #[test]
    fn repeated_topic_checks_stop_at_their_budget() {
        let roadmap: Roadmap = serde_json::from_str(
            r#"{"id": "r", "title": "R", "version": "1.0.0",
                "skills": [{"id": "s", "name": "S", "topics": ["alpha", "beta"]}],
                "phases": [{"id": "p", "title": "About alpha", "skills": ["s"]}]}"#,
        )
        .expect("roadmap");
        let mut doc = Doc::new(&roadmap);
        doc.render();
        assert!(doc.out.contains("- S: beta\n"), "alpha is already said: {}", doc.out);
        let mut spent = Doc::new(&roadmap);
        spent.repeat_budget = 3;
        spent.render();
        assert!(spent.out.contains("- S: alpha, beta\n"), "nothing left out once spent: {}", spent.out);
    }

    #[test]
    fn the_skills_reference_has_everything_and_links_only_web_addresses() {
        let doc = render(
            r#"{"id": "r", "title": "R", "version": "1.0.0",
            "source": {"title": "Blog [post]", "url": "https://example.com/a b", "author": "Ann"},
            "skills": [{"id": "a", "name": "A, B"}, {"id": "c", "name": "C"},
                {"id": "cnn", "name": "CNNs", "area": "vision", "level": "intermediate", "effort_hours": 8.5, "optional": true,
                 "description": "Convolutions.", "note": "Week 3 only.",
                 "prerequisites": ["a", {"any_of": ["a", "c"]}],
                 "resources": [{"title": "CS231n", "url": "https://cs231n.github.io/", "kind": "course"},
                               {"title": "Evil](x)", "url": "javascript:alert(1)"},
                               {"title": "Closer", "url": "https://x.org/)<script>"}, {"title": "Book"}]}]}"#,
        );
        let expected = "- **CNNs** (id: cnn · area: vision · level: intermediate · effort: 8.5 hours · optional)\n\n  \
            Convolutions.\n\n  Week 3 only.\n\n  - Needs **A, B**\n  - Needs one of **A, B** or **C**\n  \
            - Resource: [CS231n](https://cs231n.github.io/) (course)\n  - Resource: Evil\\](x) (javascript:alert(1))\n  \
            - Resource: [Closer](https://x.org/%29%3Cscript%3E)\n  - Resource: Book\n";
        assert!(doc.ends_with(expected), "{doc}");
        assert!(doc.contains("- **Source:** [Blog \\[post\\]](https://example.com/a%20b) by Ann\n"), "{doc}");
    }

    #[test]
    fn checkboxes_follow_done() {
        let doc = render(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
            "milestones": [{"id": "m", "title": "Ready", "criteria": [{"text": "[x] fake", "done": false}, {"text": "real", "done": true}]}]}"#,
        );
        assert!(doc.contains("\n## Ready\n\n- [ ] \\[x\\] fake\n- [x] real\n"), "{doc}");
    }

    #[test]
    fn short_topics_on_one_line_sentences_as_a_list() {
        let doc = render(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [],
            "phases": [{"id": "a", "title": "A", "topics": ["Tensors", "Autograd"]},
                       {"id": "b", "title": "B", "topics": ["Meet the team.", "Set up"]},
                       {"id": "c", "title": "C", "topics": ["Tensors, autograd, losses."]}]}"#,
        );
        assert!(doc.contains("## A\n\n**Topics:** Tensors, Autograd\n"), "{doc}");
        assert!(doc.contains("## C\n\n**Topic:** Tensors, autograd, losses.\n"), "{doc}");
        assert!(doc.contains("## B\n\n**Topics:**\n\n- Meet the team.\n- Set up\n"), "{doc}");
    }
}

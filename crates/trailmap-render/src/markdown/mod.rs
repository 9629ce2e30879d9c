//! The Markdown document: the roadmap read back to a person.

use std::collections::{HashMap, HashSet};

use trailmap::{Exclusion, Milestone, Practice, Prerequisite, Project, Roadmap, Skill};

mod items;
mod phases;
mod reference;

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
            .map(|p| {
                // A repeat in a group says nothing: each member once, in order.
                let mut seen = std::collections::HashSet::new();
                p.skill_ids()
                    .filter(|id| seen.insert(*id))
                    .map(|id| self.bold_name(id))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
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

#[cfg(test)]
mod tests {
    use trailmap::Phase;

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
    fn one_hour_and_a_group_of_one_read_as_english() {
        let doc = render(
            r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"},
                {"id": "b", "name": "B", "effort_hours": 1, "prerequisites": [{"any_of": ["a"]}, {"any_of": ["a", "a"]}]}]}"#,
        );
        assert!(doc.contains("- **B** (id: b · effort: 1 hour)\n\n  - Needs **A**\n  - Needs **A**\n"), "{doc}");
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

//! The roadmap as one self-contained HTML page with progress: what a
//! learner opens from `file://` or GitHub Pages, ticks, and comes back to.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::json;
use trailmap::graph::{PhaseEvent, PhaseTree, PhaseVisit};
use trailmap::query::NextOptions;
use trailmap::{Milestone, Prerequisite, Progress, Project, Roadmap, Skill, SkillGraph, SmallString, escape};

use crate::{SvgOptions, phase_title, svg};

const CSS: &str = include_str!("assets/page.css");
const JS: &str = include_str!("assets/page.js");

/// How [`html`] builds the page.
///
/// ```
/// let mut options = trailmap_render::HtmlOptions::default();
/// options.progress = Some(trailmap::Progress::with_done(["python"]));
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct HtmlOptions {
    /// Ticks to start from (a progress file); the page's own saved ticks
    /// (in `localStorage`) win once there are any.
    pub progress: Option<Progress>,
}

/// Renders `roadmap` as one self-contained HTML page: no request leaves it
/// (styles and script are inline), so it works from `file://` and on
/// GitHub Pages. It shows the title and summary, the phases in the file's
/// (time) order with their skills, tasks, projects, practices, checklists
/// and exclusions, each skill's description, level, effort, prerequisites
/// and resources (as links), the prerequisite graph as SVG ([`svg`]), and
/// a checkbox per skill (`data-skill-id="ID"`).
///
/// Ticking a skill updates the "What next" panel, which lists every skill
/// startable now in `trailmap next`'s order (each entry
/// `data-next-id="ID"`); ticks persist in `localStorage`, and progress is
/// exported to and imported from a file in the progress format
/// (`schemas/progress.schema.json`). `options.progress` preloads ticks.
///
/// Everything from the file is escaped ([`trailmap::escape::xml`] for text
/// and attributes, [`trailmap::escape::url`] for links,
/// [`trailmap::escape::script_json`] for the data the script reads), and
/// the page is also well-formed XML, so a parser can check it.
///
/// ```
/// use trailmap::Roadmap;
///
/// let roadmap = Roadmap::from_json_str(r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [
///     {"id": "python", "name": "Python"}, {"id": "numpy", "name": "</script><b>", "prerequisites": ["python"]}]}"#,
/// ).roadmap.unwrap();
/// let page = trailmap_render::html(&roadmap, &Default::default());
/// assert!(page.contains(r#"<input type="checkbox" data-skill-id="numpy""#));
/// assert!(page.contains(r#"<li data-next-id="python">"#));
/// assert_eq!(page.matches("</script>").count(), 2, "only the page's own scripts close");
/// ```
pub fn html(roadmap: &Roadmap, options: &HtmlOptions) -> String {
    let mut page = Page::new(roadmap, options);
    page.render();
    page.out
}

/// Text from the file, escaped for HTML (and XML: no forbidden characters).
fn x(text: &str) -> String {
    escape::xml(text.trim())
}

struct Page<'r> {
    roadmap: &'r Roadmap,
    graph: SkillGraph<'r>,
    progress: Progress,
    by_id: HashMap<&'r str, &'r Skill>,
    /// Projects, practices, milestones and exclusions by the phase they name.
    placed: HashMap<&'r str, Vec<Item<'r>>>,
    out: String,
}

#[derive(Clone, Copy)]
enum Item<'r> {
    Project(&'r Project),
    Practice(&'r trailmap::Practice),
    Milestone(&'r Milestone),
    Exclusion(&'r trailmap::Exclusion),
}

impl<'r> Page<'r> {
    fn new(roadmap: &'r Roadmap, options: &HtmlOptions) -> Self {
        let mut by_id = HashMap::new();
        for skill in &roadmap.skills {
            by_id.entry(skill.id.as_str()).or_insert(skill);
        }
        let mut phase_ids = HashSet::new();
        trailmap::graph::walk_phases(&roadmap.phases, &mut |p| {
            phase_ids.insert(p.id.as_str());
        });
        let mut placed: HashMap<&str, Vec<Item>> = HashMap::new();
        let mut place = |phase: &'r Option<String>, item: Item<'r>| {
            let key = phase.as_deref().filter(|id| phase_ids.contains(id)).unwrap_or("");
            placed.entry(key).or_default().push(item);
        };
        roadmap.projects.iter().for_each(|p| place(&p.phase, Item::Project(p)));
        roadmap.practices.iter().for_each(|p| place(&p.phase, Item::Practice(p)));
        roadmap.milestones.iter().for_each(|m| place(&m.phase, Item::Milestone(m)));
        roadmap.exclusions.iter().for_each(|e| place(&e.phase, Item::Exclusion(e)));
        Page {
            roadmap,
            graph: SkillGraph::new(roadmap),
            progress: options.progress.clone().unwrap_or_default(),
            by_id,
            placed,
            out: String::new(),
        }
    }

    fn name(&self, id: &str) -> String {
        x(self.by_id.get(id).map_or(id, |s| s.name.as_str()))
    }

    fn render(&mut self) {
        let r = self.roadmap;
        let title = x(&r.title);
        let _ = writeln!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
             <title>{title}</title>\n<style>/*<![CDATA[*/\n{CSS}/*]]>*/</style>\n</head>\n<body>\n<header class=\"tm-top\">\n<h1>{title}</h1>"
        );
        if let Some(summary) = &r.summary {
            let _ = writeln!(self.out, "<p>{}</p>", x(summary));
        }
        self.facts();
        let total = r.skills.len();
        let done = r.skills.iter().filter(|s| self.progress.is_satisfied(&s.id)).count();
        let _ = writeln!(
            self.out,
            "<div class=\"tm-bar\">\n<div class=\"tm-meter\"><label for=\"tm-meter\" id=\"tm-count\">{done} of {total} skills done</label>\
             <progress id=\"tm-meter\" max=\"{total}\" value=\"{done}\"></progress></div>\n\
             <button type=\"button\" id=\"tm-export\">Export progress</button>\n\
             <label class=\"tm-file\">Import progress<input type=\"file\" id=\"tm-import\" accept=\"application/json,.json\" /></label>\n\
             <button type=\"button\" id=\"tm-reset\">Clear ticks</button>\n</div>\n<p id=\"tm-status\" role=\"status\" aria-live=\"polite\"></p>\n</header>\n<main class=\"tm-main\">\n<div class=\"tm-content\">"
        );
        if !r.principles.is_empty() {
            self.out.push_str("<section><h2>Principles</h2><ul>");
            for p in &r.principles {
                let _ = write!(self.out, "<li>{}</li>", x(p));
            }
            self.out.push_str("</ul></section>\n");
        }
        self.phases();
        self.unplaced();
        let options = SvgOptions::default();
        let _ = write!(
            self.out,
            "<section aria-labelledby=\"tm-graph-heading\"><h2 id=\"tm-graph-heading\">Prerequisite graph</h2>\
             <p class=\"tm-muted\">An arrow means \"learn this first\"; an \"or\" circle needs any one of its dashed lines; dashed boxes are optional.</p>\
             <div class=\"tm-graph\">\n{}</div></section>\n</div>\n",
            svg(r, &options)
        );
        self.next_panel();
        self.out.push_str("</main>\n");
        self.data();
        let _ = writeln!(self.out, "<script>//<![CDATA[\n{JS}//]]>\n</script>\n</body>\n</html>");
    }

    fn facts(&mut self) {
        let facts = crate::facts::lines(self.roadmap, |label| format!("{label}: "), x, link);
        if !facts.is_empty() {
            self.out.push_str("<ul class=\"tm-facts\">");
            for fact in facts {
                let _ = write!(self.out, "<li>{fact}</li>");
            }
            self.out.push_str("</ul>\n");
        }
    }

    /// Every phase in document order, nested phases inside their parent's
    /// section (`PhaseTree` walks without recursion).
    fn phases(&mut self) {
        for event in PhaseTree::events(&self.roadmap.phases) {
            match event {
                PhaseEvent::Enter(PhaseVisit { phase, depth, .. }) => {
                    let level = (depth + 2).min(6);
                    let _ = writeln!(
                        self.out,
                        "<section class=\"tm-phase\"><h{level}>{}</h{level}>",
                        x(&phase_title(phase))
                    );
                    match (phase.parallel, phase.ongoing) {
                        (true, true) => self.out.push_str("<p><em>Parallel, ongoing.</em></p>"),
                        (true, false) => self.out.push_str("<p><em>Parallel.</em></p>"),
                        (false, true) => self.out.push_str("<p><em>Ongoing.</em></p>"),
                        (false, false) => {}
                    }
                    if let Some(goal) = &phase.goal {
                        let _ = writeln!(self.out, "<p><strong>Goal:</strong> {}</p>", x(goal));
                    }
                    if let Some(description) = &phase.description {
                        let _ = writeln!(self.out, "<p>{}</p>", x(description));
                    }
                    if !phase.topics.is_empty() {
                        self.out.push_str("<p><strong>Topics:</strong></p><ul>");
                        for topic in &phase.topics {
                            let _ = write!(self.out, "<li>{}</li>", x(topic));
                        }
                        self.out.push_str("</ul>\n");
                    }
                    self.skill_list(&phase.skills);
                    if !phase.tasks.is_empty() {
                        self.out.push_str("<p><strong>Tasks:</strong></p><ul>");
                        for task in &phase.tasks {
                            let mut details = Vec::new();
                            if !task.skills.is_empty() {
                                details.push(format!("Skills: {}", self.prerequisites(&task.skills)));
                            }
                            if !task.deliverables.is_empty() {
                                let list: Vec<String> =
                                    task.deliverables.iter().map(|d| format!("<li>{}</li>", x(d))).collect();
                                details.push(format!("Deliverables:<ul>{}</ul>", list.concat()));
                            }
                            let details = if details.is_empty() {
                                String::new()
                            } else {
                                format!("<br /><small>{}</small>", details.join(" · "))
                            };
                            let _ = write!(self.out, "<li>{}{details}</li>", x(&task.text));
                        }
                        self.out.push_str("</ul>\n");
                    }
                }
                PhaseEvent::Leave(PhaseVisit { phase, .. }) => {
                    let items = self.placed.remove(phase.id.as_str()).unwrap_or_default();
                    self.items(&items);
                    self.out.push_str("</section>\n");
                }
            }
        }
    }

    /// What belongs to no phase, and skills no phase teaches.
    fn unplaced(&mut self) {
        let items = self.placed.remove("").unwrap_or_default();
        if !items.is_empty() {
            self.out.push_str("<section class=\"tm-phase\"><h2>Projects, practice and checklists</h2>\n");
            self.items(&items);
            self.out.push_str("</section>\n");
        }
        let mut taught = HashSet::new();
        trailmap::graph::walk_phases(&self.roadmap.phases, &mut |p| {
            taught.extend(p.skills.iter().map(SmallString::as_str))
        });
        let rest: Vec<SmallString> =
            self.roadmap.skills.iter().filter(|s| !taught.contains(s.id.as_str())).map(|s| s.id.clone()).collect();
        if !rest.is_empty() {
            let heading = if self.roadmap.phases.is_empty() { "Skills" } else { "Skills in no phase" };
            let _ = writeln!(self.out, "<section class=\"tm-phase\"><h2>{heading}</h2>");
            self.skill_list(&rest);
            self.out.push_str("</section>\n");
        }
    }

    fn items(&mut self, items: &[Item<'r>]) {
        for item in items {
            match item {
                Item::Project(p) => {
                    let number = p.number.map(|n| format!(" {n}")).unwrap_or_default();
                    let optional = if p.optional { " <span class=\"tm-optional\">optional</span>" } else { "" };
                    let _ = write!(self.out, "<h4>Project{number}: {}{optional}</h4>", x(&p.title));
                    if let Some(d) = &p.description {
                        let _ = write!(self.out, "<p>{}</p>", x(d));
                    }
                    if !p.skills.is_empty() {
                        let _ = write!(self.out, "<p>Skills: {}</p>", self.prerequisites(&p.skills));
                    }
                    if !p.deliverables.is_empty() {
                        self.out.push_str("<p>Deliverables:</p><ul>");
                        for d in &p.deliverables {
                            let _ = write!(self.out, "<li>{}</li>", x(d));
                        }
                        self.out.push_str("</ul>\n");
                    }
                }
                Item::Practice(p) => {
                    let cadence = p.cadence.label();
                    let topics: Vec<String> = p.topics.iter().map(|t| x(t)).collect();
                    let topics = if topics.is_empty() { String::new() } else { format!(" ({})", topics.join(", ")) };
                    let _ = writeln!(self.out, "<p><strong>{cadence}:</strong> {}{topics}</p>", x(&p.activity));
                }
                Item::Milestone(m) => {
                    let _ = write!(self.out, "<h4>{}</h4>", x(&m.title));
                    if let Some(d) = &m.description {
                        let _ = write!(self.out, "<p>{}</p>", x(d));
                    }
                    self.out.push_str("<ul class=\"tm-checklist\">");
                    for c in &m.criteria {
                        let mark = if c.done { "☑" } else { "☐" };
                        let _ = write!(self.out, "<li><span aria-hidden=\"true\">{mark}</span> {}</li>", x(&c.text));
                    }
                    self.out.push_str("</ul>\n");
                }
                Item::Exclusion(e) => {
                    let reason = e.reason.as_deref().map(|r| format!(" — {}", x(r))).unwrap_or_default();
                    let _ = writeln!(self.out, "<p><strong>You do not need:</strong> {}{reason}</p>", x(&e.title));
                }
            }
        }
    }

    /// Names of prerequisites: `<strong>`s joined by "or" within a group
    /// and by commas between entries.
    fn prerequisites(&self, list: &[Prerequisite]) -> String {
        let parts: Vec<String> = list
            .iter()
            .map(|p| {
                p.skill_ids().map(|id| format!("<strong>{}</strong>", self.name(id))).collect::<Vec<_>>().join(" or ")
            })
            .filter(|part| !part.is_empty())
            .collect();
        parts.join(", ")
    }

    /// A list of skills, each with its checkbox, facts and details.
    fn skill_list(&mut self, ids: &[SmallString]) {
        if ids.is_empty() {
            return;
        }
        self.out.push_str("<ul class=\"tm-skills\">\n");
        for id in ids {
            let Some(skill) = self.by_id.get(id.as_str()).copied() else {
                let _ = writeln!(self.out, "<li>{}</li>", x(id));
                continue;
            };
            let done = self.progress.is_satisfied(&skill.id);
            let optional = if skill.optional { " <span class=\"tm-optional\">optional</span>" } else { "" };
            let _ = write!(
                self.out,
                "<li{}><label><input type=\"checkbox\" data-skill-id=\"{}\"{} /><span>{}{optional}</span></label>",
                if done { " class=\"tm-done\"" } else { "" },
                x(&skill.id),
                if done { " checked=\"checked\"" } else { "" },
                x(&skill.name)
            );
            let mut meta = Vec::new();
            if let Some(level) = skill.level {
                meta.push(format!("{level:?}").to_lowercase());
            }
            if let Some(hours) = skill.effort_hours {
                meta.push(format!("{hours} hours"));
            }
            if !skill.prerequisites.is_empty() {
                meta.push(format!("needs {}", self.prerequisites(&skill.prerequisites)));
            }
            if !meta.is_empty() {
                let _ = write!(self.out, "<span class=\"tm-meta\">{}</span>", meta.join(" · "));
            }
            let mut more = String::new();
            for text in [&skill.description, &skill.note].into_iter().flatten() {
                let _ = write!(more, "<p>{}</p>", x(text));
            }
            if !skill.topics.is_empty() {
                let topics: Vec<String> = skill.topics.iter().map(|t| x(t)).collect();
                let _ = write!(more, "<p>Topics: {}</p>", topics.join(", "));
            }
            if !skill.resources.is_empty() {
                more.push_str("<ul>");
                for resource in &skill.resources {
                    let kind = resource.kind.map(|k| format!(" ({})", k.label())).unwrap_or_default();
                    let _ = write!(more, "<li>{}{kind}</li>", link(&resource.title, resource.url.as_deref()));
                }
                more.push_str("</ul>");
            }
            if !more.is_empty() {
                let _ = write!(
                    self.out,
                    "<details class=\"tm-more\"><summary>About {}</summary>{more}</details>",
                    x(&skill.name)
                );
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ul>\n");
    }

    /// The "What next" panel as `trailmap next` ranks it for the preloaded
    /// progress; the script redraws it on every tick.
    fn next_panel(&mut self) {
        // Without goals no query error is possible.
        let next = self.graph.next(&self.progress, &NextOptions::default()).unwrap_or_default();
        self.out.push_str(
            "<aside class=\"tm-next\" aria-labelledby=\"tm-next-heading\"><h2 id=\"tm-next-heading\">What next</h2>\
             <p class=\"tm-muted\">Every skill you can start now, most useful first.</p><ol id=\"tm-next-list\" aria-live=\"polite\">",
        );
        for suggestion in &next {
            let reasons: Vec<String> = suggestion.reasons.iter().map(|r| x(&r.to_string())).collect();
            let _ = write!(
                self.out,
                "<li data-next-id=\"{}\">{}<span class=\"tm-why\">{}</span></li>",
                x(&suggestion.skill.id),
                x(&suggestion.skill.name),
                reasons.join(" · ")
            );
        }
        let hidden = if next.is_empty() { "" } else { " hidden=\"hidden\"" };
        let _ = writeln!(
            self.out,
            "</ol><p id=\"tm-next-empty\"{hidden}>Nothing left to start: every skill is done.</p></aside>"
        );
    }

    /// What the script needs, as JSON: per skill its id, name, whether it
    /// is optional, its phase rank and label, its requirements (groups of
    /// skill indices, any one of a group enough) and whether it is the
    /// first skill with its id; and the preloaded progress.
    fn data(&mut self) {
        let skills: Vec<serde_json::Value> = self
            .roadmap
            .skills
            .iter()
            .enumerate()
            .map(|(i, skill)| {
                let requires: Vec<Vec<u32>> = self.graph.requirements_at(i).map(|r| r.members.to_vec()).collect();
                json!({
                    "id": skill.id,
                    "name": skill.name,
                    "optional": skill.optional,
                    "rank": self.graph.phase_index_at(i),
                    "where": self.graph.where_taught(&skill.id),
                    "requires": requires,
                    "primary": self.graph.skill_index(&skill.id) == Some(i),
                })
            })
            .collect();
        let data = json!({ "roadmap": self.roadmap.id, "skills": skills, "progress": self.progress });
        let _ = writeln!(
            self.out,
            "<script type=\"application/json\" id=\"trailmap-data\">{}</script>",
            escape::script_json(&data.to_string())
        );
    }
}

/// `<a href>` for an `https`/`http` address; the title alone (and the
/// address as text) otherwise.
fn link(title: &str, url: Option<&str>) -> String {
    let text = x(title);
    match url.map(|u| (u, escape::url(u))) {
        Some((_, Some(address))) => {
            let address = escape::xml(&address);
            let text = if text.is_empty() { address.clone() } else { text };
            format!("<a href=\"{address}\" rel=\"noopener noreferrer\">{text}</a>")
        }
        Some((raw, None)) if !raw.trim().is_empty() => format!("{text} ({})", x(raw)),
        _ => text,
    }
}

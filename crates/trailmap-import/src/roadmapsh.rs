//! roadmap.sh editor graphs (`{"nodes": [...], "edges": [...]}`, React Flow
//! style). Nothing nests: topics are read from the top, section boxes and
//! paragraphs on the path group them into phases by geometry, subtopics
//! attach to their topic by a dotted edge or else to the nearest topic, and
//! legend badges become levels, optional marks and alternatives. Node ids are
//! kept in `x-roadmap-sh-node`.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use trailmap::{MilestoneKind, PhaseKind, SkillLevel};

use crate::builder::Builder;
pub use crate::lenient::MAX_ELEMENTS;
use crate::lenient::{Lenient, List, Number, Text, number, text};
use crate::report::{Element, Outcome};
use crate::{Imported, Options};

/// How many neighbours (by height) a subtopic or topic looks at for its
/// topic or section: keeps geometry linear on hostile graphs.
const WINDOW: usize = 16;

/// The file, read straight into the few fields the importer uses: a
/// generic JSON tree of a million-node graph took 3.9 GB.
#[derive(Deserialize)]
struct Graph<'a> {
    #[serde(borrow)]
    nodes: Option<List<Lenient<RawNode<'a>>>>,
    #[serde(borrow)]
    edges: Option<List<Lenient<RawEdge<'a>>>>,
    /// The older format, drawn in Balsamiq.
    #[serde(borrow)]
    mockup: Option<crate::balsamiq::Mockup<'a>>,
}

#[derive(Deserialize)]
struct RawNode<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
    position: Option<Lenient<Point>>,
    width: Number,
    height: Number,
    measured: Option<Lenient<Size>>,
    style: Option<Lenient<Size>>,
    #[serde(borrow)]
    data: Option<Lenient<Data<'a>>>,
}

#[derive(Deserialize)]
struct Point {
    x: Number,
    y: Number,
}

#[derive(Deserialize)]
struct Size {
    width: Number,
    height: Number,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    label: Text<'a>,
    #[serde(borrow)]
    legend: Option<Lenient<Legend<'a>>>,
    #[serde(borrow)]
    checklists: Option<List<Lenient<Labelled<'a>>>>,
}

/// A legend badge: `{"label": …}` or a bare string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Legend<'a> {
    #[serde(borrow)]
    Text(Cow<'a, str>),
    #[serde(borrow)]
    Labelled(Labelled<'a>),
}

#[derive(Deserialize)]
struct Labelled<'a> {
    #[serde(borrow)]
    label: Text<'a>,
}

#[derive(Deserialize)]
struct RawEdge<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    source: Text<'a>,
    #[serde(borrow)]
    target: Text<'a>,
}

struct Node<'a> {
    id: Cow<'a, str>,
    kind: Cow<'a, str>,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    label: String,
    legend: Option<String>,
    checklist: Vec<String>,
}

fn read_node(raw: RawNode<'_>) -> Option<Node<'_>> {
    let id = text(raw.id)?;
    let position = raw.position.and_then(Lenient::get);
    let measured = raw.measured.and_then(Lenient::get);
    let style = raw.style.and_then(Lenient::get);
    let (mut measured_width, mut measured_height, mut style_width, mut style_height) = (None, None, None, None);
    if let Some(size) = measured {
        (measured_width, measured_height) = (number(size.width), number(size.height));
    }
    if let Some(size) = style {
        (style_width, style_height) = (number(size.width), number(size.height));
    }
    let data = raw.data.and_then(Lenient::get);
    let (mut label, mut legend, mut checklist) = (String::new(), None, Vec::new());
    if let Some(data) = data {
        label = text(data.label).map(|l| l.trim().to_owned()).unwrap_or_default();
        legend = data.legend.and_then(Lenient::get).and_then(|legend| match legend {
            Legend::Text(text) => Some(text.to_lowercase()),
            Legend::Labelled(labelled) => text(labelled.label).map(|l| l.to_lowercase()),
        });
        checklist = data
            .checklists
            .and_then(|list| list.0)
            .into_iter()
            .flatten()
            .filter_map(|item| item.get().and_then(|item| text(item.label)).map(Cow::into_owned))
            .collect();
    }
    let (x, y) = position.map_or((None, None), |p| (number(p.x), number(p.y)));
    Some(Node {
        id,
        kind: text(raw.kind).unwrap_or_default(),
        x: x.unwrap_or(0.0),
        y: y.unwrap_or(0.0),
        width: number(raw.width).or(measured_width).or(style_width).unwrap_or(0.0),
        height: number(raw.height).or(measured_height).or(style_height).unwrap_or(0.0),
        label,
        legend,
        checklist,
    })
}

fn center(n: &Node) -> (f64, f64) {
    (n.x + n.width / 2.0, n.y + n.height / 2.0)
}

fn inside(inner: &Node, outer: &Node) -> bool {
    let (cx, cy) = center(inner);
    cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height
}

/// Indices of `sorted` (by y) whose y is nearest to `y`, at most `WINDOW` each side.
fn near(sorted: &[(f64, usize)], y: f64) -> impl Iterator<Item = usize> + '_ {
    let at = sorted.partition_point(|(v, _)| *v < y);
    sorted[at.saturating_sub(WINDOW)..(at + WINDOW).min(sorted.len())].iter().map(|(_, i)| *i)
}

/// Imports a roadmap.sh editor graph. Errors name what is wrong with the JSON.
pub fn import(source: &str, options: &Options) -> Result<Imported, String> {
    let graph: Graph = serde_json::from_str(source).map_err(|e| {
        // serde_json's message ends with the position, which leads here.
        let message = e.to_string();
        let message = message.strip_suffix(&format!(" at line {} column {}", e.line(), e.column())).unwrap_or(&message);
        format!("line {}, column {}: {message}", e.line(), e.column())
    })?;
    if let Some(mockup) = graph.mockup {
        return Ok(crate::balsamiq::import(mockup, options));
    }
    let nodes_value = graph
        .nodes
        .and_then(|list| list.0)
        .ok_or("no `nodes` array (nor a Balsamiq `mockup`): not a roadmap.sh editor graph")?;
    let edges_value = graph.edges.and_then(|list| list.0).unwrap_or_default();
    let mut b = Builder::new(options.vocabulary.as_ref());
    b.infer = options.infer_prerequisites;
    let mut nodes = Vec::new();
    for (i, raw) in nodes_value.into_iter().enumerate() {
        match raw.get().and_then(read_node) {
            Some(node) => nodes.push(node),
            None => b.report.not_placed(0, Element::Node, &format!("nodes[{i}]"), "node without an id"),
        }
    }
    // Read from the top, then left to right.
    nodes.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.as_ref(), i)).collect();

    // Phases: sections (boxes) and paragraphs on the path, in reading order.
    let mut phase_of_node: HashMap<usize, usize> = HashMap::new();
    let mut reported = vec![false; nodes.len()];
    let mut sections: Vec<(f64, usize)> = Vec::new();
    let mut paragraphs: Vec<(f64, usize)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let is_box = n.kind == "section" && n.width > 0.0 && n.height > 0.0;
        if is_box || (n.kind == "paragraph" && !n.label.is_empty()) {
            reported[i] = true;
            let title = if n.label.is_empty() { "Section".to_owned() } else { n.label.clone() };
            let p = b.phase(None, &title, Some(PhaseKind::Section), None);
            b.phases[p].phase.extensions.insert("x-roadmap-sh-node", Value::String(n.id.clone().into_owned()));
            phase_of_node.insert(i, p);
            let pointer = b.phases[p].pointer.clone();
            b.report.placed(0, Element::Node, &format!("{}: {}", n.kind, n.label), pointer);
            if is_box { sections.push((n.y, i)) } else { paragraphs.push((n.y, i)) }
        }
    }
    if let Some(t) = nodes.iter().find(|n| n.kind == "title" && !n.label.is_empty()) {
        b.title = Some(t.label.clone());
    }

    // Topics, in reading order, into the section holding them or the last paragraph above.
    let mut topic_skill: HashMap<usize, usize> = HashMap::new();
    let mut topic_phase: HashMap<usize, usize> = HashMap::new();
    let mut topics_by_y: Vec<(f64, usize)> = Vec::new();
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| n.kind == "topic") {
        let s = skill_for(&mut b, n);
        topic_skill.insert(i, s);
        topics_by_y.push((n.y, i));
        let section = near(&sections, n.y).find(|&j| inside(n, &nodes[j]));
        let above = paragraphs.partition_point(|(y, _)| *y <= n.y);
        let phase = section
            .or_else(|| above.checked_sub(1).map(|k| paragraphs[k].1))
            .and_then(|j| phase_of_node.get(&j).copied());
        if let Some(p) = phase {
            b.add_to_phase(p, s);
            topic_phase.insert(i, p);
        }
        reported[i] = true;
        b.report.placed(0, Element::Node, &format!("topic: {}", n.label), Builder::skill_pointer(s));
    }

    // Edges: dotted ones hang subtopics off topics; others are the drawn path.
    let mut attached: HashMap<usize, usize> = HashMap::new();
    for (k, edge) in edges_value.into_iter().enumerate() {
        let (source, target, name) = match edge.get() {
            Some(edge) => (text(edge.source), text(edge.target), text(edge.id)),
            None => (None, None, None),
        };
        let end = |id: Option<Cow<'_, str>>| id.and_then(|id| index.get(id.as_ref()).copied());
        let name = name.map_or_else(|| format!("edges[{k}]"), Cow::into_owned);
        let (Some(a), Some(c)) = (end(source), end(target)) else {
            b.report.not_placed(0, Element::Edge, &name, "edge to a node that is not in the graph");
            continue;
        };
        let (topic, sub) = match (nodes[a].kind.as_ref(), nodes[c].kind.as_ref()) {
            ("topic", "subtopic") => (a, c),
            ("subtopic", "topic") => (c, a),
            _ => {
                b.report.push(0, Element::Edge, &name, Outcome::Decoration);
                continue;
            }
        };
        attached.entry(sub).or_insert(topic);
        b.report.push(0, Element::Edge, &name, Outcome::Decoration);
    }
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| n.kind == "subtopic") {
        let topic = attached.get(&i).copied().or_else(|| {
            // Beside its topic: the nearest topic by distance between centres.
            let (x, y) = center(n);
            near(&topics_by_y, n.y).min_by(|&p, &q| {
                let d = |t: usize| {
                    let (tx, ty) = center(&nodes[t]);
                    (tx - x).powi(2) + (ty - y).powi(2)
                };
                d(p).total_cmp(&d(q))
            })
        });
        let s = skill_for(&mut b, n);
        let mut at = vec![Builder::skill_pointer(s)];
        if let Some(p) = topic.and_then(|t| topic_phase.get(&t).copied()) {
            b.add_to_phase(p, s);
        }
        if let Some(t) = topic.and_then(|t| topic_skill.get(&t).copied()) {
            let parent_id = String::from(&b.skills[t].id);
            b.skills[s].extensions.insert("x-roadmap-sh-topic", Value::String(parent_id));
            if !n.label.trim().is_empty() {
                at.extend(b.add_topic(t, &n.label));
            }
        }
        reported[i] = true;
        b.report.push(0, Element::Node, &format!("subtopic: {}", n.label), Outcome::Placed { at });
    }

    // Checklists and to-dos: milestones.
    for (i, n) in nodes.iter().enumerate().filter(|(_, n)| n.kind == "checklist" || n.kind == "todo") {
        reported[i] = true;
        let title = if n.label.is_empty() { "Checklist" } else { n.label.as_str() };
        let m = b.milestone(title, MilestoneKind::Checklist, None);
        for text in &n.checklist {
            b.milestones[m].criteria.push(trailmap::Criterion::new(text.clone()));
        }
        if b.milestones[m].criteria.is_empty() {
            b.milestones[m].criteria.push(trailmap::Criterion::new(title));
        }
        b.report.placed(0, Element::Node, &format!("{}: {}", n.kind, n.label), format!("/milestones/{m}"));
    }
    // Everything else is drawing: lines, buttons, legends, labels.
    for (n, _) in nodes.iter().zip(&reported).filter(|(_, r)| !**r) {
        {
            let placed_title = n.kind == "title" && b.title.as_deref() == Some(n.label.as_str());
            let outcome =
                if placed_title { Outcome::Placed { at: vec!["/title".to_owned()] } } else { Outcome::Decoration };
            b.report.push(0, Element::Node, &format!("{}: {}", n.kind, n.label), outcome);
        }
    }
    let title = b.title.clone().unwrap_or_default();
    let id = options.id.clone().unwrap_or_else(|| crate::ids::kebab(&title, "imported"));
    if let Some(dir) = &options.content_dir {
        crate::roadmapsh_content::apply(&mut b, dir)?;
    }
    let (roadmap, report) = b.finish(&id, options.source_file.as_deref());
    Ok(Imported { roadmap, report })
}

/// The skill for a topic or subtopic, with its node id and legend meaning.
fn skill_for(b: &mut Builder<'_>, n: &Node) -> usize {
    let name = if n.label.is_empty() { n.id.as_ref() } else { n.label.as_str() };
    // One skill per node: nodes with the same label ("Git" in two sections)
    // have topic files of their own.
    let s = b.skill_keyed_by(Some(&format!("roadmap-sh:{}", n.id)), name, name);
    let skill = &mut b.skills[s];
    skill.extensions.insert("x-roadmap-sh-node", Value::String(n.id.clone().into_owned()));
    if let Some(legend) = &n.legend {
        if legend.contains("beginner") {
            skill.level = Some(SkillLevel::Beginner);
        } else if legend.contains("intermediate") {
            skill.level = Some(SkillLevel::Intermediate);
        } else if legend.contains("advanced") {
            skill.level = Some(SkillLevel::Advanced);
        } else if legend.contains("order not strict") || legend.contains("anytime") || legend.contains("alternative") {
            skill.optional = true;
        }
        skill.extensions.insert("x-roadmap-sh-legend", Value::String(legend.clone()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_fields_cost_the_field_not_the_node() {
        let graph = r#"{"nodes": [
            {"id": "a", "type": "topic", "position": {"x": "left", "y": 10}, "width": [], "data": {"label": 7}},
            {"id": 5, "type": "topic"},
            "not a node",
            {"id": "b", "type": "topic", "position": {"x": 0, "y": 50}, "data": {"label": "Git", "legend": "Beginner"}}
        ], "edges": {"not": "a list"}}"#;
        let imported = import(graph, &Options::default()).unwrap();
        let names: Vec<&str> = imported.roadmap.skills.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "Git"]);
        assert_eq!(imported.roadmap.skills[1].level, Some(SkillLevel::Beginner));
        assert_eq!(imported.report.counts().not_placed, 2);
    }
}

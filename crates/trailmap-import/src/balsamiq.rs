//! roadmap.sh's older format, drawn in Balsamiq:
//! `{"mockup": {"controls": {"control": [...]}}}`. Each topic is a group
//! control named `NNN-topic` and each subtopic one named
//! `NNN-topic:subtopic`; the number orders the topics, and the text shown
//! is in the group's child labels. Topics become skills in that order,
//! subtopics skills attached to their topic (in its `topics` and by
//! `x-roadmap-sh-topic`); everything else (arrows, titles, buttons) is
//! drawing. The control name is kept in `x-roadmap-sh-node`.

use std::borrow::Cow;
use std::collections::HashMap;
use trailmap::pointer::Pointer;

use serde::Deserialize;
use serde_json::Value;

use crate::builder::Builder;
use crate::lenient::{Lenient, List, Text, text};
use crate::report::{Element, Outcome};
use crate::{Imported, Options};

/// The `mockup` object of a Balsamiq file. Its control list is read
/// element by element: a lenient wrapper here would buffer the whole file.
#[derive(Deserialize)]
pub(crate) struct Mockup<'a> {
    #[serde(borrow)]
    controls: Option<Controls<'a>>,
}

#[derive(Deserialize)]
struct Controls<'a> {
    #[serde(borrow)]
    control: Option<List<Lenient<Control<'a>>>>,
}

#[derive(Deserialize)]
struct Control<'a> {
    #[serde(borrow, rename = "typeID")]
    kind: Text<'a>,
    /// Balsamiq writes coordinates as strings ("359").
    #[serde(borrow)]
    y: Text<'a>,
    #[serde(borrow)]
    x: Text<'a>,
    #[serde(borrow)]
    properties: Option<Lenient<Properties<'a>>>,
    #[serde(borrow)]
    children: Option<Lenient<Children<'a>>>,
}

#[derive(Deserialize)]
struct Properties<'a> {
    #[serde(borrow, rename = "controlName")]
    control_name: Text<'a>,
    #[serde(borrow)]
    text: Text<'a>,
}

#[derive(Deserialize)]
struct Children<'a> {
    #[serde(borrow)]
    controls: Option<Lenient<Controls<'a>>>,
}

/// A control of the top level, read into what the importer uses.
struct Drawn<'a> {
    kind: Cow<'a, str>,
    name: Option<Cow<'a, str>>,
    /// The text the control shows: its own, else its children's.
    label: String,
    x: f64,
    y: f64,
}

/// `NNN-topic` or `NNN-topic:subtopic`.
struct ControlName<'n> {
    number: u32,
    topic: &'n str,
    subtopic: Option<&'n str>,
}

fn control_name(name: &str) -> Option<ControlName<'_>> {
    let (number, rest) = name.split_once('-')?;
    let number = number.parse().ok()?;
    let (topic, subtopic) = match rest.split_once(':') {
        Some((topic, subtopic)) => (topic, Some(subtopic)),
        None => (rest, None),
    };
    (!topic.is_empty() && subtopic.is_none_or(|s| !s.is_empty())).then_some(ControlName { number, topic, subtopic })
}

fn coordinate(value: Text<'_>) -> f64 {
    text(value).and_then(|t| t.trim().parse::<f64>().ok()).filter(|n| n.is_finite()).unwrap_or(0.0)
}

/// The texts a control shows: its children's, else its own, joined by
/// spaces.
fn label(own: Option<Cow<'_, str>>, children: Option<Children<'_>>) -> String {
    let controls = children.and_then(|c| c.controls).and_then(Lenient::get).and_then(|c| c.control).and_then(|l| l.0);
    let mut parts: Vec<Cow<'_, str>> = controls
        .into_iter()
        .flatten()
        .filter_map(Lenient::get)
        .filter_map(|child| child.properties.and_then(Lenient::get).and_then(|p| text(p.text)))
        .collect();
    if parts.is_empty() {
        parts.extend(own);
    }
    // Balsamiq writes line breaks as `\n` inside the text.
    parts.join(" ").replace("\\r", " ").replace("\\n", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// From a slug: `how-does-the-internet-work` → "How does the internet work".
fn humanize(slug: &str) -> String {
    let text = slug.replace(['-', '_'], " ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Imports a Balsamiq mockup.
pub(crate) fn import(mockup: Mockup<'_>, options: &Options) -> Imported {
    let mut b = Builder::new(options.vocabulary.as_ref());
    b.infer = options.infer_prerequisites;
    let controls = mockup.controls.and_then(|c| c.control).and_then(|l| l.0).unwrap_or_default();
    let mut drawn = Vec::new();
    for (i, control) in controls.into_iter().enumerate() {
        let Some(control) = control.get() else {
            b.report.not_placed(0, Element::Node, &format!("controls[{i}]"), "control that is not an object");
            continue;
        };
        let (name, own) = match control.properties.and_then(Lenient::get) {
            Some(p) => (text(p.control_name), text(p.text)),
            None => (None, None),
        };
        drawn.push(Drawn {
            kind: text(control.kind).unwrap_or_default(),
            name,
            label: label(own, control.children.and_then(Lenient::get)),
            x: coordinate(control.x),
            y: coordinate(control.y),
        });
    }
    // Topics by number, then from the top; subtopics after their topic.
    let mut topics: Vec<(u32, usize)> = Vec::new();
    let mut subtopics: Vec<(u32, usize)> = Vec::new();
    let mut decoration: Vec<usize> = Vec::new();
    for (i, d) in drawn.iter().enumerate() {
        match d.name.as_deref().and_then(control_name) {
            Some(ControlName { number, subtopic: None, .. }) => topics.push((number, i)),
            Some(ControlName { number, subtopic: Some(_), .. }) => subtopics.push((number, i)),
            None => decoration.push(i),
        }
    }
    let by_reading = |a: &(u32, usize), c: &(u32, usize)| {
        let (da, dc) = (&drawn[a.1], &drawn[c.1]);
        a.0.cmp(&c.0).then(da.y.total_cmp(&dc.y)).then(da.x.total_cmp(&dc.x))
    };
    topics.sort_by(by_reading);
    subtopics.sort_by(by_reading);

    let mut topic_skill: HashMap<&str, usize> = HashMap::new();
    for &(_, i) in &topics {
        let d = &drawn[i];
        let name = d.name.as_deref().unwrap_or_default();
        let slug = control_name(name).map_or(name, |c| c.topic);
        let skill_name = if d.label.is_empty() { humanize(slug) } else { d.label.clone() };
        let s = b.skill(&skill_name);
        b.skills[s].extensions.insert("x-roadmap-sh-node", Value::String(name.to_owned()));
        topic_skill.entry(slug).or_insert(s);
        b.report.placed(0, Element::Node, &format!("topic: {skill_name}"), Builder::skill_pointer(s));
    }
    for &(_, i) in &subtopics {
        let d = &drawn[i];
        let name = d.name.as_deref().unwrap_or_default();
        let Some(parsed) = control_name(name) else { continue };
        let skill_name = if d.label.is_empty() { humanize(parsed.subtopic.unwrap_or(name)) } else { d.label.clone() };
        let s = b.skill(&skill_name);
        b.skills[s].extensions.insert("x-roadmap-sh-node", Value::String(name.to_owned()));
        let mut at = vec![Builder::skill_pointer(s)];
        match topic_skill.get(parsed.topic) {
            Some(&t) if t != s => {
                let parent_id = String::from(&b.skills[t].id);
                b.skills[s].extensions.insert("x-roadmap-sh-topic", Value::String(parent_id));
                if !b.skills[t].topics.contains(&skill_name) {
                    b.skills[t].topics.push(skill_name.clone());
                    at.push(Pointer::item("skills", t).with("topics").with(b.skills[t].topics.len() - 1).into_string());
                }
            }
            _ => {}
        }
        b.report.push(0, Element::Node, &format!("subtopic: {skill_name}"), Outcome::Placed { at });
    }
    // The largest text at the top is the title; the rest is drawing.
    let title = decoration
        .iter()
        .filter(|&&i| drawn[i].kind.contains("Title") && !drawn[i].label.is_empty())
        .min_by(|&&a, &&c| drawn[a].y.total_cmp(&drawn[c].y))
        .copied();
    if let Some(i) = title {
        b.title = Some(drawn[i].label.clone());
    }
    for &i in &decoration {
        let d = &drawn[i];
        let outcome =
            if Some(i) == title { Outcome::Placed { at: vec!["/title".to_owned()] } } else { Outcome::Decoration };
        b.report.push(0, Element::Node, &format!("{}: {}", d.kind, d.label), outcome);
    }
    let title = b.title.clone().unwrap_or_default();
    let id = options.id.clone().unwrap_or_else(|| crate::ids::kebab(&title, "imported"));
    let (roadmap, report) = b.finish(&id, options.source_file.as_deref());
    Imported { roadmap, report }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: u32, name: &str, y: u32, text: &str) -> String {
        format!(
            r#"{{"ID": "{id}", "typeID": "__group__", "x": "100", "y": "{y}", "w": "200", "h": "40",
                "properties": {{"controlName": "{name}"}},
                "children": {{"controls": {{"control": [
                    {{"ID": "0", "typeID": "TextArea", "x": "0", "y": "0"}},
                    {{"ID": "1", "typeID": "Label", "x": "10", "y": "10", "properties": {{"text": "{text}"}}}}
                ]}}}}}}"#
        )
    }

    #[test]
    fn topics_follow_their_numbers_and_subtopics_attach_to_their_topic() {
        let controls = [
            r#"{"ID": "9", "typeID": "Title", "x": "300", "y": "0", "properties": {"text": "Backend"}}"#.to_owned(),
            group(1, "101-databases", 100, "Databases"),
            group(2, "100-internet", 900, "Internet"),
            group(3, "100-internet:what-is-http", 950, "What is HTTP?"),
            group(4, "101-databases:orm", 150, ""),
            r#"{"ID": "5", "typeID": "Arrow", "x": "0", "y": "0", "properties": {"stroke": "dotted"}}"#.to_owned(),
            r#""not a control""#.to_owned(),
        ];
        let source = format!(r#"{{"mockup": {{"controls": {{"control": [{}]}}}}}}"#, controls.join(","));
        let imported = crate::roadmapsh::import(&source, &Options::default()).unwrap();
        let r = &imported.roadmap;
        assert_eq!(r.title, "Backend");
        let names: Vec<&str> = r.skills.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Internet", "Databases", "What is HTTP?", "Orm"]);
        assert_eq!(r.skills[0].topics, ["What is HTTP?"]);
        assert_eq!(r.skills[2].extensions.get("x-roadmap-sh-topic").unwrap(), "internet");
        assert_eq!(r.skills[3].extensions.get("x-roadmap-sh-node").unwrap(), "101-databases:orm");
        let counts = imported.report.counts();
        assert_eq!((counts.placed, counts.decoration, counts.not_placed), (5, 1, 1));
        assert!(trailmap::Roadmap::from_json_str(&imported.to_json()).is_valid());
    }

    #[test]
    fn odd_control_names_are_drawing() {
        for name in ["internet", "x-internet", "100-", "100-internet:", "-1-a"] {
            assert!(control_name(name).is_none(), "{name}");
        }
        let parsed = control_name("120-version-control:git").unwrap();
        assert_eq!((parsed.number, parsed.topic, parsed.subtopic), (120, "version-control", Some("git")));
    }
}

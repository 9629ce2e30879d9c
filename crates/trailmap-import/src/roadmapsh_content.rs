//! roadmap.sh topic files (`content/<slug>@<nodeId>.md`): the text under
//! the title becomes the description of the skill made from node `nodeId`,
//! and the `- [@kind@Label](url)` lines its resources. Every file is
//! reported: placed, or not placed when no skill comes from its node.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use trailmap::ResourceKind;
use trailmap::pointer::Pointer;

use crate::builder::Builder;
use crate::report::{Element, Outcome};

/// Largest topic file read; larger ones are reported, not read.
const MAX_FILE_BYTES: u64 = 1 << 20;
/// Most files read from one folder.
const MAX_FILES: usize = 100_000;

/// The kind a `@kind@` tag names.
fn kind(tag: &str) -> Option<ResourceKind> {
    Some(match tag {
        "video" => ResourceKind::Video,
        "course" => ResourceKind::Course,
        "book" => ResourceKind::Book,
        "article" | "feed" | "podcast" => ResourceKind::Article,
        "official" => ResourceKind::Docs,
        "opensource" => ResourceKind::Tool,
        _ => return None,
    })
}

/// A topic file read: its description and its resources (kind tag, title, url).
#[derive(Debug, Default, PartialEq)]
struct Topic {
    description: Option<String>,
    resources: Vec<(String, String, String)>,
    /// Resource lines that could not be read ("- [@course@Bad"), with their line.
    unreadable: Vec<(usize, String)>,
}

/// "@video@Label](https://…) (free)" after "- [": kind tag, label and url
/// (up to the bracket that closes the link, so text after it stays out).
fn resource(rest: &str) -> Option<(String, String, String)> {
    let (tag, rest) = rest.split_once('@')?;
    let (title, after) = rest.split_once("](")?;
    let mut depth = 0usize;
    let end = after.char_indices().find_map(|(i, c)| match c {
        '(' => {
            depth += 1;
            None
        }
        ')' if depth == 0 => Some(i),
        ')' => {
            depth -= 1;
            None
        }
        _ => None,
    })?;
    let url = after[..end].trim();
    (!url.is_empty() && !url.contains(char::is_whitespace)).then(|| (tag.to_owned(), title.to_owned(), url.to_owned()))
}

fn parse(text: &str) -> Topic {
    let mut topic = Topic::default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if let Some(rest) = line.strip_prefix("- [@").or_else(|| line.strip_prefix("* [@")) {
            // "- [@video@Docker Tutorial](https://…)"
            match resource(rest) {
                Some(found) => topic.resources.push(found),
                None => topic.unreadable.push((n + 1, line.to_owned())),
            }
            continue;
        }
        if line.starts_with('#') || line.is_empty() || line.to_lowercase().starts_with("visit the following resources")
        {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    topic.description = (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"));
    topic
}

/// Reads the topic files of `dir` into the skills made from their nodes.
pub(crate) fn apply(b: &mut Builder<'_>, dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for entry in entries.take(MAX_FILES) {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.ends_with(".md") || !name.contains('@') {
            continue;
        }
        files.push((name, path));
    }
    files.sort();
    let by_node: HashMap<String, usize> = b
        .skills
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s.extensions.get("x-roadmap-sh-node") {
            Some(Value::String(id)) => Some((id.clone(), i)),
            _ => None,
        })
        .collect();
    for (name, path) in files {
        if path.is_dir() {
            // Named like a topic file, but nothing to read: skipped, not the whole import.
            b.report.push_in(
                &name,
                0,
                Element::Resource,
                &name,
                Outcome::NotPlaced { reason: "a folder, not a topic file".to_owned() },
            );
            continue;
        }
        let node = name.trim_end_matches(".md").rsplit('@').next().unwrap_or("").to_owned();
        let Some(&s) = by_node.get(&node) else {
            b.report.push_in(
                &name,
                0,
                Element::Resource,
                &name,
                Outcome::NotPlaced { reason: "no topic or subtopic of the graph has this node id".to_owned() },
            );
            continue;
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(u64::MAX);
        let text = match (size <= MAX_FILE_BYTES).then(|| std::fs::read(&path)) {
            Some(Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
            Some(Err(err)) => {
                b.report.push_in(
                    &name,
                    0,
                    Element::Resource,
                    &name,
                    Outcome::NotPlaced { reason: format!("cannot be read: {err}") },
                );
                continue;
            }
            None => {
                b.report.push_in(
                    &name,
                    0,
                    Element::Resource,
                    &name,
                    Outcome::NotPlaced { reason: format!("over {MAX_FILE_BYTES} bytes, not read") },
                );
                continue;
            }
        };
        let topic = parse(&text);
        for (line, text) in &topic.unreadable {
            b.report.push_in(
                &name,
                *line,
                Element::Resource,
                text,
                Outcome::NotPlaced {
                    reason: "a resource line without a label and url `[@kind@Label](url)`".to_owned(),
                },
            );
        }
        let mut at = Vec::new();
        if let Some(description) = topic.description {
            b.skills[s].description = Some(description);
            at.push(Pointer::item("skills", s).with("description").into_string());
        }
        for (tag, title, url) in topic.resources {
            match b.resource(s, &title, &url, kind(&tag)) {
                Some(pointer) => at.push(pointer),
                None => b.report.push_in(
                    &name,
                    1,
                    Element::Resource,
                    &format!("[{title}]({url})"),
                    Outcome::NotPlaced { reason: "not a web link (unsafe scheme), not kept".to_owned() },
                ),
            }
        }
        let outcome = if at.is_empty() { Outcome::Decoration } else { Outcome::Placed { at } };
        b.report.push_in(&name, 1, Element::Resource, &name, outcome);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_files_give_descriptions_and_resources() {
        let topic = parse(
            "# Containers\n\nA container packs an app\nwith its libraries.\n\nVisit the following resources to learn more:\n\n- [@video@Containers in 5 minutes](https://example.com/v)\n- [@official@Runtime docs](https://example.com/docs)\n",
        );
        assert_eq!(topic.description.as_deref(), Some("A container packs an app with its libraries."));
        assert_eq!(topic.resources.len(), 2);
        assert_eq!(topic.resources[0].0, "video");
        assert_eq!(kind("official"), Some(ResourceKind::Docs));
        let topic = parse(
            "# T\n\n- [@video@A](https://a.com/x) (free)\n- [@article@Wiki](https://en.wikipedia.org/wiki/Git_(software))\n- [@course@Bad\n",
        );
        let urls: Vec<&str> = topic.resources.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(urls, ["https://a.com/x", "https://en.wikipedia.org/wiki/Git_(software)"]);
        assert_eq!(topic.unreadable, [(5, "- [@course@Bad".to_owned())]);
    }
}

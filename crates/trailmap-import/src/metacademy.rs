//! Metacademy concept folders (`concepts/<tag>/{title.txt,
//! dependencies.txt, summary.txt, resources.txt}`, CC BY-SA): a skill per
//! concept, dependencies as prerequisites, summaries as descriptions,
//! resources as resources. Dependencies on concepts missing from the folder
//! are reported with their file and line, and dropped unless
//! [`Options::keep_dangling`](crate::Options::keep_dangling).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use trailmap::pointer::Pointer;
use trailmap::{Prerequisite, Resource, ResourceKind};

use crate::builder::Builder;
use crate::report::{Element, Outcome};
use crate::{ImportError, Imported, Options};

/// Largest concept file read, in bytes.
const MAX_FILE: u64 = 1024 * 1024;

fn read(path: &Path) -> Result<Option<String>, ImportError> {
    if !path.exists() {
        return Ok(None);
    }
    match trailmap::load::read_file(path, MAX_FILE) {
        // A byte-order mark is no part of the text (a title, a first tag).
        Ok(Ok(bytes)) => {
            String::from_utf8(bytes).map(|t| Some(t.trim_start_matches('\u{feff}').to_owned())).map_err(|e| {
                let at = crate::invalid_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to());
                ImportError::Invalid(format!("{}: invalid UTF-8 at {at}", path.display()))
            })
        }
        Ok(Err(size)) => {
            Err(ImportError::Invalid(format!("{}: {size} bytes is over the {MAX_FILE}-byte limit", path.display())))
        }
        Err(err) => Err(ImportError::Io(format!("{}: {err}", path.display()))),
    }
}

/// What a line of `dependencies.txt` says.
#[derive(Debug, PartialEq, Eq)]
enum DependencyLine {
    /// "tag: x", a bare tag "x", a list item "- x", or a title "linear
    /// algebra" (read as the tag `linear_algebra`).
    Tag(String),
    /// Blank, a comment, or a "key: value" line ("reason:", "shortcut:")
    /// describing the dependency above.
    Detail,
    /// Anything else: reported, not guessed at.
    Unreadable,
}

fn dependency(line: &str) -> DependencyLine {
    let line = line.trim().trim_start_matches('\u{feff}').trim();
    if line.is_empty() || line.starts_with('#') {
        return DependencyLine::Detail;
    }
    let line = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).unwrap_or(line).trim();
    let tag = match line.split_once(':') {
        Some((key, value)) if key.trim() == "tag" => value.trim(),
        Some(_) => return DependencyLine::Detail,
        None => line,
    };
    let words: Vec<&str> = tag.split_whitespace().collect();
    let plain = |w: &&str| w.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if words.is_empty() || !words.iter().all(plain) {
        return DependencyLine::Unreadable;
    }
    // A tag is a folder's name as written; a title-like line ("linear
    // algebra") names the folder its words make, which is lowercase.
    match words.as_slice() {
        [tag] => DependencyLine::Tag((*tag).to_owned()),
        _ => DependencyLine::Tag(words.join("_").to_lowercase()),
    }
}

fn kind(resource_type: &str, url: &str, title: &str) -> Option<ResourceKind> {
    let t = resource_type.to_lowercase();
    if t.contains("video") || t.contains("lecture") {
        Some(ResourceKind::Video)
    } else if t.contains("textbook") || t.contains("book") {
        Some(ResourceKind::Book)
    } else if t.contains("paper") {
        Some(ResourceKind::Paper)
    } else if t.contains("course") {
        Some(ResourceKind::Course)
    } else {
        crate::text::resource_kind(url, title)
    }
}

/// Imports `folder` (holding `concepts/`, or the concepts themselves).
/// A file that cannot be read is an [`ImportError::Io`]; a folder without
/// concepts, invalid UTF-8 or a file over 1 MiB an [`ImportError::Invalid`].
pub fn import(folder: &Path, options: &Options) -> Result<Imported, ImportError> {
    let concepts = if folder.join("concepts").is_dir() { folder.join("concepts") } else { folder.to_path_buf() };
    let io = |e: std::io::Error| ImportError::Io(format!("{}: {e}", concepts.display()));
    let entries = std::fs::read_dir(&concepts).map_err(io)?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    dirs.sort();
    if dirs.is_empty() {
        // An empty import would "succeed" on any wrong folder.
        return Err(ImportError::Invalid(format!(
            "{}: no concept folders found (expected concepts/<tag>/title.txt and dependencies.txt)",
            folder.display()
        )));
    }
    let mut b = Builder::new(options.vocabulary.as_ref());
    b.infer = options.infer_prerequisites;
    let mut by_tag: HashMap<String, usize> = HashMap::new();
    let mut deps: Vec<(usize, String, String, usize)> = Vec::new();
    for dir in &dirs {
        let tag = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let rel = |file: &str| format!("concepts/{tag}/{file}");
        let title = read(&dir.join("title.txt"))?.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        let name = title.clone().unwrap_or_else(|| tag.replace('_', " "));
        let s = b.keyed_skill(Some(&tag), &name);
        by_tag.insert(tag.clone(), s);
        b.skills[s].extensions.insert("x-metacademy-tag", serde_json::Value::String(tag.clone()));
        b.report.push_in(
            &rel("title.txt"),
            1,
            Element::Concept,
            &name,
            Outcome::Placed { at: vec![Builder::skill_pointer(s)] },
        );
        if let Some(summary) = read(&dir.join("summary.txt"))?.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) {
            b.skills[s].description = Some(summary.clone());
            b.report.push_in(
                &rel("summary.txt"),
                1,
                Element::Concept,
                &summary,
                Outcome::Placed { at: vec![Pointer::item("skills", s).with("description").into_string()] },
            );
        }
        if let Some(text) = read(&dir.join("dependencies.txt"))? {
            for (n, line) in text.lines().enumerate() {
                match dependency(line) {
                    DependencyLine::Tag(dep) => deps.push((s, dep, rel("dependencies.txt"), n + 1)),
                    DependencyLine::Detail => {}
                    DependencyLine::Unreadable => b.report.push_in(
                        &rel("dependencies.txt"),
                        n + 1,
                        Element::Dependency,
                        line,
                        Outcome::NotPlaced { reason: "not a dependency line (expected `tag: name`)".to_owned() },
                    ),
                }
            }
        }
        if let Some(text) = read(&dir.join("resources.txt"))? {
            // Blocks of "key: value" lines separated by blank lines.
            let mut block: HashMap<String, String> = HashMap::new();
            let mut start = 1;
            for (n, line) in text.lines().chain(std::iter::once("")).enumerate() {
                if let Some((key, value)) = line.split_once(':').filter(|_| !line.trim().is_empty()) {
                    if block.is_empty() {
                        start = n + 1;
                    }
                    block.entry(key.trim().to_lowercase()).or_insert_with(|| value.trim().to_owned());
                    continue;
                }
                if block.is_empty() {
                    continue;
                }
                let url = block.get("url").cloned().filter(|u| u.starts_with("http"));
                let title = block.get("title").or(block.get("source")).cloned().or(url.clone()).unwrap_or_default();
                if title.is_empty() {
                    b.report.push_in(
                        &rel("resources.txt"),
                        start,
                        Element::Resource,
                        line,
                        Outcome::NotPlaced { reason: "resource without a title, source or url".to_owned() },
                    );
                } else {
                    let rtype = block.get("resource_type").cloned().unwrap_or_default();
                    let resources = &mut b.skills[s].resources;
                    let mut resource = Resource::new(title.clone());
                    resource.kind = kind(&rtype, url.as_deref().unwrap_or(""), &title);
                    resource.url = url;
                    resources.push(resource);
                    let at = Pointer::item("skills", s).with("resources").with(resources.len() - 1).into_string();
                    b.report.push_in(
                        &rel("resources.txt"),
                        start,
                        Element::Resource,
                        &title,
                        Outcome::Placed { at: vec![at] },
                    );
                }
                block.clear();
            }
        }
    }
    for (s, dep, file, line) in deps {
        let target = match by_tag.get(&dep) {
            Some(&t) => Some(t),
            None if options.keep_dangling => {
                let t = b.keyed_skill(Some(&dep), &dep.replace('_', " "));
                b.skills[t].note = Some("not in the imported folder".to_owned());
                by_tag.insert(dep.clone(), t);
                Some(t)
            }
            None => None,
        };
        match target {
            Some(t) if t != s => {
                let prerequisite = Prerequisite::Skill(b.skills[t].id.clone());
                let prerequisites = &mut b.skills[s].prerequisites;
                // A repeated dependency is the one already there.
                let j = prerequisites.iter().position(|p| *p == prerequisite).unwrap_or_else(|| {
                    prerequisites.push(prerequisite);
                    prerequisites.len() - 1
                });
                let at = Pointer::item("skills", s).with("prerequisites").with(j).into_string();
                b.report.push_in(&file, line, Element::Dependency, &dep, Outcome::Placed { at: vec![at] });
            }
            Some(_) => b.report.push_in(
                &file,
                line,
                Element::Dependency,
                &dep,
                Outcome::NotPlaced { reason: "a concept depending on itself".to_owned() },
            ),
            None => b.report.push_in(
                &file,
                line,
                Element::Dependency,
                &dep,
                Outcome::NotPlaced {
                    reason: "dangling: no such concept in the folder (dropped; --keep-dangling keeps it)".to_owned(),
                },
            ),
        }
    }
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "metacademy".to_owned());
    b.title = Some(format!("Metacademy concepts: {name}"));
    let id = options.id.clone().unwrap_or_else(|| crate::ids::kebab(&name, "metacademy"));
    let (roadmap, report) = b.finish(&id, None);
    let mut roadmap = roadmap;
    roadmap.license = Some("CC-BY-SA-3.0".to_owned());
    Ok(Imported { roadmap, report })
}

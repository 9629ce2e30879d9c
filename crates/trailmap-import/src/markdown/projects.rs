//! Projects named in prose rather than announced by a "Project #N" label:
//! "Complete a mini-project on X", "Push MLOps project to GitHub",
//! "Capstone Project and Integration" headings, "Kaggle starter projects"
//! checklist items. A sentence that names "the project" or "your projects"
//! refers back to a project already made; only one that introduces a named
//! project ("a capstone project", "MLOps project") makes one.

use std::sync::LazyLock;

use regex::Regex;

use super::Importer;
use crate::ids::normalize;
use crate::text;

/// The word that makes a phrase a project.
static PROJECT_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:mini[- ]?)?projects?\b").expect("valid pattern"));

/// Words that end the noun phrase before "project" when reading backwards.
const STOP_BEFORE: &[&str] = &[
    "a", "an", "one", "to", "on", "for", "with", "in", "of", "into", "from", "as", "using", "via", "and", "or", "by",
    "at", "is", "are", "will", "should",
];
/// Determiners that point back at a project already named.
const REFERS_BACK: &[&str] = &[
    "the", "your", "this", "that", "these", "those", "my", "our", "their", "its", "each", "every", "all", "same",
    "previous", "old",
];
/// Prepositions that extend the phrase after "project": "mini-project on NLP".
const TAIL_OPENERS: &[&str] = &["on", "about", "for", "in", "with"];
/// Words that end the tail.
const TAIL_STOPS: &[&str] = &["that", "which", "where", "using", "and", "then", "so", "while"];

const NUMBER_WORDS: &[&str] =
    &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "few", "some", "more"];

/// A project a sentence names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mention {
    /// The noun phrase: "Mini-project on an advanced ML topic".
    pub title: String,
    /// "the project", "your projects": a project named before, not a new one.
    pub refers_back: bool,
    /// The phrase says no more than "project" (with a determiner at most).
    pub generic: bool,
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '+').to_lowercase()
}

/// The project a sentence to do names, if any. Counted collections ("2
/// serious ML projects", "your three deployed projects") name none.
pub(super) fn in_sentence(sentence: &str) -> Option<Mention> {
    // Only the main clause: parentheses are asides.
    let main = sentence.split('(').next().unwrap_or(sentence);
    let m = PROJECT_WORD.find(main)?;
    let plural = m.as_str().to_lowercase().ends_with('s');
    let before: Vec<&str> = main[..m.start()].split_whitespace().collect();
    let mut start = before.len();
    let mut determiner = None;
    while start > 0 && before.len() - start < 5 {
        let word = before[start - 1];
        let lower = bare(word);
        if word.ends_with([',', ':', ';', '.']) {
            break;
        }
        if lower.is_empty() || text::is_imperative(&lower) {
            // "+", "&" or a verb ("upload basic Python project") ends the phrase.
            break;
        }
        if STOP_BEFORE.contains(&lower.as_str()) || REFERS_BACK.contains(&lower.as_str()) {
            determiner = Some(lower);
            break;
        }
        if lower.chars().next().is_some_and(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&lower.as_str()) {
            // A count: a collection, not one project.
            return None;
        }
        start -= 1;
    }
    let modifiers = &before[start..];
    let after = &main[m.end()..];
    let mut tail: Vec<&str> = Vec::new();
    let mut words = after.split_whitespace().peekable();
    if words.peek().is_some_and(|w| TAIL_OPENERS.contains(&bare(w).as_str())) && !after.starts_with([',', '.', ':']) {
        for word in words.by_ref().take(12) {
            let lower = bare(word);
            if tail.len() > 1 && TAIL_STOPS.contains(&lower.as_str()) {
                break;
            }
            let ends = word.ends_with([',', '.', ';', ':']);
            tail.push(word.trim_end_matches([',', '.', ';', ':']));
            if ends {
                break;
            }
        }
    }
    let generic = modifiers.is_empty() && tail.is_empty();
    let refers_back = plural || determiner.as_deref().is_some_and(|d| REFERS_BACK.contains(&d));
    let mut phrase: Vec<&str> = modifiers.to_vec();
    phrase.push(m.as_str());
    phrase.extend(tail);
    let title = capitalise(&text::tidy(&phrase.join(" ")));
    Some(Mention { title, refers_back, generic })
}

/// A short noun phrase that is a project ("Kaggle starter projects",
/// "End-to-End ML pipeline project"): the phrase ends with the word.
pub(super) fn is_project_phrase(text: &str) -> bool {
    let main = text.split('(').next().unwrap_or(text).trim();
    let main = text::tidy(main);
    let words = text::words(&main);
    (2..=text::MAX_NAME_WORDS).contains(&words)
        && !text::is_task(&main)
        && PROJECT_WORD.find_iter(&main).last().is_some_and(|m| m.end() == main.len())
}

/// A heading that names a project besides its theme: "Capstone Project and
/// Integration", "Final Project: Deploy", "Portfolio project", "Capstone".
pub(super) fn in_heading(title: &str) -> Option<String> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:capstone|final|portfolio|mini|side|group|team|personal|graduation)[- ]?project\b|^\W*capstone\W*$")
            .expect("valid pattern")
    });
    NAMED.find(title).map(|m| capitalise(m.as_str()))
}

impl Importer<'_> {
    /// The project already made whose title is like `title`.
    pub(super) fn similar_project(&self, title: &str) -> Option<usize> {
        let key = normalize(title);
        let key = key.trim_end_matches('s');
        if key.is_empty() {
            return None;
        }
        self.b.projects.iter().rposition(|p| {
            let other = normalize(&p.title);
            let other = other.trim_end_matches('s');
            !other.is_empty() && (other == key || other.contains(key) || key.contains(other))
        })
    }

    /// A project named in task `t` of `phase`: linked from the task, made
    /// when the sentence introduces it.
    pub(super) fn task_project(&mut self, phase: usize, t: usize, at: &mut Vec<String>) {
        let Some(mention) = in_sentence(&self.b.phases[phase].phase.tasks[t].text) else { return };
        let p = match self.similar_project(&mention.title) {
            Some(p) => p,
            None if mention.generic || mention.refers_back => {
                // "Present the project": the phase's latest project, if it has one.
                let phase_id = &self.b.phases[phase].phase.id;
                match self.b.projects.iter().rposition(|p| p.phase.as_ref() == Some(phase_id)) {
                    Some(p) => p,
                    None => return,
                }
            }
            None => {
                let p = self.b.project(&mention.title, None, Some(phase));
                at.push(format!("/projects/{p}"));
                p
            }
        };
        let id = self.b.projects[p].id.clone();
        self.b.phases[phase].phase.tasks[t].project = Some(id);
    }

    /// A project for a short phrase naming one, in the current phase; its index.
    pub(super) fn phrase_project(&mut self, text: &str, at: &mut Vec<String>) -> usize {
        let title = text::tidy(text);
        if let Some(p) = self.similar_project(&title) {
            return p;
        }
        let phase = self.phase();
        let p = self.b.project(&title, None, phase);
        at.push(format!("/projects/{p}"));
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str) -> Option<(String, bool, bool)> {
        in_sentence(text).map(|m| (m.title, m.refers_back, m.generic))
    }

    #[test]
    fn sentences_that_name_projects() {
        assert_eq!(
            mention("Complete a mini-project on an advanced ML topic relevant to the company."),
            Some(("Mini-project on an advanced ML topic relevant to the company".into(), false, false))
        );
        assert_eq!(mention("Push MLOps project to GitHub"), Some(("MLOps project".into(), false, false)));
        assert_eq!(
            mention("Start a capstone project that integrates all learned skills (choose a project)"),
            Some(("Capstone project".into(), false, false))
        );
        assert_eq!(
            mention("Finalize the capstone project, ensuring it works"),
            Some(("Capstone project".into(), true, false))
        );
        assert_eq!(mention("Present the project to the team"), Some(("Project".into(), true, true)));
        assert_eq!(mention("Build 2 serious ML projects using classical ML."), None);
        assert_eq!(mention("Polish your three deployed projects"), None);
        assert_eq!(mention("Write unit tests"), None);
        assert_eq!(
            mention("Create GitHub profile + upload basic Python project"),
            Some(("Basic Python project".into(), false, false))
        );
    }

    #[test]
    fn phrases_and_headings() {
        assert!(is_project_phrase("Kaggle starter projects"));
        assert!(is_project_phrase("End-to-End ML pipeline project"));
        assert!(!is_project_phrase("Project Buffer"));
        assert!(!is_project_phrase("Publish portfolio projects"));
        assert!(!is_project_phrase("Projects"));
        assert_eq!(in_heading("Capstone Project and Integration").as_deref(), Some("Capstone Project"));
        assert_eq!(in_heading("Advanced DL Project"), None);
        // A section of projects is not one.
        assert_eq!(in_heading("Portfolio projects"), None);
    }
}

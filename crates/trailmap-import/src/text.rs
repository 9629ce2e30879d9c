//! Reading list text: names split out of "A, B and C", "A/B" and "X or Y",
//! sentences to do told from things to learn, link kinds guessed.

use std::sync::LazyLock;

use regex::Regex;
use trailmap::ResourceKind;

/// Most words a skill name may have; longer text is a sentence.
pub const MAX_NAME_WORDS: usize = 8;

/// One thing named in a list: a name, or alternatives ("X or Y").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The alternatives; one for a plain name.
    pub names: Vec<String>,
    /// Details in parentheses or after a dash: "OOP (classes, inheritance)".
    pub topics: Vec<String>,
}

/// Number of words.
pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Splits at `sep` outside parentheses and brackets.
fn split_top(text: &str, is_sep: impl Fn(&str) -> Option<usize>) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && text.is_char_boundary(i) {
            if let Some(len) = is_sep(&text[i..]) {
                parts.push(text[start..i].to_owned());
                i += len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    parts.push(text[start..].to_owned());
    parts.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn list_separator(rest: &str) -> Option<usize> {
    for sep in [", and ", ", or ", ", ", "; ", " and ", " + "] {
        if rest.len() >= sep.len() && rest.as_bytes()[..sep.len()].eq_ignore_ascii_case(sep.as_bytes()) {
            return Some(sep.len());
        }
    }
    None
}

/// The alternatives "A or B" offers, split at each " or " (any case)
/// outside parentheses and brackets, trimmed, empty ones dropped.
pub fn alternatives(text: &str) -> Vec<String> {
    split_top(text, or_separator)
}

fn or_separator(rest: &str) -> Option<usize> {
    let sep = " or ";
    (rest.len() >= sep.len() && rest.as_bytes()[..sep.len()].eq_ignore_ascii_case(sep.as_bytes())).then_some(sep.len())
}

/// "A/B" splits when spaced ("Matplotlib / Seaborn") or when both sides
/// are capitalised words of three letters or more ("PyTorch/TensorFlow");
/// "CI/CD", "I/O" and "train/test split" stay whole.
fn split_slash(name: &str) -> Vec<String> {
    if name.contains(" / ") {
        return name.split(" / ").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    }
    if !name.contains('/') || name.contains("://") {
        return vec![name.to_owned()];
    }
    let parts: Vec<&str> = name.split('/').collect();
    let ok = parts.windows(2).all(|w| {
        let left = w[0].rsplit(' ').next().unwrap_or("");
        let right = w[1].split(' ').next().unwrap_or("");
        let capital = |s: &str| s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        left.chars().count() >= 3 && right.chars().count() >= 3 && capital(left) && capital(right)
    });
    if ok {
        parts.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
    } else {
        vec![name.to_owned()]
    }
}

/// Trailing punctuation and wrapping quotes off a name.
pub fn tidy(name: &str) -> String {
    let name = name.trim().trim_end_matches(['.', ':', ';', ',']).trim();
    let name = name.trim_matches(|c| matches!(c, '"' | '“' | '”' | '`' | '*' | '_'));
    let name = name.strip_suffix(" etc").unwrap_or(name).trim();
    let name = name.strip_suffix("etc").map_or(name, |n| n.trim_end_matches([',', ' ']));
    name.trim().to_owned()
}

/// An outline number before a title: "4.3 ", "2. ", "1) ".
static OUTLINE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+").expect("valid pattern"));

/// A title without the outline number before it: "4.3 RNNs", "2. Python"
/// and "1) Git" are "RNNs", "Python" and "Git"; "3D vision", "100 Days of
/// ML" and "2024 roadmap" keep theirs (a number is an outline number only
/// dotted, or with a dot or a closing parenthesis after it).
pub fn without_outline_number(title: &str) -> &str {
    let title = title.trim();
    match OUTLINE_NUMBER.find(title) {
        Some(m) if m.end() < title.len() => &title[m.end()..],
        _ => title,
    }
}

/// Topics in a trailing parenthesis: "OOP (classes, inheritance)".
pub fn split_parenthesis(text: &str) -> (String, Vec<String>) {
    let text = text.trim();
    if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
        let inner = &text[open + 1..text.len() - 1];
        let head = text[..open].trim();
        if !head.is_empty() && !inner.contains('(') {
            let topics =
                split_top(inner, list_separator).into_iter().map(|t| tidy(&t)).filter(|t| !t.is_empty()).collect();
            return (head.to_owned(), topics);
        }
    }
    (text.to_owned(), Vec::new())
}

/// The names in a list of things to learn. "X — a, b, c" (or "X → a, b,
/// c") names X with topics a, b, c.
pub fn names(text: &str) -> Vec<Named> {
    let text = tidy(text);
    for dash in [" — ", " – ", " - ", " → ", " -> ", " => ", ": "] {
        if let Some((head, tail)) = text.split_once(dash) {
            if words(head) <= 4 && !head.contains(',') {
                let mut out = names(head);
                let topics: Vec<String> =
                    split_top(tail, list_separator).iter().map(|t| tidy(t)).filter(|t| !t.is_empty()).collect();
                if let Some(first) = out.first_mut() {
                    first.topics.extend(topics);
                }
                return out;
            }
        }
    }
    let mut out = Vec::new();
    for part in split_top(&text, list_separator) {
        let alternatives = alternatives(&part);
        let mut named = Named { names: Vec::new(), topics: Vec::new() };
        for alternative in alternatives {
            let (head, topics) = split_parenthesis(&alternative);
            named.topics.extend(topics);
            for name in split_slash(&head) {
                let name = tidy(&name);
                if !name.is_empty() {
                    named.names.push(name);
                }
            }
        }
        if !named.names.is_empty() {
            out.push(named);
        }
    }
    out
}

/// Verbs that open a sentence to do.
const IMPERATIVES: &[&str] = &[
    "access",
    "add",
    "analyse",
    "analyze",
    "apply",
    "attend",
    "automate",
    "be",
    "build",
    "choose",
    "clean",
    "clone",
    "code",
    "collaborate",
    "compare",
    "compete",
    "complete",
    "configure",
    "containerize",
    "contribute",
    "convert",
    "create",
    "deploy",
    "design",
    "develop",
    "do",
    "dockerize",
    "document",
    "draft",
    "evaluate",
    "explore",
    "finalize",
    "fine-tune",
    "finetune",
    "finish",
    "fix",
    "focus",
    "follow",
    "get",
    "go",
    "implement",
    "install",
    "integrate",
    "join",
    "make",
    "optimise",
    "optimize",
    "participate",
    "perfect",
    "perform",
    "polish",
    "practice",
    "practise",
    "prepare",
    "present",
    "publish",
    "push",
    "read",
    "rebuild",
    "refactor",
    "reproduce",
    "review",
    "revise",
    "run",
    "scrape",
    "serve",
    "set",
    "setup",
    "share",
    "solve",
    "spend",
    "start",
    "stay",
    "store",
    "submit",
    "summarise",
    "summarize",
    "take",
    "train",
    "try",
    "update",
    "upload",
    "use",
    "visualise",
    "visualize",
    "watch",
    "write",
];

/// Whether a word is a verb that opens a sentence to do ("build", "deploy").
pub fn is_imperative(word: &str) -> bool {
    IMPERATIVES.contains(&word.to_lowercase().as_str())
}

/// Whether the text is a sentence to do rather than a thing to learn:
/// it opens with an imperative verb, or is too long to be a name.
pub fn is_task(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    let lower = first.to_lowercase();
    (IMPERATIVES.contains(&lower.as_str()) && words(text) >= 2) || words(text) > MAX_NAME_WORDS
}

/// The resource kind a link's host or label suggests.
pub fn resource_kind(url: &str, label: &str) -> Option<ResourceKind> {
    let url = url.to_ascii_lowercase();
    let label = label.to_lowercase();
    let host = url.split("://").nth(1).unwrap_or(&url).split('/').next().unwrap_or("");
    let has = |needles: &[&str]| needles.iter().any(|n| host.contains(n));
    if has(&["youtube.", "youtu.be", "vimeo."]) || label.contains("video") || label.contains("lecture") {
        Some(ResourceKind::Video)
    } else if has(&[
        "coursera.",
        "edx.",
        "udemy.",
        "udacity.",
        "khanacademy.",
        "ocw.mit.edu",
        "fast.ai",
        "deeplearning.ai",
    ]) || label.contains("course")
    {
        Some(ResourceKind::Course)
    } else if has(&["arxiv.", "papers", "acm.org", "openreview."]) || label.contains("paper") {
        Some(ResourceKind::Paper)
    } else if url.contains("/datasets") || has(&["kaggle."]) || label.contains("dataset") {
        Some(ResourceKind::Dataset)
    } else if has(&["github.", "gitlab.", "bitbucket."]) && !has(&["github.io", "gitlab.io"]) {
        // A repository: code to read or run (a `github.io` site is pages).
        Some(ResourceKind::Tool)
    } else if has(&["oreilly.", "manning.", "amazon.", "nostarch.", "pragprog."]) || label.contains("book") {
        Some(ResourceKind::Book)
    } else if host.starts_with("docs.")
        || url.contains("/docs")
        || has(&["readthedocs"])
        || label.contains("documentation")
    {
        Some(ResourceKind::Docs)
    } else if has(&["medium.", "dev.to", "substack.", "towardsdatascience.", "blog"]) || label.contains("article") {
        Some(ResourceKind::Article)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(text: &str) -> Vec<Vec<String>> {
        names(text).into_iter().map(|n| n.names).collect()
    }

    #[test]
    fn splits_lists_and_alternatives() {
        assert_eq!(flat("NumPy, Pandas and Matplotlib"), [["NumPy"], ["Pandas"], ["Matplotlib"]]);
        assert_eq!(flat("Matplotlib / Seaborn"), [["Matplotlib", "Seaborn"]]);
        assert_eq!(flat("CI/CD"), [["CI/CD"]]);
        assert_eq!(flat("MLflow or Weights & Biases"), [["MLflow", "Weights & Biases"]]);
        let oop = names("OOP (classes, inheritance, composition)");
        assert_eq!(oop[0].names, ["OOP"]);
        assert_eq!(oop[0].topics, ["classes", "inheritance", "composition"]);
        let python = names("Python basics — syntax, data types, loops");
        assert_eq!(python[0].names, ["Python basics"]);
        assert_eq!(python[0].topics.len(), 3);
    }

    #[test]
    fn tasks_are_sentences_to_do() {
        assert!(is_task("Set up your development environment"));
        assert!(!is_task("Gradient descent"));
        assert!(is_task("Participants will gradually come to understand the many ways of data handling"));
    }

    #[test]
    fn kinds_from_hosts() {
        assert_eq!(resource_kind("https://www.youtube.com/watch?v=1", "x"), Some(ResourceKind::Video));
        assert_eq!(resource_kind("https://www.coursera.org/learn/ml", "x"), Some(ResourceKind::Course));
        assert_eq!(resource_kind("https://example.com", "The Rust Book"), Some(ResourceKind::Book));
        assert_eq!(resource_kind("https://example.com", "x"), None);
    }
}

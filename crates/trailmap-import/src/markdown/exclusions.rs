//! Exclusions said in passing rather than in a "You do NOT need" section:
//! "(this topic is vast, so just focus on the basics)" excludes what lies
//! beyond the basics of the item's subject; "X is not required", "Skip
//! X" and what is addressed to the reader ("You do NOT need X", "No need to
//! learn X", "Don't bother with X", "Avoid TensorFlow 1.x") exclude X;
//! "X is optional" and "X (optional)" mark X optional.

use std::sync::LazyLock;

use regex::Regex;

use super::Importer;
use crate::text;

static BASICS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:just|only)\s+(?:focus\s+on\s+|learn\s+|cover\s+|need\s+|know\s+)?(?:the\s+)?basics|basics\s+only|no\s+need\s+to\s+go\s+(?:too\s+|very\s+)?deep(?:er)?|(?:don'?t|do\s+not)\s+go\s+(?:too\s+|very\s+)?deep(?:er)?)\b",
    )
    .expect("valid pattern")
});
static NOT_REQUIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:skip\s+(.{1,80}?)|(.{1,80}?)\s+(?:is|are)\s+(?:not\s+required|not\s+needed|unnecessary|skippable))\s*[.!]?$")
        .expect("valid pattern")
});

/// Told to the reader: "You do NOT need X", "You don't need to learn X",
/// "No need to learn X", "No need for X", "Don't bother with X", "You can
/// skip X", "Don't learn X".
static ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:you\s+)?(?:(?:do\s+not|don'?t|dont)\s+(?:need|have)(?:\s+to\s+(?:learn|know|study|master|use))?|no\s+need\s+(?:to\s+(?:learn|know|study|master|use)|for)|(?:do\s+not|don'?t|dont)\s+(?:bother(?:\s+(?:with|learning|about))?|learn|study)|(?:can\s+)?skip)\b\s*:?\s*(.{1,80}?)\s*[.!]?$",
    )
    .expect("valid pattern")
});
/// "Avoid TensorFlow 1.x": a named thing to avoid (capitalised, short),
/// unlike advice such as "Avoid overfitting with dropout".
static AVOID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:avoid)\s+([A-Z0-9][^\s]*(?:\s+[^\s]+){0,3}?)\s*[.!]?$").expect("valid pattern"));
/// "Kubernetes is optional", "Git (optional)", "Spark — optional".
static OPTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(.{1,80}?)\s*(?:\((?:optional|if time permits)\)|(?:is|are)\s+optional|[—–-]\s*optional)\s*[.!]?$",
    )
    .expect("valid pattern")
});

/// The sentence that limits a subject to its basics, if the text has one.
pub(super) fn basics_only(text: &str) -> Option<String> {
    let m = BASICS_ONLY.find(text)?;
    // The sentence around the match, without its brackets.
    let start = text[..m.start()].rfind(['.', '(', '?', '!']).map_or(0, |i| i + 1);
    let end = text[m.end()..].find(['.', ')', '?', '!']).map_or(text.len(), |i| m.end() + i);
    Some(text::tidy(text[start..end].trim()))
}

/// "Kubernetes is not required", "Skip Spark", "You do NOT need
/// metaclasses", "Avoid TensorFlow 1.x": the subject excluded.
pub(super) fn not_required(text: &str) -> Option<String> {
    let text = text.trim();
    // "No need to go deep into proofs" limits a subject; it excludes none.
    if basics_only(text).is_some() {
        return None;
    }
    let c = NOT_REQUIRED.captures(text).or_else(|| ADDRESSED.captures(text)).or_else(|| AVOID.captures(text))?;
    // "Don't learn Hadoop. It's legacy.": the subject ends with its sentence.
    let subject = c.get(1).or(c.get(2))?.as_str();
    let subject = text::tidy(subject.split(". ").next().unwrap_or(subject));
    let subject = subject.trim_end_matches(['.', '!', ',', ';']).trim().to_owned();
    let clause = subject.to_lowercase().starts_with("to ") || subject.contains(" with ") || subject.contains(" by ");
    (!subject.is_empty() && !clause && text::words(&subject) <= text::MAX_NAME_WORDS).then_some(subject)
}

/// "Kubernetes is optional", "Git (optional)": the text without the mark.
pub(super) fn optional(text: &str) -> Option<&str> {
    let c = OPTIONAL.captures(text.trim())?;
    let rest = c.get(1)?.as_str().trim();
    (!rest.is_empty()).then_some(rest)
}

/// "Introduction to Kubernetes (Pods, Services)": "Kubernetes (Pods, Services)".
fn subject(name: &str) -> &str {
    let lower = name.to_lowercase();
    for prefix in ["introduction to ", "intro to ", "basics of ", "basic "] {
        if lower.starts_with(prefix) {
            return &name[prefix.len()..];
        }
    }
    name
}

impl Importer<'_> {
    /// "… just focus on the basics": an exclusion of `<subject> beyond the
    /// basics`, the subject being the item's first skill, else its phase.
    pub(super) fn basics_exclusion(&mut self, text: &str, skills: &[usize], at: &mut Vec<String>) {
        let Some(reason) = basics_only(text) else { return };
        let phase = self.phase();
        // The item's opening phrase ("Introduction to Kubernetes (Pods, …).
        // Why …? (… just the basics)"), else its skill, else its phase.
        let body = match text.split_once(": ") {
            Some((label, rest)) if text::words(label) <= 3 => rest,
            _ => text,
        };
        let opening = body.split(['.', '?', '!']).next().unwrap_or("").trim();
        let head = opening.split('(').next().unwrap_or("").trim();
        let title = if !head.is_empty() && text::words(head) <= 6 && basics_only(opening).is_none() {
            let kept = opening[head.len()..].trim();
            format!("{} beyond the basics {kept}", subject(head)).trim().to_owned()
        } else {
            let name = match (skills.first(), phase) {
                (Some(&s), _) => String::from(&self.b.skills[s].name),
                (None, Some(p)) => {
                    let title = &self.b.phases[p].phase.title;
                    title
                        .split([' ', '('])
                        .next()
                        .filter(|_| title.contains(" - ") || title.contains('('))
                        .map_or_else(|| title.clone(), |first| first.to_owned())
                }
                (None, None) => return,
            };
            format!("{} beyond the basics", subject(&name))
        };
        let e = self.b.exclusion(&title, Some(reason), phase);
        at.push(format!("/exclusions/{e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_in_passing() {
        assert_eq!(
            basics_only("Introduction to Kubernetes. Why? (This topic is vast, so just focus on the basics).")
                .as_deref(),
            Some("This topic is vast, so just focus on the basics")
        );
        assert_eq!(basics_only("No need to go deep into proofs").as_deref(), Some("No need to go deep into proofs"));
        assert_eq!(basics_only("Python basics"), None);
        assert_eq!(not_required("Kubernetes is not required.").as_deref(), Some("Kubernetes"));
        assert_eq!(not_required("Skip Spark").as_deref(), Some("Spark"));
        assert_eq!(not_required("Spark"), None);
        for (item, subject) in [
            ("You do NOT need metaclasses", "metaclasses"),
            ("You don't need to learn Java.", "Java"),
            ("No need to learn Java", "Java"),
            ("No need for Hadoop", "Hadoop"),
            ("Don't bother with Perl", "Perl"),
            ("You can skip R", "R"),
            ("Avoid TensorFlow 1.x", "TensorFlow 1.x"),
        ] {
            assert_eq!(not_required(item).as_deref(), Some(subject), "{item}");
        }
        for advice in ["Avoid overfitting with dropout", "No need to go deep into proofs", "Don't need"] {
            assert_eq!(not_required(advice), None, "{advice}");
        }
        assert_eq!(optional("Kubernetes is optional"), Some("Kubernetes"));
        assert_eq!(optional("Git (optional)"), Some("Git"));
        assert_eq!(optional("Optional reading"), None);
        assert_eq!(subject("Introduction to Kubernetes"), "Kubernetes");
    }
}

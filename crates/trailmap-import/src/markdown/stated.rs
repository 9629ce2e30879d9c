//! Prerequisites stated in words: "(requires X)", "— builds on X", "after
//! X" in a parenthesis or trailing clause, an item or label that is only
//! "Requires X" / "Prerequisites: X", and prose sentences such as "This
//! phase builds on linear algebra."; and, the other way, what needs the
//! item ("(prerequisite for X)", "— needed before X"). The statement is
//! cut from the text, so that it never becomes a skill of its own.

use std::sync::LazyLock;
use trailmap::pointer::Pointer;

use regex::Regex;

use super::Importer;
use crate::prerequisites::{Dependent, Stated};
use crate::report::Element;

const VERBS: &str = r"requires?|required|needs?|builds?\s+(?:up)?on|depends\s+on|prereq(?:uisite)?s?|pre-reqs?|assumes";

static PARENTHESIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\s*\(\s*(?:{VERBS}|after|take\s+after)\s*:?\s+([^()]{{1,200}})\)"))
        .expect("valid pattern")
});
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\s*(?:[—–;,:]|\s-)\s*(?:{VERBS}|after|take\s+(?:it\s+)?after)\s*:?\s+([^()]{{1,200}})$"))
        .expect("valid pattern")
});
static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{VERBS})\s*:?\s+(.{{1,400}})$")).expect("valid pattern"));
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[.!?]\s+)(?:this\s+\w+\s+|it\s+)?(?:requires|builds\s+on|depends\s+on|assumes)\s+(?:(?:a\s+)?(?:working\s+)?(?:knowledge|understanding)\s+of\s+|familiarity\s+with\s+)?([^.;!?]{1,200})",
    )
    .expect("valid pattern")
});

/// "(prerequisite for Airflow)", "— needed before Kubernetes": what needs
/// the item, not what it needs.
static NEEDED_BY: LazyLock<Regex> = LazyLock::new(|| {
    let what =
        r"(?:an?\s+|the\s+)?(?:prereq(?:uisite)?s?|pre-reqs?|needed|required|necessary|essential)\s+(?:for|before)";
    Regex::new(&format!(r"(?i)\s*\(\s*{what}\s+([^()]{{1,200}})\)|\s*(?:[—–;,]|\s-)\s*{what}\s+([^()]{{1,200}})$"))
        .expect("valid pattern")
});

/// Most statements cut from one text.
const MAX_STATEMENTS: usize = 8;

/// The text without its prerequisite statements, and the names each states.
/// `None` when it states none; an empty text when it is nothing but one.
pub(super) fn split(text: &str) -> Option<(String, Vec<String>)> {
    let mut rest = text.trim().to_owned();
    let mut names = Vec::new();
    if let Some(c) = WHOLE.captures(&rest) {
        return Some((String::new(), vec![c[1].trim().to_owned()]));
    }
    // "(After Month 9)" is a time, not a prerequisite; "(required for X)"
    // says what needs the item ([`split_needed_by`]).
    let not_time = |c: &regex::Captures<'_>| {
        c.get(1).is_some_and(|m| {
            let lower = m.as_str().trim_start().to_lowercase();
            !lower.starts_with("for ")
                && !lower.starts_with("before ")
                && crate::span::time_at_start(m.as_str().trim()).is_none()
                && !m.as_str().trim().starts_with(|ch: char| ch.is_ascii_digit())
                && crate::span::heading(m.as_str()).kind.is_none()
        })
    };
    for _ in 0..MAX_STATEMENTS {
        let found =
            PARENTHESIS.captures_iter(&rest).find(&not_time).or_else(|| TRAILING.captures(&rest).filter(&not_time));
        let Some(c) = found else { break };
        let (Some(whole), Some(named)) = (c.get(0), c.get(1)) else { break };
        names.push(named.as_str().trim().to_owned());
        rest = format!("{}{}", &rest[..whole.start()], &rest[whole.end()..]).trim().to_owned();
    }
    (!names.is_empty()).then_some((rest, names))
}

/// The text without its statements of what needs it ("Docker
/// (prerequisite for Airflow)", "Linear algebra — needed before deep
/// learning"), and the names each states. `None` when it states none, or
/// is nothing but one.
pub(super) fn split_needed_by(text: &str) -> Option<(String, Vec<String>)> {
    let mut rest = text.trim().to_owned();
    let mut names = Vec::new();
    for _ in 0..MAX_STATEMENTS {
        let Some(c) = NEEDED_BY.captures(&rest) else { break };
        let (Some(whole), Some(named)) = (c.get(0), c.get(1).or(c.get(2))) else { break };
        names.push(named.as_str().trim().to_owned());
        rest = format!("{}{}", &rest[..whole.start()], &rest[whole.end()..]).trim().to_owned();
    }
    (!names.is_empty() && !rest.is_empty()).then_some((rest, names))
}

/// The names prose sentences state as prerequisites ("This phase builds on
/// linear algebra and Python.").
pub(super) fn in_prose(text: &str) -> Vec<String> {
    PROSE.captures_iter(text).take(MAX_STATEMENTS).filter_map(|c| c.get(1)).map(|m| m.as_str().to_owned()).collect()
}

impl Importer<'_> {
    /// Records prerequisites of `dependent`, stated at the current line; the
    /// pointer to where they will go.
    pub(super) fn state(&mut self, dependent: Dependent, names: Vec<String>, element: Element) -> String {
        let pointer = match dependent {
            Dependent::Skill(s) => Pointer::item("skills", s).with("prerequisites").into_string(),
            Dependent::NeededBy(s) => Pointer::item("skills", s).into_string(),
            Dependent::Phase(p) => format!("{}/skills", self.b.phases[p].pointer),
        };
        for text in names {
            self.b.stated.push(Stated { dependent, text, line: self.line, element, quiet: false });
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Option<(String, Vec<String>)> {
        split(text)
    }

    #[test]
    fn statements_are_cut_from_names() {
        assert_eq!(cut("CNNs (requires Neural Networks)"), Some(("CNNs".into(), vec!["Neural Networks".into()])));
        assert_eq!(
            cut("Transformers — builds on RNNs or CNNs"),
            Some(("Transformers".into(), vec!["RNNs or CNNs".into()]))
        );
        assert_eq!(cut("Kubernetes (after Docker)"), Some(("Kubernetes".into(), vec!["Docker".into()])));
        assert_eq!(cut("Requires Calculus 1A"), Some((String::new(), vec!["Calculus 1A".into()])));
        assert_eq!(cut("Prerequisites: Python, SQL"), Some((String::new(), vec!["Python, SQL".into()])));
        assert_eq!(cut("Deploy after training the model"), None);
        assert_eq!(cut("Gradient descent"), None);
        assert_eq!(cut("Portfolio (After Month 9)"), None);
        assert_eq!(cut("Stage 3: after Stage 2"), None);
        assert_eq!(cut("Docker (prerequisite for Airflow)"), None, "what needs it, not what it needs");
        assert_eq!(
            split_needed_by("Docker (prerequisite for Airflow)"),
            Some(("Docker".into(), vec!["Airflow".into()]))
        );
        assert_eq!(
            split_needed_by("Linear algebra — needed before deep learning or NLP"),
            Some(("Linear algebra".into(), vec!["deep learning or NLP".into()]))
        );
        assert_eq!(split_needed_by("Docker (requires Linux)"), None);
        assert_eq!(
            in_prose("Read this first. This phase builds on linear algebra and Python."),
            ["linear algebra and Python"]
        );
        assert!(in_prose("After this you will know it.").is_empty());
    }
}

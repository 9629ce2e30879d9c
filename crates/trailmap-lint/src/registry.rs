//! The rule registry: stable codes and names, default severities, and
//! each rule's documentation, which is its source file's `//!` comment.

use trailmap::{Diagnostic, Severity};

use crate::context::Context;

/// How a rule produces its diagnostics.
#[derive(Clone, Copy)]
pub enum Check {
    /// Runs on one roadmap at a time.
    File(fn(&Context<'_>, &mut Vec<Diagnostic>)),
    /// Runs once over every roadmap of the run.
    Files(fn(&[Context<'_>], &mut Vec<Diagnostic>)),
    /// Produced by the linter itself (suppression bookkeeping).
    Engine,
    /// A validation problem from the core (`trailmap validate`).
    Validation,
}

/// A lint rule: code, name, default severity, documentation and check.
///
/// ```
/// let rule = trailmap_lint::registry::find("redundant-prerequisite").unwrap();
/// assert_eq!(rule.code, "TM107");
/// assert!(rule.fixable);
/// assert!(rule.doc().contains("## Why it matters"));
/// ```
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `TM107`.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether `--fix` can fix it.
    pub fixable: bool,
    /// The rule's documentation source: its file (for lint rules) or a
    /// one-line summary (for validation codes).
    pub source: &'static str,
    /// How it runs.
    pub check: Check,
}

impl Rule {
    /// The rule's documentation in Markdown: the `//!` comment that opens
    /// its source file.
    ///
    /// ```
    /// let doc = trailmap_lint::registry::find("TM101").unwrap().doc();
    /// assert!(doc.starts_with("## What it does"));
    /// ```
    pub fn doc(&self) -> String {
        if matches!(self.check, Check::Validation) {
            return self.source.to_owned();
        }
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else { break };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out.trim().to_owned()
    }

    /// The first sentence of "What it does".
    ///
    /// ```
    /// let rule = trailmap_lint::registry::find("TM108").unwrap();
    /// assert!(rule.summary().starts_with("Checks that"));
    /// ```
    pub fn summary(&self) -> String {
        let doc = self.doc();
        let body = doc.strip_prefix("## What it does").unwrap_or(&doc).trim_start();
        let para = body.split("\n\n").next().unwrap_or("").replace('\n', " ");
        match para.find(". ") {
            Some(i) => para[..=i].to_owned(),
            None => para,
        }
    }

    /// `true` for validation codes from the core, which `select`/`ignore`
    /// cannot turn off when they mean the file could not be read as a
    /// roadmap at all.
    pub fn is_structural(&self) -> bool {
        matches!(self.code, "TM001" | "TM002" | "TM009" | "TM010")
    }
}

macro_rules! validation {
    ($( $code:ident ),* $(,)?) => {
        [$( {
            let (code, name) = trailmap::codes::$code;
            (code, name)
        } ),*]
    };
}

fn validation_summary(code: &str) -> &'static str {
    trailmap::codes::ALL.iter().find(|((c, _), _)| *c == code).map_or("", |(_, s)| s)
}

/// Every rule, validation codes first, in code order.
pub fn all() -> &'static [Rule] {
    static ALL: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<Rule> = validation!(
            JSON_SYNTAX,
            SCHEMA,
            DUPLICATE_KEY,
            DUPLICATE_ID,
            UNKNOWN_REFERENCE,
            SELF_PREREQUISITE,
            PREREQUISITE_CYCLE,
            INVALID_VERSION,
            INPUT_TOO_LARGE,
            INVALID_ENCODING,
            EMPTY_ANY_OF,
            BYTE_ORDER_MARK,
            REVERSED_SPAN,
        )
        .into_iter()
        .map(|(code, name)| Rule {
            code,
            name,
            // A byte-order mark is ignored, so only a warning by default.
            default_severity: if code == trailmap::codes::BYTE_ORDER_MARK.0 {
                Severity::Warning
            } else {
                Severity::Error
            },
            fixable: false,
            source: trailmap::codes::documentation(code).unwrap_or_else(|| validation_summary(code)),
            check: Check::Validation,
        })
        .collect();
        rules.extend_from_slice(crate::rules::RULES);
        rules.sort_by_key(|r| r.code);
        rules
    })
}

/// Finds a rule by code (`TM107`, case-insensitive) or name
/// (`redundant-prerequisite`).
///
/// ```
/// assert!(trailmap_lint::registry::find("tm107").is_some());
/// assert!(trailmap_lint::registry::find("no-such-rule").is_none());
/// ```
pub fn find(key: &str) -> Option<&'static Rule> {
    all().iter().find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

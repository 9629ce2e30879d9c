//! The rule registry: stable codes and names, default severities, and
//! each rule's documentation, which is its source file's `//!` comment.

use trailmap::codes::Code;
use trailmap::{Diagnostic, Severity};

use crate::context::Context;
use crate::findings::Findings;

/// How a rule produces its diagnostics.
#[derive(Clone, Copy)]
pub enum Check {
    /// Runs on one roadmap at a time; the rule is handed its own entry
    /// (code, name, severity) to report with.
    File(for<'a> fn(&Context<'a>, &Rule, &mut Findings<'a>)),
    /// Runs over every roadmap of the run, shown to it one at a time in
    /// input order; the function starts the check afresh for a run.
    Files(fn() -> Box<dyn FilesCheck>),
    /// Produced by the linter itself (suppression bookkeeping).
    Engine,
    /// A validation problem from the core (`trailmap validate`).
    Validation(Code),
}

/// A rule over every roadmap of a run ([`Check::Files`]). It is shown the
/// roadmaps one at a time in input order, after their own rules ran: the
/// models are freed a batch of files at a time (a folder of 40,000 small
/// roadmaps held them all, 2.5 times the memory of `validate`), so what the
/// rule remembers of earlier files it keeps itself.
///
/// ```
/// use trailmap::{Diagnostic, Roadmap};
/// use trailmap_lint::context::Context;
/// use trailmap_lint::registry::{FilesCheck, Rule};
///
/// /// Counts the skills of the run, reporting nothing.
/// struct Count(usize);
///
/// impl FilesCheck for Count {
///     fn add(&mut self, ctx: &Context<'_>, _rule: &Rule, _out: &mut Vec<Diagnostic>) {
///         self.0 += ctx.roadmap.skills.len();
///     }
/// }
///
/// let text = r#"{"id": "r", "title": "R", "version": "1.0.0", "skills": [{"id": "a", "name": "A"}]}"#;
/// let roadmap = Roadmap::from_json_str(text).roadmap.unwrap();
/// let rule = trailmap_lint::registry::find("TM115").unwrap();
/// let mut count = Count(0);
/// count.add(&Context::new("r.json", text, &roadmap), rule, &mut Vec::new());
/// assert_eq!(count.0, 1);
/// ```
pub trait FilesCheck {
    /// Looks at the run's next roadmap, reporting in `out` what it finds
    /// in that roadmap.
    fn add(&mut self, ctx: &Context<'_>, rule: &Rule, out: &mut Vec<Diagnostic>);
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
        if matches!(self.check, Check::Validation(_)) {
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

    /// `true` for the core codes that [break the
    /// model](trailmap::codes::Code::breaks_model): the file could not be
    /// read as a whole roadmap, so lint rules did not run on it, and
    /// `select`/`ignore`, severities and suppressions cannot turn it off
    /// (hiding it would hide that nothing was checked).
    ///
    /// ```
    /// use trailmap_lint::registry::find;
    /// assert!(find("TM003").unwrap().breaks_model());
    /// assert!(!find("TM005").unwrap().breaks_model());
    /// ```
    pub fn breaks_model(&self) -> bool {
        matches!(self.check, Check::Validation(code) if code.breaks_model())
    }
}

/// Every rule, validation codes first, in code order.
pub fn all() -> &'static [Rule] {
    static ALL: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<Rule> = Code::ALL
            .iter()
            .filter(|code| !code.is_progress_code())
            .map(|&code| Rule {
                code: code.code(),
                name: code.name(),
                default_severity: code.default_severity(),
                fixable: false,
                source: code.documentation(),
                check: Check::Validation(code),
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

/// "unknown rule `KEY`", with the closest rule name when one is close:
/// the one wording of every place that takes rule names.
///
/// ```
/// assert_eq!(
///     trailmap_lint::registry::unknown_rule("redundant-prerequisit"),
///     "unknown rule `redundant-prerequisit` (did you mean `redundant-prerequisite`?)"
/// );
/// ```
pub fn unknown_rule(key: &str) -> String {
    let hint = trailmap::suggest::did_you_mean(key, all().iter().map(|r| r.name))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!("unknown rule `{key}`{hint}")
}

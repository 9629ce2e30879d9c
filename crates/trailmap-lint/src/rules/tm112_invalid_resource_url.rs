//! ## What it does
//!
//! Checks that every resource `url` is an absolute `https` URL with a host
//! and no spaces or control characters.
//!
//! ## Why it matters
//!
//! Relative or `http` links break or downgrade when the roadmap is rendered
//! elsewhere; `javascript:` and similar schemes are dangerous in a rendered
//! page; a space or a control character is always a copy-paste accident.
//!
//! ## Example
//!
//! ```json
//! "resources": [{ "title": "Docs", "url": "http://example.com/docs" }]
//! ```
//!
//! ## Fix
//!
//! Use the `https://` address of the resource.

use trailmap::Diagnostic;
use trailmap::diagnostic::preview_str;

use crate::context::Context;
use crate::findings::{Findings, InSkill, Quoting, SkillFindings, Texts};
use crate::registry::Rule;

/// What can be wrong with a URL: the first texts of the findings' table,
/// each finding quoting one of them beside its URL.
const PROBLEMS: [&str; 4] =
    ["is not https", "is not an absolute URL", "contains spaces or control characters", "has no host"];

/// Why `url` is not acceptable (its place in [`PROBLEMS`]), or `None`
/// when it is.
fn problem_index(url: &str) -> Option<usize> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some(if url.contains("://") || url.contains(':') { 0 } else { 1 });
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(2);
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Some(3);
    }
    None
}

/// Why `url` is not acceptable, or `None` when it is.
pub(crate) fn problem(url: &str) -> Option<&'static str> {
    problem_index(url).map(|k| PROBLEMS[k])
}

/// A roadmap copied from one written before https everywhere has this
/// finding on most resources: they are kept compact until written.
pub(crate) fn check<'a>(ctx: &Context<'a>, rule: &Rule, out: &mut Findings<'a>) {
    // The texts: the problems, then each bad URL. A second pass pushes
    // the findings, so that nothing else is held for each meanwhile.
    let resource_urls = || {
        let skills = ctx.roadmap.skills.iter().enumerate();
        skills.flat_map(|(i, skill)| {
            let urls = skill.resources.iter().enumerate();
            urls.filter_map(move |(k, resource)| Some((i, k, resource.url.as_deref()?)))
        })
    };
    let mut texts: Vec<&'a str> = PROBLEMS.to_vec();
    texts.extend(resource_urls().filter(|&(_, _, url)| problem_index(url).is_some()).map(|(_, _, url)| url));
    let mut compact =
        SkillFindings::new(ctx, rule, InSkill::EntryMembers("resources", "url"), Texts::Listed(texts), resource_url);
    let bad = resource_urls().filter_map(|(i, k, url)| Some((i, k, problem_index(url)?)));
    for (n, (i, k, why)) in bad.enumerate() {
        out.extend(compact.push(i, k, [PROBLEMS.len() + n, why]));
    }
    if let Some(url) = ctx.roadmap.source.as_ref().and_then(|s| s.url.as_deref()) {
        if let Some(why) = problem(url) {
            out.push(ctx.in_file(bad_url(rule, "source", url, why).at("/source/url")));
        }
    }
    out.push_compact(compact);
}

/// The diagnostic of a resource's URL (the finding's first text) and what
/// is wrong with it (the second).
fn resource_url(rule: &Rule, quoting: Quoting<'_>) -> Diagnostic {
    let [url, why] = quoting.texts;
    bad_url(rule, "resource", url, why)
}

/// The diagnostic of a bad URL of `what` (a resource or the source), unlocated.
fn bad_url(rule: &Rule, what: &str, url: &str, why: &str) -> Diagnostic {
    Diagnostic::new(rule.code, rule.name, rule.default_severity, format!("{what} URL \"{}\" {why}", preview_str(url)))
        .with_help("use an absolute https:// URL")
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls() {
        assert_eq!(super::problem("https://example.com/a?b#c"), None);
        assert_eq!(super::problem("http://example.com"), Some("is not https"));
        assert_eq!(super::problem("javascript:alert(1)"), Some("is not https"));
        assert_eq!(super::problem("docs/intro.md"), Some("is not an absolute URL"));
        assert_eq!(super::problem("https:///path"), Some("has no host"));
        assert_eq!(super::problem("https://exa mple.com"), Some("contains spaces or control characters"));
    }
}

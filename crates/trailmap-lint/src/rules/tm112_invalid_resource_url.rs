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

use trailmap::pointer::Pointer;
use trailmap::diagnostic::preview_str;

use crate::context::Context;
use crate::findings::Findings;
use crate::registry::Rule;

/// Why `url` is not acceptable, or `None` when it is.
pub(crate) fn problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Some(if url.contains("://") || url.contains(':') { "is not https" } else { "is not an absolute URL" });
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains spaces or control characters");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Some("has no host");
    }
    None
}

pub(crate) fn check(ctx: &Context<'_>, rule: &Rule, out: &mut Findings<'_>) {
    for (i, skill) in ctx.roadmap.skills.iter().enumerate() {
        for (k, resource) in skill.resources.iter().enumerate() {
            let Some(url) = &resource.url else { continue };
            if let Some(why) = problem(url) {
                out.push(
                    ctx.diag(rule, format!("resource URL \"{}\" {why}", preview_str(url)))
                        .at(Pointer::item("skills", i).with("resources").with(k).with("url"))
                        .with_help("use an absolute https:// URL"),
                );
            }
        }
    }
    if let Some(url) = ctx.roadmap.source.as_ref().and_then(|s| s.url.as_deref()) {
        if let Some(why) = problem(url) {
            out.push(
                ctx.diag(rule, format!("source URL \"{}\" {why}", preview_str(url)))
                    .at("/source/url")
                    .with_help("use an absolute https:// URL"),
            );
        }
    }
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

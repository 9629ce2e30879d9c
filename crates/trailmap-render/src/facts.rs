//! The facts block under a roadmap's title (audience, target role,
//! duration, pace, source), shared by the Markdown and HTML renderers.
//! Values are unescaped here: each format escapes its own.

use trailmap::Roadmap;

/// The facts block as lines of one format: `label` writes a label with its
/// separator ("Audience" → "**Audience:** "), `escape` a plain value and
/// `link` a title with its URL, each escaping for the format.
pub(crate) fn lines(
    roadmap: &Roadmap,
    label: impl Fn(&str) -> String,
    escape: impl Fn(&str) -> String,
    link: impl Fn(&str, Option<&str>) -> String,
) -> Vec<String> {
    facts(roadmap)
        .into_iter()
        .map(|fact| match fact {
            Fact::Text { label: name, value } => format!("{}{}", label(name), escape(&value)),
            Fact::Source { title, url, author } => {
                let mut text = format!("{}{}", label("Source"), link(title, url));
                if let Some(author) = author {
                    text.push_str(&format!(" by {}", escape(author)));
                }
                text
            }
        })
        .collect()
}

/// One line of the facts block.
enum Fact<'r> {
    /// A label and a plain value.
    Text { label: &'static str, value: String },
    /// Where the roadmap comes from: a title (linked when there is a URL)
    /// and its author.
    Source { title: &'r str, url: Option<&'r str>, author: Option<&'r str> },
}

/// The facts of `roadmap`, in the order both formats show them. A source
/// with neither a title, a URL, a file nor an author is left out.
fn facts(roadmap: &Roadmap) -> Vec<Fact<'_>> {
    let mut facts = Vec::new();
    if let Some(audience) = &roadmap.audience {
        facts.push(Fact::Text { label: "Audience", value: audience.clone() });
    }
    if let Some(role) = &roadmap.target_role {
        facts.push(Fact::Text { label: "Target role", value: role.clone() });
    }
    if let Some(span) = &roadmap.duration {
        facts.push(Fact::Text { label: "Duration", value: span.to_string() });
    }
    if let Some(hours) = roadmap.hours_per_week {
        facts.push(Fact::Text { label: "Pace", value: format!("{hours} hours a week") });
    }
    if let Some(source) = &roadmap.source {
        let title = source.title.as_deref().or(source.url.as_deref()).or(source.file.as_deref()).unwrap_or("");
        let author = source.author.as_deref().filter(|a| !a.trim().is_empty());
        if !title.is_empty() || author.is_some() {
            facts.push(Fact::Source { title, url: source.url.as_deref(), author });
        }
    }
    facts
}

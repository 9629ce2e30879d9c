//! Items whose links are resources: a name followed by links to read
//! about it ("Python basics — [Automate the Boring Stuff](…)"), words
//! that announce resources ("Course: [CS50](…)"), and lists of resources
//! under "Resources:".

use super::parse::{Inline, Link};
use super::projects;
use super::{Importer, Role};
use crate::builder::Builder;
use crate::report::Element;
use crate::span;
use crate::text::{self, MAX_NAME_WORDS};

impl Importer<'_> {
    /// An item of a list of resources: its links are resources of `owner`,
    /// or of skills named after them; an item without links names a
    /// resource of `owner` ("Hands-On ML (book)"). (Without either, the
    /// caller reads it as any other item.)
    pub(super) fn resource_item(
        &mut self,
        line: usize,
        element: Element,
        text: &str,
        inline: &Inline,
        owner: Option<usize>,
    ) {
        let mut at = Vec::new();
        let mut kind_marks = Vec::new();
        let owners: Vec<usize> = match owner {
            Some(s) => vec![s],
            None => {
                let phase = self.phase();
                let mut named = Vec::new();
                for s in inline.links.iter().filter_map(|link| self.link_skill(link, phase)) {
                    at.push(Builder::skill_pointer(s));
                    named.push(s);
                }
                // "[FineWeb](…) by Penedo et al.: an article …" describes the
                // one it names; "[ISLR](…) (book)" says what the link is.
                if let ([link], [s]) = (inline.links.as_slice(), named.as_slice()) {
                    let rest = text.replacen(link.text.as_str(), "", 1);
                    // "**Resources:** [Pandas docs](…)": the label says nothing of it.
                    let rest = match rest.split_once(':') {
                        Some((label, after)) if is_resource_word(label) => after.to_owned(),
                        _ => rest,
                    };
                    let rest = rest.trim().trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | ',')
                    });
                    let marked = rest.starts_with('(') && rest.ends_with(')') && is_resource_word(rest);
                    if marked {
                        kind_marks.push((*s, text::resource_kind("", rest)));
                    } else if !rest.is_empty() && self.b.skills[*s].description.as_deref() != Some(rest) {
                        Self::append(&mut self.b.skills[*s].description, rest);
                    }
                }
                named
            }
        };
        match (owner, inline.links.is_empty()) {
            (Some(s), true) => at.push(self.b.titled_resource(s, &text::tidy(text), text)),
            (Some(s), false) => at.push(Builder::skill_pointer(s)),
            (None, _) => {}
        }
        self.place_item(line, element, text, Role::Other, at);
        self.links(line, &inline.links, &owners);
        for (s, kind) in kind_marks {
            if let Some(resource) = self.b.skills[s].resources.last_mut().filter(|_| kind.is_some()) {
                resource.kind = kind;
            }
        }
    }
}

/// What an item names once the words and links that only point at
/// resources for it are taken off: "Python basics — [Automate the Boring
/// Stuff](…)" names "Python basics", "**Git** ([Pro Git](…), [docs](…))"
/// and "NumPy - [tutorial](…) | [video](…)" name "Git" and "NumPy".
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LinkTail {
    /// The item's text before the links, as an inline of its own (with the
    /// links written there, if any).
    Named(Inline),
    /// What a word for resources offers ("Course: [CS50](…)", "Course:
    /// [A](…) or Course: [B](…)"): the names after each such word, and
    /// every link of the item.
    Offered(Inline),
}

/// Separators between a name and the links to its resources.
const TAIL_SEPARATORS: [&str; 7] = [" — ", " – ", "—", " - ", ":", " (", " |"];

/// Words a tail of links may hold besides them: "[a](…) or [b](…)",
/// "[course](…) (free)".
const TAIL_WORDS: [&str; 12] =
    ["and", "or", "free", "paid", "video", "videos", "book", "course", "docs", "official", "pdf", "youtube"];

/// Words that announce resources rather than name a skill: "Course:",
/// "📺 Videos:", "Further reading:".
const RESOURCE_WORDS: [&str; 27] = [
    "article",
    "articles",
    "blog",
    "book",
    "books",
    "course",
    "courses",
    "docs",
    "documentation",
    "further reading",
    "guide",
    "guides",
    "link",
    "links",
    "paper",
    "papers",
    "read",
    "reading",
    "reference",
    "references",
    "resource",
    "resources",
    "tutorial",
    "tutorials",
    "video",
    "videos",
    "watch",
];

/// What an item names before a tail of links to its resources, or after
/// words for resources ([`LinkTail`]). `None` when it has neither, or when
/// the text before the links is no name: empty ("[Two Sum](…)"), a
/// sentence to do ("Read [the book](…)", "Learn SQL — [SQLBolt](…)"), or
/// a label that means something else ("Week 2: [fast.ai](…)", "Topics:
/// [NumPy](…)", "Project 1 — [repo](…)"); the item is then read whole.
pub(super) fn link_tail(inline: &Inline) -> Option<LinkTail> {
    use super::labels::{Label, classify_label};
    let text = inline.text.as_str();
    if let Some(offered) = offered(text, !inline.links.is_empty()) {
        return Some(LinkTail::Offered(Inline {
            text: offered,
            label: None,
            strong: None,
            links: inline.links.clone(),
        }));
    }
    let spans = link_spans(text, &inline.links);
    let (at, separator) = tail_start(text, &spans)?;
    let head = span::trim_separators(text[..at].trim()).trim();
    if head.is_empty() || text::words(head) > MAX_NAME_WORDS {
        return None;
    }
    let named = match classify_label(head) {
        Label::Term => true,
        // "Linear models — [ISLR](…)": names, unless announced by a colon.
        Label::Names => separator != ":",
        _ => false,
    };
    if !named || text::is_task(head) || projects::is_project_phrase(head) {
        return None;
    }
    Some(LinkTail::Named(Inline {
        text: head.to_owned(),
        label: inline.label.clone().filter(|label| head.starts_with(label.trim_end_matches(':').trim())),
        strong: inline.strong.clone().filter(|strong| head.contains(strong.as_str())),
        links: inline
            .links
            .iter()
            .zip(&spans)
            .filter(|(_, span)| span.is_some_and(|(_, end)| end <= at))
            .map(|(link, _)| link.clone())
            .collect(),
    }))
}

/// Where each of `links` is written in `text` (their texts in order; `None`
/// for an empty text or one not found).
fn link_spans(text: &str, links: &[Link]) -> Vec<Option<(usize, usize)>> {
    let mut from = 0;
    links
        .iter()
        .map(|link| {
            let start = from + text[from..].find(link.text.as_str()).filter(|_| !link.text.trim().is_empty())?;
            from = start + link.text.len();
            Some((start, from))
        })
        .collect()
}

/// Where the item's tail of links starts, and the separator there: the
/// first separator from which on only links (`spans`), separators and
/// [`TAIL_WORDS`] follow. Linear in the text: the tail is found from the
/// end, link by link.
fn tail_start(text: &str, spans: &[Option<(usize, usize)>]) -> Option<(usize, &'static str)> {
    let spans: Vec<(usize, usize)> = spans.iter().flatten().copied().collect();
    let &(_, last_end) = spans.last()?;
    if !filler(&text[last_end..]) {
        return None;
    }
    // Back over the links that only filler joins.
    let mut first = spans.len() - 1;
    while first > 0 && filler(&text[spans[first - 1].1..spans[first].0]) {
        first -= 1;
    }
    // Before the tail's first link, from the end of the last letter or
    // digit of a word that is no filler ("Python" of "Python: "), only
    // filler: the tail starts at the first separator from there on that
    // is not inside a link ("[NumPy](…) — [docs](…)" names NumPy).
    let before = &text[..spans[first].0];
    let from = before.split_whitespace().rev().find(|word| !filler(word)).map_or(0, |word| {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        start + word.char_indices().rfind(|(_, c)| c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8())
    });
    let mut links = spans[first..].iter().peekable();
    text[from..].char_indices().map(|(i, _)| from + i).find_map(|i| {
        while links.next_if(|&&(_, end)| end <= i).is_some() {}
        if links.peek().is_some_and(|&&(start, _)| start <= i) {
            return None;
        }
        TAIL_SEPARATORS.iter().find(|s| text[i..].starts_with(**s)).map(|s| (i, *s))
    })
}

/// Whether `text` holds only separators and [`TAIL_WORDS`].
fn filler(text: &str) -> bool {
    text.split_whitespace().all(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        word.is_empty() || TAIL_WORDS.contains(&word.as_str())
    })
}

/// Whether `text`, emoji and punctuation around it aside, is one of
/// [`RESOURCE_WORDS`]: an item "Resources:" or "📚 Further reading"
/// announces the list below it, "Course:" what follows it.
pub(super) fn is_resource_word(text: &str) -> bool {
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    RESOURCE_WORDS.contains(&bare.as_str())
}

/// An item that is a link and a sentence about it, as awesome lists write
/// them ("[MLflow](…) - Open source platform for the ML lifecycle."): the
/// link and the sentence. `None` when more links follow, or when what
/// follows the dash is a list of names ("[NumPy](…) — arrays,
/// broadcasting"), read as topics.
pub(super) fn described_link<'i>(text: &str, inline: &'i Inline) -> Option<(&'i Link, String)> {
    let [link] = inline.links.as_slice() else { return None };
    let shown = link.text.trim();
    let rest = text.trim().strip_prefix(shown).filter(|_| !shown.is_empty())?.trim_start();
    let rest = ["- ", "– ", "— ", ": "].iter().find_map(|dash| rest.strip_prefix(dash))?.trim();
    let sentence = rest.ends_with(['.', '!']) || text::words(rest) >= 5;
    (sentence && !rest.is_empty()).then(|| (link, rest.to_owned()))
}

/// Words around a word for resources in a link's text that name no
/// subject: "**Official** Kubernetes docs", "MLflow **crash** course".
const AROUND_RESOURCE_WORDS: [&str; 10] =
    ["a", "cheatsheet", "crash", "free", "getting", "intro", "official", "quickstart", "started", "the"];

/// The known skill a link's text names before words for resources
/// ("Kubernetes docs", "Official PyTorch tutorial", "MLflow crash
/// course"): the link is that skill's resource, not a skill of its own.
/// `None` without such words, or when what is left is no skill yet.
pub(super) fn known_subject(b: &Builder<'_>, text: &str) -> Option<usize> {
    let bare = |word: &str| word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let filler = |word: &str| AROUND_RESOURCE_WORDS.contains(&bare(word).as_str());
    let start = words.iter().take_while(|w| filler(w)).count();
    let mut end = words.len();
    let mut resource_words = 0;
    while end > start && (is_resource_word(words[end - 1]) || filler(words[end - 1])) {
        resource_words += usize::from(is_resource_word(words[end - 1]));
        end -= 1;
    }
    if resource_words == 0 || end == start {
        return None;
    }
    b.find_skill(&words[start..end].join(" "))
}

/// The names a word for resources offers, each alternative with its own
/// word or not: "Course: A or Course: B" offers "A or B", "📺 Video:
/// Backprop" offers "Backprop". `None` unless the text opens with such a
/// word and a colon, and what follows names things: short, and, in an
/// item without links (`has_links`), capitalised.
fn offered(text: &str, has_links: bool) -> Option<String> {
    let after_word = |part: &str| {
        let (word, rest) = part.split_once(':')?;
        is_resource_word(word).then(|| rest.trim().to_owned())
    };
    let mut parts = text::alternatives(text).into_iter();
    let first = after_word(&parts.next()?)?;
    let mut offered = vec![first];
    offered.extend(parts.map(|part| after_word(&part).unwrap_or(part)));
    if offered.iter().any(String::is_empty) {
        return None;
    }
    // Without a link, a name is written as one ("Course: Intro to
    // Statistics"; "Guide: how to set up …" is a sentence).
    let named = |name: &String| {
        text::words(name) <= MAX_NAME_WORDS
            && (has_links || name.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
    };
    offered.iter().all(named).then(|| offered.join(" or "))
}

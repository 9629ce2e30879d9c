//! Markdown to a flat sequence of blocks (headings, paragraphs, list items
//! with their depth, tables), each with its line. Flat, so that nothing
//! downstream recurses on the document's nesting.

use std::sync::LazyLock;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// Deepest list nesting kept apart; deeper items count as this deep.
pub const MAX_DEPTH: usize = 32;

/// A link in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target.
    pub url: String,
    /// The text shown.
    pub text: String,
}

impl Link {
    /// The link as written, `[text](url)`, for the report.
    pub fn shown(&self) -> String {
        format!("[{}]({})", self.text, self.url)
    }
}

/// Inline content: text, the leading bold label, the first bold text after it, links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// The text, spaces collapsed.
    pub text: String,
    /// Text in bold at the very start ("**Task:** …").
    pub label: Option<String>,
    /// The first bold text after the label.
    pub strong: Option<String>,
    /// Links, in order.
    pub links: Vec<Link>,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#` headings and HTML `<h1>`-`<h6>` (levels 1-6), and a `<details>`
    /// section's `<summary>` (level 7: below every heading).
    Heading { level: u8, line: usize, inline: Inline },
    /// A paragraph not in a list.
    Paragraph { line: usize, inline: Inline },
    /// A list item's own text (its nested lists follow as deeper items).
    Item { depth: usize, line: usize, checked: Option<bool>, inline: Inline },
    /// A table: header cells and rows of cells.
    Table { line: usize, header: Vec<Inline>, rows: Vec<(usize, Vec<Inline>)> },
    /// A thematic break, an image-only paragraph, HTML: nothing to keep.
    Decoration { line: usize, text: String },
    /// A fenced or indented code block.
    Code { line: usize, text: String },
    /// YAML front matter (`---` … `---` at the very start), with its
    /// `title:` value if it has one.
    FrontMatter { line: usize, title: Option<String>, text: String },
}

struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

#[derive(Default)]
struct InlineBuilder {
    inline: Inline,
    strong_depth: usize,
    strong_text: String,
    link: Option<(String, String)>,
    /// Whether anything but bold text came before (so bold is no longer a label).
    plain_seen: bool,
}

impl InlineBuilder {
    fn text(&mut self, text: &str) {
        if self.strong_depth > 0 {
            self.strong_text.push_str(text);
        } else if !text.trim().is_empty() {
            self.plain_seen = true;
        }
        if let Some((_, label)) = &mut self.link {
            label.push_str(text);
        }
        let t = &mut self.inline.text;
        // Pieces of one text are apart; texts that meet ("with **PyTorch**.")
        // are apart only when the source has a space between them.
        let spaced = text.starts_with(char::is_whitespace);
        for (k, piece) in text.split_whitespace().enumerate() {
            if (k > 0 || spaced) && !t.is_empty() && !t.ends_with(' ') {
                t.push(' ');
            }
            t.push_str(piece);
        }
        if text.ends_with(char::is_whitespace) && !t.is_empty() {
            t.push(' ');
        }
    }
    /// Whether the text so far is a label and its value: after bold
    /// ("**Topics:** NumPy", "**Week 1: Python**") or a few words and a
    /// colon ("Project: a CLI"). A label alone ("Project Requirement:")
    /// announces the lines after it.
    fn labelled(&self) -> bool {
        let text = self.inline.text.trim();
        let valued = |text: &str| text.split_once(':').is_some_and(|(_, value)| !value.trim().is_empty());
        match &self.inline.label {
            Some(label) => text.trim_end_matches(':').len() > label.trim_end_matches(':').len() || valued(label),
            None => self.link.is_none() && labelled_line(text) && valued(text),
        }
    }

    /// Whether the text so far is all in bold ("**Day 1: Tokenizers**").
    fn all_bold(&self) -> bool {
        let text = self.inline.text.trim().trim_end_matches(':');
        self.link.is_none()
            && self.strong_depth == 0
            && self.inline.label.as_deref().is_some_and(|label| label.trim().trim_end_matches(':') == text)
    }

    fn finish(mut self) -> Inline {
        self.inline.text = self.inline.text.trim().to_owned();
        self.inline
    }
}

/// Parses Markdown (CommonMark with tables, task lists and strikethrough).
///
/// At most `limit` elements (headings, paragraphs, list items, table rows
/// and cells, links, images, code blocks, rules and HTML blocks) are read: past that, the line of
/// the first element over the limit is the error, found before the rest of
/// the source is held in memory.
pub fn blocks(source: &str, limit: usize) -> Result<Vec<Block>, usize> {
    let lines = Lines::new(source);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut inline: Option<InlineBuilder> = None;
    let mut inline_line = 0;
    // Per open list item: whether its own text was already emitted.
    let mut items: Vec<(usize, Option<bool>, bool)> = Vec::new();
    let mut heading_level = 0u8;
    // Line, header cells, rows of cells, whether still in the header.
    #[allow(clippy::type_complexity)]
    let mut table: Option<(usize, Vec<Inline>, Vec<(usize, Vec<Inline>)>, bool)> = None;
    let mut row: Vec<Inline> = Vec::new();
    let mut row_line = 0;
    let mut code: Option<(usize, String)> = None;
    let mut image_depth = 0usize;
    // The lines of the HTML block being read, each with its line number.
    let mut html: Option<Vec<(usize, String)>> = None;
    let mut front_matter: Option<(usize, String)> = None;
    // Inside a paragraph of its own (not a list item's text).
    let mut in_paragraph = false;
    // The paragraph's lines are glyph bullets ("✅ Python" then "✅ Git"): each an item.
    let mut bulleted = false;

    let flush_item =
        |inline: &mut Option<InlineBuilder>, items: &mut Vec<(usize, Option<bool>, bool)>, out: &mut Vec<Block>| {
            let depth = items.len().clamp(1, MAX_DEPTH);
            if let Some(open) = items.last_mut() {
                if !open.2 {
                    open.2 = true;
                    let built = inline.take().map(InlineBuilder::finish).unwrap_or_default();
                    out.push(Block::Item { depth, line: open.0, checked: open.1, inline: built });
                }
            }
        };

    let mut elements = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let line = lines.line(range.start);
        if matches!(
            event,
            Event::Start(
                Tag::Item
                    | Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::TableRow
                    | Tag::TableHead
                    | Tag::TableCell
                    | Tag::CodeBlock(_)
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            ) | Event::Rule
                | Event::Html(_)
        ) {
            elements += 1;
            if elements > limit {
                return Err(line);
            }
        }
        if let Some((_, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((line, text)) = code.take() {
                        out.push(Block::Code { line, text });
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = &mut front_matter {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => {
                    if let Some((line, text)) = front_matter.take() {
                        out.push(Block::FrontMatter { line, title: front_matter_title(&text), text });
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                front_matter = Some((line, String::new()));
            }
            Event::Start(Tag::HtmlBlock) => html = Some(Vec::new()),
            Event::End(TagEnd::HtmlBlock) => {
                // Each heading or summary in the block is an element of its own.
                let headings = html_block(html.take().unwrap_or_default(), &mut out);
                elements = elements.saturating_add(headings);
                if elements > limit {
                    return Err(line);
                }
            }
            Event::Html(t) if html.is_some() => {
                if let Some(lines) = &mut html {
                    lines.push((line, t.to_string()));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading_level = level as u8;
                inline = Some(InlineBuilder::default());
                inline_line = line;
            }
            Event::End(TagEnd::Heading(_)) => {
                let built = inline.take().map(InlineBuilder::finish).unwrap_or_default();
                out.push(Block::Heading { level: heading_level, line: inline_line, inline: built });
            }
            Event::Start(Tag::Paragraph) => {
                if items.last().is_some_and(|i| !i.2) {
                    // A loose item's first paragraph, or a later one before any nested list: same text.
                    if inline.is_none() {
                        inline = Some(InlineBuilder::default());
                    } else if let Some(b) = &mut inline {
                        b.text(" ");
                    }
                } else {
                    inline = Some(InlineBuilder::default());
                    inline_line = line;
                    in_paragraph = true;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if items.last().is_some_and(|i| !i.2) {
                    continue;
                }
                in_paragraph = false;
                let built = inline.take().map(InlineBuilder::finish).unwrap_or_default();
                if std::mem::take(&mut bulleted) {
                    out.push(Block::Item { depth: 1, line: inline_line, checked: None, inline: unbulleted(built) });
                } else if built.text.is_empty() && built.links.is_empty() {
                    out.push(Block::Decoration { line: inline_line, text: String::new() });
                } else {
                    out.push(Block::Paragraph { line: inline_line, inline: built });
                }
            }
            Event::Start(Tag::Item) => {
                flush_item(&mut inline, &mut items, &mut out);
                items.push((line, None, false));
                inline = Some(InlineBuilder::default());
            }
            Event::TaskListMarker(done) => {
                if let Some(open) = items.last_mut() {
                    open.1 = Some(done);
                }
            }
            Event::End(TagEnd::Item) => {
                flush_item(&mut inline, &mut items, &mut out);
                items.pop();
                inline = None;
            }
            Event::Start(Tag::List(_)) => flush_item(&mut inline, &mut items, &mut out),
            Event::Start(Tag::Table(_)) => table = Some((line, Vec::new(), Vec::new(), true)),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.1 = std::mem::take(&mut row);
                    t.3 = false;
                }
            }
            Event::Start(Tag::TableRow) => row_line = line,
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut table {
                    t.2.push((row_line, std::mem::take(&mut row)));
                }
            }
            Event::Start(Tag::TableCell) => inline = Some(InlineBuilder::default()),
            Event::End(TagEnd::TableCell) => row.push(inline.take().map(InlineBuilder::finish).unwrap_or_default()),
            Event::End(TagEnd::Table) => {
                if let Some((line, header, rows, _)) = table.take() {
                    out.push(Block::Table { line, header, rows });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some((line, String::new())),
            Event::Rule => out.push(Block::Decoration { line, text: "---".to_owned() }),
            Event::Html(t) => out.push(Block::Decoration { line, text: t.trim().to_owned() }),
            Event::Start(Tag::Strong) => {
                if let Some(b) = &mut inline {
                    b.strong_depth += 1;
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(b) = &mut inline {
                    b.strong_depth = b.strong_depth.saturating_sub(1);
                    if b.strong_depth == 0 {
                        let text = std::mem::take(&mut b.strong_text).trim().to_owned();
                        if !text.is_empty() {
                            if !b.plain_seen && b.inline.label.is_none() {
                                b.inline.label = Some(text);
                            } else if b.inline.strong.is_none() {
                                b.inline.strong = Some(text);
                            }
                        }
                        b.plain_seen |= b.inline.label.is_some();
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = &mut inline {
                    b.link = Some((dest_url.to_string(), String::new()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(b) = &mut inline {
                    if let Some((url, text)) = b.link.take() {
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        b.inline.links.push(Link { url, text });
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if image_depth == 0 => {
                if let Some(b) = &mut inline {
                    b.text(&t);
                } else {
                    // Text outside any paragraph (tight list items have none).
                    inline = Some(InlineBuilder::default());
                    if let Some(b) = &mut inline {
                        b.text(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                // "**Topics:** …" then "**Project:** …" on the next line, or a
                // line all in bold then text: a paragraph each, as if a blank
                // line were between them.
                let next = &source[range.end..];
                let next = next.split('\n').next().unwrap_or("");
                // "**Day 1: Tokenizers**" then "Read …": a title line of its own.
                let titled = inline.as_ref().is_some_and(InlineBuilder::all_bold);
                let labelled = titled || inline.as_ref().is_some_and(InlineBuilder::labelled) && labelled_line(next);
                // "✅ Python" then "✅ Git": lines bulleted by a glyph are list items.
                let bullets =
                    inline.as_ref().is_some_and(|b| starts_with_bullet(&b.inline.text)) && starts_with_bullet(next);
                if in_paragraph && (labelled || bullets) {
                    elements += 1;
                    if elements > limit {
                        return Err(line + 1);
                    }
                    let built = inline.take().map(InlineBuilder::finish).unwrap_or_default();
                    bulleted |= bullets;
                    if std::mem::take(&mut bulleted) {
                        out.push(Block::Item { depth: 1, line: inline_line, checked: None, inline: unbulleted(built) });
                        bulleted = bullets;
                    } else {
                        out.push(Block::Paragraph { line: inline_line, inline: built });
                    }
                    inline = Some(InlineBuilder::default());
                    inline_line = lines.line(range.end);
                } else if let Some(b) = &mut inline {
                    b.text("\n");
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Whether a line opens with a glyph written as a bullet: a check mark,
/// an arrow, a dot or an emoji ("✅ Python", "• Git", "👉 Docker"), then a
/// space.
fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    let Some(first) = chars.next() else { return false };
    let glyph = matches!(first, '•' | '·' | '◦' | '‣' | '⁃')
        || ('\u{2190}'..='\u{2BFF}').contains(&first)
        || ('\u{1F300}'..='\u{1FAFF}').contains(&first);
    // A variation selector or a skin tone may follow the glyph.
    let rest: String = chars.skip_while(|c| matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')).take(1).collect();
    glyph && rest.starts_with(char::is_whitespace)
}

/// An item's inline content without the glyph bulleting it.
fn unbulleted(mut inline: Inline) -> Inline {
    let text = inline.text.trim_start();
    let at = text.find(char::is_whitespace).unwrap_or(text.len());
    inline.text = text[at..].trim_start().to_owned();
    inline
}

/// Whether a line of source opens with a label: bold text
/// ("**Resources:** …", "__Goal__: …") or up to four words and a colon
/// ("Project: …", "Week 3: …"), not an address ("https://…").
fn labelled_line(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("**") || line.starts_with("__") {
        return true;
    }
    let Some((head, rest)) = line.split_once(':') else { return false };
    !head.is_empty()
        && head.split_whitespace().count() <= 4
        && !rest.starts_with("//")
        && !head.contains(['[', '(', '`'])
}

/// `title: …` at the top level of YAML front matter, unquoted.
fn front_matter_title(yaml: &str) -> Option<String> {
    let value = yaml.lines().find_map(|line| line.strip_prefix("title:"))?.trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
        .trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// `<h1 align="center">AI Roadmap</h1>`, possibly over several lines.
/// An HTML heading, or the `<summary>` of a collapsible `<details>`
/// section, which titles what it folds as a heading below the others would.
static HTML_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]\s*>|<summary\b[^>]*>(.*?)</summary\s*>").expect("valid pattern")
});
/// A summary that only says how to open its section.
static OPENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*(click|expand|show|toggle|see|view)\b").expect("valid pattern"));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid pattern"));
static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?(?:-->|$)").expect("valid pattern"));

/// An HTML block: its headings (GitHub READMEs title themselves with
/// `<h1 align="center">`) and summaries become headings, every other line
/// decoration. How many headings it gave.
fn html_block(lines: Vec<(usize, String)>, out: &mut Vec<Block>) -> usize {
    let mut headings = 0;
    let mut text = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for (_, t) in &lines {
        starts.push(text.len());
        text.push_str(t);
    }
    let line_at = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    // A heading commented out is no heading; blanked byte for byte, so offsets stay.
    let text = HTML_COMMENT.replace_all(&text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
    let mut next = 0;
    for c in HTML_HEADING.captures_iter(&text) {
        // `<summary>` nests below every heading (level 7), as a bold paragraph titling a phase does.
        let (level, inner) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(level), Some(inner), _) => (level.as_str().parse().unwrap_or(1), inner),
            (_, _, Some(inner)) => (7, inner),
            _ => continue,
        };
        let Some(whole) = c.get(0) else { continue };
        let shown = HTML_TAG.replace_all(inner.as_str(), " ");
        let shown = decode_entities(&shown).split_whitespace().collect::<Vec<_>>().join(" ");
        if shown.is_empty() || level == 7 && OPENER.is_match(&shown) {
            continue;
        }
        let (first, last) = (line_at(whole.start()), line_at(whole.end().saturating_sub(1)));
        for (line, t) in lines.iter().take(first).skip(next) {
            out.push(Block::Decoration { line: *line, text: t.trim().to_owned() });
        }
        let inline = Inline { text: shown, ..Inline::default() };
        out.push(Block::Heading { level, line: lines[first].0, inline });
        headings += 1;
        next = last + 1;
    }
    for (line, t) in lines.iter().skip(next) {
        out.push(Block::Decoration { line: *line, text: t.trim().to_owned() });
    }
    headings
}

/// The entities a heading's text commonly holds.
fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_have_depth_labels_and_links() {
        let md = "# T\n\n- **Day 1:** basics\n  - [x] done [docs](https://docs.rs)\n- plain\n";
        let b = blocks(md, usize::MAX).unwrap();
        assert!(matches!(&b[0], Block::Heading { level: 1, line: 1, .. }));
        let Block::Item { depth: 1, line: 3, inline, .. } = &b[1] else { panic!("{b:?}") };
        assert_eq!(inline.label.as_deref(), Some("Day 1:"));
        assert_eq!(inline.text, "Day 1: basics");
        let Block::Item { depth: 2, checked: Some(true), inline, .. } = &b[2] else { panic!("{b:?}") };
        assert_eq!(inline.links[0].text, "docs");
        assert!(matches!(&b[3], Block::Item { depth: 1, line: 5, .. }));
    }

    #[test]
    fn html_headings_are_headings_and_front_matter_gives_a_title() {
        let md = "---\ntitle: \"My ML Roadmap\"\nauthor: me\n---\n\n<h1 align=\"center\">\n  AI &amp; <b>ML</b>\n</h1>\n<p align=\"center\">badges</p>\n";
        let b = blocks(md, usize::MAX).unwrap();
        let Block::FrontMatter { line: 1, title: Some(title), .. } = &b[0] else { panic!("{b:?}") };
        assert_eq!(title, "My ML Roadmap");
        let Block::Heading { level: 1, line: 6, inline } = &b[1] else { panic!("{b:?}") };
        assert_eq!(inline.text, "AI & ML");
        assert!(matches!(&b[2], Block::Decoration { line: 9, .. }), "{b:?}");
        assert_eq!(b.len(), 3);
        let commented = blocks("<!-- <h1>Old</h1> -->\n", usize::MAX).unwrap();
        assert!(matches!(&commented[..], [Block::Decoration { .. }]), "{commented:?}");
    }

    #[test]
    fn deep_nesting_is_flat() {
        let md: String = (0..500).map(|i| format!("{}- x{i}\n", "  ".repeat(i))).collect();
        let b = blocks(&md, usize::MAX).unwrap();
        assert!(b.iter().all(|b| match b {
            Block::Item { depth, .. } => *depth <= MAX_DEPTH,
            _ => true,
        }));
    }

    #[test]
    fn the_first_element_past_the_limit_is_named_by_its_line() {
        let md = "# T\n\n- a\n- b\n\n| x |\n| - |\n| 1 |\n| 2 |\n";
        // Heading, two (tight) items, the table's head and two rows, one
        // cell each: nine elements.
        assert_eq!(blocks(md, 9).map(|b| b.len()), Ok(4));
        assert_eq!(blocks(md, 8), Err(9));
        assert_eq!(blocks(md, 2), Err(4));
    }
}

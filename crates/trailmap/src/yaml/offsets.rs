//! The text saphyr reads, and its positions as byte offsets of the source.

use std::borrow::Cow;

use saphyr_parser::Span;

use super::Range;

/// What is inserted before a top-level flow collection ([`ParsedText::of`]).
const DOCUMENT_START: &str = "--- ";

/// The text saphyr parses for a source: the source itself, or, for a
/// document whose top level is a flow collection (a `{` or `[` at the
/// start of its first line that is not blank or a comment), the source
/// with `--- ` inserted before that collection.
///
/// saphyr's scanner keeps the tokens after a possible implicit key until
/// the key is decided, and a top-level flow collection might be one
/// (`{a: 1}: b`) until it closes: it kept every token of the document,
/// 46 times the text (a 10.6 MB flow-style roadmap took 495 MB). After
/// `---` on its line a node is not a key, and the document is the same
/// one; a collection used as a key, refused either way, is then a syntax
/// error.
pub(super) struct ParsedText<'a> {
    source: &'a str,
    text: Cow<'a, str>,
    /// Where [`DOCUMENT_START`] was inserted, as a byte offset of the source.
    inserted: Option<usize>,
}

impl<'a> ParsedText<'a> {
    pub(super) fn of(source: &'a str) -> Self {
        let mut at = 0;
        for line in source.split_inclusive('\n') {
            let content = line.trim_start_matches([' ', '\t']);
            if content.trim_end().is_empty() || content.starts_with('#') {
                at += line.len();
                continue;
            }
            if line.starts_with(['{', '[']) {
                let text = [&source[..at], DOCUMENT_START, &source[at..]].concat();
                return ParsedText { source, text: Cow::Owned(text), inserted: Some(at) };
            }
            break;
        }
        ParsedText { source, text: Cow::Borrowed(source), inserted: None }
    }

    /// The text to parse.
    pub(super) fn text(&self) -> &str {
        &self.text
    }
}

/// Maps the parser's character indices in the parsed text to byte offsets
/// of the source; events arrive in source order, so a forward cursor makes
/// this linear overall.
pub(super) struct Offsets<'a> {
    parsed: &'a str,
    source: &'a str,
    inserted: Option<usize>,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn new(text: &'a ParsedText<'_>) -> Self {
        Offsets { parsed: &text.text, source: text.source, inserted: text.inserted, chars: 0, bytes: 0 }
    }

    /// The source (without what the parsed text inserts).
    pub(super) fn source(&self) -> &'a str {
        self.source
    }

    pub(super) fn byte(&mut self, char_index: usize) -> usize {
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let rest = &self.parsed[self.bytes..];
        let step = rest.char_indices().nth(char_index - self.chars).map_or(rest.len(), |(i, _)| i);
        self.bytes += step;
        self.chars = char_index.min(self.chars + rest[..step].chars().count());
        match self.inserted {
            // Past the insertion, back by its length; inside it, where it is.
            Some(at) if self.bytes >= at => (self.bytes - DOCUMENT_START.len()).max(at),
            _ => self.bytes,
        }
    }

    /// The byte range of an event's `span`, as a node's span: block
    /// collections end where the next token starts, so the white space
    /// and line breaks in between are trimmed.
    pub(super) fn span(&mut self, span: Span) -> Range {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        let trimmed = self.source[start..end].trim_end();
        (start, start + trimmed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::ParsedText;

    #[test]
    fn a_top_level_flow_collection_is_parsed_after_a_document_start() {
        let inserted = |source: &str| ParsedText::of(source).inserted;
        assert_eq!(inserted("{a: 1}"), Some(0));
        assert_eq!(inserted("# c\n\n  \n[1]\n"), Some(8));
        assert_eq!(inserted("a: {b: 1}\n"), None);
        assert_eq!(inserted("--- {a: 1}\n"), None);
        assert_eq!(inserted("  {a: 1}\n"), None);
        assert_eq!(ParsedText::of("# c\n{a: 1}").text(), "# c\n--- {a: 1}");
    }
}

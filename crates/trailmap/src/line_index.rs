//! Byte offsets to 1-based lines and character columns: the one primitive
//! every locator (the JSON scanner, the YAML tree, the loader's syntax
//! errors) shares, kept in a leaf module so none of them imports another.

use crate::diagnostic::Location;

///
/// ```
/// let index = trailmap::locate::LineIndex::new("ab\ncé\nd");
/// assert_eq!(index.line_col("ab\ncé\nd", 7), (3, 1));
/// assert_eq!(index.line_col("ab\ncé\nd", 5), (2, 3)); // columns count characters
/// ```
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before every `CHUNK`-th byte: a column is then counted
    /// from the nearest checkpoint, not from the start of its line, which
    /// in a minified one-line file with a million diagnostics is quadratic.
    chars_before: Vec<usize>,
}

const CHUNK: usize = 256;

/// Every byte of UTF-8 text starts a character except continuation bytes.
fn starts_char(b: &u8) -> bool {
    b & 0xC0 != 0x80
}

impl LineIndex {
    /// Indexes the start of every line of `source`.
    ///
    /// ```
    /// let _ = trailmap::locate::LineIndex::new("");
    /// ```
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        let mut chars_before = Vec::with_capacity(source.len() / CHUNK + 2);
        let mut count = 0;
        for chunk in source.as_bytes().chunks(CHUNK) {
            chars_before.push(count);
            count += chunk.iter().filter(|b| starts_char(b)).count();
        }
        chars_before.push(count);
        LineIndex { starts, chars_before }
    }

    /// Characters in `source[..offset]` (an offset inside a character
    /// counts that character).
    fn chars_to(&self, source: &str, offset: usize) -> usize {
        let checkpoint = offset / CHUNK;
        let base = self.chars_before.get(checkpoint).copied().unwrap_or(0);
        let rest = source.as_bytes().get(checkpoint * CHUNK..offset).unwrap_or(&[]);
        base + rest.iter().filter(|b| starts_char(b)).count()
    }

    /// The 1-based line and character column of byte `offset`.
    ///
    /// ```
    /// let index = trailmap::locate::LineIndex::new("x\ny");
    /// assert_eq!(index.line_col("x\ny", 2), (2, 1));
    /// ```
    pub fn line_col(&self, source: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|s| *s <= offset).max(1) - 1;
        let start = self.starts[line];
        let column = self.chars_to(source, offset).saturating_sub(self.chars_to(source, start));
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// Byte offset of the start of 1-based `line`, clamped to the source.
    ///
    /// ```
    /// let index = trailmap::locate::LineIndex::new("x\ny");
    /// assert_eq!(index.line_start(2), 2);
    /// ```
    pub fn line_start(&self, line: u32) -> usize {
        let line = usize::try_from(line).unwrap_or(usize::MAX).max(1);
        *self.starts.get(line - 1).unwrap_or_else(|| self.starts.last().unwrap_or(&0))
    }

    /// The [`Location`] of the byte range `start..end`.
    ///
    /// ```
    /// let src = "{\"a\": 1}";
    /// let loc = trailmap::locate::LineIndex::new(src).location(src, 6, 7);
    /// assert_eq!((loc.line, loc.column, loc.end_column), (1, 7, 8));
    /// ```
    pub fn location(&self, source: &str, start: usize, end: usize) -> Location {
        let (line, column) = self.line_col(source, start);
        let (end_line, end_column) = self.line_col(source, end.max(start));
        Location { line, column, end_line, end_column, offset: start, end_offset: end.max(start) }
    }
}

/// Lines and columns of offsets met in order, in one forward pass and
/// without an index of every line (on a large file, building that index
/// cost more than the scan that found the offsets).
///
/// ```
/// let mut sweep = trailmap::locate::LineSweep::new("ab\ncé\nd");
/// assert_eq!(sweep.line_col(1), (1, 2));
/// assert_eq!(sweep.line_col(5), (2, 3)); // columns count characters
/// assert_eq!(sweep.line_col(7), (3, 1));
/// ```
#[derive(Debug, Clone)]
pub struct LineSweep<'s> {
    src: &'s [u8],
    /// The last offset asked about.
    at: usize,
    /// Lines before `at`.
    line: usize,
    /// Characters between the start of `at`'s line and `at`.
    column: usize,
}

impl<'s> LineSweep<'s> {
    /// A sweep at the start of `source`.
    pub fn new(source: &'s str) -> Self {
        LineSweep { src: source.as_bytes(), at: 0, line: 0, column: 0 }
    }

    /// The 1-based line and character column of byte `offset` (clamped to
    /// the source), as [`LineIndex::line_col`] gives it. Offsets must not
    /// go back: one before the last one asked is answered as that one.
    pub fn line_col(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src.len()).max(self.at);
        let passed = &self.src[self.at..offset];
        match memchr::memrchr(b'\n', passed) {
            Some(last) => {
                self.line += bytecount::count(passed, b'\n');
                self.column = bytecount::num_chars(&passed[last + 1..]);
            }
            None => self.column += bytecount::num_chars(passed),
        }
        self.at = offset;
        (to_u32(self.line + 1), to_u32(self.column + 1))
    }

    /// The [`Location`] of `start..end`, with `start` at or after the
    /// last offset asked about.
    ///
    /// ```
    /// let src = "{\"a\": 1}";
    /// let loc = trailmap::locate::LineSweep::new(src).location(6, 7);
    /// assert_eq!((loc.line, loc.column, loc.end_column), (1, 7, 8));
    /// ```
    pub fn location(&mut self, start: usize, end: usize) -> Location {
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end.max(start));
        Location { line, column, end_line, end_column, offset: start, end_offset: end.max(start) }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_across_checkpoints() {
        let line: String = (0..3000).map(|i| ['a', 'é', '€', '𝄞'][i % 7 % 4]).collect();
        let source = format!("{{\n{line}\n{line}");
        let index = LineIndex::new(&source);
        let second = source.len() - line.len();
        for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
            let (line_no, column) = index.line_col(&source, offset);
            let expected = if offset >= second {
                (3, source[second..offset].chars().count() + 1)
            } else if offset >= 2 {
                (2, source[2..offset].chars().count() + 1)
            } else {
                (1, offset + 1)
            };
            assert_eq!((line_no, column as usize), expected, "offset {offset}");
        }
    }
}

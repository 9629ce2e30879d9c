//! serde_json's pretty printing one level in: each item of `lint`'s JSON
//! array is written as it is made, already indented as an element of the
//! array. An item pretty-printed alone and then indented line by line took
//! a write a line: on 66,739 findings, `--format json` took 60 ms more than
//! the text report.

use std::io;

use serde_json::ser::Formatter;

/// Two spaces an indentation level, as `serde_json::to_writer_pretty`.
const INDENT: &[u8] = b"  ";

/// `serde_json::ser::PrettyFormatter` starting `level` indentations deep.
pub(super) struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    /// A formatter whose top value is written at `level` indentations.
    pub(super) fn at(level: usize) -> Self {
        Indented { level, has_value: false }
    }

    fn open<W: io::Write + ?Sized>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: io::Write + ?Sized>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn next<W: io::Write + ?Sized>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn indent<W: io::Write + ?Sized>(&self, writer: &mut W) -> io::Result<()> {
        (0..self.level).try_for_each(|_| writer.write_all(INDENT))
    }
}

// Scalars and strings as the trait's default methods write them, as in
// `PrettyFormatter`; only the space between values is its.
impl Formatter for Indented {
    fn begin_array<W: io::Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: io::Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: io::Write + ?Sized>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: io::Write + ?Sized>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: io::Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: io::Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: io::Write + ?Sized>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: io::Write + ?Sized>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: io::Write + ?Sized>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same bytes as serde_json's pretty printer at the top level,
    /// then one level in: each line moved right by one indentation.
    #[test]
    fn writes_what_the_pretty_printer_writes_one_level_in() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, "x\ny"],
            "d": {"e": null, "f": [true, 2.5]},
            "g": "h"
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let write = |level: usize| {
            let mut out = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Indented::at(level));
            serde::Serialize::serialize(&value, &mut ser).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(write(0), pretty);
        assert_eq!(write(1), pretty.replace('\n', "\n  "));
    }
}

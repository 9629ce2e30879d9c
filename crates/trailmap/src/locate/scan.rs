//! One forward scan of JSON text, entering only the containers a
//! [`Visitor`] asks for: the spans behind [`super::locate`] and the
//! repeated keys behind [`duplicate_keys`].

use std::borrow::Cow;
use std::fmt::Write as _;

use foldhash::HashMap;

use crate::diagnostic::push_token;

/// A byte range of the source.
pub(super) type Range = (usize, usize);

// serde_json refuses deeper input, so valid input never gets here deeper.
const MAX_DEPTH: usize = 256;

/// What a [`Scanner::walk`] does along the way. The walk knows where it is
/// only through `At`, which the visitor hands out for each value entered.
pub(super) trait Visitor {
    /// Where the walk is: the visitor's name for a value.
    type At: Copy;
    /// Whether it asks about repeated member keys ([`Visitor::duplicate`]).
    const DUPLICATES: bool;
    /// Whether the container at `at` is entered.
    fn enters(&self, at: Self::At) -> bool;
    /// The member `key` of the object at `at`, when it is wanted.
    fn member(&mut self, at: Self::At, key: &str) -> Option<Self::At>;
    /// Item `index` of the array at `at`, when it is wanted. The items of
    /// one array are asked in order; `cursor` is the visitor's to keep
    /// between them (0 at the first).
    fn item(&mut self, at: Self::At, index: usize, cursor: &mut usize) -> Option<Self::At>;
    /// A member key repeated in one object, just after [`Visitor::member`]
    /// answered `at` for it: its span and the first one's.
    fn duplicate(&mut self, _at: Self::At, _key: Range, _first: Range) {}
    /// A wanted value, with its member key when it is one.
    fn value(&mut self, _at: Self::At, _key: Option<Range>, _span: Range) {}
}

pub(super) struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// A scanner at the first value of `src`.
    pub(super) fn new(src: &'a [u8]) -> Self {
        let mut scanner = Scanner { src, pos: 0 };
        scanner.skip_ws();
        scanner
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips a string starting at `"`; returns its span including quotes.
    fn skip_string(&mut self) -> Range {
        let start = self.pos;
        self.pos += 1;
        // Strings are most of a roadmap's text: jump to the next quote or
        // backslash rather than stepping byte by byte.
        while let Some(found) = self.src.get(self.pos..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
            self.pos += found + 1;
            if self.src[self.pos - 1] == b'"' {
                return (start, self.pos);
            }
            self.pos += 1;
        }
        self.pos = self.src.len();
        (start, self.pos)
    }

    /// The key at `"`, unescaped (borrowed from the source when it has no
    /// escapes, as nearly every key has), and its span including quotes.
    fn read_key(&mut self) -> (Cow<'a, str>, Range) {
        let span = self.skip_string();
        let raw = &self.src[span.0..span.1];
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or(&[]);
        if !inner.contains(&b'\\') {
            // Cut at two quotes of UTF-8 text: UTF-8 again.
            if let Ok(key) = std::str::from_utf8(inner) {
                return (Cow::Borrowed(key), span);
            }
        }
        let key = serde_json::from_slice::<String>(raw).unwrap_or_else(|_| String::from_utf8_lossy(inner).into_owned());
        (Cow::Owned(key), span)
    }

    /// Skips any value without recursion; returns its span.
    fn skip_value(&mut self) -> Range {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => return self.skip_string(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(b) = self.peek() {
                    match b {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                self.pos += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        (start, self.pos)
    }

    /// Walks the value at the current position, which `visitor` calls `at`:
    /// enters it when it is a container the visitor enters (never deeper
    /// than `MAX_DEPTH`, so recursion stays bounded), walking the members
    /// and items it wants and skipping the others, then reports it.
    pub(super) fn walk<V: Visitor>(&mut self, at: V::At, key: Option<Range>, depth: usize, visitor: &mut V) {
        let start = self.pos;
        let enter = depth < MAX_DEPTH && visitor.enters(at);
        match self.peek() {
            Some(b'{') if enter => {
                self.pos += 1;
                // Most objects are small, and a linear scan beats hashing
                // there; past 16 keys (a progress file's skills map holds
                // one per skill) the keys go into a table. Only a visitor
                // that asks about repeated keys pays for remembering them.
                let mut seen: Vec<(Cow<'a, str>, Range)> = Vec::new();
                let mut index: Option<HashMap<Cow<'a, str>, Range>> = None;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.pos += 1;
                            break;
                        }
                        _ => break,
                    }
                    let (name, key_span) = self.read_key();
                    self.skip_ws();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                    }
                    self.skip_ws();
                    let member = visitor.member(at, &name);
                    if V::DUPLICATES {
                        if index.is_none() && seen.len() >= 16 {
                            index = Some(seen.drain(..).collect());
                        }
                        let first = match &index {
                            Some(index) => index.get(&name).copied(),
                            None => seen.iter().find(|(k, _)| *k == name).map(|&(_, first)| first),
                        };
                        match (first, &mut index) {
                            (Some(first), _) => {
                                if let Some(member) = member {
                                    visitor.duplicate(member, key_span, first);
                                }
                            }
                            (None, Some(index)) => {
                                index.insert(name, key_span);
                            }
                            (None, None) => seen.push((name, key_span)),
                        }
                    }
                    match member {
                        Some(member) => self.walk(member, Some(key_span), depth + 1, visitor),
                        None => {
                            self.skip_value();
                        }
                    }
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    }
                }
            }
            Some(b'[') if enter => {
                self.pos += 1;
                let (mut index, mut cursor) = (0usize, 0usize);
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        None => break,
                        _ => {}
                    }
                    let before = self.pos;
                    match visitor.item(at, index, &mut cursor) {
                        Some(item) => self.walk(item, None, depth + 1, visitor),
                        None => {
                            self.skip_value();
                        }
                    }
                    index += 1;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                    } else if self.pos == before {
                        break;
                    }
                }
            }
            _ => {
                self.skip_value();
            }
        }
        visitor.value(at, key, (start, self.pos));
    }
}

/// Every duplicate member key: `(pointer of the repeated member, span of the
/// repeated key, span of the first key)`. The source must be valid JSON
/// nested at most as deep as serde_json accepts (the loader checks both first).
pub(crate) fn duplicate_keys(src: &str) -> Vec<(String, Range, Range)> {
    let mut duplicates = Duplicates { pointer: String::new(), found: Vec::new() };
    Scanner::new(src.as_bytes()).walk(0, None, 0, &mut duplicates);
    duplicates.found
}

/// Collects every repeated key of the whole document.
struct Duplicates {
    /// The pointer of the value the walk last entered.
    pointer: String,
    found: Vec<(String, Range, Range)>,
}

impl Visitor for Duplicates {
    /// The length of the value's pointer: `pointer` cut there.
    type At = usize;
    const DUPLICATES: bool = true;
    fn enters(&self, _: usize) -> bool {
        true
    }
    fn member(&mut self, at: usize, key: &str) -> Option<usize> {
        self.pointer.truncate(at);
        push_token(&mut self.pointer, key);
        Some(self.pointer.len())
    }
    fn item(&mut self, at: usize, index: usize, _: &mut usize) -> Option<usize> {
        self.pointer.truncate(at);
        // Digits need no escaping.
        let _ = write!(self.pointer, "/{index}");
        Some(self.pointer.len())
    }
    fn duplicate(&mut self, at: usize, key: Range, first: Range) {
        self.found.push((self.pointer[..at].to_owned(), key, first));
    }
}

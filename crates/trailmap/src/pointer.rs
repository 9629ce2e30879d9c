//! JSON Pointers (RFC 6901): the one place that escapes and unescapes
//! reference tokens. Diagnostics, changes and fixes carry pointers as
//! plain strings; [`Pointer`] builds them and reads them back.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// A JSON Pointer: `""` for the whole document, else `/`-separated
/// reference tokens with `~` written `~0` and `/` written `~1`.
///
/// ```
/// use trailmap::pointer::Pointer;
///
/// let p = Pointer::item("skills", 3).with("resources").with(0).with("url");
/// assert_eq!(p.as_str(), "/skills/3/resources/0/url");
/// let key = Pointer::root().with("x-notes").with("a/b~c");
/// assert_eq!(key.to_string(), "/x-notes/a~1b~0c");
/// assert_eq!(key.last().as_deref(), Some("a/b~c"));
/// let diagnostic = trailmap::Diagnostic::new("TM002", "schema", trailmap::Severity::Error, "m").at(p);
/// assert_eq!(diagnostic.pointer, "/skills/3/resources/0/url");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

/// Bytes reserved by [`Pointer::item`].
const ITEM_CAPACITY: usize = 48;

impl Pointer {
    /// The pointer to the whole document, `""`.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// `/list/index`: an item of a top-level list.
    ///
    /// ```
    /// assert_eq!(trailmap::pointer::Pointer::item("phases", 2).as_str(), "/phases/2");
    /// ```
    pub fn item(list: &str, index: usize) -> Self {
        // Room for the usual few tokens more (`/skills/12345/prerequisites/7`):
        // rules make one per finding, and growing from empty took three
        // reallocations.
        Pointer(String::with_capacity(ITEM_CAPACITY)).with(list).with_index(index)
    }

    /// This pointer with one more token, an index: [`with`](Self::with)
    /// without the formatting machinery, for code making a pointer per
    /// finding.
    ///
    /// ```
    /// use trailmap::pointer::Pointer;
    /// assert_eq!(Pointer::item("skills", 3).with("prerequisites").with_index(12).as_str(), "/skills/3/prerequisites/12");
    /// ```
    pub fn with_index(mut self, index: usize) -> Self {
        self.0.push('/');
        self.0.push_str(itoa::Buffer::new().format(index));
        self
    }

    /// Reads pointer text (RFC 6901): `None` unless it is empty or starts
    /// with `/`, and every `~` is `~0` or `~1`.
    ///
    /// ```
    /// use trailmap::pointer::Pointer;
    ///
    /// assert_eq!(Pointer::parse("/a~1b/0").unwrap().tokens().collect::<Vec<_>>(), ["a/b", "0"]);
    /// assert!(Pointer::parse("skills/0").is_none());
    /// assert!(Pointer::parse("/skills/~2").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let escapes = text.match_indices('~').all(|(at, _)| matches!(text.as_bytes().get(at + 1), Some(b'0' | b'1')));
        ((text.is_empty() || text.starts_with('/')) && escapes).then(|| Pointer(text.to_owned()))
    }

    /// Appends one reference token (any `Display`: a key or an index),
    /// escaped.
    pub fn push(&mut self, token: impl fmt::Display) {
        self.0.push('/');
        // Writing to a String cannot fail.
        let _ = write!(Escaper(&mut self.0), "{token}");
    }

    /// This pointer with one more token.
    pub fn with(mut self, token: impl fmt::Display) -> Self {
        self.push(token);
        self
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        tokens(&self.0)
    }

    /// The last reference token, unescaped; `None` for the root.
    pub fn last(&self) -> Option<Cow<'_, str>> {
        last(&self.0)
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Pointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> String {
        pointer.0
    }
}

/// Escapes everything written through it as one reference token.
struct Escaper<'a>(&'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        push_escaped(self.0, s);
        Ok(())
    }
}

fn push_escaped(out: &mut String, token: &str) {
    // Nearly every token (a key, a digit of an index) has neither: copied
    // whole, where char by char it was a twentieth of a run making a
    // million findings' pointers.
    let mut rest = token;
    while let Some(at) = memchr::memchr2(b'~', b'/', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        out.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends a reference token to pointer text, escaping `~` and `/` as RFC
/// 6901 requires (for code that keeps pointers as `String`s).
///
/// ```
/// let mut p = String::from("/skills");
/// trailmap::pointer::push_token(&mut p, "a/b~c");
/// assert_eq!(p, "/skills/a~1b~0c");
/// ```
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    push_escaped(pointer, token);
}

/// The unescaped reference tokens of pointer text (none for `""`).
///
/// ```
/// let tokens: Vec<_> = trailmap::pointer::tokens("/a~1b/~01").collect();
/// assert_eq!(tokens, ["a/b", "~1"]);
/// assert_eq!(trailmap::pointer::tokens("").count(), 0);
/// ```
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.strip_prefix('/').into_iter().flat_map(|rest| rest.split('/')).map(unescape)
}

/// Pointer text and each pointer that encloses it, innermost first: the
/// value's own pointer, its parent's, … up to the document's (`""`).
///
/// ```
/// let up: Vec<_> = trailmap::pointer::ancestors("/skills/0/name").collect();
/// assert_eq!(up, ["/skills/0/name", "/skills/0", "/skills", ""]);
/// assert_eq!(trailmap::pointer::ancestors("").collect::<Vec<_>>(), [""]);
/// ```
pub fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(pointer), |p| p.rfind('/').map(|cut| &p[..cut]))
}

/// The last reference token of pointer text, unescaped; `None` for `""`.
///
/// ```
/// assert_eq!(trailmap::pointer::last("/skills/0/a~1b").as_deref(), Some("a/b"));
/// assert_eq!(trailmap::pointer::last(""), None);
/// ```
pub fn last(pointer: &str) -> Option<Cow<'_, str>> {
    pointer.rfind('/').map(|at| unescape(&pointer[at + 1..]))
}

/// One token unescaped: `~1` before `~0`, so `~01` is `~1`, not `/`.
fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') { Cow::Owned(token.replace("~1", "/").replace("~0", "~")) } else { Cow::Borrowed(token) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        for token in ["", "a", "a/b", "~", "~1", "~0/", "é/~"] {
            let p = Pointer::root().with("x").with(token);
            assert_eq!(p.last().as_deref(), Some(token), "{p}");
            assert_eq!(p.tokens().collect::<Vec<_>>(), ["x", token]);
        }
        assert_eq!(Pointer::root().last(), None);
        assert_eq!(Pointer::root().tokens().count(), 0);
    }

    proptest::proptest! {
        /// Tokens are escaped as RFC 6901 says, character by character,
        /// and read back as they were.
        #[test]
        fn tokens_escape_as_the_rfc_says(token in "[a~/é0-9]{0,12}") {
            let mut escaped = String::new();
            push_escaped(&mut escaped, &token);
            let expected: String = token.chars().map(|c| match c {
                '~' => "~0".to_owned(),
                '/' => "~1".to_owned(),
                c => c.to_string(),
            }).collect();
            proptest::prop_assert_eq!(&escaped, &expected);
            proptest::prop_assert_eq!(unescape(&escaped), token.as_str());
        }
    }
}

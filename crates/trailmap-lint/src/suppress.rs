//! Inline suppressions: `"x-lint-allow": [{"rule": "TM104", "reason":
//! "…"}]` on any object of a roadmap silences that rule for the object and
//! everything in it. At the top level an entry may add `"pointer"` to
//! silence one part of the file. Every entry needs a reason; unused entries
//! are reported (`TM116`), malformed ones too (`TM117`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use trailmap::Diagnostic;
use trailmap::diagnostic::push_token;

use crate::findings::SkillFindings;
use crate::registry;

/// The extension key that holds suppressions.
pub const KEY: &str = "x-lint-allow";

/// One suppression entry.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule's code.
    pub code: &'static str,
    /// The part of the file it covers (JSON Pointer prefix).
    pub scope: String,
    /// Pointer of the entry itself, for reporting.
    pub at: String,
    /// How many diagnostics it suppressed.
    pub used: usize,
}

/// Whether `source` may hold suppressions: it spells [`KEY`] somewhere.
///
/// ```
/// assert!(trailmap_lint::suppress::may_have(r#"{"x-lint-allow": []}"#));
/// assert!(!trailmap_lint::suppress::may_have(r#"{"skills": []}"#));
/// ```
pub fn may_have(source: &str) -> bool {
    // memchr's vectorised search: `str::contains` took 1.4% of the samples
    // of `lint` on a 45 MB roadmap, this 0.9%.
    memchr::memmem::find(source.as_bytes(), KEY.as_bytes()).is_some()
}

/// Collects the suppressions of a file, reporting malformed entries.
pub fn collect(file: &str, source: &str, problems: &mut Vec<Diagnostic>) -> Vec<Suppression> {
    // Cheap test first: most files have none, and this avoids a parse.
    if !may_have(source) {
        return Vec::new();
    }
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some(owners) = owners(trailmap::Format::from_path(file).for_text(source), source) else { return Vec::new() };
    let mut out = Vec::new();
    for (pointer, entries) in &owners {
        read_entries(file, entries, pointer, pointer.is_empty(), &mut out, problems);
    }
    out
}

/// Each object that holds suppression entries, as its pointer and the
/// entries, in document order; `None` for a file that does not parse. The
/// file is read as a stream that keeps only the entries: a `Value` of the
/// whole file took 90 MB more than the rest of `lint` on a 70 MB JSON
/// roadmap, and a YAML one 700 MB more on a 54 MB file.
fn owners(format: trailmap::Format, source: &str) -> Option<Vec<(String, Value)>> {
    format.deserialize_seed(source, Collect)
}

/// The seed of a whole document: [`Owners`] from its root.
#[derive(Clone, Copy)]
struct Collect;

impl<'de> DeserializeSeed<'de> for Collect {
    type Value = Vec<(String, Value)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let mut found = Vec::new();
        Owners { pointer: &mut String::new(), found: &mut found }.deserialize(deserializer)?;
        Ok(found)
    }
}

/// Walks a document, keeping each object's suppression entries (the last,
/// if an object repeats the key, as a `Value` would) and skipping
/// everything else without building it.
struct Owners<'a> {
    pointer: &'a mut String,
    found: &'a mut Vec<(String, Value)>,
}

impl<'de> DeserializeSeed<'de> for Owners<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Owners<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let at = self.pointer.len();
        let mut i = 0usize;
        loop {
            self.pointer.truncate(at);
            self.pointer.push('/');
            self.pointer.push_str(&i.to_string());
            let item = Owners { pointer: &mut *self.pointer, found: &mut *self.found };
            if seq.next_element_seed(item)?.is_none() {
                break;
            }
            i += 1;
        }
        self.pointer.truncate(at);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let at = self.pointer.len();
        // Entries are listed after the object's descendants' in a walk that
        // goes depth first; kept here, put in place when the object ends.
        let mut own: Option<Value> = None;
        let mark = self.found.len();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == KEY {
                own = Some(map.next_value()?);
                continue;
            }
            push_token(self.pointer, &key);
            map.next_value_seed(Owners { pointer: &mut *self.pointer, found: &mut *self.found })?;
            self.pointer.truncate(at);
        }
        if let Some(entries) = own {
            self.found.insert(mark, (self.pointer.clone(), entries));
        }
        Ok(())
    }
}

fn invalid(file: &str, pointer: String, message: String) -> Diagnostic {
    let rule = crate::rules::TM117;
    let mut d = Diagnostic::new(rule.code, rule.name, rule.default_severity, message)
    .at(pointer)
    .with_help("each entry needs a known \"rule\" and a \"reason\", e.g. {\"rule\": \"TM104\", \"reason\": \"the source overlaps these stages\"}");
    d.file = file.into();
    d
}

fn read_entries(
    file: &str,
    entries: &Value,
    owner: &str,
    top: bool,
    out: &mut Vec<Suppression>,
    problems: &mut Vec<Diagnostic>,
) {
    let base = format!("{owner}/{KEY}");
    let Some(list) = entries.as_array() else {
        problems.push(invalid(file, base, format!("`{KEY}` must be an array of {{\"rule\", \"reason\"}} objects")));
        return;
    };
    for (i, entry) in list.iter().enumerate() {
        let at = format!("{base}/{i}");
        let Some(fields) = entry.as_object() else {
            problems.push(invalid(file, at, "a suppression must be an object: {\"rule\", \"reason\"}".into()));
            continue;
        };
        // A misspelt `pointer` read as no pointer widened the entry to the
        // whole file: every key must be known.
        // (`pointer` outside the top level is refused below.)
        const KNOWN: [&str; 3] = ["rule", "reason", "pointer"];
        if let Some(key) = fields.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            let mut at_key = at.clone();
            push_token(&mut at_key, key);
            let hint = trailmap::suggest::did_you_mean(key, KNOWN)
                .map_or_else(String::new, |k| format!(" (did you mean `{k}`?)"));
            problems.push(invalid(file, at_key, format!("unknown key `{key}` in a suppression{hint}")));
            continue;
        }
        let rule = entry.get("rule").and_then(Value::as_str);
        let reason = entry.get("reason").and_then(Value::as_str).map(str::trim).unwrap_or_default();
        let Some(rule_name) = rule else {
            problems.push(invalid(file, at, "suppression without a `rule`".into()));
            continue;
        };
        let Some(found) = registry::find(rule_name) else {
            problems.push(invalid(
                file,
                format!("{at}/rule"),
                format!("suppression names {}", registry::unknown_rule(rule_name)),
            ));
            continue;
        };
        if reason.is_empty() {
            problems.push(invalid(file, at, format!("suppression of {} has no `reason`", found.code)));
            continue;
        }
        let scope = match entry.get("pointer").map(Value::as_str) {
            Some(Some(p)) if top && trailmap::pointer::Pointer::parse(p).is_some() => p.to_owned(),
            Some(_) if top => {
                problems.push(invalid(
                    file,
                    format!("{at}/pointer"),
                    "`pointer` must be a JSON Pointer (RFC 6901): \"\" or text starting with `/`, `~` only as `~0` or `~1`".into(),
                ));
                continue;
            }
            Some(_) => {
                problems.push(invalid(
                    file,
                    format!("{at}/pointer"),
                    "`pointer` is only allowed in the top-level `x-lint-allow`".into(),
                ));
                continue;
            }
            None => owner.to_owned(),
        };
        out.push(Suppression { code: found.code, scope, at, used: 0 });
    }
}

/// Drops the diagnostics an entry of `suppressions` covers (rule and
/// scope), counting each entry's uses; diagnostics of `keep` codes stay.
/// Entries are looked up by each enclosing pointer of a finding, so the
/// cost is findings × pointer depth, not findings × entries.
///
/// ```
/// use trailmap::{Diagnostic, Severity};
/// use trailmap_lint::suppress::{Suppression, apply};
/// let mut entries = vec![Suppression { code: "TM107", scope: "/skills/2".into(), at: String::new(), used: 0 }];
/// let mut found = vec![
///     Diagnostic::new("TM107", "r", Severity::Warning, "m").at("/skills/2/prerequisites/0"),
///     Diagnostic::new("TM107", "r", Severity::Warning, "m").at("/skills/20/prerequisites/0"),
/// ];
/// apply(&mut entries, &mut found, |_| false);
/// assert_eq!(found.len(), 1);
/// assert_eq!(entries[0].used, 1);
/// ```
pub fn apply(suppressions: &mut [Suppression], diagnostics: &mut Vec<Diagnostic>, keep: impl Fn(&str) -> bool) {
    apply_all(suppressions, diagnostics, &mut [], keep);
}

/// [`apply`] to a file's diagnostics and its compact findings.
pub(crate) fn apply_all(
    suppressions: &mut [Suppression],
    diagnostics: &mut Vec<Diagnostic>,
    compact: &mut [SkillFindings<'_>],
    keep: impl Fn(&str) -> bool,
) {
    if suppressions.is_empty() {
        return;
    }
    let mut by_scope: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (k, s) in suppressions.iter().enumerate() {
        by_scope.entry((s.code, s.scope.as_str())).or_default().push(k);
    }
    let mut used = vec![0usize; suppressions.len()];
    // Every entry that covers the finding counts as used.
    let mut suppressed = |code: &str, pointer: &str| {
        let mut suppressed = false;
        for scope in enclosing(pointer) {
            if let Some(entries) = by_scope.get(&(code, scope)) {
                entries.iter().for_each(|&k| used[k] += 1);
                suppressed = true;
            }
        }
        suppressed
    };
    diagnostics.retain(|d| keep(d.code) || !suppressed(d.code, &d.pointer));
    for found in compact.iter_mut().filter(|found| !keep(found.rule.code)) {
        let code = found.rule.code;
        found.retain_at(|pointer| !suppressed(code, pointer));
    }
    for (s, n) in suppressions.iter_mut().zip(used) {
        s.used += n;
    }
}

/// The scopes that [`covers`] `pointer`: the whole file, each enclosing
/// pointer, and the pointer itself.
fn enclosing(pointer: &str) -> impl Iterator<Item = &str> {
    let inner = pointer.char_indices().filter(|&(i, c)| c == '/' && i > 0).map(|(i, _)| &pointer[..i]);
    std::iter::once("").chain(inner).chain((!pointer.is_empty()).then_some(pointer))
}

/// `true` when `pointer` is `scope` or inside it.
pub fn covers(scope: &str, pointer: &str) -> bool {
    pointer == scope
        || (pointer.starts_with(scope) && pointer.as_bytes().get(scope.len()) == Some(&b'/'))
        || scope.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn document() -> impl Strategy<Value = Value> {
        let leaf =
            prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::from), "[a/~é]{0,2}".prop_map(Value::from)];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(prop_oneof![Just(KEY.to_owned()), "[a/~é]{1,2}"], inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// An entry the author got wrong is reported, never read as a wider
    /// one: a misspelt or mistyped `pointer` used to silence the rule in
    /// the whole file.
    #[test]
    fn a_malformed_entry_is_reported_and_suppresses_nothing() {
        let text = r#"{"x-lint-allow": [
            {"rule": "TM108", "reason": "r", "pionter": "/skills/0"},
            {"rule": "TM108", "reason": "r", "pointer": ["/skills/0"]},
            {"rule": "TM108", "reason": "r", "pointer": "/skills/~2"},
            {"rule": "TM108", "reason": "r", "pointer": "skills/0"},
            "TM108",
            {"rule": "TM108", "reason": "r", "pointer": "/skills/0/a~1b~0"}
        ]}"#;
        let mut problems = Vec::new();
        let found = collect("r.json", text, &mut problems);
        let reported: Vec<(&str, &str)> = problems.iter().map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        let pointer_message =
            "`pointer` must be a JSON Pointer (RFC 6901): \"\" or text starting with `/`, `~` only as `~0` or `~1`";
        assert_eq!(
            reported,
            [
                ("/x-lint-allow/0/pionter", "unknown key `pionter` in a suppression (did you mean `pointer`?)"),
                ("/x-lint-allow/1/pointer", pointer_message),
                ("/x-lint-allow/2/pointer", pointer_message),
                ("/x-lint-allow/3/pointer", pointer_message),
                ("/x-lint-allow/4", "a suppression must be an object: {\"rule\", \"reason\"}"),
            ]
        );
        assert!(problems.iter().all(|d| d.code == "TM117"));
        let scopes: Vec<&str> = found.iter().map(|s| s.scope.as_str()).collect();
        assert_eq!(scopes, ["/skills/0/a~1b~0"]);
    }

    proptest! {
        /// The walk over the stream finds what it finds over the whole
        /// `Value`: the same entries, at the same pointers, in the same
        /// order. As JSON, as flow YAML (JSON text), as block YAML from the
        /// parser's events, and with an anchor (which the events leave to
        /// the `Value`).
        #[test]
        fn streamed_owners_are_the_value_walks(document in document(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&document) } else { serde_json::to_string(&document) };
            let text = text.unwrap();
            let whole = Collect.deserialize(&document).ok();
            prop_assert!(whole.is_some());
            prop_assert_eq!(&owners(trailmap::Format::Json, &text), &whole);
            prop_assert_eq!(&owners(trailmap::Format::Yaml, &text), &whole);
            let block = trailmap::convert::convert(&text, trailmap::Format::Json, trailmap::Format::Yaml).unwrap().text;
            prop_assert_eq!(&owners(trailmap::Format::Yaml, &block), &whole, "{}", block);
            let anchored = format!("{{\"x-anchor\": &a 1, \"x-alias\": *a, \"doc\": {text}}}");
            let mut with_anchor = serde_json::Map::new();
            with_anchor.insert("x-anchor".into(), 1.into());
            with_anchor.insert("x-alias".into(), 1.into());
            with_anchor.insert("doc".into(), document.clone());
            let expected = Collect.deserialize(&Value::Object(with_anchor)).ok();
            prop_assert_eq!(owners(trailmap::Format::Yaml, &anchored), expected);
        }

        /// The scopes looked up are exactly those that cover the pointer.
        #[test]
        fn enclosing_is_what_covers_accepts(pointer in "(/[ab~01]{0,2}){0,4}", scope in "(/[ab~01]{0,2}){0,4}/?") {
            prop_assert_eq!(enclosing(&pointer).any(|s| s == scope), covers(&scope, &pointer));
        }
    }
}

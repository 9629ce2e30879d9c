//! Plain scalars by the YAML 1.2 core schema: the one reading of `~`,
//! `true`, `0x1F`, `1e3` and `.inf`, for the tree builder and the event path.

use serde_json::Number;

/// What a plain scalar means under the YAML 1.2 core schema.
#[derive(Debug, PartialEq)]
pub(crate) enum Plain {
    String,
    Null,
    Bool(bool),
    Number(Number),
    /// `.inf`, `.nan` and the like: floats JSON cannot hold.
    NotJson,
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
pub(crate) fn resolve_plain(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Plain::NotJson;
    }
    if let Some(digits) = text.strip_prefix("0o") {
        if !digits.is_empty() && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return u64::from_str_radix(digits, 8).map_or(Plain::NotJson, |n| Plain::Number(n.into()));
        }
    }
    if let Some(digits) = text.strip_prefix("0x") {
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u64::from_str_radix(digits, 16).map_or(Plain::NotJson, |n| Plain::Number(n.into()));
        }
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Plain::Number(n.into());
        }
        if let Ok(n) = text.trim_start_matches('+').parse::<u64>() {
            return Plain::Number(n.into());
        }
    }
    if is_float(unsigned) {
        return match text.trim_start_matches('+').parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Plain::Number(n),
            None => Plain::NotJson,
        };
    }
    Plain::String
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |mut i: usize| {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i > start)
    };
    let (mut i, whole) = digits(0);
    let mut fraction = false;
    if i < b.len() && b[i] == b'.' {
        let (j, any) = digits(i + 1);
        i = j;
        fraction = any;
    }
    if !whole && !fraction {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
            j += 1;
        }
        let (k, any) = digits(j);
        if !any {
            return false;
        }
        i = k;
    }
    i == b.len()
}

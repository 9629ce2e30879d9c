//! JSON nesting depth: 128 levels are read and a 129th is refused, as in
//! YAML (README, "No stack overflow"). serde_json alone stops at its
//! 128th bracket, so a file it refuses for depth is scanned once: within
//! the bound it is read again without serde's limit (the scan bounds it),
//! else the error names the 129th bracket.

use serde::de::{DeserializeOwned, DeserializeSeed};

/// The deepest nesting read, in both formats (YAML takes it from here).
pub(crate) const MAX_DEPTH: usize = 128;

/// `true` for serde_json's depth error.
pub(crate) fn is_depth_error(err: &serde_json::Error) -> bool {
    err.to_string().starts_with("recursion limit exceeded")
}

/// The byte offset of the first `[` or `{` (outside strings) nested deeper
/// than [`MAX_DEPTH`], if any.
pub(crate) fn too_deep(source: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in source.as_bytes().iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// `serde_json::from_str`, reading up to [`MAX_DEPTH`] levels.
pub(crate) fn from_str<T: DeserializeOwned>(source: &str) -> serde_json::Result<T> {
    from_str_seed(source, std::marker::PhantomData::<T>)
}

/// [`from_str`] through a seed.
pub(crate) fn from_str_seed<T, S>(source: &str, seed: S) -> serde_json::Result<T>
where
    S: for<'de> DeserializeSeed<'de, Value = T> + Clone,
{
    let read = |seed: S, bounded: bool| {
        let mut reader = serde_json::Deserializer::from_str(source);
        if !bounded {
            reader.disable_recursion_limit();
        }
        let value = seed.deserialize(&mut reader)?;
        reader.end()?;
        Ok(value)
    };
    match read(seed.clone(), true) {
        // Within MAX_DEPTH (the scan says so), serde's own limit is one
        // level short: read it without.
        Err(err) if is_depth_error(&err) && too_deep(source).is_none() => read(seed, false),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn reads_128_levels_and_refuses_129_at_the_129th_bracket() {
        assert!(from_str::<serde_json::Value>(&nested(128)).is_ok());
        assert!(from_str::<serde_json::Value>(&nested(129)).is_err());
        assert_eq!(too_deep(&nested(128)), None);
        assert_eq!(too_deep(&nested(129)), Some(128));
        assert_eq!(too_deep(&format!("[\"{}\"]", "[".repeat(300))), None, "brackets in strings do not count");
        assert_eq!(too_deep(&format!("[\"\\\"{}\"]", "[".repeat(300))), None, "nor after an escaped quote");
    }
}

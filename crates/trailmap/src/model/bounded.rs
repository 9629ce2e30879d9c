//! Numbers with a lower bound, refused below it as the schema refuses them.

use serde::de::{self, Deserialize, Deserializer};

/// Hours: 0 or more.
pub(super) fn opt_non_negative<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(d)? {
        Some(v) if v < 0.0 => Err(de::Error::invalid_value(de::Unexpected::Float(v), &"a number of hours, 0 or more")),
        v => Ok(v),
    }
}

/// A pace: more than 0.
pub(super) fn opt_positive<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(d)? {
        Some(v) if v <= 0.0 => {
            Err(de::Error::invalid_value(de::Unexpected::Float(v), &"a number of hours per week, more than 0"))
        }
        v => Ok(v),
    }
}

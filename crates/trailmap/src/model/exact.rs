//! Lists kept at their length. Serde grows a list it reads by doubling from
//! four, and a roadmap holds hundreds of thousands of short lists (a
//! skill's prerequisites, topics, resources, aliases): shrunk, they take
//! about 5% less of `lint`'s peak memory on the benchmark roadmaps.

use serde::{Deserialize, Deserializer};

/// A list, its capacity shrunk to its length.
pub(super) fn vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}

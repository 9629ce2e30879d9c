//! Lists allocated at their length. A roadmap holds hundreds of thousands
//! of short lists (a skill's prerequisites, topics, resources, aliases).
//! Serde grows a list it reads by doubling from four, and shrinking it
//! afterwards frees nothing under mimalloc, which keeps a block that is at
//! least half used: twenty prerequisites held room for thirty-two. Read
//! into a buffer on the stack first, a list takes one allocation of its
//! length: `lint`'s peak on bare `dense-all` at 100k skills (up to twenty
//! prerequisites from everything before) went down by 9 MB, 0.19 times
//! the file.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Items read on the stack before a list goes to the heap: more than most
/// lists hold (a dense graph's skill has up to twenty prerequisites).
const ON_STACK: usize = 32;

/// A list, allocated at its length: a field's
/// `#[serde(deserialize_with = "super::exact::vec")]`.
pub(super) fn vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(Exact(PhantomData))
}

struct Exact<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
    type Value = Vec<T>;

    // As serde's own `Vec` says it, so that messages stay as they were.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut first: [Option<T>; ON_STACK] = Default::default();
        let mut len = 0;
        while len < ON_STACK {
            match seq.next_element()? {
                Some(item) => first[len] = Some(item),
                None => {
                    let mut list = Vec::with_capacity(len);
                    list.extend(first.into_iter().take(len).flatten());
                    return Ok(list);
                }
            }
            len += 1;
        }
        // A long list: grown as serde grows one, then copied to its length.
        let mut list = Vec::with_capacity(2 * ON_STACK);
        list.extend(first.into_iter().flatten());
        while let Some(item) = seq.next_element()? {
            list.push(item);
        }
        if list.capacity() == list.len() {
            return Ok(list);
        }
        let mut exact = Vec::with_capacity(list.len());
        exact.append(&mut list);
        Ok(exact)
    }
}

#[cfg(test)]
mod tests {
    use super::vec;

    fn read(text: &str) -> Result<Vec<u32>, serde_json::Error> {
        vec(&mut serde_json::Deserializer::from_str(text))
    }

    /// Every length reads back whole and at its length, on the stack's
    /// side of the bound and past it.
    #[test]
    fn lists_are_read_at_their_length() {
        for n in [0, 1, 2, 5, 31, 32, 33, 64, 65, 1_000] {
            let items: Vec<u32> = (0..n).collect();
            let list = read(&serde_json::to_string(&items).unwrap()).unwrap();
            assert_eq!(list, items);
            assert_eq!(list.capacity(), n as usize, "{n} items");
        }
    }

    /// A bad item, before and after the stack's bound, fails as serde's
    /// own list does.
    #[test]
    fn errors_read_as_serde_says_them() {
        for bad in [r#"[1, "x"]"#, &format!("[{}\"x\"]", "1, ".repeat(40)), "7"] {
            let ours = read(bad).unwrap_err().to_string();
            let serde = serde_json::from_str::<Vec<u32>>(bad).unwrap_err().to_string();
            assert_eq!(ours, serde, "{bad}");
        }
    }
}

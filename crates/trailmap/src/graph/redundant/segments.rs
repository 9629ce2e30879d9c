//! Findings gathered a segment at a time.

/// A list grown a segment of [`SEGMENT_LEN`] at a time, and gathered into
/// one list of its exact length at the end ([`Segments::into_vec`]).
///
/// A `Vec` grown by doubling holds up to three times what it found while
/// it grows (the old room and the new), and keeps up to twice as room:
/// the searches of one thread finding a redundant entry at most skills
/// (100k skills each needing two from the layer before and two from
/// anywhere earlier) peaked there, at 3.95 times the file.
pub(super) struct Segments<T> {
    full: Vec<Vec<T>>,
    last: Vec<T>,
}

/// Items a segment holds: 1 MiB of findings of 16 bytes.
const SEGMENT_LEN: usize = 1 << 16;

impl<T> Default for Segments<T> {
    fn default() -> Self {
        Segments { full: Vec::new(), last: Vec::new() }
    }
}

impl<T> Segments<T> {
    pub(super) fn len(&self) -> usize {
        self.full.len() * SEGMENT_LEN + self.last.len()
    }

    pub(super) fn push(&mut self, item: T) {
        if self.last.len() == SEGMENT_LEN {
            let next = Vec::with_capacity(SEGMENT_LEN);
            self.full.push(std::mem::replace(&mut self.last, next));
        }
        // The first segment grows as a `Vec` does: a few findings take
        // little room.
        self.last.push(item);
    }

    /// Keeps the first `len` items.
    pub(super) fn truncate(&mut self, len: usize) {
        // Whole segments past `len` go; the last one kept is cut.
        while self.full.len() * SEGMENT_LEN > len {
            match self.full.pop() {
                Some(segment) => self.last = segment,
                None => break,
            }
        }
        self.last.truncate(len - self.full.len() * SEGMENT_LEN);
    }

    /// Every item in order, in one list of its exact length; each segment
    /// is freed as soon as it is copied.
    pub(super) fn into_vec(self) -> Vec<T> {
        let mut all = Vec::with_capacity(self.len());
        for segment in self.full.into_iter().chain(std::iter::once(self.last)) {
            all.extend(segment);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::{SEGMENT_LEN, Segments};

    #[test]
    fn segments_keep_what_a_vec_keeps() {
        let mut segments = Segments::default();
        let mut vec = Vec::new();
        let mut rng = 7u64;
        for step in 0..5 * SEGMENT_LEN {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            vec.push(step);
            segments.push(step);
            // Now and then a skill's few findings taken back; twice more
            // than a segment, across segment boundaries.
            let back = match step {
                _ if step % (2 * SEGMENT_LEN) == SEGMENT_LEN + 7 => SEGMENT_LEN + 3,
                _ if rng >> 60 == 0 => (rng >> 20) as usize % 5,
                _ => 0,
            };
            let back = back.min(vec.len());
            vec.truncate(vec.len() - back);
            segments.truncate(segments.len() - back);
            assert_eq!(segments.len(), vec.len());
        }
        assert!(vec.len() > 2 * SEGMENT_LEN, "{}", vec.len());
        segments.truncate(2 * SEGMENT_LEN);
        vec.truncate(2 * SEGMENT_LEN);
        segments.truncate(2 * SEGMENT_LEN + 5);
        assert_eq!(segments.into_vec(), vec);
        let mut empty: Segments<u8> = Segments::default();
        empty.truncate(0);
        assert!(empty.into_vec().is_empty());
    }
}

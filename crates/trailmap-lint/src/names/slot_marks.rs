//! A hash table without its entries, for the searches of `names::search`:
//! slots of a bitmap that equal hashes share ([`Slots`]), and the first
//! pass of a two-pass filter over them ([`Marks`]): which slots were seen
//! once and which again, so that a second pass keeps only the hashes
//! another may share, for a few bits a hash instead of a word.

/// The slots of a bitmap standing for a hash table without its entries:
/// equal hashes share a slot, and a slot shared by different ones is only
/// falsely repeated (work, never a finding).
pub(super) struct Slots {
    bits: u32,
}

impl Slots {
    /// At least `slots` slots (a power of two, 64 or more), but not over
    /// 2^`max_bits`.
    pub(super) fn new(slots: usize, max_bits: u32) -> Self {
        Slots { bits: slots.next_power_of_two().max(64).trailing_zeros().min(max_bits) }
    }

    /// The slot of a raw hash, from one multiplication: the full mixing is
    /// left to the few keys kept.
    pub(super) fn of(&self, raw: u64) -> usize {
        (raw.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }
}

/// The first pass of a two-pass filter over [`Slots`]: which slots were
/// seen, and which seen again.
pub(super) struct Marks {
    seen: Vec<u64>,
    again: Vec<u64>,
}

impl Marks {
    /// Every slot of `slots` unseen.
    pub(super) fn new(slots: &Slots) -> Self {
        Marks::of_words(Marks::words(slots))
    }

    /// A bit for each slot of `slots`, none set.
    pub(super) fn new_bits(slots: &Slots) -> Vec<u64> {
        vec![0; Marks::words(slots)]
    }

    /// The words of a bitmap of `slots`.
    pub(super) fn words(slots: &Slots) -> usize {
        (1usize << slots.bits) / 64
    }

    /// Every slot of a part of a bitmap, `words` words long, unseen.
    pub(super) fn of_words(words: usize) -> Self {
        Marks { seen: vec![0; words], again: vec![0; words] }
    }

    /// The marks of parts of one bitmap, each of its words in turn, as one.
    pub(super) fn concat(parts: Vec<Marks>) -> Marks {
        let words = parts.iter().map(|p| p.seen.len()).sum();
        let (mut seen, mut again) = (Vec::with_capacity(words), Vec::with_capacity(words));
        for part in parts {
            seen.extend_from_slice(&part.seen);
            again.extend_from_slice(&part.again);
        }
        Marks { seen, again }
    }

    /// Marks `slot` seen, and seen again if it was seen already.
    pub(super) fn mark(&mut self, slot: usize) {
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        self.again[word] |= self.seen[word] & bit;
        self.seen[word] |= bit;
    }

    /// The marks of `self` and `other` together: a slot seen by both is
    /// seen again.
    pub(super) fn merge(mut self, other: Marks) -> Marks {
        for (word, (seen, again)) in other.seen.iter().zip(&other.again).enumerate() {
            self.again[word] |= again | (self.seen[word] & seen);
            self.seen[word] |= seen;
        }
        self
    }

    /// The slots seen again (for [`is_set`]), and how many were seen only
    /// once: each of those held one hash, so every other hash marked is in
    /// a slot seen again. The seen bitmap is freed.
    pub(super) fn repeated(self) -> (Vec<u64>, usize) {
        let ones = |bits: &[u64]| bits.iter().map(|word| word.count_ones() as usize).sum::<usize>();
        let alone = ones(&self.seen) - ones(&self.again);
        (self.again, alone)
    }
}

/// Sets `slot` in `bits`.
pub(super) fn set(bits: &mut [u64], slot: usize) {
    bits[slot / 64] |= 1 << (slot % 64);
}

/// Whether `slot` is set in `bits`.
pub(super) fn is_set(bits: &[u64], slot: usize) -> bool {
    bits[slot / 64] >> (slot % 64) & 1 == 1
}

//! A tiny deterministic pseudo-random generator (SplitMix64), so that a
//! seed gives the same roadmap on every machine and every release of the
//! `rand` crate (which this crate does not use).

/// SplitMix64: 64 bits of state, passes BigCrush, plenty for test data.
///
/// ```
/// use trailmap_bench::rng::Rng;
///
/// let mut a = Rng::new(7);
/// let mut b = Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator seeded with `seed`.
    ///
    /// ```
    /// let _ = trailmap_bench::rng::Rng::new(42);
    /// ```
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    ///
    /// ```
    /// let mut rng = trailmap_bench::rng::Rng::new(1);
    /// assert_ne!(rng.next_u64(), rng.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is `0`). Multiply-shift: no modulo
    /// bias worth speaking of for the small ranges used here.
    ///
    /// ```
    /// let mut rng = trailmap_bench::rng::Rng::new(3);
    /// assert!((0..1000).all(|_| rng.below(6) < 6));
    /// assert_eq!(rng.below(0), 0);
    /// ```
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// `true` with probability `percent` / 100.
    ///
    /// ```
    /// let mut rng = trailmap_bench::rng::Rng::new(5);
    /// assert!((0..100).all(|_| !rng.percent(0)));
    /// assert!((0..100).all(|_| rng.percent(100)));
    /// ```
    pub fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// A uniformly chosen element (`None` for an empty slice).
    ///
    /// ```
    /// let mut rng = trailmap_bench::rng::Rng::new(9);
    /// assert_eq!(rng.pick(&[4]), Some(&4));
    /// assert_eq!(rng.pick::<u8>(&[]), None);
    /// ```
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.below(items.len())) }
    }
}

//! The sort of TM109's hashed keys: most significant bytes first, in
//! place, the buckets of the first pass shared out between threads where
//! there are many keys.

/// Sorts `keys` in place: an American flag pass on the byte at `shift`
/// (256 buckets: each bucket's write position stays in cache, where 4,096
/// buckets missed it on every swap), then each bucket the same way on the
/// next byte down, `levels` times, then a comparison sort of what is left.
pub(crate) fn sort_by_top_bytes(keys: &mut [u64], shift: u32, levels: u32) {
    if levels == 0 || keys.len() <= 256 {
        keys.sort_unstable();
        return;
    }
    let starts = partition_by_byte(keys, shift);
    for b in 0..256 {
        sort_by_top_bytes(&mut keys[starts[b]..starts[b + 1]], shift.saturating_sub(8), levels - 1);
    }
}

/// From this many keys [`sort_by_top_bytes_on`] sorts the buckets on
/// several threads: a thread costs about what sorting a few thousand
/// keys does.
const SORTED_ON_THREADS_FROM: usize = 32_768;

/// [`sort_by_top_bytes`] with the buckets of the first pass shared out
/// between up to `threads` threads, in runs of nearly equal length: at a
/// million names the sort of their sameness hashes took 18 ms on one.
pub(crate) fn sort_by_top_bytes_on(keys: &mut [u64], shift: u32, levels: u32, threads: usize) {
    if threads <= 1 || levels == 0 || keys.len() < SORTED_ON_THREADS_FROM {
        return sort_by_top_bytes(keys, shift, levels);
    }
    let starts = partition_by_byte(keys, shift);
    // Each run from a bucket's start, cut where the share of the next
    // thread begins.
    let mut cuts: Vec<usize> =
        (1..threads).filter_map(|t| starts.iter().copied().find(|&start| start >= keys.len() * t / threads)).collect();
    cuts.dedup();
    let mut runs: Vec<(usize, &mut [u64])> = Vec::with_capacity(cuts.len() + 1);
    let (mut rest, mut from) = (keys, 0);
    for cut in cuts {
        let (run, after) = rest.split_at_mut(cut - from);
        runs.push((from, run));
        (rest, from) = (after, cut);
    }
    runs.push((from, rest));
    trailmap::parallel::for_each_mut(&mut runs, |(from, run)| {
        let to = *from + run.len();
        for b in (0..256).filter(|&b| starts[b] >= *from && starts[b + 1] <= to) {
            sort_by_top_bytes(&mut run[starts[b] - *from..starts[b + 1] - *from], shift.saturating_sub(8), levels - 1);
        }
    });
}

/// One American flag pass: `keys` in place by their byte at `shift`;
/// where each byte's bucket starts (and, last, where they end).
fn partition_by_byte(keys: &mut [u64], shift: u32) -> [usize; 257] {
    let byte = |k: u64| (k >> shift & 0xFF) as usize;
    let mut starts = [0usize; 257];
    for &k in keys.iter() {
        starts[byte(k) + 1] += 1;
    }
    for b in 0..256 {
        starts[b + 1] += starts[b];
    }
    let mut next = starts;
    for b in 0..256 {
        while next[b] < starts[b + 1] {
            let target = byte(keys[next[b]]);
            if target == b {
                next[b] += 1;
            } else {
                keys.swap(next[b], next[target]);
                next[target] += 1;
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys spread over the whole range, keys of one top byte, keys of a
    /// few values: each sorted on 1-5 threads as the standard sort does.
    #[test]
    fn sorted_on_threads_as_on_one() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let spread: Vec<u64> = (0..100_000).map(|_| next()).collect();
        let one_byte: Vec<u64> = (0..50_000).map(|_| next() >> 8 | 0x7F << 56).collect();
        let few: Vec<u64> = (0..40_000).map(|_| (next() % 5) << 56).collect();
        let small: Vec<u64> = (0..1_000).map(|_| next()).collect();
        for keys in [spread, one_byte, few, small] {
            let mut expected = keys.clone();
            expected.sort_unstable();
            for threads in 1..=5 {
                let mut sorted = keys.clone();
                sort_by_top_bytes_on(&mut sorted, 56, 2, threads);
                assert_eq!(sorted, expected, "{threads} threads");
            }
        }
    }
}

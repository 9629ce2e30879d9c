//! Values put in numbered buckets, in one flat list: a counting sort, the
//! one home of "count each bucket, sum the counts into offsets, place each
//! value" for the graph's flat arrays (a component's skills, the findings
//! of each skill, the ranks of each block).

/// The values of `items` (each with the number of its bucket, under
/// `buckets`) as one list, bucket after bucket, each bucket's values in
/// the order `items` gives them; and where each bucket starts in it, with
/// its end last: bucket `b`'s values are `list[start[b]..start[b + 1]]`.
/// `items` is walked twice: once to count, once to place.
pub(crate) fn bucketed<T: Copy + Default>(
    buckets: usize,
    items: impl Iterator<Item = (usize, T)> + Clone,
) -> (Vec<usize>, Vec<T>) {
    let mut start = vec![0usize; buckets + 1];
    for (b, _) in items.clone() {
        start[b + 1] += 1;
    }
    for b in 0..buckets {
        start[b + 1] += start[b];
    }
    let mut list = vec![T::default(); start[buckets]];
    // Each bucket's start is its next place while placing (no second array
    // of offsets: 8 bytes a bucket, a million buckets for the findings of
    // a million skills); it ends as the next bucket's start, so the
    // offsets are shifted back one after.
    for (b, value) in items {
        list[start[b]] = value;
        start[b] += 1;
    }
    start.copy_within(0..buckets, 1);
    start[0] = 0;
    (start, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_listed_bucket_after_bucket_in_their_order() {
        let items = [(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd'), (3, 'e')];
        let (start, list) = bucketed(4, items.iter().copied());
        assert_eq!(start, [0, 2, 2, 4, 5]);
        assert_eq!(list, ['b', 'd', 'a', 'c', 'e']);
        let (start, list) = bucketed::<u32>(3, std::iter::empty());
        assert_eq!((start, list), (vec![0; 4], vec![]));
        assert_eq!(bucketed::<u32>(0, std::iter::empty()), (vec![0], vec![]));
    }
}

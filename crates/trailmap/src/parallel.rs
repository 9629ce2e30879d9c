//! Work split over scoped threads, results in order: the one home of
//! "spawn helpers, do a share here, join, keep going if a thread cannot
//! start" for the crates that draw snippets or run a rule on halves of a
//! roadmap.

/// How many threads the machine runs at once
/// ([`std::thread::available_parallelism`], 1 when unknown), asked once a
/// process: on Linux each ask reads the cgroup's files, and a run asked
/// it eight times.
///
/// ```
/// assert!(trailmap::parallel::cores() >= 1);
/// ```
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// `work` on every item of `items`, the first on the calling thread and
/// each other on a scoped thread of its own (on the calling thread when
/// none starts: a thread limit), the results in the items' order. A panic
/// in `work` panics the caller, as it would on one thread.
///
/// ```
/// let squares = trailmap::parallel::map(&[1, 2, 3], |x| x * x);
/// assert_eq!(squares, [1, 4, 9]);
/// ```
pub fn map<I: Sync, T: Send>(items: &[I], work: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let Some((first, rest)) = items.split_first() else { return Vec::new() };
    if rest.is_empty() {
        return vec![work(first)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let helpers: Vec<_> = rest
            .iter()
            .map(|item| (item, std::thread::Builder::new().spawn_scoped(scope, move || work(item)).ok()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        out.push(work(first));
        for (item, helper) in helpers {
            out.push(match helper.map(std::thread::ScopedJoinHandle::join) {
                Some(Ok(value)) => value,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => work(item),
            });
        }
        out
    })
}

/// `work` on every item of `items`, each able to change its own, as
/// [`map`] runs them: the first on the calling thread, each other on a
/// scoped thread of its own (on the calling thread when none starts).
///
/// ```
/// let mut halves = [vec![3, 1, 2], vec![9, 7, 8]];
/// trailmap::parallel::for_each_mut(&mut halves, |half| half.sort());
/// assert_eq!(halves, [[1, 2, 3], [7, 8, 9]]);
/// ```
pub fn for_each_mut<I: Send>(items: &mut [I], work: impl Fn(&mut I) + Sync) {
    // Each item behind a lock of its own, never contended: what lets an
    // item whose thread did not start be taken back and run here.
    let items: Vec<std::sync::Mutex<&mut I>> = items.iter_mut().map(std::sync::Mutex::new).collect();
    map(&items, |item| work(&mut item.lock().unwrap_or_else(std::sync::PoisonError::into_inner)));
}

/// `a` on the calling thread and `b` on a scoped thread beside it (on
/// the calling thread after `a` when none starts: `b` is `Fn` for that);
/// both results. A panic in either panics the caller.
///
/// ```
/// let (sum, product) = trailmap::parallel::join(|| 2 + 3, || 2 * 3);
/// assert_eq!((sum, product), (5, 6));
/// ```
pub fn join<A, B: Send>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B) {
    let b = &b;
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().spawn_scoped(scope, b).ok();
        let a = a();
        let b = match helper.map(std::thread::ScopedJoinHandle::join) {
            Some(Ok(value)) => value,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => b(),
        };
        (a, b)
    })
}

/// `0..n` cut into `parts` contiguous ranges of nearly equal length (at
/// least one range, none empty unless `n` is 0).
///
/// ```
/// assert_eq!(trailmap::parallel::ranges(10, 3), [0..3, 3..6, 6..10]);
/// assert_eq!(trailmap::parallel::ranges(1, 4), [0..1]);
/// ```
pub fn ranges(n: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.clamp(1, n.max(1));
    (0..parts).map(|p| n * p / parts..n * (p + 1) / parts).collect()
}

//! Timing: a warm-up, then repeated runs until a time budget or a run
//! count is reached; the median is the figure reported (robust to the
//! other jobs of a shared machine), the minimum is kept beside it.

use std::time::{Duration, Instant};

/// How long and how often to repeat a measurement.
///
/// ```
/// let budget = trailmap_bench::measure::Budget::default();
/// assert!(budget.min_runs >= 3);
/// ```
#[derive(Debug, Clone)]
pub struct Budget {
    /// Runs before measuring (caches, page faults, allocator warm-up).
    pub warmup: usize,
    /// At least this many measured runs...
    pub min_runs: usize,
    /// ...and at most this many...
    pub max_runs: usize,
    /// ...stopping once this much time was spent measuring.
    pub time: Duration,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { warmup: 1, min_runs: 5, max_runs: 50, time: Duration::from_secs(2) }
    }
}

/// The timings of one measurement.
///
/// ```
/// use std::time::Duration;
/// let s = trailmap_bench::measure::Sample::from_runs(vec![Duration::from_millis(3), Duration::from_millis(1), Duration::from_millis(2)]);
/// assert_eq!(s.median, Duration::from_millis(2));
/// assert_eq!(s.min, Duration::from_millis(1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Median of the measured runs.
    pub median: Duration,
    /// Fastest run.
    pub min: Duration,
    /// Slowest run.
    pub max: Duration,
    /// Number of measured runs.
    pub runs: usize,
}

impl Sample {
    /// Summarises run times (the median of an even count is the mean of
    /// the two middle runs). An empty list gives zeros.
    ///
    /// ```
    /// use std::time::Duration;
    /// let s = trailmap_bench::measure::Sample::from_runs(vec![Duration::from_millis(1), Duration::from_millis(3)]);
    /// assert_eq!(s.median, Duration::from_millis(2));
    /// ```
    pub fn from_runs(mut runs: Vec<Duration>) -> Sample {
        runs.sort_unstable();
        let n = runs.len();
        let median = match n {
            0 => Duration::ZERO,
            _ if n % 2 == 1 => runs[n / 2],
            _ => (runs[n / 2 - 1] + runs[n / 2]) / 2,
        };
        Sample {
            median,
            min: runs.first().copied().unwrap_or_default(),
            max: runs.last().copied().unwrap_or_default(),
            runs: n,
        }
    }

    /// Median in milliseconds.
    ///
    /// ```
    /// let s = trailmap_bench::measure::Sample::from_runs(vec![std::time::Duration::from_micros(1500)]);
    /// assert_eq!(s.median_ms(), 1.5);
    /// ```
    pub fn median_ms(&self) -> f64 {
        self.median.as_secs_f64() * 1000.0
    }
}

/// Times `f` within `budget`. What `f` returns is dropped inside the timed
/// region: freeing a large model is part of the work a process does.
///
/// ```
/// use trailmap_bench::measure::{measure, Budget};
/// let budget = Budget { warmup: 1, min_runs: 3, max_runs: 3, time: std::time::Duration::ZERO };
/// let sample = measure(&budget, || (0..1000u64).sum::<u64>());
/// assert_eq!(sample.runs, 3);
/// ```
pub fn measure<T>(budget: &Budget, mut f: impl FnMut() -> T) -> Sample {
    for _ in 0..budget.warmup {
        drop(std::hint::black_box(f()));
    }
    let mut runs = Vec::new();
    let started = Instant::now();
    while runs.len() < budget.max_runs.max(1) && (runs.len() < budget.min_runs || started.elapsed() < budget.time) {
        let start = Instant::now();
        drop(std::hint::black_box(f()));
        runs.push(start.elapsed());
    }
    Sample::from_runs(runs)
}

/// The machine's load averages (1, 5, 15 minutes) from `/proc/loadavg`,
/// as text; `"unknown"` where there is no such file.
///
/// ```
/// assert!(!trailmap_bench::measure::loadavg().is_empty());
/// ```
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_owned())
}

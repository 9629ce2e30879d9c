//! Benchmarks for trailmap: a deterministic generator of synthetic roadmaps
//! ([`generate`]), a timer that takes medians after a warm-up
//! ([`measure`]) and the in-process benchmark suite ([`suite`]) that the
//! `trailmap-bench` binary runs. `bench/sweep.py` adds the whole-process
//! sweep of every shape (`validate` against `lint`, peak RSS) and
//! `bench/compare.sh` the comparison with other validators;
//! `BENCHMARKS.md` has the results.
//!
//! ```
//! use trailmap_bench::generate::{generate, mutate};
//!
//! let roadmap = generate(500, 1);
//! let (next_version, changes) = mutate(&roadmap, 1);
//! assert!(changes.renamed > 0 && changes.removed > 0);
//! assert!(next_version.skills.iter().any(|s| !s.former_ids.is_empty()));
//! ```
#![forbid(unsafe_code)]

pub mod generate;
pub mod measure;
pub mod rng;
pub mod shape;
pub mod suite;

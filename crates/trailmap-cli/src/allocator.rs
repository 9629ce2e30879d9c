//! The process's allocator and how it holds memory.
//!
//! Loading a roadmap allocates a string per id, name and topic; mimalloc
//! makes that and the freeing markedly cheaper than the system allocator
//! (BENCHMARKS.md). Two of its habits are set here, the second by the
//! size of the files named on the command line:
//!
//! - Transparent huge pages are not asked for
//!   (`prctl(PR_SET_THP_DISABLE)`, which the kernel honours over
//!   mimalloc's `madvise`). They round memory up 2 MiB at a time (on a 13
//!   MB roadmap of 100k skills, 7 MB of `lint`'s 58 MB peak), and a
//!   kernel slow to find and zero them made runs two to three times
//!   slower: `validate` of a 657 MB roadmap of a million skills took
//!   16-21 s with them and 5-6.4 s without, `lint` 9-24 s and 9-12 s,
//!   most of it system time; on another machine they had saved about 7%
//!   of `validate` at a million skills.
//! - Freed memory goes back to the kernel 10 ms after the free, and a run
//!   on 100k skills peaks within that window: 7-9 MB of a 56 MB peak was
//!   memory already freed. A run whose files total at least
//!   [`PURGE_AT_ONCE_FROM`] bytes hands it back at once (mimalloc's
//!   `purge_delay` at 0): 0.2-0.8 times the file less at 100k skills and
//!   0.02-0.3 at a million, for 2-10% more time at 100k and none
//!   measurable at a million. Smaller runs gain nothing from it (their
//!   memory is the program's own pages) and were 10% slower.
//!
//! Runs on a folder or on standard input, whose size is not known yet,
//! keep the purge delay: a folder of thousands of small roadmaps was 15%
//! slower with every free handed back at once. `MIMALLOC_ALLOW_THP` and
//! `MIMALLOC_PURGE_DELAY`, when set, win over both choices.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Inputs of at least this many bytes have freed memory purged at once.
const PURGE_AT_ONCE_FROM: u64 = 1 << 20;

/// mimalloc 2's `mi_option_purge_delay` (`include/mimalloc.h`; the `-sys`
/// crate names the options around it, not this one).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Turns huge pages off, and fits the purge delay to the total size of
/// the files named on the command line when nothing else names input.
/// Called first thing in `main`, before the input is read and before any
/// other thread exists.
pub(crate) fn fit_to_input() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // Only an optimisation: a kernel without the flag runs as before.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
    let Some(total) = named_input_bytes() else { return };
    if total >= PURGE_AT_ONCE_FROM && std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        purge_freed_memory_at_once();
    }
}

/// The total size of the files named on the command line; `None` when a
/// folder, a device or standard input (`-`) is named, whose size is not
/// known before it is read.
fn named_input_bytes() -> Option<u64> {
    let mut total: u64 = 0;
    for arg in std::env::args_os().skip(1) {
        match std::fs::metadata(&arg) {
            Ok(meta) if meta.is_file() => total = total.saturating_add(meta.len()),
            Ok(_) => return None,
            Err(_) if arg == "-" => return None,
            // Subcommands, options and their values.
            Err(_) => {}
        }
    }
    Some(total)
}

// The workspace denies `unsafe`; this is its one use: mimalloc's options
// are only reachable through its C API, and the option is read when memory
// is freed, so setting it from `main` (mimalloc reads the environment
// before `main`, too early for `std::env::set_var`) is the only way in.
#[allow(unsafe_code)]
fn purge_freed_memory_at_once() {
    // SAFETY: `mi_option_set` writes one word of mimalloc's option table.
    // It is documented as not thread safe; `fit_to_input` runs before the
    // program starts any thread, and `PURGE_DELAY` names an option of the
    // mimalloc 2 this crate links (the `v2` feature of `mimalloc`).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The option number is mimalloc's, not ours: if an upgrade moved it, the
    // value read back would be another option's default.
    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: one read of the option table; nothing else in this test
        // binary sets options.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(before, std::env::var("MIMALLOC_PURGE_DELAY").ok().and_then(|v| v.parse().ok()).unwrap_or(10));
        purge_freed_memory_at_once();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 0);
    }
}

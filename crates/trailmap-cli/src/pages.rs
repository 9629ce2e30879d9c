//! Whether this process uses transparent huge pages, decided by the size
//! of its input.
//!
//! mimalloc asks the kernel for huge (2 MiB) pages. On a large roadmap they
//! save page faults (about 7% of `validate` at a million skills), but they
//! round memory up 2 MiB at a time: on a 13 MB roadmap of 100k skills that
//! was 7 MB of `lint`'s 58 MB peak. A run whose named files total under
//! [`HUGE_PAGES_FROM`] turns them off for itself
//! (`prctl(PR_SET_THP_DISABLE)`, which the kernel honours over mimalloc's
//! `madvise`); a run on a folder or on standard input, whose size is not
//! known yet, keeps them. `MIMALLOC_ALLOW_THP=0` still turns them off for
//! any run.

/// Inputs of at least this many bytes keep huge pages.
const HUGE_PAGES_FROM: u64 = 64 << 20;

/// Turns huge pages off when the files named on the command line total
/// under [`HUGE_PAGES_FROM`] bytes and nothing else names input. Called
/// first thing, before the input is read.
pub(crate) fn fit_to_input() {
    #[cfg(target_os = "linux")]
    {
        let mut total: u64 = 0;
        for arg in std::env::args_os().skip(1) {
            match std::fs::metadata(&arg) {
                Ok(meta) if meta.is_file() => total = total.saturating_add(meta.len()),
                // A folder (or a device): its size is not known yet.
                Ok(_) => return,
                Err(_) if arg == "-" => return,
                // Subcommands, options and their values.
                Err(_) => {}
            }
        }
        if total < HUGE_PAGES_FROM {
            // Only an optimisation: a kernel without the flag runs as before.
            let _ = rustix::thread::disable_transparent_huge_pages(true);
        }
    }
}

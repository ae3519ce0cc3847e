//! Crash points for the crash-safety tests: the durable-write steps of the log's filesystem
//! driver and of key files call [`reached`] after each step (a temporary file written, a
//! file or directory fsynced, a rename). With `PQLAB_CRASH_AT_STEP=N` in the environment, the
//! process ends abruptly right after its N-th step, leaving the files exactly as a SIGKILL
//! there would (every write is a system call; nothing is buffered in the process), so a test
//! can stop `pqlab` between two renames of one sync, which random kill timing rarely hits.
//!
//! Only debug-assertion builds (the `dev` and `test` profiles) have the hook; in release
//! builds [`reached`] does nothing and the variable is never read.

/// The exit status of a process stopped at a crash point.
pub const CRASH_EXIT_CODE: i32 = 86;

/// The environment variable naming the step to stop after (1-based).
pub const CRASH_AT_STEP_VAR: &str = "PQLAB_CRASH_AT_STEP";

/// Whether this build honours [`CRASH_AT_STEP_VAR`].
pub const ENABLED: bool = cfg!(debug_assertions);

/// Counts one durable-write step (`what` names it) and ends the process if it is the step
/// [`CRASH_AT_STEP_VAR`] names.
#[cfg(debug_assertions)]
pub fn reached(what: &str) {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    static STOP_AT: OnceLock<Option<u64>> = OnceLock::new();
    static STEPS: AtomicU64 = AtomicU64::new(0);
    let stop_at = STOP_AT.get_or_init(|| {
        std::env::var(CRASH_AT_STEP_VAR)
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if let Some(stop_at) = *stop_at {
        let step = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
        if step == stop_at {
            eprintln!("pqlab: crash point: stopped after step {step} ({what})");
            // `exit` flushes no file data (none is buffered in-process) and skips destructors
            // of other threads, so the directory is left as a kill at this point leaves it.
            std::process::exit(CRASH_EXIT_CODE);
        }
    }
}

/// Counts one durable-write step; release builds have no crash points.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn reached(_what: &str) {}

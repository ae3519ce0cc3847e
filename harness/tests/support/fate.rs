//! How a `pqlab` process under a crash test ends: SIGKILL after a delay, a stop at a crash
//! point inside its durable writes (`PQLAB_CRASH_AT_STEP`, debug builds), or completion.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use pqlab_harness::crash_point;

/// How the process of one iteration ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// SIGKILL after this delay.
    KillAfter(Duration),
    /// `PQLAB_CRASH_AT_STEP` = this step.
    CrashAt(u64),
    /// Runs to completion.
    Complete,
}

/// Runs `pqlab ARGS` with its output captured and `fate` applied; returns its output and
/// how long it ran.
pub fn run(args: &[&std::ffi::OsStr], fate: Fate) -> (Output, Duration) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pqlab"));
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Fate::CrashAt(step) = fate {
        command.env(crash_point::CRASH_AT_STEP_VAR, step.to_string());
    }
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    if let Fate::KillAfter(delay) = fate {
        std::thread::sleep(delay);
        // SIGKILL; an error only means it already exited.
        let _ = child.kill();
    }
    let out = child.wait_with_output().unwrap();
    (out, start.elapsed())
}

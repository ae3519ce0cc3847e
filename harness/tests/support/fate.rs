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

/// `pqlab`, as a command to configure.
pub fn pqlab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
}

/// Runs `command` to completion and asserts that it succeeded, showing `what` and its stderr
/// otherwise.
pub fn run_ok(command: &mut Command, what: &str) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A number from the environment, if set (a malformed one fails the test).
pub fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

/// The seed of this run: `PQLAB_CRASH_SEED`, else from the clock.
#[allow(
    clippy::cast_possible_truncation,
    reason = "any 64 bits of the clock make a seed"
)]
pub fn seed() -> u64 {
    env_u64("PQLAB_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    })
}

/// How many iterations to run: `PQLAB_CRASH_ITERATIONS`, else `default`.
pub fn iterations(default: u64) -> u64 {
    env_u64("PQLAB_CRASH_ITERATIONS").unwrap_or(default)
}

/// Runs `pqlab ARGS` with its output captured and `fate` applied; returns its output and
/// how long it ran.
pub fn run(args: &[&std::ffi::OsStr], fate: Fate) -> (Output, Duration) {
    let mut command = pqlab();
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

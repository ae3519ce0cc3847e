//! Running the `pqlab` binary from integration tests.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::process::{Command, Output};

/// Runs `pqlab ARGS` and returns what it printed and its status.
pub fn pqlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `pqlab ARGS`, asserts that it succeeded (showing its stderr otherwise) and returns
/// its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = pqlab(args);
    assert!(
        out.status.success(),
        "pqlab {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

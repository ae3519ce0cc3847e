//! Crash safety of the monitor's state (issue 9 item 4): a `pqlab monitor` working through a
//! large backlog is SIGKILLed at random instants, over many iterations, while the log keeps
//! growing. After every kill the state file is the old or a new valid state (it parses, its
//! checkpoint verifies, its position never goes back); the next run resumes from it; and
//! every watched entry is reported by some run since the state was last reset (no entry is
//! skipped). Set `PQLAB_MONITOR_CRASH_ITERATIONS` for a longer run.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

#[path = "support/monitor_logs.rs"]
mod monitor_logs;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use monitor_logs::{identity_leaf, init};
use pqlab_harness::log::dir;
use pqlab_harness::monitor::keys::from_vkeys;
use pqlab_harness::monitor::state::MonitorState;

const WATCHED: &str = "alice@example.com";

/// Appends `count` identity leaves; every 97th (by index) is the watched identity.
fn grow(log: &Path, count: u64, watched: &mut BTreeSet<u64>) {
    let mut l = dir::open(log).unwrap();
    let start = l.size();
    let entries: Vec<Vec<u8>> = (start..start + count)
        .map(|i| {
            let who = if i % 97 == 13 {
                watched.insert(i);
                WATCHED
            } else {
                "bob@example.com"
            };
            identity_leaf(who, "https://oidc.example", i)
        })
        .collect();
    l.append_batch(&entries).unwrap();
}

fn spawn(log: &Path, state: &Path, vkey: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args([
            "monitor",
            "--log",
            log.to_str().unwrap(),
            "--state",
            state.to_str().unwrap(),
            "--vkey",
            vkey,
            "--start-index",
            "0",
            "--identity",
            r"^alice@example\.com$",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn matched(stdout: &[u8]) -> Vec<u64> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("match: index "))
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn sigkilled_monitor_keeps_a_valid_state_and_resumes() {
    let iterations: u32 = std::env::var("PQLAB_MONITOR_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let keys = from_vkeys(std::slice::from_ref(&vkey)).unwrap();
    let mut watched = BTreeSet::new();
    grow(&log, 40 * 256 + 17, &mut watched);
    let state = tmp.path().join("state.json");

    // How long a full scan of the backlog takes here, to spread the kills over it.
    let started = Instant::now();
    let full = spawn(&log, &tmp.path().join("probe.json"), &vkey)
        .wait_with_output()
        .unwrap();
    assert!(full.status.success());
    let full_run = started.elapsed();
    assert_eq!(
        matched(&full.stdout),
        watched.iter().copied().collect::<Vec<_>>()
    );

    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut reported = BTreeSet::new();
    let (mut killed, mut completed, mut resets) = (0u32, 0u32, 0u32);
    let mut last: Option<(u64, u64)> = None; // (tree size, next index) after the previous run
    for i in 0..iterations {
        if i % 8 == 7 {
            grow(&log, 300, &mut watched);
        }
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let fraction = (rng >> 40) as f64 / f64::from(1u32 << 24);
        let delay = full_run.mul_f64(1.2 * fraction);
        let mut child = spawn(&log, &state, &vkey);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap(); // SIGKILL
        }
        let out = child.wait_with_output().unwrap();
        reported.extend(matched(&out.stdout));
        match MonitorState::load(&state, &keys) {
            Ok(None) => assert!(last.is_none(), "iteration {i}: the state file disappeared"),
            Ok(Some(s)) => {
                if let Some((size, next)) = last {
                    assert!(s.size() >= size, "iteration {i}: tree size went back");
                    assert!(s.next_index >= next, "iteration {i}: position went back");
                }
                last = Some((s.size(), s.next_index));
            }
            Err(e) => panic!("iteration {i}: state after kill: {e}"),
        }
        if out.status.success() {
            completed += 1;
            let (size, next) = last.unwrap();
            assert_eq!(
                next, size,
                "iteration {i}: a completed run scanned everything"
            );
            let expected: BTreeSet<u64> = watched.iter().copied().filter(|&w| w < size).collect();
            assert_eq!(
                reported, expected,
                "iteration {i}: every watched entry reported"
            );
            // Start over, so that later kills again land in a long backlog.
            std::fs::remove_file(&state).unwrap();
            reported.clear();
            last = None;
            resets += 1;
        } else {
            assert!(
                !finished,
                "iteration {i}: monitor failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            killed += 1;
        }
    }
    // The last run completes from whatever state the kills left.
    let out = spawn(&log, &state, &vkey).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    reported.extend(matched(&out.stdout));
    let s = MonitorState::load(&state, &keys).unwrap().unwrap();
    assert_eq!(s.next_index, s.size());
    assert_eq!(
        reported, watched,
        "every watched entry reported since the last reset"
    );
    eprintln!(
        "monitor crash test: {iterations} iterations, {killed} SIGKILLs, {completed} runs completed before the kill, {resets} resets; full scan of {} entries takes {full_run:?}",
        s.size()
    );
    // Kill instants are spread over a full scan's duration, so most land inside a run; at
    // least one must, or the test proved nothing (a share would let timing decide a pass).
    assert!(killed >= 1, "no kill landed inside a run");
}

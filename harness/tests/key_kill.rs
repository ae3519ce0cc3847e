//! Crash safety of stateful signing: `pqlab key sign` with an LMS key (HSS, L = 1), signing
//! three messages per run, is killed with SIGKILL after a random delay or stopped at a random
//! crash point inside the key-file rewrite (`PQLAB_CRASH_AT_STEP`), over many runs. Every
//! signature it ever printed, whole or cut by the kill, is collected; no two may use the same
//! LMS leaf index q (RFC 8554 §5.4: the u32 after the HSS level count Nspk, §6.4), each whole
//! one must verify, and after each kill the key file must read back with a state beyond every
//! q printed and keep signing. The seed is printed (`PQLAB_CRASH_SEED` replays it); 24 runs by
//! default, `PQLAB_CRASH_ITERATIONS` for long runs.

#![allow(clippy::unwrap_used, reason = "test code unwraps")]

#[path = "support/fail_after.rs"]
mod fail_after;
#[path = "support/fate.rs"]
mod fate;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use fate::{Fate, iterations, pqlab, run_ok, seed};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::rand_core::Rng;
use pqlab_algorithms::registry;
use pqlab_harness::crash_point;

const ALGORITHM: &str = "lms-sha256-h10-w4";
const MESSAGES_PER_RUN: u64 = 3;
/// Durable-write steps of one key-file rewrite (written, fsynced, renamed, directory fsynced).
const STEPS_PER_SIGNATURE: u64 = 4;

/// The LMS leaf index of an HSS signature with L = 1: `u32 Nspk || u32 q || ...`.
fn leaf_index(signature: &[u8]) -> u32 {
    assert_eq!(&signature[..4], [0, 0, 0, 0], "Nspk must be 0 for L = 1");
    u32::from_be_bytes(signature[4..8].try_into().unwrap())
}

/// The used-leaf count of the key file's secret key (its first 8 bytes, big-endian).
fn key_state(key: &Path) -> (u64, Vec<u8>) {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(key).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", key.display()));
    assert_eq!(json["algorithm"], format!("{ALGORITHM}@hbs-lms"));
    let secret = STANDARD
        .decode(json["secretKey"].as_str().unwrap())
        .unwrap();
    let public = STANDARD
        .decode(json["publicKey"].as_str().unwrap())
        .unwrap();
    assert_eq!(secret.len(), 48);
    (u64::from_be_bytes(secret[..8].try_into().unwrap()), public)
}

struct Run {
    messages: Vec<(PathBuf, Vec<u8>)>,
    out: Output,
    elapsed: Duration,
}

fn sign(key: &Path, dir: &Path, tag: &str, n: u64, fate: Fate) -> Run {
    let messages: Vec<(PathBuf, Vec<u8>)> = (0..n)
        .map(|j| {
            let path = dir.join(format!("message-{tag}-{j}"));
            let bytes = format!("message {j} of run {tag}").into_bytes();
            std::fs::write(&path, &bytes).unwrap();
            (path, bytes)
        })
        .collect();
    let mut args: Vec<&OsStr> = vec![
        "key".as_ref(),
        "sign".as_ref(),
        "--key".as_ref(),
        key.as_os_str(),
    ];
    args.extend(messages.iter().map(|(p, _)| p.as_os_str()));
    let (out, elapsed) = fate::run(&args, fate);
    for (path, _) in &messages {
        std::fs::remove_file(path).unwrap();
    }
    Run {
        messages,
        out,
        elapsed,
    }
}

#[test]
fn killed_lms_signer_never_reuses_a_one_time_key() {
    let seed = seed();
    let iterations = iterations(24);
    eprintln!(
        "key_kill: seed {seed}, {iterations} runs (PQLAB_CRASH_SEED, PQLAB_CRASH_ITERATIONS)"
    );
    let start = Instant::now();
    let mut rng = pqlab_algorithms::rng::seeded(seed);
    let dir = fail_after::temp_dir("key-kill");
    let key = dir.join("lms.key");
    run_ok(
        pqlab()
            .args(["key", "generate", "--algorithm", ALGORITHM, "--out"])
            .arg(&key),
        "key generate",
    );
    let (count, public) = key_state(&key);
    assert_eq!(count, 0);
    let verifier = registry::lookup(ALGORITHM)
        .unwrap()
        .default_implementation()
        .prepare_verifier(&public)
        .unwrap();

    // Every leaf index printed: q → (run, message).
    let mut used: BTreeMap<u32, (u64, usize)> = BTreeMap::new();
    let (mut killed, mut stopped, mut completed, mut cut, mut signed_after_kill) = (0, 0, 0, 0, 0);
    let mut after_kill = false;
    let mut typical = Duration::from_millis(400);
    for iteration in 0..=iterations {
        let ctx = format!("seed {seed} (PQLAB_CRASH_SEED), run {iteration}");
        // The last run completes: the key still signs.
        let fate = match (iteration == iterations, rng.next_u64() % 10) {
            (true, _) | (false, 0) => Fate::Complete,
            (false, 1..=4) if crash_point::ENABLED => {
                Fate::CrashAt(1 + rng.next_u64() % (STEPS_PER_SIGNATURE * MESSAGES_PER_RUN))
            }
            _ => Fate::KillAfter(Duration::from_micros(
                rng.next_u64() % (typical.as_micros() as u64 * 6 / 5),
            )),
        };
        let run = sign(
            &key,
            &dir,
            &format!("{seed}-{iteration}"),
            MESSAGES_PER_RUN,
            fate,
        );
        let stdout = String::from_utf8(run.out.stdout.clone()).unwrap();
        let mut emitted = 0;
        for (j, line) in stdout.split_inclusive('\n').enumerate() {
            let whole = line.ends_with('\n');
            let text = line.trim_end();
            // A cut line still gave away its leaf index once 12 characters (9 bytes) are out.
            let bytes = if whole {
                STANDARD.decode(text).unwrap()
            } else if text.len() >= 12 {
                cut += 1;
                STANDARD.decode(&text[..12]).unwrap()
            } else {
                continue;
            };
            let q = leaf_index(&bytes);
            if let Some(first) = used.insert(q, (iteration, j)) {
                panic!(
                    "{ctx}: leaf q = {q} used twice: run/message {first:?} and ({iteration}, {j})"
                );
            }
            if whole {
                verifier
                    .verify(&run.messages[j].1, &[], &bytes)
                    .unwrap_or_else(|e| panic!("{ctx}: signature {j} (q = {q}): {e}"));
            }
            emitted += 1;
        }
        if after_kill && emitted > 0 {
            signed_after_kill += 1;
        }
        match (run.out.status.code(), run.out.status.signal()) {
            (Some(0), _) => {
                assert_eq!(emitted, MESSAGES_PER_RUN, "{ctx}");
                completed += 1;
                typical = (typical * 3 + run.elapsed) / 4;
                after_kill = false;
            }
            (None, Some(9)) => {
                killed += 1;
                after_kill = true;
            }
            (Some(crash_point::CRASH_EXIT_CODE), _) => {
                stopped += 1;
                after_kill = true;
            }
            _ => panic!(
                "{ctx}: key sign ({fate:?}) failed: {:?}: {}",
                run.out.status,
                String::from_utf8_lossy(&run.out.stderr)
            ),
        }
        // The persisted state is beyond every leaf ever printed.
        let (count, _) = key_state(&key);
        if let Some((&q, _)) = used.iter().next_back() {
            assert!(
                count > u64::from(q),
                "{ctx}: key state {count} would reuse leaf {q}"
            );
        }
    }
    let (count, _) = key_state(&key);
    eprintln!(
        "key_kill: {} runs in {:.1} s: {killed} SIGKILLed, {stopped} stopped at crash points, \
         {completed} completed; {} signatures printed ({cut} cut by a kill), all with distinct \
         leaves; {signed_after_kill} runs signed right after a kill; {} one-time keys burned \
         by kills (state {count})",
        iterations + 1,
        start.elapsed().as_secs_f64(),
        used.len(),
        count - used.len() as u64,
    );
    assert!(completed > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

//! `pqlab monitor` end to end: a first run trusts the checkpoint, later runs print matches,
//! a fork or rollback prints ALARM with both checkpoints (text and JSON) and exits 1, a
//! corrupt state file exits 2 and is kept, `--help` names every option.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/monitor_logs.rs"]
mod monitor_logs;

use cli::pqlab;
use std::path::Path;
use std::process::Output;

use monitor_logs::{copy_dir, forked, init};

fn monitor(log: &Path, state: &Path, vkey: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "monitor",
        "--log",
        log.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
        "--vkey",
        vkey,
    ];
    args.extend(extra);
    pqlab(&args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn fork_alarm_prints_both_checkpoints_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, vkey) = forked(tmp.path(), 10, 5, 5);
    let state = tmp.path().join("state.json");
    let first = monitor(&a, &state, &vkey, &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        stdout(&first).starts_with("first run: trusted checkpoint example.com/mon size 15 root ")
    );
    let saved = std::fs::read(&state).unwrap();

    let forked = monitor(&b, &state, &vkey, &[]);
    assert_eq!(forked.status.code(), Some(1));
    let text = stdout(&forked);
    let stored = std::fs::read_to_string(a.join("checkpoint")).unwrap();
    let current = std::fs::read_to_string(b.join("checkpoint")).unwrap();
    assert!(
        text.starts_with("ALARM: log forked: same tree size, different root hash\n"),
        "{text}"
    );
    assert!(text.contains("stored checkpoint (size 15, root "), "{text}");
    assert!(text.contains(&stored) && text.contains(&current), "{text}");
    assert_eq!(std::fs::read(&state).unwrap(), saved);

    let json = monitor(&b, &state, &vkey, &["--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["alarm"]["kind"], "same-size-different-root");
    assert_eq!(value["alarm"]["stored"]["checkpoint"], stored.as_str());
    assert_eq!(value["alarm"]["current"]["checkpoint"], current.as_str());
    assert_eq!(value["alarm"]["current"]["treeSize"], 15);

    // Rolled back: the log served at size 10 again.
    let rolled = tmp.path().join("rolled");
    init_rollback(&a, &rolled);
    let out = monitor(&rolled, &state, &vkey, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("ALARM: log rolled back"),
        "{}",
        stdout(&out)
    );
}

/// `rolled`: the tiles of `a` with the checkpoint of size 10 that `a` published earlier.
fn init_rollback(a: &Path, rolled: &Path) {
    copy_dir(a, rolled);
    let log = pqlab_harness::log::dir::open(a).unwrap();
    let (_, _, root10) = log.prove_consistency(10, Some(10)).unwrap();
    let body = pqlab_harness::log::CheckpointBody::new(monitor_logs::ORIGIN, 10, root10).to_text();
    let note = log.authority().sign(&body).unwrap();
    std::fs::write(rolled.join("checkpoint"), note).unwrap();
}

#[test]
fn corrupt_state_exits_2_and_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let state = tmp.path().join("state.json");
    std::fs::write(&state, "{\"format\": \"pqlab.monitor-state/1\"").unwrap();
    let out = monitor(&log, &state, &vkey, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is corrupt") && stderr.contains("not replaced"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        "{\"format\": \"pqlab.monitor-state/1\""
    );
}

#[test]
fn instance_matches_printed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), b"hello\n").unwrap();
    let st = tmp.path().join("st");
    for who in ["bob@example.com", "alice@example.com", "bob@example.com"] {
        let out = pqlab(&[
            "sign",
            "--state",
            st.to_str().unwrap(),
            "--seed",
            "3",
            "--identity",
            who,
            "--issuer",
            "https://oidc.example",
            tmp.path().join("a.txt").to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let state = tmp.path().join("m.json");
    let out = pqlab(&[
        "monitor",
        "--instance",
        st.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
        "--start-index",
        "0",
        "--identity",
        "^alice@",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "match: index 1 hashedrekord-0.0.2 identity=alice@example.com issuer=https://oidc.example\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("scanned entries 0..3: 1 matches, 0 unreadable; fetched "),
        "{text}"
    );
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(saved["format"], "pqlab.monitor-state/1");
    assert_eq!(saved["nextIndex"], 3);
    assert_eq!(saved["treeSize"], 3);
}

#[test]
fn help_names_every_option() {
    let out = pqlab(&["monitor", "--help"]);
    let help = stdout(&out);
    for option in [
        "--log",
        "--instance",
        "--state",
        "--trusted-root",
        "--vkey",
        "--origin",
        "--identity",
        "--issuer",
        "--fingerprint",
        "--start-index",
        "--verify-entries",
        "--format",
    ] {
        assert!(help.contains(option), "{option} missing from\n{help}");
    }
}

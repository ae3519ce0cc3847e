//! `pqlab run` on the command line: a bad suite is rejected before anything runs, with the
//! file and line; `--help` explains the options and what the run produces; the default suite
//! prints.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::process::Command;

fn pqlab(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .output()
        .expect("run pqlab")
}

#[test]
fn bad_suite_is_rejected_with_its_line() {
    let dir = std::env::temp_dir().join(format!("pqlab-cli-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let suite = dir.join("suite.toml");
    std::fs::write(
        &suite,
        "name = \"x\"\nprofiles = [\"sigstore-today\"]\nworkloads = [\"primitives\", \"warp\"]\n",
    )
    .unwrap();
    let out_dir = dir.join("out");
    let out = pqlab(&[
        "run",
        "--suite",
        suite.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("suite.toml:3:"), "{stderr}");
    assert!(stderr.contains("warp"), "{stderr}");
    assert!(!out_dir.join("results.json").exists());
    eprintln!("1 bad suite rejected");
}

#[test]
fn help_and_default_suite() {
    let help = pqlab(&["run", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for option in [
        "--suite",
        "--profiles",
        "--quick",
        "--out",
        "--seed",
        "results.json",
    ] {
        assert!(text.contains(option), "--help mentions {option}");
    }
    let printed = pqlab(&["run", "--print-default-suite"]);
    assert!(printed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout),
        pqlab_harness::runner::suite::DEFAULT_SUITE
    );
}

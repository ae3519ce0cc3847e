//! `pqlab sign` end to end: the first sign creates the instance, bundles land next to the
//! artifact (or at `-o`), later signs go into the same log, a different profile or a bad
//! identity is refused without touching the log, `--help` names every option.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;
use std::process::{Command, Output};

use pqlab_harness::bundle::Bundle;
use pqlab_harness::pipeline::Instance;

fn pqlab(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

const ID: [&str; 4] = [
    "--identity",
    "signer@pqlab.example",
    "--issuer",
    "https://oidc.pqlab.example",
];

#[test]
fn sign_creates_reuses_and_refuses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), b"hello\n").unwrap();
    let mut args = vec!["sign", "--state", "st", "--seed", "1", "a.txt"];
    args.extend(ID);
    let out = pqlab(&args, dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("created sigstore-today instance"),
        "{stdout}"
    );
    let bundle = std::fs::read(dir.path().join("a.txt.sigstore.json")).unwrap();
    assert!(
        stdout.contains(&format!("({} bytes), log index 0", bundle.len())),
        "{stdout}"
    );
    Bundle::parse(&bundle).unwrap();
    assert!(dir.path().join("st/trusted_root.json").exists());

    let mut args = vec!["sign", "--state", "st", "--dsse", "-o", "d.json", "a.txt"];
    args.extend(ID);
    let out = pqlab(&args, dir.path());
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("log index 1"));
    let dsse = Bundle::parse(&std::fs::read(dir.path().join("d.json")).unwrap()).unwrap();
    assert_eq!(dsse.tlog_entries[0].log_index, 1);

    let mut args = vec![
        "sign",
        "--state",
        "st",
        "--profile",
        "pq-all-ml-dsa-44",
        "a.txt",
    ];
    args.extend(ID);
    let out = pqlab(&args, dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("created for profile sigstore-today"));

    let out = pqlab(
        &[
            "sign",
            "--state",
            "st",
            "--identity",
            "",
            "--issuer",
            "https://oidc.pqlab.example",
            "a.txt",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert_eq!(
        Instance::open(&dir.path().join("st"))
            .unwrap()
            .log_size()
            .unwrap(),
        2
    );
}

#[test]
fn help_names_every_option() {
    let out = pqlab(&["sign", "--help"], Path::new("."));
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--state",
        "--profile",
        "--profiles-file",
        "--identity",
        "--issuer",
        "--dsse",
        "--seed",
        "--output",
        "trusted_root.json",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

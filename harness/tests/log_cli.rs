//! `pqlab log` end to end: init (with witnesses), append, checkpoint, prove, verify, the
//! served layout, the secret-key file mode, a tampered tile refused, and `--help` for each.

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/fail_after.rs"]
mod fail_after;

use cli::{ok, pqlab};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_harness::log::hash::leaf_hash;
use pqlab_harness::log::proof::verify_inclusion;

#[test]
fn init_append_prove_verify() {
    let dir = fail_after::temp_dir("cli");
    let d = dir.to_str().unwrap();
    let init = ok(&[
        "log",
        "init",
        d,
        "--origin",
        "example.com/cli",
        "--checkpoint-alg",
        "ed25519",
        "--witnesses",
        "2",
        "--witness-alg",
        "ed25519",
    ]);
    assert!(init.starts_with("log key: example.com/cli+"), "{init}");
    assert_eq!(
        init.lines().filter(|l| l.starts_with("witness: ")).count(),
        2
    );
    let mode = std::fs::metadata(dir.join(".pqlab/secret-keys.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // A second init refuses.
    assert!(!pqlab(&["log", "init", d]).status.success());

    let files: Vec<_> = (0..3)
        .map(|i| {
            let path = dir.join(format!("entry{i}.bin"));
            std::fs::write(&path, format!("entry number {i}")).unwrap();
            path
        })
        .collect();
    let out = ok(&[
        "log",
        "append",
        d,
        files[0].to_str().unwrap(),
        files[1].to_str().unwrap(),
    ]);
    let indices: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(indices, ["0", "1"]);
    let out = ok(&["log", "append", d, files[2].to_str().unwrap()]);
    assert!(out.starts_with("2\t"), "{out}");

    let checkpoint = ok(&["log", "checkpoint", d]);
    assert!(
        checkpoint.starts_with("example.com/cli\n3\n"),
        "{checkpoint}"
    );
    assert_eq!(
        checkpoint
            .lines()
            .filter(|l| l.starts_with('\u{2014}'))
            .count(),
        3
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("checkpoint")).unwrap(),
        checkpoint
    );

    let proof: serde_json::Value = serde_json::from_str(&ok(&["log", "prove", d, "1"])).unwrap();
    assert_eq!(proof["logIndex"], "1");
    assert_eq!(proof["treeSize"], "3");
    assert_eq!(proof["checkpoint"]["envelope"], checkpoint.as_str());
    let hashes: Vec<Vec<u8>> = proof["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| STANDARD.decode(h.as_str().unwrap()).unwrap())
        .collect();
    let root = STANDARD
        .decode(proof["rootHash"].as_str().unwrap())
        .unwrap();
    verify_inclusion(1, 3, &leaf_hash(b"entry number 1"), &hashes, &root).unwrap();
    let older: serde_json::Value =
        serde_json::from_str(&ok(&["log", "prove", d, "0", "--tree-size", "2"])).unwrap();
    assert_eq!(older["treeSize"], "2");
    assert!(older["consistencyToCheckpoint"].is_array());
    assert!(!pqlab(&["log", "prove", d, "3"]).status.success());

    let verify = ok(&["log", "verify", d]);
    assert!(verify.starts_with("ok: 3 entries"), "{verify}");

    // Tampering with a tile is caught by verify, naming the tile.
    let tile = dir.join("tile/0/000.p/3");
    let mut bytes = std::fs::read(&tile).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&tile, bytes).unwrap();
    let out = pqlab(&["log", "verify", d]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tile/0/000.p/3"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn oversized_entry_writes_nothing() {
    let dir = fail_after::temp_dir("cli-big");
    let d = dir.to_str().unwrap();
    ok(&["log", "init", d]);
    let big = dir.join("big.bin");
    std::fs::write(&big, vec![0u8; 65_536]).unwrap();
    let before = std::fs::read(dir.join("checkpoint")).unwrap();
    let out = pqlab(&["log", "append", d, big.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("65535"));
    assert_eq!(std::fs::read(dir.join("checkpoint")).unwrap(), before);
    assert!(!Path::new(&dir.join("tile")).exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["init", "append", "checkpoint", "prove", "verify"] {
        let out = ok(&["log", sub, "--help"]);
        assert!(out.contains("DIR") || out.contains("<DIR>"), "{sub}: {out}");
    }
    assert!(ok(&["log", "init", "--help"]).contains("--checkpoint-alg"));
    assert!(ok(&["log", "init", "--help"]).contains("--witness-alg"));
}

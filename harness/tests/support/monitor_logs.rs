//! Logs for the monitor tests: `pqlab log` directories (Ed25519 checkpoints, fixed-size
//! entries), copies of them that diverge with the same key, and identity-leaf entries.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use pqlab_harness::entry::{EntryShape as _, IdentityLeaf};
use pqlab_harness::log::dir::{self, InitOptions};

pub const ORIGIN: &str = "example.com/mon";

/// Creates a log in `dir` (Ed25519, no witnesses) and returns its verifier key.
pub fn init(dir: &Path) -> String {
    dir::init(
        dir,
        &InitOptions {
            origin: ORIGIN.to_owned(),
            checkpoint_alg: "ed25519".to_owned(),
            witnesses: 0,
            witness_alg: "ed25519".to_owned(),
        },
    )
    .unwrap()
    .log_vkey
}

/// A 100-byte entry that differs per (tag, index).
pub fn entry(tag: u8, index: u64) -> Vec<u8> {
    let mut e = vec![tag; 100];
    e[..8].copy_from_slice(&index.to_be_bytes());
    e
}

/// Appends `count` 100-byte entries tagged `tag`, in one batch.
pub fn append(dir: &Path, tag: u8, count: u64) -> u64 {
    let mut log = dir::open(dir).unwrap();
    let start = log.size();
    let entries: Vec<Vec<u8>> = (start..start + count).map(|i| entry(tag, i)).collect();
    log.append_batch(&entries).unwrap();
    log.size()
}

/// Two logs under `dir` (`a` and `b`) signed with one key: `common` entries tagged 1 in
/// both, then `only_a` entries tagged 2 in `a` and `only_b` tagged 3 in `b`. Returns their
/// paths and the verifier key.
pub fn forked(dir: &Path, common: u64, only_a: u64, only_b: u64) -> (PathBuf, PathBuf, String) {
    let (a, b) = (dir.join("a"), dir.join("b"));
    let vkey = init(&a);
    append(&a, 1, common);
    copy_dir(&a, &b);
    append(&a, 2, only_a);
    append(&b, 3, only_b);
    (a, b, vkey)
}

/// An identity leaf for `subject` at `issuer`, as the pipeline writes it.
pub fn identity_leaf(subject: &str, issuer: &str, index: u64) -> Vec<u8> {
    let digest = sha2::Sha256::digest_of(index);
    IdentityLeaf::new(
        b"root spki",
        &digest,
        &[
            (b"iss".as_slice(), issuer.as_bytes()),
            (b"sub".as_slice(), subject.as_bytes()),
        ],
    )
    .unwrap()
    .encode()
    .unwrap()
}

trait DigestOf {
    fn digest_of(index: u64) -> [u8; 32];
}

impl DigestOf for sha2::Sha256 {
    fn digest_of(index: u64) -> [u8; 32] {
        use sha2::Digest;
        sha2::Sha256::digest(index.to_be_bytes()).into()
    }
}

/// Copies a directory tree (a log with its keys: the copy signs with the same key).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

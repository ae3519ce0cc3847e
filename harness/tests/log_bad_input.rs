//! Bad input gets a typed error naming the failed check, and nothing is written: oversized
//! entries, truncated or corrupt tiles and bundles, wrong sizes, proofs of the wrong length,
//! forged checkpoints.

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

#[path = "support/ed25519_note.rs"]
mod ed25519_note;

use std::sync::Arc;

use ed25519_note::Ed25519Note;
use pqlab_harness::log::audit::audit;
use pqlab_harness::log::bundle::{MAX_ENTRY_SIZE, TileError};
use pqlab_harness::log::proof::{ProofError, verify_consistency, verify_inclusion};
use pqlab_harness::log::storage::{LogStorage, MemoryStorage};
use pqlab_harness::log::{CheckpointAuthority, Log, LogError};

fn authority() -> Arc<dyn CheckpointAuthority> {
    Arc::new(Ed25519Note::generate("example.com/bad", 9))
}

fn snapshot(s: &MemoryStorage) -> Vec<(String, Vec<u8>)> {
    s.names()
        .into_iter()
        .map(|n| {
            let b = s.read(&n).unwrap().unwrap();
            (n, b)
        })
        .collect()
}

fn log_of(n: u64) -> (MemoryStorage, Log<MemoryStorage>) {
    let storage = MemoryStorage::new();
    let mut log = Log::create(storage.clone(), authority()).unwrap();
    let entries: Vec<Vec<u8>> = (0..n).map(|i| format!("entry {i}").into_bytes()).collect();
    log.append_batch(&entries).unwrap();
    (storage, log)
}

#[test]
fn oversized_entries_are_rejected_and_nothing_is_written() {
    let (storage, mut log) = log_of(10);
    let before = snapshot(&storage);
    let big = vec![7u8; MAX_ENTRY_SIZE + 1];
    let err = log
        .append_batch(&[b"ok".to_vec(), big.clone(), b"ok".to_vec()])
        .unwrap_err();
    assert!(
        matches!(err, LogError::EntryTooLarge { position: 1, len } if len == 65_536),
        "{err:?}"
    );
    assert!(err.to_string().contains("65535"), "{err}");
    assert!(matches!(
        log.append(&big),
        Err(LogError::EntryTooLarge { .. })
    ));
    assert_eq!(log.pending(), 0);
    assert_eq!(snapshot(&storage), before, "nothing written");
    // The largest entry a bundle can hold is accepted and round-trips.
    let max = vec![1u8; MAX_ENTRY_SIZE];
    let index = log.append_batch(&[&max]).unwrap();
    assert_eq!(log.entry(index).unwrap(), max);
}

#[test]
fn truncated_and_corrupt_tiles_are_named() {
    let (storage, log) = log_of(300);
    let auth = log.authority().clone();
    drop(log);
    let good = snapshot(&storage);

    // Truncated partial level-0 tile: reopening fails naming the tile and the length check.
    let path = "tile/0/001.p/44";
    let mut tile = storage.read(path).unwrap().unwrap();
    tile.truncate(tile.len() - 1);
    storage.put(path, tile);
    match Log::open(storage.clone(), auth.clone()) {
        Err(LogError::Tile(TileError::HashTileLength {
            path: p,
            expected,
            actual,
        })) => {
            assert_eq!((p.as_str(), expected, actual), (path, 44 * 32, 44 * 32 - 1));
        }
        other => panic!("{other:?}"),
    }
    // A flipped bit in the partial tile: the rebuilt root disagrees with the checkpoint.
    storage.put(
        path,
        good.iter().find(|(n, _)| n == path).unwrap().1.clone(),
    );
    let mut tile = storage.read(path).unwrap().unwrap();
    tile[5] ^= 0x10;
    storage.put(path, tile);
    assert!(matches!(
        Log::open(storage.clone(), auth.clone()),
        Err(LogError::RootMismatch { size: 300 })
    ));
    // A flipped bit in a full tile: the audit names it; the proof self-check refuses.
    storage.put(
        path,
        good.iter().find(|(n, _)| n == path).unwrap().1.clone(),
    );
    let log = Log::open(storage.clone(), auth.clone()).unwrap();
    let mut full = storage.read("tile/0/000").unwrap().unwrap();
    full[32 * 3] ^= 1;
    storage.put("tile/0/000", full);
    match audit(&storage, auth.as_ref()) {
        Err(LogError::TileHashMismatch { path, position }) => {
            assert_eq!((path.as_str(), position), ("tile/0/000", 3));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        log.prove_inclusion(2, None),
        Err(LogError::SelfCheck {
            what: "inclusion",
            ..
        })
    ));
    // A missing tile is named.
    storage.remove("tile/0/000");
    assert!(matches!(
        log.prove_inclusion(2, None),
        Err(LogError::MissingObject { path }) if path == "tile/0/000"
    ));
    storage.put(
        "tile/0/000",
        good.iter()
            .find(|(n, _)| n == "tile/0/000")
            .unwrap()
            .1
            .clone(),
    );

    // Entry bundles: trailing garbage, truncation.
    let bundle = "tile/entries/000";
    let mut bytes = storage.read(bundle).unwrap().unwrap();
    bytes.push(0);
    storage.put(bundle, bytes.clone());
    assert!(matches!(
        log.entry(1),
        Err(LogError::Tile(TileError::BundleCount {
            expected: 256,
            actual: 257,
            ..
        }))
    ));
    bytes.truncate(bytes.len() - 3);
    storage.put(bundle, bytes);
    assert!(matches!(
        log.entry(1),
        Err(LogError::Tile(TileError::BundleTruncated {
            entry: 255,
            ..
        }))
    ));
    assert!(audit(&storage, auth.as_ref()).is_err());
}

#[test]
fn wrong_sizes_and_proof_lengths() {
    let (_storage, log) = log_of(20);
    assert!(matches!(
        log.prove_inclusion(20, None),
        Err(LogError::IndexBeyondSize {
            index: 20,
            size: 20
        })
    ));
    assert!(matches!(
        log.prove_inclusion(3, Some(21)),
        Err(LogError::TreeSizeBeyondLog {
            tree_size: 21,
            size: 20
        })
    ));
    assert!(matches!(
        log.entry(25),
        Err(LogError::IndexBeyondSize { .. })
    ));

    let proof = log.prove_inclusion(5, None).unwrap();
    let leaf = pqlab_harness::log::hash::leaf_hash(b"entry 5");
    verify_inclusion(5, 20, &leaf, &proof.hashes, &proof.root_hash).unwrap();
    let mut long = proof.hashes.clone();
    long.push([0; 32]);
    assert_eq!(
        verify_inclusion(5, 20, &leaf, &long, &proof.root_hash),
        Err(ProofError::WrongLength {
            expected: proof.hashes.len(),
            actual: proof.hashes.len() + 1
        })
    );
    assert!(matches!(
        verify_inclusion(5, 20, &leaf, &proof.hashes[1..], &proof.root_hash),
        Err(ProofError::WrongLength { .. })
    ));
    assert_eq!(
        verify_inclusion(5, 20, &leaf[..31], &proof.hashes, &proof.root_hash),
        Err(ProofError::HashLength {
            what: "leaf hash",
            len: 31
        })
    );
    assert!(matches!(
        verify_inclusion(5, 64, &leaf, &proof.hashes, &proof.root_hash),
        Err(ProofError::WrongLength { .. })
    ));

    let (cproof, r1, r2) = log.prove_consistency(7, None).unwrap();
    verify_consistency(7, 20, &cproof, &r1, &r2).unwrap();
    assert!(matches!(
        verify_consistency(7, 20, &cproof[1..], &r1, &r2),
        Err(ProofError::WrongLength { .. })
    ));
    assert_eq!(
        verify_consistency(20, 7, &cproof, &r1, &r2),
        Err(ProofError::SizesReversed {
            size1: 20,
            size2: 7
        })
    );
    assert_eq!(
        verify_consistency(7, 20, &cproof, &r2, &r2),
        Err(ProofError::RootMismatch { which: "old" })
    );
}

#[test]
fn forged_or_foreign_checkpoints_are_refused() {
    let (storage, log) = log_of(5);
    let auth = log.authority().clone();
    drop(log);
    // Creating over an existing log refuses.
    assert!(matches!(
        Log::create(storage.clone(), auth.clone()),
        Err(LogError::AlreadyExists)
    ));
    // No checkpoint: no log.
    assert!(matches!(
        Log::open(MemoryStorage::new(), auth.clone()),
        Err(LogError::NoCheckpoint)
    ));
    // Edited size: the signature fails.
    let note = String::from_utf8(storage.read("checkpoint").unwrap().unwrap()).unwrap();
    storage.put(
        "checkpoint",
        note.replacen("\n5\n", "\n4\n", 1).into_bytes(),
    );
    assert!(matches!(
        Log::open(storage.clone(), auth.clone()),
        Err(LogError::CheckpointSignature(_))
    ));
    // Another log's key: refused.
    storage.put("checkpoint", note.into_bytes());
    let other: Arc<dyn CheckpointAuthority> =
        Arc::new(Ed25519Note::generate("example.com/bad", 10));
    assert!(matches!(
        Log::open(storage.clone(), other),
        Err(LogError::CheckpointSignature(_))
    ));
    assert_eq!(Log::open(storage, auth).unwrap().size(), 5);
}

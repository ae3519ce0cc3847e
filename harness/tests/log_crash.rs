//! Crash safety: a writer killed after its k-th storage write, for every k, loses no
//! acknowledged entry (one covered by a written checkpoint); the reopened log verifies, keeps
//! every full tile unchanged, and accepts further appends.

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

#[path = "support/ed25519_note.rs"]
mod ed25519_note;
#[path = "support/fail_after.rs"]
mod fail_after;

use std::sync::Arc;

use fail_after::{FailAfter, temp_dir};
use pqlab_harness::log::audit::audit;
use pqlab_harness::log::storage::{FsStorage, LogStorage, MemoryStorage};
use pqlab_harness::log::{CheckpointAuthority, Log};

fn entry(i: u64) -> Vec<u8> {
    let mut e = format!("entry {i} ").into_bytes();
    e.resize(8 + (i % 23) as usize, b'.');
    e
}

/// Runs the batches through a writer that dies after `allowed` writes; returns how many
/// entries were acknowledged and whether it died.
fn run_writer<S: LogStorage>(
    storage: S,
    allowed: usize,
    authority: Arc<dyn CheckpointAuthority>,
    batches: &[u64],
    create: bool,
    start: u64,
) -> (u64, bool, usize) {
    let mut failing = FailAfter::new(storage, allowed);
    let mut acknowledged = start;
    let mut log = if create {
        match Log::create(&mut failing, authority) {
            Ok(log) => log,
            Err(_) => return (0, true, allowed),
        }
    } else {
        Log::open(&mut failing, authority).unwrap()
    };
    let mut next = log.size();
    for &n in batches {
        let batch: Vec<Vec<u8>> = (next..next + n).map(entry).collect();
        match log.append_batch(&batch) {
            Ok(first) => {
                assert_eq!(first, next);
                next += n;
                acknowledged = log.size();
            }
            Err(_) => {
                drop(log);
                let writes = failing.writes;
                return (acknowledged, true, writes);
            }
        }
    }
    drop(log);
    (acknowledged, false, failing.writes)
}

/// Reopens and checks: every acknowledged entry present with its content, audit passes, full
/// tiles written before the crash unchanged, further appends work.
fn check_reopened<S: LogStorage>(
    storage: S,
    authority: Arc<dyn CheckpointAuthority>,
    acknowledged: u64,
    k: usize,
) -> u64 {
    let log = Log::open(storage, authority.clone())
        .unwrap_or_else(|e| panic!("crash after write {k}: reopen failed: {e}"));
    assert!(
        log.size() >= acknowledged,
        "crash after write {k}: size {} < acknowledged {acknowledged}",
        log.size()
    );
    for i in (0..log.size())
        .step_by(7)
        .chain(acknowledged.checked_sub(1))
    {
        assert_eq!(
            log.entry(i).unwrap(),
            entry(i),
            "crash after write {k}: entry {i}"
        );
    }
    audit(log.storage(), authority.as_ref())
        .unwrap_or_else(|e| panic!("crash after write {k}: audit: {e}"));
    if log.size() > 0 {
        let proof = log.prove_inclusion(log.size() - 1, None).unwrap();
        assert_eq!(proof.tree_size, log.size());
    }
    log.size()
}

const BATCHES: &[u64] = &[1, 254, 3, 300, 1, 500, 7, 0, 2];

#[test]
fn memory_writer_killed_after_every_write() {
    let authority: Arc<dyn CheckpointAuthority> =
        Arc::new(ed25519_note::Ed25519Note::generate("example.com/crash", 3));
    // A run without failure counts the writes.
    let (_, died, total) = run_writer(
        MemoryStorage::new(),
        usize::MAX,
        authority.clone(),
        BATCHES,
        true,
        0,
    );
    assert!(!died);
    let (mut points, mut recovered) = (0, 0);
    for k in 0..total {
        let storage = MemoryStorage::new();
        let (acknowledged, died, _) =
            run_writer(storage.clone(), k, authority.clone(), BATCHES, true, 0);
        assert!(died, "the writer must die at write {k} of {total}");
        if k == 0 {
            // Killed before the first checkpoint: there is no log.
            assert!(Log::open(storage, authority.clone()).is_err());
            continue;
        }
        let before = storage.names();
        let full: Vec<(String, Vec<u8>)> = before
            .iter()
            .filter(|n| n.starts_with("tile/") && !n.contains(".p/"))
            .map(|n| (n.clone(), storage.read(n).unwrap().unwrap()))
            .collect();
        let size = check_reopened(storage.clone(), authority.clone(), acknowledged, k);
        if size > acknowledged {
            recovered += 1;
        }
        // Restart the writer and finish: full tiles from before the crash never change.
        let (_, died, _) = run_writer(
            storage.clone(),
            usize::MAX,
            authority.clone(),
            &[5, 260],
            false,
            size,
        );
        assert!(!died);
        for (name, bytes) in &full {
            assert_eq!(
                &storage.read(name).unwrap().unwrap(),
                bytes,
                "{name} was rewritten"
            );
        }
        let final_log = Log::open(storage.clone(), authority.clone()).unwrap();
        assert_eq!(final_log.size(), size + 265);
        audit(&storage, authority.as_ref()).unwrap();
        points += 1;
    }
    eprintln!(
        "memory driver: killed after each of {total} writes, {points} reopened logs verified, \
         {recovered} adopted unacknowledged entries from entry bundles"
    );
    assert!(total > 20);
    assert!(
        recovered > 0,
        "some crash point must leave bundles beyond the checkpoint"
    );
}

#[test]
fn filesystem_writer_killed_after_every_write() {
    let authority: Arc<dyn CheckpointAuthority> = Arc::new(ed25519_note::Ed25519Note::generate(
        "example.com/crash-fs",
        4,
    ));
    let batches = &[1, 254, 3, 300, 2];
    let probe = temp_dir("crash-count");
    let (_, _, total) = run_writer(
        FsStorage::open(&probe).unwrap(),
        usize::MAX,
        authority.clone(),
        batches,
        true,
        0,
    );
    std::fs::remove_dir_all(&probe).unwrap();
    for k in 1..total {
        let dir = temp_dir("crash");
        let (acknowledged, died, _) = run_writer(
            FsStorage::open(&dir).unwrap(),
            k,
            authority.clone(),
            batches,
            true,
            0,
        );
        assert!(died);
        let size = check_reopened(
            FsStorage::open(&dir).unwrap(),
            authority.clone(),
            acknowledged,
            k,
        );
        // No temporary file is left where a static server would serve it.
        assert!(
            std::fs::read_dir(dir.join(".pqlab/tmp"))
                .unwrap()
                .next()
                .is_none()
        );
        assert!(size >= acknowledged);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("filesystem driver: killed after each of {total} writes, all reopened logs verified");
}

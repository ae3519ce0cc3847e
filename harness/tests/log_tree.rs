//! The log against a naive RFC 9162 Merkle tree over all leaf hashes, across three tile levels
//! (70,000 leaves > 256^2): roots, inclusion and consistency proofs for sampled indices and
//! sizes, reopening, and the filesystem layout a static server can serve.

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

#[path = "support/ed25519_note.rs"]
mod ed25519_note;
#[path = "support/fail_after.rs"]
mod fail_after;

use std::sync::Arc;

use pqlab_harness::log::audit::audit;
use pqlab_harness::log::hash::{Hash, leaf_hash, node_hash, split_point, subtree_root};
use pqlab_harness::log::storage::{FsStorage, LogStorage, MemoryStorage};
use pqlab_harness::log::{CheckpointAuthority, Log};

fn naive_path(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    if leaves.len() <= 1 {
        return Vec::new();
    }
    let k = split_point(leaves.len() as u64) as usize;
    if m < k {
        let mut p = naive_path(m, &leaves[..k]);
        p.push(subtree_root(&leaves[k..]));
        p
    } else {
        let mut p = naive_path(m - k, &leaves[k..]);
        p.push(subtree_root(&leaves[..k]));
        p
    }
}

fn naive_subproof(m: usize, leaves: &[Hash], complete: bool) -> Vec<Hash> {
    let n = leaves.len();
    if m == n {
        return if complete {
            vec![]
        } else {
            vec![subtree_root(leaves)]
        };
    }
    let k = split_point(n as u64) as usize;
    if m <= k {
        let mut p = naive_subproof(m, &leaves[..k], complete);
        p.push(subtree_root(&leaves[k..]));
        p
    } else {
        let mut p = naive_subproof(m - k, &leaves[k..], false);
        p.push(subtree_root(&leaves[..k]));
        p
    }
}

fn entry(i: u64) -> Vec<u8> {
    format!("leaf {i}").into_bytes()
}

#[test]
fn three_levels_against_the_naive_tree() {
    let authority: Arc<dyn CheckpointAuthority> =
        Arc::new(ed25519_note::Ed25519Note::generate("example.com/tree", 5));
    let storage = MemoryStorage::new();
    let mut log = Log::create(storage.clone(), authority.clone()).unwrap();
    let total = 70_000u64;
    let mut leaves: Vec<Hash> = Vec::new();
    let mut sizes = Vec::new();
    let mut next = 0u64;
    for batch in [1u64, 255, 256, 1000, 3, 65_000, 17, 3468] {
        let entries: Vec<Vec<u8>> = (next..next + batch).map(entry).collect();
        leaves.extend(entries.iter().map(|e| leaf_hash(e)));
        log.append_batch(&entries).unwrap();
        next += batch;
        assert_eq!(log.root(), subtree_root(&leaves), "root at {next}");
        sizes.push(next);
    }
    assert_eq!(next, total);
    // The level-2 partial tile exists: floor(70000/65536) mod 256 = 1.
    assert!(storage.read("tile/2/000.p/1").unwrap().is_some());
    assert!(storage.read("tile/1/001.p/17").unwrap().is_some());

    let mut checked = 0;
    for &size in &sizes {
        let size_leaves = &leaves[..size as usize];
        let mut indices = vec![0, 1, size / 3, size / 2 + 1, size - 1];
        indices.retain(|i| *i < size);
        indices.dedup();
        for index in indices {
            let proof = log.prove_inclusion(index, Some(size)).unwrap();
            assert_eq!(
                proof.hashes,
                naive_path(index as usize, size_leaves),
                "{index} in {size}"
            );
            assert_eq!(proof.root_hash, subtree_root(size_leaves));
            checked += 1;
        }
        for &size2 in sizes.iter().filter(|s| **s >= size) {
            let (proof, _, _) = log.prove_consistency(size, Some(size2)).unwrap();
            let want = if size == size2 {
                vec![]
            } else {
                naive_subproof(size as usize, &leaves[..size2 as usize], true)
            };
            assert_eq!(proof, want, "{size} -> {size2}");
            checked += 1;
        }
    }
    eprintln!("tree of {total} leaves: {checked} proofs equal to the naive tree's");

    // Reopen from the tiles: same root, and appends continue.
    drop(log);
    let mut log = Log::open(storage.clone(), authority.clone()).unwrap();
    assert_eq!(log.root(), subtree_root(&leaves));
    log.append_batch(&[entry(total)]).unwrap();
    leaves.push(leaf_hash(&entry(total)));
    assert_eq!(log.root(), subtree_root(&leaves));
    let report = audit(&storage, authority.as_ref()).unwrap();
    assert_eq!(report.checkpoint.size, total + 1);
    assert_eq!(report.bundles, 274);
    // Exact storage after 70,001 entries: 273 full + 1 partial tile at level 0, 1 + 1 at
    // level 1, 1 partial at level 2, plus the superseded partial tiles and bundles.
    let names = storage.names();
    let full0 = names
        .iter()
        .filter(|n| n.starts_with("tile/0/") && !n.contains(".p/"))
        .count();
    assert_eq!(full0, 273);
    let _ = node_hash(&leaves[0], &leaves[1]);
}

#[test]
fn filesystem_layout_is_servable_and_reopens() {
    let authority: Arc<dyn CheckpointAuthority> =
        Arc::new(ed25519_note::Ed25519Note::generate("example.com/fs", 6));
    let dir = fail_after::temp_dir("fs-layout");
    let mut log = Log::create(FsStorage::open(&dir).unwrap(), authority.clone()).unwrap();
    let entries: Vec<Vec<u8>> = (0..600).map(entry).collect();
    log.append_batch(&entries[..300]).unwrap();
    log.append_batch(&entries[300..]).unwrap();
    let checkpoint = log.checkpoint().to_owned();
    drop(log);
    // Served as-is: the files are the tlog-tiles objects.
    assert_eq!(
        std::fs::read_to_string(dir.join("checkpoint")).unwrap(),
        checkpoint
    );
    for path in [
        "tile/0/000",
        "tile/0/001",
        "tile/0/002.p/88",
        "tile/1/000.p/2",
        "tile/entries/000",
        "tile/entries/002.p/88",
    ] {
        assert!(dir.join(path).is_file(), "{path}");
    }
    assert_eq!(
        std::fs::metadata(dir.join("tile/0/000")).unwrap().len(),
        256 * 32
    );
    assert!(
        std::fs::read_dir(dir.join(".pqlab/tmp"))
            .unwrap()
            .next()
            .is_none()
    );
    let log = Log::open(FsStorage::open(&dir).unwrap(), authority.clone()).unwrap();
    assert_eq!(log.size(), 600);
    assert_eq!(log.entry(599).unwrap(), entry(599));
    audit(log.storage(), authority.as_ref()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 10^6 entries through the filesystem driver with bounded memory. Ignored by default (it
/// writes ~330 MB); run the test binary under `/usr/bin/time -v ... --ignored` to read the
/// maximum resident set size (the bound: 256 MB).
#[test]
#[ignore = "writes ~330 MB; run explicitly to measure resident memory"]
fn million_entries_filesystem() {
    let authority: Arc<dyn CheckpointAuthority> = Arc::new(ed25519_note::Ed25519Note::generate(
        "example.com/million",
        8,
    ));
    let dir = fail_after::temp_dir("million");
    let mut log = Log::create(FsStorage::open(&dir).unwrap(), authority.clone()).unwrap();
    let total = 1_000_000u64;
    let mut next = 0u64;
    while next < total {
        let n = 1024.min(total - next);
        let batch: Vec<Vec<u8>> = (next..next + n)
            .map(|i| {
                let mut e = vec![0u8; 300];
                e[..8].copy_from_slice(&i.to_be_bytes());
                e
            })
            .collect();
        log.append_batch(&batch).unwrap();
        next += n;
    }
    assert_eq!(log.size(), total);
    let proof = log.prove_inclusion(123_456, None).unwrap();
    assert_eq!(proof.hashes.len(), 20);
    drop(log);
    let log = Log::open(FsStorage::open(&dir).unwrap(), authority).unwrap();
    assert_eq!(log.size(), total);
    std::fs::remove_dir_all(&dir).unwrap();
}

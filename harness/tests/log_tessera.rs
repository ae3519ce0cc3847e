//! The real Tessera tlog-tiles log in `tlog-tiles/tessera-testdata`: verify its 17 signed
//! checkpoints (Ed25519, key from SOURCE.txt), audit its tiles and entry bundles, and rebuild it
//! from its entries byte-for-byte (same tiles, same bundles, same root at every checkpoint).

#![allow(clippy::unwrap_used, reason = "test helpers unwrap")]

#[path = "support/ed25519_note.rs"]
mod ed25519_note;

use std::path::Path;
use std::sync::Arc;

use ed25519_note::Ed25519Note;
use pqlab_harness::log::audit::audit;
use pqlab_harness::log::checkpoint::CheckpointAuthority;
use pqlab_harness::log::proof::{verify_consistency, verify_inclusion};
use pqlab_harness::log::storage::{LogStorage, MemoryStorage};
use pqlab_harness::log::{CheckpointBody, Log, bundle, hash};

const VKEY: &str = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
const ORIGIN: &str = "example.com/log/testdata";

fn load(dir: &Path, prefix: &str, store: &MemoryStorage) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("{prefix}{}", path.file_name().unwrap().to_str().unwrap());
        if path.is_dir() {
            load(&path, &format!("{name}/"), store);
        } else {
            store.put(&name, std::fs::read(&path).unwrap());
        }
    }
}

/// Their checkpoints, verified with their key: (size, body, note text).
fn checkpoints(dir: &Path, authority: &Ed25519Note) -> Vec<CheckpointBody> {
    let mut out = Vec::new();
    for n in 0..=15 {
        let note = std::fs::read_to_string(dir.join(format!("checkpoint.{n}"))).unwrap();
        let body = authority
            .verify(&note)
            .expect("tessera checkpoint signature verifies");
        let body = CheckpointBody::parse(&body).unwrap();
        assert_eq!(body.size, n);
        assert_eq!(body.origin, ORIGIN);
        out.push(body);
    }
    let latest = std::fs::read_to_string(dir.join("checkpoint")).unwrap();
    let latest = CheckpointBody::parse(&authority.verify(&latest).unwrap()).unwrap();
    assert_eq!(latest, out[15]);
    out
}

#[test]
fn tessera_log_verifies_and_rebuilds_byte_for_byte() {
    let Some(dir) = pqlab_testdata::corpus(
        "tessera_log_verifies_and_rebuilds_byte_for_byte",
        "tlog-tiles/tessera-testdata/log",
    ) else {
        return;
    };
    let theirs = Arc::new(Ed25519Note::from_vkey(VKEY));
    let bodies = checkpoints(&dir, &theirs);

    // Their whole log audits: checkpoint signature, bundles vs level-0 tile, root.
    let store = MemoryStorage::new();
    load(&dir, "", &store);
    let report = audit(&store, theirs.as_ref()).unwrap();
    assert_eq!(report.checkpoint.size, 15);
    assert_eq!((report.bundles, report.tiles), (1, 1));
    // Every older checkpoint audits too against the partial tiles of its size.
    for (n, _) in bodies.iter().enumerate().skip(1) {
        let older = store.clone();
        let note = std::fs::read(dir.join(format!("checkpoint.{n}"))).unwrap();
        let view = MemoryStorage::new();
        for name in older.names() {
            view.put(&name, older.read(&name).unwrap().unwrap());
        }
        view.put("checkpoint", note);
        assert_eq!(
            audit(&view, theirs.as_ref()).unwrap().checkpoint.size,
            n as u64
        );
    }

    // Rebuild from their entries with our own key, one entry per checkpoint as they did.
    let entries = bundle::decode_bundle(
        "entries",
        &store.read("tile/entries/000.p/15").unwrap().unwrap(),
        15,
    )
    .unwrap();
    let ours_store = MemoryStorage::new();
    let ours = Arc::new(Ed25519Note::generate(ORIGIN, 7));
    let mut log = Log::create(ours_store.clone(), ours).unwrap();
    assert_eq!(log.root(), bodies[0].root);
    let mut compared = 0;
    for (i, entry) in entries.iter().enumerate() {
        let size = i as u64 + 1;
        log.append_batch(&[entry]).unwrap();
        assert_eq!(
            log.root(),
            bodies[size as usize].root,
            "root at size {size}"
        );
        for name in [
            format!("tile/0/000.p/{size}"),
            format!("tile/entries/000.p/{size}"),
        ] {
            assert_eq!(
                ours_store.read(&name).unwrap(),
                store.read(&name).unwrap(),
                "{name} differs"
            );
            compared += 1;
        }
    }
    // Same set of tile objects, byte for byte.
    let tiles = |s: &MemoryStorage| -> Vec<(String, Vec<u8>)> {
        s.names()
            .into_iter()
            .filter(|n| n.starts_with("tile/"))
            .map(|n| {
                let b = s.read(&n).unwrap().unwrap();
                (n, b)
            })
            .collect()
    };
    assert_eq!(tiles(&ours_store), tiles(&store));

    // Proofs from our tiles verify against their signed roots: every inclusion and every
    // consistency pair among the 16 non-empty checkpoints.
    let (mut inclusions, mut pairs) = (0, 0);
    for size in 1..=15u64 {
        for index in 0..size {
            let proof = log.prove_inclusion(index, Some(size)).unwrap();
            let leaf = hash::leaf_hash(&entries[index as usize]);
            verify_inclusion(
                index,
                size,
                &leaf,
                &proof.hashes,
                &bodies[size as usize].root,
            )
            .unwrap();
            inclusions += 1;
        }
    }
    for size1 in 0..=15u64 {
        for size2 in size1..=15u64 {
            let (proof, r1, r2) = log.prove_consistency(size1, Some(size2)).unwrap();
            assert_eq!(r1, bodies[size1 as usize].root);
            assert_eq!(r2, bodies[size2 as usize].root);
            if size1 > 0 {
                verify_consistency(size1, size2, &proof, &r1, &r2).unwrap();
            }
            pairs += 1;
        }
    }
    eprintln!(
        "tessera: 17 checkpoints verified, {compared} tiles/bundles byte-identical, \
         {inclusions} inclusion proofs, {pairs} consistency pairs"
    );
    assert_eq!(pairs, 136);
}

#[test]
fn tessera_checkpoint_tamper_is_rejected() {
    let Some(dir) = pqlab_testdata::corpus(
        "tessera_checkpoint_tamper_is_rejected",
        "tlog-tiles/tessera-testdata/log",
    ) else {
        return;
    };
    let theirs = Ed25519Note::from_vkey(VKEY);
    let store = MemoryStorage::new();
    load(&dir, "", &store);
    // A flipped tile byte is caught by the audit, naming the tile.
    let mut tile = store.read("tile/0/000.p/15").unwrap().unwrap();
    tile[40] ^= 1;
    store.put("tile/0/000.p/15", tile);
    let err = audit(&store, &theirs).unwrap_err().to_string();
    assert!(err.contains("tile/0/000.p/15"), "{err}");
    // A checkpoint whose size was edited no longer verifies.
    let note = std::fs::read_to_string(dir.join("checkpoint")).unwrap();
    let forged = note.replacen("\n15\n", "\n14\n", 1);
    assert!(theirs.verify(&forged).is_err());
}

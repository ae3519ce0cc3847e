//! Property tests (proptest) over random inputs, with modest case counts so the suite stays
//! fast:
//!
//! - Merkle proofs (RFC 9162 §2.1.3, §2.1.4): a tile log of random size built with the log
//!   module proves inclusion of random indices at random tree sizes and consistency between
//!   random sizes; the proofs verify against the naive root, and every mutation (a flipped bit,
//!   a hash dropped or added, a wrong index or size) is rejected.
//! - C2SP tlog-tiles paths: random levels, indices (with `x`-prefixed groups) and widths
//!   round-trip through `path` / `parse_path`, and a group that loses its `x` is refused.
//! - C2SP signed notes: checkpoints with random origins, sizes, roots and extension lines,
//!   signed by random registry algorithms as log or witness, round-trip byte for byte and
//!   verify; a flipped signature bit is refused.
//! - `hashedrekord` 0.0.2 entries: parse(encode(x)) == x, and the encoding is RFC 8785
//!   canonical JSON.

#![allow(clippy::unwrap_used, reason = "test code unwraps")]

#[path = "support/ed25519_note.rs"]
mod ed25519_note;

use std::sync::{Arc, OnceLock};

use pqlab_harness::entry::{EntryShape, HashAlgorithm, HashedRekordV002, VerifierMaterial};
use pqlab_harness::log::hash::{Hash, leaf_hash, subtree_root};
use pqlab_harness::log::layout::{TileId, TileKind, encode_index, parse_index, parse_path};
use pqlab_harness::log::proof::{verify_consistency, verify_inclusion};
use pqlab_harness::log::storage::MemoryStorage;
use pqlab_harness::log::{CheckpointAuthority, Log};
use pqlab_harness::note::{
    Checkpoint, KeyName, Note, NoteSigner, NoteVerifier, SignerRole, VerifierSet,
};
use proptest::prelude::*;

fn entry(i: u64) -> Vec<u8> {
    format!("property leaf {i}").into_bytes()
}

fn authority() -> Arc<dyn CheckpointAuthority> {
    static AUTHORITY: OnceLock<Arc<dyn CheckpointAuthority>> = OnceLock::new();
    AUTHORITY
        .get_or_init(|| Arc::new(ed25519_note::Ed25519Note::generate("example.com/prop", 11)))
        .clone()
}

/// A log of `size` entries appended in batches of `batch`, and its leaf hashes.
fn build_log(size: u64, batch: u64) -> (Log<MemoryStorage>, Vec<Hash>) {
    let mut log = Log::create(MemoryStorage::new(), authority()).unwrap();
    let mut next = 0;
    while next < size {
        let end = (next + batch).min(size);
        let entries: Vec<Vec<u8>> = (next..end).map(entry).collect();
        log.append_batch(&entries).unwrap();
        next = end;
    }
    let leaves = (0..size).map(|i| leaf_hash(&entry(i))).collect();
    (log, leaves)
}

fn flip(hashes: &[Hash], which: usize, bit: usize) -> Vec<Hash> {
    let mut out = hashes.to_vec();
    out[which][bit / 8] ^= 1 << (bit % 8);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn merkle_proofs_verify_and_mutations_fail(
        size in 1u64..1_300,
        batch in 1u64..400,
        index_seed in any::<u64>(),
        size_seed in any::<u64>(),
        old_seed in any::<u64>(),
        which in any::<usize>(),
        bit in 0usize..256,
    ) {
        let (log, leaves) = build_log(size, batch);
        prop_assert_eq!(log.root(), subtree_root(&leaves));
        // Inclusion of a random index in a random tree size (not only the latest).
        let tree_size = 1 + size_seed % size;
        let index = index_seed % tree_size;
        let proof = log.prove_inclusion(index, Some(tree_size)).unwrap();
        let root = subtree_root(&leaves[..tree_size as usize]);
        prop_assert_eq!(proof.root_hash, root);
        let leaf = leaves[index as usize];
        prop_assert!(verify_inclusion(index, tree_size, &leaf, &proof.hashes, &root).is_ok());
        if !proof.hashes.is_empty() {
            let w = which % proof.hashes.len();
            prop_assert!(verify_inclusion(index, tree_size, &leaf, &flip(&proof.hashes, w, bit), &root).is_err());
            prop_assert!(verify_inclusion(index, tree_size, &leaf, &proof.hashes[1..], &root).is_err());
            prop_assert!(verify_inclusion((index + 1) % tree_size, tree_size, &leaf, &proof.hashes, &root).is_err());
        }
        let mut longer = proof.hashes.clone();
        longer.push(leaf);
        prop_assert!(verify_inclusion(index, tree_size, &leaf, &longer, &root).is_err());
        prop_assert!(verify_inclusion(index, tree_size, &flip(&[leaf], 0, bit)[0], &proof.hashes, &root).is_err());

        // Consistency from a random older size to the checkpoint.
        let old = 1 + old_seed % size;
        let (hashes, root1, root2) = log.prove_consistency(old, None).unwrap();
        prop_assert_eq!(root1, subtree_root(&leaves[..old as usize]));
        prop_assert_eq!(root2, log.root());
        prop_assert!(verify_consistency(old, size, &hashes, &root1, &root2).is_ok());
        if !hashes.is_empty() {
            let w = which % hashes.len();
            prop_assert!(verify_consistency(old, size, &flip(&hashes, w, bit), &root1, &root2).is_err());
            prop_assert!(verify_consistency(old, size, &hashes[1..], &root1, &root2).is_err());
            prop_assert!(verify_consistency(old, size, &hashes, &flip(&[root1], 0, bit)[0], &root2).is_err());
        }
        if old < size {
            prop_assert!(verify_consistency(old, size, &hashes, &root1, &flip(&[root2], 0, bit)[0]).is_err());
        }
    }
}

fn tile_index() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..1_000, 1_000u64..1_000_000_000, any::<u64>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tile_paths_round_trip(
        level in prop::option::of(0u8..=63),
        index in tile_index(),
        width in 1u16..=256,
    ) {
        let kind = level.map_or(TileKind::Entries, |level| TileKind::Hashes { level });
        let tile = TileId { kind, index, width };
        let path = tile.path();
        prop_assert_eq!(parse_path(&path).unwrap(), tile);
        // The index is 3-digit groups, every one but the last prefixed `x`.
        let encoded = encode_index(index);
        let groups: Vec<&str> = encoded.split('/').collect();
        let (last, init) = groups.split_last().unwrap();
        prop_assert_eq!(last.len(), 3);
        prop_assert!(init.iter().all(|g| g.len() == 4 && g.starts_with('x')));
        prop_assert_eq!(parse_index(&groups).unwrap(), index);
        let level_part = level.map_or("entries".to_owned(), |l| l.to_string());
        let suffix = if width == 256 { String::new() } else { format!(".p/{width}") };
        prop_assert_eq!(&path, &format!("tile/{level_part}/{encoded}{suffix}"));
        if !init.is_empty() {
            let unprefixed = path.replacen("/x", "/", 1);
            prop_assert!(parse_path(&unprefixed).is_err(), "{}", unprefixed);
        }
        let zero = format!("tile/{level_part}/{encoded}.p/0");
        let full = format!("tile/{level_part}/{encoded}.p/256");
        prop_assert!(parse_path(&zero).is_err());
        prop_assert!(parse_path(&full).is_err());
    }
}

/// Registry algorithms that sign notes in these properties (cheap to generate).
const NOTE_ALGORITHMS: &[&str] = &["ed25519", "ecdsa-p256-sha256", "ml-dsa-44", "fn-dsa-512"];

fn key_name() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9./_-]{0,30}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn signed_notes_round_trip(
        origin in key_name(),
        size in any::<u64>(),
        root in any::<[u8; 32]>(),
        extensions in prop::collection::vec("[^\\p{Cc}]{1,24}", 0..3),
        signers in prop::collection::vec((0..NOTE_ALGORITHMS.len(), any::<bool>(), key_name()), 1..4),
        timestamp in 0u64..(1 << 40),
        seed in any::<u64>(),
        bit in any::<usize>(),
    ) {
        let checkpoint = Checkpoint { origin, size, root_hash: root, extensions };
        let text = checkpoint.format();
        prop_assert_eq!(Checkpoint::parse(&text).unwrap(), checkpoint);

        let mut note = Note::new(&text).unwrap();
        let mut verifiers = VerifierSet::new(Vec::new());
        for (i, (alg, witness, name)) in signers.iter().enumerate() {
            let role = if *witness { SignerRole::Witness } else { SignerRole::Log };
            let name = format!("{name}.{i}");
            let signer = NoteSigner::generate(NOTE_ALGORITHMS[*alg], KeyName::new(&name).unwrap(), role, seed ^ i as u64).unwrap();
            note.add_signature(signer.sign(&text, timestamp).unwrap()).unwrap();
            verifiers.push(NoteVerifier::new(signer.verifier_key().clone()).unwrap());
        }
        let serialized = note.serialize();
        let parsed = Note::parse(&serialized).unwrap();
        prop_assert_eq!(&parsed, &note);
        prop_assert_eq!(parsed.serialize(), serialized);
        let verified = verifiers.verify(&parsed).unwrap();
        prop_assert_eq!(verified.verified.len(), signers.len());

        // One flipped signature bit is refused.
        let mut tampered = parsed.clone();
        let which = bit % tampered.signatures.len();
        let signature = &mut tampered.signatures[which].signature;
        let bit = (bit / 8) % (signature.len() * 8);
        signature[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(verifiers.verify(&Note::parse(&tampered.serialize()).unwrap()).is_err());
    }
}

fn hash_algorithm() -> impl Strategy<Value = HashAlgorithm> {
    prop_oneof![
        Just(HashAlgorithm::Sha2_256),
        Just(HashAlgorithm::Sha2_384),
        Just(HashAlgorithm::Sha2_512),
        Just(HashAlgorithm::Sha3_256),
        Just(HashAlgorithm::Sha3_384),
    ]
}

fn hashedrekord() -> impl Strategy<Value = HashedRekordV002> {
    (
        hash_algorithm(),
        any::<u64>(),
        prop::collection::vec(any::<u8>(), 1..300),
        "[A-Z][A-Z0-9_]{0,30}",
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 1..300),
    )
        .prop_map(
            |(algorithm, seed, signature, details, certificate, material)| {
                let mut rng = pqlab_algorithms::rng::seeded(seed);
                let mut digest = vec![0u8; algorithm.digest_len()];
                pqlab_algorithms::rand_core::Rng::fill_bytes(&mut rng, &mut digest);
                let verifier = if certificate {
                    VerifierMaterial::X509Certificate(material)
                } else {
                    VerifierMaterial::PublicKey(material)
                };
                HashedRekordV002::new(algorithm, digest, signature, &details, verifier).unwrap()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn hashedrekord_round_trips_as_canonical_json(entry in hashedrekord()) {
        let bytes = entry.encode().unwrap();
        let parsed = HashedRekordV002::parse(&bytes).unwrap();
        prop_assert_eq!(&parsed, &entry);
        prop_assert_eq!(parsed.encode().unwrap(), bytes.clone());
        // RFC 8785: re-canonicalizing the parsed JSON value changes nothing; no insignificant
        // white space (no string here can hold a space or a newline).
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        prop_assert_eq!(serde_jcs::to_vec(&value).unwrap(), bytes.clone());
        prop_assert!(!bytes.iter().any(|b| b.is_ascii_whitespace()));
    }
}

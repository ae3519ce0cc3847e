//! `Instance::sign` on every built-in profile: bundles parse back to the value written, their
//! component breakdown adds up to the bytes written, the same seed and clock give the same
//! bytes, repeated signs grow one log, and a failed sign leaves the log unchanged.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::{Instance, PipelineError};
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile::{self, EntryShape, Profile};

const ARTIFACT: &[u8] = b"pqlab pipeline test artifact\n";

/// 2026-11-27T00:00:00Z: a fixed clock so that sizes are exact.
fn clock() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_737_600)
}

fn identity() -> OidcIdentity {
    OidcIdentity::email("signer@pqlab.example", "https://oidc.pqlab.example")
}

fn built_in(name: &str) -> Profile {
    let profiles = profile::built_in();
    profile::find(&profiles, name).unwrap().clone()
}

fn sign_once(profile: &Profile, seed: u64, dsse: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let instance = Instance::create(dir.path(), profile, seed, clock()).unwrap();
    instance
        .sign(ARTIFACT, "artifact.txt", &identity(), dsse, clock())
        .unwrap()
        .json
}

#[test]
fn same_seed_and_clock_give_byte_identical_bundles() {
    let profile = built_in("sigstore-today");
    for dsse in [false, true] {
        let first = sign_once(&profile, 42, dsse);
        let second = sign_once(&profile, 42, dsse);
        assert_eq!(first, second, "dsse={dsse}");
        assert_ne!(first, sign_once(&profile, 43, dsse), "dsse={dsse}");
    }
}

/// Exact sizes of the sigstore-today bundles for seed 42 at [`clock`] (ECDSA signature
/// lengths vary by a byte or two with the seed; the rest is fixed by the formats).
///
/// Measured: message bundle 5,031 bytes (leaf certificate 726, signature 71, hashedrekord
/// 0.0.2 entry 1,339, proof hashes 0 as the first entry, checkpoint body 66 + one Ed25519
/// line 115, timestamp response 1,006, JSON/base64 1,708); DSSE bundle 5,389 bytes.
///
/// Real staging bundles (REFERENCE-NUMBERS.md §C4) are 10.1–11.2 kB. The gap is explained by
/// two components, not by the format: the real Fulcio leaf is 2,101–2,114 B (GitHub Actions
/// identities carry a dozen claim extensions; ours holds an email SAN and the issuer), and it
/// appears twice (base64 in the bundle, base64 of base64 inside the entry: +1.4 kB raw ≈
/// +4.3 kB written); and the staging log is large, so proofs have 8–13 hashes (+0.3–0.6 kB
/// written) where ours has 0–1. Entry 3,175–3,191 B there vs 1,339 B here is the same
/// certificate effect.
#[test]
fn sigstore_today_bundle_sizes_are_exact() {
    let profile = built_in("sigstore-today");
    let dir = tempfile::tempdir().unwrap();
    let instance = Instance::create(dir.path(), &profile, 42, clock()).unwrap();
    let message = instance
        .sign(ARTIFACT, "artifact.txt", &identity(), false, clock())
        .unwrap();
    let dsse = instance
        .sign(ARTIFACT, "artifact.txt", &identity(), true, clock())
        .unwrap();
    eprintln!("message: {} {:?}", message.json.len(), message.sizes);
    eprintln!("dsse: {} {:?}", dsse.json.len(), dsse.sizes);
    assert_eq!(message.sizes.total(), message.json.len() as u64);
    assert_eq!(dsse.sizes.total(), dsse.json.len() as u64);
    assert_eq!(message.json.len(), MESSAGE_BYTES);
    assert_eq!(dsse.json.len(), DSSE_BYTES);
    // The second entry of the log has one proof hash.
    assert_eq!(dsse.sizes.inclusion_proof, 32);
    assert_eq!(message.sizes.checkpoint.log_signatures.len(), 1);
    assert!(message.sizes.checkpoint.cosignatures.is_empty());
}

const MESSAGE_BYTES: usize = 5_031;
const DSSE_BYTES: usize = 5_389;

#[test]
fn every_built_in_profile_signs_and_its_bundle_parses_back() {
    let mut ran = 0;
    for profile in profile::built_in() {
        let dir = tempfile::tempdir().unwrap();
        let started = std::time::Instant::now();
        let instance = Instance::create(dir.path(), &profile, 1, clock()).unwrap();
        let outcome = instance
            .sign(ARTIFACT, "artifact.txt", &identity(), false, clock())
            .unwrap();
        let parsed = Bundle::parse(outcome.json.as_bytes()).unwrap();
        assert_eq!(parsed, outcome.bundle, "{}", profile.name);
        assert_eq!(
            outcome.sizes.total(),
            outcome.json.len() as u64,
            "{}",
            profile.name
        );
        assert_eq!(
            outcome.sizes.checkpoint.log_signatures.len(),
            profile.checkpoint.len(),
            "{}",
            profile.name
        );
        assert_eq!(
            outcome.sizes.checkpoint.cosignatures.len(),
            usize::from(profile.witnesses),
            "{}",
            profile.name
        );
        let entry = &parsed.tlog_entries[0];
        let expected_kind = match profile.entry_shape {
            EntryShape::Hashedrekord => "hashedrekord",
            EntryShape::HashOnly => pqlab_harness::pipeline::HASH_ONLY_KIND,
        };
        assert_eq!(entry.kind, expected_kind, "{}", profile.name);
        assert_eq!(entry.integrated_time, None);
        let root =
            TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).unwrap()).unwrap();
        assert_eq!(
            root.tlogs.len(),
            profile.checkpoint.len(),
            "{}",
            profile.name
        );
        assert_eq!(root.tlogs[0].log_id, entry.log_id, "{}", profile.name);
        assert_eq!(root.tlogs[0].base_url, "https://log.pqlab.example");
        eprintln!(
            "{:<28} {:>7} bytes in {:>6.2?}  {:?}",
            profile.name,
            outcome.json.len(),
            started.elapsed(),
            outcome.sizes
        );
        ran += 1;
    }
    eprintln!("signed with {ran} built-in profiles");
}

#[test]
fn repeated_signs_grow_one_log_and_reopen() {
    let profile = built_in("sigstore-today-witnessed");
    let dir = tempfile::tempdir().unwrap();
    Instance::create(dir.path(), &profile, 5, clock()).unwrap();
    for i in 0..3u64 {
        let instance = Instance::open(dir.path()).unwrap();
        let outcome = instance
            .sign(ARTIFACT, "artifact.txt", &identity(), false, clock())
            .unwrap();
        let entry = &outcome.bundle.tlog_entries[0];
        assert_eq!(entry.log_index, i);
        assert_eq!(entry.inclusion_proof.as_ref().unwrap().tree_size, i + 1);
        assert_eq!(outcome.sizes.checkpoint.cosignatures.len(), 2);
    }
    assert_eq!(Instance::open(dir.path()).unwrap().log_size().unwrap(), 3);
    assert!(matches!(
        Instance::create(dir.path(), &profile, 5, clock()),
        Err(PipelineError::Exists(_))
    ));
}

#[test]
fn a_failed_sign_leaves_the_log_unchanged() {
    let profile = built_in("sigstore-today");
    let dir = tempfile::tempdir().unwrap();
    let instance = Instance::create(dir.path(), &profile, 9, clock()).unwrap();
    instance
        .sign(ARTIFACT, "artifact.txt", &identity(), false, clock())
        .unwrap();
    let checkpoint = std::fs::read(dir.path().join("log/checkpoint")).unwrap();
    for bad in [
        OidcIdentity::email("", "https://oidc.pqlab.example"),
        OidcIdentity::email("signer@pqlab.example", ""),
    ] {
        let err = instance
            .sign(ARTIFACT, "artifact.txt", &bad, false, clock())
            .unwrap_err();
        assert!(matches!(err, PipelineError::Pki(_)), "{err}");
        assert_eq!(instance.log_size().unwrap(), 1);
        assert_eq!(
            std::fs::read(dir.path().join("log/checkpoint")).unwrap(),
            checkpoint
        );
    }
}

#[test]
fn secret_keys_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    Instance::create(dir.path(), &built_in("sigstore-today"), 3, clock()).unwrap();
    let mode = std::fs::metadata(dir.path().join("secret-keys.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn stateful_algorithms_are_refused_where_keys_sign_repeatedly() {
    let Some(lms) = pqlab_algorithms::registry::all()
        .find(|a| a.info.stateful)
        .map(|a| a.info.id)
    else {
        eprintln!("no stateful algorithm registered");
        return;
    };
    let mut profile = built_in("sigstore-today");
    profile.tsa = lms.to_owned();
    let dir = tempfile::tempdir().unwrap();
    let err = Instance::create(dir.path(), &profile, 1, clock()).unwrap_err();
    assert!(matches!(err, PipelineError::Stateful(_)), "{err}");
    assert!(!Instance::exists(dir.path()));
}

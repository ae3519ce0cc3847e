//! Post-quantum and composite certificates: sizes against the composite draft's self-signed
//! certificates (`REFERENCE-NUMBERS.md` §C3, decoded from `testdata/composite-mldsa`), and a
//! full PKI (CA, CT log, TSA) per post-quantum algorithm that verifies.
//!
//! Our self-signed root differs from the draft's certificate only in its profile: the draft
//! names `O=IETF, OU=LAMPS, CN=<oid name>` and carries one extension (KeyUsage); ours names
//! `O=simulated.example, CN=sim-fulcio-root` and carries BasicConstraints, KeyUsage, SKI and
//! AKI (Fulcio's CA profile). The public key and signature encodings are byte-for-byte the
//! same size, which the test asserts, so the difference is all profile.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use der::{Decode, Encode};
use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::verify;
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity, Tsa};

/// (registry id, draft tcId, draft size, our root size for seed 1 at 2026-01-01).
///
/// Ours are 50–84 B larger, all of it profile (the key and signature sizes are asserted equal):
/// BasicConstraints, SKI and AKI extensions (the draft has KeyUsage only) outweigh our shorter
/// names (two RDNs instead of three).
const CASES: &[(&str, &str, usize, usize)] = &[
    ("ml-dsa-44", "id-ML-DSA-44", 3984, 4068),
    ("ml-dsa-65", "id-ML-DSA-65", 5513, 5597),
    ("ml-dsa-87", "id-ML-DSA-87", 7471, 7555),
    (
        "composite-ml-dsa-44-ed25519",
        "id-MLDSA44-Ed25519-SHA512",
        4103,
        4161,
    ),
    (
        "composite-ml-dsa-65-ed25519",
        "id-MLDSA65-Ed25519-SHA512",
        5632,
        5690,
    ),
    (
        "composite-ml-dsa-65-ecdsa-p256",
        "id-MLDSA65-ECDSA-P256-SHA512",
        5679,
        5729,
    ),
    (
        "composite-ml-dsa-87-ecdsa-p384",
        "id-MLDSA87-ECDSA-P384-SHA512",
        7701,
        7752,
    ),
];

/// (SPKI DER length, signature BIT STRING content length).
fn key_and_signature(cert_der: &[u8]) -> (usize, usize) {
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    (
        cert.tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .unwrap()
            .len(),
        cert.signature().raw_bytes().len(),
    )
}

#[test]
fn self_signed_sizes_against_the_composite_draft() {
    let Some(path) = pqlab_testdata::corpus(
        "self_signed_sizes_against_the_composite_draft",
        "composite-mldsa/testvectors.json",
    ) else {
        return;
    };
    let vectors: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let mut ran = 0;
    let mut measured = Vec::new();
    for &(id, tc, draft_size, our_size) in CASES {
        if registry::lookup(id).is_err() {
            eprintln!("{id}: not registered in this build, skipped");
            continue;
        }
        let draft = vectors["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tcId"] == tc)
            .unwrap();
        let draft_der = STANDARD.decode(draft["x5c"].as_str().unwrap()).unwrap();
        assert_eq!(draft_der.len(), draft_size, "{tc}");
        let ca = Authority::generate(id, id, 1, now).unwrap();
        let ours = ca.root_der();
        // Same key and signature encodings as the draft (variable-length ECDSA components
        // inside composite signatures may differ by a byte or two).
        let (our_spki, our_sig) = key_and_signature(ours);
        let (their_spki, their_sig) = key_and_signature(&draft_der);
        assert_eq!(our_spki, their_spki, "{id}: SPKI size");
        assert!(
            our_sig.abs_diff(their_sig) <= 4,
            "{id}: signature {our_sig} vs {their_sig}"
        );
        measured.push((id, ours.len(), draft_size));
        assert_eq!(
            ours.len(),
            our_size,
            "{id}: our root is {} B, draft {draft_size} B",
            ours.len()
        );
        ran += 1;
    }
    eprintln!("{ran} self-signed certificates compared: {measured:?}");
}

#[test]
fn post_quantum_pki_issues_and_verifies() {
    let now = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let mut ran = 0;
    for &(id, ..) in CASES {
        if registry::lookup(id).is_err() {
            continue;
        }
        let mut ca = Authority::generate(id, id, 2, now).unwrap();
        let mut ct = CtLog::generate(id, 3).unwrap();
        let mut tsa = Tsa::generate(id, id, 4, now).unwrap();
        let imp = registry::lookup(id).unwrap().default_implementation();
        let pair = imp.generate(&mut rng::seeded(5)).unwrap();
        let spki = encoding::spki_der(imp.info(), &pair.public).unwrap();
        let identity =
            OidcIdentity::email("alice@simulated.example", "https://oidc.simulated.example");
        let leaf = ca.issue_leaf(&identity, &spki, &mut ct, now).unwrap();
        let verified = verify::verify_fulcio_leaf(
            &leaf.der,
            &[ca.intermediate_der().to_vec()],
            &[ca.root_der().to_vec()],
            &[ct.spki_der().to_vec()],
            now,
        )
        .unwrap();
        assert_eq!(verified.identity, identity);
        assert!(leaf.sct.signature_code >= 224, "{id}: private-use SCT code");
        let tsr = tsa.timestamp(b"sig", now).unwrap();
        verify::verify_timestamp(&tsr, b"sig", &[], &[tsa.root_der().to_vec()]).unwrap();
        eprintln!(
            "{id}: root {} B, intermediate {} B, leaf {} B (leaf+intermediate {} B), TSA response {} B",
            ca.root_der().len(),
            ca.intermediate_der().len(),
            leaf.der.len(),
            leaf.der.len() + ca.intermediate_der().len(),
            tsr.len()
        );
        ran += 1;
    }
    eprintln!("{ran} post-quantum PKIs verified");
}

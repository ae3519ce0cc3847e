//! The classical PKI (the `sigstore-today` profile: ECDSA P-384 CA, ECDSA P-256 CT log, TSA
//! and leaf) issued and verified by pqlab, with exact sizes for a fixed seed and clock.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::verify::{self, Purpose};
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity, PkiError, Tsa};

/// 2026-01-01T00:00:00Z.
fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

struct Pki {
    ca: Authority,
    ct: CtLog,
    tsa: Tsa,
}

fn classical(seed: u64) -> Pki {
    Pki {
        ca: Authority::generate("ecdsa-p384-sha384", "ecdsa-p384-sha384", seed, t0()).unwrap(),
        ct: CtLog::generate("ecdsa-p256-sha256", seed + 1).unwrap(),
        tsa: Tsa::generate("ecdsa-p384-sha384", "ecdsa-p256-sha256", seed + 2, t0()).unwrap(),
    }
}

fn leaf_spki(seed: u64) -> Vec<u8> {
    let imp = registry::lookup_implementation("ecdsa-p256-sha256@rustcrypto").unwrap();
    let pair = imp.generate(&mut rng::seeded(seed)).unwrap();
    encoding::spki_der(imp.info(), &pair.public).unwrap()
}

fn identity() -> OidcIdentity {
    OidcIdentity::email("alice@simulated.example", "https://oidc.simulated.example")
}

#[test]
fn leaf_chain_sct_and_timestamp_verify() {
    let mut pki = classical(7);
    let now = t0() + Duration::from_secs(60);
    let leaf = pki
        .ca
        .issue_leaf(&identity(), &leaf_spki(99), &mut pki.ct, now)
        .unwrap();
    let verified = verify::verify_fulcio_leaf(
        &leaf.der,
        &[pki.ca.intermediate_der().to_vec()],
        &[pki.ca.root_der().to_vec()],
        &[pki.ct.spki_der().to_vec()],
        now + Duration::from_secs(30),
    )
    .unwrap();
    assert_eq!(verified.identity, identity());
    assert_eq!(verified.chain.len(), 3);
    assert_eq!(verified.sct, leaf.sct);
    assert_eq!(verified.sct.hash_code, 4);
    assert_eq!(verified.sct.signature_code, 3);

    let signature = b"signature bytes to timestamp";
    let tsr = pki.tsa.timestamp(signature, now).unwrap();
    let ts = verify::verify_timestamp(
        &tsr,
        signature,
        &[pki.tsa.leaf_der().to_vec()],
        &[pki.tsa.root_der().to_vec()],
    )
    .unwrap();
    assert_eq!(ts.gen_time, now);
    assert_eq!(ts.chain.len(), 2);
}

#[test]
fn everything_is_deterministic_for_a_seed_and_clock() {
    let run = || {
        let mut pki = classical(11);
        let now = t0() + Duration::from_secs(5);
        let leaf = pki
            .ca
            .issue_leaf(&identity(), &leaf_spki(1), &mut pki.ct, now)
            .unwrap();
        let tsr = pki.tsa.timestamp(b"sig", now).unwrap();
        (
            pki.ca.root_der().to_vec(),
            pki.ca.intermediate_der().to_vec(),
            leaf.der,
            tsr,
        )
    };
    assert_eq!(run(), run());
}

#[test]
fn state_round_trips_and_keeps_issuing_verifiable_leaves() {
    let pki = classical(3);
    let json = serde_json::to_string(&pki.ca.state()).unwrap();
    let mut restored = Authority::from_state(&serde_json::from_str(&json).unwrap(), 42).unwrap();
    assert_eq!(restored.root_der(), pki.ca.root_der());
    let ct_json = serde_json::to_string(&pki.ct.material()).unwrap();
    let mut ct = CtLog::from_material(&serde_json::from_str(&ct_json).unwrap(), 5).unwrap();
    let now = t0() + Duration::from_secs(100);
    let leaf = restored
        .issue_leaf(&identity(), &leaf_spki(2), &mut ct, now)
        .unwrap();
    verify::verify_fulcio_leaf(
        &leaf.der,
        &[pki.ca.intermediate_der().to_vec()],
        &[pki.ca.root_der().to_vec()],
        &[pki.ct.spki_der().to_vec()],
        now,
    )
    .unwrap();
    let tsa_json = serde_json::to_string(&pki.tsa.state()).unwrap();
    let mut tsa = Tsa::from_state(&serde_json::from_str(&tsa_json).unwrap(), 9).unwrap();
    let tsr = tsa.timestamp(b"x", now).unwrap();
    verify::verify_timestamp(&tsr, b"x", &[], &[pki.tsa.root_der().to_vec()]).unwrap();
    // A TSA state whose leaf certificate belongs to another key is refused.
    let mut bad = pki.tsa.state();
    bad.leaf_certificate = bad.root_certificate.clone();
    assert!(matches!(
        Tsa::from_state(&bad, 1),
        Err(PkiError::KeyMaterial(_))
    ));
}

#[test]
fn chain_sizes_are_exact() {
    let mut pki = classical(7);
    let now = t0() + Duration::from_secs(60);
    let leaf = pki
        .ca
        .issue_leaf(&identity(), &leaf_spki(99), &mut pki.ct, now)
        .unwrap();
    let tsr = pki.tsa.timestamp(&[0u8; 72], now).unwrap();
    let sizes = [
        ("root", pki.ca.root_der().len()),
        ("intermediate", pki.ca.intermediate_der().len()),
        ("leaf", leaf.der.len()),
        ("tsa root", pki.tsa.root_der().len()),
        ("tsa leaf", pki.tsa.leaf_der().len()),
        ("timestamp response", tsr.len()),
    ];
    eprintln!("{sizes:?}");
    // ECDSA DER signatures vary by a byte or two with the leading bits of r and s; the
    // figures hold for this seed and clock.
    assert_eq!(
        sizes,
        [
            ("root", 533),
            ("intermediate", 563),
            ("leaf", 738),
            ("tsa root", 526),
            ("tsa leaf", 511),
            ("timestamp response", 1037),
        ]
    );
}

#[test]
fn time_and_purpose_checks_name_themselves() {
    let mut pki = classical(7);
    let now = t0() + Duration::from_secs(60);
    let leaf = pki
        .ca
        .issue_leaf(&identity(), &leaf_spki(99), &mut pki.ct, now)
        .unwrap();
    let inter = [pki.ca.intermediate_der().to_vec()];
    let root = [pki.ca.root_der().to_vec()];
    let ct = [pki.ct.spki_der().to_vec()];
    let expired = verify::verify_fulcio_leaf(
        &leaf.der,
        &inter,
        &root,
        &ct,
        now + Duration::from_secs(601),
    );
    assert!(
        matches!(expired, Err(PkiError::Expired { .. })),
        "{expired:?}"
    );
    let early =
        verify::verify_fulcio_leaf(&leaf.der, &inter, &root, &ct, now - Duration::from_secs(1));
    assert!(
        matches!(early, Err(PkiError::NotYetValid { .. })),
        "{early:?}"
    );
    let purpose = verify::verify_chain(&leaf.der, &inter, &root, now, Purpose::TimeStamping);
    assert!(
        matches!(purpose, Err(PkiError::ExtendedKeyUsage { .. })),
        "{purpose:?}"
    );
    let no_issuer = verify::verify_chain(&leaf.der, &[], &root, now, Purpose::CodeSigning);
    assert!(
        matches!(no_issuer, Err(PkiError::IssuerNotFound { .. })),
        "{no_issuer:?}"
    );
    let other = classical(8);
    let wrong_root = verify::verify_chain(
        &leaf.der,
        &inter,
        &[other.ca.root_der().to_vec()],
        now,
        Purpose::CodeSigning,
    );
    assert!(
        matches!(wrong_root, Err(PkiError::BadSignature { .. })),
        "{wrong_root:?}"
    );
    let wrong_log = verify::verify_fulcio_leaf(
        &leaf.der,
        &inter,
        &root,
        &[other.ct.spki_der().to_vec()],
        now,
    );
    assert!(
        matches!(wrong_log, Err(PkiError::UnknownCtLog { .. })),
        "{wrong_log:?}"
    );
    // The TSA leaf is not a code-signing certificate, and a Fulcio leaf cannot timestamp.
    let tsa_as_leaf = verify::verify_chain(
        pki.tsa.leaf_der(),
        &[],
        &[pki.tsa.root_der().to_vec()],
        now,
        Purpose::CodeSigning,
    );
    assert!(
        matches!(tsa_as_leaf, Err(PkiError::ExtendedKeyUsage { .. })),
        "{tsa_as_leaf:?}"
    );
}

/// (OID, critical) of every extension, in order.
fn extensions(cert_der: &[u8]) -> Vec<(String, bool)> {
    use der::Decode as _;
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    cert.tbs_certificate()
        .extensions()
        .unwrap()
        .iter()
        .map(|e| (e.extn_id.to_string(), e.critical))
        .collect()
}

fn shape(list: &[(&str, bool)]) -> Vec<(String, bool)> {
    list.iter().map(|(o, c)| ((*o).to_owned(), *c)).collect()
}

#[test]
fn extension_order_and_criticality_follow_the_profiles() {
    let mut pki = classical(7);
    let leaf = pki
        .ca
        .issue_leaf(&identity(), &leaf_spki(99), &mut pki.ct, t0())
        .unwrap();
    // Fulcio leaf: KU, EKU, SKI, AKI, SAN, .1.1, .1.8, SCT (FORMATS.md §4).
    assert_eq!(
        extensions(&leaf.der),
        shape(&[
            ("2.5.29.15", true),
            ("2.5.29.37", false),
            ("2.5.29.14", false),
            ("2.5.29.35", false),
            ("2.5.29.17", true),
            ("1.3.6.1.4.1.57264.1.1", false),
            ("1.3.6.1.4.1.57264.1.8", false),
            ("1.3.6.1.4.1.11129.2.4.2", false),
        ])
    );
    let ca = [
        ("2.5.29.19", true),
        ("2.5.29.15", true),
        ("2.5.29.14", false),
        ("2.5.29.35", false),
    ];
    assert_eq!(extensions(pki.ca.root_der()), shape(&ca));
    assert_eq!(extensions(pki.tsa.root_der()), shape(&ca));
    let mut intermediate = ca.to_vec();
    intermediate.push(("2.5.29.37", false));
    assert_eq!(extensions(pki.ca.intermediate_der()), shape(&intermediate));
    // TSA leaf: BC CA:false, KU digitalSignature, EKU timeStamping critical, SKI, AKI.
    assert_eq!(
        extensions(pki.tsa.leaf_der()),
        shape(&[
            ("2.5.29.19", true),
            ("2.5.29.15", true),
            ("2.5.29.37", true),
            ("2.5.29.14", false),
            ("2.5.29.35", false),
        ])
    );
    // Ten-minute validity, empty subject, positive serial of at most 20 bytes.
    use der::Decode as _;
    let cert = x509_cert::Certificate::from_der(&leaf.der).unwrap();
    let tbs = cert.tbs_certificate();
    let validity = tbs.validity();
    assert_eq!(
        validity.not_after.to_unix_duration() - validity.not_before.to_unix_duration(),
        Duration::from_secs(600)
    );
    assert!(tbs.subject().is_empty());
    let serial = tbs.serial_number().as_bytes();
    assert!(serial.len() <= 20 && serial[0] & 0x80 == 0);
    // The precertificate TBS is the final TBS without the SCT extension.
    assert!(leaf.precertificate_tbs.len() < leaf.der.len());
}

//! Bad input gets typed errors naming the check, never a panic: sigstore-python's bogus
//! certificates (bad KU/EKU/BasicConstraints), malformed DER, wrong OIDs, missing or extra
//! SCTs, tampered tokens, tokens over the wrong bytes.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use der::{Decode, Encode};
use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::verify::{self, Purpose};
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity, PkiError, Tsa};

fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

fn pem_file(name: &str) -> Option<Vec<u8>> {
    let path = pqlab_testdata::corpus(
        "bogus_certificates_fail_for_the_right_reason",
        &format!("x509-sigstore-python/{name}"),
    )?;
    let text = std::fs::read(path).unwrap();
    Some(der::pem::decode_vec(&text).unwrap().1)
}

#[test]
fn bogus_certificates_fail_for_the_right_reason() {
    type Check = fn(&[u8]) -> Result<(), PkiError>;
    let leaf: Check = |d| verify::check_end_entity_certificate(d, Purpose::CodeSigning);
    let ca: Check = |d| verify::check_ca_certificate(d, Purpose::CodeSigning);
    let cases: [(&str, Check, &str); 10] = [
        ("bogus-leaf.pem", leaf, "ok"),
        ("bogus-leaf-invalid-eku.pem", leaf, "eku"),
        ("bogus-leaf-missing-eku.pem", leaf, "eku"),
        ("bogus-leaf-invalid-ku.pem", leaf, "ku"),
        ("bogus-root.pem", ca, "ok"),
        ("bogus-intermediate.pem", ca, "ok"),
        ("bogus-intermediate-with-eku.pem", ca, "ok"),
        ("bogus-root-invalid-ku.pem", ca, "ku"),
        ("bogus-root-missing-ku.pem", ca, "ku"),
        ("bogus-root-noncritical-bc.pem", ca, "bc"),
    ];
    let mut ran = 0;
    for (file, check, expected) in cases {
        let Some(der) = pem_file(file) else { return };
        let result = check(&der);
        let got = match &result {
            Ok(()) => "ok",
            Err(PkiError::ExtendedKeyUsage { .. }) => "eku",
            Err(PkiError::KeyUsage { .. }) => "ku",
            Err(PkiError::BasicConstraints { .. }) => "bc",
            Err(_) => "other",
        };
        assert_eq!(got, expected, "{file}: {result:?}");
        ran += 1;
    }
    // The bogus leaf chains to its own RSA root (RSA PKCS#1 v1.5 is verified for real CA
    // certificates), but not to one of our roots.
    let bogus_leaf = pem_file("bogus-leaf.pem").unwrap();
    let own = verify::verify_chain(
        &bogus_leaf,
        &[],
        &[pem_file("bogus-root.pem").unwrap()],
        t0(),
        Purpose::CodeSigning,
    );
    assert_eq!(own.map(|c| c.len()).ok(), Some(2));
    let ours = verify::verify_chain(
        &bogus_leaf,
        &[],
        &[fixture().ca.root_der().to_vec()],
        t0(),
        Purpose::CodeSigning,
    );
    assert!(ours.is_err());
    eprintln!("{ran} bogus certificates classified");
}

struct Fixture {
    ca: Authority,
    ct: CtLog,
    tsa: Tsa,
    leaf: Vec<u8>,
}

fn fixture() -> Fixture {
    let mut ca = Authority::generate("ed25519", "ed25519", 1, t0()).unwrap();
    let mut ct = CtLog::generate("ed25519", 2).unwrap();
    let tsa = Tsa::generate("ed25519", "ed25519", 3, t0()).unwrap();
    let imp = registry::lookup("ed25519")
        .unwrap()
        .default_implementation();
    let pair = imp.generate(&mut rng::seeded(4)).unwrap();
    let spki = encoding::spki_der(imp.info(), &pair.public).unwrap();
    let identity = OidcIdentity::uri(
        "https://github.com/example/repo/.github/workflows/release.yml@refs/heads/main",
        "https://token.actions.githubusercontent.com",
    );
    let leaf = ca.issue_leaf(&identity, &spki, &mut ct, t0()).unwrap().der;
    Fixture { ca, ct, tsa, leaf }
}

fn check_leaf(f: &Fixture, leaf: &[u8]) -> Result<(), PkiError> {
    verify::verify_fulcio_leaf(
        leaf,
        &[f.ca.intermediate_der().to_vec()],
        &[f.ca.root_der().to_vec()],
        &[f.ct.spki_der().to_vec()],
        t0(),
    )
    .map(|_| ())
}

/// Re-encodes a certificate after `edit` on its extensions (signature left as it was),
/// walking the DER generically: Certificate and TBSCertificate as SEQUENCE OF ANY.
fn edit_cert(der_bytes: &[u8], edit: impl FnOnce(&mut Vec<x509_cert::ext::Extension>)) -> Vec<u8> {
    let mut cert: Vec<der::Any> = Vec::from_der(der_bytes).unwrap();
    let mut tbs: Vec<der::Any> = cert[0].decode_as().unwrap();
    let last = tbs.len() - 1;
    let mut exts: Vec<x509_cert::ext::Extension> = Vec::from_der(tbs[last].value()).unwrap();
    edit(&mut exts);
    let wrapped = der::asn1::ContextSpecific {
        tag_number: der::TagNumber(3),
        tag_mode: der::TagMode::Explicit,
        value: exts,
    };
    tbs[last] = der::Any::from_der(&wrapped.to_der().unwrap()).unwrap();
    cert[0] = der::Any::from_der(&tbs.to_der().unwrap()).unwrap();
    cert.to_der().unwrap()
}

#[test]
fn malformed_der_is_a_typed_error() {
    let f = fixture();
    for bad in [
        &b""[..],
        &b"\x30\x03\x02\x01"[..],
        &f.leaf[..f.leaf.len() - 1],
        b"not der",
    ] {
        let r = check_leaf(&f, bad);
        assert!(matches!(r, Err(PkiError::Der { .. })), "{r:?}");
        let r = verify::verify_timestamp(bad, b"x", &[], &[f.tsa.root_der().to_vec()]);
        assert!(matches!(r, Err(PkiError::Der { .. })), "{r:?}");
    }
    let mut flipped = f.leaf.clone();
    let n = flipped.len() - 10;
    flipped[n] ^= 1;
    let r = check_leaf(&f, &flipped);
    assert!(matches!(r, Err(PkiError::BadSignature { .. })), "{r:?}");
}

#[test]
fn wrong_signature_oid_is_named() {
    let f = fixture();
    // Replace the Ed25519 OID 1.3.101.112 in both signature AlgorithmIdentifiers by Ed448's.
    let mut leaf = f.leaf.clone();
    let ed25519 = [0x06, 0x03, 0x2b, 0x65, 0x70];
    let mut replaced = 0;
    let mut i = 0;
    while i + ed25519.len() <= leaf.len() {
        if leaf[i..i + ed25519.len()] == ed25519 && leaf[i - 2] == 0x30 && leaf[i - 1] == 0x05 {
            leaf[i + 4] = 0x71;
            replaced += 1;
        }
        i += 1;
    }
    assert!(replaced >= 2);
    let r = check_leaf(&f, &leaf);
    assert!(
        matches!(
            r,
            Err(PkiError::SignatureAlgorithmMismatch { .. }) | Err(PkiError::Algorithm(_))
        ),
        "{r:?}"
    );
}

#[test]
fn missing_or_extra_scts_are_counted() {
    let f = fixture();
    let sct_oid = der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11129.2.4.2");
    let logs = [f.ct.spki_der().to_vec()];
    let inter = f.ca.intermediate_der();
    // The editor is faithful: no edit reproduces the certificate byte for byte.
    assert_eq!(edit_cert(&f.leaf, |_| {}), f.leaf);
    verify::verify_embedded_sct(&f.leaf, inter, &logs).unwrap();
    let none = edit_cert(&f.leaf, |exts| exts.retain(|e| e.extn_id != sct_oid));
    let r = verify::verify_embedded_sct(&none, inter, &logs);
    assert!(matches!(r, Err(PkiError::SctCount { found: 0 })), "{r:?}");
    // Whole-certificate verification fails first on the intermediate's signature.
    let r = check_leaf(&f, &none);
    assert!(matches!(r, Err(PkiError::BadSignature { .. })), "{r:?}");
    let two = edit_cert(&f.leaf, |exts| {
        let ext = exts.iter_mut().find(|e| e.extn_id == sct_oid).unwrap();
        let inner = der::asn1::OctetString::from_der(ext.extn_value.as_bytes()).unwrap();
        let list = &inner.as_bytes()[2..];
        let doubled = [list, list].concat();
        let mut tls = u16::try_from(doubled.len()).unwrap().to_be_bytes().to_vec();
        tls.extend_from_slice(&doubled);
        let value = der::asn1::OctetString::new(tls).unwrap().to_der().unwrap();
        ext.extn_value = der::asn1::OctetString::new(value).unwrap();
    });
    let r = verify::verify_embedded_sct(&two, inter, &logs);
    assert!(matches!(r, Err(PkiError::SctCount { found: 2 })), "{r:?}");
    let garbage = edit_cert(&f.leaf, |exts| {
        let ext = exts.iter_mut().find(|e| e.extn_id == sct_oid).unwrap();
        let value = der::asn1::OctetString::new(vec![0, 5, 0, 3, 1, 2, 3]).unwrap();
        ext.extn_value = der::asn1::OctetString::new(value.to_der().unwrap()).unwrap();
    });
    let r = verify::verify_embedded_sct(&garbage, inter, &logs);
    assert!(matches!(r, Err(PkiError::MalformedSct(_))), "{r:?}");
    // An SCT checked against the wrong issuer key hash does not verify.
    let r = verify::verify_embedded_sct(&f.leaf, f.ca.root_der(), &logs);
    assert!(matches!(r, Err(PkiError::BadSignature { .. })), "{r:?}");
    // The SCT over a different precertificate (another extension changed) fails too.
    let other_issuer = edit_cert(&f.leaf, |exts| {
        let v1 = der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.4.1.57264.1.1");
        let ext = exts.iter_mut().find(|e| e.extn_id == v1).unwrap();
        ext.extn_value = der::asn1::OctetString::new(b"https://evil.example".to_vec()).unwrap();
    });
    let r = verify::verify_embedded_sct(&other_issuer, inter, &logs);
    assert!(matches!(r, Err(PkiError::BadSignature { .. })), "{r:?}");
}

#[test]
fn timestamp_rejections_name_the_check() {
    let mut f = fixture();
    let tsr = f.tsa.timestamp(b"signature", t0()).unwrap();
    let anchors = [f.tsa.root_der().to_vec()];
    verify::verify_timestamp(&tsr, b"signature", &[], &anchors).unwrap();
    let r = verify::verify_timestamp(&tsr, b"other", &[], &anchors);
    assert!(matches!(r, Err(PkiError::ImprintMismatch)), "{r:?}");
    let r = verify::verify_timestamp(&tsr, b"signature", &[], &[f.ca.root_der().to_vec()]);
    assert!(r.is_err(), "foreign anchor accepted");
    // Flip a byte inside the TSTInfo serial: messageDigest no longer matches.
    let tst_marker = [
        0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x02,
    ];
    let pos = tsr
        .windows(tst_marker.len())
        .position(|w| w == tst_marker)
        .unwrap();
    let mut tampered = tsr.clone();
    tampered[pos + tst_marker.len() + 53] ^= 1;
    let r = verify::verify_timestamp(&tampered, b"signature", &[], &anchors);
    assert!(
        matches!(
            r,
            Err(PkiError::Timestamp {
                check: "messageDigest",
                ..
            }) | Err(PkiError::ImprintMismatch)
        ),
        "{r:?}"
    );
    // A TSA leaf that expired before genTime.
    let late = t0() + Duration::from_secs(3651 * 24 * 3600);
    let tsr = f.tsa.timestamp(b"signature", late).unwrap();
    let r = verify::verify_timestamp(&tsr, b"signature", &[], &anchors);
    assert!(
        matches!(r, Err(PkiError::GenTimeOutsideValidity { .. })),
        "{r:?}"
    );
}

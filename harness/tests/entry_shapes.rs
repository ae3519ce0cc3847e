//! Entry shapes: hashedrekord 0.0.2 byte-identical to what Rekor v2 logged (every Rekor v2
//! `canonicalizedBody` in the sigstore-conformance bundles), known answers computed
//! independently (Python `json.dumps(sort_keys=True, separators=(",", ":"))` and `hashlib`),
//! the identity leaf, the u16 size limit, and typed errors for bad entries.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_harness::entry::{
    Entry, EntryError, EntryShape, HashAlgorithm, HashedRekordV002, IdentityLeaf, MAX_ENTRY_SIZE,
    VerifierMaterial, leaf_hash,
};
use serde_json::Value;

const KAT_BODY: &str = r#"{"apiVersion":"0.0.2","kind":"hashedrekord","spec":{"hashedRekordV002":{"data":{"algorithm":"SHA2_256","digest":"IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiI="},"signature":{"content":"c2ln","verifier":{"keyDetails":"PKIX_ED25519","publicKey":{"rawBytes":"c3BraQ=="}}}}}}"#;
const KAT_LEAF: &str = "f15f2927c9f45385f6c31cc1692a0c0653b8f1e88f30328b2673bdd026b70b45";

fn kat_entry() -> HashedRekordV002 {
    HashedRekordV002::new(
        HashAlgorithm::Sha2_256,
        vec![0x22; 32],
        b"sig".to_vec(),
        "PKIX_ED25519",
        VerifierMaterial::PublicKey(b"spki".to_vec()),
    )
    .unwrap()
}

#[test]
fn hashedrekord_known_answer() {
    let e = kat_entry();
    assert_eq!(e.encode().unwrap(), KAT_BODY.as_bytes());
    assert_eq!(hex::encode(e.leaf_hash().unwrap()), KAT_LEAF);
    assert_eq!(HashedRekordV002::parse(KAT_BODY.as_bytes()).unwrap(), e);
    assert_eq!(e.shape_name(), "hashedrekord-0.0.2");
}

#[test]
fn conformance_rekor_v2_bodies_round_trip_byte_for_byte() {
    let Some(dir) = pqlab_testdata::corpus(
        "conformance_rekor_v2_bodies",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let mut count = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("bundle.sigstore.json"))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    for path in paths {
        let Ok(bundle) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
        else {
            continue;
        };
        let Some(entry) = bundle["verificationMaterial"]["tlogEntries"].get(0) else {
            continue;
        };
        if entry["kindVersion"]["kind"] != "hashedrekord"
            || entry["kindVersion"]["version"] != "0.0.2"
        {
            continue;
        }
        let body = STANDARD
            .decode(entry["canonicalizedBody"].as_str().unwrap())
            .unwrap();
        let parsed =
            HashedRekordV002::parse(&body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(parsed.encode().unwrap(), body, "{}", path.display());
        assert!(matches!(
            parsed.verifier(),
            VerifierMaterial::X509Certificate(_)
        ));
        assert_eq!(parsed.algorithm(), HashAlgorithm::Sha2_256);
        // The bundle's message digest and signature are the entry's.
        if let Some(ms) = bundle.get("messageSignature") {
            assert_eq!(
                STANDARD.encode(parsed.digest()),
                ms["messageDigest"]["digest"].as_str().unwrap()
            );
            assert_eq!(
                STANDARD.encode(parsed.signature()),
                ms["signature"].as_str().unwrap()
            );
        }
        count += 1;
    }
    assert!(count >= 28, "only {count} Rekor v2 bodies");
    eprintln!("conformance_rekor_v2_bodies: {count} bodies byte-identical");
}

#[test]
fn identity_leaf_known_answer() {
    let leaf = IdentityLeaf::new(
        b"root-spki",
        &[0x11; 32],
        &[
            (b"san".as_slice(), b"user@example.com".as_slice()),
            (b"issuer".as_slice(), b"https://accounts.example".as_slice()),
        ],
    )
    .unwrap();
    let bytes = leaf.encode().unwrap();
    assert_eq!(bytes.len(), 65 + 2 * 64);
    assert_eq!(
        hex::encode(leaf.leaf_hash().unwrap()),
        "0c662b27c7d8297eb69c4b34d163e6b8037f7bd5b098bac063636523787de7cb"
    );
    assert_eq!(IdentityLeaf::parse(&bytes).unwrap(), leaf);
    assert_eq!(leaf.shape_name(), "identity-v1");
    // No claims: 65 bytes.
    let bare = IdentityLeaf::new(b"r", &[0; 32], &[]).unwrap();
    assert_eq!(bare.encode().unwrap().len(), 65);
    // Bad leaves.
    for bad in [&b""[..], &[0x02; 65][..], &[0x01; 64][..], &[0x01; 100][..]] {
        assert!(matches!(
            IdentityLeaf::parse(bad),
            Err(EntryError::MalformedIdentityLeaf { .. })
        ));
    }
    assert!(matches!(
        IdentityLeaf::new(b"r", &[0; 31], &[]),
        Err(EntryError::DigestLength { got: 31, .. })
    ));
}

#[test]
fn entry_enum_compares_shapes() {
    let shapes = [
        Entry::HashedRekord(kat_entry()),
        Entry::Identity(IdentityLeaf::new(b"r", &[0; 32], &[]).unwrap()),
    ];
    let names: Vec<_> = shapes.iter().map(EntryShape::shape_name).collect();
    assert_eq!(names, ["hashedrekord-0.0.2", "identity-v1"]);
    for s in &shapes {
        assert_eq!(s.leaf_hash().unwrap(), leaf_hash(&s.encode().unwrap()));
    }
    assert_eq!(shapes[0].encode().unwrap().len(), KAT_BODY.len());
}

#[test]
fn entries_over_65535_bytes_are_refused() {
    // A certificate so large the entry cannot fit a u16 length prefix.
    let big = HashedRekordV002::new(
        HashAlgorithm::Sha2_256,
        vec![0; 32],
        vec![1; 64],
        "PKIX_ED25519",
        VerifierMaterial::X509Certificate(vec![7; 50_000]),
    )
    .unwrap();
    let err = big.encode().unwrap_err();
    assert!(
        matches!(
            err,
            EntryError::TooLarge {
                max: MAX_ENTRY_SIZE,
                ..
            }
        ),
        "{err:?}"
    );
    // And the largest certificate that still fits encodes to at most the limit.
    let fits = HashedRekordV002::new(
        HashAlgorithm::Sha2_256,
        vec![0; 32],
        vec![1; 64],
        "PKIX_ED25519",
        VerifierMaterial::X509Certificate(vec![7; 48_000]),
    )
    .unwrap();
    assert!(fits.encode().unwrap().len() <= MAX_ENTRY_SIZE);
}

#[test]
fn bad_entries() {
    let swap = |from: &str, to: &str| KAT_BODY.replacen(from, to, 1);
    type Check = fn(&EntryError) -> bool;
    let cases: Vec<(&str, String, Check)> = vec![
        (
            "pretty-printed",
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(KAT_BODY).unwrap())
                .unwrap(),
            |e| matches!(e, EntryError::NotCanonical),
        ),
        (
            "keys out of order",
            swap(
                r#""apiVersion":"0.0.2","kind":"hashedrekord","#,
                r#""kind":"hashedrekord","apiVersion":"0.0.2","#,
            ),
            |e| matches!(e, EntryError::NotCanonical),
        ),
        (
            "escaped character",
            swap("SHA2_256", "\\u0053HA2_256"),
            |e| matches!(e, EntryError::NotCanonical),
        ),
        ("api version", swap("0.0.2", "0.0.1"), |e| {
            matches!(e, EntryError::ApiVersion(_))
        }),
        ("kind", swap("\"hashedrekord\"", "\"dsse\""), |e| {
            matches!(e, EntryError::Kind(_))
        }),
        (
            "unknown field",
            swap(r#""kind""#, r#""extra":1,"kind""#),
            |e| matches!(e, EntryError::Json(_)),
        ),
        ("hash algorithm", swap("SHA2_256", "MD5"), |e| {
            matches!(e, EntryError::UnknownHashAlgorithm(_))
        }),
        ("digest length", swap("SHA2_256", "SHA2_384"), |e| {
            matches!(
                e,
                EntryError::DigestLength {
                    expected: 48,
                    got: 32,
                    ..
                }
            )
        }),
        ("bad base64", swap("c2ln", "c2l!"), |e| {
            matches!(
                e,
                EntryError::Base64 {
                    field: "signature.content"
                }
            )
        }),
        ("empty signature", swap("\"c2ln\"", "\"\""), |e| {
            matches!(e, EntryError::Empty { .. })
        }),
        (
            "no verifier material",
            swap(r#","publicKey":{"rawBytes":"c3BraQ=="}"#, ""),
            |e| matches!(e, EntryError::VerifierOneof),
        ),
        (
            "both verifiers",
            swap(
                r#""publicKey":{"rawBytes":"c3BraQ=="}"#,
                r#""publicKey":{"rawBytes":"c3BraQ=="},"x509Certificate":{"rawBytes":"c3BraQ=="}"#,
            ),
            |e| matches!(e, EntryError::VerifierOneof),
        ),
        ("not JSON", "{".to_owned(), |e| {
            matches!(e, EntryError::Json(_))
        }),
    ];
    for (desc, body, check) in &cases {
        let err = HashedRekordV002::parse(body.as_bytes()).unwrap_err();
        assert!(check(&err), "{desc}: {err:?}");
    }
    assert!(matches!(
        HashedRekordV002::parse(&vec![b' '; MAX_ENTRY_SIZE + 1]),
        Err(EntryError::TooLarge { .. })
    ));
    eprintln!("bad_entries: {} cases", cases.len() + 1);
}

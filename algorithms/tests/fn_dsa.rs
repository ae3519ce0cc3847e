//! FN-DSA (`fn-dsa`) and Falcon round 3 (PQClean's `pqcrypto-falcon`) are two algorithms, not two implementations of one: FN-DSA
//! hashes `SHAKE256(pk) || 0x00 || len(ctx) || ctx || M` into `mu` and pads signatures to a
//! fixed length, Falcon round 3 hashes the raw message and compresses signatures to a variable
//! length, and the key encodings differ. Neither accepts the other's signatures or keys.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure report"
)]

use pqcrypto_traits::sign::{DetachedSignature as _, PublicKey as _, SecretKey as _};
use pqlab_algorithms::{Error, SecretKey, SignOptions, registry, rng};

const MESSAGE: &[u8] = b"pqlab fn-dsa vs falcon r3";

macro_rules! cross_check {
    ($fn_id:literal, $falcon:ident, $fn_sig:literal, $falcon_max:literal) => {{
        use pqcrypto_falcon::$falcon as falcon;
        let fn_dsa = registry::lookup($fn_id).unwrap().default_implementation();
        assert_eq!(fn_dsa.info().sizes.signature, $fn_sig);
        assert_eq!(falcon::signature_bytes(), $falcon_max);
        assert_eq!(falcon::public_key_bytes(), fn_dsa.info().sizes.public_key);
        assert_eq!(
            falcon::secret_key_bytes() + 64,
            fn_dsa.info().sizes.secret_key
        );

        // FN-DSA signature, FN-DSA key: Falcon round 3 rejects it.
        let pair = fn_dsa.generate(&mut rng::seeded(11)).unwrap();
        let fn_sig = fn_dsa
            .sign(
                &pair.secret,
                MESSAGE,
                SignOptions::default(),
                &mut rng::seeded(12),
            )
            .unwrap();
        assert_eq!(fn_sig.len(), $fn_sig);
        fn_dsa.verify(&pair.public, MESSAGE, b"", &fn_sig).unwrap();
        let pk = falcon::PublicKey::from_bytes(&pair.public).unwrap();
        let sig = falcon::DetachedSignature::from_bytes(&fn_sig).unwrap();
        assert!(falcon::verify_detached_signature(&sig, MESSAGE, &pk).is_err());

        // Falcon round-3 signature, Falcon key: FN-DSA rejects it, and cannot even read the
        // Falcon private key as a signing key.
        let (pk, sk) = falcon::keypair();
        let sig = falcon::detached_sign(MESSAGE, &sk);
        assert!(sig.as_bytes().len() <= $falcon_max);
        falcon::verify_detached_signature(&sig, MESSAGE, &pk).unwrap();
        let mut padded = sig.as_bytes().to_vec();
        padded.resize($fn_sig.max(padded.len()), 0);
        for candidate in [sig.as_bytes().to_vec(), padded] {
            match fn_dsa.verify(pk.as_bytes(), MESSAGE, b"", &candidate) {
                Err(
                    Error::VerificationFailed { .. }
                    | Error::MalformedSignature { .. }
                    | Error::InvalidPublicKey { .. },
                ) => {}
                other => panic!("{}: Falcon r3 signature: {other:?}", $fn_id),
            }
        }
        let mut extended = sk.as_bytes().to_vec();
        extended.extend_from_slice(&[0u8; 64]);
        let derived = fn_dsa.public_key(&SecretKey::new(extended));
        assert!(
            derived.as_ref().map_or(true, |p| p != pk.as_bytes()),
            "{}: fn-dsa read a Falcon r3 private key as its own",
            $fn_id
        );
        4
    }};
}

#[test]
fn fn_dsa_and_falcon_r3_do_not_interoperate() {
    let mut cases = 0;
    cases += cross_check!("fn-dsa-512", falcon512, 666, 752);
    cases += cross_check!("fn-dsa-1024", falcon1024, 1280, 1462);
    eprintln!("fn_dsa_and_falcon_r3_do_not_interoperate: {cases} cross checks");
}

#[test]
fn fn_dsa_has_no_deterministic_signing() {
    for id in ["fn-dsa-512", "fn-dsa-1024"] {
        let imp = registry::lookup(id).unwrap().default_implementation();
        let pair = imp.generate(&mut rng::seeded(13)).unwrap();
        let err = imp
            .sign(
                &pair.secret,
                MESSAGE,
                SignOptions {
                    context: b"",
                    deterministic: true,
                },
                &mut rng::seeded(13),
            )
            .unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{id}: {err}");
    }
    eprintln!("fn_dsa_has_no_deterministic_signing: 2 cases");
}

/// Through the registry, one seed gives FN-DSA and Falcon round 3 the same key material (both
/// come from `fn-dsa`'s keygen) in their own encodings; still, each rejects the other's
/// signatures under its own encoding of that key.
#[test]
fn registered_falcon_r3_and_fn_dsa_reject_each_other() {
    let mut cases = 0;
    for (fn_id, falcon_id) in [
        ("fn-dsa-512", "falcon-512-r3"),
        ("fn-dsa-1024", "falcon-1024-r3"),
    ] {
        let fn_dsa = registry::lookup(fn_id).unwrap().default_implementation();
        let falcon = registry::lookup(falcon_id)
            .unwrap()
            .default_implementation();
        let fn_pair = fn_dsa.generate(&mut rng::seeded(15)).unwrap();
        let falcon_pair = falcon.generate(&mut rng::seeded(15)).unwrap();
        assert_eq!(fn_pair.public.len(), falcon_pair.public.len());
        assert_ne!(fn_pair.public, falcon_pair.public, "encodings differ");
        let options = SignOptions::default();
        let fn_sig = fn_dsa
            .sign(&fn_pair.secret, MESSAGE, options, &mut rng::seeded(16))
            .unwrap();
        let falcon_sig = falcon
            .sign(&falcon_pair.secret, MESSAGE, options, &mut rng::seeded(16))
            .unwrap();
        assert!(
            falcon
                .verify(&falcon_pair.public, MESSAGE, b"", &fn_sig)
                .is_err()
        );
        assert!(
            fn_dsa
                .verify(&fn_pair.public, MESSAGE, b"", &falcon_sig)
                .is_err()
        );
        falcon
            .verify(&falcon_pair.public, MESSAGE, b"", &falcon_sig)
            .unwrap();
        cases += 2;
    }
    eprintln!("registered_falcon_r3_and_fn_dsa_reject_each_other: {cases} rejections");
}

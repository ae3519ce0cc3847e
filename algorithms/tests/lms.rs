//! Stateful LMS/HSS signing done right: a failing store releases no signature but the key
//! still advances, every signature advances the state and uses a new leaf, and a used-up key
//! ends in `KeyExhausted`.

#![allow(
    clippy::unwrap_used,
    reason = "test code: a panic is the failure report"
)]

use pqlab_algorithms::{
    Error, MemoryStateStore, SecretKey, SignOptions, SignatureAlgorithm, StateStore, registry, rng,
};

const MESSAGE: &[u8] = b"pqlab lms";

fn h5() -> &'static dyn SignatureAlgorithm {
    pqlab_algorithms::lms::LMS_SHA256_H5_W4.default_implementation()
}

/// Remembers every state it is asked to persist.
#[derive(Default)]
struct Recording(Vec<Vec<u8>>);

impl StateStore for Recording {
    fn persist(
        &mut self,
        new_state: &[u8],
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        self.0.push(new_state.to_vec());
        Ok(())
    }
}

/// Always fails, like a full disk.
struct Failing;

impl StateStore for Failing {
    fn persist(
        &mut self,
        _new_state: &[u8],
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Err("disk full".into())
    }
}

fn used_leaves(key: &SecretKey) -> u64 {
    u64::from_be_bytes(key.as_bytes()[..8].try_into().unwrap())
}

/// The leaf index q of an HSS (L = 1) signature: `u32 Nspk || u32 q || ...`.
fn leaf_index(signature: &[u8]) -> u32 {
    u32::from_be_bytes(signature[4..8].try_into().unwrap())
}

#[test]
fn failing_store_releases_no_signature_and_burns_the_leaf() {
    let imp = h5();
    let mut pair = imp.generate(&mut rng::seeded(20)).unwrap();
    let before = pair.secret.as_bytes().to_vec();
    let err = imp
        .sign_stateful(
            &mut pair.secret,
            &mut Failing,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(20),
        )
        .unwrap_err();
    assert!(matches!(err, Error::StatePersistence { .. }), "{err}");
    assert_ne!(pair.secret.as_bytes(), before.as_slice());
    assert_eq!(used_leaves(&pair.secret), 1, "the in-memory key advanced");
    // The next signature uses leaf 1, never leaf 0 again.
    let sig = imp
        .sign_stateful(
            &mut pair.secret,
            &mut MemoryStateStore,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(20),
        )
        .unwrap();
    assert_eq!(leaf_index(&sig), 1);
    imp.verify(&pair.public, MESSAGE, b"", &sig).unwrap();
    eprintln!("failing_store_releases_no_signature_and_burns_the_leaf: 2 cases");
}

#[test]
fn state_advances_and_the_key_exhausts() {
    let imp = h5();
    let mut pair = imp.generate(&mut rng::seeded(21)).unwrap();
    let mut store = Recording::default();
    let capacity = 32u64;
    for i in 0..capacity {
        let sig = imp
            .sign_stateful(
                &mut pair.secret,
                &mut store,
                MESSAGE,
                SignOptions::default(),
                &mut rng::seeded(21),
            )
            .unwrap();
        assert_eq!(u64::from(leaf_index(&sig)), i, "leaf of signature {i}");
        assert_eq!(used_leaves(&pair.secret), i + 1);
        assert_eq!(
            store.0.last().unwrap(),
            pair.secret.as_bytes(),
            "persisted state"
        );
        imp.verify(&pair.public, MESSAGE, b"", &sig).unwrap();
    }
    assert_eq!(store.0.len(), 32);
    let err = imp
        .sign_stateful(
            &mut pair.secret,
            &mut store,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(21),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::KeyExhausted { capacity: 32, .. }),
        "{err}"
    );
    assert_eq!(store.0.len(), 32, "an exhausted key persists nothing");
    // The public key still derives from the exhausted key.
    assert_eq!(imp.public_key(&pair.secret).unwrap(), pair.public);
    eprintln!("state_advances_and_the_key_exhausts: 33 signing attempts");
}

#[test]
fn consecutive_signatures_use_different_leaves() {
    let imp = registry::lookup("lms-sha256-h10-w4")
        .unwrap()
        .default_implementation();
    let mut pair = imp.generate(&mut rng::seeded(22)).unwrap();
    let mut sign = || {
        imp.sign_stateful(
            &mut pair.secret,
            &mut MemoryStateStore,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(22),
        )
        .unwrap()
    };
    let (a, b) = (sign(), sign());
    assert_eq!((leaf_index(&a), leaf_index(&b)), (0, 1));
    assert_ne!(a, b);
    assert_eq!(a.len(), 2_512);
    eprintln!("consecutive_signatures_use_different_leaves: 2 signatures");
}

//! Registry dispatch beside the direct crate call for the same operation: the harness's
//! overhead on verification (target: at most 2% for Ed25519 and ML-DSA-44). Both sides verify
//! the same signature with an already-decoded key; the registry side goes through
//! `&dyn SignatureAlgorithm` → `Box<dyn PreparedVerifier>` with its length checks.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use pqlab_algorithms::{SignOptions, registry, rng};

const MESSAGE: &[u8; 32] = b"pqlab benchmark message 32 bytes";

pub(crate) fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("dispatch");
    group.sample_size(100);
    group.measurement_time(Duration::from_secs(3));

    // Ed25519 through ed25519-dalek: the registry implementation `ed25519@ed25519-dalek`
    // against `VerifyingKey::verify_strict` called directly.
    let imp = registry::lookup_implementation("ed25519@ed25519-dalek").expect("registered");
    let pair = imp.generate(&mut rng::seeded(4)).expect("keygen");
    let sig = imp
        .sign(
            &pair.secret,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(4),
        )
        .expect("sign");
    let verifier = imp.prepare_verifier(&pair.public).expect("key");
    group.bench_function(BenchmarkId::new("ed25519", "registry"), |b| {
        b.iter(|| {
            verifier
                .verify(black_box(MESSAGE), b"", black_box(&sig))
                .expect("verify")
        });
    });
    let pk: [u8; 32] = pair.public.as_slice().try_into().expect("32 bytes");
    let direct_key = ed25519_dalek::VerifyingKey::from_bytes(&pk).expect("key");
    let direct_sig =
        ed25519_dalek::Signature::from_bytes(&sig.as_slice().try_into().expect("64 bytes"));
    group.bench_function(BenchmarkId::new("ed25519", "direct"), |b| {
        b.iter(|| {
            direct_key
                .verify_strict(black_box(MESSAGE), black_box(&direct_sig))
                .expect("verify")
        });
    });

    // ML-DSA-44 through its default implementation (libcrux): the registry path against
    // `libcrux_ml_dsa::ml_dsa_44::verify` with the key and signature already in libcrux's
    // types.
    let imp = registry::lookup("ml-dsa-44")
        .expect("registered")
        .default_implementation();
    assert_eq!(
        imp.implementation().id,
        "libcrux",
        "the direct side calls libcrux"
    );
    let pair = imp.generate(&mut rng::seeded(5)).expect("keygen");
    let sig = imp
        .sign(
            &pair.secret,
            MESSAGE,
            SignOptions::default(),
            &mut rng::seeded(5),
        )
        .expect("sign");
    let verifier = imp.prepare_verifier(&pair.public).expect("key");
    group.bench_function(BenchmarkId::new("ml-dsa-44", "registry"), |b| {
        b.iter(|| {
            verifier
                .verify(black_box(MESSAGE), b"", black_box(&sig))
                .expect("verify")
        });
    });
    let key = libcrux_ml_dsa::MLDSAVerificationKey::new(
        pair.public.as_slice().try_into().expect("1312 bytes"),
    );
    let signature =
        libcrux_ml_dsa::MLDSASignature::new(sig.as_slice().try_into().expect("2420 bytes"));
    group.bench_function(BenchmarkId::new("ml-dsa-44", "direct"), |b| {
        b.iter(|| {
            libcrux_ml_dsa::ml_dsa_44::verify(&key, black_box(MESSAGE), b"", black_box(&signature))
                .expect("verify")
        });
    });
    group.finish();
}

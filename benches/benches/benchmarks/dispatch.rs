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
    group.finish();
}

//! Checkpoint notes: signing a checkpoint (log key plus one witness of the same algorithm) and
//! verifying it with a k-of-n policy, for every stateless registry algorithm; and encoding one
//! hashedrekord 0.0.2 entry (JCS) against the identity leaf. Benchmark ids:
//! `note_sign/<algorithm>`, `note_verify/<algorithm>`, `entry_encode/<shape>`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion};
use pqlab_algorithms::registry;
use pqlab_harness::entry::{
    EntryShape, HashAlgorithm, HashedRekordV002, IdentityLeaf, VerifierMaterial,
};
use pqlab_harness::note::{Checkpoint, Clock, LogAuthority, WitnessPolicy};

const ORIGIN: &str = "bench.pqlab.example";

pub(crate) fn bench(c: &mut Criterion) {
    let body = Checkpoint::new(ORIGIN, 1_000_000, [7; 32])
        .expect("checkpoint")
        .format();
    let mut sign = c.benchmark_group("note_sign");
    let mut signed_notes = Vec::new();
    // Stateful (LMS) keys would run out of one-time keys inside criterion's loop.
    for alg in registry::all().filter(|a| !a.info.stateful) {
        let Ok(authority) = LogAuthority::generate(
            ORIGIN,
            alg.id(),
            &[alg.id()],
            WitnessPolicy::at_least(1),
            Clock::Fixed(1_700_000_000),
            1,
        ) else {
            continue;
        };
        sign.bench_function(BenchmarkId::from_parameter(alg.id()), |b| {
            b.iter(|| authority.sign_checkpoint(black_box(&body)).expect("sign"));
        });
        let note = authority.sign_checkpoint(&body).expect("sign");
        signed_notes.push((alg.id(), authority, note));
    }
    sign.finish();
    let mut verify = c.benchmark_group("note_verify");
    for (id, authority, note) in &signed_notes {
        verify.bench_function(BenchmarkId::from_parameter(id), |b| {
            b.iter(|| {
                authority
                    .verify_checkpoint(black_box(note))
                    .expect("verify")
            });
        });
    }
    verify.finish();

    let mut encode = c.benchmark_group("entry_encode");
    let rekord = HashedRekordV002::new(
        HashAlgorithm::Sha2_256,
        vec![1; 32],
        vec![2; 72],
        "PKIX_ECDSA_P256_SHA_256",
        VerifierMaterial::X509Certificate(vec![3; 2_100]),
    )
    .expect("entry");
    let identity = IdentityLeaf::new(
        &[4; 91],
        &[5; 32],
        &[(b"san".as_slice(), b"user@example.com".as_slice())],
    )
    .expect("leaf");
    encode.bench_function(BenchmarkId::from_parameter(rekord.shape_name()), |b| {
        b.iter(|| black_box(&rekord).encode().expect("encode"));
    });
    encode.bench_function(BenchmarkId::from_parameter(identity.shape_name()), |b| {
        b.iter(|| black_box(&identity).encode().expect("encode"));
    });
    encode.finish();
}

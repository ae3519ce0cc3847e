//! keygen, sign and verify for every algorithm and implementation of the registry;
//! `BenchmarkId` = algorithm/implementation. Sign is over a 32-byte message (as in
//! REFERENCE-NUMBERS.md §C6), hedged, with the empty context.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, measurement::WallTime};
use pqlab_algorithms::{
    AlgorithmInfo, Family, MemoryStateStore, SignOptions, SignatureAlgorithm, registry, rng,
};

const MESSAGE: &[u8; 32] = b"pqlab benchmark message 32 bytes";

/// Operations slower than about 10 ms per call (SLH-DSA `s` signing, FN-DSA keygen, LMS
/// keygen) get criterion's minimum sample count so a full run stays within minutes.
fn is_slow(info: &AlgorithmInfo, op: &str) -> bool {
    match op {
        "keygen" => matches!(
            info.family,
            Family::SlhDsa | Family::SphincsPlusR3 | Family::Lms | Family::FnDsa | Family::FalconR3
        ),
        "sign" => matches!(
            info.family,
            Family::SlhDsa | Family::SphincsPlusR3 | Family::Lms
        ),
        _ => false,
    }
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, slow: bool) {
    if slow {
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(100));
        group.measurement_time(Duration::from_secs(2));
    } else {
        group.sample_size(50);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(2));
    }
}

fn implementations() -> impl Iterator<Item = &'static dyn SignatureAlgorithm> {
    registry::all().flat_map(|alg| alg.implementations.iter().copied())
}

fn id(imp: &dyn SignatureAlgorithm) -> BenchmarkId {
    BenchmarkId::new(imp.info().id, imp.implementation().id)
}

pub(crate) fn keygen(c: &mut Criterion) {
    let mut group = c.benchmark_group("keygen");
    for imp in implementations() {
        configure(&mut group, is_slow(imp.info(), "keygen"));
        let mut rng = rng::seeded(1);
        group.bench_function(id(imp), |b| {
            b.iter(|| imp.generate(&mut rng).expect("keygen"));
        });
    }
    group.finish();
}

pub(crate) fn sign(c: &mut Criterion) {
    let mut group = c.benchmark_group("sign");
    for imp in implementations() {
        configure(&mut group, is_slow(imp.info(), "sign"));
        let mut rng = rng::seeded(2);
        let mut pair = imp.generate(&mut rng).expect("keygen");
        let stateful = imp.info().stateful;
        group.bench_function(id(imp), |b| {
            b.iter(|| {
                if stateful {
                    imp.sign_stateful(
                        &mut pair.secret,
                        &mut MemoryStateStore,
                        black_box(MESSAGE),
                        SignOptions::default(),
                        &mut rng,
                    )
                } else {
                    imp.sign(
                        &pair.secret,
                        black_box(MESSAGE),
                        SignOptions::default(),
                        &mut rng,
                    )
                }
                .expect("sign")
            });
        });
    }
    group.finish();
}

pub(crate) fn verify(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    for imp in implementations() {
        configure(&mut group, false);
        let mut rng = rng::seeded(3);
        let mut pair = imp.generate(&mut rng).expect("keygen");
        let signature = imp
            .sign_stateful(
                &mut pair.secret,
                &mut MemoryStateStore,
                MESSAGE,
                SignOptions::default(),
                &mut rng,
            )
            .expect("sign");
        let verifier = imp.prepare_verifier(&pair.public).expect("public key");
        group.bench_function(id(imp), |b| {
            b.iter(|| {
                verifier
                    .verify(black_box(MESSAGE), b"", black_box(&signature))
                    .expect("verify")
            });
        });
    }
    group.finish();
}

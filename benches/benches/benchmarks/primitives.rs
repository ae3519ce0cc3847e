//! keygen, sign and verify for every algorithm and implementation
//! (`BenchmarkId` = algorithm/implementation).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion};
use pqlab_algorithms::{SignOptions, registry, rng};

const MESSAGE: &[u8; 32] = b"pqlab benchmark message 32 bytes";

pub(crate) fn bench(c: &mut Criterion) {
    for alg in registry::all() {
        for imp in alg.implementations {
            let name = imp.implementation().id;
            let mut rng = rng::seeded(1);
            let pair = imp.generate(&mut rng).expect("keygen");
            let sig = imp
                .sign(&pair.secret, MESSAGE, SignOptions::default(), &mut rng)
                .expect("sign");
            let verifier = imp.prepare_verifier(&pair.public).expect("public key");

            let mut group = c.benchmark_group("verify");
            group.bench_function(BenchmarkId::new(alg.id(), name), |b| {
                b.iter(|| verifier.verify(black_box(MESSAGE), b"", black_box(&sig)))
            });
            group.finish();
        }
    }
}

//! Full bundle verification beside the sum of the signature verifications it contains, per
//! built-in profile, measured in the same run with the same implementations (the registry's
//! default ones). A bundle is signed once per profile by its simulated deployment (message
//! signature; the witness policy applies where the profile has witnesses).
//!
//! Ids: `verify_bundle/<profile>/prepared` (`Verifier::verify`, the trusted root prepared
//! outside the loop, as a client verifying many bundles does) beside
//! `verify_bundle/<profile>/primitives` (every `SignatureCheck` of
//! `verify::primitives::bundle_signature_checks`, one after the other);
//! `verify_bundle/<profile>/parsed` (`verify_bundle_witnessed`: preparing the trusted root and
//! verifying one bundle, the cost of a one-shot client) beside
//! `verify_bundle/<profile>/all-primitives` (the bundle's checks and
//! `verify::primitives::root_signature_checks`); `verify_bundle/<profile>/from-json` adds
//! parsing the bundle JSON. Adjacent, so that they run under the same machine load. The
//! target is `prepared` ≤ 1.2 × `primitives` (and `parsed` ≤ 1.2 × `all-primitives`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use pqlab_benches::verify_inputs::VerifyInputs;
use pqlab_harness::bundle::Bundle;
use pqlab_harness::profile;

pub(crate) fn bench(c: &mut Criterion) {
    let inputs: Vec<VerifyInputs> = profile::built_in().iter().map(VerifyInputs::new).collect();
    let mut group = c.benchmark_group("verify_bundle");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(2));
    for i in &inputs {
        i.verify_one_shot(&i.out.bundle)
            .expect("the bundle verifies");
        let verifier = i.verifier();
        group.bench_function(BenchmarkId::new(&i.name, "prepared"), |b| {
            b.iter(|| {
                i.verify_prepared(&verifier, black_box(&i.out.bundle))
                    .expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new(&i.name, "primitives"), |b| {
            b.iter(|| VerifyInputs::run_checks(black_box(&i.checks)));
        });
        group.bench_function(BenchmarkId::new(&i.name, "parsed"), |b| {
            b.iter(|| {
                i.verify_one_shot(black_box(&i.out.bundle))
                    .expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new(&i.name, "from-json"), |b| {
            b.iter(|| {
                let bundle = Bundle::parse(black_box(i.out.json.as_bytes())).expect("parses");
                i.verify_one_shot(&bundle).expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new(&i.name, "all-primitives"), |b| {
            b.iter(|| VerifyInputs::run_checks(black_box(&i.all_checks)));
        });
    }
    group.finish();
}

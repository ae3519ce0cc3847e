//! End-to-end sign per built-in profile (issue 6 § 6; DESIGN.md § Metrics "latency:
//! end-to-end sign (all roles)"): `Instance::sign` of one artifact, as a message signature
//! and as a DSSE envelope, through every role: leaf keygen, certificate with embedded SCT,
//! signature, RFC 3161 timestamp, log append and integration on the filesystem driver
//! (fsync included), checkpoint and cosignatures, inclusion proof, bundle JSON. Each profile
//! gets one instance (seed 1, the runner's fixed clock) whose log grows by one entry per
//! iteration. Ids: `pipeline_sign/<profile>/<message-signature|dsse>`. Full verification
//! per profile is in `verify.rs`.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::runner::bundles::{ARTIFACT, ARTIFACT_NAME, IDENTITY, ISSUER, clock};

pub(crate) fn bench(c: &mut Criterion) {
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("pqlab-pipeline-bench-{}", std::process::id()));
    let mut group = c.benchmark_group("pipeline_sign");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    for p in profile::built_in() {
        let dir = root.join(&p.name);
        let _ = std::fs::remove_dir_all(&dir);
        let instance = Instance::create(&dir, &p, 1, clock()).expect("instance");
        for (workload, dsse) in [("message-signature", false), ("dsse", true)] {
            group.bench_function(BenchmarkId::new(&p.name, workload), |b| {
                b.iter(|| {
                    instance
                        .sign(ARTIFACT, ARTIFACT_NAME, &identity, dsse, clock())
                        .expect("sign")
                });
            });
        }
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

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
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::{BenchmarkId, Criterion};
use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::verify::bundle::{Artifact, Policy, Verifier, verify_bundle_witnessed};
use pqlab_harness::verify::primitives::{bundle_signature_checks, root_signature_checks};
use pqlab_harness::verify::witnesses::Witnesses;

const SUBJECT: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";
const ARTIFACT: &[u8] = b"pqlab verify benchmark artifact\n";

pub(crate) fn bench(c: &mut Criterion) {
    let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let now: SystemTime = clock + Duration::from_secs(60);
    let identity = OidcIdentity::email(SUBJECT, ISSUER);
    let policy = Policy::Identity {
        identity: SUBJECT.to_owned(),
        issuer: ISSUER.to_owned(),
    };
    let mut inputs = Vec::new();
    for p in profile::built_in() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let instance = Instance::create(dir.path(), &p, 11, clock).expect("instance");
        let out = instance
            .sign(ARTIFACT, "artifact.txt", &identity, false, clock)
            .expect("sign");
        let root =
            TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).expect("trusted root"))
                .expect("trusted root parses");
        let witnesses = std::fs::read(instance.witnesses_path())
            .ok()
            .map(|b| Witnesses::parse(&b).expect("witness policy parses"));
        let checks = bundle_signature_checks(&out.bundle, &root, witnesses.as_ref(), ARTIFACT)
            .expect("signature checks");
        let mut all_checks = root_signature_checks(&root).expect("trusted-root checks");
        all_checks.extend(checks.iter().cloned());
        inputs.push((p.name.clone(), out, root, witnesses, checks, all_checks));
    }
    let mut group = c.benchmark_group("verify_bundle");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(2));
    for (name, out, root, witnesses, checks, all_checks) in &inputs {
        let verify = |bundle: &Bundle| {
            verify_bundle_witnessed(
                bundle,
                root,
                witnesses.as_ref(),
                Artifact::Bytes(ARTIFACT),
                &policy,
                now,
            )
        };
        verify(&out.bundle).expect("the bundle verifies");
        let verifier = Verifier::new(root, witnesses.as_ref()).expect("trusted root is sane");
        group.bench_function(BenchmarkId::new(name, "prepared"), |b| {
            b.iter(|| {
                verifier
                    .verify(
                        black_box(&out.bundle),
                        Artifact::Bytes(ARTIFACT),
                        &policy,
                        now,
                    )
                    .expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new(name, "primitives"), |b| {
            b.iter(|| {
                for check in black_box(checks) {
                    check.verify().expect("verifies");
                }
            });
        });
        group.bench_function(BenchmarkId::new(name, "parsed"), |b| {
            b.iter(|| verify(black_box(&out.bundle)).expect("verifies"));
        });
        group.bench_function(BenchmarkId::new(name, "from-json"), |b| {
            b.iter(|| {
                let bundle = Bundle::parse(black_box(out.json.as_bytes())).expect("parses");
                verify(&bundle).expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new(name, "all-primitives"), |b| {
            b.iter(|| {
                for check in black_box(all_checks) {
                    check.verify().expect("verifies");
                }
            });
        });
    }
    group.finish();
}

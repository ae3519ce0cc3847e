//! Verification of a classical Sigstore bundle by the Rust reference verifier
//! `sigstore-verify` 0.15.1 (INTEROP.md) and by pqlab's `verify_bundle`, on the same bundle,
//! trusted root, artifact and identity policy. The bundles come from the reference generator
//! (`shared/tools/reference/gen_bundle.py`), run at setup with the oracle venv (`PQLAB_PYTHON`,
//! see `scripts/test`): it makes fresh keys whose validity starts before now, so its output
//! cannot be a stored fixture. Without Python or the generator the group is skipped with a
//! message; benchmarks never fail for a missing tool.
//!
//! Ids: `interop/sigstore-verify/<bundle>` times `Verifier::verify` on parsed inputs with the
//! verifier built from the trusted root outside the loop (chain, SCT, RFC 3161 timestamp,
//! inclusion proof, checkpoint, signature, identity policy);
//! `interop/sigstore-verify-from-files/<bundle>` adds reading and parsing the trusted root and
//! bundle and building the verifier. `interop/pqlab/<bundle>` and
//! `interop/pqlab-from-files/<bundle>` do the same work with pqlab (`Verifier::new` outside
//! the loop, then `Verifier::verify`; from files, `verify_bundle`, which prepares the verifier
//! too): the artifact bytes hashed in the loop, identity policy.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::verify::bundle::{Artifact, Policy, Verifier, verify_bundle};
use pqlab_testdata::oracle::reference::{self, ReferenceOutput};
use pqlab_testdata::oracle::sigstore_rust::{self, Prepared};
use pqlab_testdata::oracle::{OracleVerdict, PythonEnv};

/// The generator's output in a temporary directory, or why there is none.
fn reference_bundles() -> Result<(tempfile::TempDir, ReferenceOutput), String> {
    let env = PythonEnv::from_env()?;
    let script = reference::tools_dir().join("gen_bundle.py");
    if !script.exists() {
        return Err(format!("{} is missing", script.display()));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let out = reference::generate(&env, &script, dir.path(), &[]).map_err(|e| e.to_string())?;
    Ok((dir, out))
}

pub(crate) fn bench(c: &mut Criterion) {
    let (_dir, out) = match reference_bundles() {
        Ok(found) => found,
        Err(why) => {
            eprintln!("interop: SKIPPED: no reference bundles: {why} (run through scripts/test)");
            return;
        }
    };
    let mut group = c.benchmark_group("interop");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(3));
    for (name, bundle) in [
        ("message-signature", &out.message_bundle),
        ("dsse", &out.dsse_bundle),
    ] {
        let request = out.request(bundle);
        let prepared = match Prepared::new(&request).expect("reference files readable") {
            Ok(prepared) => prepared,
            Err(verdict) => {
                panic!("sigstore-verify cannot parse the reference {name} bundle: {verdict:?}")
            }
        };
        assert_eq!(
            prepared.verify(),
            OracleVerdict::Accepted,
            "the reference {name} bundle must verify"
        );
        group.bench_function(BenchmarkId::new("sigstore-verify", name), |b| {
            b.iter(|| black_box(&prepared).verify());
        });
        group.bench_function(BenchmarkId::new("sigstore-verify-from-files", name), |b| {
            b.iter(|| sigstore_rust::verify(black_box(&request)).expect("readable"));
        });
        let read = |p: &std::path::Path| std::fs::read(p).expect("reference file readable");
        let policy = Policy::Identity {
            identity: out.identity.clone(),
            issuer: out.issuer.clone(),
        };
        let pqlab_verify = |bundle: &Bundle, root: &TrustedRoot, artifact: &[u8]| {
            verify_bundle(
                bundle,
                root,
                Artifact::Bytes(artifact),
                &policy,
                std::time::SystemTime::now(),
            )
        };
        let root = TrustedRoot::parse(&read(&out.trusted_root)).expect("trusted root parses");
        let parsed = Bundle::parse(&read(bundle)).expect("bundle parses");
        let artifact = read(&out.artifact);
        pqlab_verify(&parsed, &root, &artifact)
            .unwrap_or_else(|e| panic!("pqlab must verify the reference {name} bundle: {e}"));
        let verifier = Verifier::new(&root, None).expect("the reference trusted root is sane");
        group.bench_function(BenchmarkId::new("pqlab", name), |b| {
            b.iter(|| {
                verifier
                    .verify(
                        black_box(&parsed),
                        Artifact::Bytes(&artifact),
                        &policy,
                        std::time::SystemTime::now(),
                    )
                    .expect("verifies")
            });
        });
        group.bench_function(BenchmarkId::new("pqlab-from-files", name), |b| {
            b.iter(|| {
                let root = TrustedRoot::parse(&read(&out.trusted_root)).expect("parses");
                let bundle = Bundle::parse(&read(black_box(bundle))).expect("parses");
                pqlab_verify(&bundle, &root, &read(&out.artifact)).expect("verifies")
            });
        });
    }
    group.finish();
}

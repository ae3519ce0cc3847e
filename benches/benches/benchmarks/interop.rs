//! Verification of a classical Sigstore bundle by the Rust reference verifier
//! `sigstore-verify` 0.15.1 (INTEROP.md): the yardstick beside which pqlab's own `verify` of
//! the same bundle will be measured. The bundles come from the reference generator
//! (`shared/tools/reference/gen_bundle.py`), run at setup with the oracle venv (`PQLAB_PYTHON`,
//! see `scripts/test`): it makes fresh keys whose validity starts before now, so its output
//! cannot be a stored fixture. Without Python or the generator the group is skipped with a
//! message; benchmarks never fail for a missing tool.
//!
//! Ids: `interop/sigstore-verify/<bundle>` times `Verifier::verify` on parsed inputs (chain,
//! SCT, RFC 3161 timestamp, inclusion proof, checkpoint, signature, identity policy);
//! `interop/sigstore-verify-from-files/<bundle>` adds reading and parsing the trusted root and
//! bundle.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
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
    }
    group.finish();
}

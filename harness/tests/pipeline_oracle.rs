//! `pqlab sign`'s bundles through the real verifiers (INTEROP.md): for `sigstore-today`, the
//! message-signature and the DSSE bundle of a fresh instance must be ACCEPTED by both
//! sigstore-python 4.5.1 (command line) and `sigstore-verify` 0.15.1 (Rust) against the
//! instance's `trusted_root.json`, and a bundle checked against another artifact REJECTED.
//!
//! Needs the Python venv of `scripts/test` (`PQLAB_PYTHON`, `PQLAB_SIGSTORE_CLI`): skips
//! without it, fails in CI.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;
use std::time::SystemTime;

use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_testdata::oracle::{
    OracleVerdict, PythonEnv, VerifyRequest, sigstore_python, sigstore_rust,
};

const IDENTITY: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";

fn shown(verdict: &OracleVerdict) -> String {
    match verdict {
        OracleVerdict::Accepted => "accepted".to_owned(),
        OracleVerdict::Rejected { message } => format!(
            "rejected: {}",
            message.lines().collect::<Vec<_>>().join(" | ")
        ),
    }
}

/// Both oracles on one request; returns `(name, accepted)` failures against `accept`.
fn check(
    env: &PythonEnv,
    case: &str,
    request: &VerifyRequest<'_>,
    accept: bool,
    failures: &mut Vec<String>,
) {
    let python = sigstore_python::verify(env, request).unwrap();
    let rust = sigstore_rust::verify(request).unwrap();
    for (oracle, verdict) in [("sigstore-python", &python), ("sigstore-verify", &rust)] {
        eprintln!("{case:<28} {oracle:<16} {}", shown(verdict));
        if verdict.is_accepted() != accept {
            failures.push(format!(
                "{case}: {oracle} {} (expected {})",
                shown(verdict),
                if accept { "accept" } else { "reject" }
            ));
        }
    }
}

#[test]
fn sigstore_today_bundles_verify_with_both_real_verifiers() {
    let Some(env) = PythonEnv::locate("pipeline_oracle") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("instance");
    let profiles = profile::built_in();
    let profile = profile::find(&profiles, "sigstore-today").unwrap();
    let now = SystemTime::now();
    let instance = Instance::create(&state, profile, 7, now).unwrap();

    let artifact = dir.path().join("artifact.txt");
    let artifact_bytes = b"pqlab pipeline oracle artifact\n";
    std::fs::write(&artifact, artifact_bytes).unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, b"not the artifact that was signed\n").unwrap();
    let identity = OidcIdentity::email(IDENTITY, ISSUER);

    let mut failures = Vec::new();
    let mut cases = 0;
    for dsse in [false, true] {
        let outcome = instance
            .sign(artifact_bytes, "artifact.txt", &identity, dsse, now)
            .unwrap();
        let kind = if dsse { "dsse" } else { "message" };
        let bundle: &Path = &dir.path().join(format!("{kind}.sigstore.json"));
        std::fs::write(bundle, &outcome.json).unwrap();
        eprintln!(
            "sigstore-today {kind} bundle: {} bytes {:?}",
            outcome.json.len(),
            outcome.sizes
        );
        let request = VerifyRequest {
            bundle,
            trusted_root: &instance.trusted_root_path(),
            artifact: &artifact,
            identity: IDENTITY,
            issuer: ISSUER,
        };
        check(
            &env,
            &format!("{kind} bundle"),
            &request,
            true,
            &mut failures,
        );
        check(
            &env,
            &format!("{kind} bundle, other artifact"),
            &VerifyRequest {
                artifact: &other,
                ..request
            },
            false,
            &mut failures,
        );
        cases += 2;
    }
    eprintln!("pipeline_oracle: {cases} cases, 2 oracles each");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

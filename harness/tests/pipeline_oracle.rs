//! `pqlab sign`'s bundles through the real verifiers (INTEROP.md): for `sigstore-today`, the
//! message-signature and the DSSE bundle of a fresh instance must be ACCEPTED by both
//! sigstore-python 4.5.1 (command line) and `sigstore-verify` 0.15.1 (Rust) against the
//! instance's `trusted_root.json`, and a bundle checked against another artifact or with a
//! flipped signature REJECTED.
//!
//! Needs the Python venv of `scripts/test` (`PQLAB_PYTHON`, `PQLAB_SIGSTORE_CLI`): skips
//! without it, fails in CI.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;
use std::time::SystemTime;

use pqlab_harness::pipeline::{HASH_ONLY_KIND, Instance};
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

/// `json` with the last byte of the base64 field at `pointer` flipped.
fn flip_last_byte(json: &str, pointer: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    let field = value.pointer_mut(pointer).unwrap();
    let mut bytes = STANDARD.decode(field.as_str().unwrap()).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    *field = serde_json::Value::String(STANDARD.encode(bytes));
    value.to_string()
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
        let pointer = if dsse {
            "/dsseEnvelope/signatures/0/sig"
        } else {
            "/messageSignature/signature"
        };
        let tampered = dir.path().join(format!("{kind}-flipped-sig.json"));
        std::fs::write(&tampered, flip_last_byte(&outcome.json, pointer)).unwrap();
        check(
            &env,
            &format!("{kind} bundle, flipped sig"),
            &VerifyRequest {
                bundle: &tampered,
                ..request
            },
            false,
            &mut failures,
        );
        cases += 3;
    }
    eprintln!("pipeline_oracle: {cases} cases, 2 oracles each");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Signs `ARTIFACT`-like bytes with a fresh instance of `name` and returns both oracles'
/// verdicts on the message bundle.
fn verdicts(env: &PythonEnv, name: &str) -> (OracleVerdict, OracleVerdict) {
    let dir = tempfile::tempdir().unwrap();
    let profiles = profile::built_in();
    let profile = profile::find(&profiles, name).unwrap();
    let now = SystemTime::now();
    let instance = Instance::create(&dir.path().join("instance"), profile, 7, now).unwrap();
    let artifact = dir.path().join("artifact.txt");
    std::fs::write(&artifact, b"artifact\n").unwrap();
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let outcome = instance
        .sign(b"artifact\n", "artifact.txt", &identity, false, now)
        .unwrap();
    let bundle: &Path = &dir.path().join("artifact.txt.sigstore.json");
    std::fs::write(bundle, &outcome.json).unwrap();
    let request = VerifyRequest {
        bundle,
        trusted_root: &instance.trusted_root_path(),
        artifact: &artifact,
        identity: IDENTITY,
        issuer: ISSUER,
    };
    let python = sigstore_python::verify(env, &request).unwrap();
    let rust = sigstore_rust::verify(&request).unwrap();
    eprintln!("{name:<28} sigstore-python  {}", shown(&python));
    eprintln!("{name:<28} sigstore-verify  {}", shown(&rust));
    (python, rust)
}

/// Witness cosignature lines after the log's signature do not disturb real verifiers: both
/// accept a `sigstore-today-witnessed` bundle.
#[test]
fn witnessed_checkpoints_verify_with_both_real_verifiers() {
    let Some(env) = PythonEnv::locate("pipeline_oracle") else {
        return;
    };
    let (python, rust) = verdicts(&env, "sigstore-today-witnessed");
    assert!(python.is_accepted() && rust.is_accepted());
}

/// What today's verifiers make of the profiles that go beyond today's formats, pinned so a
/// change in either verifier or in pqlab shows up:
/// * `dual-checkpoint`: sigstore-verify accepts (it checks the Ed25519 line and ignores the
///   ML-DSA-44 one); sigstore-python refuses the trusted root before verifying anything,
///   because its `PublicKeyDetails` enum has ML_DSA_65/87 but not ML_DSA_44;
/// * `hash-only-today`: both reject the unknown entry kind;
/// * `pq-leaf-ml-dsa-65`: both reject (no ML-DSA leaf support in either).
#[test]
fn beyond_today_profiles_get_the_known_verdicts() {
    let Some(env) = PythonEnv::locate("pipeline_oracle") else {
        return;
    };
    let (python, rust) = verdicts(&env, "dual-checkpoint");
    assert!(rust.is_accepted());
    assert!(python.rejection().unwrap().contains("ML_DSA_44"));
    let (python, rust) = verdicts(&env, "hash-only-today");
    assert!(python.rejection().unwrap().contains(HASH_ONLY_KIND));
    assert!(rust.rejection().unwrap().contains(HASH_ONLY_KIND));
    let (python, rust) = verdicts(&env, "pq-leaf-ml-dsa-65");
    assert!(!python.is_accepted() && !rust.is_accepted());
    eprintln!("pipeline_oracle: 3 beyond-today profiles, 2 oracles each");
}

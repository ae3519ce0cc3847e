//! The real-verifier oracles on the reference generator's output (INTEROP.md): sigstore-python
//! 4.5.1 (command line) and `sigstore-verify` 0.15.1 (Rust) must both ACCEPT the classical
//! message-signature and DSSE bundles of `shared/tools/reference/gen_bundle.py`, and both
//! REJECT tampered copies. This proves the oracle wiring that pqlab's own bundles go through.
//!
//! Needs the Python venv of `scripts/test` (`PQLAB_PYTHON`): skips without it, fails in CI.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_testdata::oracle::reference::{self, ReferenceOutput};
use pqlab_testdata::oracle::{
    OracleVerdict, PythonEnv, VerifyRequest, sigstore_python, sigstore_rust,
};
use serde_json::Value;

/// Which bundle of the generator a test covers.
#[derive(Clone, Copy, Debug)]
enum Kind {
    MessageSignature,
    Dsse,
}

impl Kind {
    fn bundle(self, out: &ReferenceOutput) -> &Path {
        match self {
            Self::MessageSignature => &out.message_bundle,
            Self::Dsse => &out.dsse_bundle,
        }
    }

    /// JSON pointer of the signature bytes in the bundle.
    fn signature_pointer(self) -> &'static str {
        match self {
            Self::MessageSignature => "/messageSignature/signature",
            Self::Dsse => "/dsseEnvelope/signatures/0/sig",
        }
    }
}

/// Flips the lowest bit of the last byte of the base64 field at `pointer`, writing the result
/// to `name` in the output directory.
fn tampered_copy(bundle: &Path, pointer: &str, name: &str) -> PathBuf {
    let mut json: Value = serde_json::from_slice(&std::fs::read(bundle).unwrap()).unwrap();
    let field = json.pointer_mut(pointer).unwrap();
    let mut bytes = STANDARD.decode(field.as_str().unwrap()).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    *field = Value::String(STANDARD.encode(bytes));
    let path = bundle.with_file_name(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    path
}

/// One verification case and the verdict both oracles must give.
struct Case<'a> {
    name: &'static str,
    request: VerifyRequest<'a>,
    accept: bool,
}

fn run_cases(test: &str, env: &PythonEnv, cases: &[Case<'_>]) {
    let mut failures = Vec::new();
    for case in cases {
        let python = sigstore_python::verify(env, &case.request).unwrap();
        let rust = sigstore_rust::verify(&case.request).unwrap();
        for (oracle, verdict) in [("sigstore-python", &python), ("sigstore-verify", &rust)] {
            let shown = match verdict {
                OracleVerdict::Accepted => "accepted".to_owned(),
                OracleVerdict::Rejected { message } => {
                    format!(
                        "rejected: {}",
                        message.lines().collect::<Vec<_>>().join(" | ")
                    )
                }
            };
            eprintln!("{test}: {:<28} {oracle:<16} {shown}", case.name);
            if verdict.is_accepted() != case.accept {
                failures.push(format!(
                    "{}: {oracle} {} (expected {})",
                    case.name,
                    shown,
                    if case.accept { "accept" } else { "reject" }
                ));
            }
        }
        // A rejection must come from the verification itself (`FAIL: <artifact>`), not from
        // the tool crashing on its input.
        if let Some(message) = python.rejection() {
            assert!(
                message.contains("FAIL:"),
                "{}: sigstore-python did not reject by verification:\n{message}",
                case.name
            );
        }
    }
    eprintln!("{test}: {} cases, 2 oracles each", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn reference_cases(test: &str, kind: Kind) {
    let Some(env) = PythonEnv::locate(test) else {
        return;
    };
    let Some(script) = reference::generator(test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = reference::generate(&env, &script, dir.path(), &[]).unwrap();
    let bundle = kind.bundle(&out);

    let other_artifact = dir.path().join("other.txt");
    std::fs::write(&other_artifact, b"not the artifact that was signed\n").unwrap();
    let flipped_signature = tampered_copy(bundle, kind.signature_pointer(), "flipped-sig.json");
    let flipped_proof = tampered_copy(
        bundle,
        "/verificationMaterial/tlogEntries/0/inclusionProof/hashes/0",
        "flipped-proof.json",
    );

    let cases = [
        Case {
            name: "reference bundle",
            request: out.request(bundle),
            accept: true,
        },
        Case {
            name: "other artifact",
            request: VerifyRequest {
                artifact: &other_artifact,
                ..out.request(bundle)
            },
            accept: false,
        },
        Case {
            name: "flipped signature bit",
            request: out.request(&flipped_signature),
            accept: false,
        },
        Case {
            name: "flipped inclusion proof bit",
            request: out.request(&flipped_proof),
            accept: false,
        },
        Case {
            name: "other identity",
            request: VerifyRequest {
                identity: "mallory@simulated.example",
                ..out.request(bundle)
            },
            accept: false,
        },
        Case {
            name: "other issuer",
            request: VerifyRequest {
                issuer: "https://oidc.other.example",
                ..out.request(bundle)
            },
            accept: false,
        },
    ];
    run_cases(test, &env, &cases);
}

#[test]
fn reference_message_signature_bundle() {
    reference_cases(
        "interop_reference::reference_message_signature_bundle",
        Kind::MessageSignature,
    );
}

#[test]
fn reference_dsse_bundle() {
    reference_cases("interop_reference::reference_dsse_bundle", Kind::Dsse);
}

//! The 70 sigstore-conformance `bundle-verify` cases through `verify_bundle` (and a handful
//! through the `pqlab verify` binary): every `_fail` case must be rejected, every other case
//! accepted. Verification time is the real current time; signing times come from the
//! verified time sources, as real clients do.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::verify::bundle::{Artifact, Policy, verify_bundle};
use pqlab_harness::verify::{Check, VerifyError};
use sha2::Digest as _;

const DEFAULT_IDENTITY: &str = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
const DEFAULT_ISSUER: &str = "https://token.actions.githubusercontent.com";

/// Cases whose verdict is still wrong, with why. The test fails if one starts passing.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// The check that must reject each `_fail` case (what the case README describes, as our
/// check order reaches it first).
fn expected_check(case: &str) -> Option<Check> {
    Some(match case {
        "dsse-invalid-sig_fail"
        | "managed-key-wrong-key_fail"
        | "message-digest-mismatch_fail"
        | "rekor2-dsse-invalid-sig_fail"
        | "signature-mismatch_fail"
        | "wrong-material_fail" => Check::ArtifactSignature,
        "bundle-empty-certificate-chain_fail"
        | "bundle-invalid-base64-signature_fail"
        | "bundle-malformed-json_fail"
        | "bundle-negative-log-index_fail"
        | "bundle-unknown-version_fail"
        | "intoto-missing-inclusion-proof_fail"
        | "rekor2-no-inclusion-proof_fail" => Check::Bundle,
        "bundle-with-root-cert_fail"
        | "integrated-time-in-future_fail"
        | "intoto-expired-certificate_fail"
        | "intoto-set-outside-signing-cert-validity_fail"
        | "intoto-tsa-timestamp-outside-cert-validity_fail"
        | "managed-key-no-key_fail"
        | "rekor2-timestamp-with-incorrect-time_fail" => Check::CertificateChain,
        "checkpoint-bad-keyhint_fail"
        | "checkpoint-wrong-roothash_fail"
        | "invalid-checkpoint-signature_fail"
        | "rekor2-checkpoint-missing-log-signature_fail"
        | "rekor2-checkpoint-missing-origin_fail"
        | "rekor2-checkpoint-missing-root-hash_fail"
        | "rekor2-checkpoint-missing-size_fail"
        | "rekor2-checkpoint-no-matching-signature_fail" => Check::Checkpoint,
        "incorrect-public-key_fail" | "set-invalid-signature_fail" => Check::InclusionPromise,
        "inclusion-proof-corrupted-hash_fail" | "invalid-inclusion-proof_fail" => {
            Check::InclusionProof
        }
        "dsse-mismatch-envelope_fail"
        | "dsse-mismatch-sig_fail"
        | "intoto-log-entry-mismatch_fail"
        | "rekor2-dsse-mismatch-envelope_fail"
        | "rekor2-dsse-mismatch-sig_fail"
        | "wrong-hashedrekord-artifact_fail"
        | "wrong-hashedrekord-cert-and-sig_fail"
        | "wrong-hashedrekord-entry_fail" => Check::LogEntry,
        "invalid-ct-key_fail" => Check::Sct,
        "rekor2-no-timestamp_fail"
        | "rekor2-timestamp-outside-trust-root-tsa-validity_fail"
        | "rekor2-timestamp-outside-tsa-cert-validity_fail"
        | "rekor2-timestamp-payload-mismatch_fail"
        | "rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail"
        | "rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail" => Check::Timestamp,
        "bundle-from-wrong-instance_fail" | "trust-root-tlog-missing-validity-start_fail" => {
            Check::TrustedRoot
        }
        _ => return None,
    })
}

fn cases(corpus: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn root_path(case: &Path, corpus: &Path) -> PathBuf {
    let custom = case.join("trusted_root.json");
    if custom.exists() {
        custom
    } else {
        corpus.join("../trust-roots-from-sigstore-python-4.5.1/prod/trusted_root.json")
    }
}

fn artifact_path(case: &Path, corpus: &Path) -> PathBuf {
    let own = case.join("artifact");
    if own.exists() {
        own
    } else {
        corpus.join("a.txt")
    }
}

fn read_or(case: &Path, file: &str, default: &str) -> String {
    std::fs::read_to_string(case.join(file))
        .map_or_else(|_| default.to_owned(), |s| s.trim().to_owned())
}

/// Runs one case through the library; the error names the failed check.
fn verify_case(case: &Path, corpus: &Path) -> Result<(), VerifyError> {
    let input = std::fs::read(case.join("bundle.sigstore.json")).unwrap();
    let bundle =
        Bundle::parse(&input).map_err(|e| VerifyError::new(Check::Bundle, e.to_string()))?;
    let root = TrustedRoot::parse(&std::fs::read(root_path(case, corpus)).unwrap())
        .map_err(|e| VerifyError::new(Check::TrustedRoot, e.to_string()))?;
    let artifact = std::fs::read(artifact_path(case, corpus)).unwrap();
    let policy = match std::fs::read_to_string(case.join("key.pub")) {
        Ok(pem) => match pqlab_harness::verify::pem::decode(&pem) {
            Some((_, der)) => Policy::Key(der),
            None => {
                return Err(VerifyError::new(
                    Check::ArtifactSignature,
                    "key.pub does not decode",
                ));
            }
        },
        Err(_) => Policy::Identity {
            identity: read_or(case, "identity", DEFAULT_IDENTITY),
            issuer: read_or(case, "issuer", DEFAULT_ISSUER),
        },
    };
    verify_bundle(
        &bundle,
        &root,
        Artifact::Bytes(&artifact),
        &policy,
        SystemTime::now(),
    )
    .map(|_| ())
}

#[test]
fn all_conformance_cases() {
    let Some(corpus) = pqlab_testdata::corpus(
        "all_conformance_cases",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let mut wrong = Vec::new();
    let mut gaps_now_passing = Vec::new();
    let mut right = 0;
    let all = cases(&corpus);
    for case in &all {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let expect_pass = !name.ends_with("_fail");
        let result = verify_case(case, &corpus);
        let got = match &result {
            Ok(()) => "ok".to_owned(),
            Err(e) => format!("{}: {}", e.check, e.detail),
        };
        let correct = match (&result, expect_pass) {
            (Ok(()), true) => true,
            (Err(e), false) => expected_check(&name) == Some(e.check),
            _ => false,
        };
        let gap = KNOWN_GAPS.iter().find(|(n, _)| *n == name);
        eprintln!(
            "{} {name}: expected {}, got {got}{}",
            if correct { "PASS" } else { "FAIL" },
            if expect_pass {
                "ok".to_owned()
            } else {
                format!("{} failure", expected_check(&name).map_or("?", Check::name))
            },
            gap.map_or(String::new(), |(_, why)| format!(" [known gap: {why}]")),
        );
        match (correct, gap) {
            (true, None) => right += 1,
            (true, Some(_)) => gaps_now_passing.push(name),
            (false, None) => wrong.push(name),
            (false, Some(_)) => {}
        }
    }
    eprintln!(
        "{right} of {} conformance cases verified as expected; {} known gaps",
        all.len(),
        KNOWN_GAPS.len()
    );
    assert_eq!(all.len(), 70, "the corpus holds 70 cases");
    assert!(wrong.is_empty(), "wrong verdicts: {wrong:?}");
    assert!(
        gaps_now_passing.is_empty(),
        "known gaps now pass, remove them: {gaps_now_passing:?}"
    );
}

/// Runs `pqlab verify` on one case; returns the exit code and stdout.
fn cli_case(case: &Path, corpus: &Path, artifact: &str) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pqlab"));
    cmd.arg("verify")
        .arg("--bundle")
        .arg(case.join("bundle.sigstore.json"))
        .arg("--trusted-root")
        .arg(root_path(case, corpus));
    if case.join("key.pub").exists() {
        cmd.arg("--key").arg(case.join("key.pub"));
    } else {
        cmd.arg("--identity")
            .arg(read_or(case, "identity", DEFAULT_IDENTITY))
            .arg("--issuer")
            .arg(read_or(case, "issuer", DEFAULT_ISSUER));
    }
    let out = cmd.arg(artifact).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn cli_verdicts_match_the_library() {
    let Some(corpus) = pqlab_testdata::corpus(
        "cli_verdicts_match_the_library",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let chosen = [
        "happy-path-v0.3",
        "rekor2-happy-path",
        "managed-key-happy-path",
        "signature-mismatch_fail",
        "checkpoint-bad-keyhint_fail",
        "rekor2-timestamp-payload-mismatch_fail",
        "bundle-malformed-json_fail",
    ];
    for name in chosen {
        let case = corpus.join(name);
        let artifact = artifact_path(&case, &corpus);
        let (code, stdout) = cli_case(&case, &corpus, artifact.to_str().unwrap());
        eprintln!("cli {name}: exit {code}: {}", stdout.trim_end());
        match verify_case(&case, &corpus) {
            Ok(()) => {
                assert_eq!(code, 0, "{name}");
                assert_eq!(stdout, format!("OK: {}\n", artifact.display()), "{name}");
            }
            Err(e) => {
                assert_eq!(code, 1, "{name}");
                assert!(
                    stdout.starts_with(&format!("FAIL: {} check failed: ", e.check)),
                    "{name}: {stdout}"
                );
            }
        }
    }
    // A DSSE bundle verifies from the artifact's digest alone.
    let case = corpus.join("happy-path-intoto-in-dsse-v3");
    let bytes = std::fs::read(artifact_path(&case, &corpus)).unwrap();
    let digest = format!("sha256:{}", hex::encode(sha2::Sha256::digest(&bytes)));
    let (code, stdout) = cli_case(&case, &corpus, &digest);
    assert_eq!((code, stdout), (0, format!("OK: {digest}\n")));
    // A usage error exits 2.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(["verify", "--bundle", "b.json", "artifact"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    eprintln!("cli: {} cases, 1 digest, 1 usage error", chosen.len());
}

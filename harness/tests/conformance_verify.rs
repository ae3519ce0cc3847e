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

const DEFAULT_IDENTITY: &str = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
const DEFAULT_ISSUER: &str = "https://token.actions.githubusercontent.com";

/// Cases whose verdict is still wrong, with why. The test fails if one starts passing.
const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "bundle-with-sct-with-extensions",
        "an SPKI with NULL parameters in the chain",
    ),
    (
        "intoto-with-custom-trust-root",
        "TSTInfo INTEGER not minimally encoded",
    ),
];

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
        let correct = result.is_ok() == expect_pass;
        let gap = KNOWN_GAPS.iter().find(|(n, _)| *n == name);
        eprintln!(
            "{} {name}: expected {}, got {got}{}",
            if correct { "PASS" } else { "FAIL" },
            if expect_pass { "ok" } else { "rejection" },
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

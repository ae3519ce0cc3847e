//! Rekor v1 entries of the sigstore-conformance bundles: the body check and the SET check give
//! each case's expected verdict for the part they cover.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::model::Material;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::verify::Check;
use pqlab_harness::verify::rekor_v1::{Expected, check_body, verify_set};
use sha2::{Digest, Sha256};

fn trusted_root(case: &Path, corpus: &Path) -> TrustedRoot {
    let custom = case.join("trusted_root.json");
    let path = if custom.exists() {
        custom
    } else {
        corpus.join("../trust-roots-from-sigstore-python-4.5.1/prod/trusted_root.json")
    };
    TrustedRoot::parse(&std::fs::read(path).unwrap()).unwrap()
}

/// Cases whose Rekor v1 entry body or SET is what is wrong, and the check that must catch it.
fn expected_failure(case: &str) -> Option<Check> {
    match case {
        "set-invalid-signature_fail" => Some(Check::InclusionPromise),
        "wrong-hashedrekord-artifact_fail"
        | "wrong-hashedrekord-cert-and-sig_fail"
        | "wrong-hashedrekord-entry_fail"
        | "dsse-invalid-sig_fail"
        | "incorrect-public-key_fail"
        | "dsse-mismatch-envelope_fail"
        | "dsse-mismatch-sig_fail"
        | "intoto-log-entry-mismatch_fail" => Some(Check::LogEntry),
        _ => None,
    }
}

#[test]
fn rekor_v1_bodies_and_sets() {
    let Some(corpus) = pqlab_testdata::corpus(
        "rekor_v1_bodies_and_sets",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let (mut passed, mut caught) = (0, 0);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let Ok(input) = std::fs::read(case.join("bundle.sigstore.json")) else {
            continue;
        };
        let Ok(bundle) = Bundle::parse(&input) else {
            continue;
        };
        let entry = &bundle.tlog_entries[0];
        if entry.inclusion_promise.is_none() {
            continue; // Rekor v2: no SET, a different body kind.
        }
        let artifact = std::fs::read(case.join("artifact"))
            .unwrap_or_else(|_| std::fs::read(corpus.join("a.txt")).unwrap());
        let verifier = match &bundle.material {
            Material::PublicKey { .. } => match std::fs::read_to_string(case.join("key.pub")) {
                Ok(pem) => match pqlab_harness::verify::pem::decode(&pem) {
                    Some((_, der)) => der,
                    // managed-key-wrong-key_fail: the key itself does not decode.
                    None if name.ends_with("_fail") => continue,
                    None => panic!("{name}: key.pub does not decode"),
                },
                Err(_) => continue,
            },
            other => other.leaf_certificate().unwrap().to_vec(),
        };
        let expected = Expected {
            content: &bundle.content,
            artifact_sha256: Some(Sha256::digest(&artifact).into()),
            verifier_der: &verifier,
        };
        let root = trusted_root(&case, &corpus);
        let log = root.tlogs.iter().find(|t| t.log_id == entry.log_id);
        let result = check_body(entry, expected).and_then(|()| match log {
            Some(log) => verify_set(entry, log),
            None => Err(pqlab_harness::verify::VerifyError::new(
                Check::TrustedRoot,
                "log not in root",
            )),
        });
        match (result, expected_failure(&name)) {
            (Ok(()), None) if !name.ends_with("_fail") => passed += 1,
            (Err(e), Some(check)) => {
                assert_eq!(e.check, check, "{name}: caught by the wrong check: {e}");
                caught += 1;
            }
            // Other `_fail` cases fail for reasons outside the body and SET (chain, proof,
            // checkpoint, artifact); whatever these two checks say of them is not a verdict.
            (_, None) if name.ends_with("_fail") => {}
            (result, None) => panic!("{name}: a valid bundle failed: {result:?}"),
            (Ok(()), Some(check)) => panic!("{name}: expected a {check} failure"),
        }
    }
    eprintln!("rekor v1: {passed} entries consistent, {caught} tampered entries caught");
    assert!(passed >= 8 && caught >= 8, "{passed} {caught}");
}

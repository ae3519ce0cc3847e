//! Real checkpoints: the Rekor v2 staging checkpoint of FORMATS.md §1, the 17 checkpoints of
//! transparency-dev/tessera's test log, and every Rekor v2 (hashedrekord 0.0.2) checkpoint in
//! the sigstore-conformance bundles, each verified against the log key of its trusted root.

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::{encoding, registry};
use pqlab_harness::note::{
    Checkpoint, CheckpointVerifier, KeyName, NoteError, NoteVerifier, SignatureType, VerifierKey,
    WitnessPolicy,
};
use serde_json::Value;

/// The staging checkpoint quoted in FORMATS.md §1 (sigstore-python
/// `test/assets/staging-rekor-v2.txt.sigstore.json`).
const STAGING_CHECKPOINT: &str = "log2025-alpha1.rekor.sigstage.dev\n646\nkNum4JmdViJPfZLMRB3xPi6flATj2JzJSiF+1pQDzNQ=\n\n\u{2014} log2025-alpha1.rekor.sigstage.dev 8w1amQA0XB55lIjvC/rvbpawQn9lp2R5TSkvqoNJuxcH9Ii05Ddi66xN8z5ZE6GsK2MkvgNZuqnZ5RtHbq2kpt/B8AE=\n";

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `https://host[:port][/path]` -> `host` (sigstore-go `url.Hostname()`).
fn hostname(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap();
    host.split(':').next().unwrap()
}

/// The note verifier of a trusted-root tlog entry, with the key name = the URL's hostname;
/// checks that pqlab's key hash is the trusted root's `logId.keyId`. `None` when the key's
/// algorithm is not in this build's registry.
fn tlog_verifier(tlog: &Value) -> Option<(String, NoteVerifier)> {
    let origin = hostname(tlog["baseUrl"].as_str().unwrap()).to_owned();
    let spki = STANDARD
        .decode(tlog["publicKey"]["rawBytes"].as_str().unwrap())
        .unwrap();
    let Ok((alg, pk)) = encoding::parse_spki_der(&spki) else {
        eprintln!("{origin}: key algorithm not in this build's registry, skipped");
        return None;
    };
    let sig_type = match alg.info.id {
        "ed25519" => SignatureType::Ed25519,
        _ => SignatureType::Ecdsa,
    };
    let key =
        VerifierKey::from_public_key(KeyName::new(&origin).unwrap(), sig_type, alg, &pk).unwrap();
    let log_id = STANDARD
        .decode(tlog["logId"]["keyId"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        key.key_hash().as_slice(),
        log_id.as_slice(),
        "{origin}: logId"
    );
    Some((origin, NoteVerifier::new(key).unwrap()))
}

#[test]
fn staging_checkpoint_verifies_with_the_staging_key() {
    let Some(root) = pqlab_testdata::corpus(
        "staging_checkpoint",
        "sigstore-conformance/trust-roots-from-sigstore-python-4.5.1/staging/trusted_root.json",
    ) else {
        return;
    };
    let root = json(&root);
    let tlog = root["tlogs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["baseUrl"] == "https://log2025-alpha1.rekor.sigstage.dev")
        .unwrap();
    let (origin, verifier) = tlog_verifier(tlog).unwrap();
    assert_eq!(verifier.key().key_id().to_string(), "f30d5a99");
    let cv = CheckpointVerifier::new(&origin, vec![verifier], vec![], WitnessPolicy::NONE).unwrap();
    let verified = cv.verify(STAGING_CHECKPOINT).unwrap();
    assert_eq!(verified.checkpoint.size, 646);
    // Tampering with the size breaks the log signature.
    let err = cv
        .verify(&STAGING_CHECKPOINT.replace("\n646\n", "\n647\n"))
        .unwrap_err();
    assert!(matches!(err, NoteError::InvalidSignature { .. }), "{err:?}");
    eprintln!("staging_checkpoint: 1 vector");
}

#[test]
fn tessera_checkpoints() {
    let Some(dir) = pqlab_testdata::corpus("tessera_checkpoints", "tlog-tiles/tessera-testdata")
    else {
        return;
    };
    let source = std::fs::read_to_string(dir.join("SOURCE.txt")).unwrap();
    let vkey = source
        .split_whitespace()
        .find(|w| w.starts_with("example.com/log/testdata+"))
        .unwrap();
    let verifier = NoteVerifier::from_vkey(vkey).unwrap();
    let cv = CheckpointVerifier::new(
        "example.com/log/testdata",
        vec![verifier],
        vec![],
        WitnessPolicy::NONE,
    )
    .unwrap();
    let mut count = 0;
    for size in 0..=15u64 {
        let text = std::fs::read_to_string(dir.join(format!("log/checkpoint.{size}"))).unwrap();
        let verified = cv
            .verify(&text)
            .unwrap_or_else(|e| panic!("checkpoint.{size}: {e}"));
        assert_eq!(verified.checkpoint.size, size);
        if size == 0 {
            assert_eq!(
                verified.checkpoint.root_hash,
                pqlab_harness::note::EMPTY_TREE_ROOT
            );
        }
        count += 1;
    }
    let latest = std::fs::read_to_string(dir.join("log/checkpoint")).unwrap();
    assert_eq!(cv.verify(&latest).unwrap().checkpoint.size, 15);
    count += 1;
    eprintln!("tessera_checkpoints: {count} checkpoints");
}

/// Every hashedrekord 0.0.2 bundle's checkpoint, with the log key its trusted root names by
/// `logId`. The `rekor2-checkpoint-*_fail` cases are broken checkpoints and must fail; every
/// other case carries a good checkpoint (it fails, if at all, for another reason).
#[test]
fn conformance_rekor_v2_checkpoints() {
    let Some(dir) = pqlab_testdata::corpus(
        "conformance_rekor_v2_checkpoints",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("bundle.sigstore.json").exists())
        .collect();
    cases.sort();
    let (mut passed, mut rejected) = (0, 0);
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_owned();
        let Ok(bundle) = serde_json::from_str::<Value>(
            &std::fs::read_to_string(case.join("bundle.sigstore.json")).unwrap(),
        ) else {
            continue;
        };
        let Some(entry) = bundle["verificationMaterial"]["tlogEntries"].get(0) else {
            continue;
        };
        if entry["kindVersion"]["kind"] != "hashedrekord"
            || entry["kindVersion"]["version"] != "0.0.2"
        {
            continue;
        }
        let Some(envelope) = entry["inclusionProof"]["checkpoint"]["envelope"].as_str() else {
            continue;
        };
        let root = json(&case.join("trusted_root.json"));
        let tlog = root["tlogs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["logId"]["keyId"] == entry["logId"]["keyId"])
            .unwrap_or_else(|| panic!("{name}: no tlog with the entry's logId"));
        let Some((origin, verifier)) = tlog_verifier(tlog) else {
            continue;
        };
        let cv =
            CheckpointVerifier::new(&origin, vec![verifier], vec![], WitnessPolicy::NONE).unwrap();
        let result = cv.verify(envelope);
        if name.starts_with("rekor2-checkpoint-") && name.ends_with("_fail") {
            let err = result.expect_err(&name);
            eprintln!("{name}: rejected: {err}");
            rejected += 1;
        } else {
            let verified = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                verified.checkpoint.size.to_string(),
                entry["inclusionProof"]["treeSize"].as_str().unwrap(),
                "{name}"
            );
            passed += 1;
        }
    }
    assert!(registry::lookup("ed25519").is_ok());
    assert!(
        passed >= 20 && rejected == 5,
        "passed {passed}, rejected {rejected}"
    );
    eprintln!("conformance_rekor_v2_checkpoints: {passed} verified, {rejected} rejected");
}

#[test]
fn checkpoint_body_of_the_staging_note_round_trips() {
    let body = STAGING_CHECKPOINT.split("\n\n").next().unwrap().to_owned() + "\n";
    let cp = Checkpoint::parse(&body).unwrap();
    assert_eq!(cp.format(), body);
}

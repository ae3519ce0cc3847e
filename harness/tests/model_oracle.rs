//! `pqlab model` against the real client, model-signing 1.1.1 (INTEROP.md): pqlab's
//! signatures of a model, in key mode (ECDSA P-256) and in Sigstore mode (sigstore-today,
//! verified offline with the instance's trust config), must be ACCEPTED by `model_signing
//! verify key` / `verify sigstore`, and REJECTED for a changed file or another identity; a
//! model signed by `model_signing sign key` must verify with pqlab; and pqlab's statement
//! must be model_signing's statement byte for byte once its run-to-run key order is fixed.
//!
//! Needs the Python venv of `scripts/test` (`PQLAB_PYTHON`, `PQLAB_MODEL_SIGNING_CLI`): skips
//! without it, fails in CI.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

#[path = "support/models.rs"]
mod models;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::model::Content;
use pqlab_harness::model::ModelError;
use pqlab_harness::model::key::{self, PrivateKey};
use pqlab_harness::model::sign::{manifest_of, sign_key, sign_sigstore};
use pqlab_harness::model::verify::{Trust, verify_model};
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;

use models::{config_for, write_model};
use pqlab_testdata::oracle::OracleVerdict;
use pqlab_testdata::oracle::model_signing::ModelSigningCli;

const IDENTITY: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";

fn make_model(root: &Path) -> PathBuf {
    write_model(
        root,
        &[
            ("config.json", b"{\"layers\": 2}\n".as_slice()),
            ("weights/layer0.bin", &[0u8; 4096]),
            ("weights-extra", b"x"),
            ("tokenizer/vocab \u{e9}.txt", b"a b c\n"),
            (".gitignore", b"*.tmp\n"),
        ],
    )
}

fn expect(case: &str, verdict: &OracleVerdict, accept: bool, failures: &mut Vec<String>) {
    let shown = match verdict {
        OracleVerdict::Accepted => "accepted".to_owned(),
        OracleVerdict::Rejected { message } => {
            format!("rejected: {}", message.replace('\n', " | "))
        }
    };
    eprintln!("{case:<40} model_signing {shown}");
    if verdict.is_accepted() != accept {
        failures.push(format!("{case}: {shown}"));
    }
}

fn payload(bundle_json: &[u8]) -> Vec<u8> {
    match Bundle::parse(bundle_json).unwrap().content {
        Content::Dsse(envelope) => envelope.payload,
        Content::MessageSignature { .. } => panic!("not a DSSE bundle"),
    }
}

#[test]
fn model_signing_accepts_pqlab_signatures_in_both_modes() {
    let Some(cli) = ModelSigningCli::locate("model_oracle") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let mut failures = Vec::new();

    // Key mode, ECDSA P-256.
    let key =
        PrivateKey::generate("ecdsa-p256-sha256", &mut pqlab_algorithms::rng::seeded(1)).unwrap();
    let public = dir.path().join("key.pub");
    std::fs::write(&public, key::public_key_pem(key.spki_der()).unwrap()).unwrap();
    let signature = model.join("model.sig");
    let manifest = manifest_of(&model, &config_for(&model, &signature)).unwrap();
    let bundle = sign_key(&manifest, &key, &mut pqlab_algorithms::rng::seeded(2)).unwrap();
    std::fs::write(&signature, bundle.to_json()).unwrap();
    let verdict = cli.verify_key(&model, &signature, &public).unwrap();
    expect("key mode", &verdict, true, &mut failures);

    // Sigstore mode, sigstore-today, offline with the instance's trust root.
    let profiles = profile::built_in();
    let profile = profile::find(&profiles, "sigstore-today").unwrap();
    let now = SystemTime::now();
    let instance = Instance::create(&dir.path().join("state"), profile, 4, now).unwrap();
    let outcome = sign_sigstore(
        &instance,
        &manifest,
        &OidcIdentity::email(IDENTITY, ISSUER),
        now,
    )
    .unwrap();
    let sigstore_sig = dir.path().join("sigstore.sig");
    std::fs::write(&sigstore_sig, &outcome.json).unwrap();
    let root = instance.trusted_root_path();
    let verify_sigstore = |identity: &str| {
        cli.verify_sigstore(&model, &sigstore_sig, &root, identity, ISSUER)
            .unwrap()
    };
    expect(
        "sigstore mode",
        &verify_sigstore(IDENTITY),
        true,
        &mut failures,
    );
    expect(
        "sigstore mode, another identity",
        &verify_sigstore("mallory@example.org"),
        false,
        &mut failures,
    );

    // A changed file fails both.
    std::fs::write(model.join("weights/layer0.bin"), b"tampered").unwrap();
    let verdict = cli.verify_key(&model, &signature, &public).unwrap();
    expect("key mode, changed file", &verdict, false, &mut failures);
    assert!(
        verdict
            .rejection()
            .unwrap_or_default()
            .contains("weights/layer0.bin"),
        "{verdict:?}"
    );
    expect(
        "sigstore mode, changed file",
        &verify_sigstore(IDENTITY),
        false,
        &mut failures,
    );
    assert!(failures.is_empty(), "{failures:#?}");
    eprintln!("5 model_signing verdicts as expected");
}

#[test]
fn pqlab_verifies_model_signing_key_signatures() {
    let Some(cli) = ModelSigningCli::locate("model_oracle") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let key =
        PrivateKey::generate("ecdsa-p256-sha256", &mut pqlab_algorithms::rng::seeded(5)).unwrap();
    let private = dir.path().join("key.pem");
    std::fs::write(&private, key.to_pkcs8_pem().unwrap()).unwrap();
    let signature = model.join("model.sig");
    cli.sign_key(&model, &signature, &private).unwrap();
    let json = std::fs::read(&signature).unwrap();
    let config = config_for(&model, &signature);
    let verified = verify_model(
        &model,
        &json,
        Trust::Key(key.spki_der()),
        &config,
        SystemTime::now(),
    )
    .unwrap();
    assert_eq!(verified.resources().len(), 4);

    // The statements agree: model_signing's, with its hash-ordered keys put in pqlab's
    // order and its ignore paths sorted, is pqlab's byte for byte.
    let theirs = payload(&json);
    let ours = manifest_of(&model, &config).unwrap().to_payload();
    let python = std::env::var_os("PQLAB_PYTHON").map(PathBuf::from);
    if let Some(python) = python {
        let script = r#"
import json, sys
s = json.loads(sys.stdin.buffer.read())
p = s["predicate"]
ser = p["serialization"]
p["serialization"] = {"method": ser["method"], "hash_type": ser["hash_type"],
    "allow_symlinks": ser["allow_symlinks"], "ignore_paths": sorted(ser["ignore_paths"])}
p["resources"] = [{"name": r["name"], "algorithm": r["algorithm"], "digest": r["digest"]}
    for r in p["resources"]]
s["predicate"] = {"serialization": p["serialization"], "resources": p["resources"]}
sys.stdout.write(json.dumps(s, indent=2))
"#;
        let mut child = Command::new(python)
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &theirs).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(ours.clone()).unwrap()
        );
    }
    assert_eq!(theirs.len(), ours.len());

    // A file changed after model_signing signed: pqlab names it.
    std::fs::write(model.join("config.json"), b"{}").unwrap();
    let err = verify_model(
        &model,
        &json,
        Trust::Key(key.spki_der()),
        &config,
        SystemTime::now(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, ModelError::Mismatch(d) if d.changed == ["config.json"]),
        "{err}"
    );
}

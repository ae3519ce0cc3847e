//! Model signing (model-transparency v1.0, FORMATS.md §7): sign and verify in both modes,
//! every tampering named, every bundle profile, bad input handled as model_signing 1.1.1
//! handles it, bounded-memory hashing of a multi-gigabyte file, determinism.

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
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::model::key::PrivateKey;
use pqlab_harness::model::sign::{manifest_of, sign_key, sign_sigstore};
use pqlab_harness::model::verify::{Trust, verify_model};
use pqlab_harness::model::{HashingConfig, Manifest, ModelError};
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;

use models::{config_for, write_model};

const IDENTITY: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";

/// A small model: nested files, a name that sorts differently by component than by bytes,
/// git files that are ignored, a non-ASCII name.
fn make_model(root: &Path) -> PathBuf {
    write_model(
        root,
        &[
            ("config.json", b"{\"layers\": 2}\n".as_slice()),
            ("weights/layer0.bin", &[0u8; 4096]),
            ("weights/layer1.bin", &[1u8; 5000]),
            ("weights-extra", b"x"),
            ("tokenizer/vocab é.txt", b"a b c\n"),
            (".git/HEAD", b"ref: refs/heads/main\n"),
            (".gitignore", b"*.tmp\n"),
        ],
    )
}

fn key() -> PrivateKey {
    PrivateKey::generate("ecdsa-p256-sha256", &mut pqlab_algorithms::rng::seeded(11)).unwrap()
}

fn key_sign(model: &Path, key: &PrivateKey) -> Vec<u8> {
    let signature = model.join("model.sig");
    let manifest = manifest_of(model, &config_for(model, &signature)).unwrap();
    let bundle = sign_key(&manifest, key, &mut pqlab_algorithms::rng::seeded(3)).unwrap();
    let json = bundle.to_json().into_bytes();
    std::fs::write(&signature, &json).unwrap();
    json
}

fn key_verify(model: &Path, bundle: &[u8], key: &PrivateKey) -> Result<Manifest, ModelError> {
    verify_model(
        model,
        bundle,
        Trust::Key(key.spki_der()),
        &config_for(model, &model.join("model.sig")),
        SystemTime::now(),
    )
}

#[test]
fn the_manifest_lists_every_file_in_model_signing_order() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    std::fs::write(model.join("model.sig"), b"old signature").unwrap();
    let manifest = manifest_of(&model, &config_for(&model, &model.join("model.sig"))).unwrap();
    let names: Vec<&str> = manifest
        .resources()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    // By component: "weights/…" before "weights-extra"; git paths and the signature left out.
    assert_eq!(
        names,
        [
            "config.json",
            "tokenizer/vocab é.txt",
            "weights/layer0.bin",
            "weights/layer1.bin",
            "weights-extra"
        ]
    );
    assert_eq!(manifest.model_name, "model");
    assert_eq!(
        hex::encode(manifest.resources()[2].digest),
        // sha256 of 4096 zero bytes
        "ad7facb2586fc6e966c004d7d1d16b024f5805ff7cb47c7a85dabd8b48892ca7"
    );
    let ignored: Vec<&str> = manifest
        .serialization
        .ignore_paths
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        ignored,
        [
            ".git",
            ".gitattributes",
            ".github",
            ".gitignore",
            "model.sig"
        ]
    );
    let payload = String::from_utf8(manifest.to_payload()).unwrap();
    assert!(payload.contains("\"name\": \"tokenizer/vocab \\u00e9.txt\""));
    assert!(payload.starts_with("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n"));
}

#[test]
fn key_mode_signs_and_verifies_without_a_log_entry() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let key = key();
    let json = key_sign(&model, &key);
    let bundle = Bundle::parse(&json).unwrap();
    assert!(bundle.tlog_entries.is_empty() && bundle.timestamps.is_empty());
    let verified = key_verify(&model, &json, &key).unwrap();
    assert_eq!(verified.resources().len(), 5);

    let other =
        PrivateKey::generate("ecdsa-p256-sha256", &mut pqlab_algorithms::rng::seeded(12)).unwrap();
    assert!(matches!(
        key_verify(&model, &json, &other),
        Err(ModelError::KeyHint { .. })
    ));
}

/// Every way of tampering is rejected, naming the file.
#[test]
fn tampered_models_are_rejected_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let key = key();
    let json = key_sign(&model, &key);
    let mut cases = 0;
    let mut expect = |what: &str, change: &dyn Fn(&Path), undo: &dyn Fn(&Path), named: &[&str]| {
        change(&model);
        let err = key_verify(&model, &json, &key).unwrap_err();
        let ModelError::Mismatch(diff) = &err else {
            panic!("{what}: {err}");
        };
        let files: Vec<&str> = diff.files().collect();
        assert_eq!(files, named, "{what}: {err}");
        for name in named {
            assert!(err.to_string().contains(name), "{what}: {err}");
        }
        eprintln!("{what}: {err}");
        undo(&model);
        key_verify(&model, &json, &key).unwrap();
        cases += 1;
    };
    expect(
        "changed",
        &|m| std::fs::write(m.join("weights/layer1.bin"), [2u8; 5000]).unwrap(),
        &|m| std::fs::write(m.join("weights/layer1.bin"), [1u8; 5000]).unwrap(),
        &["weights/layer1.bin"],
    );
    expect(
        "added",
        &|m| std::fs::write(m.join("weights/extra.bin"), b"new").unwrap(),
        &|m| std::fs::remove_file(m.join("weights/extra.bin")).unwrap(),
        &["weights/extra.bin"],
    );
    expect(
        "removed",
        &|m| std::fs::remove_file(m.join("config.json")).unwrap(),
        &|m| std::fs::write(m.join("config.json"), b"{\"layers\": 2}\n").unwrap(),
        &["config.json"],
    );
    expect(
        "renamed",
        &|m| std::fs::rename(m.join("weights-extra"), m.join("weights-other")).unwrap(),
        &|m| std::fs::rename(m.join("weights-other"), m.join("weights-extra")).unwrap(),
        &["weights-other", "weights-extra"],
    );
    expect(
        "added to an ignored name's sibling",
        &|m| std::fs::write(m.join(".gitignore2"), b"x").unwrap(),
        &|m| std::fs::remove_file(m.join(".gitignore2")).unwrap(),
        &[".gitignore2"],
    );
    // Ignored paths may change freely.
    std::fs::write(model.join(".git/HEAD"), b"changed").unwrap();
    key_verify(&model, &json, &key).unwrap();
    eprintln!("{cases} tampering cases rejected");
}

/// An edited manifest: the resources no longer hash to the subject, or (subject fixed up too)
/// the signature no longer verifies.
#[test]
fn edited_manifests_are_rejected() {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let key = key();
    let json = key_sign(&model, &key);
    let bundle = Bundle::parse(&json).unwrap();
    let Content::Dsse(envelope) = &bundle.content else {
        panic!()
    };
    let manifest = Manifest::from_payload(&envelope.payload).unwrap();
    let changed = &manifest.resources()[0];
    std::fs::write(model.join("config.json"), b"evil").unwrap();
    let evil = hex::encode(<[u8; 32]>::from(sha2::Sha256::digest(b"evil")));

    let edit_payload = |payload: Vec<u8>| {
        let mut value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        value["dsseEnvelope"]["payload"] = STANDARD.encode(payload).into();
        value.to_string().into_bytes()
    };
    // Only the resource digest edited.
    let payload = String::from_utf8(envelope.payload.clone())
        .unwrap()
        .replace(&hex::encode(changed.digest), &evil);
    let err = key_verify(&model, &edit_payload(payload.into_bytes()), &key).unwrap_err();
    assert!(matches!(err, ModelError::RootDigest { .. }), "{err}");
    // The digest and the subject edited consistently: the signature fails.
    let mut resources = manifest.resources().to_vec();
    resources[0].digest = sha2::Sha256::digest(b"evil").into();
    let forged = Manifest::new(
        manifest.model_name.clone(),
        manifest.serialization.clone(),
        resources,
    )
    .unwrap();
    let err = key_verify(&model, &edit_payload(forged.to_payload()), &key).unwrap_err();
    assert!(matches!(err, ModelError::Signature(_)), "{err}");
    // A resource naming a file outside the model.
    let payload = String::from_utf8(envelope.payload.clone())
        .unwrap()
        .replace("\"config.json\"", "\"../config.json\"");
    let err = key_verify(&model, &edit_payload(payload.into_bytes()), &key).unwrap_err();
    assert!(
        matches!(err, ModelError::UnsafeResourceName(ref n) if n == "../config.json"),
        "{err}"
    );
    eprintln!("3 manifest edits rejected");
}

use sha2::Digest as _;

/// Every built-in profile (hash-only identity leaves included) signs and verifies a model in
/// Sigstore mode; a wrong identity and a changed file fail.
#[test]
fn every_bundle_profile_signs_and_verifies_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let now = SystemTime::now();
    let profiles = profile::built_in();
    let mut count = 0;
    for profile in &profiles {
        let state = dir.path().join(format!("state-{}", profile.name));
        let instance = Instance::create(&state, profile, 5, now).unwrap();
        let signature = dir.path().join(format!("{}.sig", profile.name));
        let config = config_for(&model, &signature);
        let manifest = manifest_of(&model, &config).unwrap();
        let outcome = sign_sigstore(&instance, &manifest, &identity, now).unwrap();
        let root =
            TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).unwrap()).unwrap();
        let verify = |identity: &str| {
            verify_model(
                &model,
                outcome.json.as_bytes(),
                Trust::Sigstore {
                    root: &root,
                    identity,
                    issuer: ISSUER,
                },
                &config,
                now,
            )
        };
        verify(IDENTITY).unwrap_or_else(|e| panic!("{}: {e}", profile.name));
        assert!(
            matches!(verify("mallory@example.org"), Err(ModelError::Verify(_))),
            "{}",
            profile.name
        );
        std::fs::write(model.join("weights-extra"), b"y").unwrap();
        let err = verify(IDENTITY).unwrap_err();
        assert!(
            err.to_string().contains("weights-extra"),
            "{}: {err}",
            profile.name
        );
        std::fs::write(model.join("weights-extra"), b"x").unwrap();
        eprintln!(
            "{}: model bundle {} bytes",
            profile.name,
            outcome.json.len()
        );
        count += 1;
    }
    assert_eq!(count, profiles.len());
    eprintln!("{count} profiles signed and verified a model");
}

#[test]
fn symlinks_special_files_and_outside_paths_are_handled_as_model_signing_does() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let outside = dir.path().join("outside.bin");
    std::fs::write(&outside, b"outside").unwrap();
    std::os::unix::fs::symlink(&outside, model.join("weights/link.bin")).unwrap();

    // Refused by default, naming the link.
    let err = manifest_of(&model, &HashingConfig::default()).unwrap_err();
    assert!(
        matches!(&err, ModelError::Symlink(p) if p.ends_with("weights/link.bin")),
        "{err}"
    );
    // Allowed: the link is hashed as the file it points to, and recorded.
    let config = HashingConfig {
        allow_symlinks: true,
        ..HashingConfig::default()
    };
    let manifest = manifest_of(&model, &config).unwrap();
    let link = manifest
        .resources()
        .iter()
        .find(|r| r.name == "weights/link.bin")
        .unwrap();
    assert_eq!(
        link.digest,
        <[u8; 32]>::from(sha2::Sha256::digest(b"outside"))
    );
    assert!(manifest.serialization.allow_symlinks);
    // A link to a directory is not descended.
    std::fs::remove_file(model.join("weights/link.bin")).unwrap();
    std::os::unix::fs::symlink(model.join("weights"), model.join("alias")).unwrap();
    let manifest = manifest_of(&model, &config).unwrap();
    assert!(
        manifest
            .resources()
            .iter()
            .all(|r| !r.name.starts_with("alias"))
    );
    // A broken link is neither a file nor a directory.
    std::fs::remove_file(model.join("alias")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), model.join("broken")).unwrap();
    let err = manifest_of(&model, &config).unwrap_err();
    assert!(matches!(err, ModelError::NotFileOrDirectory(_)), "{err}");
    std::fs::remove_file(model.join("broken")).unwrap();

    // A named pipe is refused.
    let fifo = model.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = manifest_of(&model, &HashingConfig::default()).unwrap_err();
    assert!(
        matches!(&err, ModelError::NotFileOrDirectory(p) if p.ends_with("pipe")),
        "{err}"
    );
    std::fs::remove_file(&fifo).unwrap();

    // Ignore paths outside the model are dropped; inside, they are recorded.
    let mut config = HashingConfig::default();
    config.ignore_path(&model, &outside);
    config.ignore_path(&model, &model.join("weights"));
    let manifest = manifest_of(&model, &config).unwrap();
    assert!(manifest.serialization.ignore_paths.contains("weights"));
    assert!(
        !manifest
            .serialization
            .ignore_paths
            .iter()
            .any(|p| p.contains("outside"))
    );
    assert!(
        manifest
            .resources()
            .iter()
            .all(|r| !r.name.starts_with("weights/"))
    );

    // A single file is a model with one resource named ".".
    let single = manifest_of(&model.join("config.json"), &HashingConfig::default()).unwrap();
    assert_eq!(single.resources().len(), 1);
    assert_eq!(single.resources()[0].name, ".");
    assert_eq!(single.model_name, "config.json");
}

#[test]
fn signing_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    let key = key();
    // The statement is the same bytes every time (ECDSA signatures over it may be randomized
    // by the implementation).
    let payload = |json: &[u8]| match Bundle::parse(json).unwrap().content {
        Content::Dsse(envelope) => envelope.payload,
        Content::MessageSignature { .. } => panic!("not DSSE"),
    };
    let a = key_sign(&model, &key);
    let b = key_sign(&model, &key);
    assert_eq!(payload(&a), payload(&b));
    let one_worker = HashingConfig {
        workers: 1,
        ..config_for(&model, &model.join("model.sig"))
    };
    let many = HashingConfig {
        workers: 8,
        ..config_for(&model, &model.join("model.sig"))
    };
    assert_eq!(
        manifest_of(&model, &one_worker).unwrap().to_payload(),
        manifest_of(&model, &many).unwrap().to_payload()
    );

    let now = SystemTime::now();
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let profiles = profile::built_in();
    let profile = profile::find(&profiles, "sigstore-today").unwrap();
    let manifest = manifest_of(&model, &one_worker).unwrap();
    let sign_fresh = |name: &str| {
        let instance = Instance::create(&dir.path().join(name), profile, 9, now).unwrap();
        sign_sigstore(&instance, &manifest, &identity, now)
            .unwrap()
            .json
    };
    assert_eq!(sign_fresh("s1"), sign_fresh("s2"), "same seed and clock");
}

/// Peak resident memory of this process (`VmHWM`), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A sparse 3 GiB + 7 bytes file hashes in bounded memory: the peak RSS grows by far less than
/// the file (each worker holds one 1 MiB buffer), and the digest matches SHA-256 of the same
/// zeros computed without the file. Runs in a child process of this test binary, alone, so
/// that no other test's allocations count.
#[test]
fn a_multi_gigabyte_file_hashes_in_bounded_memory() {
    const CHILD: &str = "PQLAB_MODEL_BIG_FILE_CHILD";
    if std::env::var_os(CHILD).is_none() {
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "a_multi_gigabyte_file_hashes_in_bounded_memory",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{printed}");
        assert!(printed.contains("grew the peak RSS"), "{printed}");
        eprintln!(
            "{}",
            printed.lines().find(|l| l.contains("peak RSS")).unwrap()
        );
        return;
    }
    const SIZE: u64 = 3 * (1 << 30) + 7;
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("big-model");
    std::fs::create_dir(&model).unwrap();
    let file = std::fs::File::create(model.join("weights.bin")).unwrap();
    file.set_len(SIZE).unwrap();
    drop(file);
    std::fs::write(model.join("config.json"), b"{}").unwrap();

    let before = peak_rss_kib();
    let manifest = manifest_of(&model, &HashingConfig::default()).unwrap();
    let grown = peak_rss_kib().saturating_sub(before);
    eprintln!("hashing {SIZE} bytes grew the peak RSS by {grown} KiB");
    assert!(grown < 32 * 1024, "peak RSS grew by {grown} KiB");

    let mut hasher = sha2::Sha256::new();
    let zeros = vec![0u8; 1 << 20];
    let mut left = SIZE;
    while left > 0 {
        let n = usize::try_from(left.min(1 << 20)).unwrap();
        hasher.update(&zeros[..n]);
        left -= n as u64;
    }
    let expected: [u8; 32] = hasher.finalize().into();
    let big = manifest
        .resources()
        .iter()
        .find(|r| r.name == "weights.bin")
        .unwrap();
    assert_eq!(big.digest, expected);
}

fn pqlab(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_command_line_signs_and_verifies_in_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    make_model(dir.path());
    let d = dir.path();
    let (code, text) = pqlab(
        &[
            "model",
            "keygen",
            "--private-key",
            "k.pem",
            "--public-key",
            "k.pub",
        ],
        d,
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = pqlab(
        &[
            "model",
            "sign",
            "model",
            "--key",
            "k.pem",
            "-o",
            "model/model.sig",
        ],
        d,
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = pqlab(
        &[
            "model",
            "verify",
            "model",
            "--signature",
            "model/model.sig",
            "--key",
            "k.pub",
        ],
        d,
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("OK: model (5 files"), "{text}");

    let (code, text) = pqlab(
        &[
            "model",
            "sign",
            "model",
            "--state",
            "st",
            "--profile",
            "pq-all-ml-dsa-44",
            "--identity",
            IDENTITY,
            "--issuer",
            ISSUER,
            "--seed",
            "1",
        ],
        d,
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("created pq-all-ml-dsa-44 instance"), "{text}");
    let sigstore_verify = |d: &Path| {
        pqlab(
            &[
                "model",
                "verify",
                "model",
                "--signature",
                "model.sig",
                "--trusted-root",
                "st/trusted_root.json",
                "--identity",
                IDENTITY,
                "--issuer",
                ISSUER,
            ],
            d,
        )
    };
    let (code, text) = sigstore_verify(d);
    assert_eq!(code, 0, "{text}");
    std::fs::write(d.join("model/weights/layer0.bin"), b"tampered").unwrap();
    let (code, text) = sigstore_verify(d);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.starts_with(
            "FAIL: model does not match its signature: hash mismatch for 'weights/layer0.bin'"
        ),
        "{text}"
    );
}

/// The signature's ignore paths apply at verification (model_signing `verifying.py` adds them
/// to the hashing config), and `--no-ignore-git-paths` signs the git files.
#[test]
fn ignore_paths_recorded_in_the_signature_apply_when_verifying() {
    let dir = tempfile::tempdir().unwrap();
    let model = make_model(dir.path());
    std::fs::write(model.join("notes.txt"), b"draft").unwrap();
    let key = key();
    let mut config = config_for(&model, &model.join("model.sig"));
    config.ignore_path(&model, &model.join("notes.txt"));
    let manifest = manifest_of(&model, &config).unwrap();
    assert!(manifest.resources().iter().all(|r| r.name != "notes.txt"));
    let json = sign_key(&manifest, &key, &mut pqlab_algorithms::rng::seeded(1))
        .unwrap()
        .to_json();
    std::fs::write(model.join("notes.txt"), b"changed after signing").unwrap();
    // Verified with only the default ignore rules: notes.txt comes from the signature.
    key_verify(&model, json.as_bytes(), &key).unwrap();

    let mut with_git = config_for(&model, &model.join("model.sig"));
    for git in pqlab_harness::model::GIT_PATHS {
        with_git.ignore_paths.remove(git);
    }
    let manifest = manifest_of(&model, &with_git).unwrap();
    let names: Vec<&str> = manifest
        .resources()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert!(
        names.contains(&".git/HEAD") && names.contains(&".gitignore"),
        "{names:?}"
    );
}

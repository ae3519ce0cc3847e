//! `pqlab sign` output verifies with `pqlab verify` for bundle profiles of every entry shape
//! (hashedrekord and the hash-only identity leaf), with the instance's witness policy
//! (`--witnesses`) where it has witnesses, and a wrong identity is refused by the identity
//! check. This caught the ML-DSA-44 checkpoint (C2SP
//! 0x06 timestamped `subtree/v1`) being checked as a plain signature over the note text.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const IDENTITY: &str = "alice@example.org";
const ISSUER: &str = "https://oidc.example.org";

fn pqlab(args: &[&str], dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A fresh directory under the test target dir holding the artifact `a.txt`.
fn fresh_dir(name: &str, artifact: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), artifact).unwrap();
    dir
}

/// `pqlab sign` of `a.txt` in `dir` through `profile`'s instance at `state`, into `bundle`.
fn sign(dir: &Path, profile: &str, state: &str, bundle: &str, dsse: bool) -> (bool, String) {
    let mut args = vec![
        "sign",
        "--profile",
        profile,
        "--state",
        state,
        "--identity",
        IDENTITY,
        "--issuer",
        ISSUER,
        "a.txt",
        "-o",
        bundle,
    ];
    if dsse {
        args.push("--dsse");
    }
    pqlab(&args, dir)
}

/// `pqlab verify` of `bundle` against `state`'s trusted root for `identity` (at ISSUER).
fn verify(
    dir: &Path,
    bundle: &str,
    state: &str,
    identity: &str,
    artifact: &str,
    witnesses: Option<&str>,
) -> (bool, String) {
    let root = format!("{state}/trusted_root.json");
    let mut args = vec![
        "verify",
        "--bundle",
        bundle,
        "--trusted-root",
        &root,
        "--identity",
        identity,
        "--issuer",
        ISSUER,
        artifact,
    ];
    if let Some(w) = witnesses {
        args.extend(["--witnesses", w]);
    }
    pqlab(&args, dir)
}

#[test]
fn signed_bundles_verify_for_every_bundle_profile() {
    let dir = fresh_dir("pipeline-verify", b"hello pqlab\n");
    let profiles = [
        "sigstore-today",
        "sigstore-today-witnessed",
        "pq-leaf-ml-dsa-65",
        "pq-all-ml-dsa-44",
        "pq-all-ml-dsa-65",
        "composite-ml-dsa-65-ed25519",
        "dual-checkpoint",
        "fn-dsa-512",
        "hash-only-today",
        "hash-only-ml-dsa-44",
    ];
    for profile in profiles {
        let state = format!("state-{profile}");
        let bundle = format!("{profile}.sigstore.json");
        for dsse in [false, true] {
            let (ok, text) = sign(&dir, profile, &state, &bundle, dsse);
            assert!(ok, "{profile} (dsse {dsse}): sign failed: {text}");
            let witnesses = format!("{state}/witnesses.json");
            let policy = dir.join(&witnesses).exists().then_some(witnesses.as_str());
            let (ok, text) = verify(&dir, &bundle, &state, IDENTITY, "a.txt", policy);
            assert!(ok, "{profile} (dsse {dsse}): verify failed: {text}");
            eprintln!("{profile} (dsse {dsse}): {}", text.trim());
        }
        let (ok, text) = verify(&dir, &bundle, &state, "mallory@example.org", "a.txt", None);
        assert!(
            !ok && text.contains("identity check failed"),
            "{profile}: {text}"
        );
    }
}

/// `pqlab verify ... sha256:HEX`: verifies an ECDSA P-256 message signature (prehash) and a
/// DSSE bundle from the digest alone, and names why an ML-DSA message signature cannot be;
/// `--witnesses` with another instance's witness keys fails the cosignatures check.
#[test]
fn digests_and_witness_policies() {
    use sha2::Digest as _;
    let dir = fresh_dir("pipeline-verify-digest", b"digest me\n");
    let digest = format!(
        "sha256:{}",
        hex::encode(sha2::Sha256::digest(b"digest me\n"))
    );
    let sign = |profile: &str, state: &str, bundle: &str, dsse: bool| {
        let (ok, text) = sign(&dir, profile, state, bundle, dsse);
        assert!(ok, "{profile}: {text}");
    };
    let verify = |bundle: &str, state: &str, artifact: &str, witnesses: Option<&str>| {
        verify(&dir, bundle, state, IDENTITY, artifact, witnesses)
    };
    sign("sigstore-today-witnessed", "today", "today.json", false);
    sign("sigstore-today-witnessed", "today", "today-dsse.json", true);
    sign("pq-all-ml-dsa-65", "pq", "pq.json", false);
    sign("pq-all-ml-dsa-65", "pq", "pq-dsse.json", true);

    for (bundle, state) in [
        ("today.json", "today"),
        ("today-dsse.json", "today"),
        ("pq-dsse.json", "pq"),
    ] {
        let (ok, text) = verify(bundle, state, &digest, None);
        assert!(ok, "{bundle} by digest: {text}");
    }
    let (ok, text) = verify("pq.json", "pq", &digest, None);
    assert!(
        !ok && text.contains("artifact-signature check failed")
            && text.contains("ML-DSA-65 signs the whole message"),
        "{text}"
    );
    let wrong = format!("sha256:{}", "00".repeat(32));
    let (ok, text) = verify("today.json", "today", &wrong, None);
    assert!(!ok && text.contains("artifact-signature"), "{text}");

    let (ok, text) = verify("today.json", "today", "a.txt", Some("today/witnesses.json"));
    assert!(ok, "{text}");
    let (ok, text) = verify("today.json", "today", "a.txt", Some("pq/witnesses.json"));
    assert!(
        !ok && text.contains("cosignatures check failed"),
        "another instance's witnesses: {text}"
    );
    let (ok, text) = verify(
        "today.json",
        "today",
        "a.txt",
        Some("today/trusted_root.json"),
    );
    assert!(!ok && text.contains("not a witness policy"), "{text}");
    eprintln!("digest and witness-policy verifications: 9");
}

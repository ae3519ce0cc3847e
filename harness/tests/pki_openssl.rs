//! Independent verification of the classical PKI with the `openssl` command line (OpenSSL 3):
//! `openssl verify` on the Fulcio chain and the TSA chain (with `-purpose` where OpenSSL has
//! one), and `openssl ts -verify` on the RFC 3161 response (`INTEROP.md` "Commands").
//! Skips with a message when `openssl` is not installed, fails under `CI=true`.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pqlab_algorithms::{encoding, registry, rng};
use pqlab_harness::pki::{Authority, CtLog, OidcIdentity, Tsa};

fn openssl_available() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "openssl is required under CI"
        );
        eprintln!("skipping: openssl not found");
    }
    found
}

fn pem(der: &[u8]) -> String {
    der::pem::encode_string("CERTIFICATE", der::pem::LineEnding::LF, der).unwrap()
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pqlab-pki-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn openssl(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl")
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

/// Issues a chain for `(root, intermediate, ct, tsa root, tsa leaf, leaf)` algorithms at the
/// current time (OpenSSL checks validity against its own clock) and writes the PEM files.
fn write_pki(dir: &Path, algs: [&str; 6]) {
    let now = SystemTime::now() - Duration::from_secs(5);
    let seed = now.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let mut ca = Authority::generate(algs[0], algs[1], seed, now).unwrap();
    let mut ct = CtLog::generate(algs[2], seed).unwrap();
    let mut tsa = Tsa::generate(algs[3], algs[4], seed, now).unwrap();
    let imp = registry::lookup(algs[5]).unwrap().default_implementation();
    let pair = imp.generate(&mut rng::seeded(seed)).unwrap();
    let spki = encoding::spki_der(imp.info(), &pair.public).unwrap();
    let identity = OidcIdentity::email("alice@simulated.example", "https://oidc.simulated.example");
    let leaf = ca.issue_leaf(&identity, &spki, &mut ct, now).unwrap();
    let signature = b"the signature bytes";
    let tsr = tsa.timestamp(signature, now).unwrap();
    std::fs::write(dir.join("root.pem"), pem(ca.root_der())).unwrap();
    std::fs::write(dir.join("intermediate.pem"), pem(ca.intermediate_der())).unwrap();
    std::fs::write(dir.join("leaf.pem"), pem(&leaf.der)).unwrap();
    std::fs::write(dir.join("tsa_root.pem"), pem(tsa.root_der())).unwrap();
    std::fs::write(dir.join("tsa_leaf.pem"), pem(tsa.leaf_der())).unwrap();
    std::fs::write(dir.join("ts.tsr"), tsr).unwrap();
    std::fs::write(dir.join("sig.bin"), signature).unwrap();
    std::fs::write(dir.join("other.bin"), b"other bytes").unwrap();
}

/// OpenSSL 3.0 cannot check an Ed25519 timestamp token: `ts -verify` goes through
/// PKCS7_signatureVerify ("operation not supported for this keytype") and `cms -verify` fails
/// in the EdDSA provider ("invalid digest") even with the SHA-512 digest RFC 8419 §3.1
/// prescribes. For Ed25519 only the certificate chains are checked by OpenSSL.
fn check_all(name: &str, algs: [&str; 6], ts_verify: bool) {
    if !openssl_available() {
        return;
    }
    let dir = workdir(name);
    write_pki(&dir, algs);
    let (ok, text) = openssl(
        &dir,
        &[
            "verify",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "intermediate.pem",
            "leaf.pem",
        ],
    );
    assert!(
        ok && text.contains("leaf.pem: OK"),
        "{name} leaf chain: {text}"
    );
    // TSA leaf for the timestamp-signing purpose (OpenSSL's X509_PURPOSE_TIMESTAMP_SIGN
    // requires the critical, sole timeStamping EKU).
    let (ok, text) = openssl(
        &dir,
        &[
            "verify",
            "-purpose",
            "timestampsign",
            "-CAfile",
            "tsa_root.pem",
            "tsa_leaf.pem",
        ],
    );
    assert!(ok, "{name} TSA chain: {text}");
    if !ts_verify {
        std::fs::remove_dir_all(&dir).unwrap();
        eprintln!("{name}: openssl verify (leaf chain, TSA chain) accepted; token not checked");
        return;
    }
    let (ok, text) = openssl(
        &dir,
        &[
            "ts",
            "-verify",
            "-in",
            "ts.tsr",
            "-data",
            "sig.bin",
            "-CAfile",
            "tsa_root.pem",
            "-untrusted",
            "tsa_leaf.pem",
        ],
    );
    assert!(
        ok && text.contains("Verification: OK"),
        "{name} ts -verify: {text}"
    );
    // The same token over other bytes is rejected.
    let (ok, text) = openssl(
        &dir,
        &[
            "ts",
            "-verify",
            "-in",
            "ts.tsr",
            "-data",
            "other.bin",
            "-CAfile",
            "tsa_root.pem",
            "-untrusted",
            "tsa_leaf.pem",
        ],
    );
    assert!(!ok, "{name} ts -verify over other bytes passed: {text}");
    std::fs::remove_dir_all(&dir).unwrap();
    eprintln!("{name}: openssl verify (leaf, TSA) and ts -verify accepted; wrong data rejected");
}

#[test]
fn openssl_accepts_the_ecdsa_pki() {
    check_all(
        "ecdsa",
        [
            "ecdsa-p384-sha384",
            "ecdsa-p384-sha384",
            "ecdsa-p256-sha256",
            "ecdsa-p384-sha384",
            "ecdsa-p256-sha256",
            "ecdsa-p256-sha256",
        ],
        true,
    );
}

#[test]
fn openssl_accepts_the_ed25519_pki() {
    check_all("ed25519", ["ed25519"; 6], false);
}

//! `pqlab key generate|sign`: the key file (mode 0600, never overwritten), the printed SPKI
//! PEM, signatures that verify, a stateful key's state advancing in the file, and the lock
//! that keeps two signers off one key file.

#![allow(clippy::unwrap_used, reason = "test code unwraps")]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/fail_after.rs"]
mod fail_after;

use cli::{ok, pqlab};
use std::os::unix::fs::PermissionsExt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::encoding;
use pqlab_harness::keyfile::{KeyFileError, KeySigner};

#[test]
fn generate_sign_verify() {
    let dir = fail_after::temp_dir("key-cli");
    let message = dir.join("message");
    std::fs::write(&message, b"a message").unwrap();
    let m = message.to_str().unwrap();
    for (algorithm, stateful) in [("ed25519", false), ("lms-sha256-h10-w4", true)] {
        let key = dir.join(format!("{algorithm}.key"));
        let k = key.to_str().unwrap();
        let pem = ok(&["key", "generate", "--algorithm", algorithm, "--out", k]);
        let (found, public) = encoding::parse_spki_pem(&pem).unwrap();
        assert_eq!(found.info.id, algorithm);
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{algorithm}");
        // Never overwritten.
        let before = std::fs::read(&key).unwrap();
        let again = pqlab(&["key", "generate", "--algorithm", algorithm, "--out", k]);
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        assert_eq!(std::fs::read(&key).unwrap(), before);

        let out = ok(&["key", "sign", "--key", k, m, m]);
        let signatures: Vec<Vec<u8>> = out.lines().map(|l| STANDARD.decode(l).unwrap()).collect();
        assert_eq!(signatures.len(), 2);
        let verifier = found
            .default_implementation()
            .prepare_verifier(&public)
            .unwrap();
        for signature in &signatures {
            assert_eq!(signature.len(), found.info.sizes.signature);
            verifier.verify(b"a message", &[], signature).unwrap();
        }
        // A stateful key's file holds the advanced state: the next leaf is 2.
        assert_eq!(
            before != std::fs::read(&key).unwrap(),
            stateful,
            "{algorithm}"
        );
        if stateful {
            let q = |s: &[u8]| u32::from_be_bytes(s[4..8].try_into().unwrap());
            assert_eq!((q(&signatures[0]), q(&signatures[1])), (0, 1));
            let next = ok(&["key", "sign", "--key", k, m]);
            assert_eq!(q(&STANDARD.decode(next.trim()).unwrap()), 2);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_signer_per_key_file() {
    let dir = fail_after::temp_dir("key-lock");
    let key = dir.join("k");
    ok(&[
        "key",
        "generate",
        "--algorithm",
        "ed25519",
        "--out",
        key.to_str().unwrap(),
    ]);
    let mut first = KeySigner::open(&key).unwrap();
    assert!(matches!(
        KeySigner::open(&key),
        Err(KeyFileError::Locked(_))
    ));
    let out = pqlab(&[
        "key",
        "sign",
        "--key",
        key.to_str().unwrap(),
        key.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("locked by another signer"));
    first.sign(b"still signs").unwrap();
    drop(first);
    KeySigner::open(&key).unwrap();
    // A missing key file is an error naming it, and leaves no lock file.
    let missing = dir.join("missing");
    assert!(matches!(
        KeySigner::open(&missing),
        Err(KeyFileError::Io { .. })
    ));
    assert!(!dir.join("missing.lock").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn key_subcommands_have_help() {
    assert!(ok(&["key", "generate", "--help"]).contains("--algorithm"));
    assert!(ok(&["key", "sign", "--help"]).contains("--key"));
}

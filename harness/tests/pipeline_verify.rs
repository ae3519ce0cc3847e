//! `pqlab sign` output verifies with `pqlab verify` for every profile whose entry shape the
//! verifier reads (the hash-only leaf is not verifiable from a bundle yet), and a wrong
//! identity is refused by the identity check. This caught the ML-DSA-44 checkpoint (C2SP
//! 0x06 timestamped `subtree/v1`) being checked as a plain signature over the note text.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;
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

#[test]
fn signed_bundles_verify_for_every_bundle_profile() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pipeline-verify");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), b"hello pqlab\n").unwrap();
    let profiles = [
        "sigstore-today",
        "sigstore-today-witnessed",
        "pq-leaf-ml-dsa-65",
        "pq-all-ml-dsa-44",
        "pq-all-ml-dsa-65",
        "composite-ml-dsa-65-ed25519",
        "dual-checkpoint",
        "fn-dsa-512",
    ];
    for profile in profiles {
        let state = format!("state-{profile}");
        let bundle = format!("{profile}.sigstore.json");
        let root = format!("{state}/trusted_root.json");
        for dsse in [false, true] {
            let mut args = vec![
                "sign",
                "--profile",
                profile,
                "--state",
                &state,
                "--identity",
                IDENTITY,
                "--issuer",
                ISSUER,
                "a.txt",
                "-o",
                &bundle,
            ];
            if dsse {
                args.push("--dsse");
            }
            let (ok, text) = pqlab(&args, &dir);
            assert!(ok, "{profile} (dsse {dsse}): sign failed: {text}");
            let (ok, text) = pqlab(
                &[
                    "verify",
                    "--bundle",
                    &bundle,
                    "--trusted-root",
                    &root,
                    "--identity",
                    IDENTITY,
                    "--issuer",
                    ISSUER,
                    "a.txt",
                ],
                &dir,
            );
            assert!(ok, "{profile} (dsse {dsse}): verify failed: {text}");
            eprintln!("{profile} (dsse {dsse}): {}", text.trim());
        }
        let (ok, text) = pqlab(
            &[
                "verify",
                "--bundle",
                &bundle,
                "--trusted-root",
                &root,
                "--identity",
                "mallory@example.org",
                "--issuer",
                ISSUER,
                "a.txt",
            ],
            &dir,
        );
        assert!(
            !ok && text.contains("identity check failed"),
            "{profile}: {text}"
        );
    }
}

//! `bundle_signature_checks` decomposes a bundle into the signature verifications its full
//! verification performs: for every built-in profile each check verifies on its own, with
//! the expected count (leaf and intermediate certificates, SCT, timestamp token and TSA
//! certificate, artifact, one line per log key, one per witness under the witness policy).

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, UNIX_EPOCH};

use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::verify::primitives::bundle_signature_checks;
use pqlab_harness::verify::witnesses::Witnesses;

#[test]
fn every_profile_decomposes_into_verifying_signature_checks() {
    let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let identity = OidcIdentity::email("signer@pqlab.example", "https://oidc.pqlab.example");
    let mut total = 0;
    for p in profile::built_in() {
        let dir = tempfile::tempdir().unwrap();
        let instance = Instance::create(dir.path(), &p, 3, clock).unwrap();
        let artifact = b"primitive checks\n";
        let out = instance
            .sign(artifact, "a.txt", &identity, false, clock)
            .unwrap();
        let root =
            TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).unwrap()).unwrap();
        let witnesses = std::fs::read(instance.witnesses_path())
            .ok()
            .map(|b| Witnesses::parse(&b).unwrap());
        let checks =
            bundle_signature_checks(&out.bundle, &root, witnesses.as_ref(), artifact).unwrap();
        for c in &checks {
            c.verify()
                .unwrap_or_else(|e| panic!("{}: {} does not verify: {e}", p.name, c.what));
        }
        let expected = 2 + 1 + 2 + 1 + p.checkpoint.len() + usize::from(p.witnesses);
        assert_eq!(checks.len(), expected, "{}", p.name);
        eprintln!("{}: {} signature checks", p.name, checks.len());
        total += checks.len();
    }
    eprintln!("{total} signature checks verified");
}

//! `bundle_signature_checks` decomposes a bundle into the signature verifications a prepared
//! verifier performs per bundle, `root_signature_checks` the trusted root into those its
//! preparation performs: for every built-in profile each check verifies on its own, with the
//! expected count (per bundle: leaf certificate, SCT, timestamp token, artifact, one line per
//! log key, one per witness under the witness policy; per root: intermediate by root, TSA
//! signer by TSA root), and the verifier's preparation verified exactly the root's links.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, UNIX_EPOCH};

use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::verify::bundle::Verifier;
use pqlab_harness::verify::primitives::{bundle_signature_checks, root_signature_checks};
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
        let root_checks = root_signature_checks(&root).unwrap();
        for c in checks.iter().chain(&root_checks) {
            c.verify()
                .unwrap_or_else(|e| panic!("{}: {} does not verify: {e}", p.name, c.what));
        }
        let expected = 1 + 1 + 1 + 1 + p.checkpoint.len() + usize::from(p.witnesses);
        assert_eq!(checks.len(), expected, "{}", p.name);
        assert_eq!(root_checks.len(), 2, "{}", p.name);
        let verifier = Verifier::new(&root, witnesses.as_ref()).unwrap();
        assert_eq!(
            verifier.trust_cache().verified_links(),
            root_checks.len(),
            "{}",
            p.name
        );
        eprintln!(
            "{}: {} signature checks per bundle, {} per trusted root",
            p.name,
            checks.len(),
            root_checks.len()
        );
        total += checks.len() + root_checks.len();
    }
    eprintln!("{total} signature checks verified");
}

#[test]
fn a_broken_trusted_root_link_is_still_rejected_per_bundle() {
    use pqlab_harness::verify::Check;
    use pqlab_harness::verify::bundle::{Artifact, Policy};

    let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let identity = OidcIdentity::email("signer@pqlab.example", "https://oidc.pqlab.example");
    let policy = Policy::Identity {
        identity: "signer@pqlab.example".to_owned(),
        issuer: "https://oidc.pqlab.example".to_owned(),
    };
    let p = profile::built_in()
        .into_iter()
        .find(|p| p.name == "sigstore-today")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let instance = Instance::create(dir.path(), &p, 3, clock).unwrap();
    let artifact = b"prepared verifier\n";
    let first = instance
        .sign(artifact, "a.txt", &identity, false, clock)
        .unwrap();
    let second = instance
        .sign(artifact, "a.txt", &identity, true, clock)
        .unwrap();
    let root = TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).unwrap()).unwrap();
    let now = clock + Duration::from_secs(60);

    // One prepared verifier, several bundles.
    let verifier = Verifier::new(&root, None).unwrap();
    for out in [&first, &second] {
        verifier
            .verify(&out.bundle, Artifact::Bytes(artifact), &policy, now)
            .unwrap();
    }

    // The intermediate's signature (the last byte of its DER) broken in the trusted root:
    // preparation keeps that link out, and every bundle fails on the chain.
    let mut broken = root.clone();
    let intermediate = broken.certificate_authorities[0].chain.first_mut().unwrap();
    *intermediate.last_mut().unwrap() ^= 1;
    let verifier = Verifier::new(&broken, None).unwrap();
    assert_eq!(
        verifier.trust_cache().verified_links(),
        1,
        "only the TSA link verifies"
    );
    let err = verifier
        .verify(&first.bundle, Artifact::Bytes(artifact), &policy, now)
        .unwrap_err();
    assert_eq!(err.check, Check::CertificateChain, "{err}");
}

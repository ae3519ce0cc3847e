//! Verifies one built-in profile's bundle N times (or runs its primitive signature checks N
//! times), for instruction-count profiling:
//! `verify_loop <profile> <prepared|parsed|json|primitives|all-primitives> <n>`, the modes of
//! the criterion group `verify_bundle`. Under callgrind, compare the `prepared` and
//! `primitives` totals (minus the setup, measured with n = 0) for the issue-5 ratio.

#![allow(
    clippy::expect_used,
    reason = "a profiling driver: any failure is fatal"
)]

use std::time::{Duration, UNIX_EPOCH};

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::verify::bundle::{Artifact, Policy, Verifier, verify_bundle_witnessed};
use pqlab_harness::verify::primitives::{bundle_signature_checks, root_signature_checks};
use pqlab_harness::verify::witnesses::Witnesses;

const SUBJECT: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";
const ARTIFACT: &[u8] = b"pqlab verify benchmark artifact\n";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).expect("profile name");
    let mode = args.get(2).expect("mode: parsed, json or primitives");
    let n: usize = args.get(3).expect("count").parse().expect("count");
    let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let now = clock + Duration::from_secs(60);
    let p = profile::built_in()
        .into_iter()
        .find(|p| &p.name == name)
        .expect("a built-in profile");
    let dir = tempfile::tempdir().expect("temporary directory");
    let instance = Instance::create(dir.path(), &p, 11, clock).expect("instance");
    let out = instance
        .sign(
            ARTIFACT,
            "artifact.txt",
            &OidcIdentity::email(SUBJECT, ISSUER),
            false,
            clock,
        )
        .expect("sign");
    let root =
        TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).expect("trusted root"))
            .expect("trusted root parses");
    let witnesses = std::fs::read(instance.witnesses_path())
        .ok()
        .map(|b| Witnesses::parse(&b).expect("witness policy parses"));
    let checks = bundle_signature_checks(&out.bundle, &root, witnesses.as_ref(), ARTIFACT)
        .expect("signature checks");
    let mut all_checks = root_signature_checks(&root).expect("trusted-root checks");
    all_checks.extend(checks.iter().cloned());
    let verifier = Verifier::new(&root, witnesses.as_ref()).expect("trusted root is sane");
    let policy = Policy::Identity {
        identity: SUBJECT.to_owned(),
        issuer: ISSUER.to_owned(),
    };
    let verify = |bundle: &Bundle| {
        verify_bundle_witnessed(
            bundle,
            &root,
            witnesses.as_ref(),
            Artifact::Bytes(ARTIFACT),
            &policy,
            now,
        )
        .expect("verifies");
    };
    for _ in 0..n {
        match mode.as_str() {
            "parsed" => verify(std::hint::black_box(&out.bundle)),
            "json" => {
                verify(&Bundle::parse(std::hint::black_box(out.json.as_bytes())).expect("parses"))
            }
            "prepared" => {
                verifier
                    .verify(
                        std::hint::black_box(&out.bundle),
                        Artifact::Bytes(ARTIFACT),
                        &policy,
                        now,
                    )
                    .expect("verifies");
            }
            "primitives" => {
                for c in std::hint::black_box(&checks) {
                    c.verify().expect("verifies");
                }
            }
            "all-primitives" => {
                for c in std::hint::black_box(&all_checks) {
                    c.verify().expect("verifies");
                }
            }
            other => panic!("unknown mode {other}"),
        }
    }
}

//! One bundle per built-in profile with everything needed to verify it and to run its
//! signature checks bare: the inputs of the criterion group `verify_bundle` and of
//! `examples/verify_loop.rs`, built the same way so that their figures compare.

#![allow(clippy::expect_used, reason = "benchmark set-up: a failure is fatal")]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::{Instance, SignOutcome};
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::pki::primitives::SignatureCheck;
use pqlab_harness::profile::Profile;
use pqlab_harness::verify::VerifyError;
use pqlab_harness::verify::bundle::{
    Artifact, Policy, Verified, Verifier, verify_bundle_witnessed,
};
use pqlab_harness::verify::primitives::{bundle_signature_checks, root_signature_checks};
use pqlab_harness::verify::witnesses::Witnesses;

const SUBJECT: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";
/// The signed artifact.
pub const ARTIFACT: &[u8] = b"pqlab verify benchmark artifact\n";

/// A profile's bundle (message signature, signed by a fresh instance at a fixed clock) and
/// what verifying it takes.
#[derive(Debug)]
pub struct VerifyInputs {
    /// The profile's name.
    pub name: String,
    /// The sign outcome (bundle and its JSON).
    pub out: SignOutcome,
    /// The instance's trusted root, parsed.
    pub root: TrustedRoot,
    /// Its witness policy, for profiles with witnesses.
    pub witnesses: Option<Witnesses>,
    /// The identity the certificate was issued for.
    pub policy: Policy,
    /// The verification time (a minute after signing).
    pub now: SystemTime,
    /// The signature checks a prepared verifier performs per bundle.
    pub checks: Vec<SignatureCheck>,
    /// Those and the trusted root's own (what a one-shot verification performs).
    pub all_checks: Vec<SignatureCheck>,
    _dir: tempfile::TempDir,
}

impl VerifyInputs {
    /// Signs one bundle through `profile`'s simulated deployment.
    ///
    /// # Panics
    /// When the deployment cannot be created, sign, or parse its own trusted root: a
    /// benchmark cannot run on such a profile.
    #[must_use]
    pub fn new(profile: &Profile) -> Self {
        let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
        let dir = tempfile::tempdir().expect("temporary directory");
        let instance = Instance::create(dir.path(), profile, 11, clock).expect("instance");
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
        Self {
            name: profile.name.clone(),
            out,
            root,
            witnesses,
            policy: Policy::Identity {
                identity: SUBJECT.to_owned(),
                issuer: ISSUER.to_owned(),
            },
            now: clock + Duration::from_secs(60),
            checks,
            all_checks,
            _dir: dir,
        }
    }

    /// Verifies `bundle` one-shot: prepares a verifier from the trusted root (and witness
    /// policy) and verifies with it.
    ///
    /// # Errors
    /// The failed check.
    pub fn verify_one_shot(&self, bundle: &Bundle) -> Result<Verified, VerifyError> {
        verify_bundle_witnessed(
            bundle,
            &self.root,
            self.witnesses.as_ref(),
            self.artifact(),
            &self.policy,
            self.now,
        )
    }

    /// A verifier prepared from the trusted root and witness policy.
    ///
    /// # Panics
    /// When the trusted root is not sane (pqlab wrote it).
    #[must_use]
    pub fn verifier(&self) -> Verifier<'_> {
        Verifier::new(&self.root, self.witnesses.as_ref()).expect("trusted root is sane")
    }

    /// Verifies `bundle` with `verifier` (prepared by [`VerifyInputs::verifier`]).
    ///
    /// # Errors
    /// The failed check.
    pub fn verify_prepared(
        &self,
        verifier: &Verifier<'_>,
        bundle: &Bundle,
    ) -> Result<Verified, VerifyError> {
        verifier.verify(bundle, self.artifact(), &self.policy, self.now)
    }

    /// Runs `checks` (`self.checks` or `self.all_checks`) bare, one after the other.
    ///
    /// # Panics
    /// When a check fails: the bundle pqlab signed must verify.
    pub fn run_checks(checks: &[SignatureCheck]) {
        for check in checks {
            check.verify().expect("the signature check verifies");
        }
    }

    /// The artifact, as verification takes it.
    #[must_use]
    pub fn artifact(&self) -> Artifact<'static> {
        Artifact::Bytes(ARTIFACT)
    }
}

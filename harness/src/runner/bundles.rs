//! The bundle workloads (issue 6 § 2 and § 4; DESIGN.md § Metrics "bundle size", "trusted
//! root size", "latency: end-to-end sign (all roles) and full bundle verify per profile"):
//! `message-signature` and `dsse`. For each profile, a fresh simulated deployment
//! ([`Instance::create`]) signs one artifact through every role ([`Instance::sign`]: leaf
//! keygen, certificate with embedded SCT, signature or DSSE envelope, RFC 3161 timestamp, log
//! append and integration, checkpoint and cosignatures, inclusion proof, bundle JSON).
//!
//! * **Sizes** come from the first bundle the fresh instance signs (log index 0 in a tree of
//!   one entry, so the inclusion proof has no hash), at a fixed clock, so they are exact and
//!   identical for a seed whatever the sample counts: the component breakdown of
//!   `pipeline::sizes` (checked here to add up to the bytes written), the gzip size (level 9)
//!   and the bytes of the instance's `trusted_root.json`.
//! * **End-to-end sign** times further signs into the same instance (its log grows by one
//!   entry per sign: warm-up and samples).
//! * **Full verify** times [`verify_bundle`] of that first bundle against the parsed trusted
//!   root (bundle and trusted root parsed once, outside the timing), with the identity policy
//!   the certificate was issued for: preparing the verifier and verifying one bundle, the
//!   cost of a one-shot client. **Verify, root prepared** times `Verifier::verify` with the
//!   trusted root prepared once, outside the timing: the per-bundle cost.

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flate2::Compression;
use flate2::write::GzEncoder;
use pqlab_reports::Stats;
use pqlab_reports::schema::BundleResult;

use super::RunError;
use super::primitives::{self, Sampling};
use crate::bundle::Bundle;
use crate::bundle::trusted_root::TrustedRoot;
use crate::pipeline::Instance;
use crate::pki::OidcIdentity;
use crate::profile::Profile;
use crate::runner::suite::BundlesConfig;
use crate::verify::bundle::{Artifact, Policy, Verifier, verify_bundle};

/// The artifact every bundle signs.
pub const ARTIFACT: &[u8] = b"pqlab suite runner artifact: the bytes every bundle signs\n";
/// The artifact's name in DSSE statements.
pub const ARTIFACT_NAME: &str = "artifact.txt";
/// The signer's identity (email SAN) in every leaf certificate.
pub const IDENTITY: &str = "signer@pqlab.example";
/// The OIDC issuer in every leaf certificate.
pub const ISSUER: &str = "https://oidc.pqlab.example";

/// The fixed clock of every instance, sign and verify: 2026-11-27T00:00:00Z (certificate
/// validity, timestamps and checkpoint times are then identical for a seed).
#[must_use]
pub fn clock() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_737_600)
}

/// What one bundle workload measured on one profile.
#[derive(Debug, Clone)]
pub struct Measured {
    /// The results entry.
    pub result: BundleResult,
    /// Bytes of the instance's `trusted_root.json`.
    pub trusted_root_bytes: u64,
    /// The measured bundle's canonicalized log entry (the real entry log growth uses).
    pub entry: Vec<u8>,
}

/// Bytes of `data` gzip-compressed at level 9.
///
/// # Errors
/// [`RunError::Unexpected`] if the in-memory encoder fails.
pub fn gzip_len(data: &[u8]) -> Result<u64, RunError> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(9));
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map(|out| out.len() as u64)
        .map_err(|e| RunError::Unexpected(format!("gzip: {e}")))
}

/// Whether any signing role of `profile` is a variable-time (rejection-sampling) signer.
fn variable_time(profile: &Profile) -> bool {
    [
        &profile.leaf,
        &profile.intermediate,
        &profile.ct_log,
        &profile.tsa,
        &profile.witness,
    ]
    .into_iter()
    .chain(&profile.checkpoint)
    .any(|id| primitives::is_variable_time(id))
}

/// Runs one bundle workload (`dsse` or not) on `profile` in a fresh instance under `dir`
/// (removed afterwards).
///
/// # Errors
/// Pipeline, verification (a bundle pqlab cannot verify is an error), I/O and statistics
/// errors.
pub fn measure(
    profile: &Profile,
    dsse: bool,
    config: &BundlesConfig,
    seed: u64,
    dir: &Path,
) -> Result<Measured, RunError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    }
    let measured = measure_in(profile, dsse, config, seed, dir);
    std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    measured
}

fn measure_in(
    profile: &Profile,
    dsse: bool,
    config: &BundlesConfig,
    seed: u64,
    dir: &Path,
) -> Result<Measured, RunError> {
    let identity = OidcIdentity::email(IDENTITY, ISSUER);
    let instance = Instance::create(dir, profile, seed, clock())?;
    let sign = || instance.sign(ARTIFACT, ARTIFACT_NAME, &identity, dsse, clock());

    // Sizes: the first bundle of the fresh instance.
    let first = sign()?;
    let total_bytes = first.json.len() as u64;
    let components = first.sizes.clone();
    if components.total() != total_bytes {
        return Err(RunError::Unexpected(format!(
            "profile {}: bundle components add up to {} bytes, the bundle is {total_bytes}",
            profile.name,
            components.total()
        )));
    }
    let [entry] = first.bundle.tlog_entries.as_slice() else {
        return Err(RunError::Unexpected(format!(
            "profile {}: the bundle has {} log entries, expected one",
            profile.name,
            first.bundle.tlog_entries.len()
        )));
    };
    let (log_index, tree_size) = entry
        .inclusion_proof
        .as_ref()
        .map_or((entry.log_index, entry.log_index + 1), |p| {
            (p.log_index, p.tree_size)
        });
    let root_path = instance.trusted_root_path();
    let root_bytes = std::fs::read(&root_path).map_err(|e| RunError::io(&root_path, e))?;
    let root = TrustedRoot::parse(&root_bytes)
        .map_err(|e| RunError::Unexpected(format!("{}: {e}", root_path.display())))?;
    // The bundle as a verifier reads it (and proof that it parses back).
    let bundle = Bundle::parse(first.json.as_bytes())
        .map_err(|e| RunError::Unexpected(format!("profile {}: {e}", profile.name)))?;

    let sampling = Sampling {
        samples: config.samples,
        warmup: config.warmup,
        budget_ms: config.budget_ms,
        min_samples: config.min_samples,
    };
    let sign_samples = primitives::sample(sampling, || sign().map(drop))?;
    let sign_e2e = if variable_time(profile) {
        Stats::with_histogram(&sign_samples, config.histogram_buckets)?
    } else {
        Stats::from_samples(&sign_samples)?
    };

    let policy = Policy::Identity {
        identity: IDENTITY.to_owned(),
        issuer: ISSUER.to_owned(),
    };
    let verify = || verify_bundle(&bundle, &root, Artifact::Bytes(ARTIFACT), &policy, clock());
    if let Err(e) = verify() {
        return Err(RunError::Unexpected(format!(
            "profile {}: pqlab cannot verify its own bundle: {e}",
            profile.name
        )));
    }
    let verify_full = Stats::from_samples(&primitives::sample(sampling, || verify().map(drop))?)?;
    let verifier = Verifier::new(&root, None).map_err(|e| {
        RunError::Unexpected(format!(
            "profile {}: pqlab cannot prepare its own trusted root: {e}",
            profile.name
        ))
    })?;
    let verify_prepared = Stats::from_samples(&primitives::sample(sampling, || {
        verifier
            .verify(&bundle, Artifact::Bytes(ARTIFACT), &policy, clock())
            .map(drop)
    })?)?;
    Ok(Measured {
        result: BundleResult {
            total_bytes,
            gzip_bytes: gzip_len(first.json.as_bytes())?,
            components,
            log_index,
            tree_size,
            sign_e2e,
            verify_full: Some(verify_full),
            verify_prepared: Some(verify_prepared),
        },
        trusted_root_bytes: root_bytes.len() as u64,
        entry: entry.canonicalized_body.clone(),
    })
}

//! The Rust crate `sigstore-verify` 0.15.1 (sigstore/sigstore-rust) as an oracle, in-process and
//! offline (INTEROP.md: full verification including Rekor v2 inclusion proofs, checkpoints and
//! RFC 3161 timestamps; more lenient than sigstore-python on `logId` and tree size).
//!
//! Equivalent of:
//!
//! ```text
//! let root = TrustedRoot::from_json(trusted_root.json)?;
//! let bundle = Bundle::from_json(B.sigstore.json)?;
//! Verifier::new(&root)?.verify(artifact bytes, &bundle,
//!     &VerificationPolicy::new(identity, issuer))?;
//! ```

use sigstore_verify::trust_root::TrustedRoot;
use sigstore_verify::types::Bundle;
use sigstore_verify::{VerificationPolicy, Verifier};

use super::{OracleError, OracleVerdict, VerifyRequest, read};

/// Parsed inputs of one verification, so that benchmarks can time [`Prepared::verify`] alone.
#[allow(
    missing_debug_implementations,
    reason = "sigstore_verify::Verifier has no Debug"
)]
pub struct Prepared {
    verifier: Verifier,
    bundle: Bundle,
    artifact: Vec<u8>,
    policy: VerificationPolicy,
}

impl Prepared {
    /// Reads and parses the files of `request`. A trusted root or bundle that sigstore-verify
    /// cannot parse is a rejection (`Err(verdict)` inside `Ok`).
    ///
    /// # Errors
    /// [`OracleError::Io`] when a file cannot be read.
    pub fn new(request: &VerifyRequest<'_>) -> Result<Result<Self, OracleVerdict>, OracleError> {
        let root_json = String::from_utf8_lossy(&read(request.trusted_root)?).into_owned();
        let bundle_json = String::from_utf8_lossy(&read(request.bundle)?).into_owned();
        let artifact = read(request.artifact)?;
        let rejected = |stage: &str, e: &dyn std::fmt::Display| OracleVerdict::Rejected {
            message: format!("{stage}: {e}"),
        };
        let root = match TrustedRoot::from_json(&root_json) {
            Ok(root) => root,
            Err(e) => return Ok(Err(rejected("trusted root", &e))),
        };
        let verifier = match Verifier::new(&root) {
            Ok(verifier) => verifier,
            Err(e) => return Ok(Err(rejected("trusted root", &e))),
        };
        let bundle = match Bundle::from_json(&bundle_json) {
            Ok(bundle) => bundle,
            Err(e) => return Ok(Err(rejected("bundle", &e))),
        };
        Ok(Ok(Self {
            verifier,
            bundle,
            artifact,
            policy: VerificationPolicy::new(request.identity, request.issuer),
        }))
    }

    /// Runs the full verification.
    #[must_use]
    pub fn verify(&self) -> OracleVerdict {
        match self
            .verifier
            .verify(&self.artifact, &self.bundle, &self.policy)
        {
            Ok(_) => OracleVerdict::Accepted,
            Err(e) => OracleVerdict::Rejected {
                message: format!("verify: {e}"),
            },
        }
    }
}

/// Verifies `request` with `sigstore-verify`, offline.
///
/// # Errors
/// [`OracleError::Io`] when a file cannot be read. Everything the crate reports (parse errors
/// included) is an [`OracleVerdict::Rejected`] carrying its message.
pub fn verify(request: &VerifyRequest<'_>) -> Result<OracleVerdict, OracleError> {
    Ok(match Prepared::new(request)? {
        Ok(prepared) => prepared.verify(),
        Err(verdict) => verdict,
    })
}

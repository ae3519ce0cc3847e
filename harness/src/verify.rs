//! Offline bundle verification, naming the check that failed.
//!
//! Every check of a Sigstore verifier has a [`Check`] name; a failure is a [`VerifyError`]
//! carrying that name and what was wrong, so `pqlab verify` (and the tamper tests) can say
//! exactly which check a bundle failed.

pub mod bundle;
pub mod checkpoint;
pub mod pem;
pub mod primitives;
pub mod rekor_v1;
pub mod witnesses;

/// The checks a bundle verification runs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Check {
    /// The bundle parses into a structurally valid bundle of a known version.
    Bundle,
    /// The trusted root parses and holds the keys needed.
    TrustedRoot,
    /// The leaf certificate chains to a trusted CA, valid at the signing time.
    CertificateChain,
    /// The leaf carries exactly one SCT, signed by a trusted CT log.
    Sct,
    /// The RFC 3161 timestamps verify against a trusted TSA.
    Timestamp,
    /// The artifact (or DSSE payload) signature verifies with the leaf key.
    ArtifactSignature,
    /// The log entry describes this artifact, signature and certificate.
    LogEntry,
    /// The Rekor v1 signed entry timestamp (inclusion promise) verifies.
    InclusionPromise,
    /// The inclusion proof leads from the entry to the checkpoint's root.
    InclusionProof,
    /// The checkpoint is signed by the trusted log key.
    Checkpoint,
    /// The checkpoint's witness cosignatures satisfy the policy.
    Cosignatures,
    /// The certificate's identity and OIDC issuer are the expected ones.
    Identity,
}

impl Check {
    /// The kebab-case name used in messages and JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Check::Bundle => "bundle",
            Check::TrustedRoot => "trusted-root",
            Check::CertificateChain => "certificate-chain",
            Check::Sct => "sct",
            Check::Timestamp => "timestamp",
            Check::ArtifactSignature => "artifact-signature",
            Check::LogEntry => "log-entry",
            Check::InclusionPromise => "inclusion-promise",
            Check::InclusionProof => "inclusion-proof",
            Check::Checkpoint => "checkpoint",
            Check::Cosignatures => "cosignatures",
            Check::Identity => "identity",
        }
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A failed check.
#[derive(Debug, thiserror::Error)]
#[error("{check} check failed: {detail}")]
pub struct VerifyError {
    /// Which check failed.
    pub check: Check,
    /// What was wrong.
    pub detail: String,
}

impl VerifyError {
    /// A failure of `check`.
    pub fn new(check: Check, detail: impl Into<String>) -> Self {
        VerifyError {
            check,
            detail: detail.into(),
        }
    }
}

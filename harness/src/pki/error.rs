//! The one error type of the PKI: every failed check names itself.

/// Errors of issuance and verification in [`crate::pki`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// The algorithm layer failed (unknown id, key generation, signing).
    #[error("algorithm: {0}")]
    Algorithm(#[from] pqlab_algorithms::Error),
    /// Persisted key material does not decode or does not match its algorithm.
    #[error("invalid key material: {0}")]
    KeyMaterial(String),
    /// An identity that cannot go into a certificate.
    #[error("invalid identity: {0}")]
    Identity(String),
    /// A time outside what X.509 can encode.
    #[error("time not encodable: {0}")]
    Time(String),
    /// Malformed DER (or DER we could not encode).
    #[error("malformed DER in {what}: {reason}")]
    Der {
        /// Which structure.
        what: &'static str,
        /// What the decoder said.
        reason: String,
    },
    /// A signature `AlgorithmIdentifier` that no registry algorithm uses with the signer's key.
    #[error("{what}: signature algorithm {oid} does not match the signer's key ({expected})")]
    SignatureAlgorithmMismatch {
        /// Which signature.
        what: String,
        /// The OID found.
        oid: String,
        /// The OID the key's algorithm signs with.
        expected: String,
    },
    /// A signature that does not verify.
    #[error("signature check failed: {what}")]
    BadSignature {
        /// Which signature.
        what: String,
    },
    /// A certificate whose validity starts after the time of the check.
    #[error("certificate `{subject}` not yet valid at {at} (notBefore {not_before})")]
    NotYetValid {
        /// Certificate subject (or SAN for an empty subject).
        subject: String,
        /// Its notBefore.
        not_before: String,
        /// The time of the check.
        at: String,
    },
    /// A certificate whose validity ended before the time of the check.
    #[error("certificate `{subject}` expired at {at} (notAfter {not_after})")]
    Expired {
        /// Certificate subject.
        subject: String,
        /// Its notAfter.
        not_after: String,
        /// The time of the check.
        at: String,
    },
    /// No trust anchor or intermediate issued this certificate.
    #[error(
        "no issuer found for `{subject}` (issuer `{issuer}`) among the anchors and intermediates"
    )]
    IssuerNotFound {
        /// Certificate subject.
        subject: String,
        /// The issuer name it names.
        issuer: String,
    },
    /// The chain is longer than the verifier follows.
    #[error("chain longer than {max} certificates")]
    ChainTooLong {
        /// The limit.
        max: usize,
    },
    /// BasicConstraints forbid the use (CA cert as leaf, non-CA as issuer, path length).
    #[error("basicConstraints check failed for `{subject}`: {reason}")]
    BasicConstraints {
        /// Certificate subject.
        subject: String,
        /// What was wrong.
        reason: String,
    },
    /// KeyUsage missing or lacking the required bit.
    #[error("keyUsage check failed for `{subject}`: {reason}")]
    KeyUsage {
        /// Certificate subject.
        subject: String,
        /// What was wrong.
        reason: String,
    },
    /// ExtendedKeyUsage missing the required purpose (or wrongly marked).
    #[error("extendedKeyUsage check failed for `{subject}`: {reason}")]
    ExtendedKeyUsage {
        /// Certificate subject.
        subject: String,
        /// What was wrong.
        reason: String,
    },
    /// An extension that does not decode, appears twice, or has the wrong criticality.
    #[error("extension {oid} in `{subject}`: {reason}")]
    Extension {
        /// Certificate subject.
        subject: String,
        /// The extension OID.
        oid: String,
        /// What was wrong.
        reason: String,
    },
    /// A Fulcio-profile rule (subject, SAN, issuer extensions) not met by a leaf.
    #[error("Fulcio profile check `{check}` failed: {reason}")]
    Profile {
        /// The rule.
        check: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The leaf carries no SCT list, or a list without exactly one SCT.
    #[error("expected exactly one embedded SCT, found {found}")]
    SctCount {
        /// How many were found.
        found: usize,
    },
    /// An SCT that does not parse as RFC 6962 §3.2 says.
    #[error("malformed SCT: {0}")]
    MalformedSct(String),
    /// An SCT from a log that is not trusted.
    #[error("SCT log id {log_id} matches no trusted CT log")]
    UnknownCtLog {
        /// Hex log id.
        log_id: String,
    },
    /// An SCT whose hash/signature codes do not belong to the log key's algorithm.
    #[error(
        "SCT algorithm codes (hash {hash}, signature {signature}) do not match the log key ({algorithm})"
    )]
    SctAlgorithm {
        /// Hash code found.
        hash: u8,
        /// Signature code found.
        signature: u8,
        /// The log key's algorithm.
        algorithm: &'static str,
    },
    /// The TimeStampResp status is not granted.
    #[error("timestamp response status {status} is not granted")]
    TimestampStatus {
        /// The PKIStatus value.
        status: u8,
    },
    /// A structural rule of RFC 3161 / RFC 5652 broken by a timestamp token.
    #[error("timestamp token check `{check}` failed: {reason}")]
    Timestamp {
        /// The rule.
        check: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The token's messageImprint is not over the bytes given.
    #[error("timestamp messageImprint does not match the signature bytes")]
    ImprintMismatch,
    /// An input over one of the resource limits (`docs/LIMITS.md`), refused before it is
    /// decoded.
    #[error("{what} of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A list over one of the resource limits (`docs/LIMITS.md`).
    #[error("{what} has {count} elements, more than the limit of {limit}")]
    TooMany {
        /// Which list.
        what: &'static str,
        /// How many it has.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// genTime lies outside a TSA certificate's validity.
    #[error("timestamp genTime {gen_time} outside the validity of `{subject}`")]
    GenTimeOutsideValidity {
        /// genTime.
        gen_time: String,
        /// The certificate.
        subject: String,
    },
}

impl PkiError {
    pub(crate) fn der(what: &'static str, e: impl std::fmt::Display) -> Self {
        PkiError::Der {
            what,
            reason: e.to_string(),
        }
    }
}

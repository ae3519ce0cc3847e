//! Static descriptions of algorithms and implementations.

use crate::Limitation;

/// The family an algorithm belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Family {
    /// Ed25519 (RFC 8032).
    EdDsa,
    /// ECDSA over NIST curves (FIPS 186-5).
    Ecdsa,
    /// ML-DSA (FIPS 204).
    MlDsa,
    /// SLH-DSA (FIPS 205).
    SlhDsa,
    /// SPHINCS+ round 3.1, the pre-standard ancestor of SLH-DSA (not interoperable with it).
    SphincsPlusR3,
    /// FN-DSA as the `fn-dsa` crate implements the draft FIPS 206.
    FnDsa,
    /// Falcon round 3 as PQClean ships it (not interoperable with FN-DSA).
    FalconR3,
    /// LMS / HSS hash-based stateful signatures (RFC 8554, SP 800-208).
    Lms,
    /// Composite ML-DSA (IETF LAMPS composite signatures draft).
    CompositeMlDsa,
}

impl Family {
    /// A short human name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Family::EdDsa => "EdDSA",
            Family::Ecdsa => "ECDSA",
            Family::MlDsa => "ML-DSA",
            Family::SlhDsa => "SLH-DSA",
            Family::SphincsPlusR3 => "SPHINCS+ r3.1",
            Family::FnDsa => "FN-DSA",
            Family::FalconR3 => "Falcon r3",
            Family::Lms => "LMS/HSS",
            Family::CompositeMlDsa => "Composite ML-DSA",
        }
    }

    /// Whether the family is post-quantum (composites count: they stay secure while either
    /// component does).
    #[must_use]
    pub fn is_post_quantum(self) -> bool {
        !matches!(self, Family::EdDsa | Family::Ecdsa)
    }
}

/// Declared sizes in bytes, as encoded on the wire by this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sizes {
    /// Public key (raw encoding, the content of the SPKI BIT STRING).
    pub public_key: usize,
    /// Secret key as this crate stores it.
    pub secret_key: usize,
    /// Signature, or its maximum when `signature_fixed` is false.
    pub signature: usize,
    /// Whether every signature has exactly `signature` bytes.
    pub signature_fixed: bool,
}

/// X.509 / CMS object identifiers, dotted, with where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Oids {
    /// `SubjectPublicKeyInfo.algorithm.algorithm`.
    pub public_key: &'static str,
    /// `SubjectPublicKeyInfo.algorithm.parameters` as an OID (the curve for ECDSA), if any.
    pub public_key_parameters: Option<&'static str>,
    /// The signature `AlgorithmIdentifier` OID (parameters absent).
    pub signature: &'static str,
    /// The document that assigns them.
    pub source: &'static str,
    /// True when the OIDs are not final (pre-standard interop arcs).
    pub experimental: bool,
}

/// Everything the registry says about one algorithm, independent of implementation.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct AlgorithmInfo {
    /// Stable id used on the command line and in profiles, e.g. `ml-dsa-65`.
    pub id: &'static str,
    /// Canonical name from its specification, e.g. `ML-DSA-65`.
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Parameter set within the family, e.g. `65` or `SHA2-128s`.
    pub parameter_set: &'static str,
    /// NIST security category (1-5); `None` for classical algorithms.
    pub nist_category: Option<u8>,
    /// Declared sizes.
    pub sizes: Sizes,
    /// Sigstore `PublicKeyDetails` name (protobuf-specs), when one exists.
    pub sigstore_key_details: Option<&'static str>,
    /// X.509 OIDs.
    pub oids: Oids,
    /// Stateful (LMS/HSS): every signature consumes key state.
    pub stateful: bool,
    /// Whether FIPS 204/205-style context strings are part of the algorithm.
    pub supports_context: bool,
}

impl AlgorithmInfo {
    /// The `PublicKeyDetails` name pqlab writes into trusted roots and bundles: Sigstore's own
    /// name where one exists, otherwise a documented experimental name
    /// `PQLAB_EXPERIMENTAL_<ID>` (upper-cased id, `-` as `_`).
    #[must_use]
    pub fn key_details_name(&self) -> String {
        match self.sigstore_key_details {
            Some(name) => name.to_owned(),
            None => format!(
                "PQLAB_EXPERIMENTAL_{}",
                self.id.to_ascii_uppercase().replace('-', "_")
            ),
        }
    }
}

/// One implementation backing an algorithm.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Implementation {
    /// Stable implementation id, e.g. `pqclean`, `aws-lc-rs`, `rustcrypto`.
    pub id: &'static str,
    /// The crate that provides it.
    pub crate_name: &'static str,
    /// The crate version compiled in.
    pub crate_version: &'static str,
    /// What it cannot do.
    pub limitations: &'static [Limitation],
}

//! The simulated Sigstore PKI: a Fulcio-like certificate authority, a Certificate Transparency
//! log that embeds SCTs, and an RFC 3161 timestamp authority, each signing with any algorithm
//! of the `pqlab-algorithms` registry, plus the verifiers that check what they produce.
//!
//! * [`Authority`] holds a root and an intermediate CA and issues short-lived leaf
//!   certificates following the Fulcio profile (`FORMATS.md` §4, `INTEROP.md` "Leaf
//!   certificate"), with exactly one SCT from a [`CtLog`] embedded (RFC 6962 §3.3).
//! * [`Tsa`] answers RFC 3161 requests over signature bytes with a `TimeStampResp` whose token
//!   is CMS SignedData v3 carrying the ESS `signingCertificateV2` attribute (RFC 5816).
//! * [`verify`] builds chains to given trust anchors and checks validity, key usages, SCTs and
//!   timestamp tokens; every failure is a [`PkiError`] naming the check.
//!
//! Algorithms in X.509 and CMS: the SPKI and signature `AlgorithmIdentifier`s are the
//! registry's [`pqlab_algorithms::Oids`] (RFC 5480/5758 for ECDSA, RFC 8410 for Ed25519,
//! RFC 9881/9882 for ML-DSA, RFC 9909/9814 for SLH-DSA, the LAMPS composite draft, RFC 8708 for
//! HSS/LMS, and experimental arcs for Falcon/FN-DSA, as each entry's `source` records).
//! Signature values are the algorithm's signature bytes as the registry produces them (DER
//! `ECDSA-Sig-Value` for ECDSA, raw for the others).
//!
//! Everything is deterministic for a seed and a clock time: keys, serial numbers and hedged
//! signatures draw from a ChaCha20 generator seeded by the caller. Keys are persistable as
//! [`KeyMaterial`] (serde); `pki` itself performs no I/O.

mod asn1;
mod authority;
mod cert;
mod ct;
mod error;
mod identity;
mod keys;
mod oids;
pub mod primitives;
mod signer_key;
mod time;
pub mod trust_cache;
mod tsa;
pub mod verify;

pub use authority::{
    Authority, AuthorityState, INTERMEDIATE_COMMON_NAME, LeafCertificate, ROOT_COMMON_NAME,
};
pub use ct::{CtLog, CtLogKeys, Sct, sct_signature_codes};
pub use error::PkiError;
pub use identity::{OidcIdentity, SubjectName};
pub use keys::{KeyMaterial, RoleKey};
pub use tsa::{TSA_LEAF_COMMON_NAME, TSA_ROOT_COMMON_NAME, Tsa, TsaState};

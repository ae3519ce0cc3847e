//! Transparency-log entries, in two shapes a suite can compare:
//!
//! * [`HashedRekordV002`]: the Rekor v2 `hashedrekord` 0.0.2 entry exactly as rekor-tiles
//!   logs it, the RFC 8785 (JCS) canonical JSON of the protojson of
//!   `dev.sigstore.rekor.v2.Entry` (FORMATS.md §2). Those bytes are the tlog-tiles entry, the
//!   bundle's `canonicalizedBody`, and the input of the RFC 6962 leaf hash.
//! * [`IdentityLeaf`]: the hash-only leaf of the identity-based transparency log proposal
//!   (C2SP PR #244, rekor-tiles PR #828; REFERENCE-NUMBERS.md §C4), whose size does not depend
//!   on the signature algorithm.
//!
//! Both implement [`EntryShape`]; [`Entry`] holds either. Every encoded entry is at most
//! [`MAX_ENTRY_SIZE`] bytes, the u16 length prefix of tlog-tiles entry bundles. Out of scope:
//! verifying the signature inside an entry (the verifier's job), and the Merkle tree
//! (`crate::log`).

mod hashedrekord;
mod identity;

use sha2::{Digest, Sha256};

pub use hashedrekord::{
    HashAlgorithm, HashedRekordParts, HashedRekordV002, VerifierMaterial, VerifierRef,
};
pub use identity::{IDENTITY_LEAF_VERSION, IdentityLeaf};

/// The largest entry tlog-tiles can store: entry bundles prefix each entry with a big-endian
/// u16 length (c2sp.org/tlog-tiles §"Log entries").
pub const MAX_ENTRY_SIZE: usize = 65_535;

/// What can be wrong with an entry.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EntryError {
    /// The bytes are not the JSON of a `hashedrekord` 0.0.2 entry.
    #[error("entry JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The bytes parse but are not their own JCS canonical form (the leaf hash would differ).
    #[error("entry is not in RFC 8785 canonical form")]
    NotCanonical,
    /// `apiVersion` is not `0.0.2`.
    #[error("apiVersion {0:?}, expected \"0.0.2\"")]
    ApiVersion(String),
    /// `kind` is not `hashedrekord`.
    #[error("kind {0:?}, expected \"hashedrekord\"")]
    Kind(String),
    /// A `HashAlgorithm` name pqlab does not know.
    #[error("unknown hash algorithm {0:?}")]
    UnknownHashAlgorithm(String),
    /// A digest whose length does not fit its algorithm.
    #[error("{algorithm} digest of {got} bytes, expected {expected}")]
    DigestLength {
        /// The algorithm name.
        algorithm: &'static str,
        /// Its digest size.
        expected: usize,
        /// The digest's size.
        got: usize,
    },
    /// A base64 field that does not decode.
    #[error("field {field}: not standard base64")]
    Base64 {
        /// The JSON field.
        field: &'static str,
    },
    /// A required field is empty (protojson omits empty fields, so Rekor never logs them).
    #[error("field {field} is empty")]
    Empty {
        /// The JSON field.
        field: &'static str,
    },
    /// The verifier has neither or both of `publicKey` and `x509Certificate`.
    #[error("verifier must have exactly one of publicKey and x509Certificate")]
    VerifierOneof,
    /// The encoded entry exceeds [`MAX_ENTRY_SIZE`].
    #[error("entry of {len} bytes exceeds the tlog-tiles limit of {max}")]
    TooLarge {
        /// Its size.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Bytes that are not an identity leaf.
    #[error("malformed identity leaf: {reason}")]
    MalformedIdentityLeaf {
        /// What is wrong.
        reason: String,
    },
    /// The JCS serializer failed.
    #[error("JCS canonicalization: {0}")]
    Canonicalization(String),
}

/// An entry shape: how a signing event becomes the bytes the log stores.
pub trait EntryShape {
    /// A stable name for reports (`hashedrekord-0.0.2`, `identity-v1`).
    fn shape_name(&self) -> &'static str;

    /// The entry bytes as logged.
    ///
    /// # Errors
    /// [`EntryError::TooLarge`] past [`MAX_ENTRY_SIZE`]; encoder failures.
    fn encode(&self) -> Result<Vec<u8>, EntryError>;

    /// The RFC 6962 leaf hash `SHA-256(0x00 ‖ entry)` (RFC 9162 §2.1.1).
    ///
    /// # Errors
    /// As [`EntryShape::encode`].
    fn leaf_hash(&self) -> Result<[u8; 32], EntryError> {
        Ok(leaf_hash(&self.encode()?))
    }
}

/// `SHA-256(0x00 ‖ entry)`.
#[must_use]
pub fn leaf_hash(entry: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(entry);
    h.finalize().into()
}

/// Fails when `bytes` is longer than [`MAX_ENTRY_SIZE`].
///
/// # Errors
/// [`EntryError::TooLarge`].
pub fn check_size(bytes: Vec<u8>) -> Result<Vec<u8>, EntryError> {
    if bytes.len() > MAX_ENTRY_SIZE {
        return Err(EntryError::TooLarge {
            len: bytes.len(),
            max: MAX_ENTRY_SIZE,
        });
    }
    Ok(bytes)
}

/// An entry of either shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Rekor v2 `hashedrekord` 0.0.2.
    HashedRekord(HashedRekordV002),
    /// Identity-based hash-only leaf.
    Identity(IdentityLeaf),
}

impl EntryShape for Entry {
    fn shape_name(&self) -> &'static str {
        match self {
            Entry::HashedRekord(e) => e.shape_name(),
            Entry::Identity(e) => e.shape_name(),
        }
    }

    fn encode(&self) -> Result<Vec<u8>, EntryError> {
        match self {
            Entry::HashedRekord(e) => e.encode(),
            Entry::Identity(e) => e.encode(),
        }
    }
}

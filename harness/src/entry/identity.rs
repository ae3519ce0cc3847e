//! The identity-based transparency log leaf (C2SP PR #244 "Identity-based transparency log
//! spec", rekor-tiles PR #828; REFERENCE-NUMBERS.md §C4), version `0x01`:
//!
//! ```text
//! 0x01 ‖ SHA-256(root of trust) ‖ SHA-256(message) ‖ (SHA-256(SHA-256(key)) ‖ SHA-256(SHA-256(value)))*
//! ```
//!
//! as pqlab builds it: `root of trust` is the DER SPKI of the root CA key that anchors the
//! signer's identity (rekor-tiles hashes the root public key); `message` is the 32-byte digest
//! of the signed artifact (the proposal requires 32 bytes and hashes it again so the log cannot
//! be used to store chosen data); each (key, value) is an identity claim such as
//! (`"san"`, `"user@example.com"`) or (`"issuer"`, `"https://accounts.example"`), in the
//! caller's order. The leaf holds no signature: 65 bytes plus 64 per claim, independent of the
//! signature algorithm.

use sha2::{Digest, Sha256};

use super::{EntryError, EntryShape, check_size};

/// The leaf version byte.
pub const IDENTITY_LEAF_VERSION: u8 = 0x01;

fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// An identity-based leaf, as its hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityLeaf {
    /// `SHA-256(root of trust)`.
    pub root_of_trust_hash: [u8; 32],
    /// `SHA-256(message)`.
    pub message_hash: [u8; 32],
    /// `(SHA-256(SHA-256(key)), SHA-256(SHA-256(value)))` per claim.
    pub claims: Vec<([u8; 32], [u8; 32])>,
}

impl IdentityLeaf {
    /// The leaf for an artifact digest `message` (32 bytes), the root of trust's SPKI DER and
    /// identity claims.
    ///
    /// # Errors
    /// [`EntryError::DigestLength`] when `message` is not 32 bytes.
    pub fn new(
        root_of_trust: &[u8],
        message: &[u8],
        claims: &[(&[u8], &[u8])],
    ) -> Result<Self, EntryError> {
        if message.len() != 32 {
            return Err(EntryError::DigestLength {
                algorithm: "identity leaf message",
                expected: 32,
                got: message.len(),
            });
        }
        Ok(IdentityLeaf {
            root_of_trust_hash: sha256(root_of_trust),
            message_hash: sha256(message),
            claims: claims
                .iter()
                .map(|(k, v)| (sha256(&sha256(k)), sha256(&sha256(v))))
                .collect(),
        })
    }

    /// Parses leaf bytes.
    ///
    /// # Errors
    /// [`EntryError::MalformedIdentityLeaf`] for a wrong version or length.
    pub fn parse(bytes: &[u8]) -> Result<Self, EntryError> {
        let bad = |reason: String| EntryError::MalformedIdentityLeaf { reason };
        let (&version, rest) = bytes.split_first().ok_or_else(|| bad("empty".to_owned()))?;
        if version != IDENTITY_LEAF_VERSION {
            return Err(bad(format!("version 0x{version:02x}, expected 0x01")));
        }
        if rest.len() < 64 || rest.len() % 64 != 0 {
            return Err(bad(format!(
                "{} bytes after the version, expected 64 + 64 per claim",
                rest.len()
            )));
        }
        let hash = |chunk: &[u8]| {
            let mut h = [0u8; 32];
            h.copy_from_slice(chunk);
            h
        };
        let claims = rest[64..]
            .chunks_exact(64)
            .map(|c| (hash(&c[..32]), hash(&c[32..])))
            .collect();
        Ok(IdentityLeaf {
            root_of_trust_hash: hash(&rest[..32]),
            message_hash: hash(&rest[32..64]),
            claims,
        })
    }
}

impl EntryShape for IdentityLeaf {
    fn shape_name(&self) -> &'static str {
        "identity-v1"
    }

    fn encode(&self) -> Result<Vec<u8>, EntryError> {
        let mut out = Vec::with_capacity(65 + 64 * self.claims.len());
        out.push(IDENTITY_LEAF_VERSION);
        out.extend_from_slice(&self.root_of_trust_hash);
        out.extend_from_slice(&self.message_hash);
        for (k, v) in &self.claims {
            out.extend_from_slice(k);
            out.extend_from_slice(v);
        }
        check_size(out)
    }
}

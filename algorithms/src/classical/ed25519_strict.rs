//! The Ed25519 verification policy every implementation in pqlab applies: ed25519-dalek's
//! `verify_strict`, i.e. RFC 8032 §5.1.7 with the cofactorless equation `[S]B = R + [k]A`,
//! canonical `S < L`, and small-order `A` and `R` rejected. On the C2SP CCTV edge cases
//! this rejects every vector flagged `low_order_A`, `low_order_R` or `low_order_residue`
//! (and with them every `non_canonical_A`, `non_canonical_R` and `reencoded_k` vector, all
//! of which also carry a `low_order` flag) and accepts the rest.
//!
//! *ring* and AWS-LC implement the ref10 policy (the same equation and `S` check, but no
//! small-order checks), so their wrappers add the small-order checks of `verify_strict`
//! here, with the curve25519-dalek point decoder ed25519-dalek uses: the public key once
//! when a verifier is prepared, `R` on every verification. Non-canonical `R` encodings need
//! no extra check: all three implementations compare the recomputed, canonically encoded
//! `R` with the signature's bytes.
//!
//! Without these checks the backends disagree with `verify_strict` and with each other on
//! the CCTV corpus: AWS-LC accepts some `low_order_A` and `low_order_R` vectors, and *ring*
//! also accepts some `non_canonical_A` (including `reencoded_k`) vectors, since it decodes
//! `A` modulo p. With them, all three give the same verdict on every vector.

use ed25519_dalek::VerifyingKey;

use super::ed25519::INFO;
use crate::Error;

/// Whether a 32-byte Edwards point encoding decodes to a point of small order (one of the
/// eight torsion points), or `None` when it does not decode to a curve point at all.
fn small_order(encoding: &[u8; 32]) -> Option<bool> {
    VerifyingKey::from_bytes(encoding).ok().map(|p| p.is_weak())
}

/// A public key checked against the strict policy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StrictPublicKey {
    /// The encoding.
    pub(crate) bytes: [u8; 32],
    /// Whether `A` has small order: every signature under it is rejected.
    small_order: bool,
}

/// Decodes a public key: 32 bytes that decode to a curve point.
///
/// # Errors
/// [`Error::InvalidPublicKey`].
pub(crate) fn public_key(bytes: &[u8]) -> Result<StrictPublicKey, Error> {
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| Error::InvalidPublicKey {
        algorithm: INFO.id,
        reason: format!("expected 32 bytes, got {}", bytes.len()),
    })?;
    let small_order = small_order(&bytes).ok_or_else(|| Error::InvalidPublicKey {
        algorithm: INFO.id,
        reason: "not a valid curve point encoding".to_owned(),
    })?;
    Ok(StrictPublicKey { bytes, small_order })
}

/// The strict checks on a key and a signature that come before the backend's ref10
/// verification: 64 bytes, `A` and `R` not of small order, `R` a curve point.
///
/// # Errors
/// [`Error::MalformedSignature`] for a wrong length, [`Error::VerificationFailed`] for a
/// signature the policy rejects.
pub(crate) fn precheck(key: &StrictPublicKey, signature: &[u8]) -> Result<(), Error> {
    let r: &[u8; 32] = signature
        .get(..32)
        .filter(|_| signature.len() == 64)
        .and_then(|r| r.try_into().ok())
        .ok_or_else(|| Error::MalformedSignature {
            algorithm: INFO.id,
            reason: format!("expected 64 bytes, got {}", signature.len()),
        })?;
    if key.small_order || small_order(r) != Some(false) {
        return Err(Error::VerificationFailed { algorithm: INFO.id });
    }
    Ok(())
}

//! Classical signatures: Ed25519 (RFC 8032) and ECDSA over P-256 and P-384 (FIPS 186-5).
//!
//! Each algorithm has several implementations that must agree (the conformance suite
//! cross-verifies them, `tests/classical_vectors.rs` runs Wycheproof and the CCTV Ed25519
//! edge cases against every one); the first listed is the default.

pub mod ecdsa;
pub mod ecdsa_aws_lc;
pub mod ecdsa_ring;
pub mod ecdsa_rustcrypto;
pub mod ed25519;
pub mod ed25519_aws_lc;
pub mod ed25519_ring;
mod ed25519_strict;

use crate::registry::Algorithm;

/// The classical algorithms.
pub static ALGORITHMS: &[Algorithm] = &[ed25519::ED25519, ecdsa::ECDSA_P256, ecdsa::ECDSA_P384];

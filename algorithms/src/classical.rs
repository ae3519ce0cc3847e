//! Classical signatures: Ed25519 (RFC 8032) and ECDSA over P-256 and P-384 (FIPS 186-5).

pub mod ecdsa;
pub mod ecdsa_rustcrypto;
pub mod ed25519;

use crate::registry::Algorithm;

/// The classical algorithms.
pub static ALGORITHMS: &[Algorithm] = &[ed25519::ED25519, ecdsa::ECDSA_P256, ecdsa::ECDSA_P384];

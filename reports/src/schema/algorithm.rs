//! Per-algorithm primitive results (DESIGN.md § Metrics, "latency: keygen, sign, verify per
//! algorithm").

use serde::{Deserialize, Serialize};

use crate::Stats;

/// One implementation of one algorithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlgorithmResult {
    /// Registry id (`ml-dsa-65`).
    pub algorithm: String,
    /// Implementation id (`rustcrypto`).
    pub implementation: String,
    /// Crate behind the implementation.
    pub crate_name: String,
    /// Its version.
    pub crate_version: String,
    /// Sizes measured on generated keys and signatures.
    pub sizes: KeySizes,
    /// Key generation.
    pub keygen: Stats,
    /// Signing a 32-byte message.
    pub sign: Stats,
    /// Verifying it.
    pub verify: Stats,
}

/// Key and signature sizes, bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySizes {
    /// Public key (raw encoding).
    pub public_key: u64,
    /// Secret key as stored.
    pub secret_key: u64,
    /// Signature: exact for fixed-length schemes, the declared maximum for variable-length ones
    /// (so sizes are reproducible whatever randomness an implementation draws).
    pub signature: u64,
    /// Public key as DER SubjectPublicKeyInfo.
    pub spki_der: u64,
}

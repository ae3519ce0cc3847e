//! Falcon round 3 as PQClean ships it (`pqcrypto-falcon`, the compressed variable-length
//! signature format of the round-3 specification §3.11.6: header `0x30 + logn`, 40-byte nonce,
//! compressed `s2`; at most 752 / 1,462 bytes). The message is hashed as
//! `SHAKE256(nonce || M)`: no public-key binding, no context string.
//!
//! Not FN-DSA ([`crate::fn_dsa`]): different message hashing, signature padding and key
//! encodings, so the two do not verify each other's signatures (`tests/fn_dsa.rs`).
//!
//! Key generation: `pqcrypto-falcon` exposes only `keypair()`, which draws from the operating
//! system (PQClean has no seeded Falcon keypair). pqlab derives Falcon keys from the RNG with
//! `fn-dsa`'s key generation (NTRUGen: f, g, F and h = g/f mod q), re-encoded into the
//! standard round-3 encodings (§3.11.4-5; [`encoding`]); PQClean then signs and verifies with
//! them, which the conformance suite checks. OIDs: the IETF hackathon pre-standard arc
//! (`1.3.9999.3.6`, `1.3.9999.3.9`), experimental.

mod encoding;
mod pqclean;

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Family, Oids, Sizes};

use pqclean::{Falcon512, Falcon1024};

/// Falcon-512 round 3 (NIST category 1).
pub static FALCON_512_R3_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "falcon-512-r3",
    name: "Falcon-512 (round 3)",
    family: Family::FalconR3,
    parameter_set: "512",
    nist_category: Some(1),
    sizes: Sizes {
        public_key: 897,
        secret_key: 1_281,
        signature: 752,
        signature_fixed: false,
    },
    sigstore_key_details: None,
    oids: Oids {
        public_key: "1.3.9999.3.6",
        public_key_parameters: None,
        signature: "1.3.9999.3.6",
        source: "IETF hackathon pqc-certificates (pre-standard, experimental)",
        experimental: true,
    },
    stateful: false,
    supports_context: false,
};

/// Falcon-1024 round 3 (NIST category 5).
pub static FALCON_1024_R3_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "falcon-1024-r3",
    name: "Falcon-1024 (round 3)",
    family: Family::FalconR3,
    parameter_set: "1024",
    nist_category: Some(5),
    sizes: Sizes {
        public_key: 1_793,
        secret_key: 2_305,
        signature: 1_462,
        signature_fixed: false,
    },
    sigstore_key_details: None,
    oids: Oids {
        public_key: "1.3.9999.3.9",
        public_key_parameters: None,
        signature: "1.3.9999.3.9",
        source: "IETF hackathon pqc-certificates (pre-standard, experimental)",
        experimental: true,
    },
    stateful: false,
    supports_context: false,
};

/// Falcon-512 round 3 via PQClean.
pub static FALCON_512_R3: Algorithm = Algorithm {
    info: &FALCON_512_R3_INFO,
    implementations: &[&Falcon512],
};

/// Falcon-1024 round 3 via PQClean.
pub static FALCON_1024_R3: Algorithm = Algorithm {
    info: &FALCON_1024_R3_INFO,
    implementations: &[&Falcon1024],
};

/// The Falcon round-3 algorithms.
pub static ALGORITHMS: &[Algorithm] = &[FALCON_512_R3, FALCON_1024_R3];

//! FN-DSA as the `fn-dsa` crate implements the draft FIPS 206 (Falcon with the FIPS 204-style
//! message representative `mu = SHAKE256(SHAKE256(pk) || 0x00 || len(ctx) || ctx || M)`, a
//! 40-byte nonce and padded fixed-length signatures).
//!
//! Not Falcon round 3 ([`crate::falcon`]): `fn-dsa` 0.4 packs key bits least-significant first
//! where Falcon round 3 packs them most-significant first, stores the public h in NTT form,
//! appends the 64-byte SHAKE256 hash of
//! the public key to the signing key, binds the public key and a context into the message
//! hash, and pads signatures to a fixed length; neither verifies the other's signatures
//! (`tests/fn_dsa.rs` shows it with PQClean's Falcon round 3).
//!
//! OIDs: FIPS 206 is not published and no OID is assigned. pqlab uses two UUID-derived OIDs
//! under the `2.25` arc (ITU-T X.667: an OID anyone may mint from a random UUID without
//! registration), marked experimental; they identify pqlab's FN-DSA keys only and will be
//! replaced by the NIST CSOR OIDs when FIPS 206 assigns them. Sigstore has no
//! `PublicKeyDetails` value for FN-DSA.

mod backend;

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Family, Oids, Sizes};

use backend::FnDsa;

/// FN-DSA-512 (NIST category 1).
pub static FN_DSA_512_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "fn-dsa-512",
    name: "FN-DSA-512",
    family: Family::FnDsa,
    parameter_set: "512",
    nist_category: Some(1),
    sizes: Sizes {
        public_key: fn_dsa::vrfy_key_size(fn_dsa::FN_DSA_LOGN_512),
        secret_key: fn_dsa::sign_key_size(fn_dsa::FN_DSA_LOGN_512),
        signature: fn_dsa::signature_size(fn_dsa::FN_DSA_LOGN_512),
        signature_fixed: true,
    },
    sigstore_key_details: None,
    oids: Oids {
        public_key: "1.3.9999.206.9",
        public_key_parameters: None,
        signature: "1.3.9999.206.9",
        source: "pqlab private experimental arc 1.3.9999.206; FIPS 206 assigns none yet",
        experimental: true,
    },
    stateful: false,
    supports_context: true,
};

/// FN-DSA-1024 (NIST category 5).
pub static FN_DSA_1024_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "fn-dsa-1024",
    name: "FN-DSA-1024",
    family: Family::FnDsa,
    parameter_set: "1024",
    nist_category: Some(5),
    sizes: Sizes {
        public_key: fn_dsa::vrfy_key_size(fn_dsa::FN_DSA_LOGN_1024),
        secret_key: fn_dsa::sign_key_size(fn_dsa::FN_DSA_LOGN_1024),
        signature: fn_dsa::signature_size(fn_dsa::FN_DSA_LOGN_1024),
        signature_fixed: true,
    },
    sigstore_key_details: None,
    oids: Oids {
        public_key: "1.3.9999.206.10",
        public_key_parameters: None,
        signature: "1.3.9999.206.10",
        source: "pqlab private experimental arc 1.3.9999.206; FIPS 206 assigns none yet",
        experimental: true,
    },
    stateful: false,
    supports_context: true,
};

/// FN-DSA-512 via `fn-dsa`.
pub static FN_DSA_512: Algorithm = Algorithm {
    info: &FN_DSA_512_INFO,
    implementations: &[&FnDsa {
        info: &FN_DSA_512_INFO,
        logn: fn_dsa::FN_DSA_LOGN_512,
    }],
};

/// FN-DSA-1024 via `fn-dsa`.
pub static FN_DSA_1024: Algorithm = Algorithm {
    info: &FN_DSA_1024_INFO,
    implementations: &[&FnDsa {
        info: &FN_DSA_1024_INFO,
        logn: fn_dsa::FN_DSA_LOGN_1024,
    }],
};

/// The FN-DSA algorithms.
pub static ALGORITHMS: &[Algorithm] = &[FN_DSA_512, FN_DSA_1024];

//! LMS / HSS hash-based stateful signatures (RFC 8554, NIST SP 800-208) via `hbs-lms`.
//!
//! Keys and signatures use the HSS encodings (RFC 8554 §6.1), as RFC 8708's
//! `id-alg-hss-lms-hashsig` requires, so a single LMS tree is HSS with L = 1: public key
//! `u32 L || LMS public key` (60 bytes), signature `u32 Nspk || LMS signature`. The secret key
//! is `hbs-lms`'s reference-implementation encoding (48 bytes: the u64 count of used
//! one-time keys, eight parameter bytes, the 32-byte seed), so the state is part of the key.
//!
//! Stateful signing ([`SignatureAlgorithm::sign_stateful`]): the signature and the advanced
//! state are computed together, the in-memory key is advanced first (a one-time key is never
//! reused even if persisting fails), then the store persists the new state, and the signature
//! is released only if that succeeded. A key whose every leaf is used returns
//! [`Error::KeyExhausted`]; [`SignatureAlgorithm::sign`] refuses stateful keys.
//!
//! Sigstore's `LMS_SHA256` `PublicKeyDetails` value is deprecated, so none is claimed.

mod hss;

use hbs_lms::{LmotsAlgorithm, LmsAlgorithm};

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Family, Oids, Sizes};

use hss::Hss;

const OIDS: Oids = Oids {
    public_key: "1.2.840.113549.1.9.16.3.17",
    public_key_parameters: None,
    signature: "1.2.840.113549.1.9.16.3.17",
    source: "RFC 8708 (id-alg-hss-lms-hashsig)",
    experimental: false,
};

/// LMS_SHA256_M32_H5 with LMOTS_SHA256_N32_W4 (32 signatures; HSS, L = 1).
pub static LMS_SHA256_H5_W4_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "lms-sha256-h5-w4",
    name: "LMS_SHA256_M32_H5/LMOTS_SHA256_N32_W4 (HSS L=1)",
    family: Family::Lms,
    parameter_set: "SHA256-M32-H5-W4",
    nist_category: Some(5),
    sizes: Sizes {
        public_key: 60,
        secret_key: 48,
        signature: 2_352,
        signature_fixed: true,
    },
    sigstore_key_details: None,
    oids: OIDS,
    stateful: true,
    supports_context: false,
};

/// LMS_SHA256_M32_H10 with LMOTS_SHA256_N32_W4 (1,024 signatures; HSS, L = 1).
pub static LMS_SHA256_H10_W4_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "lms-sha256-h10-w4",
    name: "LMS_SHA256_M32_H10/LMOTS_SHA256_N32_W4 (HSS L=1)",
    family: Family::Lms,
    parameter_set: "SHA256-M32-H10-W4",
    nist_category: Some(5),
    sizes: Sizes {
        public_key: 60,
        secret_key: 48,
        signature: 2_512,
        signature_fixed: true,
    },
    sigstore_key_details: None,
    oids: OIDS,
    stateful: true,
    supports_context: false,
};

/// LMS H5/W4 via `hbs-lms`: 32 signatures, for tests that use a key up (exhaustion). Not in
/// [`ALGORITHMS`]: RFC 8708 gives every HSS/LMS parameter set the same OID (the parameters
/// are in the key), and one registry entry per SPKI OID keeps `parse_spki_der` unambiguous.
pub static LMS_SHA256_H5_W4: Algorithm = Algorithm {
    info: &LMS_SHA256_H5_W4_INFO,
    implementations: &[&Hss {
        info: &LMS_SHA256_H5_W4_INFO,
        levels: &[(LmotsAlgorithm::LmotsW4, LmsAlgorithm::LmsH5)],
    }],
};

/// LMS H10/W4 via `hbs-lms`.
pub static LMS_SHA256_H10_W4: Algorithm = Algorithm {
    info: &LMS_SHA256_H10_W4_INFO,
    implementations: &[&Hss {
        info: &LMS_SHA256_H10_W4_INFO,
        levels: &[(LmotsAlgorithm::LmotsW4, LmsAlgorithm::LmsH10)],
    }],
};

/// The registered LMS/HSS algorithms (one per RFC 8708 OID, see [`LMS_SHA256_H5_W4`]).
pub static ALGORITHMS: &[Algorithm] = &[LMS_SHA256_H10_W4];

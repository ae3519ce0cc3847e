//! SLH-DSA (FIPS 205), all twelve parameter sets, pure signing with context strings; and
//! SPHINCS+ round 3.1 as separate pre-standard algorithms ([`sphincs_r3`]).
//!
//! Two implementations back every SLH-DSA set: RustCrypto `slh-dsa` and `fips205`. Both derive
//! the key pair from SK.seed, SK.prf and PK.seed drawn from the caller's RNG
//! (`slh_keygen_internal`, FIPS 205 Algorithm 18), so one seed gives one key whichever
//! implementation generates it, and both sign with `opt_rand` = PK.seed when asked for the
//! deterministic variant (FIPS 205 §9.2) and with n bytes from the RNG otherwise. Keys are the
//! FIPS 205 encodings: public `PK.seed || PK.root`, secret `SK.seed || SK.prf || PK.seed ||
//! PK.root`. OIDs: RFC 9909 (`id-slh-dsa-*` under the NIST CSOR `sigAlgs` arc). Sigstore has no
//! `PublicKeyDetails` value for SLH-DSA.
//!
//! Default implementation per set: `slh-dsa` for the SHA2 sets (1.3-1.7x faster than
//! `fips205`, REFERENCE-NUMBERS.md §C6); for the SHAKE sets the two tie on verification
//! (2,879 vs 2,881 µs for SHAKE-256s), and `slh-dsa` stays first there too so one crate
//! backs every default.

mod fips205_backend;
pub(crate) mod rand06;
mod rustcrypto;
pub mod sphincs_r3;

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Error, Family, Implementation, Oids, Sizes};

use fips205_backend as f205;
use rustcrypto::RustCrypto;

pub(crate) fn invalid_secret_key(info: &'static AlgorithmInfo, reason: String) -> Error {
    Error::InvalidSecretKey {
        algorithm: info.id,
        reason,
    }
}

pub(crate) fn invalid_public_key(info: &'static AlgorithmInfo, reason: String) -> Error {
    Error::InvalidPublicKey {
        algorithm: info.id,
        reason,
    }
}

pub(crate) fn malformed_signature(info: &'static AlgorithmInfo, len: usize) -> Error {
    Error::MalformedSignature {
        algorithm: info.id,
        reason: format!("expected {} bytes, got {len}", info.sizes.signature),
    }
}

pub(crate) fn backend_error(
    info: &'static AlgorithmInfo,
    imp: &'static Implementation,
    message: impl std::fmt::Display,
) -> Error {
    Error::Backend {
        algorithm: info.id,
        implementation: imp.id,
        message: message.to_string(),
    }
}

/// An SLH-DSA registry description (FIPS 205 Table 2 sizes; RFC 9909 OIDs).
macro_rules! slh_dsa_info {
    ($id:literal, $name:literal, $set:literal, $cat:literal, $pk:literal, $sk:literal,
     $sig:literal, $oid:literal) => {
        AlgorithmInfo {
            id: $id,
            name: $name,
            family: Family::SlhDsa,
            parameter_set: $set,
            nist_category: Some($cat),
            sizes: Sizes {
                public_key: $pk,
                secret_key: $sk,
                signature: $sig,
                signature_fixed: true,
            },
            sigstore_key_details: None,
            oids: Oids {
                public_key: $oid,
                public_key_parameters: None,
                signature: $oid,
                source: "RFC 9909",
                experimental: false,
            },
            stateful: false,
            supports_context: true,
        }
    };
}

/// Both backends of a parameter set, the default (the faster one measured here) first.
macro_rules! slh_dsa_implementations {
    (rustcrypto, $info:ident, $rc:ty, $f205:ident) => {
        &[
            &RustCrypto::<$rc>::new(&$info),
            &f205::$f205::Backend(&$info),
        ]
    };
    (fips205, $info:ident, $rc:ty, $f205:ident) => {
        &[
            &f205::$f205::Backend(&$info),
            &RustCrypto::<$rc>::new(&$info),
        ]
    };
}

/// One SLH-DSA parameter set: its default backend, its description, both backends and its
/// registry entry. Defaults from `cargo bench -- '^verify/slh-dsa'` on the reference machine
/// (2026-11-27): RustCrypto `slh-dsa` is faster for the SHA2 sets (128s 311 vs 313 µs, 192s
/// 498 vs 633, 256s 736 vs 829), `fips205` about 1.9x faster for SHAKE (128s 1.84 vs 3.42 ms,
/// 128f 5.04 vs 9.55 ms).
macro_rules! slh_dsa_set {
    ($default:ident, $info:ident, $entry:ident, $rc:ty, $f205:ident,
     $id:literal, $name:literal, $set:literal, $cat:literal, $pk:literal, $sk:literal,
     $sig:literal, $oid:literal) => {
        #[doc = concat!("Registry description of ", $name, ".")]
        pub static $info: AlgorithmInfo =
            slh_dsa_info!($id, $name, $set, $cat, $pk, $sk, $sig, $oid);

        #[doc = concat!("The registry entry of ", $name, ".")]
        pub static $entry: Algorithm = Algorithm {
            info: &$info,
            implementations: slh_dsa_implementations!($default, $info, $rc, $f205),
        };
    };
}

slh_dsa_set!(
    rustcrypto,
    SHA2_128S_INFO,
    SLH_DSA_SHA2_128S,
    slh_dsa::Sha2_128s,
    slh_dsa_sha2_128s,
    "slh-dsa-sha2-128s",
    "SLH-DSA-SHA2-128s",
    "SHA2-128s",
    1,
    32,
    64,
    7_856,
    "2.16.840.1.101.3.4.3.20"
);
slh_dsa_set!(
    rustcrypto,
    SHA2_128F_INFO,
    SLH_DSA_SHA2_128F,
    slh_dsa::Sha2_128f,
    slh_dsa_sha2_128f,
    "slh-dsa-sha2-128f",
    "SLH-DSA-SHA2-128f",
    "SHA2-128f",
    1,
    32,
    64,
    17_088,
    "2.16.840.1.101.3.4.3.21"
);
slh_dsa_set!(
    rustcrypto,
    SHA2_192S_INFO,
    SLH_DSA_SHA2_192S,
    slh_dsa::Sha2_192s,
    slh_dsa_sha2_192s,
    "slh-dsa-sha2-192s",
    "SLH-DSA-SHA2-192s",
    "SHA2-192s",
    3,
    48,
    96,
    16_224,
    "2.16.840.1.101.3.4.3.22"
);
slh_dsa_set!(
    rustcrypto,
    SHA2_192F_INFO,
    SLH_DSA_SHA2_192F,
    slh_dsa::Sha2_192f,
    slh_dsa_sha2_192f,
    "slh-dsa-sha2-192f",
    "SLH-DSA-SHA2-192f",
    "SHA2-192f",
    3,
    48,
    96,
    35_664,
    "2.16.840.1.101.3.4.3.23"
);
slh_dsa_set!(
    rustcrypto,
    SHA2_256S_INFO,
    SLH_DSA_SHA2_256S,
    slh_dsa::Sha2_256s,
    slh_dsa_sha2_256s,
    "slh-dsa-sha2-256s",
    "SLH-DSA-SHA2-256s",
    "SHA2-256s",
    5,
    64,
    128,
    29_792,
    "2.16.840.1.101.3.4.3.24"
);
slh_dsa_set!(
    rustcrypto,
    SHA2_256F_INFO,
    SLH_DSA_SHA2_256F,
    slh_dsa::Sha2_256f,
    slh_dsa_sha2_256f,
    "slh-dsa-sha2-256f",
    "SLH-DSA-SHA2-256f",
    "SHA2-256f",
    5,
    64,
    128,
    49_856,
    "2.16.840.1.101.3.4.3.25"
);
slh_dsa_set!(
    fips205,
    SHAKE_128S_INFO,
    SLH_DSA_SHAKE_128S,
    slh_dsa::Shake128s,
    slh_dsa_shake_128s,
    "slh-dsa-shake-128s",
    "SLH-DSA-SHAKE-128s",
    "SHAKE-128s",
    1,
    32,
    64,
    7_856,
    "2.16.840.1.101.3.4.3.26"
);
slh_dsa_set!(
    fips205,
    SHAKE_128F_INFO,
    SLH_DSA_SHAKE_128F,
    slh_dsa::Shake128f,
    slh_dsa_shake_128f,
    "slh-dsa-shake-128f",
    "SLH-DSA-SHAKE-128f",
    "SHAKE-128f",
    1,
    32,
    64,
    17_088,
    "2.16.840.1.101.3.4.3.27"
);
slh_dsa_set!(
    fips205,
    SHAKE_192S_INFO,
    SLH_DSA_SHAKE_192S,
    slh_dsa::Shake192s,
    slh_dsa_shake_192s,
    "slh-dsa-shake-192s",
    "SLH-DSA-SHAKE-192s",
    "SHAKE-192s",
    3,
    48,
    96,
    16_224,
    "2.16.840.1.101.3.4.3.28"
);
slh_dsa_set!(
    fips205,
    SHAKE_192F_INFO,
    SLH_DSA_SHAKE_192F,
    slh_dsa::Shake192f,
    slh_dsa_shake_192f,
    "slh-dsa-shake-192f",
    "SLH-DSA-SHAKE-192f",
    "SHAKE-192f",
    3,
    48,
    96,
    35_664,
    "2.16.840.1.101.3.4.3.29"
);
slh_dsa_set!(
    fips205,
    SHAKE_256S_INFO,
    SLH_DSA_SHAKE_256S,
    slh_dsa::Shake256s,
    slh_dsa_shake_256s,
    "slh-dsa-shake-256s",
    "SLH-DSA-SHAKE-256s",
    "SHAKE-256s",
    5,
    64,
    128,
    29_792,
    "2.16.840.1.101.3.4.3.30"
);
slh_dsa_set!(
    fips205,
    SHAKE_256F_INFO,
    SLH_DSA_SHAKE_256F,
    slh_dsa::Shake256f,
    slh_dsa_shake_256f,
    "slh-dsa-shake-256f",
    "SLH-DSA-SHAKE-256f",
    "SHAKE-256f",
    5,
    64,
    128,
    49_856,
    "2.16.840.1.101.3.4.3.31"
);

/// The algorithms of this family: the twelve SLH-DSA sets, then SPHINCS+ round 3.1.
pub static ALGORITHMS: &[Algorithm] = &[
    SLH_DSA_SHA2_128S,
    SLH_DSA_SHA2_128F,
    SLH_DSA_SHA2_192S,
    SLH_DSA_SHA2_192F,
    SLH_DSA_SHA2_256S,
    SLH_DSA_SHA2_256F,
    SLH_DSA_SHAKE_128S,
    SLH_DSA_SHAKE_128F,
    SLH_DSA_SHAKE_192S,
    SLH_DSA_SHAKE_192F,
    SLH_DSA_SHAKE_256S,
    SLH_DSA_SHAKE_256F,
    sphincs_r3::SPHINCS_SHA2_128S_SIMPLE,
    sphincs_r3::SPHINCS_SHA2_128F_SIMPLE,
    sphincs_r3::SPHINCS_SHAKE_128S_SIMPLE,
    sphincs_r3::SPHINCS_SHAKE_128F_SIMPLE,
];

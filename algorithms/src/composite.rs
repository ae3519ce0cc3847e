//! Composite ML-DSA: ML-DSA paired with a traditional signature, as the IETF LAMPS draft
//! `draft-ietf-lamps-pq-composite-sigs` specifies it (editor's copy
//! `lamps-wg/draft-composite-sigs` at commit 60fcb1e, 2026-04-28, the revision of the test
//! vectors in `testdata/composite-mldsa`).
//!
//! Both components sign the message representative
//! `M' = "CompositeAlgorithmSignatures2025" || Label || len(ctx) || ctx || SHA-512(M)`
//! ([`message`]); ML-DSA additionally gets the label as its FIPS 204 context. Keys and
//! signatures are concatenations, ML-DSA first ([`scheme`]). Four of the draft's eighteen
//! combinations are registered: the two with Ed25519 and the two with NIST P-curves that match
//! Sigstore's classical key types (§6 of the draft lists them all).

mod libcrux;
mod message;
mod mldsa;
mod scheme;
mod traditional;

use libcrux::LibcruxMlDsa;
use mldsa::{MlDsaLevel, RustCryptoMlDsa};
use scheme::{Composite, CompositeParams};
use traditional::Traditional;

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Family, Implementation, Oids};

/// Where the OIDs come from. The arc 1.3.6.1.5.5.7.6 (id-pkix 6) is the draft's; the
/// document is not yet an RFC, so they are marked experimental.
const SOURCE: &str = "draft-ietf-lamps-pq-composite-sigs (60fcb1e)";

const fn oids(oid: &'static str) -> Oids {
    Oids {
        public_key: oid,
        public_key_parameters: None,
        signature: oid,
        source: SOURCE,
        experimental: true,
    }
}

macro_rules! composite {
    (
        $params:ident, $info:ident, $id:literal, $name:literal, $category:literal,
        $oid:literal, $label:literal, $mldsa:expr, $trad:expr
    ) => {
        static $info: AlgorithmInfo = AlgorithmInfo {
            id: $id,
            name: $name,
            family: Family::CompositeMlDsa,
            parameter_set: $name,
            nist_category: Some($category),
            sizes: CompositeParams::sizes($mldsa, $trad),
            sigstore_key_details: None,
            oids: oids($oid),
            stateful: false,
            supports_context: true,
        };
        static $params: CompositeParams = CompositeParams {
            info: &$info,
            label: $label,
            mldsa: $mldsa,
            traditional: $trad,
        };
    };
}

composite!(
    MLDSA44_ED25519,
    MLDSA44_ED25519_INFO,
    "composite-ml-dsa-44-ed25519",
    "MLDSA44-Ed25519-SHA512",
    2,
    "1.3.6.1.5.5.7.6.39",
    "COMPSIG-MLDSA44-Ed25519-SHA512",
    MlDsaLevel::L44,
    Traditional::Ed25519
);
composite!(
    MLDSA65_ED25519,
    MLDSA65_ED25519_INFO,
    "composite-ml-dsa-65-ed25519",
    "MLDSA65-Ed25519-SHA512",
    3,
    "1.3.6.1.5.5.7.6.48",
    "COMPSIG-MLDSA65-Ed25519-SHA512",
    MlDsaLevel::L65,
    Traditional::Ed25519
);
composite!(
    MLDSA65_P256,
    MLDSA65_P256_INFO,
    "composite-ml-dsa-65-ecdsa-p256",
    "MLDSA65-ECDSA-P256-SHA512",
    3,
    "1.3.6.1.5.5.7.6.45",
    "COMPSIG-MLDSA65-ECDSA-P256-SHA512",
    MlDsaLevel::L65,
    Traditional::EcdsaP256
);
composite!(
    MLDSA87_P384,
    MLDSA87_P384_INFO,
    "composite-ml-dsa-87-ecdsa-p384",
    "MLDSA87-ECDSA-P384-SHA512",
    5,
    "1.3.6.1.5.5.7.6.49",
    "COMPSIG-MLDSA87-ECDSA-P384-SHA512",
    MlDsaLevel::L87,
    Traditional::EcdsaP384
);

macro_rules! implementation {
    ($name:ident, $id:literal, $crates:literal, $versions:literal) => {
        static $name: Implementation = Implementation {
            id: $id,
            crate_name: $crates,
            crate_version: $versions,
            limitations: &[],
        };
    };
}

implementation!(
    RC_ED25519,
    "rustcrypto",
    "ml-dsa + ed25519-dalek",
    "0.1.2 + 3.0.0"
);
implementation!(RC_P256, "rustcrypto", "ml-dsa + p256", "0.1.2 + 0.14.0");
implementation!(RC_P384, "rustcrypto", "ml-dsa + p384", "0.1.2 + 0.14.0");
implementation!(
    LC_ED25519,
    "libcrux",
    "libcrux-ml-dsa + ed25519-dalek",
    "0.0.11 + 3.0.0"
);
implementation!(
    LC_P256,
    "libcrux",
    "libcrux-ml-dsa + p256",
    "0.0.11 + 0.14.0"
);
implementation!(
    LC_P384,
    "libcrux",
    "libcrux-ml-dsa + p384",
    "0.0.11 + 0.14.0"
);

macro_rules! register {
    ($info:ident, $params:ident, [$(($imp:ident, $backend:expr)),+]) => {
        Algorithm {
            info: &$info,
            implementations: &[$(&Composite {
                params: &$params,
                implementation: &$imp,
                mldsa: &$backend,
            }),+],
        }
    };
}

/// The algorithms of this family. RustCrypto `ml-dsa` is listed first (the default) until the
/// `implementations` benchmark group measures the choice; `libcrux` composites the same
/// traditional components with libcrux's ML-DSA.
pub static ALGORITHMS: &[Algorithm] = &[
    register!(
        MLDSA44_ED25519_INFO,
        MLDSA44_ED25519,
        [(RC_ED25519, RustCryptoMlDsa), (LC_ED25519, LibcruxMlDsa)]
    ),
    register!(
        MLDSA65_ED25519_INFO,
        MLDSA65_ED25519,
        [(RC_ED25519, RustCryptoMlDsa), (LC_ED25519, LibcruxMlDsa)]
    ),
    register!(
        MLDSA65_P256_INFO,
        MLDSA65_P256,
        [(RC_P256, RustCryptoMlDsa), (LC_P256, LibcruxMlDsa)]
    ),
    register!(
        MLDSA87_P384_INFO,
        MLDSA87_P384,
        [(RC_P384, RustCryptoMlDsa), (LC_P384, LibcruxMlDsa)]
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The draft's size table (`src/sizeTable.md`, REFERENCE-NUMBERS §C1): pk, sk, max sig.
    #[test]
    fn declared_sizes_are_the_drafts() {
        let expected = [
            ("composite-ml-dsa-44-ed25519", 1344, 64, 2484, true),
            ("composite-ml-dsa-65-ed25519", 1984, 64, 3373, true),
            ("composite-ml-dsa-65-ecdsa-p256", 2017, 83, 3381, false),
            ("composite-ml-dsa-87-ecdsa-p384", 2689, 96, 4731, false),
        ];
        assert_eq!(ALGORITHMS.len(), expected.len());
        for (alg, (id, pk, sk, sig, fixed)) in ALGORITHMS.iter().zip(expected) {
            let s = alg.info.sizes;
            assert_eq!(alg.info.id, id);
            assert_eq!(
                (s.public_key, s.secret_key, s.signature, s.signature_fixed),
                (pk, sk, sig, fixed),
                "{id}"
            );
        }
    }
}

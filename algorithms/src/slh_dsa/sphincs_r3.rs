//! SPHINCS+ round 3.1 ("simple" instances) as PQClean ships it (`pqcrypto-sphincsplus`): the
//! pre-standard ancestor of SLH-DSA, registered as its own algorithms because FIPS 205
//! verifiers reject its signatures (FIPS 205 changed the message processing: the pure-mode
//! `0x00 || len(ctx) || ctx` prefix, and for SHA2 the `H_msg`/`PRF_msg` and digest-index
//! details), which `tests/slh_dsa_vectors.rs` shows.
//!
//! Key generation: `pqcrypto-sphincsplus` exposes only `keypair()`, which draws from the
//! operating system (PQClean's `crypto_sign_seed_keypair` is not bound). The key pair
//! computation itself did not change between round 3.1 and FIPS 205 (SK.seed, SK.prf, PK.seed
//! → PK.root over the top XMSS tree; keys `PK.seed || PK.root` and `SK.seed || SK.prf ||
//! PK.seed || PK.root`), so pqlab derives the key from seeds drawn from the RNG with
//! `slh-dsa`'s `slh_keygen_internal`; PQClean signs with it and verifies the result, which the
//! conformance suite checks for every registered set. Signing uses PQClean's own randomness
//! (`optrand`): no deterministic or seeded signing. OIDs: the IETF hackathon pre-standard arc
//! (`1.3.9999.6.*`), experimental.

use std::marker::PhantomData;

use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::{invalid_public_key, invalid_secret_key, malformed_signature};
use crate::registry::Algorithm;
use crate::{
    AlgorithmInfo, Error, Family, Implementation, KeyPair, Limitation, Oids, PreparedVerifier,
    SecretKey, SignOptions, SignatureAlgorithm, Sizes, check_context,
};

static PQCLEAN: Implementation = Implementation {
    id: "pqclean",
    crate_name: "pqcrypto-sphincsplus",
    crate_version: "0.7.2",
    limitations: &[
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
    ],
};

/// A SPHINCS+ round 3.1 registry description.
macro_rules! sphincs_info {
    ($id:literal, $name:literal, $set:literal, $pk:literal, $sk:literal, $sig:literal,
     $oid:literal) => {
        AlgorithmInfo {
            id: $id,
            name: $name,
            family: Family::SphincsPlusR3,
            parameter_set: $set,
            nist_category: Some(1),
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
                source: "IETF hackathon pqc-certificates (pre-standard, experimental)",
                experimental: true,
            },
            stateful: false,
            supports_context: false,
        }
    };
}

/// The byte-level operations of one `pqcrypto-sphincsplus` parameter-set module.
trait PqcleanSet: Send + Sync + 'static {
    fn sign(message: &[u8], secret_key: &[u8]) -> Result<Vec<u8>, String>;
    fn verify(message: &[u8], signature: &[u8], public_key: &[u8]) -> Result<bool, String>;
}

macro_rules! pqclean_set {
    ($ty:ident, $module:ident) => {
        struct $ty;

        impl PqcleanSet for $ty {
            fn sign(message: &[u8], secret_key: &[u8]) -> Result<Vec<u8>, String> {
                use pqcrypto_traits::sign::{DetachedSignature as _, SecretKey as _};
                let key = pqcrypto_sphincsplus::$module::SecretKey::from_bytes(secret_key)
                    .map_err(|e| e.to_string())?;
                Ok(pqcrypto_sphincsplus::$module::detached_sign(message, &key)
                    .as_bytes()
                    .to_vec())
            }

            fn verify(message: &[u8], signature: &[u8], public_key: &[u8]) -> Result<bool, String> {
                use pqcrypto_traits::sign::{DetachedSignature as _, PublicKey as _};
                let key = pqcrypto_sphincsplus::$module::PublicKey::from_bytes(public_key)
                    .map_err(|e| e.to_string())?;
                let signature =
                    pqcrypto_sphincsplus::$module::DetachedSignature::from_bytes(signature)
                        .map_err(|e| e.to_string())?;
                Ok(pqcrypto_sphincsplus::$module::verify_detached_signature(
                    &signature, message, &key,
                )
                .is_ok())
            }
        }
    };
}

pqclean_set!(Sha2_128s, sphincssha2128ssimple);
pqclean_set!(Sha2_128f, sphincssha2128fsimple);
pqclean_set!(Shake128s, sphincsshake128ssimple);
pqclean_set!(Shake128f, sphincsshake128fsimple);

/// SPHINCS+ r3.1 via PQClean, keys via `slh-dsa` parameter set `K`.
struct Pqclean<S, K> {
    info: &'static AlgorithmInfo,
    set: PhantomData<fn() -> (S, K)>,
}

impl<S, K> Pqclean<S, K> {
    const fn new(info: &'static AlgorithmInfo) -> Self {
        Pqclean {
            info,
            set: PhantomData,
        }
    }
}

struct Verifier<S> {
    info: &'static AlgorithmInfo,
    key: Vec<u8>,
    set: PhantomData<fn() -> S>,
}

impl<S: PqcleanSet> PreparedVerifier for Verifier<S> {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        if !context.is_empty() {
            return Err(Error::Unsupported {
                algorithm: self.info.id,
                implementation: PQCLEAN.id,
                limitation: Limitation::NoContextString,
            });
        }
        if signature.len() != self.info.sizes.signature {
            return Err(malformed_signature(self.info, signature.len()));
        }
        match S::verify(message, signature, &self.key) {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::VerificationFailed {
                algorithm: self.info.id,
            }),
            Err(reason) => Err(Error::MalformedSignature {
                algorithm: self.info.id,
                reason,
            }),
        }
    }
}

impl<S: PqcleanSet, K: slh_dsa::ParameterSet + 'static> SignatureAlgorithm for Pqclean<S, K> {
    fn info(&self) -> &'static AlgorithmInfo {
        self.info
    }

    fn implementation(&self) -> &'static Implementation {
        &PQCLEAN
    }

    /// SK.seed, SK.prf, PK.seed from `rng` (the order PQClean's `crypto_sign_keypair` draws
    /// them), PK.root by `slh_keygen_internal`.
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let n = self.info.sizes.public_key / 2;
        let mut seeds = Zeroizing::new(vec![0u8; 3 * n]);
        rng.fill_bytes(&mut seeds);
        let key = slh_dsa::SigningKey::<K>::slh_keygen_internal(
            &seeds[..n],
            &seeds[n..2 * n],
            &seeds[2 * n..],
        );
        let public: &slh_dsa::VerifyingKey<K> = key.as_ref();
        Ok(KeyPair {
            public: public.to_vec(),
            secret: SecretKey::new(key.to_vec()),
        })
    }

    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        if options.deterministic {
            return Err(Error::Unsupported {
                algorithm: self.info.id,
                implementation: PQCLEAN.id,
                limitation: Limitation::NoDeterministicSigning,
            });
        }
        if key.as_bytes().len() != self.info.sizes.secret_key {
            return Err(invalid_secret_key(
                self.info,
                format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.secret_key,
                    key.as_bytes().len()
                ),
            ));
        }
        S::sign(message, key.as_bytes()).map_err(|reason| invalid_secret_key(self.info, reason))
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        if public_key.len() != self.info.sizes.public_key {
            return Err(invalid_public_key(
                self.info,
                format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.public_key,
                    public_key.len()
                ),
            ));
        }
        Ok(Box::new(Verifier::<S> {
            info: self.info,
            key: public_key.to_vec(),
            set: PhantomData,
        }))
    }

    /// The secret key ends with the public key (`PK.seed || PK.root`).
    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        let bytes = key.as_bytes();
        if bytes.len() != self.info.sizes.secret_key {
            return Err(invalid_secret_key(
                self.info,
                format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.secret_key,
                    bytes.len()
                ),
            ));
        }
        Ok(bytes[self.info.sizes.public_key..].to_vec())
    }
}

/// SPHINCS+-SHA2-128s-simple (round 3.1).
pub static SHA2_128S_SIMPLE_INFO: AlgorithmInfo = sphincs_info!(
    "sphincs-plus-r3-sha2-128s-simple",
    "SPHINCS+-SHA2-128s-simple (round 3.1)",
    "SHA2-128s-simple",
    32,
    64,
    7_856,
    "1.3.9999.6.4.16"
);
/// SPHINCS+-SHA2-128f-simple (round 3.1).
pub static SHA2_128F_SIMPLE_INFO: AlgorithmInfo = sphincs_info!(
    "sphincs-plus-r3-sha2-128f-simple",
    "SPHINCS+-SHA2-128f-simple (round 3.1)",
    "SHA2-128f-simple",
    32,
    64,
    17_088,
    "1.3.9999.6.4.13"
);
/// SPHINCS+-SHAKE-128s-simple (round 3.1).
pub static SHAKE_128S_SIMPLE_INFO: AlgorithmInfo = sphincs_info!(
    "sphincs-plus-r3-shake-128s-simple",
    "SPHINCS+-SHAKE-128s-simple (round 3.1)",
    "SHAKE-128s-simple",
    32,
    64,
    7_856,
    "1.3.9999.6.7.16"
);
/// SPHINCS+-SHAKE-128f-simple (round 3.1).
pub static SHAKE_128F_SIMPLE_INFO: AlgorithmInfo = sphincs_info!(
    "sphincs-plus-r3-shake-128f-simple",
    "SPHINCS+-SHAKE-128f-simple (round 3.1)",
    "SHAKE-128f-simple",
    32,
    64,
    17_088,
    "1.3.9999.6.7.13"
);

/// SPHINCS+-SHA2-128s-simple via PQClean.
pub static SPHINCS_SHA2_128S_SIMPLE: Algorithm = Algorithm {
    info: &SHA2_128S_SIMPLE_INFO,
    implementations: &[&Pqclean::<Sha2_128s, slh_dsa::Sha2_128s>::new(
        &SHA2_128S_SIMPLE_INFO,
    )],
};
/// SPHINCS+-SHA2-128f-simple via PQClean.
pub static SPHINCS_SHA2_128F_SIMPLE: Algorithm = Algorithm {
    info: &SHA2_128F_SIMPLE_INFO,
    implementations: &[&Pqclean::<Sha2_128f, slh_dsa::Sha2_128f>::new(
        &SHA2_128F_SIMPLE_INFO,
    )],
};
/// SPHINCS+-SHAKE-128s-simple via PQClean.
pub static SPHINCS_SHAKE_128S_SIMPLE: Algorithm = Algorithm {
    info: &SHAKE_128S_SIMPLE_INFO,
    implementations: &[&Pqclean::<Shake128s, slh_dsa::Shake128s>::new(
        &SHAKE_128S_SIMPLE_INFO,
    )],
};
/// SPHINCS+-SHAKE-128f-simple via PQClean.
pub static SPHINCS_SHAKE_128F_SIMPLE: Algorithm = Algorithm {
    info: &SHAKE_128F_SIMPLE_INFO,
    implementations: &[&Pqclean::<Shake128f, slh_dsa::Shake128f>::new(
        &SHAKE_128F_SIMPLE_INFO,
    )],
};

//! PQClean's ML-DSA (AVX2 code selected at run time) through `pqcrypto-mldsa`. Context
//! strings are supported. PQClean draws its signing randomness from the operating system
//! (`randombytes`) and has no deterministic variant and no seeded key generation, so keys
//! come from RustCrypto `ml-dsa`'s `KeyGen_internal(ξ)` and are imported in the expanded
//! encoding; it cannot derive a public key from a secret key either (RustCrypto does).
//! PQClean has no decoded public key type (its verify unpacks the key every call), so
//! [`PreparedVerifier`] here only keeps the checked bytes.

use pqcrypto_mldsa::{mldsa44, mldsa65, mldsa87};
use pqcrypto_traits::sign::{DetachedSignature as _, PublicKey as _, SecretKey as _};
use rand_core::CryptoRng;

use super::params::{
    ParameterSet, check_public_key, check_secret_key, check_signature, external_prefix, failed,
    unsupported,
};
use super::{Fips204, delegate};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

const ID: &str = "pqclean";

static IMPLEMENTATION: Implementation = Implementation {
    id: ID,
    crate_name: "pqcrypto-mldsa",
    crate_version: "0.1.2",
    limitations: &[
        Limitation::NoSeededKeygen,
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
        Limitation::NoPublicKeyDerivation,
        Limitation::NoInternalInterface,
    ],
};

/// PQClean for one parameter set.
pub(crate) struct PqClean(ParameterSet);

pub(crate) static PQCLEAN_44: PqClean = PqClean(ParameterSet::MlDsa44);
pub(crate) static PQCLEAN_65: PqClean = PqClean(ParameterSet::MlDsa65);
pub(crate) static PQCLEAN_87: PqClean = PqClean(ParameterSet::MlDsa87);

/// Runs `$body` with `$m` bound to the crate module of the parameter set.
macro_rules! with_module {
    ($set:expr, $m:ident => $body:expr) => {
        match $set {
            ParameterSet::MlDsa44 => {
                use mldsa44 as $m;
                $body
            }
            ParameterSet::MlDsa65 => {
                use mldsa65 as $m;
                $body
            }
            ParameterSet::MlDsa87 => {
                use mldsa87 as $m;
                $body
            }
        }
    };
}

struct Verifier {
    set: ParameterSet,
    key: Vec<u8>,
}

impl PreparedVerifier for Verifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        external_prefix(context)?;
        check_signature(self.set, signature)?;
        let set = self.set;
        let malformed = |e: pqcrypto_traits::Error| Error::MalformedSignature {
            algorithm: set.info().id,
            reason: e.to_string(),
        };
        let bad_key = |e: pqcrypto_traits::Error| Error::InvalidPublicKey {
            algorithm: set.info().id,
            reason: e.to_string(),
        };
        with_module!(set, m => {
            let key = m::PublicKey::from_bytes(&self.key).map_err(bad_key)?;
            let signature = m::DetachedSignature::from_bytes(signature).map_err(malformed)?;
            m::verify_detached_signature_ctx(&signature, message, context, &key)
                .map_err(|_| failed(set))
        })
    }
}

impl SignatureAlgorithm for PqClean {
    fn info(&self) -> &'static AlgorithmInfo {
        self.0.info()
    }

    fn implementation(&self) -> &'static Implementation {
        &IMPLEMENTATION
    }

    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        // Limitation::NoSeededKeygen: RustCrypto generates, PQClean imports the expanded key.
        delegate::rustcrypto(self.0).generate(rng)
    }

    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        check_secret_key(self.0, key.as_bytes())?;
        if options.deterministic {
            return Err(unsupported(self.0, ID, Limitation::NoDeterministicSigning));
        }
        let set = self.0;
        let bad_key = |e: pqcrypto_traits::Error| Error::InvalidSecretKey {
            algorithm: set.info().id,
            reason: e.to_string(),
        };
        // Hedged with PQClean's own randomness (Limitation::NoSeededSigning).
        with_module!(set, m => {
            let key = m::SecretKey::from_bytes(key.as_bytes()).map_err(bad_key)?;
            Ok(m::detached_sign_ctx(message, options.context, &key).as_bytes().to_vec())
        })
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        check_public_key(self.0, public_key)?;
        Ok(Box::new(Verifier {
            set: self.0,
            key: public_key.to_vec(),
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        // Limitation::NoPublicKeyDerivation.
        delegate::rustcrypto(self.0).public_key(key)
    }
}

impl Fips204 for PqClean {
    fn keygen_internal(&self, _: &[u8; 32]) -> Result<KeyPair, Error> {
        Err(unsupported(self.0, ID, Limitation::NoSeededKeygen))
    }

    fn sign_with_rnd(
        &self,
        _: &SecretKey,
        _: &[u8],
        _: &[u8],
        _: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        Err(unsupported(self.0, ID, Limitation::NoSeededSigning))
    }

    fn sign_internal(&self, _: &SecretKey, _: &[u8], _: &[u8; 32]) -> Result<Vec<u8>, Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }

    fn verify_internal(&self, _: &[u8], _: &[u8], _: &[u8]) -> Result<(), Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }
}

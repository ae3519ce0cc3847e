//! The `fips204` crate (pure Rust, constant-time oriented). Seeded key generation, context
//! strings and caller-provided `rnd` (`try_sign_with_seed`) are supported; the internal
//! interface needs the crate's `acvp-internal` feature, which is not enabled.
//! [`PreparedVerifier`] keeps the crate's `PublicKey`, whose decoding precomputes the NTT
//! form of the key once.

use fips204::traits::{KeyGen as _, SerDes as _, Signer as _, Verifier as _};
use rand_core::CryptoRng;

use super::Fips204;
use super::params::{
    ParameterSet, array, backend, check_public_key, check_secret_key, check_signature, draw32,
    external_prefix, failed, unsupported,
};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

const ID: &str = "fips204";

static IMPLEMENTATION: Implementation = Implementation {
    id: ID,
    crate_name: "fips204",
    crate_version: "0.5.0",
    limitations: &[Limitation::NoInternalInterface],
};

/// `fips204` for one parameter set.
pub(crate) struct Fips204Crate(ParameterSet);

pub(crate) static FIPS204_44: Fips204Crate = Fips204Crate(ParameterSet::MlDsa44);
pub(crate) static FIPS204_65: Fips204Crate = Fips204Crate(ParameterSet::MlDsa65);
pub(crate) static FIPS204_87: Fips204Crate = Fips204Crate(ParameterSet::MlDsa87);

/// Runs `$body` with `$m` bound to the crate module of the parameter set.
macro_rules! with_module {
    ($set:expr, $m:ident => $body:expr) => {
        match $set {
            ParameterSet::MlDsa44 => {
                use fips204::ml_dsa_44 as $m;
                $body
            }
            ParameterSet::MlDsa65 => {
                use fips204::ml_dsa_65 as $m;
                $body
            }
            ParameterSet::MlDsa87 => {
                use fips204::ml_dsa_87 as $m;
                $body
            }
        }
    };
}

/// Verifies (message, context, signature) with a decoded key; `None` for a signature of the
/// wrong length.
type VerifyFn<K> = fn(&K, &[u8], &[u8], &[u8]) -> Option<bool>;

/// A decoded public key of any parameter set, checked against signatures of its set.
struct Verifier<K: Send + Sync> {
    set: ParameterSet,
    key: K,
    verify: VerifyFn<K>,
}

impl<K: Send + Sync> PreparedVerifier for Verifier<K> {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        external_prefix(context)?;
        check_signature(self.set, signature)?;
        match (self.verify)(&self.key, message, context, signature) {
            Some(true) => Ok(()),
            Some(false) => Err(failed(self.set)),
            None => Err(Error::MalformedSignature {
                algorithm: self.set.info().id,
                reason: "wrong length".to_owned(),
            }),
        }
    }
}

impl Fips204Crate {
    fn invalid_secret(&self, reason: &str) -> Error {
        Error::InvalidSecretKey {
            algorithm: self.0.info().id,
            reason: reason.to_owned(),
        }
    }
}

impl SignatureAlgorithm for Fips204Crate {
    fn info(&self) -> &'static AlgorithmInfo {
        self.0.info()
    }

    fn implementation(&self) -> &'static Implementation {
        &IMPLEMENTATION
    }

    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        self.keygen_internal(&draw32(rng))
    }

    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        let rnd = if options.deterministic {
            [0u8; 32]
        } else {
            draw32(rng)
        };
        self.sign_with_rnd(key, message, options.context, &rnd)
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        check_public_key(self.0, public_key)?;
        let set = self.0;
        let invalid = |reason: &str| Error::InvalidPublicKey {
            algorithm: set.info().id,
            reason: reason.to_owned(),
        };
        with_module!(set, m => {
            let key = m::PublicKey::try_from_bytes(array(public_key, || invalid("wrong length"))?)
                .map_err(invalid)?;
            Ok(Box::new(Verifier {
                set,
                key,
                verify: |key: &m::PublicKey, message, context, signature| {
                    let signature: [u8; m::SIG_LEN] = signature.try_into().ok()?;
                    Some(key.verify(message, &signature, context))
                },
            }))
        })
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        check_secret_key(self.0, key.as_bytes())?;
        with_module!(self.0, m => {
            let key = m::PrivateKey::try_from_bytes(array(key.as_bytes(), || self.invalid_secret("wrong length"))?)
                .map_err(|e| self.invalid_secret(e))?;
            Ok(key.get_public_key().into_bytes().to_vec())
        })
    }
}

impl Fips204 for Fips204Crate {
    fn keygen_internal(&self, seed: &[u8; 32]) -> Result<KeyPair, Error> {
        with_module!(self.0, m => {
            let (public, secret) = m::KG::keygen_from_seed(seed);
            Ok(KeyPair {
                public: public.into_bytes().to_vec(),
                secret: SecretKey::new(secret.into_bytes().to_vec()),
            })
        })
    }

    fn sign_with_rnd(
        &self,
        key: &SecretKey,
        message: &[u8],
        context: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        external_prefix(context)?;
        check_secret_key(self.0, key.as_bytes())?;
        with_module!(self.0, m => {
            let key = m::PrivateKey::try_from_bytes(array(key.as_bytes(), || self.invalid_secret("wrong length"))?)
                .map_err(|e| self.invalid_secret(e))?;
            key.try_sign_with_seed(rnd, message, context)
                .map(|signature| signature.to_vec())
                .map_err(|e| backend(self.0, ID, e))
        })
    }

    fn sign_internal(&self, _: &SecretKey, _: &[u8], _: &[u8; 32]) -> Result<Vec<u8>, Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }

    fn verify_internal(&self, _: &[u8], _: &[u8], _: &[u8]) -> Result<(), Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }
}

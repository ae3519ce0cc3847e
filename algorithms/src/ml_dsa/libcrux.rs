//! `libcrux-ml-dsa` (formally verified, AVX2 code selected at run time through its `simd256`
//! feature). Supports seeded key generation, context strings and caller-provided signing
//! randomness; no internal interface without the crate's `acvp` feature (not enabled), and
//! no public key derivation from a secret key (derived by RustCrypto `ml-dsa` instead).
//! libcrux has no decoded public key type: its `verify` decodes the key on every call, so
//! [`PreparedVerifier`] here only keeps the checked bytes.

use libcrux_ml_dsa::{MLDSASignature, MLDSASigningKey, MLDSAVerificationKey};
use rand_core::CryptoRng;

use super::params::{
    ParameterSet, array, backend, check_public_key, check_secret_key, check_signature, draw32,
    external_prefix, failed, unsupported,
};
use super::{Fips204, delegate};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

const ID: &str = "libcrux";

static IMPLEMENTATION: Implementation = Implementation {
    id: ID,
    crate_name: "libcrux-ml-dsa",
    crate_version: "0.0.11",
    limitations: &[
        Limitation::NoPublicKeyDerivation,
        Limitation::NoInternalInterface,
    ],
};

/// `libcrux-ml-dsa` for one parameter set.
pub(crate) struct Libcrux(ParameterSet);

pub(crate) static LIBCRUX_44: Libcrux = Libcrux(ParameterSet::MlDsa44);
pub(crate) static LIBCRUX_65: Libcrux = Libcrux(ParameterSet::MlDsa65);
pub(crate) static LIBCRUX_87: Libcrux = Libcrux(ParameterSet::MlDsa87);

/// Runs `$body` with `$m` bound to the crate module of the parameter set.
macro_rules! with_module {
    ($set:expr, $m:ident => $body:expr) => {
        match $set {
            ParameterSet::MlDsa44 => {
                use libcrux_ml_dsa::ml_dsa_44 as $m;
                $body
            }
            ParameterSet::MlDsa65 => {
                use libcrux_ml_dsa::ml_dsa_65 as $m;
                $body
            }
            ParameterSet::MlDsa87 => {
                use libcrux_ml_dsa::ml_dsa_87 as $m;
                $body
            }
        }
    };
}

fn verify(
    set: ParameterSet,
    public_key: &[u8],
    message: &[u8],
    context: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    external_prefix(context)?;
    check_public_key(set, public_key)?;
    check_signature(set, signature)?;
    let pk_error = || Error::InvalidPublicKey {
        algorithm: set.info().id,
        reason: "wrong length".to_owned(),
    };
    let sig_error = || Error::MalformedSignature {
        algorithm: set.info().id,
        reason: "wrong length".to_owned(),
    };
    with_module!(set, m => {
        let key = MLDSAVerificationKey::new(array(public_key, pk_error)?);
        let signature = MLDSASignature::new(array(signature, sig_error)?);
        m::verify(&key, message, context, &signature).map_err(|_| failed(set))
    })
}

struct Verifier {
    set: ParameterSet,
    key: Vec<u8>,
}

impl PreparedVerifier for Verifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        verify(self.set, &self.key, message, context, signature)
    }
}

impl SignatureAlgorithm for Libcrux {
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
        Ok(Box::new(Verifier {
            set: self.0,
            key: public_key.to_vec(),
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        // libcrux cannot derive it (Limitation::NoPublicKeyDerivation).
        delegate::rustcrypto(self.0).public_key(key)
    }
}

impl Fips204 for Libcrux {
    fn keygen_internal(&self, seed: &[u8; 32]) -> Result<KeyPair, Error> {
        // libcrux's `generate_key_pair(randomness)` is ML-DSA.KeyGen_internal(ξ).
        with_module!(self.0, m => {
            let pair = m::generate_key_pair(*seed);
            Ok(KeyPair {
                public: pair.verification_key.as_slice().to_vec(),
                secret: SecretKey::new(pair.signing_key.as_slice().to_vec()),
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
        let set = self.0;
        let sk_error = || Error::InvalidSecretKey {
            algorithm: set.info().id,
            reason: "wrong length".to_owned(),
        };
        with_module!(set, m => {
            let key = MLDSASigningKey::new(array(key.as_bytes(), sk_error)?);
            m::sign(&key, message, context, *rnd)
                .map(|signature| signature.as_slice().to_vec())
                .map_err(|e| backend(set, ID, format!("{e:?}")))
        })
    }

    fn sign_internal(&self, _: &SecretKey, _: &[u8], _: &[u8; 32]) -> Result<Vec<u8>, Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }

    fn verify_internal(&self, _: &[u8], _: &[u8], _: &[u8]) -> Result<(), Error> {
        Err(unsupported(self.0, ID, Limitation::NoInternalInterface))
    }
}

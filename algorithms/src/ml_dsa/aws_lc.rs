//! `aws-lc-rs` (AWS-LC's ML-DSA, FIPS-validated module). Seeded key generation
//! (`PqdsaKeyPair::from_seed`) and expanded-key import are supported; its API has no context
//! strings, signs only hedged with AWS-LC's own randomness (no deterministic variant, no
//! caller-provided `rnd`) and exposes no internal interface. [`PreparedVerifier`] keeps an
//! `aws_lc_rs::signature::ParsedPublicKey`, parsed once.

use aws_lc_rs::encoding::AsRawBytes;
use aws_lc_rs::signature::{
    self as aws, KeyPair as _, ParsedPublicKey, PqdsaKeyPair, PqdsaSigningAlgorithm,
};
use rand_core::CryptoRng;

use super::Fips204;
use super::params::{
    ParameterSet, backend, check_public_key, check_secret_key, check_signature, draw32,
    external_prefix, failed, unsupported,
};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

const ID: &str = "aws-lc-rs";

static IMPLEMENTATION: Implementation = Implementation {
    id: ID,
    crate_name: "aws-lc-rs",
    crate_version: "1.19.0",
    limitations: &[
        Limitation::NoContextString,
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
        Limitation::NoInternalInterface,
    ],
};

/// `aws-lc-rs` for one parameter set.
pub(crate) struct AwsLc(ParameterSet);

pub(crate) static AWS_LC_44: AwsLc = AwsLc(ParameterSet::MlDsa44);
pub(crate) static AWS_LC_65: AwsLc = AwsLc(ParameterSet::MlDsa65);
pub(crate) static AWS_LC_87: AwsLc = AwsLc(ParameterSet::MlDsa87);

impl AwsLc {
    fn signing(&self) -> &'static PqdsaSigningAlgorithm {
        match self.0 {
            ParameterSet::MlDsa44 => &aws::ML_DSA_44_SIGNING,
            ParameterSet::MlDsa65 => &aws::ML_DSA_65_SIGNING,
            ParameterSet::MlDsa87 => &aws::ML_DSA_87_SIGNING,
        }
    }

    fn verification(&self) -> &'static aws::PqdsaVerificationAlgorithm {
        match self.0 {
            ParameterSet::MlDsa44 => &aws::ML_DSA_44,
            ParameterSet::MlDsa65 => &aws::ML_DSA_65,
            ParameterSet::MlDsa87 => &aws::ML_DSA_87,
        }
    }

    fn key_pair(&self, key: &SecretKey) -> Result<PqdsaKeyPair, Error> {
        check_secret_key(self.0, key.as_bytes())?;
        PqdsaKeyPair::from_raw_private_key(self.signing(), key.as_bytes()).map_err(|e| {
            Error::InvalidSecretKey {
                algorithm: self.0.info().id,
                reason: e.to_string(),
            }
        })
    }
}

struct Verifier {
    set: ParameterSet,
    key: ParsedPublicKey,
}

impl PreparedVerifier for Verifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        external_prefix(context)?;
        if !context.is_empty() {
            return Err(unsupported(self.set, ID, Limitation::NoContextString));
        }
        check_signature(self.set, signature)?;
        self.key
            .verify_sig(message, signature)
            .map_err(|_| failed(self.set))
    }
}

impl SignatureAlgorithm for AwsLc {
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
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        let pair = self.key_pair(key)?;
        if options.deterministic {
            return Err(unsupported(self.0, ID, Limitation::NoDeterministicSigning));
        }
        // Hedged with AWS-LC's own randomness (Limitation::NoSeededSigning).
        let mut signature = vec![0u8; self.0.info().sizes.signature];
        let len = pair
            .sign(message, &mut signature)
            .map_err(|e| backend(self.0, ID, e))?;
        signature.truncate(len);
        Ok(signature)
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        check_public_key(self.0, public_key)?;
        let key = ParsedPublicKey::new(self.verification(), public_key).map_err(|e| {
            Error::InvalidPublicKey {
                algorithm: self.0.info().id,
                reason: e.to_string(),
            }
        })?;
        Ok(Box::new(Verifier { set: self.0, key }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(self.key_pair(key)?.public_key().as_ref().to_vec())
    }
}

impl Fips204 for AwsLc {
    fn keygen_internal(&self, seed: &[u8; 32]) -> Result<KeyPair, Error> {
        let pair =
            PqdsaKeyPair::from_seed(self.signing(), seed).map_err(|e| backend(self.0, ID, e))?;
        let secret = pair
            .private_key()
            .as_raw_bytes()
            .map_err(|e| backend(self.0, ID, e))?;
        Ok(KeyPair {
            public: pair.public_key().as_ref().to_vec(),
            secret: SecretKey::new(secret.as_ref().to_vec()),
        })
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

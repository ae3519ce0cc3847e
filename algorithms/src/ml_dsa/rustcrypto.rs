//! RustCrypto `ml-dsa`: pure Rust, every FIPS 204 entry point including the internal
//! interface. The public key is decoded once per [`PreparedVerifier`] (`VerifyingKey::decode`
//! expands the matrix `Â`, which costs about as much as a verification).

use std::marker::PhantomData;

use ml_dsa::{
    B32, EncodedVerifyingKey, ExpandedSigningKey, ExpandedSigningKeyBytes, MlDsa44, MlDsa65,
    MlDsa87, MlDsaParams, Signature, VerifyingKey,
};
use rand_core::CryptoRng;

use super::Fips204;
use super::params::{
    ParameterSet, check_public_key, check_secret_key, check_signature, draw32, external_prefix,
    failed,
};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, check_context,
};

static IMPLEMENTATION: Implementation = Implementation {
    id: "rustcrypto",
    crate_name: "ml-dsa",
    crate_version: "0.1.2",
    limitations: &[],
};

/// RustCrypto `ml-dsa` for the parameter set `P`.
pub(crate) struct RustCrypto<P> {
    set: ParameterSet,
    params: PhantomData<fn() -> P>,
}

impl<P> RustCrypto<P> {
    const fn new(set: ParameterSet) -> Self {
        RustCrypto {
            set,
            params: PhantomData,
        }
    }
}

pub(crate) static RUSTCRYPTO_44: RustCrypto<MlDsa44> = RustCrypto::new(ParameterSet::MlDsa44);
pub(crate) static RUSTCRYPTO_65: RustCrypto<MlDsa65> = RustCrypto::new(ParameterSet::MlDsa65);
pub(crate) static RUSTCRYPTO_87: RustCrypto<MlDsa87> = RustCrypto::new(ParameterSet::MlDsa87);

impl<P: MlDsaParams> RustCrypto<P> {
    fn signing_key(&self, key: &SecretKey) -> Result<ExpandedSigningKey<P>, Error> {
        check_secret_key(self.set, key.as_bytes())?;
        let bytes = ExpandedSigningKeyBytes::<P>::try_from(key.as_bytes()).map_err(|_| {
            Error::InvalidSecretKey {
                algorithm: self.set.info().id,
                reason: "wrong length".to_owned(),
            }
        })?;
        // The crate deprecates expanded keys in favour of seeds; pqlab stores expanded keys so
        // that PQClean can import them. `check_secret_key` ran the range checks whose absence
        // the deprecation warns about.
        #[allow(deprecated)]
        Ok(ExpandedSigningKey::from_expanded(&bytes))
    }

    fn verifying_key(&self, public_key: &[u8]) -> Result<VerifyingKey<P>, Error> {
        check_public_key(self.set, public_key)?;
        let encoded = EncodedVerifyingKey::<P>::try_from(public_key).map_err(|_| {
            Error::InvalidPublicKey {
                algorithm: self.set.info().id,
                reason: "wrong length".to_owned(),
            }
        })?;
        Ok(VerifyingKey::decode(&encoded))
    }

    fn signature(set: ParameterSet, signature: &[u8]) -> Result<Signature<P>, Error> {
        check_signature(set, signature)?;
        // A hint encoding or `z` out of range (FIPS 204 Algorithm 27 / Algorithm 8 step 13) is
        // a signature that does not verify.
        Signature::<P>::try_from(signature).map_err(|_| failed(set))
    }
}

struct Verifier<P: MlDsaParams> {
    set: ParameterSet,
    key: VerifyingKey<P>,
}

impl<P: MlDsaParams> PreparedVerifier for Verifier<P> {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        external_prefix(context)?;
        let signature = RustCrypto::<P>::signature(self.set, signature)?;
        if self.key.verify_with_context(message, context, &signature) {
            Ok(())
        } else {
            Err(failed(self.set))
        }
    }
}

impl<P: MlDsaParams + 'static> SignatureAlgorithm for RustCrypto<P> {
    fn info(&self) -> &'static AlgorithmInfo {
        self.set.info()
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
        Ok(Box::new(Verifier {
            set: self.set,
            key: self.verifying_key(public_key)?,
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(self.signing_key(key)?.verifying_key().encode().to_vec())
    }
}

impl<P: MlDsaParams + 'static> Fips204 for RustCrypto<P> {
    fn keygen_internal(&self, seed: &[u8; 32]) -> Result<KeyPair, Error> {
        let key = ExpandedSigningKey::<P>::from_seed(&B32::from(*seed));
        let public = key.verifying_key().encode().to_vec();
        #[allow(deprecated)]
        let secret = SecretKey::new(key.to_expanded().to_vec());
        Ok(KeyPair { public, secret })
    }

    fn sign_with_rnd(
        &self,
        key: &SecretKey,
        message: &[u8],
        context: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        let prefix = external_prefix(context)?;
        let key = self.signing_key(key)?;
        // M' = 0 ‖ |ctx| ‖ ctx ‖ M over ML-DSA.Sign_internal (FIPS 204 Algorithm 2 steps 10-11).
        let signature = key.sign_internal(&[&prefix, context, message], &B32::from(*rnd));
        Ok(signature.encode().to_vec())
    }

    fn sign_internal(
        &self,
        key: &SecretKey,
        message_prime: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        let key = self.signing_key(key)?;
        Ok(key
            .sign_internal(&[message_prime], &B32::from(*rnd))
            .encode()
            .to_vec())
    }

    fn verify_internal(
        &self,
        public_key: &[u8],
        message_prime: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        let key = self.verifying_key(public_key)?;
        let signature = Self::signature(self.set, signature)?;
        if key.verify_internal(message_prime, &signature) {
            Ok(())
        } else {
            Err(failed(self.set))
        }
    }
}

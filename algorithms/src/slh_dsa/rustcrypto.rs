//! SLH-DSA through RustCrypto's `slh-dsa` crate, generic over its parameter-set types.

use std::marker::PhantomData;

use rand_core::CryptoRng;
use slh_dsa::{ParameterSet, Signature, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::{backend_error, invalid_public_key, invalid_secret_key, malformed_signature};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, check_context,
};

/// RustCrypto `slh-dsa`.
pub(super) static RUSTCRYPTO: Implementation = Implementation {
    id: "rustcrypto",
    crate_name: "slh-dsa",
    crate_version: "0.2.0-rc.5",
    limitations: &[],
};

/// One parameter set `P` of SLH-DSA via `slh-dsa`.
pub(super) struct RustCrypto<P> {
    info: &'static AlgorithmInfo,
    set: PhantomData<fn() -> P>,
}

impl<P> RustCrypto<P> {
    pub(super) const fn new(info: &'static AlgorithmInfo) -> Self {
        RustCrypto {
            info,
            set: PhantomData,
        }
    }

    /// The security parameter n (bytes): half the public key (FIPS 205 §9.1).
    fn n(&self) -> usize {
        self.info.sizes.public_key / 2
    }
}

impl<P: ParameterSet> RustCrypto<P> {
    fn signing_key(&self, key: &SecretKey) -> Result<SigningKey<P>, Error> {
        SigningKey::<P>::try_from(key.as_bytes()).map_err(|_| {
            invalid_secret_key(
                self.info,
                format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.secret_key,
                    key.as_bytes().len()
                ),
            )
        })
    }
}

struct Verifier<P: ParameterSet> {
    info: &'static AlgorithmInfo,
    key: VerifyingKey<P>,
}

impl<P: ParameterSet> PreparedVerifier for Verifier<P> {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        if context.len() > 255 {
            return Err(Error::ContextTooLong { len: context.len() });
        }
        let signature = Signature::<P>::try_from(signature)
            .map_err(|_| malformed_signature(self.info, signature.len()))?;
        self.key
            .try_verify_with_context(message, context, &signature)
            .map_err(|_| Error::VerificationFailed {
                algorithm: self.info.id,
            })
    }
}

impl<P: ParameterSet + 'static> SignatureAlgorithm for RustCrypto<P> {
    fn info(&self) -> &'static AlgorithmInfo {
        self.info
    }

    fn implementation(&self) -> &'static Implementation {
        &RUSTCRYPTO
    }

    /// FIPS 205 Algorithm 21 (`slh_keygen`): SK.seed, SK.prf and PK.seed, n bytes each in that
    /// order, from `rng`, then `slh_keygen_internal` (Algorithm 18).
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let n = self.n();
        let mut seeds = Zeroizing::new(vec![0u8; 3 * n]);
        rng.fill_bytes(&mut seeds);
        let key =
            SigningKey::<P>::slh_keygen_internal(&seeds[..n], &seeds[n..2 * n], &seeds[2 * n..]);
        let public: &VerifyingKey<P> = key.as_ref();
        Ok(KeyPair {
            public: public.to_vec(),
            secret: SecretKey::new(key.to_vec()),
        })
    }

    /// FIPS 205 Algorithm 22 (`slh_sign`, pure): `opt_rand` is PK.seed when deterministic,
    /// otherwise n bytes from `rng`.
    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        let key = self.signing_key(key)?;
        let opt_rand = if options.deterministic {
            None
        } else {
            let mut bytes = vec![0u8; self.n()];
            rng.fill_bytes(&mut bytes);
            Some(bytes)
        };
        let signature = key
            .try_sign_with_context(message, options.context, opt_rand.as_deref())
            .map_err(|e| backend_error(self.info, &RUSTCRYPTO, e))?;
        Ok(signature.to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        let key = VerifyingKey::<P>::try_from(public_key).map_err(|_| {
            invalid_public_key(
                self.info,
                format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.public_key,
                    public_key.len()
                ),
            )
        })?;
        Ok(Box::new(Verifier {
            info: self.info,
            key,
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        let key = self.signing_key(key)?;
        let public: &VerifyingKey<P> = key.as_ref();
        Ok(public.to_vec())
    }
}

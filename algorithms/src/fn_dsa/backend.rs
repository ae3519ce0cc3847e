//! The `fn-dsa` backend: keygen, sign (raw message, `HASH_ID_RAW`, with the domain-separation
//! context) and verify.

use fn_dsa::{
    DomainContext, HASH_ID_RAW, KeyPairGenerator, KeyPairGeneratorStandard, SigningKey,
    SigningKeyStandard, VerifyingKey, VerifyingKeyStandard,
};
use rand_core::CryptoRng;

use crate::slh_dsa::rand06::Rng06;
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

/// `fn-dsa`: signing always draws a fresh 40-byte nonce (FN-DSA has no deterministic
/// variant); the nonce comes from the caller's RNG.
pub(super) static FN_DSA_CRATE: Implementation = Implementation {
    id: "fn-dsa",
    crate_name: "fn-dsa",
    crate_version: "0.4.0",
    limitations: &[Limitation::NoDeterministicSigning],
};

/// One FN-DSA degree via `fn-dsa`.
pub(super) struct FnDsa {
    pub(super) info: &'static AlgorithmInfo,
    pub(super) logn: u32,
}

impl FnDsa {
    fn signing_key(&self, key: &SecretKey) -> Result<SigningKeyStandard, Error> {
        let bytes = key.as_bytes();
        if bytes.len() != self.info.sizes.secret_key {
            return Err(Error::InvalidSecretKey {
                algorithm: self.info.id,
                reason: format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.secret_key,
                    bytes.len()
                ),
            });
        }
        SigningKeyStandard::decode(bytes).ok_or_else(|| Error::InvalidSecretKey {
            algorithm: self.info.id,
            reason: "not a valid FN-DSA signing key encoding".to_owned(),
        })
    }
}

struct Verifier {
    info: &'static AlgorithmInfo,
    key: VerifyingKeyStandard,
}

impl PreparedVerifier for Verifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        if context.len() > 255 {
            return Err(Error::ContextTooLong { len: context.len() });
        }
        if signature.len() != self.info.sizes.signature {
            return Err(Error::MalformedSignature {
                algorithm: self.info.id,
                reason: format!(
                    "expected {} bytes, got {}",
                    self.info.sizes.signature,
                    signature.len()
                ),
            });
        }
        if self
            .key
            .verify(signature, &DomainContext(context), &HASH_ID_RAW, message)
        {
            Ok(())
        } else {
            Err(Error::VerificationFailed {
                algorithm: self.info.id,
            })
        }
    }
}

impl SignatureAlgorithm for FnDsa {
    fn info(&self) -> &'static AlgorithmInfo {
        self.info
    }

    fn implementation(&self) -> &'static Implementation {
        &FN_DSA_CRATE
    }

    /// NTRUGen key generation seeded from `rng` (the crate draws its seed through the
    /// `rand_core` 0.6 bridge).
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let mut secret = vec![0u8; self.info.sizes.secret_key];
        let mut public = vec![0u8; self.info.sizes.public_key];
        KeyPairGeneratorStandard::default().keygen(
            self.logn,
            &mut Rng06(rng),
            &mut secret,
            &mut public,
        );
        Ok(KeyPair {
            public,
            secret: SecretKey::new(secret),
        })
    }

    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        if options.deterministic {
            return Err(Error::Unsupported {
                algorithm: self.info.id,
                implementation: FN_DSA_CRATE.id,
                limitation: Limitation::NoDeterministicSigning,
            });
        }
        let mut key = self.signing_key(key)?;
        let mut signature = vec![0u8; self.info.sizes.signature];
        key.sign(
            &mut Rng06(rng),
            &DomainContext(options.context),
            &HASH_ID_RAW,
            message,
            &mut signature,
        )
        .ok_or_else(|| Error::Backend {
            algorithm: self.info.id,
            implementation: FN_DSA_CRATE.id,
            message: "signing failed (invalid private key)".to_owned(),
        })?;
        Ok(signature)
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        Ok(Box::new(Verifier {
            info: self.info,
            key: decode_verifying_key(self.info, public_key)?,
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        let key = self.signing_key(key)?;
        let mut public = vec![0u8; self.info.sizes.public_key];
        key.to_verifying_key(&mut public);
        Ok(public)
    }
}

/// Decodes a Falcon/FN-DSA public key (header `0x00 + logn`, 14-bit coefficients below q;
/// Falcon specification §3.11.4) of exactly the declared size.
///
/// # Errors
/// [`Error::InvalidPublicKey`].
fn decode_verifying_key(
    info: &'static AlgorithmInfo,
    public_key: &[u8],
) -> Result<VerifyingKeyStandard, Error> {
    if public_key.len() != info.sizes.public_key {
        return Err(Error::InvalidPublicKey {
            algorithm: info.id,
            reason: format!(
                "expected {} bytes, got {}",
                info.sizes.public_key,
                public_key.len()
            ),
        });
    }
    VerifyingKeyStandard::decode(public_key).ok_or_else(|| Error::InvalidPublicKey {
        algorithm: info.id,
        reason: "not a valid Falcon public key encoding".to_owned(),
    })
}

//! Composite ML-DSA `KeyGen`, `Sign` and `Verify` (draft-ietf-lamps-pq-composite-sigs §3) and
//! the serialization of keys and signatures (§4): simple concatenations, ML-DSA first.
//!
//! - public key  = ML-DSA pk || traditional pk (§4.1)
//! - private key = ML-DSA seed ξ (32 bytes) || traditional private key (§4.2)
//! - signature   = ML-DSA signature || traditional signature (§4.3)
//!
//! Verification succeeds only if both components verify (§3.3 step 4); either component
//! alone, or a signature made under another label, fails.

use rand_core::CryptoRng;

use super::message;
use super::mldsa::{MlDsaBackend, MlDsaLevel, MlDsaVerifier, SEED_LEN};
use super::traditional::{Rejection, Traditional, TraditionalVerifier};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, Sizes, check_context,
};

/// One composite algorithm: its registry entry and the draft's parameters (§6).
#[derive(Debug)]
pub(crate) struct CompositeParams {
    /// Registry description.
    pub(crate) info: &'static AlgorithmInfo,
    /// The signature label (`Label`), also the ML-DSA context string.
    pub(crate) label: &'static str,
    /// The ML-DSA parameter set.
    pub(crate) mldsa: MlDsaLevel,
    /// The traditional algorithm.
    pub(crate) traditional: Traditional,
}

impl CompositeParams {
    /// The sizes the serialization gives (§4 and the draft's size table, §"Maximum Key and
    /// Signature Sizes").
    pub(crate) const fn sizes(mldsa: MlDsaLevel, traditional: Traditional) -> Sizes {
        Sizes {
            public_key: mldsa.public_key_len() + traditional.public_key_len(),
            secret_key: SEED_LEN + traditional.secret_key_len(),
            signature: mldsa.signature_len() + traditional.max_signature_len(),
            signature_fixed: traditional.signature_fixed(),
        }
    }
}

/// A composite implementation: the draft's combiner over one ML-DSA backend and the
/// traditional component crates.
pub(crate) struct Composite {
    /// Which algorithm.
    pub(crate) params: &'static CompositeParams,
    /// Which implementation.
    pub(crate) implementation: &'static Implementation,
    /// The ML-DSA component.
    pub(crate) mldsa: &'static dyn MlDsaBackend,
}

impl Composite {
    fn id(&self) -> &'static str {
        self.params.info.id
    }

    fn invalid_secret(&self, reason: impl Into<String>) -> Error {
        Error::InvalidSecretKey {
            algorithm: self.id(),
            reason: reason.into(),
        }
    }

    fn backend(&self, message: String) -> Error {
        Error::Backend {
            algorithm: self.id(),
            implementation: self.implementation.id,
            message,
        }
    }

    /// `DeserializePrivateKey` (§4.2) with exact length checks.
    fn split_secret<'k>(
        &self,
        key: &'k SecretKey,
    ) -> Result<(&'k [u8; SEED_LEN], &'k [u8]), Error> {
        let bytes = key.as_bytes();
        if bytes.len() != self.params.info.sizes.secret_key {
            return Err(self.invalid_secret(format!(
                "expected {} bytes, got {}",
                self.params.info.sizes.secret_key,
                bytes.len()
            )));
        }
        let (seed, traditional) = bytes.split_at(SEED_LEN);
        let seed = seed
            .try_into()
            .map_err(|_| self.invalid_secret("ML-DSA seed is not 32 bytes"))?;
        Ok((seed, traditional))
    }

    /// `M'` for this algorithm's label.
    fn representative(&self, ctx: &[u8], message: &[u8]) -> Result<Vec<u8>, Error> {
        message::representative(self.params.label.as_bytes(), ctx, message)
            .ok_or(Error::ContextTooLong { len: ctx.len() })
    }
}

struct CompositeVerifier {
    algorithm: &'static str,
    label: &'static str,
    mldsa_signature_len: usize,
    max_signature_len: usize,
    mldsa: Box<dyn MlDsaVerifier>,
    traditional: TraditionalVerifier,
}

impl PreparedVerifier for CompositeVerifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        // §3.3 step 1.
        if context.len() > 255 {
            return Err(Error::ContextTooLong { len: context.len() });
        }
        // §3.3 step 2, DeserializeSignatureValue (§4.3): the ML-DSA part has a fixed length,
        // the rest is the traditional signature and must not be empty.
        if signature.len() <= self.mldsa_signature_len || signature.len() > self.max_signature_len {
            return Err(Error::MalformedSignature {
                algorithm: self.algorithm,
                reason: format!(
                    "{} bytes; a composite signature has {} bytes of ML-DSA and 1 to {} of the \
                     traditional signature",
                    signature.len(),
                    self.mldsa_signature_len,
                    self.max_signature_len - self.mldsa_signature_len
                ),
            });
        }
        let (mldsa_sig, traditional_sig) = signature.split_at(self.mldsa_signature_len);
        // §3.3 step 3.
        let m_prime = message::representative(self.label.as_bytes(), context, message)
            .ok_or(Error::ContextTooLong { len: context.len() })?;
        // §3.3 step 4: both must verify.
        let failed = Error::VerificationFailed {
            algorithm: self.algorithm,
        };
        if !self
            .mldsa
            .verify(&m_prime, self.label.as_bytes(), mldsa_sig)
        {
            return Err(failed);
        }
        match self.traditional.verify(&m_prime, traditional_sig) {
            Ok(()) => Ok(()),
            Err(Rejection::Invalid) => Err(failed),
            Err(Rejection::Malformed(reason)) => Err(Error::MalformedSignature {
                algorithm: self.algorithm,
                reason,
            }),
        }
    }
}

impl SignatureAlgorithm for Composite {
    fn info(&self) -> &'static AlgorithmInfo {
        self.params.info
    }

    fn implementation(&self) -> &'static Implementation {
        self.implementation
    }

    /// §3.1: a fresh ML-DSA seed and a fresh traditional key, both from `rng`.
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let mut seed = [0u8; SEED_LEN];
        rng.fill_bytes(&mut seed);
        let traditional_sk = zeroize::Zeroizing::new(
            self.params
                .traditional
                .generate(rng)
                .map_err(|e| self.backend(e))?,
        );
        let mut secret = Vec::with_capacity(self.params.info.sizes.secret_key);
        secret.extend_from_slice(&seed);
        secret.extend_from_slice(&traditional_sk);
        zeroize::Zeroize::zeroize(&mut seed);
        let secret = SecretKey::new(secret);
        let public = self.public_key(&secret)?;
        Ok(KeyPair { public, secret })
    }

    /// §3.2. Hedged signing draws the ML-DSA `rnd` and the ECDSA added entropy from `rng`;
    /// deterministic signing uses FIPS 204's deterministic variant and RFC 6979.
    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        let m_prime = self.representative(options.context, message)?;
        let (seed, traditional_sk) = self.split_secret(key)?;
        // Validate the traditional key before spending time on ML-DSA.
        self.params
            .traditional
            .public_key(traditional_sk)
            .map_err(|e| self.invalid_secret(e))?;
        let label = self.params.label.as_bytes();
        let (mldsa_sig, traditional_sig) = if options.deterministic {
            (
                self.mldsa
                    .sign(self.params.mldsa, seed, &m_prime, label, None),
                self.params.traditional.sign(traditional_sk, &m_prime, None),
            )
        } else {
            let mldsa_sig =
                self.mldsa
                    .sign(self.params.mldsa, seed, &m_prime, label, Some(&mut *rng));
            let traditional_sig = self
                .params
                .traditional
                .sign(traditional_sk, &m_prime, Some(rng));
            (mldsa_sig, traditional_sig)
        };
        // §3.2 step 5: either failing fails the composite.
        let mldsa_sig = mldsa_sig.map_err(|e| self.backend(e))?;
        let traditional_sig = traditional_sig.map_err(|e| self.backend(e))?;
        if mldsa_sig.len() != self.params.mldsa.signature_len() {
            return Err(self.backend(format!("ML-DSA backend returned {} bytes", mldsa_sig.len())));
        }
        // §4.3 SerializeSignatureValue.
        Ok([mldsa_sig, traditional_sig].concat())
    }

    /// §4.1 DeserializePublicKey, then each component key decoded once.
    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        let invalid = |reason: String| Error::InvalidPublicKey {
            algorithm: self.id(),
            reason,
        };
        if public_key.len() != self.params.info.sizes.public_key {
            return Err(invalid(format!(
                "expected {} bytes, got {}",
                self.params.info.sizes.public_key,
                public_key.len()
            )));
        }
        let (mldsa_pk, traditional_pk) = public_key.split_at(self.params.mldsa.public_key_len());
        let mldsa = self
            .mldsa
            .verifier(self.params.mldsa, mldsa_pk)
            .map_err(invalid)?;
        let traditional = self
            .params
            .traditional
            .verifier(traditional_pk)
            .map_err(invalid)?;
        Ok(Box::new(CompositeVerifier {
            algorithm: self.id(),
            label: self.params.label,
            mldsa_signature_len: self.params.mldsa.signature_len(),
            max_signature_len: self.params.info.sizes.signature,
            mldsa,
            traditional,
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        let (seed, traditional_sk) = self.split_secret(key)?;
        let traditional_pk = self
            .params
            .traditional
            .public_key(traditional_sk)
            .map_err(|e| self.invalid_secret(e))?;
        let mldsa_pk = self.mldsa.public_key(self.params.mldsa, seed);
        // §4.1 SerializePublicKey.
        Ok([mldsa_pk, traditional_pk].concat())
    }
}

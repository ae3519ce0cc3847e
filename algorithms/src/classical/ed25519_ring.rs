//! Ed25519 (RFC 8032) with *ring* (implementation id `ring`), under the strict verification
//! policy of [`super::ed25519_strict`]. Keys are the 32-byte RFC 8032 seeds, imported with
//! `Ed25519KeyPair::from_seed_unchecked`, so one seed gives the same key as every other
//! implementation. Signing is deterministic by construction.

use rand_core::CryptoRng;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey};

use super::ed25519::INFO;
use super::ed25519_strict::{self, StrictPublicKey};
use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, PreparedVerifier, SecretKey, SignOptions,
    SignatureAlgorithm, check_context,
};

static RING: Implementation = Implementation {
    id: "ring",
    crate_name: "ring",
    crate_version: "0.17.14",
    limitations: &[],
};

/// Ed25519 via *ring*.
pub struct Ring;

fn key_pair(key: &SecretKey) -> Result<Ed25519KeyPair, Error> {
    if key.as_bytes().len() != 32 {
        return Err(Error::InvalidSecretKey {
            algorithm: INFO.id,
            reason: format!("expected 32 bytes, got {}", key.as_bytes().len()),
        });
    }
    Ed25519KeyPair::from_seed_unchecked(key.as_bytes()).map_err(|e| Error::InvalidSecretKey {
        algorithm: INFO.id,
        reason: format!("ring rejected the seed: {e}"),
    })
}

struct RingVerifier(StrictPublicKey);

impl PreparedVerifier for RingVerifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        check_context(&Ring, context)?;
        ed25519_strict::precheck(&self.0, signature)?;
        UnparsedPublicKey::new(&ED25519, &self.0.bytes)
            .verify(message, signature)
            .map_err(|_| Error::VerificationFailed { algorithm: INFO.id })
    }
}

impl SignatureAlgorithm for Ring {
    fn info(&self) -> &'static AlgorithmInfo {
        &INFO
    }

    fn implementation(&self) -> &'static Implementation {
        &RING
    }

    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        let secret = SecretKey::new(seed.to_vec());
        let public = self.public_key(&secret)?;
        Ok(KeyPair { public, secret })
    }

    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        _rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        check_context(self, options.context)?;
        // Ed25519 is deterministic by construction: `deterministic` changes nothing.
        Ok(key_pair(key)?.sign(message).as_ref().to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        Ok(Box::new(RingVerifier(ed25519_strict::public_key(
            public_key,
        )?)))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(key_pair(key)?.public_key().as_ref().to_vec())
    }
}

//! ECDSA P-256 and P-384 with *ring* (implementation id `ring`).
//!
//! *ring* signs only with its own randomness (the nonce mixes a key-derived secret, the
//! message digest and `SystemRandom`), so deterministic signing is unsupported and hedged
//! signatures are not reproducible from a seed ([`Limitation::NoDeterministicSigning`],
//! [`Limitation::NoSeededSigning`]). Keys come from the shared seed-deterministic scalar
//! generation. *ring* cannot derive the public point of an imported scalar, so the point is
//! computed with the RustCrypto curve arithmetic and handed to
//! `EcdsaKeyPair::from_private_key_and_public_key`, which recomputes it and rejects a pair
//! that does not match. Public keys are checked to lie on the curve when a verifier is
//! prepared (RustCrypto decoder), because *ring* parses them only inside `verify`.

use rand_core::CryptoRng;
use ring::signature::{
    ECDSA_P256_SHA256_ASN1, ECDSA_P256_SHA256_ASN1_SIGNING, ECDSA_P384_SHA384_ASN1,
    ECDSA_P384_SHA384_ASN1_SIGNING, EcdsaKeyPair, EcdsaSigningAlgorithm,
    EcdsaVerificationAlgorithm, KeyPair as _, UnparsedPublicKey,
};

use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

use super::ecdsa::{Curve, generate_scalar};

static RING: Implementation = Implementation {
    id: "ring",
    crate_name: "ring",
    crate_version: "0.17.14",
    limitations: &[
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
    ],
};

/// ECDSA over one curve via *ring*.
pub struct Ring {
    curve: Curve,
    signing: &'static EcdsaSigningAlgorithm,
    verification: &'static EcdsaVerificationAlgorithm,
}

/// ECDSA P-256 / SHA-256 via *ring*.
pub static RING_P256: Ring = Ring {
    curve: Curve::P256,
    signing: &ECDSA_P256_SHA256_ASN1_SIGNING,
    verification: &ECDSA_P256_SHA256_ASN1,
};

/// ECDSA P-384 / SHA-384 via *ring*.
pub static RING_P384: Ring = Ring {
    curve: Curve::P384,
    signing: &ECDSA_P384_SHA384_ASN1_SIGNING,
    verification: &ECDSA_P384_SHA384_ASN1,
};

impl Ring {
    fn key_pair(&self, key: &SecretKey) -> Result<EcdsaKeyPair, Error> {
        let scalar = self.curve.secret_scalar(key)?;
        let public = self.curve.public_point(scalar)?;
        EcdsaKeyPair::from_private_key_and_public_key(
            self.signing,
            scalar,
            &public,
            &ring::rand::SystemRandom::new(),
        )
        .map_err(|e| Error::InvalidSecretKey {
            algorithm: self.curve.info().id,
            reason: format!("ring rejected the key pair: {e}"),
        })
    }
}

struct RingVerifier {
    curve: Curve,
    key: UnparsedPublicKey<Vec<u8>>,
}

impl PreparedVerifier for RingVerifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        let imp = match self.curve {
            Curve::P256 => &RING_P256,
            Curve::P384 => &RING_P384,
        };
        check_context(imp, context)?;
        self.curve.check_signature_len(signature)?;
        self.key
            .verify(message, signature)
            .map_err(|_| Error::VerificationFailed {
                algorithm: self.curve.info().id,
            })
    }
}

impl SignatureAlgorithm for Ring {
    fn info(&self) -> &'static AlgorithmInfo {
        self.curve.info()
    }

    fn implementation(&self) -> &'static Implementation {
        &RING
    }

    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let secret = generate_scalar(self.curve, rng);
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
        if options.deterministic {
            return Err(Error::Unsupported {
                algorithm: self.curve.info().id,
                implementation: RING.id,
                limitation: Limitation::NoDeterministicSigning,
            });
        }
        let pair = self.key_pair(key)?;
        let signature = pair
            .sign(&ring::rand::SystemRandom::new(), message)
            .map_err(|_| Error::Backend {
                algorithm: self.curve.info().id,
                implementation: RING.id,
                message: "signing failed".to_owned(),
            })?;
        Ok(signature.as_ref().to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        self.curve.check_point(public_key)?;
        Ok(Box::new(RingVerifier {
            curve: self.curve,
            key: UnparsedPublicKey::new(self.verification, public_key.to_vec()),
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(self.key_pair(key)?.public_key().as_ref().to_vec())
    }
}

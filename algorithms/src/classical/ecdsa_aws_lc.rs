//! ECDSA P-256 and P-384 with `aws-lc-rs` (implementation id `aws-lc-rs`).
//!
//! AWS-LC draws its nonces itself (the RNG argument of `EcdsaKeyPair::sign` is ignored), so
//! deterministic signing is unsupported and hedged signatures are not reproducible from a seed
//! ([`Limitation::NoDeterministicSigning`], [`Limitation::NoSeededSigning`]). Keys come from
//! the shared seed-deterministic scalar generation and are imported as an RFC 5915
//! `ECPrivateKey` without public key, from which AWS-LC derives the public point itself.

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_ASN1, ECDSA_P256_SHA256_ASN1_SIGNING, ECDSA_P384_SHA384_ASN1,
    ECDSA_P384_SHA384_ASN1_SIGNING, EcdsaKeyPair, EcdsaSigningAlgorithm,
    EcdsaVerificationAlgorithm, KeyPair as _, ParsedPublicKey,
};
use rand_core::CryptoRng;

use crate::{
    AlgorithmInfo, Error, Implementation, KeyPair, Limitation, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, check_context,
};

use super::ecdsa::{Curve, generate_scalar};

static AWS_LC: Implementation = Implementation {
    id: "aws-lc-rs",
    crate_name: "aws-lc-rs",
    crate_version: "1.19.0",
    limitations: &[
        Limitation::NoDeterministicSigning,
        Limitation::NoSeededSigning,
    ],
};

/// ECDSA over one curve via `aws-lc-rs`.
pub struct AwsLc {
    curve: Curve,
    signing: &'static EcdsaSigningAlgorithm,
    verification: &'static EcdsaVerificationAlgorithm,
}

/// ECDSA P-256 / SHA-256 via `aws-lc-rs`.
pub static AWS_LC_P256: AwsLc = AwsLc {
    curve: Curve::P256,
    signing: &ECDSA_P256_SHA256_ASN1_SIGNING,
    verification: &ECDSA_P256_SHA256_ASN1,
};

/// ECDSA P-384 / SHA-384 via `aws-lc-rs`.
pub static AWS_LC_P384: AwsLc = AwsLc {
    curve: Curve::P384,
    signing: &ECDSA_P384_SHA384_ASN1_SIGNING,
    verification: &ECDSA_P384_SHA384_ASN1,
};

impl AwsLc {
    fn key_pair(&self, key: &SecretKey) -> Result<EcdsaKeyPair, Error> {
        let scalar = self.curve.secret_scalar(key)?;
        let der = self.curve.ec_private_key_der(scalar);
        EcdsaKeyPair::from_private_key_der(self.signing, &der).map_err(|e| {
            Error::InvalidSecretKey {
                algorithm: self.curve.info().id,
                reason: format!("aws-lc-rs rejected the key: {e}"),
            }
        })
    }
}

struct AwsLcVerifier {
    curve: Curve,
    key: ParsedPublicKey,
}

impl PreparedVerifier for AwsLcVerifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        let imp = match self.curve {
            Curve::P256 => &AWS_LC_P256,
            Curve::P384 => &AWS_LC_P384,
        };
        check_context(imp, context)?;
        self.curve.check_signature_len(signature)?;
        self.key
            .verify_sig(message, signature)
            .map_err(|_| Error::VerificationFailed {
                algorithm: self.curve.info().id,
            })
    }
}

impl SignatureAlgorithm for AwsLc {
    fn info(&self) -> &'static AlgorithmInfo {
        self.curve.info()
    }

    fn implementation(&self) -> &'static Implementation {
        &AWS_LC
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
                implementation: AWS_LC.id,
                limitation: Limitation::NoDeterministicSigning,
            });
        }
        let pair = self.key_pair(key)?;
        let signature = pair
            .sign(&aws_lc_rs::rand::SystemRandom::new(), message)
            .map_err(|_| Error::Backend {
                algorithm: self.curve.info().id,
                implementation: AWS_LC.id,
                message: "signing failed".to_owned(),
            })?;
        Ok(signature.as_ref().to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        self.curve.check_public_key_shape(public_key)?;
        let key = ParsedPublicKey::new(self.verification, public_key).map_err(|e| {
            Error::InvalidPublicKey {
                algorithm: self.curve.info().id,
                reason: format!("aws-lc-rs rejected the point: {e}"),
            }
        })?;
        Ok(Box::new(AwsLcVerifier {
            curve: self.curve,
            key,
        }))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(self.key_pair(key)?.public_key().as_ref().to_vec())
    }
}

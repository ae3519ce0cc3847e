//! Ed25519 (RFC 8032, pure) with `ed25519-dalek` (implementation id `ed25519-dalek`), the
//! algorithm description and the registry entry. Verification policy: `verify_strict`
//! (RFC 8032 §5.1.7 cofactorless, canonical `S`, small-order `A` and `R` rejected), which
//! every Ed25519 implementation in pqlab applies ([`super::ed25519_strict`]); the CCTV
//! edge-case test states which flags it rejects.

use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use rand_core::CryptoRng;

use super::{ed25519_aws_lc, ed25519_ring};
use crate::registry::Algorithm;
use crate::{
    AlgorithmInfo, Error, Family, Implementation, KeyPair, Oids, PreparedVerifier, SecretKey,
    SignOptions, SignatureAlgorithm, Sizes, check_context,
};

/// Registry entry description.
pub static INFO: AlgorithmInfo = AlgorithmInfo {
    id: "ed25519",
    name: "Ed25519",
    family: Family::EdDsa,
    parameter_set: "Ed25519",
    nist_category: None,
    sizes: Sizes {
        public_key: 32,
        secret_key: 32,
        signature: 64,
        signature_fixed: true,
    },
    sigstore_key_details: Some("PKIX_ED25519"),
    oids: Oids {
        public_key: "1.3.101.112",
        public_key_parameters: None,
        signature: "1.3.101.112",
        source: "RFC 8410",
        experimental: false,
    },
    stateful: false,
    supports_context: false,
};

/// `ed25519-dalek`.
pub struct Dalek;

static DALEK: Implementation = Implementation {
    id: "ed25519-dalek",
    crate_name: "ed25519-dalek",
    crate_version: "3.0.0",
    limitations: &[],
};

/// The registry entry. Implementations are ordered by verification speed measured on this
/// machine (`cargo bench -- '^verify/ed25519'`, 2026-11-27, median: ed25519-dalek 37.5 µs,
/// aws-lc-rs 41.8 µs, ring 50.2 µs; REFERENCE-NUMBERS.md §C6 had aws-lc-rs first); all three
/// apply the same strict policy ([`super::ed25519_strict`]) and pass Wycheproof and the CCTV
/// edge cases.
pub static ED25519: Algorithm = Algorithm {
    info: &INFO,
    implementations: &[&Dalek, &ed25519_aws_lc::AwsLc, &ed25519_ring::Ring],
};

fn signing_key(key: &SecretKey) -> Result<SigningKey, Error> {
    let seed: &[u8; 32] = key
        .as_bytes()
        .try_into()
        .map_err(|_| Error::InvalidSecretKey {
            algorithm: INFO.id,
            reason: format!("expected 32 bytes, got {}", key.as_bytes().len()),
        })?;
    Ok(SigningKey::from_bytes(seed))
}

struct DalekVerifier(VerifyingKey);

impl PreparedVerifier for DalekVerifier {
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error> {
        check_context(&Dalek, context)?;
        let bytes: &[u8; 64] = signature
            .try_into()
            .map_err(|_| Error::MalformedSignature {
                algorithm: INFO.id,
                reason: format!("expected 64 bytes, got {}", signature.len()),
            })?;
        let signature = Signature::from_bytes(bytes);
        self.0
            .verify_strict(message, &signature)
            .map_err(|_| Error::VerificationFailed { algorithm: INFO.id })
    }
}

impl SignatureAlgorithm for Dalek {
    fn info(&self) -> &'static AlgorithmInfo {
        &INFO
    }

    fn implementation(&self) -> &'static Implementation {
        &DALEK
    }

    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error> {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        let key = SigningKey::from_bytes(&seed);
        Ok(KeyPair {
            public: key.verifying_key().to_bytes().to_vec(),
            secret: SecretKey::new(seed.to_vec()),
        })
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
        use ed25519_dalek::Signer;
        Ok(signing_key(key)?.sign(message).to_bytes().to_vec())
    }

    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error> {
        let bytes: &[u8; 32] = public_key.try_into().map_err(|_| Error::InvalidPublicKey {
            algorithm: INFO.id,
            reason: format!("expected 32 bytes, got {}", public_key.len()),
        })?;
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| Error::InvalidPublicKey {
            algorithm: INFO.id,
            reason: "not a valid curve point encoding".to_owned(),
        })?;
        Ok(Box::new(DalekVerifier(key)))
    }

    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error> {
        Ok(signing_key(key)?.verifying_key().to_bytes().to_vec())
    }
}

//! The traditional component of a composite, in the encodings the composite draft mandates
//! (draft-ietf-lamps-pq-composite-sigs §4 "Serialization"):
//!
//! - Ed25519: public key and signature as RFC 8032 §3 (32 and 64 bytes), private key the
//!   32-byte raw seed. Verification is `verify_strict`, as for plain Ed25519 in this crate.
//! - ECDSA: public key the uncompressed X9.62 point (`0x04 || x || y`); signature the DER
//!   `Ecdsa-Sig-Value` (RFC 3279 §2.2.3, variable length); private key the DER
//!   `ECPrivateKey` of RFC 5915 with the named-curve parameter and *without* `publicKey`.
//!   The message is hashed with the curve's hash (SHA-256 for P-256, SHA-384 for P-384:
//!   `ecdsa-with-SHA256` / `ecdsa-with-SHA384`, §6). Signing is RFC 6979 deterministic, or
//!   RFC 6979 with added randomness when hedged.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use p256::ecdsa::signature::{RandomizedSigner, Signer, Verifier};
use p256::elliptic_curve::Generate;
use rand_core::CryptoRng;
use sec1::{EcParameters, EcPrivateKey};

/// `secp256r1` (RFC 5480 §2.1.1.1).
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1` (RFC 5480 §2.1.1.1).
const SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

/// The traditional algorithm of a composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Traditional {
    /// Ed25519 (RFC 8032, pure).
    Ed25519,
    /// ECDSA over P-256 with SHA-256.
    EcdsaP256,
    /// ECDSA over P-384 with SHA-384.
    EcdsaP384,
}

/// Why a traditional component signature was rejected.
#[derive(Debug)]
pub(crate) enum Rejection {
    /// It does not decode (wrong length, bad DER).
    Malformed(String),
    /// It decodes but does not verify.
    Invalid,
}

/// A decoded traditional public key.
pub(crate) enum TraditionalVerifier {
    /// Ed25519.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// ECDSA P-256.
    P256(p256::ecdsa::VerifyingKey),
    /// ECDSA P-384.
    P384(p384::ecdsa::VerifyingKey),
}

impl Traditional {
    /// Public key size (fixed for these algorithms).
    pub(crate) const fn public_key_len(self) -> usize {
        match self {
            Traditional::Ed25519 => 32,
            Traditional::EcdsaP256 => 65,
            Traditional::EcdsaP384 => 97,
        }
    }

    /// Private key size as stored: the Ed25519 seed, or the `ECPrivateKey` DER, whose size
    /// is fixed because `privateKey` has exactly the curve's field length (RFC 5915 §3) and
    /// `publicKey` is absent.
    pub(crate) const fn secret_key_len(self) -> usize {
        match self {
            Traditional::Ed25519 => 32,
            Traditional::EcdsaP256 => 51,
            Traditional::EcdsaP384 => 64,
        }
    }

    /// Largest signature: 64 for Ed25519; for ECDSA a DER SEQUENCE of two INTEGERs of up to
    /// field length + 1 bytes (a leading zero when the top bit is set).
    pub(crate) const fn max_signature_len(self) -> usize {
        match self {
            Traditional::Ed25519 => 64,
            Traditional::EcdsaP256 => 2 + 2 * (2 + 33),
            Traditional::EcdsaP384 => 2 + 2 * (2 + 49),
        }
    }

    /// Whether every signature has exactly [`Traditional::max_signature_len`] bytes.
    pub(crate) const fn signature_fixed(self) -> bool {
        matches!(self, Traditional::Ed25519)
    }

    /// Generates a fresh key from `rng`, returned in the stored encoding.
    ///
    /// # Errors
    /// An encoding failure (not expected for keys this function makes).
    pub(crate) fn generate(self, rng: &mut dyn CryptoRng) -> Result<Vec<u8>, String> {
        match self {
            Traditional::Ed25519 => {
                let mut seed = [0u8; 32];
                rng.fill_bytes(&mut seed);
                Ok(seed.to_vec())
            }
            Traditional::EcdsaP256 => {
                let key = p256::ecdsa::SigningKey::generate_from_rng(rng);
                encode_ec_private_key(&key.to_bytes(), SECP256R1)
            }
            Traditional::EcdsaP384 => {
                let key = p384::ecdsa::SigningKey::generate_from_rng(rng);
                encode_ec_private_key(&key.to_bytes(), SECP384R1)
            }
        }
    }

    /// The public key of a stored private key.
    ///
    /// # Errors
    /// What is wrong with the private key.
    pub(crate) fn public_key(self, secret: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Traditional::Ed25519 => Ok(ed25519_key(secret)?.verifying_key().to_bytes().to_vec()),
            Traditional::EcdsaP256 => Ok(p256_key(secret)?
                .verifying_key()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec()),
            Traditional::EcdsaP384 => Ok(p384_key(secret)?
                .verifying_key()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec()),
        }
    }

    /// Signs `message` (the composite `M'`). Ed25519 is deterministic by construction; ECDSA
    /// is hedged with `rng` when given, RFC 6979 deterministic otherwise.
    ///
    /// # Errors
    /// What is wrong with the private key, or the backend's failure.
    pub(crate) fn sign(
        self,
        secret: &[u8],
        message: &[u8],
        rng: Option<&mut dyn CryptoRng>,
    ) -> Result<Vec<u8>, String> {
        match self {
            Traditional::Ed25519 => {
                let key = ed25519_key(secret)?;
                Ok(ed25519_dalek::Signer::sign(&key, message)
                    .to_bytes()
                    .to_vec())
            }
            Traditional::EcdsaP256 => {
                let key = p256_key(secret)?;
                let sig: p256::ecdsa::Signature = match rng {
                    Some(rng) => key.try_sign_with_rng(rng, message),
                    None => key.try_sign(message),
                }
                .map_err(|e| format!("ECDSA P-256 signing: {e}"))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            Traditional::EcdsaP384 => {
                let key = p384_key(secret)?;
                let sig: p384::ecdsa::Signature = match rng {
                    Some(rng) => key.try_sign_with_rng(rng, message),
                    None => key.try_sign(message),
                }
                .map_err(|e| format!("ECDSA P-384 signing: {e}"))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }

    /// Decodes a public key.
    ///
    /// # Errors
    /// What is wrong with the key.
    pub(crate) fn verifier(self, public_key: &[u8]) -> Result<TraditionalVerifier, String> {
        match self {
            Traditional::Ed25519 => {
                let bytes: &[u8; 32] = public_key
                    .try_into()
                    .map_err(|_| format!("Ed25519 key of {} bytes", public_key.len()))?;
                ed25519_dalek::VerifyingKey::from_bytes(bytes)
                    .map(TraditionalVerifier::Ed25519)
                    .map_err(|_| "Ed25519 key is not a valid point encoding".to_owned())
            }
            Traditional::EcdsaP256 => {
                uncompressed(public_key, self)?;
                p256::ecdsa::VerifyingKey::from_sec1_bytes(public_key)
                    .map(TraditionalVerifier::P256)
                    .map_err(|_| "ECDSA P-256 key is not a point on the curve".to_owned())
            }
            Traditional::EcdsaP384 => {
                uncompressed(public_key, self)?;
                p384::ecdsa::VerifyingKey::from_sec1_bytes(public_key)
                    .map(TraditionalVerifier::P384)
                    .map_err(|_| "ECDSA P-384 key is not a point on the curve".to_owned())
            }
        }
    }
}

impl TraditionalVerifier {
    /// Verifies a component signature over `message` (the composite `M'`).
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Rejection> {
        match self {
            TraditionalVerifier::Ed25519(key) => {
                let bytes: &[u8; 64] = signature.try_into().map_err(|_| {
                    Rejection::Malformed(format!(
                        "Ed25519 component of {} bytes, expected 64",
                        signature.len()
                    ))
                })?;
                key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(bytes))
                    .map_err(|_| Rejection::Invalid)
            }
            TraditionalVerifier::P256(key) => {
                let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| {
                    Rejection::Malformed(
                        "ECDSA P-256 component is not a DER Ecdsa-Sig-Value".into(),
                    )
                })?;
                key.verify(message, &sig).map_err(|_| Rejection::Invalid)
            }
            TraditionalVerifier::P384(key) => {
                let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| {
                    Rejection::Malformed(
                        "ECDSA P-384 component is not a DER Ecdsa-Sig-Value".into(),
                    )
                })?;
                key.verify(message, &sig).map_err(|_| Rejection::Invalid)
            }
        }
    }
}

/// The draft requires the uncompressed point (§4); `from_sec1_bytes` would also take a
/// compressed one.
fn uncompressed(public_key: &[u8], alg: Traditional) -> Result<(), String> {
    if public_key.len() != alg.public_key_len() || public_key.first() != Some(&0x04) {
        return Err(format!(
            "ECDSA key must be an uncompressed point of {} bytes",
            alg.public_key_len()
        ));
    }
    Ok(())
}

fn ed25519_key(secret: &[u8]) -> Result<ed25519_dalek::SigningKey, String> {
    let seed: &[u8; 32] = secret
        .try_into()
        .map_err(|_| format!("Ed25519 private key of {} bytes, expected 32", secret.len()))?;
    Ok(ed25519_dalek::SigningKey::from_bytes(seed))
}

fn p256_key(secret: &[u8]) -> Result<p256::ecdsa::SigningKey, String> {
    let scalar = decode_ec_private_key(secret, SECP256R1, 32)?;
    p256::ecdsa::SigningKey::from_slice(scalar)
        .map_err(|_| "ECDSA P-256 private key out of range".to_owned())
}

fn p384_key(secret: &[u8]) -> Result<p384::ecdsa::SigningKey, String> {
    let scalar = decode_ec_private_key(secret, SECP384R1, 48)?;
    p384::ecdsa::SigningKey::from_slice(scalar)
        .map_err(|_| "ECDSA P-384 private key out of range".to_owned())
}

/// RFC 5915 `ECPrivateKey` with `parameters` = the named curve and no `publicKey`.
fn encode_ec_private_key(scalar: &[u8], curve: ObjectIdentifier) -> Result<Vec<u8>, String> {
    EcPrivateKey {
        private_key: scalar,
        parameters: Some(EcParameters::NamedCurve(curve)),
        public_key: None,
    }
    .to_der()
    .map_err(|e| format!("ECPrivateKey encoding: {e}"))
}

/// Parses an `ECPrivateKey` as the draft encodes it and returns the private scalar bytes.
fn decode_ec_private_key(
    der_bytes: &[u8],
    curve: ObjectIdentifier,
    scalar_len: usize,
) -> Result<&[u8], String> {
    let key = EcPrivateKey::from_der(der_bytes).map_err(|e| format!("ECPrivateKey DER: {e}"))?;
    if key.parameters != Some(EcParameters::NamedCurve(curve)) {
        return Err(format!(
            "ECPrivateKey parameters must name the curve {curve}"
        ));
    }
    if key.public_key.is_some() {
        return Err("ECPrivateKey must not carry publicKey in a composite key".to_owned());
    }
    if key.private_key.len() != scalar_len {
        return Err(format!(
            "ECPrivateKey privateKey of {} bytes, expected {scalar_len}",
            key.private_key.len()
        ));
    }
    Ok(key.private_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_secret_key_sizes_match_the_der() {
        for alg in [Traditional::EcdsaP256, Traditional::EcdsaP384] {
            let sk = alg.generate(&mut crate::rng::seeded(1)).unwrap();
            assert_eq!(sk.len(), alg.secret_key_len(), "{alg:?}");
            assert_eq!(alg.public_key(&sk).unwrap().len(), alg.public_key_len());
        }
    }

    #[test]
    fn compressed_points_and_wrong_curves_are_refused() {
        let sk = Traditional::EcdsaP256
            .generate(&mut crate::rng::seeded(2))
            .unwrap();
        let pk = Traditional::EcdsaP256.public_key(&sk).unwrap();
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&pk).unwrap();
        let compressed = key.to_sec1_point(true).as_bytes().to_vec();
        assert!(Traditional::EcdsaP256.verifier(&compressed).is_err());
        // A P-256 ECPrivateKey is not a P-384 one.
        assert!(Traditional::EcdsaP384.sign(&sk, b"m", None).is_err());
    }
}

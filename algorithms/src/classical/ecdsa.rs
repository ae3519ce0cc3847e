//! ECDSA over the NIST curves P-256 and P-384 (FIPS 186-5 §6) with SHA-256 and SHA-384: the
//! algorithm descriptions, the registry entries and what every implementation shares.
//!
//! Encodings (RFC 5480 §2, RFC 5758 §3.2, SEC 1 v2 §2.3.3):
//! - public key: the uncompressed SEC1 point `04 || X || Y` (65 / 97 bytes), carried in an
//!   SPKI `id-ecPublicKey` with the named curve as parameters;
//! - secret key: the raw big-endian scalar `d` (32 / 48 bytes);
//! - signature: DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, variable length
//!   (at most 72 / 104 bytes).
//!
//! Key generation is shared by all implementations so that one seed gives one key whichever
//! implementation generates it: the scalar is drawn by rejection sampling from the RNG
//! ([`generate_scalar`]).

use p256::elliptic_curve::sec1::ToSec1Point;
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::registry::Algorithm;
use crate::{AlgorithmInfo, Error, Family, Oids, SecretKey, Sizes};

use super::{ecdsa_aws_lc, ecdsa_ring, ecdsa_rustcrypto};

/// `ecdsa-p256-sha256`: ECDSA over P-256 (secp256r1) with SHA-256.
pub static P256_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "ecdsa-p256-sha256",
    name: "ECDSA P-256 SHA-256",
    family: Family::Ecdsa,
    parameter_set: "P-256/SHA-256",
    nist_category: None,
    sizes: Sizes {
        public_key: 65,
        secret_key: 32,
        signature: 72,
        signature_fixed: false,
    },
    sigstore_key_details: Some("PKIX_ECDSA_P256_SHA_256"),
    oids: Oids {
        public_key: "1.2.840.10045.2.1",
        public_key_parameters: Some("1.2.840.10045.3.1.7"),
        signature: "1.2.840.10045.4.3.2",
        source: "RFC 5480, RFC 5758",
        experimental: false,
    },
    stateful: false,
    supports_context: false,
};

/// `ecdsa-p384-sha384`: ECDSA over P-384 (secp384r1) with SHA-384.
pub static P384_INFO: AlgorithmInfo = AlgorithmInfo {
    id: "ecdsa-p384-sha384",
    name: "ECDSA P-384 SHA-384",
    family: Family::Ecdsa,
    parameter_set: "P-384/SHA-384",
    nist_category: None,
    sizes: Sizes {
        public_key: 97,
        secret_key: 48,
        signature: 104,
        signature_fixed: false,
    },
    sigstore_key_details: Some("PKIX_ECDSA_P384_SHA_384"),
    oids: Oids {
        public_key: "1.2.840.10045.2.1",
        public_key_parameters: Some("1.3.132.0.34"),
        signature: "1.2.840.10045.4.3.3",
        source: "RFC 5480, RFC 5758",
        experimental: false,
    },
    stateful: false,
    supports_context: false,
};

/// The registry entry for ECDSA P-256. Implementations are ordered by verification speed on
/// the reference machine (REFERENCE-NUMBERS.md §C6, median verify: ring 83 µs, aws-lc-rs
/// 96 µs, p256 397 µs); every one passes the Wycheproof suite.
pub static ECDSA_P256: Algorithm = Algorithm {
    info: &P256_INFO,
    implementations: &[
        &ecdsa_ring::RING_P256,
        &ecdsa_aws_lc::AWS_LC_P256,
        &ecdsa_rustcrypto::RustCryptoP256,
    ],
};

/// The registry entry for ECDSA P-384. Implementations are ordered by verification speed on
/// the reference machine (REFERENCE-NUMBERS.md §C6, median verify: aws-lc-rs 328 µs, ring
/// 1,124 µs, p384 1,222 µs); every one passes the Wycheproof suite.
pub static ECDSA_P384: Algorithm = Algorithm {
    info: &P384_INFO,
    implementations: &[
        &ecdsa_aws_lc::AWS_LC_P384,
        &ecdsa_ring::RING_P384,
        &ecdsa_rustcrypto::RustCryptoP384,
    ],
};

/// The two curves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Curve {
    /// P-256 with SHA-256.
    P256,
    /// P-384 with SHA-384.
    P384,
}

impl Curve {
    /// The algorithm description.
    pub(crate) fn info(self) -> &'static AlgorithmInfo {
        match self {
            Curve::P256 => &P256_INFO,
            Curve::P384 => &P384_INFO,
        }
    }

    /// Bytes of a scalar (and of a coordinate).
    pub(crate) fn scalar_len(self) -> usize {
        self.info().sizes.secret_key
    }

    /// Whether `bytes` is a valid secret scalar: exactly [`Curve::scalar_len`] bytes,
    /// big-endian, `1 <= d < n` (FIPS 186-5 §A.2.2).
    fn is_valid_scalar(self, bytes: &[u8]) -> bool {
        bytes.len() == self.scalar_len()
            && match self {
                Curve::P256 => p256::SecretKey::from_slice(bytes).is_ok(),
                Curve::P384 => p384::SecretKey::from_slice(bytes).is_ok(),
            }
    }

    /// Checks a stored secret key and returns its scalar bytes.
    pub(crate) fn secret_scalar(self, key: &SecretKey) -> Result<&[u8], Error> {
        let bytes = key.as_bytes();
        if bytes.len() != self.scalar_len() {
            return Err(Error::InvalidSecretKey {
                algorithm: self.info().id,
                reason: format!(
                    "expected a {}-byte scalar, got {} bytes",
                    self.scalar_len(),
                    bytes.len()
                ),
            });
        }
        if !self.is_valid_scalar(bytes) {
            return Err(Error::InvalidSecretKey {
                algorithm: self.info().id,
                reason: "scalar is zero or not below the group order".to_owned(),
            });
        }
        Ok(bytes)
    }

    /// Checks that `public_key` has the shape of an uncompressed SEC1 point (the curve
    /// equation is left to the implementation's decoder).
    pub(crate) fn check_public_key_shape(self, public_key: &[u8]) -> Result<(), Error> {
        let expected = self.info().sizes.public_key;
        if public_key.len() != expected {
            return Err(Error::InvalidPublicKey {
                algorithm: self.info().id,
                reason: format!(
                    "expected a {expected}-byte uncompressed SEC1 point, got {} bytes",
                    public_key.len()
                ),
            });
        }
        if public_key.first() != Some(&0x04) {
            return Err(Error::InvalidPublicKey {
                algorithm: self.info().id,
                reason: "not an uncompressed SEC1 point (first byte is not 0x04)".to_owned(),
            });
        }
        Ok(())
    }

    /// Checks that `public_key` is an uncompressed SEC1 point on the curve (RustCrypto
    /// decoder; for backends that parse public keys only when verifying).
    pub(crate) fn check_point(self, public_key: &[u8]) -> Result<(), Error> {
        self.check_public_key_shape(public_key)?;
        let on_curve = match self {
            Curve::P256 => p256::PublicKey::from_sec1_bytes(public_key).is_ok(),
            Curve::P384 => p384::PublicKey::from_sec1_bytes(public_key).is_ok(),
        };
        if on_curve {
            Ok(())
        } else {
            Err(Error::InvalidPublicKey {
                algorithm: self.info().id,
                reason: "not a point on the curve".to_owned(),
            })
        }
    }

    /// Rejects signatures longer than the largest DER `ECDSA-Sig-Value` of the curve.
    pub(crate) fn check_signature_len(self, signature: &[u8]) -> Result<(), Error> {
        let max = self.info().sizes.signature;
        if signature.is_empty() || signature.len() > max {
            return Err(Error::MalformedSignature {
                algorithm: self.info().id,
                reason: format!(
                    "a DER ECDSA-Sig-Value has 8 to {max} bytes, got {}",
                    signature.len()
                ),
            });
        }
        Ok(())
    }

    /// The uncompressed SEC1 public point `d·G`, computed with the RustCrypto curve
    /// arithmetic (for ring, which cannot derive a public key from an imported scalar but
    /// checks the pair on import).
    pub(crate) fn public_point(self, scalar: &[u8]) -> Result<Vec<u8>, Error> {
        let invalid = || Error::InvalidSecretKey {
            algorithm: self.info().id,
            reason: "scalar is zero or not below the group order".to_owned(),
        };
        Ok(match self {
            Curve::P256 => p256::SecretKey::from_slice(scalar)
                .map_err(|_| invalid())?
                .public_key()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec(),
            Curve::P384 => p384::SecretKey::from_slice(scalar)
                .map_err(|_| invalid())?
                .public_key()
                .to_sec1_point(false)
                .as_bytes()
                .to_vec(),
        })
    }

    /// The RFC 5915 §3 `ECPrivateKey` DER of a scalar, without the optional public key:
    /// `SEQUENCE { INTEGER 1, OCTET STRING d, [0] OID namedCurve }`.
    pub(crate) fn ec_private_key_der(self, scalar: &[u8]) -> Zeroizing<Vec<u8>> {
        // The named-curve OID, DER-encoded (tag, length, value).
        let curve_oid: &[u8] = match self {
            // 1.2.840.10045.3.1.7
            Curve::P256 => &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
            // 1.3.132.0.34
            Curve::P384 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
        };
        // Every length is below 128, so each fits in one byte (short form).
        let body_len = 3 + 2 + scalar.len() + 2 + curve_oid.len();
        let mut der = Zeroizing::new(Vec::with_capacity(2 + body_len));
        der.extend_from_slice(&[0x30, body_len as u8, 0x02, 0x01, 0x01]);
        der.extend_from_slice(&[0x04, scalar.len() as u8]);
        der.extend_from_slice(scalar);
        der.extend_from_slice(&[0xa0, curve_oid.len() as u8]);
        der.extend_from_slice(curve_oid);
        der
    }
}

/// Draws a secret scalar from `rng` by rejection sampling (FIPS 186-5 §A.2.2 "rejection
/// sampling"): `scalar_len` bytes read big-endian, redrawn until `1 <= d < n`. For P-256 and
/// P-384 a draw is rejected with probability below 2^-32, so the loop ends at once in practice.
pub(crate) fn generate_scalar(curve: Curve, rng: &mut dyn CryptoRng) -> SecretKey {
    let mut bytes = Zeroizing::new(vec![0u8; curve.scalar_len()]);
    loop {
        rng.fill_bytes(&mut bytes);
        if curve.is_valid_scalar(&bytes) {
            return SecretKey::new(bytes.to_vec());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Tagged};

    #[test]
    fn ec_private_key_der_parses_as_rfc5915() {
        for curve in [Curve::P256, Curve::P384] {
            let scalar = vec![0x11u8; curve.scalar_len()];
            let der = curve.ec_private_key_der(&scalar);
            // Well-formed DER: a SEQUENCE that consumes every byte.
            let any = der::Any::from_der(&der).unwrap();
            assert_eq!(any.tag(), der::Tag::Sequence);
            match curve {
                Curve::P256 => {
                    let key = p256::SecretKey::from_sec1_der(&der).unwrap();
                    assert_eq!(key.to_bytes().as_slice(), scalar.as_slice());
                }
                Curve::P384 => {
                    let key = p384::SecretKey::from_sec1_der(&der).unwrap();
                    assert_eq!(key.to_bytes().as_slice(), scalar.as_slice());
                }
            }
        }
    }

    #[test]
    fn out_of_range_scalars_are_rejected() {
        for curve in [Curve::P256, Curve::P384] {
            assert!(!curve.is_valid_scalar(&vec![0u8; curve.scalar_len()]));
            assert!(!curve.is_valid_scalar(&vec![0xffu8; curve.scalar_len()]));
            assert!(curve.is_valid_scalar(&vec![0x01u8; curve.scalar_len()]));
            assert!(!curve.is_valid_scalar(&[0x01u8; 5]));
        }
    }
}

//! A certificate's public key made ready to verify with: its SPKI DER, the SHA-256 of that
//! DER (the CT issuer key hash, RFC 6962 §3.2, on first use), and the key itself, prepared by its registry
//! algorithm's default implementation (or an RSA key, for real CA certificates the registry
//! does not hold). The [`super::trust_cache::TrustCache`] builds one per trusted certificate
//! once, [`super::CtLogKeys`] one per CT log; a certificate the bundle brings gets one per
//! use.
//!
//! [`SignerKey::verify`] checks that the signature `AlgorithmIdentifier` is the key's
//! registry signature algorithm (RFC 5280 §4.1.1.2 ties them) before verifying.

use std::sync::OnceLock;

use der::Decode;
use der::asn1::ObjectIdentifier;
use pqlab_algorithms::Algorithm;
use pqlab_algorithms::PreparedVerifier;
use pqlab_algorithms::encoding;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use super::PkiError;

/// `rsaEncryption` (RFC 8017 Appendix C).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A public key decoded from its SPKI once.
pub(crate) struct SignerKey {
    spki: Vec<u8>,
    /// Computed on first use: only the key of a leaf's issuer is hashed (for its SCT).
    spki_sha256: OnceLock<[u8; 32]>,
    kind: KeyKind,
}

impl std::fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignerKey")
            .field("spki_bytes", &self.spki.len())
            .finish_non_exhaustive()
    }
}

enum KeyKind {
    /// A key of the registry.
    Registry {
        algorithm: &'static Algorithm,
        /// The registry's signature algorithm OID for this key (`None` if it does not parse:
        /// then no `AlgorithmIdentifier` matches).
        signature_oid: Option<ObjectIdentifier>,
        /// The raw key (for ECDSA signatures with another hash than the registry's).
        key: Vec<u8>,
        /// `None` when the implementation refuses the key: every signature then fails.
        prepared: Option<Box<dyn PreparedVerifier>>,
    },
    /// An `rsaEncryption` key (`None` when it does not decode: every signature then fails).
    Rsa(Option<rsa::PublicKey>),
}

impl SignerKey {
    /// Decodes the key of `spki` (DER).
    ///
    /// # Errors
    /// The registry's encoding error when `spki` is neither an RSA key nor a registry key.
    pub(crate) fn new(spki: &[u8]) -> Result<Self, PkiError> {
        let kind = if is_rsa(spki) {
            use rsa::pkcs8::DecodePublicKey as _;
            KeyKind::Rsa(rsa::PublicKey::from_public_key_der(spki).ok())
        } else {
            let (algorithm, key) = encoding::parse_spki_der(spki)?;
            KeyKind::Registry {
                algorithm,
                signature_oid: ObjectIdentifier::new(algorithm.info.oids.signature).ok(),
                prepared: algorithm
                    .default_implementation()
                    .prepare_verifier(&key)
                    .ok(),
                key,
            }
        };
        Ok(Self {
            spki: spki.to_vec(),
            spki_sha256: OnceLock::new(),
            kind,
        })
    }

    /// The SPKI DER.
    pub(crate) fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// SHA-256 of the SPKI DER.
    pub(crate) fn spki_sha256(&self) -> &[u8; 32] {
        self.spki_sha256
            .get_or_init(|| Sha256::digest(&self.spki).into())
    }

    /// The registry algorithm.
    ///
    /// # Errors
    /// [`PkiError::KeyMaterial`] for an RSA key.
    pub(crate) fn registry_algorithm(&self) -> Result<&'static Algorithm, PkiError> {
        match &self.kind {
            KeyKind::Registry { algorithm, .. } => Ok(algorithm),
            KeyKind::Rsa(_) => Err(PkiError::KeyMaterial(
                "an RSA key where a registry algorithm is required".to_owned(),
            )),
        }
    }

    /// Verifies a bare `signature` over `message` with the registry algorithm (no
    /// `AlgorithmIdentifier` to match: an SCT names its algorithm by TLS codes, which the
    /// caller checks).
    ///
    /// # Errors
    /// [`PkiError::BadSignature`] naming `what`.
    pub(crate) fn verify_bare(
        &self,
        what: &str,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), PkiError> {
        match &self.kind {
            KeyKind::Registry {
                prepared: Some(prepared),
                ..
            } => prepared.verify(message, &[], signature).ok(),
            _ => None,
        }
        .ok_or_else(|| PkiError::BadSignature {
            what: what.to_owned(),
        })
    }

    /// Verifies `signature` over `message` under the signature `algorithm` identifier: the
    /// key's registry signature algorithm, ECDSA with another SHA-2 (RFC 5758 §3.2, as real
    /// timestamp authorities sign and real clients accept), or RSA PKCS#1 v1.5 for RSA keys.
    ///
    /// # Errors
    /// [`PkiError::BadSignature`] or [`PkiError::SignatureAlgorithmMismatch`], naming `what`.
    pub(crate) fn verify(
        &self,
        what: &str,
        algorithm: &AlgorithmIdentifierOwned,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), PkiError> {
        let bad = || PkiError::BadSignature {
            what: what.to_owned(),
        };
        let (registry, signature_oid, key, prepared) = match &self.kind {
            KeyKind::Rsa(key) => {
                return rsa_pkcs1v15(key.as_ref(), algorithm, message, signature)
                    .map_err(|()| bad());
            }
            KeyKind::Registry {
                algorithm,
                signature_oid,
                key,
                prepared,
            } => (algorithm, signature_oid, key, prepared),
        };
        let matches = *signature_oid == Some(algorithm.oid);
        if !matches
            && algorithm.parameters.is_none()
            && let Some(result) =
                ecdsa_other_hash(registry.info.id, key, algorithm, message, signature)
        {
            return result.map_err(|()| bad());
        }
        if !matches || algorithm.parameters.is_some() {
            return Err(PkiError::SignatureAlgorithmMismatch {
                what: what.to_owned(),
                oid: algorithm.oid.to_string(),
                expected: registry.info.oids.signature.to_owned(),
            });
        }
        prepared
            .as_ref()
            .ok_or_else(bad)?
            .verify(message, &[], signature)
            .map_err(|_| bad())
    }
}

fn is_rsa(spki: &[u8]) -> bool {
    spki::SubjectPublicKeyInfoRef::from_der(spki).is_ok_and(|s| s.algorithm.oid == RSA_ENCRYPTION)
}

/// ECDSA with a hash other than the registry entry's (e.g. `ecdsa-with-SHA256` by a P-384
/// key): `None` when `algorithm` is not an ECDSA signature identifier or the key is not an
/// ECDSA P-256/P-384 key.
fn ecdsa_other_hash(
    algorithm_id: &str,
    public_key: &[u8],
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Option<Result<(), ()>> {
    let prehash: Vec<u8> = match algorithm.oid.to_string().as_str() {
        "1.2.840.10045.4.3.2" => Sha256::digest(message).to_vec(),
        "1.2.840.10045.4.3.3" => sha2::Sha384::digest(message).to_vec(),
        "1.2.840.10045.4.3.4" => sha2::Sha512::digest(message).to_vec(),
        _ => return None,
    };
    if algorithm_id.starts_with("ecdsa-p256") {
        Some(ecdsa_prehash_p256(public_key, &prehash, signature))
    } else if algorithm_id.starts_with("ecdsa-p384") {
        Some(ecdsa_prehash_p384(public_key, &prehash, signature))
    } else {
        None
    }
}

/// RSA PKCS#1 v1.5 with SHA-256/384/512 (RFC 8017 §8.2, RFC 4055), for real CA certificates
/// (e.g. a Fulcio test CA with an RSA key) that real clients accept.
fn rsa_pkcs1v15(
    key: Option<&rsa::PublicKey>,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<(), ()> {
    use rsa::signature::Verifier as _;
    let key = key.ok_or(())?.clone();
    let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| ())?;
    let result = match algorithm.oid.to_string().as_str() {
        "1.2.840.113549.1.1.11" => {
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.12" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.13" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key).verify(message, &sig)
        }
        _ => return Err(()),
    };
    result.map_err(|_| ())
}

fn ecdsa_prehash_p256(public_key: &[u8], prehash: &[u8], signature: &[u8]) -> Result<(), ()> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier as _;
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| ())?;
    let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| ())?;
    key.verify_prehash(prehash, &sig).map_err(|_| ())
}

fn ecdsa_prehash_p384(public_key: &[u8], prehash: &[u8], signature: &[u8]) -> Result<(), ()> {
    use p384::ecdsa::signature::hazmat::PrehashVerifier as _;
    let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| ())?;
    let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| ())?;
    key.verify_prehash(prehash, &sig).map_err(|_| ())
}

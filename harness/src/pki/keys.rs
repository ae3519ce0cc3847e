//! Role keys (root, intermediate, CT log, TSA): a registry algorithm, its key pair, and
//! persistable [`KeyMaterial`].

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::rand_core::CryptoRng;
use pqlab_algorithms::{
    AlgorithmInfo, Limitation, MemoryStateStore, SecretKey, SignOptions, SignatureAlgorithm,
    encoding, registry,
};
use serde::{Deserialize, Serialize};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::PkiError;

/// A key as the bundle step stores it in its state directory: which implementation, and the
/// key bytes in base64 (the secret key in the algorithm's storage encoding; for stateful
/// algorithms it includes the state, so persist it again after every signature).
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyMaterial {
    /// `ID` or `ID@IMPLEMENTATION` as `registry::lookup_implementation` reads it.
    pub algorithm: String,
    /// Base64 (standard) raw public key.
    pub public_key: String,
    /// Base64 (standard) secret key.
    pub secret_key: String,
}

impl std::fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyMaterial")
            .field("algorithm", &self.algorithm)
            .field("public_key", &self.public_key)
            .field("secret_key", &"(redacted)")
            .finish()
    }
}

/// A signing key of one PKI role.
pub struct RoleKey {
    spec: String,
    imp: &'static dyn SignatureAlgorithm,
    secret: SecretKey,
    public: Vec<u8>,
}

impl std::fmt::Debug for RoleKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleKey")
            .field("algorithm", &self.spec)
            .finish_non_exhaustive()
    }
}

impl RoleKey {
    /// Generates a key for `algorithm` (`ID` or `ID@IMPLEMENTATION`) from `rng`.
    ///
    /// # Errors
    /// Unknown algorithm or key generation failure.
    pub fn generate(algorithm: &str, rng: &mut dyn CryptoRng) -> Result<Self, PkiError> {
        let imp = seedable_implementation(algorithm)?;
        let pair = imp.generate(rng)?;
        Ok(RoleKey {
            spec: format!("{}@{}", imp.info().id, imp.implementation().id),
            imp,
            secret: pair.secret,
            public: pair.public,
        })
    }

    /// Restores a key from its material, checking that the public key matches the secret key
    /// where the algorithm can derive it.
    ///
    /// # Errors
    /// [`PkiError::KeyMaterial`] for bad base64 or mismatched keys; unknown algorithm.
    pub fn from_material(material: &KeyMaterial) -> Result<Self, PkiError> {
        let imp = registry::lookup_implementation(&material.algorithm)?;
        let public = STANDARD
            .decode(&material.public_key)
            .map_err(|e| PkiError::KeyMaterial(format!("public key base64: {e}")))?;
        let secret = SecretKey::new(
            STANDARD
                .decode(&material.secret_key)
                .map_err(|e| PkiError::KeyMaterial(format!("secret key base64: {e}")))?,
        );
        if let Ok(derived) = imp.public_key(&secret)
            && derived != public
        {
            return Err(PkiError::KeyMaterial(format!(
                "{}: public key does not belong to the secret key",
                material.algorithm
            )));
        }
        // The SPKI encoder checks the public key's length.
        encoding::spki(imp.info(), &public)?;
        Ok(RoleKey {
            spec: material.algorithm.clone(),
            imp,
            secret,
            public,
        })
    }

    /// The persistable material (current state for stateful keys).
    #[must_use]
    pub fn material(&self) -> KeyMaterial {
        KeyMaterial {
            algorithm: self.spec.clone(),
            public_key: STANDARD.encode(&self.public),
            secret_key: STANDARD.encode(self.secret.as_bytes()),
        }
    }

    /// The algorithm.
    #[must_use]
    pub fn info(&self) -> &'static AlgorithmInfo {
        self.imp.info()
    }

    /// The raw public key.
    #[must_use]
    pub fn public_key(&self) -> &[u8] {
        &self.public
    }

    /// The public key as SPKI.
    ///
    /// # Errors
    /// Encoding failure (registry bug).
    pub fn spki(&self) -> Result<SubjectPublicKeyInfoOwned, PkiError> {
        Ok(encoding::spki(self.info(), &self.public)?)
    }

    /// The public key as SPKI DER.
    ///
    /// # Errors
    /// Encoding failure (registry bug).
    pub fn spki_der(&self) -> Result<Vec<u8>, PkiError> {
        Ok(encoding::spki_der(self.info(), &self.public)?)
    }

    /// The signature `AlgorithmIdentifier` (registry OID, parameters absent: RFC 5758 §3.2 for
    /// ECDSA, RFC 8410 §3, RFC 9881 §2, RFC 9909 §3, the composite draft).
    ///
    /// # Errors
    /// A malformed registry OID.
    pub fn signature_algorithm(&self) -> Result<AlgorithmIdentifierOwned, PkiError> {
        signature_algorithm(self.info())
    }

    /// Signs `message` (hedged, with randomness from `rng`; stateful keys advance in memory).
    ///
    /// # Errors
    /// The algorithm's signing errors (e.g. an exhausted stateful key).
    pub fn sign(&mut self, message: &[u8], rng: &mut dyn CryptoRng) -> Result<Vec<u8>, PkiError> {
        Ok(self.imp.sign_stateful(
            &mut self.secret,
            &mut MemoryStateStore,
            message,
            SignOptions::default(),
            rng,
        )?)
    }
}

/// `ID@IMPLEMENTATION` as given; for a bare `ID`, the first implementation whose key
/// generation and signing draw only from the caller's RNG (so that a PKI is reproducible from
/// its seed), else the default.
fn seedable_implementation(spec: &str) -> Result<&'static dyn SignatureAlgorithm, PkiError> {
    if spec.contains('@') {
        return Ok(registry::lookup_implementation(spec)?);
    }
    let algorithm = registry::lookup(spec)?;
    Ok(algorithm
        .implementations
        .iter()
        .copied()
        .find(|imp| {
            !imp.implementation()
                .limitations
                .iter()
                .any(|l| matches!(l, Limitation::NoSeededSigning | Limitation::NoSeededKeygen))
        })
        .unwrap_or_else(|| algorithm.default_implementation()))
}

/// The signature `AlgorithmIdentifier` of `info`.
pub(crate) fn signature_algorithm(
    info: &AlgorithmInfo,
) -> Result<AlgorithmIdentifierOwned, PkiError> {
    let oid = der::asn1::ObjectIdentifier::new(info.oids.signature)
        .map_err(|e| PkiError::der("registry signature OID", e))?;
    Ok(AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    })
}

//! The self-managed keys of key mode (`model_signing sign key --private_key` / `verify key
//! --public_key`, model_signing 1.1.1 `_signing/sign_ec_key.py`): elliptic-curve keys in PEM
//! (PKCS#8 `PRIVATE KEY` or SEC 1 `EC PRIVATE KEY`; SPKI `PUBLIC KEY`), signing the DSSE PAE
//! with ECDSA and the curve's hash, and the bundle's `publicKey.hint`, the hex SHA-256 of the
//! public key's PEM as pyca/cryptography writes it (64-column base64, LF line ends).
//!
//! model_signing accepts P-256, P-384 and P-521; pqlab's registry has the first two.

use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, LineEnding};
use pqlab_algorithms::registry::{self, Algorithm};
use pqlab_algorithms::{SecretKey, encoding};
use sha2::{Digest, Sha256};

use super::ModelError;

/// The registry ids of the key-mode algorithms (model_signing's curves that pqlab has).
pub const KEY_ALGORITHMS: [&str; 2] = ["ecdsa-p256-sha256", "ecdsa-p384-sha384"];

/// A key-mode signing key.
#[derive(Debug)]
pub struct PrivateKey {
    algorithm: &'static Algorithm,
    secret: SecretKey,
    spki_der: Vec<u8>,
}

impl PrivateKey {
    /// Reads an EC private key from PEM (PKCS#8 or SEC 1, unencrypted).
    ///
    /// # Errors
    /// [`ModelError::Key`] when the text is neither, or the curve is not P-256 or P-384.
    pub fn from_pem(pem: &str) -> Result<Self, ModelError> {
        let (id, scalar): (&str, Vec<u8>) = if let Ok(k) =
            p256::SecretKey::from_pkcs8_pem(pem).or_else(|_| p256::SecretKey::from_sec1_pem(pem))
        {
            ("ecdsa-p256-sha256", k.to_bytes().to_vec())
        } else if let Ok(k) =
            p384::SecretKey::from_pkcs8_pem(pem).or_else(|_| p384::SecretKey::from_sec1_pem(pem))
        {
            ("ecdsa-p384-sha384", k.to_bytes().to_vec())
        } else {
            return Err(ModelError::Key(
                "not an unencrypted P-256 or P-384 private key in PKCS#8 or SEC 1 PEM".into(),
            ));
        };
        Self::from_scalar(id, scalar)
    }

    fn from_scalar(id: &str, scalar: Vec<u8>) -> Result<Self, ModelError> {
        let algorithm = registry::lookup(id)?;
        let secret = SecretKey::new(scalar);
        let public = algorithm.default_implementation().public_key(&secret)?;
        let spki_der = encoding::spki_der(algorithm.default_implementation().info(), &public)?;
        Ok(PrivateKey {
            algorithm,
            secret,
            spki_der,
        })
    }

    /// A new key of `algorithm` (one of [`KEY_ALGORITHMS`]) from `rng`.
    ///
    /// # Errors
    /// [`ModelError::Key`] for another algorithm; registry errors.
    pub fn generate(
        algorithm: &str,
        rng: &mut dyn rand_core::CryptoRng,
    ) -> Result<Self, ModelError> {
        if !KEY_ALGORITHMS.contains(&algorithm) {
            return Err(ModelError::Key(format!(
                "key mode uses {} (as model_signing), not {algorithm}",
                KEY_ALGORITHMS.join(" or ")
            )));
        }
        let pair = registry::lookup(algorithm)?
            .default_implementation()
            .generate(rng)?;
        Self::from_scalar(algorithm, pair.secret.as_bytes().to_vec())
    }

    /// The private key as PKCS#8 PEM (what `openssl genpkey` writes and model_signing reads).
    ///
    /// # Errors
    /// [`ModelError::Key`] if the encoder refuses the key.
    pub fn to_pkcs8_pem(&self) -> Result<String, ModelError> {
        let bytes = self.secret.as_bytes();
        let pem = match self.algorithm.id() {
            "ecdsa-p256-sha256" => p256::SecretKey::from_slice(bytes)
                .map_err(|e| ModelError::Key(e.to_string()))?
                .to_pkcs8_pem(LineEnding::LF),
            _ => p384::SecretKey::from_slice(bytes)
                .map_err(|e| ModelError::Key(e.to_string()))?
                .to_pkcs8_pem(LineEnding::LF),
        }
        .map_err(|e| ModelError::Key(e.to_string()))?;
        Ok(pem.to_string())
    }

    /// The public key's SPKI DER.
    #[must_use]
    pub fn spki_der(&self) -> &[u8] {
        &self.spki_der
    }

    /// The registry algorithm (`ecdsa-p256-sha256` or `ecdsa-p384-sha384`).
    #[must_use]
    pub fn algorithm(&self) -> &'static Algorithm {
        self.algorithm
    }

    /// Signs `message` (the DSSE PAE): DER ECDSA signature with the curve's hash.
    ///
    /// # Errors
    /// Registry signing errors.
    pub fn sign(
        &self,
        message: &[u8],
        rng: &mut dyn rand_core::CryptoRng,
    ) -> Result<Vec<u8>, ModelError> {
        Ok(self.algorithm.default_implementation().sign(
            &self.secret,
            message,
            pqlab_algorithms::SignOptions::default(),
            rng,
        )?)
    }
}

/// The public key PEM as pyca/cryptography writes it (`SubjectPublicKeyInfo`, 64-column
/// base64, LF).
///
/// # Errors
/// [`ModelError::Key`] if the DER cannot be encoded.
pub fn public_key_pem(spki_der: &[u8]) -> Result<String, ModelError> {
    der::pem::encode_string("PUBLIC KEY", der::pem::LineEnding::LF, spki_der)
        .map_err(|e| ModelError::Key(e.to_string()))
}

/// The bundle's `publicKey.hint`: hex SHA-256 of [`public_key_pem`].
///
/// # Errors
/// As [`public_key_pem`].
pub fn public_key_hint(spki_der: &[u8]) -> Result<String, ModelError> {
    Ok(hex::encode(Sha256::digest(public_key_pem(spki_der)?)))
}

/// Reads a public key PEM (`PUBLIC KEY`) into its SPKI DER, checking that the registry knows
/// its algorithm.
///
/// # Errors
/// [`ModelError::Key`] for text without a PEM block or an unknown algorithm.
pub fn public_key_from_pem(pem: &str) -> Result<Vec<u8>, ModelError> {
    let (label, der) = crate::verify::pem::decode(pem)
        .ok_or_else(|| ModelError::Key("no PEM block in the public key file".into()))?;
    if label != "PUBLIC KEY" {
        return Err(ModelError::Key(format!(
            "a `{label}` PEM block, expected `PUBLIC KEY`"
        )));
    }
    encoding::parse_spki_der(&der)?;
    Ok(der)
}

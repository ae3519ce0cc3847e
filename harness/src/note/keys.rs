//! Signature types, key hashes and IDs, and verifier keys (`name+hex(keyID)+base64(type‖key)`,
//! c2sp.org/signed-note §"Verifier keys"). The table of types is in the module docs of
//! [`crate::note`].

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::{Algorithm, Family, encoding, registry};
use sha2::{Digest, Sha256};

use super::{KeyName, NoteError};

/// The registry id of the algorithm behind type `0x06`.
pub(crate) const ML_DSA_44: &str = "ml-dsa-44";
/// The registry id of the algorithm behind types `0x01` and `0x04`.
pub(crate) const ED25519: &str = "ed25519";
/// Long-identifier prefix of `0xff` keys that sign note text.
const PRIVATE_NOTE_PREFIX: &str = "pqlab/";
/// Long-identifier prefix of `0xff` keys that make timestamped cosignatures.
const PRIVATE_COSIGNATURE_PREFIX: &str = "pqlab-cosignature/";

/// A 4-byte key ID, shown as 8 lower-case hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 4]);

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The signature types pqlab implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureType {
    /// `0x01`: Ed25519 over the note text.
    Ed25519,
    /// `0x02`: ECDSA (DER) over the note text; key material is the SPKI.
    Ecdsa,
    /// `0x04`: timestamped Ed25519 cosignature (`cosignature/v1`).
    CosignatureEd25519,
    /// `0x06`: timestamped ML-DSA-44 subtree cosignature (`subtree/v1`).
    CosignatureMlDsa44,
    /// `0xff` with long identifier `pqlab/<alg-id>`: the algorithm over the note text.
    PrivateNote,
    /// `0xff` with long identifier `pqlab-cosignature/<alg-id>`: timestamped, `cosignature/v1`.
    PrivateCosignature,
}

impl SignatureType {
    /// The type byte.
    #[must_use]
    pub fn byte(self) -> u8 {
        match self {
            SignatureType::Ed25519 => 0x01,
            SignatureType::Ecdsa => 0x02,
            SignatureType::CosignatureEd25519 => 0x04,
            SignatureType::CosignatureMlDsa44 => 0x06,
            SignatureType::PrivateNote | SignatureType::PrivateCosignature => 0xff,
        }
    }

    /// Whether the signature bytes start with a u64 big-endian timestamp.
    #[must_use]
    pub fn is_timestamped(self) -> bool {
        matches!(
            self,
            SignatureType::CosignatureEd25519
                | SignatureType::CosignatureMlDsa44
                | SignatureType::PrivateCosignature
        )
    }
}

/// A public key as a signed-note verifier knows it: name, type, key material (the bytes that
/// follow the type byte in a vkey).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: KeyName,
    sig_type: SignatureType,
    material: Vec<u8>,
}

/// The 32-byte key hash of a key (module docs of [`crate::note`]): the Rekor v2 `logId`, whose
/// first 4 bytes are the note key ID.
#[must_use]
pub fn key_hash(name: &KeyName, sig_type: SignatureType, material: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    if sig_type == SignatureType::Ecdsa {
        h.update(material);
    } else {
        h.update(name.as_str().as_bytes());
        h.update([b'\n', sig_type.byte()]);
        h.update(material);
    }
    h.finalize().into()
}

impl VerifierKey {
    /// The verifier key of `public_key` (raw, as the registry returns it) for `algorithm`
    /// used as `sig_type`.
    ///
    /// # Errors
    /// [`NoteError::AlgorithmMismatch`] when the type cannot carry this algorithm;
    /// [`NoteError::Algorithm`] for a public key of the wrong size.
    pub fn from_public_key(
        name: KeyName,
        sig_type: SignatureType,
        algorithm: &Algorithm,
        public_key: &[u8],
    ) -> Result<Self, NoteError> {
        let info = algorithm.info;
        let mismatch = || NoteError::AlgorithmMismatch {
            sig_type: sig_type.byte(),
            algorithm: info.id.to_owned(),
        };
        let material = match sig_type {
            SignatureType::Ed25519 | SignatureType::CosignatureEd25519 => {
                if info.id != ED25519 {
                    return Err(mismatch());
                }
                public_key.to_vec()
            }
            SignatureType::CosignatureMlDsa44 => {
                if info.id != ML_DSA_44 {
                    return Err(mismatch());
                }
                public_key.to_vec()
            }
            SignatureType::Ecdsa => {
                if info.family != Family::Ecdsa {
                    return Err(mismatch());
                }
                encoding::spki_der(info, public_key)?
            }
            SignatureType::PrivateNote | SignatureType::PrivateCosignature => {
                let prefix = if sig_type == SignatureType::PrivateNote {
                    PRIVATE_NOTE_PREFIX
                } else {
                    PRIVATE_COSIGNATURE_PREFIX
                };
                let mut m = format!("{prefix}{}\n", info.id).into_bytes();
                m.extend_from_slice(&encoding::spki_der(info, public_key)?);
                m
            }
        };
        // Validate the public key size for the raw types too.
        if matches!(
            sig_type,
            SignatureType::Ed25519
                | SignatureType::CosignatureEd25519
                | SignatureType::CosignatureMlDsa44
        ) {
            encoding::spki_der(info, public_key)?;
        }
        Ok(VerifierKey {
            name,
            sig_type,
            material,
        })
    }

    /// The key name.
    #[must_use]
    pub fn name(&self) -> &KeyName {
        &self.name
    }

    /// The signature type.
    #[must_use]
    pub fn sig_type(&self) -> SignatureType {
        self.sig_type
    }

    /// The key material (vkey payload after the type byte).
    #[must_use]
    pub fn material(&self) -> &[u8] {
        &self.material
    }

    /// The 32-byte key hash (Rekor v2 `logId.keyId`).
    #[must_use]
    pub fn key_hash(&self) -> [u8; 32] {
        key_hash(&self.name, self.sig_type, &self.material)
    }

    /// The 4-byte key ID.
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        let h = self.key_hash();
        KeyId([h[0], h[1], h[2], h[3]])
    }

    /// The registry algorithm and raw public key this key verifies with.
    ///
    /// # Errors
    /// [`NoteError::Algorithm`] when the algorithm is not in this build's registry or the key
    /// does not decode; [`NoteError::AlgorithmMismatch`] for an SPKI of the wrong family.
    pub fn algorithm(&self) -> Result<(&'static Algorithm, Vec<u8>), NoteError> {
        match self.sig_type {
            SignatureType::Ed25519 | SignatureType::CosignatureEd25519 => {
                Ok((registry::lookup(ED25519)?, self.material.clone()))
            }
            SignatureType::CosignatureMlDsa44 => {
                Ok((registry::lookup(ML_DSA_44)?, self.material.clone()))
            }
            SignatureType::Ecdsa => {
                let (alg, pk) = encoding::parse_spki_der(&self.material)?;
                if alg.info.family != Family::Ecdsa {
                    return Err(NoteError::AlgorithmMismatch {
                        sig_type: 0x02,
                        algorithm: alg.info.id.to_owned(),
                    });
                }
                Ok((alg, pk))
            }
            SignatureType::PrivateNote | SignatureType::PrivateCosignature => {
                let (id, spki) = split_private(&self.material)?;
                let alg = registry::lookup(id)?;
                let (named, pk) = encoding::parse_spki_der(spki)?;
                if named.info.id != alg.info.id {
                    return Err(NoteError::AlgorithmMismatch {
                        sig_type: 0xff,
                        algorithm: named.info.id.to_owned(),
                    });
                }
                Ok((alg, pk))
            }
        }
    }

    /// Parses a vkey `name+hex(keyID)+base64(type‖key material)`, checking the key ID.
    ///
    /// # Errors
    /// [`NoteError::InvalidVerifierKey`], [`NoteError::InvalidKeyName`],
    /// [`NoteError::UnsupportedSignatureType`] or [`NoteError::KeyIdMismatch`].
    pub fn parse(vkey: &str) -> Result<Self, NoteError> {
        let invalid = |reason: &str| NoteError::InvalidVerifierKey {
            reason: reason.to_owned(),
        };
        if vkey.starts_with("PRIVATE+KEY+") {
            return Err(invalid("a private key is not a verifier key"));
        }
        let (name, rest) = vkey
            .split_once('+')
            .ok_or_else(|| invalid("expected name+keyid+key"))?;
        let (id_hex, b64) = rest
            .split_once('+')
            .ok_or_else(|| invalid("expected name+keyid+key"))?;
        let name = KeyName::new(name)?;
        if id_hex.len() != 8 || !id_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("key ID is not 8 hex digits"));
        }
        let mut stated = [0u8; 4];
        hex::decode_to_slice(id_hex, &mut stated).map_err(|e| invalid(&format!("key ID: {e}")))?;
        let raw = STANDARD
            .decode(b64)
            .map_err(|e| invalid(&format!("key is not base64: {e}")))?;
        let (&type_byte, material) = raw.split_first().ok_or_else(|| invalid("empty key"))?;
        let sig_type = match type_byte {
            0x01 => SignatureType::Ed25519,
            0x02 => SignatureType::Ecdsa,
            0x04 => SignatureType::CosignatureEd25519,
            0x06 => SignatureType::CosignatureMlDsa44,
            0xff => {
                let (id, _) = split_private(material)?;
                let _ = id;
                if material.starts_with(PRIVATE_COSIGNATURE_PREFIX.as_bytes()) {
                    SignatureType::PrivateCosignature
                } else {
                    SignatureType::PrivateNote
                }
            }
            other => return Err(NoteError::UnsupportedSignatureType(other)),
        };
        match sig_type {
            SignatureType::Ed25519 | SignatureType::CosignatureEd25519 if material.len() != 32 => {
                return Err(invalid("Ed25519 key is not 32 bytes"));
            }
            SignatureType::CosignatureMlDsa44 if material.len() != 1312 => {
                return Err(invalid("ML-DSA-44 key is not 1312 bytes"));
            }
            _ => {}
        }
        let key = VerifierKey {
            name,
            sig_type,
            material: material.to_vec(),
        };
        let computed = key.key_id();
        if computed.0 != stated {
            return Err(NoteError::KeyIdMismatch {
                name: key.name.to_string(),
                stated: KeyId(stated),
                computed,
            });
        }
        Ok(key)
    }
}

impl fmt::Display for VerifierKey {
    /// The vkey string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = Vec::with_capacity(1 + self.material.len());
        raw.push(self.sig_type.byte());
        raw.extend_from_slice(&self.material);
        write!(
            f,
            "{}+{}+{}",
            self.name,
            self.key_id(),
            STANDARD.encode(raw)
        )
    }
}

/// Splits `0xff` key material into the registry id and the SPKI DER.
fn split_private(material: &[u8]) -> Result<(&str, &[u8]), NoteError> {
    let invalid = |reason: &str| NoteError::InvalidVerifierKey {
        reason: reason.to_owned(),
    };
    let nl = material
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| invalid("0xff key lacks its newline-terminated identifier"))?;
    let ident = std::str::from_utf8(&material[..nl])
        .map_err(|_| invalid("0xff identifier is not UTF-8"))?;
    let id = ident
        .strip_prefix(PRIVATE_COSIGNATURE_PREFIX)
        .or_else(|| ident.strip_prefix(PRIVATE_NOTE_PREFIX))
        .ok_or_else(|| invalid("0xff identifier is not pqlab/ or pqlab-cosignature/"))?;
    if id.is_empty() {
        return Err(invalid("0xff identifier names no algorithm"));
    }
    Ok((id, &material[nl + 1..]))
}

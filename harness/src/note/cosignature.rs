//! The messages timestamped cosignatures sign (c2sp.org/tlog-cosignature §"Ed25519 signed
//! message", §"ML-DSA-44 signed message").

use super::{Checkpoint, KeyName, NoteError};

/// `cosignature/v1\ntime <t>\n` followed by the note text (types `0x04` and pqlab's `0xff`
/// cosignatures).
#[must_use]
pub fn cosignature_v1_message(timestamp: u64, text: &str) -> Vec<u8> {
    format!("cosignature/v1\ntime {timestamp}\n{text}").into_bytes()
}

/// The `subtree/v1` `cosigned_message` TLS struct for a checkpoint (start 0, end = size), type
/// `0x06`.
///
/// # Errors
/// [`NoteError::MalformedCheckpoint`] when `text` is not a checkpoint or its origin, or
/// [`NoteError::InvalidKeyName`] when the cosigner name, is longer than 255 bytes.
pub fn subtree_v1_message(
    cosigner: &KeyName,
    timestamp: u64,
    text: &str,
) -> Result<Vec<u8>, NoteError> {
    let checkpoint = Checkpoint::parse(text)?;
    let name = cosigner.as_str().as_bytes();
    let origin = checkpoint.origin.as_bytes();
    let name_len = u8::try_from(name.len()).map_err(|_| NoteError::InvalidKeyName {
        name: cosigner.to_string(),
        reason: "longer than 255 bytes (subtree/v1 limit)",
    })?;
    let origin_len = u8::try_from(origin.len()).map_err(|_| NoteError::MalformedCheckpoint {
        reason: "origin longer than 255 bytes (subtree/v1 limit)".to_owned(),
    })?;
    let mut m = Vec::with_capacity(12 + 2 + name.len() + origin.len() + 8 * 3 + 32);
    m.extend_from_slice(b"subtree/v1\n\0");
    m.push(name_len);
    m.extend_from_slice(name);
    m.extend_from_slice(&timestamp.to_be_bytes());
    m.push(origin_len);
    m.extend_from_slice(origin);
    m.extend_from_slice(&0u64.to_be_bytes());
    m.extend_from_slice(&checkpoint.size.to_be_bytes());
    m.extend_from_slice(&checkpoint.root_hash);
    Ok(m)
}

/// The message a signature of `sig_type` covers.
pub(crate) fn signed_message(
    sig_type: super::SignatureType,
    name: &KeyName,
    timestamp: u64,
    text: &str,
) -> Result<Vec<u8>, NoteError> {
    use super::SignatureType as T;
    match sig_type {
        T::Ed25519 | T::Ecdsa | T::PrivateNote => Ok(text.as_bytes().to_vec()),
        T::CosignatureEd25519 | T::PrivateCosignature => {
            Ok(cosignature_v1_message(timestamp, text))
        }
        T::CosignatureMlDsa44 => subtree_v1_message(name, timestamp, text),
    }
}

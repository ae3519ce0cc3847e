//! Checkpoint verification for bundles (c2sp.org/signed-note, c2sp.org/tlog-checkpoint;
//! FORMATS.md §0): the log's signature line is found by key name and key hint (the first
//! 4 bytes of the trusted root's `logId.keyId`), verified with the log key over the note text,
//! and the body's origin, size and root compared with the inclusion proof.
//!
//! Rekor v1 checkpoints name the log `<host> - <tree id>` in their origin line (and may carry
//! a `Timestamp:` extension line); the signature line's key name is the host alone. Rekor v2
//! checkpoints have the host as origin and key name. Lines of other keys (witness
//! cosignatures) are ignored: the default policy requires no witness.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{Check, VerifyError};
use crate::bundle::trusted_root::TransparencyLog;
use crate::note::{
    Checkpoint, KeyId, KeyName, MAX_NOTE_BYTES, MAX_SIGNATURES, NoteSignature, NoteVerifier,
    SignerRole, VerifierKey,
};

fn err(detail: impl Into<String>) -> VerifyError {
    VerifyError::new(Check::Checkpoint, detail)
}

/// Which origin rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginRule {
    /// Rekor v2: the origin is the host of the log's `baseUrl`.
    Exact,
    /// Rekor v1: the origin is `<host> - <tree id>`.
    RekorV1,
}

/// The `host[:port]` part of a URL.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Verifies `envelope` (a signed checkpoint) with `log`'s key and returns its body.
///
/// # Errors
/// [`Check::Checkpoint`] naming what is malformed, missing or does not verify.
pub fn verify(
    envelope: &str,
    log: &TransparencyLog,
    rule: OriginRule,
) -> Result<Checkpoint, VerifyError> {
    // Resource bounds first (docs/LIMITS.md): each signature line of the log key costs a
    // verification.
    if envelope.len() > MAX_NOTE_BYTES {
        return Err(err(format!(
            "checkpoint of {} bytes exceeds the limit of {MAX_NOTE_BYTES} bytes",
            envelope.len()
        )));
    }
    let (text, signatures) = envelope
        .split_once("\n\n")
        .ok_or_else(|| err("no blank line between body and signatures"))?;
    let text = format!("{text}\n");
    // Rekor v1 names the log by the host and port of its URL (`localhost:8000`), v2 by the
    // host alone.
    let host = match rule {
        OriginRule::Exact => log.origin(),
        OriginRule::RekorV1 => authority(&log.base_url),
    };
    let hint = log
        .log_id
        .get(..4)
        .ok_or_else(|| err("the trusted log id is shorter than a key hint"))?;
    let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(&log.public_key)
        .map_err(|e| err(format!("log key: {e}")))?;
    // The log key's signature type decides what was signed (C2SP signed-note: 0x01 Ed25519
    // and 0x02 ECDSA sign the note text, 0x06 ML-DSA-44 the timestamped `subtree/v1` message,
    // 0xff pqlab's private construction), so the line is checked by the note verifier.
    let key_name = KeyName::new(host).map_err(|e| err(format!("log key name `{host}`: {e}")))?;
    let sig_type = SignerRole::Log.signature_type(algorithm);
    let verifier = VerifierKey::from_public_key(key_name.clone(), sig_type, algorithm, &key)
        .and_then(NoteVerifier::new)
        .map_err(|e| err(format!("log key: {e}")))?;
    let lines = signatures.lines().filter(|l| !l.is_empty()).count();
    if lines > MAX_SIGNATURES {
        return Err(err(format!(
            "{lines} signature lines exceed the limit of {MAX_SIGNATURES}"
        )));
    }
    let mut verified = false;
    for line in signatures.lines().filter(|l| !l.is_empty()) {
        let rest = line
            .strip_prefix("\u{2014} ")
            .ok_or_else(|| err(format!("signature line `{line}` does not start with `— `")))?;
        let (name, b64) = rest
            .split_once(' ')
            .ok_or_else(|| err(format!("signature line `{line}` has no signature")))?;
        let raw = STANDARD
            .decode(b64)
            .map_err(|_| err(format!("signature of `{name}` is not base64")))?;
        if name != host || raw.len() < 5 || &raw[..4] != hint {
            continue; // another key: ignored (signed-note §"Verification")
        }
        let mut key_id = [0u8; 4];
        key_id.copy_from_slice(&raw[..4]);
        let signature = NoteSignature {
            name: key_name.clone(),
            key_id: KeyId(key_id),
            signature: raw[4..].to_vec(),
        };
        verifier
            .verify(&text, &signature)
            .map_err(|e| err(format!("log signature of `{name}`: {e}")))?;
        verified = true;
    }
    if !verified {
        return Err(err(format!(
            "no signature by the log key `{host}` with key hint {}",
            hex::encode(hint)
        )));
    }
    let checkpoint = Checkpoint::parse(&text).map_err(|e| err(e.to_string()))?;
    let origin_ok = match rule {
        OriginRule::Exact => checkpoint.origin == host,
        OriginRule::RekorV1 => checkpoint
            .origin
            .strip_prefix(host)
            .and_then(|r| r.strip_prefix(" - "))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())),
    };
    if !origin_ok {
        return Err(err(format!(
            "origin `{}` is not the log's (`{host}`)",
            checkpoint.origin
        )));
    }
    Ok(checkpoint)
}

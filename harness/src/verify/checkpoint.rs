//! Checkpoint verification for bundles (c2sp.org/signed-note, c2sp.org/tlog-checkpoint;
//! FORMATS.md §0): the log's signature line is found by key name and key hint (the first
//! 4 bytes of the trusted root's `logId.keyId`), verified with the log key over the note text,
//! and the body's origin, size and root compared with the inclusion proof.
//!
//! Rekor v1 checkpoints name the log `<host> - <tree id>` in their origin line (and may carry
//! a `Timestamp:` extension line); the signature line's key name is the host alone. Rekor v2
//! checkpoints have the host as origin and key name. Lines of other keys (witness
//! cosignatures) are ignored unless a witness policy ([`Witnesses`], `witnesses.json`) is
//! given: then every line of a configured witness must verify and at least its threshold of
//! distinct witnesses must have cosigned (c2sp.org/tlog-cosignature).

use super::witnesses::Witnesses;
use super::{Check, VerifyError};
use crate::bundle::trusted_root::TransparencyLog;
use crate::note::{
    Checkpoint, KeyName, Note, NoteVerifier, SignatureType, SignerRole, VerifierKey,
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

/// The note verifier of a trusted log key named `name`. The key's signature type decides
/// what was signed (C2SP signed-note: 0x01 Ed25519 and 0x02 ECDSA sign the note text, 0x06
/// ML-DSA-44 the timestamped `subtree/v1` message, 0xff pqlab's private construction).
fn log_verifier(log: &TransparencyLog, name: &KeyName) -> Result<NoteVerifier, VerifyError> {
    let (algorithm, key) = pqlab_algorithms::encoding::parse_spki_der(&log.public_key)
        .map_err(|e| err(format!("log key: {e}")))?;
    let sig_type = SignerRole::Log.signature_type(algorithm);
    VerifierKey::from_public_key(name.clone(), sig_type, algorithm, &key)
        .and_then(NoteVerifier::new)
        .map_err(|e| err(format!("log key: {e}")))
}

/// The note verifiers of a trusted root's log keys, prepared once under the key names both
/// origin rules give, so that verifying a checkpoint does not decode the key and hash it
/// again. A key that cannot be prepared is left out: [`verify_with_keys`] then builds its
/// verifier and reports the error as [`verify`] does.
#[derive(Debug, Default)]
pub struct LogKeys {
    prepared: Vec<(Vec<u8>, NoteVerifier)>,
}

impl LogKeys {
    /// No key prepared.
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// Prepares every key of `logs`.
    #[must_use]
    pub fn prepare(logs: &[TransparencyLog]) -> Self {
        let mut prepared = Vec::new();
        for log in logs {
            for host in [log.origin(), authority(&log.base_url)] {
                let Ok(name) = KeyName::new(host) else {
                    continue;
                };
                let known = prepared.iter().any(|(id, v): &(Vec<u8>, NoteVerifier)| {
                    *id == log.log_id && *v.key().name() == name
                });
                if !known && let Ok(verifier) = log_verifier(log, &name) {
                    prepared.push((log.log_id.clone(), verifier));
                }
            }
        }
        Self { prepared }
    }

    /// `log`'s verifier under `name`: the prepared one, or one built now.
    fn get(&self, log: &TransparencyLog, name: &KeyName) -> Result<Held<'_>, VerifyError> {
        match self
            .prepared
            .iter()
            .find(|(id, v)| *id == log.log_id && v.key().name() == name)
        {
            Some((_, verifier)) => Ok(Held::Prepared(verifier)),
            None => log_verifier(log, name).map(Held::Built),
        }
    }
}

/// A log verifier, prepared beforehand or built for one checkpoint.
enum Held<'a> {
    Prepared(&'a NoteVerifier),
    Built(NoteVerifier),
}

impl std::ops::Deref for Held<'_> {
    type Target = NoteVerifier;

    fn deref(&self) -> &NoteVerifier {
        match self {
            Held::Prepared(v) => v,
            Held::Built(v) => v,
        }
    }
}

/// Verifies `envelope` (a signed checkpoint) with `log`'s key and returns its body; when
/// `witnesses` is given, its k-of-n cosignature policy must hold too. [`verify_with_keys`]
/// with no key prepared.
///
/// # Errors
/// As [`verify_with_keys`].
pub fn verify(
    envelope: &str,
    log: &TransparencyLog,
    other_keys: &[TransparencyLog],
    rule: OriginRule,
    witnesses: Option<&Witnesses>,
) -> Result<Checkpoint, VerifyError> {
    verify_with_keys(envelope, log, other_keys, rule, witnesses, &LogKeys::none())
}

/// Verifies `envelope` (a signed checkpoint) with `log`'s key, taken from `keys` when
/// prepared there, and returns its body; when `witnesses` is given, its k-of-n cosignature
/// policy must hold too.
///
/// The note must be well-formed (c2sp.org/signed-note: text, one blank line, signature
/// lines); `log`'s line must be present and verify; a line of another trusted key of the
/// same log (`other_keys` with `log`'s base URL: a dual-signed checkpoint, rekor-tiles #425)
/// or of a configured witness must verify when present; lines of unknown keys are ignored
/// (signed-note §"Verification").
///
/// # Errors
/// [`Check::Checkpoint`] naming what is malformed, missing or does not verify in the note or
/// the log's signature; [`Check::Cosignatures`] for a bad or missing witness cosignature.
pub fn verify_with_keys(
    envelope: &str,
    log: &TransparencyLog,
    other_keys: &[TransparencyLog],
    rule: OriginRule,
    witnesses: Option<&Witnesses>,
    keys: &LogKeys,
) -> Result<Checkpoint, VerifyError> {
    let note = Note::parse(envelope).map_err(|e| err(e.to_string()))?;
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
    let key_name = KeyName::new(host).map_err(|e| err(format!("log key name `{host}`: {e}")))?;
    let verifier = keys.get(log, &key_name)?;
    // Log keys first, so that a note whose log signature is gone fails as a checkpoint
    // failure before any witness line is looked at.
    let mut verified = false;
    for line in note.signatures.iter().filter(|l| l.name == key_name) {
        if line.key_id.0 == hint {
            verifier
                .verify(note.text(), line)
                .map_err(|e| err(format!("log signature of `{host}`: {e}")))?;
            verified = true;
        } else if let Some(other) = other_keys.iter().find(|t| {
            t.base_url == log.base_url
                && t.log_id != log.log_id
                && t.log_id.get(..4) == Some(&line.key_id.0[..])
        }) {
            keys.get(other, &key_name)?
                .verify(note.text(), line)
                .map_err(|e| {
                    err(format!(
                        "signature of `{host}` by its key {}: {e}",
                        hex::encode(line.key_id.0)
                    ))
                })?;
        }
    }
    if !verified {
        return Err(err(format!(
            "no signature by the log key `{host}` with key hint {}",
            hex::encode(hint)
        )));
    }
    let mut cosigned: Vec<&KeyName> = Vec::new();
    if let Some(policy) = witnesses {
        for line in &note.signatures {
            let Some(witness) = policy.find(line) else {
                continue; // another key: ignored
            };
            witness.verify(note.text(), line).map_err(|e| {
                VerifyError::new(
                    Check::Cosignatures,
                    format!("cosignature of `{}`: {e}", line.name),
                )
            })?;
            if !cosigned.contains(&&line.name) {
                cosigned.push(&line.name);
            }
        }
    }
    let checkpoint = Checkpoint::parse(note.text()).map_err(|e| err(e.to_string()))?;
    // A subtree/v1 signature (0x06, ML-DSA-44) covers the origin, size and root only
    // (c2sp.org/tlog-cosignature): extension lines would be unsigned text.
    if verifier.key().sig_type() == SignatureType::CosignatureMlDsa44
        && !checkpoint.extensions.is_empty()
    {
        return Err(err(
            "extension lines are not covered by the log's subtree/v1 (ML-DSA-44) signature",
        ));
    }
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
    if let Some(policy) = witnesses {
        policy.check_quorum(&checkpoint.origin, cosigned.len())?;
    }
    Ok(checkpoint)
}

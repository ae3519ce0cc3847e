//! Witness cosignature policy (c2sp.org/tlog-cosignature: a client trusts a checkpoint once
//! at least k of its n configured witnesses cosigned it).
//!
//! The protobuf-specs `TrustedRoot` has no field for witness keys, and strict protojson
//! parsers (sigstore-go's `protojson.Unmarshal`) refuse unknown fields, so pqlab publishes
//! witness keys in a separate file next to `trusted_root.json`, `witnesses.json`:
//!
//! ```json
//! {
//!   "mediaType": "application/vnd.dev.pqlab.witnesses.v0.1+json",
//!   "origin": "log.pqlab.example",
//!   "threshold": 2,
//!   "witnesses": ["witness-1.log.pqlab.example+1a2b3c4d+BASE64", "..."]
//! }
//! ```
//!
//! `origin` is the checkpoint origin of the log the policy applies to, `witnesses` are C2SP
//! signed-note verifier keys (`<name>+<hex key ID>+<base64(type ‖ public key)>`), and
//! `threshold` is k, between 1 and the number of distinct witness names.

use serde::{Deserialize, Serialize};

use super::{Check, VerifyError};
use crate::note::{NoteError, NoteSignature, NoteVerifier};

/// The media type of `witnesses.json`.
pub const WITNESSES_MEDIA_TYPE: &str = "application/vnd.dev.pqlab.witnesses.v0.1+json";

/// Largest `witnesses.json` accepted, in bytes.
pub const MAX_WITNESSES_BYTES: usize = 1 << 20;

/// Most witness keys in one policy (the signed-note line cap).
pub const MAX_WITNESS_KEYS: usize = crate::note::MAX_SIGNATURES;

/// What is wrong with a `witnesses.json`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WitnessesError {
    /// Larger than [`MAX_WITNESSES_BYTES`].
    #[error("witnesses file of {0} bytes exceeds the limit of {MAX_WITNESSES_BYTES} bytes")]
    TooLarge(usize),
    /// Not the JSON object described in the module documentation.
    #[error("malformed witnesses file: {0}")]
    Malformed(String),
    /// Another media type.
    #[error("unknown witnesses media type `{0}`")]
    UnknownMediaType(String),
    /// More keys than [`MAX_WITNESS_KEYS`].
    #[error("{0} witness keys, more than the limit of {MAX_WITNESS_KEYS}")]
    TooManyKeys(usize),
    /// A key that is not a signed-note verifier key.
    #[error("witness key {index}: {source}")]
    Key {
        /// Position in `witnesses`.
        index: usize,
        /// Why it does not parse.
        source: NoteError,
    },
    /// The same key listed twice.
    #[error("witness key {0} is listed twice")]
    DuplicateKey(usize),
    /// A threshold of 0 or above the number of distinct witnesses.
    #[error("threshold {threshold} is not between 1 and the {available} distinct witnesses")]
    Threshold {
        /// The threshold given.
        threshold: usize,
        /// Distinct witness names.
        available: usize,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawWitnesses {
    media_type: String,
    origin: String,
    threshold: usize,
    witnesses: Vec<String>,
}

/// Witness keys and a k-of-n policy for one log's checkpoints.
#[derive(Debug)]
pub struct Witnesses {
    origin: String,
    threshold: usize,
    keys: Vec<NoteVerifier>,
}

fn distinct_names(keys: &[NoteVerifier]) -> usize {
    let mut names: Vec<&str> = keys.iter().map(|k| k.key().name().as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

impl Witnesses {
    /// A policy for checkpoints of `origin`: at least `threshold` of the distinct witnesses
    /// of `keys`.
    ///
    /// # Errors
    /// [`WitnessesError::Threshold`], [`WitnessesError::TooManyKeys`] or
    /// [`WitnessesError::DuplicateKey`].
    pub fn new(
        origin: &str,
        threshold: usize,
        keys: Vec<NoteVerifier>,
    ) -> Result<Self, WitnessesError> {
        if keys.len() > MAX_WITNESS_KEYS {
            return Err(WitnessesError::TooManyKeys(keys.len()));
        }
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].iter().any(|k| k.key() == key.key()) {
                return Err(WitnessesError::DuplicateKey(i));
            }
        }
        let available = distinct_names(&keys);
        if threshold == 0 || threshold > available {
            return Err(WitnessesError::Threshold {
                threshold,
                available,
            });
        }
        Ok(Witnesses {
            origin: origin.to_owned(),
            threshold,
            keys,
        })
    }

    /// Parses a `witnesses.json`.
    ///
    /// # Errors
    /// [`WitnessesError`] naming what is wrong.
    pub fn parse(input: &[u8]) -> Result<Self, WitnessesError> {
        if input.len() > MAX_WITNESSES_BYTES {
            return Err(WitnessesError::TooLarge(input.len()));
        }
        let raw: RawWitnesses =
            serde_json::from_slice(input).map_err(|e| WitnessesError::Malformed(e.to_string()))?;
        if raw.media_type != WITNESSES_MEDIA_TYPE {
            return Err(WitnessesError::UnknownMediaType(raw.media_type));
        }
        if raw.witnesses.len() > MAX_WITNESS_KEYS {
            return Err(WitnessesError::TooManyKeys(raw.witnesses.len()));
        }
        let keys = raw
            .witnesses
            .iter()
            .enumerate()
            .map(|(index, vkey)| {
                NoteVerifier::from_vkey(vkey)
                    .map_err(|source| WitnessesError::Key { index, source })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Witnesses::new(&raw.origin, raw.threshold, keys)
    }

    /// The JSON form ([`Witnesses::parse`] reads it back).
    #[must_use]
    pub fn to_json(&self) -> String {
        let raw = RawWitnesses {
            media_type: WITNESSES_MEDIA_TYPE.to_owned(),
            origin: self.origin.clone(),
            threshold: self.threshold,
            witnesses: self.keys.iter().map(|k| k.key().to_string()).collect(),
        };
        // Serialising strings and an integer cannot fail.
        serde_json::to_string_pretty(&raw).unwrap_or_default()
    }

    /// The log origin the policy applies to.
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// k.
    #[must_use]
    pub fn threshold(&self) -> usize {
        self.threshold
    }

    /// The configured key a signature line claims to be from (by name and key ID).
    #[must_use]
    pub fn find(&self, line: &NoteSignature) -> Option<&NoteVerifier> {
        self.keys.iter().find(|k| k.matches(line))
    }

    /// At least [`Witnesses::threshold`] distinct witnesses cosigned a checkpoint of
    /// `origin`.
    ///
    /// # Errors
    /// [`Check::Cosignatures`] for another log's checkpoint or too few cosignatures.
    pub fn check_quorum(&self, origin: &str, cosigned: usize) -> Result<(), VerifyError> {
        if origin != self.origin {
            return Err(VerifyError::new(
                Check::Cosignatures,
                format!(
                    "the witness policy is for log `{}`, the checkpoint is of `{origin}`",
                    self.origin
                ),
            ));
        }
        if cosigned < self.threshold {
            return Err(VerifyError::new(
                Check::Cosignatures,
                format!(
                    "{cosigned} of the required {} witness cosignatures verified",
                    self.threshold
                ),
            ));
        }
        Ok(())
    }
}

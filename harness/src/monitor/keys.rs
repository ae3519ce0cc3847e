//! The log keys a monitor verifies checkpoints with: the log entries of a Sigstore
//! `trusted_root.json` (`tlogs[]`: SPKI, `logId.keyId`, origin = host of `baseUrl`,
//! FORMATS.md §0, §5), or C2SP verifier keys (`name+id+key`, c2sp.org/signed-note) as
//! `pqlab log init` prints them. Both implement [`CheckpointAuthority`] (verify only).
//!
//! With a trusted root, every tlog key of the log's origin must sign the checkpoint (a
//! dual-signed checkpoint, rekor-tiles #425, is checked with its classical and its
//! post-quantum key); rekor-monitor picks one key by the checkpoint's key ID instead.

use crate::bundle::trusted_root::{TransparencyLog, TrustedRoot};
use crate::log::CheckpointAuthority;
use crate::log::authority::PublishedKeys;
use crate::log::error::AuthorityError;
use crate::verify::checkpoint::{OriginRule, verify};

/// Keys that cannot verify this log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeysError {
    /// The trusted root has no log with this origin.
    #[error("the trusted root has no transparency log with origin {0:?}")]
    NoLogForOrigin(String),
    /// The trusted root's logs have several origins and none was chosen.
    #[error("the trusted root has logs with several origins ({0}); name one with --origin")]
    AmbiguousOrigin(String),
    /// No key was given.
    #[error("no log key: give a trusted root or a verifier key")]
    NoKey,
    /// A verifier key that does not parse or verify.
    #[error("verifier key: {0}")]
    VerifierKey(#[source] AuthorityError),
}

/// A verify-only authority over the tlog keys of one origin in a trusted root.
#[derive(Debug, Clone)]
pub struct TrustedRootKeys {
    origin: String,
    logs: Vec<TransparencyLog>,
}

/// A verify-only authority was asked to sign.
#[derive(Debug, thiserror::Error)]
#[error("a monitor holds public keys only and cannot sign checkpoints")]
struct VerifyOnly;

impl TrustedRootKeys {
    /// The keys of `origin` in `root` (default: the only origin the root's logs have).
    ///
    /// # Errors
    /// [`KeysError::NoLogForOrigin`] or [`KeysError::AmbiguousOrigin`].
    pub fn new(root: &TrustedRoot, origin: Option<&str>) -> Result<Self, KeysError> {
        let origin = match origin {
            Some(o) => o.to_owned(),
            None => {
                let mut origins: Vec<&str> =
                    root.tlogs.iter().map(TransparencyLog::origin).collect();
                origins.sort_unstable();
                origins.dedup();
                match origins.as_slice() {
                    [] => return Err(KeysError::NoKey),
                    [one] => (*one).to_owned(),
                    many => return Err(KeysError::AmbiguousOrigin(many.join(", "))),
                }
            }
        };
        let logs: Vec<TransparencyLog> = root
            .tlogs
            .iter()
            .filter(|l| l.origin() == origin)
            .cloned()
            .collect();
        if logs.is_empty() {
            return Err(KeysError::NoLogForOrigin(origin));
        }
        Ok(Self { origin, logs })
    }

    /// How many keys must sign.
    #[must_use]
    pub fn key_count(&self) -> usize {
        self.logs.len()
    }
}

impl CheckpointAuthority for TrustedRootKeys {
    fn origin(&self) -> &str {
        &self.origin
    }

    fn sign(&self, _body: &str) -> Result<String, AuthorityError> {
        Err(Box::new(VerifyOnly))
    }

    fn verify(&self, note: &str) -> Result<String, AuthorityError> {
        for log in &self.logs {
            verify(note, log, &[], OriginRule::Exact, None)?;
        }
        let (text, _) = note
            .split_once("\n\n")
            .ok_or("no blank line between body and signatures")?;
        Ok(format!("{text}\n"))
    }
}

/// The log's keys from C2SP verifier keys (the origin is the first key's name).
///
/// # Errors
/// [`KeysError::NoKey`] or [`KeysError::VerifierKey`].
pub fn from_vkeys(vkeys: &[String]) -> Result<PublishedKeys, KeysError> {
    let first = vkeys.first().ok_or(KeysError::NoKey)?;
    let origin = first.split('+').next().unwrap_or_default();
    PublishedKeys::new(origin, vkeys, &[], 0).map_err(KeysError::VerifierKey)
}

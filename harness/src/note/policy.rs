//! Verifying a signed checkpoint: the log's signature, the origin, and a k-of-n witness policy
//! (c2sp.org/tlog-checkpoint §"Signed note", c2sp.org/tlog-cosignature: clients verify a quorum
//! of cosignatures).

use super::{Checkpoint, KeyName, Note, NoteError, NoteVerifier, VerifiedNote, VerifierSet};

/// How many of the configured witnesses must have cosigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WitnessPolicy {
    /// The threshold k (0: witnesses optional, as Rekor v2 clients treat them today).
    pub required: usize,
}

impl WitnessPolicy {
    /// No witness required.
    pub const NONE: WitnessPolicy = WitnessPolicy { required: 0 };

    /// At least `required` distinct witnesses.
    #[must_use]
    pub fn at_least(required: usize) -> Self {
        WitnessPolicy { required }
    }
}

/// A checkpoint whose signatures satisfied the policy.
#[derive(Debug, Clone)]
pub struct VerifiedCheckpoint {
    /// The parsed body.
    pub checkpoint: Checkpoint,
    /// The signature check, with every verified line.
    pub signatures: VerifiedNote,
    /// Names of the witnesses whose cosignatures verified, each once, sorted.
    pub witnesses: Vec<KeyName>,
}

/// Verifies signed checkpoints of one log: its origin, its key(s), its witnesses and a policy.
#[derive(Debug)]
pub struct CheckpointVerifier {
    origin: String,
    log_keys: usize,
    keys: VerifierSet,
    policy: WitnessPolicy,
}

impl CheckpointVerifier {
    /// A verifier for checkpoints with `origin`, signed by any of `log_keys` (a log may rotate
    /// or dual-sign, e.g. Ed25519 + ML-DSA-44) and cosigned by at least `policy.required` of
    /// `witnesses`.
    ///
    /// # Errors
    /// [`NoteError::InvalidPolicy`] when there are fewer witnesses than the threshold or no
    /// log key.
    pub fn new(
        origin: &str,
        log_keys: Vec<NoteVerifier>,
        witnesses: Vec<NoteVerifier>,
        policy: WitnessPolicy,
    ) -> Result<Self, NoteError> {
        if policy.required > witnesses.len() || log_keys.is_empty() {
            return Err(NoteError::InvalidPolicy {
                required: policy.required,
                available: witnesses.len(),
            });
        }
        let log_count = log_keys.len();
        let mut all = log_keys;
        all.extend(witnesses);
        Ok(CheckpointVerifier {
            origin: origin.to_owned(),
            log_keys: log_count,
            keys: VerifierSet::new(all),
            policy,
        })
    }

    /// The expected origin.
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The policy.
    #[must_use]
    pub fn policy(&self) -> WitnessPolicy {
        self.policy
    }

    /// Parses and verifies a signed checkpoint. Checks, in order: note syntax; every line of
    /// a known key verifies (unknown lines ignored); a log key signed; the body is a valid
    /// checkpoint; its origin is the expected one; the witness threshold is met.
    ///
    /// # Errors
    /// The [`NoteError`] of the first check that failed.
    pub fn verify(&self, signed: &str) -> Result<VerifiedCheckpoint, NoteError> {
        let note = Note::parse(signed)?;
        self.verify_note(&note)
    }

    /// As [`CheckpointVerifier::verify`] for a parsed note.
    ///
    /// # Errors
    /// As [`CheckpointVerifier::verify`].
    pub fn verify_note(&self, note: &Note) -> Result<VerifiedCheckpoint, NoteError> {
        let signatures = self.keys.check(note)?;
        let (log, witnesses) = self.keys.verifiers().split_at(self.log_keys);
        let signed_by = |v: &NoteVerifier| {
            signatures
                .verified
                .iter()
                .any(|s| s.name == *v.key().name() && s.key_id == v.key_id())
        };
        if !log.iter().any(signed_by) {
            return Err(NoteError::MissingLogSignature {
                name: log
                    .iter()
                    .map(|v| v.key().name().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let checkpoint = Checkpoint::parse(note.text())?;
        if checkpoint.origin != self.origin {
            return Err(NoteError::OriginMismatch {
                expected: self.origin.clone(),
                found: checkpoint.origin,
            });
        }
        let mut names: Vec<KeyName> = witnesses
            .iter()
            .filter(|v| signed_by(v))
            .map(|v| v.key().name().clone())
            .collect();
        names.sort();
        names.dedup();
        if names.len() < self.policy.required {
            return Err(NoteError::InsufficientWitnesses {
                required: self.policy.required,
                verified: names.len(),
            });
        }
        Ok(VerifiedCheckpoint {
            checkpoint,
            signatures,
            witnesses: names,
        })
    }
}

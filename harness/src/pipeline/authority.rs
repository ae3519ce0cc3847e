//! The instance's checkpoint authority: one or more log keys (a dual-signed checkpoint has
//! one signature line per key, rekor-tiles #425/#879) followed by every witness's
//! cosignature (c2sp.org/tlog-cosignature), all timestamped with the sign's clock time.

use crate::log::CheckpointAuthority;
use crate::log::error::AuthorityError;
use crate::note::{
    Checkpoint, CheckpointVerifier, Note, NoteError, NoteSigner, NoteVerifier, WitnessPolicy,
};

/// Log signers, witness signers and the verifier that requires every witness.
#[derive(Debug)]
pub(super) struct InstanceAuthority {
    origin: String,
    logs: Vec<NoteSigner>,
    witnesses: Vec<NoteSigner>,
    verifier: CheckpointVerifier,
    time: u64,
}

impl InstanceAuthority {
    /// An authority whose signatures carry `time` (POSIX seconds).
    pub(super) fn new(
        origin: &str,
        logs: Vec<NoteSigner>,
        witnesses: Vec<NoteSigner>,
        time: u64,
    ) -> Result<Self, NoteError> {
        let verifiers = |signers: &[NoteSigner]| {
            signers
                .iter()
                .map(|s| NoteVerifier::new(s.verifier_key().clone()))
                .collect::<Result<Vec<_>, _>>()
        };
        let verifier = CheckpointVerifier::new(
            origin,
            verifiers(&logs)?,
            verifiers(&witnesses)?,
            WitnessPolicy::at_least(witnesses.len()),
        )?;
        Ok(InstanceAuthority {
            origin: origin.to_owned(),
            logs,
            witnesses,
            verifier,
            time,
        })
    }

    /// The log signers, in profile order (the first one's key hash is the bundle's `logId`).
    pub(super) fn logs(&self) -> &[NoteSigner] {
        &self.logs
    }

    /// The witness signers, in profile order.
    pub(super) fn witnesses(&self) -> &[NoteSigner] {
        &self.witnesses
    }
}

impl CheckpointAuthority for InstanceAuthority {
    fn origin(&self) -> &str {
        &self.origin
    }

    fn sign(&self, body: &str) -> Result<String, AuthorityError> {
        let checkpoint = Checkpoint::parse(body)?;
        if checkpoint.origin != self.origin {
            return Err(Box::new(NoteError::OriginMismatch {
                expected: self.origin.clone(),
                found: checkpoint.origin,
            }));
        }
        let mut note = Note::new(body)?;
        for signer in self.logs.iter().chain(&self.witnesses) {
            note.add_signature(signer.sign(body, self.time)?)?;
        }
        Ok(note.serialize())
    }

    fn verify(&self, note: &str) -> Result<String, AuthorityError> {
        let verified = self.verifier.verify(note)?;
        Ok(verified.signatures.note.text().to_owned())
    }
}

//! The note module's signers and verifiers as the log's [`CheckpointAuthority`]: a signing
//! [`LogAuthority`] (log key plus witnesses) and a verify-only [`PublishedKeys`] built from
//! public verifier keys (what `pqlab log verify` and any client hold).

use crate::note::{CheckpointVerifier, LogAuthority, NoteVerifier, VerifierKey, WitnessPolicy};

use super::checkpoint::CheckpointAuthority;
use super::error::AuthorityError;

impl CheckpointAuthority for LogAuthority {
    fn origin(&self) -> &str {
        LogAuthority::origin(self)
    }

    fn sign(&self, body: &str) -> Result<String, AuthorityError> {
        Ok(self.sign_checkpoint(body)?)
    }

    fn verify(&self, note: &str) -> Result<String, AuthorityError> {
        Ok(self.verify_checkpoint(note)?)
    }
}

/// Verifies checkpoints with public keys only; it cannot sign.
#[derive(Debug)]
pub struct PublishedKeys {
    verifier: CheckpointVerifier,
}

/// A verify-only authority was asked to sign.
#[derive(Debug, thiserror::Error)]
#[error("this authority holds public keys only and cannot sign checkpoints")]
pub struct VerifyOnly;

impl PublishedKeys {
    /// From the log's verifier keys (`name+id+key`), the witnesses' and the k-of-n policy.
    ///
    /// # Errors
    /// A malformed verifier key, an unknown algorithm or an impossible policy.
    pub fn new(
        origin: &str,
        log_vkeys: &[String],
        witness_vkeys: &[String],
        required: usize,
    ) -> Result<Self, AuthorityError> {
        let parse = |vkeys: &[String]| -> Result<Vec<NoteVerifier>, AuthorityError> {
            vkeys
                .iter()
                .map(|v| Ok(NoteVerifier::new(VerifierKey::parse(v)?)?))
                .collect()
        };
        let verifier = CheckpointVerifier::new(
            origin,
            parse(log_vkeys)?,
            parse(witness_vkeys)?,
            WitnessPolicy::at_least(required),
        )?;
        Ok(Self { verifier })
    }
}

impl CheckpointAuthority for PublishedKeys {
    fn origin(&self) -> &str {
        self.verifier.origin()
    }

    fn sign(&self, _body: &str) -> Result<String, AuthorityError> {
        Err(Box::new(VerifyOnly))
    }

    fn verify(&self, note: &str) -> Result<String, AuthorityError> {
        let verified = self.verifier.verify(note)?;
        Ok(verified.signatures.note.text().to_owned())
    }
}

//! The checkpoint authority of a simulated log: the log's signer, its witnesses' signers, and
//! the verifier clients would configure. It has the shape of the log's
//! `CheckpointAuthority` trait (`origin`, `sign`, `verify`).

use std::time::{SystemTime, UNIX_EPOCH};

use super::checkpoint::validate_new_origin;
use super::{
    Checkpoint, CheckpointVerifier, Note, NoteError, NoteSigner, NoteVerifier, SignerRole,
    WitnessPolicy,
};

/// Where cosignature timestamps come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock (POSIX seconds).
    System,
    /// A fixed time, for reproducible runs and tests.
    Fixed(u64),
}

impl Clock {
    /// The current POSIX time in seconds.
    #[must_use]
    pub fn now(self) -> u64 {
        match self {
            Clock::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            Clock::Fixed(t) => t,
        }
    }
}

/// Signs checkpoints with the log key and every witness, and verifies them under a k-of-n
/// witness policy.
#[derive(Debug)]
pub struct LogAuthority {
    origin: String,
    log: NoteSigner,
    witnesses: Vec<NoteSigner>,
    verifier: CheckpointVerifier,
    clock: Clock,
}

impl LogAuthority {
    /// An authority for the log `origin`. The log signer's key name must be the origin
    /// (sigstore clients look the key up by it); witnesses are expected in the
    /// [`SignerRole::Witness`] role.
    ///
    /// # Errors
    /// [`NoteError::InvalidOrigin`], [`NoteError::InvalidPolicy`], or a key name that is not
    /// the origin ([`NoteError::InvalidKeyName`]).
    pub fn new(
        origin: &str,
        log: NoteSigner,
        witnesses: Vec<NoteSigner>,
        policy: WitnessPolicy,
        clock: Clock,
    ) -> Result<Self, NoteError> {
        validate_new_origin(origin)?;
        if log.name().as_str() != origin {
            return Err(NoteError::InvalidKeyName {
                name: log.name().to_string(),
                reason: "the log key name must equal the origin",
            });
        }
        let log_key = NoteVerifier::new(log.verifier_key().clone())?;
        let witness_keys = witnesses
            .iter()
            .map(|w| NoteVerifier::new(w.verifier_key().clone()))
            .collect::<Result<Vec<_>, _>>()?;
        let verifier = CheckpointVerifier::new(origin, vec![log_key], witness_keys, policy)?;
        Ok(LogAuthority {
            origin: origin.to_owned(),
            log,
            witnesses,
            verifier,
            clock,
        })
    }

    /// A log key of `log_algorithm` named `origin` and one witness per entry of
    /// `witness_algorithms` (named `witness-<i>.<origin>`, i from 1), all keys derived from
    /// `seed` (the log key from `seed`, witness i from `seed.rotate_left(32) ^ i`).
    ///
    /// # Errors
    /// As [`NoteSigner::generate`] and [`LogAuthority::new`].
    pub fn generate(
        origin: &str,
        log_algorithm: &str,
        witness_algorithms: &[&str],
        policy: WitnessPolicy,
        clock: Clock,
        seed: u64,
    ) -> Result<Self, NoteError> {
        validate_new_origin(origin)?;
        let log = NoteSigner::generate(
            log_algorithm,
            super::KeyName::new(origin)?,
            SignerRole::Log,
            seed,
        )?;
        let witnesses = witness_algorithms
            .iter()
            .zip(1u64..)
            .map(|(alg, i)| {
                NoteSigner::generate(
                    alg,
                    super::KeyName::new(&format!("witness-{i}.{origin}"))?,
                    SignerRole::Witness,
                    seed.rotate_left(32) ^ i,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(origin, log, witnesses, policy, clock)
    }

    /// The log's origin (and log key name).
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The log signer.
    #[must_use]
    pub fn log_signer(&self) -> &NoteSigner {
        &self.log
    }

    /// The witness signers.
    #[must_use]
    pub fn witnesses(&self) -> &[NoteSigner] {
        &self.witnesses
    }

    /// The verifier clients configure (log key, witness keys, policy).
    #[must_use]
    pub fn verifier(&self) -> &CheckpointVerifier {
        &self.verifier
    }

    /// The Rekor v2 `logId.keyId`: the 32-byte hash of the log key.
    #[must_use]
    pub fn log_id(&self) -> [u8; 32] {
        self.log.verifier_key().key_hash()
    }

    /// Signs checkpoint `body` with the log key, then has every witness cosign it; returns
    /// the signed note.
    ///
    /// # Errors
    /// [`NoteError::MalformedCheckpoint`] or [`NoteError::OriginMismatch`] for a body that
    /// is not this log's checkpoint; signing errors.
    pub fn sign_checkpoint(&self, body: &str) -> Result<String, NoteError> {
        let checkpoint = Checkpoint::parse(body)?;
        if checkpoint.origin != self.origin {
            return Err(NoteError::OriginMismatch {
                expected: self.origin.clone(),
                found: checkpoint.origin,
            });
        }
        let now = self.clock.now();
        let mut note = Note::new(body)?;
        note.add_signature(self.log.sign(body, now)?)?;
        for witness in &self.witnesses {
            note.add_signature(witness.sign(body, now)?)?;
        }
        Ok(note.serialize())
    }

    /// Verifies a signed checkpoint against the log key and the witness policy; returns its
    /// body text.
    ///
    /// # Errors
    /// The [`NoteError`] of the check that failed.
    pub fn verify_checkpoint(&self, note: &str) -> Result<String, NoteError> {
        let verified = self.verifier.verify(note)?;
        Ok(verified.signatures.note.text().to_owned())
    }
}

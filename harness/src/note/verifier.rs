//! Verifying note signatures against a set of known keys (c2sp.org/signed-note
//! §"Verification": lines for unknown (name, key ID) pairs are ignored; a line for a known key
//! that does not verify rejects the note).

use pqlab_algorithms::PreparedVerifier;

use super::cosignature::signed_message;
use super::{KeyId, KeyName, Note, NoteError, NoteSignature, SignatureType, VerifierKey};

/// A verifier key with its public key decoded and its key ID computed once.
pub struct NoteVerifier {
    key: VerifierKey,
    key_id: KeyId,
    algorithm: &'static str,
    prepared: Box<dyn PreparedVerifier>,
}

impl std::fmt::Debug for NoteVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteVerifier")
            .field("vkey", &self.key.to_string())
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl NoteVerifier {
    /// Prepares `key` with its algorithm's default implementation.
    ///
    /// # Errors
    /// [`NoteError::Algorithm`] when the algorithm is not registered or the key does not
    /// decode.
    pub fn new(key: VerifierKey) -> Result<Self, NoteError> {
        let (algorithm, public) = key.algorithm()?;
        let prepared = algorithm
            .default_implementation()
            .prepare_verifier(&public)?;
        Ok(NoteVerifier {
            key_id: key.key_id(),
            key,
            algorithm: algorithm.info.id,
            prepared,
        })
    }

    /// Parses and prepares a vkey string.
    ///
    /// # Errors
    /// As [`VerifierKey::parse`] and [`NoteVerifier::new`].
    pub fn from_vkey(vkey: &str) -> Result<Self, NoteError> {
        Self::new(VerifierKey::parse(vkey)?)
    }

    /// The key.
    #[must_use]
    pub fn key(&self) -> &VerifierKey {
        &self.key
    }

    /// The key's ID (computed once).
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// The registry id of the key's algorithm.
    #[must_use]
    pub fn algorithm_id(&self) -> &'static str {
        self.algorithm
    }

    /// Whether `sig` claims to be from this key.
    #[must_use]
    pub fn matches(&self, sig: &NoteSignature) -> bool {
        sig.name == *self.key.name() && sig.key_id == self.key_id
    }

    /// Verifies one signature line over `text`; returns the cosignature timestamp for
    /// timestamped types.
    ///
    /// # Errors
    /// [`NoteError::InvalidSignature`] naming the key.
    pub fn verify(&self, text: &str, sig: &NoteSignature) -> Result<Option<u64>, NoteError> {
        let invalid = |reason: String| NoteError::InvalidSignature {
            name: self.key.name().to_string(),
            key_id: self.key_id,
            reason,
        };
        let sig_type = self.key.sig_type();
        let (timestamp, bytes) = if sig_type.is_timestamped() {
            if sig.signature.len() < 9 {
                return Err(invalid("shorter than timestamp and signature".to_owned()));
            }
            let (t, rest) = sig.signature.split_at(8);
            let mut be = [0u8; 8];
            be.copy_from_slice(t);
            let t = u64::from_be_bytes(be);
            if t > i64::MAX as u64 {
                return Err(invalid("timestamp exceeds 2^63 - 1".to_owned()));
            }
            (Some(t), rest)
        } else {
            (None, sig.signature.as_slice())
        };
        let message = signed_message(sig_type, self.key.name(), timestamp.unwrap_or(0), text)
            .map_err(|e| invalid(e.to_string()))?;
        self.prepared
            .verify(&message, &[], bytes)
            .map_err(|e| invalid(e.to_string()))?;
        Ok(timestamp)
    }
}

/// A signature line that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// Key name.
    pub name: KeyName,
    /// Key ID.
    pub key_id: KeyId,
    /// Signature type of the key.
    pub sig_type: SignatureType,
    /// The cosignature timestamp, for timestamped types.
    pub timestamp: Option<u64>,
}

/// The result of checking a note's signatures.
#[derive(Debug, Clone)]
pub struct VerifiedNote {
    /// The note.
    pub note: Note,
    /// One entry per distinct known key that signed, in line order.
    pub verified: Vec<VerifiedSignature>,
    /// Distinct signature lines from unknown keys (ignored; identical lines count once, as
    /// in Go `sumdb/note`).
    pub unverified: usize,
}

/// A set of verifier keys.
#[derive(Debug, Default)]
pub struct VerifierSet {
    verifiers: Vec<NoteVerifier>,
}

impl VerifierSet {
    /// A set of keys. Two keys with one (name, key ID) are allowed, but a note signed under
    /// that pair is rejected as ambiguous (Go `sumdb/note` does the same).
    #[must_use]
    pub fn new(verifiers: Vec<NoteVerifier>) -> Self {
        VerifierSet { verifiers }
    }

    /// Adds a key.
    pub fn push(&mut self, verifier: NoteVerifier) {
        self.verifiers.push(verifier);
    }

    /// The keys.
    #[must_use]
    pub fn verifiers(&self) -> &[NoteVerifier] {
        &self.verifiers
    }

    /// Checks every signature line of `note`: unknown keys are counted and skipped, repeated
    /// lines for one key are checked once, a known key's bad line is an error. An empty
    /// `verified` list is not an error here (see [`VerifierSet::verify`]).
    ///
    /// # Errors
    /// [`NoteError::AmbiguousKey`] or [`NoteError::InvalidSignature`].
    pub fn check(&self, note: &Note) -> Result<VerifiedNote, NoteError> {
        let mut verified: Vec<VerifiedSignature> = Vec::new();
        let mut unverified: Vec<&NoteSignature> = Vec::new();
        for sig in &note.signatures {
            let mut candidates = self.verifiers.iter().filter(|v| v.matches(sig));
            let Some(verifier) = candidates.next() else {
                if !unverified.contains(&sig) {
                    unverified.push(sig);
                }
                continue;
            };
            if candidates.next().is_some() {
                return Err(NoteError::AmbiguousKey {
                    name: sig.name.to_string(),
                    key_id: sig.key_id,
                });
            }
            let timestamp = verifier.verify(note.text(), sig)?;
            if verified
                .iter()
                .any(|v| v.name == sig.name && v.key_id == sig.key_id)
            {
                continue;
            }
            verified.push(VerifiedSignature {
                name: sig.name.clone(),
                key_id: sig.key_id,
                sig_type: verifier.key().sig_type(),
                timestamp,
            });
        }
        Ok(VerifiedNote {
            note: note.clone(),
            verified,
            unverified: unverified.len(),
        })
    }

    /// As [`VerifierSet::check`], and at least one known key must have signed.
    ///
    /// # Errors
    /// As [`VerifierSet::check`], plus [`NoteError::NoVerifiableSignatures`].
    pub fn verify(&self, note: &Note) -> Result<VerifiedNote, NoteError> {
        let result = self.check(note)?;
        if result.verified.is_empty() {
            return Err(NoteError::NoVerifiableSignatures);
        }
        Ok(result)
    }
}

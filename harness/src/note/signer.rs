//! Note signers for any registry algorithm, as a log key or as a witness (cosigner).

use std::sync::Mutex;

use pqlab_algorithms::rng::{SeededRng, seeded};
use pqlab_algorithms::{
    Algorithm, Family, MemoryStateStore, SecretKey, SignOptions, SignatureAlgorithm, registry,
};

use super::cosignature::signed_message;
use super::keys::{ED25519, ML_DSA_44};
use super::{KeyName, NoteError, NoteSignature, SignatureType, VerifierKey};

/// What a signer's signatures are for; it picks the signature type (module docs of
/// [`crate::note`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerRole {
    /// The log's own checkpoint signature: `0x01` Ed25519, `0x02` ECDSA, `0x06` ML-DSA-44,
    /// `0xff` `pqlab/<id>` otherwise.
    Log,
    /// A witness cosignature: `0x04` Ed25519, `0x06` ML-DSA-44, `0xff` `pqlab-cosignature/<id>`
    /// otherwise.
    Witness,
}

impl SignerRole {
    /// The signature type for `algorithm` in this role.
    #[must_use]
    pub fn signature_type(self, algorithm: &Algorithm) -> SignatureType {
        let info = algorithm.info;
        match (self, info.id, info.family) {
            (SignerRole::Log, ED25519, _) => SignatureType::Ed25519,
            (SignerRole::Log, _, Family::Ecdsa) => SignatureType::Ecdsa,
            (SignerRole::Witness, ED25519, _) => SignatureType::CosignatureEd25519,
            (_, ML_DSA_44, _) => SignatureType::CosignatureMlDsa44,
            (SignerRole::Log, _, _) => SignatureType::PrivateNote,
            (SignerRole::Witness, _, _) => SignatureType::PrivateCosignature,
        }
    }
}

struct SignerState {
    key: SecretKey,
    rng: SeededRng,
}

/// A note signing key: the algorithm's default implementation, the secret key (stateful keys
/// advance in memory) and a seeded RNG for hedged signatures.
pub struct NoteSigner {
    implementation: &'static dyn SignatureAlgorithm,
    verifier_key: VerifierKey,
    state: Mutex<SignerState>,
}

impl std::fmt::Debug for NoteSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteSigner")
            .field("algorithm", &self.implementation.info().id)
            .field("vkey", &self.verifier_key.to_string())
            .finish_non_exhaustive()
    }
}

impl NoteSigner {
    /// Generates a key for registry algorithm `algorithm_id`, deterministically from `seed`.
    ///
    /// # Errors
    /// [`NoteError::Algorithm`] for an unknown id or a failed key generation.
    pub fn generate(
        algorithm_id: &str,
        name: KeyName,
        role: SignerRole,
        seed: u64,
    ) -> Result<Self, NoteError> {
        let algorithm = registry::lookup(algorithm_id)?;
        let implementation = algorithm.default_implementation();
        let mut rng = seeded(seed);
        let pair = implementation.generate(&mut rng)?;
        Self::assemble(algorithm, name, role, pair.secret, &pair.public, rng)
    }

    /// A signer from an existing secret key (for example a published test key).
    ///
    /// # Errors
    /// [`NoteError::Algorithm`] for an unknown id or a key that does not decode.
    pub fn from_secret_key(
        algorithm_id: &str,
        name: KeyName,
        role: SignerRole,
        secret: SecretKey,
        seed: u64,
    ) -> Result<Self, NoteError> {
        let algorithm = registry::lookup(algorithm_id)?;
        let public = algorithm.default_implementation().public_key(&secret)?;
        Self::assemble(algorithm, name, role, secret, &public, seeded(seed))
    }

    fn assemble(
        algorithm: &'static Algorithm,
        name: KeyName,
        role: SignerRole,
        key: SecretKey,
        public: &[u8],
        rng: SeededRng,
    ) -> Result<Self, NoteError> {
        let sig_type = role.signature_type(algorithm);
        let verifier_key = VerifierKey::from_public_key(name, sig_type, algorithm, public)?;
        Ok(NoteSigner {
            implementation: algorithm.default_implementation(),
            verifier_key,
            state: Mutex::new(SignerState { key, rng }),
        })
    }

    /// The public verifier key.
    #[must_use]
    pub fn verifier_key(&self) -> &VerifierKey {
        &self.verifier_key
    }

    /// The key name.
    #[must_use]
    pub fn name(&self) -> &KeyName {
        self.verifier_key.name()
    }

    /// The registry id of the algorithm.
    #[must_use]
    pub fn algorithm_id(&self) -> &'static str {
        self.implementation.info().id
    }

    /// Signs note `text`. `timestamp` (POSIX seconds, at most 2^63 - 1) is used only by
    /// timestamped types.
    ///
    /// # Errors
    /// [`NoteError::MalformedCheckpoint`] when a `0x06` signer is given a text that is not a
    /// checkpoint; [`NoteError::Algorithm`] when signing fails (an exhausted stateful key).
    pub fn sign(&self, text: &str, timestamp: u64) -> Result<NoteSignature, NoteError> {
        let sig_type = self.verifier_key.sig_type();
        if sig_type.is_timestamped() && timestamp > i64::MAX as u64 {
            return Err(NoteError::InvalidSignature {
                name: self.name().to_string(),
                key_id: self.verifier_key.key_id(),
                reason: "timestamp exceeds 2^63 - 1".to_owned(),
            });
        }
        let message = signed_message(sig_type, self.name(), timestamp, text)?;
        let mut guard = self.state.lock().map_err(|_| NoteError::Poisoned)?;
        let SignerState { key, rng } = &mut *guard;
        let sig = self.implementation.sign_stateful(
            key,
            &mut MemoryStateStore,
            &message,
            SignOptions::default(),
            rng,
        )?;
        drop(guard);
        let signature = if sig_type.is_timestamped() {
            let mut out = Vec::with_capacity(8 + sig.len());
            out.extend_from_slice(&timestamp.to_be_bytes());
            out.extend_from_slice(&sig);
            out
        } else {
            sig
        };
        Ok(NoteSignature {
            name: self.name().clone(),
            key_id: self.verifier_key.key_id(),
            signature,
        })
    }
}

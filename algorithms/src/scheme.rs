//! The object-safe trait every implementation provides, and the byte-level key types.

use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::{AlgorithmInfo, Error, Implementation};

/// A secret key as bytes in the algorithm's storage encoding (see [`crate::Sizes`]). Zeroed on
/// drop. For stateful algorithms the bytes include the key's state.
#[derive(Clone)]
pub struct SecretKey(Zeroizing<Vec<u8>>);

impl SecretKey {
    /// Wraps key bytes.
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretKey(Zeroizing::new(bytes))
    }

    /// The key bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Replaces the key bytes (stateful algorithms advancing their state).
    pub fn replace(&mut self, bytes: Vec<u8>) {
        self.0 = Zeroizing::new(bytes);
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey({} bytes, redacted)", self.0.len())
    }
}

/// A freshly generated key pair.
#[derive(Debug, Clone)]
pub struct KeyPair {
    /// The raw public key (the content of the SPKI BIT STRING).
    pub public: Vec<u8>,
    /// The secret key.
    pub secret: SecretKey,
}

/// How to sign.
#[derive(Debug, Clone, Copy, Default)]
pub struct SignOptions<'a> {
    /// FIPS 204/205 context string (at most 255 bytes); must be empty for algorithms without
    /// one.
    pub context: &'a [u8],
    /// Sign deterministically (FIPS 204 deterministic variant, RFC 6979 for ECDSA) instead of
    /// hedged with randomness from the RNG.
    pub deterministic: bool,
}

/// Persists the advanced state of a stateful key. The signer calls [`StateStore::persist`]
/// with the new secret-key bytes *before* it releases the signature; if persisting fails, the
/// signature is dropped.
pub trait StateStore {
    /// Durably stores the new key state.
    ///
    /// # Errors
    /// Whatever kept the state from being stored.
    fn persist(&mut self, new_state: &[u8])
    -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
}

/// A store that keeps nothing: for keys that live only in memory (benchmarks, tests).
#[derive(Debug, Default, Clone, Copy)]
pub struct MemoryStateStore;

impl StateStore for MemoryStateStore {
    fn persist(
        &mut self,
        _new_state: &[u8],
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(())
    }
}

/// A public key decoded once, for repeated verification (decoding an ML-DSA key costs about
/// as much as a verification).
pub trait PreparedVerifier: Send + Sync {
    /// Verifies `signature` over `message` with `context`.
    ///
    /// # Errors
    /// [`Error::MalformedSignature`] or [`Error::VerificationFailed`].
    fn verify(&self, message: &[u8], context: &[u8], signature: &[u8]) -> Result<(), Error>;
}

/// One implementation of one signature algorithm, over bytes.
///
/// Implementations are zero-sized statics listed in the [`crate::registry`]. All methods
/// validate their inputs: malformed keys and signatures return typed errors, never panic.
pub trait SignatureAlgorithm: Send + Sync {
    /// The algorithm this implements.
    fn info(&self) -> &'static AlgorithmInfo;

    /// Which implementation this is.
    fn implementation(&self) -> &'static Implementation;

    /// Generates a key pair from `rng` (deterministic for a seeded RNG).
    ///
    /// # Errors
    /// [`Error::Backend`] if the implementation fails.
    fn generate(&self, rng: &mut dyn CryptoRng) -> Result<KeyPair, Error>;

    /// Signs `message` with a stateless key. Hedged signing draws from `rng`.
    ///
    /// # Errors
    /// Invalid key, unsupported option, or [`Error::StatefulKeyRequiresStore`] for stateful
    /// algorithms.
    fn sign(
        &self,
        key: &SecretKey,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error>;

    /// Signs with any key, stateful or not: a stateful implementation advances `key`, calls
    /// `store.persist` with the new state and only then returns the signature. Stateless
    /// implementations sign as [`SignatureAlgorithm::sign`] does and never touch `store`.
    ///
    /// # Errors
    /// As [`SignatureAlgorithm::sign`], plus [`Error::KeyExhausted`] and
    /// [`Error::StatePersistence`].
    fn sign_stateful(
        &self,
        key: &mut SecretKey,
        store: &mut dyn StateStore,
        message: &[u8],
        options: SignOptions<'_>,
        rng: &mut dyn CryptoRng,
    ) -> Result<Vec<u8>, Error> {
        let _ = store;
        self.sign(key, message, options, rng)
    }

    /// Decodes `public_key` once for repeated verification.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`].
    fn prepare_verifier(&self, public_key: &[u8]) -> Result<Box<dyn PreparedVerifier>, Error>;

    /// Verifies `signature` over `message`.
    ///
    /// # Errors
    /// [`Error::InvalidPublicKey`], [`Error::MalformedSignature`] or
    /// [`Error::VerificationFailed`].
    fn verify(
        &self,
        public_key: &[u8],
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        self.prepare_verifier(public_key)?
            .verify(message, context, signature)
    }

    /// Derives the public key from a secret key, when the encoding allows it.
    ///
    /// # Errors
    /// [`Error::InvalidSecretKey`].
    fn public_key(&self, key: &SecretKey) -> Result<Vec<u8>, Error>;
}

/// Checks the context length rule shared by FIPS 204 and FIPS 205, and that algorithms without
/// context strings get an empty one.
///
/// # Errors
/// [`Error::ContextTooLong`] or [`Error::Unsupported`].
pub fn check_context(imp: &dyn SignatureAlgorithm, context: &[u8]) -> Result<(), Error> {
    if context.len() > 255 {
        return Err(Error::ContextTooLong { len: context.len() });
    }
    let limited = imp
        .implementation()
        .limitations
        .contains(&crate::Limitation::NoContextString);
    if !context.is_empty() && (!imp.info().supports_context || limited) {
        return Err(Error::Unsupported {
            algorithm: imp.info().id,
            implementation: imp.implementation().id,
            limitation: crate::Limitation::NoContextString,
        });
    }
    Ok(())
}

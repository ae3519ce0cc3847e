//! A signing key in a file, as `pqlab key` keeps it: JSON `{"algorithm", "publicKey",
//! "secretKey"}` (keys in base64, the secret in the algorithm's storage encoding), mode 0600.
//!
//! Stateful keys (LMS/HSS, RFC 8554; NIST SP 800-208 §8.1 forbids reusing a one-time key)
//! carry their state in the secret key, so the file is rewritten after every signature, and
//! the signature is handed out only after that rewrite is durable: a new file is written
//! beside the key, fsynced, renamed over the key and the directory fsynced
//! ([`write_atomically`]). A signer killed at any point therefore leaves either the old state
//! (no signature was released for the one-time key it was about to use) or the advanced one;
//! a one-time key is never used twice. The cost is that a kill after the rename but before
//! the signature is printed burns that one-time key.
//!
//! While a [`KeySigner`] lives it holds an exclusive lock on `FILE.lock`, so two signers on
//! one key file never sign from the same state.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::rand_core::SeedableRng;
use pqlab_algorithms::rng::SeededRng;
use pqlab_algorithms::{
    AlgorithmInfo, SecretKey, SignOptions, SignatureAlgorithm, StateStore, registry,
};
use serde::{Deserialize, Serialize};

use crate::lockfile::{ExclusiveLock, LockError};

/// A key file that cannot be created, read or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The key file is not valid JSON of the expected shape.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: serde_json::Error,
    },
    /// A key in the file is not valid base64.
    #[error("{path}: {field} is not base64: {source}")]
    Base64 {
        /// The file.
        path: PathBuf,
        /// The JSON field.
        field: &'static str,
        /// The error.
        #[source]
        source: base64::DecodeError,
    },
    /// The key file already exists (`generate` never overwrites a key).
    #[error("{0} already exists")]
    Exists(PathBuf),
    /// Another process holds the key file's lock.
    #[error("{0} is locked by another signer")]
    Locked(PathBuf),
    /// The algorithm refused (unknown id, invalid key, exhausted stateful key, ...).
    #[error("{0}")]
    Algorithm(#[from] pqlab_algorithms::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyFileError + '_ {
    move |source| KeyFileError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The JSON form of a key file.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Stored {
    /// `ID@IMPLEMENTATION`, as `registry::lookup_implementation` reads it.
    algorithm: String,
    public_key: String,
    secret_key: String,
}

fn encode(
    path: &Path,
    algorithm: &str,
    public_key: &[u8],
    secret: &[u8],
) -> Result<Vec<u8>, KeyFileError> {
    let stored = Stored {
        algorithm: algorithm.to_owned(),
        public_key: STANDARD.encode(public_key),
        secret_key: STANDARD.encode(secret),
    };
    let mut bytes = serde_json::to_vec_pretty(&stored).map_err(|source| KeyFileError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Replaces `path` with `bytes` durably and atomically, mode 0600 (see
/// [`crate::durable::replace_file`]).
///
/// # Errors
/// [`KeyFileError::Io`]; `path` then still holds its old bytes (unless only the final
/// directory fsync failed).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), KeyFileError> {
    crate::durable::replace_file(path, bytes, 0o600)
        .map_err(|(path, source)| KeyFileError::Io { path, source })
}

/// 32 bytes from the operating system.
fn os_seed() -> Result<[u8; 32], KeyFileError> {
    let path = Path::new("/dev/urandom");
    let mut seed = [0u8; 32];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(io(path))?;
    Ok(seed)
}

/// A generated key: its algorithm and public key.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The key's algorithm.
    pub info: &'static AlgorithmInfo,
    /// The raw public key.
    pub public_key: Vec<u8>,
}

/// Generates a key for `algorithm` (`ID` or `ID@IMPLEMENTATION`) with randomness from the
/// operating system and writes it to `path`, which must not exist.
///
/// # Errors
/// [`KeyFileError::Exists`], an unknown algorithm, key generation or I/O errors.
pub fn generate(algorithm: &str, path: &Path) -> Result<Generated, KeyFileError> {
    let implementation = registry::lookup_implementation(algorithm)?;
    if path.exists() {
        return Err(KeyFileError::Exists(path.to_path_buf()));
    }
    let pair = implementation.generate(&mut SeededRng::from_seed(os_seed()?))?;
    let bytes = encode(
        path,
        &spec(implementation),
        &pair.public,
        pair.secret.as_bytes(),
    )?;
    write_atomically(path, &bytes)?;
    Ok(Generated {
        info: implementation.info(),
        public_key: pair.public,
    })
}

fn spec(implementation: &dyn SignatureAlgorithm) -> String {
    format!(
        "{}@{}",
        implementation.info().id,
        implementation.implementation().id
    )
}

/// A key file opened for signing (its lock held until drop).
pub struct KeySigner {
    path: PathBuf,
    implementation: &'static dyn SignatureAlgorithm,
    public_key: Vec<u8>,
    secret: SecretKey,
    rng: SeededRng,
    _lock: ExclusiveLock,
}

impl std::fmt::Debug for KeySigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySigner")
            .field("path", &self.path)
            .field("algorithm", &self.implementation.info().id)
            .finish_non_exhaustive()
    }
}

/// Persists a stateful key's new state by rewriting its file atomically.
struct FileStore<'a> {
    path: &'a Path,
    algorithm: String,
    public_key: &'a [u8],
}

impl StateStore for FileStore<'_> {
    fn persist(
        &mut self,
        new_state: &[u8],
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let bytes = encode(self.path, &self.algorithm, self.public_key, new_state)?;
        write_atomically(self.path, &bytes)?;
        Ok(())
    }
}

impl KeySigner {
    /// Locks `FILE.lock` (refusing when another signer holds it), then reads the key file:
    /// a registry algorithm and base64 keys (the secret key is validated when it signs).
    ///
    /// # Errors
    /// [`KeyFileError::Locked`], I/O, JSON, base64 or key errors.
    pub fn open(path: &Path) -> Result<Self, KeyFileError> {
        // A missing key file is reported as such, without leaving a lock file behind.
        fs::metadata(path).map_err(io(path))?;
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        let lock = ExclusiveLock::try_acquire(&lock_path, 0o600).map_err(|e| match e {
            LockError::Held => KeyFileError::Locked(path.to_path_buf()),
            LockError::Io { source, .. } => io(&lock_path)(source),
        })?;
        let bytes = fs::read(path).map_err(io(path))?;
        let stored: Stored =
            serde_json::from_slice(&bytes).map_err(|source| KeyFileError::Json {
                path: path.to_path_buf(),
                source,
            })?;
        let decode = |field: &'static str, s: &str| {
            STANDARD.decode(s).map_err(|source| KeyFileError::Base64 {
                path: path.to_path_buf(),
                field,
                source,
            })
        };
        let public_key = decode("publicKey", &stored.public_key)?;
        let secret = SecretKey::new(decode("secretKey", &stored.secret_key)?);
        let implementation = registry::lookup_implementation(&stored.algorithm)?;
        Ok(Self {
            path: path.to_path_buf(),
            implementation,
            public_key,
            secret,
            rng: SeededRng::from_seed(os_seed()?),
            _lock: lock,
        })
    }

    /// The key's algorithm.
    #[must_use]
    pub fn info(&self) -> &'static AlgorithmInfo {
        self.implementation.info()
    }

    /// The raw public key.
    #[must_use]
    pub fn public_key(&self) -> &[u8] {
        &self.public_key
    }

    /// Signs `message` (hedged where the algorithm is). For a stateful key the key file holds
    /// the advanced state, durably, before the signature is returned.
    ///
    /// # Errors
    /// The algorithm's errors: [`pqlab_algorithms::Error::KeyExhausted`] when every one-time
    /// key is used, [`pqlab_algorithms::Error::StatePersistence`] when the state could not be
    /// written (no signature is returned, and the key stays advanced in memory).
    pub fn sign(&mut self, message: &[u8]) -> Result<Vec<u8>, KeyFileError> {
        let mut store = FileStore {
            path: &self.path,
            algorithm: spec(self.implementation),
            public_key: &self.public_key,
        };
        Ok(self.implementation.sign_stateful(
            &mut self.secret,
            &mut store,
            message,
            SignOptions::default(),
            &mut self.rng,
        )?)
    }
}

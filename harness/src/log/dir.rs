//! A log in a directory, as `pqlab log` keeps it: the tlog-tiles objects at their served
//! names (`DIR/checkpoint`, `DIR/tile/...`) and, outside `tile/`, the log's configuration and
//! public keys (`DIR/.pqlab/log.json`) and its secret keys (`DIR/.pqlab/secret-keys.json`,
//! mode 0600). A static file server should not serve `.pqlab/`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::rand_core::SeedableRng;
use pqlab_algorithms::rng::SeededRng;
use pqlab_algorithms::{SecretKey, registry};
use serde::{Deserialize, Serialize};

use crate::note::{Clock, KeyName, LogAuthority, NoteError, NoteSigner, SignerRole, WitnessPolicy};

use super::audit::{AuditReport, audit};
use super::authority::PublishedKeys;
use super::error::{AuthorityError, LogError};
use super::storage::FsStorage;
use super::tlog::Log;

/// The configuration file, relative to the log directory.
pub const CONFIG_PATH: &str = ".pqlab/log.json";
/// The secret-key file (mode 0600), relative to the log directory.
pub const SECRETS_PATH: &str = ".pqlab/secret-keys.json";

/// The public configuration of a log directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogConfig {
    /// The checkpoint origin (and log key name).
    pub origin: String,
    /// Registry id of the log's checkpoint signature algorithm.
    pub checkpoint_alg: String,
    /// Registry id of the witnesses' algorithm (when there are witnesses).
    pub witness_alg: Option<String>,
    /// How many witness cosignatures a checkpoint must carry.
    pub witness_policy: usize,
    /// The log's verifier key (C2SP vkey).
    pub log_vkey: String,
    /// The witnesses' verifier keys.
    pub witness_vkeys: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct SecretKeys {
    log: String,
    witnesses: Vec<String>,
}

/// What `init` creates.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The origin.
    pub origin: String,
    /// The checkpoint algorithm (registry id).
    pub checkpoint_alg: String,
    /// Number of witnesses.
    pub witnesses: usize,
    /// The witnesses' algorithm (registry id).
    pub witness_alg: String,
}

/// A log directory that cannot be created or opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DirError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The configuration or key file is malformed.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: serde_json::Error,
    },
    /// The directory already holds a log.
    #[error("{0} already holds a log")]
    Exists(PathBuf),
    /// A stateful algorithm cannot be kept in a key file that is reloaded for every command.
    #[error("{0} is stateful; pqlab log keeps keys in a file and would reuse one-time keys")]
    Stateful(String),
    /// A key could not be made or loaded.
    #[error("key: {0}")]
    Key(#[from] NoteError),
    /// The algorithm registry refused.
    #[error("algorithm: {0}")]
    Algorithm(#[from] pqlab_algorithms::Error),
    /// The public keys do not form a verifier.
    #[error("verifier keys: {0}")]
    Verifier(#[source] AuthorityError),
    /// The log itself failed.
    #[error("{0}")]
    Log(#[from] LogError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> DirError + '_ {
    move |source| DirError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// 32 bytes from the operating system, to seed key generation and hedged signing.
fn os_seed() -> Result<[u8; 32], DirError> {
    let path = Path::new("/dev/urandom");
    let mut seed = [0u8; 32];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(io(path))?;
    Ok(seed)
}

fn new_secret(alg: &str) -> Result<SecretKey, DirError> {
    let algorithm = registry::lookup(alg)?;
    if algorithm.info.stateful {
        return Err(DirError::Stateful(alg.to_owned()));
    }
    let mut rng = SeededRng::from_seed(os_seed()?);
    Ok(algorithm
        .default_implementation()
        .generate(&mut rng)?
        .secret)
}

fn hedge_seed() -> Result<u64, DirError> {
    let s = os_seed()?;
    Ok(u64::from_le_bytes([
        s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
    ]))
}

fn witness_name(i: usize, origin: &str) -> String {
    format!("witness-{i}.{origin}")
}

fn authority(
    config: &LogConfig,
    log_secret: SecretKey,
    witness_secrets: Vec<SecretKey>,
) -> Result<LogAuthority, DirError> {
    let log = NoteSigner::from_secret_key(
        &config.checkpoint_alg,
        KeyName::new(&config.origin)?,
        SignerRole::Log,
        log_secret,
        hedge_seed()?,
    )?;
    let witness_alg = config.witness_alg.clone().unwrap_or_default();
    let witnesses = witness_secrets
        .into_iter()
        .enumerate()
        .map(|(i, secret)| {
            Ok(NoteSigner::from_secret_key(
                &witness_alg,
                KeyName::new(&witness_name(i + 1, &config.origin))?,
                SignerRole::Witness,
                secret,
                hedge_seed()?,
            )?)
        })
        .collect::<Result<Vec<_>, DirError>>()?;
    Ok(LogAuthority::new(
        &config.origin,
        log,
        witnesses,
        WitnessPolicy::at_least(config.witness_policy),
        Clock::System,
    )?)
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, DirError> {
    let bytes = fs::read(path).map_err(io(path))?;
    serde_json::from_slice(&bytes).map_err(|source| DirError::Json {
        path: path.to_path_buf(),
        source,
    })
}

fn json_bytes<T: Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, DirError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| DirError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Creates a log in `dir`: keys, configuration, the empty signed checkpoint.
///
/// The checkpoint is the commit point: the secret keys and the configuration are each
/// replaced atomically and durably first ([`crate::durable::replace_file`]), the checkpoint
/// last. A directory without a checkpoint (and without tiles) is therefore not a log yet, and
/// `init` there starts over, replacing the keys a crashed `init` left (nothing was signed or
/// published with them).
///
/// # Errors
/// [`DirError::Exists`] when `dir` holds a checkpoint or tiles; key generation, I/O or log
/// errors.
pub fn init(dir: &Path, options: &InitOptions) -> Result<LogConfig, DirError> {
    let config_path = dir.join(CONFIG_PATH);
    if dir.join(super::layout::CHECKPOINT_PATH).exists() || dir.join("tile").exists() {
        return Err(DirError::Exists(dir.to_path_buf()));
    }
    let log_secret = new_secret(&options.checkpoint_alg)?;
    let witness_secrets = (0..options.witnesses)
        .map(|_| new_secret(&options.witness_alg))
        .collect::<Result<Vec<_>, _>>()?;
    let encoded = SecretKeys {
        log: STANDARD.encode(log_secret.as_bytes()),
        witnesses: witness_secrets
            .iter()
            .map(|s| STANDARD.encode(s.as_bytes()))
            .collect(),
    };
    let mut config = LogConfig {
        origin: options.origin.clone(),
        checkpoint_alg: options.checkpoint_alg.clone(),
        witness_alg: (options.witnesses > 0).then(|| options.witness_alg.clone()),
        witness_policy: options.witnesses,
        log_vkey: String::new(),
        witness_vkeys: Vec::new(),
    };
    let authority = authority(&config, log_secret, witness_secrets)?;
    config.log_vkey = authority.log_signer().verifier_key().to_string();
    config.witness_vkeys = authority
        .witnesses()
        .iter()
        .map(|w| w.verifier_key().to_string())
        .collect();

    let storage = FsStorage::open(dir).map_err(LogError::from)?;
    let secrets_path = dir.join(SECRETS_PATH);
    replace(&secrets_path, &json_bytes(&secrets_path, &encoded)?, 0o600)?;
    replace(&config_path, &json_bytes(&config_path, &config)?, 0o644)?;
    Log::create(storage, Arc::new(authority))?;
    Ok(config)
}

fn replace(path: &Path, bytes: &[u8], mode: u32) -> Result<(), DirError> {
    crate::durable::replace_file(path, bytes, mode)
        .map_err(|(path, source)| DirError::Io { path, source })
}

/// The directory's public configuration.
///
/// # Errors
/// I/O or JSON errors.
pub fn config(dir: &Path) -> Result<LogConfig, DirError> {
    read_json(&dir.join(CONFIG_PATH))
}

/// Opens the log in `dir` for writing (loads the secret keys).
///
/// # Errors
/// I/O, key or log errors.
pub fn open(dir: &Path) -> Result<Log<FsStorage>, DirError> {
    let config = config(dir)?;
    let secrets: SecretKeys = read_json(&dir.join(SECRETS_PATH))?;
    let decode = |s: &str| -> Result<SecretKey, DirError> {
        STANDARD
            .decode(s)
            .map(SecretKey::new)
            .map_err(|e| DirError::Io {
                path: dir.join(SECRETS_PATH),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })
    };
    let log_secret = decode(&secrets.log)?;
    let witness_secrets = secrets
        .witnesses
        .iter()
        .map(|s| decode(s))
        .collect::<Result<Vec<_>, _>>()?;
    let authority = authority(&config, log_secret, witness_secrets)?;
    Ok(Log::open(
        FsStorage::open(dir).map_err(LogError::from)?,
        Arc::new(authority),
    )?)
}

/// The verify-only authority of the directory's published keys.
///
/// # Errors
/// I/O, JSON or key errors.
pub fn published_keys(dir: &Path) -> Result<PublishedKeys, DirError> {
    let config = config(dir)?;
    PublishedKeys::new(
        &config.origin,
        std::slice::from_ref(&config.log_vkey),
        &config.witness_vkeys,
        config.witness_policy,
    )
    .map_err(DirError::Verifier)
}

/// Re-verifies every tile, entry bundle and the checkpoint with the published keys only.
///
/// # Errors
/// The first failed check.
pub fn verify(dir: &Path) -> Result<AuditReport, DirError> {
    let keys = published_keys(dir)?;
    let storage = FsStorage::open_read_only(dir);
    Ok(audit(&storage, &keys)?)
}

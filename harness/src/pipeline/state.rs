//! Creating, persisting and reloading an instance: the public `instance.json`, the secret
//! `secret-keys.json` (mode 0600, written once with `create_new`, as `pqlab log` does), the
//! trusted root, and the log under `log/`.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_algorithms::{SecretKey, registry};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::authority::InstanceAuthority;
use super::{DEFAULT_ORIGIN, Instance, PipelineError};
use crate::log::Log;
use crate::log::storage::FsStorage;
use crate::note::{KeyName, NoteSigner, NoteVerifier, SignerRole};
use crate::pki::{Authority, AuthorityState, CtLog, KeyMaterial, Tsa, TsaState};
use crate::profile::Profile;
use crate::verify::witnesses::Witnesses;

/// The public instance file, relative to the instance directory.
pub const INSTANCE_PATH: &str = "instance.json";
/// The secret-key file (mode 0600), relative to the instance directory.
pub const SECRETS_PATH: &str = "secret-keys.json";
/// The trusted root, relative to the instance directory.
pub const TRUSTED_ROOT_PATH: &str = "trusted_root.json";
/// The witness policy (`verify::witnesses`), relative to the instance directory; written
/// when the profile has witnesses.
pub const WITNESSES_PATH: &str = "witnesses.json";
/// The log's tile directory, relative to the instance directory.
pub const LOG_DIR: &str = "log";

/// How long before creation the trusted root's validity starts (so clients whose clock is
/// a little behind, and timestamps taken right after creation, fall inside it).
const VALIDITY_BACKDATE: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct InstanceFile {
    pub(super) profile: Profile,
    pub(super) origin: String,
    /// Creation time, POSIX seconds.
    pub(super) created: u64,
}

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Secrets {
    /// The seed every key and signature derives from (secret: it determines the leaf keys).
    pub(super) seed: u64,
    pub(super) ca: AuthorityState,
    pub(super) ct_log: KeyMaterial,
    pub(super) tsa: TsaState,
    pub(super) checkpoint: Vec<KeyMaterial>,
    pub(super) witnesses: Vec<KeyMaterial>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("seed", &"(redacted)")
            .field("ca", &self.ca)
            .field("ct_log", &self.ct_log)
            .field("tsa", &self.tsa)
            .field("checkpoint", &self.checkpoint)
            .field("witnesses", &self.witnesses)
            .finish()
    }
}

/// A 64-bit seed for `role`, derived from the instance seed and a counter (the log size
/// before a sign, or 0 at creation): `SHA-256(seed ‖ role ‖ counter)`, first 8 bytes.
pub(super) fn subseed(seed: u64, role: &str, counter: u64) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(role.as_bytes());
    h.update([0]);
    h.update(counter.to_le_bytes());
    let d = h.finalize();
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

pub(super) fn unix_seconds(t: SystemTime) -> Result<u64, PipelineError> {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|e| PipelineError::Time(e.to_string()))
}

pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn json_bytes<T: Serialize>(path: &Path, value: &T) -> Result<Vec<u8>, PipelineError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| PipelineError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, PipelineError> {
    let bytes = fs::read(path).map_err(io(path))?;
    serde_json::from_slice(&bytes).map_err(|source| PipelineError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// A note key (checkpoint or witness) of `algorithm` from `seed`, as key material.
fn note_key(algorithm: &str, seed: u64) -> Result<KeyMaterial, PipelineError> {
    let entry = registry::lookup(algorithm)?;
    if entry.info.stateful {
        return Err(PipelineError::Stateful(algorithm.to_owned()));
    }
    let imp = entry.default_implementation();
    let pair = imp.generate(&mut pqlab_algorithms::rng::seeded(seed))?;
    Ok(KeyMaterial {
        algorithm: entry.info.id.to_owned(),
        public_key: STANDARD.encode(&pair.public),
        secret_key: STANDARD.encode(pair.secret.as_bytes()),
    })
}

fn witness_name(i: usize, origin: &str) -> String {
    format!("witness-{i}.{origin}")
}

fn signer(
    material: &KeyMaterial,
    name: &str,
    role: SignerRole,
    seed: u64,
) -> Result<NoteSigner, PipelineError> {
    let secret = STANDARD
        .decode(&material.secret_key)
        .map_err(|e| PipelineError::KeyMaterial(format!("{name}: secret key base64: {e}")))?;
    Ok(NoteSigner::from_secret_key(
        &material.algorithm,
        KeyName::new(name)?,
        role,
        SecretKey::new(secret),
        seed,
    )?)
}

pub(super) fn create(
    dir: &Path,
    profile: &Profile,
    seed: u64,
    now: SystemTime,
) -> Result<Instance, PipelineError> {
    let instance_path = dir.join(INSTANCE_PATH);
    if instance_path.exists() || dir.join(SECRETS_PATH).exists() {
        return Err(PipelineError::Exists(dir.to_path_buf()));
    }
    if profile.checkpoint.is_empty() {
        return Err(PipelineError::NoCheckpointKey(profile.name.clone()));
    }
    // These roles sign on every `sign` with keys reloaded from `secret-keys.json`; a stateful
    // (one-time-key) algorithm there would reuse its one-time keys. The root signs once, at
    // creation, and each leaf key is fresh, so those may be stateful.
    for role in [&profile.intermediate, &profile.ct_log, &profile.tsa]
        .into_iter()
        .chain(&profile.checkpoint)
        .chain((profile.witnesses > 0).then_some(&profile.witness))
    {
        let id = role.split('@').next().unwrap_or(role);
        if registry::lookup(id)?.info.stateful {
            return Err(PipelineError::Stateful(role.clone()));
        }
    }
    let start = now
        .checked_sub(VALIDITY_BACKDATE)
        .ok_or_else(|| PipelineError::Time("creation time before 1970-01-02".to_owned()))?;
    let ca = Authority::generate(
        &profile.root,
        &profile.intermediate,
        subseed(seed, "ca", 0),
        start,
    )?;
    let ct_log = CtLog::generate(&profile.ct_log, subseed(seed, "ct-log", 0))?;
    let tsa = Tsa::generate(&profile.tsa, &profile.tsa, subseed(seed, "tsa", 0), start)?;
    let checkpoint = profile
        .checkpoint
        .iter()
        .enumerate()
        .map(|(i, alg)| note_key(alg, subseed(seed, "checkpoint", i as u64)))
        .collect::<Result<Vec<_>, _>>()?;
    let witnesses = (0..usize::from(profile.witnesses))
        .map(|i| note_key(&profile.witness, subseed(seed, "witness", i as u64)))
        .collect::<Result<Vec<_>, _>>()?;
    let public = InstanceFile {
        profile: profile.clone(),
        origin: DEFAULT_ORIGIN.to_owned(),
        created: unix_seconds(now)?,
    };
    let secrets = Secrets {
        seed,
        ca: ca.state(),
        ct_log: ct_log.material(),
        tsa: tsa.state(),
        checkpoint,
        witnesses,
    };
    let instance = Instance {
        dir: dir.to_path_buf(),
        public,
        secrets,
    };
    let trusted_root = super::trust::trusted_root(&instance, &ca, &ct_log, &tsa, start)?;

    fs::create_dir_all(dir).map_err(io(dir))?;
    let secrets_path = dir.join(SECRETS_PATH);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&secrets_path)
        .map_err(io(&secrets_path))?;
    file.write_all(&json_bytes(&secrets_path, &instance.secrets)?)
        .and_then(|()| file.sync_all())
        .map_err(io(&secrets_path))?;
    let root_path = dir.join(TRUSTED_ROOT_PATH);
    fs::write(&root_path, trusted_root.to_json()).map_err(io(&root_path))?;
    if let Some(witnesses) = instance.witness_policy()? {
        let path = dir.join(WITNESSES_PATH);
        fs::write(&path, witnesses.to_json()).map_err(io(&path))?;
    }
    let storage = FsStorage::open(dir.join(LOG_DIR)).map_err(crate::log::LogError::from)?;
    Log::create(storage, Arc::new(instance.authority(0, 0)?))?;
    // Written last: an instance exists once its log does.
    fs::write(
        &instance_path,
        json_bytes(&instance_path, &instance.public)?,
    )
    .map_err(io(&instance_path))?;
    Ok(instance)
}

pub(super) fn open(dir: &Path) -> Result<Instance, PipelineError> {
    Ok(Instance {
        dir: dir.to_path_buf(),
        public: read_json(&dir.join(INSTANCE_PATH))?,
        secrets: read_json(&dir.join(SECRETS_PATH))?,
    })
}

impl Instance {
    /// The checkpoint authority for signatures at `time`, hedging from the seed and `counter`.
    pub(super) fn authority(
        &self,
        time: u64,
        counter: u64,
    ) -> Result<InstanceAuthority, PipelineError> {
        let seed = self.secrets.seed;
        let origin = &self.public.origin;
        let logs = self
            .secrets
            .checkpoint
            .iter()
            .enumerate()
            .map(|(i, m)| {
                signer(
                    m,
                    origin,
                    SignerRole::Log,
                    subseed(seed, &format!("checkpoint-sign-{i}"), counter),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let witnesses = self
            .secrets
            .witnesses
            .iter()
            .enumerate()
            .map(|(i, m)| {
                signer(
                    m,
                    &witness_name(i + 1, origin),
                    SignerRole::Witness,
                    subseed(seed, &format!("witness-sign-{i}"), counter),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(InstanceAuthority::new(origin, logs, witnesses, time)?)
    }

    /// The instance's witness policy: every witness must cosign (`None` without witnesses).
    pub(super) fn witness_policy(&self) -> Result<Option<Witnesses>, PipelineError> {
        let authority = self.authority(0, 0)?;
        let keys = authority
            .witnesses()
            .iter()
            .map(|w| NoteVerifier::new(w.verifier_key().clone()))
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Ok(None);
        }
        let threshold = keys.len();
        Witnesses::new(&self.public.origin, threshold, keys)
            .map(Some)
            .map_err(|e| PipelineError::KeyMaterial(format!("witness policy: {e}")))
    }

    /// Opens the log with an authority signing at `time`.
    pub(super) fn open_log(
        &self,
        time: u64,
        counter: u64,
    ) -> Result<Log<FsStorage>, PipelineError> {
        let storage =
            FsStorage::open(self.dir.join(LOG_DIR)).map_err(crate::log::LogError::from)?;
        Ok(Log::open(
            storage,
            Arc::new(self.authority(time, counter)?),
        )?)
    }

    pub(super) fn seed(&self) -> u64 {
        self.secrets.seed
    }

    pub(super) fn secrets(&self) -> &Secrets {
        &self.secrets
    }
}

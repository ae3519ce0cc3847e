//! One simulated Sigstore deployment per profile ([`Instance`]): a Fulcio-like CA (root and
//! intermediate), a CT log, a timestamp authority and a Rekor v2 log on C2SP tlog-tiles with
//! its checkpoint key(s) and witnesses, persisted in a directory; and the signing flow that
//! turns an artifact into a bundle v0.3 those deployments' `trusted_root.json` verifies
//! (FORMATS.md §0–5, INTEROP.md).
//!
//! Layout of an instance directory:
//!
//! * `instance.json`: the profile and the origin (public);
//! * `secret-keys.json` (mode 0600): the seed and every role's key material;
//! * `trusted_root.json`: the trusted root clients configure (media type 0.1);
//! * `witnesses.json` (profiles with witnesses): the witness keys and the policy that every
//!   witness cosigns (`verify::witnesses`), for `pqlab verify --witnesses`;
//! * `log/`: the log's tlog-tiles objects (`log/checkpoint`, `log/tile/...`), servable as
//!   static files under `https://<origin>/`.
//!
//! Everything is deterministic for a seed and the clock times given: role keys come from the
//! seed, and every signature of one `sign` draws from a generator seeded by the seed, the role
//! and the log size before the entry.

mod authority;
mod error;
mod sign;
mod sizes;
mod state;
mod trust;

pub use error::PipelineError;
pub use sign::{DSSE_PREDICATE_TYPE, HASH_ONLY_KIND, HASH_ONLY_VERSION, SignOutcome};
pub use state::{INSTANCE_PATH, LOG_DIR, SECRETS_PATH, TRUSTED_ROOT_PATH, WITNESSES_PATH};
pub use trust::{CT_LOG_URL, FULCIO_URL, TSA_URL};

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::profile::Profile;
use state::{InstanceFile, Secrets};

/// The default log origin (checkpoint origin and log key name).
pub const DEFAULT_ORIGIN: &str = "log.pqlab.example";

/// A simulated Sigstore deployment for one profile, kept in a directory.
#[derive(Debug)]
pub struct Instance {
    dir: PathBuf,
    public: InstanceFile,
    secrets: Secrets,
}

impl Instance {
    /// Creates the deployment for `profile` in `dir` (created if missing): generates every
    /// key from `seed`, writes the key material, the profile, `trusted_root.json` (valid from
    /// `now` minus a day) and the empty log with its signed checkpoint.
    ///
    /// # Errors
    /// [`PipelineError::Exists`] when `dir` already holds an instance; unknown or stateful
    /// algorithms, key generation, I/O or log errors.
    pub fn create(
        dir: &Path,
        profile: &Profile,
        seed: u64,
        now: SystemTime,
    ) -> Result<Self, PipelineError> {
        state::create(dir, profile, seed, now)
    }

    /// Opens the deployment in `dir` (repeated signs go into the same log).
    ///
    /// # Errors
    /// Missing or malformed files, invalid key material.
    pub fn open(dir: &Path) -> Result<Self, PipelineError> {
        state::open(dir)
    }

    /// Whether `dir` holds an instance.
    #[must_use]
    pub fn exists(dir: &Path) -> bool {
        dir.join(INSTANCE_PATH).exists()
    }

    /// The instance directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The profile.
    #[must_use]
    pub fn profile(&self) -> &Profile {
        &self.public.profile
    }

    /// The log origin.
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.public.origin
    }

    /// The path of `trusted_root.json`.
    #[must_use]
    pub fn trusted_root_path(&self) -> PathBuf {
        self.dir.join(TRUSTED_ROOT_PATH)
    }

    /// The path of `witnesses.json` (present when the profile has witnesses).
    #[must_use]
    pub fn witnesses_path(&self) -> PathBuf {
        self.dir.join(WITNESSES_PATH)
    }

    /// The number of entries in the log.
    ///
    /// # Errors
    /// The log cannot be opened.
    pub fn log_size(&self) -> Result<u64, PipelineError> {
        let log = self.open_log(0, 0)?;
        Ok(log.size())
    }
}

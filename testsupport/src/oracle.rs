//! Independent Sigstore verifiers used as test oracles (shared/docs/INTEROP.md): pqlab's
//! classical profile is only credible if real clients accept its bundles offline, with its own
//! `trusted_root.json`.
//!
//! Two oracles take the same [`VerifyRequest`]:
//! * [`sigstore_python::verify`]: the sigstore-python 4.5.1 command line
//!   (`sigstore --trust-config … verify identity --offline …`), found through
//!   [`PythonEnv::locate`] (the venv that `scripts/test` creates and names in `PQLAB_PYTHON`);
//! * `sigstore_rust::verify` (cargo feature `sigstore-verify`): the Rust crate
//!   `sigstore-verify` 0.15.1 called in-process, fully offline.
//!
//! [`model_signing::ModelSigningCli`] runs the model-signing 1.1.1 command line (model
//! signatures, key and Sigstore modes).
//!
//! [`reference`] runs the reference generator (`shared/tools/reference/gen_bundle.py`), whose
//! output both oracles must accept: it proves the oracle wiring before pqlab's own bundles go
//! through the same functions.
//!
//! A verifier that runs and says no gives [`OracleVerdict::Rejected`] with its message; a
//! verifier that cannot be run at all (missing file, usage error) is an [`OracleError`], so
//! that a broken setup never passes for a rejection.

pub mod model_signing;
pub mod python_env;
pub mod reference;
pub mod sigstore_python;
#[cfg(feature = "sigstore-verify")]
pub mod sigstore_rust;
pub mod trust_config;

use std::path::{Path, PathBuf};

pub use python_env::PythonEnv;

/// What an oracle said about one bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OracleVerdict {
    /// The verifier accepted the bundle for this artifact, trusted root and identity.
    Accepted,
    /// The verifier rejected it; `message` is what the tool said (its error output).
    Rejected {
        /// The tool's own explanation (stderr of a command, `Display` of a library error).
        message: String,
    },
}

impl OracleVerdict {
    /// Whether the verifier accepted the bundle.
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        matches!(self, Self::Accepted)
    }

    /// The rejection message, or `None` when accepted.
    #[must_use]
    pub fn rejection(&self) -> Option<&str> {
        match self {
            Self::Accepted => None,
            Self::Rejected { message } => Some(message),
        }
    }
}

/// One verification: a bundle, the trusted root it must chain to, the signed artifact and the
/// identity policy (SAN and OIDC issuer of the signing certificate).
#[derive(Debug, Clone, Copy)]
pub struct VerifyRequest<'a> {
    /// The Sigstore bundle (`*.sigstore.json`, v0.3).
    pub bundle: &'a Path,
    /// The `trusted_root.json` (not the ClientTrustConfig: the oracles wrap it themselves).
    pub trusted_root: &'a Path,
    /// The artifact the bundle signs (a DSSE bundle's in-toto subject must match it).
    pub artifact: &'a Path,
    /// The expected certificate identity (email or URI SAN), matched exactly.
    pub identity: &'a str,
    /// The expected OIDC issuer, matched exactly.
    pub issuer: &'a str,
}

/// A failure to run an oracle at all (as opposed to the oracle rejecting a bundle).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OracleError {
    /// Reading or writing a file failed.
    #[error("{what} {}: {source}", path.display())]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A JSON input of the oracle (trusted root, generator metadata) was not valid JSON.
    #[error("{} is not valid JSON: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// A program could not be started.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A program ran but failed in a way that is not a verdict (usage error, crash, the
    /// generator failing); `output` is its stderr and stdout.
    #[error("{program} failed ({status}):\n{output}")]
    Failed {
        /// The command line.
        program: String,
        /// Its exit status.
        status: std::process::ExitStatus,
        /// What it printed.
        output: String,
    },
    /// The reference generator's metadata lacked a field.
    #[error("{}: missing or invalid field {field}", path.display())]
    Metadata {
        /// The metadata file.
        path: PathBuf,
        /// The field.
        field: &'static str,
    },
}

/// Reads a file, naming it on failure.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, OracleError> {
    std::fs::read(path).map_err(|source| OracleError::Io {
        what: "reading",
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a file, naming it on failure.
pub(crate) fn write(path: &Path, contents: &[u8]) -> Result<(), OracleError> {
    std::fs::write(path, contents).map_err(|source| OracleError::Io {
        what: "writing",
        path: path.to_path_buf(),
        source,
    })
}

/// Whether the environment says this is a CI run (`CI=true` or `CI=1`).
/// A fresh temporary directory (a tool's HOME, its trust config).
pub(crate) fn temp_dir() -> Result<tempfile::TempDir, OracleError> {
    tempfile::tempdir().map_err(|source| OracleError::Io {
        what: "creating a temporary directory",
        path: std::env::temp_dir(),
        source,
    })
}

pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

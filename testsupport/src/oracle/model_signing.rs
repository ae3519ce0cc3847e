//! The model-signing 1.1.1 command line (sigstore/model-transparency) as an oracle
//! (INTEROP.md "Commands"):
//!
//! ```sh
//! model_signing verify key DIR --public_key pub.pem --signature model.sig
//! model_signing verify sigstore DIR --signature S --trust_config trust_config.json \
//!   --identity ID --identity_provider ISS
//! model_signing sign key DIR --private_key key.pem --signature model.sig
//! ```
//!
//! The command is `PQLAB_MODEL_SIGNING_CLI`, or `model_signing` beside `PQLAB_PYTHON` (the venv
//! of `scripts/test`). Its verdict: exit 0 with `succeeded` is acceptance, exit 1 (`… failed
//! with error: …`) a rejection; a usage error (exit 2) or a death by signal is an
//! [`OracleError`].

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::sigstore_python::display;
use super::trust_config::write_client_trust_config;
use super::{OracleError, OracleVerdict, in_ci, temp_dir};

/// The `model_signing` command of the oracle venv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSigningCli {
    /// The program.
    pub program: PathBuf,
}

impl ModelSigningCli {
    /// The command named by `PQLAB_MODEL_SIGNING_CLI`, else `model_signing` beside
    /// `PQLAB_PYTHON`; `None`, with a message on stderr naming `test`, when neither exists.
    ///
    /// # Panics
    /// When it is unavailable and `CI` is `true`: CI must never pass by skipping an oracle.
    #[must_use]
    pub fn locate(test: &str) -> Option<Self> {
        match Self::from_env() {
            Ok(cli) => Some(cli),
            Err(why) => {
                assert!(
                    !in_ci(),
                    "{test}: the model-signing oracle is unavailable and CI=true: {why}"
                );
                eprintln!("{test}: SKIPPED: {why} (run the tests through scripts/test)");
                None
            }
        }
    }

    /// The command named by the environment, or why there is none.
    ///
    /// # Errors
    /// A message naming the unset variable or the missing file.
    pub fn from_env() -> Result<Self, String> {
        let program = match std::env::var_os("PQLAB_MODEL_SIGNING_CLI").filter(|v| !v.is_empty()) {
            Some(cli) => PathBuf::from(cli),
            None => std::env::var_os("PQLAB_PYTHON")
                .filter(|v| !v.is_empty())
                .map(|python| PathBuf::from(python).with_file_name("model_signing"))
                .ok_or_else(|| {
                    "neither PQLAB_MODEL_SIGNING_CLI nor PQLAB_PYTHON is set".to_owned()
                })?,
        };
        if program.exists() {
            Ok(Self { program })
        } else {
            Err(format!(
                "the model-signing command {} does not exist",
                program.display()
            ))
        }
    }

    /// `model_signing verify key MODEL --public_key KEY --signature SIG`.
    ///
    /// # Errors
    /// [`OracleError::Spawn`] / [`OracleError::Failed`] when the command cannot run or is
    /// misused.
    pub fn verify_key(
        &self,
        model: &Path,
        signature: &Path,
        public_key: &Path,
    ) -> Result<OracleVerdict, OracleError> {
        self.verdict(&[
            "verify".into(),
            "key".into(),
            model.into(),
            "--public_key".into(),
            public_key.into(),
            "--signature".into(),
            signature.into(),
        ])
    }

    /// `model_signing verify sigstore MODEL --signature SIG --trust_config TC --identity ID
    /// --identity_provider ISS`, offline against `trusted_root` (wrapped in a
    /// `ClientTrustConfig` in a temporary directory).
    ///
    /// # Errors
    /// As [`Self::verify_key`]; [`OracleError::Io`] / [`OracleError::Json`] when the trust
    /// config cannot be written.
    pub fn verify_sigstore(
        &self,
        model: &Path,
        signature: &Path,
        trusted_root: &Path,
        identity: &str,
        issuer: &str,
    ) -> Result<OracleVerdict, OracleError> {
        let dir = temp_dir()?;
        let trust_config = dir.path().join("trust_config.json");
        write_client_trust_config(trusted_root, &trust_config)?;
        self.verdict(&[
            "verify".into(),
            "sigstore".into(),
            model.into(),
            "--signature".into(),
            signature.into(),
            "--trust_config".into(),
            trust_config.into(),
            "--identity".into(),
            identity.into(),
            "--identity_provider".into(),
            issuer.into(),
        ])
    }

    /// `model_signing sign key MODEL --private_key KEY --signature SIG`.
    ///
    /// # Errors
    /// [`OracleError::Failed`] when signing fails; as [`Self::verify_key`].
    pub fn sign_key(
        &self,
        model: &Path,
        signature: &Path,
        private_key: &Path,
    ) -> Result<(), OracleError> {
        let args: [OsString; 7] = [
            "sign".into(),
            "key".into(),
            model.into(),
            "--private_key".into(),
            private_key.into(),
            "--signature".into(),
            signature.into(),
        ];
        match self.verdict(&args)? {
            OracleVerdict::Accepted => Ok(()),
            OracleVerdict::Rejected { message } => Err(OracleError::Failed {
                program: self.shown(&args),
                status: std::process::ExitStatus::default(),
                output: message,
            }),
        }
    }

    fn shown(&self, args: &[OsString]) -> String {
        let mut line = vec![self.program.clone().into_os_string()];
        line.extend_from_slice(args);
        display(&line)
    }

    fn verdict(&self, args: &[OsString]) -> Result<OracleVerdict, OracleError> {
        let home = temp_dir()?;
        let shown = self.shown(args);
        let output = Command::new(&self.program)
            .args(args)
            // No user configuration or cached trust material may leak into the verdict.
            .env("HOME", home.path())
            .env_remove("SIGSTORE_IDENTITY_TOKEN")
            .output()
            .map_err(|source| OracleError::Spawn {
                program: shown.clone(),
                source,
            })?;
        let printed = format!(
            "{}\n{}",
            String::from_utf8_lossy(&output.stderr).trim(),
            String::from_utf8_lossy(&output.stdout).trim()
        )
        .trim()
        .to_owned();
        match output.status.code() {
            Some(0) if printed.contains("succeeded") => Ok(OracleVerdict::Accepted),
            Some(1) => Ok(OracleVerdict::Rejected { message: printed }),
            _ => Err(OracleError::Failed {
                program: shown,
                status: output.status,
                output: printed,
            }),
        }
    }
}

//! The Python environment of the oracles: the venv that `scripts/test` creates under
//! `target/pyenv` from `scripts/requirements-test.txt` (cryptography, asn1crypto,
//! sigstore 4.5.1) and names in `PQLAB_PYTHON` (and `PQLAB_SIGSTORE_CLI`).

use std::path::PathBuf;

use super::in_ci;

/// The interpreter and the sigstore-python command line of the oracle venv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonEnv {
    /// The venv's `python` (runs the reference generator).
    pub python: PathBuf,
    /// The venv's `sigstore` command (sigstore-python 4.5.1).
    pub sigstore_cli: PathBuf,
}

impl PythonEnv {
    /// The environment named by `PQLAB_PYTHON` (the interpreter) and `PQLAB_SIGSTORE_CLI`
    /// (default: `sigstore` beside the interpreter), or `None`, with a message on stderr naming
    /// `test`, when either is unset or missing.
    ///
    /// # Panics
    /// When the environment is unavailable and `CI` is `true`: CI must never pass by skipping
    /// an oracle.
    #[must_use]
    pub fn locate(test: &str) -> Option<Self> {
        let found = Self::from_env();
        match found {
            Ok(env) => Some(env),
            Err(why) => {
                assert!(
                    !in_ci(),
                    "{test}: the Python oracles are unavailable and CI=true: {why}"
                );
                eprintln!("{test}: SKIPPED: {why} (run the tests through scripts/test)");
                None
            }
        }
    }

    /// The environment named by the variables, or why it is unusable (for callers that must
    /// not fail without it, such as benchmarks).
    ///
    /// # Errors
    /// A message naming the unset variable or the missing file.
    pub fn from_env() -> Result<Self, String> {
        let python = std::env::var_os("PQLAB_PYTHON")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .ok_or_else(|| "PQLAB_PYTHON is not set".to_owned())?;
        if !python.exists() {
            return Err(format!("PQLAB_PYTHON={} does not exist", python.display()));
        }
        let sigstore_cli = match std::env::var_os("PQLAB_SIGSTORE_CLI").filter(|v| !v.is_empty()) {
            Some(cli) => PathBuf::from(cli),
            None => python.with_file_name("sigstore"),
        };
        if !sigstore_cli.exists() {
            return Err(format!(
                "the sigstore-python command {} does not exist (set PQLAB_SIGSTORE_CLI)",
                sigstore_cli.display()
            ));
        }
        Ok(Self {
            python,
            sigstore_cli,
        })
    }
}

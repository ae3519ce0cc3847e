//! The sigstore-python 4.5.1 command line as an oracle (INTEROP.md "Commands"):
//!
//! ```sh
//! sigstore --trust-config trust_config.json verify identity --offline \
//!   --bundle B.sigstore.json --cert-identity ID --cert-oidc-issuer ISS ARTIFACT
//! ```
//!
//! `--trust-config` is a global option (before `verify`) and takes a `ClientTrustConfig`, which
//! [`super::trust_config`] writes next to nothing else, in a temporary directory. The same
//! command verifies message-signature and DSSE bundles: for a DSSE bundle sigstore-python checks
//! that the in-toto statement's subject digest matches the artifact.

use std::ffi::OsString;
use std::process::Command;

use super::trust_config::write_client_trust_config;
use super::{OracleError, OracleVerdict, PythonEnv, VerifyRequest};

/// The command line (program first) that verifies `request` with `trust_config` as the
/// `ClientTrustConfig`.
#[must_use]
pub fn command_line(
    env: &PythonEnv,
    trust_config: &std::path::Path,
    request: &VerifyRequest<'_>,
) -> Vec<OsString> {
    vec![
        env.sigstore_cli.clone().into(),
        "--trust-config".into(),
        trust_config.into(),
        "verify".into(),
        "identity".into(),
        "--offline".into(),
        "--bundle".into(),
        request.bundle.into(),
        "--cert-identity".into(),
        request.identity.into(),
        "--cert-oidc-issuer".into(),
        request.issuer.into(),
        request.artifact.into(),
    ]
}

/// Verifies `request` with the sigstore-python command line, offline.
///
/// Exit status 0 with `OK:` on stderr is [`OracleVerdict::Accepted`]. Any other exit after the
/// arguments were accepted is [`OracleVerdict::Rejected`] with everything the tool printed: a
/// verification failure (`FAIL: …` and the diagnostic), and also an exception the tool did not
/// catch (a bundle it cannot parse raises out of `Bundle.from_json`, a refusal all the same).
///
/// # Errors
/// [`OracleError::Io`]/[`OracleError::Json`] when the trust config cannot be written,
/// [`OracleError::Spawn`] when the command cannot be started, [`OracleError::Failed`] on a usage
/// error (exit status 2, argparse) or a death by signal: those say nothing about the bundle.
pub fn verify(env: &PythonEnv, request: &VerifyRequest<'_>) -> Result<OracleVerdict, OracleError> {
    let dir = tempfile::tempdir().map_err(|source| OracleError::Io {
        what: "creating a temporary directory",
        path: std::env::temp_dir(),
        source,
    })?;
    let trust_config = dir.path().join("trust_config.json");
    write_client_trust_config(request.trusted_root, &trust_config)?;
    let args = command_line(env, &trust_config, request);
    let shown = display(&args);
    let output = Command::new(&args[0])
        .args(&args[1..])
        // No user configuration or cached trust material may leak into the verdict.
        .env("HOME", dir.path())
        // rich (its logger) wraps messages at the terminal width: keep each on one line.
        .env("COLUMNS", "400")
        .env_remove("SIGSTORE_IDENTITY_TOKEN")
        .output()
        .map_err(|source| OracleError::Spawn {
            program: shown.clone(),
            source,
        })?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let printed = format!("{}{}", stderr.trim_end(), stdout.trim_end());
    match output.status.code() {
        Some(0) if stderr.contains("OK:") => Ok(OracleVerdict::Accepted),
        Some(0 | 2) | None => Err(OracleError::Failed {
            program: shown,
            status: output.status,
            output: printed,
        }),
        Some(_) => Ok(OracleVerdict::Rejected { message: printed }),
    }
}

/// A command line as one shell-like string, for messages and reports.
#[must_use]
pub fn display(args: &[OsString]) -> String {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

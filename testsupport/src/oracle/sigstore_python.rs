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
use super::{OracleError, OracleVerdict, PythonEnv, VerifyRequest, temp_dir};

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
    let dir = temp_dir()?;
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
    let printed = compact(&format!("{stderr}\n{stdout}"));
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

/// The tool's output without the padding of its log renderer (rich pads every line to the
/// terminal width): runs of blanks collapsed, blank lines dropped.
fn compact(printed: &str) -> String {
    printed
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    #[test]
    fn trust_config_is_global_and_comes_before_verify() {
        let env = PythonEnv {
            python: PathBuf::from("/venv/bin/python"),
            sigstore_cli: PathBuf::from("/venv/bin/sigstore"),
        };
        let request = VerifyRequest {
            bundle: Path::new("b.sigstore.json"),
            trusted_root: Path::new("trusted_root.json"),
            artifact: Path::new("a.txt"),
            identity: "alice@example.org",
            issuer: "https://oidc.example.org",
        };
        let line = display(&command_line(&env, Path::new("tc.json"), &request));
        assert_eq!(
            line,
            "/venv/bin/sigstore --trust-config tc.json verify identity --offline \
             --bundle b.sigstore.json --cert-identity alice@example.org \
             --cert-oidc-issuer https://oidc.example.org a.txt"
        );
    }

    #[test]
    fn compact_drops_renderer_padding() {
        let printed = "[08:22:29] ERROR    FAIL: a.txt          _cli.py:1159\n   \n   ERROR  digest mismatch   errors.py:42\n";
        assert_eq!(
            compact(printed),
            "[08:22:29] ERROR FAIL: a.txt _cli.py:1159\nERROR digest mismatch errors.py:42"
        );
    }
}

//! The reference generator `shared/tools/reference/gen_bundle.py` (INTEROP.md): a byte-level
//! oracle of the classical formats that real verifiers accept. It writes, into a directory, a
//! trusted root, an artifact, a message-signature bundle and a DSSE bundle (in-toto Statement v1
//! over the artifact), with fresh keys and `validFor.start` 30 days in the past, so its output
//! must be generated when the test runs, never stored.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{OracleError, PythonEnv, VerifyRequest, read};
use crate::testdata_root;

/// `shared/tools/reference`: the directory named by `PQLAB_REFERENCE_TOOLS`, or `tools/reference`
/// beside the test data root (`<testdata>/../tools/reference`).
#[must_use]
pub fn tools_dir() -> PathBuf {
    match std::env::var_os("PQLAB_REFERENCE_TOOLS") {
        Some(dir) => PathBuf::from(dir),
        None => testdata_root().join("..").join("tools").join("reference"),
    }
}

/// The reference generator script, or `None` (with a message on stderr naming `test`) when it
/// is absent outside CI.
///
/// # Panics
/// When the script is missing and `CI` is `true`.
#[must_use]
pub fn generator(test: &str) -> Option<PathBuf> {
    let script = tools_dir().join("gen_bundle.py");
    if script.exists() {
        return Some(script);
    }
    assert!(
        !super::in_ci(),
        "{test}: the reference generator {} is missing and CI=true",
        script.display()
    );
    eprintln!(
        "{test}: SKIPPED: the reference generator {} is missing",
        script.display()
    );
    None
}

/// What one run of the generator wrote (paths inside its output directory) and the identity
/// its leaf certificate carries (from `meta.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceOutput {
    /// The output directory.
    pub dir: PathBuf,
    /// `trusted_root.json`.
    pub trusted_root: PathBuf,
    /// `artifact.txt`, the signed blob.
    pub artifact: PathBuf,
    /// `artifact.sigstore.json`: message signature, hashedrekord 0.0.2, RFC 3161 timestamp.
    pub message_bundle: PathBuf,
    /// `dsse.sigstore.json`: DSSE in-toto statement whose subject is the artifact.
    pub dsse_bundle: PathBuf,
    /// The signing certificate's SAN.
    pub identity: String,
    /// The signing certificate's OIDC issuer.
    pub issuer: String,
}

impl ReferenceOutput {
    /// The request verifying `bundle` (one of this output's bundles, or a tampered copy) against
    /// this output's trusted root, artifact and identity.
    #[must_use]
    pub fn request<'a>(&'a self, bundle: &'a Path) -> VerifyRequest<'a> {
        VerifyRequest {
            bundle,
            trusted_root: &self.trusted_root,
            artifact: &self.artifact,
            identity: &self.identity,
            issuer: &self.issuer,
        }
    }
}

/// Runs `python gen_bundle.py OUT_DIR EXTRA_ARGS…` and describes its output.
///
/// The defaults are the profile INTEROP.md requires: ECDSA P-384 Fulcio chain, P-256 leaf with
/// one embedded SCT, Ed25519 checkpoint key with the C2SP key id, RFC 3161 timestamp with ESS.
/// `extra_args` are its variation flags (`--help`), for example `--identity` or `--log-size`.
///
/// # Errors
/// [`OracleError::Spawn`]/[`OracleError::Failed`] when the generator cannot run or fails,
/// [`OracleError::Io`]/[`OracleError::Json`]/[`OracleError::Metadata`] when its `meta.json` is
/// unreadable.
pub fn generate(
    env: &PythonEnv,
    script: &Path,
    out_dir: &Path,
    extra_args: &[&str],
) -> Result<ReferenceOutput, OracleError> {
    let output = Command::new(&env.python)
        .arg(script)
        .arg(out_dir)
        .args(extra_args)
        .output()
        .map_err(|source| OracleError::Spawn {
            program: format!("{} {}", env.python.display(), script.display()),
            source,
        })?;
    if !output.status.success() {
        return Err(OracleError::Failed {
            program: format!("{} {}", env.python.display(), script.display()),
            status: output.status,
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stderr),
                String::from_utf8_lossy(&output.stdout)
            ),
        });
    }
    let meta_path = out_dir.join("meta.json");
    let meta: Value =
        serde_json::from_slice(&read(&meta_path)?).map_err(|source| OracleError::Json {
            path: meta_path.clone(),
            source,
        })?;
    let field = |name: &'static str| {
        meta.get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or(OracleError::Metadata {
                path: meta_path.clone(),
                field: name,
            })
    };
    Ok(ReferenceOutput {
        dir: out_dir.to_path_buf(),
        trusted_root: out_dir.join("trusted_root.json"),
        artifact: out_dir.join("artifact.txt"),
        message_bundle: out_dir.join("artifact.sigstore.json"),
        dsse_bundle: out_dir.join("dsse.sigstore.json"),
        identity: field("identity")?,
        issuer: field("issuer")?,
    })
}

//! `pqlab verify`: offline verification of a bundle against a trusted root, naming the check
//! that failed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::{Context, bail};
use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::verify::bundle::{Artifact, Policy, verify_bundle_witnessed};
use pqlab_harness::verify::witnesses::Witnesses;
use pqlab_harness::verify::{Check, VerifyError};

/// Arguments of `pqlab verify`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("policy").required(true).args(["identity", "key"])))]
pub(crate) struct Args {
    /// The bundle (`.sigstore.json`).
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
    /// The trusted root JSON.
    #[arg(long, value_name = "FILE")]
    trusted_root: PathBuf,
    /// Expected certificate identity (SAN email or URI).
    #[arg(long, requires = "issuer", value_name = "ID")]
    identity: Option<String>,
    /// Expected OIDC issuer URL.
    #[arg(long, requires = "identity", value_name = "URL")]
    issuer: Option<String>,
    /// Verify with this public key (PEM) instead of a certificate identity.
    #[arg(long, value_name = "PEM")]
    key: Option<PathBuf>,
    /// Require witness cosignatures on the checkpoint: a witness policy (`witnesses.json`,
    /// k-of-n witness keys, written by `pqlab sign` next to `trusted_root.json`).
    #[arg(long, value_name = "FILE")]
    witnesses: Option<PathBuf>,
    /// The artifact file, or `sha256:HEX` for its digest.
    artifact: String,
}

enum Input {
    Bytes(Vec<u8>),
    Digest([u8; 32]),
}

fn read(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs `pqlab verify`: exit 0 on success, 1 when a check fails, 2 on usage errors.
pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let artifact = match args.artifact.strip_prefix("sha256:") {
        Some(hex_digest) => {
            let mut digest = [0u8; 32];
            hex::decode_to_slice(hex_digest, &mut digest)
                .with_context(|| format!("`{}` is not sha256:<64 hex digits>", args.artifact))?;
            Input::Digest(digest)
        }
        None => Input::Bytes(read(&PathBuf::from(&args.artifact))?),
    };
    let policy = match (&args.key, &args.identity, &args.issuer) {
        (Some(path), _, _) => {
            let pem = String::from_utf8(read(path)?)
                .with_context(|| format!("{} is not UTF-8 PEM", path.display()))?;
            match pqlab_harness::verify::pem::decode(&pem) {
                Some((_, der)) => Policy::Key(der),
                None => bail!("{} holds no PEM block", path.display()),
            }
        }
        (None, Some(identity), Some(issuer)) => Policy::Identity {
            identity: identity.clone(),
            issuer: issuer.clone(),
        },
        _ => bail!("give --identity and --issuer, or --key"),
    };
    let witnesses = match &args.witnesses {
        Some(path) => Some(
            Witnesses::parse(&read(path)?)
                .with_context(|| format!("{} is not a witness policy", path.display()))?,
        ),
        None => None,
    };
    let bundle_bytes = read(&args.bundle)?;
    let root_bytes = read(&args.trusted_root)?;
    let result = Bundle::parse(&bundle_bytes)
        .map_err(|e| VerifyError::new(Check::Bundle, e.to_string()))
        .and_then(|bundle| {
            let root = TrustedRoot::parse(&root_bytes)
                .map_err(|e| VerifyError::new(Check::TrustedRoot, e.to_string()))?;
            let artifact = match &artifact {
                Input::Bytes(b) => Artifact::Bytes(b),
                Input::Digest(d) => Artifact::Sha256(*d),
            };
            verify_bundle_witnessed(
                &bundle,
                &root,
                witnesses.as_ref(),
                artifact,
                &policy,
                SystemTime::now(),
            )
        });
    match result {
        Ok(_) => {
            println!("OK: {}", args.artifact);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("FAIL: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

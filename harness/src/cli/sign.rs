//! `pqlab sign`: signs an artifact through the simulated Sigstore deployment of a profile and
//! writes a bundle v0.3 (the `pipeline` module does the work).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;

/// Arguments of `pqlab sign`.
#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    /// The artifact to sign.
    artifact: PathBuf,
    /// Where to write the bundle (default: ARTIFACT.sigstore.json).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The instance's state directory (created on first use).
    #[arg(long, value_name = "DIR")]
    state: PathBuf,
    /// The profile (see `pqlab profiles`). Used when the instance is created (default
    /// sigstore-today); for an existing instance it must match the one it was created with.
    #[arg(long)]
    profile: Option<String>,
    /// A TOML file of extra profiles (as `pqlab profiles --profiles-file`).
    #[arg(long, value_name = "F")]
    profiles_file: Option<PathBuf>,
    /// The signer's identity in the certificate: an email address, or a URI (with "://").
    #[arg(long, value_name = "ID")]
    identity: String,
    /// The OIDC issuer recorded in the certificate.
    #[arg(long, value_name = "URL")]
    issuer: String,
    /// Sign a DSSE envelope over an in-toto Statement v1 naming the artifact, instead of the
    /// artifact bytes.
    #[arg(long)]
    dsse: bool,
    /// Seed for every key and signature of a new instance (default: from the OS). The same
    /// seed and clock give byte-identical bundles.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

pub(crate) fn os_seed() -> anyhow::Result<u64> {
    let mut bytes = [0u8; 8];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("read /dev/urandom")?;
    Ok(u64::from_le_bytes(bytes))
}

/// The identity of `--identity`/`--issuer`: a URI SAN when it has `://`, else an email.
pub(crate) fn identity(id: &str, issuer: &str) -> anyhow::Result<OidcIdentity> {
    let identity = if id.contains("://") {
        OidcIdentity::uri(id, issuer)
    } else {
        OidcIdentity::email(id, issuer)
    };
    identity.validate().context("--identity/--issuer")?;
    Ok(identity)
}

/// The instance in `state`, created for `profile` (default sigstore-today) when missing; an
/// existing one must have been created for `profile` if given.
pub(crate) fn open_or_create(
    state: &Path,
    profile: Option<&str>,
    profiles_file: Option<&Path>,
    seed: Option<u64>,
    now: SystemTime,
) -> anyhow::Result<Instance> {
    if Instance::exists(state) {
        let instance =
            Instance::open(state).with_context(|| format!("open {}", state.display()))?;
        if let Some(name) = profile
            && name != instance.profile().name
        {
            bail!(
                "{} was created for profile {}, not {name}",
                state.display(),
                instance.profile().name
            );
        }
        return Ok(instance);
    }
    let profiles = profile::load(profiles_file)?;
    let name = profile.unwrap_or("sigstore-today");
    let profile = profile::find(&profiles, name)?;
    let seed = match seed {
        Some(seed) => seed,
        None => os_seed()?,
    };
    let instance = Instance::create(state, profile, seed, now)
        .with_context(|| format!("create {}", state.display()))?;
    println!("created {} instance in {}", profile.name, state.display());
    Ok(instance)
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let identity = identity(&args.identity, &args.issuer)?;
    let artifact = std::fs::read(&args.artifact)
        .with_context(|| format!("read {}", args.artifact.display()))?;
    let now = SystemTime::now();
    let instance = open_or_create(
        &args.state,
        args.profile.as_deref(),
        args.profiles_file.as_deref(),
        args.seed,
        now,
    )?;
    let name = args.artifact.file_name().map_or_else(
        || "artifact".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let outcome = instance.sign(&artifact, &name, &identity, args.dsse, now)?;
    let output = args.output.clone().unwrap_or_else(|| {
        let mut path = args.artifact.clone().into_os_string();
        path.push(".sigstore.json");
        PathBuf::from(path)
    });
    std::fs::write(&output, &outcome.json)
        .with_context(|| format!("write {}", output.display()))?;
    let index = outcome
        .bundle
        .tlog_entries
        .first()
        .map_or(0, |e| e.log_index);
    println!(
        "bundle: {} ({} bytes), log index {index}",
        output.display(),
        outcome.json.len()
    );
    println!("trusted root: {}", instance.trusted_root_path().display());
    Ok(ExitCode::SUCCESS)
}

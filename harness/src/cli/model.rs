//! `pqlab model`: sign and verify ML models as model-signing 1.1.1 does (model-transparency
//! v1.0, FORMATS.md §7): `sign` through a simulated Sigstore deployment or with a key,
//! `verify` with a trusted root and identity or with a public key, `keygen` for key mode.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::{Context, bail};
use clap::{Args as ClapArgs, Subcommand};
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::model::key::{self, PrivateKey};
use pqlab_harness::model::sign::{manifest_of, sign_key, sign_sigstore};
use pqlab_harness::model::verify::{Trust, verify_model};
use pqlab_harness::model::{DEFAULT_SIGNATURE_NAME, GIT_PATHS, HashingConfig, ModelError};

use super::sign::{identity, open_or_create, os_seed};

/// Arguments of `pqlab model`.
#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sign a model directory: every file with its SHA-256 in an in-toto statement, in a DSSE
    /// envelope, in a Sigstore bundle (model.sig). Sigstore mode (--state, --identity,
    /// --issuer) goes through the simulated deployment like `pqlab sign`; key mode (--key)
    /// signs with an EC private key and logs nothing, as `model_signing sign key`.
    Sign(Box<SignArgs>),
    /// Verify a model directory against its signature: the bundle, then every file (extra,
    /// missing and changed files fail, named). Exit 0 / 1.
    Verify(VerifyArgs),
    /// Make a key pair for key mode (PKCS#8 and SPKI PEM, as openssl writes them).
    Keygen(KeygenArgs),
}

/// What both sign and verify take about hashing (model_signing's hashing options).
#[derive(Debug, ClapArgs)]
struct HashingArgs {
    /// Paths to leave out of the manifest (inside the model; others are dropped).
    #[arg(long = "ignore-paths", value_name = "PATH", num_args = 1..)]
    ignore_paths: Vec<PathBuf>,
    /// Include .git, .gitattributes, .github and .gitignore (ignored by default).
    #[arg(long)]
    no_ignore_git_paths: bool,
    /// Follow symbolic links to files instead of refusing them.
    #[arg(long)]
    allow_symlinks: bool,
}

impl HashingArgs {
    fn config(&self, model: &Path, signature: &Path) -> HashingConfig {
        let mut config = HashingConfig {
            allow_symlinks: self.allow_symlinks,
            ..HashingConfig::default()
        };
        if self.no_ignore_git_paths {
            for git in GIT_PATHS {
                config.ignore_paths.remove(git);
            }
        }
        for path in self
            .ignore_paths
            .iter()
            .map(PathBuf::as_path)
            .chain([signature])
        {
            config.ignore_path(model, path);
        }
        config
    }
}

/// Arguments of `pqlab model sign`.
#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["key", "state"])))]
struct SignArgs {
    /// The model directory (or a single file).
    model: PathBuf,
    /// Where to write the signature (left out of the manifest when inside the model).
    #[arg(short, long, visible_alias = "signature", default_value = DEFAULT_SIGNATURE_NAME)]
    output: PathBuf,
    /// Key mode: the EC private key (PKCS#8 or SEC 1 PEM, P-256 or P-384).
    #[arg(long, value_name = "PEM", conflicts_with_all = ["state", "identity", "issuer", "profile"])]
    key: Option<PathBuf>,
    /// Sigstore mode: the instance's state directory (created on first use).
    #[arg(long, value_name = "DIR", requires_all = ["identity", "issuer"])]
    state: Option<PathBuf>,
    /// The profile of a new instance (default sigstore-today); an existing one must match.
    #[arg(long)]
    profile: Option<String>,
    /// A TOML file of extra profiles.
    #[arg(long, value_name = "F")]
    profiles_file: Option<PathBuf>,
    /// The signer's identity: an email address, or a URI (with "://").
    #[arg(long, value_name = "ID")]
    identity: Option<String>,
    /// The OIDC issuer recorded in the certificate.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// Seed of a new instance's keys (default: from the OS).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    #[command(flatten)]
    hashing: HashingArgs,
}

/// Arguments of `pqlab model verify`.
#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("trust").required(true).args(["key", "trusted_root"])))]
struct VerifyArgs {
    /// The model directory (or a single file).
    model: PathBuf,
    /// The signature (bundle) to verify.
    #[arg(long, value_name = "FILE")]
    signature: PathBuf,
    /// Sigstore mode: the trusted root JSON.
    #[arg(long, value_name = "FILE", requires_all = ["identity", "issuer"])]
    trusted_root: Option<PathBuf>,
    /// Sigstore mode: the expected certificate identity (SAN email or URI).
    #[arg(long, value_name = "ID")]
    identity: Option<String>,
    /// Sigstore mode: the expected OIDC issuer.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// Key mode: the public key (SPKI PEM).
    #[arg(long, value_name = "PEM", conflicts_with_all = ["trusted_root", "identity", "issuer"])]
    key: Option<PathBuf>,
    #[command(flatten)]
    hashing: HashingArgs,
}

/// Arguments of `pqlab model keygen`.
#[derive(Debug, ClapArgs)]
struct KeygenArgs {
    /// The algorithm: ecdsa-p256-sha256 or ecdsa-p384-sha384 (model_signing's curves).
    #[arg(long, default_value = "ecdsa-p256-sha256")]
    algorithm: String,
    /// Where to write the private key (PKCS#8 PEM, mode 0600).
    #[arg(long, value_name = "PEM")]
    private_key: PathBuf,
    /// Where to write the public key (SPKI PEM).
    #[arg(long, value_name = "PEM")]
    public_key: PathBuf,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.command {
        Command::Sign(a) => sign(a),
        Command::Verify(a) => verify(a),
        Command::Keygen(a) => keygen(a),
    }
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))
}

fn sign(args: &SignArgs) -> anyhow::Result<ExitCode> {
    let now = SystemTime::now();
    let config = args.hashing.config(&args.model, &args.output);
    let manifest = manifest_of(&args.model, &config)?;
    let (json, detail) = if let Some(key_path) = &args.key {
        let key = PrivateKey::from_pem(&read_text(key_path)?)
            .with_context(|| format!("{}", key_path.display()))?;
        let mut rng = pqlab_algorithms::rng::seeded(os_seed()?);
        let bundle = sign_key(&manifest, &key, &mut rng)?;
        (bundle.to_json(), format!("key {}", key.algorithm().id()))
    } else {
        let (Some(state), Some(id), Some(issuer)) = (&args.state, &args.identity, &args.issuer)
        else {
            bail!("give --key, or --state with --identity and --issuer");
        };
        let identity = identity(id, issuer)?;
        let instance = open_or_create(
            state,
            args.profile.as_deref(),
            args.profiles_file.as_deref(),
            args.seed,
            now,
        )?;
        let outcome = sign_sigstore(&instance, &manifest, &identity, now)?;
        let index = outcome
            .bundle
            .tlog_entries
            .first()
            .map_or(0, |e| e.log_index);
        let detail = format!(
            "{} profile, log index {index}, trusted root {}",
            instance.profile().name,
            instance.trusted_root_path().display()
        );
        (outcome.json, detail)
    };
    std::fs::write(&args.output, &json)
        .with_context(|| format!("write {}", args.output.display()))?;
    println!(
        "signed {} files of model '{}': {} ({} bytes; {detail})",
        manifest.resources().len(),
        manifest.model_name,
        args.output.display(),
        json.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn verify(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let bundle = std::fs::read(&args.signature)
        .with_context(|| format!("read {}", args.signature.display()))?;
    let config = args.hashing.config(&args.model, &args.signature);
    let now = SystemTime::now();
    let result: Result<_, ModelError> = if let Some(key_path) = &args.key {
        let spki = key::public_key_from_pem(&read_text(key_path)?)
            .with_context(|| format!("{}", key_path.display()))?;
        verify_model(&args.model, &bundle, Trust::Key(&spki), &config, now)
    } else {
        let (Some(root_path), Some(id), Some(issuer)) =
            (&args.trusted_root, &args.identity, &args.issuer)
        else {
            bail!("give --key, or --trusted-root with --identity and --issuer");
        };
        let root = TrustedRoot::parse(
            &std::fs::read(root_path).with_context(|| format!("read {}", root_path.display()))?,
        )
        .with_context(|| format!("{}", root_path.display()))?;
        let trust = Trust::Sigstore {
            root: &root,
            identity: id,
            issuer,
        };
        verify_model(&args.model, &bundle, trust, &config, now)
    };
    match result {
        Ok(manifest) => {
            println!(
                "OK: {} ({} files of model '{}')",
                args.model.display(),
                manifest.resources().len(),
                manifest.model_name
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("FAIL: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn keygen(args: &KeygenArgs) -> anyhow::Result<ExitCode> {
    let mut rng = pqlab_algorithms::rng::seeded(os_seed()?);
    let key = PrivateKey::generate(&args.algorithm, &mut rng)?;
    write_private(&args.private_key, &key.to_pkcs8_pem()?)?;
    std::fs::write(&args.public_key, key::public_key_pem(key.spki_der())?)
        .with_context(|| format!("write {}", args.public_key.display()))?;
    println!(
        "{} key: {} (private), {} (public)",
        args.algorithm,
        args.private_key.display(),
        args.public_key.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn write_private(path: &Path, pem: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("create {}", path.display()))?;
    file.write_all(pem.as_bytes())
        .with_context(|| format!("write {}", path.display()))
}

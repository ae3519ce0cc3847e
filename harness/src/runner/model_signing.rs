//! The `model-signing` workload (issue 8): for every profile and every point of a sweep over
//! file count and total model size, a synthetic model is signed in Sigstore mode through a
//! fresh simulated deployment ([`crate::model`]) and verified; the results give the bundle's
//! exact size and the sign and verify times (hashing included) as statistics.
//!
//! Suite section (`[model-signing]`, every key optional):
//!
//! ```toml
//! [model-signing]
//! files = [1, 10, 100]            # file counts
//! total-bytes = [1048576, 67108864] # model sizes; each point is split evenly over the files
//! samples = 5                     # timed signs and verifies per point
//! ```
//!
//! The bundle size is that of the first signature on the fresh deployment (log index 0) with
//! the deployment's clock fixed at [`CLOCK_UNIX_SECONDS`], so it is exact and the same for a
//! seed (ECDSA signature lengths depend on what is signed, times included); later samples
//! only time.

use std::path::Path;
use std::time::{Duration, Instant, UNIX_EPOCH};

use pqlab_algorithms::rand_core::Rng as _;
use pqlab_reports::Stats;
use pqlab_reports::schema::ModelSigningResult;
use serde::Deserialize;
use toml::Spanned;

use super::{RunContext, RunError, Workload, WorkloadKind};
use crate::bundle::trusted_root::TrustedRoot;
use crate::model::sign::{manifest_of, sign_sigstore};
use crate::model::verify::{Trust, verify_model};
use crate::model::{HashingConfig, ModelError};
use crate::pipeline::Instance;
use crate::pki::OidcIdentity;

/// The identity the workload signs as.
const IDENTITY: &str = "model-signer@pqlab.example";
/// Its OIDC issuer.
const ISSUER: &str = "https://oidc.pqlab.example";
/// The clock of every deployment, signature and verification of the workload
/// (2026-01-01T00:00:00Z), so that bundle sizes are reproducible.
pub const CLOCK_UNIX_SECONDS: u64 = 1_767_225_600;
/// Largest total model size under `--quick`.
pub const QUICK_MAX_TOTAL_BYTES: u64 = 4 << 20;
/// Most files under `--quick`.
pub const QUICK_MAX_FILES: u64 = 100;
/// Most samples per point under `--quick`.
pub const QUICK_SAMPLES: u32 = 3;

/// Model signing settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSigningConfig {
    /// File counts of the sweep, ascending.
    pub files: Vec<u64>,
    /// Total model sizes of the sweep, bytes, ascending.
    pub total_bytes: Vec<u64>,
    /// Timed signs and verifies per point.
    pub samples: u32,
}

impl Default for ModelSigningConfig {
    fn default() -> Self {
        ModelSigningConfig {
            files: vec![1, 10, 100],
            total_bytes: vec![1 << 20, 64 << 20],
            samples: 5,
        }
    }
}

/// The suite's `[model-signing]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawModelSigning {
    files: Option<Spanned<Vec<u64>>>,
    total_bytes: Option<Spanned<Vec<u64>>>,
    samples: Option<Spanned<u32>>,
}

impl ModelSigningConfig {
    /// Validates the suite's table; an error carries the byte span of the bad value.
    pub(crate) fn from_raw(
        raw: Option<RawModelSigning>,
    ) -> Result<Self, (std::ops::Range<usize>, String)> {
        let raw = raw.unwrap_or_default();
        let defaults = ModelSigningConfig::default();
        let ascending = |v: Option<Spanned<Vec<u64>>>, key: &str, default: Vec<u64>| match v {
            None => Ok(default),
            Some(s) => {
                let values = s.get_ref();
                if values.is_empty()
                    || values.first() == Some(&0)
                    || values.windows(2).any(|w| w[0] >= w[1])
                {
                    Err((
                        s.span(),
                        format!("`{key}` must be non-empty, positive and strictly ascending"),
                    ))
                } else {
                    Ok(values.clone())
                }
            }
        };
        let files = ascending(raw.files, "files", defaults.files)?;
        let total_bytes = ascending(raw.total_bytes, "total-bytes", defaults.total_bytes)?;
        let samples = match raw.samples {
            Some(s) if *s.get_ref() == 0 => {
                return Err((s.span(), "`samples` must be positive".into()));
            }
            Some(s) => *s.get_ref(),
            None => defaults.samples,
        };
        Ok(ModelSigningConfig {
            files,
            total_bytes,
            samples,
        })
    }

    /// Narrows the sweep for `--quick` (at most [`QUICK_MAX_FILES`] files,
    /// [`QUICK_MAX_TOTAL_BYTES`] and [`QUICK_SAMPLES`] samples; the smallest point stays).
    pub fn make_quick(&mut self) {
        let keep = |values: &mut Vec<u64>, max: u64| {
            let smallest = values.first().copied().unwrap_or(1).min(max);
            values.retain(|&v| v <= max);
            if values.is_empty() {
                values.push(smallest);
            }
        };
        keep(&mut self.files, QUICK_MAX_FILES);
        keep(&mut self.total_bytes, QUICK_MAX_TOTAL_BYTES);
        self.samples = self.samples.min(QUICK_SAMPLES);
    }

    /// The sweep's points, `(files, total bytes)`; points with fewer bytes than files are
    /// left out (every file holds at least one byte).
    #[must_use]
    pub fn points(&self) -> Vec<(u64, u64)> {
        let mut points = Vec::new();
        for &total in &self.total_bytes {
            for &files in &self.files {
                if files <= total {
                    points.push((files, total));
                }
            }
        }
        points
    }
}

/// Writes a synthetic model of `files` files holding `total` bytes (split evenly, the rest in
/// the first file) under `dir`, from `seed`: nested two levels so that directories are walked.
///
/// # Errors
/// [`RunError::Io`] when a file cannot be written.
pub fn write_model(dir: &Path, files: u64, total: u64, seed: u64) -> Result<(), RunError> {
    let mut rng = pqlab_algorithms::rng::seeded(seed);
    let each = total / files.max(1);
    let mut buffer = vec![0u8; 1 << 20];
    for i in 0..files {
        let size = if i == 0 {
            each + total % files.max(1)
        } else {
            each
        };
        let path = dir
            .join(format!("shard-{:02}", i % 16))
            .join(format!("weights-{i:06}.bin"));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| RunError::io(parent, e))?;
        }
        let mut file = std::fs::File::create(&path).map_err(|e| RunError::io(&path, e))?;
        let mut left = size;
        while left > 0 {
            let n = usize::try_from(left.min(buffer.len() as u64)).unwrap_or(buffer.len());
            let chunk = buffer.get_mut(..n).unwrap_or_default();
            rng.fill_bytes(chunk);
            std::io::Write::write_all(&mut file, chunk).map_err(|e| RunError::io(&path, e))?;
            left -= n as u64;
        }
    }
    Ok(())
}

fn nanos(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

fn model_error(e: ModelError) -> RunError {
    RunError::Unexpected(format!("model signing: {e}"))
}

/// The `model-signing` workload.
#[derive(Debug)]
pub(super) struct ModelSigningWorkload;

impl Workload for ModelSigningWorkload {
    fn kind(&self) -> WorkloadKind {
        WorkloadKind::ModelSigning
    }

    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError> {
        let config = &ctx.suite.model_signing;
        let points = config.points();
        let total = (points.len() * ctx.suite.profiles.len()) as u64;
        let root = ctx.scratch.join("model-signing");
        let identity = OidcIdentity::email(IDENTITY, ISSUER);
        let mut done = 0;
        for (p, &(files, bytes)) in points.iter().enumerate() {
            let model = root.join(format!("model-{files}x{bytes}"));
            write_model(&model, files, bytes, ctx.suite.seed ^ p as u64)?;
            for profile in &ctx.suite.profiles {
                ctx.progress.update("model-signing", done, total);
                let state = root.join(format!("state-{}-{p}", profile.name));
                let now = UNIX_EPOCH + Duration::from_secs(CLOCK_UNIX_SECONDS);
                let instance = Instance::create(&state, profile, ctx.suite.seed, now)
                    .map_err(|e| RunError::Unexpected(format!("{}: {e}", profile.name)))?;
                let trusted_root = instance.trusted_root_path();
                let root_json =
                    std::fs::read(&trusted_root).map_err(|e| RunError::io(&trusted_root, e))?;
                let trusted = TrustedRoot::parse(&root_json)
                    .map_err(|e| RunError::Unexpected(format!("{}: {e}", profile.name)))?;
                let hashing = HashingConfig::default();
                let mut sign_ns = Vec::new();
                let mut verify_ns = Vec::new();
                let mut bundle_bytes = None;
                for _ in 0..config.samples {
                    let started = Instant::now();
                    let manifest = manifest_of(&model, &hashing).map_err(model_error)?;
                    let outcome =
                        sign_sigstore(&instance, &manifest, &identity, now).map_err(model_error)?;
                    sign_ns.push(nanos(started));
                    bundle_bytes.get_or_insert(outcome.json.len() as u64);
                    let trust = Trust::Sigstore {
                        root: &trusted,
                        identity: IDENTITY,
                        issuer: ISSUER,
                    };
                    let started = Instant::now();
                    verify_model(&model, outcome.json.as_bytes(), trust, &hashing, now)
                        .map_err(model_error)?;
                    verify_ns.push(nanos(started));
                }
                ctx.draft.model_signing.push(ModelSigningResult {
                    profile: profile.name.clone(),
                    file_count: files,
                    total_bytes: bytes,
                    bundle_bytes: bundle_bytes.unwrap_or_default(),
                    sign: Stats::from_samples(&sign_ns)?,
                    verify: Stats::from_samples(&verify_ns)?,
                });
                let _ = std::fs::remove_dir_all(&state);
                done += 1;
            }
            let _ = std::fs::remove_dir_all(&model);
        }
        let _ = std::fs::remove_dir(&root);
        ctx.progress.update("model-signing", total, total);
        ctx.draft.notes.push(format!(
            "model-signing: {} samples per point (sign = hash + Sigstore sign, verify = bundle \
             verification + hash + compare); bundle bytes of the first signature on a fresh \
             deployment with its clock at 2026-01-01T00:00:00Z; synthetic models of seeded random bytes split evenly over the files",
            config.samples
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_is_every_pair_with_at_least_a_byte_per_file() {
        let config = ModelSigningConfig {
            files: vec![1, 10, 100],
            total_bytes: vec![50, 1000],
            samples: 1,
        };
        assert_eq!(
            config.points(),
            [(1, 50), (10, 50), (1, 1000), (10, 1000), (100, 1000)]
        );
        let mut quick = ModelSigningConfig {
            total_bytes: vec![64 << 20],
            ..ModelSigningConfig::default()
        };
        quick.make_quick();
        assert_eq!(quick.total_bytes, [QUICK_MAX_TOTAL_BYTES]);
    }
}

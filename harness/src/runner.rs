//! The suite runner (issue 6): runs a [`Suite`]'s workloads over its profiles and algorithms
//! and collects a `pqlab.results/2` [`Results`].
//!
//! Each workload is one module implementing [`Workload`]; [`workload`] maps a
//! [`WorkloadKind`] to its implementation. Workloads run in suite order and write into the
//! [`Draft`]: per-profile slots ([`ProfileDraft`]), primitive results, throughput, notes, and
//! the results' `model_signing` and `monitoring` lists. The bundle workloads
//! (`message-signature`, `dsse`; [`bundles`]) fill [`ProfileDraft::bundles`],
//! [`ProfileDraft::trusted_root_bytes`] and [`ProfileDraft::entry`], the real log entry that
//! a later `log-growth` sizes its entries by. A new workload (model signing, monitor) is a
//! module with a `Workload` that writes its part of the draft, and one arm in [`workload`];
//! until then the suite rejects its name.

pub mod bundles;
pub mod environment;
pub mod log_growth;
pub mod log_throughput;
pub mod model_signing;
pub mod monitor_cost;
pub mod primitives;
pub mod progress;
pub mod suite;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pqlab_reports::Results;
use pqlab_reports::schema::{
    AlgorithmResult, BundleResult, LogGrowth, LogThroughput, ModelSigningResult, MonitorResult,
    ProfileResult, Roles, SCHEMA_VERSION,
};

use crate::profile::Profile;
pub use progress::Progress;
pub use suite::{Suite, SuiteError, WorkloadKind};

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The suite is wrong.
    #[error(transparent)]
    Suite(#[from] SuiteError),
    /// An algorithm implementation failed an operation.
    #[error("{id}: {source}")]
    Algorithm {
        /// `id@implementation`.
        id: String,
        /// The failure.
        #[source]
        source: pqlab_algorithms::Error,
    },
    /// The tile log failed.
    #[error("log: {0}")]
    Log(#[from] crate::log::LogError),
    /// A log storage driver failed.
    #[error("log storage: {0}")]
    Storage(#[from] crate::log::storage::StorageError),
    /// A checkpoint key could not be made.
    #[error("checkpoint keys: {0}")]
    Note(#[from] crate::note::NoteError),
    /// A synthetic entry could not be made.
    #[error("entry: {0}")]
    Entry(#[from] crate::entry::EntryError),
    /// The simulated pipeline failed to create an instance or sign.
    #[error("pipeline: {0}")]
    Pipeline(#[from] crate::pipeline::PipelineError),
    /// A bundle the pipeline made failed verification.
    #[error("verify: {0}")]
    Verify(#[from] crate::verify::VerifyError),
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Samples could not be summarised.
    #[error("statistics: {0}")]
    Stats(#[from] pqlab_reports::stats::StatsError),
    /// The results do not satisfy their schema.
    #[error("results: {0}")]
    Schema(#[from] pqlab_reports::SchemaError),
    /// Something the runner did not expect to find.
    #[error("{0}")]
    Unexpected(String),
}

impl RunError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        RunError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// What the run has measured for one profile so far. A profile with nothing measured is left
/// out of the results (and the notes say so).
#[derive(Debug, Clone)]
pub struct ProfileDraft {
    /// The profile.
    pub profile: Profile,
    /// One bundle per bundle workload, keyed by workload name (`message-signature`, `dsse`).
    pub bundles: BTreeMap<String, BundleResult>,
    /// Bytes of `trusted_root.json` (bundle workloads).
    pub trusted_root_bytes: Option<u64>,
    /// The canonicalized log entry of this profile's measured bundle, with the workload that
    /// made it (bundle workloads; the message-signature entry wins).
    pub entry: Option<(Vec<u8>, WorkloadKind)>,
    /// Log storage growth (`log-growth`).
    pub log: Option<LogGrowth>,
}

/// The results being collected.
#[derive(Debug, Clone)]
pub struct Draft {
    /// One slot per suite profile, in suite order.
    pub profiles: Vec<ProfileDraft>,
    /// Primitive results.
    pub algorithms: Vec<AlgorithmResult>,
    /// Log throughput per driver.
    pub log_throughput: Vec<LogThroughput>,
    /// Model signing results (the `model-signing` workload).
    pub model_signing: Vec<ModelSigningResult>,
    /// Monitoring results (the `monitor` workload).
    pub monitoring: Vec<MonitorResult>,
    /// What the run did beyond the figures (skips, sample counts, sources).
    pub notes: Vec<String>,
}

/// What a workload sees: the suite, a scratch directory it may fill and must clean, progress
/// and the results so far.
#[derive(Debug)]
pub struct RunContext<'a> {
    /// The (narrowed) suite.
    pub suite: &'a Suite,
    /// A directory for temporary files (logs on disk).
    pub scratch: &'a Path,
    /// Progress reporting.
    pub progress: &'a mut Progress,
    /// The results so far.
    pub draft: &'a mut Draft,
}

/// One workload of a suite.
pub trait Workload: Sync {
    /// Which workload this is.
    fn kind(&self) -> WorkloadKind;

    /// Runs the workload over the suite, writing into `ctx.draft`.
    ///
    /// # Errors
    /// Any [`RunError`]; the run stops.
    fn run(&self, ctx: &mut RunContext<'_>) -> Result<(), RunError>;
}

/// The implementation of `kind`, when this build has one.
#[must_use]
pub fn workload(kind: WorkloadKind) -> Option<&'static dyn Workload> {
    match kind {
        WorkloadKind::Primitives => Some(&workloads::Primitives),
        WorkloadKind::LogGrowth => Some(&workloads::LogGrowthWorkload),
        WorkloadKind::LogThroughput => Some(&workloads::LogThroughputWorkload),
        WorkloadKind::ModelSigning => Some(&model_signing::ModelSigningWorkload),
        WorkloadKind::MessageSignature => Some(&workloads::MESSAGE_SIGNATURE),
        WorkloadKind::Dsse => Some(&workloads::DSSE),
        WorkloadKind::Monitor => Some(&workloads::MonitorWorkload),
    }
}

mod workloads;

fn roles(p: &Profile) -> Roles {
    Roles {
        root: p.root.clone(),
        intermediate: p.intermediate.clone(),
        leaf: p.leaf.clone(),
        ct_log: p.ct_log.clone(),
        tsa: p.tsa.clone(),
        log_checkpoint: p.checkpoint.clone(),
        witness: p.witness.clone(),
        witness_count: u32::from(p.witnesses),
        entry_shape: p.entry_shape.name().to_owned(),
    }
}

/// Runs every workload of `suite` (scratch files under `scratch`, removed afterwards) and
/// returns schema-valid results.
///
/// # Errors
/// The first [`RunError`]; results that fail their own schema checks are an error too.
pub fn run(suite: &Suite, scratch: &Path, progress: &mut Progress) -> Result<Results, RunError> {
    let started = Instant::now();
    let started_at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "unknown".to_owned());
    let mut environment = environment::collect(suite.seed, suite.quick, started_at);
    let mut draft = Draft {
        profiles: suite
            .profiles
            .iter()
            .map(|p| ProfileDraft {
                profile: p.clone(),
                bundles: BTreeMap::new(),
                trusted_root_bytes: None,
                entry: None,
                log: None,
            })
            .collect(),
        algorithms: Vec::new(),
        log_throughput: Vec::new(),
        model_signing: Vec::new(),
        monitoring: Vec::new(),
        notes: Vec::new(),
    };
    std::fs::create_dir_all(scratch).map_err(|e| RunError::io(scratch, e))?;
    for &kind in &suite.workloads {
        let Some(w) = workload(kind) else {
            return Err(RunError::Unexpected(format!(
                "workload {} is not available in this build",
                kind.name()
            )));
        };
        progress.line(&format!("workload {}", kind.name()));
        let mut ctx = RunContext {
            suite,
            scratch,
            progress,
            draft: &mut draft,
        };
        let began = Instant::now();
        w.run(&mut ctx)?;
        draft.notes.push(format!(
            "workload {}: {:.1} s wall clock",
            kind.name(),
            began.elapsed().as_secs_f64()
        ));
    }
    let _ = std::fs::remove_dir(scratch);
    let mut profiles = Vec::new();
    for d in draft.profiles {
        if d.bundles.is_empty() && d.log.is_none() {
            draft.notes.push(format!(
                "profile {}: not in the results (no bundle workload or log growth measured it)",
                d.profile.name
            ));
            continue;
        }
        profiles.push(ProfileResult {
            name: d.profile.name.clone(),
            roles: roles(&d.profile),
            bundles: d.bundles,
            trusted_root_bytes: d.trusted_root_bytes,
            log: d.log,
        });
    }
    environment.duration_s = started.elapsed().as_secs_f64();
    let results = Results {
        schema_version: SCHEMA_VERSION.to_owned(),
        suite: suite.name.clone(),
        environment,
        profiles,
        algorithms: draft.algorithms,
        log_throughput: draft.log_throughput,
        model_signing: draft.model_signing,
        monitoring: draft.monitoring,
        notes: draft.notes,
    };
    results.validate()?;
    Ok(results)
}

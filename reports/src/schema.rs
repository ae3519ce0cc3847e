//! The results schema `pqlab.results/1`: what `pqlab run` writes and `pqlab report` and
//! `pqlab compare` read. Every metric of DESIGN.md § Metrics has a field here; the field docs
//! restate the definitions so the schema is the contract.
//!
//! Parsing is strict ([`Results::from_json`]): another schema version, truncated JSON, a
//! missing or unknown field, or figures that contradict each other (a bundle breakdown that
//! does not add up, percentiles out of order) are a [`SchemaError`] naming the field.

mod algorithm;
mod environment;
mod error;
mod log;
mod parse;
mod profile;
mod validate;
mod workloads;

use serde::{Deserialize, Serialize};

pub use algorithm::{AlgorithmResult, KeySizes};
pub use environment::Environment;
pub use error::SchemaError;
pub use log::{LogGrowth, LogPoint, LogThroughput, Projection, ProjectionPoint};
pub use profile::{BundleComponents, BundleSize, CheckpointSize, ProfileResult, Roles};
pub use workloads::{ModelSigningResult, MonitorFetched, MonitorResult};

/// The schema version this crate reads and writes.
pub const SCHEMA_VERSION: &str = "pqlab.results/1";

/// The profile every ratio in the report is relative to (what public Sigstore runs today).
pub const BASELINE_PROFILE: &str = "sigstore-today";

/// One run of a suite: environment, per-profile results, per-algorithm primitives, log and
/// workload measurements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Name of the suite that was run (e.g. `default`, `quick`).
    pub suite: String,
    /// Where and when it ran.
    pub environment: Environment,
    /// One entry per profile, in suite order.
    pub profiles: Vec<ProfileResult>,
    /// Primitive sizes and latencies, one entry per algorithm implementation.
    pub algorithms: Vec<AlgorithmResult>,
    /// Log append throughput per storage driver.
    pub log_throughput: Vec<LogThroughput>,
    /// Model signing workload (empty when the suite did not run it).
    pub model_signing: Vec<ModelSigningResult>,
    /// Monitoring workload (empty when the suite did not run it).
    pub monitoring: Vec<MonitorResult>,
    /// What the runner did beyond the figures: reduced sample counts, skipped parts, where
    /// synthetic inputs came from (absent in older files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Results {
    /// The profile named `name`.
    #[must_use]
    pub fn profile(&self, name: &str) -> Option<&ProfileResult> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The `sigstore-today` profile, when the run has it.
    #[must_use]
    pub fn baseline_profile(&self) -> Option<&ProfileResult> {
        self.profile(BASELINE_PROFILE)
    }

    /// Serialises as pretty JSON (the results file format).
    ///
    /// # Errors
    /// Only if a float is not finite (JSON cannot hold NaN).
    pub fn to_json(&self) -> Result<String, SchemaError> {
        serde_json::to_string_pretty(self).map_err(|e| SchemaError::Serialize(e.to_string()))
    }
}

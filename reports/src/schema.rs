//! The results schema `pqlab.results/2`: what `pqlab run` writes and `pqlab report` and
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
pub use profile::{
    BUNDLE_WORKLOADS, BundleComponents, BundleResult, CheckpointSize, DSSE, MESSAGE_SIGNATURE,
    ProfileResult, Roles,
};
pub use workloads::{ModelSigningResult, MonitorFetched, MonitorResult};

/// The schema version this crate reads and writes.
///
/// History: `pqlab.results/1` had one optional `bundle` (with `sign_e2e` and `verify_full`
/// beside it) per profile and a required `log`. `pqlab.results/2` records one bundle per
/// bundle workload (`profiles[].bundles["message-signature" | "dsse"]`, each with its own
/// end-to-end sign and full verify, and the log position it was measured at) and makes
/// `profiles[].log` optional, so bundle workloads can cover more profiles than log growth.
/// Files of version 1 are refused with [`SchemaError::UnsupportedVersion`].
pub const SCHEMA_VERSION: &str = "pqlab.results/2";

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
    /// Model signing workload (empty when the suite did not run it; absent reads as empty).
    #[serde(default)]
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

    /// The profiles whose log growth the run measured, with it.
    pub fn logs(&self) -> impl Iterator<Item = (&ProfileResult, &LogGrowth)> {
        self.profiles
            .iter()
            .filter_map(|p| p.log.as_ref().map(|l| (p, l)))
    }

    /// Every bundle of the run: profile by profile, in [`BUNDLE_WORKLOADS`] order.
    pub fn bundles(&self) -> impl Iterator<Item = (&ProfileResult, &'static str, &BundleResult)> {
        self.profiles
            .iter()
            .flat_map(|p| p.bundles_in_order().map(move |(w, b)| (p, w, b)))
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

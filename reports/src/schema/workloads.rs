//! Later workloads (issue 6): model signing and monitoring.

use serde::{Deserialize, Serialize};

use crate::Stats;

/// Signing a model directory in the model-transparency v1.0 format with one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSigningResult {
    /// Profile used.
    pub profile: String,
    /// Files in the model.
    pub file_count: u64,
    /// Total bytes of the model files.
    pub total_bytes: u64,
    /// Bytes of the resulting bundle.
    pub bundle_bytes: u64,
    /// Signing (hashing included).
    pub sign: Stats,
    /// Verifying (hashing included).
    pub verify: Stats,
}

/// What following the log costs a monitor, per profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorResult {
    /// Profile whose entries the log holds.
    pub profile: String,
    /// New entries the monitor processed.
    pub entries: u64,
    /// Total bytes fetched (tiles, entry bundles, checkpoints).
    pub bytes_fetched: u64,
    /// Time per new entry.
    pub time_per_entry: Stats,
}

impl MonitorResult {
    /// Bytes fetched per new entry.
    #[must_use]
    pub fn bytes_per_entry(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a ratio for display")]
        if self.entries == 0 {
            0.0
        } else {
            self.bytes_fetched as f64 / self.entries as f64
        }
    }
}

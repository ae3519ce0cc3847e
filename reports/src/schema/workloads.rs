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
    /// Entries appended to the log between two monitor runs (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u64>,
    /// Monitor runs measured (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u64>,
    /// Bytes of each log entry (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_bytes: Option<u64>,
    /// Where `bytes_fetched` went; its parts add up to it (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<MonitorFetched>,
}

/// The bytes a monitor fetched, by object kind (C2SP tlog-tiles: checkpoint, hash tiles,
/// entry bundles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorFetched {
    /// Signed checkpoints (one per run).
    pub checkpoint_bytes: u64,
    /// Hash tiles, per level (index = level), full and partial: the consistency proofs.
    pub tile_bytes_by_level: Vec<u64>,
    /// Entry bundles, full and partial: the entries scanned.
    pub entry_bundle_bytes: u64,
    /// Objects fetched (HTTP requests a static server would answer).
    pub requests: u64,
}

impl MonitorFetched {
    /// Every byte.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.checkpoint_bytes
            + self.tile_bytes_by_level.iter().sum::<u64>()
            + self.entry_bundle_bytes
    }
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

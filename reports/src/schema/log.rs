//! Log storage growth and append throughput (DESIGN.md § Metrics, "log storage growth",
//! "throughput").

use serde::{Deserialize, Serialize};

/// Bytes on the storage driver as the log grows, measured and projected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogGrowth {
    /// Storage driver measured (`fs`).
    pub driver: String,
    /// Measured points, ascending `entries` (10^3 up to at least 10^6 in a full run).
    pub points: Vec<LogPoint>,
    /// The analytic projection.
    pub projection: Projection,
    /// Bytes of each entry appended (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_bytes: Option<u64>,
    /// Where the entry size came from (e.g. a synthetic suite default until the pipeline
    /// reports the real entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_source: Option<String>,
    /// Entries per integrate/checkpoint batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<u64>,
}

/// Bytes on the driver after `entries` appends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogPoint {
    /// Number of entries in the log.
    pub entries: u64,
    /// Total bytes; equals the sum of the four parts.
    pub total_bytes: u64,
    /// Full hash tiles of every level.
    pub tile_bytes: u64,
    /// Partial tiles.
    pub partial_tile_bytes: u64,
    /// Entry bundles (full and partial).
    pub entry_bundle_bytes: u64,
    /// The checkpoint.
    pub checkpoint_bytes: u64,
}

/// The analytic storage model, extrapolated to Rekor scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// The formula, in words and symbols, as documented by the runner.
    pub formula: String,
    /// Projected totals, ascending: at least 10^9 and 10^10 entries, and preferably also the
    /// measured N, so the report can show that projection and measurement agree
    /// ([`LogGrowth::projection_error`]).
    pub points: Vec<ProjectionPoint>,
}

/// A projected total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionPoint {
    /// Number of entries.
    pub entries: u64,
    /// Projected bytes.
    pub bytes: u64,
}

impl LogGrowth {
    /// Bytes per entry at the largest measured point.
    #[must_use]
    pub fn bytes_per_entry(&self) -> Option<f64> {
        let last = self.points.last()?;
        #[allow(clippy::cast_precision_loss, reason = "a ratio for display")]
        (last.entries > 0).then(|| last.total_bytes as f64 / last.entries as f64)
    }

    /// The projected bytes at exactly `entries`, when projected.
    #[must_use]
    pub fn projected(&self, entries: u64) -> Option<u64> {
        self.projection
            .points
            .iter()
            .find(|p| p.entries == entries)
            .map(|p| p.bytes)
    }
}

impl LogGrowth {
    /// The largest relative deviation `(projected − measured) / measured` over the N that are
    /// both measured and projected, with that N; `None` when no N is both.
    #[must_use]
    pub fn projection_error(&self) -> Option<(u64, f64)> {
        self.points
            .iter()
            .filter(|m| m.total_bytes > 0)
            .filter_map(|m| {
                let projected = self.projected(m.entries)?;
                #[allow(clippy::cast_precision_loss, reason = "a ratio for display")]
                let error = (projected as f64 - m.total_bytes as f64) / m.total_bytes as f64;
                Some((m.entries, error))
            })
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
    }
}

/// Append throughput of one storage driver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogThroughput {
    /// Driver (`memory` or `fs`).
    pub driver: String,
    /// Entries appended.
    pub entries: u64,
    /// Entries per sequencing batch.
    pub batch_size: u64,
    /// Wall-clock time of the appends, nanoseconds.
    pub duration_ns: u64,
}

impl LogThroughput {
    /// Appends per second.
    #[must_use]
    pub fn appends_per_second(&self) -> f64 {
        #[allow(clippy::cast_precision_loss, reason = "a rate for display")]
        if self.duration_ns == 0 {
            0.0
        } else {
            self.entries as f64 * 1e9 / self.duration_ns as f64
        }
    }
}

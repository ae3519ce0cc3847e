//! The per-profile summary figures shared by the HTML and Markdown reports, each with its
//! ratio to the `sigstore-today` profile.

use crate::schema::{BASELINE_PROFILE, ProfileResult, Results};

/// Entries at which the summary quotes the projected log storage (Rekor scale).
pub const PROJECTION_ENTRIES: u64 = 1_000_000_000;

/// A figure and its ratio to the same figure of `sigstore-today`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The value (bytes or nanoseconds).
    pub value: f64,
    /// `value / sigstore-today's value`, when the run has that profile and its value is > 0.
    pub ratio: Option<f64>,
}

/// One profile's row of the summary table.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// Profile name.
    pub profile: String,
    /// Bundle bytes.
    pub bundle_bytes: Figure,
    /// Full verify p50 (ns).
    pub verify_p50: Figure,
    /// Full verify p95 (ns).
    pub verify_p95: Figure,
    /// End-to-end sign p50 (ns).
    pub sign_p50: Figure,
    /// Log bytes per entry at the largest measured N, when measured.
    pub log_bytes_per_entry: Option<Figure>,
    /// Projected log storage at [`PROJECTION_ENTRIES`], when projected.
    pub projected_storage: Option<Figure>,
}

#[allow(clippy::cast_precision_loss, reason = "display figures")]
fn figures(p: &ProfileResult) -> [Option<f64>; 6] {
    [
        p.bundle.as_ref().map(|b| b.total_bytes as f64),
        p.verify_full.as_ref().map(|s| s.p50_ns as f64),
        p.verify_full.as_ref().map(|s| s.p95_ns as f64),
        p.sign_e2e.as_ref().map(|s| s.p50_ns as f64),
        p.log.bytes_per_entry(),
        p.log.projected(PROJECTION_ENTRIES).map(|b| b as f64),
    ]
}

/// The summary rows, one per profile in results order.
#[must_use]
pub fn rows(results: &Results) -> Vec<SummaryRow> {
    let base = results.profile(BASELINE_PROFILE).map(figures);
    results
        .profiles
        .iter()
        .map(|p| {
            let values = figures(p);
            let fig = |i: usize| {
                values[i].map(|value| Figure {
                    value,
                    ratio: base
                        .and_then(|b| b[i])
                        .filter(|&b| b > 0.0)
                        .map(|b| value / b),
                })
            };
            let zero = Figure {
                value: 0.0,
                ratio: None,
            };
            SummaryRow {
                profile: p.name.clone(),
                bundle_bytes: fig(0).unwrap_or(zero),
                verify_p50: fig(1).unwrap_or(zero),
                verify_p95: fig(2).unwrap_or(zero),
                sign_p50: fig(3).unwrap_or(zero),
                log_bytes_per_entry: fig(4),
                projected_storage: fig(5),
            }
        })
        .collect()
}

/// A ratio as shown in tables (`×3.21`), or `–`.
#[must_use]
pub fn format_ratio(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| format!("×{r:.2}"))
}

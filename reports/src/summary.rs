//! The per-profile summary figures shared by the HTML and Markdown reports, each with its
//! ratio to the `sigstore-today` profile.

use crate::schema::{BASELINE_PROFILE, DSSE, LogGrowth, MESSAGE_SIGNATURE, ProfileResult, Results};

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

/// One profile's row of the summary table. The bundle figures are those of the
/// message-signature bundle (the `message-signature` workload), beside the DSSE bundle's
/// bytes; a figure the run did not measure is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// Profile name.
    pub profile: String,
    /// Message-signature bundle bytes.
    pub bundle_bytes: Option<Figure>,
    /// DSSE bundle bytes.
    pub dsse_bundle_bytes: Option<Figure>,
    /// Full verify p50 of the message-signature bundle (ns).
    pub verify_p50: Option<Figure>,
    /// Full verify p95 of the message-signature bundle (ns).
    pub verify_p95: Option<Figure>,
    /// End-to-end sign p50 of the message-signature bundle (ns).
    pub sign_p50: Option<Figure>,
    /// Log bytes per entry at the largest measured N, when measured.
    pub log_bytes_per_entry: Option<Figure>,
    /// Projected log storage at [`PROJECTION_ENTRIES`], when projected.
    pub projected_storage: Option<Figure>,
}

#[allow(clippy::cast_precision_loss, reason = "display figures")]
fn figures(p: &ProfileResult) -> [Option<f64>; 7] {
    let message = p.bundle(MESSAGE_SIGNATURE);
    let verify = message.and_then(|b| b.verify_full.as_ref());
    [
        message.map(|b| b.total_bytes as f64),
        p.bundle(DSSE).map(|b| b.total_bytes as f64),
        verify.map(|s| s.p50_ns as f64),
        verify.map(|s| s.p95_ns as f64),
        message.map(|b| b.sign_e2e.p50_ns as f64),
        p.log.as_ref().and_then(LogGrowth::bytes_per_entry),
        p.log
            .as_ref()
            .and_then(|l| l.projected(PROJECTION_ENTRIES))
            .map(|b| b as f64),
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
            SummaryRow {
                profile: p.name.clone(),
                bundle_bytes: fig(0),
                dsse_bundle_bytes: fig(1),
                verify_p50: fig(2),
                verify_p95: fig(3),
                sign_p50: fig(4),
                log_bytes_per_entry: fig(5),
                projected_storage: fig(6),
            }
        })
        .collect()
}

/// A ratio as shown in tables (`×3.21`), or `–`.
#[must_use]
pub fn format_ratio(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), |r| format!("×{r:.2}"))
}

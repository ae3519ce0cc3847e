//! Signing-time distributions of the implementations whose time varies (rejection sampling in
//! ML-DSA and FN-DSA: "their spread is the finding, not noise", DESIGN.md § Metrics): one small
//! histogram per implementation that recorded one.

use plotters::prelude::*;

use super::{ChartError, colour, draw_err, format_ns, render};
use crate::schema::AlgorithmResult;

const CHART: &str = "sign histograms";
const COLUMNS: u32 = 3;

/// The chart as SVG markup, or `None` when no implementation recorded a histogram.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(algorithms: &[AlgorithmResult]) -> Result<Option<String>, ChartError> {
    let with: Vec<&AlgorithmResult> = algorithms
        .iter()
        .filter(|a| a.sign.histogram.is_some())
        .collect();
    if with.is_empty() {
        return Ok(None);
    }
    let count = u32::try_from(with.len()).unwrap_or(u32::MAX);
    let rows = count.div_ceil(COLUMNS);
    let svg = render(CHART, (1100, 40 + 220 * rows), |root| {
        let root = root
            .titled(
                "Signing time distributions (variable-time signers)",
                ("sans-serif", 20),
            )
            .map_err(draw_err(CHART))?;
        let cells = root.split_evenly((rows as usize, COLUMNS as usize));
        for (i, (a, cell)) in with.iter().zip(cells.iter()).enumerate() {
            let Some(h) = &a.sign.histogram else { continue };
            let top = h.counts.iter().copied().max().unwrap_or(1).max(1);
            #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
            let (lo, hi) = (
                h.edges_ns.first().copied().unwrap_or(0) as f64,
                h.edges_ns.last().copied().unwrap_or(1) as f64,
            );
            let mut chart = ChartBuilder::on(cell)
                .caption(
                    format!("{}@{} (n={})", a.algorithm, a.implementation, a.sign.n),
                    ("sans-serif", 14),
                )
                .margin(8)
                .x_label_area_size(28)
                .y_label_area_size(40)
                .build_cartesian_2d(lo..hi.max(lo + 1.0), 0u64..top + top / 10 + 1)
                .map_err(draw_err(CHART))?;
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(4)
                .y_labels(4)
                .x_label_formatter(&|x| format_ns(*x))
                .draw()
                .map_err(draw_err(CHART))?;
            let c = colour(i);
            chart
                .draw_series(h.counts.iter().zip(h.edges_ns.windows(2)).map(|(&n, w)| {
                    #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
                    Rectangle::new([(w[0] as f64, 0), (w[1] as f64, n)], c.filled())
                }))
                .map_err(draw_err(CHART))?;
        }
        Ok(())
    })?;
    Ok(Some(svg))
}

//! Model signing time against model size on log-log axes: the median sign time (hashing
//! included) of every profile and file count of the `model-signing` sweep (solid), and the
//! median verify time (dashed).

use plotters::prelude::*;

use super::{ChartError, colour, format_bytes, format_ns, log_log, render};
use crate::schema::ModelSigningResult;

const CHART: &str = "model signing";

#[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
fn f(v: u64) -> f64 {
    v as f64
}

/// The chart as SVG markup, or `None` when the run did not sign models.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(results: &[ModelSigningResult]) -> Result<Option<String>, ChartError> {
    if results.is_empty() {
        return Ok(None);
    }
    // One series per (profile, file count), in first-seen order.
    let mut series: Vec<(&str, u64)> = Vec::new();
    for m in results {
        if !series.contains(&(m.profile.as_str(), m.file_count)) {
            series.push((m.profile.as_str(), m.file_count));
        }
    }
    let positive = |v: u64| v.max(1);
    let xs = results.iter().map(|m| f(positive(m.total_bytes)));
    let ys = results
        .iter()
        .flat_map(|m| [f(positive(m.sign.p50_ns)), f(positive(m.verify.p50_ns))]);
    let x_label = |x: &f64| format_bytes(*x);
    let y_label = |y: &f64| format_ns(*y);
    let axes = log_log::Axes {
        chart: CHART,
        caption: "Model signing: sign (solid) and verify (dashed) p50 by model size",
        x_desc: "total model size",
        y_desc: "time (p50)",
        x: log_log::positive_bounds(xs),
        y: log_log::positive_bounds(ys),
        x_label: &x_label,
        y_label: &y_label,
    };
    let svg = render(CHART, (1100, 640), |root| {
        let mut chart = log_log::build(root, &axes)?;
        for (i, &(profile, files)) in series.iter().enumerate() {
            let c = colour(i);
            let mut points: Vec<&ModelSigningResult> = results
                .iter()
                .filter(|m| m.profile == profile && m.file_count == files)
                .collect();
            points.sort_by_key(|m| m.total_bytes);
            let sign: Vec<(f64, f64)> = points
                .iter()
                .map(|m| (f(positive(m.total_bytes)), f(positive(m.sign.p50_ns))))
                .collect();
            let verify: Vec<(f64, f64)> = points
                .iter()
                .map(|m| (f(positive(m.total_bytes)), f(positive(m.verify.p50_ns))))
                .collect();
            log_log::marked_line(
                &mut chart,
                CHART,
                &sign,
                c,
                format!("{profile}, {files} files"),
            )?;
            log_log::dashed_line(&mut chart, CHART, &verify, c)?;
        }
        log_log::legend(&mut chart, CHART, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })?;
    Ok(Some(svg))
}

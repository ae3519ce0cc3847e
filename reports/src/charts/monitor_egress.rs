//! Monitor egress on log-log axes: bytes a monitor fetches per new entry against how many
//! entries the log grew between two monitor runs, one line per profile (issue 8 § 4). Only
//! results that carry a batch size are drawn; `None` when there are none.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::{ChartError, colour, format_bytes, log_log, render};
use crate::schema::MonitorResult;

const CHART: &str = "monitor egress";

#[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
fn f(v: u64) -> f64 {
    v as f64
}

/// The chart as SVG markup, or `None` when no result has a batch size.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(results: &[MonitorResult]) -> Result<Option<String>, ChartError> {
    let mut series: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for m in results {
        let Some(batch) = m.batch_size else { continue };
        if m.entries == 0 || batch == 0 {
            continue;
        }
        if !order.contains(&m.profile.as_str()) {
            order.push(&m.profile);
        }
        series
            .entry(&m.profile)
            .or_default()
            .push((f(batch), m.bytes_per_entry()));
    }
    if series.is_empty() {
        return Ok(None);
    }
    let points = || series.values().flatten();
    let x_label = |x: &f64| format!("{x:.0}");
    let y_label = |y: &f64| format_bytes(*y);
    let axes = log_log::Axes {
        chart: CHART,
        caption: "Monitor: bytes fetched per new entry, by entries appended between runs",
        x_desc: "entries appended between two monitor runs",
        y_desc: "bytes fetched per new entry",
        x: log_log::positive_bounds(points().map(|p| p.0)),
        y: log_log::positive_bounds(points().map(|p| p.1)),
        x_label: &x_label,
        y_label: &y_label,
    };
    let svg = render(CHART, (1100, 560), |root| {
        let mut chart = log_log::build(root, &axes)?;
        for (i, name) in order.iter().enumerate() {
            let mut points = series.get(name).cloned().unwrap_or_default();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            log_log::marked_line(&mut chart, CHART, &points, colour(i), (*name).to_owned())?;
        }
        log_log::legend(&mut chart, CHART, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })?;
    Ok(Some(svg))
}

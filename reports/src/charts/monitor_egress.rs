//! Monitor egress on log-log axes: bytes a monitor fetches per new entry against how many
//! entries the log grew between two monitor runs, one line per profile (issue 8 § 4). Only
//! results that carry a batch size are drawn; `None` when there are none.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::{CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, format_bytes, render};
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
    let x_hi = points().map(|p| p.0).fold(1.0, f64::max);
    let x_lo = points().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let y_hi = points().map(|p| p.1).fold(1.0, f64::max);
    let y_lo = points()
        .map(|p| p.1)
        .filter(|y| *y > 0.0)
        .fold(f64::INFINITY, f64::min);
    let svg = render(CHART, (1100, 560), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Monitor: bytes fetched per new entry, by entries appended between runs",
                ("sans-serif", CAPTION_FONT),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(
                (x_lo / 2.0..x_hi * 2.0).log_scale(),
                (y_lo.min(y_hi) / 2.0..y_hi * 2.0).log_scale(),
            )
            .map_err(draw_err(CHART))?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", LABEL_FONT))
            .axis_desc_style(("sans-serif", LABEL_FONT))
            .x_desc("entries appended between two monitor runs")
            .y_desc("bytes fetched per new entry")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format_bytes(*y))
            .draw()
            .map_err(draw_err(CHART))?;
        for (i, name) in order.iter().enumerate() {
            let c = colour(i);
            let mut points = series.get(name).cloned().unwrap_or_default();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart
                .draw_series(LineSeries::new(points.clone(), c.stroke_width(2)))
                .map_err(draw_err(CHART))?
                .label(*name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2))
                });
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
                )
                .map_err(draw_err(CHART))?;
        }
        chart
            .configure_series_labels()
            .label_font(("sans-serif", LABEL_FONT))
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(draw_err(CHART))?;
        Ok(())
    })?;
    Ok(Some(svg))
}

//! Log storage growth on log-log axes: measured bytes on the filesystem driver (solid, with
//! markers) and the analytic projection (dashed) per profile (DESIGN.md § Metrics, "log
//! storage growth").

use plotters::prelude::*;

use super::{CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, format_bytes, render};
use crate::schema::{LogGrowth, ProfileResult, Results};

const CHART: &str = "log growth";

#[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
fn f(v: u64) -> f64 {
    v as f64
}

/// The chart as SVG markup.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(results: &Results) -> Result<String, ChartError> {
    let profiles: Vec<(&ProfileResult, &LogGrowth)> = results.logs().collect();
    render(CHART, (1100, 640), |root| {
        let xs = profiles.iter().flat_map(|(_, log)| {
            log.points
                .iter()
                .map(|q| q.entries)
                .chain(log.projection.points.iter().map(|q| q.entries))
        });
        let ys = profiles.iter().flat_map(|(_, log)| {
            log.points
                .iter()
                .map(|q| q.total_bytes)
                .chain(log.projection.points.iter().map(|q| q.bytes))
        });
        let (x_lo, x_hi) = bounds(xs);
        let (y_lo, y_hi) = bounds(ys);
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Log storage growth (measured: solid; projection: dashed)",
                ("sans-serif", CAPTION_FONT),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(
                (x_lo / 2.0..x_hi * 2.0).log_scale(),
                (y_lo / 2.0..y_hi * 2.0).log_scale(),
            )
            .map_err(draw_err(CHART))?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", LABEL_FONT))
            .axis_desc_style(("sans-serif", LABEL_FONT))
            .x_desc("entries in the log")
            .y_desc("bytes on the filesystem driver")
            .x_label_formatter(&|x| format!("{x:.0e}"))
            .y_label_formatter(&|y| format_bytes(*y))
            .draw()
            .map_err(draw_err(CHART))?;
        for (i, (p, log)) in profiles.iter().enumerate() {
            let c = colour(i);
            let measured: Vec<(f64, f64)> = log
                .points
                .iter()
                .map(|q| (f(q.entries), f(q.total_bytes)))
                .collect();
            chart
                .draw_series(LineSeries::new(measured.clone(), c.stroke_width(2)))
                .map_err(draw_err(CHART))?
                .label(p.name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2))
                });
            chart
                .draw_series(
                    measured
                        .iter()
                        .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
                )
                .map_err(draw_err(CHART))?;
            let projected: Vec<(f64, f64)> = measured
                .last()
                .copied()
                .into_iter()
                .chain(
                    log.projection
                        .points
                        .iter()
                        .map(|q| (f(q.entries), f(q.bytes))),
                )
                .collect();
            chart
                .draw_series(DashedLineSeries::new(
                    projected.clone(),
                    6,
                    4,
                    c.stroke_width(1),
                ))
                .map_err(draw_err(CHART))?;
            chart
                .draw_series(
                    projected
                        .iter()
                        .skip(usize::from(!measured.is_empty()))
                        .map(|&(x, y)| Circle::new((x, y), 3, c.stroke_width(1))),
                )
                .map_err(draw_err(CHART))?;
        }
        chart
            .configure_series_labels()
            .label_font(("sans-serif", LABEL_FONT))
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(draw_err(CHART))?;
        Ok(())
    })
}

/// Smallest and largest positive value (log axes cannot hold 0), with a sane default.
fn bounds(values: impl Iterator<Item = u64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|&v| v > 0)
        .fold((u64::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi == 0 { (1.0, 10.0) } else { (f(lo), f(hi)) }
}

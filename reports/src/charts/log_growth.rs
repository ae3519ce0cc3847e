//! Log storage growth on log-log axes: measured bytes on the filesystem driver (solid, with
//! markers) and the analytic projection (dashed) per profile (DESIGN.md § Metrics, "log
//! storage growth").

use plotters::prelude::*;

use super::{ChartError, colour, draw_err, format_bytes, log_log, render};
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
        let x_label = |x: &f64| format!("{x:.0e}");
        let y_label = |y: &f64| format_bytes(*y);
        let mut chart = log_log::build(
            root,
            &log_log::Axes {
                chart: CHART,
                caption: "Log storage growth (measured: solid; projection: dashed)",
                x_desc: "entries in the log",
                y_desc: "bytes on the filesystem driver",
                x: log_log::positive_bounds(xs.map(f)),
                y: log_log::positive_bounds(ys.map(f)),
                x_label: &x_label,
                y_label: &y_label,
            },
        )?;
        for (i, (p, log)) in profiles.iter().enumerate() {
            let c = colour(i);
            let measured: Vec<(f64, f64)> = log
                .points
                .iter()
                .map(|q| (f(q.entries), f(q.total_bytes)))
                .collect();
            log_log::marked_line(&mut chart, CHART, &measured, c, p.name.clone())?;
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
            log_log::dashed_line(&mut chart, CHART, &projected, c)?;
            chart
                .draw_series(
                    projected
                        .iter()
                        .skip(usize::from(!measured.is_empty()))
                        .map(|&(x, y)| Circle::new((x, y), 3, c.stroke_width(1))),
                )
                .map_err(draw_err(CHART))?;
        }
        log_log::legend(&mut chart, CHART, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

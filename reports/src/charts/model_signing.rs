//! Model signing time against model size on log-log axes: the median sign time (hashing
//! included) of every profile and file count of the `model-signing` sweep (solid), and the
//! median verify time (dashed).

use plotters::prelude::*;

use super::{
    CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, format_bytes, format_ns, render,
};
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
    let (x_lo, x_hi) = xs.fold((f64::MAX, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (y_lo, y_hi) = ys.fold((f64::MAX, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let svg = render(CHART, (1100, 640), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Model signing: sign (solid) and verify (dashed) p50 by model size",
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
            .x_desc("total model size")
            .y_desc("time (p50)")
            .x_label_formatter(&|x| format_bytes(*x))
            .y_label_formatter(&|y| format_ns(*y))
            .draw()
            .map_err(draw_err(CHART))?;
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
            chart
                .draw_series(LineSeries::new(sign.clone(), c.stroke_width(2)))
                .map_err(draw_err(CHART))?
                .label(format!("{profile}, {files} files"))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2))
                });
            chart
                .draw_series(
                    sign.iter()
                        .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
                )
                .map_err(draw_err(CHART))?;
            chart
                .draw_series(DashedLineSeries::new(verify, 6, 4, c.stroke_width(1)))
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
    })?;
    Ok(Some(svg))
}

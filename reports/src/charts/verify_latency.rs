//! Full bundle verification latency per profile and bundle workload: a box from p50 to p95, a whisker to p99, a
//! tick at the maximum (DESIGN.md § Metrics, "latency ... p50, p95, p99 and max").

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, format_ns, label_width,
    labelled_bundles, render, top_down,
};
use crate::schema::Results;

const CHART: &str = "verify latency";

/// The chart as SVG markup.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(results: &Results) -> Result<String, ChartError> {
    // Only bundles whose verification was measured.
    let measured: Vec<_> = labelled_bundles(results)
        .into_iter()
        .filter(|p| p.bundle.verify_full.is_some())
        .collect();
    let profiles = &measured[..];
    let names: Vec<&str> = profiles.iter().map(|p| p.label.as_str()).collect();
    let n = u32::try_from(profiles.len()).unwrap_or(u32::MAX);
    let height = 110 + 34 * n.max(1);
    render(CHART, (1100, height), |root| {
        let max = profiles
            .iter()
            .filter_map(|p| p.bundle.verify_full.as_ref().map(|s| s.p99_ns))
            .max()
            .unwrap_or(1)
            .max(1);
        #[allow(clippy::cast_precision_loss, reason = "axis range")]
        let x_max = max as f64 * 1.6;
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Full bundle verification: p50 ▮ p95 ─ p99 (max in label)",
                ("sans-serif", CAPTION_FONT),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(label_width(&names))
            .build_cartesian_2d(0f64..x_max, (0..n.max(1) - 1).into_segmented())
            .map_err(draw_err(CHART))?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", LABEL_FONT))
            .axis_desc_style(("sans-serif", LABEL_FONT))
            .disable_y_mesh()
            .x_desc("time")
            .x_label_formatter(&|x| format_ns(*x))
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => names
                    .len()
                    .checked_sub(*i as usize + 1)
                    .and_then(|row| names.get(row))
                    .map_or_else(String::new, |s| (*s).to_owned()),
                _ => String::new(),
            })
            .draw()
            .map_err(draw_err(CHART))?;
        for (i, p) in profiles.iter().enumerate() {
            let Some(s) = &p.bundle.verify_full else {
                continue;
            };
            let row = top_down(i, profiles.len());
            let c = colour(i);
            #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
            let (p50, p95, p99, maxv) = (
                s.p50_ns as f64,
                s.p95_ns as f64,
                s.p99_ns as f64,
                s.max_ns as f64,
            );
            let mut bar = Rectangle::new(
                [
                    (p50, SegmentValue::Exact(row)),
                    (p95, SegmentValue::Exact(row + 1)),
                ],
                c.mix(0.5).filled(),
            );
            bar.set_margin(8, 8, 0, 0);
            let mid = SegmentValue::CenterOf(row);
            chart.draw_series([bar]).map_err(draw_err(CHART))?;
            chart
                .draw_series([
                    PathElement::new(
                        vec![(p95, mid.clone()), (p99, mid.clone())],
                        c.stroke_width(2),
                    ),
                    PathElement::new(
                        vec![
                            (p50, SegmentValue::Exact(row)),
                            (p50, SegmentValue::Exact(row + 1)),
                        ],
                        c.stroke_width(3),
                    ),
                ])
                .map_err(draw_err(CHART))?;
            chart
                .draw_series([Text::new(
                    format!(
                        " p50 {} · p99 {} · max {} · n={}",
                        format_ns(p50),
                        format_ns(p99),
                        format_ns(maxv),
                        s.n
                    ),
                    (p99, mid),
                    TextStyle::from(("sans-serif", 13).into_font())
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )])
                .map_err(draw_err(CHART))?;
        }
        Ok(())
    })
}

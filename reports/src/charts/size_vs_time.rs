//! Bundle bytes against full verification time (p50), one labelled point per profile and
//! bundle workload: the trade-off each profile makes.

use plotters::prelude::*;

use super::{
    CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, format_ns, labelled_bundles, render,
};
use crate::schema::Results;

const CHART: &str = "bytes vs verify time";

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
    render(CHART, (1100, 560), |root| {
        #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
        let points: Vec<(f64, f64)> = profiles
            .iter()
            .filter_map(|p| {
                let verify = p.bundle.verify_full.as_ref()?;
                Some((p.bundle.total_bytes as f64, verify.p50_ns as f64))
            })
            .collect();
        let x_max = points.iter().map(|p| p.0).fold(1.0, f64::max) * 1.2;
        let y_max = points.iter().map(|p| p.1).fold(1.0, f64::max) * 1.15;
        let mut chart = ChartBuilder::on(root)
            .caption(
                "Bundle size against full verify time (p50)",
                ("sans-serif", CAPTION_FONT),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(0f64..x_max, 0f64..y_max)
            .map_err(draw_err(CHART))?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", LABEL_FONT))
            .axis_desc_style(("sans-serif", LABEL_FONT))
            .x_desc("bundle bytes")
            .y_desc("full verify p50")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format_ns(*y))
            .draw()
            .map_err(draw_err(CHART))?;
        chart
            .draw_series(
                profiles
                    .iter()
                    .zip(&points)
                    .enumerate()
                    .map(|(i, (p, &xy))| {
                        EmptyElement::at(xy)
                            + Circle::new((0, 0), 5, colour(i).filled())
                            + Text::new(p.label.clone(), (8, -14), ("sans-serif", 13))
                    }),
            )
            .map_err(draw_err(CHART))?;
        Ok(())
    })
}

//! Stacked horizontal bars: the bundle's bytes per component, one bar per profile and bundle
//! workload (message signature, DSSE) (DESIGN.md § Metrics, "bundle size ... with a
//! breakdown by component").

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    CAPTION_FONT, ChartError, LABEL_FONT, colour, draw_err, label_width, labelled_bundles, render,
    top_down,
};
use crate::schema::Results;

const CHART: &str = "bundle composition";

/// The chart as SVG markup.
///
/// # Errors
/// [`ChartError`] when plotters fails.
pub fn svg(results: &Results) -> Result<String, ChartError> {
    let profiles = &labelled_bundles(results)[..];
    let names: Vec<&str> = profiles.iter().map(|p| p.label.as_str()).collect();
    let n = u32::try_from(profiles.len()).unwrap_or(u32::MAX);
    let height = 130 + 34 * n.max(1) + 60;
    render(CHART, (1100, height), |root| {
        let max = profiles
            .iter()
            .map(|p| p.bundle.total_bytes)
            .max()
            .unwrap_or(1)
            .max(1);
        #[allow(clippy::cast_precision_loss, reason = "axis range")]
        let x_max = max as f64 * 1.05;
        let mut chart = ChartBuilder::on(root)
            .caption("Bundle composition (bytes)", ("sans-serif", CAPTION_FONT))
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
            .x_desc("bytes of bundle JSON")
            .x_label_formatter(&|x| format!("{x:.0}"))
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
        let Some(first) = profiles.first().map(|p| p.bundle) else {
            return Ok(());
        };
        let components: Vec<&str> = first
            .components
            .named()
            .iter()
            .map(|(name, _)| *name)
            .collect();
        for (c, component) in components.iter().enumerate() {
            let fill = colour(c).filled();
            let bars = profiles.iter().enumerate().map(|(i, p)| {
                let named = p.bundle.components.named();
                let start: u64 = named[..c].iter().map(|(_, b)| b).sum();
                let end = start + named[c].1;
                let row = top_down(i, profiles.len());
                #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
                let mut bar = Rectangle::new(
                    [
                        (start as f64, SegmentValue::Exact(row)),
                        (end as f64, SegmentValue::Exact(row + 1)),
                    ],
                    fill,
                );
                bar.set_margin(4, 4, 0, 0);
                bar
            });
            chart
                .draw_series(bars)
                .map_err(draw_err(CHART))?
                .label(*component)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], fill));
        }
        // Totals at the end of each bar.
        chart
            .draw_series(profiles.iter().enumerate().map(|(i, p)| {
                let total = p.bundle.total_bytes;
                let row = top_down(i, profiles.len());
                #[allow(clippy::cast_precision_loss, reason = "plot coordinates")]
                Text::new(
                    format!(" {total}"),
                    (total as f64, SegmentValue::CenterOf(row)),
                    TextStyle::from(("sans-serif", 13).into_font())
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )
            }))
            .map_err(draw_err(CHART))?;
        chart
            .configure_series_labels()
            .label_font(("sans-serif", LABEL_FONT))
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(draw_err(CHART))?;
        Ok(())
    })
}

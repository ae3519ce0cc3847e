//! What the log-log line charts (log growth, monitor egress, model signing) share: the axes,
//! a line with a marker on each point, and the legend box.

use plotters::prelude::*;

use super::{Area, CAPTION_FONT, ChartError, LABEL_FONT, draw_err};

/// A chart context with logarithmic x and y axes.
pub(crate) type LogLogChart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<LogCoord<f64>, LogCoord<f64>>>;

/// The axes of a log-log chart.
pub(crate) struct Axes<'f> {
    /// The chart's name in errors.
    pub(crate) chart: &'static str,
    /// The caption above the chart.
    pub(crate) caption: &'f str,
    /// The x axis description.
    pub(crate) x_desc: &'f str,
    /// The y axis description.
    pub(crate) y_desc: &'f str,
    /// Smallest and largest x value drawn (positive).
    pub(crate) x: (f64, f64),
    /// Smallest and largest y value drawn (positive).
    pub(crate) y: (f64, f64),
    /// x tick labels.
    pub(crate) x_label: &'f dyn Fn(&f64) -> String,
    /// y tick labels.
    pub(crate) y_label: &'f dyn Fn(&f64) -> String,
}

/// Builds the chart on `root` with both ranges widened by a factor of 2 each way, and draws
/// its mesh.
pub(crate) fn build<'a, 'b>(
    root: &'a Area<'b>,
    axes: &Axes<'_>,
) -> Result<LogLogChart<'a, 'b>, ChartError> {
    let (x_lo, x_hi) = axes.x;
    let (y_lo, y_hi) = axes.y;
    let mut chart = ChartBuilder::on(root)
        .caption(axes.caption, ("sans-serif", CAPTION_FONT))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(80)
        .build_cartesian_2d(
            (x_lo / 2.0..x_hi * 2.0).log_scale(),
            (y_lo / 2.0..y_hi * 2.0).log_scale(),
        )
        .map_err(draw_err(axes.chart))?;
    chart
        .configure_mesh()
        .label_style(("sans-serif", LABEL_FONT))
        .axis_desc_style(("sans-serif", LABEL_FONT))
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .x_label_formatter(axes.x_label)
        .y_label_formatter(axes.y_label)
        .draw()
        .map_err(draw_err(axes.chart))?;
    Ok(chart)
}

/// Draws `points` as a solid line of colour `c` with a filled marker on each point, listed in
/// the legend as `label`.
pub(crate) fn marked_line(
    chart: &mut LogLogChart<'_, '_>,
    name: &'static str,
    points: &[(f64, f64)],
    c: RGBColor,
    label: String,
) -> Result<(), ChartError> {
    chart
        .draw_series(LineSeries::new(points.to_vec(), c.stroke_width(2)))
        .map_err(draw_err(name))?
        .label(label)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(2)));
    chart
        .draw_series(
            points
                .iter()
                .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
        )
        .map_err(draw_err(name))?;
    Ok(())
}

/// Draws `points` as a thin dashed line of colour `c` (not in the legend).
pub(crate) fn dashed_line(
    chart: &mut LogLogChart<'_, '_>,
    name: &'static str,
    points: &[(f64, f64)],
    c: RGBColor,
) -> Result<(), ChartError> {
    chart
        .draw_series(DashedLineSeries::new(
            points.to_vec(),
            6,
            4,
            c.stroke_width(1),
        ))
        .map_err(draw_err(name))?;
    Ok(())
}

/// Draws the legend box at `position`.
pub(crate) fn legend<'a, 'b: 'a>(
    chart: &mut LogLogChart<'a, 'b>,
    name: &'static str,
    position: SeriesLabelPosition,
) -> Result<(), ChartError> {
    chart
        .configure_series_labels()
        .label_font(("sans-serif", LABEL_FONT))
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(draw_err(name))?;
    Ok(())
}

/// Smallest and largest positive value (log axes cannot hold 0), `(1, 10)` when there is
/// none.
pub(crate) fn positive_bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|&v| v > 0.0)
        .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if hi == 0.0 { (1.0, 10.0) } else { (lo, hi) }
}

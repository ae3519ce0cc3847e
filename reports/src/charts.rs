//! The report's charts, drawn with plotters' SVG backend into strings that the HTML embeds
//! inline (no external assets). One module per chart.

pub mod bundle_composition;
pub mod log_growth;
mod log_log;
pub mod model_signing;
pub mod monitor_egress;
pub mod sign_histogram;
pub mod size_vs_time;
pub mod verify_latency;

use plotters::coord::Shift;
use plotters::prelude::*;

/// One bar or point of a bundle chart: a profile's bundle of one workload, labelled
/// `profile` for the message-signature bundle and `profile (dsse)` for the DSSE bundle.
pub(crate) struct LabelledBundle<'a> {
    /// The label.
    pub(crate) label: String,
    /// The bundle.
    pub(crate) bundle: &'a crate::schema::BundleResult,
}

/// Every bundle of the run, labelled, in results order.
pub(crate) fn labelled_bundles(results: &crate::schema::Results) -> Vec<LabelledBundle<'_>> {
    results
        .bundles()
        .map(|(p, workload, bundle)| LabelledBundle {
            label: if workload == crate::schema::MESSAGE_SIGNATURE {
                p.name.clone()
            } else {
                format!("{} ({workload})", p.name)
            },
            bundle,
        })
        .collect()
}

/// A chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// plotters reported a drawing error.
    #[error("drawing {chart}: {message}")]
    Draw {
        /// Which chart.
        chart: &'static str,
        /// plotters' message.
        message: String,
    },
}

/// The drawing area charts draw on.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Maps a plotters error to [`ChartError`] for `chart`.
pub(crate) fn draw_err<E: std::fmt::Display>(chart: &'static str) -> impl Fn(E) -> ChartError {
    move |e| ChartError::Draw {
        chart,
        message: e.to_string(),
    }
}

/// Draws on a white `width` × `height` SVG and returns the SVG markup.
pub(crate) fn render(
    chart: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err(chart))?;
        draw(&root)?;
        root.present().map_err(draw_err(chart))?;
    }
    Ok(out)
}

/// A qualitative palette (Okabe–Ito, colour-blind safe, its yellow darkened for contrast on
/// white, then four more) for series `i`.
pub(crate) fn colour(i: usize) -> RGBColor {
    const PALETTE: [RGBColor; 12] = [
        RGBColor(0, 114, 178),
        RGBColor(230, 159, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(86, 180, 233),
        RGBColor(213, 94, 0),
        RGBColor(170, 140, 0),
        RGBColor(0, 0, 0),
        RGBColor(148, 103, 189),
        RGBColor(140, 86, 75),
        RGBColor(127, 127, 127),
        RGBColor(188, 189, 34),
    ];
    PALETTE[i % PALETTE.len()]
}

/// Nanoseconds as a short human unit (`850 ns`, `12.3 µs`, `4.56 ms`, `1.20 s`).
#[must_use]
pub fn format_ns(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.1} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

/// [`format_ns`] of an integer count of nanoseconds.
#[must_use]
pub fn format_ns_u64(ns: u64) -> String {
    #[allow(clippy::cast_precision_loss, reason = "display figure")]
    format_ns(ns as f64)
}

/// Bytes with a decimal unit (`950 B`, `5.9 kB`, `1 GB`, `12.5 TB`).
#[must_use]
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [(&str, f64); 5] = [
        ("PB", 1e15),
        ("TB", 1e12),
        ("GB", 1e9),
        ("MB", 1e6),
        ("kB", 1e3),
    ];
    for (unit, scale) in UNITS {
        if bytes >= scale {
            let v = bytes / scale;
            return if (v - v.round()).abs() < 0.05 {
                format!("{v:.0} {unit}")
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{bytes:.0} B")
}

/// A count, as a power of ten when it is one (`10⁹`), else in digits.
#[must_use]
pub fn format_count(n: u64) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits = n.to_string();
    if n >= 1000 && digits.starts_with('1') && digits[1..].bytes().all(|b| b == b'0') {
        let exponent: String = (digits.len() - 1)
            .to_string()
            .bytes()
            .map(|b| SUPERSCRIPTS[usize::from(b - b'0')])
            .collect();
        format!("10{exponent}")
    } else {
        digits
    }
}

/// Font size of axis labels.
pub(crate) const LABEL_FONT: u32 = 14;

/// Font size of chart captions.
pub(crate) const CAPTION_FONT: u32 = 22;

/// The row of item `i` of `n` on a segmented y axis, so that the first item is on top.
pub(crate) fn top_down(i: usize, n: usize) -> u32 {
    u32::try_from(n.saturating_sub(i + 1)).unwrap_or(0)
}

/// The profiles' names as y-axis labels need this many pixels.
pub(crate) fn label_width(names: &[&str]) -> u32 {
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    u32::try_from(longest * 8 + 20).unwrap_or(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(format_count(1_000_000_000), "10⁹");
        assert_eq!(format_count(10_000_000_000), "10¹⁰");
        assert_eq!(format_count(1000), "10³");
        assert_eq!(format_count(100), "100");
        assert_eq!(format_count(2000), "2000");
        assert_eq!(format_ns(850.0), "850 ns");
        assert_eq!(format_ns(12_345.0), "12.3 µs");
        assert_eq!(format_ns(4_560_000.0), "4.56 ms");
        assert_eq!(format_bytes(950.0), "950 B");
        assert_eq!(format_bytes(5903.0), "5.9 kB");
        assert_eq!(format_bytes(1e9), "1 GB");
        assert_eq!(format_bytes(56_542.0), "56.5 kB");
        assert_eq!(format_bytes(12.54e12), "12.5 TB");
    }
}

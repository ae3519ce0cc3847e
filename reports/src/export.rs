//! Exports of a results file: CSV (one row per figure, for spreadsheets; also the report's
//! download link) and Markdown (for pull-request comments).

pub mod csv;
pub mod markdown;

/// An export could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The CSV was not UTF-8 (cannot happen with UTF-8 input).
    #[error("CSV output is not UTF-8")]
    Utf8,
}

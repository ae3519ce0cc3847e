//! pqlab's results schema, HTML report, Markdown/CSV exports and baseline comparison.
//!
//! - [`schema`]: the versioned results file (`pqlab.results/2`) with strict parsing.
//! - [`stats`]: latency summaries (nearest-rank percentiles) built from raw samples.
//! - [`html`]: the self-contained HTML report with inline SVG charts ([`charts`]).
//! - [`export`]: Markdown and CSV.
//! - [`compare`]: baseline comparison with a CI exit verdict.
//! - [`criterion`]: import of criterion's estimates for the primitive tables.
//!
//! Out of scope: running anything or measuring (that is `pqlab-harness`, which depends on
//! this crate, never the reverse).

pub mod charts;
pub mod compare;
pub mod criterion;
pub mod export;
pub mod html;
pub mod schema;
pub mod stats;
pub mod summary;

pub use schema::{Results, SchemaError};
pub use stats::{Histogram, Stats, StatsError};

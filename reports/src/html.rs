//! The self-contained HTML report: one `index.html` with inline SVG charts, tables, the
//! environment and the raw results (embedded, and downloadable as CSV and JSON through
//! `data:` links). No scripts, no external assets.

mod tables;
mod template;

use std::collections::BTreeMap;

pub use template::{data_uri, escape};

use crate::charts::{
    ChartError, bundle_composition, log_growth, model_signing, monitor_egress, sign_histogram,
    size_vs_time, verify_latency,
};
use crate::criterion::CriterionEstimates;
use crate::export::{ExportError, csv::to_csv};
use crate::schema::{BASELINE_PROFILE, Results, SchemaError};

/// The report could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HtmlError {
    /// A chart failed.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// The CSV or JSON download could not be produced.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The results could not be serialised for embedding.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// The template and the fragments disagree (a bug).
    #[error("template: {0}")]
    Template(String),
}

/// Options of the HTML report.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions<'a> {
    /// Criterion medians to use in the primitive tables.
    pub criterion: Option<&'a CriterionEstimates>,
}

/// Renders the report page.
///
/// # Errors
/// [`HtmlError`] when a chart or an export fails.
pub fn render(results: &Results, options: &HtmlOptions<'_>) -> Result<String, HtmlError> {
    let env = &results.environment;
    let mut v: BTreeMap<&str, String> = BTreeMap::new();
    v.insert(
        "title",
        escape(&format!("pqlab results: suite {}", results.suite)),
    );
    v.insert(
        "meta",
        escape(&format!(
            "{} · {} cores · {} · commit {} · seed {} · started {} · {:.1} s",
            env.cpu_model,
            env.cores,
            env.rustc,
            env.git_commit,
            env.seed,
            env.started_at,
            env.duration_s
        )),
    );
    let mut notice = String::new();
    if env.quick {
        notice.push_str(
            "<p class=\"notice\">Quick run: fewer samples and a smaller log than a full run.</p>\n",
        );
    }
    if results.baseline_profile().is_none() {
        notice.push_str(&format!(
            "<p class=\"notice\">This run has no <code>{BASELINE_PROFILE}</code> profile: ratios are not shown.</p>\n"
        ));
    }
    v.insert("notice", notice);
    v.insert("summary_table", tables::summary(results));
    v.insert("composition_chart", bundle_composition::svg(results)?);
    v.insert("composition_table", tables::composition(results));
    v.insert("log_chart", log_growth::svg(results)?);
    v.insert("log_table", tables::log(results));
    v.insert("verify_chart", verify_latency::svg(results)?);
    v.insert("latency_table", tables::latency(results));
    v.insert("scatter_chart", size_vs_time::svg(results)?);
    v.insert(
        "primitives_note",
        match options.criterion.filter(|c| !c.is_empty()) {
            Some(c) => format!(
                "<p>Latencies marked ᶜ are criterion medians imported from <code>{}</code> ({} estimates); the others, and every p99, are the suite's own samples (p50).</p>",
                escape(&c.source.display().to_string()),
                c.len()
            ),
            None => "<p>Latencies are the suite's own samples (p50 unless stated).</p>".to_owned(),
        },
    );
    v.insert(
        "primitives_table",
        tables::primitives(results, options.criterion),
    );
    v.insert(
        "histogram_chart",
        sign_histogram::svg(&results.algorithms)?.map_or_else(String::new, |svg| {
            format!(
                "<figure id=\"chart-sign-histograms\">{svg}<figcaption>Signing time of the implementations whose time varies (rejection sampling): sample counts per time bucket.</figcaption></figure>"
            )
        }),
    );
    let mut workloads = tables::workloads(results)
        + &model_signing::svg(&results.model_signing)?.map_or_else(String::new, |svg| {
            format!(
                "<figure id=\"chart-model-signing\">{svg}<figcaption>Model signing: median sign and verify time (hashing included) per profile and file count, by total model size.</figcaption></figure>\n"
            )
        });
    if let Some(svg) = monitor_egress::svg(&results.monitoring)? {
        workloads.push_str(&format!(
            "<figure id=\"chart-monitor-egress\">{svg}<figcaption>What a monitor fetches per new entry (checkpoint, consistency-proof tiles, entry bundles) against how many entries the log grew between two runs: a monitor re-fetches the partial entry bundle it last saw, so frequent runs cost more per entry.</figcaption></figure>"
        ));
    }
    v.insert("workloads", workloads);
    v.insert("environment", tables::environment(results));
    let json = results.to_json()?;
    let csv = to_csv(results)?;
    v.insert(
        "downloads",
        format!(
            "<a download=\"pqlab-results.csv\" href=\"{}\">Download all figures as CSV</a> · <a download=\"results.json\" href=\"{}\">Download the results JSON</a>",
            escape(&data_uri("text/csv", &csv)),
            escape(&data_uri("application/json", &json)),
        ),
    );
    v.insert("schema_version", escape(&results.schema_version));
    v.insert("raw_json", escape(&json));
    template::fill(template::PAGE, &v)
}

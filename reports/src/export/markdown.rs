//! The results as Markdown: the summary table with ratios to `sigstore-today`, the bundle
//! composition, the primitive table and the environment, for pull-request comments.

use std::fmt::Write as _;

use crate::charts::{format_bytes, format_ns, format_ns_u64};
use crate::criterion::{CriterionEstimates, Operation};
use crate::schema::Results;
use crate::summary::{self, PROJECTION_ENTRIES, format_ratio};

/// Escapes a table cell (pipes and line breaks would break the table).
#[must_use]
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// The primitive latency shown for `op`: criterion's median when imported, else the suite's
/// p50; the flag says which.
pub(crate) fn primitive_ns(
    criterion: Option<&CriterionEstimates>,
    op: Operation,
    algorithm: &str,
    implementation: &str,
    p50: u64,
) -> (f64, bool) {
    #[allow(clippy::cast_precision_loss, reason = "display figure")]
    criterion
        .and_then(|c| c.median(op, algorithm, implementation))
        .map_or((p50 as f64, false), |m| (m, true))
}

/// The report as Markdown.
#[must_use]
pub fn to_markdown(results: &Results, criterion: Option<&CriterionEstimates>) -> String {
    let mut out = String::new();
    let env = &results.environment;
    let _ = writeln!(out, "# pqlab results: suite `{}`\n", cell(&results.suite));
    let _ = writeln!(
        out,
        "{} · {} cores · {} · {} · commit `{}` · seed {} · started {} · {:.1} s{}\n",
        cell(&env.cpu_model),
        env.cores,
        cell(&env.os),
        cell(&env.rustc),
        cell(&env.git_commit),
        env.seed,
        cell(&env.started_at),
        env.duration_s,
        if env.quick { " · quick run" } else { "" }
    );
    out.push_str("## Summary per profile (ratio to `sigstore-today`)\n\n");
    out.push_str(
        "| profile | bundle | DSSE bundle | full verify p50 | full verify p95 | e2e sign p50 | log bytes/entry | log at 10⁹ entries |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in summary::rows(results) {
        let opt = |f: Option<summary::Figure>, fmt: &dyn Fn(f64) -> String| {
            f.map_or_else(
                || "–".to_owned(),
                |f| format!("{} ({})", fmt(f.value), format_ratio(f.ratio)),
            )
        };
        let bytes = |v: f64| format!("{v:.0} B");
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            cell(&row.profile),
            opt(row.bundle_bytes, &bytes),
            opt(row.dsse_bundle_bytes, &bytes),
            opt(row.verify_p50, &format_ns),
            opt(row.verify_p95, &format_ns),
            opt(row.sign_p50, &format_ns),
            opt(row.log_bytes_per_entry, &|v| format!("{v:.1} B")),
            opt(row.projected_storage, &format_bytes),
        );
    }
    let _ = writeln!(
        out,
        "\nBundle, verify and sign figures are the message-signature bundle's. Log storage at \
         {PROJECTION_ENTRIES} entries is the analytic projection; bytes per entry are measured \
         at the largest N.\n"
    );
    out.push_str("## Bundle composition (bytes)\n\n| profile | bundle | total | gzip |");
    let names: Vec<&str> = results
        .bundles()
        .next()
        .map(|(_, _, bundle)| bundle.components.named().iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    for n in &names {
        let _ = write!(out, " {n} |");
    }
    out.push_str("\n|---|---|---:|---:|");
    out.push_str(&"---:|".repeat(names.len()));
    out.push('\n');
    for (p, workload, bundle) in results.bundles() {
        let _ = write!(
            out,
            "| `{}` | {} | {} | {} |",
            cell(&p.name),
            workload,
            bundle.total_bytes,
            bundle.gzip_bytes
        );
        for (_, b) in bundle.components.named() {
            let _ = write!(out, " {b} |");
        }
        out.push('\n');
    }
    out.push_str("\n## Primitives per algorithm and implementation\n\n");
    if let Some(c) = criterion.filter(|c| !c.is_empty()) {
        let _ = writeln!(
            out,
            "Latencies marked ᶜ are criterion medians from `{}`; the others are the suite's p50.\n",
            c.source.display()
        );
    }
    out.push_str(
        "| algorithm | implementation | public key | signature | SPKI | keygen | sign p50 | sign p99 | verify |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for a in &results.algorithms {
        let shown = |op, p50| {
            let (ns, from_criterion) =
                primitive_ns(criterion, op, &a.algorithm, &a.implementation, p50);
            format!(
                "{}{}",
                format_ns(ns),
                if from_criterion { " ᶜ" } else { "" }
            )
        };
        let _ = writeln!(
            out,
            "| `{}` | {} ({} {}) | {} | {} | {} | {} | {} | {} | {} |",
            cell(&a.algorithm),
            cell(&a.implementation),
            cell(&a.crate_name),
            cell(&a.crate_version),
            a.sizes.public_key,
            a.sizes.signature,
            a.sizes.spki_der,
            shown(Operation::Keygen, a.keygen.p50_ns),
            shown(Operation::Sign, a.sign.p50_ns),
            format_ns_u64(a.sign.p99_ns),
            shown(Operation::Verify, a.verify.p50_ns),
        );
    }
    if !results.log_throughput.is_empty() {
        out.push_str("\n## Log append throughput\n\n| driver | entries | batch | appends/s |\n|---|---:|---:|---:|\n");
        for t in &results.log_throughput {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.0} |",
                cell(&t.driver),
                t.entries,
                t.batch_size,
                t.appends_per_second()
            );
        }
    }
    if !results.model_signing.is_empty() {
        out.push_str("\n## Model signing\n\n| profile | files | total bytes | bundle bytes | sign p50 | verify p50 |\n|---|---:|---:|---:|---:|---:|\n");
        for m in &results.model_signing {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                cell(&m.profile),
                m.file_count,
                m.total_bytes,
                m.bundle_bytes,
                format_ns_u64(m.sign.p50_ns),
                format_ns_u64(m.verify.p50_ns)
            );
        }
    }
    if !results.monitoring.is_empty() {
        out.push_str("\n## Monitoring\n\n| profile | batch | entries | bytes fetched / entry | time / entry p50 |\n|---|---:|---:|---:|---:|\n");
        for m in &results.monitoring {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {:.1} | {} |",
                cell(&m.profile),
                m.batch_size
                    .map_or_else(|| "–".to_owned(), |b| b.to_string()),
                m.entries,
                m.bytes_per_entry(),
                format_ns_u64(m.time_per_entry.p50_ns)
            );
        }
    }
    out
}

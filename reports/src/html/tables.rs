//! The report's HTML tables, built with escaped strings.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::template::escape;
use crate::charts::{format_bytes, format_count, format_ns, format_ns_u64};
use crate::criterion::{CriterionEstimates, Operation};
use crate::export::markdown::primitive_ns;
use crate::schema::Results;
use crate::stats::Stats;
use crate::summary::{self, Figure, PROJECTION_ENTRIES, format_ratio};

/// A `<table>` from a header and rows of already-escaped cells; `numeric[i]` right-aligns
/// column `i`.
pub(crate) fn table(header: &[&str], numeric: &[bool], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if numeric.get(i).copied().unwrap_or(false) {
                let _ = write!(out, "<td class=\"num\">{c}</td>");
            } else {
                let _ = write!(out, "<td>{c}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn figure(f: Figure, fmt: &dyn Fn(f64) -> String) -> [String; 2] {
    [escape(&fmt(f.value)), escape(&format_ratio(f.ratio))]
}

fn code(text: &str) -> String {
    format!("<code>{}</code>", escape(text))
}

/// The summary table: one row per profile, each figure followed by its ratio (bundle
/// figures: the message-signature bundle, beside the DSSE bundle's bytes).
pub(crate) fn summary(results: &Results) -> String {
    let header = [
        "profile",
        "bundle bytes",
        "ratio",
        "DSSE bundle bytes",
        "ratio",
        "full verify p50",
        "ratio",
        "full verify p95",
        "ratio",
        "e2e sign p50",
        "ratio",
        "log bytes / entry",
        "ratio",
        "log storage at 10⁹ entries (projected)",
        "ratio",
    ];
    let none = || ["–".to_owned(), "–".to_owned()];
    let cells =
        |f: Option<Figure>, fmt: &dyn Fn(f64) -> String| f.map_or_else(none, |f| figure(f, fmt));
    let bytes = |v: f64| format!("{v:.0}");
    let rows: Vec<Vec<String>> = summary::rows(results)
        .into_iter()
        .map(|r| {
            let mut row = vec![code(&r.profile)];
            row.extend(cells(r.bundle_bytes, &bytes));
            row.extend(cells(r.dsse_bundle_bytes, &bytes));
            row.extend(cells(r.verify_p50, &format_ns));
            row.extend(cells(r.verify_p95, &format_ns));
            row.extend(cells(r.sign_p50, &format_ns));
            row.extend(cells(r.log_bytes_per_entry, &|v| format!("{v:.1}")));
            row.extend(cells(r.projected_storage, &format_bytes));
            row
        })
        .collect();
    let mut numeric = vec![true; header.len()];
    numeric[0] = false;
    table(&header, &numeric, &rows)
}

/// Bundle components and gzip bytes per profile and bundle workload, the trusted-root bytes,
/// and the roles.
pub(crate) fn composition(results: &Results) -> String {
    let names: Vec<&str> = results
        .bundles()
        .next()
        .map(|(_, _, bundle)| bundle.components.named().iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    let mut header = vec!["profile", "bundle", "total", "gzip"];
    header.extend(&names);
    header.push("proof at");
    header.push("trusted root");
    let rows: Vec<Vec<String>> = results
        .bundles()
        .map(|(p, workload, bundle)| {
            let mut row = vec![
                code(&p.name),
                escape(workload),
                bundle.total_bytes.to_string(),
                bundle.gzip_bytes.to_string(),
            ];
            row.extend(bundle.components.named().iter().map(|(_, b)| b.to_string()));
            row.push(escape(&format!(
                "index {} of {}",
                bundle.log_index, bundle.tree_size
            )));
            row.push(
                p.trusted_root_bytes
                    .map_or_else(String::new, |b| b.to_string()),
            );
            row
        })
        .collect();
    let mut numeric = vec![true; header.len()];
    numeric[0] = false;
    numeric[1] = false;
    let mut out = table(&header, &numeric, &rows);
    out.push_str("<h3>Algorithms per role</h3>\n");
    let rows: Vec<Vec<String>> = results
        .profiles
        .iter()
        .map(|p| {
            let r = &p.roles;
            vec![
                code(&p.name),
                escape(&r.root),
                escape(&r.intermediate),
                escape(&r.leaf),
                escape(&r.ct_log),
                escape(&r.tsa),
                escape(&r.log_checkpoint.join(" + ")),
                escape(&format!("{} × {}", r.witness_count, r.witness)),
                escape(&r.entry_shape),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "profile",
            "root",
            "intermediate",
            "leaf",
            "CT log",
            "TSA",
            "log checkpoint",
            "witnesses",
            "entry shape",
        ],
        &[],
        &rows,
    ));
    out
}

/// Log storage per profile: one row per profile with the measured totals at every N and the
/// projections, then the projection formula and (folded) the per-part breakdown.
pub(crate) fn log(results: &Results) -> String {
    let measured: BTreeSet<u64> = results
        .logs()
        .flat_map(|(_, log)| log.points.iter().map(|q| q.entries))
        .collect();
    let projected: BTreeSet<u64> = results
        .logs()
        .flat_map(|(_, log)| log.projection.points.iter().map(|q| q.entries))
        .collect();
    let mut header = vec!["profile".to_owned(), "driver".to_owned()];
    header.extend(
        measured
            .iter()
            .map(|n| format!("N = {} (measured)", format_count(*n))),
    );
    header.extend(
        projected
            .iter()
            .map(|n| format!("N = {} (projected)", format_count(*n))),
    );
    let rows: Vec<Vec<String>> = results
        .logs()
        .map(|(p, log)| {
            let mut row = vec![code(&p.name), escape(&log.driver)];
            row.extend(measured.iter().map(|n| {
                log.points.iter().find(|q| q.entries == *n).map_or_else(
                    || "–".to_owned(),
                    |q| escape(&format_bytes(u64_f(q.total_bytes))),
                )
            }));
            row.extend(projected.iter().map(|n| {
                log.projected(*n)
                    .map_or_else(|| "–".to_owned(), |b| escape(&format_bytes(u64_f(b))))
            }));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut numeric = vec![true; header.len()];
    numeric[0] = false;
    numeric[1] = false;
    let mut out = table(&header, &numeric, &rows);
    let mut formulas: Vec<&str> = results
        .logs()
        .map(|(_, log)| log.projection.formula.as_str())
        .collect();
    formulas.dedup();
    for f in formulas {
        let _ = writeln!(out, "<p>Projection formula: {}</p>", escape(f));
    }
    let agreement: Vec<String> = results
        .logs()
        .filter_map(|(p, log)| {
            let (n, error) = log.projection_error()?;
            Some(format!(
                "{}: {:+.3}% at N = {}",
                code(&p.name),
                error * 100.0,
                format_count(n)
            ))
        })
        .collect();
    if agreement.is_empty() {
        out.push_str("<p>No N is both measured and projected, so the projection's agreement with the measurement is not shown.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p>Projection against measurement (largest deviation where both exist): {}.</p>",
            agreement.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "<p>The summary quotes the projection at {} entries.</p>",
        format_count(PROJECTION_ENTRIES)
    );
    let mut rows = Vec::new();
    for (p, log) in results.logs() {
        for q in &log.points {
            rows.push(vec![
                code(&p.name),
                q.entries.to_string(),
                q.total_bytes.to_string(),
                q.tile_bytes.to_string(),
                q.partial_tile_bytes.to_string(),
                q.entry_bundle_bytes.to_string(),
                q.checkpoint_bytes.to_string(),
            ]);
        }
    }
    out.push_str("<details><summary>Measured bytes by part</summary>\n");
    out.push_str(&table(
        &[
            "profile",
            "entries",
            "total",
            "full tiles",
            "partial tiles",
            "entry bundles",
            "checkpoint",
        ],
        &[false, true, true, true, true, true, true],
        &rows,
    ));
    out.push_str("</details>\n");
    out
}

#[allow(clippy::cast_precision_loss, reason = "display figure")]
fn u64_f(v: u64) -> f64 {
    v as f64
}

fn stats_cells(s: &Stats) -> Vec<String> {
    vec![
        escape(&format_ns_u64(s.p50_ns)),
        escape(&format_ns_u64(s.p95_ns)),
        escape(&format_ns_u64(s.p99_ns)),
        escape(&format_ns_u64(s.max_ns)),
        escape(&format_ns(s.mean_ns)),
        s.n.to_string(),
    ]
}

/// End-to-end sign and full verify statistics per profile and bundle workload.
pub(crate) fn latency(results: &Results) -> String {
    let mut rows = Vec::new();
    for (p, workload, bundle) in results.bundles() {
        for (what, s) in [
            ("e2e sign", Some(&bundle.sign_e2e)),
            ("full verify", bundle.verify_full.as_ref()),
            ("verify, root prepared", bundle.verify_prepared.as_ref()),
        ] {
            let Some(s) = s else { continue };
            let mut row = vec![code(&p.name), escape(workload), what.to_owned()];
            row.extend(stats_cells(s));
            rows.push(row);
        }
    }
    table(
        &[
            "profile",
            "bundle",
            "operation",
            "p50",
            "p95",
            "p99",
            "max",
            "mean",
            "samples",
        ],
        &[false, false, false, true, true, true, true, true, true],
        &rows,
    )
}

/// Sizes and primitive latencies per algorithm and implementation.
pub(crate) fn primitives(results: &Results, criterion: Option<&CriterionEstimates>) -> String {
    let rows: Vec<Vec<String>> = results
        .algorithms
        .iter()
        .map(|a| {
            let shown = |op, s: &Stats| {
                let (ns, from) =
                    primitive_ns(criterion, op, &a.algorithm, &a.implementation, s.p50_ns);
                format!("{}{}", escape(&format_ns(ns)), if from { " ᶜ" } else { "" })
            };
            vec![
                code(&a.algorithm),
                escape(&a.implementation),
                escape(&format!("{} {}", a.crate_name, a.crate_version)),
                a.sizes.public_key.to_string(),
                a.sizes.secret_key.to_string(),
                a.sizes.signature.to_string(),
                a.sizes.spki_der.to_string(),
                shown(Operation::Keygen, &a.keygen),
                shown(Operation::Sign, &a.sign),
                escape(&format_ns_u64(a.sign.p99_ns)),
                shown(Operation::Verify, &a.verify),
                escape(&format_ns_u64(a.verify.p99_ns)),
                format!("{}/{}/{}", a.keygen.n, a.sign.n, a.verify.n),
            ]
        })
        .collect();
    table(
        &[
            "algorithm",
            "implementation",
            "crate",
            "public key",
            "secret key",
            "signature",
            "SPKI DER",
            "keygen",
            "sign",
            "sign p99",
            "verify",
            "verify p99",
            "samples k/s/v",
        ],
        &[
            false, false, false, true, true, true, true, true, true, true, true, true, true,
        ],
        &rows,
    )
}

/// Log throughput, model signing and monitoring tables (each only when measured).
pub(crate) fn workloads(results: &Results) -> String {
    let mut out = String::new();
    out.push_str("<h3>Log append throughput</h3>\n");
    if results.log_throughput.is_empty() {
        out.push_str("<p>Not measured in this run.</p>\n");
    } else {
        let rows: Vec<Vec<String>> = results
            .log_throughput
            .iter()
            .map(|t| {
                vec![
                    escape(&t.driver),
                    t.entries.to_string(),
                    t.batch_size.to_string(),
                    escape(&format_ns_u64(t.duration_ns)),
                    format!("{:.0}", t.appends_per_second()),
                ]
            })
            .collect();
        out.push_str(&table(
            &["driver", "entries", "batch size", "duration", "appends / s"],
            &[false, true, true, true, true],
            &rows,
        ));
    }
    out.push_str("<h3>Model signing</h3>\n");
    if results.model_signing.is_empty() {
        out.push_str("<p>Not measured in this run.</p>\n");
    } else {
        let rows: Vec<Vec<String>> = results
            .model_signing
            .iter()
            .map(|m| {
                vec![
                    code(&m.profile),
                    m.file_count.to_string(),
                    escape(&format_bytes(u64_f(m.total_bytes))),
                    m.bundle_bytes.to_string(),
                    escape(&format_ns_u64(m.sign.p50_ns)),
                    escape(&format_ns_u64(m.verify.p50_ns)),
                    format!("{}/{}", m.sign.n, m.verify.n),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "profile",
                "files",
                "total size",
                "bundle bytes",
                "sign p50",
                "verify p50",
                "samples s/v",
            ],
            &[false, true, true, true, true, true, true],
            &rows,
        ));
    }
    out.push_str("<h3>Monitoring</h3>\n");
    if results.monitoring.is_empty() {
        out.push_str("<p>Not measured in this run.</p>\n");
    } else {
        out.push_str(
            "<p>What a monitor following the log (rekor-monitor style: checkpoint, consistency proof from tiles, entry bundles) fetches per new entry, by how many entries the log grew between two runs.</p>\n",
        );
        let per_entry = |bytes: u64, entries: u64| {
            if entries == 0 {
                "–".to_owned()
            } else {
                format!("{:.1}", u64_f(bytes) / u64_f(entries))
            }
        };
        let rows: Vec<Vec<String>> = results
            .monitoring
            .iter()
            .map(|m| {
                let optional = |v: Option<u64>| v.map_or_else(|| "–".to_owned(), |v| v.to_string());
                let (checkpoint, tiles, bundles) = m.fetched.as_ref().map_or_else(
                    || ("–".to_owned(), "–".to_owned(), "–".to_owned()),
                    |f| {
                        (
                            per_entry(f.checkpoint_bytes, m.entries),
                            per_entry(f.tile_bytes_by_level.iter().sum(), m.entries),
                            per_entry(f.entry_bundle_bytes, m.entries),
                        )
                    },
                );
                let mut row = vec![
                    code(&m.profile),
                    optional(m.batch_size),
                    optional(m.entry_bytes),
                    m.entries.to_string(),
                    m.bytes_fetched.to_string(),
                    format!("{:.1}", m.bytes_per_entry()),
                    checkpoint,
                    tiles,
                    bundles,
                ];
                row.extend(stats_cells(&m.time_per_entry).into_iter().take(3));
                row
            })
            .collect();
        out.push_str(&table(
            &[
                "profile",
                "batch",
                "entry bytes",
                "new entries",
                "bytes fetched",
                "bytes / entry",
                "checkpoint / entry",
                "tiles / entry",
                "entry bundles / entry",
                "time / entry p50",
                "p95",
                "p99",
            ],
            &[
                false, true, true, true, true, true, true, true, true, true, true, true,
            ],
            &rows,
        ));
    }
    out
}

/// The environment as a two-column table, crate versions included.
pub(crate) fn environment(results: &Results) -> String {
    let e = &results.environment;
    let mut rows = vec![
        vec!["suite".to_owned(), escape(&results.suite)],
        vec!["CPU model".to_owned(), escape(&e.cpu_model)],
        vec!["CPU flags".to_owned(), escape(&e.cpu_flags.join(" "))],
        vec!["cores".to_owned(), e.cores.to_string()],
        vec!["OS".to_owned(), escape(&e.os)],
        vec!["rustc".to_owned(), escape(&e.rustc)],
        vec!["git commit".to_owned(), code(&e.git_commit)],
        vec!["seed".to_owned(), e.seed.to_string()],
        vec!["started at".to_owned(), escape(&e.started_at)],
        vec!["duration".to_owned(), format!("{:.1} s", e.duration_s)],
        vec!["quick run".to_owned(), e.quick.to_string()],
    ];
    for (name, version) in &e.crate_versions {
        rows.push(vec![format!("crate {}", escape(name)), escape(version)]);
    }
    for note in &results.notes {
        rows.push(vec!["run note".to_owned(), escape(note)]);
    }
    table(&["", "value"], &[], &rows)
}

//! The results as long-format CSV: `section,subject,metric,unit,value`, one row per figure,
//! quoted by the `csv` crate (RFC 4180). Every figure of the results file appears, so a
//! spreadsheet pivot can rebuild any table of the report.

use super::ExportError;
use crate::schema::Results;
use crate::stats::Stats;

/// The CSV header.
pub const HEADER: [&str; 5] = ["section", "subject", "metric", "unit", "value"];

struct Rows(Vec<[String; 5]>);

impl Rows {
    fn push(&mut self, section: &str, subject: &str, metric: &str, unit: &str, value: String) {
        self.0.push([
            section.to_owned(),
            subject.to_owned(),
            metric.to_owned(),
            unit.to_owned(),
            value,
        ]);
    }

    fn stats(&mut self, section: &str, subject: &str, prefix: &str, s: &Stats) {
        self.push(
            section,
            subject,
            &format!("{prefix}.n"),
            "samples",
            s.n.to_string(),
        );
        for (name, v) in [
            ("min", s.min_ns),
            ("p50", s.p50_ns),
            ("p95", s.p95_ns),
            ("p99", s.p99_ns),
            ("max", s.max_ns),
        ] {
            self.push(
                section,
                subject,
                &format!("{prefix}.{name}"),
                "ns",
                v.to_string(),
            );
        }
        self.push(
            section,
            subject,
            &format!("{prefix}.mean"),
            "ns",
            format!("{:.1}", s.mean_ns),
        );
    }
}

/// Every figure of `results` as rows (without the header).
fn rows(results: &Results) -> Rows {
    let mut r = Rows(Vec::new());
    let env = &results.environment;
    let e = "environment";
    r.push(e, "", "schema_version", "", results.schema_version.clone());
    r.push(e, "", "suite", "", results.suite.clone());
    r.push(e, "", "cpu_model", "", env.cpu_model.clone());
    r.push(e, "", "cpu_flags", "", env.cpu_flags.join(" "));
    r.push(e, "", "cores", "", env.cores.to_string());
    r.push(e, "", "os", "", env.os.clone());
    r.push(e, "", "rustc", "", env.rustc.clone());
    r.push(e, "", "git_commit", "", env.git_commit.clone());
    r.push(e, "", "seed", "", env.seed.to_string());
    r.push(e, "", "started_at", "", env.started_at.clone());
    r.push(e, "", "duration", "s", env.duration_s.to_string());
    r.push(e, "", "quick", "", env.quick.to_string());
    for (name, version) in &env.crate_versions {
        r.push(e, name, "crate_version", "", version.clone());
    }
    for p in &results.profiles {
        let (s, n) = ("profile", p.name.as_str());
        let roles = &p.roles;
        for (role, alg) in [
            ("root", &roles.root),
            ("intermediate", &roles.intermediate),
            ("leaf", &roles.leaf),
            ("ct_log", &roles.ct_log),
            ("tsa", &roles.tsa),
            ("witness", &roles.witness),
            ("entry_shape", &roles.entry_shape),
        ] {
            r.push(s, n, &format!("roles.{role}"), "", alg.clone());
        }
        r.push(
            s,
            n,
            "roles.log_checkpoint",
            "",
            roles.log_checkpoint.join("+"),
        );
        r.push(
            s,
            n,
            "roles.witness_count",
            "",
            roles.witness_count.to_string(),
        );
        for (workload, bundle) in p.bundles_in_order() {
            let at = format!("bundles.{workload}");
            r.push(
                s,
                n,
                &format!("{at}.total_bytes"),
                "bytes",
                bundle.total_bytes.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.gzip_bytes"),
                "bytes",
                bundle.gzip_bytes.to_string(),
            );
            for (component, bytes) in bundle.components.named() {
                r.push(
                    s,
                    n,
                    &format!("{at}.components.{component}"),
                    "bytes",
                    bytes.to_string(),
                );
            }
            r.push(
                s,
                n,
                &format!("{at}.log_index"),
                "",
                bundle.log_index.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.tree_size"),
                "entries",
                bundle.tree_size.to_string(),
            );
            r.stats(s, n, &format!("{at}.sign_e2e"), &bundle.sign_e2e);
            if let Some(stats) = &bundle.verify_full {
                r.stats(s, n, &format!("{at}.verify_full"), stats);
            }
            if let Some(stats) = &bundle.verify_prepared {
                r.stats(s, n, &format!("{at}.verify_prepared"), stats);
            }
        }
        if let Some(bytes) = p.trusted_root_bytes {
            r.push(s, n, "trusted_root_bytes", "bytes", bytes.to_string());
        }
        let Some(log) = &p.log else { continue };
        for q in &log.points {
            let at = format!("log.{}.{}", log.driver, q.entries);
            r.push(
                s,
                n,
                &format!("{at}.total_bytes"),
                "bytes",
                q.total_bytes.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.tile_bytes"),
                "bytes",
                q.tile_bytes.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.partial_tile_bytes"),
                "bytes",
                q.partial_tile_bytes.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.entry_bundle_bytes"),
                "bytes",
                q.entry_bundle_bytes.to_string(),
            );
            r.push(
                s,
                n,
                &format!("{at}.checkpoint_bytes"),
                "bytes",
                q.checkpoint_bytes.to_string(),
            );
        }
        for q in &log.projection.points {
            r.push(
                s,
                n,
                &format!("log.projection.{}", q.entries),
                "bytes",
                q.bytes.to_string(),
            );
        }
    }
    for a in &results.algorithms {
        let (s, n) = ("algorithm", format!("{}@{}", a.algorithm, a.implementation));
        r.push(
            s,
            &n,
            "crate",
            "",
            format!("{} {}", a.crate_name, a.crate_version),
        );
        r.push(
            s,
            &n,
            "sizes.public_key",
            "bytes",
            a.sizes.public_key.to_string(),
        );
        r.push(
            s,
            &n,
            "sizes.secret_key",
            "bytes",
            a.sizes.secret_key.to_string(),
        );
        r.push(
            s,
            &n,
            "sizes.signature",
            "bytes",
            a.sizes.signature.to_string(),
        );
        r.push(
            s,
            &n,
            "sizes.spki_der",
            "bytes",
            a.sizes.spki_der.to_string(),
        );
        r.stats(s, &n, "keygen", &a.keygen);
        r.stats(s, &n, "sign", &a.sign);
        r.stats(s, &n, "verify", &a.verify);
    }
    for t in &results.log_throughput {
        let s = "log_throughput";
        r.push(s, &t.driver, "entries", "entries", t.entries.to_string());
        r.push(
            s,
            &t.driver,
            "batch_size",
            "entries",
            t.batch_size.to_string(),
        );
        r.push(s, &t.driver, "duration", "ns", t.duration_ns.to_string());
        r.push(
            s,
            &t.driver,
            "appends_per_second",
            "1/s",
            format!("{:.1}", t.appends_per_second()),
        );
    }
    for m in &results.model_signing {
        let s = "model_signing";
        let n = format!(
            "{}/{} files/{} bytes",
            m.profile, m.file_count, m.total_bytes
        );
        r.push(s, &n, "bundle_bytes", "bytes", m.bundle_bytes.to_string());
        r.stats(s, &n, "sign", &m.sign);
        r.stats(s, &n, "verify", &m.verify);
    }
    for m in &results.monitoring {
        let s = "monitoring";
        let name = match m.batch_size {
            Some(b) => format!("{}/batch {b}", m.profile),
            None => m.profile.clone(),
        };
        r.push(s, &name, "entries", "entries", m.entries.to_string());
        r.push(
            s,
            &name,
            "bytes_fetched",
            "bytes",
            m.bytes_fetched.to_string(),
        );
        r.push(
            s,
            &name,
            "bytes_per_entry",
            "bytes",
            format!("{:.1}", m.bytes_per_entry()),
        );
        if let Some(f) = &m.fetched {
            r.push(
                s,
                &name,
                "checkpoint_bytes",
                "bytes",
                f.checkpoint_bytes.to_string(),
            );
            for (level, bytes) in f.tile_bytes_by_level.iter().enumerate() {
                r.push(
                    s,
                    &name,
                    &format!("tile_bytes_level_{level}"),
                    "bytes",
                    bytes.to_string(),
                );
            }
            r.push(
                s,
                &name,
                "entry_bundle_bytes",
                "bytes",
                f.entry_bundle_bytes.to_string(),
            );
        }
        r.stats(s, &name, "time_per_entry", &m.time_per_entry);
    }
    r
}

/// The results as CSV text with a header row.
///
/// # Errors
/// [`ExportError`] if the CSV writer fails (it writes to memory, so only on a bug).
pub fn to_csv(results: &Results) -> Result<String, ExportError> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for row in rows(results).0 {
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| ExportError::Utf8)
}

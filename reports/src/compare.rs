//! Baseline comparison for CI (`pqlab compare BASELINE CURRENT`): sizes must match exactly,
//! timings may not regress beyond a threshold that allows for the recorded noise.
//!
//! # The rule
//! - **Sizes** (every byte count in the file: each bundle's total, gzip and components, trusted
//!   root, log points and projections, key and signature sizes, model bundles, monitor bytes)
//!   are deterministic for a seed. Any difference, and any profile, implementation or point
//!   present on one side only, is a change: verdict [`Verdict::Changed`] (exit 1). Sizes are
//!   compared whatever the environments.
//! - **Timings** compare medians. With `t` the relative threshold (default
//!   [`DEFAULT_THRESHOLD`]) and the noise allowance `noise = max(p95 − p50)` over the baseline
//!   and the current sample distributions, a timing **regresses** when
//!   `current.p50 > baseline.p50 · (1 + t) + noise`, and **improves** when
//!   `current.p50 < baseline.p50 · (1 − t) − noise`. A regression is [`Verdict::Changed`];
//!   an improvement is reported only. Log throughput has no distribution: its duration uses
//!   the threshold alone.
//! - **Environments**: timings are only comparable when CPU model, CPU flags, core count, OS
//!   and rustc agree. If they differ, timings are not compared and the verdict is
//!   [`Verdict::Incomparable`] (exit 2, naming the fields), unless sizes changed (exit 1: a
//!   real change outranks a refusal) or `force` is set (timings compared anyway, with a
//!   warning). A different seed is noted, since variable-length signatures then differ.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::charts::format_ns_u64;
use crate::schema::Results;
use crate::stats::Stats;

/// Default relative threshold for timings (10 %).
pub const DEFAULT_THRESHOLD: f64 = 0.10;

/// How to compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareOptions {
    /// Relative threshold `t` for timing regressions (0.10 = 10 %).
    pub threshold: f64,
    /// Compare timings even across different environments.
    pub force: bool,
    /// Compare sizes only (no timing verdicts, environments irrelevant).
    pub sizes_only: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            force: false,
            sizes_only: false,
        }
    }
}

/// The outcome CI gates on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// No size changed and no timing regressed (exit 0).
    Unchanged,
    /// A size changed or a timing regressed (exit 1).
    Changed,
    /// Timings were asked for but the environments differ (exit 2).
    Incomparable,
}

impl Verdict {
    /// The process exit code: 0, 1 or 2.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Unchanged => 0,
            Verdict::Changed => 1,
            Verdict::Incomparable => 2,
        }
    }
}

/// A size that differs (or exists on one side only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeChange {
    /// Metric key (`profile/sigstore-today/bundles.dsse.total_bytes`).
    pub metric: String,
    /// Baseline bytes (`None`: only in current).
    pub baseline: Option<u64>,
    /// Current bytes (`None`: only in baseline).
    pub current: Option<u64>,
}

/// Direction of a timing difference beyond the allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimingKind {
    /// Slower beyond the allowance.
    Regression,
    /// Faster beyond the allowance.
    Improvement,
}

/// A timing beyond the allowance.
#[derive(Debug, Clone, PartialEq)]
pub struct TimingChange {
    /// Metric key (`algorithm/ml-dsa-65@libcrux/sign`).
    pub metric: String,
    /// Baseline median, ns.
    pub baseline_ns: u64,
    /// Current median, ns.
    pub current_ns: u64,
    /// The allowance that was exceeded, ns (`p50 · t + noise`).
    pub allowance_ns: u64,
    /// Which way.
    pub kind: TimingKind,
}

/// The full comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Options used.
    pub options: CompareOptions,
    /// Sizes compared.
    pub sizes_compared: usize,
    /// Sizes that differ.
    pub size_changes: Vec<SizeChange>,
    /// Whether timings were compared.
    pub timings_compared: bool,
    /// Timings compared (present on both sides).
    pub timings_checked: usize,
    /// Timings beyond the allowance.
    pub timing_changes: Vec<TimingChange>,
    /// Environment fields that differ: (field, baseline, current).
    pub environment_differences: Vec<(&'static str, String, String)>,
    /// The seeds, when they differ.
    pub seed_difference: Option<(u64, u64)>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Every byte count of a results file, by stable key.
fn sizes(r: &Results) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for p in &r.profiles {
        let at = format!("profile/{}", p.name);
        for (workload, bundle) in &p.bundles {
            bundle_sizes(&mut m, &format!("{at}/bundles.{workload}"), bundle);
        }
        if let Some(bytes) = p.trusted_root_bytes {
            m.insert(format!("{at}/trusted_root_bytes"), bytes);
        }
        let Some(log) = &p.log else { continue };
        for q in &log.points {
            m.insert(
                format!("{at}/log.{}.{}.total_bytes", log.driver, q.entries),
                q.total_bytes,
            );
        }
        for q in &log.projection.points {
            m.insert(format!("{at}/log.projection.{}", q.entries), q.bytes);
        }
    }
    for a in &r.algorithms {
        let at = format!("algorithm/{}@{}", a.algorithm, a.implementation);
        m.insert(format!("{at}/sizes.public_key"), a.sizes.public_key);
        m.insert(format!("{at}/sizes.secret_key"), a.sizes.secret_key);
        m.insert(format!("{at}/sizes.signature"), a.sizes.signature);
        m.insert(format!("{at}/sizes.spki_der"), a.sizes.spki_der);
    }
    for s in &r.model_signing {
        m.insert(
            format!(
                "model_signing/{}/{}x{}/bundle_bytes",
                s.profile, s.file_count, s.total_bytes
            ),
            s.bundle_bytes,
        );
    }
    for s in &r.monitoring {
        m.insert(format!("{}/bytes_fetched", monitor_key(s)), s.bytes_fetched);
    }
    m
}

/// The key of a monitoring result: profile and entries, and the batch size when recorded
/// (one result per batch size).
fn monitor_key(s: &crate::schema::MonitorResult) -> String {
    match s.batch_size {
        Some(b) => format!("monitoring/{}/batch {b}/{}", s.profile, s.entries),
        None => format!("monitoring/{}/{}", s.profile, s.entries),
    }
}

/// The byte counts of one bundle, under `at` (`profile/P/bundles.dsse`).
fn bundle_sizes(m: &mut BTreeMap<String, u64>, at: &str, bundle: &crate::schema::BundleResult) {
    {
        m.insert(format!("{at}.total_bytes"), bundle.total_bytes);
        m.insert(format!("{at}.gzip_bytes"), bundle.gzip_bytes);
        let c = &bundle.components;
        for (k, v) in [
            ("leaf_certificate", c.leaf_certificate),
            ("artifact_signature", c.artifact_signature),
            ("log_entry", c.log_entry),
            ("inclusion_proof", c.inclusion_proof),
            ("checkpoint.body", c.checkpoint.body),
            ("timestamp_token", c.timestamp_token),
            ("json_base64_overhead", c.json_base64_overhead),
        ] {
            m.insert(format!("{at}.components.{k}"), v);
        }
        for (i, s) in c.checkpoint.log_signatures.iter().enumerate() {
            m.insert(
                format!("{at}.components.checkpoint.log_signatures[{i}]"),
                *s,
            );
        }
        for (i, s) in c.checkpoint.cosignatures.iter().enumerate() {
            m.insert(format!("{at}.components.checkpoint.cosignatures[{i}]"), *s);
        }
    }
}

/// Every latency distribution of a results file, by stable key.
fn timings(r: &Results) -> BTreeMap<String, &Stats> {
    let mut m = BTreeMap::new();
    for p in &r.profiles {
        for (workload, b) in &p.bundles {
            let at = format!("profile/{}/bundles.{workload}", p.name);
            m.insert(format!("{at}.sign_e2e"), &b.sign_e2e);
            if let Some(s) = &b.verify_full {
                m.insert(format!("{at}.verify_full"), s);
            }
            if let Some(s) = &b.verify_prepared {
                m.insert(format!("{at}.verify_prepared"), s);
            }
        }
    }
    for a in &r.algorithms {
        let at = format!("algorithm/{}@{}", a.algorithm, a.implementation);
        m.insert(format!("{at}/keygen"), &a.keygen);
        m.insert(format!("{at}/sign"), &a.sign);
        m.insert(format!("{at}/verify"), &a.verify);
    }
    for s in &r.model_signing {
        let at = format!(
            "model_signing/{}/{}x{}",
            s.profile, s.file_count, s.total_bytes
        );
        m.insert(format!("{at}/sign"), &s.sign);
        m.insert(format!("{at}/verify"), &s.verify);
    }
    for s in &r.monitoring {
        m.insert(
            format!("{}/time_per_entry", monitor_key(s)),
            &s.time_per_entry,
        );
    }
    m
}

#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "nanosecond allowances are far below 2^52"
)]
fn timing_change(
    metric: String,
    base: &Stats,
    cur: &Stats,
    threshold: f64,
) -> Option<TimingChange> {
    let noise = base.spread_ns().max(cur.spread_ns());
    let allowance = (base.p50_ns as f64 * threshold) as u64 + noise;
    let kind = if cur.p50_ns > base.p50_ns.saturating_add(allowance) {
        TimingKind::Regression
    } else if cur.p50_ns.saturating_add(allowance) < base.p50_ns {
        TimingKind::Improvement
    } else {
        return None;
    };
    Some(TimingChange {
        metric,
        baseline_ns: base.p50_ns,
        current_ns: cur.p50_ns,
        allowance_ns: allowance,
        kind,
    })
}

/// Compares `current` against `baseline`.
#[must_use]
pub fn compare(baseline: &Results, current: &Results, options: CompareOptions) -> Comparison {
    let (bs, cs) = (sizes(baseline), sizes(current));
    let mut size_changes = Vec::new();
    for (k, &b) in &bs {
        match cs.get(k) {
            Some(&c) if c == b => {}
            c => size_changes.push(SizeChange {
                metric: k.clone(),
                baseline: Some(b),
                current: c.copied(),
            }),
        }
    }
    for (k, &c) in &cs {
        if !bs.contains_key(k) {
            size_changes.push(SizeChange {
                metric: k.clone(),
                baseline: None,
                current: Some(c),
            });
        }
    }
    let environment_differences: Vec<(&'static str, String, String)> = baseline
        .environment
        .timing_key()
        .into_iter()
        .zip(current.environment.timing_key())
        .filter(|((_, b), (_, c))| b != c)
        .map(|((name, b), (_, c))| (name, b, c))
        .collect();
    let seed_difference = (baseline.environment.seed != current.environment.seed)
        .then_some((baseline.environment.seed, current.environment.seed));
    let timings_compared =
        !options.sizes_only && (environment_differences.is_empty() || options.force);
    let mut timing_changes = Vec::new();
    let mut timings_checked = 0;
    if timings_compared {
        let (bt, ct) = (timings(baseline), timings(current));
        for (k, b) in &bt {
            if let Some(c) = ct.get(k) {
                timings_checked += 1;
                timing_changes.extend(timing_change(k.clone(), b, c, options.threshold));
            }
        }
        for b in &baseline.log_throughput {
            if let Some(c) = current
                .log_throughput
                .iter()
                .find(|c| c.driver == b.driver && c.entries == b.entries)
            {
                timings_checked += 1;
                let one = |ns| Stats {
                    n: 1,
                    min_ns: ns,
                    p50_ns: ns,
                    p95_ns: ns,
                    p99_ns: ns,
                    max_ns: ns,
                    #[allow(clippy::cast_precision_loss, reason = "a single sample")]
                    mean_ns: ns as f64,
                    histogram: None,
                };
                timing_changes.extend(timing_change(
                    format!("log_throughput/{}/{}/duration", b.driver, b.entries),
                    &one(b.duration_ns),
                    &one(c.duration_ns),
                    options.threshold,
                ));
            }
        }
    }
    let regressed = timing_changes
        .iter()
        .any(|t| t.kind == TimingKind::Regression);
    let verdict = if !size_changes.is_empty() || regressed {
        Verdict::Changed
    } else if !options.sizes_only && !options.force && !environment_differences.is_empty() {
        Verdict::Incomparable
    } else {
        Verdict::Unchanged
    };
    Comparison {
        options,
        sizes_compared: bs.len(),
        size_changes,
        timings_compared,
        timings_checked,
        timing_changes,
        environment_differences,
        seed_difference,
        verdict,
    }
}

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "absent".to_owned(), |v| v.to_string())
}

impl Comparison {
    /// The comparison as Markdown (for a pull-request comment).
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut out = String::from("## pqlab compare\n\n");
        let _ = writeln!(
            out,
            "**Verdict: {}** (exit {})\n",
            match self.verdict {
                Verdict::Unchanged => "no size change, no timing regression",
                Verdict::Changed => "changed",
                Verdict::Incomparable => "timings not comparable",
            },
            self.verdict.exit_code()
        );
        if !self.environment_differences.is_empty() {
            out.push_str(if self.options.force {
                "Environments differ (timings compared anyway, `--force`):\n\n"
            } else if self.options.sizes_only {
                "Environments differ (irrelevant: sizes only):\n\n"
            } else {
                "Environments differ, so timings were not compared (use `--force` to compare anyway, or `--sizes-only`):\n\n"
            });
            for (field, b, c) in &self.environment_differences {
                let _ = writeln!(out, "- `{field}`: baseline `{b}`, current `{c}`");
            }
            out.push('\n');
        }
        if let Some((b, c)) = self.seed_difference {
            let _ = writeln!(
                out,
                "Seeds differ (baseline {b}, current {c}): variable-length signatures may change sizes.\n"
            );
        }
        let _ = writeln!(
            out,
            "### Sizes: {} of {} changed\n",
            self.size_changes.len(),
            self.sizes_compared
        );
        if !self.size_changes.is_empty() {
            out.push_str("| metric | baseline | current | Δ |\n|---|---:|---:|---:|\n");
            for c in &self.size_changes {
                let delta = match (c.baseline, c.current) {
                    (Some(b), Some(a)) => format!("{:+}", i128::from(a) - i128::from(b)),
                    _ => "–".to_owned(),
                };
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    c.metric,
                    opt(c.baseline),
                    opt(c.current),
                    delta
                );
            }
            out.push('\n');
        }
        if self.timings_compared {
            let _ = writeln!(
                out,
                "### Timings: {} of {} beyond p50·{:.0}% + max(p95−p50)\n",
                self.timing_changes.len(),
                self.timings_checked,
                self.options.threshold * 100.0
            );
            if !self.timing_changes.is_empty() {
                out.push_str("| metric | baseline p50 | current p50 | allowance | change |\n|---|---:|---:|---:|---|\n");
                for t in &self.timing_changes {
                    #[allow(clippy::cast_precision_loss, reason = "display percentage")]
                    let pct = (t.current_ns as f64 / t.baseline_ns.max(1) as f64 - 1.0) * 100.0;
                    let _ = writeln!(
                        out,
                        "| `{}` | {} | {} | ±{} | {} {pct:+.1}% |",
                        t.metric,
                        format_ns_u64(t.baseline_ns),
                        format_ns_u64(t.current_ns),
                        format_ns_u64(t.allowance_ns),
                        match t.kind {
                            TimingKind::Regression => "regression",
                            TimingKind::Improvement => "improvement",
                        }
                    );
                }
                out.push('\n');
            }
        } else {
            out.push_str("### Timings: not compared\n\n");
        }
        out
    }
}

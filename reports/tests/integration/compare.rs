//! compare's verdicts: 0 unchanged, 1 a size changed or a timing regressed, 2 timings from
//! different environments.

use pqlab_reports::compare::{CompareOptions, TimingKind, Verdict, compare};
use serde_json::{Value, json};

use super::{fixture, fixture_value, parse};

fn verdict_of(current: &Value, options: CompareOptions) -> pqlab_reports::compare::Comparison {
    compare(&fixture(), &parse(current).unwrap(), options)
}

/// Scales every percentile of a stats object.
fn scale(stats: &mut Value, factor: f64) {
    for key in ["min_ns", "p50_ns", "p95_ns", "p99_ns", "max_ns"] {
        let v = stats[key].as_u64().unwrap();
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "test arithmetic on small figures"
        )]
        {
            stats[key] = json!((v as f64 * factor) as u64);
        }
    }
    stats["mean_ns"] = json!(stats["mean_ns"].as_f64().unwrap() * factor);
    stats["histogram"] = Value::Null;
}

#[test]
fn identical_runs_are_unchanged() {
    let c = verdict_of(&fixture_value(), CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Unchanged);
    assert_eq!(c.verdict.exit_code(), 0);
    assert!(c.size_changes.is_empty() && c.timing_changes.is_empty());
    assert!(c.sizes_compared > 200, "{}", c.sizes_compared);
    assert!(c.timings_checked > 60, "{}", c.timings_checked);
    assert!(c.markdown().contains("Sizes: 0 of"));
}

#[test]
fn any_size_change_is_a_change() {
    let mut v = fixture_value();
    let dsse = &mut v["profiles"][3]["bundles"]["dsse"];
    let overhead = dsse["components"]["json_base64_overhead"].as_u64().unwrap();
    let total = dsse["total_bytes"].as_u64().unwrap();
    dsse["components"]["json_base64_overhead"] = json!(overhead + 1);
    dsse["total_bytes"] = json!(total + 1);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Changed);
    assert_eq!(c.verdict.exit_code(), 1);
    let metrics: Vec<&str> = c.size_changes.iter().map(|s| s.metric.as_str()).collect();
    // Only the DSSE bundle changed, not the message-signature one.
    assert_eq!(
        metrics,
        [
            "profile/pq-all-ml-dsa-65/bundles.dsse.components.json_base64_overhead",
            "profile/pq-all-ml-dsa-65/bundles.dsse.total_bytes"
        ]
    );
    let md = c.markdown();
    assert!(
        md.contains(&format!(
            "| `profile/pq-all-ml-dsa-65/bundles.dsse.total_bytes` | {total} | {} | +1 |",
            total + 1
        )),
        "{md}"
    );
}

#[test]
fn a_missing_profile_is_a_change() {
    let mut v = fixture_value();
    v["profiles"].as_array_mut().unwrap().remove(9);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Changed);
    assert!(c.size_changes.iter().all(|s| s.current.is_none()));
    assert!(c.markdown().contains("absent"));
}

#[test]
fn timing_regression_beyond_noise_is_a_change() {
    let mut v = fixture_value();
    scale(&mut v["algorithms"][0]["verify"], 2.0);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Changed);
    assert_eq!(c.timing_changes.len(), 1);
    let t = &c.timing_changes[0];
    assert_eq!(t.metric, "algorithm/ed25519@dalek/verify");
    assert_eq!(t.kind, TimingKind::Regression);
    assert!(c.markdown().contains("regression +100.0%"));
}

#[test]
fn timing_within_noise_is_unchanged() {
    let base = fixture();
    let s = &base.algorithms[0].verify;
    // Just inside the allowance: t·p50 + (p95 − p50).
    #[allow(
        clippy::cast_precision_loss,
        reason = "test arithmetic on small figures"
    )]
    let allowed = s.p50_ns as f64 * 0.10 + (s.p95_ns - s.p50_ns) as f64;
    #[allow(
        clippy::cast_precision_loss,
        reason = "test arithmetic on small figures"
    )]
    let factor = (s.p50_ns as f64 + allowed * 0.9) / s.p50_ns as f64;
    let mut v = fixture_value();
    scale(&mut v["algorithms"][0]["verify"], factor);
    assert_eq!(
        verdict_of(&v, CompareOptions::default()).verdict,
        Verdict::Unchanged
    );
    // A tighter threshold turns the same figures into a regression.
    let strict = CompareOptions {
        threshold: 0.0,
        ..CompareOptions::default()
    };
    let mut v = fixture_value();
    scale(
        &mut v["algorithms"][0]["verify"],
        1.0 + allowed * 1.5 / s.p50_ns as f64,
    );
    assert_eq!(verdict_of(&v, strict).verdict, Verdict::Changed);
}

#[test]
fn improvements_are_reported_not_failed() {
    let mut v = fixture_value();
    scale(
        &mut v["profiles"][2]["bundles"]["message-signature"]["verify_full"],
        0.5,
    );
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Unchanged);
    assert_eq!(
        c.timing_changes[0].metric,
        "profile/pq-all-ml-dsa-44/bundles.message-signature.verify_full"
    );
    assert_eq!(c.timing_changes[0].kind, TimingKind::Improvement);
    assert!(c.markdown().contains("improvement"));
}

#[test]
fn different_environments_are_not_comparable_unless_forced() {
    let mut v = fixture_value();
    v["environment"]["cpu_model"] = json!("Another CPU");
    v["environment"]["cores"] = json!(64);
    scale(&mut v["algorithms"][0]["verify"], 3.0);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Incomparable);
    assert_eq!(c.verdict.exit_code(), 2);
    assert!(!c.timings_compared);
    let fields: Vec<&str> = c.environment_differences.iter().map(|d| d.0).collect();
    assert_eq!(fields, ["cpu_model", "cores"]);
    let md = c.markdown();
    assert!(md.contains("`cpu_model`: baseline"), "{md}");
    assert!(md.contains("Timings: not compared"));
    let forced = verdict_of(
        &v,
        CompareOptions {
            force: true,
            ..CompareOptions::default()
        },
    );
    assert_eq!(forced.verdict, Verdict::Changed);
    assert!(forced.timings_compared);
    let sizes = verdict_of(
        &v,
        CompareOptions {
            sizes_only: true,
            ..CompareOptions::default()
        },
    );
    assert_eq!(sizes.verdict, Verdict::Unchanged);
}

#[test]
fn size_changes_count_across_environments() {
    let mut v = fixture_value();
    v["environment"]["rustc"] = json!("rustc 1.99.0");
    v["algorithms"][0]["sizes"]["spki_der"] = json!(45);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.verdict, Verdict::Changed);
    assert_eq!(c.size_changes.len(), 1);
    assert!(!c.timings_compared);
}

#[test]
fn a_different_seed_is_noted() {
    let mut v = fixture_value();
    v["environment"]["seed"] = json!(2);
    let c = verdict_of(&v, CompareOptions::default());
    assert_eq!(c.seed_difference, Some((1, 2)));
    assert!(c.markdown().contains("Seeds differ"));
}

#[test]
fn prepared_verification_is_compared_when_both_runs_have_it() {
    let with_prepared = |factor: f64| {
        let mut v = fixture_value();
        let bundle = &mut v["profiles"][0]["bundles"]["message-signature"];
        bundle["verify_prepared"] = bundle["verify_full"].clone();
        scale(&mut bundle["verify_prepared"], factor);
        parse(&v).unwrap()
    };
    let c = compare(
        &with_prepared(1.0),
        &with_prepared(3.0),
        CompareOptions::default(),
    );
    assert_eq!(c.verdict, Verdict::Changed);
    let [t] = c.timing_changes.as_slice() else {
        panic!("{:?}", c.timing_changes);
    };
    assert_eq!(
        t.metric,
        "profile/sigstore-today/bundles.message-signature.verify_prepared"
    );
    assert_eq!(t.kind, TimingKind::Regression);
}

//! Strict parsing: every kind of bad input is a typed error naming the field.

use pqlab_reports::schema::{SCHEMA_VERSION, SchemaError};
use pqlab_reports::{Results, Stats};
use serde_json::json;

use super::{FIXTURE, fixture, fixture_value, parse};

/// `v` is refused as invalid at `path`.
fn assert_invalid_at(v: &serde_json::Value, path: &str) {
    let err = parse(v).unwrap_err();
    assert!(
        matches!(&err, SchemaError::Invalid { path: p, .. } if p == path),
        "{err:?}"
    );
}

#[test]
fn fixture_parses_and_round_trips() {
    let results = fixture();
    assert_eq!(results.schema_version, SCHEMA_VERSION);
    assert_eq!(results.profiles.len(), 10);
    let today = results.baseline_profile().unwrap();
    for (_, bundle) in today.bundles_in_order() {
        assert_eq!(bundle.total_bytes, bundle.components.total());
    }
    assert_eq!(today.bundles.len(), 2);
    // Schema 2: a profile only bundle workloads measured has no log; a hash-only bundle no
    // full verify.
    assert!(results.profile("fn-dsa-512").unwrap().log.is_none());
    assert!(
        results
            .profile("hash-only-ml-dsa-65")
            .unwrap()
            .bundles
            .values()
            .all(|b| b.verify_full.is_none())
    );
    let again = Results::from_json(&results.to_json().unwrap()).unwrap();
    assert_eq!(again, results);
}

#[test]
fn unknown_bundle_workload_is_refused() {
    let mut v = fixture_value();
    let dsse = v["profiles"][0]["bundles"]["dsse"].clone();
    v["profiles"][0]["bundles"]["sbom"] = dsse;
    let err = parse(&v).unwrap_err();
    assert!(
        matches!(&err, SchemaError::Invalid { path, reason }
        if path == "profiles[0].bundles.sbom" && reason.contains("message-signature, dsse")),
        "{err:?}"
    );
    let mut v = fixture_value();
    v["profiles"][0]["bundles"]["dsse"]["log_index"] = json!(1);
    assert_invalid_at(&v, "profiles[0].bundles.dsse.log_index");
}

#[test]
fn version_1_files_are_refused() {
    let mut v = fixture_value();
    v["schema_version"] = json!("pqlab.results/1");
    assert!(matches!(
        parse(&v),
        Err(SchemaError::UnsupportedVersion { found, .. }) if found == "pqlab.results/1"
    ));
}

#[test]
fn another_schema_version_is_refused() {
    let mut v = fixture_value();
    v["schema_version"] = json!("pqlab.results/3");
    let err = parse(&v).unwrap_err();
    assert!(
        matches!(&err, SchemaError::UnsupportedVersion { found, .. } if found == "pqlab.results/3"),
        "{err:?}"
    );
    assert!(err.to_string().contains("schema_version"));
    v.as_object_mut().unwrap().remove("schema_version");
    assert!(matches!(parse(&v), Err(SchemaError::MissingVersion)));
    assert!(matches!(
        Results::from_json("[1, 2]"),
        Err(SchemaError::MissingVersion)
    ));
}

#[test]
fn truncated_json_is_truncated() {
    for cut in [1, FIXTURE.len() / 3, FIXTURE.len() - 2] {
        let err = Results::from_json(&FIXTURE[..cut]).unwrap_err();
        assert!(
            matches!(err, SchemaError::Truncated { .. }),
            "{cut}: {err:?}"
        );
    }
    assert!(matches!(
        Results::from_json(""),
        Err(SchemaError::Truncated { .. })
    ));
}

#[test]
fn syntax_errors_give_the_position() {
    let err = Results::from_json("{\"schema_version\": nope}").unwrap_err();
    assert!(
        matches!(err, SchemaError::Syntax { line: 1, .. }),
        "{err:?}"
    );
}

#[test]
fn missing_field_names_its_path() {
    let mut v = fixture_value();
    v["profiles"][1]["bundles"]["message-signature"]
        .as_object_mut()
        .unwrap()
        .remove("gzip_bytes");
    let err = parse(&v).unwrap_err();
    let SchemaError::Field { path, message } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "profiles[1].bundles.message-signature");
    assert!(message.contains("missing field `gzip_bytes`"), "{message}");
}

#[test]
fn wrong_type_names_the_field() {
    let mut v = fixture_value();
    v["algorithms"][3]["sign"]["p95_ns"] = json!("fast");
    let err = parse(&v).unwrap_err();
    let SchemaError::Field { path, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "algorithms[3].sign.p95_ns");
    let mut v = fixture_value();
    v["environment"]["cores"] = json!(-2);
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("environment.cores"), "{err}");
}

#[test]
fn unknown_field_is_refused() {
    let mut v = fixture_value();
    v["profiles"][0]["bundles"]["dsse"]["extra_bytes"] = json!(1);
    let err = parse(&v).unwrap_err();
    assert!(
        matches!(&err, SchemaError::Field { path, message }
        if path == "profiles[0].bundles.dsse.extra_bytes" && message.contains("unknown field")),
        "{err:?}"
    );
}

#[test]
fn components_must_add_up() {
    let mut v = fixture_value();
    v["profiles"][2]["bundles"]["dsse"]["components"]["log_entry"] = json!(1);
    assert_invalid_at(&v, "profiles[2].bundles.dsse.total_bytes");
}

#[test]
fn one_cosignature_per_witness() {
    let mut v = fixture_value();
    v["profiles"][7]["roles"]["witness_count"] = json!(3);
    assert_invalid_at(
        &v,
        "profiles[7].bundles.dsse.components.checkpoint.cosignatures",
    );
}

#[test]
fn percentiles_must_be_ordered() {
    let mut v = fixture_value();
    v["algorithms"][0]["verify"]["p99_ns"] = json!(1);
    assert_invalid_at(&v, "algorithms[0].verify");
    let mut v = fixture_value();
    let dsse = &mut v["profiles"][0]["bundles"]["dsse"];
    dsse["verify_prepared"] = dsse["verify_full"].clone();
    dsse["verify_prepared"]["n"] = json!(0);
    assert_invalid_at(&v, "profiles[0].bundles.dsse.verify_prepared");
    let mut v = fixture_value();
    v["profiles"][0]["bundles"]["dsse"]["verify_full"]["n"] = json!(0);
    assert_invalid_at(&v, "profiles[0].bundles.dsse.verify_full");
    let mut v = fixture_value();
    v["algorithms"][4]["sign"]["histogram"]["counts"][0] = json!(100_000);
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("counts must add up"), "{err}");
}

#[test]
fn duplicates_and_log_order_are_refused() {
    let mut v = fixture_value();
    v["profiles"][3]["name"] = json!("sigstore-today");
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("duplicate profile"), "{err}");
    let mut v = fixture_value();
    v["algorithms"][1]["implementation"] = v["algorithms"][2]["implementation"].clone();
    v["algorithms"][1]["algorithm"] = v["algorithms"][2]["algorithm"].clone();
    assert!(parse(&v).unwrap_err().to_string().contains("duplicate"));
    let mut v = fixture_value();
    let points = v["profiles"][0]["log"]["points"].as_array_mut().unwrap();
    points.swap(0, 1);
    assert_invalid_at(&v, "profiles[0].log.points");
    let mut v = fixture_value();
    v["profiles"][0]["log"]["points"][0]["tile_bytes"] = json!(0);
    let err = parse(&v).unwrap_err();
    assert!(
        err.to_string()
            .contains("profiles[0].log.points[0].total_bytes"),
        "{err}"
    );
}

#[test]
fn unreadable_file_is_io() {
    let err = Results::from_path(std::path::Path::new("/nonexistent/results.json")).unwrap_err();
    assert!(matches!(err, SchemaError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/results.json"));
}

#[test]
fn stats_from_samples_are_valid() {
    let samples: Vec<u64> = (0..1000).map(|i| 1000 + (i * 7919) % 997).collect();
    let s = Stats::with_histogram(&samples, 16).unwrap();
    s.validate().unwrap();
    assert_eq!(s.n, 1000);
    assert_eq!(s.histogram.unwrap().counts.iter().sum::<u64>(), 1000);
}

#[test]
fn projection_error_compares_where_both_exist() {
    let mut v = fixture_value();
    let measured = v["profiles"][0]["log"]["points"][3]["total_bytes"]
        .as_u64()
        .unwrap();
    assert_eq!(
        v["profiles"][0]["log"]["projection"]["points"][0]["entries"],
        1_000_000
    );
    v["profiles"][0]["log"]["projection"]["points"][0]["bytes"] = json!(measured + measured / 100);
    let results = parse(&v).unwrap();
    let (n, error) = results.profiles[0]
        .log
        .as_ref()
        .unwrap()
        .projection_error()
        .unwrap();
    assert_eq!(n, 1_000_000);
    assert!((error - 0.01).abs() < 1e-6, "{error}");
    v["profiles"][0]["log"]["projection"]["points"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    assert_eq!(
        parse(&v).unwrap().profiles[0]
            .log
            .as_ref()
            .unwrap()
            .projection_error(),
        None
    );
}

#[test]
fn monitor_breakdown_is_optional_and_must_add_up() {
    // Older files carry no batch size or breakdown and still parse.
    let old = fixture();
    assert!(!old.monitoring.is_empty());
    assert!(
        old.monitoring
            .iter()
            .all(|m| m.fetched.is_none() && m.batch_size.is_none())
    );
    let mut v = fixture_value();
    let total = v["monitoring"][0]["bytes_fetched"].as_u64().unwrap();
    v["monitoring"][0]["batch_size"] = json!(10);
    v["monitoring"][0]["fetched"] = json!({
        "checkpoint_bytes": 100,
        "tile_bytes_by_level": [total - 150, 20],
        "entry_bundle_bytes": 30,
        "requests": 7,
    });
    let results = parse(&v).unwrap();
    assert_eq!(
        results.monitoring[0].fetched.as_ref().unwrap().total(),
        total
    );
    v["monitoring"][0]["fetched"]["entry_bundle_bytes"] = json!(31);
    let err = parse(&v).unwrap_err();
    assert!(err.to_string().contains("monitoring[0].fetched"), "{err}");
}

//! The suite runner (issue 6 § 7): suite errors name their line, sizes are deterministic for a
//! seed, the projection agrees with measurement, and a real quick run's results read back
//! through the reports schema and render. Timings are never asserted.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use pqlab_harness::profile;
use pqlab_harness::runner::log_growth::{self, GrowthPlan};
use pqlab_harness::runner::{self, Progress, Suite, SuiteError};
use pqlab_reports::Results;
use pqlab_reports::html::{self, HtmlOptions};

fn scratch(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pqlab-runner-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const BASE: &str = r#"name = "t"
seed = 7
profiles = ["sigstore-today"]
workloads = ["primitives"]
"#;

fn invalid_line(source: &str) -> (usize, String) {
    match Suite::parse(source, "suite.toml") {
        Err(SuiteError::Invalid { line, message, .. }) => (line, message),
        other => panic!("expected an invalid-value error, got {other:?}"),
    }
}

#[test]
fn suite_errors_name_the_line() {
    let mut checked = 0;
    // Unknown profile on line 3.
    let (line, message) = invalid_line(&BASE.replace("\"sigstore-today\"", "\"no-such-profile\""));
    assert_eq!(line, 3, "{message}");
    assert!(message.contains("no-such-profile"), "{message}");
    checked += 1;
    // Unknown workload on line 4.
    let (line, message) =
        invalid_line(&BASE.replace("\"primitives\"", "\"primitives\", \"teleport\""));
    assert_eq!(line, 4, "{message}");
    assert!(message.contains("teleport"), "{message}");
    checked += 1;
    // Every known workload is available in this build (the monitor landed last).
    let monitor =
        Suite::parse(&BASE.replace("\"primitives\"", "\"monitor\""), "suite.toml").unwrap();
    assert_eq!(monitor.workloads.len(), 1);
    checked += 1;
    // A log-growth profile that the suite does not run, on line 6.
    let (line, message) = invalid_line(&format!(
        "{BASE}[log-growth]\nprofiles = [\"pq-all-ml-dsa-65\"]\n"
    ));
    assert_eq!(line, 6, "{message}");
    assert!(message.contains("pq-all-ml-dsa-65"), "{message}");
    checked += 1;
    // Bundle sampling: min-samples above samples, on line 7.
    let (line, message) = invalid_line(&format!("{BASE}[bundles]\nsamples = 5\nmin-samples = 6\n"));
    assert_eq!(line, 7, "{message}");
    assert!(message.contains("min-samples"), "{message}");
    checked += 1;
    // Unknown algorithm on line 6.
    let (line, message) = invalid_line(&format!(
        "{BASE}[primitives]\nalgorithms = [\"ed25519\", \"rot13\"]\n"
    ));
    assert_eq!(line, 6, "{message}");
    assert!(message.contains("rot13"), "{message}");
    checked += 1;
    // Log sizes not ascending on line 6.
    let (line, message) = invalid_line(&format!("{BASE}[log-growth]\nsizes = [1000, 100]\n"));
    assert_eq!(line, 6, "{message}");
    checked += 1;
    // Unknown key on line 7: the TOML error carries the line.
    match Suite::parse(
        &format!("{BASE}[primitives]\nsamples = 3\nsampels = 4\n"),
        "suite.toml",
    ) {
        Err(SuiteError::Toml { message, .. }) => {
            assert!(message.contains("line 7"), "{message}");
            assert!(message.contains("sampels"), "{message}");
        }
        other => panic!("expected a TOML error, got {other:?}"),
    }
    checked += 1;
    // An inline profile with an unknown algorithm: the profile module names the line.
    let inline = format!(
        "{}\n[[profile]]\nname = \"mine\"\nleaf = \"no-such-alg\"\n",
        BASE.replace("\"sigstore-today\"", "\"mine\"")
    );
    match Suite::parse(&inline, "suite.toml") {
        Err(SuiteError::Profile(profile::ProfileError::Algorithm { line, .. })) => {
            assert_eq!(line, 8);
        }
        other => panic!("expected a profile error, got {other:?}"),
    }
    checked += 1;
    // A valid inline profile is usable.
    let ok = format!(
        "{}\n[[profile]]\nname = \"mine\"\nbase = \"sigstore-today\"\nleaf = \"ecdsa-p256-sha256\"\n",
        BASE.replace("\"sigstore-today\"", "\"mine\"")
    );
    let suite = Suite::parse(&ok, "suite.toml").unwrap();
    assert_eq!(suite.profiles[0].leaf, "ecdsa-p256-sha256");
    checked += 1;
    eprintln!("{checked} suite files checked");
}

#[test]
fn default_suite_parses_and_narrows() {
    let mut suite = Suite::default_suite().unwrap();
    assert!(suite.log_growth.sizes.contains(&1_000_000));
    // The bundle workloads run first (log growth then uses their real entries), over every
    // built-in profile.
    assert_eq!(
        &suite.workloads[..2],
        [
            runner::WorkloadKind::MessageSignature,
            runner::WorkloadKind::Dsse
        ]
    );
    assert_eq!(suite.profiles.len(), profile::built_in().len());
    assert!(suite.log_growth_profiles().count() < suite.profiles.len());
    suite
        .narrow_profiles(&["sigstore-today".to_owned()])
        .unwrap();
    assert_eq!(suite.profiles.len(), 1);
    assert!(suite.narrow_profiles(&["nope".to_owned()]).is_err());
    suite.make_quick();
    assert!(suite.log_growth.sizes.iter().all(|&n| n <= 10_000));
}

fn grow(plan: &GrowthPlan, seed: u64, tag: &str) -> Vec<pqlab_reports::schema::LogPoint> {
    let profiles = profile::built_in();
    let p = profile::find(&profiles, "sigstore-today").unwrap();
    log_growth::grow(p, plan, seed, &scratch(tag), |_| {}).unwrap()
}

#[test]
fn growth_sizes_are_deterministic_for_a_seed() {
    let plan = GrowthPlan {
        sizes: vec![300, 2000],
        batch: 512,
        entry_bytes: 100,
    };
    let a = grow(&plan, 3, "det-a");
    let b = grow(&plan, 3, "det-b");
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    // Entry bundles: every entry with its 2-byte length, plus the partial bundles left at
    // the checkpoints 300 (44 entries) and 2000 (208 entries).
    assert_eq!(
        a[1].entry_bundle_bytes,
        102 * (2000 - 2000 % 256) + 102 * (44 + 208)
    );
    eprintln!("2 growth runs compared");
}

#[test]
fn projection_agrees_with_measurement() {
    let mut compared = 0;
    for (batch, entry_bytes) in [(1024, 3180), (1000, 193), (256, 50)] {
        let plan = GrowthPlan {
            sizes: vec![1000, 10_000, 70_000],
            batch,
            entry_bytes,
        };
        let measured = grow(&plan, 1, &format!("proj-{batch}"));
        let last = measured.last().unwrap();
        for m in &measured {
            let p = log_growth::project(&plan, m.entries, (last.entries, last.checkpoint_bytes));
            // Tiles and bundles are exact; only the checkpoint may differ by a byte or two.
            assert_eq!(p.tile_bytes, m.tile_bytes, "tiles at {}", m.entries);
            assert_eq!(
                p.partial_tile_bytes, m.partial_tile_bytes,
                "partial tiles at {}",
                m.entries
            );
            assert_eq!(
                p.entry_bundle_bytes, m.entry_bundle_bytes,
                "bundles at {}",
                m.entries
            );
            let error = (p.total_bytes as f64 - m.total_bytes as f64).abs() / m.total_bytes as f64;
            assert!(error < 0.005, "{} entries: {error}", m.entries);
            compared += 1;
        }
        let growth = log_growth::growth_result(&plan, measured, &[1_000_000_000], "test".into());
        let (_, error) = growth.projection_error().unwrap();
        assert!(error.abs() < 0.005);
        assert!(growth.projected(1_000_000_000).is_some());
    }
    eprintln!("{compared} measured points compared with the projection");
}

fn quick_suite() -> Suite {
    let source = format!(
        "{}\n[primitives]\nalgorithms = [\"ed25519\", \"ml-dsa-44@rustcrypto\"]\n\
         [bundles]\nsamples = 3\n[log-growth]\nsizes = [1000, 3000]\n\
         [log-throughput]\nentries = 2000\n",
        BASE.replace(
            "workloads = [\"primitives\"]",
            "workloads = [\"message-signature\", \"dsse\", \"primitives\", \"log-growth\", \"log-throughput\"]"
        )
        .replace(
            "[\"sigstore-today\"]",
            "[\"sigstore-today\", \"pq-all-ml-dsa-65\", \"hash-only-today\"]"
        )
    );
    let mut suite = Suite::parse(&source, "suite.toml").unwrap();
    suite.make_quick();
    suite
}

#[test]
fn quick_run_results_read_back_and_render() {
    let suite = quick_suite();
    let results = runner::run(&suite, &scratch("quick"), &mut Progress::stderr(true)).unwrap();
    let json = results.to_json().unwrap();
    let back = Results::from_json(&json).unwrap();
    assert_eq!(back, results);
    assert_eq!(back.profiles.len(), 3);
    for p in &back.profiles {
        let log = p.log.as_ref().unwrap();
        assert_eq!(log.points.len(), 2);
        // Log growth used the real entry of the profile's message-signature bundle.
        let entry = p.bundle("message-signature").unwrap().components.log_entry;
        assert_eq!(log.entry_bytes, Some(entry), "{}", p.name);
        assert!(
            log.entry_source.as_deref().unwrap().starts_with("real: "),
            "{}",
            p.name
        );
        assert_eq!(p.bundles.len(), 2, "{}", p.name);
        assert!(p.trusted_root_bytes.unwrap() > 1000);
        for (workload, b) in p.bundles_in_order() {
            assert_eq!(b.total_bytes, b.components.total(), "{} {workload}", p.name);
            assert!(b.gzip_bytes < b.total_bytes);
            assert_eq!((b.log_index, b.tree_size), (0, 1));
            assert!(b.sign_e2e.n >= 1);
            // pqlab verifies its bundles of every entry shape.
            assert!(b.verify_full.is_some(), "{} {workload}", p.name);
            assert!(
                b.verify_prepared.as_ref().is_some_and(|s| s.n >= 1),
                "{} {workload}",
                p.name
            );
        }
        // The DSSE bundle carries the in-toto statement: more bytes, same certificate.
        let (m, d) = (
            p.bundle("message-signature").unwrap(),
            p.bundle("dsse").unwrap(),
        );
        assert!(d.total_bytes > m.total_bytes);
        assert_eq!(d.components.leaf_certificate, m.components.leaf_certificate);
    }
    // ML-DSA-65 signs in variable time: the end-to-end sign carries a histogram.
    let pq = back.profile("pq-all-ml-dsa-65").unwrap();
    assert!(pq.bundle("dsse").unwrap().sign_e2e.histogram.is_some());
    assert!(
        back.algorithms
            .iter()
            .any(|a| a.algorithm == "ml-dsa-44" && a.sign.histogram.is_some())
    );
    assert_eq!(back.log_throughput.len(), 2);
    assert_eq!(back.environment.seed, 7);
    assert!(back.environment.quick);
    assert!(!back.environment.crate_versions.is_empty());
    let page = html::render(&back, &HtmlOptions { criterion: None }).unwrap();
    assert!(page.contains("sigstore-today"));
    assert!(page.contains("pq-all-ml-dsa-65 (dsse)"));
    assert!(!back.notes.is_empty());
    assert!(
        page.contains("run note"),
        "the report shows the run's notes"
    );
    eprintln!("1 quick run read back and rendered");
}

/// Every size of a run (bundles, trusted roots, logs, keys) is identical for a seed.
#[test]
fn two_runs_with_one_seed_give_identical_sizes() {
    let mut suite = quick_suite();
    suite.workloads.retain(|w| {
        matches!(
            w,
            runner::WorkloadKind::MessageSignature
                | runner::WorkloadKind::Dsse
                | runner::WorkloadKind::LogGrowth
        )
    });
    let a = runner::run(&suite, &scratch("seed-a"), &mut Progress::stderr(true)).unwrap();
    let b = runner::run(&suite, &scratch("seed-b"), &mut Progress::stderr(true)).unwrap();
    let comparison = pqlab_reports::compare::compare(
        &a,
        &b,
        pqlab_reports::compare::CompareOptions {
            sizes_only: true,
            ..Default::default()
        },
    );
    assert!(
        comparison.size_changes.is_empty(),
        "{:?}",
        comparison.size_changes
    );
    assert!(
        comparison.sizes_compared > 60,
        "{}",
        comparison.sizes_compared
    );
    for (pa, pb) in a.profiles.iter().zip(&b.profiles) {
        for ((wa, ba), (wb, bb)) in pa.bundles_in_order().zip(pb.bundles_in_order()) {
            assert_eq!(wa, wb);
            assert_eq!(ba.components, bb.components, "{} {wa}", pa.name);
            assert_eq!(
                (ba.total_bytes, ba.gzip_bytes),
                (bb.total_bytes, bb.gzip_bytes)
            );
        }
        assert_eq!(pa.trusted_root_bytes, pb.trusted_root_bytes);
        assert_eq!(
            pa.log.as_ref().unwrap().points,
            pb.log.as_ref().unwrap().points
        );
    }
    eprintln!(
        "{} sizes compared across two runs with seed {}",
        comparison.sizes_compared, suite.seed
    );
}

#[test]
fn quick_skips_only_the_small_hash_based_sets() {
    let slow = |id: &str| {
        runner::primitives::is_slow_hash_based(
            pqlab_algorithms::registry::lookup_implementation(id).unwrap(),
        )
    };
    let cases = [
        ("slh-dsa-sha2-128s", true),
        ("slh-dsa-shake-256s", true),
        ("sphincs-plus-r3-shake-128s-simple", true),
        ("slh-dsa-sha2-128f", false),
        ("sphincs-plus-r3-sha2-128f-simple", false),
        ("ml-dsa-65", false),
        ("ed25519", false),
    ];
    for (id, expected) in cases {
        assert_eq!(slow(id), expected, "{id}");
    }
    eprintln!("{} algorithms classified", cases.len());
}

/// The model-signing workload: one result per profile and sweep point, exact bundle sizes that
/// do not depend on the run (same seed), in the results and the report.
#[test]
fn model_signing_workload_reports_every_profile_and_point() {
    let source = format!(
        "{}\n[model-signing]\nfiles = [1, 4]\ntotal-bytes = [3, 4096]\nsamples = 2\n",
        BASE.replace(
            "workloads = [\"primitives\"]",
            "workloads = [\"model-signing\"]"
        )
        .replace(
            "[\"sigstore-today\"]",
            "[\"sigstore-today\", \"pq-all-ml-dsa-44\"]"
        )
    );
    let suite = Suite::parse(&source, "suite.toml").unwrap();
    let run = |tag: &str| runner::run(&suite, &scratch(tag), &mut Progress::stderr(true)).unwrap();
    let results = run("model-a");
    // (1, 3), (1, 4096), (4, 4096): 4 files do not fit 3 bytes.
    let points: Vec<(&str, u64, u64)> = results
        .model_signing
        .iter()
        .map(|m| (m.profile.as_str(), m.file_count, m.total_bytes))
        .collect();
    assert_eq!(
        points,
        [
            ("sigstore-today", 1, 3),
            ("pq-all-ml-dsa-44", 1, 3),
            ("sigstore-today", 1, 4096),
            ("pq-all-ml-dsa-44", 1, 4096),
            ("sigstore-today", 4, 4096),
            ("pq-all-ml-dsa-44", 4, 4096),
        ]
    );
    assert!(
        results
            .model_signing
            .iter()
            .all(|m| m.sign.n == 2 && m.verify.n == 2)
    );
    let today = &results.model_signing[4];
    let pq = &results.model_signing[5];
    assert!(
        pq.bundle_bytes > 5 * today.bundle_bytes,
        "{pq:?} vs {today:?}"
    );
    // Sizes are exact: a second run with the same seed gives the same bytes.
    let again = run("model-b");
    let sizes = |r: &Results| {
        r.model_signing
            .iter()
            .map(|m| m.bundle_bytes)
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(&results), sizes(&again));
    let back = Results::from_json(&results.to_json().unwrap()).unwrap();
    assert_eq!(back.model_signing, results.model_signing);
    let page = html::render(&back, &HtmlOptions { criterion: None }).unwrap();
    assert!(page.contains("Model signing") && page.contains(&pq.bundle_bytes.to_string()));
    assert!(
        page.contains("chart-model-signing"),
        "the report draws the model-signing chart"
    );
    // Bad sweep values name their line.
    let (line, message) = invalid_line(&format!("{BASE}[model-signing]\nfiles = [10, 1]\n"));
    assert_eq!(line, 6, "{message}");
    eprintln!(
        "{} model-signing results checked",
        results.model_signing.len()
    );
}

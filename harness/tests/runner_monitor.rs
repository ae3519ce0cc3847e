//! The `monitor` workload of the suite runner (issue 8 § 4): per profile and batch size, the
//! bytes a monitor fetches, exact for a small log (checkpoints, hash tiles per level, entry
//! bundles), results that satisfy the schema and render in the HTML report, and the suite's
//! `[monitor]` keys checked. Timings are never asserted.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use pqlab_harness::runner::{self, Progress, Suite, SuiteError};
use pqlab_reports::Results;
use pqlab_reports::html::{self, HtmlOptions};

const SUITE: &str = r#"name = "monitor"
seed = 1
profiles = ["sigstore-today", "hash-only-today"]
workloads = ["monitor"]
[monitor]
batches = [1, 300]
runs = 2
backlog = 10
"#;

#[test]
fn monitor_workload_egress_is_exact() {
    let suite = Suite::parse(SUITE, "suite.toml").unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let results = runner::run(
        &suite,
        &scratch.path().join("run"),
        &mut Progress::stderr(true),
    )
    .unwrap();
    let json = results.to_json().unwrap();
    let back = Results::from_json(&json).unwrap();
    assert_eq!(back.monitoring, results.monitoring);
    assert_eq!(results.monitoring.len(), 4);
    let mut checked = 0;
    for m in &results.monitoring {
        let e = m.entry_bytes.unwrap() + 2; // each entry with its u16 length prefix
        let f = m.fetched.as_ref().unwrap();
        assert_eq!(f.total(), m.bytes_fetched);
        assert_eq!(m.runs, Some(2));
        // Checkpoints of "log.pqlab.example/growth" signed with Ed25519, no witnesses:
        // origin line 25 + size line + root line 45 + blank line 1 + signature line
        // "— " 4 + name 24 + " " 1 + base64(4 + 64) 92 + "\n" 1.
        let checkpoint = |size: u64| 25 + size.to_string().len() as u64 + 1 + 45 + 1 + 122;
        match m.batch_size.unwrap() {
            1 => {
                // Sizes 10 -> 11 -> 12: the partial level-0 tiles of width 11 and 12, the
                // partial entry bundles of width 11 and 12.
                assert_eq!(m.entries, 2);
                assert_eq!(f.checkpoint_bytes, checkpoint(11) + checkpoint(12));
                assert_eq!(f.tile_bytes_by_level, vec![(11 + 12) * 32]);
                assert_eq!(f.entry_bundle_bytes, (11 + 12) * e);
                assert_eq!(f.requests, 6);
            }
            300 => {
                // 12 -> 312: level-0 tile 0 (full) and 1 (partial, 56); entry bundles 0
                // (full) and 1 (partial 56). 312 -> 612: MTH(0..256) from the partial
                // level-1 tile of width 2, level-0 tile 1 (full) and 2 (partial, 100); entry
                // bundles 1 (full) and 2 (partial 100).
                assert_eq!(m.entries, 600);
                assert_eq!(f.checkpoint_bytes, checkpoint(312) + checkpoint(612));
                assert_eq!(
                    f.tile_bytes_by_level,
                    vec![(256 + 56 + 256 + 100) * 32, 2 * 32]
                );
                assert_eq!(f.entry_bundle_bytes, (312 + 356) * e);
                assert_eq!(f.requests, 2 * 5 + 1);
            }
            other => panic!("batch {other}"),
        }
        checked += 1;
    }
    // The hash-only leaf holds two claims: 1 + 32 + 32 + 2 × 64 bytes.
    let hash_only = results
        .monitoring
        .iter()
        .find(|m| m.profile == "hash-only-today")
        .unwrap();
    assert_eq!(hash_only.entry_bytes, Some(193));
    let page = html::render(&results, &HtmlOptions::default()).unwrap();
    assert!(page.contains("entry bundles / entry"));
    assert!(page.contains("<code>hash-only-today</code>"));
    assert!(page.contains("<figure id=\"chart-monitor-egress\"><svg"));
    eprintln!("{checked} monitor results with exact egress");
}

#[test]
fn monitor_suite_keys_are_checked() {
    for (bad, key) in [
        ("batches = [10, 1]", "batches"),
        ("batches = []", "batches"),
        ("runs = 0", "runs"),
        ("backlog = 0", "backlog"),
    ] {
        let source = SUITE
            .replace("batches = [1, 300]", "")
            .replace("runs = 2", "")
            .replace("backlog = 10", bad);
        match Suite::parse(&source, "suite.toml") {
            Err(SuiteError::Invalid { line, message, .. }) => {
                assert_eq!(line, 8, "{bad}: {message}");
                assert!(message.contains(key), "{bad}: {message}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    let mut quick = Suite::parse(SUITE, "suite.toml").unwrap();
    quick.make_quick();
    assert_eq!(quick.monitor.batches, vec![1]);
    assert!(quick.monitor.runs <= 3);
}

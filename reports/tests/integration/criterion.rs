//! Criterion import: medians from `<dir>/<group>/<alg>/<impl>/new/` replace the suite's p50.

use std::path::{Path, PathBuf};

use pqlab_reports::criterion::{CriterionError, CriterionEstimates, Operation};
use pqlab_reports::export::markdown::to_markdown;
use pqlab_reports::html::{HtmlOptions, render};

use super::fixture;

fn bench(root: &Path, group: &str, alg: &str, imp: &str, median: &str) {
    let dir = root.join(group).join(alg).join(imp).join("new");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("benchmark.json"),
        format!(
            r#"{{"group_id":"{group}","function_id":"{alg}","value_str":"{imp}","throughput":null,"full_id":"{group}/{alg}/{imp}","directory_name":"{group}/{alg}/{imp}","title":"{group}/{alg}/{imp}"}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("estimates.json"),
        format!(
            r#"{{"mean":{{"confidence_interval":{{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0}},"point_estimate":1.5,"standard_error":0.1}},"median":{{"confidence_interval":{{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0}},"point_estimate":{median},"standard_error":0.1}},"median_abs_dev":null,"slope":null,"std_dev":null}}"#
        ),
    )
    .unwrap();
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn medians_replace_the_suite_figures() {
    let root = scratch("criterion-ok");
    bench(&root, "sign", "ml-dsa-65", "libcrux", "123456.7");
    bench(&root, "verify", "ed25519", "dalek", "33000.0");
    bench(&root, "dispatch", "ed25519", "dalek", "1.0"); // another group: ignored
    std::fs::create_dir_all(root.join("report")).unwrap();
    let estimates = CriterionEstimates::load(&root).unwrap();
    assert_eq!(estimates.len(), 2);
    assert_eq!(
        estimates.median(Operation::Sign, "ml-dsa-65", "libcrux"),
        Some(123_456.7)
    );
    assert_eq!(
        estimates.median(Operation::Sign, "ml-dsa-65", "rustcrypto"),
        None
    );
    let results = fixture();
    let page = render(
        &results,
        &HtmlOptions {
            criterion: Some(&estimates),
        },
    )
    .unwrap();
    assert!(page.contains("criterion medians imported from"));
    assert!(page.contains("<td class=\"num\">123.5 µs ᶜ</td>"));
    assert!(page.contains("<td class=\"num\">33.0 µs ᶜ</td>"));
    let md = to_markdown(&results, Some(&estimates));
    assert!(md.contains("123.5 µs ᶜ"));
    assert!(md.contains("criterion medians"));
}

#[test]
fn malformed_estimates_are_an_error() {
    let root = scratch("criterion-bad");
    bench(&root, "sign", "ed25519", "dalek", "1.0");
    std::fs::write(
        root.join("sign/ed25519/dalek/new/estimates.json"),
        r#"{"mean": 1}"#,
    )
    .unwrap();
    let err = CriterionEstimates::load(&root).unwrap_err();
    assert!(matches!(err, CriterionError::Format { .. }), "{err:?}");
    assert!(err.to_string().contains("estimates.json"));
    assert!(matches!(
        CriterionEstimates::load(Path::new("/nonexistent/criterion")),
        Err(CriterionError::Io { .. })
    ));
}

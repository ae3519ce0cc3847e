//! Markdown and CSV exports.

use pqlab_reports::export::{csv::HEADER, csv::to_csv, markdown::to_markdown};
use serde_json::json;

use super::{fixture, fixture_value, parse};

#[test]
fn csv_holds_every_figure_and_quotes() {
    let mut v = fixture_value();
    v["environment"]["cpu_model"] = json!("CPU, with \"quotes\"\nand a newline");
    let dsse = &mut v["profiles"][0]["bundles"]["dsse"];
    dsse["verify_prepared"] = dsse["verify_full"].clone();
    dsse["verify_prepared"]["p99_ns"] = dsse["verify_full"]["max_ns"].clone();
    let prepared_p99 = dsse["verify_full"]["max_ns"].to_string();
    let results = parse(&v).unwrap();
    let text = to_csv(&results).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), HEADER.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let find = |section: &str, subject: &str, metric: &str| {
        rows.iter()
            .find(|r| r[0] == *section && r[1] == *subject && r[2] == *metric)
            .map(|r| r[4].to_owned())
    };
    assert_eq!(
        find("environment", "", "cpu_model").unwrap(),
        "CPU, with \"quotes\"\nand a newline"
    );
    let today = results.baseline_profile().unwrap();
    for workload in ["message-signature", "dsse"] {
        let bundle = today.bundle(workload).unwrap();
        assert_eq!(
            find(
                "profile",
                "sigstore-today",
                &format!("bundles.{workload}.total_bytes")
            )
            .unwrap(),
            bundle.total_bytes.to_string()
        );
        assert_eq!(
            find(
                "profile",
                "sigstore-today",
                &format!("bundles.{workload}.verify_full.p99")
            )
            .unwrap(),
            bundle.verify_full.as_ref().unwrap().p99_ns.to_string()
        );
        assert_eq!(
            find(
                "profile",
                "sigstore-today",
                &format!("bundles.{workload}.sign_e2e.n")
            )
            .unwrap(),
            bundle.sign_e2e.n.to_string()
        );
    }
    assert_eq!(
        find(
            "profile",
            "sigstore-today",
            "bundles.dsse.verify_prepared.p99"
        )
        .unwrap(),
        prepared_p99
    );
    assert_eq!(
        find(
            "profile",
            "sigstore-today",
            "bundles.message-signature.verify_prepared.p99"
        ),
        None
    );
    let a = &results.algorithms[5];
    assert_eq!(
        find(
            "algorithm",
            &format!("{}@{}", a.algorithm, a.implementation),
            "sizes.signature"
        )
        .unwrap(),
        a.sizes.signature.to_string()
    );
    // Every profile contributes its bundle, latency and log figures.
    for p in &results.profiles {
        let n = rows
            .iter()
            .filter(|r| &r[0] == "profile" && r[1] == *p.name)
            .count();
        assert!(n > 40, "{}: {n}", p.name);
    }
    assert!(rows.iter().all(|r| r.len() == 5));
}

#[test]
fn markdown_has_the_tables() {
    let results = fixture();
    let md = to_markdown(&results, None);
    assert!(md.starts_with("# pqlab results: suite `fixture`"));
    assert!(md.contains("| profile | bundle | DSSE bundle | full verify p50 |"));
    assert!(md.contains("## Bundle composition (bytes)"));
    assert!(md.contains("## Primitives per algorithm and implementation"));
    assert!(md.contains("## Log append throughput"));
    assert!(md.contains("## Model signing"));
    assert!(md.contains("## Monitoring"));
    let today = results.baseline_profile().unwrap();
    assert!(md.contains(&format!(
        "| `sigstore-today` | {} B (×1.00) | {} B (×1.00) |",
        today.bundle("message-signature").unwrap().total_bytes,
        today.bundle("dsse").unwrap().total_bytes
    )));
    // One composition row per profile and bundle workload.
    assert!(md.contains(&format!(
        "| `sigstore-today` | dsse | {} |",
        today.bundle("dsse").unwrap().total_bytes
    )));
    for p in &results.profiles {
        assert!(md.contains(&format!("| `{}` |", p.name)), "{}", p.name);
    }
    // Every table row has the header's number of cells.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells: Vec<usize> = table
            .lines()
            .map(|l| l.matches('|').count() - l.matches("\\|").count())
            .collect();
        assert!(cells.iter().all(|&c| c == cells[0]), "{table}");
    }
}

#[test]
fn markdown_escapes_pipes() {
    let mut v = fixture_value();
    v["profiles"][1]["name"] = json!("a|b");
    let md = to_markdown(&parse(&v).unwrap(), None);
    assert!(md.contains("| `a\\|b` |"));
}

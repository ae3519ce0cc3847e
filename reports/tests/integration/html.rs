//! The HTML report of the fixture holds every section and chart, is self-contained and
//! escapes what it embeds.

use pqlab_reports::compare::CompareOptions;
use pqlab_reports::html::{HtmlOptions, render};
use serde_json::json;

use super::{fixture, fixture_value, parse};

const SECTIONS: [&str; 9] = [
    "summary",
    "bundle-composition",
    "log-growth",
    "verify-latency",
    "size-vs-time",
    "primitives",
    "workloads",
    "environment",
    "raw-data",
];

const CHARTS: [&str; 6] = [
    "bundle-composition",
    "log-growth",
    "verify-latency",
    "size-vs-time",
    "sign-histograms",
    "model-signing",
];

#[test]
fn report_has_every_section_and_chart() {
    let results = fixture();
    let page = render(&results, &HtmlOptions::default()).unwrap();
    for s in SECTIONS {
        assert!(
            page.contains(&format!("<section id=\"{s}\">")),
            "section {s}"
        );
    }
    for c in CHARTS {
        assert!(
            page.contains(&format!("<figure id=\"chart-{c}\"><svg")),
            "chart {c}"
        );
    }
    assert_eq!(page.matches("<svg").count(), CHARTS.len());
    // Every profile appears in the summary and in the charts' labels.
    for p in &results.profiles {
        assert!(
            page.contains(&format!("<code>{}</code>", p.name)),
            "{}",
            p.name
        );
        assert!(page.matches(&p.name).count() >= 5, "{}", p.name);
    }
    // The summary: sigstore-today is its own baseline; the bundle bytes are exact.
    let today = results.baseline_profile().unwrap();
    let pq = results.profile("pq-all-ml-dsa-65").unwrap();
    for workload in ["message-signature", "dsse"] {
        let base = today.bundle(workload).unwrap().total_bytes;
        assert!(page.contains(&format!(
            "<td class=\"num\">{base}</td><td class=\"num\">×1.00</td>"
        )));
        let bytes = pq.bundle(workload).unwrap().total_bytes;
        #[allow(
            clippy::cast_precision_loss,
            reason = "test arithmetic on small figures"
        )]
        let ratio = bytes as f64 / base as f64;
        assert!(page.contains(&format!(
            "<td class=\"num\">{bytes}</td><td class=\"num\">×{ratio:.2}</td>"
        )));
    }
    // The DSSE bundles are labelled in the charts.
    assert!(page.contains("pq-all-ml-dsa-65 (dsse)"));
    // Legends and axes of the charts.
    for text in [
        "leaf certificate",
        "JSON/base64 overhead",
        "entries in the log",
        "full verify p50",
        "ml-dsa-65@libcrux (n=200)",
    ] {
        assert!(page.contains(text), "{text}");
    }
    // The projection formula, the environment, the algorithm table.
    assert!(page.contains("Projection formula: bytes(N)"));
    assert!(page.contains(
        "Projection against measurement (largest deviation where both exist): <code>sigstore-today</code>: +0.000% at N = 10⁶"
    ));
    assert!(page.contains(&results.environment.cpu_model));
    assert!(page.contains("libcrux-ml-dsa 0.0.11"));
}

#[test]
fn report_is_self_contained_and_script_free() {
    let page = render(&fixture(), &HtmlOptions::default()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("<link"));
    assert!(!page.contains(" src="));
    assert!(!page.contains("{{"), "unfilled placeholder");
    // The only URL is the SVG namespace.
    let urls = page.matches("http://").count() + page.matches("https://").count();
    assert_eq!(urls, page.matches("http://www.w3.org/2000/svg").count());
    // Raw data: CSV and JSON downloads as data: URIs, and the JSON embedded.
    assert!(page.contains("download=\"pqlab-results.csv\" href=\"data:text/csv;charset=utf-8,section%2Csubject%2Cmetric"));
    assert!(page.contains("href=\"data:application/json;charset=utf-8,%7B"));
    assert!(page.contains(
        "<pre id=\"results-json\">{\n  &quot;schema_version&quot;: &quot;pqlab.results/2&quot;"
    ));
}

#[test]
fn embedded_text_is_escaped() {
    let mut v = fixture_value();
    v["profiles"][4]["name"] = json!("<script>alert(1)</script>");
    v["environment"]["cpu_model"] = json!("\"><img src=x onerror=alert(2)>");
    let results = parse(&v).unwrap();
    let page = render(&results, &HtmlOptions::default()).unwrap();
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn without_sigstore_today_ratios_are_absent() {
    let mut v = fixture_value();
    v["profiles"][0]["name"] = json!("classical");
    let page = render(&parse(&v).unwrap(), &HtmlOptions::default()).unwrap();
    assert!(page.contains("has no <code>sigstore-today</code> profile"));
    assert!(!page.contains("<td class=\"num\">×"));
    assert!(page.contains("<td class=\"num\">–</td>"));
}

#[test]
fn an_empty_run_still_renders() {
    let mut v = fixture_value();
    for key in [
        "profiles",
        "algorithms",
        "log_throughput",
        "model_signing",
        "monitoring",
    ] {
        v[key] = json!([]);
    }
    let page = render(&parse(&v).unwrap(), &HtmlOptions::default()).unwrap();
    assert!(page.contains("<section id=\"summary\">"));
    assert!(page.contains("Not measured in this run."));
    assert!(!page.contains("chart-sign-histograms"));
}

/// A run without the bundle workloads: profiles carry their log growth only; the report, the
/// exports and compare still work.
#[test]
fn report_renders_without_bundle_figures() {
    let mut v = fixture_value();
    let profiles = v["profiles"].as_array_mut().unwrap();
    profiles.retain(|p| p.get("log").is_some());
    for p in profiles.iter_mut() {
        let p = p.as_object_mut().unwrap();
        for key in ["bundles", "trusted_root_bytes"] {
            assert!(p.remove(key).is_some(), "fixture has {key}");
        }
    }
    let count = profiles.len();
    let results = parse(&v).unwrap();
    assert!(results.profiles.iter().all(|p| p.bundles.is_empty()));
    let page = render(&results, &HtmlOptions::default()).unwrap();
    assert!(page.contains("<section id=\"log-growth\">"));
    for p in &results.profiles {
        assert!(page.contains(&p.name), "{}", p.name);
    }
    pqlab_reports::export::csv::to_csv(&results).unwrap();
    let markdown = pqlab_reports::export::markdown::to_markdown(&results, None);
    assert!(markdown.contains("## Bundle composition"));
    let comparison =
        pqlab_reports::compare::compare(&fixture(), &results, CompareOptions::default());
    assert!(
        !comparison.size_changes.is_empty(),
        "the bundle sizes went away"
    );
    eprintln!("{count} profiles rendered without bundle figures");
}

/// A run without log growth: profiles carry their bundles only (schema 2).
#[test]
fn report_renders_without_log_growth() {
    let mut v = fixture_value();
    for p in v["profiles"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("log");
    }
    let results = parse(&v).unwrap();
    assert!(results.profiles.iter().all(|p| p.log.is_none()));
    let page = render(&results, &HtmlOptions::default()).unwrap();
    assert!(page.contains("<figure id=\"chart-bundle-composition\"><svg"));
    for p in &results.profiles {
        assert!(page.contains(&p.name), "{}", p.name);
    }
    pqlab_reports::export::csv::to_csv(&results).unwrap();
    let markdown = pqlab_reports::export::markdown::to_markdown(&results, None);
    assert!(markdown.contains("## Bundle composition"));
    eprintln!(
        "{} profiles rendered without log growth",
        results.profiles.len()
    );
}

//! `pqlab report` and `pqlab compare` through the binary: outputs and exit codes (0
//! unchanged, 1 changed, 2 not comparable or unreadable).

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../reports/tests/data/fixture-results.json"
);

fn pqlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pqlab"))
        .args(args)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the fixture with `edit` applied and returns its path.
fn edited(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn report_writes_html_markdown_and_csv() {
    let dir = scratch("cli-report");
    let out = dir.join("html");
    let o = pqlab(&[
        "report",
        FIXTURE,
        "-o",
        out.to_str().unwrap(),
        "--no-criterion",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(page.matches("<figure id=\"chart-").count(), 6);
    assert!(page.contains("<section id=\"raw-data\">"));

    let o = pqlab(&["report", FIXTURE, "--format", "markdown", "--no-criterion"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("| `sigstore-today` | 5903 B (×1.00) |"));

    let csv = dir.join("results.csv");
    let o = pqlab(&[
        "report",
        FIXTURE,
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(csv).unwrap();
    assert!(text.starts_with("section,subject,metric,unit,value\n"));
    assert!(
        text.contains("profile,sigstore-today,bundles.message-signature.total_bytes,bytes,5903\n")
    );
}

#[test]
fn report_of_a_bad_file_fails_naming_the_field() {
    let dir = scratch("cli-report-bad");
    let bad = edited(&dir, "bad.json", |v| {
        v["profiles"][0]["bundles"]["dsse"]
            .as_object_mut()
            .unwrap()
            .remove("total_bytes");
    });
    let o = pqlab(&["report", &bad, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("field `profiles[0].bundles.dsse`: missing field `total_bytes`"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn compare_exit_codes() {
    let dir = scratch("cli-compare");
    let o = pqlab(&["compare", FIXTURE, FIXTURE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("**Verdict: no size change, no timing regression** (exit 0)"));

    let grown = edited(&dir, "grown.json", |v| {
        v["algorithms"][0]["sizes"]["signature"] = serde_json::json!(65);
    });
    let o = pqlab(&["compare", FIXTURE, &grown]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("| `algorithm/ed25519@dalek/sizes.signature` | 64 | 65 | +1 |"));

    let elsewhere = edited(&dir, "elsewhere.json", |v| {
        v["environment"]["cpu_model"] = serde_json::json!("Some other CPU");
    });
    let o = pqlab(&["compare", FIXTURE, &elsewhere]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("`cpu_model`: baseline"));
    let o = pqlab(&["compare", FIXTURE, &elsewhere, "--force"]);
    assert_eq!(o.status.code(), Some(0));

    // Never "no change" for a file that could not be read.
    let truncated = dir.join("truncated.json");
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let o = pqlab(&["compare", FIXTURE, truncated.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("truncated JSON"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let o = pqlab(&["compare", "/nonexistent/baseline.json", FIXTURE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/baseline.json"));
    let o = pqlab(&["compare", FIXTURE, FIXTURE, "--threshold=-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--threshold must be"), "{}", stderr(&o));
}

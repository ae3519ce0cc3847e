//! No panic on untrusted input (issue 9 item 5): every input of the shared test data that one
//! of pqlab's parsers reads (bundles, trusted roots, checkpoints and signed notes, verifier
//! keys, tiles and tile paths, entry bodies, proofs, certificates and keys, timestamps), plus
//! the fuzz seed and regression corpora (`fuzz/seeds/`, `fuzz/regressions/`), goes through the
//! function of the fuzz target for that parser (`fuzz/src/targets.rs`, included here so the
//! test and the fuzzers run the same code) under `catch_unwind`. Any panic, including a broken
//! round trip, fails the test; the counts per parser are printed.
//!
//! With `PQLAB_FUZZ_CORPUS_OUT=<dir>` the test data inputs are also written to
//! `<dir>/<target>/` (`scripts/fuzz-seed` seeds libFuzzer's working corpus that way).

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

#[allow(unreachable_pub, dead_code, reason = "shared with the fuzz crate")]
#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Inputs per target name, each with a label saying where it came from.
#[derive(Default)]
struct Inputs {
    by_target: BTreeMap<&'static str, Vec<(String, Vec<u8>)>>,
    from_testdata: BTreeMap<&'static str, usize>,
}

impl Inputs {
    fn add(&mut self, target: &'static str, label: String, bytes: Vec<u8>) {
        self.by_target
            .entry(target)
            .or_default()
            .push((label, bytes));
    }

    fn add_testdata(&mut self, target: &'static str, label: String, bytes: Vec<u8>) {
        *self.from_testdata.entry(target).or_default() += 1;
        self.add(target, label, bytes);
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn decode_b64(s: &str) -> Option<Vec<u8>> {
    STANDARD.decode(s.replace(['\n', '\r'], "")).ok()
}

/// Collects from any JSON document what the other parsers read: certificates and keys
/// (`rawBytes`, `x5c`, `pk`), timestamps, entry bodies and checkpoint envelopes.
fn walk_json(inputs: &mut Inputs, label: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Value::String(s) = v {
                    let at = format!("{label}#{key}");
                    match key.as_str() {
                        "rawBytes" | "x5c" | "pk" => {
                            if let Some(der) = decode_b64(s) {
                                inputs.add_testdata("x509", at, der);
                            }
                        }
                        "signedTimestamp" => {
                            if let Some(der) = decode_b64(s) {
                                inputs.add_testdata("timestamp", at, der);
                            }
                        }
                        "canonicalizedBody" => {
                            if let Some(body) = decode_b64(s) {
                                inputs.add_testdata("entry", at, body);
                            }
                        }
                        "envelope" | "note" | "text" | "vkey" | "path" => {
                            inputs.add_testdata("note", at.clone(), s.clone().into_bytes());
                            if key == "path" {
                                inputs.add_testdata("tiles", at, s.clone().into_bytes());
                            }
                        }
                        "note_b64" => {
                            if let Some(note) = decode_b64(s) {
                                inputs.add_testdata("note", at, note);
                            }
                        }
                        _ => {}
                    }
                } else {
                    walk_json(inputs, &format!("{label}.{key}"), v);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_json(inputs, &format!("{label}[{i}]"), v);
            }
        }
        _ => {}
    }
}

/// A proof seed in the `proofs` target's format from a JSON proof vector (hashes in base64
/// or hex).
fn proof_input(v: &Value) -> Option<Vec<u8>> {
    let hash = |key: &str| -> Option<Vec<u8>> {
        let s = v.get(key)?.as_str()?;
        hex::decode(s).ok().or_else(|| decode_b64(s))
    };
    let num = |key: &str| v.get(key).and_then(Value::as_u64);
    let (mode, a, b, h1, h2) = if let Some(index) = num("leafIdx") {
        (
            0u8,
            index,
            num("treeSize")?,
            hash("leafHash")?,
            hash("root")?,
        )
    } else {
        (
            1u8,
            num("size1")?,
            num("size2")?,
            hash("root1")?,
            hash("root2")?,
        )
    };
    let mut out = vec![mode];
    out.extend_from_slice(&a.to_be_bytes());
    out.extend_from_slice(&b.to_be_bytes());
    for h in [h1, h2] {
        let mut fixed = h;
        fixed.resize(32, 0);
        out.extend_from_slice(&fixed);
    }
    for p in v.get("proof")?.as_array()? {
        let s = p.as_str()?;
        out.extend(hex::decode(s).ok().or_else(|| decode_b64(s))?);
    }
    Some(out)
}

fn proof_vectors(inputs: &mut Inputs, label: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            if let Some(input) = proof_input(value) {
                inputs.add_testdata("proofs", label.to_owned(), input);
            }
            for (k, v) in map {
                proof_vectors(inputs, &format!("{label}.{k}"), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                proof_vectors(inputs, &format!("{label}[{i}]"), v);
            }
        }
        _ => {}
    }
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_slice(&std::fs::read(path).unwrap()).ok()
}

/// Every testdata input, by the parser that reads it.
fn testdata_inputs(inputs: &mut Inputs) {
    const TEST: &str = "no_panic";
    for dir in ["sigstore-conformance", "sigstore-python-assets"] {
        let Some(dir) = pqlab_testdata::corpus(TEST, dir) else {
            continue;
        };
        for path in files_under(&dir) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let label = path.strip_prefix(&dir).unwrap().display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            if name.ends_with(".sigstore") || name == "bundle.sigstore.json" {
                inputs.add_testdata("bundle", label.clone(), bytes.clone());
                inputs.add_testdata("verify_bundle", label.clone(), bytes.clone());
            } else if name.ends_with(".json") && !name.contains("statement") {
                inputs.add_testdata("trusted_root", label.clone(), bytes.clone());
            } else if name == "key.pub" {
                inputs.add_testdata("x509", label.clone(), bytes.clone());
            } else if name.starts_with("tsa_issue1482-timestamp") {
                inputs.add_testdata("timestamp", label.clone(), bytes.clone());
            }
            if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
                walk_json(inputs, &label, &value);
            }
        }
    }
    if let Some(dir) = pqlab_testdata::corpus(TEST, "x509-sigstore-python") {
        for path in files_under(&dir) {
            if path.extension().is_some_and(|e| e == "pem") {
                let label = path.file_name().unwrap().to_string_lossy().into_owned();
                let pem = std::fs::read(&path).unwrap();
                if let Some((_, der)) =
                    pqlab_harness::verify::pem::decode(&String::from_utf8_lossy(&pem))
                {
                    inputs.add_testdata("x509", format!("{label} (DER)"), der);
                }
                inputs.add_testdata("x509", label, pem);
            }
        }
    }
    if let Some(path) = pqlab_testdata::corpus(TEST, "composite-mldsa/testvectors.json") {
        walk_json(inputs, "composite-mldsa", &read_json(&path).unwrap());
    }
    if let Some(path) = pqlab_testdata::corpus(TEST, "signed-note/signed_note_vectors.json") {
        walk_json(inputs, "signed-note", &read_json(&path).unwrap());
    }
    if let Some(path) = pqlab_testdata::corpus(TEST, "tlog-tiles/tile_path_vectors.json") {
        walk_json(inputs, "tile-paths", &read_json(&path).unwrap());
    }
    if let Some(dir) = pqlab_testdata::corpus(TEST, "tlog-tiles/tessera-testdata/log") {
        let mut objects = Vec::new();
        for path in files_under(&dir) {
            let rel = path.strip_prefix(&dir).unwrap().display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            if rel.starts_with("checkpoint") {
                inputs.add_testdata("note", rel.clone(), bytes.clone());
            } else if let Ok(tile) = pqlab_harness::log::layout::parse_path(&rel) {
                let mut seed = vec![u8::try_from(tile.width - 1).unwrap()];
                seed.extend_from_slice(&bytes);
                inputs.add_testdata("tiles", rel.clone(), seed);
                inputs.add_testdata("tiles", format!("{rel} (path)"), rel.clone().into_bytes());
            }
            objects.push((rel, bytes));
        }
        inputs.add_testdata(
            "log_storage",
            "tessera-testdata/log".to_owned(),
            targets::encode_storage_records(&objects),
        );
    }
    for dir in ["merkle/transparency-dev/testdata", "merkle"] {
        let Some(dir) = pqlab_testdata::corpus(TEST, dir) else {
            continue;
        };
        for path in files_under(&dir) {
            let in_tdev = path
                .components()
                .any(|c| c.as_os_str() == "transparency-dev");
            let is_tdev_dir = dir.ends_with("testdata");
            let wanted = if is_tdev_dir {
                let p = path.display().to_string();
                p.contains("/inclusion/") || p.contains("/consistency/")
            } else {
                !in_tdev
            };
            if !wanted || path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let label = path.strip_prefix(&dir).unwrap().display().to_string();
            if let Some(value) = read_json(&path) {
                proof_vectors(inputs, &label, &value);
            }
        }
    }
}

/// The committed fuzz corpora of `target`.
fn fuzz_inputs(inputs: &mut Inputs, target: &'static str) {
    let fuzz = pqlab_testdata::repository_root().join("fuzz");
    for kind in ["seeds", "regressions"] {
        for path in files_under(&fuzz.join(kind).join(target)) {
            let label = format!(
                "fuzz/{kind}/{target}/{}",
                path.file_name().unwrap().display()
            );
            inputs.add(target, label, std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn no_parser_panics_on_the_corpora() {
    let mut inputs = Inputs::default();
    for (name, _) in targets::TARGETS {
        fuzz_inputs(&mut inputs, name);
    }
    testdata_inputs(&mut inputs);

    if let Some(out) = std::env::var_os("PQLAB_FUZZ_CORPUS_OUT") {
        let out = PathBuf::from(out);
        for (target, items) in &inputs.by_target {
            let dir = out.join(target);
            std::fs::create_dir_all(&dir).unwrap();
            for (_, bytes) in items.iter().filter(|(l, _)| !l.starts_with("fuzz/")) {
                let name = hex::encode(&Sha256::digest(bytes)[..12]);
                std::fs::write(dir.join(name), bytes).unwrap();
            }
        }
    }

    let mut panics = Vec::new();
    let mut total = 0;
    for (name, run) in targets::TARGETS {
        let items = inputs.by_target.get(name).map_or(&[][..], Vec::as_slice);
        assert!(
            !items.is_empty(),
            "{name}: no inputs (fuzz/seeds/{name} is missing)"
        );
        for (label, bytes) in items {
            if catch_unwind(AssertUnwindSafe(|| run(bytes))).is_err() {
                panics.push(format!("{name}: {label}"));
            }
        }
        total += items.len();
        eprintln!(
            "no_panic: {name}: {} inputs ({} from the shared test data)",
            items.len(),
            inputs.from_testdata.get(name).copied().unwrap_or(0)
        );
    }
    eprintln!(
        "no_panic: {total} inputs through {} parsers",
        targets::TARGETS.len()
    );
    assert!(panics.is_empty(), "parsers panicked on: {panics:#?}");
}

//! The bundle and trusted-root model against real Sigstore files: every sigstore-conformance
//! bundle either parses into validated types (and writes back to the same proto3 JSON), or is
//! refused for a structural reason its case names; every trusted root parses except the one
//! without a tlog validity start.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::Path;

use pqlab_harness::bundle::model::{BundleError, Content, Material};
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::bundle::{Bundle, limits};

/// Cases refused by the parser itself, with the error they must get.
fn expected_parse_error(case: &str) -> Option<fn(&BundleError) -> bool> {
    Some(match case {
        "bundle-malformed-json_fail" => |e| matches!(e, BundleError::MalformedJson { .. }),
        "bundle-unknown-version_fail" => |e| matches!(e, BundleError::UnknownMediaType(_)),
        "bundle-invalid-base64-signature_fail" => {
            |e| matches!(e, BundleError::InvalidField { field, .. } if field == "messageSignature.signature")
        }
        "bundle-negative-log-index_fail" => {
            |e| matches!(e, BundleError::InvalidField { field, reason } if field.ends_with("logIndex") && reason == "negative")
        }
        "bundle-empty-certificate-chain_fail" => {
            |e| matches!(e, BundleError::MissingField(f) if f.contains("x509CertificateChain"))
        }
        "intoto-missing-inclusion-proof_fail" | "rekor2-no-inclusion-proof_fail" => {
            |e| matches!(e, BundleError::MissingField(f) if f.ends_with("inclusionProof"))
        }
        _ => return None,
    })
}

/// The path of the first place two JSON values differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<_> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(v), Some(w)) => first_difference(v, w, &format!("{path}/{k}")),
                (v, w) => Some(format!("{path}/{k}: {v:?} vs {w:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}/{i}"))),
        _ if a == b => None,
        // Base64 wrapped by `base64(1)` in the original; we write it unwrapped.
        (Value::String(x), Value::String(y)) if x.replace('\n', "") == *y => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}

fn normalise(mut v: serde_json::Value) -> serde_json::Value {
    // Proto3 JSON omits defaults: an `integratedTime` of "0" and empty `keyid`s are the same
    // message as their absence.
    if let Some(entries) = v
        .pointer_mut("/verificationMaterial/tlogEntries")
        .and_then(|e| e.as_array_mut())
    {
        for e in entries {
            if e.get("integratedTime").is_some_and(|t| t == "0") {
                e.as_object_mut().unwrap().remove("integratedTime");
            }
        }
    }
    if let Some(material) = v
        .pointer_mut("/verificationMaterial")
        .and_then(|m| m.as_object_mut())
    {
        let empty = material.get("timestampVerificationData").is_some_and(|t| {
            t.get("rfc3161Timestamps")
                .is_none_or(|l| l == &serde_json::json!([]))
        });
        if empty {
            material.remove("timestampVerificationData");
        }
    }
    if let Some(signatures) = v
        .pointer_mut("/dsseEnvelope/signatures")
        .and_then(|s| s.as_array_mut())
    {
        for s in signatures {
            if s.get("keyid").is_some_and(|k| k == "") {
                s.as_object_mut().unwrap().remove("keyid");
            }
        }
    }
    v
}

#[test]
fn conformance_bundles_parse_or_are_refused_for_the_right_reason() {
    let Some(dir) = pqlab_testdata::corpus(
        "conformance_bundles_parse",
        "sigstore-conformance/bundle-verify",
    ) else {
        return;
    };
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("bundle.sigstore.json").exists())
        .collect();
    cases.sort();
    let (mut parsed, mut refused) = (0, 0);
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let input = std::fs::read(case.join("bundle.sigstore.json")).unwrap();
        match (Bundle::parse(&input), expected_parse_error(name)) {
            (Ok(bundle), None) => {
                let written = bundle.to_json();
                assert_eq!(Bundle::parse(written.as_bytes()).unwrap(), bundle, "{name}");
                let original: serde_json::Value = serde_json::from_slice(&input).unwrap();
                let ours: serde_json::Value = serde_json::from_str(&written).unwrap();
                let difference = first_difference(&normalise(original), &normalise(ours), "");
                assert!(
                    difference.is_none(),
                    "{name}: written JSON differs at {difference:?}"
                );
                assert!(bundle.signature_bytes().is_some(), "{name}");
                parsed += 1;
            }
            (Err(err), Some(check)) => {
                assert!(check(&err), "{name}: refused with the wrong error: {err}");
                refused += 1;
            }
            (Ok(_), Some(_)) => panic!("{name}: parsed, but the parser must refuse it"),
            (Err(err), None) => panic!("{name}: refused: {err}"),
        }
    }
    eprintln!(
        "conformance bundles: {parsed} parsed and round-tripped, {refused} refused by the parser"
    );
    assert_eq!(parsed + refused, cases.len());
    assert!(
        cases.len() >= 70,
        "expected the 70 conformance cases, found {}",
        cases.len()
    );
}

#[test]
fn trusted_roots_parse_and_round_trip() {
    let Some(dir) = pqlab_testdata::corpus("trusted_roots_parse", "sigstore-conformance") else {
        return;
    };
    let mut roots = Vec::new();
    collect(&dir, &mut roots);
    let mut count = 0;
    for path in roots {
        let input = std::fs::read(&path).unwrap();
        let result = TrustedRoot::parse(&input);
        let missing_start = path
            .to_string_lossy()
            .contains("trust-root-tlog-missing-validity-start_fail");
        match result {
            Err(BundleError::MissingField(f)) if missing_start => {
                assert!(
                    f.ends_with("validFor.start") || f.ends_with("validFor"),
                    "{f}"
                );
            }
            Ok(root) => {
                assert!(
                    !missing_start,
                    "{}: a tlog without validFor.start was accepted",
                    path.display()
                );
                let again = TrustedRoot::parse(root.to_json().as_bytes()).unwrap();
                assert_eq!(again, root, "{}", path.display());
            }
            Err(e) => panic!("{}: {e}", path.display()),
        }
        count += 1;
    }
    eprintln!("trusted roots: {count} parsed or refused as expected");
    assert!(count >= 3);
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.file_name().is_some_and(|n| n == "trusted_root.json") {
            out.push(path);
        }
    }
}

#[test]
fn prod_rekor_v2_origin_is_the_base_url_host() {
    let Some(path) = pqlab_testdata::corpus(
        "prod_rekor_origin",
        "sigstore-conformance/trust-roots-from-sigstore-python-4.5.1/staging/trusted_root.json",
    ) else {
        return;
    };
    let root = TrustedRoot::parse(&std::fs::read(path).unwrap()).unwrap();
    let origins: Vec<&str> = root.tlogs.iter().map(|t| t.origin()).collect();
    assert!(
        origins.contains(&"log2025-alpha1.rekor.sigstage.dev"),
        "{origins:?}"
    );
}

#[test]
fn limits_are_enforced_before_anything_else() {
    let huge = vec![b' '; limits::MAX_BUNDLE_BYTES + 1];
    assert!(matches!(
        Bundle::parse(&huge),
        Err(BundleError::TooLarge { .. })
    ));

    let entry = r#"{"logIndex":"1","logId":{"keyId":"AA=="},"kindVersion":{"kind":"hashedrekord","version":"0.0.2"},"inclusionProof":{"logIndex":"1","rootHash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","treeSize":"2","hashes":[],"checkpoint":{"envelope":"x"}},"canonicalizedBody":"AA=="}"#;
    let entries = vec![entry; limits::MAX_TLOG_ENTRIES + 1].join(",");
    let bundle = format!(
        r#"{{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{{"certificate":{{"rawBytes":"AA=="}},"tlogEntries":[{entries}]}},"messageSignature":{{"signature":"AA=="}}}}"#
    );
    let err = Bundle::parse(bundle.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            BundleError::TooMany {
                count: 33,
                limit: 32,
                ..
            }
        ),
        "{err}"
    );

    let one = format!(
        r#"{{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{{"certificate":{{"rawBytes":"AA=="}},"tlogEntries":[{entry}]}},"messageSignature":{{"signature":"AA=="}}}}"#
    );
    let parsed = Bundle::parse(one.as_bytes()).unwrap();
    assert!(matches!(parsed.material, Material::Certificate(_)));
    assert!(matches!(
        parsed.content,
        Content::MessageSignature { digest: None, .. }
    ));
    let both = one.replace(r#""messageSignature""#, r#""dsseEnvelope":{"payload":"","payloadType":"t","signatures":[{"sig":"AA=="}]},"messageSignature""#);
    assert!(matches!(
        Bundle::parse(both.as_bytes()),
        Err(BundleError::InvalidField { .. })
    ));
    let trailing = format!("{one} x");
    assert!(matches!(
        Bundle::parse(trailing.as_bytes()),
        Err(BundleError::MalformedJson { .. })
    ));
}

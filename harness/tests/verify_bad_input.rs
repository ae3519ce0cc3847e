//! Bad input to verification that is not a tampered signature (issue 5): a trusted root
//! whose CA, TSA or log lacks its validity period is refused with a typed error naming the
//! field; a bundle with more timestamps than sigstore-go's cap is refused while parsing.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::time::{Duration, UNIX_EPOCH};

use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::bundle::{Bundle, BundleError, limits};
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use serde_json::Value;

fn signed() -> (Value, Value) {
    let clock = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let profiles = profile::built_in();
    let p = profile::find(&profiles, "sigstore-today").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let instance = Instance::create(dir.path(), p, 5, clock).unwrap();
    let identity = OidcIdentity::email("signer@pqlab.example", "https://oidc.pqlab.example");
    let out = instance
        .sign(b"bad input\n", "a.txt", &identity, false, clock)
        .unwrap();
    let root = std::fs::read_to_string(instance.trusted_root_path()).unwrap();
    (
        serde_json::from_str(&out.json).unwrap(),
        serde_json::from_str(&root).unwrap(),
    )
}

#[test]
fn trusted_root_without_validity_is_a_typed_error() {
    let (_, root) = signed();
    let cases = [
        ("/certificateAuthorities/0", "validFor"),
        ("/timestampAuthorities/0", "validFor"),
        ("/tlogs/0/publicKey", "validFor"),
        ("/ctlogs/0/publicKey", "validFor"),
        ("/certificateAuthorities/0/validFor", "start"),
        ("/tlogs/0/publicKey/validFor", "start"),
    ];
    for (at, key) in cases {
        let mut edited = root.clone();
        edited
            .pointer_mut(at)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key)
            .unwrap();
        match TrustedRoot::parse(edited.to_string().as_bytes()) {
            Err(BundleError::MissingField(field)) => assert!(
                field.ends_with(key),
                "{at}/{key}: the error names `{field}`"
            ),
            other => panic!("{at}/{key}: expected a missing-field error, got {other:?}"),
        }
    }
    eprintln!("trusted roots without validity: {} refused", cases.len());
}

#[test]
fn timestamps_beyond_the_cap_are_refused_while_parsing() {
    let (bundle, _) = signed();
    let pointer = "/verificationMaterial/timestampVerificationData/rfc3161Timestamps";
    for (count, accepted) in [
        (limits::MAX_TIMESTAMPS, true),
        (limits::MAX_TIMESTAMPS + 1, false),
    ] {
        let mut edited = bundle.clone();
        let list = edited.pointer_mut(pointer).unwrap().as_array_mut().unwrap();
        let first = list[0].clone();
        list.resize(count, first);
        let result = Bundle::parse(edited.to_string().as_bytes());
        if accepted {
            assert_eq!(result.unwrap().timestamps.len(), count);
        } else {
            assert!(
                matches!(result, Err(BundleError::TooMany { count: c, limit, .. }) if c == count && limit == limits::MAX_TIMESTAMPS),
                "{count} timestamps: {result:?}"
            );
        }
    }
}

//! Verifies one reference bundle N times with pqlab or with `sigstore-verify` 0.15.1, for
//! instruction-count profiling of the issue-5 comparison (the criterion group `interop` gives
//! the wall times): `interop_loop <reference-dir> <bundle-file> <pqlab|sigstore-verify> <n>`.
//! `<reference-dir>` is an output of `shared/tools/reference/gen_bundle.py`. Inputs are parsed
//! and the verifiers built once, as in the criterion group; subtract the n = 0 total for the setup.

#![allow(
    clippy::expect_used,
    reason = "a profiling driver: any failure is fatal"
)]

use std::path::PathBuf;

use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::verify::bundle::{Artifact, Policy, Verifier};
use pqlab_testdata::oracle::sigstore_rust::Prepared;
use pqlab_testdata::oracle::{OracleVerdict, VerifyRequest};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).expect("reference output directory"));
    let bundle_path = dir.join(args.get(2).expect("bundle file name"));
    let mode = args.get(3).expect("mode: pqlab or sigstore-verify");
    let n: usize = args.get(4).expect("count").parse().expect("count");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("meta.json")).expect("meta.json"))
            .expect("meta.json parses");
    let field = |name: &str| meta[name].as_str().expect("meta field").to_owned();
    let (identity, issuer) = (field("identity"), field("issuer"));
    let (root_path, artifact_path) = (dir.join("trusted_root.json"), dir.join("artifact.txt"));
    let read = |p: &PathBuf| std::fs::read(p).expect("readable");
    match mode.as_str() {
        "pqlab" => {
            let root = TrustedRoot::parse(&read(&root_path)).expect("trusted root parses");
            let bundle = Bundle::parse(&read(&bundle_path)).expect("bundle parses");
            let artifact = read(&artifact_path);
            let policy = Policy::Identity { identity, issuer };
            let verifier = Verifier::new(&root, None).expect("trusted root");
            for _ in 0..n {
                verifier
                    .verify(
                        std::hint::black_box(&bundle),
                        Artifact::Bytes(&artifact),
                        &policy,
                        std::time::SystemTime::now(),
                    )
                    .expect("verifies");
            }
        }
        "sigstore-verify" => {
            let request = VerifyRequest {
                bundle: &bundle_path,
                trusted_root: &root_path,
                artifact: &artifact_path,
                identity: &identity,
                issuer: &issuer,
            };
            let prepared = Prepared::new(&request)
                .expect("readable")
                .expect("sigstore-verify parses");
            for _ in 0..n {
                assert_eq!(
                    std::hint::black_box(&prepared).verify(),
                    OracleVerdict::Accepted
                );
            }
        }
        other => panic!("unknown mode {other}"),
    }
}

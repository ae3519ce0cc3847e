//! Tamper tests for `verify_bundle`: bundles of several profiles (message signature and
//! DSSE, hashedrekord and hash-only entries, single, dual and witnessed checkpoints) are
//! produced by `Instance::sign`, then every JSON value is mutated generically (base64 bytes
//! bit-flipped at the first, middle and last byte, strings replaced, numeric strings
//! incremented, array elements dropped and duplicated, object keys removed) and the signed
//! checkpoint note is edited line by line. Each mutation must be rejected by the check this
//! file names for its JSON path, or be listed as harmless with the reason verification does
//! not cover it. A mutation that verifies without being listed is a verifier bug.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::pipeline::Instance;
use pqlab_harness::pki::OidcIdentity;
use pqlab_harness::profile;
use pqlab_harness::verify::Check;
use pqlab_harness::verify::bundle::{Artifact, Policy, verify_bundle_witnessed};
use pqlab_harness::verify::witnesses::Witnesses;
use serde_json::Value;

const SUBJECT: &str = "signer@pqlab.example";
const ISSUER: &str = "https://oidc.pqlab.example";
/// Signs before the one tampered with, so that its inclusion proof has hashes.
const EARLIER_SIGNS: usize = 5;

/// 2026-11-27T00:00:00Z.
fn clock() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_737_600)
}

/// What a mutation must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Reject(Check),
    Harmless(&'static str),
}

/// What it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Accepted,
    Rejected(&'static str),
}

/// One bundle to tamper with and the keys to verify it.
struct Subject {
    name: String,
    json: Value,
    root: TrustedRoot,
    witnesses: Option<Witnesses>,
    artifact: Vec<u8>,
    /// The first four bytes of the bundle's `logId`: the primary log key's hint.
    log_hint: [u8; 4],
    origin: String,
}

impl Subject {
    fn new(profile_name: &str, dsse: bool) -> (Self, tempfile::TempDir) {
        let profiles = profile::built_in();
        let profile = profile::find(&profiles, profile_name).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let instance = Instance::create(dir.path(), profile, 42, clock()).unwrap();
        let identity = OidcIdentity::email(SUBJECT, ISSUER);
        let mut last = None;
        for i in 0..=EARLIER_SIGNS {
            let artifact = format!("tamper test artifact {i}\n").into_bytes();
            let out = instance
                .sign(&artifact, "artifact.txt", &identity, dsse, clock())
                .unwrap();
            last = Some((artifact, out.json));
        }
        let (artifact, json) = last.unwrap();
        let root =
            TrustedRoot::parse(&std::fs::read(instance.trusted_root_path()).unwrap()).unwrap();
        let witnesses = std::fs::read(instance.witnesses_path())
            .ok()
            .map(|b| Witnesses::parse(&b).unwrap());
        let bundle = Bundle::parse(json.as_bytes()).unwrap();
        let log_id = &bundle.tlog_entries[0].log_id;
        let log_hint = [log_id[0], log_id[1], log_id[2], log_id[3]];
        let subject = Subject {
            name: format!("{profile_name}{}", if dsse { " (dsse)" } else { "" }),
            json: serde_json::from_str(&json).unwrap(),
            root,
            witnesses,
            artifact,
            log_hint,
            origin: instance.origin().to_owned(),
        };
        (subject, dir)
    }

    fn verify(&self, json: &str) -> Verdict {
        let bundle = match Bundle::parse(json.as_bytes()) {
            Ok(b) => b,
            Err(_) => return Verdict::Rejected(Check::Bundle.name()),
        };
        let policy = Policy::Identity {
            identity: SUBJECT.to_owned(),
            issuer: ISSUER.to_owned(),
        };
        match verify_bundle_witnessed(
            &bundle,
            &self.root,
            self.witnesses.as_ref(),
            Artifact::Bytes(&self.artifact),
            &policy,
            clock() + Duration::from_secs(3600),
        ) {
            Ok(_) => Verdict::Accepted,
            Err(e) => Verdict::Rejected(e.check.name()),
        }
    }
}

/// A path segment.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn pointer(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!("/{k}"),
            Seg::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// The path with array indices as `#`, for the expectation table.
fn pattern(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!("/{k}"),
            Seg::Index(_) => "/#".to_owned(),
        })
        .collect()
}

/// Fields holding base64 bytes (protobuf `bytes`).
fn is_bytes(path: &[Seg]) -> bool {
    match path {
        [.., Seg::Key(k), Seg::Index(_)] if k == "hashes" => true,
        [.., Seg::Key(k)] => matches!(
            k.as_str(),
            "rawBytes"
                | "keyId"
                | "rootHash"
                | "canonicalizedBody"
                | "signedTimestamp"
                | "digest"
                | "signature"
                | "payload"
                | "sig"
        ),
        _ => false,
    }
}

/// A mutation: where, what, and the mutated bundle JSON.
struct Mutation {
    path: Vec<Seg>,
    kind: String,
    json: String,
}

fn get_mut<'a>(root: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(root, |v, s| match s {
        Seg::Key(k) => v.get_mut(k).unwrap(),
        Seg::Index(i) => v.get_mut(*i).unwrap(),
    })
}

fn with(root: &Value, path: &[Seg], edit: impl FnOnce(&mut Value)) -> String {
    let mut copy = root.clone();
    edit(get_mut(&mut copy, path));
    serde_json::to_string(&copy).unwrap()
}

fn collect_paths(value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    if !path.is_empty() {
        out.push(path.clone());
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Seg::Key(k.clone()));
                collect_paths(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                collect_paths(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Every generic mutation of `root`.
fn json_mutations(root: &Value) -> Vec<Mutation> {
    let mut paths = Vec::new();
    collect_paths(root, &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let (parent, last) = path.split_at(path.len() - 1);
        let push = |out: &mut Vec<Mutation>, kind: &str, json: String| {
            out.push(Mutation {
                path: path.clone(),
                kind: kind.to_owned(),
                json,
            });
        };
        match &last[0] {
            Seg::Key(k) => push(
                &mut out,
                "remove",
                with(root, parent, |v| {
                    v.as_object_mut().unwrap().remove(k);
                }),
            ),
            Seg::Index(i) => {
                push(
                    &mut out,
                    "drop",
                    with(root, parent, |v| {
                        v.as_array_mut().unwrap().remove(*i);
                    }),
                );
                push(
                    &mut out,
                    "duplicate",
                    with(root, parent, |v| {
                        let items = v.as_array_mut().unwrap();
                        items.insert(*i, items[*i].clone());
                    }),
                );
            }
        }
        let mut value = root.clone();
        let value = get_mut(&mut value, &path).clone();
        match &value {
            Value::String(s) => {
                if is_bytes(&path) {
                    let bytes = STANDARD.decode(s).unwrap();
                    for (kind, at, bit) in [
                        ("flip-first", 0, 0x01),
                        ("flip-middle", bytes.len() / 2, 0x80),
                        ("flip-last", bytes.len().saturating_sub(1), 0x01),
                    ] {
                        if bytes.is_empty() {
                            continue;
                        }
                        let mut flipped = bytes.clone();
                        flipped[at] ^= bit;
                        let encoded = STANDARD.encode(&flipped);
                        push(
                            &mut out,
                            kind,
                            with(root, &path, |v| *v = Value::String(encoded)),
                        );
                    }
                }
                if let Ok(n) = s.parse::<u64>() {
                    push(
                        &mut out,
                        "increment",
                        with(root, &path, |v| *v = Value::String((n + 1).to_string())),
                    );
                } else {
                    push(
                        &mut out,
                        "replace",
                        with(root, &path, |v| {
                            *v = Value::String("pqlab-tampered".to_owned());
                        }),
                    );
                }
            }
            Value::Number(n) => {
                let n = n.as_u64().unwrap();
                push(
                    &mut out,
                    "increment",
                    with(root, &path, |v| *v = Value::from(n + 1)),
                );
            }
            Value::Bool(b) => {
                let b = !*b;
                push(
                    &mut out,
                    "toggle",
                    with(root, &path, |v| *v = Value::Bool(b)),
                );
            }
            _ => {}
        }
    }
    out
}

/// A line of the checkpoint note, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Body,
    Blank,
    /// The signature of the log key the bundle's `logId` names.
    LogSignature,
    /// The signature of another key of the same log (dual-signed checkpoints).
    OtherLogSignature,
    Witness,
}

fn classify(lines: &[&str], origin: &str, hint: [u8; 4]) -> Vec<Line> {
    let blank = lines.iter().position(|l| l.is_empty()).unwrap();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i < blank {
                return Line::Body;
            }
            if i == blank {
                return Line::Blank;
            }
            let rest = l.strip_prefix("\u{2014} ").unwrap();
            let (name, b64) = rest.split_once(' ').unwrap();
            let raw = STANDARD.decode(b64).unwrap();
            if name != origin {
                Line::Witness
            } else if raw[..4] == hint {
                Line::LogSignature
            } else {
                Line::OtherLogSignature
            }
        })
        .collect()
}

/// Changes one character: for a signature line, in the middle of its base64 signature (past
/// the key ID); for other lines, in the middle.
fn change_line(line: &str, role: Line) -> String {
    let start = match role {
        Line::Body | Line::Blank => 0,
        _ => line.rfind(' ').unwrap() + 1,
    };
    let at = start + (line.len() - start) / 2;
    let mut bytes = line.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// Line edits of the checkpoint envelope: `(description, role(s), edited envelope)`.
fn checkpoint_mutations(envelope: &str, roles: &[Line]) -> Vec<(String, Vec<Line>, String)> {
    let lines: Vec<&str> = envelope.strip_suffix('\n').unwrap().split('\n').collect();
    let join = |ls: &[String]| format!("{}\n", ls.join("\n"));
    let owned: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut out = Vec::new();
    for i in 0..lines.len() {
        let mut dropped = owned.clone();
        dropped.remove(i);
        out.push((format!("drop line {i}"), vec![roles[i]], join(&dropped)));
        let mut duplicated = owned.clone();
        duplicated.insert(i, owned[i].clone());
        out.push((
            format!("duplicate line {i}"),
            vec![roles[i]],
            join(&duplicated),
        ));
        if roles[i] != Line::Blank {
            let mut changed = owned.clone();
            changed[i] = change_line(&owned[i], roles[i]);
            out.push((format!("change line {i}"), vec![roles[i]], join(&changed)));
        }
        if i + 1 < lines.len() {
            let mut swapped = owned.clone();
            swapped.swap(i, i + 1);
            out.push((
                format!("swap lines {i} and {}", i + 1),
                vec![roles[i], roles[i + 1]],
                join(&swapped),
            ));
        }
    }
    let first_signature = roles.iter().position(|r| *r == Line::Blank).unwrap() + 1;
    if lines.len() - first_signature > 1 {
        let mut reversed = owned.clone();
        reversed[first_signature..].reverse();
        out.push((
            "reverse the signature lines".to_owned(),
            roles[first_signature..].to_vec(),
            join(&reversed),
        ));
    }
    out.push((
        "remove the final newline".to_owned(),
        vec![Line::Body],
        envelope.strip_suffix('\n').unwrap().to_owned(),
    ));
    out
}

fn is_signature(l: Line) -> bool {
    matches!(
        l,
        Line::LogSignature | Line::OtherLogSignature | Line::Witness
    )
}

/// The expected outcome of a checkpoint line edit.
fn expect_checkpoint_edit(description: &str, roles: &[Line]) -> Expect {
    let verb = description.split(' ').next().unwrap();
    match (verb, roles) {
        ("swap" | "reverse", _) if roles.iter().all(|r| is_signature(*r)) => Expect::Harmless(
            "signed-note: the order of signature lines carries no meaning; each line is checked on its own",
        ),
        ("duplicate", [r]) if is_signature(*r) => Expect::Harmless(
            "signed-note (as Go sumdb/note): a repeated line of one key is checked and counted once",
        ),
        ("drop", [Line::OtherLogSignature]) => Expect::Harmless(
            "a dual-signed checkpoint verifies with either log key (rekor-tiles #425): the bundle's logId names the key this client requires",
        ),
        ("drop" | "change", [Line::Witness]) => Expect::Reject(Check::Cosignatures),
        _ => Expect::Reject(Check::Checkpoint),
    }
}

/// The expected outcome of a generic JSON mutation, by path pattern and kind.
fn expect_json(pattern: &str, kind: &str) -> Expect {
    let flip = kind.starts_with("flip-");
    let tlog = "/verificationMaterial/tlogEntries/#";
    let Some(field) = pattern.strip_prefix(tlog) else {
        return match (pattern, kind) {
            ("/verificationMaterial/certificate/rawBytes", _) if flip => {
                Expect::Reject(Check::CertificateChain)
            }
            (
                "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/#/signedTimestamp",
                _,
            ) if flip => Expect::Reject(Check::Timestamp),
            (
                "/verificationMaterial/timestampVerificationData"
                | "/verificationMaterial/timestampVerificationData/rfc3161Timestamps",
                "remove",
            )
            | ("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/#", _) => {
                // Dropped: no time source left; duplicated: refused as a replayed timestamp.
                Expect::Reject(Check::Timestamp)
            }
            ("/messageSignature/messageDigest", "remove") => Expect::Harmless(
                "messageDigest is a hint (protobuf-specs: optional): the signature is verified over the artifact bytes, as sigstore-go and sigstore-python do when given the artifact",
            ),
            ("/messageSignature/messageDigest/digest" | "/messageSignature/signature", _)
                if flip =>
            {
                Expect::Reject(Check::ArtifactSignature)
            }
            ("/dsseEnvelope/payload" | "/dsseEnvelope/signatures/#/sig", _) if flip => {
                Expect::Reject(Check::ArtifactSignature)
            }
            ("/dsseEnvelope/payloadType", "replace")
            | ("/dsseEnvelope/payload", "remove")
            | ("/dsseEnvelope/signatures/#", "duplicate") => {
                Expect::Reject(Check::ArtifactSignature)
            }
            ("/dsseEnvelope/signatures/#/keyid", _) => Expect::Harmless(
                "DSSE keyid is an unauthenticated, optional hint (DSSE envelope spec); the key comes from the certificate",
            ),
            _ => Expect::Reject(Check::Bundle),
        };
    };
    match (field, kind) {
        ("", "drop" | "duplicate") => Expect::Reject(Check::Bundle),
        ("/logIndex" | "/inclusionProof/logIndex" | "/inclusionProof/treeSize", "increment") => {
            Expect::Reject(Check::InclusionProof)
        }
        ("/logId/keyId", _) if flip => Expect::Reject(Check::TrustedRoot),
        ("/kindVersion/kind" | "/kindVersion/version", "replace") => {
            Expect::Reject(Check::LogEntry)
        }
        ("/canonicalizedBody", _) if flip => Expect::Reject(Check::LogEntry),
        ("/inclusionProof/rootHash" | "/inclusionProof/hashes/#", _) if flip => {
            Expect::Reject(Check::InclusionProof)
        }
        ("/inclusionProof/hashes/#", "drop" | "duplicate")
        | ("/inclusionProof/hashes", "remove") => Expect::Reject(Check::InclusionProof),
        ("/inclusionProof/checkpoint/envelope", "replace")
        | ("/inclusionProof/checkpoint", "remove") => Expect::Reject(Check::Checkpoint),
        _ => Expect::Reject(Check::Bundle),
    }
}

fn verdict_name(v: Verdict) -> String {
    match v {
        Verdict::Accepted => "accepted".to_owned(),
        Verdict::Rejected(c) => c.to_owned(),
    }
}

/// Runs every mutation of `subject`; returns the failures.
fn tamper(subject: &Subject) -> Vec<String> {
    let mut failures = Vec::new();
    let original = serde_json::to_string(&subject.json).unwrap();
    assert_eq!(
        subject.verify(&original),
        Verdict::Accepted,
        "{}: the unmutated bundle must verify",
        subject.name
    );
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut record = |what: String, expect: Expect, got: Verdict| {
        let ok = match (expect, got) {
            (Expect::Reject(check), Verdict::Rejected(name)) => check.name() == name,
            (Expect::Harmless(_), Verdict::Accepted) => true,
            _ => false,
        };
        let key = match expect {
            Expect::Harmless(_) if ok => "harmless (listed)".to_owned(),
            _ => format!("rejected by {}", verdict_name(got)),
        };
        *counts.entry(key).or_default() += 1;
        if !ok {
            failures.push(format!(
                "{}: {what}: expected {expect:?}, got {}",
                subject.name,
                verdict_name(got)
            ));
        }
    };

    let mutations = json_mutations(&subject.json);
    let json_count = mutations.len();
    for m in mutations {
        let expect = expect_json(&pattern(&m.path), &m.kind);
        record(
            format!("{} {}", pointer(&m.path), m.kind),
            expect,
            subject.verify(&m.json),
        );
    }

    let envelope_path = [
        "verificationMaterial",
        "tlogEntries",
        "0",
        "inclusionProof",
        "checkpoint",
        "envelope",
    ];
    let envelope_pointer = format!("/{}", envelope_path.join("/"));
    let envelope = subject
        .json
        .pointer(&envelope_pointer)
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    let lines: Vec<&str> = envelope.strip_suffix('\n').unwrap().split('\n').collect();
    let roles = classify(&lines, &subject.origin, subject.log_hint);
    let edits = checkpoint_mutations(&envelope, &roles);
    let edit_count = edits.len();
    for (description, edit_roles, edited) in edits {
        let mut json = subject.json.clone();
        *json.pointer_mut(&envelope_pointer).unwrap() = Value::String(edited);
        record(
            format!("checkpoint: {description} ({edit_roles:?})"),
            expect_checkpoint_edit(&description, &edit_roles),
            subject.verify(&serde_json::to_string(&json).unwrap()),
        );
    }
    eprintln!(
        "{}: {json_count} JSON mutations + {edit_count} checkpoint edits: {}",
        subject.name,
        counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    failures
}

fn run(profile_name: &str, dsse: bool) {
    let (subject, _dir) = Subject::new(profile_name, dsse);
    let failures = tamper(&subject);
    assert!(
        failures.is_empty(),
        "{} mutation(s) not handled as expected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn sigstore_today() {
    run("sigstore-today", false);
}

#[test]
fn sigstore_today_dsse() {
    run("sigstore-today", true);
}

#[test]
fn sigstore_today_witnessed() {
    run("sigstore-today-witnessed", false);
}

#[test]
fn pq_all_ml_dsa_65() {
    run("pq-all-ml-dsa-65", false);
}

#[test]
fn composite_ml_dsa_65_ed25519() {
    run("composite-ml-dsa-65-ed25519", false);
}

#[test]
fn dual_checkpoint() {
    run("dual-checkpoint", false);
}

#[test]
fn hash_only_today() {
    run("hash-only-today", false);
}

#[test]
fn hash_only_ml_dsa_44_dsse() {
    run("hash-only-ml-dsa-44", true);
}

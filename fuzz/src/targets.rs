//! What each fuzz target runs on one input, shared by the cargo-fuzz binaries
//! (`fuzz/fuzz_targets/*.rs`) and by the no-panic test of the harness
//! (`harness/tests/no_panic.rs` includes this file), so both exercise the same code.
//!
//! Every function takes arbitrary bytes. Errors are expected and ignored; a panic is a
//! finding, and so is a broken round trip (`assert!`): what pqlab writes must parse back to
//! the same value. The verifying targets check against the fixture deployment in
//! `fuzz/fixtures/` (written by `scripts/fuzz-seed --regenerate` from a simulated
//! `sigstore-today` deployment).

use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pqlab_algorithms::encoding::{parse_spki_der, parse_spki_pem};
use pqlab_harness::bundle::Bundle;
use pqlab_harness::bundle::model::{Content, TlogEntry};
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::entry::{HashedRekordV002, IdentityLeaf};
use pqlab_harness::log::audit::audit;
use pqlab_harness::log::bundle::{decode_bundle, decode_hashes, encode_hashes, push_entry};
use pqlab_harness::log::layout::{parse_path, parse_sumdb_path};
use pqlab_harness::log::proof::{
    consistency_proof_len, inclusion_proof_len, root_from_inclusion, verify_consistency,
    verify_inclusion,
};
use pqlab_harness::log::storage::MemoryStorage;
use pqlab_harness::log::{CheckpointAuthority, CheckpointBody, Log};
use pqlab_harness::note::{Checkpoint, Note, NoteVerifier, VerifierKey};
use pqlab_harness::pki::Sct;
use pqlab_harness::pki::verify::{
    Purpose, check_ca_certificate, check_end_entity_certificate, verify_chain, verify_embedded_sct,
    verify_fulcio_leaf, verify_timestamp,
};
use pqlab_harness::profile::parse_profiles_toml;
use pqlab_harness::runner::Suite;
use pqlab_harness::verify::bundle::{Artifact, Policy, verify_bundle};
use pqlab_harness::verify::checkpoint::OriginRule;
use pqlab_harness::verify::rekor_v1::{Expected, check_body};
use pqlab_harness::verify::witnesses::Witnesses;

/// What a target runs on one input.
pub type Target = fn(&[u8]);

/// Every target: its name (the binary, and the directory of its seeds) and its function.
pub const TARGETS: &[(&str, Target)] = &[
    ("bundle", bundle),
    ("verify_bundle", verify_bundle_target),
    ("trusted_root", trusted_root_target),
    ("note", note),
    ("tiles", tiles),
    ("log_storage", log_storage),
    ("proofs", proofs),
    ("x509", x509),
    ("timestamp", timestamp),
    ("entry", entry),
    ("suite_toml", suite_toml),
    ("profile_toml", profile_toml),
];

/// The fixture deployment's `trusted_root.json`.
pub const TRUSTED_ROOT: &[u8] = include_bytes!("../fixtures/trusted_root.json");
/// The artifact the fixture bundles sign.
pub const ARTIFACT: &[u8] = include_bytes!("../fixtures/artifact.txt");
/// The fixture message signature (what its RFC 3161 timestamps cover).
pub const SIGNATURE: &[u8] = include_bytes!("../fixtures/signature.bin");
/// The identity of the fixture bundles.
pub const IDENTITY: &str = "alice@example.org";
/// The OIDC issuer of the fixture bundles.
pub const ISSUER: &str = "https://oidc.example.org";
/// When the fixture bundles were signed (2026-01-01T00:00:00Z).
pub const SIGN_TIME: u64 = 1_767_225_600;

/// The verification time of the verifying targets: a minute after signing.
pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(SIGN_TIME + 60)
}

/// The parsed fixture root (parsed once per process).
///
/// # Panics
/// When the committed fixture does not parse (a broken checkout, not a finding).
pub fn trusted_root() -> &'static TrustedRoot {
    static ROOT: OnceLock<TrustedRoot> = OnceLock::new();
    ROOT.get_or_init(|| TrustedRoot::parse(TRUSTED_ROOT).expect("fuzz/fixtures/trusted_root.json"))
}

/// Bundle JSON: parsing, and re-parsing what pqlab writes back.
pub fn bundle(data: &[u8]) {
    if let Ok(bundle) = Bundle::parse(data) {
        let json = bundle.to_json();
        let again = Bundle::parse(json.as_bytes()).expect("a written bundle parses");
        assert_eq!(again.to_json(), json, "writing is stable");
    }
}

/// `verify_bundle` of arbitrary bundle JSON against the fixture trusted root, for the fixture
/// artifact and identity, and for a key policy.
pub fn verify_bundle_target(data: &[u8]) {
    let Ok(bundle) = Bundle::parse(data) else {
        return;
    };
    let root = trusted_root();
    let identity = Policy::Identity {
        identity: IDENTITY.to_owned(),
        issuer: ISSUER.to_owned(),
    };
    let _ = verify_bundle(&bundle, root, Artifact::Bytes(ARTIFACT), &identity, now());
    let key = Policy::Key(root.tlogs[0].public_key.clone());
    let _ = verify_bundle(&bundle, root, Artifact::Sha256([7; 32]), &key, now());
}

/// `trusted_root.json` and `witnesses.json`: parsing, and re-parsing what pqlab writes back.
pub fn trusted_root_target(data: &[u8]) {
    if let Ok(root) = TrustedRoot::parse(data) {
        for log in root.tlogs.iter().chain(&root.ctlogs) {
            let _ = log.origin();
        }
        let json = root.to_json();
        let again = TrustedRoot::parse(json.as_bytes()).expect("a written root parses");
        assert_eq!(again, root, "writing and parsing keeps the root");
    }
    // The witness policy that accompanies a trusted root (`witnesses.json`).
    if let Ok(witnesses) = Witnesses::parse(data) {
        let again = Witnesses::parse(witnesses.to_json().as_bytes()).expect("a policy parses");
        assert_eq!(again.to_json(), witnesses.to_json(), "writing is stable");
    }
}

/// Signed notes, checkpoints, verifier keys, and the bundle verifier's checkpoint check
/// (against the fixture log key, with both origin rules).
pub fn note(data: &[u8]) {
    if let Ok(note) = Note::parse_bytes(data) {
        let again = Note::parse(&note.serialize()).expect("a serialized note parses");
        assert_eq!(again, note, "serializing and parsing keeps the note");
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cp) = Checkpoint::parse(text) {
        let again = Checkpoint::parse(&cp.format()).expect("a formatted checkpoint parses");
        assert_eq!(again, cp, "formatting and parsing keeps the checkpoint");
    }
    if let Ok(body) = CheckpointBody::parse(text) {
        let again = CheckpointBody::parse(&body.to_text()).expect("a checkpoint body parses");
        assert_eq!(again, body, "writing and parsing keeps the body");
    }
    for line in text.lines().take(4) {
        if let Ok(key) = VerifierKey::parse(line) {
            let again = VerifierKey::parse(&key.to_string()).expect("a written vkey parses");
            assert_eq!(again, key, "writing and parsing keeps the vkey");
            let _ = NoteVerifier::new(key);
        }
    }
    let log = &trusted_root().tlogs[0];
    let others = &trusted_root().tlogs[1..];
    for rule in [OriginRule::Exact, OriginRule::RekorV1] {
        let _ = pqlab_harness::verify::checkpoint::verify(text, log, others, rule, None);
    }
}

/// Tile contents and names: hash tiles and entry bundles of the width the first byte gives
/// (1..=256) over the rest, and the whole input as a C2SP or Go sumdb tile path.
pub fn tiles(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(tile) = parse_path(text) {
            assert_eq!(parse_path(&tile.path()), Ok(tile), "a tile's path names it");
        }
        let _ = parse_sumdb_path(text);
    }
    let Some((&w, bytes)) = data.split_first() else {
        return;
    };
    let width = usize::from(w) + 1;
    if let Ok(hashes) = decode_hashes("fuzz", bytes, width) {
        assert_eq!(encode_hashes(&hashes), bytes, "a hash tile re-encodes");
    }
    if let Ok(entries) = decode_bundle("fuzz", bytes, width) {
        let mut again = Vec::new();
        for e in &entries {
            push_entry(&mut again, e);
        }
        assert_eq!(again, bytes, "an entry bundle re-encodes");
    }
}

/// A checkpoint authority for hostile storage: signs with a fixed fake line and accepts any
/// well-formed note, so the fuzzer reaches the tile code instead of stopping at a signature.
#[derive(Debug)]
pub struct Unsigned;

/// The origin of [`Unsigned`].
pub const UNSIGNED_ORIGIN: &str = "fuzz.pqlab.example";

impl CheckpointAuthority for Unsigned {
    fn origin(&self) -> &str {
        UNSIGNED_ORIGIN
    }
    fn sign(&self, body: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(format!("{body}\n\u{2014} fuzz AAAAAAA=\n"))
    }
    fn verify(&self, note: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Note::parse(note)?.text().to_owned())
    }
}

/// Splits `log_storage` input into objects: repeated `u8 name length ‖ name ‖ u16 BE data
/// length ‖ data`; a truncated record ends the list.
pub fn storage_records(mut data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    while let Some((&name_len, rest)) = data.split_first() {
        let Some((name, rest)) = rest.split_at_checked(usize::from(name_len)) else {
            break;
        };
        let Some((len, rest)) = rest.split_first_chunk::<2>() else {
            break;
        };
        let Some((body, rest)) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))
        else {
            break;
        };
        out.push((String::from_utf8_lossy(name).into_owned(), body.to_vec()));
        data = rest;
    }
    out
}

/// Encodes objects in the [`storage_records`] format (for seeds).
pub fn encode_storage_records(objects: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in objects {
        let (Ok(name_len), Ok(len)) = (u8::try_from(name.len()), u16::try_from(data.len())) else {
            continue;
        };
        out.push(name_len);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(data);
    }
    out
}

/// Opening, auditing and proving from a tile log whose storage holds hostile objects
/// ([`storage_records`]; the checkpoint is accepted unsigned so the fuzzer reaches the tile
/// code).
pub fn log_storage(data: &[u8]) {
    let storage = MemoryStorage::new();
    for (name, bytes) in storage_records(data) {
        storage.put(&name, bytes);
    }
    let _ = audit(&storage, &Unsigned);
    let Ok(log) = Log::open(storage.clone(), Arc::new(Unsigned)) else {
        return;
    };
    let size = log.size();
    for index in [0, size / 2, size.saturating_sub(1)] {
        let _ = log.entry(index);
        let _ = log.prove_inclusion(index, None);
    }
    let _ = log.prove_consistency(size / 2, None);
    let _ = log.prove_consistency(1, Some(size / 3));
}

/// Verification of arbitrary inclusion (even mode byte) and consistency (odd) proofs:
/// `mode ‖ u64 BE ‖ u64 BE ‖ hash ‖ hash ‖ proof hashes`.
pub fn proofs(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Some((a, rest)) = rest.split_first_chunk::<8>() else {
        return;
    };
    let Some((b, rest)) = rest.split_first_chunk::<8>() else {
        return;
    };
    let (a, b) = (u64::from_be_bytes(*a), u64::from_be_bytes(*b));
    let Some((h1, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let Some((h2, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    // Odd trailing bytes make one short hash, so the length checks are reached too.
    let proof: Vec<&[u8]> = rest.chunks(32).collect();
    if mode & 1 == 0 {
        let _ = inclusion_proof_len(a, b);
        let _ = root_from_inclusion(a, b, h1, &proof);
        let _ = verify_inclusion(a, b, h1, &proof, h2);
        let _ = verify_inclusion(a, b, &h1[..31], &proof, h2);
    } else {
        let _ = consistency_proof_len(a, b);
        let _ = verify_consistency(a, b, &proof, h1, h2);
        let _ = verify_consistency(a, b, &proof, h1, &h2[..16]);
    }
}

/// X.509 certificates and SPKI: the certificate profile checks, chain building to the
/// fixture CA, the Fulcio leaf profile with its embedded SCT, SCT TLS decoding, SPKI DER and
/// PEM decoding, and the lenient PEM reader.
pub fn x509(data: &[u8]) {
    let root = trusted_root();
    let ca = &root.certificate_authorities[0].chain;
    let (anchor, intermediates) = ca.split_last().expect("the fixture CA has a chain");
    let anchors = std::slice::from_ref(anchor);
    let ct_logs: Vec<Vec<u8>> = root.ctlogs.iter().map(|l| l.public_key.clone()).collect();
    for purpose in [Purpose::CodeSigning, Purpose::TimeStamping] {
        let _ = check_ca_certificate(data, purpose);
        let _ = check_end_entity_certificate(data, purpose);
    }
    let _ = verify_chain(data, intermediates, anchors, now(), Purpose::CodeSigning);
    let _ = verify_fulcio_leaf(data, intermediates, anchors, &ct_logs, now());
    let _ = verify_embedded_sct(data, &ca[0], &ct_logs);
    // As an intermediate, then as an anchor, above the fixture's first CA certificate.
    let pool = vec![data.to_vec()];
    let _ = verify_chain(&ca[0], &pool, anchors, now(), Purpose::CodeSigning);
    let _ = verify_chain(&ca[0], &[], &pool, now(), Purpose::CodeSigning);
    if let Ok(sct) = Sct::from_tls(data) {
        assert_eq!(
            sct.to_tls().ok().as_deref(),
            Some(data),
            "an SCT re-encodes"
        );
    }
    let _ = parse_spki_der(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_spki_pem(text);
        let _ = pqlab_harness::verify::pem::decode(text);
    }
}

/// RFC 3161 `TimeStampResp` verification against the fixture TSA, over the fixture
/// signature (so pqlab's own tokens verify and mutations reach every check).
pub fn timestamp(data: &[u8]) {
    let tsa = &trusted_root().timestamp_authorities[0].chain;
    let (anchor, rest) = tsa.split_last().expect("the fixture TSA has a chain");
    let _ = verify_timestamp(data, SIGNATURE, rest, std::slice::from_ref(anchor));
    let _ = verify_timestamp(data, SIGNATURE, &[], std::slice::from_ref(anchor));
}

/// Log entry bodies (`canonicalizedBody`): hashedrekord v0.0.2, the hash-only identity leaf,
/// and the Rekor v1 body check of the verifier.
pub fn entry(data: &[u8]) {
    let _ = HashedRekordV002::parse(data);
    let _ = IdentityLeaf::parse(data);
    let content = Content::MessageSignature {
        digest: None,
        signature: SIGNATURE.to_vec(),
    };
    for (kind, version) in [
        ("hashedrekord", "0.0.1"),
        ("dsse", "0.0.1"),
        ("intoto", "0.0.2"),
    ] {
        let entry = TlogEntry {
            log_index: 0,
            log_id: vec![0; 32],
            kind: kind.to_owned(),
            version: version.to_owned(),
            integrated_time: Some(1),
            inclusion_promise: None,
            inclusion_proof: None,
            canonicalized_body: data.to_vec(),
        };
        let expected = Expected {
            content: &content,
            artifact_sha256: Some([1; 32]),
            verifier_der: b"",
        };
        let _ = check_body(&entry, expected);
    }
}

/// Suite TOML (with inline `[[profile]]` tables).
pub fn suite_toml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Suite::parse(text, "fuzz.toml");
    }
}

/// Profile TOML (`--profiles-file`).
pub fn profile_toml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_profiles_toml(text, "fuzz.toml");
    }
}

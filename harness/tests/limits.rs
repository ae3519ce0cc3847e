//! Resource limits (docs/LIMITS.md): for each, an input just over it is refused with the typed
//! error naming the limit, and an input at it is accepted (or fails later, for another
//! reason). The inputs are pqlab's own bundle, trusted root and timestamp from the committed
//! fuzz seeds (`fuzz/seeds/`), grown to the limit.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use der::{Decode, Encode};
use pqlab_harness::bundle::limits::{
    MAX_BUNDLE_BYTES, MAX_CERTIFICATE_BYTES, MAX_CHAIN_CERTIFICATES, MAX_CHECKPOINT_BYTES,
    MAX_DSSE_SIGNATURES, MAX_PROOF_HASHES, MAX_TIMESTAMP_BYTES, MAX_TIMESTAMP_CERTIFICATES,
    MAX_TIMESTAMPS, MAX_TLOG_ENTRIES, MAX_TRUST_ROOT_ENTRIES, MAX_TRUSTED_ROOT_BYTES,
};
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::bundle::{Bundle, BundleError};
use pqlab_harness::log::bundle::{
    MAX_ENTRY_BUNDLE_BYTES, MAX_ENTRY_SIZE, MAX_HASH_TILE_BYTES, MAX_TILE_WIDTH, TileError,
    decode_bundle, decode_hashes,
};
use pqlab_harness::log::proof::{consistency_proof_len, inclusion_proof_len};
use pqlab_harness::note::{MAX_NOTE_BYTES, MAX_NOTE_TEXT_LINES, MAX_SIGNATURES, Note, NoteError};
use pqlab_harness::pki::PkiError;
use pqlab_harness::pki::verify::{Purpose, check_end_entity_certificate, verify_timestamp};
use pqlab_harness::profile::{
    MAX_PROFILE_FILE_BYTES, MAX_PROFILES, ProfileError, parse_profiles_toml,
};
use pqlab_harness::runner::suite::{DEFAULT_SUITE, MAX_SUITE_BYTES};
use pqlab_harness::runner::{Suite, SuiteError};
use serde_json::{Value, json};

fn seed(rel: &str) -> Vec<u8> {
    let path: PathBuf = pqlab_testdata::repository_root()
        .join("fuzz/seeds")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bundle_json() -> Value {
    serde_json::from_slice(&seed("bundle/sigstore-today-message.json")).unwrap()
}

fn root_json() -> Value {
    serde_json::from_slice(&seed("trusted_root/sigstore-today.json")).unwrap()
}

fn parse(v: &Value) -> Result<Bundle, BundleError> {
    Bundle::parse(&serde_json::to_vec(v).unwrap())
}

/// `json` padded with spaces after its closing brace to exactly `len` bytes.
fn padded(json: &Value, len: usize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(json).unwrap();
    assert!(bytes.len() <= len);
    bytes.resize(len, b' ');
    bytes
}

fn assert_too_many<T: std::fmt::Debug>(r: Result<T, BundleError>, field_end: &str, limit: usize) {
    match r {
        Err(BundleError::TooMany {
            field,
            count,
            limit: l,
        }) => {
            assert!(field.ends_with(field_end), "{field}");
            assert_eq!((count, l), (limit + 1, limit));
        }
        other => panic!("expected TooMany for {field_end}, got {other:?}"),
    }
}

fn assert_too_large<T: std::fmt::Debug>(r: Result<T, BundleError>, what: &str, limit: usize) {
    match r {
        Err(BundleError::TooLarge {
            what: w,
            limit: l,
            size,
        }) => {
            assert_eq!((w, l), (what, limit));
            assert!(size > limit);
        }
        other => panic!("expected TooLarge for {what}, got {other:?}"),
    }
}

#[test]
fn bundle_and_trusted_root_size() {
    let bundle = bundle_json();
    assert!(Bundle::parse(&padded(&bundle, MAX_BUNDLE_BYTES)).is_ok());
    assert_too_large(
        Bundle::parse(&padded(&bundle, MAX_BUNDLE_BYTES + 1)),
        "bundle",
        MAX_BUNDLE_BYTES,
    );
    let root = root_json();
    assert!(TrustedRoot::parse(&padded(&root, MAX_TRUSTED_ROOT_BYTES)).is_ok());
    assert_too_large(
        TrustedRoot::parse(&padded(&root, MAX_TRUSTED_ROOT_BYTES + 1)),
        "trusted root",
        MAX_TRUSTED_ROOT_BYTES,
    );
    eprintln!("limits: bundle {MAX_BUNDLE_BYTES} B, trusted root {MAX_TRUSTED_ROOT_BYTES} B");
}

/// `bundle` with the list at `pointer` holding `n` copies of its first element.
fn with_copies(mut bundle: Value, pointer: &str, n: usize) -> Value {
    let list = bundle.pointer_mut(pointer).unwrap().as_array_mut().unwrap();
    let first = list[0].clone();
    *list = vec![first; n];
    bundle
}

#[test]
fn tlog_entries_timestamps_and_proof_hashes() {
    let cases = [
        (
            "/verificationMaterial/tlogEntries",
            "tlogEntries",
            MAX_TLOG_ENTRIES,
        ),
        (
            "/verificationMaterial/timestampVerificationData/rfc3161Timestamps",
            "rfc3161Timestamps",
            MAX_TIMESTAMPS,
        ),
    ];
    for (pointer, field, limit) in cases {
        assert!(parse(&with_copies(bundle_json(), pointer, limit)).is_ok());
        assert_too_many(
            parse(&with_copies(bundle_json(), pointer, limit + 1)),
            field,
            limit,
        );
    }
    let hashes = |n: usize| {
        let mut b = bundle_json();
        *b.pointer_mut("/verificationMaterial/tlogEntries/0/inclusionProof/hashes")
            .unwrap() = json!(vec![STANDARD.encode([7u8; 32]); n]);
        b
    };
    let at = parse(&hashes(MAX_PROOF_HASHES)).unwrap();
    assert_eq!(
        at.tlog_entries[0]
            .inclusion_proof
            .as_ref()
            .unwrap()
            .hashes
            .len(),
        MAX_PROOF_HASHES
    );
    assert_too_many(
        parse(&hashes(MAX_PROOF_HASHES + 1)),
        "hashes",
        MAX_PROOF_HASHES,
    );
    // The proof of a tree of 2^64 - 1 leaves has 64 hashes (and computing its length does
    // not overflow: the fuzz finding of fuzz/regressions/proofs/).
    assert_eq!(inclusion_proof_len(0, u64::MAX), MAX_PROOF_HASHES);
    assert!(consistency_proof_len(0xff_ffff_ffff, u64::MAX) <= MAX_PROOF_HASHES + 1);
    eprintln!(
        "limits: {MAX_TLOG_ENTRIES} tlog entries, {MAX_TIMESTAMPS} timestamps, \
         {MAX_PROOF_HASHES} proof hashes"
    );
}

#[test]
fn dsse_signatures() {
    let dsse: Value = serde_json::from_slice(&seed("bundle/sigstore-today-dsse.json")).unwrap();
    assert!(
        parse(&with_copies(
            dsse.clone(),
            "/dsseEnvelope/signatures",
            MAX_DSSE_SIGNATURES
        ))
        .is_ok()
    );
    assert_too_many(
        parse(&with_copies(
            dsse,
            "/dsseEnvelope/signatures",
            MAX_DSSE_SIGNATURES + 1,
        )),
        "signatures",
        MAX_DSSE_SIGNATURES,
    );
}

#[test]
fn certificate_chain_length() {
    // A v0.2 bundle carries a chain.
    let chain = |n: usize| {
        let mut b = bundle_json();
        b["mediaType"] = json!("application/vnd.dev.sigstore.bundle+json;version=0.2");
        let material = b["verificationMaterial"].as_object_mut().unwrap();
        let leaf = material.remove("certificate").unwrap();
        material.insert(
            "x509CertificateChain".to_owned(),
            json!({ "certificates": vec![leaf; n] }),
        );
        b
    };
    assert!(parse(&chain(MAX_CHAIN_CERTIFICATES)).is_ok());
    assert_too_many(
        parse(&chain(MAX_CHAIN_CERTIFICATES + 1)),
        "certificates",
        MAX_CHAIN_CERTIFICATES,
    );
    let root = |n: usize| {
        let mut r = root_json();
        let certs = r
            .pointer_mut("/certificateAuthorities/0/certChain/certificates")
            .unwrap();
        let first = certs[0].clone();
        *certs = json!(vec![first; n]);
        TrustedRoot::parse(&serde_json::to_vec(&r).unwrap())
    };
    assert!(root(MAX_CHAIN_CERTIFICATES).is_ok());
    assert_too_many(
        root(MAX_CHAIN_CERTIFICATES + 1),
        "certificates",
        MAX_CHAIN_CERTIFICATES,
    );
}

#[test]
fn trusted_root_entries() {
    for list in [
        "tlogs",
        "certificateAuthorities",
        "ctlogs",
        "timestampAuthorities",
    ] {
        let root = |n: usize| {
            let mut r = root_json();
            let items = r[list].as_array_mut().unwrap();
            let first = items[0].clone();
            *items = vec![first; n];
            TrustedRoot::parse(&serde_json::to_vec(&r).unwrap())
        };
        assert!(root(MAX_TRUST_ROOT_ENTRIES).is_ok(), "{list}");
        assert_too_many(
            root(MAX_TRUST_ROOT_ENTRIES + 1),
            list,
            MAX_TRUST_ROOT_ENTRIES,
        );
    }
}

#[test]
fn certificate_and_timestamp_sizes() {
    let sized = |pointer: &str, len: usize| {
        let mut b = bundle_json();
        *b.pointer_mut(pointer).unwrap() = json!(STANDARD.encode(vec![0x30u8; len]));
        parse(&b)
    };
    let cert = "/verificationMaterial/certificate/rawBytes";
    assert!(sized(cert, MAX_CERTIFICATE_BYTES).is_ok());
    assert_too_large(
        sized(cert, MAX_CERTIFICATE_BYTES + 1),
        "certificate",
        MAX_CERTIFICATE_BYTES,
    );
    let ts = "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp";
    assert!(sized(ts, MAX_TIMESTAMP_BYTES).is_ok());
    assert_too_large(
        sized(ts, MAX_TIMESTAMP_BYTES + 1),
        "RFC 3161 timestamp",
        MAX_TIMESTAMP_BYTES,
    );
    let envelope = |len: usize| {
        let mut b = bundle_json();
        *b.pointer_mut("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint/envelope")
            .unwrap() = json!("a".repeat(len));
        parse(&b)
    };
    assert!(envelope(MAX_CHECKPOINT_BYTES).is_ok());
    assert_too_large(
        envelope(MAX_CHECKPOINT_BYTES + 1),
        "checkpoint envelope",
        MAX_CHECKPOINT_BYTES,
    );

    // The PKI decoders refuse oversized DER before decoding it; at the limit the DER is
    // decoded (and is malformed).
    match check_end_entity_certificate(&vec![0x30; MAX_CERTIFICATE_BYTES + 1], Purpose::CodeSigning)
    {
        Err(PkiError::TooLarge { what, limit, .. }) => {
            assert_eq!((what, limit), ("certificate", MAX_CERTIFICATE_BYTES));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(matches!(
        check_end_entity_certificate(&vec![0x30; MAX_CERTIFICATE_BYTES], Purpose::CodeSigning),
        Err(PkiError::Der { .. })
    ));
    match verify_timestamp(&vec![0x30; MAX_TIMESTAMP_BYTES + 1], b"x", &[], &[]) {
        Err(PkiError::TooLarge { what, limit, .. }) => {
            assert_eq!((what, limit), ("TimeStampResp", MAX_TIMESTAMP_BYTES));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(matches!(
        verify_timestamp(&vec![0x30; MAX_TIMESTAMP_BYTES], b"x", &[], &[]),
        Err(PkiError::Der { .. })
    ));
}

/// The outer `TimeStampResp` (RFC 3161 §2.4.2), to rewrite its token's certificates.
#[derive(der::Sequence)]
struct TimeStampResp {
    status: der::Any,
    token: Option<cms::content_info::ContentInfo>,
}

/// pqlab's timestamp with its token's `certificates` set to `n` distinct certificates (the
/// signer's first), and the signature it covers.
fn timestamp_with_certificates(n: usize) -> (Vec<u8>, Vec<u8>) {
    let bundle = Bundle::parse(&seed("bundle/sigstore-today-message.json")).unwrap();
    let resp = TimeStampResp::from_der(&bundle.timestamps[0]).unwrap();
    let mut token = resp.token.unwrap();
    let mut sd: cms::signed_data::SignedData = token.content.decode_as().unwrap();
    let mut set = sd.certificates.take().unwrap();
    let mut pool = Vec::new();
    for entry in
        std::fs::read_dir(pqlab_testdata::repository_root().join("fuzz/seeds/x509")).unwrap()
    {
        let der = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(cert) = x509_cert::Certificate::from_der(&der) {
            pool.push(cert);
        }
    }
    for cert in pool {
        if set.0.len() >= n {
            break;
        }
        let _ = set
            .0
            .insert(cms::cert::CertificateChoices::Certificate(cert));
    }
    assert_eq!(set.0.len(), n, "enough distinct seed certificates");
    sd.certificates = Some(set);
    token.content = der::Any::encode_from(&sd).unwrap();
    let resp = TimeStampResp {
        status: resp.status,
        token: Some(token),
    };
    let signature = bundle.signature_bytes().unwrap().to_vec();
    (resp.to_der().unwrap(), signature)
}

#[test]
fn timestamp_token_certificates() {
    let root = TrustedRoot::parse(&seed("trusted_root/sigstore-today.json")).unwrap();
    let (anchor, rest) = root.timestamp_authorities[0].chain.split_last().unwrap();
    let anchors = std::slice::from_ref(anchor);
    let (at, signature) = timestamp_with_certificates(MAX_TIMESTAMP_CERTIFICATES);
    // At the limit the token still verifies: certificates are not signed.
    verify_timestamp(&at, &signature, rest, anchors).unwrap();
    let (over, signature) = timestamp_with_certificates(MAX_TIMESTAMP_CERTIFICATES + 1);
    match verify_timestamp(&over, &signature, rest, anchors) {
        Err(PkiError::TooMany { count, limit, .. }) => {
            assert_eq!(
                (count, limit),
                (MAX_TIMESTAMP_CERTIFICATES + 1, MAX_TIMESTAMP_CERTIFICATES)
            );
        }
        other => panic!("expected TooMany, got {other:?}"),
    }
}

/// A note of exactly `len` bytes with `text_lines` lines of text and `sigs` signature lines.
fn note(len: usize, text_lines: usize, sigs: usize) -> String {
    let sig = format!("\u{2014} key {}\n", STANDARD.encode([1u8; 40]));
    let fixed = text_lines + 1 + sig.len() * sigs;
    let mut text = "a\n".repeat(text_lines - 1);
    text.push_str(&"b".repeat(len - fixed - (text_lines - 1)));
    text.push('\n');
    let mut out = text;
    out.push('\n');
    out.push_str(&sig.repeat(sigs));
    assert_eq!(out.len(), len);
    out
}

#[test]
fn note_size_lines_and_signatures() {
    Note::parse(&note(MAX_NOTE_BYTES, 3, 1)).unwrap();
    assert!(matches!(
        Note::parse(&note(MAX_NOTE_BYTES + 1, 3, 1)),
        Err(NoteError::TooLarge {
            limit: MAX_NOTE_BYTES,
            ..
        })
    ));
    assert!(matches!(
        Note::parse_bytes(note(MAX_NOTE_BYTES + 1, 3, 1).as_bytes()),
        Err(NoteError::TooLarge {
            limit: MAX_NOTE_BYTES,
            ..
        })
    ));
    Note::parse(&note(10_000, MAX_NOTE_TEXT_LINES, 1)).unwrap();
    assert!(matches!(
        Note::parse(&note(10_000, MAX_NOTE_TEXT_LINES + 1, 1)),
        Err(NoteError::TooManyLines { count, limit: MAX_NOTE_TEXT_LINES }) if count == MAX_NOTE_TEXT_LINES + 1
    ));
    assert_eq!(
        Note::parse(&note(20_000, 3, MAX_SIGNATURES))
            .unwrap()
            .signatures
            .len(),
        MAX_SIGNATURES
    );
    assert!(matches!(
        Note::parse(&note(20_000, 3, MAX_SIGNATURES + 1)),
        Err(NoteError::TooManySignatures {
            max: MAX_SIGNATURES,
            ..
        })
    ));

    // The bundle verifier's checkpoint check: over the limits it names them; at them it
    // fails later (no line of the log key).
    let root = TrustedRoot::parse(&seed("trusted_root/sigstore-today.json")).unwrap();
    let log = &root.tlogs[0];
    let check = |n: &str| {
        pqlab_harness::verify::checkpoint::verify(
            n,
            log,
            &[],
            pqlab_harness::verify::checkpoint::OriginRule::Exact,
            None,
        )
        .unwrap_err()
        .detail
    };
    assert!(check(&note(MAX_NOTE_BYTES + 1, 3, 1)).contains("exceeds the limit"));
    assert!(check(&note(20_000, 3, MAX_SIGNATURES + 1)).contains("at most 100 accepted"));
    assert!(check(&note(20_000, 3, MAX_SIGNATURES)).contains("no signature by the log key"));
    assert!(check(&note(MAX_NOTE_BYTES, 3, 1)).contains("no signature by the log key"));
    eprintln!(
        "limits: note {MAX_NOTE_BYTES} B, {MAX_NOTE_TEXT_LINES} text lines, \
         {MAX_SIGNATURES} signatures"
    );
}

#[test]
fn tile_width_and_sizes() {
    let hashes = vec![9u8; MAX_HASH_TILE_BYTES];
    assert_eq!(
        decode_hashes("t", &hashes, MAX_TILE_WIDTH).unwrap().len(),
        MAX_TILE_WIDTH
    );
    for width in [0, MAX_TILE_WIDTH + 1] {
        assert!(matches!(
            decode_hashes("t", &[], width),
            Err(TileError::Width { width: w, .. }) if w == width
        ));
        assert!(matches!(
            decode_bundle("t", &[], width),
            Err(TileError::Width { width: w, .. }) if w == width
        ));
    }
    // One entry of the largest size, then one byte more.
    let mut bundle = u16::MAX.to_be_bytes().to_vec();
    bundle.resize(2 + MAX_ENTRY_SIZE, 1);
    assert_eq!(
        decode_bundle("t", &bundle, 1).unwrap()[0].len(),
        MAX_ENTRY_SIZE
    );
    bundle.push(0);
    assert!(matches!(
        decode_bundle("t", &bundle, 1),
        Err(TileError::BundleTooLarge { limit, .. }) if limit == 2 + MAX_ENTRY_SIZE
    ));
    // A full bundle at the limit parses; a byte more is refused before it is split.
    let mut full = Vec::with_capacity(MAX_ENTRY_BUNDLE_BYTES + 1);
    for _ in 0..MAX_TILE_WIDTH {
        full.extend_from_slice(&u16::MAX.to_be_bytes());
        full.resize(full.len() + MAX_ENTRY_SIZE, 2);
    }
    assert_eq!(full.len(), MAX_ENTRY_BUNDLE_BYTES);
    assert_eq!(
        decode_bundle("t", &full, MAX_TILE_WIDTH).unwrap().len(),
        MAX_TILE_WIDTH
    );
    full.push(0);
    assert!(matches!(
        decode_bundle("t", &full, MAX_TILE_WIDTH),
        Err(TileError::BundleTooLarge {
            limit: MAX_ENTRY_BUNDLE_BYTES,
            ..
        })
    ));
}

#[test]
fn suite_and_profile_files() {
    let pad = |source: &str, len: usize| {
        let mut s = source.to_owned();
        s.push('#');
        s.push_str(&"x".repeat(len - s.len()));
        s
    };
    Suite::parse(&pad(DEFAULT_SUITE, MAX_SUITE_BYTES), "s.toml").unwrap();
    assert!(matches!(
        Suite::parse(&pad(DEFAULT_SUITE, MAX_SUITE_BYTES + 1), "s.toml"),
        Err(SuiteError::TooLarge {
            limit: MAX_SUITE_BYTES,
            ..
        })
    ));
    let profile = "[[profile]]\nname = \"p\"\nleaf = \"ml-dsa-44\"\n";
    parse_profiles_toml(&pad(profile, MAX_PROFILE_FILE_BYTES), "p.toml").unwrap();
    assert!(matches!(
        parse_profiles_toml(&pad(profile, MAX_PROFILE_FILE_BYTES + 1), "p.toml"),
        Err(ProfileError::TooLarge {
            limit: MAX_PROFILE_FILE_BYTES,
            ..
        })
    ));
    let many = |n: usize| {
        (0..n)
            .map(|i| format!("[[profile]]\nname = \"p{i}\"\n"))
            .collect::<String>()
    };
    assert_eq!(
        parse_profiles_toml(&many(MAX_PROFILES), "p.toml")
            .unwrap()
            .len(),
        MAX_PROFILES
    );
    assert!(matches!(
        parse_profiles_toml(&many(MAX_PROFILES + 1), "p.toml"),
        Err(ProfileError::TooLarge { count, limit: MAX_PROFILES, .. }) if count == MAX_PROFILES + 1
    ));
    eprintln!(
        "limits: suite {MAX_SUITE_BYTES} B, profile file {MAX_PROFILE_FILE_BYTES} B, \
         {MAX_PROFILES} profiles"
    );
}

#[test]
fn log_objects_on_disk() {
    use pqlab_harness::log::storage::{FsStorage, LogStorage, MAX_OBJECT_BYTES, StorageError};
    let dir = tempfile::tempdir().unwrap();
    let storage = FsStorage::open_read_only(dir.path());
    std::fs::create_dir_all(dir.path().join("tile/entries")).unwrap();
    std::fs::write(
        dir.path().join("tile/entries/000"),
        vec![1u8; MAX_OBJECT_BYTES],
    )
    .unwrap();
    assert_eq!(
        storage.read("tile/entries/000").unwrap().unwrap().len(),
        MAX_OBJECT_BYTES
    );
    std::fs::write(
        dir.path().join("tile/entries/001"),
        vec![1u8; MAX_OBJECT_BYTES + 1],
    )
    .unwrap();
    assert!(matches!(
        storage.read("tile/entries/001"),
        Err(StorageError::TooLarge {
            limit: MAX_OBJECT_BYTES,
            ..
        })
    ));
    eprintln!("limits: log object {MAX_OBJECT_BYTES} B");
}

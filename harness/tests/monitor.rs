//! The monitor (issue 8 item 3): forks and rollbacks raise alarms with both checkpoints, the
//! state resumes after an interrupted run, a corrupt state file is reported and kept, matches
//! in both entry shapes, and exact egress byte counts for a known small log.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a test failure"
)]

#[path = "support/monitor_logs.rs"]
mod monitor_logs;

use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use monitor_logs::{ORIGIN, append, copy_dir, forked, init};
use pqlab_harness::log::authority::PublishedKeys;
use pqlab_harness::log::dir;
use pqlab_harness::monitor::fetch::{DirFetcher, FetchError, TileFetcher};
use pqlab_harness::monitor::keys::{TrustedRootKeys, from_vkeys};
use pqlab_harness::monitor::matcher::{Matcher, literal_of};
use pqlab_harness::monitor::state::{MonitorState, StateError};
use pqlab_harness::monitor::{self, AlarmKind, MonitorError, Options, Report, Start};

fn no_match() -> Matcher {
    Matcher::new::<&str>(&[], &[], &[]).unwrap()
}

fn run(
    log: &Path,
    keys: &PublishedKeys,
    state: &Path,
    start: Start,
) -> Result<Report, MonitorError> {
    monitor::run(
        DirFetcher::new(log),
        keys,
        state,
        Options {
            start,
            verify_entries: false,
        },
        &no_match(),
        |_| {},
    )
}

fn alarm(result: Result<Report, MonitorError>) -> Box<monitor::Alarm> {
    match result {
        Err(MonitorError::Alarm(a)) => a,
        other => panic!("expected an alarm, got {other:?}"),
    }
}

#[test]
fn forked_log_same_size_raises_alarm_with_both_checkpoints() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, vkey) = forked(tmp.path(), 10, 5, 5);
    let keys = from_vkeys(&[vkey]).unwrap();
    let state = tmp.path().join("state.json");
    let first = run(&a, &keys, &state, Start::TrustOnFirstUse).unwrap();
    assert_eq!(first.current.size, 15);
    let saved = std::fs::read(&state).unwrap();
    let alarm = alarm(run(&b, &keys, &state, Start::TrustOnFirstUse));
    assert_eq!(alarm.kind, AlarmKind::SameSizeDifferentRoot);
    assert_eq!(
        alarm.stored,
        std::fs::read_to_string(a.join("checkpoint")).unwrap()
    );
    assert_eq!(
        alarm.current,
        std::fs::read_to_string(b.join("checkpoint")).unwrap()
    );
    assert_eq!((alarm.stored_body.size, alarm.current_body.size), (15, 15));
    assert_ne!(alarm.stored_body.root, alarm.current_body.root);
    assert_eq!(
        std::fs::read(&state).unwrap(),
        saved,
        "an alarm leaves the state unchanged"
    );
}

#[test]
fn forked_log_larger_is_inconsistent() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, vkey) = forked(tmp.path(), 300, 7, 250);
    let keys = from_vkeys(&[vkey]).unwrap();
    let state = tmp.path().join("state.json");
    run(&a, &keys, &state, Start::TrustOnFirstUse).unwrap();
    let alarm = alarm(run(&b, &keys, &state, Start::TrustOnFirstUse));
    assert_eq!(alarm.kind, AlarmKind::Inconsistent);
    assert_eq!(
        (alarm.stored_body.size, alarm.current_body.size),
        (307, 550)
    );
    // The common prefix is consistent with either branch.
    let state2 = tmp.path().join("state2.json");
    let c = tmp.path().join("c");
    copy_dir(&b, &c);
    std::fs::remove_file(&state2).ok();
    // A monitor that stopped at 300 accepts b (it extends the shared 300 entries).
    let prefix = tmp.path().join("prefix");
    init_copy_at(&a, &prefix, 300);
    run(&prefix, &keys, &state2, Start::TrustOnFirstUse).unwrap();
    let ok = run(&c, &keys, &state2, Start::TrustOnFirstUse).unwrap();
    assert_eq!((ok.previous.unwrap().size, ok.current.size), (300, 550));
}

/// A log at an earlier size: a fresh copy grown with the same tag-1 entries.
fn init_copy_at(template: &Path, to: &Path, size: u64) {
    // The copy keeps the key; rebuild from the entries of `template` up to `size`.
    copy_dir(template, to);
    for e in std::fs::read_dir(to).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap() != ".pqlab" {
            if p.is_dir() {
                std::fs::remove_dir_all(&p).unwrap();
            } else {
                std::fs::remove_file(&p).unwrap();
            }
        }
    }
    let original = dir::open(template).unwrap();
    let entries: Vec<Vec<u8>> = (0..size).map(|i| original.entry(i).unwrap()).collect();
    let storage = pqlab_harness::log::storage::FsStorage::open(to).unwrap();
    let authority = original.authority().clone();
    let mut log = pqlab_harness::log::Log::create(storage, authority).unwrap();
    log.append_batch(&entries).unwrap();
}

#[test]
fn rolled_back_log_raises_alarm() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, old) = (tmp.path().join("a"), tmp.path().join("old"));
    let vkey = init(&a);
    append(&a, 1, 20);
    copy_dir(&a, &old);
    append(&a, 1, 20);
    let keys = from_vkeys(&[vkey]).unwrap();
    let state = tmp.path().join("state.json");
    run(&a, &keys, &state, Start::TrustOnFirstUse).unwrap();
    let alarm = alarm(run(&old, &keys, &state, Start::TrustOnFirstUse));
    assert_eq!(alarm.kind, AlarmKind::Rollback);
    assert_eq!((alarm.stored_body.size, alarm.current_body.size), (40, 20));
    assert!(alarm.current.starts_with(&format!("{ORIGIN}\n20\n")));
}

/// Fails every fetch after `allowed` successful ones (a monitor that dies mid-scan).
struct DiesAfter {
    inner: DirFetcher,
    allowed: usize,
}

impl TileFetcher for DiesAfter {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError> {
        if self.allowed == 0 {
            return Err(FetchError::NotFound(format!("{name} (simulated crash)")));
        }
        self.allowed -= 1;
        self.inner.fetch(name)
    }
}

#[test]
fn interrupted_run_resumes_from_saved_state() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let keys = from_vkeys(&[vkey]).unwrap();
    append(&log, 1, 5);
    let state = tmp.path().join("state.json");
    run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    append(&log, 1, 1000);
    let mut runs = 0;
    let mut scanned = Vec::new();
    // Each attempt dies after a few fetches; the saved state moves on bundle by bundle.
    for allowed in [1, 2, 3, 4, 4, 10] {
        runs += 1;
        let fetcher = DiesAfter {
            inner: DirFetcher::new(&log),
            allowed,
        };
        let result = monitor::run(
            fetcher,
            &keys,
            &state,
            Options::default(),
            &no_match(),
            |b| {
                scanned.push(b.entries.clone());
            },
        );
        let after = MonitorState::load(&state, &keys).unwrap().unwrap();
        match result {
            Ok(report) => {
                assert_eq!(report.current.size, 1005);
                assert_eq!(after.next_index, 1005);
                break;
            }
            Err(MonitorError::Fetch(_)) => assert!(after.next_index <= 1005),
            Err(e) => panic!("{e}"),
        }
    }
    // Every entry from 5 to 1005 was scanned, in order, none skipped (repeats allowed).
    let mut next = 5;
    for r in &scanned {
        assert!(r.start <= next, "gap before {r:?}");
        next = next.max(r.end);
    }
    assert_eq!(next, 1005);
    eprintln!(
        "resumed over {runs} interrupted runs, {} bundle scans",
        scanned.len()
    );
}

#[test]
fn corrupt_state_is_reported_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let keys = from_vkeys(std::slice::from_ref(&vkey)).unwrap();
    append(&log, 1, 3);
    let state = tmp.path().join("state.json");
    run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    let good = std::fs::read_to_string(&state).unwrap();
    let other_root = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("truncated", good[..good.len() / 2].to_owned()),
        ("not json", "hello".to_owned()),
        (
            "format",
            good.replace("pqlab.monitor-state/1", "pqlab.monitor-state/9"),
        ),
        (
            "next beyond size",
            good.replace("\"nextIndex\": 3", "\"nextIndex\": 4"),
        ),
        (
            "tree size",
            good.replace("\"treeSize\": 3", "\"treeSize\": 2"),
        ),
        (
            "root",
            good.replacen(
                &format!(
                    "\"rootHash\": \"{}",
                    &good.split("\"rootHash\": \"").nth(1).unwrap()[..44]
                ),
                &format!("\"rootHash\": \"{other_root}"),
                1,
            ),
        ),
        (
            "signature",
            good.replacen(
                "\\n\\n— example.com/mon ",
                "\\n\\n— example.com/mon AAAA",
                1,
            ),
        ),
        ("unknown field", good.replacen('{', "{\"extra\": 1,", 1)),
    ];
    for (what, text) in &cases {
        assert_ne!(text, &good, "{what}: the case must change the file");
        std::fs::write(&state, text).unwrap();
        let err = run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap_err();
        match (what, &err) {
            (&"signature", MonitorError::State(StateError::CheckpointSignature { .. }))
            | (_, MonitorError::State(StateError::Corrupt { .. })) => {}
            _ => panic!("{what}: unexpected {err:?}"),
        }
        assert_eq!(
            &std::fs::read_to_string(&state).unwrap(),
            text,
            "{what}: replaced"
        );
    }
    // Another log's state.
    let other = tmp.path().join("other");
    let other_vkey = {
        dir::init(
            &other,
            &dir::InitOptions {
                origin: "example.com/other".to_owned(),
                checkpoint_alg: "ed25519".to_owned(),
                witnesses: 0,
                witness_alg: "ed25519".to_owned(),
            },
        )
        .unwrap()
        .log_vkey
    };
    std::fs::write(&state, &good).unwrap();
    let other_keys = from_vkeys(&[other_vkey]).unwrap();
    let err = run(&other, &other_keys, &state, Start::TrustOnFirstUse).unwrap_err();
    assert!(
        matches!(err, MonitorError::State(StateError::OtherLog { .. })),
        "{err:?}"
    );
    eprintln!("{} corrupt state files reported", cases.len() + 1);
}

#[test]
fn egress_is_exact_for_a_small_log() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let keys = from_vkeys(&[vkey]).unwrap();
    append(&log, 1, 10);
    let state = tmp.path().join("state.json");
    // A signed Ed25519 checkpoint of this origin: origin line (16), size line, root line
    // (45), blank line, "— " (4) + origin (15) + " " + base64(4 + 64 bytes) (92) + "\n".
    let checkpoint_bytes =
        |size: u64| 16 + size.to_string().len() as u64 + 1 + 45 + 1 + 4 + 15 + 1 + 92 + 1;
    assert_eq!(
        std::fs::metadata(log.join("checkpoint")).unwrap().len(),
        checkpoint_bytes(10)
    );
    let first = run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    assert_eq!(first.egress.total(), checkpoint_bytes(10));
    assert_eq!(first.egress.requests, 1);

    append(&log, 1, 290);
    let second = run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    let e = &second.egress;
    // Consistency 10 -> 300 needs nodes inside the full level-0 tile 0 and the partial
    // level-0 tile 1 of width 300 - 256 = 44; entries 10..300 lie in entry bundle 0 (full:
    // 256 entries of 2 + 100 bytes) and entry bundle 1 (partial, 44 entries).
    assert_eq!(e.checkpoint_bytes, checkpoint_bytes(300));
    assert_eq!(e.tile_bytes, vec![256 * 32 + 44 * 32]);
    assert_eq!(e.entry_bundle_bytes, 256 * 102 + 44 * 102);
    assert_eq!(e.requests, 5);
    assert_eq!(e.total(), 179 + 9600 + 30600);
    // RFC 9162 §2.1.4: 10 = 2·5, so the proof is that of node 4 (of 150 at height 1): 8
    // inner hashes, no border hashes, plus the old subtree itself (10 is not a power of 2).
    assert_eq!(second.proof_hashes, 9);
    assert_eq!(second.scanned, 10..300);

    // Unchanged log: the checkpoint only.
    let third = run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    assert_eq!(third.egress.total(), checkpoint_bytes(300));

    append(&log, 1, 700);
    let fourth = run(&log, &keys, &state, Start::TrustOnFirstUse).unwrap();
    // 300 -> 1000: the proof needs MTH(0..256) and MTH(512..768) (level-1 hashes 0 and 2,
    // in the partial level-1 tile of width ⌊1000/256⌋ = 3), nodes inside 256..512 (level-0
    // tile 1, full) and inside 768..1000 (level-0 tile 3, partial, 232 hashes); level-0
    // tile 2 is never fetched. Entry bundles 1 (from 300), 2 (full), 3 (partial 232).
    let e = &fourth.egress;
    assert_eq!(e.tile_bytes, vec![256 * 32 + 232 * 32, 3 * 32]);
    assert_eq!(e.requests, 1 + 3 + 3);
    assert_eq!(e.entry_bundle_bytes, (256 + 256 + 232) * 102);
    assert_eq!(e.checkpoint_bytes, checkpoint_bytes(1000));
    eprintln!("4 monitor runs with exact egress");
}

#[test]
fn literal_patterns() {
    assert_eq!(
        literal_of(r"^alice@example\.com$").as_deref(),
        Some("alice@example.com")
    );
    assert_eq!(literal_of("bob").as_deref(), Some("bob"));
    assert_eq!(
        literal_of(r"^https://token\.actions\.githubusercontent\.com$").as_deref(),
        Some("https://token.actions.githubusercontent.com")
    );
    assert_eq!(literal_of(r".*@example\.com"), None);
    assert_eq!(
        literal_of("alice@example.com"),
        None,
        "an unescaped dot is a metacharacter"
    );
}

#[test]
fn matches_in_both_entry_shapes() {
    use pqlab_harness::pipeline::Instance;
    use pqlab_harness::pki::OidcIdentity;
    use pqlab_harness::profile;
    let now = UNIX_EPOCH + Duration::from_secs(1_795_737_600);
    let profiles = profile::built_in();
    let runs = std::cell::Cell::new(0u32);
    for (name, shape) in [
        ("sigstore-today", "hashedrekord-0.0.2"),
        ("hash-only-today", "identity-v1"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let p = profile::find(&profiles, name).unwrap();
        let instance = Instance::create(tmp.path(), p, 7, now).unwrap();
        let alice = OidcIdentity::email("alice@example.com", "https://oidc.example");
        let bob = OidcIdentity::email("bob@example.com", "https://oidc.example");
        let carol = OidcIdentity::email("carol@example.com", "https://other.example");
        let mut cert_of_alice = None;
        for who in [&bob, &alice, &carol, &bob, &alice] {
            let out = instance
                .sign(b"artifact", "a.txt", who, false, now)
                .unwrap();
            if who == &alice
                && let pqlab_harness::bundle::model::Material::Certificate(der) =
                    &out.bundle.material
            {
                cert_of_alice = Some(der.clone());
            }
        }
        let root = pqlab_harness::bundle::trusted_root::TrustedRoot::parse(
            &std::fs::read(instance.trusted_root_path()).unwrap(),
        )
        .unwrap();
        let keys = TrustedRootKeys::new(&root, None).unwrap();
        let log = tmp.path().join("log");
        let scan = |matcher: &Matcher| {
            runs.set(runs.get() + 1);
            let state = tmp.path().join(format!("state-{}.json", runs.get()));
            monitor::run(
                DirFetcher::new(&log),
                &keys,
                &state,
                Options {
                    start: Start::FromIndex(0),
                    verify_entries: false,
                },
                matcher,
                |_| {},
            )
            .unwrap()
        };
        let indices = |r: &Report| r.matches.iter().map(|m| m.index).collect::<Vec<_>>();

        let by_identity = scan(&Matcher::new(&[r"^alice@example\.com$"], &[], &[]).unwrap());
        assert_eq!(indices(&by_identity), vec![1, 4], "{name}");
        assert!(
            by_identity.failed.is_empty(),
            "{name}: {:?}",
            by_identity.failed
        );
        assert!(by_identity.matches.iter().all(|m| m.shape == shape));
        assert_eq!(
            by_identity.matches[0].identity.as_deref(),
            Some("alice@example.com")
        );

        let by_issuer = scan(&Matcher::new(&[], &["^https://other\\.example$"], &[]).unwrap());
        assert_eq!(indices(&by_issuer), vec![2], "{name}");
        assert_eq!(
            by_issuer.matches[0].issuer.as_deref(),
            Some("https://other.example")
        );

        let both = scan(
            &Matcher::new(&["^bob@example\\.com$"], &["^https://oidc\\.example$"], &[]).unwrap(),
        );
        assert_eq!(indices(&both), vec![0, 3], "{name}");

        let wrong_issuer = scan(
            &Matcher::new(
                &["^bob@example\\.com$"],
                &["^https://other\\.example$"],
                &[],
            )
            .unwrap(),
        );
        assert!(wrong_issuer.matches.is_empty(), "{name}");

        let regex = scan(&Matcher::new(&[".*@example\\.com"], &[], &[]).unwrap());
        match shape {
            // A regex is evaluated on certificates ...
            "hashedrekord-0.0.2" => assert_eq!(indices(&regex), vec![0, 1, 2, 3, 4]),
            // ... but a hash-only leaf can only be tested against literals.
            _ => assert!(regex.matches.is_empty()),
        }

        if shape == "hashedrekord-0.0.2" {
            use sha2::Digest;
            let fp = hex::encode(sha2::Sha256::digest(cert_of_alice.unwrap()));
            let by_fp = scan(&Matcher::new(&[], &[], &[fp.as_str()]).unwrap());
            assert_eq!(indices(&by_fp), vec![4], "the last alice certificate only");
            assert_eq!(by_fp.matches[0].fingerprint.as_deref(), Some(fp.as_str()));
        }
    }
    eprintln!("{} matcher scans over both entry shapes", runs.get());
}

#[test]
fn verified_entries_cost_the_tiles_and_catch_a_doctored_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("log");
    let vkey = init(&log);
    let keys = from_vkeys(&[vkey]).unwrap();
    append(&log, 1, 10);
    let verify = Options {
        start: Start::TrustOnFirstUse,
        verify_entries: true,
    };
    let state = tmp.path().join("state.json");
    let run_verified = |state: &Path| {
        monitor::run(
            DirFetcher::new(&log),
            &keys,
            state,
            verify,
            &no_match(),
            |_| {},
        )
    };
    run_verified(&state).unwrap();
    append(&log, 1, 290);
    let copy = tmp.path().join("copy.json");
    std::fs::copy(&state, &copy).unwrap();
    let report = run_verified(&state).unwrap();
    // As without verification (level-0 tiles 0 and 1.p/44, fetched once), plus MTH(0..256)
    // for the entries of 256..300: the partial level-1 tile of width 1.
    assert_eq!(report.egress.tile_bytes, vec![256 * 32 + 44 * 32, 32]);
    assert_eq!(
        report.egress.entry_bundle_bytes,
        300 * 102 - 10 * 102 + 10 * 102
    );
    assert_eq!(report.egress.requests, 6);

    // A bundle whose entry 20 was altered (same length): verification names the entry and the
    // state stays before that bundle; without verification the scan cannot tell.
    let bundle = log.join("tile/entries/000");
    let mut bytes = std::fs::read(&bundle).unwrap();
    bytes[20 * 102 + 2 + 50] ^= 1;
    std::fs::write(&bundle, &bytes).unwrap();
    let err = run_verified(&copy).unwrap_err();
    assert!(
        matches!(err, MonitorError::EntryNotInTree { index: 20 }),
        "{err:?}"
    );
    let after = MonitorState::load(&copy, &keys).unwrap().unwrap();
    assert_eq!((after.size(), after.next_index), (300, 10));
    let unverified = run(&log, &keys, &copy, Start::TrustOnFirstUse).unwrap();
    assert_eq!(unverified.scanned, 10..300);
}

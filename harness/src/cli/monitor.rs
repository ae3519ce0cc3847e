//! `pqlab monitor`: follow a Rekor v2 tile log like rekor-monitor (see
//! `pqlab_harness::monitor`): verify the current checkpoint and its consistency with the
//! stored one from tiles, scan new entries for identities, save the state atomically.
//! Exit status 0 when the log is consistent, 1 on an alarm (rollback or fork), 2 on errors
//! (including a corrupt state file).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::{Args as ClapArgs, ValueEnum};
use pqlab_harness::bundle::trusted_root::TrustedRoot;
use pqlab_harness::log::CheckpointAuthority;
use pqlab_harness::log::checkpoint::CheckpointBody;
use pqlab_harness::monitor::fetch::{DirFetcher, Egress};
use pqlab_harness::monitor::keys::{TrustedRootKeys, from_vkeys};
use pqlab_harness::monitor::matcher::{Match, Matcher};
use pqlab_harness::monitor::{self, Alarm, MonitorError, Options, Report, Start};
use pqlab_harness::pipeline::{LOG_DIR, TRUSTED_ROOT_PATH};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Lines for people.
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `pqlab monitor`.
#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    /// The log directory as a static server serves it (holds `checkpoint` and `tile/`).
    #[arg(long, required_unless_present = "instance")]
    log: Option<PathBuf>,
    /// A `pqlab sign` state directory: the log is DIR/log, the keys DIR/trusted_root.json.
    #[arg(long, conflicts_with = "log")]
    instance: Option<PathBuf>,
    /// The monitor's state file (last verified checkpoint, next entry to scan). Created on
    /// the first run; a corrupt one is reported, never replaced.
    #[arg(long)]
    state: PathBuf,
    /// A trusted_root.json whose tlogs hold the log's checkpoint key(s); every key of the
    /// log's origin must sign.
    #[arg(long, conflicts_with = "vkey")]
    trusted_root: Option<PathBuf>,
    /// The log's C2SP verifier key (`name+id+key`, as `pqlab log init` prints it);
    /// repeatable.
    #[arg(long)]
    vkey: Vec<String>,
    /// The log's origin, when the trusted root lists several logs.
    #[arg(long)]
    origin: Option<String>,
    /// Report entries whose certificate SAN matches this regex (repeatable). Hash-only
    /// identity leaves match only plain literals (e.g. `^alice@example\.com$`).
    #[arg(long)]
    identity: Vec<String>,
    /// ... and whose OIDC issuer matches this regex (repeatable).
    #[arg(long)]
    issuer: Vec<String>,
    /// Report entries whose certificate (or public key) DER has this hex SHA-256
    /// (repeatable).
    #[arg(long)]
    fingerprint: Vec<String>,
    /// First run only: scan from this entry index (default: trust the current checkpoint
    /// and scan nothing, as rekor-monitor does).
    #[arg(long)]
    start_index: Option<u64>,
    /// Prove every scanned entry included in the signed tree from the hash tiles (about 32
    /// more bytes fetched per entry); without it entries are read from entry bundles only,
    /// as rekor-monitor does.
    #[arg(long)]
    verify_entries: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

fn keys(args: &Args) -> anyhow::Result<Box<dyn CheckpointAuthority>> {
    if !args.vkey.is_empty() {
        return Ok(Box::new(from_vkeys(&args.vkey)?));
    }
    let path = match (&args.trusted_root, &args.instance) {
        (Some(p), _) => p.clone(),
        (None, Some(dir)) => dir.join(TRUSTED_ROOT_PATH),
        (None, None) => {
            bail!("give the log's key: --trusted-root FILE, --vkey KEY or --instance DIR")
        }
    };
    let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
    let root = TrustedRoot::parse(&bytes).with_context(|| format!("parse {}", path.display()))?;
    Ok(Box::new(TrustedRootKeys::new(
        &root,
        args.origin.as_deref(),
    )?))
}

fn checkpoint_json(note: &str, body: &CheckpointBody) -> serde_json::Value {
    serde_json::json!({
        "origin": body.origin,
        "treeSize": body.size,
        "rootHash": STANDARD.encode(body.root),
        "checkpoint": note,
    })
}

fn egress_json(e: &Egress) -> serde_json::Value {
    serde_json::json!({
        "total": e.total(),
        "checkpoint": e.checkpoint_bytes,
        "tilesByLevel": e.tile_bytes,
        "entryBundles": e.entry_bundle_bytes,
        "requests": e.requests,
    })
}

fn egress_text(e: &Egress) -> String {
    let levels: Vec<String> = e
        .tile_bytes
        .iter()
        .enumerate()
        .map(|(l, b)| format!("level {l} {b}"))
        .collect();
    format!(
        "fetched {} bytes in {} requests (checkpoint {}, tiles {}{}, entry bundles {})",
        e.total(),
        e.requests,
        e.checkpoint_bytes,
        e.all_tile_bytes(),
        if levels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", levels.join(", "))
        },
        e.entry_bundle_bytes
    )
}

fn match_text(m: &Match) -> String {
    let mut line = format!("match: index {} {}", m.index, m.shape);
    for (k, v) in [
        ("identity", &m.identity),
        ("issuer", &m.issuer),
        ("fingerprint", &m.fingerprint),
    ] {
        if let Some(v) = v {
            line.push_str(&format!(" {k}={v}"));
        }
    }
    line
}

fn print_alarm(alarm: &Alarm, format: Format) {
    match format {
        Format::Text => {
            println!("ALARM: {}", alarm.kind.describe());
            for (what, note, body) in [
                ("stored", &alarm.stored, &alarm.stored_body),
                ("current", &alarm.current, &alarm.current_body),
            ] {
                println!(
                    "{what} checkpoint (size {}, root {}):",
                    body.size,
                    STANDARD.encode(body.root)
                );
                print!("{note}");
            }
        }
        Format::Json => {
            let json = serde_json::json!({
                "alarm": {
                    "kind": alarm.kind,
                    "message": alarm.kind.describe(),
                    "stored": checkpoint_json(&alarm.stored, &alarm.stored_body),
                    "current": checkpoint_json(&alarm.current, &alarm.current_body),
                }
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
    }
}

fn print_report(report: &Report, format: Format, state: &std::path::Path) {
    let cur = &report.current;
    match format {
        Format::Text => {
            for f in &report.failed {
                println!("unreadable entry {}: {}", f.index, f.error);
            }
            match &report.previous {
                None => println!(
                    "first run: trusted checkpoint {} size {} root {} (signature verified)",
                    cur.origin,
                    cur.size,
                    STANDARD.encode(cur.root)
                ),
                Some(prev) => println!(
                    "consistent: {} size {} -> {} ({} proof hashes from tiles), root {}",
                    cur.origin,
                    prev.size,
                    cur.size,
                    report.proof_hashes,
                    STANDARD.encode(cur.root)
                ),
            }
            println!(
                "scanned entries {}..{}: {} matches, {} unreadable; {}",
                report.scanned.start,
                report.scanned.end,
                report.matches.len(),
                report.failed.len(),
                egress_text(&report.egress)
            );
            println!("state saved to {}", state.display());
        }
        Format::Json => {
            let json = serde_json::json!({
                "firstRun": report.first_run,
                "previous": report.previous.as_ref().map(|p| serde_json::json!({
                    "treeSize": p.size, "rootHash": STANDARD.encode(p.root)
                })),
                "current": {"origin": cur.origin, "treeSize": cur.size, "rootHash": STANDARD.encode(cur.root)},
                "proofHashes": report.proof_hashes,
                "scanned": {"start": report.scanned.start, "end": report.scanned.end},
                "matches": report.matches,
                "unreadable": report.failed,
                "egress": egress_json(&report.egress),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
    }
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let keys = keys(args)?;
    let log = match (&args.log, &args.instance) {
        (Some(l), _) => l.clone(),
        (None, Some(dir)) => dir.join(LOG_DIR),
        (None, None) => bail!("give --log DIR or --instance DIR"),
    };
    let matcher = Matcher::new(&args.identity, &args.issuer, &args.fingerprint)?;
    for p in matcher.non_literal_patterns() {
        eprintln!(
            "note: regex {p:?} is not a plain literal: it cannot match hash-only identity leaves"
        );
    }
    let start = args
        .start_index
        .map_or(Start::TrustOnFirstUse, Start::FromIndex);
    let text = args.format == Format::Text;
    let result = monitor::run(
        DirFetcher::new(log),
        keys.as_ref(),
        &args.state,
        Options {
            start,
            verify_entries: args.verify_entries,
        },
        &matcher,
        |bundle| {
            if text {
                for m in &bundle.matches {
                    println!("{}", match_text(m));
                }
            }
        },
    );
    match result {
        Ok(report) => {
            print_report(&report, args.format, &args.state);
            Ok(ExitCode::SUCCESS)
        }
        Err(MonitorError::Alarm(alarm)) => {
            print_alarm(&alarm, args.format);
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

//! What following the log costs a monitor (issue 8 § 4, DESIGN.md § Metrics): per profile,
//! the bytes a rekor-monitor-style monitor ([`crate::monitor`]) fetches per new entry
//! (checkpoint, hash tiles of every level for the consistency proof, entry bundles) and its
//! time per entry, as a function of how many entries the log grew between two monitor runs.
//!
//! The log holds the profile's real entry (one signed through the profile's simulated
//! pipeline: a `hashedrekord` 0.0.2 with its certificate, or the hash-only identity leaf),
//! appended `batch` at a time, one signed checkpoint per batch, with the profile's first
//! checkpoint key and its witnesses' cosignatures (as `log-growth`). The monitor verifies
//! the log key's signature, watches one identity, and saves its state after every run
//! (fsync included in the time). It starts from a log of `backlog` entries.

use std::path::Path;
use std::time::{Duration, Instant, UNIX_EPOCH};

use pqlab_reports::Stats;
use pqlab_reports::schema::{MonitorFetched, MonitorResult};

use super::RunError;
use super::log_growth::authority;
use super::suite::MonitorConfig;
use crate::log::Log;
use crate::log::authority::PublishedKeys;
use crate::log::storage::FsStorage;
use crate::monitor::fetch::{DirFetcher, Egress};
use crate::monitor::matcher::Matcher;
use crate::monitor::{self, Options};
use crate::pipeline::Instance;
use crate::pki::OidcIdentity;
use crate::profile::Profile;

/// The signing time of the entry (fixed, so entries are the same for a seed).
const SIGN_TIME: Duration = Duration::from_secs(1_795_737_600);

/// The profile's log entry: one artifact signed through its simulated deployment.
///
/// # Errors
/// [`RunError::Unexpected`] when the pipeline fails.
pub fn real_entry(profile: &Profile, seed: u64, dir: &Path) -> Result<Vec<u8>, RunError> {
    let pipeline = |e: crate::pipeline::PipelineError| {
        RunError::Unexpected(format!("pipeline {}: {e}", profile.name))
    };
    let now = UNIX_EPOCH + SIGN_TIME;
    let instance = Instance::create(dir, profile, seed, now).map_err(pipeline)?;
    let identity = OidcIdentity::email("signer@pqlab.example", "https://oidc.pqlab.example");
    let outcome = instance
        .sign(
            b"pqlab monitor workload\n",
            "artifact.txt",
            &identity,
            false,
            now,
        )
        .map_err(pipeline)?;
    let entry = outcome
        .bundle
        .tlog_entries
        .first()
        .map(|e| e.canonicalized_body.clone())
        .ok_or_else(|| RunError::Unexpected("bundle without a log entry".to_owned()))?;
    std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    Ok(entry)
}

/// Runs the monitor over a growing log for every batch size of `config`; calls `progress`
/// with (runs done, runs in total).
///
/// # Errors
/// Pipeline, log or monitor failures.
pub fn measure(
    profile: &Profile,
    config: &MonitorConfig,
    seed: u64,
    dir: &Path,
    mut progress: impl FnMut(u64, u64),
) -> Result<Vec<MonitorResult>, RunError> {
    let entry = real_entry(profile, seed, &dir.join("instance"))?;
    let authority = authority(profile, seed)?;
    let keys = PublishedKeys::new(
        authority.origin(),
        &[authority.log_signer().verifier_key().to_string()],
        &[],
        0,
    )
    .map_err(|e| RunError::Unexpected(format!("monitor keys: {e}")))?;
    let log_dir = dir.join("log");
    let mut log = Log::create(FsStorage::open(&log_dir)?, authority)?;
    let monitor_err = |e: monitor::MonitorError| RunError::Unexpected(format!("monitor: {e}"));
    let backlog = usize::try_from(config.backlog).unwrap_or(usize::MAX);
    log.append_batch(&vec![entry.as_slice(); backlog])?;
    let state = dir.join("monitor-state.json");
    let matcher = Matcher::new(&[r"^alice@example\.com$"], &[], &[])
        .map_err(|e| RunError::Unexpected(format!("matcher: {e}")))?;
    let run = |state: &Path| {
        monitor::run(
            DirFetcher::new(&log_dir),
            &keys,
            state,
            Options::default(),
            &matcher,
            |_| {},
        )
    };
    run(&state).map_err(monitor_err)?;
    let total = config.batches.len() as u64 * u64::from(config.runs);
    let mut results = Vec::new();
    let mut done = 0;
    for &batch in &config.batches {
        let copies = vec![entry.as_slice(); usize::try_from(batch).unwrap_or(usize::MAX)];
        let mut samples = Vec::new();
        let mut egress = Egress::default();
        let mut entries = 0;
        for _ in 0..config.runs {
            log.append_batch(&copies)?;
            let started = Instant::now();
            let report = run(&state).map_err(monitor_err)?;
            let elapsed = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            let scanned = report.scanned.end - report.scanned.start;
            if scanned != batch {
                return Err(RunError::Unexpected(format!(
                    "monitor scanned {scanned} entries, {batch} were appended"
                )));
            }
            samples.push(elapsed / batch);
            egress.add(&report.egress);
            entries += scanned;
            done += 1;
            progress(done, total);
        }
        results.push(MonitorResult {
            profile: profile.name.clone(),
            entries,
            bytes_fetched: egress.total(),
            time_per_entry: Stats::from_samples(&samples)?,
            batch_size: Some(batch),
            runs: Some(u64::from(config.runs)),
            entry_bytes: Some(entry.len() as u64),
            fetched: Some(MonitorFetched {
                checkpoint_bytes: egress.checkpoint_bytes,
                tile_bytes_by_level: egress.tile_bytes.clone(),
                entry_bundle_bytes: egress.entry_bundle_bytes,
                requests: egress.requests,
            }),
        });
    }
    drop(log);
    std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    Ok(results)
}

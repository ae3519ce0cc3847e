//! A log monitor for a Rekor v2 log on C2SP tlog-tiles, doing what rekor-monitor does
//! (FORMATS.md §8): read the current checkpoint and verify its signature with the log's
//! keys, verify it is consistent with the checkpoint stored from the last run using tiles
//! alone, scan the new entries (entry bundles) for watched identities, and save the new
//! state atomically.
//!
//! The monitor sees the log only through [`fetch::TileFetcher`], i.e. what a static HTTP
//! server of the log serves (checkpoint, hash tiles, entry bundles), and counts every byte it
//! fetches ([`fetch::Egress`]).
//!
//! # First run
//!
//! Like rekor-monitor, a monitor without a state file trusts the current checkpoint on first
//! use (after verifying its signature), stores it and scans nothing; later runs scan what
//! the log appended since. [`Start::FromIndex`] instead stores the current checkpoint and
//! scans from a given index (0: the whole log).
//!
//! # Crash safety
//!
//! The state (checkpoint, next entry to scan) is saved after the consistency check and after
//! every entry bundle scanned, each time atomically ([`state::MonitorState::save`]). A
//! monitor killed at any point resumes from the last save: no entry goes unscanned, and
//! matches of the last bundle before the kill may be printed again (at-least-once).
//!
//! Scanned entries are read from entry bundles, as rekor-monitor does; with
//! [`Options::verify_entries`] each is also proven included in the signed tree from the hash
//! tiles, so a server cannot hide an entry behind a doctored bundle.
//!
//! Out of scope: notifications (GitHub issues, email), several log shards, witness
//! cosignature policy (the checkpoint keys alone are checked).

pub mod consistency;
pub mod fetch;
pub mod keys;
pub mod matcher;
pub mod scan;
pub mod state;

use std::ops::Range;
use std::path::Path;

use crate::log::bundle::TileError;
use crate::log::checkpoint::CheckpointBody;
use crate::log::proof::ProofError;
use crate::log::tlog::open_checkpoint;
use crate::log::{CheckpointAuthority, LogError};

pub use consistency::AlarmKind;
use fetch::{CountingFetcher, Egress, FetchError, TileCache, TileFetcher};
use matcher::{Match, Matcher};
use scan::{BundleScan, FailedEntry};
use state::{MonitorState, StateError};

/// How a run behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Where a first run starts.
    pub start: Start,
    /// Prove every scanned entry included in the signed tree (an inclusion proof from the
    /// hash tiles, about 32 more bytes per entry); rekor-monitor does not.
    pub verify_entries: bool,
}

/// Where a first run (no state file) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Start {
    /// Trust the current checkpoint, scan nothing (rekor-monitor's behaviour).
    #[default]
    TrustOnFirstUse,
    /// Trust the current checkpoint and scan from this entry index.
    FromIndex(u64),
}

/// A log that rolled back or forked: both checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    /// What is wrong.
    pub kind: AlarmKind,
    /// The stored (previously verified) checkpoint, verbatim.
    pub stored: String,
    /// Its body.
    pub stored_body: CheckpointBody,
    /// The current checkpoint, verbatim (its signature verified).
    pub current: String,
    /// Its body.
    pub current_body: CheckpointBody,
}

/// Why a monitor run did not complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MonitorError {
    /// The log is not append-only: rollback or fork (exit status 1 in the CLI).
    #[error("ALARM: {}", .0.kind.describe())]
    Alarm(Box<Alarm>),
    /// The state file is unreadable, corrupt, or could not be written.
    #[error(transparent)]
    State(#[from] StateError),
    /// An object could not be fetched.
    #[error("fetch: {0}")]
    Fetch(#[from] FetchError),
    /// The current checkpoint does not verify or parse.
    #[error("current checkpoint: {0}")]
    Checkpoint(#[source] LogError),
    /// A tile or entry bundle is malformed.
    #[error("{0}")]
    Tile(#[from] TileError),
    /// A proof could not be built.
    #[error("proof: {0}")]
    Proof(#[from] ProofError),
    /// A served entry is not the one the signed tree holds at its index (its inclusion proof
    /// from the served tiles fails).
    #[error("entry {index} of the served entry bundle is not in the signed tree")]
    EntryNotInTree {
        /// The entry's index.
        index: u64,
    },
    /// A first-run start index beyond the tree.
    #[error("start index {start} is beyond the tree size {size}")]
    StartBeyondSize {
        /// The index asked for.
        start: u64,
        /// The tree size.
        size: u64,
    },
}

/// What a completed run did.
#[derive(Debug, Clone)]
pub struct Report {
    /// No state file existed: the checkpoint was trusted on first use.
    pub first_run: bool,
    /// The stored checkpoint's body (none on a first run).
    pub previous: Option<CheckpointBody>,
    /// The current checkpoint's body.
    pub current: CheckpointBody,
    /// Hashes in the consistency proof checked.
    pub proof_hashes: usize,
    /// Entries scanned.
    pub scanned: Range<u64>,
    /// Matches, in index order.
    pub matches: Vec<Match>,
    /// Entries that could not be parsed.
    pub failed: Vec<FailedEntry>,
    /// Bytes fetched.
    pub egress: Egress,
}

/// One monitor run over `fetcher` with the log's `keys`, state in `state_path`.
/// `on_bundle` sees each scanned bundle's matches before the state moves past them.
///
/// # Errors
/// [`MonitorError::Alarm`] for a rollback or fork (the state is left unchanged); the other
/// variants for a corrupt state, an unreachable or malformed log.
pub fn run<F: TileFetcher>(
    fetcher: F,
    keys: &dyn CheckpointAuthority,
    state_path: &Path,
    options: Options,
    matcher: &Matcher,
    mut on_bundle: impl FnMut(&BundleScan),
) -> Result<Report, MonitorError> {
    let stored = MonitorState::load(state_path, keys)?;
    let mut fetcher = TileCache::new(CountingFetcher::new(fetcher));
    let note = fetcher.fetch(crate::log::layout::CHECKPOINT_PATH)?;
    let current = open_checkpoint(keys, &note).map_err(MonitorError::Checkpoint)?;
    let note = String::from_utf8_lossy(&note).into_owned();
    let first_run = stored.is_none();
    let (mut state, previous, proof_hashes) = match stored {
        None => {
            let next_index = match options.start {
                Start::TrustOnFirstUse => current.size,
                Start::FromIndex(i) if i > current.size => {
                    return Err(MonitorError::StartBeyondSize {
                        start: i,
                        size: current.size,
                    });
                }
                Start::FromIndex(i) => i,
            };
            let state = MonitorState {
                checkpoint: note,
                body: current.clone(),
                next_index,
            };
            state.save(state_path)?;
            (state, None, 0)
        }
        Some(old) => {
            let (alarm, proof_hashes) = consistency::check(&mut fetcher, &old.body, &current)?;
            if let Some(kind) = alarm {
                return Err(MonitorError::Alarm(Box::new(Alarm {
                    kind,
                    stored: old.checkpoint,
                    stored_body: old.body,
                    current: note,
                    current_body: current,
                })));
            }
            let previous = old.body.clone();
            let state = if current.size == old.size() {
                old
            } else {
                let state = MonitorState {
                    checkpoint: note,
                    body: current.clone(),
                    next_index: old.next_index,
                };
                state.save(state_path)?;
                state
            };
            (state, Some(previous), proof_hashes)
        }
    };
    let scanned = state.next_index..current.size;
    let mut matches = Vec::new();
    let mut failed = Vec::new();
    for (n, width, part) in scan::bundles(scanned.clone(), current.size) {
        let end = part.end;
        let verify = options.verify_entries.then_some(&current);
        let result = scan::scan_bundle(&mut fetcher, matcher, n, width, part, verify)?;
        on_bundle(&result);
        matches.extend(result.matches);
        failed.extend(result.failed);
        state.next_index = end;
        state.save(state_path)?;
    }
    Ok(Report {
        first_run,
        previous,
        current,
        proof_hashes,
        scanned,
        matches,
        failed,
        egress: fetcher.inner().egress().clone(),
    })
}

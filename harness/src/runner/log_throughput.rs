//! Log append throughput per storage driver (issue 6 § 4): `entries` appends of
//! `entry_bytes` in batches, one integrate and signed checkpoint per batch, on the memory and
//! the filesystem driver. The wall-clock time covers appending, hashing, tile and bundle
//! writes, syncs and checkpoint signing.

use std::path::Path;
use std::time::Instant;

use pqlab_reports::schema::LogThroughput;

use super::RunError;
use super::log_growth::authority;
use crate::log::Log;
use crate::log::storage::{FsStorage, LogStorage, MemoryStorage};
use crate::profile::Profile;
use crate::runner::suite::LogThroughputConfig;

fn run<S: LogStorage>(
    driver: &str,
    storage: S,
    profile: &Profile,
    config: &LogThroughputConfig,
    seed: u64,
) -> Result<LogThroughput, RunError> {
    let mut log = Log::create(storage, authority(profile, seed)?)?;
    let len = usize::try_from(config.entry_bytes).unwrap_or(usize::MAX);
    let batch_len = usize::try_from(config.batch).unwrap_or(usize::MAX);
    let mut batch: Vec<Vec<u8>> = Vec::with_capacity(batch_len);
    let started = Instant::now();
    let mut done = 0u64;
    while done < config.entries {
        let n = config.batch.min(config.entries - done);
        batch.clear();
        for i in done..done + n {
            let mut entry = vec![0u8; len];
            entry[..8.min(len)].copy_from_slice(&i.to_be_bytes()[..8.min(len)]);
            batch.push(entry);
        }
        log.append_batch(&batch)?;
        done += n;
    }
    let duration_ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    Ok(LogThroughput {
        driver: driver.to_owned(),
        entries: config.entries,
        batch_size: config.batch,
        duration_ns,
    })
}

/// Appends on the memory driver and on a filesystem log in `dir` (removed afterwards), with
/// the checkpoint keys of `profile`.
///
/// # Errors
/// Log, storage or signing errors.
pub fn measure(
    profile: &Profile,
    config: &LogThroughputConfig,
    seed: u64,
    dir: &Path,
) -> Result<Vec<LogThroughput>, RunError> {
    let memory = run("memory", MemoryStorage::new(), profile, config, seed)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    }
    let fs = run("fs", FsStorage::open(dir)?, profile, config, seed)?;
    std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    Ok(vec![memory, fs])
}

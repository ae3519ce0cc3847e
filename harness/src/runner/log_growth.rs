//! Log storage growth (issue 6 § 3, DESIGN.md § Metrics "log storage growth"): the bytes on the
//! filesystem driver after N entries, split into full tiles of every level, partial tiles,
//! entry bundles and the checkpoint, measured on one streaming log per profile (appended in
//! batches, so memory stays bounded), and an analytic projection to Rekor scale.
//!
//! # The projection
//!
//! For an entry size `s`, batch size `B` and tile width 256 (c2sp.org/tlog-tiles), the log is
//! integrated (tiles, bundles, checkpoint written) at every size in the *checkpoint schedule*
//! `S(N) = {kB ≤ N} ∪ {measured sizes ≤ N} ∪ {N}`. Old partial tiles and partial entry bundles
//! are never deleted (the driver keeps every object it wrote, as a tlog-tiles server may), so
//! they count. With `R_l(n) = ⌊n / 256^l⌋` the hash count of level `l`:
//!
//! ```text
//! bytes(N) = entry bundles   256·(s+2)·⌊N/256⌋ + Σ_{c∈S(N), c mod 256 ≠ 0} (c mod 256)·(s+2)
//!          + full tiles      Σ_l 32·256·⌊R_l(N)/256⌋
//!          + partial tiles   Σ_l Σ_{r ∈ {R_l(c) : c∈S(N)}, r mod 256 ≠ 0} 32·(r mod 256)
//!          + checkpoint      C_ref + digits(N) − digits(N_ref)
//! ```
//!
//! (every entry is stored with its 2-byte length prefix; a partial object is identified by its
//! index and width, so each distinct partial width is one file). `C_ref` is the checkpoint
//! measured at the largest measured size `N_ref`: only the decimal tree size in its body
//! changes with `N` (signature lengths are fixed, or vary by a byte for ECDSA).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pqlab_reports::schema::{LogGrowth, LogPoint, Projection, ProjectionPoint};

use super::RunError;
use crate::log::Log;
use crate::log::layout::{CHECKPOINT_PATH, TILE_WIDTH};
use crate::log::storage::FsStorage;
use crate::note::{Clock, LogAuthority, WitnessPolicy};
use crate::profile::Profile;

/// A fixed checkpoint time, so checkpoints are identical for a seed.
const CHECKPOINT_TIME: u64 = 1_700_000_000;

/// The formula as recorded in the results.
pub const FORMULA: &str = "bytes(N) = 256(s+2)⌊N/256⌋ + Σ_{c∈S(N), c mod 256≠0} (c mod 256)(s+2) \
    [entry bundles, full and partial] + Σ_l 8192⌊R_l(N)/256⌋ [full tiles] + \
    Σ_l Σ_{distinct r=R_l(c), c∈S(N), r mod 256≠0} 32(r mod 256) [partial tiles, stale ones kept] + \
    C_ref + digits(N) − digits(N_ref) [checkpoint]; R_l(n)=⌊n/256^l⌋, s = entry bytes, \
    S(N) = checkpoint schedule {kB ≤ N} ∪ {measured sizes ≤ N} ∪ {N} for batch B";

/// How a log is grown: entries of `entry_bytes`, a checkpoint every `batch` entries and at
/// every measured size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrowthPlan {
    /// Measured sizes, ascending.
    pub sizes: Vec<u64>,
    /// Entries per batch.
    pub batch: u64,
    /// Bytes per entry.
    pub entry_bytes: u64,
}

impl GrowthPlan {
    /// The checkpoint schedule `S(up_to)`, ascending, without duplicates, lazily (10^10
    /// entries in batches of 1,024 is 10^7 checkpoints).
    fn schedule(&self, up_to: u64) -> impl Iterator<Item = u64> + '_ {
        let batch = self.batch.max(1);
        let mut next_batch = batch;
        let mut measured = self
            .sizes
            .iter()
            .copied()
            .filter(move |&m| m <= up_to)
            .peekable();
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let candidate_batch = (next_batch <= up_to).then_some(next_batch);
            let candidate_measured = measured.peek().copied();
            let next = match (candidate_batch, candidate_measured) {
                (Some(b), Some(m)) => b.min(m),
                (Some(b), None) => b,
                (None, Some(m)) => m,
                (None, None) => {
                    done = true;
                    return Some(up_to);
                }
            };
            if candidate_batch == Some(next) {
                next_batch += batch;
            }
            if candidate_measured == Some(next) {
                measured.next();
            }
            if next == up_to {
                done = true;
            }
            Some(next)
        })
    }
}

fn digits(n: u64) -> u64 {
    u64::from(n.checked_ilog10().unwrap_or(0) + 1)
}

/// The projected bytes of a log of `n` entries grown by `plan` (the formula in the module
/// docs); `checkpoint_ref` is `(N_ref, C_ref)`, a checkpoint size measured at `N_ref`.
#[must_use]
pub fn project(plan: &GrowthPlan, n: u64, checkpoint_ref: (u64, u64)) -> LogPoint {
    let stored = plan.entry_bytes + 2;
    let width = TILE_WIDTH;
    let mut entry_bundle_bytes = width * stored * (n / width);
    let mut tile_bytes = 0;
    let mut level_divisor: u64 = 1;
    let mut levels = 0usize;
    while n / level_divisor > 0 {
        tile_bytes += 32 * width * ((n / level_divisor) / width);
        levels += 1;
        match level_divisor.checked_mul(width) {
            Some(d) => level_divisor = d,
            None => break,
        }
    }
    // Partial objects: one per distinct (index, width) over the schedule.
    let mut last_row = vec![0u64; levels];
    let mut partial_tile_bytes = 0;
    for c in plan.schedule(n) {
        if !c.is_multiple_of(width) {
            entry_bundle_bytes += (c % width) * stored;
        }
        let mut divisor: u64 = 1;
        for last in &mut last_row {
            let r = c / divisor;
            if r != *last && !r.is_multiple_of(width) {
                partial_tile_bytes += 32 * (r % width);
            }
            *last = r;
            divisor = divisor.saturating_mul(width);
        }
    }
    let (n_ref, c_ref) = checkpoint_ref;
    let checkpoint_bytes = (c_ref + digits(n)).saturating_sub(digits(n_ref));
    LogPoint {
        entries: n,
        total_bytes: tile_bytes + partial_tile_bytes + entry_bundle_bytes + checkpoint_bytes,
        tile_bytes,
        partial_tile_bytes,
        entry_bundle_bytes,
        checkpoint_bytes,
    }
}

/// Splits `plan.sizes` into those whose projected storage fits `max_bytes` and those that do
/// not; the smallest size is always kept, so a growth run measures at least one point.
#[must_use]
pub fn sizes_within(plan: &GrowthPlan, max_bytes: u64) -> (Vec<u64>, Vec<u64>) {
    let (mut kept, mut dropped): (Vec<u64>, Vec<u64>) = plan
        .sizes
        .iter()
        .partition(|&&n| project(plan, n, (1, 0)).total_bytes <= max_bytes);
    if kept.is_empty() && !dropped.is_empty() {
        kept.push(dropped.remove(0));
    }
    (kept, dropped)
}

/// Sums the bytes of a log directory by kind of object (tlog-tiles paths).
///
/// # Errors
/// [`RunError::Io`] when the directory cannot be walked.
pub fn measure_dir(root: &Path, entries: u64) -> Result<LogPoint, RunError> {
    let mut point = LogPoint {
        entries,
        total_bytes: 0,
        tile_bytes: 0,
        partial_tile_bytes: 0,
        entry_bundle_bytes: 0,
        checkpoint_bytes: 0,
    };
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        for item in std::fs::read_dir(&dir).map_err(|e| RunError::io(&dir, e))? {
            let item = item.map_err(|e| RunError::io(&dir, e))?;
            let name = rel.join(item.file_name());
            let meta = item.metadata().map_err(|e| RunError::io(&item.path(), e))?;
            let path = name.to_string_lossy().replace('\\', "/");
            if meta.is_dir() {
                if !path.starts_with(".pqlab") {
                    stack.push(name);
                }
                continue;
            }
            let len = meta.len();
            if path == CHECKPOINT_PATH {
                point.checkpoint_bytes += len;
            } else if path.starts_with("tile/entries/") {
                point.entry_bundle_bytes += len;
            } else if path.contains(".p/") {
                point.partial_tile_bytes += len;
            } else if path.starts_with("tile/") {
                point.tile_bytes += len;
            } else {
                return Err(RunError::Unexpected(format!(
                    "unexpected object {path} in the log directory"
                )));
            }
        }
    }
    point.total_bytes = point.tile_bytes
        + point.partial_tile_bytes
        + point.entry_bundle_bytes
        + point.checkpoint_bytes;
    Ok(point)
}

/// The checkpoint authority of `profile`: its (first) checkpoint algorithm and its witnesses,
/// keys from `seed`, a fixed clock.
///
/// # Errors
/// [`RunError::Note`] when a key cannot be generated.
pub fn authority(profile: &Profile, seed: u64) -> Result<Arc<LogAuthority>, RunError> {
    let base = |id: &str| id.split('@').next().unwrap_or(id).to_owned();
    let log_alg = profile.checkpoint.first().map(|c| base(c)).ok_or_else(|| {
        RunError::Unexpected(format!("profile {} has no checkpoint key", profile.name))
    })?;
    let witness = base(&profile.witness);
    let witnesses: Vec<&str> = (0..profile.witnesses).map(|_| witness.as_str()).collect();
    let authority = LogAuthority::generate(
        "log.pqlab.example/growth",
        &log_alg,
        &witnesses,
        WitnessPolicy::NONE,
        Clock::Fixed(CHECKPOINT_TIME),
        seed,
    )?;
    Ok(Arc::new(authority))
}

/// The deterministic synthetic entry `index` of `entry_bytes` bytes (index and seed up front,
/// so every entry differs).
fn fill_entry(buf: &mut Vec<u8>, index: u64, seed: u64, entry_bytes: u64) {
    buf.clear();
    buf.extend_from_slice(&index.to_be_bytes());
    buf.extend_from_slice(&seed.to_be_bytes());
    let len = usize::try_from(entry_bytes).unwrap_or(usize::MAX);
    let mut x = index ^ seed.rotate_left(17);
    while buf.len() < len {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        buf.push((x >> 56) as u8);
    }
    buf.truncate(len);
}

/// Grows a filesystem log in `dir` by `plan` and measures it at every planned size; calls
/// `progress(entries)` after every batch. Memory stays bounded by one batch of entries.
///
/// # Errors
/// Log, storage or signing errors.
pub fn grow(
    profile: &Profile,
    plan: &GrowthPlan,
    seed: u64,
    dir: &Path,
    mut progress: impl FnMut(u64),
) -> Result<Vec<LogPoint>, RunError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    }
    let storage = FsStorage::open(dir)?;
    let mut log = Log::create(storage, authority(profile, seed)?)?;
    let Some(&largest) = plan.sizes.last() else {
        return Ok(Vec::new());
    };
    let mut points = Vec::new();
    let mut batch: Vec<Vec<u8>> = Vec::new();
    let mut done = 0u64;
    for target in plan.schedule(largest) {
        batch.resize_with(usize::try_from(target - done).unwrap_or(0), Vec::new);
        for (i, entry) in batch.iter_mut().enumerate() {
            fill_entry(entry, done + i as u64, seed, plan.entry_bytes);
        }
        log.append_batch(&batch)?;
        done = target;
        progress(done);
        if plan.sizes.contains(&target) {
            points.push(measure_dir(dir, target)?);
        }
    }
    drop(log);
    std::fs::remove_dir_all(dir).map_err(|e| RunError::io(dir, e))?;
    Ok(points)
}

/// The results entry: measured points and the projection at the measured and projected sizes.
#[must_use]
pub fn growth_result(
    plan: &GrowthPlan,
    points: Vec<LogPoint>,
    project_to: &[u64],
    entry_source: String,
) -> LogGrowth {
    let checkpoint_ref = points
        .last()
        .map_or((1, 0), |p| (p.entries, p.checkpoint_bytes));
    let mut sizes: Vec<u64> = points
        .iter()
        .map(|p| p.entries)
        .chain(project_to.iter().copied())
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    let projection = Projection {
        formula: FORMULA.to_owned(),
        points: sizes
            .into_iter()
            .map(|n| ProjectionPoint {
                entries: n,
                bytes: project(plan, n, checkpoint_ref).total_bytes,
            })
            .collect(),
    };
    LogGrowth {
        driver: "fs".to_owned(),
        points,
        projection,
        entry_bytes: Some(plan.entry_bytes),
        entry_source: Some(entry_source),
        batch_size: Some(plan.batch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_merges_batches_and_measured_sizes() {
        let plan = GrowthPlan {
            sizes: vec![1000, 3000],
            batch: 1024,
            entry_bytes: 10,
        };
        let s: Vec<u64> = plan.schedule(3000).collect();
        assert_eq!(s, vec![1000, 1024, 2048, 3000]);
        let s: Vec<u64> = plan.schedule(2048).collect();
        assert_eq!(s, vec![1000, 1024, 2048]);
    }

    #[test]
    fn sizes_within_keeps_what_fits_and_at_least_one() {
        let plan = GrowthPlan {
            sizes: vec![1000, 10_000, 100_000],
            batch: 1024,
            entry_bytes: 998,
        };
        // About 1 kB per entry: 10^4 entries are ~10 MB, 10^5 ~100 MB.
        let (kept, dropped) = sizes_within(&plan, 50_000_000);
        assert_eq!((kept, dropped), (vec![1000, 10_000], vec![100_000]));
        let (kept, dropped) = sizes_within(&plan, 1);
        assert_eq!((kept, dropped), (vec![1000], vec![10_000, 100_000]));
        let (kept, dropped) = sizes_within(&plan, u64::MAX);
        assert_eq!((kept.len(), dropped.len()), (3, 0));
    }

    #[test]
    fn projection_counts_every_part() {
        // 256 entries in one batch: one full entry bundle and one full level-0 tile, a
        // 1-hash partial tile at level 1.
        let plan = GrowthPlan {
            sizes: vec![256],
            batch: 256,
            entry_bytes: 10,
        };
        let p = project(&plan, 256, (256, 100));
        assert_eq!(p.entry_bundle_bytes, 256 * 12);
        assert_eq!(p.tile_bytes, 256 * 32);
        assert_eq!(p.partial_tile_bytes, 32);
        assert_eq!(p.checkpoint_bytes, 100);
    }
}

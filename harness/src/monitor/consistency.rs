//! Consistency of the stored checkpoint with the current one from tiles alone (RFC 9162
//! §2.1.4; rekor-monitor `pkg/rekor/v2` with tessera's `ProofBuilder`): the proof is built
//! from the hash tiles of the current tree size (partial tiles included) as any client can
//! fetch them, then verified against the two signed roots. A smaller tree is a rollback; the
//! same size with another root, or a proof that does not verify, is a fork.

use crate::log::bundle::decode_hashes;
use crate::log::layout::TileId;
use crate::log::proof::{HashTileSource, ProofBuilder, verify_consistency};
use crate::log::{CheckpointBody, Hash};

use super::MonitorError;
use super::fetch::TileFetcher;

/// Why the log is not an extension of what the monitor saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlarmKind {
    /// The current tree is smaller than the stored one.
    Rollback,
    /// Same size, different root.
    SameSizeDifferentRoot,
    /// The current tree does not extend the stored one (the consistency proof built from the
    /// served tiles does not verify).
    Inconsistent,
}

impl AlarmKind {
    /// A sentence for the alarm.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            AlarmKind::Rollback => {
                "log rolled back: the current tree is smaller than the stored one"
            }
            AlarmKind::SameSizeDifferentRoot => "log forked: same tree size, different root hash",
            AlarmKind::Inconsistent => {
                "log forked: the current tree does not extend the stored one (consistency proof from tiles fails)"
            }
        }
    }
}

/// Reads hash tiles through the monitor's fetcher.
pub(super) struct FetchedTiles<'a, F: ?Sized> {
    pub(super) fetcher: &'a mut F,
}

impl<F: TileFetcher + ?Sized> HashTileSource for FetchedTiles<'_, F> {
    type Error = MonitorError;

    fn hash_tile(&mut self, tile: TileId) -> Result<Vec<Hash>, MonitorError> {
        let path = tile.path();
        let bytes = self.fetcher.fetch(&path)?;
        Ok(decode_hashes(&path, &bytes, usize::from(tile.width))?)
    }
}

/// Checks that `new` extends `old`: `Ok(None)` when it does, `Ok(Some(kind))` for an alarm.
/// Returns the number of proof hashes checked beside.
///
/// # Errors
/// A tile that cannot be fetched or is malformed (not an alarm: the log may be partly
/// unavailable).
pub fn check<F: TileFetcher + ?Sized>(
    fetcher: &mut F,
    old: &CheckpointBody,
    new: &CheckpointBody,
) -> Result<(Option<AlarmKind>, usize), MonitorError> {
    if new.size < old.size {
        return Ok((Some(AlarmKind::Rollback), 0));
    }
    if new.size == old.size {
        let alarm = (new.root != old.root).then_some(AlarmKind::SameSizeDifferentRoot);
        return Ok((alarm, 0));
    }
    if old.size == 0 {
        return Ok((None, 0));
    }
    let mut builder = ProofBuilder::new(FetchedTiles { fetcher }, new.size);
    let proof = builder.consistency(old.size, new.size)?;
    let alarm = verify_consistency(old.size, new.size, &proof, &old.root, &new.root)
        .err()
        .map(|_| AlarmKind::Inconsistent);
    Ok((alarm, proof.len()))
}

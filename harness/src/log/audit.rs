//! Re-verifies a whole log from storage: the checkpoint signature, every entry bundle against
//! the level-0 tiles, every tile at level l + 1 against the tiles below it, and the root of the
//! tiles against the checkpoint. Memory grows with size / 256 (one hash per full tile).

use super::checkpoint::{CheckpointAuthority, CheckpointBody};
use super::error::LogError;
use super::hash::{Hash, empty_root, leaf_hash, subtree_root};
use super::layout::{CHECKPOINT_PATH, TILE_WIDTH, TileId, TileKind, row_len, tile_width};
use super::proof::ProofBuilder;
use super::storage::LogStorage;
use super::tlog::{TileReader, open_checkpoint, read_bundle, read_hash_tile};

/// What an audit checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// The verified checkpoint.
    pub checkpoint: CheckpointBody,
    /// Entry bundles checked.
    pub bundles: u64,
    /// Hash tiles checked (all levels).
    pub tiles: u64,
}

/// Audits the log in `storage`.
///
/// # Errors
/// The first failed check: [`LogError::CheckpointSignature`], a missing or malformed object,
/// [`LogError::TileHashMismatch`] or [`LogError::RootMismatch`].
pub fn audit<S: LogStorage + ?Sized>(
    storage: &S,
    authority: &dyn CheckpointAuthority,
) -> Result<AuditReport, LogError> {
    let note = storage
        .read(CHECKPOINT_PATH)?
        .ok_or(LogError::NoCheckpoint)?;
    let checkpoint = open_checkpoint(authority, &note)?;
    let size = checkpoint.size;
    let (mut bundles, mut tiles) = (0u64, 0u64);
    // `expected` holds the hashes the current level must contain, recomputed from below.
    let mut expected: Vec<Hash> = Vec::new();
    let mut level = 0u8;
    while row_len(level, size) > 0 {
        let row = row_len(level, size);
        let count = row.div_ceil(TILE_WIDTH);
        let mut next = Vec::with_capacity((row / TILE_WIDTH) as usize);
        for index in 0..count {
            let width = tile_width(level, index, size).unwrap_or(TILE_WIDTH as u16);
            let tile = TileId {
                kind: TileKind::Hashes { level },
                index,
                width,
            };
            let hashes = read_hash_tile(storage, tile)?;
            tiles += 1;
            let want: Vec<Hash> = if level == 0 {
                bundles += 1;
                read_bundle(storage, index, width)?
                    .iter()
                    .map(|e| leaf_hash(e))
                    .collect()
            } else {
                let start = (index * TILE_WIDTH) as usize;
                expected[start..start + usize::from(width)].to_vec()
            };
            if let Some(position) = hashes.iter().zip(&want).position(|(a, b)| a != b) {
                return Err(LogError::TileHashMismatch {
                    path: tile.path(),
                    position,
                });
            }
            if tile.is_full() {
                next.push(subtree_root(&hashes));
            }
        }
        expected = next;
        level += 1;
    }
    let root = if size == 0 {
        empty_root()
    } else {
        ProofBuilder::new(TileReader::new(storage), size).root(size)?
    };
    if root != checkpoint.root {
        return Err(LogError::RootMismatch { size });
    }
    Ok(AuditReport {
        checkpoint,
        bundles,
        tiles,
    })
}

//! What can go wrong in the log: each variant names the failed check.

use super::bundle::TileError;
use super::checkpoint::CheckpointError;
use super::proof::ProofError;
use super::storage::StorageError;

/// A boxed error from the checkpoint authority.
pub type AuthorityError = Box<dyn std::error::Error + Send + Sync>;

/// An error of the tile log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// An entry does not fit the u16 length prefix of an entry bundle; nothing was written.
    #[error(
        "entry {position} of the batch is {len} bytes, more than the 65535 an entry bundle can hold"
    )]
    EntryTooLarge {
        /// Its position in the batch.
        position: usize,
        /// Its length.
        len: usize,
    },
    /// The storage driver failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    /// A tile or entry bundle is malformed.
    #[error("{0}")]
    Tile(#[from] TileError),
    /// The checkpoint body is malformed.
    #[error("checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
    /// An object the log needs is missing.
    #[error("object {path} is missing")]
    MissingObject {
        /// Its name.
        path: String,
    },
    /// There is no checkpoint: the log was never created here.
    #[error("no checkpoint: no log at this location")]
    NoCheckpoint,
    /// A log already exists here.
    #[error("a log already exists here (a checkpoint is present)")]
    AlreadyExists,
    /// The checkpoint's signature does not verify against the log's key(s).
    #[error("checkpoint signature: {0}")]
    CheckpointSignature(#[source] AuthorityError),
    /// Signing a checkpoint failed.
    #[error("signing the checkpoint: {0}")]
    Signing(#[source] AuthorityError),
    /// The root of the tiles differs from the checkpoint's root.
    #[error("the root of the tiles at size {size} differs from the checkpoint root")]
    RootMismatch {
        /// The checkpoint's size.
        size: u64,
    },
    /// A hash in a tile differs from the hash recomputed from the entries (or lower tiles).
    #[error("hash {position} of tile {path} differs from the hash recomputed below it")]
    TileHashMismatch {
        /// The tile.
        path: String,
        /// The hash's position in the tile.
        position: usize,
    },
    /// A full tile or bundle exists with different bytes; full tiles are never rewritten.
    #[error("full tile {path} already exists with different contents; full tiles never change")]
    FullTileConflict {
        /// The tile.
        path: String,
    },
    /// An entry bundle beyond the checkpoint does not extend the entries the checkpoint covers.
    #[error("entry bundle {path} does not extend the entries covered by the checkpoint")]
    RecoveryConflict {
        /// The bundle.
        path: String,
    },
    /// The leaf index is not below the tree size.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexBeyondSize {
        /// The index asked for.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// The requested tree size exceeds the log's checkpointed size.
    #[error("tree size {tree_size} exceeds the log size {size}")]
    TreeSizeBeyondLog {
        /// The size asked for.
        tree_size: u64,
        /// The log's size.
        size: u64,
    },
    /// A proof the log built failed its own check against the checkpoint (a corrupt tile).
    #[error("self-check of the {what} proof failed: {source}")]
    SelfCheck {
        /// Which proof.
        what: &'static str,
        /// The failed check.
        #[source]
        source: ProofError,
    },
    /// An earlier write failed mid-batch; the log must be reopened.
    #[error("an earlier write failed; reopen the log")]
    Poisoned,
}

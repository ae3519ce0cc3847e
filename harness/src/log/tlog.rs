//! The tile log: batched appends integrated into tiles and entry bundles, a signed checkpoint
//! written last, reopening from the tiles, and proofs built from tiles and checked against the
//! log's own checkpoint before they are returned.

use std::sync::Arc;

use super::bundle::{MAX_ENTRY_SIZE, decode_bundle, decode_hashes, encode_hashes, push_entry};
use super::checkpoint::{CheckpointAuthority, CheckpointBody, CheckpointError};
use super::edge::RightEdge;
use super::error::LogError;
use super::hash::{Hash, empty_root, leaf_hash};
use super::layout::{
    CHECKPOINT_PATH, TILE_WIDTH, TileId, TileKind, entries_path, partial_width, row_len, tile_path,
    tile_width,
};
use super::proof::{HashTileSource, ProofBuilder, verify_consistency, verify_inclusion};
use super::storage::LogStorage;

/// An inclusion proof the log handed out (already checked against its checkpoint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    /// The leaf index.
    pub log_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// The root of that tree.
    pub root_hash: Hash,
    /// The proof hashes, leaf to root.
    pub hashes: Vec<Hash>,
    /// The log's current signed checkpoint.
    pub checkpoint: String,
    /// When `tree_size` is older than the checkpoint: the consistency proof from `tree_size`
    /// to the checkpoint's size.
    pub consistency: Option<Vec<Hash>>,
}

/// Reads hash tiles through a storage driver for the proof builder.
#[derive(Debug)]
pub struct TileReader<'a, S: ?Sized> {
    storage: &'a S,
}

impl<'a, S: LogStorage + ?Sized> TileReader<'a, S> {
    /// A reader over `storage`.
    pub fn new(storage: &'a S) -> Self {
        Self { storage }
    }
}

/// Reads and decodes one hash tile.
pub(crate) fn read_hash_tile<S: LogStorage + ?Sized>(
    storage: &S,
    tile: TileId,
) -> Result<Vec<Hash>, LogError> {
    let path = tile.path();
    let bytes = storage
        .read(&path)?
        .ok_or_else(|| LogError::MissingObject { path: path.clone() })?;
    Ok(decode_hashes(&path, &bytes, usize::from(tile.width))?)
}

/// Reads and decodes one entry bundle.
pub(crate) fn read_bundle<S: LogStorage + ?Sized>(
    storage: &S,
    index: u64,
    width: u16,
) -> Result<Vec<Vec<u8>>, LogError> {
    let path = entries_path(index, width);
    let bytes = storage
        .read(&path)?
        .ok_or_else(|| LogError::MissingObject { path: path.clone() })?;
    Ok(decode_bundle(&path, &bytes, usize::from(width))?)
}

impl<S: LogStorage + ?Sized> HashTileSource for TileReader<'_, S> {
    type Error = LogError;

    fn hash_tile(&mut self, tile: TileId) -> Result<Vec<Hash>, LogError> {
        read_hash_tile(self.storage, tile)
    }
}

/// Verifies a signed checkpoint with `authority` and parses its body, checking the origin.
///
/// # Errors
/// [`LogError::CheckpointSignature`] or [`LogError::Checkpoint`].
pub fn open_checkpoint(
    authority: &dyn CheckpointAuthority,
    note: &[u8],
) -> Result<CheckpointBody, LogError> {
    let text = std::str::from_utf8(note).map_err(|e| LogError::CheckpointSignature(Box::new(e)))?;
    let body = authority
        .verify(text)
        .map_err(LogError::CheckpointSignature)?;
    let parsed = CheckpointBody::parse(&body)?;
    if parsed.origin != authority.origin() {
        return Err(CheckpointError::Origin {
            expected: authority.origin().to_owned(),
            found: parsed.origin,
        }
        .into());
    }
    Ok(parsed)
}

/// A transparency log on C2SP tlog-tiles over storage `S`.
pub struct Log<S: LogStorage> {
    storage: S,
    authority: Arc<dyn CheckpointAuthority>,
    size: u64,
    root: Hash,
    edge: RightEdge,
    /// The bytes of the partial entry bundle at `size` (entries `size - size % 256 .. size`).
    bundle: Vec<u8>,
    pending: Vec<Vec<u8>>,
    checkpoint: String,
    poisoned: bool,
}

impl<S: LogStorage> std::fmt::Debug for Log<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Log")
            .field("origin", &self.authority.origin())
            .field("size", &self.size)
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl<S: LogStorage> Log<S> {
    /// Creates an empty log: writes the signed checkpoint of size 0.
    ///
    /// # Errors
    /// [`LogError::AlreadyExists`] when a checkpoint is present; storage or signing errors.
    pub fn create(
        mut storage: S,
        authority: Arc<dyn CheckpointAuthority>,
    ) -> Result<Self, LogError> {
        if storage.read(CHECKPOINT_PATH)?.is_some() {
            return Err(LogError::AlreadyExists);
        }
        let root = empty_root();
        let checkpoint = sign_checkpoint(authority.as_ref(), 0, root)?;
        storage.write(CHECKPOINT_PATH, checkpoint.as_bytes())?;
        storage.sync()?;
        Ok(Self {
            storage,
            authority,
            size: 0,
            root,
            edge: RightEdge::default(),
            bundle: Vec::new(),
            pending: Vec::new(),
            checkpoint,
            poisoned: false,
        })
    }

    /// Opens the log at its last checkpoint: verifies the checkpoint, rebuilds the right edge
    /// from the partial tiles (checking it against the checkpoint root), then integrates any
    /// entries a crashed writer left in entry bundles beyond the checkpoint.
    ///
    /// # Errors
    /// [`LogError::NoCheckpoint`], a signature, tile or root error naming the failed check.
    pub fn open(storage: S, authority: Arc<dyn CheckpointAuthority>) -> Result<Self, LogError> {
        let note = storage
            .read(CHECKPOINT_PATH)?
            .ok_or(LogError::NoCheckpoint)?;
        let body = open_checkpoint(authority.as_ref(), &note)?;
        let size = body.size;
        let mut edge = RightEdge::default();
        let mut level = 0u8;
        while row_len(level, size) > 0 {
            let width = partial_width(level, size);
            let mut row = Vec::with_capacity(TILE_WIDTH as usize);
            if width > 0 {
                let index = row_len(level, size) / TILE_WIDTH;
                row = read_hash_tile(
                    &storage,
                    TileId {
                        kind: TileKind::Hashes { level },
                        index,
                        width,
                    },
                )?;
            }
            edge.levels.push(row);
            level += 1;
        }
        let root = edge.root().unwrap_or_else(empty_root);
        if root != body.root {
            return Err(LogError::RootMismatch { size });
        }
        let tail = (size % TILE_WIDTH) as u16;
        let mut bundle = Vec::new();
        if tail > 0 {
            for entry in read_bundle(&storage, size / TILE_WIDTH, tail)? {
                push_entry(&mut bundle, &entry);
            }
        }
        let checkpoint = String::from_utf8_lossy(&note).into_owned();
        let mut log = Self {
            storage,
            authority,
            size,
            root,
            edge,
            bundle,
            pending: Vec::new(),
            checkpoint,
            poisoned: false,
        };
        log.recover()?;
        Ok(log)
    }

    /// Integrates entries that reached entry bundles beyond the checkpoint before a crash.
    /// They were never acknowledged; adopting them keeps every full tile unchanged.
    fn recover(&mut self) -> Result<(), LogError> {
        let mut index = self.size / TILE_WIDTH;
        let mut skip = (self.size % TILE_WIDTH) as usize;
        let mut recovered = Vec::new();
        loop {
            let full = entries_path(index, TILE_WIDTH as u16);
            let (path, bytes, width) = match self.storage.read(&full)? {
                Some(bytes) => (full, bytes, TILE_WIDTH as u16),
                None => {
                    let mut found = None;
                    for width in (skip as u16 + 1..TILE_WIDTH as u16).rev() {
                        let path = entries_path(index, width);
                        if let Some(bytes) = self.storage.read(&path)? {
                            found = Some((path, bytes, width));
                            break;
                        }
                    }
                    match found {
                        Some(f) => f,
                        None => break,
                    }
                }
            };
            if skip > 0 && !bytes.starts_with(&self.bundle) {
                return Err(LogError::RecoveryConflict { path });
            }
            let entries = decode_bundle(&path, &bytes, usize::from(width))?;
            recovered.extend(entries.into_iter().skip(skip));
            if u64::from(width) != TILE_WIDTH {
                break;
            }
            index += 1;
            skip = 0;
        }
        if !recovered.is_empty() {
            self.pending = recovered;
            self.integrate()?;
        }
        Ok(())
    }

    /// The checkpointed tree size.
    #[must_use]
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The checkpointed root.
    #[must_use]
    pub fn root(&self) -> Hash {
        self.root
    }

    /// The latest signed checkpoint.
    #[must_use]
    pub fn checkpoint(&self) -> &str {
        &self.checkpoint
    }

    /// The checkpoint authority.
    #[must_use]
    pub fn authority(&self) -> &Arc<dyn CheckpointAuthority> {
        &self.authority
    }

    /// The storage driver.
    #[must_use]
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// Entries queued and not yet integrated.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Queues an entry and returns the index it will have. It is acknowledged only once
    /// [`integrate`](Self::integrate) returns.
    ///
    /// # Errors
    /// [`LogError::EntryTooLarge`] (nothing is queued).
    pub fn append(&mut self, entry: &[u8]) -> Result<u64, LogError> {
        if entry.len() > MAX_ENTRY_SIZE {
            return Err(LogError::EntryTooLarge {
                position: self.pending.len(),
                len: entry.len(),
            });
        }
        self.pending.push(entry.to_vec());
        Ok(self.size + self.pending.len() as u64 - 1)
    }

    /// Appends a batch and integrates it; returns the index of the first entry. Every entry is
    /// checked first: one over 65,535 bytes rejects the batch and nothing is written.
    ///
    /// # Errors
    /// [`LogError::EntryTooLarge`], or any error of [`integrate`](Self::integrate).
    pub fn append_batch<E: AsRef<[u8]>>(&mut self, entries: &[E]) -> Result<u64, LogError> {
        if let Some((position, e)) = entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.as_ref().len() > MAX_ENTRY_SIZE)
        {
            return Err(LogError::EntryTooLarge {
                position,
                len: e.as_ref().len(),
            });
        }
        let first = self.size + self.pending.len() as u64;
        self.pending
            .extend(entries.iter().map(|e| e.as_ref().to_vec()));
        self.integrate()?;
        Ok(first)
    }

    /// Writes a full tile or bundle unless it already holds exactly these bytes.
    fn write_full(&mut self, path: &str, bytes: &[u8]) -> Result<(), LogError> {
        match self.storage.read(path)? {
            Some(existing) if existing == bytes => Ok(()),
            Some(_) => Err(LogError::FullTileConflict {
                path: path.to_owned(),
            }),
            None => Ok(self.storage.write(path, bytes)?),
        }
    }

    /// Integrates the queued entries: entry bundles, then tiles (full tiles once, partial tiles
    /// at the new size), a sync, then the signed checkpoint, written last. Returns the new
    /// checkpoint. After an error the log is poisoned and must be reopened.
    ///
    /// # Errors
    /// Storage or signing errors; [`LogError::Poisoned`] after an earlier failure.
    pub fn integrate(&mut self) -> Result<&str, LogError> {
        if self.poisoned {
            return Err(LogError::Poisoned);
        }
        if self.pending.is_empty() {
            return Ok(&self.checkpoint);
        }
        self.poisoned = true;
        let old = self.size;
        let pending = std::mem::take(&mut self.pending);
        let mut full_tiles: Vec<(String, Vec<u8>)> = Vec::new();
        let mut size = old;
        for entry in &pending {
            push_entry(&mut self.bundle, entry);
            self.edge.push(leaf_hash(entry), |level, hashes| {
                let index = row_len(level, size + 1) / TILE_WIDTH - 1;
                full_tiles.push((
                    tile_path(level, index, TILE_WIDTH as u16),
                    encode_hashes(hashes),
                ));
                Ok::<(), LogError>(())
            })?;
            size += 1;
            if size.is_multiple_of(TILE_WIDTH) {
                let bundle = std::mem::take(&mut self.bundle);
                self.write_full(
                    &entries_path(size / TILE_WIDTH - 1, TILE_WIDTH as u16),
                    &bundle,
                )?;
            }
        }
        drop(pending);
        if !size.is_multiple_of(TILE_WIDTH) {
            let path = entries_path(size / TILE_WIDTH, (size % TILE_WIDTH) as u16);
            self.storage.write(&path, &self.bundle)?;
        }
        for (path, bytes) in &full_tiles {
            self.write_full(path, bytes)?;
        }
        for (level, row) in self.edge.levels.iter().enumerate() {
            let level = level as u8;
            if !row.is_empty() && row_len(level, size) != row_len(level, old) {
                let index = row_len(level, size) / TILE_WIDTH;
                let path = tile_path(level, index, row.len() as u16);
                self.storage.write(&path, &encode_hashes(row))?;
            }
        }
        self.storage.sync()?;
        let root = self.edge.root().unwrap_or_else(empty_root);
        let checkpoint = sign_checkpoint(self.authority.as_ref(), size, root)?;
        // Verify our own output before publishing it.
        let body = open_checkpoint(self.authority.as_ref(), checkpoint.as_bytes())?;
        if body.size != size || body.root != root {
            return Err(LogError::RootMismatch { size });
        }
        self.storage.write(CHECKPOINT_PATH, checkpoint.as_bytes())?;
        self.storage.sync()?;
        self.size = size;
        self.root = root;
        self.checkpoint = checkpoint;
        self.poisoned = false;
        Ok(&self.checkpoint)
    }

    /// The entry at `index` (read from its entry bundle).
    ///
    /// # Errors
    /// [`LogError::IndexBeyondSize`], or a missing or malformed bundle.
    pub fn entry(&self, index: u64) -> Result<Vec<u8>, LogError> {
        if index >= self.size {
            return Err(LogError::IndexBeyondSize {
                index,
                size: self.size,
            });
        }
        let tile = index / TILE_WIDTH;
        let width = tile_width(0, tile, self.size).unwrap_or(TILE_WIDTH as u16);
        let mut entries = read_bundle(&self.storage, tile, width)?;
        Ok(entries.swap_remove((index % TILE_WIDTH) as usize))
    }

    /// A proof builder over this log's tiles at its checkpointed size.
    pub fn proof_builder(&self) -> ProofBuilder<TileReader<'_, S>> {
        ProofBuilder::new(TileReader::new(&self.storage), self.size)
    }

    /// The inclusion proof of leaf `index` in the tree of `tree_size` leaves (default: the
    /// checkpoint's), built from tiles and verified against the checkpoint before returning.
    ///
    /// # Errors
    /// [`LogError::IndexBeyondSize`], [`LogError::TreeSizeBeyondLog`], tile errors, or
    /// [`LogError::SelfCheck`] when the tiles disagree with the checkpoint.
    pub fn prove_inclusion(
        &self,
        index: u64,
        tree_size: Option<u64>,
    ) -> Result<InclusionProof, LogError> {
        let tree_size = tree_size.unwrap_or(self.size);
        if tree_size > self.size {
            return Err(LogError::TreeSizeBeyondLog {
                tree_size,
                size: self.size,
            });
        }
        if index >= tree_size {
            return Err(LogError::IndexBeyondSize {
                index,
                size: tree_size,
            });
        }
        let mut builder = self.proof_builder();
        let hashes = builder.inclusion(index, tree_size)?;
        let (root_hash, consistency) = if tree_size == self.size {
            (self.root, None)
        } else {
            let root = builder.root(tree_size)?;
            let proof = builder.consistency(tree_size, self.size)?;
            verify_consistency(tree_size, self.size, &proof, &root, &self.root).map_err(
                |source| LogError::SelfCheck {
                    what: "consistency",
                    source,
                },
            )?;
            (root, Some(proof))
        };
        let leaf = leaf_hash(&self.entry(index)?);
        verify_inclusion(index, tree_size, &leaf, &hashes, &root_hash).map_err(|source| {
            LogError::SelfCheck {
                what: "inclusion",
                source,
            }
        })?;
        Ok(InclusionProof {
            log_index: index,
            tree_size,
            root_hash,
            hashes,
            checkpoint: self.checkpoint.clone(),
            consistency,
        })
    }

    /// The consistency proof from `size1` to `size2` (default: the checkpoint's size), built
    /// from tiles and verified before returning. Returns (proof, root1, root2).
    ///
    /// # Errors
    /// [`LogError::TreeSizeBeyondLog`], tile errors or [`LogError::SelfCheck`].
    pub fn prove_consistency(
        &self,
        size1: u64,
        size2: Option<u64>,
    ) -> Result<(Vec<Hash>, Hash, Hash), LogError> {
        let size2 = size2.unwrap_or(self.size);
        if size2 > self.size || size1 > size2 {
            return Err(LogError::TreeSizeBeyondLog {
                tree_size: size2.max(size1),
                size: self.size,
            });
        }
        let mut builder = self.proof_builder();
        let root1 = builder.root(size1)?;
        let root2 = builder.root(size2)?;
        let proof = builder.consistency(size1, size2)?;
        if size2 == self.size && root2 != self.root {
            return Err(LogError::RootMismatch { size: size2 });
        }
        if size1 > 0 {
            verify_consistency(size1, size2, &proof, &root1, &root2).map_err(|source| {
                LogError::SelfCheck {
                    what: "consistency",
                    source,
                }
            })?;
        }
        Ok((proof, root1, root2))
    }

    /// Gives back the storage driver.
    pub fn into_storage(self) -> S {
        self.storage
    }
}

/// Signs the checkpoint body for (size, root).
fn sign_checkpoint(
    authority: &dyn CheckpointAuthority,
    size: u64,
    root: Hash,
) -> Result<String, LogError> {
    let body = CheckpointBody::new(authority.origin(), size, root).to_text();
    authority.sign(&body).map_err(LogError::Signing)
}

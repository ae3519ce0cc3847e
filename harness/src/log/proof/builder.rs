//! Builds inclusion and consistency proofs, and roots of any earlier tree size, from hash
//! tiles alone (like Tessera's `ProofBuilder`): every node a proof needs is a complete subtree,
//! found in (or hashed up from part of) one tile.

use std::collections::HashMap;

use super::super::hash::{Hash, node_hash, split_point, subtree_root};
use super::super::layout::{TILE_HEIGHT, TileId, tile_holding};

/// Where the builder gets hash tiles. The log implements it over its storage driver; the
/// builder never sees the driver.
pub trait HashTileSource {
    /// The error a failed read returns.
    type Error;

    /// The hashes of `tile` (exactly `tile.width` of them).
    ///
    /// # Errors
    /// When the tile is missing or malformed.
    fn hash_tile(&mut self, tile: TileId) -> Result<Vec<Hash>, Self::Error>;
}

/// Computes proofs for a log whose tiles are laid out for `log_size` leaves.
#[derive(Debug)]
pub struct ProofBuilder<S> {
    source: S,
    log_size: u64,
    cache: HashMap<TileId, Vec<Hash>>,
}

impl<S: HashTileSource> ProofBuilder<S> {
    /// A builder reading the tiles of a log of `log_size` leaves from `source`.
    pub fn new(source: S, log_size: u64) -> Self {
        Self {
            source,
            log_size,
            cache: HashMap::new(),
        }
    }

    /// The hash of the complete subtree of `2^height` leaves with index `index` at that height.
    fn node(&mut self, height: u32, index: u64) -> Result<Hash, S::Error> {
        let level = (height / TILE_HEIGHT) as u8;
        let sub = height % TILE_HEIGHT;
        let start = index << sub;
        let count = 1usize << sub;
        // The caller only asks for nodes inside the tree, so the tile exists at log_size.
        let tile = tile_holding(level, start, self.log_size).unwrap_or(TileId {
            kind: super::super::layout::TileKind::Hashes { level },
            index: start >> TILE_HEIGHT,
            width: 256,
        });
        if !self.cache.contains_key(&tile) {
            let hashes = self.source.hash_tile(tile)?;
            self.cache.insert(tile, hashes);
        }
        let hashes = &self.cache[&tile];
        let offset = (start % 256) as usize;
        let end = (offset + count).min(hashes.len());
        Ok(subtree_root(&hashes[offset.min(end)..end]))
    }

    /// MTH(D[lo:hi]) for `0 <= lo < hi <= log_size` where `[lo, hi)` is a subtree range of
    /// the RFC 9162 recursion (lo aligned to the largest power of two below hi - lo).
    fn range_root(&mut self, lo: u64, hi: u64) -> Result<Hash, S::Error> {
        let n = hi - lo;
        if n.is_power_of_two() && lo.is_multiple_of(n) {
            return self.node(n.trailing_zeros(), lo / n);
        }
        let k = split_point(n);
        let left = self.range_root(lo, lo + k)?;
        let right = self.range_root(lo + k, hi)?;
        Ok(node_hash(&left, &right))
    }

    /// The root of the tree of the first `size` leaves (`size <= log_size`).
    ///
    /// # Errors
    /// When a tile cannot be read.
    pub fn root(&mut self, size: u64) -> Result<Hash, S::Error> {
        if size == 0 {
            return Ok(super::super::hash::empty_root());
        }
        self.range_root(0, size)
    }

    /// The inclusion proof (RFC 9162 §2.1.3.1 PATH) of leaf `index` in the tree of `size`
    /// leaves (`index < size <= log_size`).
    ///
    /// # Errors
    /// When a tile cannot be read.
    pub fn inclusion(&mut self, index: u64, size: u64) -> Result<Vec<Hash>, S::Error> {
        let mut out = Vec::new();
        self.path(index, 0, size, &mut out)?;
        Ok(out)
    }

    fn path(&mut self, m: u64, lo: u64, hi: u64, out: &mut Vec<Hash>) -> Result<(), S::Error> {
        let n = hi - lo;
        if n <= 1 {
            return Ok(());
        }
        let k = split_point(n);
        if m - lo < k {
            self.path(m, lo, lo + k, out)?;
            out.push(self.range_root(lo + k, hi)?);
        } else {
            self.path(m, lo + k, hi, out)?;
            out.push(self.range_root(lo, lo + k)?);
        }
        Ok(())
    }

    /// The consistency proof (RFC 9162 §2.1.4.1 PROOF) from `size1` to `size2` leaves
    /// (`0 < size1 <= size2 <= log_size`; empty when the sizes are equal).
    ///
    /// # Errors
    /// When a tile cannot be read.
    pub fn consistency(&mut self, size1: u64, size2: u64) -> Result<Vec<Hash>, S::Error> {
        let mut out = Vec::new();
        if size1 > 0 && size1 < size2 {
            self.subproof(size1, 0, size2, true, &mut out)?;
        }
        Ok(out)
    }

    fn subproof(
        &mut self,
        m: u64,
        lo: u64,
        hi: u64,
        complete: bool,
        out: &mut Vec<Hash>,
    ) -> Result<(), S::Error> {
        let n = hi - lo;
        if m == n {
            if !complete {
                out.push(self.range_root(lo, hi)?);
            }
            return Ok(());
        }
        let k = split_point(n);
        if m <= k {
            self.subproof(m, lo, lo + k, complete, out)?;
            out.push(self.range_root(lo + k, hi)?);
        } else {
            self.subproof(m - k, lo + k, hi, false, out)?;
            out.push(self.range_root(lo, lo + k)?);
        }
        Ok(())
    }
}

//! The right edge of the tree: the hashes of the partial tile at every level. It is all the
//! state integration needs (at most 255 hashes a level), rebuilt on open from the partial tiles.

use super::hash::{Hash, node_hash, subtree_root};
use super::layout::TILE_WIDTH;

/// The partial tile at each level (`levels[l]` holds ⌊size/256^l⌋ mod 256 hashes).
#[derive(Debug, Clone, Default)]
pub(crate) struct RightEdge {
    pub(crate) levels: Vec<Vec<Hash>>,
}

impl RightEdge {
    /// Appends a leaf hash; calls `full` with (level, hashes) for every tile it completes,
    /// lowest level first.
    pub(crate) fn push<E>(
        &mut self,
        leaf: Hash,
        mut full: impl FnMut(u8, &[Hash]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut hash = leaf;
        let mut level = 0usize;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::with_capacity(TILE_WIDTH as usize));
            }
            let row = &mut self.levels[level];
            row.push(hash);
            if row.len() as u64 != TILE_WIDTH {
                return Ok(());
            }
            full(level as u8, row)?;
            hash = subtree_root(row);
            row.clear();
            level += 1;
        }
    }

    /// The tree root: the perfect subtrees of every partial tile, highest level first, folded
    /// from the right (RFC 9162 MTH over the compact range).
    pub(crate) fn root(&self) -> Option<Hash> {
        let mut acc: Option<Hash> = None;
        for row in &self.levels {
            // Within a row, perfect subtrees run largest (leftmost) to smallest (rightmost):
            // fold the smallest first.
            let mut end = row.len();
            while end > 0 {
                let size = 1usize << end.trailing_zeros();
                let start = end - size;
                let sub = subtree_root(&row[start..end]);
                acc = Some(match acc {
                    None => sub,
                    Some(right) => node_hash(&sub, &right),
                });
                end = start;
            }
        }
        acc
    }
}

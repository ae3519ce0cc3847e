//! Tile contents (C2SP tlog-tiles): hash tiles are concatenated 32-byte hashes; entry bundles
//! are repeated `u16 BE length ‖ entry`.

use super::hash::{HASH_SIZE, Hash};

/// The largest entry an entry bundle can hold (its length prefix is a big-endian u16).
pub const MAX_ENTRY_SIZE: usize = u16::MAX as usize;

/// The most hashes in a hash tile and entries in an entry bundle (C2SP tlog-tiles: 2^8).
pub const MAX_TILE_WIDTH: usize = super::layout::TILE_WIDTH as usize;

/// The largest hash tile, in bytes: 256 hashes.
pub const MAX_HASH_TILE_BYTES: usize = MAX_TILE_WIDTH * HASH_SIZE;

/// The largest entry bundle, in bytes: 256 entries of [`MAX_ENTRY_SIZE`] with their length
/// prefixes (about 16 MiB). Listed in `docs/LIMITS.md`.
pub const MAX_ENTRY_BUNDLE_BYTES: usize = MAX_TILE_WIDTH * (2 + MAX_ENTRY_SIZE);

/// A tile or entry bundle whose bytes are malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TileError {
    /// A width outside 1..=256 ([`MAX_TILE_WIDTH`]).
    #[error("tile {path}: width {width} is not in 1..=256")]
    Width {
        /// The tile.
        path: String,
        /// The width asked for.
        width: usize,
    },
    /// An entry bundle larger than [`MAX_ENTRY_BUNDLE_BYTES`] for its width, refused before
    /// it is split.
    #[error("entry bundle {path} is {actual} bytes, more than the {limit} its width allows")]
    BundleTooLarge {
        /// The bundle.
        path: String,
        /// Its length.
        actual: usize,
        /// width × (2 + 65,535).
        limit: usize,
    },
    /// A hash tile is not exactly width × 32 bytes.
    #[error("hash tile {path} is {actual} bytes, {expected} expected (width × 32)")]
    HashTileLength {
        /// The tile.
        path: String,
        /// width × 32.
        expected: usize,
        /// Its length.
        actual: usize,
    },
    /// An entry bundle ends inside a length prefix or an entry.
    #[error("entry bundle {path} is truncated in entry {entry}")]
    BundleTruncated {
        /// The bundle.
        path: String,
        /// The entry being read.
        entry: usize,
    },
    /// An entry bundle holds a different number of entries than its width.
    #[error("entry bundle {path} holds {actual} entries, {expected} expected")]
    BundleCount {
        /// The bundle.
        path: String,
        /// Its width.
        expected: usize,
        /// What it holds (counting up to the first byte beyond the expected entries).
        actual: usize,
    },
}

/// The bytes of a hash tile.
#[must_use]
pub fn encode_hashes(hashes: &[Hash]) -> Vec<u8> {
    hashes.concat()
}

fn check_width(path: &str, width: usize) -> Result<(), TileError> {
    if width == 0 || width > MAX_TILE_WIDTH {
        return Err(TileError::Width {
            path: path.to_owned(),
            width,
        });
    }
    Ok(())
}

/// Parses a hash tile of `width` hashes.
///
/// # Errors
/// [`TileError::Width`] for a width outside 1..=256, [`TileError::HashTileLength`] when the
/// length is not `width × 32`.
pub fn decode_hashes(path: &str, bytes: &[u8], width: usize) -> Result<Vec<Hash>, TileError> {
    check_width(path, width)?;
    if bytes.len() != width * HASH_SIZE {
        return Err(TileError::HashTileLength {
            path: path.to_owned(),
            expected: width * HASH_SIZE,
            actual: bytes.len(),
        });
    }
    Ok(bytes
        .chunks_exact(HASH_SIZE)
        .map(|c| {
            let mut h = [0u8; HASH_SIZE];
            h.copy_from_slice(c);
            h
        })
        .collect())
}

/// Appends one entry, length-prefixed, to a bundle. The caller has checked
/// `entry.len() <= MAX_ENTRY_SIZE`.
pub fn push_entry(bundle: &mut Vec<u8>, entry: &[u8]) {
    let len = u16::try_from(entry.len()).unwrap_or(u16::MAX);
    bundle.extend_from_slice(&len.to_be_bytes());
    bundle.extend_from_slice(entry);
}

/// Parses an entry bundle of exactly `width` entries.
///
/// # Errors
/// [`TileError::Width`] for a width outside 1..=256, [`TileError::BundleTooLarge`],
/// [`TileError::BundleTruncated`] or [`TileError::BundleCount`].
pub fn decode_bundle(path: &str, bytes: &[u8], width: usize) -> Result<Vec<Vec<u8>>, TileError> {
    check_width(path, width)?;
    let limit = width * (2 + MAX_ENTRY_SIZE);
    if bytes.len() > limit {
        return Err(TileError::BundleTooLarge {
            path: path.to_owned(),
            actual: bytes.len(),
            limit,
        });
    }
    let mut entries = Vec::with_capacity(width);
    let mut rest = bytes;
    while !rest.is_empty() {
        if entries.len() == width {
            return Err(TileError::BundleCount {
                path: path.to_owned(),
                expected: width,
                actual: width + 1,
            });
        }
        let truncated = || TileError::BundleTruncated {
            path: path.to_owned(),
            entry: entries.len(),
        };
        let (len, body) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        let len = usize::from(u16::from_be_bytes(*len));
        if body.len() < len {
            return Err(truncated());
        }
        entries.push(body[..len].to_vec());
        rest = &body[len..];
    }
    if entries.len() != width {
        return Err(TileError::BundleCount {
            path: path.to_owned(),
            expected: width,
            actual: entries.len(),
        });
    }
    Ok(entries)
}

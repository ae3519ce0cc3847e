//! Scanning new entries (rekor-monitor `GetEntriesByIndexRange`): the entry bundles
//! (`tile/entries/<N>[.p/<W>]`, c2sp.org/tlog-tiles) covering `[start, end)` at the current
//! tree size, each entry parsed as `hashedrekord` 0.0.2 JSON or a hash-only identity leaf
//! and given to the [`Matcher`]. Entries that parse as neither are reported as failed, as
//! rekor-monitor does, and the scan goes on.

use std::ops::Range;

use crate::entry::{HashedRekordV002, IDENTITY_LEAF_VERSION, IdentityLeaf};
use crate::log::bundle::decode_bundle;
use crate::log::hash::leaf_hash;
use crate::log::layout::{TILE_WIDTH, entries_path, tile_width};
use crate::log::proof::{ProofBuilder, verify_inclusion};
use crate::log::{CheckpointBody, Hash};

use super::MonitorError;
use super::consistency::FetchedTiles;
use super::fetch::TileFetcher;
use super::matcher::{Match, Matcher};

/// An entry the monitor could not read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FailedEntry {
    /// Its index.
    pub index: u64,
    /// Why.
    pub error: String,
}

/// What one entry bundle gave.
#[derive(Debug, Clone, Default)]
pub struct BundleScan {
    /// Entries of the range scanned in this bundle.
    pub entries: Range<u64>,
    /// Matches, in index order.
    pub matches: Vec<Match>,
    /// Entries that could not be parsed.
    pub failed: Vec<FailedEntry>,
}

/// The entry bundles covering `range` in a tree of `size` entries: (bundle index, width,
/// the part of the range in it).
#[must_use]
pub fn bundles(range: Range<u64>, size: u64) -> Vec<(u64, u16, Range<u64>)> {
    if range.start >= range.end {
        return Vec::new();
    }
    let first = range.start / TILE_WIDTH;
    let last = (range.end - 1) / TILE_WIDTH;
    (first..=last)
        .filter_map(|n| {
            let width = tile_width(0, n, size)?;
            let lo = (n * TILE_WIDTH).max(range.start);
            let hi = (n * TILE_WIDTH + u64::from(width)).min(range.end);
            Some((n, width, lo..hi))
        })
        .collect()
}

/// Matches one entry's bytes.
///
/// # Errors
/// A [`FailedEntry`] when the bytes are neither a `hashedrekord` nor an identity leaf, or
/// its certificate does not decode.
pub fn match_entry(
    matcher: &Matcher,
    index: u64,
    entry: &[u8],
) -> Result<Option<Match>, FailedEntry> {
    let failed = |error: String| FailedEntry { index, error };
    match entry.first() {
        Some(b'{') => {
            let parsed = HashedRekordV002::parse(entry).map_err(|e| failed(e.to_string()))?;
            matcher
                .match_hashedrekord(index, &parsed)
                .map_err(|e| failed(format!("certificate: {e}")))
        }
        Some(&IDENTITY_LEAF_VERSION) => {
            let leaf = IdentityLeaf::parse(entry).map_err(|e| failed(e.to_string()))?;
            Ok(matcher.match_identity_leaf(index, &leaf))
        }
        _ => Err(failed(
            "neither hashedrekord JSON nor an identity leaf".to_owned(),
        )),
    }
}

/// Checks that each entry of `part` is in the tree of `tree` (an RFC 9162 inclusion proof
/// built from the served hash tiles, verified against the signed root).
fn verify_entries<F: TileFetcher + ?Sized>(
    fetcher: &mut F,
    tree: &CheckpointBody,
    first: u64,
    entries: &[Vec<u8>],
    part: Range<u64>,
) -> Result<(), MonitorError> {
    let mut builder = ProofBuilder::new(FetchedTiles { fetcher }, tree.size);
    for index in part {
        let leaf: Hash = leaf_hash(&entries[(index - first) as usize]);
        let proof = builder.inclusion(index, tree.size)?;
        verify_inclusion(index, tree.size, &leaf, &proof, &tree.root)
            .map_err(|_| MonitorError::EntryNotInTree { index })?;
    }
    Ok(())
}

/// Fetches entry bundle `n` of `width` entries and matches the entries of `part`; with
/// `verify` (the signed tree), first proves each of them included in that tree.
///
/// # Errors
/// A bundle that cannot be fetched or is malformed; [`MonitorError::EntryNotInTree`].
pub fn scan_bundle<F: TileFetcher + ?Sized>(
    fetcher: &mut F,
    matcher: &Matcher,
    n: u64,
    width: u16,
    part: Range<u64>,
    verify: Option<&CheckpointBody>,
) -> Result<BundleScan, MonitorError> {
    let path = entries_path(n, width);
    let bytes = fetcher.fetch(&path)?;
    let entries = decode_bundle(&path, &bytes, usize::from(width))?;
    if let Some(tree) = verify {
        verify_entries(fetcher, tree, n * TILE_WIDTH, &entries, part.clone())?;
    }
    let mut scan = BundleScan {
        entries: part.clone(),
        ..BundleScan::default()
    };
    for index in part {
        let entry = &entries[(index - n * TILE_WIDTH) as usize];
        match match_entry(matcher, index, entry) {
            Ok(Some(m)) => scan.matches.push(m),
            Ok(None) => {}
            Err(f) => scan.failed.push(f),
        }
    }
    Ok(scan)
}

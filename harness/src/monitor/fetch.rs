//! The monitor's only view of the log: what a static HTTP server of a C2SP tlog-tiles log
//! serves (<https://c2sp.org/tlog-tiles>): `<prefix>/checkpoint`, hash tiles
//! `<prefix>/tile/<L>/<N>[.p/<W>]` and entry bundles `<prefix>/tile/entries/<N>[.p/<W>]`.
//! [`TileFetcher`] is that narrow interface; [`DirFetcher`] serves it from a log directory
//! (refusing every other name, e.g. `.pqlab/`), and [`CountingFetcher`] counts every byte
//! fetched, by object kind and tile level ([`Egress`]).

use std::path::{Path, PathBuf};

use crate::log::layout::{CHECKPOINT_PATH, TileKind, parse_path};

/// A fetch that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The name is neither `checkpoint` nor a tile or entry-bundle path: a static tlog-tiles
    /// server does not serve it.
    #[error("{0:?} is not a tlog-tiles object name")]
    NotServed(String),
    /// The object does not exist (HTTP 404).
    #[error("{0} not found")]
    NotFound(String),
    /// The object exists but could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The object name.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Fetches tlog-tiles objects by name (relative to the log prefix).
pub trait TileFetcher {
    /// The bytes of object `name` (`checkpoint`, `tile/...`).
    ///
    /// # Errors
    /// [`FetchError::NotServed`], [`FetchError::NotFound`] or [`FetchError::Io`].
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError>;
}

impl<T: TileFetcher + ?Sized> TileFetcher for &mut T {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError> {
        (**self).fetch(name)
    }
}

/// Checks that `name` is an object a tlog-tiles server serves.
///
/// # Errors
/// [`FetchError::NotServed`].
pub fn check_served(name: &str) -> Result<TileKindOrCheckpoint, FetchError> {
    if name == CHECKPOINT_PATH {
        return Ok(TileKindOrCheckpoint::Checkpoint);
    }
    match parse_path(name) {
        Ok(tile) => Ok(TileKindOrCheckpoint::Tile(tile.kind)),
        Err(_) => Err(FetchError::NotServed(name.to_owned())),
    }
}

/// What a served object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileKindOrCheckpoint {
    /// The checkpoint.
    Checkpoint,
    /// A hash tile (with its level) or an entry bundle.
    Tile(TileKind),
}

/// Serves a log directory as a static file server would: only the checkpoint and `tile/...`.
#[derive(Debug, Clone)]
pub struct DirFetcher {
    root: PathBuf,
}

impl DirFetcher {
    /// A fetcher over the log directory `root` (the directory holding `checkpoint`).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The log directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl TileFetcher for DirFetcher {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError> {
        check_served(name)?;
        let path = self.root.join(name);
        std::fs::read(&path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                FetchError::NotFound(name.to_owned())
            } else {
                FetchError::Io {
                    path: name.to_owned(),
                    source,
                }
            }
        })
    }
}

/// Bytes fetched, by object kind: the response bodies, as a static server sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Egress {
    /// Checkpoint bytes.
    pub checkpoint_bytes: u64,
    /// Hash tile bytes per level (index = level).
    pub tile_bytes: Vec<u64>,
    /// Entry bundle bytes.
    pub entry_bundle_bytes: u64,
    /// Objects fetched.
    pub requests: u64,
}

impl Egress {
    /// Every byte fetched.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.checkpoint_bytes + self.tile_bytes.iter().sum::<u64>() + self.entry_bundle_bytes
    }

    /// Hash tile bytes of every level.
    #[must_use]
    pub fn all_tile_bytes(&self) -> u64 {
        self.tile_bytes.iter().sum()
    }

    /// Adds `other` to this count.
    pub fn add(&mut self, other: &Egress) {
        self.checkpoint_bytes += other.checkpoint_bytes;
        self.entry_bundle_bytes += other.entry_bundle_bytes;
        self.requests += other.requests;
        if self.tile_bytes.len() < other.tile_bytes.len() {
            self.tile_bytes.resize(other.tile_bytes.len(), 0);
        }
        for (a, b) in self.tile_bytes.iter_mut().zip(&other.tile_bytes) {
            *a += b;
        }
    }
}

/// Wraps a fetcher and counts every byte it returns.
#[derive(Debug)]
pub struct CountingFetcher<F> {
    inner: F,
    egress: Egress,
}

impl<F: TileFetcher> CountingFetcher<F> {
    /// Counts what `inner` fetches.
    pub fn new(inner: F) -> Self {
        Self {
            inner,
            egress: Egress::default(),
        }
    }

    /// What was fetched so far.
    #[must_use]
    pub fn egress(&self) -> &Egress {
        &self.egress
    }

    /// Gives back the wrapped fetcher.
    pub fn into_inner(self) -> F {
        self.inner
    }
}

impl<F: TileFetcher> TileFetcher for CountingFetcher<F> {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError> {
        let kind = check_served(name)?;
        let bytes = self.inner.fetch(name)?;
        let len = bytes.len() as u64;
        self.egress.requests += 1;
        match kind {
            TileKindOrCheckpoint::Checkpoint => self.egress.checkpoint_bytes += len,
            TileKindOrCheckpoint::Tile(TileKind::Entries) => self.egress.entry_bundle_bytes += len,
            TileKindOrCheckpoint::Tile(TileKind::Hashes { level }) => {
                let level = usize::from(level);
                if self.egress.tile_bytes.len() <= level {
                    self.egress.tile_bytes.resize(level + 1, 0);
                }
                self.egress.tile_bytes[level] += len;
            }
        }
        Ok(bytes)
    }
}

/// Keeps the hash tiles fetched during one run, so the consistency proof and the entry
/// verification fetch each tile once (a tile's name fixes its content: full tiles never
/// change and a partial tile is named by its width). Entry bundles and the checkpoint are
/// not cached.
#[derive(Debug)]
pub struct TileCache<F> {
    inner: F,
    tiles: std::collections::HashMap<String, Vec<u8>>,
}

impl<F: TileFetcher> TileCache<F> {
    /// A cache in front of `inner`.
    pub fn new(inner: F) -> Self {
        Self {
            inner,
            tiles: std::collections::HashMap::new(),
        }
    }

    /// The wrapped fetcher.
    #[must_use]
    pub fn inner(&self) -> &F {
        &self.inner
    }
}

impl<F: TileFetcher> TileFetcher for TileCache<F> {
    fn fetch(&mut self, name: &str) -> Result<Vec<u8>, FetchError> {
        if !matches!(
            check_served(name)?,
            TileKindOrCheckpoint::Tile(TileKind::Hashes { .. })
        ) {
            return self.inner.fetch(name);
        }
        if let Some(bytes) = self.tiles.get(name) {
            return Ok(bytes.clone());
        }
        let bytes = self.inner.fetch(name)?;
        self.tiles.insert(name.to_owned(), bytes.clone());
        Ok(bytes)
    }
}

//! Every object name of a C2SP tlog-tiles log (<https://c2sp.org/tlog-tiles>): the checkpoint,
//! hash tiles `tile/<L>/<N>[.p/<W>]` and entry bundles `tile/entries/<N>[.p/<W>]`. N is
//! written in 3-digit groups, all but the last prefixed `x` (1234067 → `x001/x234/067`).
//!
//! All paths the log reads or writes come from this module. The Go sumdb variant
//! (`tile/<H>/<L>/<N>`, `tile/<H>/data/<N>`) is parsed by [`parse_sumdb_path`] for interop
//! checks only; the log never writes it.

/// Tile height: each tile spans 8 levels of the tree (C2SP tlog-tiles).
pub const TILE_HEIGHT: u32 = 8;
/// Hashes (or entries) in a full tile.
pub const TILE_WIDTH: u64 = 1 << TILE_HEIGHT;
/// The highest tile level a path may name.
pub const MAX_LEVEL: u8 = 63;
/// The checkpoint's object name.
pub const CHECKPOINT_PATH: &str = "checkpoint";

/// A path that does not name a tlog-tiles object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutError {
    /// The path does not start with `tile/`.
    #[error("path {0:?} does not start with \"tile/\"")]
    NotATile(String),
    /// The level is not a decimal number in 0..=63 (or `entries`).
    #[error("tile level {0:?} is not a number in 0..=63")]
    Level(String),
    /// An index group is not three digits, or its `x` prefix is missing or misplaced.
    #[error("tile index group {0:?} is not three digits with an x prefix on all but the last")]
    IndexGroup(String),
    /// The index is missing or overflows 64 bits.
    #[error("tile index {0:?} is missing or does not fit in 64 bits")]
    Index(String),
    /// The partial width is not a decimal number in 1..=255 (or in 1..2^H-1 for sumdb).
    #[error("partial tile width {0:?} is not a number in 1..=255")]
    Width(String),
    /// The sumdb tile height is not a number in 1..=30.
    #[error("sumdb tile height {0:?} is not a number in 1..=30")]
    Height(String),
}

/// What a tile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TileKind {
    /// Hashes of complete subtrees of 256^level leaves (level 0 = leaf hashes).
    Hashes {
        /// The tile level, 0..=63.
        level: u8,
    },
    /// An entry bundle: the entries of the leaves of the level-0 tile with the same index.
    Entries,
}

/// One tile or entry bundle: its kind, its index N within its level, and its width
/// (1..=256; 256 is a full tile, written without the `.p/<W>` suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TileId {
    /// Hash tile (with level) or entry bundle.
    pub kind: TileKind,
    /// N, the index of the tile within its level.
    pub index: u64,
    /// How many hashes (entries) it holds, 1..=256.
    pub width: u16,
}

impl TileId {
    /// Whether the tile holds all 256 hashes (entries).
    #[must_use]
    pub fn is_full(&self) -> bool {
        u64::from(self.width) == TILE_WIDTH
    }

    /// Its path relative to the log prefix.
    #[must_use]
    pub fn path(&self) -> String {
        let level = match self.kind {
            TileKind::Hashes { level } => level.to_string(),
            TileKind::Entries => "entries".to_owned(),
        };
        let mut path = format!("tile/{level}/{}", encode_index(self.index));
        if !self.is_full() {
            path.push_str(&format!(".p/{}", self.width));
        }
        path
    }
}

/// The path of the hash tile at `level`, index `index`, holding `width` hashes (1..=256).
#[must_use]
pub fn tile_path(level: u8, index: u64, width: u16) -> String {
    TileId {
        kind: TileKind::Hashes { level },
        index,
        width,
    }
    .path()
}

/// The path of the entry bundle with index `index` holding `width` entries (1..=256).
#[must_use]
pub fn entries_path(index: u64, width: u16) -> String {
    TileId {
        kind: TileKind::Entries,
        index,
        width,
    }
    .path()
}

/// How many hashes a level-`level` row has in a tree of `size` leaves: ⌊size / 256^level⌋.
#[must_use]
pub fn row_len(level: u8, size: u64) -> u64 {
    let shift = u32::from(level) * TILE_HEIGHT;
    if shift >= 64 { 0 } else { size >> shift }
}

/// The width of the tile with index `index` at `level` in a tree of `size` leaves: 256 for a
/// full tile, the partial width ⌊size/256^level⌋ mod 256 for the last one, `None` when the
/// tree has no such tile.
#[must_use]
pub fn tile_width(level: u8, index: u64, size: u64) -> Option<u16> {
    let row = row_len(level, size);
    let start = index.checked_mul(TILE_WIDTH)?;
    if row <= start {
        return None;
    }
    Some(u16::try_from((row - start).min(TILE_WIDTH)).unwrap_or(256))
}

/// The partial width at `level` in a tree of `size` leaves: ⌊size/256^level⌋ mod 256
/// (0: the level has no partial tile).
#[must_use]
pub fn partial_width(level: u8, size: u64) -> u16 {
    (row_len(level, size) % TILE_WIDTH) as u16
}

/// The tile for tree size `size` that holds hash `position` of row `level` (full, or the
/// partial tile at that size).
#[must_use]
pub fn tile_holding(level: u8, position: u64, size: u64) -> Option<TileId> {
    let index = position / TILE_WIDTH;
    let width = tile_width(level, index, size)?;
    Some(TileId {
        kind: TileKind::Hashes { level },
        index,
        width,
    })
}

/// N in 3-digit groups, every group but the last prefixed `x`.
#[must_use]
pub fn encode_index(index: u64) -> String {
    let mut groups = Vec::new();
    let mut n = index;
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let last = groups.len() - 1;
    groups
        .iter()
        .rev()
        .enumerate()
        .map(|(i, g)| {
            if i == last {
                format!("{g:03}")
            } else {
                format!("x{g:03}")
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Parses the index groups of a tile path.
///
/// # Errors
/// [`LayoutError::IndexGroup`] for a malformed group, [`LayoutError::Index`] when there is none
/// or the value overflows 64 bits.
pub fn parse_index(groups: &[&str]) -> Result<u64, LayoutError> {
    let joined = groups.join("/");
    let Some((last, init)) = groups.split_last() else {
        return Err(LayoutError::Index(joined));
    };
    let mut value: u64 = 0;
    for (prefixed, text) in init.iter().map(|g| (true, *g)).chain([(false, *last)]) {
        let digits = if prefixed {
            text.strip_prefix('x')
                .ok_or_else(|| LayoutError::IndexGroup(text.to_owned()))?
        } else {
            text
        };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LayoutError::IndexGroup(text.to_owned()));
        }
        let g: u64 = digits
            .parse()
            .map_err(|_| LayoutError::IndexGroup(text.to_owned()))?;
        value = value
            .checked_mul(1000)
            .and_then(|v| v.checked_add(g))
            .ok_or_else(|| LayoutError::Index(joined.clone()))?;
    }
    Ok(value)
}

fn parse_decimal(text: &str, max: u64) -> Option<u64> {
    if text.is_empty()
        || !text.bytes().all(|b| b.is_ascii_digit())
        || (text.len() > 1 && text.starts_with('0'))
    {
        return None;
    }
    text.parse::<u64>().ok().filter(|v| *v <= max)
}

/// Splits `<groups>[.p/<W>]` into index and width (256 when not partial).
fn parse_index_and_width(rest: &str, max_width: u64) -> Result<(u64, u64), LayoutError> {
    let (index_text, width) = match rest.split_once(".p/") {
        Some((index_text, width_text)) => {
            let width = parse_decimal(width_text, max_width - 1)
                .filter(|w| *w >= 1)
                .ok_or_else(|| LayoutError::Width(width_text.to_owned()))?;
            (index_text, width)
        }
        None if rest.ends_with(".p") => return Err(LayoutError::Width(String::new())),
        None => (rest, max_width),
    };
    let groups: Vec<&str> = index_text.split('/').collect();
    Ok((parse_index(&groups)?, width))
}

/// Parses a C2SP tile or entry-bundle path (`tile/<L>/<N>[.p/<W>]`, `tile/entries/...`).
///
/// # Errors
/// A [`LayoutError`] naming the malformed part.
pub fn parse_path(path: &str) -> Result<TileId, LayoutError> {
    let rest = path
        .strip_prefix("tile/")
        .ok_or_else(|| LayoutError::NotATile(path.to_owned()))?;
    let (level_text, rest) = rest
        .split_once('/')
        .ok_or_else(|| LayoutError::Index(path.to_owned()))?;
    let kind = if level_text == "entries" {
        TileKind::Entries
    } else {
        let level = parse_decimal(level_text, u64::from(MAX_LEVEL))
            .ok_or_else(|| LayoutError::Level(level_text.to_owned()))?;
        TileKind::Hashes { level: level as u8 }
    };
    let (index, width) = parse_index_and_width(rest, TILE_WIDTH)?;
    Ok(TileId {
        kind,
        index,
        width: width as u16,
    })
}

/// A tile named in the Go sumdb layout (`tile/<H>/<L>/<N>[.p/<W>]`, level `data` = -1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SumdbTile {
    /// Tile height H.
    pub height: u8,
    /// Level L, -1 for `data`.
    pub level: i8,
    /// Index N.
    pub index: u64,
    /// Width W (2^H for a full tile).
    pub width: u64,
}

/// Parses a Go sumdb tile path (`golang.org/x/mod/sumdb/tlog.ParseTilePath`), used to check
/// that the index encoding is shared with Go's.
///
/// # Errors
/// A [`LayoutError`] naming the malformed part.
pub fn parse_sumdb_path(path: &str) -> Result<SumdbTile, LayoutError> {
    let rest = path
        .strip_prefix("tile/")
        .ok_or_else(|| LayoutError::NotATile(path.to_owned()))?;
    let (height_text, rest) = rest
        .split_once('/')
        .ok_or_else(|| LayoutError::Index(path.to_owned()))?;
    let height = parse_decimal(height_text, 30)
        .filter(|h| *h >= 1)
        .ok_or_else(|| LayoutError::Height(height_text.to_owned()))?;
    let (level_text, rest) = rest
        .split_once('/')
        .ok_or_else(|| LayoutError::Index(path.to_owned()))?;
    let level = if level_text == "data" {
        -1
    } else {
        parse_decimal(level_text, u64::from(MAX_LEVEL))
            .ok_or_else(|| LayoutError::Level(level_text.to_owned()))? as i8
    };
    let (index, width) = parse_index_and_width(rest, 1 << height)?;
    Ok(SumdbTile {
        height: height as u8,
        level,
        index,
        width,
    })
}

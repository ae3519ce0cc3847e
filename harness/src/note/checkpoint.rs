//! Checkpoint bodies (c2sp.org/tlog-checkpoint §"Note text"): origin line, decimal tree size,
//! base64 root hash, optional non-empty extension lines.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::NoteError;

/// The root hash of the empty tree, SHA-256 of the empty string (RFC 9162 §2.1.1).
pub const EMPTY_TREE_ROOT: [u8; 32] = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

/// A parsed, validated checkpoint body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's origin (first line, without its newline).
    pub origin: String,
    /// The tree size.
    pub size: u64,
    /// The Merkle tree root hash (SHA-256).
    pub root_hash: [u8; 32],
    /// Extension lines, without newlines; each non-empty (NOT RECOMMENDED by the spec).
    pub extensions: Vec<String>,
}

fn malformed(reason: impl Into<String>) -> NoteError {
    NoteError::MalformedCheckpoint {
        reason: reason.into(),
    }
}

impl Checkpoint {
    /// A checkpoint for a log pqlab creates: the origin must be non-empty, have no white
    /// space and not end in ` - <digits>` (sigstore-go takes such origins for Rekor v1).
    ///
    /// # Errors
    /// [`NoteError::InvalidOrigin`].
    pub fn new(origin: &str, size: u64, root_hash: [u8; 32]) -> Result<Self, NoteError> {
        validate_new_origin(origin)?;
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root_hash,
            extensions: Vec::new(),
        })
    }

    /// Parses a checkpoint body (the text of a signed note). Strict: a 32-byte root, a size in
    /// decimal without leading zeros or sign that fits u64, a non-empty origin, non-empty
    /// extension lines, the body ending in a newline.
    ///
    /// # Errors
    /// [`NoteError::MalformedCheckpoint`] naming the line that is wrong.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| malformed("does not end with a newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        let size = lines.next().ok_or_else(|| malformed("no size line"))?;
        let root = lines.next().ok_or_else(|| malformed("no root hash line"))?;
        if origin.is_empty() {
            return Err(malformed("empty origin line"));
        }
        if origin.chars().any(char::is_control) {
            return Err(malformed("origin has a control character"));
        }
        let size = parse_size(size)?;
        let root = STANDARD
            .decode(root)
            .map_err(|e| malformed(format!("root hash is not base64: {e}")))?;
        let root_hash: [u8; 32] = root
            .as_slice()
            .try_into()
            .map_err(|_| malformed(format!("root hash is {} bytes, not 32", root.len())))?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(malformed("empty extension line"));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root_hash,
            extensions,
        })
    }

    /// The body text (what the log signs), ending in a newline.
    #[must_use]
    pub fn format(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root_hash)
        );
        for ext in &self.extensions {
            out.push_str(ext);
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format())
    }
}

fn parse_size(line: &str) -> Result<u64, NoteError> {
    if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(format!("size {line:?} is not ASCII decimal")));
    }
    if line.len() > 1 && line.starts_with('0') {
        return Err(malformed(format!("size {line:?} has a leading zero")));
    }
    line.parse()
        .map_err(|_| malformed(format!("size {line:?} overflows u64")))
}

/// Origin rules for logs pqlab runs (see [`Checkpoint::new`]).
pub(crate) fn validate_new_origin(origin: &str) -> Result<(), NoteError> {
    let reason = if origin.is_empty() {
        Some("empty")
    } else if origin.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("contains white space")
    } else if origin.ends_with('/') {
        Some("ends with '/'")
    } else if looks_like_rekor_v1(origin) {
        Some("ends in ' - <digits>', which verifiers take for a Rekor v1 tree ID")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(NoteError::InvalidOrigin {
            origin: origin.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

fn looks_like_rekor_v1(origin: &str) -> bool {
    match origin.rsplit_once(" - ") {
        Some((_, digits)) => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

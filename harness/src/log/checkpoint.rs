//! The log's checkpoints (C2SP tlog-checkpoint, <https://c2sp.org/tlog-checkpoint>): the body
//! text the log commits to, and the authority that wraps it in a C2SP signed note. The log
//! never signs or parses notes itself; it goes through [`CheckpointAuthority`].

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::hash::Hash;

/// Signs and verifies the log's checkpoints (C2SP tlog-checkpoint inside a C2SP signed note).
pub trait CheckpointAuthority: Send + Sync {
    /// The log's origin line.
    fn origin(&self) -> &str;
    /// Signs `body` (the checkpoint text: origin, size, base64 root, each ending in '\n') and
    /// returns the complete signed note (body, blank line, signature lines).
    ///
    /// # Errors
    /// When signing fails.
    fn sign(&self, body: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>>;
    /// Verifies a signed note against the log's key(s) and returns its body text.
    ///
    /// # Errors
    /// When no valid signature by the log's key is found or the note is malformed.
    fn verify(&self, note: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>>;
}

/// A checkpoint body that is not `origin\nsize\nbase64(root)\n`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// Fewer than three lines, or the last line does not end in a newline.
    #[error("checkpoint body needs three newline-terminated lines (origin, size, root)")]
    Lines,
    /// The origin line is empty.
    #[error("checkpoint origin is empty")]
    EmptyOrigin,
    /// The origin is not the log's.
    #[error("checkpoint origin {found:?} is not the log's origin {expected:?}")]
    Origin {
        /// The log's origin.
        expected: String,
        /// The checkpoint's.
        found: String,
    },
    /// The size is not a decimal number without leading zeros.
    #[error("checkpoint size {0:?} is not a decimal number without leading zeros")]
    Size(String),
    /// The root is not the base64 of 32 bytes.
    #[error("checkpoint root {0:?} is not the base64 of a 32-byte hash")]
    Root(String),
}

/// The three mandatory lines of a checkpoint (extension lines, NOT RECOMMENDED, are kept
/// verbatim but never written by this log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointBody {
    /// The log's origin.
    pub origin: String,
    /// The tree size.
    pub size: u64,
    /// The tree root.
    pub root: Hash,
    /// Extension lines after the root, without their newlines.
    pub extensions: Vec<String>,
}

impl CheckpointBody {
    /// A body without extension lines.
    #[must_use]
    pub fn new(origin: &str, size: u64, root: Hash) -> Self {
        Self {
            origin: origin.to_owned(),
            size,
            root,
            extensions: Vec::new(),
        }
    }

    /// The body text: each line ends in `\n`.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root)
        );
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Parses a checkpoint body.
    ///
    /// # Errors
    /// The [`CheckpointError`] naming the malformed line.
    pub fn parse(text: &str) -> Result<Self, CheckpointError> {
        let body = text.strip_suffix('\n').ok_or(CheckpointError::Lines)?;
        let mut lines = body.split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(CheckpointError::Lines);
        };
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        let size_ok = !size.is_empty()
            && size.bytes().all(|b| b.is_ascii_digit())
            && (size == "0" || !size.starts_with('0'));
        let size_value = size
            .parse::<u64>()
            .ok()
            .filter(|_| size_ok)
            .ok_or_else(|| CheckpointError::Size(size.to_owned()))?;
        let root_bytes = STANDARD
            .decode(root)
            .map_err(|_| CheckpointError::Root(root.to_owned()))?;
        let root_hash = Hash::try_from(root_bytes.as_slice())
            .map_err(|_| CheckpointError::Root(root.to_owned()))?;
        Ok(Self {
            origin: origin.to_owned(),
            size: size_value,
            root: root_hash,
            extensions: lines.map(str::to_owned).collect(),
        })
    }
}

//! The monitor's state file: the last verified checkpoint and the next entry to scan,
//! written atomically (temporary file in the same directory, fsync, rename over the state
//! file, fsync of the directory), so a monitor killed at any instant leaves the old state or
//! the new one, never a mix. A state file that does not parse or contradicts itself is a
//! [`StateError`]; it is never replaced silently.
//!
//! Format (`pqlab.monitor-state/1`, JSON):
//!
//! ```json
//! {
//!   "format": "pqlab.monitor-state/1",
//!   "origin": "log.pqlab.example",
//!   "treeSize": 300,
//!   "rootHash": "<base64 of the 32-byte root>",
//!   "checkpoint": "<the signed checkpoint note, verbatim>",
//!   "nextIndex": 300
//! }
//! ```
//!
//! `treeSize` and `rootHash` repeat the checkpoint body (a cross-check); `nextIndex` is the
//! first entry not yet scanned for identities (`≤ treeSize`).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::log::checkpoint::CheckpointBody;
use crate::log::{CheckpointAuthority, Hash};

/// The state file's format name.
pub const STATE_FORMAT: &str = "pqlab.monitor-state/1";

/// A state file that cannot be read, is corrupt, or cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The file could not be read or written.
    #[error("state file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a monitor state: its content is named.
    #[error("state file {path} is corrupt: {reason} (not replaced; move it away to start over)")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The stored checkpoint does not verify with the log's keys (wrong key, or tampered).
    #[error(
        "state file {path}: the stored checkpoint does not verify with the log's keys: {reason}"
    )]
    CheckpointSignature {
        /// The file.
        path: PathBuf,
        /// The verifier's message.
        reason: String,
    },
    /// The state belongs to another log.
    #[error("state file {path} follows log {stored:?}, not {expected:?}")]
    OtherLog {
        /// The file.
        path: PathBuf,
        /// The origin in the state.
        stored: String,
        /// The origin of the keys.
        expected: String,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StateFile {
    format: String,
    origin: String,
    tree_size: u64,
    root_hash: String,
    checkpoint: String,
    next_index: u64,
}

/// A verified monitor state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorState {
    /// The last checkpoint verified consistent, verbatim.
    pub checkpoint: String,
    /// Its body.
    pub body: CheckpointBody,
    /// The first entry not yet scanned (`<= body.size`).
    pub next_index: u64,
}

impl MonitorState {
    /// The tree size of the stored checkpoint.
    #[must_use]
    pub fn size(&self) -> u64 {
        self.body.size
    }

    /// The root of the stored checkpoint.
    #[must_use]
    pub fn root(&self) -> Hash {
        self.body.root
    }

    /// The JSON text of the state file.
    #[must_use]
    pub fn to_json(&self) -> String {
        let file = StateFile {
            format: STATE_FORMAT.to_owned(),
            origin: self.body.origin.clone(),
            tree_size: self.body.size,
            root_hash: STANDARD.encode(self.body.root),
            checkpoint: self.checkpoint.clone(),
            next_index: self.next_index,
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Parses a state file's bytes and re-verifies its checkpoint with `keys`.
    ///
    /// # Errors
    /// [`StateError::Corrupt`], [`StateError::CheckpointSignature`] or
    /// [`StateError::OtherLog`].
    pub fn parse(
        path: &Path,
        bytes: &[u8],
        keys: &dyn CheckpointAuthority,
    ) -> Result<Self, StateError> {
        let corrupt = |reason: String| StateError::Corrupt {
            path: path.to_owned(),
            reason,
        };
        let file: StateFile = serde_json::from_slice(bytes)
            .map_err(|e| corrupt(format!("not the JSON of a monitor state: {e}")))?;
        if file.format != STATE_FORMAT {
            return Err(corrupt(format!(
                "format {:?}, expected {STATE_FORMAT:?}",
                file.format
            )));
        }
        if file.origin != keys.origin() {
            return Err(StateError::OtherLog {
                path: path.to_owned(),
                stored: file.origin,
                expected: keys.origin().to_owned(),
            });
        }
        let text = keys
            .verify(&file.checkpoint)
            .map_err(|e| StateError::CheckpointSignature {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        let body = CheckpointBody::parse(&text)
            .map_err(|e| corrupt(format!("stored checkpoint body: {e}")))?;
        if body.origin != file.origin {
            return Err(corrupt(format!(
                "checkpoint origin {:?} differs from origin {:?}",
                body.origin, file.origin
            )));
        }
        if body.size != file.tree_size || STANDARD.encode(body.root) != file.root_hash {
            return Err(corrupt(
                "treeSize/rootHash differ from the stored checkpoint".to_owned(),
            ));
        }
        if file.next_index > body.size {
            return Err(corrupt(format!(
                "nextIndex {} is beyond the tree size {}",
                file.next_index, body.size
            )));
        }
        Ok(Self {
            checkpoint: file.checkpoint,
            body,
            next_index: file.next_index,
        })
    }

    /// Loads the state at `path`; `None` when there is no file.
    ///
    /// # Errors
    /// As [`MonitorState::parse`], or [`StateError::Io`].
    pub fn load(path: &Path, keys: &dyn CheckpointAuthority) -> Result<Option<Self>, StateError> {
        match fs::read(path) {
            Ok(bytes) => Self::parse(path, &bytes, keys).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StateError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes the state to `path` atomically and durably: `<path>.tmp` written and fsynced,
    /// renamed over `path`, the directory fsynced.
    ///
    /// # Errors
    /// [`StateError::Io`]; the old state file is then intact.
    pub fn save(&self, path: &Path) -> Result<(), StateError> {
        let io = |p: &Path| {
            let p = p.to_owned();
            move |source| StateError::Io { path: p, source }
        };
        let temp = temp_path(path);
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)
            .map_err(io(&temp))?;
        file.write_all(self.to_json().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(io(&temp))?;
        drop(file);
        fs::rename(&temp, path).map_err(io(path))?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(dir))?;
        Ok(())
    }
}

/// The temporary file a save writes first: `<state>.tmp` beside the state file.
#[must_use]
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".tmp");
    path.with_file_name(name)
}

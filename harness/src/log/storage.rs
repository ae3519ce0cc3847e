//! The narrow storage driver the log writes through (like Tessera's storage drivers): named
//! objects (tile paths, entry bundles, the checkpoint) read and written whole. The tree and
//! tile code never sees a driver; only [`crate::log::Log`] holds one.

pub mod fs;
pub mod memory;

pub use fs::FsStorage;
pub use memory::MemoryStorage;

/// A storage operation that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// An I/O error on one object.
    #[error("{op} {path}: {source}")]
    Io {
        /// What was being done (read, write, sync).
        op: &'static str,
        /// The object (or directory) it was done to.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Another writer holds the log directory's lock.
    #[error("{path} is locked by another writer of the log")]
    Locked {
        /// The lock file.
        path: String,
    },
    /// The object name is not a relative path of plain components.
    #[error("object name {0:?} is not a relative path of plain components")]
    InvalidName(String),
}

/// Named-object storage for a tile log.
///
/// Contract: [`write`](LogStorage::write) replaces an object atomically (a reader, or a
/// process restarted after a crash, sees the old bytes or the new, never a mix; a driver may
/// publish it only at the next sync, but its own reads see it at once); after
/// [`sync`](LogStorage::sync) returns, every earlier write is published and survives a crash.
/// The log writes entry bundles and tiles, syncs, then writes the checkpoint and syncs again.
pub trait LogStorage: Send {
    /// The object's bytes, or `None` when it does not exist.
    ///
    /// # Errors
    /// [`StorageError`] when it exists but cannot be read.
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError>;

    /// Creates or atomically replaces the object.
    ///
    /// # Errors
    /// [`StorageError`] when it cannot be written; the old object (if any) is then intact.
    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), StorageError>;

    /// Makes every earlier write durable.
    ///
    /// # Errors
    /// [`StorageError`] when the storage cannot guarantee that.
    fn sync(&mut self) -> Result<(), StorageError>;
}

/// Checks that `name` is a relative path of plain components (no `..`, no empty parts).
///
/// # Errors
/// [`StorageError::InvalidName`].
pub fn check_name(name: &str) -> Result<(), StorageError> {
    let ok = !name.is_empty()
        && name
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'));
    if ok {
        Ok(())
    } else {
        Err(StorageError::InvalidName(name.to_owned()))
    }
}

/// A borrowed driver is a driver (so a caller can keep the storage after the log is dropped).
impl<T: LogStorage + ?Sized> LogStorage for &mut T {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, StorageError> {
        (**self).read(name)
    }

    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), StorageError> {
        (**self).write(name, data)
    }

    fn sync(&mut self) -> Result<(), StorageError> {
        (**self).sync()
    }
}
